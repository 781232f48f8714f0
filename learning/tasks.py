"""Celery tasks of learning: thin wrappers around services, ids in."""

from __future__ import annotations

import logging

from celery import shared_task

from learning import services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True, autoretry_for=(OSError,), retry_backoff=True)
def build_plans_for_cycle(cycle_id: int, *, organization_id: int) -> int:
    """Build draft plans for everyone consolidated in a closed cycle. Idempotent: a retry or a
    second delivery builds nothing twice (one plan per employee and cycle)."""
    created = services.plans_build_for_cycle(cycle_id=cycle_id, organization_id=organization_id)
    logger.info("Development plans built from cycle %s: %s", cycle_id, created)
    return created
