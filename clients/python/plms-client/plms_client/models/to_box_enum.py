from enum import StrEnum


class ToBoxEnum(StrEnum):
    VALUE_0 = "1-3"
    VALUE_1 = "2-3"
    VALUE_2 = "3-3"
    VALUE_3 = "1-2"
    VALUE_4 = "2-2"
    VALUE_5 = "3-2"
    VALUE_6 = "1-1"
    VALUE_7 = "2-1"
    VALUE_8 = "3-1"

    def __str__(self) -> str:
        return str(self.value)
