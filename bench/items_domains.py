"""HTTP items of the domains beyond people (issue 10): capabilities, gaps, goals, a
development plan, the HR gap heatmap, the assessment form, and two writes — a rating and a
goal update.

Sample objects are read from the generated organisation: the signed-in employee
(`employee@<slug>.example`), their pending self-assessment in the open cycle, one of their
goals and their development plan, and the latest closed cycle. A domain whose rows are not
there (an organisation generated before its step existed) gives no items and says so.
"""

from __future__ import annotations

import json
import sys

from bench.context import BenchContext
from bench.items import WRITE, Item

HEATMAP_MAX_P95_MS = 300.0  # issue 10: the HR gap heatmap over 10,000 employees
SUCCESSION_MAX_P95_MS = 300.0  # issue 26: the succession dashboard, 200 critical roles
WRITE_COMMENT = "bench progress"


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def domain_items(ctx: BenchContext) -> list[Item]:
    from assessments.models import Assessment, AssessmentCycle
    from goals.models import Goal
    from learning.models import DevelopmentPlan
    from plms.people.models import Employee

    with ctx.in_scope():
        employee = Employee.objects.filter(email=ctx.email("employee")).first()
        closed = (
            AssessmentCycle.objects.filter(status=AssessmentCycle.Status.CLOSED)
            .order_by("-period_end", "-id")
            .first()
        )
        pending = (
            Assessment.objects.filter(
                employee=employee,
                rater=employee,
                kind=Assessment.Kind.SELF,
                status__in=Assessment.OPEN_STATUSES,
            )
            .select_related("cycle")
            .first()
        )
        goal = (
            Goal.objects.filter(owner_employee=employee, status=Goal.Status.ACTIVE)
            .order_by("id")
            .first()
        )
        plan = DevelopmentPlan.objects.filter(employee=employee).order_by("id").first()
        capability = None
        if pending is not None:
            from assessments.selectors.requirements import required_capabilities

            capability = next(iter(required_capabilities(employee_id=employee.pk).values()), None)
    if employee is None or closed is None or pending is None or goal is None or plan is None:
        _log(
            "the organisation lacks generated capabilities, cycles, goals or plans: "
            "run with --fresh for the domain items"
        )
        return []
    session = ctx.session_headers(ctx.email("employee"))
    writer = ctx.session_headers(ctx.email("employee"), write=True)
    writer["Content-Type"] = "application/json"
    writer["Accept"] = "application/json"
    rating = json.dumps(
        {
            "ratings": [
                {
                    "capability": str(capability.capability.uuid),
                    "level": 3,
                    "evidence": "Seen in the quarterly review.",
                }
            ]
        }
    )
    update = json.dumps(
        {"value": str(goal.current if goal.current is not None else 0), "comment": WRITE_COMMENT}
    )
    return [
        Item(
            "GET /api/v1/capabilities",
            "GET",
            "/api/v1/capabilities?page_size=50",
            ctx.key_headers(),
        ),
        Item(
            "GET /api/v1/employees/{id}/gaps",
            "GET",
            f"/api/v1/employees/{employee.uuid}/gaps",
            ctx.key_headers(),
        ),
        Item("GET /api/v1/goals", "GET", "/api/v1/goals?page_size=50", ctx.key_headers()),
        Item(
            "GET /api/v1/development-plans/{id}",
            "GET",
            f"/api/v1/development-plans/{plan.uuid}",
            ctx.key_headers(),
        ),
        Item(
            "GET HR gap heatmap (department-heatmap)",
            "GET",
            f"/api/v1/assessment-cycles/{closed.uuid}/department-heatmap",
            ctx.key_headers(),
            max_p95_ms=HEATMAP_MAX_P95_MS,
        ),
        Item(
            "page /talent/succession/ (HR succession dashboard)",
            "GET",
            "/talent/succession/",
            ctx.session_headers(ctx.email("hr")),
            max_p95_ms=SUCCESSION_MAX_P95_MS,
        ),
        Item(
            "GET /api/v1/critical-roles",
            "GET",
            "/api/v1/critical-roles?page_size=50",
            ctx.key_headers(),
        ),
        Item(
            "page /assessments/{id}/ (rating form)",
            "GET",
            f"/assessments/{pending.uuid}/",
            session,
        ),
        Item(
            "PUT /api/v1/assessments/{id}/ratings",
            "PUT",
            f"/api/v1/assessments/{pending.uuid}/ratings",
            writer,
            WRITE,
            body=rating,
        ),
        Item(
            "POST /api/v1/goals/{id}/updates",
            "POST",
            f"/api/v1/goals/{goal.uuid}/updates",
            ctx.key_headers(json_body=True),
            WRITE,
            body=update,
            expect=201,
            cleanup=_delete_written_updates,
        ),
    ]


def _delete_written_updates(ctx: BenchContext) -> None:
    """The updates recorded the goal's own value again, so only the rows go, and the goals'
    forecasts are computed again without them."""
    from goals.models import GoalUpdate
    from goals.services import goal_forecasts_refresh

    with ctx.in_scope():
        written = GoalUpdate.objects.filter(comment=WRITE_COMMENT)
        goal_ids = set(written.values_list("goal_id", flat=True))
        written.delete()
        goal_forecasts_refresh(goal_ids=goal_ids)
