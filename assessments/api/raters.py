"""Assessments API, who rates: `peer-nominations` (with suggestions and decisions) and
`expert-grants`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from assessments import services
from assessments.api.cycles import AssessmentPagination
from assessments.models import (
    Assessment,
    AssessmentCycle,
    ExpertGrant,
    PeerNomination,
)
from assessments.rows import peer_nomination_list_item
from assessments.selectors import raters as rater_selectors
from assessments.services import raters as rater_services
from plms.common.api import (
    ApiFilterSet,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    PublicIdFilter,
    StrictChoiceFilter,
    StrictModelSerializer,
    without_body,
)
from plms.common.errors import ApplicationError, NotFound
from plms.common.pagination import paginated
from plms.people import selectors as people_selectors

if TYPE_CHECKING:
    from plms.people.models import Employee


@extend_schema_field(OpenApiTypes.UUID)
class PublicId(PublicIdField):
    """Another object of the organization by its public id (documented as a UUID)."""


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
    employee = PublicId(
        people_selectors.employees, required=False, help_text="Whose peers; the caller by default."
    )
    peers = PublicId(people_selectors.employees, many=True, allow_empty=False)

    def validate_peers(self, peers: list[Employee]) -> list[Employee]:
        if len(peers) > MAX_PEERS_PER_CALL:
            raise serializers.ValidationError(f"At most {MAX_PEERS_PER_CALL} at a time.")
        return peers


PAGE_PARAMETERS = frozenset({"page", "page_size"})


class PeerSuggestionQuerySerializer(ApiSerializer):
    cycle = PublicId(AssessmentCycle)
    employee = PublicId(people_selectors.employees, required=False)
    limit = serializers.IntegerField(min_value=1, max_value=20, default=5)


class PeerSuggestionSerializer(ApiSerializer):
    employee = serializers.UUIDField(source="uuid")
    name = serializers.CharField(source="full_name")
    title = serializers.CharField()
    peer_requests = serializers.IntegerField(source="peer_load")
    same_department = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.BOOL)
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
        filters=False,
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
    pagination_class = AssessmentPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return Assessment.objects.none()
        return rater_selectors.peer_nomination_list_for_viewer(actor=self.actor)

    def list(self, request, *args, **kwargs):
        # Pages read cycle by cycle as plain rows (`assessments.rows`), written as
        # `PeerNominationSerializer` writes a nomination.
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        zone = timezone.get_current_timezone()
        return self.get_paginated_response(
            [peer_nomination_list_item(row, zone=zone) for row in page]
        )

    def create(self, request, *args, **kwargs):
        data = PeerNominateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        created = rater_services.peers_nominate(
            actor=self.actor,
            cycle=data.validated_data["cycle"],
            employee=_nominee(self.actor, data.validated_data.get("employee")),
            peers=data.validated_data["peers"],
        )
        return Response(
            PeerNominationSerializer(created, many=True).data, status=status.HTTP_201_CREATED
        )

    def _decide(self, id, approve: bool) -> Response:
        nomination = rater_selectors.peer_nomination_get_for_decider(actor=self.actor, uuid=id)
        if nomination is None:
            raise NotFound()
        nomination = rater_services.peer_nomination_decide(
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
        # The page parameters are the paginator's; every other one is this query's.
        params = {k: v for k, v in request.query_params.items() if k not in PAGE_PARAMETERS}
        query = PeerSuggestionQuerySerializer(data=params)
        query.is_valid(raise_exception=True)
        employee = _nominee(self.actor, query.validated_data.get("employee"))
        if (
            rater_selectors.results_employee_for_viewer(actor=self.actor, uuid=employee.uuid)
            is None
        ):
            raise NotFound()
        suggestions = rater_selectors.peer_suggestions(
            cycle=query.validated_data["cycle"],
            employee=employee,
            limit=query.validated_data["limit"],
        )
        return paginated(self, suggestions, PeerSuggestionSerializer)


# --- Expert grants ---------------------------------------------------------------------------


class ExpertGrantSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    cycle = PublicId(AssessmentCycle)
    employee = PublicId(people_selectors.employees)
    expert = PublicId(people_selectors.employees, source="rater")

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
        return rater_selectors.expert_grant_list_for_viewer(actor=self.actor)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = rater_services.expert_grant(
            actor=self.actor, cycle=data["cycle"], employee=data["employee"], expert=data["rater"]
        )

    def perform_destroy(self, instance):
        rater_services.expert_revoke(actor=self.actor, assessment=instance)
