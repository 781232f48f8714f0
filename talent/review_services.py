"""Writes of talent review meetings: HR opens one for a pool or a department with its
facilitator and grants who else runs it; the meeting moves people between boxes (each move
with its reason; a move of potential calibrates it), records decisions and actions (owner and
due date, followed up by Momentum's shipped "Talent review actions" workflow) and is closed as
held. Every write and every read of a review is in the audit trail."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from plms.audit.services import audit_record
from plms.common.errors import ApplicationError, PermissionDenied
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor, same_organization
from talent import review_selectors, services
from talent.error_codes import INVALID, REASON_REQUIRED, REVIEW_HELD
from talent.models import (
    RUN_TALENT_REVIEW,
    TalentPool,
    TalentReview,
    TalentReviewEntry,
    TalentReviewMove,
)
from talent.potential import BOX_KEYS
from workflows import notifications
from workflows import services as workflow_services

RUN_PERMISSION = f"talent.{RUN_TALENT_REVIEW}"
ACTIONS_WORKFLOW = "talent_review_actions"  # the shipped Momentum template that follows up
BOXES = {f"{p}-{q}" for p, q in BOX_KEYS}
Entry = TalentReviewEntry


def _check_runs(actor: Actor, review: TalentReview) -> None:
    same_organization(actor, review)
    if not review_selectors.may_run_review(actor=actor, review=review):
        raise PermissionDenied("HR and the people HR grants the review run it.")


def _check_open(review: TalentReview) -> TalentReview:
    review = TalentReview.objects.select_for_update().get(pk=review.pk)
    if not review.is_open:
        raise ApplicationError(
            REVIEW_HELD, f"{review.name} has been held: its decision log is closed."
        )
    return review


def _check_not_reviewed(review: TalentReview, employee: Employee, field: str) -> None:
    """Nobody runs a review of their own pool or department (they would read their peers')."""
    if review_selectors.is_reviewed(review=review, employee=employee):
        raise ApplicationError(
            INVALID,
            f"{employee} is among the people this review is about.",
            fields={field: "Among the people reviewed."},
        )


def _grant(actor: Actor, review: TalentReview, employee: Employee, field: str) -> None:
    if employee.user_id is None:
        raise ApplicationError(
            INVALID, f"{employee} has not joined yet.", fields={field: "Not joined."}
        )
    _check_not_reviewed(review, employee, field)
    assign_perm(RUN_PERMISSION, employee.user, review)
    notifications.notify(
        recipients=[employee.user],
        event=notifications.WORKFLOW_MESSAGE,
        title=f"You run the talent review {review.name} on {review.held_on:%d %B %Y}"[:200],
        body="Its people on the 9-box and its decision log are confidential.",
        link=reverse("talent:review_detail", args=[review.uuid]),
        obj=review,
        occasion="granted",
    )
    audit_record(
        actor=actor,
        action="talent_review.granted",
        obj=review,
        changes={"runner": employee.full_name},
    )


@transaction.atomic
def talent_review_open(
    *,
    actor: Actor,
    name: str,
    held_on: date,
    facilitator: Employee,
    pool: TalentPool | None = None,
    department: Department | None = None,
) -> TalentReview:
    """HR opens a review of a pool or of a department, with its facilitator (granted the review
    when they are not HR). Momentum's "Talent review actions" workflow is switched on with the
    first review, so the actions recorded in it are followed up."""
    actor.require_admin()
    same_organization(actor, facilitator, *(o for o in (pool, department) if o is not None))
    name = name.strip()
    if not name:
        raise ApplicationError(INVALID, "A review has a name.", fields={"name": "Required."})
    if (pool is None) == (department is None):
        raise ApplicationError(
            INVALID,
            "A review is of a talent pool or of a department.",
            fields={"pool": "Choose a pool or a department."},
        )
    workflow_services.workflow_template_ensure(actor=actor, key=ACTIONS_WORKFLOW)
    review = TalentReview.objects.create(
        name=name[:120],
        pool=pool,
        department=department,
        held_on=held_on,
        facilitator=facilitator,
        opened_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="talent_review.opened",
        obj=review,
        changes={
            "of": str(pool or department),
            "held_on": held_on.isoformat(),
            "facilitator": facilitator.full_name,
        },
    )
    if not review_selectors.is_hr_admin(employee=facilitator):
        _grant(actor, review, facilitator, "facilitator")
    return review


@transaction.atomic
def talent_review_grant(*, actor: Actor, review: TalentReview, employee: Employee) -> None:
    """HR lets a person run the review (read its board, move people, record the log); never
    someone the review is about."""
    actor.require_admin()
    same_organization(actor, review, employee)
    _grant(actor, review, employee, "employee")


@transaction.atomic
def talent_review_revoke(*, actor: Actor, review: TalentReview, employee: Employee) -> None:
    actor.require_admin()
    same_organization(actor, review, employee)
    if employee.user_id is not None:
        remove_perm(RUN_PERMISSION, employee.user, review)
    audit_record(
        actor=actor,
        action="talent_review.revoked",
        obj=review,
        changes={"runner": employee.full_name},
    )


@transaction.atomic
def talent_review_move(
    *, actor: Actor, review: TalentReview, employee: Employee, to_box: str, reason: str
) -> TalentReviewMove:
    """The meeting moves a person to another box ("performance-potential"), saying why. A
    different potential calibrates the person's potential (audited with the reason);
    performance stays what the results measure, the move records the meeting's view of it."""
    _check_runs(actor, review)
    same_organization(actor, employee)
    review = _check_open(review)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            REASON_REQUIRED,
            "Say why the person moves.",
            fields={"reason": "A move needs its reason."},
        )
    if to_box not in BOXES:
        raise ApplicationError(INVALID, "Choose a box.", fields={"to_box": "Unknown box."})
    if not review_selectors.is_reviewed(review=review, employee=employee):
        raise ApplicationError(
            INVALID,
            f"{employee} is not among the people of this review.",
            fields={"employee": "Not in this review."},
        )
    from_box = review_selectors.box_of(review=review, employee=employee)
    if from_box == to_box:
        raise ApplicationError(
            INVALID, f"{employee} is in that box already.", fields={"to_box": "Already there."}
        )
    to_potential = int(to_box.split("-")[1])
    if not from_box or int(from_box.split("-")[1]) != to_potential:
        services.potential_review_calibrate(
            actor=actor, review=review, employee=employee, level=to_potential, reason=reason
        )
    move = TalentReviewMove.objects.create(
        review=review,
        employee=employee,
        from_box=from_box,
        to_box=to_box,
        reason=reason[:300],
        moved_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="talent_review.moved",
        obj=review,
        changes={
            "employee": employee.full_name,
            "box": [
                review_selectors.box_label(from_box) or "not placed",
                review_selectors.box_label(to_box),
            ],
        },
        reason=reason,
    )
    return move


def _check_about(review: TalentReview, employee: Employee | None) -> None:
    if employee is not None and not review_selectors.is_reviewed(review=review, employee=employee):
        raise ApplicationError(
            INVALID,
            f"{employee} is not among the people of this review.",
            fields={"employee": "Not in this review."},
        )


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ApplicationError(INVALID, "Write what was decided.", fields={"text": "Required."})
    return text[:500]


@transaction.atomic
def talent_review_decision_record(
    *, actor: Actor, review: TalentReview, text: str, employee: Employee | None = None
) -> TalentReviewEntry:
    """A decision of the meeting, about one of its people or about all of them."""
    _check_runs(actor, review)
    same_organization(actor, *(o for o in (employee,) if o is not None))
    review = _check_open(review)
    _check_about(review, employee)
    entry = TalentReviewEntry.objects.create(
        review=review,
        kind=Entry.Kind.DECISION,
        text=_clean_text(text),
        employee=employee,
        recorded_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="talent_review.decided",
        obj=review,
        changes={"about": employee.full_name if employee else "everyone reviewed"},
    )
    return entry


@transaction.atomic
def talent_review_action_record(
    *,
    actor: Actor,
    review: TalentReview,
    text: str,
    owner: Employee,
    due_on: date,
    employee: Employee | None = None,
) -> TalentReviewEntry:
    """An action the meeting agreed, with its owner and due date. Momentum reminds the owner
    before and on the due date, and their manager (or HR) once it is overdue, until it is
    done."""
    _check_runs(actor, review)
    same_organization(actor, owner, *(o for o in (employee,) if o is not None))
    review = _check_open(review)
    _check_about(review, employee)
    text = _clean_text(text)
    if not owner.active:
        raise ApplicationError(INVALID, f"{owner} has left.", fields={"owner": "Has left."})
    if employee is not None and owner.pk == employee.pk:
        raise ApplicationError(
            INVALID,
            "The person reviewed does not own an action about themselves.",
            fields={"owner": "Someone else."},
        )
    if due_on < timezone.localdate():
        raise ApplicationError(
            INVALID, "The due date is today or later.", fields={"due_on": "In the past."}
        )
    entry = TalentReviewEntry.objects.create(
        review=review,
        kind=Entry.Kind.ACTION,
        text=text,
        employee=employee,
        owner=owner,
        due_on=due_on,
        recorded_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="talent_review.action_recorded",
        obj=review,
        changes={"owner": owner.full_name, "due_on": due_on.isoformat()},
    )
    return entry


@transaction.atomic
def talent_review_action_complete(
    *, actor: Actor, action: TalentReviewEntry, note: str = ""
) -> TalentReviewEntry:
    """The owner (or HR, or whoever runs the review) marks an action done; Momentum stops
    following it up at its next tick."""
    same_organization(actor, action)
    if action.kind != Entry.Kind.ACTION:
        raise ApplicationError(INVALID, "Only an action is done.")
    owns = actor.employee is not None and action.owner_id == actor.employee.pk
    if not owns and not review_selectors.may_run_review(actor=actor, review=action.review):
        raise PermissionDenied("The action's owner, HR and the review's runners complete it.")
    action = TalentReviewEntry.objects.select_for_update().get(pk=action.pk)
    if action.status == Entry.Status.DONE:
        return action
    action.status = Entry.Status.DONE
    action.done_at = timezone.now()
    action.done_note = (note or "").strip()[:300]
    action.save(update_fields=["status", "done_at", "done_note"])
    audit_record(
        actor=actor,
        action="talent_review.action_done",
        obj=action.review,
        changes={"owner": action.owner.full_name if action.owner else ""},
    )
    return action


@transaction.atomic
def talent_review_hold(*, actor: Actor, review: TalentReview, summary: str = "") -> TalentReview:
    """The meeting is over: the review is held, its board and decision log closed (its actions
    are still followed up)."""
    _check_runs(actor, review)
    review = _check_open(review)
    review.status = TalentReview.Status.HELD
    review.summary = (summary or "").strip()[:2000]
    review.closed_at = timezone.now()
    review.save(update_fields=["status", "summary", "closed_at"])
    audit_record(actor=actor, action="talent_review.held", obj=review)
    return review


def talent_review_read(*, actor: Actor, review: TalentReview | None, count: int | None = None):
    """Record a read of talent reviews in the audit trail (every read: HR's, a runner's, a
    key's)."""
    changes: dict[str, object] = {"read": "talent review"}
    if count is not None:
        changes["rows"] = count
    audit_record(
        actor=actor,
        action="talent_review.read",
        obj=review,
        object_label="" if review is not None else "talent reviews",
        changes=changes,
    )
