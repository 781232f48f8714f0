from enum import StrEnum


class DevelopmentPlansListKind(StrEnum):
    DEVELOPMENT = "development"
    IMPROVEMENT = "improvement"

    def __str__(self) -> str:
        return str(self.value)
