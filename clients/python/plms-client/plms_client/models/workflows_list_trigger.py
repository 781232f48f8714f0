from enum import StrEnum


class WorkflowsListTrigger(StrEnum):
    DATE = "date"
    EVENT = "event"
    RECURRENCE = "recurrence"

    def __str__(self) -> str:
        return str(self.value)
