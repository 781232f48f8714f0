"""Writes of goals, progress and change control (check-ins, feedback and goal templates have
their own packages: `goals.checkins`, `goals.feedback`, `goals.goal_templates`).

Every function takes the acting `Actor`, checks it may act, keeps related objects inside the
organisation, runs in one transaction and records history with `audit_record`.

Alignment: a goal supports parent goals (many, across people and teams) and may serve one key
result of a job role's scorecard; it names the capabilities it exercises.

Change control: once a goal is active, its commitment (target, range, due date, weight) is
changed only through a `GoalChangeRequest` with a justification, decided by a manager of the
owner or an HR admin. Concurrency: edits carry the `version` they were based on; a stale one is
refused with a 409 `conflict` that carries the current state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from capabilities.models import Capability, RoleAssignment
from goals import kpi as kpi_math
from goals import selectors
from goals.error_codes import (
    ALIGNMENT_CYCLE,
    ALREADY_DECIDED,
    CHANGE_PENDING,
    CONFLICT,
    GOAL_CLOSED,
    GOAL_NOT_ACTIVE,
    INVALID,
    INVALID_TRANSITION,
    JUSTIFICATION_REQUIRED,
    KEY_RESULT_NOT_IN_ROLE,
    SMART_CHECK_FAILED,
)
from goals.events import GoalStatusChanged
from goals.models import (
    Goal,
    GoalAlignment,
    GoalCapability,
    GoalChangeRequest,
    GoalContributor,
    GoalRedEpisode,
    GoalSettings,
    GoalUpdate,
)
from goals.rollups import ROLLUP_FIELDS, goal_rollups_refresh
from plms.audit.services import audit_record, diff, snapshot
from plms.common.errors import ApplicationError, PermissionDenied
from plms.common.validation import full_clean
from plms.events.bus import publish
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor, same_organization
from plms.tenancy.context import require_organization_id

MSG_CONFLICT = "The goal was changed by someone else (now version {version}). Reload and retry."
MSG_CYCLE = "“{parent}” supports this goal already: aligning to it would create a cycle."
MSG_JUSTIFY = "Changing an active goal's {fields} needs a justification for the approver."
MSG_KEY_RESULT_ROLE = "“{key_result}” is a key result of {role}, which is not {owner}'s role."
MSG_RETIRED = "“{capability}” is retired: goals name capabilities in use."


# Editable through goal_update; `status` moves through goal_transition.
GOAL_FIELDS = (
    "title",
    "description",
    "level",
    "start_date",
    "due_date",
    "unit",
    "direction",
    "baseline",
    "target",
    "range_low",
    "range_high",
    "indicator",
    "perspective",
    "data_source",
    "data_steward",
    "update_frequency",
    "weight",
    "rag_green_at",
    "rag_amber_at",
    "range_tolerance_percent",
    "key_result",
)


# Foreign keys the services check themselves (same organisation, the owner's role).
CHECKED_RELATIONS = ["owner_employee", "owner_department", "data_steward", "key_result", "template"]


# The commitment of an active goal: changed only with approval.
CONTROLLED_FIELDS = ("target", "range_low", "range_high", "due_date", "weight")
HISTORY_FIELDS = (*GOAL_FIELDS, "status", "current", "owner_type", "owner_employee")


# What the stored forecast verdict (`Goal.forecast_misses`) is computed from, besides updates.
FORECAST_FIELDS = (
    "direction",
    "baseline",
    "target",
    "range_low",
    "range_high",
    "start_date",
    "due_date",
)
TRANSITIONS: dict[str, set[Goal.Status]] = {
    Goal.Status.DRAFT: {Goal.Status.ACTIVE, Goal.Status.CANCELLED},
    Goal.Status.ACTIVE: {Goal.Status.COMPLETED, Goal.Status.CANCELLED},
    Goal.Status.COMPLETED: set(),
    Goal.Status.CANCELLED: set(),
}


def goal_state(goal: Goal) -> dict[str, Any]:
    """The goal as the API shows it in a conflict, so the client can merge and retry."""
    return {
        "id": str(goal.uuid),
        "version": goal.version,
        "status": goal.status,
        **snapshot(goal, GOAL_FIELDS),
        "current": snapshot(goal, ["current"])["current"],
    }


def _conflict(goal: Goal) -> ApplicationError:
    return ApplicationError(
        CONFLICT,
        MSG_CONFLICT.format(version=goal.version),
        status=409,
        extra={"current": goal_state(goal)},
    )


def _lock(goal: Goal, version: int | None) -> Goal:
    """Lock the goal's row for this transaction and check the caller's version."""
    locked = (
        Goal.objects.select_for_update(of=("self",))
        .select_related("owner_employee", "owner_department")
        .get(pk=goal.pk)
    )
    if version is not None and locked.version != version:
        raise _conflict(locked)
    return locked


def _save_versioned(goal: Goal, version: int, fields: Iterable[str]) -> None:
    """Compare-and-swap on `version`: of two writers holding the same version, one wins.

    A change of what the forecast reads (FORECAST_FIELDS) stores its new verdict with it, and
    one of what roll-ups read (ROLLUP_FIELDS) refreshes the goal's and its parents'."""
    now = timezone.now()
    fields = list(fields)
    columns = {field.name: field.attname for field in Goal._meta.concrete_fields}
    attnames = [columns[name] for name in fields]
    values = {attname: getattr(goal, attname) for attname in attnames}
    if any(name in FORECAST_FIELDS for name in fields):
        goal.forecast_misses = _forecast_misses(goal, _recorded_values(goal))
        values["forecast_misses"] = goal.forecast_misses
    updated = Goal.objects.filter(pk=goal.pk, version=version).update(
        **values, version=version + 1, updated_at=now
    )
    if updated != 1:
        raise _conflict(Goal.objects.get(pk=goal.pk))
    goal.version = version + 1
    goal.updated_at = now
    if any(name in ROLLUP_FIELDS for name in fields):
        goal_rollups_refresh(goal_ids=[goal.pk])


def _recorded_values(goal: Goal) -> list[tuple[date, Decimal]]:
    """The goal's updates as (day, value), oldest first: what the forecast reads."""
    rows = GoalUpdate.objects.filter(goal=goal).order_by("recorded_at", "id")
    return [
        (recorded_at.date(), value)
        for recorded_at, value in rows.values_list("recorded_at", "value")
    ]


def _forecast_misses(goal: Goal, recorded: list[tuple[date, Decimal]]) -> bool | None:
    return kpi_math.likely_to_miss(
        goal.kpi, recorded, baseline=goal.baseline, start=goal.start_date, due=goal.due_date
    )


def goal_forecasts_refresh(*, goal_ids: Iterable[int]) -> int:
    """Recompute the stored forecast verdict of `goal_ids` from their updates, KPI and dates,
    for writers that bypass the services (bulk loads, deleted updates). Two reads and at most
    three updates per 1,000 goals; returns how many verdicts changed."""
    ids = sorted(set(goal_ids))
    changed = 0
    for offset in range(0, len(ids), 1000):
        chunk = ids[offset : offset + 1000]
        recorded: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
        updates = (
            GoalUpdate.objects.filter(goal_id__in=chunk)
            .order_by("goal_id", "recorded_at", "id")
            .values_list("goal_id", "recorded_at", "value")
        )
        for goal_id, recorded_at, value in updates:
            recorded[goal_id].append((recorded_at.date(), value))
        verdicts: dict[bool | None, list[int]] = defaultdict(list)
        goals = Goal.objects.filter(pk__in=chunk).only(
            "current", "forecast_misses", *FORECAST_FIELDS
        )
        for goal in goals:
            verdict = _forecast_misses(goal, recorded[goal.pk])
            if verdict is not goal.forecast_misses:
                verdicts[verdict].append(goal.pk)
        for verdict, pks in verdicts.items():
            changed += Goal.objects.filter(pk__in=pks).update(forecast_misses=verdict)
    return changed


def _descendant_ids(goal: Goal) -> set[int]:
    """Every goal supporting `goal`, directly or through others (one recursive query)."""
    organization_id = require_organization_id()
    sql = """
        WITH RECURSIVE down(id) AS (
            SELECT child_id FROM goals_goalalignment
            WHERE organization_id = %s AND parent_id = %s
            UNION
            SELECT a.child_id FROM goals_goalalignment a JOIN down ON a.parent_id = down.id
            WHERE a.organization_id = %s
        )
        SELECT id FROM down
    """
    raw = RawSQL(sql, [organization_id, goal.pk, organization_id])
    return set(Goal.objects.filter(id__in=raw).values_list("id", flat=True))


def _set_parents(goal: Goal, parents: Sequence[Goal]) -> None:
    below = _descendant_ids(goal) if goal.pk else set()
    for parent in parents:
        if parent.pk == goal.pk or parent.pk in below:
            raise ApplicationError(
                ALIGNMENT_CYCLE,
                MSG_CYCLE.format(parent=parent),
                fields={"parents": "Would create a cycle."},
            )
    links = GoalAlignment.objects.filter(child=goal)
    existing = set(links.values_list("parent_id", flat=True))
    left = existing - {parent.pk for parent in parents}
    links.filter(parent_id__in=left).delete()
    added = GoalAlignment.objects.bulk_create(
        GoalAlignment(organization_id=goal.organization_id, child=goal, parent=parent)
        for parent in dict.fromkeys(parents)
        if parent.pk not in existing
    )
    if left or added:
        goal_rollups_refresh(goal_ids=[goal.pk, *left])


def _set_contributors(goal: Goal, contributors: Sequence[Employee]) -> None:
    GoalContributor.objects.filter(goal=goal).exclude(employee__in=contributors).delete()
    existing = set(GoalContributor.objects.filter(goal=goal).values_list("employee_id", flat=True))
    GoalContributor.objects.bulk_create(
        GoalContributor(organization_id=goal.organization_id, goal=goal, employee=employee)
        for employee in dict.fromkeys(contributors)
        if employee.pk not in existing
    )


def _set_capabilities(goal: Goal, capabilities: Sequence[Capability]) -> None:
    existing = set(GoalCapability.objects.filter(goal=goal).values_list("capability_id", flat=True))
    check_capabilities([c for c in capabilities if c.pk not in existing])
    GoalCapability.objects.filter(goal=goal).exclude(capability__in=capabilities).delete()
    GoalCapability.objects.bulk_create(
        GoalCapability(organization_id=goal.organization_id, goal=goal, capability=capability)
        for capability in dict.fromkeys(capabilities)
        if capability.pk not in existing
    )


def check_capabilities(capabilities: Sequence[Capability]) -> None:
    """Newly named capabilities are in use (a retired one may stay named, not be added)."""
    for capability in capabilities:
        if capability.status == Capability.Status.RETIRED:
            raise ApplicationError(
                INVALID,
                MSG_RETIRED.format(capability=capability),
                fields={"capabilities": "Retired capability."},
            )


def _check_key_result(goal: Goal) -> None:
    """A person's goal serves a key result of the person's current job role."""
    owner_id = goal.owner_employee_id
    if goal.owner_type != Goal.OwnerType.EMPLOYEE or owner_id is None:
        return
    key_result = goal.key_result
    if key_result is None:
        return
    holds = RoleAssignment.objects.filter(
        employee_id=owner_id, role_id=key_result.role_id, ended_at__isnull=True
    ).exists()
    if not holds:
        raise ApplicationError(
            KEY_RESULT_NOT_IN_ROLE,
            MSG_KEY_RESULT_ROLE.format(
                key_result=key_result, role=key_result.role, owner=goal.owner_employee
            ),
            fields={"key_result": "Not a key result of the owner's job role."},
        )


def close_red_episode(goal: Goal, action: str) -> None:
    """Record the first action on a goal that turned red (decision latency)."""
    GoalRedEpisode.objects.filter(goal=goal, first_action_at__isnull=True).update(
        first_action_at=timezone.now(), first_action=action
    )


# --- Goals -----------------------------------------------------------------------------------


@transaction.atomic
def goal_create(
    *,
    actor: Actor,
    title: str,
    owner_type: str = Goal.OwnerType.EMPLOYEE,
    owner_employee: Employee | None = None,
    owner_department: Department | None = None,
    parents: Sequence[Goal] = (),
    contributors: Sequence[Employee] = (),
    capabilities: Sequence[Capability] = (),
    **fields: Any,
) -> Goal:
    """Create a draft goal. Drafts may fail the SMART-R check; activating may not."""
    if owner_type == Goal.OwnerType.EMPLOYEE and owner_employee is None:
        owner_employee = actor.employee
    same_organization(
        actor,
        owner_employee,
        owner_department,
        fields.get("data_steward"),
        fields.get("key_result"),
        *parents,
        *contributors,
        *capabilities,
    )
    goal = Goal(
        title=title.strip(),
        owner_type=owner_type,
        owner_employee=owner_employee if owner_type == Goal.OwnerType.EMPLOYEE else None,
        owner_department=owner_department if owner_type == Goal.OwnerType.DEPARTMENT else None,
        created_by=actor.user,
    )
    for name, value in fields.items():
        if name not in GOAL_FIELDS:
            raise TypeError(f"Unknown goal field {name!r}.")
        setattr(goal, name, value)
    _check_owner(goal)
    if not selectors.can_edit_goal(actor=actor, goal=goal):
        raise PermissionDenied("You may not set goals for this owner.")
    full_clean(goal, exclude=CHECKED_RELATIONS)
    check_kpi(goal)
    _check_key_result(goal)
    goal.save()
    _set_parents(goal, list(parents))
    _set_contributors(goal, list(contributors))
    _set_capabilities(goal, list(capabilities))
    audit_record(
        actor=actor,
        action="goal.created",
        obj=goal,
        changes={
            **snapshot(goal, HISTORY_FIELDS),
            "parents": [str(p.uuid) for p in parents],
            "contributors": [str(c.uuid) for c in contributors],
            "capabilities": [str(c.uuid) for c in capabilities],
        },
    )
    return goal


def _check_owner(goal: Goal) -> None:
    owner_fields: dict[str, tuple[str, int | None]] = {
        Goal.OwnerType.EMPLOYEE: ("owner_employee", goal.owner_employee_id),
        Goal.OwnerType.DEPARTMENT: ("owner_department", goal.owner_department_id),
    }
    missing = owner_fields.get(goal.owner_type)
    if goal.owner_type not in Goal.OwnerType.values:
        raise ApplicationError(INVALID, "Unknown owner type.", fields={"owner_type": "Unknown."})
    if missing is not None and missing[1] is None:
        raise ApplicationError(
            INVALID, "The goal needs an owner.", fields={missing[0]: "Required."}
        )


def check_kpi(goal: Goal) -> None:
    """The KPI is consistent: a unit, a baseline and target that fit its direction and range."""
    errors: dict[str, str] = {}
    if (
        goal.direction == kpi_math.RANGE
        and goal.range_low is not None
        and goal.range_high is not None
    ) and goal.range_low >= goal.range_high:
        errors["range_high"] = "Must be above the low end of the range."
    if goal.start_date and goal.due_date and goal.due_date < goal.start_date:
        errors["due_date"] = "Must not be before the start date."
    green, amber = goal.rag_green_at, goal.rag_amber_at
    if green is not None and amber is not None and amber > green:
        errors["rag_amber_at"] = "Must not be above the green threshold."
    if errors:
        raise ApplicationError(INVALID, "Please correct the errors.", fields=errors)


@transaction.atomic
def goal_update(
    *,
    actor: Actor,
    goal: Goal,
    version: int,
    justification: str = "",
    parents: Sequence[Goal] | None = None,
    contributors: Sequence[Employee] | None = None,
    capabilities: Sequence[Capability] | None = None,
    **changes: Any,
) -> Goal:
    """Apply `changes` made on top of `version`.

    On an active goal, changes of the commitment (CONTROLLED_FIELDS) are not applied: they
    become one pending change request with the justification; the rest applies at once.
    """
    goal = _lock(goal, version)
    if not selectors.can_edit_goal(actor=actor, goal=goal):
        raise PermissionDenied("You may not edit this goal.")
    if goal.status in (Goal.Status.COMPLETED, Goal.Status.CANCELLED):
        raise ApplicationError(GOAL_CLOSED, "A completed or cancelled goal cannot change.")
    same_organization(
        actor,
        changes.get("data_steward"),
        changes.get("key_result"),
        *(parents or ()),
        *(contributors or ()),
        *(capabilities or ()),
    )
    before = snapshot(goal, HISTORY_FIELDS)
    key_result_before = goal.key_result_id
    controlled: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in GOAL_FIELDS:
            raise TypeError(f"Unknown goal field {name!r}.")
        if getattr(goal, name) == value:
            continue
        if goal.status == Goal.Status.ACTIVE and name in CONTROLLED_FIELDS:
            controlled[name] = value
        else:
            setattr(goal, name, value)
    full_clean(goal, exclude=CHECKED_RELATIONS)
    check_kpi(goal)
    if goal.key_result_id != key_result_before:
        _check_key_result(goal)
    after = snapshot(goal, HISTORY_FIELDS)
    changed = [name for name in diff(before, after)]
    links: dict[str, Any] = {}
    if parents is not None:
        old = sorted(str(p.uuid) for p in goal.parents.all())
        new = sorted(str(p.uuid) for p in parents)
        if old != new:
            _set_parents(goal, list(parents))
            links["parents"] = {"before": old, "after": new}
    if contributors is not None:
        old = sorted(str(c.uuid) for c in goal.contributors.all())
        new = sorted(str(c.uuid) for c in contributors)
        if old != new:
            _set_contributors(goal, list(contributors))
            links["contributors"] = {"before": old, "after": new}
    if capabilities is not None:
        old = sorted(str(c.uuid) for c in goal.capabilities.all())
        new = sorted(str(c.uuid) for c in capabilities)
        if old != new:
            _set_capabilities(goal, list(capabilities))
            links["capabilities"] = {"before": old, "after": new}
    if changed or links:
        _save_versioned(goal, version, changed)
        audit_record(
            actor=actor, action="goal.updated", obj=goal, changes={**diff(before, after), **links}
        )
    if controlled:
        goal_change_request_create(
            actor=actor, goal=goal, changes=controlled, justification=justification
        )
    return goal


@transaction.atomic
def goal_change_request_create(
    *, actor: Actor, goal: Goal, changes: Mapping[str, Any], justification: str
) -> GoalChangeRequest:
    justification = justification.strip()
    if not justification:
        raise ApplicationError(
            JUSTIFICATION_REQUIRED,
            MSG_JUSTIFY.format(fields=", ".join(changes)),
            fields={"justification": "Required to change an active goal's commitment."},
        )
    if GoalChangeRequest.objects.filter(goal=goal, status="pending").exists():
        raise ApplicationError(
            CHANGE_PENDING,
            "A change of this goal is waiting for a decision; it must be decided first.",
            status=409,
        )
    request = GoalChangeRequest(
        goal=goal,
        changes={
            name: {"before": snapshot(goal, [name])[name], "after": snapshot_value(value)}
            for name, value in changes.items()
        },
        justification=justification,
        requested_by=actor.user,
        requested_by_label=actor.label,
    )
    request.save()
    close_red_episode(goal, "change_request")
    audit_record(
        actor=actor,
        action="goal.change_requested",
        obj=goal,
        changes=request.changes,
        reason=justification,
    )
    return request


def snapshot_value(value: Any) -> Any:
    """A field value as the history stores it (JSON)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@transaction.atomic
def goal_change_request_decide(
    *, actor: Actor, change_request: GoalChangeRequest, approve: bool, note: str = ""
) -> GoalChangeRequest:
    """Approve (apply the change, bump the version) or reject a pending change request."""
    goal = _lock(change_request.goal, None)
    change_request = GoalChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if not selectors.is_goal_approver(actor=actor, goal=goal):
        raise PermissionDenied("Only a manager of the owner or an HR admin decides this.")
    if change_request.requested_by_id == getattr(actor.user, "pk", None) and not actor.is_admin:
        raise PermissionDenied("Someone other than who asked decides a change.")
    if change_request.status != GoalChangeRequest.Status.PENDING:
        raise ApplicationError(ALREADY_DECIDED, "This change has been decided already.")
    change_request.status = "approved" if approve else "rejected"
    change_request.decided_by = actor.user
    change_request.decided_by_label = actor.label
    change_request.decided_at = timezone.now()
    change_request.decision_note = note.strip()
    change_request.save()
    if approve:
        before = snapshot(goal, HISTORY_FIELDS)
        for name, values in change_request.changes.items():
            setattr(goal, name, _field_value(name, values["after"]))
        check_kpi(goal)
        _save_versioned(goal, goal.version, list(change_request.changes))
        audit_record(
            actor=actor,
            action="goal.change_approved",
            obj=goal,
            changes=diff(before, snapshot(goal, HISTORY_FIELDS)),
            reason=change_request.decision_note,
        )
    else:
        audit_record(
            actor=actor,
            action="goal.change_rejected",
            obj=goal,
            changes=change_request.changes,
            reason=change_request.decision_note,
        )
    return change_request


def _field_value(name: str, raw: Any) -> Any:
    if raw is None:
        return None
    if name == "due_date":
        return date.fromisoformat(raw)
    return Decimal(str(raw))


@transaction.atomic
def goal_stretch_approve(*, actor: Actor, goal: Goal) -> Goal:
    """A manager accepts a target beyond the organisation's stretch limit."""
    goal = _lock(goal, None)
    if not selectors.is_goal_approver(actor=actor, goal=goal):
        raise PermissionDenied("Only a manager of the owner or an HR admin approves this.")
    goal.stretch_approved_by = actor.user
    _save_versioned(goal, goal.version, ["stretch_approved_by"])
    audit_record(actor=actor, action="goal.stretch_approved", obj=goal)
    return goal


@transaction.atomic
def goal_transition(
    *, actor: Actor, goal: Goal, status: str, version: int | None = None, override_reason: str = ""
) -> Goal:
    """Move a goal along draft → active → completed, or cancel it.

    Activating needs a passing SMART-R check, or a manager's override with a reason.
    """
    goal = _lock(goal, version)
    if not selectors.can_edit_goal(actor=actor, goal=goal):
        raise PermissionDenied("You may not change this goal.")
    if status not in TRANSITIONS.get(goal.status, set()):
        raise ApplicationError(
            INVALID_TRANSITION,
            f"A {goal.status} goal cannot become {status}.",
            fields={"status": "Not allowed from the current status."},
        )
    fields = ["status"]
    previous = goal.status
    action = f"goal.{status}"
    if status == Goal.Status.ACTIVE:
        check = selectors.goal_smart_check(goal)
        if not check.passed:
            override_reason = override_reason.strip()
            if not override_reason:
                raise ApplicationError(
                    SMART_CHECK_FAILED,
                    "The goal does not pass the SMART-R check yet.",
                    fields={f"smart.{r.name}": str(r.hint) for r in check.failed},
                    extra={"smart": check.as_dict()},
                )
            if not selectors.is_goal_approver(actor=actor, goal=goal) or (
                goal.owner_employee_id is not None
                and actor.employee is not None
                and goal.owner_employee_id == actor.employee.pk
                and not actor.is_admin
            ):
                raise PermissionDenied("Only a manager of the owner may override the check.")
            goal.activation_override_reason = override_reason
            goal.activation_override_by = actor.user
            fields += ["activation_override_reason", "activation_override_by"]
            action = "goal.activation_overridden"
        goal.activated_at = timezone.now()
        fields.append("activated_at")
    goal.status = status
    _save_versioned(goal, goal.version, fields)
    if status == Goal.Status.CANCELLED:
        GoalChangeRequest.objects.filter(goal=goal, status="pending").update(
            status="rejected", decision_note="The goal was cancelled.", decided_at=timezone.now()
        )
    audit_record(
        actor=actor,
        action=action,
        obj=goal,
        changes={"status": {"before": previous, "after": status}},
        reason=override_reason,
    )
    publish(actor_or_organization=actor, events=[GoalStatusChanged.of(goal, previous=previous)])
    return goal


@transaction.atomic
def goal_progress_record(
    *,
    actor: Actor,
    goal: Goal,
    value: Decimal,
    comment: str = "",
    confidence: str = GoalUpdate.Confidence.MEDIUM,
    recorded_at: datetime | None = None,
    source: str = GoalUpdate.Source.MANUAL,
) -> GoalUpdate:
    """Record a KPI value. The latest value becomes the goal's current one; a goal turning red
    opens a decision-latency episode, and any update on a red goal closes the open one."""
    goal = _lock(goal, None)
    if not selectors.can_record_progress(actor=actor, goal=goal):
        raise PermissionDenied("You may not record progress on this goal.")
    if goal.status != Goal.Status.ACTIVE:
        raise ApplicationError(GOAL_NOT_ACTIVE, "Progress is recorded on active goals only.")
    settings = selectors.goal_settings_get()
    recorded_at = recorded_at or timezone.now()
    day = timezone.localtime(recorded_at).date()
    update = GoalUpdate(
        goal=goal,
        value=value,
        comment=comment.strip(),
        confidence=confidence,
        source=source,
        recorded_by=actor.user,
        recorded_by_label=actor.label,
        recorded_at=recorded_at,
    )
    full_clean(update, exclude=["goal", "recorded_by"])
    update.save()
    # The goal's updates, oldest first, this one included (the newest id, so after every one
    # recorded at the same time or earlier): what the forecast reads. The one just before it
    # gives the status as last shown: the previous value on the day it was recorded.
    history = list(
        GoalUpdate.objects.filter(goal=goal)
        .order_by("recorded_at", "id")
        .values_list("id", "recorded_at", "value")
    )
    position = next(index for index, (pk, _, _) in enumerate(history) if pk == update.pk)
    before_rag = (
        selectors.goal_rag(
            goal, settings=settings, today=timezone.localtime(history[position - 1][1]).date()
        )
        if position > 0
        else None
    )
    recorded = [(at.date(), value) for _, at, value in history]
    previous = goal.current
    goal.current = recorded[-1][1]
    goal.forecast_misses = _forecast_misses(goal, recorded)
    Goal.objects.filter(pk=goal.pk).update(
        current=goal.current, forecast_misses=goal.forecast_misses, updated_at=timezone.now()
    )
    goal_rollups_refresh(goal_ids=[goal.pk])
    close_red_episode(goal, "update")
    after_rag = selectors.goal_rag(goal, settings=settings, today=day)
    if after_rag == kpi_math.RED and before_rag != kpi_math.RED:
        GoalRedEpisode.objects.create(goal=goal, turned_red_at=recorded_at)
    audit_record(
        actor=actor,
        action="goal.progress_recorded",
        obj=goal,
        changes={
            "current": {"before": snapshot_value(previous), "after": snapshot_value(goal.current)},
            "rag": {"before": before_rag, "after": after_rag},
        },
        reason=update.comment,
    )
    return update


@transaction.atomic
def goal_settings_update(*, actor: Actor, **values: Decimal) -> GoalSettings:
    actor.require_admin()
    settings = GoalSettings.objects.select_for_update().first() or GoalSettings()
    before = snapshot(settings, values)
    for name, value in values.items():
        if name not in (
            "stretch_limit_percent",
            "rag_green_at",
            "rag_amber_at",
            "range_tolerance_percent",
        ):
            raise TypeError(f"Unknown goal setting {name!r}.")
        setattr(settings, name, value)
    if settings.rag_amber_at > settings.rag_green_at:
        raise ApplicationError(
            INVALID, "Amber must not be above green.", fields={"rag_amber_at": "Above green."}
        )
    full_clean(settings)
    settings.save()
    audit_record(
        actor=actor,
        action="goal_settings.updated",
        obj=settings,
        changes=diff(before, snapshot(settings, values)),
    )
    return settings
