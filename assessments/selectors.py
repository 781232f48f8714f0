"""Reads of assessments, and who may see what.

Visibility, one function per question (`None` means 404, for missing and forbidden alike):
- an assessment: its rater (experts through their object permission), the employee for their
  self-assessment, the employee's managers (primary and matrix, any level up) once it is
  submitted (anonymous peer assessments never individually), HR admins and API keys;
- results (consolidated levels and gaps) of an employee: the employee, their managers, HR
  admins and keys. Peers and experts see only what they rate;
- goal results beside a capability (on the rating form and the results page): only the goals
  the viewer may see under the goals' own rules, so a peer or an expert rater sees shared goals
  but never the employee's personal ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from assessments.models import (
    Assessment,
    AssessmentCycle,
    AssessmentUserObjectPermission,
    AttestedRating,
    ConsolidatedLevel,
    PreviewVote,
    Rating,
)
from capabilities.models import (
    Capability,
    CapabilityLevel,
    CompetencyScale,
    RoleAssignment,
    RoleRequirement,
    ScaleLevel,
)
from goals.models import Goal
from goals.selectors import goal_results_by_capability, goal_visibility_q
from plms.common.db import count_per_row
from plms.common.ids import parse_public_id
from plms.people.models import Department, Employee
from plms.people.selectors import all_report_ids_sql, is_manager_of
from plms.tenancy.actors import Actor

# --- Scale and requirements ------------------------------------------------------------------


def scale_levels() -> list[ScaleLevel]:
    scale = CompetencyScale.objects.order_by("id").first()
    if scale is None:
        return []
    return list(ScaleLevel.objects.filter(scale=scale).order_by("number"))


def scale_bounds() -> tuple[int, int]:
    """The lowest and highest level of the organisation's scale (1-5 before one exists)."""
    numbers = [level.number for level in scale_levels()]
    return (min(numbers), max(numbers)) if numbers else (1, 5)


def proficient_level() -> int:
    scale = CompetencyScale.objects.order_by("id").only("proficient_level").first()
    return scale.proficient_level if scale is not None else 3


def required_capabilities(*, employee_id: int) -> dict[int, RoleRequirement]:
    """{capability id: requirement} of the employee's current job role (one query)."""
    requirements = RoleRequirement.objects.filter(
        role__assignments__employee_id=employee_id, role__assignments__ended_at__isnull=True
    ).select_related("capability", "capability__category")
    return {r.capability_id: r for r in requirements.order_by("-is_core", "capability__name")}


def current_requirements_for(*, employee_ids: Iterable[int] | QuerySet) -> dict[tuple, dict]:
    """{(employee id, capability id): {target_level, weight}} for many employees: their
    current roles, then those roles' requirements (two queries, joined here: one row per
    person and requirement would multiply a role's requirements by its holders in SQL)."""
    roles = dict(
        RoleAssignment.objects.filter(employee_id__in=employee_ids, ended_at__isnull=True)
        .order_by()
        .values_list("employee_id", "role_id")
    )
    by_role: dict[int, list[Any]] = defaultdict(list)
    for row in (
        RoleRequirement.objects.filter(role_id__in=set(roles.values()))
        .order_by()
        .values("role_id", "capability_id", "target_level", "weight")
    ):
        by_role[row["role_id"]].append(row)
    return {
        (employee_id, row["capability_id"]): {
            "target_level": row["target_level"],
            "weight": row["weight"],
        }
        for employee_id, role_id in roles.items()
        for row in by_role.get(role_id, ())
    }


def reference_levels(*, assessment: Assessment) -> dict[int, float]:
    """{capability id: level} the evidence-distance rule compares a rating with: the submitted
    self-rating for managers, the submitted manager rating(s) for everyone else (falling back
    to the self-rating for peers and experts)."""
    if assessment.kind == Assessment.Kind.MANAGER:
        kinds = ["self"]
    elif assessment.kind == Assessment.Kind.SELF:
        kinds = ["manager"]
    else:
        kinds = ["manager", "self"]
    rows = (
        Rating.objects.filter(
            assessment__cycle_id=assessment.cycle_id,
            assessment__employee_id=assessment.employee_id,
            assessment__kind__in=kinds,
            assessment__status=Assessment.Status.SUBMITTED,
            level__isnull=False,
        )
        .exclude(assessment_id=assessment.pk)
        .values("capability_id", "assessment__kind")
        .annotate(mean=Avg("level"))
    )
    by_kind: dict[str, dict[int, float]] = defaultdict(dict)
    for row in rows:
        by_kind[row["assessment__kind"]][row["capability_id"]] = float(row["mean"])
    result: dict[int, float] = {}
    for kind in reversed(kinds):  # the first kind wins
        result.update(by_kind.get(kind, {}))
    return result


# --- Cycles ----------------------------------------------------------------------------------


def _assessment_count(**conditions) -> Coalesce:
    """The number of the cycle's assessments (meeting `conditions`), on the cycle index."""
    assessments = Assessment.objects.filter(cycle=OuterRef("pk"), **conditions)
    return count_per_row(assessments, of="cycle")


def cycles() -> QuerySet[AssessmentCycle]:
    """Every assessment cycle of the organization, unshaped: other apps look cycles up by
    public id here."""
    return AssessmentCycle.objects.all()


def cycle_list(*, status: str = "", search: str = "") -> QuerySet[AssessmentCycle]:
    queryset = (
        AssessmentCycle.objects.select_related("framework_version")
        .defer("framework_version__snapshot")
        .annotate(
            assessment_count=_assessment_count(),
            submitted_count=_assessment_count(status=Assessment.Status.SUBMITTED),
        )
    )
    if status:
        queryset = queryset.filter(status=status)
    if search:
        queryset = queryset.filter(name__icontains=search)
    return queryset.order_by("-period_end", "-id")


def cycle_get(*, uuid) -> AssessmentCycle | None:
    return cycle_list().filter(uuid=uuid).first()


def cycle_scope_employees(cycle: AssessmentCycle) -> QuerySet[Employee]:
    """Active employees in the cycle's scope who hold a job role (there is nothing to rate
    without one)."""
    holders = RoleAssignment.objects.filter(ended_at__isnull=True)
    queryset = Employee.objects.filter(active=True)
    ids = list(cycle.scope_ids or [])
    if cycle.scope == AssessmentCycle.Scope.DEPARTMENTS:
        queryset = queryset.filter(department__uuid__in=ids)
    elif cycle.scope == AssessmentCycle.Scope.ROLES:
        holders = holders.filter(role__uuid__in=ids)
    elif cycle.scope == AssessmentCycle.Scope.EMPLOYEES:
        queryset = queryset.filter(uuid__in=ids)
    return queryset.filter(id__in=holders.values("employee_id"))


def cycle_completion_by_department(*, cycle: AssessmentCycle) -> list[dict]:
    """Per department: assessments, submitted and the share submitted (one query)."""
    rows = (
        Assessment.objects.filter(cycle=cycle)
        .exclude(status__in=[Assessment.Status.NOMINATED, Assessment.Status.DECLINED])
        .values("employee__department__name")
        .annotate(
            total=Count("id"),
            submitted=Count("id", filter=Q(status=Assessment.Status.SUBMITTED)),
        )
        .order_by("employee__department__name")
    )
    return [
        {
            "department": row["employee__department__name"] or "",
            "total": row["total"],
            "submitted": row["submitted"],
            "percent": round(100 * row["submitted"] / row["total"]) if row["total"] else 0,
        }
        for row in rows
    ]


@dataclass(frozen=True)
class CloseConsequences:
    """What closing a cycle does, in numbers, for the confirmation that precedes it."""

    total: int  # the cycle's assessments (declined ones left out)
    unsubmitted: int  # nominated, to do or draft: closed unrated
    people: int  # people with at least one submitted assessment: consolidated

    @property
    def submitted(self) -> int:
        return self.total - self.unsubmitted


def cycle_close_consequences(*, cycle: AssessmentCycle) -> CloseConsequences:
    """How many assessments closing `cycle` leaves unrated, and how many people it
    consolidates (one query)."""
    counts = (
        Assessment.objects.filter(cycle=cycle)
        .exclude(status=Assessment.Status.DECLINED)
        .aggregate(
            total=Count("id"),
            unsubmitted=Count("id", filter=~Q(status=Assessment.Status.SUBMITTED)),
            people=Count(
                "employee_id", filter=Q(status=Assessment.Status.SUBMITTED), distinct=True
            ),
        )
    )
    return CloseConsequences(counts["total"], counts["unsubmitted"], counts["people"])


@dataclass(frozen=True)
class LaunchConsequences:
    """What launching (or relaunching) a cycle does, for the confirmation before it."""

    in_scope: int  # people in scope with a job role
    newcomers: int  # of them, people without an assessment in the cycle yet
    kinds: tuple[str, ...]  # the rater kinds each person gets


def cycle_launch_consequences(*, cycle: AssessmentCycle) -> LaunchConsequences:
    scope = cycle_scope_employees(cycle)
    in_scope = scope.count()
    started = Assessment.objects.filter(cycle=cycle).values("employee_id")
    newcomers = scope.exclude(id__in=started).count() if cycle.pk else in_scope
    return LaunchConsequences(in_scope, newcomers, tuple(cycle.kinds_used))


def latest_closed_cycle() -> AssessmentCycle | None:
    return closed_cycles().first()


def closed_cycles() -> QuerySet[AssessmentCycle]:
    """Closed cycles, newest first: the ones with results to show."""
    return AssessmentCycle.objects.filter(status=AssessmentCycle.Status.CLOSED).order_by(
        "-period_end", "-id"
    )


def closed_cycle_chosen(*, raw_id: object) -> AssessmentCycle | None:
    """The closed cycle named by a query-string id (None when malformed or unknown), or the
    latest closed cycle when none is named."""
    if not raw_id:
        return latest_closed_cycle()
    uuid = parse_public_id(raw_id)
    return closed_cycles().filter(uuid=uuid).first() if uuid else None


def open_cycles() -> QuerySet[AssessmentCycle]:
    """Open cycles, the one ending last first."""
    return AssessmentCycle.objects.filter(status=AssessmentCycle.Status.OPEN).order_by(
        "-period_end", "-id"
    )


def latest_open_cycle() -> AssessmentCycle | None:
    """The open cycle ending last: the one people are being assessed in now."""
    return open_cycles().first()


def current_cycle() -> AssessmentCycle | None:
    """The cycle HR follows now: the latest open one, else the latest closed one (one query)."""
    return (
        AssessmentCycle.objects.filter(
            status__in=[AssessmentCycle.Status.OPEN, AssessmentCycle.Status.CLOSED]
        )
        .order_by(
            Case(When(status=AssessmentCycle.Status.OPEN, then=Value(0)), default=Value(1)),
            "-period_end",
            "-id",
        )
        .first()
    )


def open_peer_cycles() -> QuerySet[AssessmentCycle]:
    """Open cycles that use peer ratings (where people nominate peers)."""
    return AssessmentCycle.objects.filter(
        status=AssessmentCycle.Status.OPEN, weight_peer__gt=0
    ).order_by("-period_end", "-id")


def department_by_public_id(*, raw_id: object) -> Department | None:
    uuid = parse_public_id(raw_id)
    return Department.objects.filter(uuid=uuid).first() if uuid else None


def employee_by_email(*, email: str) -> Employee | None:
    return Employee.objects.filter(email__iexact=(email or "").strip()).first()


def open_expert_cycles() -> QuerySet[AssessmentCycle]:
    """Open cycles that use expert ratings (where experts are granted)."""
    return AssessmentCycle.objects.filter(
        status=AssessmentCycle.Status.OPEN, weight_expert__gt=0
    ).order_by("-period_end", "-id")


def open_expert_cycle_chosen(*, raw_id: object) -> AssessmentCycle | None:
    """The open cycle with expert ratings named by a query-string id (None when malformed or
    unknown), or the latest such cycle when none is named."""
    if not raw_id:
        return open_expert_cycles().first()
    uuid = parse_public_id(raw_id)
    return open_expert_cycles().filter(uuid=uuid).first() if uuid else None


def departments() -> QuerySet[Department]:
    return Department.objects.order_by("name", "id")


def employees_by_public_ids(*, raw_ids: Iterable[object]) -> list[Employee]:
    """The employees named by these public ids; malformed or unknown ids are left out."""
    ids = [uuid for uuid in (parse_public_id(raw) for raw in raw_ids) if uuid is not None]
    return list(Employee.objects.filter(uuid__in=ids).order_by("last_name", "first_name", "id"))


# --- Assessments and who sees them ----------------------------------------------------------


def _expert_grants(actor: Actor) -> QuerySet:
    return AssessmentUserObjectPermission.objects.filter(
        user=actor.user, permission__codename="rate_assessment"
    ).values("content_object_id")


def assessment_list_for_viewer(*, actor: Actor) -> QuerySet[Assessment]:
    """Assessments the actor may see, in one query (see the module's rules)."""
    queryset = Assessment.objects.select_related("cycle", "employee", "rater")
    if actor.is_admin:
        return queryset.order_by("-cycle__period_end", "employee__last_name", "kind", "id")
    viewer = actor.employee
    if viewer is None:
        return queryset.none()
    reports = all_report_ids_sql(manager_id=viewer.pk, include_matrix=True)
    # Experts see an assessment through their grant only: a revoked grant hides it.
    visible = (
        (Q(rater=viewer) & ~Q(kind=Assessment.Kind.EXPERT))
        | Q(employee=viewer, kind=Assessment.Kind.SELF)
        | (
            Q(employee_id__in=reports, status=Assessment.Status.SUBMITTED)
            & ~Q(kind=Assessment.Kind.PEER, cycle__peer_anonymous=True)
        )
    )
    if actor.user is not None:
        visible |= Q(id__in=_expert_grants(actor))
    return queryset.filter(visible).order_by(
        "-cycle__period_end", "employee__last_name", "kind", "id"
    )


def expert_grant_list_for_viewer(
    *, actor: Actor, cycle: AssessmentCycle | None = None, search: str = ""
) -> QuerySet[Assessment]:
    """Expert assessments with a live grant (revoked ones are declined): all for HR admins and
    keys, the reports' (primary and matrix, any level) for managers, their own for experts.
    `search` matches the employee's or the expert's name or e-mail."""
    queryset = Assessment.objects.filter(kind=Assessment.Kind.EXPERT).exclude(
        status=Assessment.Status.DECLINED
    )
    if cycle is not None:
        queryset = queryset.filter(cycle=cycle)
    if search:
        queryset = queryset.filter(
            Q(employee__first_name__icontains=search)
            | Q(employee__last_name__icontains=search)
            | Q(employee__email__icontains=search)
            | Q(rater__first_name__icontains=search)
            | Q(rater__last_name__icontains=search)
            | Q(rater__email__icontains=search)
        )
    queryset = queryset.select_related("cycle", "employee", "rater")
    ordered = ("-cycle__period_end", "employee__last_name", "rater__last_name", "id")
    if actor.is_admin:
        return queryset.order_by(*ordered)
    viewer = actor.employee
    if viewer is None:
        return queryset.none()
    reports = all_report_ids_sql(manager_id=viewer.pk, include_matrix=True)
    return queryset.filter(Q(employee_id__in=reports) | Q(rater=viewer)).order_by(*ordered)


def expert_grant_get_for_viewer(*, actor: Actor, uuid) -> Assessment | None:
    return expert_grant_list_for_viewer(actor=actor).filter(uuid=uuid).first()


def assessment_get_for_viewer(*, actor: Actor, uuid) -> Assessment | None:
    return assessment_list_for_viewer(actor=actor).filter(uuid=uuid).first()


def can_rate(*, actor: Actor, assessment: Assessment) -> bool:
    viewer = actor.employee
    if viewer is None or viewer.pk != assessment.rater_id:
        return False
    if assessment.kind == Assessment.Kind.EXPERT:
        return actor.user is not None and actor.user.has_perm(
            "assessments.rate_assessment", assessment
        )
    return True


def my_assessments(*, rater: Employee) -> QuerySet[Assessment]:
    """What the person has to rate (open first), with the employee and cycle."""
    return (
        Assessment.objects.filter(rater=rater)
        .exclude(status=Assessment.Status.DECLINED)
        .select_related("cycle", "employee", "employee__department")
        .annotate(rated=Count("ratings"))
        .order_by("status", "cycle__period_end", "employee__last_name", "id")
    )


def peer_nominations_to_decide(*, manager: Employee) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(
            status=Assessment.Status.NOMINATED,
            employee_id__in=all_report_ids_sql(manager_id=manager.pk, include_matrix=True),
        )
        .select_related("cycle", "employee", "rater")
        .order_by("cycle_id", "employee__last_name", "id")
    )


def peer_nominations_of(*, cycle: AssessmentCycle, employee: Employee) -> QuerySet[Assessment]:
    """The peers nominated for the employee in the cycle, whatever the decision."""
    return (
        Assessment.objects.filter(cycle=cycle, employee=employee, kind=Assessment.Kind.PEER)
        .select_related("cycle", "employee", "rater")
        .order_by("rater__last_name", "rater__first_name", "id")
    )


def peer_nomination_list_for_viewer(*, actor: Actor) -> QuerySet[Assessment]:
    """Peer nominations the actor may see: their own (as the employee nominated for), those
    of their reports (primary and matrix, to decide), all for HR admins and keys. The rater
    of an anonymous peer assessment is known to the employee who nominated them."""
    queryset = Assessment.objects.filter(kind=Assessment.Kind.PEER).select_related(
        "cycle", "employee", "rater"
    )
    ordered = ("-cycle__period_end", "employee__last_name", "rater__last_name", "id")
    if actor.is_admin:
        return queryset.order_by(*ordered)
    viewer = actor.employee
    if viewer is None:
        return queryset.none()
    reports = all_report_ids_sql(manager_id=viewer.pk, include_matrix=True)
    return queryset.filter(Q(employee=viewer) | Q(employee_id__in=reports)).order_by(*ordered)


def peer_nomination_get_for_decider(*, actor: Actor, uuid) -> Assessment | None:
    """A peer nomination the actor may decide on: HR admins, the employee's managers."""
    queryset = Assessment.objects.filter(kind=Assessment.Kind.PEER).select_related(
        "cycle", "employee", "rater"
    )
    if not actor.is_admin:
        viewer = actor.employee
        if viewer is None:
            return None
        queryset = queryset.filter(
            employee_id__in=all_report_ids_sql(manager_id=viewer.pk, include_matrix=True)
        )
    return queryset.filter(uuid=uuid).first()


def peer_suggestions(
    *, cycle: AssessmentCycle, employee: Employee, limit: int = 5
) -> QuerySet[Employee]:
    """Colleagues to ask for peer ratings, least loaded first (same department first), below
    the cycle's cap of peer requests per person. One query."""
    load = (
        Assessment.objects.filter(cycle=cycle, kind=Assessment.Kind.PEER, rater=OuterRef("pk"))
        .exclude(status=Assessment.Status.DECLINED)
        .values("rater")
        .annotate(n=Count("id"))
        .values("n")
    )
    asked = Assessment.objects.filter(
        cycle=cycle, employee=employee, kind=Assessment.Kind.PEER, rater=OuterRef("pk")
    )
    same_department = (
        Case(When(department_id=employee.department_id, then=Value(0)), default=Value(1))
        if employee.department_id
        else Value(1)
    )
    return (
        Employee.objects.filter(active=True)
        .exclude(pk=employee.pk)
        .exclude(pk=employee.manager_id or 0)
        .annotate(
            peer_load=Coalesce(Subquery(load, output_field=IntegerField()), 0),
            already_asked=Exists(asked),
            nearby=same_department,
        )
        .filter(peer_load__lt=cycle.max_peer_requests, already_asked=False)
        .order_by("nearby", "peer_load", "last_name", "first_name", "id")[:limit]
    )


def results_employee_for_viewer(*, actor: Actor, uuid) -> Employee | None:
    """The employee whose results (levels, gaps) the actor may see, else None."""
    employee = Employee.objects.select_related("department").filter(uuid=uuid).first()
    if employee is None or actor.is_admin:
        return employee
    viewer = actor.employee
    if viewer is not None and (
        viewer.pk == employee.pk or is_manager_of(manager=viewer, employee=employee)
    ):
        return employee
    return None


# --- Rating form -----------------------------------------------------------------------------


def rating_form_data(*, assessment: Assessment, viewer_is_manager: bool = False) -> dict:
    """Everything the rating form shows, in a constant number of queries: the required
    capabilities with every level's descriptor and indicators, the target, the rater's saved
    ratings, and (for managers, once submitted) the employee's self-rating."""
    requirements = list(
        RoleRequirement.objects.filter(
            role__assignments__employee_id=assessment.employee_id,
            role__assignments__ended_at__isnull=True,
        )
        .select_related("capability", "capability__category")
        .prefetch_related(
            Prefetch("capability__levels", queryset=CapabilityLevel.objects.order_by("level"))
        )
        .order_by("-is_core", "capability__name", "id")
    )
    saved = {r.capability_id: r for r in Rating.objects.filter(assessment=assessment)}
    self_ratings: dict[int, Rating] = {}
    self_submitted = False
    if assessment.kind == Assessment.Kind.MANAGER:
        own = (
            Assessment.objects.filter(
                cycle_id=assessment.cycle_id,
                employee_id=assessment.employee_id,
                kind=Assessment.Kind.SELF,
                status=Assessment.Status.SUBMITTED,
            )
            .prefetch_related("ratings")
            .first()
        )
        if own is not None:
            self_submitted = True
            self_ratings = {r.capability_id: r for r in own.ratings.all()}
    levels = scale_levels()
    items = []
    for requirement in requirements:
        descriptors = {level.level: level for level in requirement.capability.levels.all()}
        items.append(
            {
                "requirement": requirement,
                "capability": requirement.capability,
                "levels": [
                    (scale_level, descriptors.get(scale_level.number)) for scale_level in levels
                ],
                "rating": saved.get(requirement.capability_id),
                "self_rating": self_ratings.get(requirement.capability_id),
            }
        )
    return {"items": items, "scale": levels, "self_submitted": self_submitted}


def goal_results_for_viewer(
    *, actor: Actor, employee: Employee, capabilities: Iterable[Capability]
) -> dict[int, list[Goal]]:
    """The employee's goal results (active or completed goals they own or contribute to, with
    progress, RAG and forecast) beside each of `capabilities`: `{capability id: [goal, …]}`,
    keeping only the goals the actor may see. Evidence a rater weighs; it is never a rating.

    A constant number of queries whatever the number of capabilities and goals.
    """
    results = goal_results_by_capability(employee=employee, capabilities=list(capabilities))
    own = actor.employee is not None and actor.employee.pk == employee.pk
    if not results or actor.is_admin or own:
        # One's own goals, owned or contributed to, are always visible to oneself: the
        # visibility rule's team subquery (every reporting line) is not needed.
        return results
    goal_ids = {goal.pk for goals in results.values() for goal in goals}
    visible = set(
        Goal.objects.filter(goal_visibility_q(actor=actor), pk__in=goal_ids).values_list(
            "pk", flat=True
        )
    )
    shown = {
        capability_id: [goal for goal in goals if goal.pk in visible]
        for capability_id, goals in results.items()
    }
    return {capability_id: goals for capability_id, goals in shown.items() if goals}


# --- Consolidated levels ---------------------------------------------------------------------


def consolidated_for_employee(*, employee: Employee) -> QuerySet[ConsolidatedLevel]:
    """The employee's consolidated levels across closed cycles, newest cycle first."""
    return (
        ConsolidatedLevel.objects.filter(employee=employee)
        .select_related("cycle", "capability", "framework_version")
        .defer("framework_version__snapshot")
        .order_by("-cycle__period_end", "-cycle_id", "capability__name")
    )


def consolidated_for_export(*, cycle: AssessmentCycle) -> QuerySet[ConsolidatedLevel]:
    """A cycle's consolidated levels, one per employee and capability, in the export order."""
    return (
        ConsolidatedLevel.objects.filter(cycle=cycle)
        .select_related("employee", "employee__department", "capability")
        .order_by("employee__last_name", "employee__first_name", "employee_id", "capability__name")
    )


def adjusted_levels(*, cycle: AssessmentCycle) -> QuerySet[ConsolidatedLevel]:
    """The levels calibration adjusted in the cycle."""
    return (
        ConsolidatedLevel.objects.filter(cycle=cycle, adjusted_level__isnull=False)
        .select_related("employee", "capability")
        .order_by("employee__last_name", "capability__name", "id")
    )


def consolidated_get(*, uuid) -> ConsolidatedLevel | None:
    return (
        ConsolidatedLevel.objects.select_related("cycle", "employee", "capability")
        .filter(uuid=uuid)
        .first()
    )


def peer_summary(*, cycle: AssessmentCycle, employee: Employee) -> dict[int, dict]:
    """Peer ratings of the employee aggregated per capability, withheld below the minimum
    number of peers when the cycle keeps peers anonymous: {capability id: {mean, count}}."""
    rows = (
        Rating.objects.filter(
            assessment__cycle=cycle,
            assessment__employee=employee,
            assessment__kind=Assessment.Kind.PEER,
            assessment__status=Assessment.Status.SUBMITTED,
            level__isnull=False,
        )
        .values("capability_id")
        .annotate(mean=Avg("level"), count=Count("id"))
    )
    result = {}
    for row in rows:
        hidden = cycle.peer_anonymous and row["count"] < cycle.min_peers
        result[row["capability_id"]] = {
            "mean": None if hidden else round(float(row["mean"]), 2),
            "count": row["count"],
            "hidden": hidden,
        }
    return result


# --- Ratings preview (pre-calibration vote) --------------------------------------------------


def preview_list_for_viewer(
    *,
    actor: Actor,
    cycle: AssessmentCycle | None = None,
    contested: bool | None = None,
    search: str = "",
) -> QuerySet[ConsolidatedLevel]:
    """Consolidated levels open to the ratings preview (closed cycles with the preview on)
    that the actor takes part in: all for HR admins and keys, their reports' (primary and
    matrix, any level) for managers, never their own. Each carries the tally (`agree`,
    `too_high`, `too_low`), `contested` (any vote against) and the actor's own `my_vote`,
    in one query whatever the number of votes."""
    queryset = ConsolidatedLevel.objects.filter(
        cycle__status=AssessmentCycle.Status.CLOSED, cycle__preview_voting=True
    )
    if cycle is not None:
        queryset = queryset.filter(cycle=cycle)
    if not actor.is_admin:
        viewer = actor.employee
        if viewer is None:
            return queryset.none()
        queryset = queryset.filter(
            employee_id__in=all_report_ids_sql(manager_id=viewer.pk, include_matrix=True)
        )
    if actor.employee is not None:
        queryset = queryset.exclude(employee=actor.employee)
    if search:
        queryset = queryset.filter(
            Q(employee__first_name__icontains=search)
            | Q(employee__last_name__icontains=search)
            | Q(capability__name__icontains=search)
        )
    voter_id = actor.user.pk if actor.user is not None else 0
    mine = PreviewVote.objects.filter(consolidated=OuterRef("pk"), voter_id=voter_id)
    queryset = queryset.annotate(
        agree=Count("preview_votes", filter=Q(preview_votes__vote=PreviewVote.Choice.AGREE)),
        too_high=Count("preview_votes", filter=Q(preview_votes__vote=PreviewVote.Choice.TOO_HIGH)),
        too_low=Count("preview_votes", filter=Q(preview_votes__vote=PreviewVote.Choice.TOO_LOW)),
        my_vote=Subquery(mine.values("vote")[:1]),
    ).annotate(
        contested=ExpressionWrapper(
            Q(too_high__gt=0) | Q(too_low__gt=0), output_field=BooleanField()
        )
    )
    if contested is not None:
        queryset = queryset.filter(contested=contested)
    return queryset.select_related("cycle", "employee", "capability").order_by(
        "employee__last_name", "employee__first_name", "employee_id", "capability__name", "id"
    )


def preview_level_get_for_viewer(*, actor: Actor, uuid) -> ConsolidatedLevel | None:
    return preview_list_for_viewer(actor=actor).filter(uuid=uuid).first()


def preview_summary(*, cycle: AssessmentCycle) -> dict[str, int]:
    """Across the cycle's levels: how many have votes, how many are contested (one query)."""
    votes = (
        PreviewVote.objects.filter(consolidated__cycle=cycle)
        .values("consolidated_id")
        .annotate(
            against=Count(
                "id",
                filter=Q(vote__in=[PreviewVote.Choice.TOO_HIGH, PreviewVote.Choice.TOO_LOW]),
            )
        )
    )
    rows = list(votes)
    return {"voted": len(rows), "contested": sum(1 for row in rows if row["against"])}


def attested_rating_list() -> QuerySet[AttestedRating]:
    """Every rating from outside the assessment forms (imported, or attested by a passed
    exam), newest first."""
    return AttestedRating.objects.select_related("employee", "capability").order_by(
        "-attested_at", "-id"
    )


def external_rating_list() -> QuerySet[AttestedRating]:
    """Ratings imported from other systems (`external:` source keys), newest first."""
    return (
        AttestedRating.objects.filter(source_key__startswith=AttestedRating.EXTERNAL_PREFIX)
        .select_related("employee", "capability")
        .order_by("-attested_at", "-id")
    )


def external_rating_sources(*, levels: Iterable[ConsolidatedLevel]) -> dict[str, str]:
    """{attested rating uuid: source} of the external ratings counted in these consolidated
    levels (one query): pages name the system each came from."""
    uuids = {
        str(uuid)
        for level in levels
        for part in (level.contributions or {}).values()
        if isinstance(part, dict)
        for uuid in part.get("attested", [])
    }
    if not uuids:
        return {}
    return {
        str(uuid): source
        for uuid, source in external_rating_list()
        .filter(uuid__in=uuids)
        .values_list("uuid", "source")
    }
