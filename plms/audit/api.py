"""Audit API: `audit-events` (read-only; scope `audit:read`; HR admins in the browser)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission

from plms.audit import selectors
from plms.audit.models import AuditEvent
from plms.common.api import ApiModelSerializer, ApiSerializer, OrganizationScopedViewSet


class IsAdminOrApiKey(BasePermission):
    """The log is for HR admins and keys with `audit:read`, reads included."""

    message = "Only HR admins may read the audit log."

    def has_permission(self, request, view) -> bool:
        django_request = request._request
        if django_request.api_key is not None:
            return True
        return django_request.membership is not None and django_request.membership.is_admin


class AuditEventSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    actor = serializers.CharField(source="actor_label", read_only=True)
    actor_email = serializers.SerializerMethodField()
    object_id = serializers.UUIDField(source="object_uuid", read_only=True, allow_null=True)
    object = serializers.CharField(source="object_repr", read_only=True)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "created_at",
            "actor",
            "actor_email",
            "action",
            "object_type",
            "object_id",
            "object",
            "changes",
            "reason",
            "ip_address",
            "user_agent",
        ]
        read_only_fields = fields

    def get_actor_email(self, event: AuditEvent) -> str | None:
        return event.actor_user.email if event.actor_user is not None else None


class AuditFilterSerializer(ApiSerializer):
    action = serializers.CharField(required=False, max_length=100)
    actor = serializers.CharField(required=False, max_length=200)
    object = serializers.UUIDField(required=False)
    object_type = serializers.CharField(required=False, max_length=100)
    since = serializers.DateTimeField(required=False)
    until = serializers.DateTimeField(required=False)


_FILTERS = [
    OpenApiParameter("action", str, description="An action, or a family by prefix (`auth`)."),
    OpenApiParameter("actor", str, description="Part of the actor's e-mail or label."),
    OpenApiParameter("object", OpenApiTypes.UUID, description="The object's public id."),
    OpenApiParameter("object_type", str, description="`<app>.<model>`, e.g. `goals.goal`."),
    OpenApiParameter("since", OpenApiTypes.DATETIME, description="At or after (ISO 8601)."),
    OpenApiParameter("until", OpenApiTypes.DATETIME, description="Before (ISO 8601)."),
]


_FILTER_NAMES = frozenset(parameter.name for parameter in _FILTERS)


@extend_schema_view(
    list=extend_schema(
        summary="List audit events",
        description="The organisation's audit log, newest first. Scope `audit:read`.",
        parameters=_FILTERS,
    ),
    retrieve=extend_schema(summary="Get an audit event"),
)
class AuditEventViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    serializer_class = AuditEventSerializer
    scope_area = "audit"
    extra_permission_classes = (IsAdminOrApiKey,)
    filter_backends: tuple = ()

    def get_queryset(self):
        if self.action != "list":
            return selectors.audit_event_list()
        # A plain dict: present but empty (`?until=`) is an error, not "no filter".
        params = {k: v for k, v in self.request.query_params.items() if k in _FILTER_NAMES}
        query = AuditFilterSerializer(data=params)
        if not query.is_valid():
            raise ValidationError(query.errors)
        return selectors.audit_event_list(filters=selectors.AuditFilters(**query.validated_data))


def register(router) -> None:
    router.register("audit-events", AuditEventViewSet, basename="audit-event")
