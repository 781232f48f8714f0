"""Removing audit entries older than an organisation keeps them.

The application role cannot DELETE from the audit table. `audit_purge_expired` is a
SECURITY DEFINER function owned by the table's owner: it deletes one organisation's entries
created before a cutoff and nothing else, and never anything younger than
`MINIMUM_RETENTION_DAYS` whatever cutoff it is given, so even a compromised application cannot
erase recent history through it. Row-level security still applies inside it (the table forces
it on the owner), so it only reaches the organisation the transaction acts for.
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

from plms.audit.models import AuditEvent
from plms.audit.sql import MINIMUM_RETENTION_DAYS
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Organization


def audit_purge_expired(
    *, organization: Organization, before: datetime.datetime, batch_size: int = 1000
) -> int:
    """Delete up to `batch_size` of `organization`'s audit entries created before `before`
    (never younger than the minimum retention); the number removed."""
    if connection.vendor != "postgresql":
        # The embedded SQLite default has no roles and no functions: the same rule, in Python,
        # deleting with SQL because the model refuses deletes.
        floor = timezone.now() - datetime.timedelta(days=MINIMUM_RETENTION_DAYS)
        with organization_scope(organization):
            ids = list(
                AuditEvent.objects.filter(created_at__lt=min(before, floor))
                .order_by("id")
                .values_list("id", flat=True)[:batch_size]
            )
            if not ids:
                return 0
            with connection.cursor() as cursor:
                marks = ", ".join(["%s"] * len(ids))
                cursor.execute(f"DELETE FROM audit_auditevent WHERE id IN ({marks})", ids)
                return cursor.rowcount
    with organization_scope(organization), connection.cursor() as cursor:
        cursor.execute(
            "SELECT audit_purge_expired(%s, %s, %s)", [organization.pk, before, batch_size]
        )
        return cursor.fetchone()[0]
