from enum import StrEnum


class SuggestedActionEnum(StrEnum):
    FOLLOW_IMPROVEMENT_PLAN = "follow_improvement_plan"
    IMPROVEMENT_PLAN = "improvement_plan"
    RETENTION_REVIEW = "retention_review"

    def __str__(self) -> str:
        return str(self.value)
