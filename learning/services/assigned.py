"""Learning HR assigns to a group: shared items given to several people at once (a talent
pool's development programme), each person's in one active development plan that later
items join.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone

from learning import selectors
from learning.events import DevelopmentPlanCreated
from learning.models import DevelopmentPlan, LearningItem, PlanItem
from learning.services.builds import build_settings
from plms.audit.services import audit_record_many
from plms.events.bus import publish
from plms.people.models import Employee
from plms.tenancy.actors import Actor, same_organization

Status = DevelopmentPlan.Status
OPEN = (Status.DRAFT, Status.PROPOSED, Status.APPROVED, Status.ACTIVE)


@transaction.atomic
def plans_assign(
    *,
    actor: Actor,
    people: Mapping[Employee, DevelopmentPlan | None],
    items: Sequence[LearningItem],
    title: str,
    reason: str,
) -> dict[int, DevelopmentPlan]:
    """Give each person the learning `items`, each saying `reason`: added to the plan named
    for them when it is still open, else in a new active development plan titled `title`.
    Items a plan has already are skipped, so assigning again changes nothing. HR admins only.

    Returns {employee id: the plan that carries the items}. A constant number of queries
    whatever the number of people and items."""
    actor.require_admin()
    same_organization(actor, *people, *items)
    if not people:
        return {}
    given = [
        plan.pk
        for employee, plan in people.items()
        if plan is not None and plan.employee_id == employee.pk
    ]
    open_plans = {
        plan.employee_id: plan
        for plan in DevelopmentPlan.objects.select_for_update()
        .filter(pk__in=given, status__in=OPEN)
        .order_by("pk")
    }
    settings = build_settings(
        settings=selectors.learning_settings_get(), start=timezone.localdate()
    )
    now = timezone.now()
    new_plans = [
        DevelopmentPlan(
            organization_id=actor.organization.pk,
            employee=employee,
            title=title[:200],
            status=Status.ACTIVE,
            period_start=settings.period_start,
            period_end=settings.period_end,
            activated_at=now,
        )
        for employee in people
        if employee.pk not in open_plans
    ]
    DevelopmentPlan.objects.bulk_create(new_plans)
    plans = {**open_plans, **{plan.employee_id: plan for plan in new_plans}}
    if items:
        had = set(
            PlanItem.objects.filter(plan__in=list(plans.values()), item__in=items).values_list(
                "plan_id", "item_id"
            )
        )
        tops = {
            row["plan_id"]: row["order"]
            for row in PlanItem.objects.filter(plan__in=list(plans.values()))
            .order_by("plan_id", "-order")
            .distinct("plan_id")
            .values("plan_id", "order")
        }
        rows = []
        for plan in plans.values():
            order = tops.get(plan.pk, 0)
            for item in items:
                if (plan.pk, item.pk) in had:
                    continue
                order += 1
                rows.append(
                    PlanItem(
                        organization_id=actor.organization.pk,
                        plan=plan,
                        item=item,
                        reason=reason[:300],
                        due_date=plan.period_end,
                        order=order,
                    )
                )
        PlanItem.objects.bulk_create(rows)
    if new_plans:
        audit_record_many(actor=actor, action="development_plan.assigned", objects=new_plans)
        publish(
            actor_or_organization=actor,
            events=[DevelopmentPlanCreated.of(plan) for plan in new_plans],
        )
    return plans
