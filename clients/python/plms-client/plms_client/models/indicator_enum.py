from enum import StrEnum


class IndicatorEnum(StrEnum):
    LAGGING = "lagging"
    LEADING = "leading"

    def __str__(self) -> str:
        return str(self.value)
