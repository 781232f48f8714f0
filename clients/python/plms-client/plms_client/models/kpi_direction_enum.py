from enum import StrEnum


class KpiDirectionEnum(StrEnum):
    DECREASE = "decrease"
    INCREASE = "increase"
    MAINTAIN = "maintain"

    def __str__(self) -> str:
        return str(self.value)
