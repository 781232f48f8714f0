from enum import StrEnum


class RecurrenceEnum(StrEnum):
    MONTHLY = "monthly"
    ONCE = "once"
    QUARTERLY = "quarterly"

    def __str__(self) -> str:
        return str(self.value)
