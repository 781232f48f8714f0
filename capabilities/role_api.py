"""People's job roles through the API: the `job-role-assignments` resource (who holds which
role since when, with the history) and the `job_role` field of `employees`.

Assigning goes through `role_assign` (capabilities.services.roles), as the role page does: the
previous role ends, the requirements of the new one apply at once, launched open cycles whose
scope now includes the person pick them up, Momentum's "takes up a job role" trigger fires and the
`job_role.assigned` webhook event is sent. Scope `people:*`; writes are for HR admins and keys.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from capabilities import selectors
from capabilities.error_codes import ASSIGNMENT_ENDED
from capabilities.models import JobRole, RoleAssignment
from capabilities.services import roles as role_services
from plms.common.api import (
    ApiFilterSet,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdFilter,
    ReferenceField,
    StrictBooleanFilter,
    without_body,
)
from plms.common.errors import ApplicationError
from plms.people import api as people_api
from plms.people.models import Employee
from plms.tenancy.permissions import IsOrganizationAdmin

# --- Job role assignments --------------------------------------------------------------------

ONE_ROLE = "A person holds one job role at a time: secondary roles are not supported."


@extend_schema_field({"type": "boolean", "enum": [True], "default": True})
class PrimaryField(serializers.BooleanField):
    """Every assignment is the person's primary role (one role per person, see the model's
    `roleassignment_one_current` constraint); a client asking for a secondary one is told so
    instead of having the flag dropped."""

    def get_attribute(self, instance):
        return True

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value is not True:
            raise serializers.ValidationError(ONE_ROLE)
        return value


class JobRoleAssignmentSerializer(ApiSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = ReferenceField(
        Employee,
        natural_keys=("email", "external_id"),
        help_text="The person: their employee id, e-mail or external id.",
    )
    role = ReferenceField(
        JobRole, natural_keys=("key",), help_text="The job role: its id or its key."
    )
    role_key = serializers.CharField(source="role.key", read_only=True)
    primary = PrimaryField(
        required=False,
        help_text="Always true: a person holds one job role at a time, so every assignment is "
        "their primary role. Accepted as `true` on write; `false` (a secondary role) is a 400.",
    )
    started_at = serializers.DateTimeField(read_only=True, help_text="From.")
    ended_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="To; null while the role is held."
    )
    current = serializers.SerializerMethodField()

    class Meta:
        model = RoleAssignment

    def get_current(self, assignment: RoleAssignment) -> bool:
        return assignment.ended_at is None


class JobRoleAssignmentFilter(ApiFilterSet):
    employee = PublicIdFilter(field_name="employee__uuid")
    role = PublicIdFilter(field_name="role__uuid")
    current = StrictBooleanFilter(field_name="ended_at", lookup_expr="isnull")

    class Meta:
        model = RoleAssignment
        fields = ["employee", "role", "current"]


@extend_schema_view(
    list=extend_schema(
        summary="List job role assignments",
        description="Who holds (and held) which role, newest first: the history of every "
        "person's roles. `?current=true` lists the roles held now. Scope `people:read`.",
    ),
    retrieve=extend_schema(summary="Get a job role assignment"),
    create=extend_schema(
        summary="Assign a job role",
        description="Scope `people:write`. The person's current role ends and the new one "
        "starts now; the role's requirements apply at once, launched open cycles whose scope "
        "now includes the person create their assessments, and `job_role.assigned` is sent. "
        "Idempotent: assigning the role the person holds answers 200 with that assignment.",
        responses={201: JobRoleAssignmentSerializer, 200: JobRoleAssignmentSerializer},
    ),
)
class JobRoleAssignmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "people"
    serializer_class = JobRoleAssignmentSerializer
    filterset_class = JobRoleAssignmentFilter
    ordering = ["-started_at", "-id"]
    ordering_fields = ["started_at"]
    extra_permission_classes = (IsOrganizationAdmin,)

    def get_queryset(self):
        return selectors.role_assignment_list()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        employee = serializer.validated_data["employee"]
        role = serializer.validated_data["role"]
        held = selectors.current_role_for(employee=employee)
        assignment = role_services.role_assign(actor=self.actor, employee=employee, role=role)
        answer = status.HTTP_200_OK if held == role else status.HTTP_201_CREATED
        return Response(self.get_serializer(assignment).data, status=answer)

    @extend_schema(
        summary="End a job role assignment",
        description="The person no longer holds the role (and holds none until another is "
        "assigned). Refused with `assignment_ended` (409) for an assignment that has ended.",
        request=None,
        responses={200: JobRoleAssignmentSerializer},
    )
    @action(detail=True, methods=["post"])
    @without_body
    def end(self, request, id=None):
        assignment = self.get_object()
        if assignment.ended_at is not None:
            raise ApplicationError(ASSIGNMENT_ENDED, "This assignment has ended already.")
        role_services.role_assign(actor=self.actor, employee=assignment.employee, role=None)
        assignment.refresh_from_db()
        return Response(self.get_serializer(assignment).data)


# --- Employees with their job role -----------------------------------------------------------


class CurrentJobRoleField(ReferenceField):
    """The role the employee holds now (its id), or null; written, it assigns the role."""

    def get_attribute(self, instance):
        return getattr(instance, "current_job_role_uuid", None)

    def to_representation(self, value):
        return str(value)


class EmployeeSerializer(people_api.EmployeeSerializer):
    job_role = CurrentJobRoleField(
        JobRole,
        natural_keys=("key",),
        required=False,
        allow_null=True,
        help_text="The job role held now (read: its id); null for none. Writing it (the id or "
        "the key) assigns the role, as `POST /job-role-assignments` does.",
    )

    class Meta(people_api.EmployeeSerializer.Meta):
        fields = [*people_api.EmployeeSerializer.Meta.fields, "job_role"]


def _current_role_uuid():
    return Subquery(
        RoleAssignment.objects.filter(employee=OuterRef("pk"), ended_at__isnull=True).values(
            "role__uuid"
        )[:1]
    )


@extend_schema_view(
    list=extend_schema(summary="List employees", description="Scope `people:read`."),
    retrieve=extend_schema(summary="Get an employee"),
    create=extend_schema(summary="Create an employee", description="Scope `people:write`."),
    partial_update=extend_schema(summary="Update an employee"),
)
class EmployeeViewSet(people_api.EmployeeViewSet):
    serializer_class = EmployeeSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":  # rows of plain values: the roles come in one query
            return queryset
        return queryset.annotate(current_job_role_uuid=_current_role_uuid())

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        zone = timezone.get_current_timezone()
        roles = selectors.current_role_uuids(employee_ids=[row["id"] for row in page])
        items = [
            {**people_api.employee_list_item(row, zone=zone), "job_role": roles.get(row["id"])}
            for row in page
        ]
        return self.get_paginated_response(items)

    def perform_create(self, serializer):
        role = serializer.validated_data.pop("job_role", None)
        super().perform_create(serializer)
        self._assign(serializer.instance, role, given=role is not None)

    def perform_update(self, serializer):
        given = "job_role" in serializer.validated_data
        role = serializer.validated_data.pop("job_role", None)
        super().perform_update(serializer)
        self._assign(serializer.instance, role, given=given)

    def _assign(self, employee: Employee, role: JobRole | None, *, given: bool) -> None:
        if given:
            role_services.role_assign(actor=self.actor, employee=employee, role=role)
        current = selectors.current_role_for(employee=employee)
        employee.current_job_role_uuid = current.uuid if current is not None else None


def register(router) -> None:
    router.register(
        "job-role-assignments", JobRoleAssignmentViewSet, basename="job-role-assignment"
    )
