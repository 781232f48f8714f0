from enum import StrEnum


class EscalateToEnum(StrEnum):
    HR_ADMINS = "hr_admins"
    MANAGERS_MANAGER = "managers_manager"

    def __str__(self) -> str:
        return str(self.value)
