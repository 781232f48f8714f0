from enum import StrEnum


class PayEquityRetrieveWithin(StrEnum):
    GRADE = "grade"
    GRADE_ROLE = "grade_role"
    ROLE = "role"

    def __str__(self) -> str:
        return str(self.value)
