from enum import StrEnum


class DevelopmentPlansListStatus(StrEnum):
    ACTIVE = "active"
    APPROVED = "approved"
    COMPLETED = "completed"
    DRAFT = "draft"
    PROPOSED = "proposed"

    def __str__(self) -> str:
        return str(self.value)
