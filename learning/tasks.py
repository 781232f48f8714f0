"""Celery tasks of learning: thin wrappers around services, ids in."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from learning.services import builds as build_services

logger = logging.getLogger(__name__)

RETRYABLE = (OSError, OperationalError, InterfaceError)


@shared_task(
    acks_late=True,
    ignore_result=True,
    autoretry_for=RETRYABLE,
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def build_plans_for_cycle(cycle_id: int, *, organization_id: int) -> int:
    """Build draft plans for everyone consolidated in a closed cycle, recording progress on
    the cycle's plan build. Idempotent: a retry or a second delivery builds nothing twice (one
    plan per employee and cycle)."""
    try:
        created = build_services.plans_build_for_cycle(
            cycle_id=cycle_id, organization_id=organization_id
        )
    except RETRYABLE:
        raise
    except Exception:
        build_services.plan_build_failed(cycle_id=cycle_id, organization_id=organization_id)
        raise
    logger.info("Development plans built from cycle %s: %s", cycle_id, created)
    return created
