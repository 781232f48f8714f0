"""Pay-equity API (scope area `compensation`): `pay-equity`, one report per attribute: pay (or
a compensation review's increases) compared within each grade, job role or both, with small
groups suppressed, and the gaps left unexplained after grade, rating and position in range.
HR admins and keys; each read is audited like other reads of pay."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from capabilities import selectors as capability_selectors
from plms.common.api import ApiSerializer, OrganizationScopedViewSet, PublicIdField
from reward import equity
from reward.api import IsAdminOrApiKey
from reward.equity_report import equity_report
from reward.models import CompensationReview, PayGrade


class EquityQuerySerializer(ApiSerializer):
    attribute = serializers.CharField(max_length=100)
    within = serializers.ChoiceField(choices=equity.BREAKDOWNS, default=equity.GRADE)
    grade = PublicIdField(PayGrade, required=False)
    job_role = PublicIdField(capability_selectors.job_roles, required=False)
    review = PublicIdField(CompensationReview, required=False)


class EquityGroupSerializer(ApiSerializer):
    value = serializers.CharField()
    count = serializers.IntegerField()
    suppressed = serializers.BooleanField(
        help_text="Too few people to show, or their figures would give a small group away."
    )
    median = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        help_text="Pay: median annual base pay; increases: median increase in %.",
    )
    median_compa_ratio = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    gap = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        allow_null=True,
        help_text="To the cell's reference group: pay in %, increases in percentage points.",
    )


class EquityCellSerializer(ApiSerializer):
    grade = serializers.UUIDField(source="grade_id", allow_null=True)
    grade_name = serializers.CharField(source="grade")
    job_role = serializers.UUIDField(source="job_role_id", allow_null=True)
    job_role_name = serializers.CharField(source="job_role")
    reference = serializers.CharField(allow_null=True)
    groups = EquityGroupSerializer(many=True)


class AdjustedGapSerializer(ApiSerializer):
    value = serializers.CharField()
    count = serializers.IntegerField()
    suppressed = serializers.BooleanField()
    raw_gap = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    adjusted_gap = serializers.DecimalField(
        max_digits=8,
        decimal_places=1,
        allow_null=True,
        help_text="What is left of the gap after the controls (pay in %, increases in points).",
    )
    for_review = serializers.BooleanField()


class ScopeGapsSerializer(ApiSerializer):
    scope = serializers.CharField(help_text="`All grades`, or a grade's name.")
    grade = serializers.UUIDField(source="grade_id", allow_null=True)
    reference = serializers.CharField(allow_null=True)
    people = serializers.IntegerField()
    estimated = serializers.BooleanField(
        help_text="False when there are too few people to separate the effects."
    )
    groups = AdjustedGapSerializer(many=True)


class EquityReportSerializer(ApiSerializer):
    attribute = serializers.CharField()
    within = serializers.CharField()
    metric = serializers.CharField(help_text="`pay`, or `increase` with a review.")
    min_group = serializers.IntegerField()
    threshold = serializers.DecimalField(max_digits=4, decimal_places=1)
    cells = EquityCellSerializer(many=True)
    unexplained_gaps = ScopeGapsSerializer(many=True, source="scopes")


class PayEquityViewSet(OrganizationScopedViewSet):
    scope_area = "compensation"
    pagination_class = None
    filter_backends: list = []
    extra_permission_classes = (IsAdminOrApiKey,)

    @extend_schema(
        summary="Pay equity report",
        description="Pay (or, with `review`, the review's increases) compared across an "
        "imported attribute within each grade, job role or both (`within`), with counts, "
        "medians and gaps; groups smaller than the organisation's minimum, and groups whose "
        "figures would give them away, are suppressed in every combination of filters. "
        "`unexplained_gaps`: what is left after grade, overall rating and (increases) position "
        "in range, flagged `for_review` at the organisation's threshold. HR admins and keys; "
        "each read is audited. Scope `compensation:read`.",
        parameters=[
            OpenApiParameter("attribute", str, required=True, description="e.g. `gender`"),
            OpenApiParameter("within", str, enum=list(equity.BREAKDOWNS)),
            OpenApiParameter("grade", str, description="A pay grade's id."),
            OpenApiParameter("job_role", str, description="A job role's id."),
            OpenApiParameter("review", str, description="A compensation review's id."),
        ],
        responses={200: EquityReportSerializer},
    )
    def report(self, request):
        query = EquityQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        report = equity_report(actor=self.actor, **query.validated_data)
        return Response(EquityReportSerializer(report).data)


# The report is one object, not a list: routed outside the router.
urlpatterns = [
    path("pay-equity", PayEquityViewSet.as_view({"get": "report"}), name="pay-equity"),
]
