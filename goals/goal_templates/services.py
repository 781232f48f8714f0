"""Writes of goal templates: templates with their KPI, and applying one to every holder of a job
role or member of a department (all or nothing, idempotent, audited, in a fixed number of
queries).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from capabilities.models import Capability, JobRole, RoleAssignment
from goals import selectors
from goals.error_codes import (
    DUPLICATE,
    EMPTY_DEPARTMENT,
    EMPTY_ROLE,
    INVALID,
    KEY_RESULT_NOT_IN_ROLE,
    SMART_CHECK_FAILED,
)
from goals.models import (
    Goal,
    GoalAlignment,
    GoalCapability,
    GoalTemplate,
    GoalTemplateCapability,
)
from goals.rollups import goal_rollups_refresh
from goals.services import CHECKED_RELATIONS, HISTORY_FIELDS, check_capabilities, check_kpi
from plms.audit.models import AuditEvent
from plms.audit.services import audit_record, snapshot
from plms.common.errors import ApplicationError, PermissionDenied
from plms.common.validation import full_clean
from plms.people.models import Department, Employee
from plms.people.selectors import all_report_ids_sql
from plms.tenancy.actors import Actor, same_organization
from plms.tenancy.context import require_organization_id

# --- Templates -------------------------------------------------------------------------------


_TEMPLATE_KPI_FIELDS = (
    "unit",
    "direction",
    "baseline",
    "target",
    "range_low",
    "range_high",
    "indicator",
    "perspective",
    "update_frequency",
    "weight",
)


@transaction.atomic
def goal_template_create(
    *,
    actor: Actor,
    name: str,
    title: str,
    capabilities: Sequence[Capability] = (),
    **fields: Any,
) -> GoalTemplate:
    actor.require_admin()
    same_organization(actor, fields.get("parent"), fields.get("key_result"), *capabilities)
    check_capabilities(capabilities)
    if GoalTemplate.objects.filter(name__iexact=name.strip()).exists():
        raise ApplicationError(
            DUPLICATE, f"A template named {name!r} exists.", fields={"name": "Already used."}
        )
    template = GoalTemplate(name=name.strip(), title=title.strip(), **fields)
    full_clean(template, exclude=["parent", "key_result"])
    template.save()
    GoalTemplateCapability.objects.bulk_create(
        GoalTemplateCapability(
            organization_id=template.organization_id, template=template, capability=capability
        )
        for capability in dict.fromkeys(capabilities)
    )
    audit_record(
        actor=actor,
        action="goal_template.created",
        obj=template,
        changes={
            **snapshot(template, ("name", "title", *_TEMPLATE_KPI_FIELDS, "parent", "key_result")),
            "capabilities": [str(c.uuid) for c in capabilities],
        },
    )
    return template


@dataclass(frozen=True)
class TemplateApplication:
    """What applying a template did: the goals it created, and the people it left alone
    because they have a goal from the template already."""

    template: GoalTemplate
    created: list[Goal]
    skipped: list[Employee]


@transaction.atomic
def goal_template_apply(
    *,
    actor: Actor,
    template: GoalTemplate,
    department: Department,
    start_date: date,
    due_date: date,
    status: str = Goal.Status.DRAFT,
) -> TemplateApplication:
    """One goal per active employee of the department (see `_template_apply`)."""
    same_organization(actor, template, department)
    employees = list(Employee.objects.filter(department=department, active=True).order_by("id"))
    if not employees:
        raise ApplicationError(EMPTY_DEPARTMENT, f"{department} has no active employees.")
    return _template_apply(
        actor=actor,
        template=template,
        employees=employees,
        start_date=start_date,
        due_date=due_date,
        status=status,
        applied_to={"department": str(department.uuid)},
    )


@transaction.atomic
def goal_template_apply_to_role(
    *,
    actor: Actor,
    template: GoalTemplate,
    role: JobRole,
    start_date: date,
    due_date: date,
    status: str = Goal.Status.DRAFT,
) -> TemplateApplication:
    """One goal per active holder of the job role (see `_template_apply`). A template aligned
    to a key result is applied to that key result's role only."""
    same_organization(actor, template, role)
    key_result = template.key_result
    if key_result is not None and key_result.role_id != role.pk:
        raise ApplicationError(
            KEY_RESULT_NOT_IN_ROLE,
            f"“{template}” serves a key result of {key_result.role}, not of {role}.",
            fields={"role": "Not the role of the template's key result."},
        )
    employees = list(
        Employee.objects.filter(
            active=True,
            pk__in=RoleAssignment.objects.filter(role=role, ended_at__isnull=True).values(
                "employee_id"
            ),
        ).order_by("id")
    )
    if not employees:
        raise ApplicationError(EMPTY_ROLE, f"Nobody holds the role {role} at the moment.")
    return _template_apply(
        actor=actor,
        template=template,
        employees=employees,
        start_date=start_date,
        due_date=due_date,
        status=status,
        applied_to={"job_role": str(role.uuid)},
    )


def _template_apply(
    *,
    actor: Actor,
    template: GoalTemplate,
    employees: Sequence[Employee],
    start_date: date,
    due_date: date,
    status: str,
    applied_to: Mapping[str, str],
) -> TemplateApplication:
    """Give each of `employees` a goal from the template: all or none, idempotent, in a fixed
    number of queries whatever the number of people.

    Everything is checked before anything is written: the caller may set goals for every one
    of them, the template's key result belongs to each one's role, the goal is valid (and
    passes the SMART-R check when created active; a bulk activation has no override). People
    who already have a live goal from the template are skipped, so applying twice creates
    nothing the second time. The template row is locked, so two applications at once queue.
    """
    template = (
        GoalTemplate.objects.select_for_update(of=("self",))
        .select_related("key_result__role")
        .get(pk=template.pk)
    )
    if status not in (Goal.Status.DRAFT, Goal.Status.ACTIVE):
        raise ApplicationError(
            INVALID, "Templates create draft or active goals.", fields={"status": "Not allowed."}
        )
    _check_may_set_goals_for(actor, employees)
    key_result = template.key_result
    if key_result is not None:
        holders = set(
            RoleAssignment.objects.filter(
                employee__in=employees, role_id=key_result.role_id, ended_at__isnull=True
            ).values_list("employee_id", flat=True)
        )
        others = [e for e in employees if e.pk not in holders]
        if others:
            raise ApplicationError(
                KEY_RESULT_NOT_IN_ROLE,
                f"“{key_result}” is a key result of {key_result.role}, which "
                f"these people do not hold: {_names(others)}.",
            )
    taken = set(
        Goal.objects.filter(template=template, owner_employee__in=employees)
        .exclude(status=Goal.Status.CANCELLED)
        .values_list("owner_employee_id", flat=True)
    )
    skipped = [e for e in employees if e.pk in taken]
    employees = [e for e in employees if e.pk not in taken]
    if not employees:
        return TemplateApplication(template=template, created=[], skipped=skipped)
    organization_id = require_organization_id()
    now = timezone.now()
    capability_ids = list(
        GoalTemplateCapability.objects.filter(template=template).values_list(
            "capability_id", flat=True
        )
    )
    goals = [
        Goal(
            organization_id=organization_id,
            title=template.title,
            description=template.description,
            level=template.level,
            owner_type=Goal.OwnerType.EMPLOYEE,
            owner_employee=employee,
            start_date=start_date,
            due_date=due_date,
            key_result=template.key_result,
            template=template,
            created_by=actor.user,
            created_at=now,
            updated_at=now,
            **{name: getattr(template, name) for name in _TEMPLATE_KPI_FIELDS},
        )
        for employee in employees
    ]
    # The goals differ only in their owner: one check stands for all of them.
    full_clean(goals[0], exclude=CHECKED_RELATIONS)
    check_kpi(goals[0])
    if status == Goal.Status.ACTIVE:
        check = selectors.smart_check_for(goals[0], parent_count=1 if template.parent_id else 0)
        if not check.passed:
            raise ApplicationError(
                SMART_CHECK_FAILED,
                "Goals from this template do not pass the SMART-R check: create them as "
                "drafts, or fix the template.",
                fields={f"smart.{r.name}": str(r.hint) for r in check.failed},
                extra={"smart": check.as_dict()},
            )
        for goal in goals:
            goal.status = Goal.Status.ACTIVE
            goal.activated_at = now
    goals = Goal.objects.bulk_create(goals)
    if template.parent_id is not None:
        GoalAlignment.objects.bulk_create(
            GoalAlignment(organization_id=organization_id, child=goal, parent_id=template.parent_id)
            for goal in goals
        )
        goal_rollups_refresh(goal_ids=[template.parent_id])
    GoalCapability.objects.bulk_create(
        GoalCapability(organization_id=organization_id, goal=goal, capability_id=capability_id)
        for goal in goals
        for capability_id in capability_ids
    )
    reason = f"From template {template}"
    history = [
        _audit_event(
            actor,
            "goal.created",
            goal,
            {**snapshot(goal, HISTORY_FIELDS), "status": Goal.Status.DRAFT},
            reason,
            now,
        )
        for goal in goals
    ]
    if status == Goal.Status.ACTIVE:
        history += [
            _audit_event(
                actor,
                "goal.activated",
                goal,
                {"status": {"before": Goal.Status.DRAFT, "after": Goal.Status.ACTIVE}},
                reason,
                now,
            )
            for goal in goals
        ]
    AuditEvent.objects.bulk_create(history)
    audit_record(
        actor=actor,
        action="goal_template.applied",
        obj=template,
        changes={
            **applied_to,
            "status": status,
            "goals": [str(g.uuid) for g in goals],
            "skipped": [str(e.uuid) for e in skipped],
        },
    )
    return TemplateApplication(template=template, created=goals, skipped=skipped)


def _check_may_set_goals_for(actor: Actor, employees: Sequence[Employee]) -> None:
    """HR admins set anybody's goals; others their own and their reports' (one query)."""
    if actor.is_admin:
        return
    me = actor.employee
    allowed: set[int] = set()
    if me is not None:
        allowed = {me.pk} | set(
            Employee.objects.filter(
                id__in=all_report_ids_sql(manager_id=me.pk, include_matrix=True)
            ).values_list("id", flat=True)
        )
    refused = [e for e in employees if e.pk not in allowed]
    if refused:
        raise PermissionDenied(f"You may not set goals for {_names(refused)}.")


def _names(employees: Sequence[Employee], limit: int = 10) -> str:
    names = ", ".join(str(e) for e in employees[:limit])
    return names if len(employees) <= limit else f"{names} and {len(employees) - limit} more"


def _audit_event(
    actor: Actor, action: str, obj: Goal, changes: dict, reason: str, at: datetime
) -> AuditEvent:
    """An audit row as `audit_record` writes it, for writing many in one statement."""
    return AuditEvent(
        organization_id=obj.organization_id,
        actor_user=actor.user,
        actor_label=actor.label,
        action=action,
        object_type=obj._meta.label_lower,
        object_uuid=obj.uuid,
        object_repr=str(obj)[:300],
        changes=changes,
        reason=reason,
        created_at=at,
    )
