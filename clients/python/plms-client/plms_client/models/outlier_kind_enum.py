from enum import StrEnum


class OutlierKindEnum(StrEnum):
    HIGH = "high"
    LOW = "low"

    def __str__(self) -> str:
        return str(self.value)
