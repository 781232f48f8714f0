from enum import StrEnum


class RelativeToEnum(StrEnum):
    PREVIOUS = "previous"
    TRIGGER = "trigger"

    def __str__(self) -> str:
        return str(self.value)
