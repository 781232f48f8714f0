from enum import StrEnum


class WorkflowAudienceEnum(StrEnum):
    DEPARTMENTS = "departments"
    EVERYONE = "everyone"
    JOB_ROLES = "job_roles"
    PEOPLE = "people"

    def __str__(self) -> str:
        return str(self.value)
