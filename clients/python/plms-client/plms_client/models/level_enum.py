from enum import StrEnum


class LevelEnum(StrEnum):
    OPERATIONAL = "operational"
    STRATEGIC = "strategic"
    TACTICAL = "tactical"

    def __str__(self) -> str:
        return str(self.value)
