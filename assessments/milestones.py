"""Momentum milestone kinds of assessments: `launch_assessment` and `reassess`.

Both put the workflow's employee into an open assessment cycle (the one named in the
milestone's `config["cycle"]`, else the open cycle ending last), creating their self and
manager assessments, and are complete when the assessment named by `config["assessment"]`
(`self` or `manager`) is submitted; without one, the employee's self-assessment (or, in a
cycle without self-ratings, the first assessment of them). The condition
`gap_above_one` holds when the employee's latest gap in any required capability exceeds one
level.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.gaps import employee_gaps
from assessments.models import Assessment, AssessmentCycle
from assessments.selectors import cycles as cycle_selectors
from assessments.services.cycles import assessments_create_for
from workflows import notifications
from workflows.milestones import (
    Condition,
    MilestoneKind,
    Outcome,
    register_condition,
    register_config_resolver,
    register_kind,
    register_object_link,
    responsible_users,
)
from workflows.models import MilestoneRun


def _cycle_for(config: dict) -> AssessmentCycle | None:
    if config.get("cycle"):
        return cycle_selectors.open_cycles().filter(uuid=config["cycle"]).first()
    return cycle_selectors.latest_open_cycle()


def launch_for_employee(context):

    config = context.milestone.config or {}
    cycle = _cycle_for(config)
    if cycle is None:
        return Outcome(MilestoneRun.State.SKIPPED, "No open assessment cycle.")
    if not cycle.kinds_used:
        return Outcome(MilestoneRun.State.SKIPPED, "The cycle uses no rater kinds.")
    assessments_create_for(cycle=cycle, employee_ids=[context.employee.pk])
    own = list(
        Assessment.objects.filter(cycle=cycle, employee=context.employee)
        .order_by("kind", "id")
        .only("uuid", "kind")
    )
    wanted = config.get("assessment")
    tracked = next((a for a in own if a.kind == (wanted or Assessment.Kind.SELF)), None)
    if tracked is None and not wanted:
        tracked = next(iter(own), None)
    if tracked is None:
        return Outcome(MilestoneRun.State.SKIPPED, "Nothing to assess (no role or manager).")
    notifications.notify(
        recipients=responsible_users(context),
        event=notifications.WORKFLOW_MESSAGE,
        title=str(_("Assessment due: %(cycle)s") % {"cycle": cycle.name}),
        body=context.milestone.message or "",
        link=reverse("assessments:my_assessments"),
        obj=tracked,
        occasion=context.step.occasion,
        now=context.now,
    )
    return Outcome(
        MilestoneRun.State.DISPATCHED,
        f"Assessments in {cycle.name}.",
        object_type="assessments.assessment",
        object_id=str(tracked.uuid),
    )


def assessments_completed(steps: Sequence, actor) -> dict[int, datetime]:
    by_object = {step.object_id: step for step in steps if step.object_id}
    done = Assessment.objects.filter(
        uuid__in=list(by_object), status=Assessment.Status.SUBMITTED
    ).only("uuid", "submitted_at")
    return {by_object[str(a.uuid)].pk: a.submitted_at for a in done}


def gap_above_one(context) -> bool:
    return any(g.gap is not None and g.gap > 1 for g in employee_gaps(employee=context.employee))


def cycle_public_id(value: object) -> str | None:
    """The public id of the organization's assessment cycle `value` names, if there is one."""
    cycle = AssessmentCycle.objects.filter(uuid=str(value)).first()
    return str(cycle.uuid) if cycle is not None else None


def register() -> None:
    register_config_resolver("cycle", cycle_public_id)
    register_object_link(
        "assessments.assessment",
        lambda uuid: reverse("assessments:assessment_form", args=[uuid]),
    )
    register_kind(
        MilestoneKind(
            "launch_assessment",
            _("Launch an assessment"),
            _("Add the employee to the open assessment cycle; done when they have submitted."),
            dispatch=launch_for_employee,
            completed=assessments_completed,
        )
    )
    register_kind(
        MilestoneKind(
            "reassess",
            _("Re-assess"),
            _("Assess the employee again in the open cycle; done when they have submitted."),
            dispatch=launch_for_employee,
            completed=assessments_completed,
        )
    )
    register_condition(
        Condition(
            "gap_above_one", _("Only if a capability gap is above 1 level"), check=gap_above_one
        )
    )
