from enum import StrEnum


class PartEnum(StrEnum):
    OBSTACLES = "obstacles"
    PRIORITIES = "priorities"
    SHARED_NOTES = "shared_notes"

    def __str__(self) -> str:
        return str(self.value)
