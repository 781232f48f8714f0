"""Reads of succession and careers: career paths, aspirations and the gaps to aspired roles.

Capabilities, assessments and people are read through their own selectors.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, Q, QuerySet, Value, When, Window
from django.db.models.functions import Coalesce

from assessments import fairness
from assessments.selectors import cycles as cycle_selectors
from assessments.selectors import results as result_selectors
from capabilities import selectors as capability_selectors
from capabilities.models import JobRole
from plms.people import selectors as people_selectors
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from talent import performance
from talent.gaps import Requirement, RoleGap, capability_match, gap_index, role_gaps
from talent.models import (
    READ_SUCCESSION,
    Aspiration,
    CareerPath,
    CriticalRole,
    CriticalRoleUserObjectPermission,
    PotentialAssessment,
    PotentialCriterion,
    Successor,
)
from talent.potential import DEFAULT_CRITERIA, Criterion

if TYPE_CHECKING:
    from assessments.models import AssessmentCycle

# Latest levels are read from this many closed cycles, newest first (a year of quarters).
CYCLES_LOOKED_BACK = 4


# --- Levels and gaps ----------------------------------------------------------------------------


def latest_levels(
    *, employee_ids: Iterable[int], cycles: list[AssessmentCycle] | None = None
) -> dict[int, dict[int, Decimal]]:
    """{employee id: {capability id: level}}: each capability's newest consolidated level
    (calibrated when adjusted) over the last closed cycles (two queries; one when the caller
    has read `cycles`, the `CYCLES_LOOKED_BACK` latest closed ones, already)."""
    ids = list(employee_ids)
    found: dict[int, dict[int, Decimal]] = {employee_id: {} for employee_id in ids}
    if not ids:
        return found
    if cycles is None:
        cycles = list(cycle_selectors.closed_cycles()[:CYCLES_LOOKED_BACK])
    cycle_ids = [cycle.pk for cycle in cycles]
    newest_first = {cycle_id: position for position, cycle_id in enumerate(cycle_ids)}
    rows = result_selectors.consolidated_values(cycle_ids=cycle_ids, employee_ids=ids)
    for _, employee_id, capability_id, level, adjusted in sorted(
        rows, key=lambda row: newest_first[row[0]]
    ):
        current = adjusted if adjusted is not None else level
        found[employee_id].setdefault(capability_id, Decimal(current))
    return found


def role_requirements(*, role_ids: Iterable[int]) -> dict[int, list[Requirement]]:
    """{role id: its requirements} (one query)."""
    found: dict[int, list[Requirement]] = {}
    for role_id, capability_id, name, target, weight in capability_selectors.role_requirement_rows(
        role_ids=role_ids
    ):
        found.setdefault(role_id, []).append(Requirement(capability_id, name, target, weight))
    return found


@dataclass(frozen=True)
class RoleFit:
    """A person against one role: the gap per requirement, the gap index and the match."""

    role: JobRole
    gaps: list[RoleGap]
    months: int | None = None  # the career path's typical time, when there is one

    @property
    def index(self) -> Decimal | None:
        return gap_index(self.gaps)

    @property
    def match(self) -> int | None:
        return capability_match(self.gaps)

    @property
    def below_target(self) -> int:
        return sum(1 for g in self.gaps if g.below_target)


@dataclass(frozen=True)
class CareerView:
    employee: Employee
    current: RoleFit | None
    aspirations: list[tuple[Aspiration, RoleFit]]
    next_roles: list[CareerPath]


def career_view(*, employee: Employee) -> CareerView:
    """The person's current role and each aspired role, side by side, from their latest
    levels; and the usual next steps from their current role."""
    current_role = capability_selectors.current_role_for(employee=employee)
    aspirations = list(aspirations_of(employee=employee))
    role_ids = {a.role.pk for a in aspirations} | ({current_role.pk} if current_role else set())
    requirements = role_requirements(role_ids=role_ids)
    levels = latest_levels(employee_ids=[employee.pk])[employee.pk]
    next_roles = list(career_paths_from(role=current_role)) if current_role is not None else []
    paths = {p.to_role.pk: p.typical_months for p in next_roles}
    current = (
        RoleFit(current_role, role_gaps(requirements.get(current_role.pk, []), levels))
        if current_role is not None
        else None
    )
    return CareerView(
        employee=employee,
        current=current,
        aspirations=[
            (
                a,
                RoleFit(
                    a.role, role_gaps(requirements.get(a.role.pk, []), levels), paths.get(a.role.pk)
                ),
            )
            for a in aspirations
        ],
        next_roles=next_roles,
    )


def aspired_role_gaps(*, aspiration: Aspiration) -> list[RoleGap]:
    requirements = role_requirements(role_ids=[aspiration.role.pk]).get(aspiration.role.pk, [])
    levels = latest_levels(employee_ids=[aspiration.employee.pk])[aspiration.employee.pk]
    return role_gaps(requirements, levels)


# --- Career paths -------------------------------------------------------------------------------


def career_path_list() -> QuerySet[CareerPath]:
    return CareerPath.objects.select_related("from_role", "to_role").order_by(
        "from_role__name", "to_role__name", "id"
    )


def career_paths_from(*, role: JobRole) -> QuerySet[CareerPath]:
    return career_path_list().filter(from_role=role)


def career_path_get(*, uuid) -> CareerPath | None:
    return career_path_list().filter(uuid=uuid).first()


def job_roles() -> QuerySet[JobRole]:
    """Every job role, by family and name, to choose from: names only (the role list's
    requirement and holder counts were counted for each of hundreds of roles, twice a page)."""
    return capability_selectors.job_role_choices()


# --- Aspirations --------------------------------------------------------------------------------


def _aspirations() -> QuerySet[Aspiration]:
    return Aspiration.objects.select_related("employee", "role").order_by(
        "employee__last_name", "employee__first_name", "employee_id", "rank", "id"
    )


def aspirations_of(*, employee: Employee) -> QuerySet[Aspiration]:
    return _aspirations().filter(employee=employee)


def aspiration_list_for_viewer(*, actor: Actor) -> QuerySet[Aspiration]:
    """HR admins and keys: everyone's; a person: their own and their reports' (all levels,
    dotted lines included)."""
    if actor.is_admin:
        return _aspirations()
    if actor.employee is None:
        return Aspiration.objects.none()
    reports = people_selectors.all_report_ids_sql(manager_id=actor.employee.pk, include_matrix=True)
    return _aspirations().filter(Q(employee=actor.employee) | Q(employee_id__in=reports))


def aspiration_get_for_viewer(*, actor: Actor, uuid) -> Aspiration | None:
    return aspiration_list_for_viewer(actor=actor).filter(uuid=uuid).first()


def team_aspirations(*, manager: Employee) -> QuerySet[Aspiration]:
    """The aspirations of everyone below the manager (direct, indirect and dotted-line)."""
    reports = people_selectors.all_report_ids_sql(manager_id=manager.pk, include_matrix=True)
    return _aspirations().filter(employee_id__in=reports)


class _Counted(Paginator):
    """A paginator whose count is already known."""

    def __init__(self, count: int, per_page: int) -> None:
        super().__init__([], per_page)
        self.count = count


def team_aspiration_page(*, manager: Employee, number: Any, per_page: int) -> Page:
    """A page of `team_aspirations` (`number` as `Paginator.get_page` takes it: not a number
    is the first page, past the end the last), counted by the same query (`COUNT(*) OVER
    ()`): the reporting lines below the manager are walked once a page, where a paginator
    walks them for its count and again for the rows (an HR director's branch of 5,095 people:
    two recursions of about 20 ms each)."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    counted = team_aspirations(manager=manager).annotate(total=Window(Count("*")))
    found = list(counted[(number - 1) * per_page : number * per_page])
    if not found and number > 1:
        total = team_aspirations(manager=manager).count()
        number = max(math.ceil(total / per_page), 1)
        found = list(counted[(number - 1) * per_page : number * per_page])
    total = found[0].total if found else 0
    return Page(found, number, _Counted(total, per_page))


# --- Succession: who reads it -------------------------------------------------------------------
#
# Successor slates (and the evidence on them: capability match, performance, potential) are for
# HR admins (and keys, which act as HR within their scope) and for the people HR grants a
# critical role's slate to (an object permission). Never for the employee on it, the incumbent,
# or anyone else: `critical_roles_for_viewer` is the one place that decides, and every page and
# API route reads slates through it. Reads are recorded by `services.confidential_read`.


READINESS_RANK = Case(
    *(
        When(readiness=value, then=Value(rank))
        for rank, value in enumerate(Successor.Readiness.values)
    ),
    default=Value(9),
)


def _granted_role_ids(actor: Actor) -> QuerySet:
    return CriticalRoleUserObjectPermission.objects.filter(
        user=actor.user, permission__codename=READ_SUCCESSION
    ).values("content_object_id")


def _critical_roles() -> QuerySet[CriticalRole]:
    ready = Successor.Readiness
    return CriticalRole.objects.select_related("role", "incumbent").annotate(
        ready_now=Count("successors", filter=Q(successors__readiness=ready.READY_NOW)),
        ready_soon=Count("successors", filter=Q(successors__readiness=ready.ONE_TWO_YEARS)),
        ready_later=Count("successors", filter=Q(successors__readiness=ready.THREE_PLUS_YEARS)),
        risk_score=F("impact") * F("likelihood"),
    )


def critical_roles_for_viewer(*, actor: Actor) -> QuerySet[CriticalRole]:
    """The critical roles whose slates the actor may read, highest risk first, each with its
    bench strength (`ready_now`, `ready_soon`, `ready_later`)."""
    readable = _critical_roles().order_by("-risk_score", "role__name", "id")  # type: ignore[misc]
    return _readable_by(actor, readable)


def _readable_by(actor: Actor, roles: QuerySet[CriticalRole]) -> QuerySet[CriticalRole]:
    """The rule itself: `roles` narrowed to those whose slates the actor may read."""
    if actor.is_admin:
        return roles
    if actor.user is None or actor.employee is None:
        return roles.none()
    on_slate = Successor.objects.filter(employee=actor.employee).values("critical_role_id")
    return (
        roles.filter(id__in=_granted_role_ids(actor))
        .exclude(incumbent=actor.employee)
        .exclude(id__in=on_slate)
    )


def critical_role_get_for_viewer(*, actor: Actor, uuid) -> CriticalRole | None:
    return critical_roles_for_viewer(actor=actor).filter(uuid=uuid).first()


def succession_readers(*, critical_role: CriticalRole) -> list[Employee]:
    """The people HR granted this critical role's slate."""
    granted = CriticalRoleUserObjectPermission.objects.filter(
        content_object=critical_role, permission__codename=READ_SUCCESSION
    ).values("user_id")
    return list(
        people_selectors.employees()
        .filter(user_id__in=granted)
        .order_by("last_name", "first_name", "id")
    )


def may_read_succession(*, actor: Actor) -> bool:
    """Whether the actor reads any slate at all (the succession pages' entry)."""
    return actor.is_admin or critical_roles_for_viewer(actor=actor).exists()


def successors_for_viewer(*, actor: Actor) -> QuerySet[Successor]:
    # The readable roles' ids without their bench counts: `critical_roles_for_viewer`'s
    # aggregates made the subquery join and group every slate.
    readable = _readable_by(actor, CriticalRole.objects.all()).values("id")
    return (
        Successor.objects.filter(critical_role__in=readable)
        .select_related("critical_role", "critical_role__role", "employee", "employee__department")
        .annotate(readiness_rank=READINESS_RANK)
        .order_by("critical_role_id", "readiness_rank", "employee__last_name", "id")
    )


SUCCESSOR_ROW_FIELDS = (
    "id",
    "uuid",
    "critical_role__uuid",
    "critical_role__role_id",
    "employee_id",
    "employee__uuid",
    "employee__first_name",
    "employee__last_name",
    "readiness",
    "note",
    "created_at",
)


def successor_rows(*, ids: list[int]) -> list[dict[str, Any]]:
    """These successors as dicts of `SUCCESSOR_ROW_FIELDS`, in the order of `ids`: the API's
    list, without model instances (one query)."""
    rows = {
        row["id"]: row
        for row in Successor.objects.filter(id__in=ids).order_by().values(*SUCCESSOR_ROW_FIELDS)
    }
    return [rows[pk] for pk in ids if pk in rows]


def successor_get_for_viewer(*, actor: Actor, uuid) -> Successor | None:
    return successors_for_viewer(actor=actor).filter(uuid=uuid).first()


# --- Succession: evidence and bench -------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """Why a successor is where they are: computed, not typed."""

    capability_match: int | None  # 0-100 against the critical role's requirements
    gap_index: Decimal | None
    performance: int | None  # 1-3 (talent.performance)
    potential: int | None  # 1-3 (the latest potential assessment)
    aspires: bool  # the person named the role among their aspirations


def successor_evidence(*, successors: list[Successor]) -> dict[int, Evidence]:
    """{successor id: evidence} for many successors at once (a constant number of queries)."""
    return successor_evidence_of(
        [(s.pk, s.employee.pk, s.critical_role.role.pk) for s in successors]
    )


def successor_evidence_of(successors: list[tuple[int, int, int]]) -> dict[int, Evidence]:
    """{successor id: evidence} for (successor id, employee id, role id) triples, as
    `successor_evidence` (the same queries, from plain rows)."""
    if not successors:
        return {}
    employee_ids = {employee_id for _, employee_id, _ in successors}
    role_ids = {role_id for _, _, role_id in successors}
    requirements = role_requirements(role_ids=role_ids)
    # The closed cycles read once: the levels look back over them, performance and the
    # managers' potentials are the latest one's.
    closed = list(cycle_selectors.closed_cycles()[:CYCLES_LOOKED_BACK])
    levels = latest_levels(employee_ids=employee_ids, cycles=closed)
    ratings = (
        performance.performance_ratings(employee_ids=employee_ids, cycle=closed[0])
        if closed
        else {}
    )
    potentials = potential_levels(employee_ids=employee_ids, typed_in=closed[0] if closed else None)
    aspired = set(
        Aspiration.objects.filter(employee_id__in=employee_ids, role_id__in=role_ids).values_list(
            "employee_id", "role_id"
        )
    )
    found = {}
    for successor_id, employee_id, role_id in successors:
        gaps = role_gaps(requirements.get(role_id, []), levels.get(employee_id, {}))
        found[successor_id] = Evidence(
            capability_match=capability_match(gaps),
            gap_index=gap_index(gaps),
            performance=ratings.get(employee_id),
            potential=potentials.get(employee_id),
            aspires=(employee_id, role_id) in aspired,
        )
    return found


def potential_levels(
    *,
    employee_ids: Iterable[int] | None = None,
    cycle: AssessmentCycle | None = None,
    typed_in: AssessmentCycle | None = None,
) -> dict[int, int]:
    """{employee id: potential 1-3}: the latest potential assessment (of `cycle`, when given),
    calibrated when it was; for people without one, what their manager gave in the cycle's
    (default: the latest closed cycle's, which the caller may pass as `typed_in` when it has
    read it) assessment."""
    ids = set(employee_ids) if employee_ids is not None else None
    assessments = potential_assessment_rows(cycle=cycle)
    if ids is not None:
        assessments = assessments.filter(employee_id__in=ids)
    found: dict[int, int] = {}
    for employee_id, level in assessments.values_list("employee_id", "potential"):
        found.setdefault(employee_id, level)
    typed_in = cycle or typed_in or cycle_selectors.latest_closed_cycle()
    if typed_in is not None:
        for employee_id, level in fairness.manager_potentials(
            cycle=typed_in, employee_ids=ids
        ).items():
            found.setdefault(employee_id, level)
    return found


def potential_assessment_rows(*, cycle: AssessmentCycle | None = None) -> QuerySet:
    """Potential assessments (of `cycle`, when given) as rows (`employee_id`, `potential`: the
    calibrated level when there is one), each person's latest first: the first row per person
    is what `potential_levels` reads."""
    assessments = PotentialAssessment.objects.order_by("employee_id", "-created_at", "-id")
    if cycle is not None:
        assessments = assessments.filter(cycle=cycle)
    return assessments.values("employee_id", potential=Coalesce("calibrated_level", "level"))


@dataclass(frozen=True)
class SuccessionSummary:
    roles: int
    without_successor: list[CriticalRole]
    only_successors: list[tuple[Employee, list[CriticalRole]]]  # sole successor of 2+ roles


def succession_summary(
    *, roles: QuerySet[CriticalRole], count: int | None = None
) -> SuccessionSummary:
    """Across the roles the viewer reads: those with nobody on the bench, and the people who
    are the only successor for several roles (a single point of failure). `count` is the
    number of `roles` when the caller has counted them already (the dashboard's paginator)."""
    empty = list(
        roles.filter(ready_now=0, ready_soon=0, ready_later=0).order_by("-risk_score", "id")[:50]  # type: ignore[misc]
    )
    sole = (
        Successor.objects.filter(critical_role__in=roles.values("id"))
        .values("critical_role_id")
        .annotate(n=Count("id"))
        .filter(n=1)
        .values("critical_role_id")
    )
    singles: dict[int, list[Successor]] = {}
    for successor in (
        Successor.objects.filter(critical_role_id__in=sole)
        .select_related("employee", "critical_role__role", "critical_role__incumbent")
        .order_by("employee_id", "critical_role_id")
    ):
        singles.setdefault(successor.employee.pk, []).append(successor)
    only = [
        (rows[0].employee, [s.critical_role for s in rows])
        for rows in singles.values()
        if len(rows) > 1
    ]
    only.sort(key=lambda pair: (-len(pair[1]), pair[0].last_name, pair[0].first_name))
    return SuccessionSummary(
        roles=roles.count() if count is None else count,
        without_successor=empty,
        only_successors=only,
    )


# --- Potential and the 9-box (confidential like slates) ------------------------------------------


def potential_criteria() -> list[Criterion]:
    """The organisation's own criteria, or the shipped default when it has none."""
    own = [
        Criterion(c.key, c.name, c.description, c.low, c.medium, c.high)
        for c in PotentialCriterion.objects.order_by("position", "id")
    ]
    return own or list(DEFAULT_CRITERIA)


def potential_assessments_for_viewer(*, actor: Actor) -> QuerySet[PotentialAssessment]:
    """HR admins and keys read every potential assessment; a person granted a slate reads the
    potential of the successors on it (their evidence); nobody reads their own."""
    queryset = PotentialAssessment.objects.select_related("employee", "cycle").order_by(
        "employee__last_name", "employee__first_name", "-created_at", "-id"
    )
    if actor.is_admin:
        return queryset
    if actor.user is None or actor.employee is None:
        return queryset.none()
    readable = Successor.objects.filter(
        critical_role__in=critical_roles_for_viewer(actor=actor).values("id")
    ).values("employee_id")
    return queryset.filter(employee_id__in=readable).exclude(employee=actor.employee)


def potential_assessment_get_for_viewer(*, actor: Actor, uuid) -> PotentialAssessment | None:
    return potential_assessments_for_viewer(actor=actor).filter(uuid=uuid).first()
