from enum import StrEnum


class FeedbackRequestStatusEnum(StrEnum):
    ANSWERED = "answered"
    DECLINED = "declined"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
