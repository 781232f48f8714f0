"""The demo organisation's learning: a catalogue covering every capability its roles require,
with a 70-20-10 mix (by hours: on-the-job and stretch assignments, mentoring, e-learning), and a
development plan for employee@acme.example built from their gaps in the closed cycle, approved
by their manager, with its first item done."""

from __future__ import annotations

import datetime
import json

from capabilities.models import RoleRequirement
from learning.imports import learning_items_import
from learning.models import DevelopmentPlan, LearningItem, PlanItem
from learning.services import builds as build_services
from learning.services import plans as plan_services
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.tenancy.models import Membership
from plms.web.demo import DEMO_STEPS

DEMO_EMPLOYEE = "employee@acme.example"
PLAN_START = datetime.date(2027, 1, 4)
# external id suffix, kind, title, levels, hours, cost, provider, outcome
TEMPLATES = (
    (
        "practice",
        "on_the_job",
        "Practise {name} on live work",
        (1, 3),
        10,
        0,
        "Your team",
        "reassess",
    ),
    ("stretch", "stretch", "Lead a {name} improvement", (3, 5), 12, 0, "Your team", "reassess"),
    ("mentoring", "mentoring", "Mentoring in {name}", (2, 4), 5, 0, "Acme mentors", "evidence"),
    ("elearning", "e_learning", "{name}: the essentials", (1, 2), 2, 40, "Acme Academy", "rating"),
)


def _catalogue() -> list[dict]:
    capabilities = {
        r.capability.key: r.capability
        for r in RoleRequirement.objects.select_related("capability").order_by("capability__key")
    }
    items = []
    for key, capability in capabilities.items():
        for suffix, kind, title, (low, high), hours, cost, provider, outcome in TEMPLATES:
            items.append(
                {
                    "external_id": f"acme-{key}-{suffix}",
                    "title": title.format(name=capability.name.lower()).capitalize()
                    if title.startswith("{")
                    else title.format(name=capability.name.lower()),
                    "kind": kind,
                    "provider": provider,
                    "duration_hours": hours,
                    "cost": cost,
                    "language": "en",
                    "tags": [capability.category.name] if capability.category_id else [],
                    "completion_outcome": outcome,
                    "capabilities": [{"capability": key, "level_from": low, "level_to": high}],
                }
            )
    return items


def seed_learning(actor: Actor) -> None:
    items = _catalogue()
    if items:
        learning_items_import(actor=actor, text=json.dumps(items), format="json")
    employee = Employee.objects.filter(email=DEMO_EMPLOYEE).select_related("manager").first()
    if employee is None or DevelopmentPlan.objects.filter(employee=employee).exists():
        return
    plan = build_services.plan_build(actor=actor, employee=employee, start=PLAN_START)
    plan_services.plan_propose(actor=actor, plan=plan)
    approver = actor
    if employee.manager is not None and employee.manager.user_id is not None:
        membership = Membership.objects.filter(
            organization=actor.organization, user_id=employee.manager.user_id
        ).first()
        if membership is not None:
            approver = Actor(
                organization=actor.organization, membership=membership, employee=employee.manager
            )
    planned = list(PlanItem.objects.filter(plan=plan).select_related("capability"))
    in_plan = {p.item_id for p in planned}
    additions = [
        plan_services.PlanAddition(
            item=stretch,
            capability=p.capability,
            reason=f"{p.reason}; ready for a stretch assignment.",
        )
        for p in planned[:1]
        if p.capability is not None
        for stretch in LearningItem.objects.filter(
            external_id=f"acme-{p.capability.key}-stretch"
        ).exclude(id__in=in_plan)
    ]
    plan_services.plan_approve(
        actor=approver, plan=plan, add=additions, reason="Agreed in our 1:1."
    )
    first = PlanItem.objects.filter(plan=plan).order_by("order", "id").first()
    if first is not None:
        plan.refresh_from_db()
        first.plan = plan
        plan_services.plan_item_progress(
            actor=actor,
            plan_item=first,
            status=PlanItem.Status.DONE,
            evidence="Handled ten live contacts with my manager listening in.",
            reflection="Summarising the customer's issue back to them calms most calls.",
        )


DEMO_STEPS.append(seed_learning)
