from enum import StrEnum


class VoteEnum(StrEnum):
    AGREE = "agree"
    TOO_HIGH = "too_high"
    TOO_LOW = "too_low"

    def __str__(self) -> str:
        return str(self.value)
