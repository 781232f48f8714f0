"""Reads of rate and reward, each deciding who may see what.

Overall ratings: HR admins (and keys) see all; a manager sees the ratings of the people below
them; a person sees their own only once HR has released the cycle's ratings.

Pay is confidential and `pay_readable` is the one rule: HR admins and keys read everyone's;
a manager with an explicit compensation grant reads the pay of the people below them in the
primary reporting line; a person reads their own when the organisation allows it. Everyone
else is told the pay does not exist (404). Every read of another person's pay is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from assessments.selectors import cycles as cycle_selectors
from assessments.selectors import results as result_selectors
from goals.achievement import goal_achievement_for
from plms.audit.services import audit_record, audit_record_many
from plms.people import selectors as people_selectors
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from reward import eligibility
from reward import formula as formula_math
from reward.models import (
    CalibrationRank,
    CompensationGrant,
    CompensationProposal,
    CompensationReview,
    PayGrade,
    PayRecord,
    PerformanceRating,
    RatingLevel,
    RatingRelease,
    ReviewBudget,
    RewardSettings,
)

PAY_READ = "pay.read"

DEFAULT_LEVELS = (
    (1, "Unsatisfactory", "Falls well short of the role's expectations.", Decimal(0)),
    (2, "Partly meets", "Meets some of the role's expectations.", Decimal(50)),
    (3, "Meets", "Meets the role's expectations.", Decimal(70)),
    (4, "Exceeds", "Often exceeds the role's expectations.", Decimal(85)),
    (5, "Outstanding", "Consistently far exceeds the role's expectations.", Decimal(95)),
)


# --- Settings and scale ----------------------------------------------------------------------


def settings_get() -> RewardSettings:
    """The organisation's settings, or the defaults (unsaved) when it has none."""
    return RewardSettings.objects.first() or RewardSettings()


def formula_of(settings: RewardSettings) -> formula_math.Formula:
    return formula_math.Formula(
        capability_weight=settings.capability_weight,
        goal_weight=settings.goal_weight,
        perspective_weights={k: int(v) for k, v in (settings.perspective_weights or {}).items()},
        attainment_cap=settings.attainment_cap,
    )


def rating_levels() -> QuerySet[RatingLevel]:
    return RatingLevel.objects.order_by("value")


def level_names() -> dict[int, str]:
    return {level.value: level.name for level in rating_levels()}


def formula_in_words() -> list[str]:
    levels = [(level.value, level.name, level.min_score) for level in rating_levels()]
    return formula_math.describe(formula_of(settings_get()), levels)


# --- Inputs of the formula (read through the other apps' selectors) ------------------------


def rating_inputs(
    *, cycle, employee_ids: Iterable[int]
) -> dict[int, tuple[list[formula_math.CapabilityResult], list[formula_math.GoalResult]]]:
    """{employee id: (capability results, goal results)} for the cycle's people."""
    ids = list(employee_ids)
    inputs: dict[int, tuple[list, list]] = {pk: ([], []) for pk in ids}
    for row in result_selectors.consolidated_for_export(cycle=cycle).filter(employee_id__in=ids):
        if row.target_level:
            effective = row.adjusted_level if row.adjusted_level is not None else row.level
            inputs[row.employee_id][0].append(
                formula_math.CapabilityResult(
                    name=row.capability.name,
                    level=effective,
                    target=row.target_level,
                    weight=row.requirement_weight or 1,
                )
            )
    achievements = goal_achievement_for(
        employee_ids=ids, period_start=cycle.period_start, period_end=cycle.period_end
    )
    for employee_id, goals in achievements.items():
        inputs[employee_id][1].extend(
            formula_math.GoalResult(
                title=goal.title,
                perspective=goal.perspective,
                weight=goal.weight,
                progress=goal.progress,
            )
            for goal in goals
        )
    return inputs


def cycle_people(*, cycle) -> QuerySet[Employee]:
    return cycle_selectors.cycle_scope_employees(cycle)


# --- Overall ratings -------------------------------------------------------------------------


def released_cycle_ids() -> list[int]:
    return list(RatingRelease.objects.values_list("cycle_id", flat=True))


def is_released(*, cycle) -> bool:
    return RatingRelease.objects.filter(cycle=cycle).exists()


def _ratings() -> QuerySet[PerformanceRating]:
    return PerformanceRating.objects.select_related(
        "employee", "employee__department", "cycle"
    ).order_by("cycle__period_end", "employee__last_name", "employee__first_name", "id")


def _with_rank(ratings: QuerySet[PerformanceRating]) -> QuerySet[PerformanceRating]:
    """`calibration_rank`: HR's place for the person in their department's ranking of the
    cycle while the organisation ranks (`reward.ranking`); None otherwise or until HR ranks
    the group."""
    if not settings_get().relative_ranking:
        return ratings.annotate(calibration_rank=Value(None, output_field=IntegerField()))
    places = CalibrationRank.objects.filter(
        cycle_id=OuterRef("cycle_id"),
        employee_id=OuterRef("employee_id"),
        department_id=OuterRef("employee__department_id"),
    ).values("position")[:1]
    return ratings.annotate(calibration_rank=Subquery(places))


def final_levels(*, cycle, employee_ids: Iterable[int] | None = None) -> dict[int, int]:
    """{employee id: final overall level} in `cycle` for the people whose rating a manager
    confirmed or calibration settled (a proposal alone is not a rating). One query; for
    other apps' evidence (talent's 9-box), not for showing to people: callers decide who
    reads what they derive."""
    rows = final_level_rows(cycle=cycle)
    if employee_ids is not None:
        rows = rows.filter(employee_id__in=list(employee_ids))
    return dict(rows.values_list("employee_id", "level"))


def final_level_rows(*, cycle) -> QuerySet:
    """`final_levels` as rows (`employee_id`, `level`), one per person, for a query that joins
    them (talent's 9-box places everyone by the database)."""
    return (
        PerformanceRating.objects.filter(cycle=cycle)
        .filter(Q(calibrated_level__isnull=False) | Q(manager_level__isnull=False))
        .order_by()
        .values("employee_id", level=Coalesce("calibrated_level", "manager_level"))
    )


def scale_bounds() -> tuple[int, int]:
    """The lowest and highest value of the organisation's rating scale (the shipped default
    when it has set none)."""
    values = list(rating_levels().values_list("value", flat=True))
    if not values:
        values = [value for value, *_ in DEFAULT_LEVELS]
    return min(values), max(values)


def rating_list_for_viewer(*, actor: Actor, cycle=None) -> QuerySet[PerformanceRating]:
    ratings = _with_rank(_ratings())
    if cycle is not None:
        ratings = ratings.filter(cycle=cycle)
    if actor.is_admin:
        return ratings
    viewer = actor.employee
    if viewer is None:
        return ratings.none()
    released = RatingRelease.objects.values("cycle_id")
    return ratings.filter(
        Q(
            employee_id__in=people_selectors.all_report_ids_sql(
                manager_id=viewer.pk, include_matrix=False
            )
        )
        | Q(employee=viewer, cycle_id__in=released)
    )


def rating_get_for_viewer(*, actor: Actor, uuid) -> PerformanceRating | None:
    return rating_list_for_viewer(actor=actor).filter(uuid=uuid).first()


def can_confirm(*, actor: Actor, rating: PerformanceRating) -> bool:
    """The person's manager (primary line, direct or above) confirms or overrides; HR admins
    may too."""
    if actor.is_admin:
        return True
    viewer = actor.employee
    return (
        viewer is not None
        and viewer.pk != rating.employee_id
        and people_selectors.is_manager_of(
            manager=viewer, employee=rating.employee, include_matrix=False
        )
    )


# --- Pay -------------------------------------------------------------------------------------


def compensation_grant_managers() -> QuerySet[Employee]:
    """The managers with the compensation permission, by name."""
    return (
        people_selectors.employees()
        .filter(compensation_grants__isnull=False)
        .order_by("last_name", "first_name", "id")
    )


def has_compensation_grant(*, employee: Employee | None) -> bool:
    return employee is not None and CompensationGrant.objects.filter(manager=employee).exists()


def pay_readable(*, actor: Actor, employee: Employee) -> bool:
    """The one rule of who reads a person's pay (see the module's docstring)."""
    if employee.organization_id != actor.organization.pk:
        return False
    if actor.is_admin:
        return True
    viewer = actor.employee
    if viewer is None:
        return False
    if viewer.pk == employee.pk:
        return settings_get().employees_see_own_pay
    return has_compensation_grant(employee=viewer) and people_selectors.is_manager_of(
        manager=viewer, employee=employee, include_matrix=False
    )


def _audit_reads(actor: Actor, records: Iterable[PayRecord]) -> None:
    own = actor.employee.pk if actor.employee is not None else None
    others = [record for record in records if record.employee_id != own]
    if len(others) == 1:
        audit_record(actor=actor, action=PAY_READ, obj=others[0])
    elif others:
        audit_record_many(actor=actor, action=PAY_READ, objects=others)


def _pay_records() -> QuerySet[PayRecord]:
    return PayRecord.objects.select_related("employee", "employee__department", "grade").order_by(
        "employee__last_name", "employee__first_name", "id"
    )


def pay_record_for_viewer(*, actor: Actor, employee: Employee) -> PayRecord | None:
    """The person's pay if the actor may read it (the read audited when it is another's);
    None for no pay and for not allowed alike."""
    if not pay_readable(actor=actor, employee=employee):
        return None
    record = _pay_records().filter(employee=employee).first()
    if record is not None:
        _audit_reads(actor, [record])
    return record


def pay_records_readable(*, actor: Actor) -> QuerySet[PayRecord]:
    """The pay records the actor may read (not yet audited: `pay_records_read` audits a page
    of them as it is shown)."""
    records = _pay_records()
    if actor.is_admin:
        return records
    viewer = actor.employee
    if viewer is None:
        return records.none()
    condition = Q(pk__in=[])
    if has_compensation_grant(employee=viewer):
        condition |= Q(
            employee_id__in=people_selectors.all_report_ids_sql(
                manager_id=viewer.pk, include_matrix=False
            )
        )
    if settings_get().employees_see_own_pay:
        condition |= Q(employee=viewer)
    return records.filter(condition)


def pay_records_read(*, actor: Actor, records: Iterable[PayRecord]) -> list[PayRecord]:
    """Records about to be shown: each read of another person's pay is audited."""
    shown = list(records)
    _audit_reads(actor, shown)
    return shown


def pay_record_get_for_viewer(*, actor: Actor, uuid) -> PayRecord | None:
    record = pay_records_readable(actor=actor).filter(uuid=uuid).first()
    if record is not None:
        _audit_reads(actor, [record])
    return record


def pay_grades() -> QuerySet[PayGrade]:
    return PayGrade.objects.select_related("job_role").order_by("minimum", "name", "id")


def pay_grade_get(*, uuid) -> PayGrade | None:
    return pay_grades().filter(uuid=uuid).first()


def employee_by_email(*, email: str) -> Employee | None:
    return people_selectors.employees().filter(email__iexact=email).first()


# --- Compensation reviews --------------------------------------------------------------------


def review_list_for_viewer(*, actor: Actor) -> QuerySet[CompensationReview]:
    """HR admins and keys: every review; managers with the compensation permission: every
    review (their part of it is their reports'); others: none."""
    reviews = CompensationReview.objects.select_related("cycle").order_by("-effective_date", "-id")
    if actor.is_admin or has_compensation_grant(employee=actor.employee):
        return reviews
    return reviews.none()


def review_get_for_viewer(*, actor: Actor, uuid) -> CompensationReview | None:
    return review_list_for_viewer(actor=actor).filter(uuid=uuid).first()


def proposals_for_viewer(*, actor: Actor, review=None) -> QuerySet[CompensationProposal]:
    """HR admins and keys: all; a manager with the permission: those of the people below them
    and those waiting for their approval."""
    proposals = CompensationProposal.objects.select_related(
        "employee", "employee__department", "review", "awaiting"
    ).order_by("employee__last_name", "employee__first_name", "id")
    if review is not None:
        proposals = proposals.filter(review=review)
    if actor.is_admin:
        return proposals
    viewer = actor.employee
    if not has_compensation_grant(employee=viewer) or viewer is None:
        return proposals.none()
    return proposals.filter(
        Q(
            employee_id__in=people_selectors.all_report_ids_sql(
                manager_id=viewer.pk, include_matrix=False
            )
        )
        | Q(awaiting=viewer)
    )


def proposal_get_for_viewer(*, actor: Actor, uuid) -> CompensationProposal | None:
    return proposals_for_viewer(actor=actor).filter(uuid=uuid).first()


def merit_guidance(
    *, review, rating: int | None, position: Decimal | None
) -> tuple[Decimal, Decimal] | None:
    """The recommended increase range (min %, max %) for a rating and a position in range:
    the cell with `range_from <= position < range_to` (no `range_to`: no upper bound)."""
    return _guidance(review.matrix_cells.all(), rating, position)


def review_rows_for_manager(*, review, manager: Employee) -> list[dict]:
    """The eligible people below `manager` (primary line) in the review, each with their pay,
    final rating, position in range, the matrix's guidance, their proposal and why the leave
    rule flags them (or ""). A constant number of queries."""
    people = list(
        eligibility.eligible(review=review, people=people_selectors.all_reports(manager=manager))
    )
    ids = [p.pk for p in people]
    flags = eligibility.leave_flags(review=review, employee_ids=ids)
    pay = {
        r.employee_id: r
        for r in PayRecord.objects.filter(employee_id__in=ids).select_related("grade")
    }
    ratings: dict[int, int | None] = {}
    if review.cycle_id:
        rows = PerformanceRating.objects.filter(
            cycle_id=review.cycle_id, employee_id__in=ids
        ).values_list("employee_id", "calibrated_level", "manager_level", "proposed_level")
        ratings = {row[0]: next((v for v in row[1:] if v is not None), None) for row in rows}
    proposals = {
        p.employee_id: p
        for p in CompensationProposal.objects.filter(review=review, employee_id__in=ids)
    }
    cells = list(review.matrix_cells.all())
    names = level_names()
    result = []
    for person in people:
        record = pay.get(person.pk)
        if record is None:
            continue
        position = record.position_in_range
        rating = ratings.get(person.pk)
        result.append(
            {
                "employee": person,
                "pay": record,
                "rating": names.get(rating, "") if rating else "",
                "position": position,
                "guidance": _guidance(cells, rating, position),
                "proposal": proposals.get(person.pk),
                "leave": flags.get(person.pk, ""),
            }
        )
    return result


def _guidance(cells, rating, position):
    if rating is None or position is None:
        return None
    for cell in cells:
        if (
            cell.rating == rating
            and cell.range_from <= position
            and (cell.range_to is None or position < cell.range_to)
        ):
            return cell.min_percent, cell.max_percent
    return None


def review_budgets(*, review) -> QuerySet[ReviewBudget]:
    return ReviewBudget.objects.filter(review=review).select_related("department")


def review_overview(*, review) -> dict:
    """HR's view: spend against budget per department, the increases by rating, exceptions."""
    budgets = list(review_budgets(review=review))
    proposals = list(
        CompensationProposal.objects.filter(review=review)
        .exclude(status=CompensationProposal.Status.REJECTED)
        .select_related("employee")
        .order_by("employee__last_name", "id")
    )
    ratings: dict[int, int | None] = {}
    if review.cycle_id:
        rows = PerformanceRating.objects.filter(
            cycle_id=review.cycle_id, employee_id__in=[p.employee_id for p in proposals]
        ).values_list("employee_id", "calibrated_level", "manager_level", "proposed_level")
        ratings = {row[0]: next((v for v in row[1:] if v is not None), None) for row in rows}
    by_rating: dict[int | None, list[Decimal]] = {}
    for proposal in proposals:
        by_rating.setdefault(ratings.get(proposal.employee_id), []).append(
            proposal.increase_percent
        )
    names = level_names()
    flagged = eligibility.leave_flags(
        review=review, employee_ids=[p.employee_id for p in proposals]
    )
    return {
        "budgets": budgets,
        "leave_flagged": [
            (p, flagged[p.employee_id]) for p in proposals if p.employee_id in flagged
        ],
        "by_rating": [
            {
                "rating": names.get(rating, "No rating") if rating else "No rating",
                "count": len(values),
                "average": (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")),
            }
            for rating, values in sorted(by_rating.items(), key=lambda i: -(i[0] or 0))
        ],
        "exceptions": [p for p in proposals if not p.within_guidance],
        "pending": sum(1 for p in proposals if p.status == CompensationProposal.Status.PENDING),
    }
