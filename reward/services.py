"""Writes of rate and reward: the overall rating's steps, the settings and the pay structure.

Every step of a rating (proposal, a manager's confirmation or override, calibration, release)
and every change of pay is audited in the same transaction.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from plms.audit.services import audit_record, diff, snapshot
from plms.common.errors import ApplicationError, PermissionDenied
from plms.people.models import Employee
from plms.tenancy.actors import Actor, same_organization
from reward import distribution, error_codes, selectors
from reward import formula as formula_math
from reward.models import (
    CompensationGrant,
    PayGrade,
    PayRecord,
    PerformanceRating,
    RatingLevel,
    RatingRelease,
    RewardSettings,
)

SETTINGS_FIELDS = (
    "capability_weight",
    "goal_weight",
    "perspective_weights",
    "attainment_cap",
    "employees_see_own_pay",
    "distribution_targets",
    "distribution_enforced",
    "distribution_tolerance",
    "equity_min_group",
    "relative_ranking",
    "equity_gap_threshold",
)
PERSPECTIVES = ("financial", "customer", "process", "learning")


# --- Settings and scale ----------------------------------------------------------------------


@transaction.atomic
def reward_settings_update(*, actor: Actor, **changes) -> RewardSettings:
    actor.require_admin()
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"unknown settings {sorted(unknown)}")
    settings = RewardSettings.objects.select_for_update().first() or RewardSettings()
    before = snapshot(settings, SETTINGS_FIELDS)
    for name, value in changes.items():
        setattr(settings, name, value)
    problems: dict[str, str] = {}
    if settings.capability_weight + settings.goal_weight != 100:
        problems["goal_weight"] = "The capability and goal weights must add up to 100."
    weights = settings.perspective_weights or {}
    if set(weights) - set(PERSPECTIVES) or any(int(v) < 0 for v in weights.values()):
        problems["perspective_weights"] = "Weigh the four perspectives with whole percentages."
    elif weights and sum(int(v) for v in weights.values()) != 100:
        problems["perspective_weights"] = "The perspectives' weights must add up to 100."
    targets = settings.distribution_targets or {}
    if targets and sum(Decimal(str(v)) for v in targets.values()) != 100:
        problems["distribution_targets"] = "The target shares must add up to 100."
    if problems:
        raise ApplicationError(error_codes.INVALID, "The settings are invalid.", fields=problems)
    settings.updated_at = timezone.now()
    settings.full_clean(exclude=["organization"])
    settings.save()
    audit_record(
        actor=actor,
        action="reward_settings.updated",
        obj=settings,
        changes=diff(before, snapshot(settings, SETTINGS_FIELDS)),
    )
    return settings


@dataclass(frozen=True)
class LevelSpec:
    value: int
    name: str
    min_score: Decimal
    description: str = ""


def _levels_in_use() -> dict[int, int]:
    """{level value: how many overall ratings give it} (proposed, confirmed or calibrated)."""
    used: dict[int, int] = {}
    for field in ("proposed_level", "manager_level", "calibrated_level"):
        for value, count in (
            PerformanceRating.objects.filter(**{f"{field}__isnull": False})
            .values_list(field)
            .annotate(count=Count("id"))
            .order_by()
        ):
            used[value] = used.get(value, 0) + count
    return used


@transaction.atomic
def rating_scale_set(*, actor: Actor, levels: Sequence[LevelSpec]) -> list[RatingLevel]:
    """Replace the overall rating scale. Each level has its own number (its place in the
    order) and its own name; higher levels need higher scores; the lowest level starts at 0 so
    every score proposes a level; a level that a rating gives cannot be removed (ratings keep
    its number). Levels kept by number are updated in place; the change is audited."""
    actor.require_admin()
    RewardSettings.objects.select_for_update().first()  # one scale edit at a time
    ordered = sorted(levels, key=lambda level: level.value)
    problems = []
    values = [level.value for level in ordered]
    names = [level.name.strip().casefold() for level in ordered]
    if len(ordered) < 2:
        problems.append("Give at least two levels.")
    for value in sorted({v for v in values if values.count(v) > 1}):
        problems.append(f"Two levels have the number {value}: give each its own.")
    for level in ordered:
        if not level.name.strip():
            problems.append(f"Level {level.value} needs a name.")
        elif names.count(level.name.strip().casefold()) > 1:
            problems.append(f"Two levels are called “{level.name.strip()}”: give each its own.")
            names = [n for n in names if n != level.name.strip().casefold()]
    if ordered and ordered[0].min_score != 0:
        problems.append("The lowest level starts at a score of 0.")
    if any(a.min_score >= b.min_score for a, b in itertools.pairwise(ordered)):
        problems.append("Each level needs a higher score than the level below it.")
    current = {level.value: level for level in RatingLevel.objects.all()}
    used = _levels_in_use()
    for value in sorted(set(current) - set(values)):
        if used.get(value):
            problems.append(
                f"Level {value} “{current[value].name}” is given in {used[value]} "
                f"rating{'s' if used[value] != 1 else ''}: it cannot be removed. Rename it "
                "instead."
            )
    if problems:
        raise ApplicationError(error_codes.INVALID, problems[0], fields={"levels": problems})
    before = [f"{v} {level.name} from {level.min_score}" for v, level in sorted(current.items())]
    RatingLevel.objects.exclude(value__in=values).delete()
    result: list[RatingLevel] = []
    for spec in ordered:
        row = current.get(spec.value) or RatingLevel(
            organization_id=actor.organization.pk, value=spec.value
        )
        row.name = spec.name.strip()
        row.description = spec.description.strip()
        row.min_score = spec.min_score
        row.full_clean(exclude=["organization"])
        row.save()
        result.append(row)
    after = [f"{row.value} {row.name} from {row.min_score}" for row in result]
    audit_record(
        actor=actor,
        action="rating_scale.updated",
        object_label="Overall rating scale",
        changes=diff({"levels": before}, {"levels": after}),
    )
    return result


def rating_scale_ensure(*, actor: Actor) -> None:
    """Give the organisation the default five-level scale when it has none."""
    if not selectors.rating_levels().exists():
        rating_scale_set(
            actor=actor,
            levels=[LevelSpec(v, n, s, d) for v, n, d, s in selectors.DEFAULT_LEVELS],
        )


# --- Overall ratings -------------------------------------------------------------------------


def _require_not_released(cycle) -> None:
    if selectors.is_released(cycle=cycle):
        raise ApplicationError(
            error_codes.RATINGS_RELEASED, "The cycle's ratings are released already."
        )


@transaction.atomic
def ratings_propose(*, actor: Actor, cycle) -> int:
    """Compute the formula's proposal for everyone in the cycle's scope (again, if run again:
    confirmations and calibrations stay). Returns how many ratings were proposed."""
    actor.require_admin()
    same_organization(actor, cycle)
    _require_not_released(cycle)
    thresholds = [(level.value, level.min_score) for level in selectors.rating_levels()]
    if not thresholds:
        raise ApplicationError(error_codes.NO_RATING_SCALE, "Set up the rating scale first.")
    formula = selectors.formula_of(selectors.settings_get())
    people = list(selectors.cycle_people(cycle=cycle).values_list("pk", flat=True))
    inputs = selectors.rating_inputs(cycle=cycle, employee_ids=people)
    existing = {r.employee_id: r for r in PerformanceRating.objects.filter(cycle=cycle)}
    now = timezone.now()
    to_create: list[PerformanceRating] = []
    to_update: list[PerformanceRating] = []
    for employee_id in people:
        capabilities, goals = inputs[employee_id]
        outcome = formula_math.evaluate(formula, capabilities=capabilities, goals=goals)
        rating = existing.get(employee_id) or PerformanceRating(
            organization_id=actor.organization.pk, cycle=cycle, employee_id=employee_id
        )
        rating.capability_score = outcome.capability_score
        rating.goal_score = outcome.goal_score
        rating.score = outcome.score
        rating.parts = outcome.parts
        rating.proposed_level = formula_math.propose(outcome.score, thresholds)
        rating.computed_at = now
        (to_update if rating.pk else to_create).append(rating)
    PerformanceRating.objects.bulk_create(to_create, batch_size=2000)
    PerformanceRating.objects.bulk_update(
        to_update,
        ["capability_score", "goal_score", "score", "parts", "proposed_level", "computed_at"],
        batch_size=2000,
    )
    audit_record(
        actor=actor,
        action="performance_rating.proposed",
        obj=cycle,
        changes={"people": len(people)},
    )
    return len(people)


def _level_names() -> dict[int, str]:
    return selectors.level_names()


def _check_level(level: int) -> None:
    if level not in _level_names():
        raise ApplicationError(
            error_codes.INVALID,
            "Choose a level of the scale.",
            fields={"level": ["Not on the scale."]},
        )


@transaction.atomic
def rating_confirm(
    *, actor: Actor, rating: PerformanceRating, level: int | None = None, reason: str = ""
) -> PerformanceRating:
    """The manager confirms the proposal (no `level`, or the proposed one) or overrides it
    with another level, which needs a reason."""
    same_organization(actor, rating)
    rating = (
        PerformanceRating.objects.select_for_update().select_related("employee").get(pk=rating.pk)
    )
    if not selectors.can_confirm(actor=actor, rating=rating):
        raise PermissionDenied("Only the person's manager or HR may confirm the rating.")
    _require_not_released(rating.cycle)
    level = rating.proposed_level if level is None else level
    if level is None:
        raise ApplicationError(
            error_codes.INVALID, "Choose a level.", fields={"level": ["Choose a level."]}
        )
    _check_level(level)
    reason = reason.strip()
    if level != rating.proposed_level and not reason:
        raise ApplicationError(
            error_codes.REASON_REQUIRED,
            "Say why the rating differs from the proposal.",
            fields={"reason": ["Say why the rating differs from the proposal."]},
        )
    before = snapshot(rating, ("manager_level", "manager_reason"))
    rating.manager_level = level
    rating.manager_reason = reason
    rating.confirmed_by = actor.user
    rating.confirmed_at = timezone.now()
    rating.save(update_fields=["manager_level", "manager_reason", "confirmed_by", "confirmed_at"])
    names = _level_names()
    audit_record(
        actor=actor,
        action=(
            "performance_rating.confirmed"
            if level == rating.proposed_level
            else "performance_rating.overridden"
        ),
        obj=rating,
        changes={
            "rating": {
                "before": names.get(before["manager_level"]) if before["manager_level"] else None,
                "after": names.get(level),
            },
            "proposed": names.get(rating.proposed_level) if rating.proposed_level else None,
        },
        reason=reason,
    )
    return rating


@transaction.atomic
def rating_calibrate(
    *, actor: Actor, rating: PerformanceRating, level: int, reason: str
) -> PerformanceRating:
    """Calibration (HR) sets the final level, always with a reason."""
    actor.require_admin()
    same_organization(actor, rating)
    rating = PerformanceRating.objects.select_for_update().get(pk=rating.pk)
    _require_not_released(rating.cycle)
    _check_level(level)
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            error_codes.REASON_REQUIRED,
            "Say why calibration changes the rating.",
            fields={"reason": ["Say why calibration changes the rating."]},
        )
    names = _level_names()
    previous = rating.final_level
    rating.calibrated_level = level
    rating.calibration_reason = reason
    rating.calibrated_by = actor.user
    rating.calibrated_at = timezone.now()
    rating.save(
        update_fields=["calibrated_level", "calibration_reason", "calibrated_by", "calibrated_at"]
    )
    audit_record(
        actor=actor,
        action="performance_rating.calibrated",
        obj=rating,
        changes={
            "rating": {
                "before": names.get(previous) if previous else None,
                "after": names.get(level),
            }
        },
        reason=reason,
    )
    return rating


@transaction.atomic
def ratings_release(*, actor: Actor, cycle) -> RatingRelease:
    """HR releases the cycle's ratings: each person then sees their own. When the organisation
    enforces its distribution guideline, every department must be within the tolerance."""
    actor.require_admin()
    same_organization(actor, cycle)
    _require_not_released(cycle)
    settings = selectors.settings_get()
    if settings.distribution_enforced:
        levels = [(level.value, level.name) for level in selectors.rating_levels()]
        _, departments = distribution.rating_distribution(
            cycle=cycle, levels=levels, settings=settings
        )
        outside = [group.label for group in departments if group.outside]
        if outside:
            raise ApplicationError(
                error_codes.DISTRIBUTION_OUTSIDE_TOLERANCE,
                "Outside the distribution guideline: " + ", ".join(outside) + ".",
            )
    release = RatingRelease.objects.create(cycle=cycle, released_by=actor.user)
    audit_record(actor=actor, action="performance_rating.released", obj=cycle)
    return release


# --- Pay structure ---------------------------------------------------------------------------


def _check_grade(grade: PayGrade) -> None:
    if not (grade.minimum <= grade.midpoint <= grade.maximum):
        raise ApplicationError(
            error_codes.INVALID_PAY_GRADE,
            "The minimum, midpoint and maximum must rise in that order.",
            fields={"midpoint": ["Between the minimum and the maximum."]},
        )


GRADE_FIELDS = (
    "name",
    "job_role",
    "minimum",
    "midpoint",
    "maximum",
    "currency",
    "target_bonus_percent",
)


@transaction.atomic
def pay_grade_create(*, actor: Actor, **fields) -> PayGrade:
    actor.require_admin()
    same_organization(actor, fields.get("job_role"))
    grade = PayGrade(**fields)
    _check_grade(grade)
    grade.save()
    audit_record(
        actor=actor,
        action="pay.grade_created",
        obj=grade,
        changes=diff({}, snapshot(grade, GRADE_FIELDS)),
    )
    return grade


@transaction.atomic
def pay_grade_update(*, actor: Actor, grade: PayGrade, **changes) -> PayGrade:
    actor.require_admin()
    same_organization(actor, grade, changes.get("job_role"))
    grade = PayGrade.objects.select_for_update().get(pk=grade.pk)
    before = snapshot(grade, GRADE_FIELDS)
    for name, value in changes.items():
        setattr(grade, name, value)
    _check_grade(grade)
    grade.updated_at = timezone.now()
    grade.save()
    audit_record(
        actor=actor,
        action="pay.grade_updated",
        obj=grade,
        changes=diff(before, snapshot(grade, GRADE_FIELDS)),
    )
    return grade


PAY_FIELDS = ("grade", "base_pay", "currency", "effective_date")


@transaction.atomic
def pay_record_set(
    *,
    actor: Actor,
    employee: Employee,
    base_pay: Decimal,
    effective_date: datetime.date,
    grade: PayGrade | None = None,
    currency: str | None = None,
    reason: str = "",
    equity_attributes: dict[str, str] | None = None,
) -> PayRecord:
    """Set a person's current pay and grade (HR admins and keys only)."""
    actor.require_admin()
    same_organization(actor, employee, grade)
    record = PayRecord.objects.select_for_update().filter(employee=employee).first()
    before = snapshot(record, PAY_FIELDS) if record is not None else {}
    if record is None:
        record = PayRecord(employee=employee)
    record.grade = grade
    record.base_pay = base_pay
    record.currency = currency or (grade.currency if grade else record.currency)
    record.effective_date = effective_date
    if equity_attributes is not None:
        record.equity_attributes = {str(k): str(v) for k, v in equity_attributes.items()}
    record.updated_at = timezone.now()
    record.save()
    audit_record(
        actor=actor,
        action="pay.changed",
        obj=record,
        changes=diff(before, snapshot(record, PAY_FIELDS)),
        reason=reason,
    )
    return record


@transaction.atomic
def compensation_grant_set(*, actor: Actor, manager: Employee, granted: bool) -> bool:
    """Give or take a manager's permission to read and propose their reports' pay. Only
    someone with reports of their own is given it: it reads nothing else."""
    actor.require_admin()
    same_organization(actor, manager)
    existing = CompensationGrant.objects.filter(manager=manager).first()
    if granted and existing is None:
        if not manager.direct_reports.exists():
            message = (
                f"{manager.full_name} manages nobody: the permission reads their reports' pay."
            )
            raise ApplicationError(error_codes.INVALID, message, fields={"manager": [message]})
        CompensationGrant.objects.create(manager=manager, granted_by=actor.user)
        audit_record(actor=actor, action="pay.access_granted", obj=manager)
        return True
    if not granted and existing is not None:
        existing.delete()
        audit_record(actor=actor, action="pay.access_revoked", obj=manager)
        return True
    return False
