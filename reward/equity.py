"""Pay equity: pay, and the increases of a compensation review, compared across an attribute the
organisation imports for the purpose (e.g. gender) within each grade, each job role, or each
grade and role together, with counts, medians and the median gap to the cell's largest group.

Suppression (`hidden_groups`) keeps every group smaller than the organisation's minimum out of
reach, whatever the breakdown and filters:
- a group below the minimum gets no figure;
- when that leaves a single group shown in its cell, that one is hidden too (its figures and
  the cell's would give the small groups' away);
- in the grade-and-role breakdown, where a group's figure is shown for a whole grade (or a
  whole role), the hidden part of it in that grade's roles (or that role's grades) must be empty
  or at least the minimum, else the smallest shown part is hidden too: the grade's figure minus
  the shown parts would otherwise give a small group away.
The rule runs on the whole breakdown before a filter picks cells, so no combination of filters
shows what another combination hides.

Unexplained gaps (after controlling for grade, rating and, for increases, position in range)
are in `reward.equity_gaps`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median
from uuid import UUID

from capabilities import selectors as capability_selectors
from plms.audit.services import audit_record
from plms.common.errors import PermissionDenied
from plms.tenancy.actors import Actor
from reward.models import (
    CompensationProposal,
    CompensationReview,
    PayRecord,
    PerformanceRating,
    position_in_range,
)

HUNDRED = Decimal(100)
NOT_GIVEN = "Not given"
NO_ROLE = "No job role"
EQUITY_READ = "pay.equity_read"

PAY = "pay"
INCREASE = "increase"
GRADE = "grade"
ROLE = "role"
GRADE_ROLE = "grade_role"
BREAKDOWNS = (GRADE, ROLE, GRADE_ROLE)

Key = tuple[str, str]  # (grade, job role); "" where the breakdown does not split by it


@dataclass(frozen=True)
class EquityPerson:
    """One person as pay equity sees them: no name, only what the comparison needs."""

    employee_id: int
    grade: str
    grade_id: UUID
    role: str
    role_id: UUID | None
    value: str
    pay: Decimal
    compa_ratio: Decimal | None
    position: Decimal | None
    rating: int | None
    increase: Decimal | None = None  # % in the review, for increases


@dataclass
class EquityGroup:
    value: str
    count: int
    suppressed: bool
    # Pay: median annual base pay; increases: median increase in %.
    median: Decimal | None = None
    median_compa_ratio: Decimal | None = None
    # Pay: % of the reference group's median; increases: percentage points.
    gap: Decimal | None = None


@dataclass
class EquityCell:
    grade: str
    grade_id: UUID | None
    job_role: str
    job_role_id: UUID | None
    reference: str | None
    groups: list[EquityGroup]

    @property
    def label(self) -> str:
        return " · ".join(part for part in (self.grade, self.job_role) if part)


def _round(value: Decimal, places: str = "0.1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def equity_attributes() -> list[str]:
    names: set[str] = set()
    for attributes in PayRecord.objects.exclude(equity_attributes={}).values_list(
        "equity_attributes", flat=True
    ):
        names.update(attributes)
    return sorted(names)


def require_reader(*, actor: Actor) -> None:
    """Pay equity reads everyone's pay in aggregate: HR admins and keys only."""
    if not actor.is_admin:
        raise PermissionDenied("Only HR admins may read pay equity.")


def audit_equity_read(*, actor: Actor, attribute: str, **filters: object) -> None:
    """Each look at pay equity lands in the audit log like any other read of pay."""
    audit_record(
        actor=actor,
        action=EQUITY_READ,
        object_label=f"Pay equity by {attribute}"[:300],
        changes={name: str(value) for name, value in filters.items() if value not in (None, "")},
    )


# --- The people compared ---------------------------------------------------------------------


def latest_ratings(*, employee_ids: Iterable[int], cycle_id: int | None = None) -> dict[int, int]:
    """{employee id: final overall rating} from `cycle_id`, or else from each person's latest
    cycle with a final rating."""
    ratings = PerformanceRating.objects.filter(employee_id__in=list(employee_ids))
    if cycle_id is not None:
        ratings = ratings.filter(cycle_id=cycle_id)
    result: dict[int, int] = {}
    for employee_id, calibrated, confirmed in ratings.order_by(
        "cycle__period_end", "id"
    ).values_list("employee_id", "calibrated_level", "manager_level"):
        level = calibrated if calibrated is not None else confirmed
        if level is not None:
            result[employee_id] = level
    return result


def equity_people(
    *, attribute: str, review: CompensationReview | None = None
) -> list[EquityPerson]:
    """The active people with pay in a grade (with a review: those with an increase proposed
    and not rejected, at their pay before it). A constant number of queries."""
    records = {
        record.employee_id: record
        for record in PayRecord.objects.filter(
            employee__active=True, grade__isnull=False
        ).select_related("grade")
    }
    increases: dict[int, tuple[Decimal, Decimal]] = {}
    if review is not None:
        increases = {
            employee_id: (current, percent)
            for employee_id, current, percent in CompensationProposal.objects.filter(
                review=review, employee_id__in=list(records)
            )
            .exclude(status=CompensationProposal.Status.REJECTED)
            .values_list("employee_id", "current_pay", "increase_percent")
        }
    ids = list(increases) if review is not None else list(records)
    roles = capability_selectors.current_roles(employee_ids=ids)
    ratings = latest_ratings(
        employee_ids=ids, cycle_id=review.cycle_id if review is not None else None
    )
    people = []
    for employee_id in ids:
        record = records[employee_id]
        grade = record.grade
        assert grade is not None
        pay, increase = record.base_pay, None
        if review is not None:
            pay, increase = increases[employee_id]
        role_id, role = roles.get(employee_id, (None, NO_ROLE))
        value = str((record.equity_attributes or {}).get(attribute, "")).strip() or NOT_GIVEN
        people.append(
            EquityPerson(
                employee_id=employee_id,
                grade=grade.name,
                grade_id=grade.uuid,
                role=role,
                role_id=role_id,
                value=value,
                pay=pay,
                compa_ratio=(pay / grade.midpoint).quantize(Decimal("0.01"))
                if grade.midpoint
                else None,
                position=position_in_range(pay, grade),
                rating=ratings.get(employee_id),
                increase=increase,
            )
        )
    return people


# --- Suppression -----------------------------------------------------------------------------


def _key(person: EquityPerson, breakdown: str) -> Key:
    return (
        person.grade if breakdown != ROLE else "",
        person.role if breakdown != GRADE else "",
    )


def group_counts(people: Iterable[EquityPerson], breakdown: str) -> dict[Key, dict[str, int]]:
    counts: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for person in people:
        counts[_key(person, breakdown)][person.value] += 1
    return counts


def _hide_in_cells(
    counts: dict[Key, dict[str, int]], min_group: int, hidden: set[tuple[Key, str]]
) -> bool:
    """Small groups, and a lone shown group beside hidden ones. Whether anything changed."""
    changed = False
    for key, groups in counts.items():
        small = {v for v, n in groups.items() if n < min_group or (key, v) in hidden}
        if small and len(groups) - len(small) == 1:
            small = set(groups)
        for value in small:
            if (key, value) not in hidden:
                hidden.add((key, value))
                changed = True
    return changed


def _hide_remainders(
    counts: dict[Key, dict[str, int]],
    min_group: int,
    hidden: set[tuple[Key, str]],
    parents: set[tuple[Key, str]],
    side: int,
) -> bool:
    """For each shown parent figure (a grade's or a role's group), the hidden part of it below
    must be empty or at least the minimum; else hide its smallest shown part too."""
    children: dict[tuple[str, str], list[tuple[Key, int]]] = defaultdict(list)
    for key, groups in counts.items():
        for value, count in groups.items():
            children[(key[side], value)].append((key, count))
    changed = False
    for (name, value), parts in children.items():
        parent: Key = (name, "") if side == 0 else ("", name)
        if (parent, value) in parents:
            continue  # the parent's figure is hidden: nothing to subtract from
        hidden_total = sum(n for key, n in parts if (key, value) in hidden)
        shown = sorted(
            ((n, key) for key, n in parts if (key, value) not in hidden),
            key=lambda item: (item[0], item[1]),
        )
        if 0 < hidden_total < min_group and shown:
            hidden.add((shown[0][1], value))
            changed = True
    return changed


def hidden_groups(
    people: list[EquityPerson], breakdown: str, min_group: int
) -> set[tuple[Key, str]]:
    """The (cell, value) pairs that get no figure in `breakdown` (see the module's docstring)."""
    counts = group_counts(people, breakdown)
    hidden: set[tuple[Key, str]] = set()
    _hide_in_cells(counts, min_group, hidden)
    if breakdown != GRADE_ROLE:
        return hidden
    by_grade = hidden_groups(people, GRADE, min_group)
    by_role = hidden_groups(people, ROLE, min_group)
    changed = True
    while changed:
        changed = _hide_remainders(counts, min_group, hidden, by_grade, 0)
        changed = _hide_remainders(counts, min_group, hidden, by_role, 1) or changed
        changed = _hide_in_cells(counts, min_group, hidden) or changed
    return hidden


# --- Comparison ------------------------------------------------------------------------------


def compare(
    people: list[EquityPerson],
    *,
    breakdown: str = GRADE,
    metric: str = PAY,
    min_group: int,
    grade_id: UUID | None = None,
    job_role_id: UUID | None = None,
) -> list[EquityCell]:
    """Per cell of the breakdown: each value's count, median (pay or increase), median
    compa-ratio (pay) and gap to the cell's largest shown group. Filters pick cells after
    suppression has been decided on the whole breakdown; a filter on the other dimension
    (a grade within the role breakdown, a role within the grade one) makes the cells grade and
    role together, so a filter never cuts a cell into parts."""
    if (grade_id is not None and breakdown == ROLE) or (
        job_role_id is not None and breakdown == GRADE
    ):
        breakdown = GRADE_ROLE
    hidden = hidden_groups(people, breakdown, min_group)
    cells: dict[Key, dict[str, list[EquityPerson]]] = defaultdict(lambda: defaultdict(list))
    ids: dict[Key, tuple[UUID | None, UUID | None]] = {}
    for person in people:
        if grade_id is not None and person.grade_id != grade_id:
            continue
        if job_role_id is not None and person.role_id != job_role_id:
            continue
        key = _key(person, breakdown)
        cells[key][person.value].append(person)
        ids[key] = (
            person.grade_id if breakdown != ROLE else None,
            person.role_id if breakdown != GRADE else None,
        )
    result = []
    for key, groups in sorted(cells.items()):
        shown = {v: members for v, members in groups.items() if (key, v) not in hidden}
        reference = max(shown, key=lambda v: (len(shown[v]), v)) if shown else None
        reference_median = _median(shown[reference], metric) if reference else None
        rows = []
        for value, members in sorted(groups.items()):
            if value not in shown:
                rows.append(EquityGroup(value, len(members), True))
                continue
            middle = _median(members, metric)
            gap = None
            if reference_median is not None and metric == INCREASE:
                gap = _round(middle - reference_median, "0.01")
            elif reference_median:
                gap = _round((middle - reference_median) / reference_median * HUNDRED)
            ratios = [p.compa_ratio for p in members if p.compa_ratio is not None]
            rows.append(
                EquityGroup(
                    value,
                    len(members),
                    False,
                    _round(middle, "0.01"),
                    _round(Decimal(median(ratios)), "0.01") if ratios and metric == PAY else None,
                    gap,
                )
            )
        grade_uuid, role_uuid = ids[key]
        result.append(EquityCell(key[0], grade_uuid, key[1], role_uuid, reference, rows))
    return result


def _median(members: list[EquityPerson], metric: str) -> Decimal:
    if metric == INCREASE:
        return Decimal(median(p.increase or Decimal(0) for p in members))
    return Decimal(median(p.pay for p in members))


def pay_equity(*, attribute: str, min_group: int) -> list[EquityCell]:
    """Pay per grade across `attribute` (the pay page's summary)."""
    return compare(equity_people(attribute=attribute), min_group=min_group)
