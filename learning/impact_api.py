"""The learning impact report's API: the organisation's figures (`learning-impact`) and its
rows as collections of their own (`learning-impact/items`, `/capabilities`, `/plans`), each
part cached as the JSON it sends under the report's key (`learning.impact`)."""

from __future__ import annotations

import json

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from capabilities import selectors as capability_selectors
from learning import impact
from learning.models import DevelopmentPlan, LearningItem
from plms.common.api import ApiSerializer, OrganizationScopedViewSet


def _money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, **kwargs
    )


def _impact_fields(*, cost: bool) -> dict[str, serializers.Field]:
    """The figures of a row of the report (items, capabilities, plans, overall), in order."""
    fields: dict[str, serializers.Field] = {
        "completions": serializers.IntegerField(),
        "measured": serializers.IntegerField(
            help_text="Completions with a consolidated level before and after."
        ),
        "mean_change": _money(allow_null=True, help_text="Mean change of level, if measured."),
        "levels_gained": _money(),
    }
    if cost:
        fields["cost"] = _money()
        fields["cost_per_level"] = _money(allow_null=True, help_text="Per level gained.")
    return fields


# Declared in the order of the report's rows, which the API sends as they are.
ImpactCostSerializer = type("ImpactCostSerializer", (ApiSerializer,), {**_impact_fields(cost=True)})
ImpactItemSerializer = type(
    "ImpactItemSerializer",
    (ApiSerializer,),
    {
        "item": serializers.CharField(),
        **_impact_fields(cost=True),
        "satisfaction": _money(allow_null=True, help_text="The learners' mean rating, 1-5."),
        "ratings": serializers.IntegerField(),
        "item_id": serializers.UUIDField(allow_null=True, help_text="The learning item."),
    },
)
ImpactCapabilitySerializer = type(
    "ImpactCapabilitySerializer",
    (ApiSerializer,),
    {
        "capability": serializers.CharField(),
        **_impact_fields(cost=True),
        "reached_proficiency": serializers.IntegerField(),
        "mean_days_to_proficiency": serializers.IntegerField(allow_null=True),
        "capability_id": serializers.UUIDField(),
    },
)
ImpactPlanSerializer = type(
    "ImpactPlanSerializer",
    (ApiSerializer,),
    {**_impact_fields(cost=False), "plan_id": serializers.UUIDField()},
)


class ImpactRatesSerializer(ApiSerializer):
    items_total = serializers.IntegerField()
    items_done = serializers.IntegerField()
    item_rate = serializers.IntegerField(allow_null=True, help_text="Percent.")
    plans_total = serializers.IntegerField()
    plans_completed = serializers.IntegerField()
    plan_rate = serializers.IntegerField(allow_null=True, help_text="Percent.")


class LearningImpactSerializer(ApiSerializer):
    """The organisation's figures; the rows are collections of their own."""

    overall = ImpactCostSerializer()
    rates = ImpactRatesSerializer()
    caveat = serializers.CharField()


# The parts of the API's report, each cached on its own and as the JSON values the API
# writes (no public ids or decimals to unpickle): a page reads only its part. The whole report
# once sent, the plans' 10,000 rows were most of a 700 KB body read on every request.
IMPACT_ROWS = ("items", "capabilities", "plans")
IMPACT_FIGURES = ("overall", "rates", "caveat")


def _impact_with_public_ids() -> dict:
    """The impact report as the API sends it: public ids instead of row ids."""
    report = impact.impact_report()
    report.pop("measurements")
    items = dict(
        LearningItem.objects.filter(id__in=[r["item_id"] for r in report["items"]]).values_list(
            "id", "uuid"
        )
    )
    capabilities = dict(
        capability_selectors.capabilities()
        .filter(id__in=[r["capability_id"] for r in report["capabilities"]])
        .values_list("id", "uuid")
    )
    plans = dict(
        DevelopmentPlan.objects.filter(id__in=[r["plan_id"] for r in report["plans"]]).values_list(
            "id", "uuid"
        )
    )
    for row in report["items"]:
        row["item_id"] = items.get(row.pop("item_id"))
    for row in report["capabilities"]:
        row["capability_id"] = capabilities.get(row.pop("capability_id"))
    for row in report["plans"]:
        row["plan_id"] = plans.get(row.pop("plan_id"))
    return report


def _impact_part(part: str):
    def build():
        report = impact.impact_report_cached(name="api", build=_impact_with_public_ids)
        if part == "figures":
            return {name: report[name] for name in IMPACT_FIGURES}
        return json.loads(JSONRenderer().render(report[part]))

    return impact.impact_report_cached(name=f"api:{part}", build=build)


class LearningImpactViewSet(OrganizationScopedViewSet):
    scope_area = "learning"
    filter_backends: list = []

    @extend_schema(
        summary="Learning impact report",
        description="The organisation's figures: completions, how many were measured (a "
        "consolidated level before and after), mean change, levels gained and cost per level "
        "gained (`overall`), completion `rates`, and the `caveat`: association, not proof. "
        "The rows are collections of their own, 50 a page: per item "
        "`learning-impact/items`, per capability `learning-impact/capabilities`, per plan "
        "`learning-impact/plans`. Scope `learning:read`.",
        responses={200: LearningImpactSerializer},
    )
    def report(self, request):
        return Response(_impact_part("figures"))

    @extend_schema(
        summary="Learning impact per item",
        description="Completions, measured changes, levels gained, cost per level gained and "
        "the learners' satisfaction per learning item, the items that moved competence most "
        "first. Scope `learning:read`.",
        responses={200: ImpactItemSerializer(many=True)},
    )
    def items(self, request):
        return self.get_paginated_response(self.paginate_queryset(_impact_part("items")))

    @extend_schema(
        summary="Learning impact per capability",
        description="Completions, measured changes, levels gained, cost per level gained and "
        "time to proficiency per capability, the capabilities that moved most first. Scope "
        "`learning:read`.",
        responses={200: ImpactCapabilitySerializer(many=True)},
    )
    def capabilities(self, request):
        rows = self.paginate_queryset(_impact_part("capabilities"))
        return self.get_paginated_response(rows)

    @extend_schema(
        summary="Learning impact per development plan",
        description="Completions, measured changes and levels gained per plan, in the plans' "
        "order of creation. Scope `learning:read`.",
        responses={200: ImpactPlanSerializer(many=True)},
    )
    def plans(self, request):
        return self.get_paginated_response(self.paginate_queryset(_impact_part("plans")))


# The impact report and its parts are routed outside the router.
urlpatterns = [
    path(
        "learning-impact",
        LearningImpactViewSet.as_view({"get": "report"}),
        name="learning-impact",
    ),
    path(
        "learning-impact/items",
        LearningImpactViewSet.as_view({"get": "items"}),
        name="learning-impact-items",
    ),
    path(
        "learning-impact/capabilities",
        LearningImpactViewSet.as_view({"get": "capabilities"}),
        name="learning-impact-capabilities",
    ),
    path(
        "learning-impact/plans",
        LearningImpactViewSet.as_view({"get": "plans"}),
        name="learning-impact-plans",
    ),
]
