from enum import StrEnum


class PeerNominationsCreateStatus(StrEnum):
    DECLINED = "declined"
    DRAFT = "draft"
    NOMINATED = "nominated"
    PENDING = "pending"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
