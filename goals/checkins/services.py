"""Writes of check-ins: recurring 1:1s (progress review, obstacles, priorities), private
manager notes, and action items carried over to the next check-in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from goals import hooks
from goals.checkins import selectors as checkin_selectors
from goals.error_codes import (
    ALREADY_RESOLVED,
    CHECK_IN_CLOSED,
    DUPLICATE,
    INVALID,
    NO_MANAGER_ABOVE,
)
from goals.models import (
    ActionItem,
    Cadence,
    CheckIn,
    CheckInEscalation,
    CheckInGoalReview,
    CheckInSeries,
    Goal,
)
from goals.selectors import goal_list_judged
from goals.services import close_red_episode
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError, PermissionDenied
from plms.people.models import Employee
from plms.people.selectors import is_manager_of
from plms.tenancy.actors import Actor, same_organization

# --- Check-ins -------------------------------------------------------------------------------


CADENCE_DAYS: dict[str, int] = {Cadence.WEEKLY: 7, Cadence.FORTNIGHTLY: 14}


def next_occurrence(day: date, cadence: str) -> date:
    if cadence in CADENCE_DAYS:
        return day + timedelta(days=CADENCE_DAYS[cadence])
    month = day.month % 12 + 1
    year = day.year + (day.month // 12)
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _require_manager_of(actor: Actor, report: Employee, manager: Employee) -> None:
    if actor.is_admin:
        return
    if actor.employee is None or actor.employee.pk != manager.pk:
        raise PermissionDenied("Only the manager sets up their check-ins.")
    if not is_manager_of(manager=manager, employee=report):
        raise PermissionDenied("Check-ins are held with your own reports.")


@transaction.atomic
def check_in_series_create(
    *,
    actor: Actor,
    report: Employee,
    manager: Employee | None = None,
    cadence: str = Cadence.WEEKLY,
    first_date: date | None = None,
) -> CheckInSeries:
    """Start the recurring 1:1 and schedule its first check-in."""
    manager = manager or actor.employee
    if manager is None:
        raise ApplicationError(INVALID, "A manager is required.", fields={"manager": "Required."})
    same_organization(actor, manager, report)
    _require_manager_of(actor, report, manager)
    if cadence not in Cadence.values:
        raise ApplicationError(INVALID, "Unknown cadence.", fields={"cadence": "Unknown."})
    if CheckInSeries.objects.filter(manager=manager, report=report).exists():
        raise ApplicationError(
            DUPLICATE, f"{manager} and {report} have a recurring check-in already."
        )
    series = CheckInSeries.objects.create(
        manager=manager,
        report=report,
        cadence=cadence,
        next_date=first_date or timezone.localdate(),
    )
    audit_record(actor=actor, action="check_in_series.created", obj=series)
    check_in_schedule_next(actor=actor, series=series)
    return series


@transaction.atomic
def check_in_schedule_next(*, actor: Actor, series: CheckInSeries) -> CheckIn:
    """Create the series' next check-in, its progress review pre-filled with the report's
    goals due before the one after it or at risk; move the series on by its cadence."""
    series = CheckInSeries.objects.select_for_update().get(pk=series.pk)
    day = series.next_date
    following = next_occurrence(day, series.cadence)
    check_in, created = CheckIn.objects.get_or_create(
        series=series,
        scheduled_for=day,
        defaults={"manager_id": series.manager_id, "report_id": series.report_id},
    )
    if created:
        goals = checkin_selectors.goals_for_review(report=series.report, until=following)
        CheckInGoalReview.objects.bulk_create(
            CheckInGoalReview(
                organization_id=series.organization_id,
                check_in=check_in,
                goal=goal,
                rag=goal.rag or "",
            )
            for goal in goals
        )
    series.next_date = following
    series.save(update_fields=["next_date"])
    return check_in


@transaction.atomic
def check_in_goals_add(
    *, actor: Actor, check_in: CheckIn, goals: Iterable[Goal] = (), refresh: bool = False
) -> list[CheckInGoalReview]:
    """Put goals on an open check-in's progress review (once each): `goals` (a red goal a
    follow-up is about, say) and, with `refresh`, whatever of the report's is due or at risk
    now — a check-in scheduled weeks ago was filled with the goals of that day. Returns the
    reviews added."""
    goals = list(goals)
    same_organization(actor, check_in, *goals)
    if check_in.status != CheckIn.Status.SCHEDULED:
        raise ApplicationError(CHECK_IN_CLOSED, "This check-in is not open.")
    for goal in goals:
        if goal.owner_employee_id != check_in.report_id:
            raise ApplicationError(
                INVALID,
                f"“{goal.title}” is not {check_in.report}'s goal.",
                fields={"goals": "Not the report's goal."},
            )
    goals = goal_list_judged(goals)  # their RAG of today
    if refresh:
        following = next_occurrence(check_in.scheduled_for, check_in.series.cadence)
        goals += checkin_selectors.goals_for_review(report=check_in.report, until=following)
    present = set(
        CheckInGoalReview.objects.filter(check_in=check_in).values_list("goal_id", flat=True)
    )
    added = []
    for goal in goals:
        if goal.pk in present:
            continue
        present.add(goal.pk)
        added.append(
            CheckInGoalReview(
                organization_id=check_in.organization_id,
                check_in=check_in,
                goal=goal,
                rag=goal.rag or "",
            )
        )
    CheckInGoalReview.objects.bulk_create(added)
    if added:
        audit_record(
            actor=actor,
            action="check_in.goals_added",
            obj=check_in,
            changes={"goals": [review.goal.title for review in added]},
        )
    return added


CHECK_IN_SHARED = ("obstacles", "priorities", "shared_notes")


@transaction.atomic
def check_in_update(
    *,
    actor: Actor,
    check_in: CheckIn,
    reviews: Mapping[Goal, str] | None = None,
    **answers: str,
) -> CheckIn:
    """Write the agenda. Both take part in obstacles, priorities, shared notes and the goal
    review; only the manager (or HR) writes the private notes."""
    check_in = CheckIn.objects.select_for_update().get(pk=check_in.pk)
    is_report = actor.employee is not None and actor.employee.pk == check_in.report_id
    if not (is_report or checkin_selectors.sees_private_notes(actor=actor, check_in=check_in)):
        raise PermissionDenied("Only the manager and the report write a check-in.")
    if check_in.status == CheckIn.Status.CANCELLED:
        raise ApplicationError(CHECK_IN_CLOSED, "This check-in was cancelled.")
    for name, value in answers.items():
        if name not in (*CHECK_IN_SHARED, "private_manager_notes"):
            raise TypeError(f"Unknown check-in field {name!r}.")
        if name == "private_manager_notes" and is_report:
            raise PermissionDenied("Private notes belong to the manager.")
        setattr(check_in, name, value.strip())
    check_in.save()
    for goal, comment in (reviews or {}).items():
        review = CheckInGoalReview.objects.filter(check_in=check_in, goal=goal).first()
        if review is None:
            continue
        if comment.strip() and comment.strip() != review.comment:
            review.comment = comment.strip()
            review.save(update_fields=["comment"])
            close_red_episode(goal, "check_in")
    audit_record(
        actor=actor,
        action="check_in.updated",
        obj=check_in,
        changes={
            name: "…" if name == "private_manager_notes" else value
            for name, value in answers.items()
        },
    )
    return check_in


@transaction.atomic
def check_in_complete(*, actor: Actor, check_in: CheckIn) -> CheckIn:
    """Mark the check-in held and schedule the next one of the series."""
    check_in = CheckIn.objects.select_for_update().get(pk=check_in.pk)
    if not checkin_selectors.sees_private_notes(actor=actor, check_in=check_in):
        raise PermissionDenied("The manager completes the check-in.")
    if check_in.status != CheckIn.Status.SCHEDULED:
        raise ApplicationError(CHECK_IN_CLOSED, "This check-in is not open.")
    check_in.status = CheckIn.Status.COMPLETED
    check_in.completed_at = timezone.now()
    check_in.save(update_fields=["status", "completed_at"])
    audit_record(actor=actor, action="check_in.completed", obj=check_in)
    series = check_in.series
    if (
        series.active
        and not CheckIn.objects.filter(
            series=series, scheduled_for__gt=check_in.scheduled_for
        ).exists()
    ):
        check_in_schedule_next(actor=actor, series=series)
    return check_in


@transaction.atomic
def action_item_add(
    *,
    actor: Actor,
    check_in: CheckIn,
    text: str,
    owner: Employee | None = None,
    due_date: date | None = None,
) -> ActionItem:
    same_organization(actor, check_in, owner)
    _require_participant(actor, check_in)
    owner = owner or check_in.report
    if owner.pk not in (check_in.manager_id, check_in.report_id):
        raise ApplicationError(
            INVALID,
            "The owner is the manager or the report.",
            fields={"owner": "Not in this check-in."},
        )
    if not text.strip():
        raise ApplicationError(INVALID, "Say what is to be done.", fields={"text": "Required."})
    item = ActionItem.objects.create(
        series_id=check_in.series_id,
        check_in=check_in,
        text=text.strip(),
        owner=owner,
        due_date=due_date,
    )
    audit_record(actor=actor, action="action_item.added", obj=item, changes={"text": item.text})
    return item


@transaction.atomic
def action_item_set_done(*, actor: Actor, item: ActionItem, done: bool = True) -> ActionItem:
    _require_participant(actor, item.check_in)
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done_at"])
    audit_record(
        actor=actor, action="action_item.done" if done else "action_item.reopened", obj=item
    )
    return item


def _require_participant(actor: Actor, check_in: CheckIn) -> None:
    is_report = actor.employee is not None and actor.employee.pk == check_in.report_id
    if not (is_report or checkin_selectors.sees_private_notes(actor=actor, check_in=check_in)):
        raise PermissionDenied("Only the manager and the report work on a check-in.")


@transaction.atomic
def check_in_escalate(
    *, actor: Actor, check_in: CheckIn, part: str, text: str = ""
) -> CheckInEscalation:
    """Raise an answer (an obstacle, say) to the manager's own manager."""
    check_in = CheckIn.objects.select_related("manager__manager__user", "report").get(
        pk=check_in.pk
    )
    _require_participant(actor, check_in)
    if part not in CheckInEscalation.Part.values:
        raise ApplicationError(INVALID, "Unknown part.", fields={"part": "Unknown."})
    above = check_in.manager.manager
    if above is None:
        raise ApplicationError(
            NO_MANAGER_ABOVE, f"{check_in.manager} has no manager to escalate to."
        )
    text = (text or getattr(check_in, part)).strip()
    if not text:
        raise ApplicationError(INVALID, "There is nothing to escalate.", fields={"text": "Empty."})
    escalation = CheckInEscalation.objects.create(
        check_in=check_in, part=part, text=text, escalated_to=above, escalated_by=actor.user
    )
    audit_record(
        actor=actor,
        action="check_in.escalated",
        obj=check_in,
        changes={"part": part, "to": str(above.uuid)},
    )
    hooks.check_in_escalated.send(sender=CheckInEscalation, escalation=escalation)
    return escalation


@transaction.atomic
def check_in_escalation_resolve(
    *, actor: Actor, escalation: CheckInEscalation, note: str
) -> CheckInEscalation:
    """The person it was escalated to (or an HR admin) resolves an escalation with a note,
    which the check-in's manager and HR see beside it; the manager and whoever raised it are
    told (`hooks.check_in_escalation_resolved`)."""
    same_organization(actor, escalation)
    escalation = (
        CheckInEscalation.objects.select_for_update(of=("self",))
        .select_related("check_in__manager__user", "check_in__report", "escalated_to")
        .get(pk=escalation.pk)
    )
    is_addressee = actor.employee is not None and actor.employee.pk == escalation.escalated_to_id
    if not (is_addressee or actor.is_admin):
        raise PermissionDenied("Only the person it was escalated to, or HR, resolves it.")
    if escalation.resolved_at is not None:
        raise ApplicationError(
            ALREADY_RESOLVED, "This escalation was resolved already.", status=409
        )
    note = (note or "").strip()
    if not note:
        raise ApplicationError(
            INVALID,
            "Say what was decided, for the manager and HR.",
            fields={"note": "Say what was decided."},
        )
    escalation.resolved_at = timezone.now()
    escalation.resolved_by = actor.user
    escalation.resolution_note = note
    escalation.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
    audit_record(
        actor=actor,
        action="check_in.escalation_resolved",
        obj=escalation.check_in,
        changes={"part": escalation.part, "note": note},
    )
    hooks.check_in_escalation_resolved.send(sender=CheckInEscalation, escalation=escalation)
    return escalation
