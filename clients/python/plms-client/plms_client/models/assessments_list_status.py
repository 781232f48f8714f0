from enum import StrEnum


class AssessmentsListStatus(StrEnum):
    DECLINED = "declined"
    DRAFT = "draft"
    NOMINATED = "nominated"
    PENDING = "pending"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
