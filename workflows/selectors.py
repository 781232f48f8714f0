"""Reads of Momentum: templates, runs and their steps, the preview, the dashboard, and
notifications — shaped for pages and endpoints, without a query per row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import BigIntegerField, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from plms.common.db import count_per_row
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.tenancy.context import require_organization_id
from plms.tenancy.models import Organization
from workflows import milestones as registry
from workflows import triggers
from workflows.engine import runs as run_engine
from workflows.models import (
    MilestoneRun,
    Notification,
    NotificationSettings,
    WorkflowMilestone,
    WorkflowRun,
    WorkflowTemplate,
)

# The summaries PostgreSQL keeps as steps and runs are written (migration `workflows.0007`).
MILESTONE_SUMMARY = "workflows_milestonesummary"
RUN_SUMMARY = "workflows_runsummary"

# --- Templates -------------------------------------------------------------------------------


def _summary_run_count(state: str) -> RawSQL:
    """An annotation of templates: how many of each template's runs are in `state`."""
    table = WorkflowTemplate._meta.db_table
    return RawSQL(
        f"SELECT coalesce(sum(s.runs), 0) FROM {RUN_SUMMARY} AS s "
        f'WHERE s.organization_id = "{table}"."organization_id" '
        f'AND s.template_id = "{table}"."id" AND s.state = %s',
        [state],
        output_field=BigIntegerField(),
    )


def workflow_template_list(*, search: str = "", status: str = "") -> QuerySet[WorkflowTemplate]:
    queryset = WorkflowTemplate.objects.annotate(
        milestone_count=count_per_row(
            WorkflowMilestone.objects.filter(template=OuterRef("pk")), of="template"
        ),
        active_run_count=_summary_run_count(WorkflowRun.State.ACTIVE),
        completed_run_count=_summary_run_count(WorkflowRun.State.COMPLETED),
    ).prefetch_related(
        Prefetch("milestones", queryset=WorkflowMilestone.objects.order_by("position", "id"))
    )
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("name", "id")


def workflow_template_get(*, uuid) -> WorkflowTemplate | None:
    return workflow_template_list().filter(uuid=uuid).first()


# --- Runs ------------------------------------------------------------------------------------


def workflow_run_list(
    *, template: WorkflowTemplate | None = None, search: str = "", state: str = ""
) -> QuerySet[WorkflowRun]:
    """Runs with how many of their milestones there are, are finished and failed, each
    counted for the runs of the page read (a subquery per row on the steps' run index)."""
    milestones = MilestoneRun.objects.filter(run=OuterRef("pk"), parent__isnull=True)
    queryset = WorkflowRun.objects.select_related(
        "employee", "employee__department", "template"
    ).annotate(
        step_count=count_per_row(milestones, of="run"),
        finished_count=count_per_row(
            milestones.filter(state__in=MilestoneRun.FINISHED_STATES), of="run"
        ),
        failed_count=count_per_row(milestones.filter(state=MilestoneRun.State.FAILED), of="run"),
    )
    if template is not None:
        queryset = queryset.filter(template=template)
    if state:
        queryset = queryset.filter(state=state)
    for word in search.split():
        queryset = queryset.filter(
            Q(employee__first_name__icontains=word) | Q(employee__last_name__icontains=word)
        )
    # The employee's names as the run keeps them (`workflowrun_org_tpl_order`).
    return queryset.order_by("-anchor_at", "employee_last_name", "employee_first_name", "id")


def workflow_run_get(*, uuid) -> WorkflowRun | None:
    return (
        WorkflowRun.objects.select_related("employee", "employee__manager", "template")
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=MilestoneRun.objects.select_related("milestone").order_by(
                    "milestone__position", "due_at", "id"
                ),
            )
        )
        .filter(uuid=uuid)
        .first()
    )


# --- Preview ---------------------------------------------------------------------------------


@dataclass
class PreviewEntry:
    when: datetime
    milestone: WorkflowMilestone
    kind: str
    occasion: str
    available: bool
    people: list[Employee] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        kind = registry.kind_get(self.kind)
        return str(kind.label) if kind else self.kind

    @property
    def note(self) -> str:
        kind = registry.kind_get(self.kind)
        if kind is not None and not kind.available:
            return kind.unavailable_reason
        return ""


@dataclass
class Preview:
    anchor: datetime | None
    audience_count: int
    entries: list[PreviewEntry]
    explanation: str = ""
    sample: list[Employee] = field(default_factory=list)


PREVIEW_PEOPLE = 200


def workflow_template_preview(
    *, template: WorkflowTemplate, now: datetime | None = None
) -> Preview:
    """Who will get what, and when, for the template's next occurrence (or, for an event, for
    someone it happens to now), as a timeline."""
    now = now or timezone.now()
    organization = Organization.objects.get(pk=template.organization_id)
    zone = triggers.organization_zone(organization)
    audience = triggers.audience_employees(template).select_related("manager")
    count = audience.count()
    people = list(audience[:PREVIEW_PEOPLE])
    explanation = ""
    anchor: datetime | None
    if template.trigger == WorkflowTemplate.Trigger.EVENT:
        source = triggers.EVENT_SOURCES.get(template.event)
        label = source.label if source else template.event
        anchor = now
        explanation = f"For each person it happens to, counted from the day it happens ({label})."
        if template.event == "probation_ends":
            explanation = f"From the day probation ends ({template.event_days} days after joining)."
    else:
        try:
            anchor = template.next_occurrence_at or triggers.next_occurrence(
                template, zone, after=now
            )
        except Exception:  # an invalid rule shows an empty preview, not an error page
            anchor = None
    milestones = list(template.milestones.all())
    if anchor is None or not milestones:
        return Preview(anchor, count, [], explanation, people[:10])
    entries = []
    for step in run_engine.plan_steps(milestones, anchor):
        kind = registry.kind_get(step.kind)
        entries.append(
            PreviewEntry(
                when=step.due_at,
                milestone=step.milestone,
                kind=step.kind,
                occasion=step.occasion,
                available=kind is not None and kind.available,
                people=people,
            )
        )
    entries.sort(key=lambda e: (e.when, e.milestone.position))
    return Preview(anchor, count, entries, explanation, people[:10])


# --- Dashboard -------------------------------------------------------------------------------


@dataclass
class MilestoneStats:
    milestone: WorkflowMilestone
    total: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    open: int = 0
    overdue: int = 0
    days_total: float = 0.0

    @property
    def completion_rate(self) -> float | None:
        closed = self.total - self.skipped
        return round(100 * self.done / closed, 1) if closed > 0 else None

    @property
    def average_days(self) -> float | None:
        return round(self.days_total / self.done, 1) if self.done else None


def workflow_template_dashboard(
    *, template: WorkflowTemplate, now: datetime | None = None
) -> list[MilestoneStats]:
    """Per milestone: how many runs reached it, completion rate, average days to complete
    (from the milestone's start to its completion) and how many are overdue."""
    return workflow_templates_dashboard(templates=[template], now=now)[template.pk]


def workflow_templates_dashboard(
    *, templates: Sequence[WorkflowTemplate], now: datetime | None = None
) -> dict[int, list[MilestoneStats]]:
    """`workflow_template_dashboard` of several templates, by template id: their milestones
    and their summary rows (`workflows.0007`: kept by PostgreSQL as steps are written, a few
    rows per milestone where a template of a year of runs has hundreds of thousands of steps).
    The open steps are counted under their deadline, so those past it are the rows whose
    deadline has passed."""
    now = now or timezone.now()
    ids = [template.pk for template in templates]
    if not ids:
        return {}
    stats: dict[int, dict[int, MilestoneStats]] = {pk: {} for pk in ids}
    for milestone in WorkflowMilestone.objects.filter(template_id__in=ids).order_by(
        "template_id", "position", "id"
    ):
        stats[milestone.template_id][milestone.pk] = MilestoneStats(milestone)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT template_id, milestone_id, sum(total)::bigint, sum(done)::bigint, "
            "sum(skipped)::bigint, sum(failed)::bigint, "
            "coalesce(sum(total) FILTER (WHERE deadline_at < %s), 0)::bigint, sum(late) "
            f"FROM {MILESTONE_SUMMARY} WHERE organization_id = %s AND template_id = ANY(%s) "
            "GROUP BY template_id, milestone_id",
            [now, require_organization_id(), ids],
        )
        rows = cursor.fetchall()
    for template_id, milestone_id, total, done, skipped, failed, overdue, late in rows:
        entry = stats[template_id].get(milestone_id)
        if entry is None:
            continue
        entry.total, entry.done, entry.skipped, entry.failed = total, done, skipped, failed
        entry.open, entry.overdue = total - done - skipped - failed, overdue
        entry.days_total = (late or timedelta(0)) / timedelta(days=1)
    return {pk: list(by_milestone.values()) for pk, by_milestone in stats.items()}


def workflow_run_counts(*, template: WorkflowTemplate) -> dict[str, int]:
    """How many of the template's runs are in each state, from its summary rows
    (`workflows.0007`)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT state, sum(runs) FROM {RUN_SUMMARY} "
            "WHERE organization_id = %s AND template_id = %s GROUP BY state HAVING sum(runs) > 0",
            [require_organization_id(), template.pk],
        )
        return {state: int(total) for state, total in cursor.fetchall()}


def default_notice_switched_off(*, object_type: str, object_id: str, switch: str) -> bool:
    """Whether a workflow step that made or tracks the object (an assessment it launched) has
    switched off one of its app's default notices: its milestone's setting `switch` is False."""
    return MilestoneRun.objects.filter(
        object_type=object_type,
        object_id=object_id,
        occasion="start",
        **{f"milestone__config__{switch}": False},
    ).exists()


# --- Notifications ---------------------------------------------------------------------------


def notification_list(*, actor: Actor, unread: bool | None = None) -> QuerySet[Notification]:
    """A member's own notifications; an API key (an administrator of its scopes) sees all."""
    queryset = Notification.objects.select_related("recipient")
    if actor.api_key is None:
        user = actor.user
        if user is None:
            return queryset.none()
        queryset = queryset.filter(recipient=user, in_app=True)
    if unread is True:
        queryset = queryset.filter(read_at__isnull=True)
    elif unread is False:
        queryset = queryset.filter(read_at__isnull=False)
    return queryset.order_by("-created_at", "-id")


def notification_get(*, actor: Actor, uuid) -> Notification | None:
    return notification_list(actor=actor).filter(uuid=uuid).first()


def unread_notification_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).count()


def notification_settings_get(*, user) -> NotificationSettings:
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


def due_notifications(*, user, limit: int = 5) -> list[Notification]:
    """Unread reminders and escalations, for the home page's "What is due"."""
    return list(
        Notification.objects.filter(
            recipient=user,
            in_app=True,
            read_at__isnull=True,
            event__in=("workflow.reminder", "workflow.escalation", "workflow.check_in"),
        ).order_by("-created_at", "-id")[:limit]
    )
