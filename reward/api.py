"""Rate and reward API (scope area `compensation`): `performance-ratings` (with `confirm` and
`calibrate`), `pay-grades` (HR admins and keys, reads included) and `pay-records` (people's
current pay: readable as `reward.selectors.pay_readable` allows, every read of another's
pay audited; written by HR admins and keys with `compensation:write`)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from assessments.selectors import cycles as cycle_selectors
from capabilities import selectors as capability_selectors
from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    PublicIdFilter,
    StrictCharField,
)
from plms.people import selectors as people_selectors
from plms.tenancy.permissions import IsOrganizationAdmin
from reward import ranking, selectors, services
from reward.models import PayGrade, PayRecord, PerformanceRating

SCOPE = "compensation"


class IsAdminOrApiKey(BasePermission):
    """Pay structure is for HR admins and keys, reads included."""

    message = "Only HR admins may read the pay structure."

    def has_permission(self, request, view) -> bool:
        django_request = request._request
        if django_request.api_key is not None:
            return True
        return django_request.membership is not None and django_request.membership.is_admin


# --- Overall ratings -------------------------------------------------------------------------


class PerformanceRatingSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    cycle = PublicIdField(cycle_selectors.cycles, read_only=True)
    employee = PublicIdField(people_selectors.employees, read_only=True)
    final_level = serializers.IntegerField(read_only=True, allow_null=True)
    stage = serializers.CharField(
        read_only=True, help_text="`proposed`, `confirmed` (by the manager) or `calibrated`."
    )
    rank = serializers.IntegerField(
        source="calibration_rank",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The person's place in their department's ranking of the cycle, 1 first, "
        "once HR has ranked the group (`rank`); null while the organisation does not rank "
        "people (the default) or has not ranked this group yet.",
    )

    class Meta:
        model = PerformanceRating
        fields = [
            "id",
            "cycle",
            "employee",
            "capability_score",
            "goal_score",
            "score",
            "parts",
            "proposed_level",
            "manager_level",
            "manager_reason",
            "confirmed_at",
            "calibrated_level",
            "calibration_reason",
            "calibrated_at",
            "final_level",
            "stage",
            "rank",
            "computed_at",
        ]
        read_only_fields = fields


class ConfirmSerializer(ApiSerializer):
    level = serializers.IntegerField(
        required=False, allow_null=True, help_text="Omit to confirm the proposed level."
    )
    reason = StrictCharField(required=False, allow_blank=True, default="")


class CalibrateSerializer(ApiSerializer):
    level = serializers.IntegerField()
    reason = StrictCharField()


class RankSerializer(ApiSerializer):
    position = serializers.IntegerField(min_value=1, help_text="The new place, 1 first.")
    reason = StrictCharField(max_length=2000)


class PerformanceRatingFilter(ApiFilterSet):
    cycle = PublicIdFilter(field_name="cycle__uuid")
    employee = PublicIdFilter(field_name="employee__uuid")

    class Meta:
        model = PerformanceRating
        fields = ["cycle", "employee"]


@extend_schema_view(
    list=extend_schema(
        summary="List overall ratings",
        description="HR admins and keys: all; managers: the people below them; a person: "
        "their own once HR has released the cycle's ratings. Scope `compensation:read`.",
    ),
    retrieve=extend_schema(summary="Get an overall rating"),
)
class PerformanceRatingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    scope_area = SCOPE
    serializer_class = PerformanceRatingSerializer
    filterset_class = PerformanceRatingFilter
    ordering_fields = ["score", "computed_at"]
    ordering = ["id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return PerformanceRating.objects.none()
        return selectors.rating_list_for_viewer(actor=self.actor)

    @extend_schema(
        summary="Confirm or override the proposed rating",
        description="The person's manager (or HR): a level other than the proposal needs a "
        "`reason`. Scope `compensation:write`.",
        request=ConfirmSerializer,
        responses=PerformanceRatingSerializer,
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, id=None):
        rating = self.get_object()
        data = ConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating = services.rating_confirm(actor=self.actor, rating=rating, **data.validated_data)
        return Response(PerformanceRatingSerializer(rating).data)

    @extend_schema(
        summary="Calibrate the rating",
        description="HR admins, always with a `reason`. Scope `compensation:write`.",
        request=CalibrateSerializer,
        responses=PerformanceRatingSerializer,
    )
    @action(detail=True, methods=["post"])
    def calibrate(self, request, id=None):
        rating = self.get_object()
        data = CalibrateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating = services.rating_calibrate(actor=self.actor, rating=rating, **data.validated_data)
        return Response(PerformanceRatingSerializer(rating).data)

    @extend_schema(
        summary="Move the person within their calibration group",
        description="HR admins and keys, with a `reason`, while the organisation ranks people "
        "within their department (`ranking_off` otherwise): the person takes `position` and "
        "the others of the group keep their order around them. Audited. Scope "
        "`compensation:write`.",
        request=RankSerializer,
        responses=PerformanceRatingSerializer,
    )
    @action(detail=True, methods=["post"])
    def rank(self, request, id=None):
        rating = self.get_object()
        data = RankSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ranking.rating_rank(actor=self.actor, rating=rating, **data.validated_data)
        rating = selectors.rating_list_for_viewer(actor=self.actor).get(pk=rating.pk)
        return Response(PerformanceRatingSerializer(rating).data)


# --- Pay structure ---------------------------------------------------------------------------


class PayGradeSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    job_role = PublicIdField(
        capability_selectors.job_roles, required=False, allow_null=True, default=None
    )

    class Meta:
        model = PayGrade
        fields = [
            "id",
            "name",
            "job_role",
            "minimum",
            "midpoint",
            "maximum",
            "currency",
            "target_bonus_percent",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
        validators: list = []


@extend_schema_view(
    list=extend_schema(
        summary="List pay grades", description="HR admins and keys; scope `compensation:read`."
    ),
    retrieve=extend_schema(summary="Get a pay grade"),
    create=extend_schema(summary="Create a pay grade", description="Scope `compensation:write`."),
    partial_update=extend_schema(summary="Update a pay grade"),
)
class PayGradeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = SCOPE
    serializer_class = PayGradeSerializer
    ordering_fields = ["name", "minimum"]
    ordering = ["minimum", "name", "id"]
    extra_permission_classes = (IsAdminOrApiKey,)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.pay_grades()

    def perform_create(self, serializer):
        serializer.instance = services.pay_grade_create(
            actor=self.actor, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.pay_grade_update(
            actor=self.actor, grade=serializer.instance, **serializer.validated_data
        )


class PayRecordSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = PublicIdField(people_selectors.employees)
    grade = PublicIdField(PayGrade, required=False, allow_null=True, default=None)
    compa_ratio = serializers.DecimalField(
        max_digits=6, decimal_places=2, read_only=True, allow_null=True
    )
    position_in_range = serializers.DecimalField(
        max_digits=6,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        help_text="Where pay sits in the grade, from its minimum (0) to its maximum (100).",
    )
    reason = StrictCharField(write_only=True, required=False, allow_blank=True, default="")
    equity_attributes = serializers.DictField(
        child=serializers.CharField(max_length=100),
        required=False,
        help_text='Attributes for pay-equity analysis only, e.g. {"gender": "female"}.',
    )

    class Meta:
        model = PayRecord
        fields = [
            "id",
            "employee",
            "grade",
            "base_pay",
            "currency",
            "effective_date",
            "compa_ratio",
            "position_in_range",
            "equity_attributes",
            "updated_at",
            "reason",
        ]
        read_only_fields = ["updated_at"]
        validators: list = []


class PayRecordFilter(ApiFilterSet):
    employee = PublicIdFilter(field_name="employee__uuid")
    grade = PublicIdFilter(field_name="grade__uuid")

    class Meta:
        model = PayRecord
        fields = ["employee", "grade"]


@extend_schema_view(
    list=extend_schema(
        summary="List people's pay",
        description="Only the pay the caller may read (HR admins and keys: everyone's; a "
        "manager with the compensation permission: their reports'; a person: their own when "
        "the organisation allows). Each read of another person's pay is audited. Scope "
        "`compensation:read`.",
    ),
    retrieve=extend_schema(summary="Get a person's pay"),
    create=extend_schema(
        summary="Set a person's pay",
        description="HR admins and keys; creates or replaces the person's current pay. Scope "
        "`compensation:write`.",
    ),
)
class PayRecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = SCOPE
    serializer_class = PayRecordSerializer
    filterset_class = PayRecordFilter
    ordering = ["id"]
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return PayRecord.objects.none()
        return selectors.pay_records_readable(actor=self.actor)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        shown = selectors.pay_records_read(actor=self.actor, records=page)
        return self.get_paginated_response(self.get_serializer(shown, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        selectors.pay_records_read(actor=self.actor, records=[record])
        return Response(self.get_serializer(record).data)

    def perform_create(self, serializer):
        serializer.instance = services.pay_record_set(actor=self.actor, **serializer.validated_data)


def register(router) -> None:
    router.register("performance-ratings", PerformanceRatingViewSet, basename="performance-rating")
    router.register("pay-grades", PayGradeViewSet, basename="pay-grade")
    router.register("pay-records", PayRecordViewSet, basename="pay-record")
