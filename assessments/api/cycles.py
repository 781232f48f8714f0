"""Assessments API, cycles and assessments: `assessment-cycles` (launch, close, reopen, the
department heatmap), `assessments` (with `ratings` and `submit`) and `employees/{id}/gaps`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import smart_str
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from assessments import gaps
from assessments.api.reviews import (
    AnswersInputSerializer,
    QuestionAnswerSerializer,
    answers_action,
)
from assessments.models import (
    RATER_KINDS,
    Assessment,
    AssessmentCycle,
    Rating,
    ReviewTemplate,
)
from assessments.results_cache import cached_report
from assessments.rows import CyclePagePaginator, assessment_list_item
from assessments.selectors import cycles as cycle_selectors
from assessments.selectors import raters as rater_selectors
from assessments.services import cycles as cycle_services
from assessments.services import ratings as rating_services
from capabilities import selectors as capability_selectors
from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    PublicIdFilter,
    StrictChoiceFilter,
    without_body,
)
from plms.common.errors import NotFound
from plms.common.ids import parse_public_id
from plms.common.pagination import PagePagination, paginated
from plms.people import selectors as people_selectors
from plms.people.api import EmployeeFiguresSerializer
from plms.tenancy.permissions import IsOrganizationAdmin


class WeightsSerializer(ApiSerializer):
    """Rater kinds' weights in percent (0 = not used); they total 100."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in RATER_KINDS:
            self.fields[kind] = serializers.IntegerField(
                source=f"weight_{kind}", min_value=0, max_value=100, required=False
            )


class DeadlinesSerializer(ApiSerializer):
    """The date each rater kind's assessments are due."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in RATER_KINDS:
            self.fields[kind] = serializers.DateField(
                source=f"deadline_{kind}", allow_null=True, required=False
            )


class LaunchSerializer(ApiSerializer):
    state = serializers.CharField(source="launch_state", read_only=True)
    total = serializers.IntegerField(source="launch_total", read_only=True)
    done = serializers.IntegerField(source="launch_done", read_only=True)
    percent = serializers.IntegerField(source="launch_percent", read_only=True)
    launched_at = serializers.DateTimeField(read_only=True, allow_null=True)


class AssessmentCycleSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    scope_ids = serializers.ListField(child=serializers.UUIDField(), required=False)
    weights = WeightsSerializer(source="*", required=False)
    deadlines = DeadlinesSerializer(source="*", required=False)
    framework_version = serializers.IntegerField(
        source="framework_version.number", read_only=True, allow_null=True
    )
    review_template = PublicIdField(
        ReviewTemplate,
        required=False,
        allow_null=True,
        help_text="The review template whose questions the cycle asks (null: ratings only).",
    )
    review_template_version = serializers.IntegerField(
        source="review_template_version.number",
        read_only=True,
        allow_null=True,
        help_text="The template version the cycle launched with (kept whatever changes after).",
    )
    launch = LaunchSerializer(source="*", read_only=True)
    assessment_count = serializers.IntegerField(read_only=True)
    submitted_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = AssessmentCycle
        fields = [
            "id",
            "name",
            "period_start",
            "period_end",
            "status",
            "scope",
            "scope_ids",
            "weights",
            "deadlines",
            "peer_anonymous",
            "min_peers",
            "max_peer_requests",
            "upward_reviews",
            "min_upward",
            "review_template",
            "review_template_version",
            "evidence_at_extremes",
            "evidence_min_distance",
            "preview_voting",
            "framework_version",
            "launch",
            "assessment_count",
            "submitted_count",
            "closed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "closed_at", "created_at", "updated_at"]


class ReasonSerializer(ApiSerializer):
    reason = serializers.CharField(max_length=2000)


class CloseSerializer(ApiSerializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    confirmed_unsubmitted = serializers.IntegerField(min_value=0, required=False)


class AssessmentSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    cycle = serializers.UUIDField(source="cycle.uuid", read_only=True)
    employee = serializers.UUIDField(source="employee.uuid", read_only=True)
    rater = serializers.UUIDField(source="rater.uuid", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "cycle",
            "employee",
            "rater",
            "kind",
            "weight",
            "status",
            "performance",
            "potential",
            "submitted_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


_CAPABILITIES = "rated_capabilities"  # the capabilities a ratings input names, by public id


class RatedCapabilityField(PublicIdField):
    """A rating's capability by public id, found among those `RatingsInputSerializer` read in
    one query for all its ratings (alone, each value is a query of its own). Anything that is
    not a public id in text is looked up as `PublicIdField` does, to refuse it the same way."""

    def to_internal_value(self, data):
        found = self.context.get(_CAPABILITIES)
        public_id = parse_public_id(data) if isinstance(data, str) else None
        if found is None or public_id is None:
            return super().to_internal_value(data)
        if public_id not in found:
            self.fail("does_not_exist", slug_name=self.slug_field, value=smart_str(data))
        return found[public_id]


class RatingSerializer(ApiModelSerializer):
    capability = RatedCapabilityField(capability_selectors.capabilities)
    capability_key = serializers.CharField(source="capability.key", read_only=True)
    level = serializers.IntegerField(allow_null=True, required=False, min_value=0)
    not_observed = serializers.BooleanField(required=False, default=False)
    evidence = serializers.CharField(allow_blank=True, required=False, max_length=5000)

    class Meta:
        model = Rating
        fields = ["capability", "capability_key", "level", "not_observed", "evidence", "updated_at"]
        read_only_fields = ["updated_at"]
        validators: list = []

    def validate(self, data):
        if data.get("not_observed"):
            if data.get("level") is not None:
                raise serializers.ValidationError({"level": "Leave empty when not observed."})
        elif data.get("level") is None:
            raise serializers.ValidationError({"level": "Choose a level, or not observed."})
        return data


class RatingsInputSerializer(ApiSerializer):
    ratings = RatingSerializer(many=True, allow_empty=False)

    def to_internal_value(self, data):
        # The capabilities of every rating in one query, before each rating is validated.
        items = data.get("ratings") if isinstance(data, Mapping) else None
        if isinstance(items, list):
            public_ids = {
                parse_public_id(item["capability"])
                for item in items
                if isinstance(item, Mapping) and isinstance(item.get("capability"), str)
            } - {None}
            self._context[_CAPABILITIES] = {
                capability.uuid: capability
                for capability in capability_selectors.capabilities().filter(uuid__in=public_ids)
            }
        return super().to_internal_value(data)


class CapabilityGapSerializer(ApiSerializer):
    capability = serializers.UUIDField(source="capability.uuid")
    capability_key = serializers.CharField(source="capability.key")
    capability_name = serializers.CharField(source="capability.name")
    target_level = serializers.IntegerField(source="target")
    weight = serializers.IntegerField()
    current_level = serializers.DecimalField(
        source="current", max_digits=4, decimal_places=2, allow_null=True
    )
    gap = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    weighted_gap = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    previous_level = serializers.DecimalField(
        source="previous", max_digits=4, decimal_places=2, allow_null=True
    )
    trend = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    cycle = serializers.UUIDField(source="cycle.uuid", allow_null=True)
    external_sources = serializers.ListField(
        source="sources.external",
        child=serializers.CharField(),
        help_text="The other systems whose imported ratings (`external-ratings`, by their "
        "`source`) count in the current level; empty when none do.",
    )


class EmployeeGapsSerializer(EmployeeFiguresSerializer):
    weighted_gap_index = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, read_only=True
    )
    gaps = CapabilityGapSerializer(many=True, read_only=True)

    class Meta(EmployeeFiguresSerializer.Meta):
        fields = ["employee", "weighted_gap_index", "gaps"]


class HeatmapDepartmentSerializer(ApiSerializer):
    id = serializers.UUIDField(source="uuid", allow_null=True, help_text="Null: no department.")
    name = serializers.CharField(allow_blank=True)


class HeatmapCapabilitySerializer(ApiSerializer):
    id = serializers.UUIDField(source="uuid")
    key = serializers.CharField()
    name = serializers.CharField()


class HeatmapCellSerializer(ApiSerializer):
    department = serializers.UUIDField(allow_null=True)
    capability = serializers.UUIDField()
    people = serializers.IntegerField()
    below_target = serializers.IntegerField(source="below")
    share_below = serializers.IntegerField(help_text="Percent of the people below target.")
    mean_level = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    mean_target = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    mean_gap = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)


class DepartmentHeatmapSerializer(ApiSerializer):
    """The heatmap's departments and capabilities; its cells are the collection
    `department-heatmap/cells`."""

    cycle = serializers.UUIDField()
    departments = HeatmapDepartmentSerializer(many=True)
    capabilities = HeatmapCapabilitySerializer(many=True)


def _decimal(value: Decimal | None) -> str | None:
    """As `DecimalField(decimal_places=2)` writes it (the values are quantized already)."""
    return None if value is None else f"{value:f}"


def _heatmap_payload(cycle: AssessmentCycle, heatmap: dict) -> dict:
    """The department heatmap as `DepartmentHeatmapSerializer` describes it, with its cells as
    `HeatmapCellSerializer` does. The cells (up to departments x capabilities of them) are
    written here as plain values: the serializer's per-field machinery cost more than the
    aggregate query behind them."""
    departments = {d["id"]: d["uuid"] for d in heatmap["departments"]}
    capabilities = {c["id"]: str(c["uuid"]) for c in heatmap["capabilities"]}
    return {
        "cycle": str(cycle.uuid),
        "departments": HeatmapDepartmentSerializer(heatmap["departments"], many=True).data,
        "capabilities": HeatmapCapabilitySerializer(heatmap["capabilities"], many=True).data,
        "cells": [
            {
                "department": (
                    None
                    if departments[cell.department_id] is None
                    else str(departments[cell.department_id])
                ),
                "capability": capabilities[cell.capability_id],
                "people": cell.people,
                "below_target": cell.below,
                "share_below": cell.share_below,
                "mean_level": _decimal(cell.mean_level),
                "mean_target": _decimal(cell.mean_target),
                "mean_gap": _decimal(cell.mean_gap),
            }
            for cell in heatmap["cells"]
        ],
    }


def _heatmap_part(cycle: AssessmentCycle, part: str):
    """A part of the department heatmap as the API sends it, cached until what it shows
    changes: its departments and capabilities as JSON (`"summary"`), or its cells each as the
    JSON of one (`"cells"`: a page decodes only its own). Both are built from the heatmap the
    department heatmap page caches."""

    def build():
        heatmap = cached_report(
            cycle=cycle,
            name="department-heatmap",
            build=lambda: gaps.department_heatmap(levels=gaps.group_levels(cycle=cycle)),
        )
        payload = _heatmap_payload(cycle, heatmap)
        renderer = JSONRenderer()
        if part == "cells":
            return [renderer.render(cell) for cell in payload["cells"]]
        return renderer.render(
            {name: payload[name] for name in ("cycle", "departments", "capabilities")}
        )

    return cached_report(cycle=cycle, name=f"department-heatmap-api:{part}", build=build)


# --- Views -----------------------------------------------------------------------------------


class AssessmentCycleFilter(ApiFilterSet):
    status = StrictChoiceFilter(choices=AssessmentCycle.Status.choices)
    scope = StrictChoiceFilter(choices=AssessmentCycle.Scope.choices)

    class Meta:
        model = AssessmentCycle
        fields = ["status", "scope"]


def _cycle_kwargs(data: dict) -> dict:
    data = dict(data)
    if "scope_ids" in data:
        data["scope_ids"] = [str(value) for value in data["scope_ids"]]
    return data


@extend_schema_view(
    list=extend_schema(summary="List assessment cycles", description="Scope `assessments:read`."),
    retrieve=extend_schema(summary="Get an assessment cycle"),
    create=extend_schema(
        summary="Create an assessment cycle", description="HR admins; `assessments:write`."
    ),
    partial_update=extend_schema(
        summary="Update an assessment cycle",
        description="Scope and weights are fixed once the cycle is launched.",
    ),
    destroy=extend_schema(
        summary="Delete a draft assessment cycle",
        responses={
            204: None,
            409: OpenApiResponse(description="`cycle_not_draft`: launched cycles stay."),
        },
    ),
)
class AssessmentCycleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "assessments"
    serializer_class = AssessmentCycleSerializer
    filterset_class = AssessmentCycleFilter
    search_fields = ["name"]
    ordering_fields = ["period_end", "created_at"]
    ordering = ["-period_end", "-id"]
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if self.action in ("department_heatmap", "department_heatmap_cells"):
            # the cycle itself, without its counts
            return AssessmentCycle.objects.all()
        return cycle_selectors.cycle_list().select_related(
            "review_template", "review_template_version"
        )

    def perform_create(self, serializer):
        cycle = cycle_services.cycle_create(
            actor=self.actor, **_cycle_kwargs(serializer.validated_data)
        )
        serializer.instance = cycle_selectors.cycle_get(uuid=cycle.uuid)

    def perform_update(self, serializer):
        cycle = cycle_services.cycle_update(
            actor=self.actor,
            cycle=serializer.instance,
            **_cycle_kwargs(serializer.validated_data),
        )
        serializer.instance = cycle_selectors.cycle_get(uuid=cycle.uuid)

    def perform_destroy(self, instance):
        cycle_services.cycle_delete(actor=self.actor, cycle=instance)

    def _refreshed(self, cycle) -> Response:
        return Response(self.get_serializer(cycle_selectors.cycle_get(uuid=cycle.uuid)).data)

    @extend_schema(
        summary="Launch the cycle",
        description="Opens the cycle and creates its assessments in the background; `launch` "
        "reports the progress. Launching again adds newcomers to the scope, never duplicates.",
        request=None,
        responses={202: AssessmentCycleSerializer},
    )
    @action(detail=True, methods=["post"])
    @without_body
    def launch(self, request, id=None):
        cycle = cycle_services.cycle_launch(actor=self.actor, cycle=self.get_object())
        response = self._refreshed(cycle)
        response.status_code = status.HTTP_202_ACCEPTED
        return response

    @extend_schema(
        summary="Close the cycle",
        description="Consolidates the submitted ratings; emits `assessment_cycle.closed`. "
        "Optional: `reason` (kept in the audit trail with the number of assessments not "
        "submitted) and `confirmed_unsubmitted`, the number of unsubmitted assessments the "
        "caller expects: if it is no longer true the close is refused (`409 "
        "confirmation_stale`), and when it is above 0 a `reason` is required.",
        request=CloseSerializer,
        responses={200: AssessmentCycleSerializer},
    )
    @action(detail=True, methods=["post"])
    def close(self, request, id=None):
        cycle = self.get_object()
        data = CloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._refreshed(
            cycle_services.cycle_close(actor=self.actor, cycle=cycle, **data.validated_data)
        )

    @extend_schema(
        summary="Departments x capabilities gap heatmap",
        description="The departments and capabilities of the cycle's consolidated results; "
        "per department and capability (people assessed, how many are below target and their "
        "share, mean level, target and gap) the collection `department-heatmap/cells`. One "
        "aggregate query whatever the number of people, cached until the cycle's levels, "
        "someone's department or a name shown changes. HR admins and keys "
        "(`assessments:read`).",
        responses={200: DepartmentHeatmapSerializer},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="department-heatmap",
        pagination_class=None,
        filterset_class=None,
    )
    def department_heatmap(self, request, id=None):
        cycle = self.get_object()
        self.actor.require_admin()
        # Cached as the JSON it is sent as: one bytes object per request.
        return HttpResponse(_heatmap_part(cycle, "summary"), content_type="application/json")

    @extend_schema(
        summary="The department heatmap's cells",
        description="Per department and capability of the cycle's consolidated results that "
        "has any: people assessed, how many are below target and their share, mean level, "
        "target and gap; departments in the order of `department-heatmap` (by name, people "
        "without a department last), capabilities by name within each. Cached with the "
        "heatmap. HR admins and keys (`assessments:read`).",
        responses={200: HeatmapCellSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="department-heatmap/cells",
        filterset_class=None,
        filter_backends=[],
    )
    def department_heatmap_cells(self, request, id=None):
        cycle = self.get_object()
        self.actor.require_admin()
        # Each cell is cached as its JSON: a page is the envelope around its cells' JSON, as
        # `get_paginated_response` writes it, with nothing decoded.
        page = self.paginate_queryset(_heatmap_part(cycle, "cells"))
        envelope = JSONRenderer().render(
            {
                "count": self.paginator.page.paginator.count,
                "next": self.paginator.get_next_link(),
                "previous": self.paginator.get_previous_link(),
            }
        )
        body = b"".join([envelope[:-1], b',"results":[', b",".join(page), b"]}"])
        return HttpResponse(body, content_type="application/json")

    @extend_schema(
        summary="Reopen a closed cycle",
        description="HR admins, with a reason kept in the audit trail.",
        request=ReasonSerializer,
        responses={200: AssessmentCycleSerializer},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, id=None):
        cycle = self.get_object()
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cycle = cycle_services.cycle_reopen(
            actor=self.actor, cycle=cycle, reason=data.validated_data["reason"]
        )
        return self._refreshed(cycle)


class AssessmentPagination(PagePagination):
    django_paginator_class = CyclePagePaginator


class AssessmentFilter(ApiFilterSet):
    cycle = PublicIdFilter(field_name="cycle__uuid")
    employee = PublicIdFilter(field_name="employee__uuid")
    rater = PublicIdFilter(field_name="rater__uuid")
    kind = StrictChoiceFilter(choices=Assessment.Kind.choices)
    status = StrictChoiceFilter(choices=Assessment.Status.choices)

    class Meta:
        model = Assessment
        fields = ["cycle", "employee", "rater", "kind", "status"]


@extend_schema_view(
    list=extend_schema(
        summary="List assessments",
        description="Those the caller may see: their own to rate, their self-assessment, their "
        "reports' submitted assessments (anonymous peers only aggregated); HR admins and keys "
        "see all. Scope `assessments:read`.",
    ),
    retrieve=extend_schema(summary="Get an assessment"),
)
class AssessmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    scope_area = "assessments"
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    ordering_fields = ["created_at", "submitted_at"]
    pagination_class = AssessmentPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return Assessment.objects.none()
        return rater_selectors.assessment_list_for_viewer(actor=self.actor)

    def list(self, request, *args, **kwargs):
        # Pages read cycle by cycle as plain rows (`assessments.rows`), written as
        # `AssessmentSerializer` writes an assessment.
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        zone = timezone.get_current_timezone()
        return self.get_paginated_response([assessment_list_item(row, zone=zone) for row in page])

    @extend_schema(
        methods=["get"],
        summary="The assessment's ratings",
        responses={200: RatingSerializer(many=True)},
    )
    @extend_schema(
        methods=["put"],
        summary="Save ratings (draft)",
        description="The rater saves some or all ratings; nothing is saved if one is invalid "
        "(`level_out_of_scale`, `capability_not_in_scope`). Refused once submitted "
        "(`assessment_locked`).",
        request=RatingsInputSerializer,
        responses={200: RatingSerializer(many=True)},
    )
    @action(detail=True, methods=["get", "put"], filterset_class=None, filter_backends=[])
    def ratings(self, request, id=None):
        # The rater's own assessment by index (`assessment_get_for_viewer`), not through the
        # list's query: the same assessments are found, and anyone else's by the same rules.
        assessment = rater_selectors.assessment_get_for_viewer(
            actor=self.actor, uuid=parse_public_id(id)
        )
        if assessment is None:
            raise NotFound()
        self.check_object_permissions(request, assessment)
        if request.method == "PUT":
            data = RatingsInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            rating_services.ratings_save(
                actor=self.actor,
                assessment=assessment,
                items=[
                    rating_services.RatingInput(
                        capability=item["capability"],
                        level=None if item.get("not_observed") else item.get("level"),
                        evidence=item.get("evidence", ""),
                    )
                    for item in data.validated_data["ratings"]
                ],
            )
        ratings = Rating.objects.filter(assessment=assessment).select_related("capability")
        ratings = ratings.order_by("capability__name", "id")
        if request.method == "PUT":
            return Response(RatingSerializer(ratings, many=True).data)
        return paginated(self, ratings, RatingSerializer)

    @extend_schema(
        methods=["get"],
        summary="The questions the rater is asked, with their answers",
        description="The cycle's review template version, the sections addressed to the "
        "assessment's rater kind. Seen by whoever may see the assessment.",
        responses={200: QuestionAnswerSerializer(many=True)},
    )
    @extend_schema(
        methods=["put"],
        summary="Save answers (draft)",
        description="The rater answers some or all questions: text, a level on the scale or "
        "one of the options; null clears an answer. Nothing is saved if one is invalid "
        "(`invalid`, per question key). Required questions are checked on submit "
        "(`incomplete`).",
        request=AnswersInputSerializer,
        responses={200: QuestionAnswerSerializer(many=True)},
    )
    @action(detail=True, methods=["get", "put"], filterset_class=None, filter_backends=[])
    def answers(self, request, id=None):
        return answers_action(self, request, self.get_object())

    @extend_schema(
        summary="Submit the assessment",
        description="Locks it. Refused with `already_submitted`, `incomplete` (per capability "
        "or question key in `fields`) or `evidence_required` (per capability). Emits "
        "`assessment.submitted`.",
        request=None,
        responses={200: AssessmentSerializer, 409: OpenApiResponse(description="Submitted.")},
    )
    @action(detail=True, methods=["post"])
    @without_body
    def submit(self, request, id=None):
        assessment = rating_services.assessment_submit(
            actor=self.actor, assessment=self.get_object()
        )
        return Response(AssessmentSerializer(assessment).data)


# --- Employee gaps -----------------------------------------------------------------------------


@extend_schema_view(
    retrieve=extend_schema(
        summary="An employee's capability gaps",
        description="Per capability of the employee's current role: target, current level "
        "(latest consolidated, calibrated), gap, weighted gap and trend since the cycle "
        "before. The employee, their managers, HR admins and keys. Scope `assessments:read`.",
    )
)
class EmployeeGapsViewSet(OrganizationScopedViewSet):
    scope_area = "assessments"
    serializer_class = EmployeeGapsSerializer

    def get_queryset(self):
        return people_selectors.employees().none()

    def retrieve(self, request, id=None):
        employee = rater_selectors.results_employee_for_viewer(actor=self.actor, uuid=id)
        if employee is None:
            raise NotFound()
        employee.gaps = gaps.employee_gaps(employee=employee)
        employee.weighted_gap_index = gaps.weighted_gap_index(employee.gaps)
        return Response(self.get_serializer(employee).data)
