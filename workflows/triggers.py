"""Triggers: when a template starts runs, and for whom.

Dates and recurrences (RFC 5545 RRULEs, read with python-dateutil) start a run for everyone in
the audience at 09:00 in the organization's time zone on each occurrence. An event trigger
subscribes to domain events (plms.events) by name and reads them through their feed with a
cursor kept on the template, so an event starts its runs once however often the tick runs:
an employee joins or changes role or manager (people), a cycle closes (assessments), a plan
item is completed (learning), a goal turns red (goals). Probation ends (start date + N days)
is read from the people themselves. Another app may also start runs directly with
`services.workflow_event_record()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrulestr
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from capabilities.models import RoleAssignment
from plms.common.errors import ApplicationError
from plms.events import bus
from plms.people.models import Employee
from plms.tenancy.models import Organization
from workflows.error_codes import INVALID_RECURRENCE
from workflows.models import WorkflowTemplate

ANCHOR_TIME = time(9, 0)
ALLOWED_FREQUENCIES = {DAILY, WEEKLY, MONTHLY, YEARLY}


def organization_zone(organization: Organization) -> ZoneInfo:
    try:
        return ZoneInfo(organization.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def anchor_on(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, ANCHOR_TIME, tzinfo=zone)


# --- Recurrences -----------------------------------------------------------------------------


def recurrence_rule(text: str, *, start: datetime):
    """Parse an RRULE (with or without the `RRULE:` prefix); DTSTART is the template's."""
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text or "DTSTART" in text.upper():
        raise ApplicationError(
            INVALID_RECURRENCE,
            "Give a rule such as FREQ=MONTHLY;INTERVAL=3 (the start date is separate).",
            fields={"recurrence": "Enter an RRULE without DTSTART."},
        )
    try:
        rule = rrulestr(text, dtstart=start)
    except (ValueError, TypeError) as exc:
        raise ApplicationError(
            INVALID_RECURRENCE,
            f"The recurrence is not a valid RRULE: {exc}.",
            fields={"recurrence": "Not a valid RRULE."},
        ) from exc
    if getattr(rule, "_freq", None) not in ALLOWED_FREQUENCIES:
        raise ApplicationError(
            INVALID_RECURRENCE,
            "Recurrences repeat daily at most often.",
            fields={"recurrence": "Use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."},
        )
    return rule


def next_occurrence(
    template: WorkflowTemplate, zone: ZoneInfo, *, after: datetime, inclusive: bool = True
) -> datetime | None:
    """The template's first occurrence at or after `after` (or strictly after it)."""
    if template.start_date is None:
        return None
    start = anchor_on(template.start_date, zone)
    if template.trigger == WorkflowTemplate.Trigger.DATE:
        return start if (start >= after if inclusive else start > after) else None
    if template.trigger == WorkflowTemplate.Trigger.RECURRENCE:
        found = recurrence_rule(template.recurrence, start=start).after(after, inc=inclusive)
        return found
    return None


# --- Audience --------------------------------------------------------------------------------


def audience_employees(template: WorkflowTemplate) -> QuerySet[Employee]:
    """Active employees the template applies to, by its audience and conditions."""
    queryset = Employee.objects.filter(active=True)
    ids = [str(value) for value in template.audience_ids or []]
    if template.audience == WorkflowTemplate.Audience.DEPARTMENTS:
        queryset = queryset.filter(department__uuid__in=ids)
    elif template.audience == WorkflowTemplate.Audience.JOB_ROLES:
        holders = RoleAssignment.objects.filter(ended_at__isnull=True, role__uuid__in=ids)
        queryset = queryset.filter(id__in=holders.values("employee_id"))
    elif template.audience == WorkflowTemplate.Audience.PEOPLE:
        queryset = queryset.filter(uuid__in=ids)
    if template.audience_title_contains:
        queryset = queryset.filter(title__icontains=template.audience_title_contains)
    if template.audience_requires_manager:
        queryset = queryset.filter(manager__isnull=False)
    return queryset.order_by("last_name", "first_name", "id")


# --- Event sources ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EventHit:
    """One occurrence of an event: for one employee (`None`: the whole audience)."""

    employee_id: int | None
    employee_uuid: str | None
    occurrence: str
    anchor_at: datetime


Poll = Callable[[WorkflowTemplate, datetime, int], tuple[list[EventHit], int]]


@dataclass(frozen=True)
class EventSource:
    name: str
    label: str
    poll: Poll
    cursor_start: Callable[[], int]
    help: str = ""


def _subscribe(*names: str) -> tuple[Poll, Callable[[], int]]:
    """A poll and a cursor start over the feed of the domain events `names`."""

    def poll(template: WorkflowTemplate, now: datetime, limit: int):
        found, cursor = bus.feed(names).read(after=template.event_cursor, limit=limit)
        hits = [EventHit(o.employee_id, o.employee_uuid, o.key, o.at) for o in found]
        return hits, cursor

    return poll, lambda: bus.feed(names).start()


def _probation_ends(template: WorkflowTemplate, now: datetime, limit: int):
    """Employees whose start date + `event_days` has come since the template was activated."""
    zone = organization_zone(Organization.objects.get(pk=template.organization_id))
    today = now.astimezone(zone).date()
    since = (template.activated_at or now).astimezone(zone).date()
    days = timedelta(days=template.event_days)
    employees = audience_employees(template).filter(
        start_date__isnull=False, start_date__lte=today - days, start_date__gte=since - days
    )
    hits = [
        EventHit(e.pk, None, "probation", anchor_on(e.start_date + days, zone))
        for e in employees.exclude(
            pk__in=template.runs.filter(occurrence="probation").values("employee_id")
        )[:limit]
    ]
    return hits, template.event_cursor


EVENT_SOURCES: dict[str, EventSource] = {}


def register_event_source(source: EventSource) -> EventSource:
    EVENT_SOURCES[source.name] = source
    return source


register_event_source(
    EventSource("employee_joined", _("An employee joins"), *_subscribe("employee_joined"))
)
register_event_source(
    EventSource(
        "role_or_manager_changed",
        _("An employee changes role or manager"),
        *_subscribe("employee_role_or_manager_changed"),
    )
)
register_event_source(
    EventSource(
        "job_role_assigned",
        _("An employee takes up a job role"),
        *_subscribe("job_role_assigned"),
    )
)
register_event_source(
    EventSource(
        "probation_ends",
        _("Probation ends (days after the start date)"),
        _probation_ends,
        lambda: 0,
        help=_("Set the probation length in days."),
    )
)
register_event_source(
    EventSource("cycle_closed", _("An assessment cycle closes"), *_subscribe("cycle_closed"))
)
register_event_source(
    EventSource(
        "plan_item_completed",
        _("A development plan item is completed"),
        *_subscribe("learning_completed", "development_plan_completed"),
    )
)
register_event_source(
    EventSource("goal_turned_red", _("A goal turns red"), *_subscribe("goal_turned_red"))
)
register_event_source(
    EventSource(
        "improvement_plan_signed_off",
        _("HR signs off a performance improvement plan"),
        *_subscribe("improvement_plan_signed_off"),
    )
)
register_event_source(
    EventSource(
        "talent_review_action_recorded",
        _("A talent review records an action"),
        *_subscribe("talent_review_action_recorded"),
    )
)


def event_choices() -> list[tuple[str, str]]:
    return [(source.name, str(source.label)) for source in EVENT_SOURCES.values()]
