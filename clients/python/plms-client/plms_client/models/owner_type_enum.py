from enum import StrEnum


class OwnerTypeEnum(StrEnum):
    DEPARTMENT = "department"
    EMPLOYEE = "employee"
    ORGANIZATION = "organization"

    def __str__(self) -> str:
        return str(self.value)
