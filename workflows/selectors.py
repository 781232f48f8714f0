"""Reads of Momentum: templates, runs and their steps, the preview, the dashboard, and
notifications — shaped for pages and endpoints, without a query per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Greatest
from django.utils import timezone

from plms.common.db import count_per_row
from plms.people.models import Employee
from plms.tenancy.actors import Actor
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

# --- Templates -------------------------------------------------------------------------------


def workflow_template_list(*, search: str = "", status: str = "") -> QuerySet[WorkflowTemplate]:
    runs = WorkflowRun.objects.filter(template=OuterRef("pk"))
    queryset = WorkflowTemplate.objects.annotate(
        milestone_count=count_per_row(
            WorkflowMilestone.objects.filter(template=OuterRef("pk")), of="template"
        ),
        active_run_count=count_per_row(runs.filter(state="active"), of="template"),
        completed_run_count=count_per_row(runs.filter(state="completed"), of="template"),
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
    return queryset.order_by("-anchor_at", "employee__last_name", "employee__first_name", "id")


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
    and one aggregate of their steps, counted in the database (a template of a year of runs
    has hundreds of thousands)."""
    now = now or timezone.now()
    ids = [template.pk for template in templates]
    stats: dict[int, dict[int, MilestoneStats]] = {pk: {} for pk in ids}
    for milestone in WorkflowMilestone.objects.filter(template_id__in=ids).order_by(
        "template_id", "position", "id"
    ):
        stats[milestone.template_id][milestone.pk] = MilestoneStats(milestone)
    states = MilestoneRun.State
    done = Q(state=states.DONE)
    is_open = ~Q(state__in=MilestoneRun.FINISHED_STATES)
    lateness = ExpressionWrapper(F("completed_at") - F("due_at"), output_field=DurationField())
    rows = (
        MilestoneRun.objects.filter(template_id__in=ids, parent__isnull=True)
        .values("template_id", "milestone_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=done),
            skipped=Count("id", filter=Q(state__in=(states.SKIPPED, states.CANCELLED))),
            failed=Count("id", filter=Q(state=states.FAILED)),
            open=Count("id", filter=is_open),
            overdue=Count("id", filter=is_open & Q(deadline_at__lt=now)),
            late=Sum(Greatest(lateness, Value(timedelta(0))), filter=done),
        )
        .order_by()
    )
    for row in rows:
        entry = stats[row["template_id"]].get(row["milestone_id"])
        if entry is None:
            continue
        entry.total, entry.done, entry.skipped = row["total"], row["done"], row["skipped"]
        entry.failed, entry.open, entry.overdue = row["failed"], row["open"], row["overdue"]
        entry.days_total = (row["late"] or timedelta(0)) / timedelta(days=1)
    return {pk: list(by_milestone.values()) for pk, by_milestone in stats.items()}


def workflow_run_counts(*, template: WorkflowTemplate) -> dict[str, int]:
    counts = defaultdict(int)
    for state, total in (
        WorkflowRun.objects.filter(template=template)
        .values_list("state")
        .annotate(total=Count("id"))
        .order_by()
    ):
        counts[state] = total
    return dict(counts)


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
