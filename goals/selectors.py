"""Reads of goals, shaped for pages and endpoints (check-ins, feedback, goal templates and
scorecards have modules of their own: `goals.checkins.selectors`, `goals.feedback.selectors`,
`goals.goal_templates.selectors`, `goals.scorecards`, `goals.tree`).

Who sees what:
- organisation and department goals: every member of the organisation;
- a person's goal: the owner, its contributors, the managers (primary and matrix, at any
  level) of the owner and of the contributors, HR admins and API keys;
- check-ins: the manager, the report, their managers and HR admins; the private manager notes
  never reach the report;
- feedback: the giver, the receiver, the receiver's managers and HR admins; public praise is
  seen by every member;
- scorecards: a person's for themselves, their managers and HR admins; a team's for its
  manager.

Other apps read goal results beside capabilities through `goal_results_by_capability`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from capabilities.models import Capability, KeyResult
from goals import kpi as kpi_math
from goals.judgement import KPI_COLUMNS as KPI_COLUMNS  # read by `goals.tree`
from goals.judgement import judge_goal, likely_to_miss
from goals.models import (
    Goal,
    GoalCapability,
    GoalChangeRequest,
    GoalContributor,
    GoalRedEpisode,
    GoalSettings,
    GoalUpdate,
)
from goals.rag import goal_rag_expression as goal_rag_expression  # read by other apps
from goals.smart import GoalDraft, SmartCheck, smart_check
from plms.audit.models import AuditEvent
from plms.common.ids import parse_public_id
from plms.people.models import Department, Employee
from plms.people.selectors import (
    all_report_ids_sql,
    direct_reports,
    employee_list,
    is_manager_of,
)
from plms.tenancy.actors import Actor
from plms.tenancy.context import require_organization_id

SPARKLINE_POINTS = 12


DECISION_ACTIONS = (
    "goal.activated",
    "goal.activation_overridden",
    "goal.stretch_approved",
    "goal.change_requested",
    "goal.change_approved",
    "goal.change_rejected",
    "goal.completed",
    "goal.cancelled",
)


# --- Settings and access ---------------------------------------------------------------------


def goal_settings_get() -> GoalSettings:
    """The organisation's goal settings; the defaults (unsaved) until HR changes them."""
    return GoalSettings.objects.first() or GoalSettings(organization_id=require_organization_id())


def report_ids_sql(employee: Employee) -> RawSQL:
    """The ids of everyone `employee` manages, at any level, matrix lines included (SQL)."""
    return all_report_ids_sql(manager_id=employee.pk, include_matrix=True)


def goal_visibility_q(*, actor: Actor) -> Q:
    if actor.is_admin:
        return Q()
    shared = Q(owner_type__in=[Goal.OwnerType.ORGANIZATION, Goal.OwnerType.DEPARTMENT])
    employee = actor.employee
    if employee is None:
        return shared
    reports = report_ids_sql(employee)
    contributes = GoalContributor.objects.filter(goal=OuterRef("pk"))
    return (
        shared
        | Q(owner_employee=employee)
        | Q(owner_employee_id__in=reports)
        | Q(Exists(contributes.filter(employee=employee)))
        | Q(Exists(contributes.filter(employee_id__in=report_ids_sql(employee))))
    )


def is_goal_approver(*, actor: Actor, goal: Goal) -> bool:
    """May approve changes, stretch targets and activation overrides of `goal`."""
    if actor.is_admin:
        return True
    if goal.owner_type != Goal.OwnerType.EMPLOYEE or actor.employee is None:
        return False
    owner = goal.owner_employee
    return owner is not None and is_manager_of(manager=actor.employee, employee=owner)


def manages_anyone(*, employee: Employee) -> bool:
    """Whether someone active reports to `employee` directly."""
    return Employee.objects.filter(manager=employee, active=True).exists()


def can_edit_goal(*, actor: Actor, goal: Goal) -> bool:
    """The owner, the owner's managers, and HR admins edit a goal. A department's goals are
    also edited by managers in that department; the organisation's only by HR admins."""
    if actor.is_admin:
        return True
    employee = actor.employee
    if employee is None:
        return False
    if goal.owner_type == Goal.OwnerType.EMPLOYEE:
        return goal.owner_employee_id == employee.pk or is_goal_approver(actor=actor, goal=goal)
    if goal.owner_type == Goal.OwnerType.DEPARTMENT:
        return employee.department_id == goal.owner_department_id and manages_anyone(
            employee=employee
        )
    return False


def can_record_progress(*, actor: Actor, goal: Goal) -> bool:
    """Editors, contributors and the KPI's data steward record progress."""
    if can_edit_goal(actor=actor, goal=goal):
        return True
    employee = actor.employee
    if employee is None:
        return False
    return (
        goal.data_steward_id == employee.pk
        or GoalContributor.objects.filter(goal=goal, employee=employee).exists()
    )


# --- Goals -----------------------------------------------------------------------------------


def goal_queryset() -> QuerySet[Goal]:
    """Goals with what every list shows of them joined or annotated."""
    return Goal.objects.select_related(
        "owner_employee", "owner_department", "data_steward", "key_result__role"
    ).annotate(
        # A subquery, not a join and GROUP BY: PostgreSQL evaluates it for the page's rows only,
        # and the list can be read in index order.
        pending_changes=Coalesce(
            Subquery(
                GoalChangeRequest.objects.filter(goal=OuterRef("pk"), status="pending")
                .order_by()
                .values("goal")
                .annotate(count=Count("id"))
                .values("count")
            ),
            0,
        )
    )


def goal_list(
    *,
    actor: Actor,
    owner_employee: Employee | None = None,
    level: str = "",
    status: str = "",
    perspective: str = "",
    search: str = "",
) -> QuerySet[Goal]:
    queryset = goal_queryset()
    if owner_employee is not None:
        queryset = queryset.filter(owner_employee=owner_employee)
    viewer = actor.employee
    if not (viewer is not None and owner_employee is not None and owner_employee.pk == viewer.pk):
        # One's own goals are always visible: their list skips the rule, whose team subquery
        # costs more to plan than the list costs to read.
        queryset = queryset.filter(goal_visibility_q(actor=actor))
    if level:
        queryset = queryset.filter(level=level)
    if status:
        queryset = queryset.filter(status=status)
    if perspective:
        queryset = queryset.filter(perspective=perspective)
    for word in search.split():
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(unit__icontains=word)
        )
    return queryset.order_by("due_date", "title", "id")


def goal_visible(*, actor: Actor, uuid) -> Goal | None:
    """The goal if the actor may see it, alone: no links, related rows or counts (one query,
    which the planner no longer joins five tables for); None for missing and forbidden alike."""
    return Goal.objects.filter(goal_visibility_q(actor=actor), uuid=uuid).first()


def goal_get(*, actor: Actor, uuid) -> Goal | None:
    """The goal if the actor may see it; None for missing and forbidden alike."""
    return (
        goal_list(actor=actor)
        .prefetch_related(
            Prefetch("parents", queryset=Goal.objects.order_by("title", "id")),
            Prefetch(
                "contributor_links",
                queryset=GoalContributor.objects.select_related("employee").order_by("id"),
            ),
            Prefetch("capabilities", queryset=Capability.objects.order_by("name", "id")),
        )
        .filter(uuid=uuid)
        .first()
    )


def goal_parent_choices(*, actor: Actor, exclude: Goal | None = None) -> QuerySet[Goal]:
    """Goals a goal may support: visible, neither completed nor cancelled."""
    goals = goal_list(actor=actor).exclude(
        status__in=[Goal.Status.CANCELLED, Goal.Status.COMPLETED]
    )
    return goals.exclude(pk=exclude.pk) if exclude is not None else goals


PICKER_SHOWN = 20  # matches a picker's search returns


def goal_parent_options(
    *,
    actor: Actor,
    search: str = "",
    include: Iterable[object] = (),
    exclude: Goal | None = None,
) -> list[tuple[UUID, str, str, bool]]:
    """Goals a goal may support, for the parent picker, as (uuid, title, level, chosen): those
    of `include` (public ids chosen already) first; then the first 20 whose title has every
    word of `search`, or without a search the organisation's and departments' goals and the
    viewer's own (at most 50). Two queries."""
    goals = goal_parent_choices(actor=actor, exclude=exclude).order_by("title", "id")
    ids = [pk for pk in (parse_public_id(value) for value in include) if pk is not None]
    fields = ("uuid", "title", "level")
    chosen = list(goals.filter(uuid__in=ids).values_list(*fields)) if ids else []
    if search.strip():
        for word in search.split():
            goals = goals.filter(title__icontains=word)
        matches = list(goals.values_list(*fields)[:PICKER_SHOWN])
    else:
        shared = Q(owner_type__in=[Goal.OwnerType.ORGANIZATION, Goal.OwnerType.DEPARTMENT])
        if actor.employee is not None:
            shared |= Q(owner_employee=actor.employee)
        matches = list(goals.filter(shared).values_list(*fields)[:50])
    seen = {uuid for uuid, _title, _level in chosen}
    return [(*row, True) for row in chosen] + [
        (*row, False) for row in matches if row[0] not in seen
    ]


def goal_parents_chosen(
    *, actor: Actor, uuids: Iterable[object], exclude: Goal | None = None
) -> list[Goal] | None:
    """The goals of `uuids` if a goal may support each of them, else None."""
    parsed = {parse_public_id(value) for value in uuids}
    ids = {pk for pk in parsed if pk is not None}
    if len(ids) != len(parsed):
        return None
    goals = list(goal_parent_choices(actor=actor, exclude=exclude).filter(uuid__in=ids))
    return goals if len(goals) == len(ids) else None


def employee_goals_chosen(*, employee: Employee, uuids: Iterable[object]) -> list[Goal] | None:
    """`employee`'s own goals named by `uuids` (in that order), or None when any is not one
    of theirs (or not a goal of the organization)."""
    parsed = [parse_public_id(value) for value in uuids]
    ids = [pk for pk in parsed if pk is not None]
    if len(ids) != len(parsed):
        return None
    goals = {g.uuid: g for g in Goal.objects.filter(owner_employee=employee, uuid__in=ids)}
    return [goals[i] for i in ids] if all(i in goals for i in ids) else None


def goal_owner_people(*, actor: Actor, search: str = "") -> list[Employee]:
    """People the actor may set goals for, for the owner picker. With a search, the first 20
    matching by name, e-mail or title: anyone active for HR admins, else the viewer and their
    reports at any level (matrix too). Without, the viewer and their direct reports."""
    me = actor.employee
    if search.strip():
        people = employee_list(search=search.strip()).filter(active=True)
        if not actor.is_admin:
            if me is None:
                return []
            team = all_report_ids_sql(manager_id=me.pk, include_matrix=True)
            people = people.filter(Q(pk=me.pk) | Q(pk__in=team))
        return list(people.select_related(None).prefetch_related(None)[:PICKER_SHOWN])
    if me is None:
        return []
    return [me, *direct_reports(manager=me)]


def goal_owner_departments(*, actor: Actor) -> list[Department]:
    """Departments the actor may set goals for: every one for HR admins, a manager's own."""
    if actor.is_admin:
        return list(Department.objects.only("uuid", "name").order_by("name", "id"))
    employee = actor.employee
    if employee is None or not employee.department_id or not manages_anyone(employee=employee):
        return []
    department = employee.department
    return [department] if department is not None else []


def goal_children(*, actor: Actor, goal: Goal) -> QuerySet[Goal]:
    """The visible goals supporting `goal` directly."""
    return goal_list(actor=actor).filter(parent_links__parent=goal)


def team_goals(*, manager: Employee) -> QuerySet[Goal]:
    """Goals of everyone below the manager (matrix reports too)."""
    return Goal.objects.filter(owner_employee_id__in=report_ids_sql(manager))


def department_get(*, uuid: UUID | str | None) -> Department | None:
    """A department that may own goals, by public id."""
    return Department.objects.filter(uuid=uuid).first() if uuid else None


def key_result_choices() -> QuerySet[KeyResult]:
    """Key results a goal may serve, with their role, light for select boxes."""
    return KeyResult.objects.select_related("role").order_by("role__name", "position", "id")


def key_result_get(*, uuid: UUID | str | None) -> KeyResult | None:
    return key_result_choices().filter(uuid=uuid).first() if uuid else None


def capabilities_by_ids(*, uuids: Iterable[UUID | str]) -> list[Capability]:
    return list(Capability.objects.filter(uuid__in=list(uuids)).order_by("name", "id"))


def key_result_options(
    *, viewer: Employee | None, search: str = "", include: str = ""
) -> list[tuple[UUID, str, bool]]:
    """Key results a goal may serve, for the goal form's picker, as (uuid, label, chosen): the
    one of `include` (a public id) first; then the first 20 whose outcome or role has every
    word of `search`, or without a search those of the viewer's current job role (the first 20
    when it has none). Three queries at most."""
    results = key_result_choices()
    public_id = parse_public_id(include) if include else None
    chosen = list(results.filter(uuid=public_id)[:1]) if public_id else []
    matches: list[KeyResult] = []
    if search.strip():
        for word in search.split():
            results = results.filter(Q(outcome__icontains=word) | Q(role__name__icontains=word))
    elif viewer is not None:
        matches = list(
            results.filter(
                role__assignments__employee=viewer, role__assignments__ended_at__isnull=True
            )[:PICKER_SHOWN]
        )
    matches = matches or list(results[:PICKER_SHOWN])
    shown = chosen + [kr for kr in matches if kr not in chosen]
    return [(kr.uuid, f"{kr.role.name}: {kr.outcome}", kr in chosen) for kr in shown]


def capability_options(
    *, viewer: Employee | None, search: str = "", include: Iterable[object] = ()
) -> list[tuple[UUID, str, bool]]:
    """Capabilities a goal may name (not retired), for the goal form's picker, as (uuid, name,
    chosen): those of `include` (public ids) first; then the first 20 whose name has every
    word of `search`, or without a search those the viewer's current job role requires (the
    first 20 of the library when it requires none). Three queries at most."""
    capabilities = Capability.objects.exclude(status=Capability.Status.RETIRED).order_by(
        "name", "id"
    )
    ids = [pk for pk in (parse_public_id(value) for value in include) if pk is not None]
    fields = ("pk", "uuid", "name")
    chosen = list(capabilities.filter(uuid__in=ids).values_list(*fields)) if ids else []
    matches: list[tuple] = []
    if search.strip():
        for word in search.split():
            capabilities = capabilities.filter(name__icontains=word)
    elif viewer is not None:
        required = capabilities.filter(
            requirements__role__assignments__employee=viewer,
            requirements__role__assignments__ended_at__isnull=True,
        ).distinct()
        matches = list(required.values_list(*fields)[:PICKER_SHOWN])
    matches = matches or list(capabilities.values_list(*fields)[:PICKER_SHOWN])
    seen = {pk for pk, _uuid, _name in chosen}
    return [(uuid, name, True) for _pk, uuid, name in chosen] + [
        (uuid, name, False) for pk, uuid, name in matches if pk not in seen
    ]


def goal_list_for_display(goals, *, today: date | None = None) -> list[Goal]:
    """Evaluate `goals` with their recent updates, and attach what the pages show.

    Sets `progress`, `rag`, `forecast` and `sparkline` (recent values, oldest first) on each
    goal; two queries whatever the number of goals.
    """
    today = today or timezone.localdate()
    settings = goal_settings_get()
    goals = list(goals)
    history: dict[int, list[GoalUpdate]] = defaultdict(list)
    ids = [goal.pk for goal in goals]
    if ids:
        for update in GoalUpdate.objects.filter(goal_id__in=ids).order_by("recorded_at", "id"):
            history[update.goal_id].append(update)
    for goal in goals:
        goal_annotate(goal, settings=settings, updates=history[goal.pk], today=today)
    return goals


def goal_list_judged(goals, *, today: date | None = None) -> list[Goal]:
    """Evaluate `goals` and attach `progress`, `rag` and `likely_to_miss` as
    `goal_list_for_display` does, without reading their updates: the forecast's verdict is the
    one stored on each active goal. What lists without sparklines need; one query (the
    settings) whatever the number of goals."""
    today = today or timezone.localdate()
    settings = goal_settings_get()
    goals = list(goals)
    for goal in goals:
        _judge(goal, settings=settings, today=today)
        goal.likely_to_miss = likely_to_miss(goal.status, goal.forecast_misses)
        goal.at_risk = _at_risk(goal)
    return goals


def _judge(goal: Goal, *, settings: GoalSettings, today: date) -> None:
    goal.progress, goal.rag = judge_goal(goal, defaults=settings.thresholds, today=today)


def goal_annotate(
    goal: Goal, *, settings: GoalSettings, updates: list[GoalUpdate], today: date
) -> Goal:
    _judge(goal, settings=settings, today=today)
    points = kpi_math.dated_points(
        [(update.recorded_at.date(), update.value) for update in updates],
        baseline=goal.baseline,
        start=goal.start_date,
    )
    goal.forecast = (
        kpi_math.forecast(goal.kpi, points, due=goal.due_date)
        if goal.status == Goal.Status.ACTIVE
        else None
    )
    goal.likely_to_miss = None if goal.forecast is None else goal.forecast.likely_to_miss
    goal.sparkline = [value for _, value in points][-SPARKLINE_POINTS:]
    goal.at_risk = _at_risk(goal)
    return goal


def _at_risk(goal: Goal) -> bool:
    return goal.rag in (kpi_math.AMBER, kpi_math.RED) or bool(goal.likely_to_miss)


def goal_rag(goal: Goal, *, settings: GoalSettings, today: date | None = None) -> str | None:
    today = today or timezone.localdate()
    return judge_goal(goal, defaults=settings.thresholds, today=today).rag


def goal_smart_check(goal: Goal, *, settings: GoalSettings | None = None) -> SmartCheck:
    parent_count = goal.parent_links.count() if goal.pk else 0
    return smart_check_for(goal, parent_count=parent_count, settings=settings)


def smart_check_for(
    goal: Goal, *, parent_count: int, settings: GoalSettings | None = None
) -> SmartCheck:
    """The SMART-R check of a goal whose number of parents is known (unsaved goals too)."""
    settings = settings or goal_settings_get()
    return smart_check(
        goal_draft(goal, parent_count=parent_count),
        stretch_limit=settings.stretch_limit_percent,
    )


def goal_draft(goal: Goal, *, parent_count: int) -> GoalDraft:
    return GoalDraft(
        title=goal.title,
        description=goal.description,
        level=goal.level,
        owner_type=goal.owner_type,
        unit=goal.unit,
        direction=goal.direction,
        baseline=goal.baseline,
        target=goal.target,
        range_low=goal.range_low,
        range_high=goal.range_high,
        indicator=goal.indicator,
        start_date=goal.start_date,
        due_date=goal.due_date,
        parent_count=parent_count,
        has_key_result=goal.key_result_id is not None,
        stretch_approved=goal.stretch_approved_by_id is not None,
    )


def goal_updates(*, goal: Goal) -> QuerySet[GoalUpdate]:
    return GoalUpdate.objects.filter(goal=goal).select_related("recorded_by")


def goal_pending_change(*, goal: Goal) -> GoalChangeRequest | None:
    return GoalChangeRequest.objects.filter(goal=goal, status="pending").first()


def goal_change_requests(*, goal: Goal) -> QuerySet[GoalChangeRequest]:
    return GoalChangeRequest.objects.filter(goal=goal).order_by("-requested_at", "-id")


def goal_history(*, goal: Goal) -> QuerySet[AuditEvent]:
    """Every recorded change of the goal, newest first."""
    return AuditEvent.objects.filter(object_type="goals.goal", object_uuid=goal.uuid).order_by(
        "-created_at", "-id"
    )


def goal_decision_log(*, goal: Goal) -> QuerySet[AuditEvent]:
    return goal_history(goal=goal).filter(action__in=DECISION_ACTIONS)


RISK_ORDER: dict[str | None, int] = {kpi_math.RED: 0, kpi_math.AMBER: 1}


@dataclass(frozen=True)
class GoalRisk:
    """A goal found at risk, judged without loading it: what lists count and sort by."""

    goal_id: int
    owner_employee_id: int | None
    rag: str | None
    due_date: date | None

    @property
    def order(self) -> tuple:
        return (RISK_ORDER.get(self.rag, 2), self.due_date or date.max, self.goal_id)


# The goals at risk of a set of owners, judged once each: the RAG expression is computed in
# a subquery that the planner may not flatten (`OFFSET 0`), so the filter, the order and the
# count read its result instead of computing it again (three times a goal otherwise).
GOAL_RISKS_SQL = """
SELECT pk, owner_employee_id, risk_rag, due_date, count(*) OVER ()
FROM ({judged} OFFSET 0) AS judged
WHERE risk_rag IN (%s, %s) OR forecast_misses
ORDER BY CASE risk_rag WHEN %s THEN 0 WHEN %s THEN 1 ELSE 2 END, due_date NULLS LAST, pk
"""


def goal_risk_page(
    owners: Q, *, offset: int = 0, limit: int | None = None, today: date | None = None
) -> tuple[list[GoalRisk], int | None]:
    """The active goals of `owners` that are amber, red or forecast to miss, the worst first
    (red, amber, then those only forecast to miss; then by due date, the undated last; then
    id), from the `offset`th, at most `limit` of them, and how many there are in all (None
    when the page is past the last one): judged, ordered, counted and paged by the database
    in one query (`goal_rag_expression`, and the forecast stored on each goal by the services
    on every write of its updates, KPI or dates), so a page reads its own rows only."""
    today = today or timezone.localdate()
    rag = goal_rag_expression(settings=goal_settings_get(), today=today)
    judged = (
        Goal.objects.filter(owners, status=Goal.Status.ACTIVE)
        .annotate(risk_rag=rag)
        .order_by()
        .values("pk", "owner_employee_id", "risk_rag", "due_date", "forecast_misses")
    )
    try:
        sql, params = judged.query.sql_with_params()
    except EmptyResultSet:  # nobody's goals (an empty list of owners)
        return [], 0
    page_sql = GOAL_RISKS_SQL.format(judged=sql)
    page_params = [*params, kpi_math.AMBER, kpi_math.RED, kpi_math.RED, kpi_math.AMBER]
    if limit is not None:
        page_sql += " LIMIT %s"
        page_params.append(limit)
    if offset:
        page_sql += " OFFSET %s"
        page_params.append(offset)
    with connection.cursor() as cursor:
        cursor.execute(page_sql, page_params)
        rows = cursor.fetchall()
    total = rows[0][-1] if rows else (0 if not offset else None)
    return [GoalRisk(*row[:-1]) for row in rows], total


class GoalRiskRows:
    """The goals at risk of `owners` for a `Paginator`: the page expected (`window`, the
    slice a page number asks for) and the count come from one query; another slice (a page
    number past the last) is read on its own."""

    def __init__(self, owners: Q, *, window: tuple[int, int], today: date | None = None):
        self.owners, self.window, self.today = owners, window, today
        self._page: list[GoalRisk] | None = None
        self._total: int | None = None

    def count(self) -> int:
        if self._total is None:
            start, stop = self.window
            self._page, total = goal_risk_page(
                self.owners, offset=start, limit=stop - start, today=self.today
            )
            if total is None:  # past the last page: counted on its own
                total = goal_risk_page(self.owners, limit=1, today=self.today)[1] or 0
            self._total = total
        return self._total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[GoalRisk]:
        start, stop = key.start or 0, key.stop
        self.count()
        if self._page is not None and start == self.window[0] and stop <= self.window[1]:
            return self._page[: stop - start]
        return goal_risk_page(self.owners, offset=start, limit=stop - start, today=self.today)[0]


def team_goal_risk_rows(
    *, manager: Employee, window: tuple[int, int], today: date | None = None
) -> GoalRiskRows:
    """`GoalRiskRows` of the goals of the manager's reports (all levels, matrix too)."""
    owners = Q(owner_employee_id__in=report_ids_sql(manager))
    return GoalRiskRows(owners, window=window, today=today)


def team_goal_risks(
    *, manager: Employee, today: date | None = None, limit: int | None = None
) -> list[GoalRisk]:
    """Active goals of the manager's reports (all levels, matrix too) that are amber, red or
    forecast to miss, the worst first (the first `limit` of them) — judged as
    `goal_list_for_display` judges a goal, by the database (one query)."""
    owners = Q(owner_employee_id__in=report_ids_sql(manager))
    return goal_risk_page(owners, limit=limit, today=today)[0]


def goal_risks_of_people(
    *, employee_ids: Sequence[int], today: date | None = None
) -> list[GoalRisk]:
    """The active goals of these people that are amber, red or forecast to miss, judged as
    `team_goal_risks` judges them (one query)."""
    owners = Q(owner_employee_id__in=list(employee_ids))
    return goal_risk_page(owners, today=today)[0]


def goals_for_risks(risks: Sequence[GoalRisk], *, today: date | None = None) -> list[Goal]:
    """The goals of `risks`, in their order, loaded and evaluated for display."""
    goals = goal_list_for_display(
        goal_queryset().filter(pk__in=[risk.goal_id for risk in risks]), today=today
    )
    by_id = {goal.pk: goal for goal in goals}
    return [by_id[risk.goal_id] for risk in risks if risk.goal_id in by_id]


@dataclass(frozen=True)
class DecisionLatency:
    goal: Goal
    turned_red_at: object
    first_action_at: object
    first_action: str
    latency: timedelta  # to the first action, or so far while none


def decision_latency(*, goals: QuerySet[Goal] | None = None, shown: int | None = None) -> dict:
    """The time from each goal turning red to the first action on it, and the mean.

    Open episodes (nobody acted yet) are listed with their waiting time so far. The mean,
    the number waiting and the number of episodes (`count`) are aggregated by the database;
    only the `shown` latest episodes are loaded (all without `shown`): two queries.
    """
    episodes = GoalRedEpisode.objects.all()
    if goals is not None:
        episodes = episodes.filter(goal__in=goals)
    acted = Q(first_action_at__isnull=False)
    totals = episodes.aggregate(
        count=Count("id"),
        acted=Count("id", filter=acted),
        total=Sum(
            ExpressionWrapper(F("first_action_at") - F("turned_red_at"), DurationField()),
            filter=acted,
        ),
    )
    latest = episodes.select_related("goal").order_by("-turned_red_at", "-id")
    now = timezone.now()
    rows = [
        DecisionLatency(
            goal=e.goal,
            turned_red_at=e.turned_red_at,
            first_action_at=e.first_action_at,
            first_action=e.first_action,
            latency=e.latency if e.first_action_at else now - e.turned_red_at,
        )
        for e in (latest if shown is None else latest[:shown])
    ]
    mean = totals["total"] / totals["acted"] if totals["acted"] else None
    return {
        "episodes": rows,
        "mean": mean,
        "open": totals["count"] - totals["acted"],
        "count": totals["count"],
    }


# --- Goals beside capabilities ---------------------------------------------------------------


RESULT_STATUSES = (Goal.Status.ACTIVE, Goal.Status.COMPLETED)


def goal_results_by_capability(
    *,
    employee: Employee,
    capabilities: Iterable[Capability] | None = None,
    today: date | None = None,
) -> dict[int, list[Goal]]:
    """The employee's goals (owned or contributed to, active or completed) that exercise each
    capability, with progress, RAG and forecast: `{capability id: [goal, …]}`.

    What an assessment shows beside each capability. Four queries whatever the number of
    capabilities and goals. The person's goals are a union of the owned and the contributed
    ones, so the links are found from those few goals: an `OR` across the two joins made the
    planner walk every link of the capabilities instead (12 ms against 0.2 ms).
    """
    results = Goal.objects.filter(status__in=RESULT_STATUSES).order_by().values("pk")
    own = results.filter(owner_employee=employee)
    contributed = results.filter(contributor_links__employee=employee)
    links = GoalCapability.objects.filter(goal_id__in=own.union(contributed))
    if capabilities is not None:
        links = links.filter(capability_id__in=[c.pk for c in capabilities])
    pairs = set(links.values_list("capability_id", "goal_id"))
    if not pairs:
        return {}
    goals = goal_list_for_display(
        goal_queryset().filter(pk__in={goal_id for _, goal_id in pairs}), today=today
    )
    by_id = {goal.pk: goal for goal in goals}
    result: dict[int, list[Goal]] = defaultdict(list)
    for capability_id, goal_id in pairs:
        result[capability_id].append(by_id[goal_id])
    for items in result.values():
        items.sort(key=lambda g: (g.due_date or date.max, g.title, g.pk))
    return dict(result)
