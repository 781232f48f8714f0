"""The development plan's workflow: improvement plans, proposing, approving with additions,
activating, completing, and the progress of each item.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from capabilities.models import Capability
from goals.models import Goal
from learning import selectors
from learning.error_codes import INVALID, INVALID_TRANSITION
from learning.events import (
    DevelopmentPlanCompleted,
    DevelopmentPlanCreated,
    plan_data,
)
from learning.models import (
    DevelopmentPlan,
    LearningItem,
    PlanItem,
)
from learning.services.builds import Status
from plms.audit.services import audit_record, diff, snapshot
from plms.common.errors import ApplicationError, NotFound, PermissionDenied
from plms.common.validation import full_clean
from plms.events.bus import publish
from plms.people.models import Employee
from plms.people.selectors import is_manager_of
from plms.tenancy.actors import Actor, same_organization
from workflows import services as workflow_services

# --- Plan workflow -------------------------------------------------------------------------------


def _locked(plan: DevelopmentPlan) -> DevelopmentPlan:
    return DevelopmentPlan.objects.select_for_update().select_related("employee").get(pk=plan.pk)


def _require_status(plan: DevelopmentPlan, *allowed: str, action: str) -> None:
    if plan.status not in allowed:
        names = " or ".join(str(Status(s).label).lower() for s in allowed)
        raise ApplicationError(
            INVALID_TRANSITION,
            f"Only a {names} plan can be {action}; this one is {plan.get_status_display()}.",
            status=409,
        )


def _is_owner(actor: Actor, plan: DevelopmentPlan) -> bool:
    return actor.employee is not None and actor.employee.pk == plan.employee_id


def _check_visible(actor: Actor, plan: DevelopmentPlan) -> None:
    same_organization(actor, plan)
    if not (_is_owner(actor, plan) or selectors.can_manage_plan(actor=actor, plan=plan)):
        raise NotFound()


def _check_manager(actor: Actor, plan: DevelopmentPlan) -> None:
    _check_visible(actor, plan)
    if not selectors.can_manage_plan(actor=actor, plan=plan):
        raise PermissionDenied("Only the employee's managers and HR admins may do this.")


def _transition(
    actor: Actor, plan: DevelopmentPlan, to: str, *, reason: str = "", **fields
) -> DevelopmentPlan:
    before = plan.status
    plan.status = to
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.updated_at = timezone.now()
    plan.save(update_fields=["status", "updated_at", *fields])
    audit_record(
        actor=actor,
        action=f"development_plan.{to}",
        obj=plan,
        changes={"status": {"before": before, "after": to}},
        reason=reason,
    )
    return plan


@transaction.atomic
def plan_create_improvement(
    *,
    actor: Actor,
    employee: Employee,
    title: str,
    period_start: date,
    period_end: date,
    milestones: Sequence[tuple[str, date]],
    review_dates: Sequence[date] = (),
    reason: str = "",
    goals: Sequence[Goal] = (),
    sign_off: bool = False,
) -> DevelopmentPlan:
    """A performance improvement plan: why, the goals it is about, milestones with due dates,
    review dates, an outcome decided when it is completed. Written by the employee's managers
    or HR; it starts when an HR admin signs it off (`sign_off` when HR writes it)."""
    same_organization(actor, employee, *goals)
    may = actor.is_admin or (
        actor.employee is not None and is_manager_of(manager=actor.employee, employee=employee)
    )
    if not may:
        raise PermissionDenied("Only the employee's managers and HR admins may do this.")
    if period_end < period_start:
        raise ApplicationError(
            INVALID, "The plan ends before it starts.", fields={"period_end": "?"}
        )
    if not milestones:
        raise ApplicationError(INVALID, "Name at least one milestone.", fields={"milestones": "?"})
    outside = [day for day in review_dates if not period_start <= day <= period_end]
    if outside:
        raise ApplicationError(
            INVALID,
            "Review dates fall inside the plan's period.",
            fields={"review_dates": "Between the start and the end of the plan."},
        )
    not_theirs = [goal.title for goal in goals if goal.owner_employee_id != employee.pk]
    if not_theirs:
        raise ApplicationError(
            INVALID,
            f"Link {employee.full_name}'s own goals: {', '.join(not_theirs)} are not.",
            fields={"goals": "Not the employee's goals."},
        )
    plan = DevelopmentPlan(
        employee=employee,
        kind=DevelopmentPlan.Kind.IMPROVEMENT,
        title=(title or "").strip() or "Performance improvement plan",
        period_start=period_start,
        period_end=period_end,
        review_dates=[day.isoformat() for day in sorted(set(review_dates))],
        reason=(reason or "").strip(),
        linked_goal_ids=[str(goal.uuid) for goal in goals],
    )
    full_clean(plan, exclude=["employee", "built_from", "approved_by", "hr_signed_off_by"])
    plan.save()
    PlanItem.objects.bulk_create(
        PlanItem(
            organization_id=plan.organization_id,
            plan=plan,
            title=name.strip(),
            due_date=due,
            order=order,
        )
        for order, (name, due) in enumerate(milestones, start=1)
    )
    audit_record(
        actor=actor,
        action="development_plan.created",
        obj=plan,
        changes=plan_data(plan),
        reason=plan.reason,
    )
    publish(actor_or_organization=actor, events=[DevelopmentPlanCreated.of(plan)])
    if sign_off:
        plan = plan_improvement_sign_off(actor=actor, plan=plan)
    return plan


@transaction.atomic
def plan_improvement_sign_off(*, actor: Actor, plan: DevelopmentPlan) -> DevelopmentPlan:
    """An HR admin signs off an improvement plan: it becomes active, and Momentum reminds the
    employee, the manager and HR of its review dates (the shipped "Performance improvement
    plan reviews" workflow, switched on with the first plan, reads the sign-off: the event
    `improvement_plan_signed_off`)."""
    actor.require_admin()
    same_organization(actor, plan)
    plan = _locked(plan)
    if plan.kind != DevelopmentPlan.Kind.IMPROVEMENT:
        raise ApplicationError(INVALID, "Only an improvement plan is signed off by HR.")
    _require_status(plan, Status.DRAFT, Status.PROPOSED, Status.APPROVED, action="signed off")
    # Switched on first, so the workflow reads this sign-off (its feed starts before it).
    workflow_services.workflow_template_ensure(actor=actor, key="improvement_plan_reviews")
    now = timezone.now()
    plan = _transition(
        actor,
        plan,
        Status.ACTIVE,
        hr_signed_off_by=actor.user,
        hr_signed_off_at=now,
        approved_by=plan.approved_by or actor.employee,
        approved_at=plan.approved_at or now,
        activated_at=now,
    )
    return plan


@transaction.atomic
def plan_propose(*, actor: Actor, plan: DevelopmentPlan) -> DevelopmentPlan:
    """The employee (or a manager or HR on their behalf) proposes the draft to the manager."""
    _check_visible(actor, plan)
    plan = _locked(plan)
    _require_status(plan, Status.DRAFT, action="proposed")
    return _transition(actor, plan, Status.PROPOSED)


@dataclass(frozen=True)
class PlanAddition:
    item: LearningItem
    reason: str
    capability: Capability | None = None
    due_date: date | None = None


@transaction.atomic
def plan_approve(
    *,
    actor: Actor,
    plan: DevelopmentPlan,
    add: Sequence[PlanAddition] = (),
    remove: Sequence[tuple[PlanItem, str]] = (),
    order: Sequence[PlanItem] | None = None,
    reason: str = "",
) -> DevelopmentPlan:
    """A manager approves a proposed plan, adding, removing and reordering items on the way;
    every change carries its reason in the audit trail."""
    _check_manager(actor, plan)
    plan = _locked(plan)
    _require_status(plan, Status.PROPOSED, action="approved")
    items = {item.pk: item for item in PlanItem.objects.filter(plan=plan)}
    for plan_item, why in remove:
        if plan_item.pk not in items:
            raise NotFound("The item is not in this plan.")
        if not (why or "").strip():
            raise ApplicationError(INVALID, "Say why the item is removed.", fields={"remove": "?"})
        audit_record(
            actor=actor,
            action="development_plan.item_removed",
            obj=plan,
            changes={"item": plan_item.label},
            reason=why.strip(),
        )
        del items[plan_item.pk]
        plan_item.delete()
    next_order = max((i.order for i in items.values()), default=0) + 1
    for addition in add:
        same_organization(actor, addition.item, addition.capability)
        if not (addition.reason or "").strip():
            raise ApplicationError(INVALID, "Say why the item is added.", fields={"add": "?"})
        new = PlanItem.objects.create(
            plan=plan,
            item=addition.item,
            capability=addition.capability,
            reason=addition.reason.strip()[:300],
            due_date=addition.due_date or plan.period_end,
            order=next_order,
        )
        items[new.pk] = new
        next_order += 1
        audit_record(
            actor=actor,
            action="development_plan.item_added",
            obj=plan,
            changes={"item": addition.item.title},
            reason=addition.reason.strip(),
        )
    if order is not None:
        wanted = [i.pk for i in order]
        if sorted(wanted) != sorted(items):
            raise ApplicationError(
                INVALID, "Name every item of the plan once to reorder it.", fields={"order": "?"}
            )
        before = [items[pk].label for pk in sorted(items, key=lambda pk: items[pk].order)]
        for position, pk in enumerate(wanted, start=1):
            items[pk].order = position
        PlanItem.objects.bulk_update(list(items.values()), ["order"])
        audit_record(
            actor=actor,
            action="development_plan.reordered",
            obj=plan,
            changes={"order": {"before": before, "after": [items[pk].label for pk in wanted]}},
            reason=reason,
        )
    return _transition(
        actor,
        plan,
        Status.APPROVED,
        reason=reason,
        approved_by=actor.employee,
        approved_at=timezone.now(),
    )


@transaction.atomic
def plan_activate(*, actor: Actor, plan: DevelopmentPlan) -> DevelopmentPlan:
    _check_visible(actor, plan)
    plan = _locked(plan)
    _require_status(plan, Status.APPROVED, action="activated")
    return _transition(actor, plan, Status.ACTIVE, activated_at=timezone.now())


@transaction.atomic
def plan_complete(
    *, actor: Actor, plan: DevelopmentPlan, outcome: str = "", note: str = ""
) -> DevelopmentPlan:
    """A manager or HR closes an active plan; an improvement plan needs its outcome."""
    _check_manager(actor, plan)
    plan = _locked(plan)
    _require_status(plan, Status.ACTIVE, Status.APPROVED, action="completed")
    if outcome and outcome not in DevelopmentPlan.Outcome.values:
        raise ApplicationError(INVALID, f"Unknown outcome {outcome!r}.", fields={"outcome": "?"})
    if plan.kind == DevelopmentPlan.Kind.IMPROVEMENT and not outcome:
        raise ApplicationError(
            INVALID,
            "Record the outcome of the improvement plan.",
            fields={"outcome": "Required."},
        )
    plan = _transition(
        actor,
        plan,
        Status.COMPLETED,
        reason=note,
        outcome=outcome,
        outcome_note=note.strip(),
        completed_at=timezone.now(),
    )
    publish(actor_or_organization=actor, events=[DevelopmentPlanCompleted.of(plan)])
    return plan


PROGRESS_STATUSES = (Status.APPROVED, Status.ACTIVE)


@transaction.atomic
def plan_item_progress(
    *,
    actor: Actor,
    plan_item: PlanItem,
    status: str,
    evidence: str | None = None,
    reflection: str | None = None,
) -> PlanItem:
    """The employee (or a manager or HR) moves an item of an approved or active plan. The
    first item started or done starts an approved plan: work has begun, so the plan is active
    (and "Start the plan" is no longer offered)."""
    plan = plan_item.plan
    _check_visible(actor, plan)
    if status not in PlanItem.Status.values:
        raise ApplicationError(INVALID, f"Unknown status {status!r}.", fields={"status": "?"})
    if plan.status not in PROGRESS_STATUSES:
        raise ApplicationError(
            INVALID_TRANSITION, "Progress is recorded on approved or active plans.", status=409
        )
    if plan.status == Status.APPROVED and status != PlanItem.Status.NOT_STARTED:
        _transition(actor, _locked(plan), Status.ACTIVE, activated_at=timezone.now())
    plan_item = PlanItem.objects.select_for_update().get(pk=plan_item.pk)
    before = snapshot(plan_item, ("status", "evidence", "reflection"))
    plan_item.status = status
    if evidence is not None:
        plan_item.evidence = evidence.strip()
    if reflection is not None:
        plan_item.reflection = reflection.strip()
    if status == PlanItem.Status.DONE and plan_item.completed_at is None:
        plan_item.completed_at = timezone.now()
    elif status != PlanItem.Status.DONE:
        plan_item.completed_at = None
    plan_item.save(update_fields=["status", "evidence", "reflection", "completed_at"])
    changes = diff(before, snapshot(plan_item, ("status", "evidence", "reflection")))
    if changes:
        audit_record(actor=actor, action="plan_item.updated", obj=plan_item, changes=changes)
    return plan_item
