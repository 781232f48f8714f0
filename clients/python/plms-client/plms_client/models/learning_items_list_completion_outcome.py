from enum import StrEnum


class LearningItemsListCompletionOutcome(StrEnum):
    EVIDENCE = "evidence"
    RATING = "rating"
    REASSESS = "reassess"

    def __str__(self) -> str:
        return str(self.value)
