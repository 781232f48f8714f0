from enum import StrEnum


class SurveyAudienceEnum(StrEnum):
    DEPARTMENTS = "departments"
    EVERYONE = "everyone"
    PEOPLE = "people"

    def __str__(self) -> str:
        return str(self.value)
