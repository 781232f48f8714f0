"""Public ids (UUIDs) arriving from query strings and form fields."""

from __future__ import annotations

import uuid


def parse_public_id(value: object) -> uuid.UUID | None:
    """The UUID in `value`, or None when it is missing or malformed (never an exception)."""
    if not value:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
