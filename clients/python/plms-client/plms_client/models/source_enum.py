from enum import StrEnum


class SourceEnum(StrEnum):
    API = "api"
    MANUAL = "manual"

    def __str__(self) -> str:
        return str(self.value)
