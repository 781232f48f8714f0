"""The one error type services raise. The API and the pages turn it into a response."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from plms.common import error_codes
from plms.common.error_codes import ErrorCode


class ApplicationError(Exception):
    """A business rule refused an action.

    `code` is machine-readable and stable (part of the API contract): a constant of the
    catalogue in `plms.common.error_codes`, which also gives the HTTP status to answer with.
    `message` is for people and `fields` maps a field name to its messages. `status` is only
    for a code the catalogue does not know (a test keeps there being none).
    """

    status = 400

    def __init__(
        self,
        code: str | ErrorCode,
        message: str,
        *,
        fields: Mapping[str, Sequence[str] | str] | None = None,
        status: int | None = None,
        extra: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = str(code)
        self.message = message
        self.fields = {
            name: [msgs] if isinstance(msgs, str) else list(msgs)
            for name, msgs in (fields or {}).items()
        }
        catalogued = error_codes.status_of(self.code)
        if catalogued is not None:
            self.status = catalogued
        elif status is not None:
            self.status = status
        self.extra = dict(extra or {})


class NotFound(ApplicationError):
    """Missing and forbidden look the same: existence must not leak across organizations."""

    status = 404

    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(error_codes.NOT_FOUND, message)


class PermissionDenied(ApplicationError):
    status = 403

    def __init__(self, message: str = "You do not have permission to do this.") -> None:
        super().__init__(error_codes.PERMISSION_DENIED, message)
