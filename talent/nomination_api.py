"""Successor nominations API: `successor-nominations`. A manager proposes one of their reports
for a critical role and reads their own proposals' outcome (never the slate); HR admins read
them all and accept (the person joins the slate) or decline. Scope area `talent`."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from plms.common.api import ApiModelSerializer, OrganizationScopedViewSet, without_body
from plms.people import selectors as people_selectors
from talent import nominations
from talent.api import PublicId
from talent.models import Successor, SuccessorNomination


class SuccessorNominationSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    critical_role = PublicId(nominations.critical_roles_to_nominate_for)
    critical_role_name = serializers.CharField(source="critical_role.role.name", read_only=True)
    employee = PublicId(people_selectors.employees)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    proposed_by_name = serializers.CharField(source="proposed_by.full_name", read_only=True)
    readiness = serializers.ChoiceField(Successor.Readiness.choices)

    class Meta:
        model = SuccessorNomination
        fields = [
            "id",
            "critical_role",
            "critical_role_name",
            "employee",
            "employee_name",
            "proposed_by_name",
            "readiness",
            "note",
            "status",
            "decided_at",
            "created_at",
        ]
        read_only_fields = ["status", "decided_at", "created_at"]


@extend_schema_view(
    list=extend_schema(
        summary="List successor nominations",
        description="HR admins and keys read all; a manager their own proposals. Scope "
        "`talent:read`.",
    ),
    retrieve=extend_schema(summary="Get a successor nomination"),
    create=extend_schema(
        summary="Propose a report as a successor",
        description="A manager proposes one of their reports for a critical role. Scope "
        "`talent:write`.",
    ),
)
class SuccessorNominationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "talent"
    serializer_class = SuccessorNominationSerializer
    http_method_names = ["get", "post", "head", "options"]
    filter_backends: tuple = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SuccessorNomination.objects.none()
        return nominations.nominations_for_viewer(actor=self.actor)

    def perform_create(self, serializer):
        serializer.instance = nominations.nomination_propose(
            actor=self.actor, **serializer.validated_data
        )

    @extend_schema(
        summary="Accept a nomination",
        description="HR admins: the person joins the slate with the proposed readiness.",
        request=None,
        responses=SuccessorNominationSerializer,
    )
    @action(detail=True, methods=["post"])
    @without_body
    def accept(self, request, id=None):
        nomination = self.get_object()
        nominations.nomination_accept(actor=self.actor, nomination=nomination)
        return Response(SuccessorNominationSerializer(nomination).data)

    @extend_schema(
        summary="Decline a nomination",
        description="HR admins.",
        request=None,
        responses=SuccessorNominationSerializer,
    )
    @action(detail=True, methods=["post"])
    @without_body
    def decline(self, request, id=None):
        nomination = self.get_object()
        nominations.nomination_decline(actor=self.actor, nomination=nomination)
        return Response(SuccessorNominationSerializer(nomination).data)


def register(router) -> None:
    router.register(
        "successor-nominations", SuccessorNominationViewSet, basename="successor-nomination"
    )
