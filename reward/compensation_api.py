"""Compensation review API (scope area `compensation`): `compensation-reviews` (HR opens,
finalises and exports payroll; managers with the compensation permission read them and
propose for their reports under `{id}/proposals`) and `compensation-reviews/proposals`
(each proposal, with `approve` and `reject` for the next approver up the line or HR)."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from assessments.selectors import cycles as cycle_selectors
from plms.common.api import (
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    StrictCharField,
    without_body,
)
from plms.common.pagination import paginated
from plms.common.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from plms.people import selectors as people_selectors
from reward import compensation, selectors
from reward.models import CompensationProposal, CompensationReview

SCOPE = "compensation"


@extend_schema_field(OpenApiTypes.UUID)
class PublicId(PublicIdField):
    """Another object of the organization by its public id (documented as a UUID)."""


MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 6, "decimal_places": 2}


class BudgetSerializer(ApiSerializer):
    department = PublicId(people_selectors.departments)
    amount = serializers.DecimalField(**MONEY, min_value=0, required=False, allow_null=True)
    percent_of_payroll = serializers.DecimalField(
        **PERCENT, min_value=0, required=False, allow_null=True
    )
    spent = serializers.DecimalField(**MONEY, read_only=True)

    def validate(self, attrs):
        if (attrs.get("amount") is None) == (attrs.get("percent_of_payroll") is None):
            raise ValidationError({"amount": ["Give an amount or a percent of payroll."]})
        return attrs


class CellSerializer(ApiSerializer):
    rating = serializers.IntegerField(min_value=1)
    range_from = serializers.DecimalField(max_digits=6, decimal_places=1)
    range_to = serializers.DecimalField(
        max_digits=6, decimal_places=1, required=False, allow_null=True, default=None
    )
    min_percent = serializers.DecimalField(**PERCENT)
    max_percent = serializers.DecimalField(**PERCENT)


class ReviewSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    cycle = PublicIdField(cycle_selectors.cycles, required=False, allow_null=True, default=None)
    budgets = BudgetSerializer(many=True, write_only=True)
    matrix = CellSerializer(many=True, write_only=True, required=False, default=list)
    status = serializers.CharField(read_only=True, help_text="`open` or `finalised`.")

    class Meta:
        model = CompensationReview
        fields = [
            "id",
            "name",
            "status",
            "cycle",
            "effective_date",
            "proposal_deadline",
            "eligible_started_before",
            "leave_rule",
            "leave_days_over",
            "hard_budget",
            "opened_at",
            "finalised_at",
            "budgets",
            "matrix",
        ]
        read_only_fields = ["opened_at", "finalised_at"]


class ProposalSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    review = PublicIdField(CompensationReview, read_only=True)
    employee = PublicIdField(people_selectors.employees, read_only=True)
    awaiting = PublicIdField(
        people_selectors.employees,
        read_only=True,
        allow_null=True,
        help_text="The next approver up the reporting line; null once HR decides.",
    )
    new_pay = serializers.DecimalField(**MONEY, read_only=True)
    status = serializers.CharField(read_only=True, help_text="`pending`, `approved`, `rejected`.")

    class Meta:
        model = CompensationProposal
        fields = [
            "id",
            "review",
            "employee",
            "current_pay",
            "increase_percent",
            "increase_amount",
            "new_pay",
            "bonus_amount",
            "guidance_min",
            "guidance_max",
            "within_guidance",
            "reason",
            "status",
            "awaiting",
            "approvals",
            "updated_at",
        ]
        read_only_fields = fields


class ProposalInputSerializer(ApiSerializer):
    employee = PublicId(people_selectors.employees)
    increase_percent = serializers.DecimalField(**PERCENT, min_value=0)
    bonus_amount = serializers.DecimalField(**MONEY, min_value=0, required=False, default=0)
    reason = StrictCharField(required=False, allow_blank=True, default="")


class ProposalDecisionSerializer(ApiSerializer):
    reason = StrictCharField(required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(
        summary="List compensation reviews",
        description="HR admins, keys and managers with the compensation permission. Scope "
        "`compensation:read`.",
    ),
    retrieve=extend_schema(summary="Get a compensation review"),
    create=extend_schema(
        summary="Open a compensation review",
        description="HR admins and keys: budgets per department (an amount or a percent of "
        "the department's payroll) and the merit matrix (rating by position in range, each "
        "band from `range_from` up to but not including `range_to`). Eligibility: "
        "`eligible_started_before`, and the leave rule (`leave_rule` `exclude` or `flag`: "
        "people on leave on the effective date, or with more than `leave_days_over` days of "
        "leave in the cycle's period, else the year up to the effective date; budgets by "
        "percent of payroll count eligible people only). Scope `compensation:write`.",
    ),
)
class CompensationReviewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = SCOPE
    serializer_class = ReviewSerializer
    ordering = ["-effective_date", "-id"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return CompensationReview.objects.none()
        return selectors.review_list_for_viewer(actor=self.actor)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        budgets = [
            compensation.BudgetSpec(b["department"], b.get("amount"), b.get("percent_of_payroll"))
            for b in data.pop("budgets")
        ]
        matrix = [compensation.CellSpec(**cell) for cell in data.pop("matrix")]
        serializer.instance = compensation.review_open(
            actor=self.actor, budgets=budgets, matrix=matrix, **data
        )

    @extend_schema(
        summary="Finalise the review",
        description="HR admins and keys: writes each approved proposal's new pay, effective on "
        "the review's date, and sends `compensation_review.finalised`.",
        request=None,
        responses=ReviewSerializer,
    )
    @action(detail=True, methods=["post"])
    @without_body
    def finalise(self, request, id=None):
        review = self.get_object()
        compensation.review_finalise(actor=self.actor, review=review)
        review.refresh_from_db()
        return Response(ReviewSerializer(review).data)

    @extend_schema(
        summary="Download the payroll file",
        description="HR admins and keys: the approved changes as CSV (default) or XLSX; text "
        "that a spreadsheet would read as a formula is escaped.",
        parameters=[
            OpenApiParameter("file_format", OpenApiTypes.STR, enum=["csv", "xlsx"], required=False)
        ],
        responses={(200, "text/csv"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def payroll(self, request, id=None):
        review = self.get_object()
        fmt = request.query_params.get("file_format", "csv")
        if fmt not in ("csv", "xlsx"):
            raise ValidationError({"file_format": ["Choose csv or xlsx."]})
        data = compensation.payroll_export(actor=self.actor, review=review, fmt=fmt)
        response = HttpResponse(
            data, content_type=XLSX_CONTENT_TYPE if fmt == "xlsx" else CSV_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="payroll.{fmt}"'
        return response

    @extend_schema(
        methods=["GET"],
        operation_id="compensation_reviews_proposals_of_review",
        summary="List the review's proposals",
        description="Those the caller may read (HR: all; a manager: their reports' and those "
        "waiting for them).",
        responses=ProposalSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        operation_id="compensation_reviews_propose",
        summary="Propose an increase and a bonus",
        description="The person's manager with the compensation permission, or HR. Outside the "
        "merit matrix's guidance a `reason` is needed; a hard budget refuses a proposal that "
        "would pass it (`budget_exceeded`).",
        request=ProposalInputSerializer,
        responses={201: ProposalSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def proposals(self, request, id=None):
        review = self.get_object()
        if request.method == "GET":
            items = selectors.proposals_for_viewer(actor=self.actor, review=review)
            return paginated(self, items, ProposalSerializer)
        data = ProposalInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = compensation.proposal_submit(
            actor=self.actor, review=review, **data.validated_data
        )
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="List compensation proposals"),
    retrieve=extend_schema(summary="Get a compensation proposal"),
)
class CompensationProposalViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    scope_area = SCOPE
    serializer_class = ProposalSerializer
    ordering = ["id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return CompensationProposal.objects.none()
        return selectors.proposals_for_viewer(actor=self.actor)

    def _decide(self, request, *, approve: bool):
        proposal = self.get_object()
        data = ProposalDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = compensation.proposal_decide(
            actor=self.actor, proposal=proposal, approve=approve, **data.validated_data
        )
        return Response(ProposalSerializer(proposal).data)

    @extend_schema(
        summary="Approve a proposal",
        description="The next approver up the reporting line, or HR (whose approval is final).",
        request=ProposalDecisionSerializer,
        responses=ProposalSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, id=None):
        return self._decide(request, approve=True)

    @extend_schema(
        summary="Reject a proposal",
        description="The next approver or HR; the money returns to the department's budget.",
        request=ProposalDecisionSerializer,
        responses=ProposalSerializer,
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, id=None):
        return self._decide(request, approve=False)


def register(router) -> None:
    # The proposals' routes first: "compensation-reviews/proposals" is not a review's id.
    router.register(
        "compensation-reviews/proposals",
        CompensationProposalViewSet,
        basename="compensation-proposal",
    )
    router.register(
        "compensation-reviews", CompensationReviewViewSet, basename="compensation-review"
    )
