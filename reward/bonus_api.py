"""Bonus run API (scope area `compensation`): `bonus-runs` (HR admins and keys open a run,
which computes each eligible person's bonus, finalise it and download it; managers with the
compensation permission read runs and their reports' lines) and `bonus-runs/lines` (each
person's bonus with every part, readable as `reward.selectors.pay_readable` allows, each read
of another person's line audited; `adjust` for HR admins and keys)."""

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
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    PublicIdFilter,
    StrictCharField,
    without_body,
)
from plms.common.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from plms.people import selectors as people_selectors
from plms.tenancy.permissions import IsOrganizationAdmin
from reward import bonus
from reward.models import BonusLine, BonusRun

SCOPE = "compensation"
MULTIPLIER = {"max_digits": 5, "decimal_places": 2, "min_value": 0, "max_value": 10}
MONEY = {"max_digits": 14, "decimal_places": 2}


@extend_schema_field(OpenApiTypes.UUID)
class PublicId(PublicIdField):
    """Another object of the organization by its public id (documented as a UUID)."""


class DepartmentMultiplierSerializer(ApiSerializer):
    department = PublicId(people_selectors.departments)
    multiplier = serializers.DecimalField(**MULTIPLIER)


class DepartmentMultipliersField(serializers.ListField):
    """Written as a list of {department, multiplier}; stored by department id, read back the
    same way as it is written."""

    child = DepartmentMultiplierSerializer()

    def to_representation(self, data):
        return [{"department": key, "multiplier": value} for key, value in (data or {}).items()]


class TotalsSerializer(ApiSerializer):
    people = serializers.IntegerField()
    target = serializers.DecimalField(**MONEY, allow_null=True)
    computed = serializers.DecimalField(**MONEY, allow_null=True)
    paid = serializers.DecimalField(**MONEY, allow_null=True)
    adjusted = serializers.IntegerField(help_text="How many lines HR adjusted.")


def _rating_key(key: str) -> int | str:
    if key == bonus.UNRATED:
        return key
    if not key.isdigit() or not 1 <= int(key) <= 10:
        raise ValidationError({"rating_multipliers": [f"{key!r} is not a rating or `unrated`."]})
    return int(key)


class BonusRunSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    cycle = PublicIdField(
        cycle_selectors.cycles,
        required=False,
        allow_null=True,
        default=None,
        help_text="The cycle whose final overall ratings give each person's individual multiplier.",
    )
    company_multiplier = serializers.DecimalField(**MULTIPLIER, required=False, default=1)
    department_multipliers = DepartmentMultipliersField(
        required=False,
        default=list,
        help_text="A department not named counts 1.",
    )
    rating_multipliers = serializers.DictField(
        child=serializers.DecimalField(**MULTIPLIER),
        required=False,
        default=dict,
        help_text='The individual multiplier per final rating, e.g. {"5": "1.5", "unrated": '
        '"1"}; a rating not named takes the default table (5: 1.5, 4: 1.25, 3: 1, 2: 0.5, '
        "1: 0, unrated: 1).",
    )
    status = serializers.CharField(read_only=True, help_text="`open` or `finalised`.")

    class Meta:
        model = BonusRun
        fields = [
            "id",
            "name",
            "year",
            "cycle",
            "company_multiplier",
            "department_multipliers",
            "rating_multipliers",
            "status",
            "opened_at",
            "finalised_at",
        ]
        read_only_fields = ["opened_at", "finalised_at"]

    def validate_rating_multipliers(self, value):
        return {_rating_key(str(key)): multiplier for key, multiplier in value.items()}


class BonusRunDetailSerializer(BonusRunSerializer):
    totals = serializers.SerializerMethodField(
        help_text="Over the lines the caller may read (HR admins and keys: the whole run)."
    )

    class Meta(BonusRunSerializer.Meta):
        fields = [*BonusRunSerializer.Meta.fields, "totals"]

    @extend_schema_field(TotalsSerializer)
    def get_totals(self, run):
        return TotalsSerializer(self.context["totals"]).data


class BonusLineSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    run = PublicIdField(BonusRun, read_only=True)
    employee = PublicIdField(people_selectors.employees, read_only=True)
    department = PublicIdField(people_selectors.departments, read_only=True, allow_null=True)
    rating = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The final overall rating; null: unrated."
    )
    amount = serializers.DecimalField(
        **MONEY, read_only=True, help_text="What is paid: the adjusted amount, else the computed."
    )

    class Meta:
        model = BonusLine
        fields = [
            "id",
            "run",
            "employee",
            "department",
            "base_pay",
            "currency",
            "target_percent",
            "target_amount",
            "company_multiplier",
            "department_multiplier",
            "rating",
            "individual_multiplier",
            "prorate",
            "computed_amount",
            "adjusted_amount",
            "adjustment_reason",
            "adjusted_at",
            "amount",
        ]
        read_only_fields = fields


class AdjustSerializer(ApiSerializer):
    amount = serializers.DecimalField(**MONEY, min_value=0)
    reason = StrictCharField(max_length=2000)


class BonusLineFilter(ApiFilterSet):
    run = PublicIdFilter(field_name="run__uuid")
    employee = PublicIdFilter(field_name="employee__uuid")

    class Meta:
        model = BonusLine
        fields = ["run", "employee"]


def _audited_page(view, lines):
    page = view.paginator.paginate_queryset(lines, view.request, view=view)
    shown = bonus.bonus_lines_read(actor=view.actor, lines=page)
    return view.paginator.get_paginated_response(BonusLineSerializer(shown, many=True).data)


@extend_schema_view(
    list=extend_schema(
        summary="List bonus runs",
        description="HR admins, keys and managers with the compensation permission. Scope "
        "`compensation:read`.",
    ),
    retrieve=extend_schema(
        summary="Get a bonus run",
        description="With totals over the lines the caller may read.",
        responses=BonusRunDetailSerializer,
    ),
    create=extend_schema(
        summary="Open a bonus run",
        description="HR admins and keys: computes each eligible person's bonus (pay with a "
        "grade whose target bonus is above zero, employed on a day of `year`): base pay x the "
        "grade's target % x company, department and individual multipliers x the part of the "
        "year employed. Scope `compensation:write`.",
        responses={201: BonusRunDetailSerializer},
    ),
)
class BonusRunViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = SCOPE
    serializer_class = BonusRunSerializer
    ordering = ["-year", "-id"]
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return BonusRun.objects.none()
        return bonus.bonus_runs_for_viewer(actor=self.actor)

    def _detail(self, run: BonusRun, code: int = status.HTTP_200_OK) -> Response:
        totals = bonus.bonus_run_totals(actor=self.actor, run=run)
        return Response(BonusRunDetailSerializer(run, context={"totals": totals}).data, code)

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        run = bonus.bonus_run_open(
            actor=self.actor,
            department_multipliers={
                item["department"]: item["multiplier"]
                for item in data.pop("department_multipliers")
            },
            **data,
        )
        return self._detail(run, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Finalise the bonus run",
        description="HR admins and keys: no line changes afterwards; sends "
        "`bonus_run.finalised`. Scope `compensation:write`.",
        request=None,
        responses=BonusRunDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    @without_body
    def finalise(self, request, id=None):
        run = bonus.bonus_run_finalise(actor=self.actor, run=self.get_object())
        return self._detail(run)

    @extend_schema(
        operation_id="bonus_runs_lines_of_run",
        summary="List the run's lines",
        description="Each person's bonus with every part, only those whose pay the caller may "
        "read; each read of another person's line is audited.",
        responses=BonusLineSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def lines(self, request, id=None):
        run = self.get_object()
        return _audited_page(self, bonus.bonus_lines_readable(actor=self.actor, run=run))

    @extend_schema(
        summary="Download the bonus file",
        description="HR admins and keys: every line with each part, as CSV (default) or XLSX; "
        "text that a spreadsheet would read as a formula is escaped. The download is audited.",
        parameters=[
            OpenApiParameter("file_format", OpenApiTypes.STR, enum=["csv", "xlsx"], required=False)
        ],
        responses={(200, "text/csv"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def export(self, request, id=None):
        run = self.get_object()
        fmt = request.query_params.get("file_format", "csv")
        if fmt not in ("csv", "xlsx"):
            raise ValidationError({"file_format": ["Choose csv or xlsx."]})
        data = bonus.bonus_export(actor=self.actor, run=run, fmt=fmt)
        response = HttpResponse(
            data, content_type=XLSX_CONTENT_TYPE if fmt == "xlsx" else CSV_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="bonus.{fmt}"'
        return response


@extend_schema_view(
    list=extend_schema(
        summary="List bonus lines",
        description="Every run's lines whose pay the caller may read (HR admins and keys: all; "
        "a manager with the compensation permission: their reports'; a person: their own when "
        "the organisation allows). Each read of another person's line is audited. Scope "
        "`compensation:read`.",
    ),
    retrieve=extend_schema(summary="Get a bonus line"),
)
class BonusLineViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet):
    scope_area = SCOPE
    serializer_class = BonusLineSerializer
    filterset_class = BonusLineFilter
    ordering = ["id"]
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return BonusLine.objects.none()
        return bonus.bonus_lines_readable(actor=self.actor)

    def list(self, request, *args, **kwargs):
        return _audited_page(self, self.filter_queryset(self.get_queryset()))

    def retrieve(self, request, *args, **kwargs):
        line = self.get_object()
        bonus.bonus_lines_read(actor=self.actor, lines=[line])
        return Response(self.get_serializer(line).data)

    @extend_schema(
        summary="Adjust a person's bonus",
        description="HR admins and keys set the amount paid, always with a `reason` (audited "
        "with the amount before and after); the computed amount stays beside it. An open run "
        "only (`already_decided` once finalised). Scope `compensation:write`.",
        request=AdjustSerializer,
        responses=BonusLineSerializer,
    )
    @action(detail=True, methods=["post"])
    def adjust(self, request, id=None):
        line = self.get_object()
        data = AdjustSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        line = bonus.bonus_adjust(actor=self.actor, line=line, **data.validated_data)
        return Response(BonusLineSerializer(line).data)


def register(router) -> None:
    # The lines' routes first: "bonus-runs/lines" is not a run's id.
    router.register("bonus-runs/lines", BonusLineViewSet, basename="bonus-line")
    router.register("bonus-runs", BonusRunViewSet, basename="bonus-run")
