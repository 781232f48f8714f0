"""Downloads of a cycle for HR admins: the results and the review answers (CSV/XLSX)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from assessments.models import AssessmentCycle
from assessments.reviews import selectors as review_selectors
from assessments.selectors import cycles as cycle_selectors
from assessments.selectors import results as result_selectors
from plms.audit import actions
from plms.audit.services import audit_record
from plms.common.spreadsheets import csv_writer
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required

PAGE_SIZE = 25
HOT_SPOTS = 5
NOT_OBSERVED = "n/o"


def _cycle_or_404(id) -> AssessmentCycle:
    cycle = cycle_selectors.cycle_get(uuid=id)
    if cycle is None:
        raise Http404
    return cycle


def _chosen_cycle(request: HttpRequest) -> AssessmentCycle | None:
    return cycle_selectors.closed_cycle_chosen(raw_id=request.GET.get("cycle"))


# --- Raters ----------------------------------------------------------------------------------


@member_required(admin=True)
def cycle_export(request: HttpRequest, id) -> HttpResponse:
    """The cycle's consolidated results as CSV, one row per employee and capability."""
    cycle = _cycle_or_404(id)
    rows = result_selectors.consolidated_for_export(cycle=cycle)
    audit_record(
        actor=actor_from_request(request),
        action=actions.DATA_EXPORTED,
        obj=cycle,
        reason="Consolidated results (CSV)",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="assessment-results-{cycle.uuid}.csv"'
    writer = csv_writer(response)
    writer.writerow(
        [
            "employee_email",
            "employee_name",
            "department",
            "capability_key",
            "capability",
            "target_level",
            "consolidated_level",
            "adjusted_level",
            "gap",
            "ratings",
            "contributions",
        ]
    )
    for row in rows.iterator(chunk_size=2000):
        writer.writerow(
            [
                row.employee.email,
                row.employee.full_name,
                row.employee.department.name if row.employee.department else "",
                row.capability.key,
                row.capability.name,
                row.target_level if row.target_level is not None else "",
                row.level,
                row.adjusted_level if row.adjusted_level is not None else "",
                row.gap if row.gap is not None else "",
                row.rating_count,
                "; ".join(
                    f"{kind} {c['weight']}% mean {c['mean']} ({c['ratings']}"
                    + (f", {len(c['attested'])} attested" if c.get("attested") else "")
                    + ")"
                    for kind, c in row.contributions.items()
                ),
            ]
        )
    return response


@member_required(admin=True)
def cycle_answers_export(request: HttpRequest, id) -> HttpResponse:
    """The cycle's review answers as CSV, one row per person, rater and question: peers
    without their names, and only for people with enough peers (anonymous cycles)."""
    cycle = _cycle_or_404(id)
    audit_record(
        actor=actor_from_request(request),
        action=actions.DATA_EXPORTED,
        obj=cycle,
        reason="Review answers (CSV)",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="review-answers-{cycle.uuid}.csv"'
    writer = csv_writer(response)
    writer.writerow(
        [
            "employee_email",
            "employee_name",
            "department",
            "rater_kind",
            "rater",
            "section",
            "question_key",
            "question",
            "answer",
        ]
    )
    for row in review_selectors.answers_for_export(cycle=cycle):
        employee = row["employee"]
        writer.writerow(
            [
                employee.email,
                employee.full_name,
                employee.department.name if employee.department else "",
                row["rater_kind"],
                row["rater"],
                row["section"],
                row["question_key"],
                row["question"],
                row["answer"],
            ]
        )
    return response
