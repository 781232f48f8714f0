"""Background work of personal-data rights: building a data export; by each organisation's
retention rules (beat, daily), purging the audit log and erasing leavers."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from plms.audit.retention import audit_purge_expired
from plms.people.models import Employee
from plms.privacy import erasure, exports, selectors
from plms.tenancy.context import (
    dangerously_all_organizations,
    organization_context,
    with_organization,
)
from plms.tenancy.models import Organization

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True)
@with_organization
def build_personal_data_export(export_id: int, *, organization_id: int) -> None:
    exports.personal_data_export_run(export_id=export_id)


@shared_task(acks_late=True, ignore_result=True)
def purge_expired_audit_events() -> None:
    """One task per organisation: the directory spans organisations, the purge does not."""
    for organization_id in Organization.objects.values_list("pk", flat=True):
        purge_audit_events_of.delay(organization_id=organization_id)


@shared_task(acks_late=True, ignore_result=True)
@with_organization
def purge_audit_events_of(*, organization_id: int) -> int:
    policy = selectors.retention_policy_get(organization_id=organization_id)
    before = timezone.now() - timedelta(days=policy.audit_days)
    organization = Organization.objects.get(pk=organization_id)
    removed = 0
    while batch := audit_purge_expired(organization=organization, before=before):
        removed += batch
    if removed:
        logger.info("purged %d audit events of organization %d", removed, organization_id)
    return removed


@shared_task(acks_late=True, ignore_result=True)
def erase_due_leavers() -> int:
    """Beat, daily: one task per organisation with leavers."""
    with dangerously_all_organizations():
        organization_ids = list(
            Employee.dangerously_unscoped.filter(active=False)
            .values_list("organization_id", flat=True)
            .distinct()
            .order_by("organization_id")
        )
    for organization_id in organization_ids:
        erase_due_leavers_of.delay(organization_id=organization_id)
    return len(organization_ids)


@shared_task(acks_late=True, ignore_result=True)
def erase_due_leavers_of(*, organization_id: int) -> int:
    """Leavers whose retention period has passed since the day they left become anonymous
    records (each erasure audited). Idempotent: an erased person is not erased again."""
    with organization_context(organization_id):
        erased = erasure.leavers_erase_due()
    if erased:
        logger.info("Erased %d leavers of organization %d", erased, organization_id)
    return erased
