"""`GET /api/v1/me`: who the caller is and in which organization."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from plms.common.api import ApiSerializer
from plms.tenancy.permissions import IsOrganizationMember


class OrganizationSerializer(ApiSerializer):
    id = serializers.UUIDField(source="uuid")
    slug = serializers.SlugField()
    name = serializers.CharField()


class MeView(APIView):
    permission_classes = [IsOrganizationMember]

    @extend_schema(
        summary="The caller and their organization",
        responses=inline_serializer(
            "Me",
            {
                "organization": OrganizationSerializer(),
                "role": serializers.ChoiceField(choices=["admin", "member", "api_key"]),
                "scopes": serializers.ListField(child=serializers.CharField()),
                "user": serializers.EmailField(allow_null=True),
                "employee": serializers.UUIDField(allow_null=True),
            },
        ),
    )
    def get(self, request):
        django_request = request._request
        key, membership = django_request.api_key, django_request.membership
        employee = django_request.employee
        return Response(
            {
                "organization": OrganizationSerializer(django_request.organization).data,
                "role": "api_key" if key is not None else membership.role,
                "scopes": list(key.scopes) if key is not None else [],
                "user": None if key is not None else request.user.email,
                "employee": str(employee.uuid) if employee is not None else None,
            }
        )


class PingView(APIView):
    """A constant answer for an authenticated caller: integrators check their key with it, and
    the benchmark measures the stack's own ceiling with it."""

    permission_classes = [IsOrganizationMember]

    @extend_schema(
        summary="Check the connection and the key",
        responses=inline_serializer("Ping", {"ok": serializers.BooleanField()}),
    )
    def get(self, request):
        return Response({"ok": True})
