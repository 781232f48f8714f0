"""Succession and careers API: `career-paths` (HR writes), `aspirations` (a person's own; their
managers and HR read them) with each one's `gap` and a development `plan` towards it, and the
confidential `critical-roles` with their `successors` (HR and the people HR grants a slate).
Scope area `talent`."""

from __future__ import annotations

from datetime import tzinfo

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from assessments.selectors import cycles as cycle_selectors
from capabilities import selectors as capability_selectors
from learning import selectors as learning_selectors
from plms.common.api import (
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    api_date_time,
    without_body,
)
from plms.common.errors import ApplicationError, PermissionDenied
from plms.people import selectors as people_selectors
from plms.tenancy.permissions import IsOrganizationAdmin
from talent import selectors, services
from talent.error_codes import INVALID
from talent.models import Aspiration, CareerPath, CriticalRole, PotentialAssessment, Successor
from talent.selectors import Evidence


@extend_schema_field(OpenApiTypes.UUID)
class PublicId(PublicIdField):
    """Another object of the organization by its public id (documented as a UUID)."""


# --- Career paths -------------------------------------------------------------------------------


class CareerPathSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    from_role = PublicId(capability_selectors.job_roles)
    to_role = PublicId(capability_selectors.job_roles)
    from_role_name = serializers.CharField(source="from_role.name", read_only=True)
    to_role_name = serializers.CharField(source="to_role.name", read_only=True)

    class Meta:
        model = CareerPath
        fields = [
            "id",
            "from_role",
            "from_role_name",
            "to_role",
            "to_role_name",
            "typical_months",
            "note",
            "created_at",
        ]
        read_only_fields = ["created_at"]


class CareerPathUpdateSerializer(ApiModelSerializer):
    class Meta:
        model = CareerPath
        fields = ["typical_months", "note"]


@extend_schema_view(
    list=extend_schema(
        summary="List career paths",
        description="The usual next roles from each role, with the typical time. Everyone in "
        "the organisation reads them; HR admins write them. Scope `talent:read`.",
    ),
    retrieve=extend_schema(summary="Get a career path"),
    create=extend_schema(summary="Add a career path", description="Scope `talent:write`."),
    partial_update=extend_schema(
        summary="Change a career path's typical time or note",
        request=CareerPathUpdateSerializer,
    ),
    destroy=extend_schema(summary="Remove a career path"),
)
class CareerPathViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "talent"
    serializer_class = CareerPathSerializer
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filter_backends: tuple = ()

    def get_queryset(self):
        return selectors.career_path_list()

    def get_serializer_class(self):
        if self.action == "partial_update":
            return CareerPathUpdateSerializer
        return CareerPathSerializer

    def perform_create(self, serializer):
        serializer.instance = services.career_path_create(
            actor=self.actor, **serializer.validated_data
        )

    def update(self, request, *args, **kwargs):
        path = self.get_object()
        data = CareerPathUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.career_path_update(actor=self.actor, path=path, **data.validated_data)
        return Response(CareerPathSerializer(selectors.career_path_get(uuid=path.uuid)).data)

    def perform_destroy(self, instance):
        services.career_path_delete(actor=self.actor, path=instance)


# --- Aspirations --------------------------------------------------------------------------------


class AspirationSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = PublicId(
        people_selectors.employees,
        required=False,
        help_text="Whose aspiration (HR admins and keys); a person names their own.",
    )
    role = PublicId(capability_selectors.job_roles)
    role_name = serializers.CharField(source="role.name", read_only=True)

    class Meta:
        model = Aspiration
        fields = ["id", "employee", "role", "role_name", "rank", "note", "created_at"]
        read_only_fields = ["rank", "created_at"]


class GapSerializer(ApiSerializer):
    capability = serializers.CharField(source="capability_name")
    target = serializers.IntegerField()
    weight = serializers.IntegerField()
    current = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    gap = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)


class AspirationGapSerializer(ApiSerializer):
    role = serializers.CharField()
    gap_index = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    capability_match = serializers.IntegerField(allow_null=True, help_text="0-100.")
    gaps = GapSerializer(many=True)


class PlanCreatedSerializer(ApiSerializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    items = serializers.ListField(child=serializers.CharField(), help_text="Each item's reason.")


@extend_schema_view(
    list=extend_schema(
        summary="List aspirations",
        description="People's aspired roles (up to three each, ranked). A person reads their "
        "own and their reports'; HR admins and keys everyone's. Scope `talent:read`.",
    ),
    retrieve=extend_schema(summary="Get an aspiration"),
    create=extend_schema(
        summary="Name an aspired role",
        description="A person names their own (up to three); HR admins and keys name the "
        "`employee`. Scope `talent:write`.",
    ),
    destroy=extend_schema(summary="Remove an aspiration"),
)
class AspirationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "talent"
    serializer_class = AspirationSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    filter_backends: tuple = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Aspiration.objects.none()
        return selectors.aspiration_list_for_viewer(actor=self.actor)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        employee = data.pop("employee", None) or self.actor.employee
        if employee is None:
            raise ApplicationError(
                INVALID, "Name the employee.", fields={"employee": "Required for a key."}
            )
        serializer.instance = services.aspiration_add(actor=self.actor, employee=employee, **data)

    def perform_destroy(self, instance):
        services.aspiration_remove(actor=self.actor, aspiration=instance)

    @extend_schema(
        summary="The gap to the aspired role",
        description="Each requirement of the role against the person's latest consolidated "
        "levels, largest weighted gap first.",
        responses=AspirationGapSerializer,
    )
    @action(detail=True, methods=["get"])
    def gap(self, request, id=None):
        aspiration = self.get_object()
        fit = selectors.RoleFit(aspiration.role, selectors.aspired_role_gaps(aspiration=aspiration))
        return Response(
            AspirationGapSerializer(
                {
                    "role": aspiration.role.name,
                    "gap_index": fit.index,
                    "capability_match": fit.match,
                    "gaps": fit.gaps,
                }
            ).data
        )

    @extend_schema(
        summary="Build a development plan towards the aspired role",
        description="A draft plan from the gaps to the role (the same builder as a person's "
        "own plan); each item's reason names the role. The person, their managers and HR "
        "admins may build it. Emits `development_plan.created`.",
        request=None,
        responses={201: PlanCreatedSerializer},
    )
    @action(detail=True, methods=["post"])
    @without_body
    def plan(self, request, id=None):
        aspiration = self.get_object()
        plan = services.aspiration_plan_build(actor=self.actor, aspiration=aspiration)
        items = learning_selectors.plan_items(plan=plan)
        return Response(
            PlanCreatedSerializer(
                {"id": plan.uuid, "title": plan.title, "items": [i.reason for i in items]}
            ).data,
            status=status.HTTP_201_CREATED,
        )


# --- Critical roles and successors (confidential) -----------------------------------------------


class BenchSerializer(ApiSerializer):
    ready_now = serializers.IntegerField()
    ready_soon = serializers.IntegerField(help_text="Ready in 1-2 years.")
    ready_later = serializers.IntegerField(help_text="Ready in 3 years or more.")


class CriticalRoleSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    role = PublicId(capability_selectors.job_roles)
    role_name = serializers.CharField(source="role.name", read_only=True)
    incumbent = PublicId(
        people_selectors.employees,
        required=False,
        allow_null=True,
        help_text="The person whose position is critical; empty: the role as a whole.",
    )
    risk = serializers.IntegerField(read_only=True, help_text="Impact times likelihood, 1-9.")
    bench = serializers.SerializerMethodField()

    class Meta:
        model = CriticalRole
        fields = [
            "id",
            "role",
            "role_name",
            "incumbent",
            "impact",
            "likelihood",
            "risk",
            "note",
            "bench",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    @extend_schema_field(BenchSerializer)
    def get_bench(self, critical: CriticalRole) -> dict:
        return {
            "ready_now": getattr(critical, "ready_now", 0),
            "ready_soon": getattr(critical, "ready_soon", 0),
            "ready_later": getattr(critical, "ready_later", 0),
        }


class CriticalRoleUpdateSerializer(ApiModelSerializer):
    class Meta:
        model = CriticalRole
        fields = ["impact", "likelihood", "note"]


class EvidenceSerializer(ApiSerializer):
    capability_match = serializers.IntegerField(allow_null=True, help_text="0-100.")
    gap_index = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    performance = serializers.IntegerField(allow_null=True, help_text="1 low - 3 high.")
    potential = serializers.IntegerField(allow_null=True, help_text="1 low - 3 high.")
    aspires = serializers.BooleanField(help_text="The person named the role as an aspiration.")


class SuccessorSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    critical_role = serializers.UUIDField(source="critical_role.uuid", read_only=True)
    employee = PublicId(people_selectors.employees)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    readiness = serializers.ChoiceField(Successor.Readiness.choices)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Successor
        fields = [
            "id",
            "critical_role",
            "employee",
            "employee_name",
            "readiness",
            "note",
            "evidence",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    @extend_schema_field(EvidenceSerializer(allow_null=True))
    def get_evidence(self, successor: Successor) -> dict | None:
        evidence = self.context.get("evidence", {}).get(successor.pk)
        return None if evidence is None else EvidenceSerializer(evidence).data


class SuccessorUpdateSerializer(ApiModelSerializer):
    readiness = serializers.ChoiceField(Successor.Readiness.choices, required=False)

    class Meta:
        model = Successor
        fields = ["readiness", "note"]


# How `SuccessorSerializer` writes the evidence's gap index.
_GAP_INDEX = EvidenceSerializer().fields["gap_index"]


def successor_list_item(row: dict, evidence: Evidence | None, *, zone: tzinfo) -> dict:
    """`SuccessorSerializer`'s representation of a `successor_rows()` row with its evidence,
    field for field and in its order (`zone`: the current time zone)."""
    return {
        "id": str(row["uuid"]),
        "critical_role": str(row["critical_role__uuid"]),
        "employee": row["employee__uuid"],
        "employee_name": f"{row['employee__first_name']} {row['employee__last_name']}".strip(),
        "readiness": row["readiness"],
        "note": row["note"],
        "evidence": None
        if evidence is None
        else {
            "capability_match": evidence.capability_match,
            "gap_index": None
            if evidence.gap_index is None
            else _GAP_INDEX.to_representation(evidence.gap_index),
            "performance": evidence.performance,
            "potential": evidence.potential,
            "aspires": evidence.aspires,
        },
        "created_at": api_date_time(row["created_at"], zone),
    }


def _successor_page(view, queryset, read=None) -> Response:
    """A page of successors with their evidence; the read is audited. The page is read as
    plain rows (`successor_rows`) and written as `SuccessorSerializer` writes a successor:
    building successors with their role, person and department and serialising them cost
    more than reading them."""
    # The page's ids first: counting the rows the values read would join every one of them.
    ids = view.paginate_queryset(queryset.select_related(None).values_list("id", flat=True))
    rows = selectors.successor_rows(ids=list(ids))
    evidence = selectors.successor_evidence_of(
        [(row["id"], row["employee_id"], row["critical_role__role_id"]) for row in rows]
    )
    if rows:  # nothing read, nothing to record
        services.confidential_read(actor=view.actor, obj=read, what="successors", count=len(rows))
    zone = timezone.get_current_timezone()
    return view.get_paginated_response(
        [successor_list_item(row, evidence.get(row["id"]), zone=zone) for row in rows]
    )


class SlateReaderSerializer(ApiSerializer):
    employee = PublicId(people_selectors.employees)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)


@extend_schema_view(
    list=extend_schema(
        summary="List critical roles",
        description="Highest risk first, each with its bench strength. Confidential: HR "
        "admins, keys, and the people HR granted a role's slate read them (never the "
        "incumbent or a successor); others get an empty list. Scope `talent:read`.",
    ),
    retrieve=extend_schema(summary="Get a critical role"),
    create=extend_schema(
        summary="Mark a role (or a person's position) critical",
        description="HR admins. Scope `talent:write`.",
    ),
    partial_update=extend_schema(
        summary="Change a critical role's risk", request=CriticalRoleUpdateSerializer
    ),
    destroy=extend_schema(summary="Unmark a critical role"),
)
class CriticalRoleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "talent"
    serializer_class = CriticalRoleSerializer
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filter_backends: tuple = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CriticalRole.objects.none()
        return selectors.critical_roles_for_viewer(actor=self.actor)

    def perform_create(self, serializer):
        critical = services.critical_role_mark(actor=self.actor, **serializer.validated_data)
        serializer.instance = selectors.critical_role_get_for_viewer(
            actor=self.actor, uuid=critical.uuid
        )

    def update(self, request, *args, **kwargs):
        critical = self.get_object()
        data = CriticalRoleUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.critical_role_update(
            actor=self.actor, critical_role=critical, **data.validated_data
        )
        fresh = selectors.critical_role_get_for_viewer(actor=self.actor, uuid=critical.uuid)
        return Response(CriticalRoleSerializer(fresh).data)

    def perform_destroy(self, instance):
        services.critical_role_unmark(actor=self.actor, critical_role=instance)

    @extend_schema(
        methods=["GET"],
        summary="List a critical role's successors",
        description="Each with readiness and the computed evidence. Audited.",
        responses=SuccessorSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Nominate a successor",
        description="HR admins. Scope `talent:write`.",
        request=SuccessorSerializer,
        responses={201: SuccessorSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def successors(self, request, id=None):
        critical = self.get_object()
        if request.method == "GET":
            return _successor_page(
                self,
                selectors.successors_for_viewer(actor=self.actor).filter(critical_role=critical),
                read=critical,
            )
        data = SuccessorSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        successor = services.successor_nominate(
            actor=self.actor, critical_role=critical, **data.validated_data
        )
        return Response(SuccessorSerializer(successor).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary="List who else reads the slate",
        description="HR admins: the people granted this critical role's slate.",
        responses=SlateReaderSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Let a person read the slate",
        description="HR admins: an object permission on this critical role (never for the "
        "incumbent or a person on the slate). Scope `talent:write`.",
        request=SlateReaderSerializer,
        responses={201: SlateReaderSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def readers(self, request, id=None):
        critical = self.get_object()
        if not self.actor.is_admin:
            raise PermissionDenied("Only HR admins see who reads a slate.")
        if request.method == "GET":
            people = selectors.succession_readers(critical_role=critical)
            page = self.paginate_queryset(people)
            rows = [{"employee": p} for p in (page if page is not None else people)]
            data = SlateReaderSerializer(rows, many=True).data
            return self.get_paginated_response(data) if page is not None else Response(data)
        data = SlateReaderSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.succession_grant(actor=self.actor, critical_role=critical, **data.validated_data)
        return Response(
            SlateReaderSerializer(data.validated_data).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Stop a person reading the slate",
        description="HR admins. Scope `talent:write`.",
        request=SlateReaderSerializer,
        responses={204: None},
    )
    @action(detail=True, methods=["post"], url_path="remove-reader")
    def remove_reader(self, request, id=None):
        critical = self.get_object()
        data = SlateReaderSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.succession_revoke(actor=self.actor, critical_role=critical, **data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="List successors",
        description="Every slate the caller may read, with readiness and evidence. "
        "Confidential (see `critical-roles`); audited. Scope `talent:read`.",
    ),
    retrieve=extend_schema(summary="Get a successor"),
    partial_update=extend_schema(
        summary="Change a successor's readiness", request=SuccessorUpdateSerializer
    ),
    destroy=extend_schema(summary="Take a successor off the slate"),
)
class SuccessorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "talent"
    serializer_class = SuccessorSerializer
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "patch", "delete", "head", "options"]
    filter_backends: tuple = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Successor.objects.none()
        return selectors.successors_for_viewer(actor=self.actor)

    def list(self, request, *args, **kwargs):
        return _successor_page(self, self.get_queryset())

    def retrieve(self, request, *args, **kwargs):
        successor = self.get_object()
        evidence = selectors.successor_evidence(successors=[successor])
        services.confidential_read(actor=self.actor, obj=successor, what="successor")
        return Response(SuccessorSerializer(successor, context={"evidence": evidence}).data)

    def update(self, request, *args, **kwargs):
        successor = self.get_object()
        data = SuccessorUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.successor_update(actor=self.actor, successor=successor, **data.validated_data)
        fresh = selectors.successor_get_for_viewer(actor=self.actor, uuid=successor.uuid)
        return Response(SuccessorSerializer(fresh).data)

    def perform_destroy(self, instance):
        services.successor_remove(actor=self.actor, successor=instance)


# --- Potential (confidential) ---------------------------------------------------------------------


class PotentialAssessmentSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = PublicId(people_selectors.employees)
    cycle = PublicId(
        cycle_selectors.cycles, required=False, allow_null=True, help_text="The cycle it is for."
    )
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=3),
        help_text="A score 1-3 for every criterion, by its key (the organisation's own, or "
        "the shipped `learning-agility`, `drive`, `leading-others`, `breadth`).",
    )
    effective_level = serializers.IntegerField(read_only=True)

    class Meta:
        model = PotentialAssessment
        fields = [
            "id",
            "employee",
            "cycle",
            "scores",
            "level",
            "calibrated_level",
            "calibration_reason",
            "effective_level",
            "note",
            "created_at",
        ]
        read_only_fields = [
            "level",
            "calibrated_level",
            "calibration_reason",
            "effective_level",
            "created_at",
        ]


class PotentialCalibrateSerializer(ApiSerializer):
    level = serializers.IntegerField(min_value=1, max_value=3)
    reason = serializers.CharField(max_length=300)


@extend_schema_view(
    list=extend_schema(
        summary="List potential assessments",
        description="Confidential: HR admins and keys read them all; a person HR granted a "
        "slate reads the successors' on it; nobody reads their own. Reads are audited. Scope "
        "`talent:read`.",
    ),
    retrieve=extend_schema(summary="Get a potential assessment"),
    create=extend_schema(
        summary="Assess a person's potential",
        description="HR admins and the person's managers score every criterion 1-3; the "
        "level is their rounded mean. Scope `talent:write`.",
    ),
)
class PotentialAssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "talent"
    serializer_class = PotentialAssessmentSerializer
    http_method_names = ["get", "post", "head", "options"]
    filter_backends: tuple = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PotentialAssessment.objects.none()
        return selectors.potential_assessments_for_viewer(actor=self.actor)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        count = len(response.data.get("results", ()))
        if count:  # nothing read, nothing to record
            services.confidential_read(actor=self.actor, obj=None, what="potential", count=count)
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        services.confidential_read(actor=self.actor, obj=self.get_object(), what="potential")
        return response

    def perform_create(self, serializer):
        serializer.instance = services.potential_assess(
            actor=self.actor, **serializer.validated_data
        )

    @extend_schema(
        summary="Calibrate a potential assessment",
        description="HR admins settle the level, with the reason. Audited.",
        request=PotentialCalibrateSerializer,
        responses=PotentialAssessmentSerializer,
    )
    @action(detail=True, methods=["post"])
    def calibrate(self, request, id=None):
        assessment = self.get_object()
        data = PotentialCalibrateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.potential_calibrate(actor=self.actor, assessment=assessment, **data.validated_data)
        return Response(PotentialAssessmentSerializer(assessment).data)


def register(router) -> None:
    router.register("career-paths", CareerPathViewSet, basename="career-path")
    router.register("aspirations", AspirationViewSet, basename="aspiration")
    router.register("critical-roles", CriticalRoleViewSet, basename="critical-role")
    router.register("successors", SuccessorViewSet, basename="successor")
    router.register(
        "potential-assessments", PotentialAssessmentViewSet, basename="potential-assessment"
    )
    from talent import nomination_api, pool_api, review_api

    pool_api.register(router)
    nomination_api.register(router)
    review_api.register(router)
