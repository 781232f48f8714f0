from enum import StrEnum


class FeedbackListKind(StrEnum):
    CORRECTIVE = "corrective"
    RECOGNITION = "recognition"

    def __str__(self) -> str:
        return str(self.value)
