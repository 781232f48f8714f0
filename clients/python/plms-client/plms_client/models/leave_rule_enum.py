from enum import StrEnum


class LeaveRuleEnum(StrEnum):
    EXCLUDE = "exclude"
    FLAG = "flag"

    def __str__(self) -> str:
        return str(self.value)
