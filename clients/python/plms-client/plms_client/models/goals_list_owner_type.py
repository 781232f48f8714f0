from enum import StrEnum


class GoalsListOwnerType(StrEnum):
    DEPARTMENT = "department"
    EMPLOYEE = "employee"
    ORGANIZATION = "organization"

    def __str__(self) -> str:
        return str(self.value)
