"""Personal-data API: `employees/{id}/personal-data-exports` (POST requests an export, GET
lists the person's exports with their progress) and `personal-data-exports/{id}/download`
(the ZIP, once). Scope area `privacy`; HR admins in the browser."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from plms.common.api import (
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    StrictBooleanField,
)
from plms.common.errors import NotFound
from plms.common.ids import parse_public_id
from plms.people.selectors import employee_list
from plms.privacy import selectors, services
from plms.privacy.models import PersonalDataExport


class IsAdminOrApiKey(BasePermission):
    """A person's data is for HR admins and keys with the `privacy` scope, reads included."""

    message = "Only HR admins may handle personal-data requests."

    def has_permission(self, request, view) -> bool:
        django_request = request._request
        if django_request.api_key is not None:
            return True
        return django_request.membership is not None and django_request.membership.is_admin


class PersonalDataExportSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = serializers.UUIDField(source="employee.uuid", read_only=True)
    requested_by = serializers.CharField(source="requested_by_label", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = PersonalDataExport
        fields = [
            "id",
            "employee",
            "status",
            "progress",
            "size",
            "requested_by",
            "include_planning",
            "created_at",
            "finished_at",
            "downloaded_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, export: PersonalDataExport) -> str | None:
        if export.status != PersonalDataExport.Status.READY:
            return None
        return f"/api/v1/personal-data-exports/{export.uuid}/download"


class PersonalDataExportRequestSerializer(ApiSerializer):
    include_planning = StrictBooleanField(
        default=False,
        help_text=(
            "Include management planning about the person (successor slates, potential, "
            "talent pools). Left out by default: the product never shows them to the person."
        ),
    )


def _employee(public_id):
    wanted = parse_public_id(public_id)
    employee = employee_list().filter(uuid=wanted).first() if wanted else None
    if employee is None:
        raise NotFound()
    return employee


@extend_schema_view(
    list=extend_schema(
        summary="List a person's data exports",
        description="Newest first, with their progress. Scope `privacy:read`.",
    ),
    create=extend_schema(
        summary="Request a person's data export",
        description=(
            "Everything PLMS holds about the person, as JSON and CSV in a ZIP, built in the "
            "background: poll the list for `progress`, then download it once from "
            "`download_url`. Management planning (successor slates, potential, talent pools) "
            "is withheld unless `include_planning` is true. Audited. Scope `privacy:write`."
        ),
        request=PersonalDataExportRequestSerializer,
        responses={202: PersonalDataExportSerializer},
    ),
)
class EmployeePersonalDataExportViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, OrganizationScopedViewSet
):
    serializer_class = PersonalDataExportSerializer
    scope_area = "privacy"
    extra_permission_classes = (IsAdminOrApiKey,)
    filter_backends: tuple = ()

    def get_queryset(self):
        return selectors.personal_data_exports_for(employee=_employee(self.kwargs["id"]))

    def create(self, request, *args, **kwargs):
        body = PersonalDataExportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        export = services.personal_data_export_request(
            actor=self.actor,
            employee=_employee(self.kwargs["id"]),
            include_planning=body.validated_data["include_planning"],
        )
        export = selectors.personal_data_export_get(public_id=export.uuid)
        return Response(self.get_serializer(export).data, status=status.HTTP_202_ACCEPTED)


@extend_schema_view(
    list=extend_schema(
        summary="List personal-data exports",
        description="Every person's data exports, newest first. Scope `privacy:read`.",
    ),
    retrieve=extend_schema(summary="Get a personal-data export"),
)
class PersonalDataExportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    serializer_class = PersonalDataExportSerializer
    scope_area = "privacy"
    extra_permission_classes = (IsAdminOrApiKey,)
    filter_backends: tuple = ()

    def get_queryset(self):
        return PersonalDataExport.objects.defer("content").select_related("employee")

    @extend_schema(
        summary="Download a person's data export (once)",
        description="The ZIP; afterwards its content is gone (410). Scope `privacy:read`.",
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY),
            410: OpenApiResponse(description="Not ready, or already downloaded."),
        },
    )
    @action(detail=True, methods=["get"])
    def download(self, request, id=None):
        export = self.get_object()
        content = services.personal_data_export_download(actor=self.actor, export=export)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        return response


def register(router) -> None:
    router.register(
        "personal-data-exports", PersonalDataExportViewSet, basename="personal-data-export"
    )


urlpatterns = [
    path(
        "employees/<str:id>/personal-data-exports",
        EmployeePersonalDataExportViewSet.as_view({"get": "list", "post": "create"}),
        name="employee-personal-data-exports",
    ),
]
