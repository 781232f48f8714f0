from enum import StrEnum


class CadenceEnum(StrEnum):
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    WEEKLY = "weekly"

    def __str__(self) -> str:
        return str(self.value)
