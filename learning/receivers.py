"""Receivers of other apps' extension points: a closed assessment cycle gets its plans."""

from __future__ import annotations

import logging

from assessments import hooks
from learning import services

logger = logging.getLogger(__name__)


def build_plans_when_a_cycle_closes(sender, *, cycle_id: int, organization_id: int, **kwargs):
    """`assessments.hooks.cycle_closed`: queue the cycle's plan build. The closing has
    committed already, so a failure here is logged, never raised into it."""
    try:
        services.plan_build_queue(cycle_id=cycle_id, organization_id=organization_id)
    except Exception:
        logger.exception("Could not queue the plan build of cycle %s", cycle_id)


def connect() -> None:
    hooks.cycle_closed.connect(
        build_plans_when_a_cycle_closes, dispatch_uid="learning.build_plans_when_a_cycle_closes"
    )
