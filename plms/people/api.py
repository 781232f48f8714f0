"""People API: employees and departments."""

from __future__ import annotations

from datetime import tzinfo

import django_filters
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    PublicIdFilter,
    ReferenceField,
    StrictModelSerializer,
    api_date_time,
)
from plms.common.pagination import PagePagination
from plms.people import selectors, services
from plms.people.models import Department, Employee
from plms.tenancy.permissions import IsOrganizationAdmin


class MatrixManagerSerializer(ApiSerializer):
    manager = serializers.UUIDField(source="manager.uuid")
    weight = serializers.IntegerField(min_value=1, max_value=99)


class DepartmentSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    parent = ReferenceField(
        Department,
        natural_keys=("name",),
        required=False,
        allow_null=True,
        help_text="The parent department: its id or its name.",
    )
    employee_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Department
        fields = ["id", "name", "parent", "employee_count", "created_at"]
        read_only_fields = ["created_at"]


# What other apps build one employee's read-only figures on (assessments' gaps): the employee
# by public id. Subclasses add their fields and list them in `Meta.fields`. (A comment, not a
# docstring: the schema would describe every subclass with it.)
class EmployeeFiguresSerializer(ApiModelSerializer):
    employee = serializers.UUIDField(source="uuid", read_only=True)

    class Meta:
        model = Employee
        fields = ["employee"]


class EmployeeSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    department = ReferenceField(
        Department,
        natural_keys=("name",),
        required=False,
        allow_null=True,
        help_text="The department: its id or its name.",
    )
    manager = PublicIdField(Employee, read_only=True, allow_null=True)
    matrix_managers = MatrixManagerSerializer(
        source="secondary_manager_links", many=True, read_only=True
    )
    has_joined = serializers.SerializerMethodField()

    class Meta:
        model = Employee
        fields = [
            "id",
            "email",
            "external_id",
            "first_name",
            "last_name",
            "title",
            "department",
            "manager",
            "manager_weight",
            "matrix_managers",
            "start_date",
            "active",
            "left_on",
            "has_joined",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["manager_weight", "created_at", "updated_at"]
        # Uniqueness is the service's rule (per organization), not a global validator.
        validators: list = []
        extra_kwargs = {"email": {"validators": []}}

    def get_has_joined(self, employee: Employee) -> bool:
        return employee.user_id is not None


class EmployeeFilter(ApiFilterSet):
    department = PublicIdFilter(field_name="department__uuid")
    manager = PublicIdFilter(field_name="manager__uuid")
    email = django_filters.CharFilter(field_name="email", lookup_expr="iexact")
    external_id = django_filters.CharFilter()

    class Meta:
        model = Employee
        fields = ["active", "department", "manager", "email", "external_id"]


class EmployeePagination(PagePagination):
    django_paginator_class = selectors.EmployeeRowsPaginator


_DATE = serializers.DateField()


def employee_list_item(row: dict, *, zone: tzinfo) -> dict:
    """`EmployeeSerializer`'s representation of an `employee_rows()` row, field for field
    (`zone`: the current time zone)."""
    return {
        "id": row["uuid"],
        "email": row["email"],
        "external_id": row["external_id"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "title": row["title"],
        "department": row["department__uuid"],
        "manager": row["manager__uuid"],
        "manager_weight": row["manager_weight"],
        "matrix_managers": row["matrix_managers"],
        "start_date": _DATE.to_representation(row["start_date"]),
        "active": row["active"],
        "left_on": _DATE.to_representation(row["left_on"]),
        "has_joined": row["user_id"] is not None,
        "created_at": api_date_time(row["created_at"], zone),
        "updated_at": api_date_time(row["updated_at"], zone),
    }


@extend_schema_view(
    list=extend_schema(summary="List employees", description="Scope `people:read`."),
    retrieve=extend_schema(summary="Get an employee"),
    create=extend_schema(summary="Create an employee", description="Scope `people:write`."),
    partial_update=extend_schema(summary="Update an employee"),
)
class EmployeeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "people"
    serializer_class = EmployeeSerializer
    filterset_class = EmployeeFilter
    pagination_class = EmployeePagination
    search_fields = ["first_name", "last_name", "email", "title"]
    ordering_fields = ["last_name", "created_at", "updated_at"]
    ordering = ["last_name", "first_name", "id"]
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.employee_list()

    def search_index(self, queryset, terms):
        return selectors.employees_matching_search(queryset, terms)

    def list(self, request, *args, **kwargs):
        # Pages of plain rows (`EmployeeRowsPaginator`), rendered as `EmployeeSerializer`
        # would render them: the list's cost was building and serialising model instances.
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        zone = timezone.get_current_timezone()
        return self.get_paginated_response([employee_list_item(row, zone=zone) for row in page])

    def perform_create(self, serializer):
        serializer.instance = services.employee_create(
            actor=self.actor, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.employee_update(
            actor=self.actor, employee=serializer.instance, **serializer.validated_data
        )


@extend_schema_view(
    list=extend_schema(summary="List departments", description="Scope `people:read`."),
    retrieve=extend_schema(summary="Get a department"),
    create=extend_schema(summary="Create a department", description="Scope `people:write`."),
)
class DepartmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "people"
    serializer_class = DepartmentSerializer
    search_fields = ["name"]
    ordering = ["name", "id"]
    ordering_fields = ["name", "created_at"]
    extra_permission_classes = (IsOrganizationAdmin,)

    def get_queryset(self):
        return selectors.department_list()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        department = services.department_create(actor=self.actor, **serializer.validated_data)
        department.employee_count = 0
        return Response(self.get_serializer(department).data, status=status.HTTP_201_CREATED)
