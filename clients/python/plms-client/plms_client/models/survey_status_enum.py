from enum import StrEnum


class SurveyStatusEnum(StrEnum):
    CLOSED = "closed"
    DRAFT = "draft"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
