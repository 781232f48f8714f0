from enum import StrEnum


class SuccessorNominationStatusEnum(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    PROPOSED = "proposed"

    def __str__(self) -> str:
        return str(self.value)
