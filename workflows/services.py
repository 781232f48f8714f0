"""Writes of Momentum: templates and their milestones, activation, pause, resume, cancel, runs.

HR admins (and API keys) configure workflows; every write is validated, audited and runs in
one transaction. The engine (`workflows.engine`) moves runs once a template is active.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from capabilities.models import JobRole
from plms.audit.services import audit_record, diff, snapshot
from plms.common.error_codes import ErrorCode
from plms.common.errors import ApplicationError, NotFound
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor, same_organization
from plms.tenancy.context import require_organization_id
from plms.tenancy.models import Organization
from workflows import milestones as registry
from workflows import shipped, triggers
from workflows.engine import runs as run_engine
from workflows.engine import steps as step_engine
from workflows.error_codes import INVALID, INVALID_TRANSITION, NO_OCCURRENCE, WORKFLOW_CANCELLED
from workflows.models import MilestoneRun, WorkflowMilestone, WorkflowRun, WorkflowTemplate

TEMPLATE_FIELDS = (
    "name",
    "description",
    "trigger",
    "start_date",
    "recurrence",
    "event",
    "event_days",
    "audience",
    "audience_ids",
    "audience_title_contains",
    "audience_requires_manager",
)
MILESTONE_FIELDS = (
    "name",
    "kind",
    "relative_to",
    "offset_days",
    "due_days",
    "recipients",
    "message",
    "remind_before_days",
    "remind_on_due",
    "remind_overdue_days",
    "escalate_after_days",
    "escalate_to",
    "condition",
    "config",
)
DAY_LIMITS = {
    "offset_days": 3650,
    "due_days": 365,
    "remind_before_days": 365,
    "remind_overdue_days": 365,
    "escalate_after_days": 365,
}
MAX_MILESTONES = 30
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _invalid(field: str, message: str, code: ErrorCode = INVALID) -> ApplicationError:
    return ApplicationError(code, message, fields={field: message})


# --- Validation ------------------------------------------------------------------------------


def _clean_template(template: WorkflowTemplate) -> None:
    template.name = (template.name or "").strip()
    if not template.name:
        raise _invalid("name", "A name is required.")
    if template.trigger not in WorkflowTemplate.Trigger.values:
        raise _invalid("trigger", "Choose date, recurrence or event.")
    if template.start_date is not None and not EARLIEST <= template.start_date <= LATEST:
        raise _invalid("start_date", "Choose a date between 2000 and 2100.")
    if template.trigger in ("date", "recurrence") and template.start_date is None:
        raise _invalid("start_date", "A start date is required for this trigger.")
    if template.trigger == "recurrence":
        zone = triggers.organization_zone(_organization(template))
        triggers.recurrence_rule(
            template.recurrence,
            start=triggers.anchor_on(template.start_date, zone),  # type: ignore[arg-type]  # checked above
        )
    else:
        template.recurrence = ""
    if template.trigger == "event":
        if template.event not in triggers.EVENT_SOURCES:
            raise _invalid("event", "Choose an event.")
        if template.event == "probation_ends" and not 1 <= template.event_days <= 730:
            raise _invalid("event_days", "Give the probation length in days (1-730).")
    else:
        template.event, template.event_days = "", 0
    if template.event_days > 730:
        raise _invalid("event_days", "At most 730 days.")
    if template.audience not in WorkflowTemplate.Audience.values:
        raise _invalid("audience", "Choose everyone, departments, job roles or people.")
    ids = [str(value) for value in template.audience_ids or []]
    if template.audience == "everyone":
        ids = []
    elif not ids:
        raise _invalid("audience_ids", "Choose at least one.")
    else:
        model = {"departments": Department, "job_roles": JobRole}.get(template.audience, Employee)
        try:
            found = {
                str(u) for u in model.objects.filter(uuid__in=ids).values_list("uuid", flat=True)
            }
        except Exception as exc:  # malformed ids
            raise _invalid("audience_ids", "Unknown id.") from exc
        unknown = [value for value in ids if value not in found]
        if unknown:
            raise _invalid("audience_ids", f"Unknown id(s): {', '.join(unknown[:5])}.")
    template.audience_ids = list(dict.fromkeys(ids))
    template.audience_title_contains = (template.audience_title_contains or "").strip()[:100]


def _organization(template: WorkflowTemplate) -> Organization:
    return Organization.objects.get(pk=template.organization_id or require_organization_id())


def _clean_milestones(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    if len(items) > MAX_MILESTONES:
        raise _invalid("milestones", f"At most {MAX_MILESTONES} milestones.")
    cleaned = []
    for index, item in enumerate(items):
        prefix = f"milestones.{index}"
        unknown = set(item) - set(MILESTONE_FIELDS) - {"id", "position"}
        if unknown:
            raise TypeError(f"Unknown milestone field(s): {sorted(unknown)}.")
        values = {name: item[name] for name in MILESTONE_FIELDS if name in item}
        values["name"] = str(values.get("name", "")).strip()
        if not values["name"]:
            raise _invalid(f"{prefix}.name", "A name is required.")
        if values.get("kind") not in registry.KINDS:
            raise _invalid(f"{prefix}.kind", "Choose a milestone kind.")
        for name, limit in DAY_LIMITS.items():
            value = values.get(name, 0)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= limit:
                raise _invalid(f"{prefix}.{name}", f"Use 0-{limit} days.")
        checks = (
            ("relative_to", WorkflowMilestone.RelativeTo.values, "trigger"),
            ("recipients", WorkflowMilestone.Recipients.values, "employee"),
            ("escalate_to", WorkflowMilestone.EscalateTo.values, "managers_manager"),
        )
        for name, allowed, default in checks:
            values.setdefault(name, default)
            if values[name] not in allowed:
                raise _invalid(f"{prefix}.{name}", f"Choose one of {', '.join(allowed)}.")
        condition = values.get("condition") or ""
        if condition and condition not in registry.CONDITIONS:
            raise _invalid(f"{prefix}.condition", "Unknown condition.")
        values["condition"] = condition
        config = values.get("config") or {}
        known_keys = set(CONFIG_KEYS) | set(registry.CONFIG_RESOLVERS)
        if not isinstance(config, dict) or set(config) - known_keys:
            raise _invalid(
                f"{prefix}.config",
                "Settings may name a cadence, an assessment, a cycle or tell_manager_on_submit.",
            )
        if config.get("cadence", "weekly") not in ("weekly", "fortnightly", "monthly"):
            raise _invalid(f"{prefix}.config", "The cadence is weekly, fortnightly or monthly.")
        if config.get("assessment", "self") not in ("self", "manager"):
            raise _invalid(f"{prefix}.config", "The assessment is self or manager.")
        if not isinstance(config.get("tell_manager_on_submit", True), bool):
            raise _invalid(f"{prefix}.config", "tell_manager_on_submit is true or false.")
        if "cycle" in config:
            config = {**config, "cycle": _cycle_id(config["cycle"], f"{prefix}.config")}
        for key in sorted(set(config) & set(registry.CONFIG_RESOLVERS) - {"cycle"}):
            config = {**config, key: _resolved(key, config[key], f"{prefix}.config")}
        values["config"] = config
        values["message"] = str(values.get("message", ""))[:5000]
        cleaned.append(values)
    return cleaned


# tell_manager_on_submit: false switches off, for the assessments a launch_assessment step
# tracks, the default notice to the managers when the self-assessment is submitted.
CONFIG_KEYS = ("cadence", "assessment", "cycle", "tell_manager_on_submit")


def _resolved(key: str, value: Any, field: str) -> str:
    """The public id of the object another app's setting `key` names (a survey's workflow:
    `survey`), as that app resolves it."""
    try:
        found = registry.CONFIG_RESOLVERS[key](value)
    except Exception as exc:  # malformed ids
        raise _invalid(field, f"Unknown {key}.") from exc
    if found is None:
        raise _invalid(field, f"Unknown {key}.")
    return found


def _cycle_id(value: Any, field: str) -> str:
    """The public id of an assessment cycle of the organization (launch and re-assess), as the
    assessments app resolves it."""
    resolve = registry.CONFIG_RESOLVERS.get("cycle")
    try:
        found = resolve(value) if resolve is not None else None
    except Exception as exc:  # malformed ids
        raise _invalid(field, "Unknown assessment cycle.") from exc
    if found is None:
        raise _invalid(field, "Unknown assessment cycle.")
    return found


def _replace_milestones(template: WorkflowTemplate, items: list[dict[str, Any]]) -> None:
    template.milestones.all().delete()
    WorkflowMilestone.objects.bulk_create(
        WorkflowMilestone(
            organization_id=template.organization_id, template=template, position=index, **values
        )
        for index, values in enumerate(items)
    )


def _milestones_snapshot(template: WorkflowTemplate) -> list[dict[str, Any]]:
    return [snapshot(m, MILESTONE_FIELDS) for m in template.milestones.all()]


# --- Templates -------------------------------------------------------------------------------


@transaction.atomic
def workflow_template_create(
    *,
    actor: Actor,
    name: str,
    milestones: Sequence[Mapping[str, Any]] = (),
    source: str = "",
    **fields: Any,
) -> WorkflowTemplate:
    actor.require_admin()
    for field in fields:
        if field not in TEMPLATE_FIELDS:
            raise TypeError(f"Unknown workflow field {field!r}.")
    template = WorkflowTemplate(name=name, source=source, created_by=actor.user, **fields)
    template.organization_id = actor.organization.pk
    _clean_template(template)
    items = _clean_milestones(milestones)
    template.save()
    _replace_milestones(template, items)
    audit_record(
        actor=actor,
        action="workflow.created",
        obj=template,
        changes={
            **snapshot(template, TEMPLATE_FIELDS),
            "milestones": _milestones_snapshot(template),
        },
    )
    return template


@transaction.atomic
def workflow_template_update(
    *,
    actor: Actor,
    template: WorkflowTemplate,
    milestones: Sequence[Mapping[str, Any]] | None = None,
    **changes: Any,
) -> WorkflowTemplate:
    """Edit a template. Its trigger and milestones change only while it is a draft: runs in
    progress keep the plan they started with."""
    actor.require_admin()
    same_organization(actor, template)
    template = WorkflowTemplate.objects.select_for_update().get(pk=template.pk)
    if template.status == WorkflowTemplate.Status.CANCELLED:
        raise ApplicationError(WORKFLOW_CANCELLED, "A cancelled workflow cannot be changed.")
    draft_only = {"trigger", "start_date", "recurrence", "event", "event_days"}
    is_draft = template.status == WorkflowTemplate.Status.DRAFT
    before = snapshot(template, TEMPLATE_FIELDS)
    for name, value in changes.items():
        if name not in TEMPLATE_FIELDS:
            raise TypeError(f"Unknown workflow field {name!r}.")
        if name in draft_only and not is_draft and getattr(template, name) != value:
            raise _invalid(name, "The trigger changes only while the workflow is a draft.")
        setattr(template, name, value)
    _clean_template(template)
    changed = diff(before, snapshot(template, TEMPLATE_FIELDS))
    if milestones is not None:
        items = _clean_milestones(milestones)
        old = _milestones_snapshot(template)
        current = [{k: m.get(k) for k in MILESTONE_FIELDS} for m in old]
        proposed = [{k: m.get(k) for k in MILESTONE_FIELDS} for m in _normalised(items)]
        if current != proposed:
            if not is_draft:
                raise _invalid(
                    "milestones", "Milestones change only while the workflow is a draft."
                )
            _replace_milestones(template, items)
            changed["milestones"] = {"before": old, "after": _milestones_snapshot(template)}
    if changed:
        template.updated_at = timezone.now()
        template.save()
        audit_record(actor=actor, action="workflow.updated", obj=template, changes=changed)
    return template


def _normalised(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    defaults = {f.name: f.get_default() for f in WorkflowMilestone._meta.fields}
    return [{**{k: defaults.get(k) for k in MILESTONE_FIELDS}, **item} for item in items]


def _set_status(actor: Actor, template: WorkflowTemplate, status: str, action: str) -> None:
    previous = template.status
    template.status = status
    template.updated_at = timezone.now()
    template.save()
    audit_record(
        actor=actor,
        action=action,
        obj=template,
        changes={"status": {"before": previous, "after": status}},
    )


def _locked(actor: Actor, template: WorkflowTemplate) -> WorkflowTemplate:
    actor.require_admin()
    same_organization(actor, template)
    return WorkflowTemplate.objects.select_for_update().get(pk=template.pk)


def _transition_error(template: WorkflowTemplate, verb: str) -> ApplicationError:
    return ApplicationError(
        INVALID_TRANSITION,
        f"A {template.status} workflow cannot be {verb}.",
        fields={"status": "Not allowed from the current status."},
    )


def _schedule_first(template: WorkflowTemplate, now: dt.datetime) -> None:
    zone = triggers.organization_zone(_organization(template))
    if template.trigger == WorkflowTemplate.Trigger.EVENT:
        template.event_cursor = triggers.EVENT_SOURCES[template.event].cursor_start()
        template.next_occurrence_at = None
        return
    template.next_occurrence_at = triggers.next_occurrence(template, zone, after=now)
    if template.next_occurrence_at is None:
        message = (
            "The date has passed."
            if template.trigger == WorkflowTemplate.Trigger.DATE
            else "The recurrence has no future occurrence."
        )
        raise ApplicationError(NO_OCCURRENCE, message, fields={"start_date": message})


@transaction.atomic
def workflow_template_activate(
    *, actor: Actor, template: WorkflowTemplate, now: dt.datetime | None = None
) -> WorkflowTemplate:
    """Start a draft: runs begin at its next occurrence (or with its next event)."""
    now = now or timezone.now()
    template = _locked(actor, template)
    if template.status != WorkflowTemplate.Status.DRAFT:
        raise _transition_error(template, "activated")
    if not template.milestones.exists():
        raise _invalid("milestones", "Add at least one milestone first.")
    _clean_template(template)
    _schedule_first(template, now)
    template.activated_at = now
    _set_status(actor, template, WorkflowTemplate.Status.ACTIVE, "workflow.activated")
    return template


@transaction.atomic
def workflow_template_pause(*, actor: Actor, template: WorkflowTemplate) -> WorkflowTemplate:
    """Hold every run: nothing is dispatched until it is resumed."""
    template = _locked(actor, template)
    if template.status != WorkflowTemplate.Status.ACTIVE:
        raise _transition_error(template, "paused")
    template.paused_at = timezone.now()
    _set_status(actor, template, WorkflowTemplate.Status.PAUSED, "workflow.paused")
    return template


@transaction.atomic
def workflow_template_resume(
    *, actor: Actor, template: WorkflowTemplate, now: dt.datetime | None = None
) -> WorkflowTemplate:
    """Go on: steps that fell due meanwhile are dispatched by the next tick (a later reminder
    supersedes an earlier one); occurrences that passed while paused are not started."""
    now = now or timezone.now()
    template = _locked(actor, template)
    if template.status != WorkflowTemplate.Status.PAUSED:
        raise _transition_error(template, "resumed")
    if template.trigger != WorkflowTemplate.Trigger.EVENT:
        zone = triggers.organization_zone(_organization(template))
        template.next_occurrence_at = triggers.next_occurrence(template, zone, after=now)
    template.paused_at = None
    _set_status(actor, template, WorkflowTemplate.Status.ACTIVE, "workflow.resumed")
    return template


@transaction.atomic
def workflow_template_cancel(
    *, actor: Actor, template: WorkflowTemplate, now: dt.datetime | None = None
) -> WorkflowTemplate:
    """Stop for good: open runs and their open steps are cancelled."""
    now = now or timezone.now()
    template = _locked(actor, template)
    if template.status == WorkflowTemplate.Status.CANCELLED:
        raise _transition_error(template, "cancelled")
    MilestoneRun.objects.filter(template=template, state__in=MilestoneRun.OPEN_STATES).update(
        state=MilestoneRun.State.CANCELLED, completed_at=now, outcome="Workflow cancelled."
    )
    WorkflowRun.objects.filter(template=template, state=WorkflowRun.State.ACTIVE).update(
        state=WorkflowRun.State.CANCELLED, cancelled_at=now
    )
    template.cancelled_at = now
    template.next_occurrence_at = None
    _set_status(actor, template, WorkflowTemplate.Status.CANCELLED, "workflow.cancelled")
    return template


@transaction.atomic
def workflow_template_instantiate(
    *, actor: Actor, key: str, today: dt.date | None = None
) -> WorkflowTemplate:
    """Copy a shipped template into the organization as a draft to review and activate."""
    actor.require_admin()
    definition = shipped.SHIPPED.get(key)
    if definition is None:
        raise NotFound("No such shipped template.")
    fields = shipped.template_fields(definition, today=today or timezone.localdate())
    return workflow_template_create(
        actor=actor, source=key, milestones=definition["milestones"], **fields
    )


@transaction.atomic
def workflow_template_ensure(
    *, actor: Actor, key: str, now: dt.datetime | None = None
) -> WorkflowTemplate:
    """The organization's copy of a shipped template that an app relies on out of the box:
    the first time, copied and activated; after that left as HR set it (paused or cancelled
    means they switched it off)."""
    actor.require_admin()
    copies = list(WorkflowTemplate.objects.select_for_update().filter(source=key).order_by("-id"))
    if copies:
        active = [t for t in copies if t.status == WorkflowTemplate.Status.ACTIVE]
        return (active or copies)[0]
    template = workflow_template_instantiate(actor=actor, key=key)
    return workflow_template_activate(actor=actor, template=template, now=now)


# --- Runs ------------------------------------------------------------------------------------


@transaction.atomic
def workflow_run_cancel(*, actor: Actor, run: WorkflowRun, reason: str = "") -> WorkflowRun:
    """Stop one employee's run (e.g. they left the team); its open steps are cancelled."""
    actor.require_admin()
    same_organization(actor, run)
    run = WorkflowRun.objects.select_for_update().get(pk=run.pk)
    if run.state != WorkflowRun.State.ACTIVE:
        raise ApplicationError(INVALID_TRANSITION, "Only a run in progress can be cancelled.")
    now = timezone.now()
    step_engine._cancel_run(run, now, reason or "Cancelled by HR.")
    run.refresh_from_db()
    audit_record(actor=actor, action="workflow_run.cancelled", obj=run, reason=reason)
    return run


@transaction.atomic
def workflow_event_record(
    *,
    event: str,
    employee: Employee | None,
    key: str,
    occurred_at: dt.datetime | None = None,
) -> list[WorkflowRun]:
    """Start the runs of active templates triggered by `event` (for `employee`, or for their
    whole audience when None). `key` names the occurrence: the same key starts nothing twice.

    For apps that want to trigger workflows directly instead of through the outbox.
    """
    if event not in triggers.EVENT_SOURCES:
        raise ValueError(f"Unknown workflow event {event!r}.")
    now = timezone.now()
    started: list[WorkflowRun] = []
    templates = WorkflowTemplate.objects.select_for_update().filter(
        status=WorkflowTemplate.Status.ACTIVE, trigger="event", event=event
    )
    for template in templates:
        audience = triggers.audience_employees(template)
        employees = audience.filter(pk=employee.pk) if employee is not None else audience
        started += run_engine.runs_start(
            template=template,
            employees=employees,
            occurrence=f"event:{key}",
            anchor_at=occurred_at or now,
            now=now,
        )
    return started
