"""Reads of goals, check-ins and feedback, shaped for pages and endpoints.

Who sees what:
- organisation and department goals: every member of the organisation;
- a person's goal: the owner, its contributors, the managers (primary and matrix, at any
  level) of the owner and of the contributors, HR admins and API keys;
- check-ins: the manager, the report, their managers and HR admins; the private manager notes
  never reach the report;
- feedback: the giver, the receiver, the receiver's managers and HR admins; public praise is
  seen by every member.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from goals import kpi as kpi_math
from goals.models import (
    ActionItem,
    CheckIn,
    CheckInGoalReview,
    CheckInSeries,
    Feedback,
    FeedbackRequest,
    Goal,
    GoalAlignment,
    GoalChangeRequest,
    GoalContributor,
    GoalRedEpisode,
    GoalSettings,
    GoalTemplate,
    GoalUpdate,
)
from goals.smart import GoalDraft, SmartCheck, smart_check
from plms.audit.models import AuditEvent
from plms.people.models import Employee
from plms.people.selectors import all_report_ids_sql, is_manager_of
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


def _report_ids(employee: Employee) -> RawSQL:
    return all_report_ids_sql(manager_id=employee.pk, include_matrix=True)


def goal_visibility_q(*, actor: Actor) -> Q:
    if actor.is_admin:
        return Q()
    shared = Q(owner_type__in=[Goal.OwnerType.ORGANIZATION, Goal.OwnerType.DEPARTMENT])
    employee = actor.employee
    if employee is None:
        return shared
    reports = _report_ids(employee)
    contributes = GoalContributor.objects.filter(goal=OuterRef("pk"))
    return (
        shared
        | Q(owner_employee=employee)
        | Q(owner_employee_id__in=reports)
        | Q(Exists(contributes.filter(employee=employee)))
        | Q(Exists(contributes.filter(employee_id__in=_report_ids(employee))))
    )


def is_goal_approver(*, actor: Actor, goal: Goal) -> bool:
    """May approve changes, stretch targets and activation overrides of `goal`."""
    if actor.is_admin:
        return True
    if goal.owner_type != Goal.OwnerType.EMPLOYEE or actor.employee is None:
        return False
    return is_manager_of(manager=actor.employee, employee=goal.owner_employee)


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
        return (
            employee.department_id == goal.owner_department_id
            and Employee.objects.filter(manager=employee, active=True).exists()
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


def _goal_queryset() -> QuerySet[Goal]:
    return Goal.objects.select_related(
        "owner_employee", "owner_department", "data_steward"
    ).annotate(
        pending_changes=Count(
            "change_requests", filter=Q(change_requests__status="pending"), distinct=True
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
    queryset = _goal_queryset().filter(goal_visibility_q(actor=actor))
    if owner_employee is not None:
        queryset = queryset.filter(owner_employee=owner_employee)
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
        )
        .filter(uuid=uuid)
        .first()
    )


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


def goal_annotate(
    goal: Goal, *, settings: GoalSettings, updates: list[GoalUpdate], today: date
) -> Goal:
    goal.progress = kpi_math.progress_percent(goal.kpi)
    goal.rag = goal_rag(goal, settings=settings, today=today)
    points = [(u.recorded_at.date(), u.value) for u in updates]
    has_start = goal.baseline is not None and goal.start_date is not None
    if has_start and (not points or goal.start_date < points[0][0]):
        points.insert(0, (goal.start_date, goal.baseline))
    goal.forecast = (
        kpi_math.forecast(goal.kpi, points, due=goal.due_date)
        if goal.status == Goal.Status.ACTIVE
        else None
    )
    goal.sparkline = [value for _, value in points][-SPARKLINE_POINTS:]
    goal.at_risk = goal.rag in (kpi_math.AMBER, kpi_math.RED) or bool(
        goal.forecast and goal.forecast.likely_to_miss
    )
    return goal


def goal_rag(goal: Goal, *, settings: GoalSettings, today: date | None = None) -> str | None:
    today = today or timezone.localdate()
    expected = kpi_math.expected_percent(goal.start_date, goal.due_date, today)
    return kpi_math.rag_status(goal.kpi, goal.thresholds(settings.thresholds), expected=expected)


def goal_smart_check(goal: Goal, *, settings: GoalSettings | None = None) -> SmartCheck:
    settings = settings or goal_settings_get()
    parent_count = goal.parent_links.count() if goal.pk else 0
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


def team_goals_at_risk(*, manager: Employee, today: date | None = None) -> list[Goal]:
    """Active goals of the manager's reports (all levels, matrix too) that are amber, red or
    forecast to miss, the worst first."""
    goals = _goal_queryset().filter(
        status=Goal.Status.ACTIVE, owner_employee_id__in=_report_ids(manager)
    )
    order = {kpi_math.RED: 0, kpi_math.AMBER: 1}
    at_risk = [goal for goal in goal_list_for_display(goals, today=today) if goal.at_risk]
    return sorted(at_risk, key=lambda g: (order.get(g.rag, 2), g.due_date or date.max, g.pk))


@dataclass
class TreeNode:
    goal: Goal
    children: list[TreeNode]
    rolled_up: Decimal | None


def goal_tree(*, actor: Actor, today: date | None = None) -> list[TreeNode]:
    """The cascade of visible active and draft goals: roots are goals without a visible parent.

    Three queries (goals, their updates, the alignments) whatever the size of the tree. A goal
    supporting two parents appears under both.
    """
    goals = goal_list_for_display(
        goal_list(actor=actor).exclude(status=Goal.Status.CANCELLED), today=today
    )
    by_id = {goal.pk: goal for goal in goals}
    children: dict[int, list[int]] = defaultdict(list)
    has_parent: set[int] = set()
    edges = GoalAlignment.objects.filter(child_id__in=by_id, parent_id__in=by_id)
    for child_id, parent_id in edges.values_list("child_id", "parent_id").order_by("id"):
        children[parent_id].append(child_id)
        has_parent.add(child_id)
    own = {goal.pk: goal.progress for goal in goals}
    weights = {goal.pk: goal.weight for goal in goals}

    def build(goal_id: int, path: frozenset[int]) -> TreeNode:
        kids = [kid for kid in children.get(goal_id, []) if kid not in path]
        return TreeNode(
            goal=by_id[goal_id],
            children=[build(kid, path | {kid}) for kid in kids],
            rolled_up=kpi_math.rollup(
                goal_id, children=children, own_progress=own, weights=weights
            ),
        )

    level_order = {"strategic": 0, "tactical": 1, "operational": 2}
    roots = sorted(
        (goal for goal in goals if goal.pk not in has_parent),
        key=lambda g: (level_order.get(g.level, 3), g.title, g.pk),
    )
    return [build(goal.pk, frozenset({goal.pk})) for goal in roots]


def scorecard(goals: list[Goal]) -> dict:
    """Weighted goal achievement, by balanced-scorecard perspective and leading vs lagging.

    `goals` come from `goal_list_for_display` (they carry `progress`).
    """

    def score(items: list[Goal]) -> Decimal | None:
        return kpi_math.weighted_score((goal.progress, goal.weight) for goal in items)

    perspectives = defaultdict(list)
    indicators = defaultdict(list)
    for goal in goals:
        perspectives[goal.perspective].append(goal)
        indicators[goal.indicator].append(goal)
    return {
        "overall": score(goals),
        "perspectives": {name: score(items) for name, items in perspectives.items()},
        "indicators": {name: score(items) for name, items in indicators.items()},
    }


def goal_template_list() -> QuerySet[GoalTemplate]:
    return GoalTemplate.objects.select_related("parent").order_by("name", "id")


@dataclass(frozen=True)
class DecisionLatency:
    goal: Goal
    turned_red_at: object
    first_action_at: object
    first_action: str
    latency: timedelta | None


def decision_latency(*, goals: QuerySet[Goal] | None = None) -> dict:
    """The time from each goal turning red to the first action on it, and the mean.

    Open episodes (nobody acted yet) are listed with their waiting time so far.
    """
    episodes = GoalRedEpisode.objects.select_related("goal").order_by("-turned_red_at", "-id")
    if goals is not None:
        episodes = episodes.filter(goal__in=goals)
    now = timezone.now()
    rows = [
        DecisionLatency(
            goal=e.goal,
            turned_red_at=e.turned_red_at,
            first_action_at=e.first_action_at,
            first_action=e.first_action,
            latency=e.latency if e.first_action_at else now - e.turned_red_at,
        )
        for e in episodes
    ]
    closed = [row.latency for row in rows if row.first_action_at is not None]
    mean = sum(closed, timedelta()) / len(closed) if closed else None
    return {"episodes": rows, "mean": mean, "open": sum(1 for r in rows if not r.first_action_at)}


# --- Check-ins -------------------------------------------------------------------------------


def _check_in_visibility_q(*, actor: Actor) -> Q:
    if actor.is_admin:
        return Q()
    employee = actor.employee
    if employee is None:
        return Q(pk__in=[])
    return (
        Q(manager=employee)
        | Q(report=employee)
        | Q(manager_id__in=_report_ids(employee))
        | Q(report_id__in=_report_ids(employee))
    )


def check_in_list(*, actor: Actor, status: str = "") -> QuerySet[CheckIn]:
    queryset = CheckIn.objects.select_related("manager", "report", "series").filter(
        _check_in_visibility_q(actor=actor)
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-scheduled_for", "-id")


def check_in_series_list(*, actor: Actor) -> QuerySet[CheckInSeries]:
    return (
        CheckInSeries.objects.select_related("manager", "report")
        .filter(_check_in_visibility_q(actor=actor))
        .order_by("next_date", "id")
    )


def check_in_get(*, actor: Actor, uuid) -> CheckIn | None:
    return check_in_list(actor=actor).filter(uuid=uuid).first()


def sees_private_notes(*, actor: Actor, check_in: CheckIn) -> bool:
    """The manager, the manager's own managers and HR admins; never the report."""
    if actor.is_admin:
        return True
    employee = actor.employee
    if employee is None or employee.pk == check_in.report_id:
        return False
    return employee.pk == check_in.manager_id or is_manager_of(
        manager=employee, employee=check_in.manager
    )


def check_in_open_actions(*, check_in: CheckIn) -> QuerySet[ActionItem]:
    """Action items of the series up to this check-in that are not done, plus the ones
    closed in this check-in's own list (so the page shows what was ticked off)."""
    return (
        ActionItem.objects.filter(series_id=check_in.series_id)
        .filter(
            Q(done_at__isnull=True, check_in__scheduled_for__lte=check_in.scheduled_for)
            | Q(check_in=check_in)
        )
        .select_related("owner", "check_in")
        .order_by("created_at", "id")
    )


def check_in_goal_reviews(*, check_in: CheckIn) -> QuerySet[CheckInGoalReview]:
    return (
        CheckInGoalReview.objects.filter(check_in=check_in)
        .select_related("goal", "goal__owner_employee")
        .order_by("id")
    )


def goals_for_review(*, report: Employee, until: date, today: date | None = None) -> list[Goal]:
    """The report's active goals due by `until` or at risk: what a check-in reviews."""
    goals = _goal_queryset().filter(status=Goal.Status.ACTIVE, owner_employee=report)
    return [
        goal
        for goal in goal_list_for_display(goals, today=today)
        if goal.at_risk or (goal.due_date is not None and goal.due_date <= until)
    ]


@dataclass(frozen=True)
class CompletionRate:
    manager: Employee
    due: int
    completed: int

    @property
    def rate(self) -> Decimal | None:
        if not self.due:
            return None
        return (Decimal(self.completed) / Decimal(self.due) * 100).quantize(Decimal("0.1"))


def check_in_completion_rates(*, today: date | None = None) -> list[CompletionRate]:
    """Per manager: of the check-ins that were due by today (not cancelled), how many were
    held. One query."""
    today = today or timezone.localdate()
    rows = (
        CheckIn.objects.filter(scheduled_for__lte=today)
        .exclude(status=CheckIn.Status.CANCELLED)
        .values("manager")
        .annotate(due=Count("id"), completed=Count("id", filter=Q(status="completed")))
        .order_by("manager")
    )
    managers = Employee.objects.in_bulk([row["manager"] for row in rows])
    return [
        CompletionRate(manager=managers[row["manager"]], due=row["due"], completed=row["completed"])
        for row in rows
    ]


# --- Feedback --------------------------------------------------------------------------------


def _feedback_visibility_q(*, actor: Actor) -> Q:
    if actor.is_admin:
        return Q()
    employee = actor.employee
    public = Q(visibility=Feedback.Visibility.PUBLIC)
    if employee is None:
        return public
    return (
        public | Q(giver=employee) | Q(receiver=employee) | Q(receiver_id__in=_report_ids(employee))
    )


def feedback_list(
    *, actor: Actor, receiver: Employee | None = None, kind: str = "", visibility: str = ""
) -> QuerySet[Feedback]:
    queryset = Feedback.objects.select_related("giver", "receiver", "goal").filter(
        _feedback_visibility_q(actor=actor)
    )
    if receiver is not None:
        queryset = queryset.filter(receiver=receiver)
    if kind:
        queryset = queryset.filter(kind=kind)
    if visibility:
        queryset = queryset.filter(visibility=visibility)
    return queryset.order_by("-created_at", "-id")


def feedback_get(*, actor: Actor, uuid) -> Feedback | None:
    return feedback_list(actor=actor).filter(uuid=uuid).first()


def feedback_inbox(*, employee: Employee) -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(receiver=employee)
        .select_related("giver", "goal")
        .order_by("-created_at", "-id")
    )


def public_praise() -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(visibility=Feedback.Visibility.PUBLIC)
        .select_related("giver", "receiver")
        .order_by("-created_at", "-id")
    )


def feedback_requests_for(*, employee: Employee) -> QuerySet[FeedbackRequest]:
    """Open requests asking `employee` for feedback."""
    return (
        FeedbackRequest.objects.filter(asked=employee, status=FeedbackRequest.Status.OPEN)
        .select_related("requester", "goal")
        .order_by("-created_at", "-id")
    )
