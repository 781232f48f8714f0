"""Reads of personal-data rights: retention rules and a person's data exports."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from plms.people.models import Employee
from plms.privacy.models import PersonalDataExport, RetentionPolicy
from plms.tenancy.context import organization_scope


def retention_policy_get(*, organization_id: int) -> RetentionPolicy:
    """The organisation's rules (the defaults, unsaved, until HR saves their own: webhook
    history and notifications then follow the global settings the purges fall back on)."""
    policy = RetentionPolicy.objects.filter(organization_id=organization_id).first()
    return policy or RetentionPolicy(
        organization_id=organization_id,
        webhook_history_days=settings.PLMS_RETENTION_DAYS,
        notifications_days=settings.PLMS_NOTIFICATION_RETENTION_DAYS,
    )


def retention_days_of(organization_id: int, kind: str) -> int:
    """The lookup `plms.common.retention` asks: `kind`'s days in the organisation's rules."""
    with organization_scope(organization_id):
        return getattr(retention_policy_get(organization_id=organization_id), f"{kind}_days")


def personal_data_exports_for(*, employee: Employee) -> QuerySet[PersonalDataExport]:
    """The person's data exports, newest first (without their content)."""
    return (
        PersonalDataExport.objects.filter(employee=employee)
        .defer("content")
        .select_related("employee")
    )


def personal_data_export_get(*, public_id) -> PersonalDataExport | None:
    return (
        PersonalDataExport.objects.filter(uuid=public_id)
        .defer("content")
        .select_related("employee")
        .first()
    )
