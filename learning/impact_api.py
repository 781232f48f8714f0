"""The learning impact report's API: the organisation's figures (`learning-impact`) and its
rows as collections of their own (`learning-impact/items`, `/capabilities`, `/plans`), cached
as the JSON values it sends under the report's key (`learning.impact`), a page reading only the
rows it shows."""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from django.core.cache import cache
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from capabilities import selectors as capability_selectors
from learning import impact
from learning.models import DevelopmentPlan, LearningItem
from plms.common.api import ApiSerializer, OrganizationScopedViewSet
from plms.common.pagination import PagePagination


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


# The parts of the API's report, cached as the JSON values the API writes (no public ids or
# decimals to unpickle): the figures, and each collection's rows in chunks of the largest page,
# so that a page reads only the one or two chunks it shows. The whole report once sent, the
# plans' 10,000 rows were most of a 700 KB body; unpickled whole for each page, they were
# still about 5 MB of every request's memory.
IMPACT_ROWS = ("items", "capabilities", "plans")
IMPACT_FIGURES = ("overall", "rates", "caveat")
CHUNK_ROWS = PagePagination.max_page_size
# Longer than the parts' entry, which is written after them: its chunks are there while it is.
CHUNK_EXTRA_SECONDS = 600


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


def _json_values(rows: list[dict]) -> list[dict]:
    return json.loads(JSONRenderer().render(rows))


def _chunk_key(token: str, part: str, number: int) -> str:
    return f"plms:learning-impact:api-rows:{token}:{part}:{number}"


def _impact_parts() -> dict:
    """The API's report as its parts: `figures`, and per collection its `count` with its rows
    in the cache in chunks of `CHUNK_ROWS` under a `token` of this build (or, when reports are
    not cached, its `rows`)."""
    report = _impact_with_public_ids()
    parts: dict = {"figures": {name: report[name] for name in IMPACT_FIGURES}}
    token = uuid.uuid4().hex
    cached = impact.reports_cached()
    for part in IMPACT_ROWS:
        rows = report.pop(part)
        if not cached:
            parts[part] = {"count": len(rows), "rows": _json_values(rows)}
            continue
        # One chunk's JSON values at a time: the build holds the report and one chunk.
        for number, start in enumerate(range(0, len(rows), CHUNK_ROWS)):
            cache.set(
                _chunk_key(token, part, number),
                _json_values(rows[start : start + CHUNK_ROWS]),
                settings.PLMS_RESULTS_CACHE_SECONDS + CHUNK_EXTRA_SECONDS,
            )
        parts[part] = {"count": len(rows), "token": token}
    return parts


class CachedRows:
    """A collection of the report read a chunk at a time, for the paginator: its length and
    the slices of its pages. A chunk missing from the cache (evicted) is read from the report
    built anew."""

    def __init__(self, part: str, count: int, token: str):
        self.part, self.length, self.token = part, count, token

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: slice) -> list[dict]:
        start, stop, _ = index.indices(self.length)
        if start >= stop:
            return []
        numbers = range(start // CHUNK_ROWS, (stop - 1) // CHUNK_ROWS + 1)
        keys = [_chunk_key(self.token, self.part, number) for number in numbers]
        found = cache.get_many(keys)
        if len(found) < len(keys):
            return _json_values(_impact_with_public_ids()[self.part])[start:stop]
        rows = [row for key in keys for row in found[key]]
        offset = numbers[0] * CHUNK_ROWS
        return rows[start - offset : stop - offset]


def _impact_part(part: str):
    """The figures (a dict), or a collection's rows (a sequence the paginator slices)."""
    parts = impact.impact_report_cached(name="api-parts", build=_impact_parts)
    if part == "figures":
        return parts["figures"]
    head = parts[part]
    if "rows" in head:
        return head["rows"]
    return CachedRows(part, head["count"], head["token"])


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
