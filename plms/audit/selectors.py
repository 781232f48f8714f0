"""Reads of the audit log: one object's history, and the organisation's log filtered."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from plms.audit.models import AuditEvent
from plms.tenancy.models import TenantModel


def audit_events_for(*, obj: TenantModel) -> QuerySet[AuditEvent]:
    """The history of one object, newest first."""
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_uuid=obj.uuid
    ).select_related("actor_user")


@dataclass(frozen=True)
class AuditFilters:
    """What HR or an integrator narrows the log to; every part optional.

    `action` matches a whole action (`auth.sign_in`) or a family by its prefix (`auth`);
    `actor` matches the actor's e-mail or label (contains, e.g. an address or a key's name);
    `object` is the object's public id; `since`/`until` bound the time (until is exclusive).
    """

    action: str = ""
    actor: str = ""
    object: uuid.UUID | None = None
    object_type: str = ""
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None


def audit_event_list(*, filters: AuditFilters | None = None) -> QuerySet[AuditEvent]:
    """The active organisation's audit log, newest first, filtered."""
    filters = filters or AuditFilters()
    events = AuditEvent.objects.select_related("actor_user")
    if filters.action:
        events = events.filter(
            Q(action=filters.action) | Q(action__startswith=f"{filters.action.rstrip('.')}.")
        )
    if filters.actor:
        events = events.filter(
            Q(actor_label__icontains=filters.actor) | Q(actor_user__email__icontains=filters.actor)
        )
    if filters.object is not None:
        events = events.filter(object_uuid=filters.object)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.since is not None:
        events = events.filter(created_at__gte=filters.since)
    if filters.until is not None:
        events = events.filter(created_at__lt=filters.until)
    return events.order_by("-created_at", "-id")
