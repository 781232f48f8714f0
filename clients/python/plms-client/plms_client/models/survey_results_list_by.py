from enum import StrEnum


class SurveyResultsListBy(StrEnum):
    DEPARTMENT = "department"
    TEAM = "team"

    def __str__(self) -> str:
        return str(self.value)
