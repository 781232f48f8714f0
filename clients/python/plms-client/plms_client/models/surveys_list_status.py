from enum import StrEnum


class SurveysListStatus(StrEnum):
    CLOSED = "closed"
    DRAFT = "draft"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
