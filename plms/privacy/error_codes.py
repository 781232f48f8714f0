"""Error codes of personal data: exports and erasure."""

from __future__ import annotations

from plms.common.error_codes import INVALID, PAGES, define

GONE = define(
    "gone",
    410,
    "The personal data export is not ready or was downloaded already: request a new one.",
    "personal_data_exports_download_retrieve",
    writes_only=False,
)
STILL_ACTIVE = define("still_active", 409, "Deactivate the person before erasing them.", PAGES)
RETENTION_NOT_REACHED = define(
    "retention_not_reached",
    409,
    "The organisation's retention period for leavers has not passed yet.",
    PAGES,
)

__all__ = ["GONE", "INVALID", "RETENTION_NOT_REACHED", "STILL_ACTIVE"]
