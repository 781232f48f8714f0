"""Reads of talent review meetings: who may run one, its people on the 9-box, its decision
log, the actions a person owns, and who facilitates next.

A review is confidential like potential: HR admins (and keys) and the people HR grants the
review read it; never the people it is about (a grant is refused to anyone in its pool or
department). `reviews_for_viewer` is the one place that decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q, QuerySet

from assessments.selectors import cycles as cycle_selectors
from plms.people import selectors as people_selectors
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.tenancy.context import require_organization_id
from plms.tenancy.models import Membership
from talent import performance, potential, selectors
from talent.models import (
    RUN_TALENT_REVIEW,
    TalentPool,
    TalentPoolMember,
    TalentReview,
    TalentReviewEntry,
    TalentReviewMove,
    TalentReviewUserObjectPermission,
)

Entry = TalentReviewEntry


def _granted_review_ids(actor: Actor) -> QuerySet:
    return TalentReviewUserObjectPermission.objects.filter(
        user=actor.user, permission__codename=RUN_TALENT_REVIEW
    ).values("content_object_id")


def _reviews() -> QuerySet[TalentReview]:
    return TalentReview.objects.select_related("pool", "department", "facilitator").annotate(
        decision_count=Count("entries", filter=Q(entries__kind=Entry.Kind.DECISION)),
        action_count=Count("entries", filter=Q(entries__kind=Entry.Kind.ACTION)),
        open_action_count=Count(
            "entries",
            filter=Q(entries__kind=Entry.Kind.ACTION, entries__status=Entry.Status.OPEN),
        ),
    )


def reviews_for_viewer(*, actor: Actor) -> QuerySet[TalentReview]:
    """The reviews the actor runs or reads, latest first: all of them for HR admins and keys,
    the ones HR granted them otherwise."""
    queryset = _reviews().order_by("-held_on", "-id")
    if actor.is_admin:
        return queryset
    if actor.user is None:
        return queryset.none()
    return queryset.filter(id__in=_granted_review_ids(actor))


def review_get_for_viewer(*, actor: Actor, uuid) -> TalentReview | None:
    return reviews_for_viewer(actor=actor).filter(uuid=uuid).first()


def may_run_review(*, actor: Actor, review: TalentReview) -> bool:
    return reviews_for_viewer(actor=actor).filter(pk=review.pk).exists()


def may_read_reviews(*, actor: Actor) -> bool:
    """Whether the actor sees the talent review pages at all."""
    return actor.is_admin or reviews_for_viewer(actor=actor).exists()


def pool_choices() -> QuerySet[TalentPool]:
    """Pools for the form that opens a review (names only)."""
    return TalentPool.objects.only("uuid", "name").order_by("name", "id")


# --- Its people and the board -------------------------------------------------------------------


def review_people(*, review: TalentReview) -> QuerySet[Employee]:
    """The active people the review is about: the pool's members, or the department's."""
    people = people_selectors.employees().filter(active=True)
    if review.pool_id is not None:
        members = TalentPoolMember.objects.filter(pool_id=review.pool_id).values("employee_id")
        people = people.filter(id__in=members)
    else:
        people = people.filter(department_id=review.department_id)
    return people.select_related("department").order_by("last_name", "first_name", "id")


def is_reviewed(*, review: TalentReview, employee: Employee) -> bool:
    return review_people(review=review).filter(pk=employee.pk).exists()


def measured_boxes(*, employee_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{employee id: (performance, potential)} from the latest closed cycle's results and the
    latest (calibrated) potential, for those with both."""
    if not employee_ids or cycle_selectors.latest_closed_cycle() is None:
        return {}
    ratings = performance.performance_ratings(employee_ids=employee_ids)
    potentials = selectors.potential_levels(employee_ids=ratings)
    return {e: (ratings[e], potentials[e]) for e in ratings if e in potentials}


def _box_key(text: str) -> tuple[int, int] | None:
    parts = text.split("-")
    if len(parts) != 2 or not all(p in ("1", "2", "3") for p in parts):
        return None
    return int(parts[0]), int(parts[1])


@dataclass(frozen=True)
class Board:
    boxes: list[list[dict]]  # potential.boxes: 3 x 3, high potential first
    unplaced: list[Employee]  # people without results or potential, nor a move
    placed: dict[int, str]  # {employee id: "performance-potential"}
    people: list[Employee]


def review_board(*, review: TalentReview) -> Board:
    """The review's people on the 9-box: where the meeting last moved them, else where their
    measured performance and potential put them (a constant number of queries)."""
    people = list(review_people(review=review))
    by_id = {person.pk: person for person in people}
    placed = measured_boxes(employee_ids=list(by_id))
    last_moves = (
        TalentReviewMove.objects.filter(review=review, employee_id__in=list(by_id))
        .order_by("employee_id", "-created_at", "-id")
        .values_list("employee_id", "to_box")
    )
    seen: set[int] = set()
    for employee_id, to_box in last_moves:
        key = _box_key(to_box)
        if employee_id not in seen and key is not None:
            placed[employee_id] = key
        seen.add(employee_id)
    return Board(
        boxes=potential.boxes(placed, by_id),
        unplaced=[p for p in people if p.pk not in placed],
        placed={e: f"{p}-{q}" for e, (p, q) in placed.items()},
        people=people,
    )


def box_of(*, review: TalentReview, employee: Employee) -> str:
    """Where the person stands on the review's board now ("" when not placed)."""
    move = (
        TalentReviewMove.objects.filter(review=review, employee=employee)
        .order_by("-created_at", "-id")
        .first()
    )
    if move is not None:
        return move.to_box
    found = measured_boxes(employee_ids=[employee.pk]).get(employee.pk)
    return f"{found[0]}-{found[1]}" if found else ""


def box_label(key: str) -> str:
    found = _box_key(key)
    return potential.box_name(*found) if found else ""


# --- The decision log ---------------------------------------------------------------------------


def moves_of(*, review: TalentReview) -> QuerySet[TalentReviewMove]:
    return TalentReviewMove.objects.filter(review=review).select_related("employee", "moved_by")


def _entries() -> QuerySet[TalentReviewEntry]:
    return TalentReviewEntry.objects.select_related(
        "review", "employee", "owner", "recorded_by"
    ).order_by("review_id", "created_at", "id")


def entries_of(*, review: TalentReview, kind: str | None = None) -> QuerySet[TalentReviewEntry]:
    entries = _entries().filter(review=review)
    return entries.filter(kind=kind) if kind else entries


def entries_for_viewer(*, actor: Actor) -> QuerySet[TalentReviewEntry]:
    """Every line of the reviews the actor reads, and the actions they own themselves."""
    readable = Q(review__in=reviews_for_viewer(actor=actor).values("id"))
    if actor.employee is not None:
        readable |= Q(kind=Entry.Kind.ACTION, owner=actor.employee)
    return _entries().filter(readable)


def action_get_for_viewer(*, actor: Actor, uuid) -> TalentReviewEntry | None:
    return entries_for_viewer(actor=actor).filter(kind=Entry.Kind.ACTION, uuid=uuid).first()


def actions_owned(*, employee: Employee) -> QuerySet[TalentReviewEntry]:
    """The open actions a person owns, soonest due first."""
    return (
        _entries()
        .filter(kind=Entry.Kind.ACTION, owner=employee, status=Entry.Status.OPEN)
        .order_by("due_on", "id")
    )


# --- Facilitators -------------------------------------------------------------------------------


def _admin_memberships() -> QuerySet[Membership]:
    """The current organisation's active HR admins (memberships span organisations)."""
    return Membership.objects.filter(
        organization_id=require_organization_id(),
        role=Membership.Role.ADMIN,
        active=True,
        user__is_active=True,
    )


def is_hr_admin(*, employee: Employee) -> bool:
    return (
        employee.user_id is not None
        and _admin_memberships().filter(user_id=employee.user_id).exists()
    )


def facilitator_candidates() -> QuerySet[Employee]:
    """Who may facilitate: HR admins (with a person record) and the people HR granted a
    review before."""
    admins = _admin_memberships().values("user_id")
    granted = TalentReviewUserObjectPermission.objects.filter(
        permission__codename=RUN_TALENT_REVIEW
    ).values("user_id")
    return (
        people_selectors.employees()
        .filter(active=True)
        .filter(Q(user_id__in=admins) | Q(user_id__in=granted))
        .order_by("last_name", "first_name", "id")
    )


def facilitator_suggestion() -> Employee | None:
    """The next in the rotation: the candidate who facilitated least recently (never first),
    by name among equals."""
    candidates = list(facilitator_candidates())
    if not candidates:
        return None
    last = dict(
        TalentReview.objects.order_by()
        .values("facilitator_id")
        .annotate(last=Max("held_on"))
        .values_list("facilitator_id", "last")
    )
    return min(
        candidates,
        key=lambda e: (last.get(e.pk) or date.min, e.last_name, e.first_name, e.pk),
    )
