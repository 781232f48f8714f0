"""Assessments API: `assessment-cycles` (launch, close, reopen), `assessments` (with
`ratings`, `answers` and `submit`), `peer-nominations`, `expert-grants`, `rating-previews`,
`review-templates`, `review-answers` and `employees/{id}/gaps`. Scope area `assessments`;
one module per concept, routed here.
"""

from __future__ import annotations

from django.urls import path

from assessments.api.cycles import AssessmentCycleViewSet, AssessmentViewSet, EmployeeGapsViewSet
from assessments.api.previews import RatingPreviewViewSet
from assessments.api.raters import ExpertGrantViewSet, PeerNominationViewSet
from assessments.api.reviews import ReviewAnswersViewSet, ReviewTemplateViewSet

# --- Routes ----------------------------------------------------------------------------------


def register(router) -> None:
    router.register("assessment-cycles", AssessmentCycleViewSet, basename="assessment-cycle")
    router.register("assessments", AssessmentViewSet, basename="assessment")
    router.register("peer-nominations", PeerNominationViewSet, basename="peer-nomination")
    router.register("expert-grants", ExpertGrantViewSet, basename="expert-grant")
    router.register("rating-previews", RatingPreviewViewSet, basename="rating-preview")
    router.register("review-templates", ReviewTemplateViewSet, basename="review-template")
    router.register("review-answers", ReviewAnswersViewSet, basename="review-answers")


# Routes outside the router: `employees/{id}/gaps` is a read of another resource's member.
urlpatterns = [
    path(
        "employees/<uuid:id>/gaps",
        EmployeeGapsViewSet.as_view({"get": "retrieve"}),
        name="employee-gaps",
    ),
]
