"""The one error type services raise. The API and the pages turn it into a response."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class ApplicationError(Exception):
    """A business rule refused an action.

    `code` is machine-readable and stable (part of the API contract), `message` is for people,
    `fields` maps a field name to its messages, and `status` is the HTTP status to answer with.
    """

    status = 400

    def __init__(
        self,
        code: str,
        message: str,
        *,
        fields: Mapping[str, Sequence[str] | str] | None = None,
        status: int | None = None,
        extra: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = {
            name: [msgs] if isinstance(msgs, str) else list(msgs)
            for name, msgs in (fields or {}).items()
        }
        if status is not None:
            self.status = status
        self.extra = dict(extra or {})


class NotFound(ApplicationError):
    """Missing and forbidden look the same: existence must not leak across organizations."""

    status = 404

    def __init__(self, message: str = "Not found.") -> None:
        super().__init__("not_found", message)


class PermissionDenied(ApplicationError):
    status = 403

    def __init__(self, message: str = "You do not have permission to do this.") -> None:
        super().__init__("permission_denied", message)
