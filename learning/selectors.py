"""Reads of learning: the catalogue, plans as their viewers may see them, the content gaps."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Avg,
    Count,
    DecimalField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from assessments.models import AssessmentCycle
from assessments.selectors.cycles import latest_closed_cycle
from capabilities.models import Capability
from goals.models import Goal
from learning.builder import CatalogueEntry
from learning.impact import impact_report_cached
from learning.models import (
    MIX_OF_KIND,
    DevelopmentPlan,
    ItemCapability,
    LearningCompletion,
    LearningFeedback,
    LearningItem,
    LearningSettings,
    PlanBuild,
    PlanItem,
    ReassessmentRequest,
)
from plms.common.db import count_per_row
from plms.people.models import Employee
from plms.people.selectors import all_report_ids_sql, is_manager_of
from plms.tenancy.actors import Actor
from plms.tenancy.context import require_organization_id

# --- Settings and catalogue -------------------------------------------------------------------


def learning_settings_get() -> LearningSettings:
    """The organisation's settings, or the defaults (unsaved) when HR has not set them."""
    return LearningSettings.objects.first() or LearningSettings()


def item_list(
    *,
    search: str = "",
    kind: str = "",
    mix: str = "",
    language: str = "",
    capability: Capability | None = None,
    active: bool | None = True,
) -> QuerySet[LearningItem]:
    queryset = LearningItem.objects.prefetch_related(
        Prefetch(
            "capabilities",
            queryset=ItemCapability.objects.select_related("capability").order_by(
                "capability__name", "id"
            ),
        )
    )
    for word in search.split():
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(provider__icontains=word) | Q(description__icontains=word)
        )
    if kind:
        queryset = queryset.filter(kind=kind)
    if mix:
        queryset = queryset.filter(kind__in=[k for k, m in MIX_OF_KIND.items() if m == mix])
    if language:
        queryset = queryset.filter(language=language)
    if capability is not None:
        queryset = queryset.filter(capabilities__capability=capability).distinct()
    if active is not None:
        queryset = queryset.filter(active=active)
    return queryset.order_by("title", "id")


def with_ratings(queryset: QuerySet[LearningItem]) -> QuerySet[LearningItem]:
    """Items annotated with the learners' feedback: `rating_mean` (1-5, None when nobody rated
    it) and `rating_count`; subqueries on the feedback's item index, for the rows read only."""
    feedback = LearningFeedback.objects.filter(item=OuterRef("pk"))
    mean = feedback.order_by().values("item").annotate(mean=Avg("rating")).values("mean")
    return queryset.annotate(
        rating_mean=Subquery(mean, output_field=DecimalField(max_digits=4, decimal_places=2)),
        rating_count=count_per_row(feedback, of="item"),
    )


def item_get(*, uuid) -> LearningItem | None:
    return item_list(active=None).filter(uuid=uuid).first()


def item_languages() -> list[str]:
    return list(
        LearningItem.objects.order_by("language").values_list("language", flat=True).distinct()
    )


def catalogue_entries(*, capability_ids: Iterable[int]) -> list[CatalogueEntry]:
    """Active items developing these capabilities, as the plan builder reads them (one query)."""
    links = (
        ItemCapability.objects.filter(capability_id__in=list(capability_ids), item__active=True)
        .values_list(
            "item_id",
            "item__title",
            "item__kind",
            "item__duration_hours",
            "capability_id",
            "level_from",
            "level_to",
        )
        .order_by("capability_id", "item_id")
    )
    return [
        CatalogueEntry(
            item_id=item_id,
            title=title,
            mix=str(MIX_OF_KIND[LearningItem.Kind(kind)]),
            hours=Decimal(hours),
            capability_id=capability_id,
            level_from=level_from,
            level_to=level_to,
        )
        for item_id, title, kind, hours, capability_id, level_from, level_to in links
    ]


def completion_list() -> QuerySet[LearningCompletion]:
    return LearningCompletion.objects.select_related("employee", "item").order_by(
        "-completed_at", "-id"
    )


# --- Plans -------------------------------------------------------------------------------------


def _item_count(**conditions) -> Coalesce:
    """The number of the plan's items (meeting `conditions`)."""
    return count_per_row(PlanItem.objects.filter(plan=OuterRef("pk"), **conditions), of="plan")


def _plans() -> QuerySet[DevelopmentPlan]:
    return DevelopmentPlan.objects.select_related(
        "employee", "employee__department", "built_from", "approved_by"
    ).annotate(
        item_count=_item_count(),
        done_count=_item_count(status=PlanItem.Status.DONE),
    )


def plan_list_for_viewer(
    *, actor: Actor, status: str = "", employee: Employee | None = None
) -> QuerySet[DevelopmentPlan]:
    """HR admins and keys see every plan; people their own and their reports' (primary and
    matrix lines, direct and indirect)."""
    queryset = _plans()
    if not actor.is_admin:
        me = actor.employee
        if me is None:
            return queryset.none()
        queryset = queryset.filter(
            Q(employee_id=me.pk)
            | Q(employee_id__in=all_report_ids_sql(manager_id=me.pk, include_matrix=True))
        )
    if status:
        queryset = queryset.filter(status=status)
    if employee is not None:
        queryset = queryset.filter(employee=employee)
    return queryset.order_by("-created_at", "-id")


def plan_get_for_viewer(*, actor: Actor, uuid) -> DevelopmentPlan | None:
    """The plan if the actor may see it; `None` both for missing and forbidden (404)."""
    return plan_list_for_viewer(actor=actor).filter(uuid=uuid).first()


def plan_items(*, plan: DevelopmentPlan) -> QuerySet[PlanItem]:
    return (
        PlanItem.objects.filter(plan=plan)
        .select_related("item", "capability")
        .order_by("order", "id")
    )


def plan_item_get_for_viewer(*, actor: Actor, uuid) -> PlanItem | None:
    visible = plan_list_for_viewer(actor=actor).values("id")
    return (
        PlanItem.objects.filter(uuid=uuid, plan_id__in=visible)
        .select_related("plan", "plan__employee", "item", "capability")
        .first()
    )


def current_plan_for(*, employee: Employee) -> DevelopmentPlan | None:
    """The employee's plan in progress (active first, then approved, proposed, draft)."""
    rank = ["active", "approved", "proposed", "draft"]
    plans = list(
        _plans().filter(employee=employee, status__in=rank).order_by("-created_at", "-id")[:10]
    )
    plans.sort(key=lambda p: rank.index(p.status))
    return plans[0] if plans else None


def can_manage_plan(*, actor: Actor, plan: DevelopmentPlan) -> bool:
    """HR admins, keys and the employee's managers (primary or matrix, any level up)."""
    if actor.is_admin:
        return True
    return actor.employee is not None and is_manager_of(
        manager=actor.employee, employee=plan.employee
    )


def plan_linked_goals(*, plan: DevelopmentPlan) -> list[Goal]:
    """The goals an improvement plan is about, in the order they were linked."""
    ids = [str(value) for value in plan.linked_goal_ids or []]
    if not ids:
        return []
    goals = {str(goal.uuid): goal for goal in Goal.objects.filter(uuid__in=ids)}
    return [goals[i] for i in ids if i in goals]


def improvement_plan_employee(*, actor: Actor, uuid) -> Employee | None:
    """The person an improvement plan may be started for by `actor`: anyone for HR admins,
    their reports (any level, primary or matrix) for managers; None otherwise (404)."""
    employee = Employee.objects.select_related("manager").filter(uuid=uuid, active=True).first()
    if employee is None or actor.is_admin:
        return employee
    me = actor.employee
    if me is None or me.pk == employee.pk or not is_manager_of(manager=me, employee=employee):
        return None
    return employee


def improvement_plan_goal_choices(*, employee: Employee) -> list[Goal]:
    """The person's goals a plan may be about: active ones, then drafts, by due date."""
    return list(
        Goal.objects.filter(owner_employee=employee, status__in=["active", "draft"]).order_by(
            "status", "due_date", "id"
        )
    )


def improvement_plan_list(*, status: str = "") -> QuerySet[DevelopmentPlan]:
    """HR's list of performance improvement plans: open ones (draft to active) or completed,
    newest first, with the people and the HR admin who signed them off."""
    plans = DevelopmentPlan.objects.filter(kind=DevelopmentPlan.Kind.IMPROVEMENT).select_related(
        "employee__manager", "hr_signed_off_by"
    )
    if status == "open":
        plans = plans.exclude(status=DevelopmentPlan.Status.COMPLETED)
    elif status == "completed":
        plans = plans.filter(status=DevelopmentPlan.Status.COMPLETED)
    return plans.order_by("-created_at", "-id")


def plans_built_from(*, cycle_ids: Sequence[int]) -> dict[int, list[DevelopmentPlan]]:
    """The plans drafted from each of these cycles, by cycle, people in name order (one
    query): whose plans a build made."""
    built: dict[int, list[DevelopmentPlan]] = {cycle_id: [] for cycle_id in cycle_ids}
    plans = (
        DevelopmentPlan.objects.filter(built_from_id__in=list(cycle_ids))
        .select_related("employee")
        .order_by("employee__last_name", "employee__first_name", "id")
    )
    for plan in plans:
        if plan.built_from_id is not None:
            built[plan.built_from_id].append(plan)
    return built


def team_plans(*, manager: Employee) -> QuerySet[DevelopmentPlan]:
    return (
        _plans()
        .filter(employee_id__in=all_report_ids_sql(manager_id=manager.pk, include_matrix=True))
        .exclude(status=DevelopmentPlan.Status.COMPLETED)
        .order_by("employee__last_name", "employee__first_name", "-created_at", "id")
    )


# --- Content gaps -----------------------------------------------------------------------------

_CONTENT_GAPS_SQL = """
SELECT cl.capability_id, sl.number, COUNT(DISTINCT cl.employee_id) AS people
FROM assessments_consolidatedlevel cl
JOIN capabilities_scalelevel sl ON sl.organization_id = cl.organization_id
WHERE cl.organization_id = %s AND cl.cycle_id = %s AND cl.target_level IS NOT NULL
  AND sl.number > COALESCE(cl.adjusted_level, cl.level) AND sl.number <= cl.target_level
  AND NOT EXISTS (
    SELECT 1 FROM learning_itemcapability ic
    JOIN learning_learningitem li ON li.id = ic.item_id
    WHERE ic.organization_id = cl.organization_id AND ic.capability_id = cl.capability_id
      AND ic.level_from < sl.number AND ic.level_to >= sl.number AND li.active
  )
GROUP BY cl.capability_id, sl.number
"""


def content_gap_report(*, cycle: AssessmentCycle | None = None) -> list[dict]:
    """Capabilities x levels that people need (between their consolidated level in the cycle,
    by default the latest closed one, and their target) and no active learning item develops,
    most-needed first. Two queries whatever the size of the organisation."""
    cycle = cycle or latest_closed_cycle()
    if cycle is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_CONTENT_GAPS_SQL, [require_organization_id(), cycle.pk])
        rows = cursor.fetchall()
    names = dict(
        Capability.objects.filter(id__in={row[0] for row in rows}).values_list("id", "name")
    )
    report = [
        {
            "capability_id": capability_id,
            "capability": names.get(capability_id, ""),
            "level": level,
            "people": people,
        }
        for capability_id, level, people in rows
    ]
    return sorted(report, key=lambda r: (-r["people"], r["capability"], r["level"]))


def content_gap_report_cached() -> list[dict]:
    """`content_gap_report()` of the latest closed cycle, from the cache while nothing it reads
    has changed (the levels of the cycles, their status, the scale's levels, the active items
    and the levels they develop, the capabilities' names): for 10,000 people the report
    weighs every person's level in every capability of the cycle."""
    return impact_report_cached(name="content-gaps", build=content_gap_report)


def open_reassessment_requests() -> QuerySet[ReassessmentRequest]:
    """Re-assessments learning asked for and nobody has scheduled yet (for Momentum)."""
    return (
        ReassessmentRequest.objects.filter(status=ReassessmentRequest.Status.OPEN)
        .select_related("employee", "capability", "completion__item")
        .order_by("requested_at", "id")
    )


# --- Plan builds of closed cycles -------------------------------------------------------------


def plan_build_list(*, search: str = "") -> QuerySet[PlanBuild]:
    """The plan builds of closed cycles, latest first (HR's progress page)."""
    builds = PlanBuild.objects.select_related("cycle")
    if search:
        builds = builds.filter(cycle__name__icontains=search)
    return builds.order_by("-queued_at", "-id")


def plan_build_get(*, uuid) -> PlanBuild | None:
    return PlanBuild.objects.select_related("cycle").filter(uuid=uuid).first()


# --- Training feedback -----------------------------------------------------------------------


def item_ratings(*, item_ids: Iterable[int]) -> dict[int, tuple[float, int]]:
    """{item id: (mean rating, number of ratings)} of the learners' feedback (one query)."""
    rows = (
        LearningFeedback.objects.filter(item_id__in=list(item_ids))
        .values("item_id")
        .annotate(mean=Avg("rating"), count=Count("id"))
        .order_by()
    )
    return {row["item_id"]: (round(float(row["mean"]), 1), row["count"]) for row in rows}


def my_item_feedback(*, employee: Employee, item_ids: Iterable[int]) -> dict[int, LearningFeedback]:
    """The person's own feedback on these items, by item id (one query)."""
    return {
        f.item_id: f
        for f in LearningFeedback.objects.filter(employee=employee, item_id__in=list(item_ids))
    }


def item_feedback_comments(*, item: LearningItem, limit: int = 20) -> QuerySet[LearningFeedback]:
    """The latest comments on an item, without the learners' names (the caller shows the
    rating and comment only)."""
    return (
        LearningFeedback.objects.filter(item=item)
        .exclude(comment="")
        .only("rating", "comment", "updated_at")
        .order_by("-updated_at", "-id")[:limit]
    )
