"""Relative ranking within a calibration group, when the organisation chooses it
(`RewardSettings.relative_ranking`, off by default).

A calibration group is a department in a cycle: the people rated in the cycle whose
department it is now (people without one form a group of their own). Its ranking orders them
1..n: first as HR placed them (`CalibrationRank`), then the rest by final rating, score and
name. HR moves a person to another place with a reason; the whole group's places are then
written, so every member has a stored place, and the move lands in the audit log with the
place before and after.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from plms.audit.services import audit_record
from plms.common.errors import ApplicationError
from plms.people.models import Department
from plms.tenancy.actors import Actor, same_organization
from reward import error_codes, selectors
from reward.models import CalibrationRank, PerformanceRating

RANKED = "performance_rating.ranked"


@dataclass
class RankedRating:
    position: int
    rating: PerformanceRating
    rank: CalibrationRank | None  # HR's stored place, with who moved the person and why


def _group_ratings(*, cycle, department: Department | None) -> QuerySet[PerformanceRating]:
    ratings = PerformanceRating.objects.filter(cycle=cycle).select_related("employee")
    if department is None:
        return ratings.filter(employee__department__isnull=True)
    return ratings.filter(employee__department=department)


def _ordered(
    ratings: list[PerformanceRating], ranks: dict[int, CalibrationRank]
) -> list[RankedRating]:
    def key(rating: PerformanceRating) -> tuple:
        rank = ranks.get(rating.employee_id)
        level = rating.final_level
        return (
            rank is None,
            rank.position if rank is not None else 0,
            -(level if level is not None else 0),
            -(rating.score or 0),
            rating.employee.last_name.lower(),
            rating.employee.first_name.lower(),
            rating.pk,
        )

    ordered = sorted(ratings, key=key)
    return [
        RankedRating(position, rating, ranks.get(rating.employee_id))
        for position, rating in enumerate(ordered, start=1)
    ]


def calibration_group(*, cycle, department: Department | None) -> list[RankedRating]:
    """The group's ranking, 1 first (three queries)."""
    ratings = list(_group_ratings(cycle=cycle, department=department))
    ranks = {
        rank.employee_id: rank
        for rank in CalibrationRank.objects.filter(
            cycle=cycle, employee_id__in=[r.employee_id for r in ratings]
        ).select_related("ranked_by")
        if rank.department_id == (department.pk if department else None)
    }
    return _ordered(ratings, ranks)


@transaction.atomic
def rating_rank(*, actor: Actor, rating: PerformanceRating, position: int, reason: str) -> int:
    """Move the rated person to `position` (1 first) in their calibration group; returns the
    place they had. HR admins only, with a reason, while the organisation ranks."""
    actor.require_admin()
    same_organization(actor, rating)
    if not selectors.settings_get().relative_ranking:
        raise ApplicationError(
            error_codes.RANKING_OFF, "The organisation does not rank people within groups."
        )
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            error_codes.REASON_REQUIRED,
            "Say why the place changes.",
            fields={"reason": ["Say why the place changes."]},
        )
    person = rating.employee
    department = person.department
    # One HR admin reorders a group at a time: lock its ratings in a consistent order.
    members = list(
        _group_ratings(cycle=rating.cycle, department=department).values_list("pk", flat=True)
    )
    list(
        PerformanceRating.objects.select_for_update()
        .filter(pk__in=members)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    group = calibration_group(cycle=rating.cycle, department=department)
    if not 1 <= position <= len(group):
        raise ApplicationError(
            error_codes.INVALID,
            "Choose a place within the group.",
            fields={"position": [f"From 1 to {len(group)}."]},
        )
    order = [entry.rating.employee_id for entry in group]
    before = order.index(person.pk) + 1
    order.remove(person.pk)
    order.insert(position - 1, person.pk)
    existing = {
        rank.employee_id: rank
        for rank in CalibrationRank.objects.select_for_update()
        .filter(cycle=rating.cycle, employee_id__in=order)
        .order_by("pk")
    }
    now = timezone.now()
    changed, created = [], []
    for place, employee_id in enumerate(order, start=1):
        rank = existing.get(employee_id)
        if rank is None:
            rank = CalibrationRank(
                organization=actor.organization, cycle=rating.cycle, employee_id=employee_id
            )
            created.append(rank)
        else:
            changed.append(rank)
        rank.department = department
        rank.position = place
        if employee_id == person.pk:
            rank.reason, rank.ranked_by, rank.ranked_at = reason, actor.user, now
    CalibrationRank.objects.bulk_create(created, batch_size=2000)
    CalibrationRank.objects.bulk_update(
        changed, ["department", "position", "reason", "ranked_by", "ranked_at"], batch_size=2000
    )
    audit_record(
        actor=actor,
        action=RANKED,
        obj=rating,
        object_label=f"Rating of {person.full_name}",
        changes={"rank": [before, position]},
        reason=reason,
    )
    return before
