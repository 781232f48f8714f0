from enum import StrEnum


class DirectionEnum(StrEnum):
    DECREASE = "decrease"
    INCREASE = "increase"
    RANGE = "range"

    def __str__(self) -> str:
        return str(self.value)
