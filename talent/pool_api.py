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
from learning import selectors as learning_selectors
from plms.common.api import ApiModelSerializer, ApiSerializer, OrganizationScopedViewSet
from plms.common.errors import PermissionDenied
from plms.people import selectors as people_selectors
from plms.tenancy.permissions import IsOrganizationAdmin
from talent import pool_programme, pool_selectors, pool_services
from talent.api import PublicId
from talent.models import TalentPool, TalentPoolItem, TalentPoolMember
from workflows import selectors as workflow_selectors


def _learning_items():
    return learning_selectors.item_list(active=None)


class TalentPoolMemberSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = PublicId(people_selectors.employees)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    plan = serializers.UUIDField(
        source="plan.uuid",
        read_only=True,
        allow_null=True,
        help_text="The development plan that carries the pool's programme for this member.",
    )

    class Meta:
        model = TalentPoolMember
        fields = ["id", "employee", "employee_name", "plan", "created_at"]
        read_only_fields = ["created_at"]


class ProgrammeItemSerializer(ApiModelSerializer):
    item = serializers.UUIDField(source="item.uuid", read_only=True)
    title = serializers.CharField(source="item.title", read_only=True)

    class Meta:
        model = TalentPoolItem
        fields = ["item", "title", "added_at"]
        read_only_fields = fields


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
    programme_name = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="What members see the programme called on their plan (never the pool's name).",
    )
    programme = ProgrammeItemSerializer(
        many=True,
        read_only=True,
        help_text="The programme's shared learning items: every member has them in their plan.",
    )
    workflow = PublicId(
        workflow_selectors.workflow_template_list,
        required=False,
        allow_null=True,
        help_text="The Momentum workflow that sets the programme's cadence; its audience "
        "is kept to the pool's members.",
    )

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
            "programme_name",
            "programme",
            "workflow",
            "created_at",
        ]
        read_only_fields = ["created_at"]


class TalentPoolUpdateSerializer(TalentPoolSerializer):
    name = serializers.CharField(max_length=100, required=False)

    class Meta(TalentPoolSerializer.Meta):
        fields = [
            "name",
            "description",
            "boxes",
            "aspired_role",
            "capability",
            "minimum_level",
            "programme_name",
            "workflow",
        ]


class ProgrammeAddSerializer(ApiSerializer):
    items = serializers.ListField(
        child=PublicId(_learning_items), min_length=1, max_length=50, help_text="Learning items."
    )


class ProgrammeRemoveSerializer(ApiSerializer):
    item = PublicId(_learning_items)


class ReaderSerializer(ApiSerializer):
    employee = PublicId(people_selectors.employees)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)


class MemberRemoveSerializer(ApiSerializer):
    employee = PublicId(people_selectors.employees)


def _set_workflow(actor, pool, data: dict) -> None:
    if "workflow" not in data:
        return
    workflow = data.pop("workflow")
    if workflow is None:
        pool_programme.workflow_detach(actor=actor, pool=pool)
    else:
        pool_programme.workflow_attach(actor=actor, pool=pool, workflow=workflow)


@extend_schema_view(
    list=extend_schema(
        summary="List talent pools",
        description="Each with its criteria, confirmed members and programme. Confidential: "
        "HR admins and keys read every pool, a person HR granted a pool reads that one; others "
        "get an empty list. Reads are audited. Scope `talent:read`.",
    ),
    retrieve=extend_schema(summary="Get a talent pool"),
    create=extend_schema(
        summary="Create a talent pool",
        description="HR admins, with the criteria that suggest members. Scope `talent:write`.",
    ),
    partial_update=extend_schema(
        summary="Edit a talent pool",
        description="HR admins: its name, description, criteria, the programme's name and "
        "workflow (null detaches it and pauses it). Scope `talent:write`.",
        request=TalentPoolUpdateSerializer,
    ),
    destroy=extend_schema(summary="Delete a talent pool"),
)
class TalentPoolViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "talent"
    serializer_class = TalentPoolSerializer
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
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
        data = dict(serializer.validated_data)
        workflow = {"workflow": data.pop("workflow")} if "workflow" in data else {}
        pool = pool_services.pool_create(actor=self.actor, **data)
        _set_workflow(self.actor, pool, workflow)
        serializer.instance = pool_selectors.pool_get_for_viewer(actor=self.actor, uuid=pool.uuid)

    def update(self, request, *args, **kwargs):
        pool = self.get_object()
        data = TalentPoolUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        _set_workflow(self.actor, pool, changes)
        if changes:
            pool_services.pool_update(actor=self.actor, pool=pool, **changes)
        fresh = pool_selectors.pool_get_for_viewer(actor=self.actor, uuid=pool.uuid)
        return Response(TalentPoolSerializer(fresh).data)

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
        if not self.actor.is_admin:  # a reader HR granted the pool sees it, not the 9-box
            raise PermissionDenied("Only HR admins see the suggested members.")
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

    @extend_schema(
        summary="Add learning items to the programme",
        description="HR admins: every member gets them in their programme plan (a new active "
        "development plan, or the open one they have). Scope `talent:write`.",
        request=ProgrammeAddSerializer,
        responses=TalentPoolSerializer,
    )
    @action(detail=True, methods=["post"])
    def programme(self, request, id=None):
        pool = self.get_object()
        data = ProgrammeAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pool_programme.programme_items_add(
            actor=self.actor, pool=pool, items=data.validated_data["items"]
        )
        fresh = pool_selectors.pool_get_for_viewer(actor=self.actor, uuid=pool.uuid)
        return Response(TalentPoolSerializer(fresh).data)

    @extend_schema(
        summary="Take an item out of the programme",
        description="HR admins: new members no longer get it; plans keep what they were given.",
        request=ProgrammeRemoveSerializer,
        responses={204: None},
    )
    @action(detail=True, methods=["post"], url_path="remove-programme-item")
    def remove_programme_item(self, request, id=None):
        pool = self.get_object()
        data = ProgrammeRemoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pool_programme.programme_item_remove(
            actor=self.actor, pool=pool, item=data.validated_data["item"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        methods=["GET"],
        summary="List who else reads the pool",
        description="HR admins: the people granted this pool.",
        responses=ReaderSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Let a person read the pool",
        description="HR admins: an object permission on this pool (never for a member of it). "
        "Scope `talent:write`.",
        request=ReaderSerializer,
        responses={201: ReaderSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def readers(self, request, id=None):
        pool = self.get_object()
        if not self.actor.is_admin:
            raise PermissionDenied("Only HR admins see who reads a pool.")
        if request.method == "GET":
            people = pool_selectors.pool_readers(pool=pool)
            page = self.paginate_queryset(people)
            rows = [{"employee": p} for p in (page if page is not None else people)]
            data = ReaderSerializer(rows, many=True).data
            return self.get_paginated_response(data) if page is not None else Response(data)
        data = ReaderSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pool_services.pool_grant(actor=self.actor, pool=pool, **data.validated_data)
        return Response(ReaderSerializer(data.validated_data).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Stop a person reading the pool",
        description="HR admins. Scope `talent:write`.",
        request=ReaderSerializer,
        responses={204: None},
    )
    @action(detail=True, methods=["post"], url_path="remove-reader")
    def remove_reader(self, request, id=None):
        pool = self.get_object()
        data = ReaderSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pool_services.pool_revoke(actor=self.actor, pool=pool, **data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    router.register("talent-pools", TalentPoolViewSet, basename="talent-pool")
