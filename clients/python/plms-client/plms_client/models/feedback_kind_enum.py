from enum import StrEnum


class FeedbackKindEnum(StrEnum):
    CORRECTIVE = "corrective"
    RECOGNITION = "recognition"

    def __str__(self) -> str:
        return str(self.value)
