from enum import StrEnum


class SurveyQuestionKindEnum(StrEnum):
    CHOICE = "choice"
    ENPS = "enps"
    SCALE = "scale"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
