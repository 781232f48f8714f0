from enum import StrEnum


class PerspectiveEnum(StrEnum):
    CUSTOMER = "customer"
    FINANCIAL = "financial"
    LEARNING = "learning"
    PROCESS = "process"

    def __str__(self) -> str:
        return str(self.value)
