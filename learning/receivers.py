"""What learning does when other apps' domain events happen: a closed cycle gets its plans."""

from __future__ import annotations

import logging

from assessments.events import CycleClosed
from learning.services import builds as build_services
from plms.events.bus import subscribe

logger = logging.getLogger(__name__)


@subscribe(CycleClosed)
def build_plans_when_a_cycle_closes(event: CycleClosed) -> None:
    """Queue the closed cycle's plan build. The closing has committed already, so a failure
    here is logged, never raised into it."""
    try:
        build_services.plan_build_queue(
            cycle_id=event.cycle_id, organization_id=event.organization_id
        )
    except Exception:
        logger.exception("Could not queue the plan build of cycle %s", event.cycle_id)
