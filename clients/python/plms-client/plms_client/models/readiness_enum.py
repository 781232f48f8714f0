from enum import StrEnum


class ReadinessEnum(StrEnum):
    ONE_TWO_YEARS = "one_two_years"
    READY_NOW = "ready_now"
    THREE_PLUS_YEARS = "three_plus_years"

    def __str__(self) -> str:
        return str(self.value)
