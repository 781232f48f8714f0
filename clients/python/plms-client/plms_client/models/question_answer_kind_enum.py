from enum import StrEnum


class QuestionAnswerKindEnum(StrEnum):
    CAPABILITIES = "capabilities"
    CHOICE = "choice"
    GOALS = "goals"
    OPEN = "open"
    RATING = "rating"

    def __str__(self) -> str:
        return str(self.value)
