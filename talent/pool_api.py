"""Talent pools API: `talent-pools` with their criteria and members, the members the
criteria suggest, and HR confirming or removing members. Confidential like potential: HR
admins and keys read them (every read audited); others get an empty list. Scope area
`talent`."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from capabilities import selectors as capability_selectors
from plms.common.api import ApiModelSerializer, ApiSerializer, OrganizationScopedViewSet
from plms.people import selectors as people_selectors
from plms.tenancy.permissions import IsOrganizationAdmin
from talent import pool_selectors, pool_services
from talent.api import PublicId
from talent.models import TalentPool, TalentPoolMember


class TalentPoolMemberSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = PublicId(people_selectors.employees)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)

    class Meta:
        model = TalentPoolMember
        fields = ["id", "employee", "employee_name", "created_at"]
        read_only_fields = ["created_at"]


class SuggestedMemberSerializer(ApiSerializer):
    employee = serializers.UUIDField(source="uuid")
    employee_name = serializers.CharField(source="full_name")


class TalentPoolSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    boxes = serializers.ListField(
        child=serializers.CharField(max_length=3),
        required=False,
        help_text="9-box boxes as performance-potential, each 1-3 (`3-3` is the top box).",
    )
    aspired_role = PublicId(capability_selectors.job_roles, required=False, allow_null=True)
    capability = PublicId(capability_selectors.capabilities, required=False, allow_null=True)
    members = TalentPoolMemberSerializer(many=True, read_only=True)

    class Meta:
        model = TalentPool
        fields = [
            "id",
            "name",
            "description",
            "boxes",
            "aspired_role",
            "capability",
            "minimum_level",
            "members",
            "created_at",
        ]
        read_only_fields = ["created_at"]


class MemberRemoveSerializer(ApiSerializer):
    employee = PublicId(people_selectors.employees)


@extend_schema_view(
    list=extend_schema(
        summary="List talent pools",
        description="Each with its criteria and confirmed members. Confidential: HR admins "
        "and keys read them; others get an empty list. Reads are audited. Scope `talent:read`.",
    ),
    retrieve=extend_schema(summary="Get a talent pool"),
    create=extend_schema(
        summary="Create a talent pool",
        description="HR admins, with the criteria that suggest members. Scope `talent:write`.",
    ),
    destroy=extend_schema(summary="Delete a talent pool"),
)
class TalentPoolViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "talent"
    serializer_class = TalentPoolSerializer
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "delete", "head", "options"]
    filter_backends: tuple = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TalentPool.objects.none()
        return pool_selectors.pools_for_viewer(actor=self.actor)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        count = len(response.data.get("results", ()))
        if count:  # nothing read, nothing to record
            pool_services.pool_read(actor=self.actor, obj=None, count=count)
        return response

    def retrieve(self, request, *args, **kwargs):
        pool = self.get_object()
        pool_services.pool_read(actor=self.actor, obj=pool)
        return Response(TalentPoolSerializer(pool).data)

    def perform_create(self, serializer):
        pool = pool_services.pool_create(actor=self.actor, **serializer.validated_data)
        serializer.instance = pool_selectors.pool_get_for_viewer(actor=self.actor, uuid=pool.uuid)

    def perform_destroy(self, instance):
        pool_services.pool_delete(actor=self.actor, pool=instance)

    @extend_schema(
        summary="List the members a pool's criteria suggest",
        description="Active people meeting every criterion, not in the pool yet. Audited.",
        responses=SuggestedMemberSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def suggestions(self, request, id=None):
        pool = self.get_object()
        people = pool_selectors.suggested_members(pool=pool)
        pool_services.pool_read(actor=self.actor, obj=pool, count=len(people))
        page = self.paginate_queryset(people)
        data = SuggestedMemberSerializer(page if page is not None else people, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        summary="Confirm a member",
        description="HR admins. Scope `talent:write`.",
        request=TalentPoolMemberSerializer,
        responses={201: TalentPoolMemberSerializer},
    )
    @action(detail=True, methods=["post"])
    def members(self, request, id=None):
        pool = self.get_object()
        data = TalentPoolMemberSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member = pool_services.pool_member_add(actor=self.actor, pool=pool, **data.validated_data)
        return Response(TalentPoolMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Remove a member",
        description="HR admins. Scope `talent:write`.",
        request=MemberRemoveSerializer,
        responses={204: None},
    )
    @action(detail=True, methods=["post"], url_path="remove-member")
    def remove_member(self, request, id=None):
        pool = self.get_object()
        data = MemberRemoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member = pool.members.filter(employee=data.validated_data["employee"]).first()
        if member is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        pool_services.pool_member_remove(actor=self.actor, member=member)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    router.register("talent-pools", TalentPoolViewSet, basename="talent-pool")
