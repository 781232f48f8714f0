"""`performance-outliers` (scope area `compensation`): consistently high performers and
chronic low performers (`reward.outliers` says who counts), each with their final ratings over
the window of cycles and the suggested action; readable as overall ratings are."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from plms.common.api import ApiSerializer, OrganizationScopedViewSet
from reward import outliers

SCOPE = "compensation"


class OutlierLevelSerializer(ApiSerializer):
    cycle = serializers.UUIDField()
    level = serializers.IntegerField(allow_null=True, help_text="Null: no final rating.")


class OutlierSerializer(ApiSerializer):
    employee = serializers.UUIDField(source="employee.uuid")
    kind = serializers.ChoiceField(choices=[outliers.HIGH, outliers.LOW])
    ratings = serializers.SerializerMethodField(
        help_text="The final overall rating in each cycle of the window, newest first."
    )
    count = serializers.IntegerField(
        help_text="How many of those ratings are top ratings (high) or low ratings (low)."
    )
    red_goals = serializers.IntegerField(
        allow_null=True, help_text="Active goals that are red now (low performers only)."
    )
    missed_check_ins = serializers.IntegerField(
        allow_null=True,
        help_text="Check-ins of the last six months neither held nor cancelled (low performers "
        "only).",
    )
    suggested_action = serializers.ChoiceField(
        source="action",
        choices=[
            outliers.RETENTION_REVIEW,
            outliers.IMPROVEMENT_PLAN,
            outliers.FOLLOW_IMPROVEMENT_PLAN,
        ],
    )
    improvement_plan = serializers.UUIDField(
        source="improvement_plan.uuid",
        allow_null=True,
        default=None,
        help_text="The person's open performance improvement plan, if any.",
    )

    def get_ratings(self, outlier) -> list[dict]:
        cycles = self.context["cycles"]
        return OutlierLevelSerializer(
            [
                {"cycle": cycle.uuid, "level": level}
                for cycle, level in zip(cycles, outlier.levels, strict=True)
            ],
            many=True,
        ).data

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.kind == outliers.HIGH:
            data["red_goals"] = data["missed_check_ins"] = None
        return data


class OutlierQuerySerializer(ApiSerializer):
    kind = serializers.ChoiceField(choices=[outliers.HIGH, outliers.LOW], required=False)
    cycles = serializers.IntegerField(min_value=1, max_value=outliers.MAX_CYCLES, required=False)
    times = serializers.IntegerField(min_value=1, required=False)


@extend_schema_view(
    list=extend_schema(
        summary="Performance outliers",
        description="Consistently high performers (the top overall rating in at least `times` "
        "of the last `cycles` cycles with final ratings) and chronic low performers (low "
        "ratings as often, or a low latest rating with red goals or missed check-ins), each "
        "with a suggested action: `retention_review`, `improvement_plan`, or "
        "`follow_improvement_plan` when one is open. HR admins and keys: everyone; a manager: "
        "the people below them; others: nobody. High performers first, then by name. Scope "
        "`compensation:read`.",
        parameters=[
            OpenApiParameter(
                "kind", OpenApiTypes.STR, enum=[outliers.HIGH, outliers.LOW], required=False
            ),
            OpenApiParameter(
                "cycles",
                OpenApiTypes.INT,
                required=False,
                description=f"M: how many of the latest cycles count (1 to "
                f"{outliers.MAX_CYCLES}, default {outliers.DEFAULT_CYCLES}).",
            ),
            OpenApiParameter(
                "times",
                OpenApiTypes.INT,
                required=False,
                description=f"N: in how many of them (1 to M, default {outliers.DEFAULT_TIMES}, "
                "or M when M is smaller).",
            ),
        ],
        responses=OutlierSerializer(many=True),
    )
)
class PerformanceOutlierViewSet(OrganizationScopedViewSet):
    scope_area = SCOPE
    filter_backends: list = []

    def list(self, request):
        query = OutlierQuerySerializer(
            data={k: v for k, v in request.query_params.items() if k in ("kind", "cycles", "times")}
        )
        query.is_valid(raise_exception=True)
        cycles = query.validated_data.get("cycles", outliers.DEFAULT_CYCLES)
        times = query.validated_data.get("times", min(outliers.DEFAULT_TIMES, cycles))
        if times > cycles:
            raise ValidationError({"times": ["From 1 to the number of cycles."]})
        report = outliers.outliers_for_viewer(
            actor=self.actor, criteria=outliers.Criteria(cycles=cycles, times=times)
        )
        kind = query.validated_data.get("kind")
        rows = [row for row in (*report.high, *report.low) if kind in (None, row.kind)]
        page = self.paginate_queryset(rows)
        data = OutlierSerializer(page, many=True, context={"cycles": report.cycles}).data
        return self.get_paginated_response(data)


def register(router) -> None:
    router.register(
        "performance-outliers", PerformanceOutlierViewSet, basename="performance-outlier"
    )
