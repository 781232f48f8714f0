"""Assessments and who sees them: a rater's own, a manager's, peer nominations and expert
grants, and peer suggestions.
"""

from __future__ import annotations

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
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
)
from plms.people.models import Employee
from plms.people.selectors import all_report_ids_sql, is_manager_of
from plms.tenancy.actors import Actor

# --- Assessments and who sees them ----------------------------------------------------------


def _expert_grants(actor: Actor) -> QuerySet:
    return AssessmentUserObjectPermission.objects.filter(
        user=actor.user, permission__codename="rate_assessment"
    ).values("content_object_id")


def assessment_list_for_viewer(*, actor: Actor) -> QuerySet[Assessment]:
    """Assessments the actor may see, in one query (see the module's rules). An upward
    assessment is seen by its rater alone: not the manager it reviews, not that manager's
    managers, not HR (they read the pooled answers above the cycle's minimum)."""
    queryset = Assessment.objects.select_related("cycle", "employee", "rater")
    viewer = actor.employee
    if viewer is None:
        queryset = queryset.exclude(kind=Assessment.Kind.UPWARD)
    else:
        queryset = queryset.filter(~Q(kind=Assessment.Kind.UPWARD) | Q(rater=viewer))
    if actor.is_admin:
        return queryset.order_by("-cycle__period_end", "employee__last_name", "kind", "id")
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
    """The assessment if the actor may see it (`assessment_list_for_viewer`'s rules), else
    None. The rater of an assessment other than an expert's always sees it, so theirs is
    found by index without the rules' reporting-lines and grants subqueries (the rating form
    and its writes ask for one's own assessment on every request)."""
    found = Assessment.objects.select_related("cycle", "employee", "rater").filter(uuid=uuid)
    viewer = actor.employee
    if viewer is not None:
        own = found.filter(rater=viewer).exclude(kind=Assessment.Kind.EXPERT).first()
        if own is not None:
            return own
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
