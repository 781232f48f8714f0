"""How long each organisation keeps a kind of history, as the jobs that purge it read it.

The rules are kept per organisation by `plms.privacy` (its `RetentionPolicy`), which sits
above the apps that purge (webhook history in `plms.integrations`, notifications in
`workflows`) and so registers its lookup here when it loads. A purge asks
`retention_days(kind=…, organization_id=…, default=…)`; without a registered lookup (or for a
kind it does not know) the global setting the purge passes as `default` applies.
"""

from __future__ import annotations

from collections.abc import Callable

WEBHOOK_HISTORY = "webhook_history"
NOTIFICATIONS = "notifications"
KINDS = (WEBHOOK_HISTORY, NOTIFICATIONS)

# (organization id, kind) -> days, or None for "the global setting".
RetentionLookup = Callable[[int, str], "int | None"]
_lookup: RetentionLookup | None = None


def register_retention_lookup(lookup: RetentionLookup) -> None:
    global _lookup
    _lookup = lookup


def retention_days(*, kind: str, organization_id: int, default: int) -> int:
    """The number of days `organization_id` keeps `kind` (one of `KINDS`)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of history {kind!r}.")
    days = _lookup(organization_id, kind) if _lookup is not None else None
    return default if days is None else days
