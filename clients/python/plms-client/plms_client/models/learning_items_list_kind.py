from enum import StrEnum


class LearningItemsListKind(StrEnum):
    ARTICLE = "article"
    BOOK = "book"
    COACHING = "coaching"
    COURSE = "course"
    E_LEARNING = "e_learning"
    MENTORING = "mentoring"
    ON_THE_JOB = "on_the_job"
    STRETCH = "stretch"
    VIDEO = "video"
    WORKSHOP = "workshop"

    def __str__(self) -> str:
        return str(self.value)
