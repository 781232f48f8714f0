from enum import StrEnum


class EmailStateEnum(StrEnum):
    DIGEST = "digest"
    FAILED = "failed"
    NONE = "none"
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
