from enum import StrEnum


class AssessmentsListKind(StrEnum):
    EXPERT = "expert"
    MANAGER = "manager"
    PEER = "peer"
    SELF = "self"
    UPWARD = "upward"

    def __str__(self) -> str:
        return str(self.value)
