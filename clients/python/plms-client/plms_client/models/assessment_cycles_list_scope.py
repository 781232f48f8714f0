from enum import StrEnum


class AssessmentCyclesListScope(StrEnum):
    DEPARTMENTS = "departments"
    EMPLOYEES = "employees"
    ORGANIZATION = "organization"
    ROLES = "roles"

    def __str__(self) -> str:
        return str(self.value)
