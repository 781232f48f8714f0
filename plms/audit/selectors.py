from __future__ import annotations

from django.db.models import QuerySet

from plms.audit.models import AuditEvent
from plms.tenancy.models import TenantModel


def audit_events_for(*, obj: TenantModel) -> QuerySet[AuditEvent]:
    """The history of one object, newest first."""
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_uuid=obj.uuid
    ).select_related("actor_user")
