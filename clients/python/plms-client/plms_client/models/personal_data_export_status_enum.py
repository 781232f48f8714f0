from enum import StrEnum


class PersonalDataExportStatusEnum(StrEnum):
    DOWNLOADED = "downloaded"
    FAILED = "failed"
    PENDING = "pending"
    READY = "ready"
    RUNNING = "running"

    def __str__(self) -> str:
        return str(self.value)
