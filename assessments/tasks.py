"""Celery tasks of assessments: thin wrappers around services, ids in."""

from __future__ import annotations

import logging

from celery import shared_task

from assessments.models import AssessmentCycle
from assessments.services import cycles as cycle_services
from plms.tenancy.context import with_organization

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True, autoretry_for=(OSError,), retry_backoff=True)
def launch_cycle(cycle_id: int, *, organization_id: int) -> int:
    """Create a launched cycle's assessments, recording progress on the cycle as it goes.

    Idempotent: a retry or a second delivery of the message creates nothing twice.
    """
    try:
        created = cycle_services.cycle_launch_run(
            cycle_id=cycle_id, organization_id=organization_id
        )
    except Exception:
        _mark_failed(cycle_id, organization_id=organization_id)
        raise
    logger.info("Assessment cycle %s launched: %s assessments created", cycle_id, created)
    return created


@with_organization
def _mark_failed(cycle_id: int, *, organization_id: int) -> None:
    AssessmentCycle.objects.filter(pk=cycle_id).update(
        launch_state=AssessmentCycle.LaunchState.FAILED
    )
