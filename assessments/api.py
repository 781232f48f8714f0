"""Assessments API: `assessment-cycles` (launch, close, reopen), `assessments` (with
`ratings` and `submit`) and `employees/{id}/gaps`. Scope area `assessments`."""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from assessments import gaps, selectors, services
from assessments.models import (
    RATER_KINDS,
    Assessment,
    AssessmentCycle,
    ConsolidatedLevel,
    ExpertGrant,
    PeerNomination,
    PreviewLevel,
    PreviewVote,
    Rating,
)
from assessments.results_cache import cached_report
from capabilities.models import Capability
from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    PublicIdFilter,
    StrictBooleanFilter,
    StrictCharField,
    StrictChoiceFilter,
    StrictModelSerializer,
    without_body,
)
from plms.common.errors import ApplicationError, NotFound
from plms.common.pagination import paginated
from plms.people.models import Employee
from plms.tenancy.permissions import IsOrganizationAdmin


@extend_schema_field(OpenApiTypes.UUID)
class PublicId(PublicIdField):
    """Another object of the organization by its public id (documented as a UUID)."""


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


class RatingSerializer(ApiModelSerializer):
    capability = PublicIdField(Capability)
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


class EmployeeGapsSerializer(ApiModelSerializer):
    employee = serializers.UUIDField(source="uuid", read_only=True)
    weighted_gap_index = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, read_only=True
    )
    gaps = CapabilityGapSerializer(many=True, read_only=True)

    class Meta:
        model = Employee
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
    cycle = serializers.UUIDField()
    departments = HeatmapDepartmentSerializer(many=True)
    capabilities = HeatmapCapabilitySerializer(many=True)
    cells = HeatmapCellSerializer(many=True)


def _decimal(value: Decimal | None) -> str | None:
    """As `DecimalField(decimal_places=2)` writes it (the values are quantized already)."""
    return None if value is None else f"{value:f}"


def _heatmap_payload(cycle: AssessmentCycle, heatmap: dict) -> dict:
    """The department heatmap as `DepartmentHeatmapSerializer` describes it. The cells (up to
    departments x capabilities of them) are written here as plain values: the serializer's
    per-field machinery cost more than the aggregate query behind them."""
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
        if self.action == "department_heatmap":  # the cycle itself, without its counts
            return AssessmentCycle.objects.all()
        return selectors.cycle_list()

    def perform_create(self, serializer):
        cycle = services.cycle_create(actor=self.actor, **_cycle_kwargs(serializer.validated_data))
        serializer.instance = selectors.cycle_get(uuid=cycle.uuid)

    def perform_update(self, serializer):
        cycle = services.cycle_update(
            actor=self.actor,
            cycle=serializer.instance,
            **_cycle_kwargs(serializer.validated_data),
        )
        serializer.instance = selectors.cycle_get(uuid=cycle.uuid)

    def perform_destroy(self, instance):
        services.cycle_delete(actor=self.actor, cycle=instance)

    def _refreshed(self, cycle) -> Response:
        return Response(self.get_serializer(selectors.cycle_get(uuid=cycle.uuid)).data)

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
        cycle = services.cycle_launch(actor=self.actor, cycle=self.get_object())
        response = self._refreshed(cycle)
        response.status_code = status.HTTP_202_ACCEPTED
        return response

    @extend_schema(
        summary="Close the cycle",
        description="Consolidates the submitted ratings; emits `assessment_cycle.closed`.",
        request=None,
        responses={200: AssessmentCycleSerializer},
    )
    @action(detail=True, methods=["post"])
    @without_body
    def close(self, request, id=None):
        return self._refreshed(services.cycle_close(actor=self.actor, cycle=self.get_object()))

    @extend_schema(
        summary="Departments x capabilities gap heatmap",
        description="Per department and capability of the cycle's consolidated results: people "
        "assessed, how many are below target and their share, mean level, target and gap. One "
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
        # Cached as the JSON it is sent as (about 1 MB for 60 departments x 150 capabilities):
        # one bytes object per request instead of thousands of cells to rebuild and render.
        body = cached_report(
            cycle=cycle,
            name="department-heatmap-json",
            build=lambda: JSONRenderer().render(
                _heatmap_payload(
                    cycle, gaps.department_heatmap(levels=gaps.group_levels(cycle=cycle))
                )
            ),
        )
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
        cycle = services.cycle_reopen(
            actor=self.actor, cycle=cycle, reason=data.validated_data["reason"]
        )
        return self._refreshed(cycle)


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

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return Assessment.objects.none()
        return selectors.assessment_list_for_viewer(actor=self.actor)

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
        assessment = self.get_object()
        if request.method == "PUT":
            data = RatingsInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            services.ratings_save(
                actor=self.actor,
                assessment=assessment,
                items=[
                    services.RatingInput(
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
        summary="Submit the assessment",
        description="Locks it. Refused with `already_submitted`, `incomplete` or "
        "`evidence_required` (per capability in `fields`). Emits `assessment.submitted`.",
        request=None,
        responses={200: AssessmentSerializer, 409: OpenApiResponse(description="Submitted.")},
    )
    @action(detail=True, methods=["post"])
    @without_body
    def submit(self, request, id=None):
        assessment = services.assessment_submit(actor=self.actor, assessment=self.get_object())
        return Response(AssessmentSerializer(assessment).data)


# --- Peer nominations ------------------------------------------------------------------------


MAX_PEERS_PER_CALL = 20


class PeerNominationSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    cycle = serializers.UUIDField(source="cycle.uuid", read_only=True)
    employee = serializers.UUIDField(source="employee.uuid", read_only=True)
    peer = serializers.UUIDField(source="rater.uuid", read_only=True)
    peer_name = serializers.CharField(source="rater.full_name", read_only=True)

    class Meta:
        model = PeerNomination
        fields = ["id", "cycle", "employee", "peer", "peer_name", "status", "created_at"]
        read_only_fields = fields


class PeerNominateSerializer(ApiSerializer):
    cycle = PublicId(AssessmentCycle)
    employee = PublicId(Employee, required=False, help_text="Whose peers; the caller by default.")
    peers = PublicId(Employee, many=True, allow_empty=False)

    def validate_peers(self, peers: list[Employee]) -> list[Employee]:
        if len(peers) > MAX_PEERS_PER_CALL:
            raise serializers.ValidationError(f"At most {MAX_PEERS_PER_CALL} at a time.")
        return peers


class PeerSuggestionQuerySerializer(ApiSerializer):
    cycle = PublicId(AssessmentCycle)
    employee = PublicId(Employee, required=False)
    limit = serializers.IntegerField(min_value=1, max_value=20, default=5)


class PeerSuggestionSerializer(ApiSerializer):
    employee = serializers.UUIDField(source="uuid")
    name = serializers.CharField(source="full_name")
    title = serializers.CharField()
    peer_requests = serializers.IntegerField(source="peer_load")
    same_department = serializers.SerializerMethodField()

    def get_same_department(self, employee: Employee) -> bool:
        return employee.nearby == 0


class PeerNominationFilter(ApiFilterSet):
    cycle = PublicIdFilter(field_name="cycle__uuid")
    employee = PublicIdFilter(field_name="employee__uuid")
    peer = PublicIdFilter(field_name="rater__uuid")
    status = StrictChoiceFilter(choices=Assessment.Status.choices)

    class Meta:
        model = Assessment
        fields = ["cycle", "employee", "peer", "status"]


def _nominee(actor, employee: Employee | None) -> Employee:
    """Whose peers: the named employee, else the caller."""
    employee = employee or actor.employee
    if employee is None:
        raise ApplicationError(
            services.INVALID,
            "Name the employee whose peers these are.",
            fields={"employee": "Required for API keys and people without an employee record."},
        )
    return employee


@extend_schema_view(
    list=extend_schema(
        summary="List peer nominations",
        description="The caller's own nominations, their reports' (to approve or decline); "
        "HR admins and keys see all. Scope `assessments:read`.",
    ),
    retrieve=extend_schema(summary="Get a peer nomination"),
    create=extend_schema(
        summary="Nominate peers",
        description="The employee (or their manager, or HR) nominates peers in an open cycle; "
        "each awaits the manager's approval. A colleague who already has the cycle's "
        "`max_peer_requests` is refused with `peer_limit_reached` (ask a suggested colleague "
        "instead). Scope `assessments:write`.",
        request=PeerNominateSerializer,
        responses={201: PeerNominationSerializer(many=True)},
    ),
)
class PeerNominationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "assessments"
    serializer_class = PeerNominationSerializer
    filterset_class = PeerNominationFilter
    search_fields = ["rater__first_name", "rater__last_name", "employee__last_name"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return Assessment.objects.none()
        return selectors.peer_nomination_list_for_viewer(actor=self.actor)

    def create(self, request, *args, **kwargs):
        data = PeerNominateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        created = services.peers_nominate(
            actor=self.actor,
            cycle=data.validated_data["cycle"],
            employee=_nominee(self.actor, data.validated_data.get("employee")),
            peers=data.validated_data["peers"],
        )
        return Response(
            PeerNominationSerializer(created, many=True).data, status=status.HTTP_201_CREATED
        )

    def _decide(self, id, approve: bool) -> Response:
        nomination = selectors.peer_nomination_get_for_decider(actor=self.actor, uuid=id)
        if nomination is None:
            raise NotFound()
        nomination = services.peer_nomination_decide(
            actor=self.actor, assessment=nomination, approve=approve
        )
        return Response(PeerNominationSerializer(nomination).data)

    @extend_schema(
        summary="Approve a peer nomination",
        description="The employee's manager (primary or matrix) or HR; the peer then has a "
        "peer assessment to complete. A decided nomination is `409`.",
        request=None,
        responses={200: PeerNominationSerializer},
    )
    @action(detail=True, methods=["post"])
    @without_body
    def approve(self, request, id=None):
        return self._decide(id, approve=True)

    @extend_schema(
        summary="Decline a peer nomination",
        description="The employee's manager (primary or matrix) or HR. A decided nomination "
        "is `409`.",
        request=None,
        responses={200: PeerNominationSerializer},
    )
    @action(detail=True, methods=["post"])
    @without_body
    def decline(self, request, id=None):
        return self._decide(id, approve=False)

    @extend_schema(
        summary="Colleagues to ask",
        description="Reviewer load balancing: colleagues below the cycle's cap of peer "
        "requests, the least asked first (same department first), leaving out those already "
        "nominated. `employee` defaults to the caller.",
        parameters=[PeerSuggestionQuerySerializer],
        responses={200: PeerSuggestionSerializer(many=True)},
    )
    @action(detail=False, methods=["get"], filterset_class=None, filter_backends=[])
    def suggestions(self, request):
        query = PeerSuggestionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        employee = _nominee(self.actor, query.validated_data.get("employee"))
        if selectors.results_employee_for_viewer(actor=self.actor, uuid=employee.uuid) is None:
            raise NotFound()
        suggestions = selectors.peer_suggestions(
            cycle=query.validated_data["cycle"],
            employee=employee,
            limit=query.validated_data["limit"],
        )
        return paginated(self, suggestions, PeerSuggestionSerializer)


# --- Expert grants ---------------------------------------------------------------------------


class ExpertGrantSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    cycle = PublicId(AssessmentCycle)
    employee = PublicId(Employee)
    expert = PublicId(Employee, source="rater")

    class Meta:
        model = ExpertGrant
        fields = ["id", "cycle", "employee", "expert", "status", "submitted_at", "created_at"]
        read_only_fields = ["status", "submitted_at", "created_at"]
        validators: list = []


class ExpertGrantFilter(ApiFilterSet):
    cycle = PublicIdFilter(field_name="cycle__uuid")
    employee = PublicIdFilter(field_name="employee__uuid")
    expert = PublicIdFilter(field_name="rater__uuid")

    class Meta:
        model = Assessment
        fields = ["cycle", "employee", "expert"]


@extend_schema_view(
    list=extend_schema(
        summary="List expert grants",
        description="Expert assessors granted on one assessment each (an object permission). "
        "HR admins and keys see all; managers their reports'; experts their own. Scope "
        "`assessments:read`.",
    ),
    retrieve=extend_schema(summary="Get an expert grant"),
    create=extend_schema(
        summary="Grant an expert assessor",
        description="HR admins or the employee's managers, in an open cycle with an expert "
        "weight: creates the expert assessment; the expert sees and rates that one "
        "assessment only. Scope `assessments:write`.",
    ),
    destroy=extend_schema(
        summary="Revoke an expert grant",
        description="The expert no longer sees or rates the assessment. A submitted expert "
        "assessment stays (`already_submitted`, 409).",
        responses={204: None, 409: OpenApiResponse(description="`already_submitted`.")},
    ),
)
class ExpertGrantViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "assessments"
    serializer_class = ExpertGrantSerializer
    filterset_class = ExpertGrantFilter
    search_fields = ["rater__first_name", "rater__last_name", "employee__last_name"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return Assessment.objects.none()
        return selectors.expert_grant_list_for_viewer(actor=self.actor)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.expert_grant(
            actor=self.actor, cycle=data["cycle"], employee=data["employee"], expert=data["rater"]
        )

    def perform_destroy(self, instance):
        services.expert_revoke(actor=self.actor, assessment=instance)


# --- Ratings preview (pre-calibration vote) --------------------------------------------------


class PreviewTallySerializer(ApiSerializer):
    agree = serializers.IntegerField()
    too_high = serializers.IntegerField()
    too_low = serializers.IntegerField()


class RatingPreviewSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    cycle = serializers.UUIDField(source="cycle.uuid", read_only=True)
    employee = serializers.UUIDField(source="employee.uuid", read_only=True)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    capability = serializers.UUIDField(source="capability.uuid", read_only=True)
    capability_key = serializers.CharField(source="capability.key", read_only=True)
    level = serializers.DecimalField(max_digits=4, decimal_places=2, read_only=True)
    votes = PreviewTallySerializer(source="*", read_only=True)
    contested = serializers.BooleanField(read_only=True)
    my_vote = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="The caller's vote (`agree`, `too_high`, `too_low`); null before voting.",
    )

    class Meta:
        model = PreviewLevel
        fields = [
            "id",
            "cycle",
            "employee",
            "employee_name",
            "capability",
            "capability_key",
            "level",
            "target_level",
            "votes",
            "contested",
            "my_vote",
        ]
        read_only_fields = fields


class PreviewVoteSerializer(ApiSerializer):
    vote = serializers.ChoiceField(choices=PreviewVote.Choice.choices)
    comment = StrictCharField(
        allow_blank=True,
        required=False,
        max_length=2000,
        help_text="Required unless the vote is `agree`.",
    )


class RatingPreviewFilter(ApiFilterSet):
    cycle = PublicIdFilter(field_name="cycle__uuid")
    employee = PublicIdFilter(field_name="employee__uuid")
    capability = PublicIdFilter(field_name="capability__uuid")
    contested = StrictBooleanFilter(field_name="contested")

    class Meta:
        model = ConsolidatedLevel
        fields = ["cycle", "employee", "capability", "contested"]


@extend_schema_view(
    list=extend_schema(
        summary="List levels in the ratings preview",
        description="The optional pre-calibration vote: consolidated levels of closed cycles "
        "with `preview_voting` on, with the votes so far and the caller's own. HR admins and "
        "keys see all; managers their reports'. Scope `assessments:read`.",
    ),
    retrieve=extend_schema(summary="Get a level in the ratings preview"),
)
class RatingPreviewViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    scope_area = "assessments"
    serializer_class = RatingPreviewSerializer
    filterset_class = RatingPreviewFilter
    search_fields = ["employee__first_name", "employee__last_name", "capability__name"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return ConsolidatedLevel.objects.none()
        return selectors.preview_list_for_viewer(actor=self.actor)

    @extend_schema(
        summary="Vote on a level before calibration",
        description="An HR admin or one of the person's managers: the level looks right "
        "(`agree`), `too_high` or `too_low` (with a `comment`, else `comment_required`). "
        "Voting again replaces the vote. Refused once calibrated (`already_calibrated`, 409), "
        "for API keys and on one's own level (`not_voter`). Scope `assessments:write`.",
        request=PreviewVoteSerializer,
        responses={200: RatingPreviewSerializer},
    )
    @action(detail=True, methods=["post"])
    def vote(self, request, id=None):
        consolidated = self.get_object()
        data = PreviewVoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.preview_vote_cast(
            actor=self.actor,
            consolidated=consolidated,
            vote=data.validated_data["vote"],
            comment=data.validated_data.get("comment", ""),
        )
        return Response(self.get_serializer(self.get_object()).data)


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
        return Employee.objects.none()

    def retrieve(self, request, id=None):
        employee = selectors.results_employee_for_viewer(actor=self.actor, uuid=id)
        if employee is None:
            raise NotFound()
        employee.gaps = gaps.employee_gaps(employee=employee)
        employee.weighted_gap_index = gaps.weighted_gap_index(employee.gaps)
        return Response(self.get_serializer(employee).data)


def register(router) -> None:
    router.register("assessment-cycles", AssessmentCycleViewSet, basename="assessment-cycle")
    router.register("assessments", AssessmentViewSet, basename="assessment")
    router.register("peer-nominations", PeerNominationViewSet, basename="peer-nomination")
    router.register("expert-grants", ExpertGrantViewSet, basename="expert-grant")
    router.register("rating-previews", RatingPreviewViewSet, basename="rating-preview")


# Routes outside the router: `employees/{id}/gaps` is a read of another resource's member.
urlpatterns = [
    path(
        "employees/<uuid:id>/gaps",
        EmployeeGapsViewSet.as_view({"get": "retrieve"}),
        name="employee-gaps",
    ),
]
