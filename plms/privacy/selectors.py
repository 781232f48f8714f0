"""Reads of personal-data rights: retention rules and a person's data exports."""

from __future__ import annotations

from django.db.models import QuerySet

from plms.people.models import Employee
from plms.privacy.models import PersonalDataExport, RetentionPolicy


def retention_policy_get(*, organization_id: int) -> RetentionPolicy:
    """The organisation's rules (the defaults, unsaved, until HR saves their own)."""
    policy = RetentionPolicy.objects.filter(organization_id=organization_id).first()
    return policy or RetentionPolicy(organization_id=organization_id)


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
