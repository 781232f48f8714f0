from enum import StrEnum


class RoleEnum(StrEnum):
    ADMIN = "admin"
    API_KEY = "api_key"
    MEMBER = "member"

    def __str__(self) -> str:
        return str(self.value)
