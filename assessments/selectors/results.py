"""Results: consolidated levels, peer summaries, the ratings preview vote, and ratings from
outside the assessment forms.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from assessments.models import (
    Assessment,
    AssessmentCycle,
    AttestedRating,
    ConsolidatedLevel,
    PreviewVote,
    Rating,
)
from plms.people.models import Employee
from plms.people.selectors import all_report_ids_sql
from plms.tenancy.actors import Actor

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


def consolidated_values(*, cycle_ids: Iterable[int], employee_ids: Iterable[int]) -> QuerySet:
    """(cycle id, employee id, capability id, level, adjusted level) of these people in these
    cycles, unordered: one query, no model instances."""
    return (
        ConsolidatedLevel.objects.filter(
            cycle_id__in=list(cycle_ids), employee_id__in=list(employee_ids)
        )
        .order_by()
        .values_list("cycle_id", "employee_id", "capability_id", "level", "adjusted_level")
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
