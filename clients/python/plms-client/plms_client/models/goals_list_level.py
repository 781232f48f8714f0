from enum import StrEnum


class GoalsListLevel(StrEnum):
    OPERATIONAL = "operational"
    STRATEGIC = "strategic"
    TACTICAL = "tactical"

    def __str__(self) -> str:
        return str(self.value)
