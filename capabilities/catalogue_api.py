"""Adopting from the shipped catalogue through the API, and the catalogue updates offered for
adopted capabilities: the services the capability library pages use.

- `POST /catalogue/capabilities/{key}/adopt` copies a catalogue capability into the library
  (201); adopting it again answers 200 with the same capability.
- `GET /capability-updates` lists the adopted capabilities whose catalogue entry has a newer
  revision, with the content offered; `POST /capability-updates/{id}/accept` takes it and
  `.../decline` keeps the capability as it is (that revision is no longer offered).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from capabilities import selectors
from capabilities.api import (
    CapabilitySerializer,
    CatalogueCapabilityViewSet,
    CatalogueLevelSerializer,
)
from capabilities.error_codes import DUPLICATE_NAME
from capabilities.models import Capability, CatalogueCapability
from capabilities.services import library as library_services
from plms.common.api import ApiSerializer, OrganizationScopedViewSet, without_body
from plms.common.errors import ApplicationError, NotFound
from plms.tenancy.permissions import IsOrganizationAdmin


class CatalogueViewSet(CatalogueCapabilityViewSet):
    """The shipped catalogue, with adoption."""

    @extend_schema(
        summary="Adopt a catalogue capability",
        description="Copies it into the organisation's library with its levels (scope "
        "`capabilities:write`, HR admins): 201 with the new capability. Idempotent: adopting "
        "it again answers 200 with the same capability. The copy keeps its catalogue key and "
        "revision, so later catalogue revisions are offered at `/capability-updates`. A "
        "capability of the same name that was not adopted is `duplicate_name`.",
        request=None,
        responses={201: CapabilitySerializer, 200: CapabilitySerializer},
    )
    @action(detail=True, methods=["post"])
    @without_body
    def adopt(self, request, key=None):
        source = self.get_object()
        result = library_services.capability_adopt(actor=self.actor, sources=[source])
        if result.adopted:
            capability, answer = result.adopted[0], status.HTTP_201_CREATED
        else:
            capability = Capability.objects.filter(source_key=source.key).first()
            if capability is None:
                raise ApplicationError(
                    DUPLICATE_NAME,
                    f"A capability named {source.name!r} exists and was not adopted from the "
                    "catalogue.",
                    fields={"name": "Already used."},
                )
            answer = status.HTTP_200_OK
        capability = selectors.capability_list().get(pk=capability.pk)
        return Response(CapabilitySerializer(capability).data, status=answer)


class OfferedContentSerializer(ApiSerializer):
    revision = serializers.IntegerField()
    description = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    levels = CatalogueLevelSerializer(source="levels.all", many=True)


class CapabilityUpdateSerializer(ApiSerializer):
    id = serializers.UUIDField(source="capability.uuid", help_text="The capability.")
    capability_name = serializers.CharField(source="capability.name")
    source_key = serializers.CharField(
        source="capability.source_key", help_text="Its catalogue key (empty: not adopted)."
    )
    current_revision = serializers.IntegerField(
        source="capability.source_revision", allow_null=True
    )
    offered = serializers.BooleanField(help_text="Whether a catalogue update is offered.")
    offer = OfferedContentSerializer(
        source="source", allow_null=True, help_text="The content offered (null: none)."
    )

    class Meta:
        model = Capability


_ID = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The adopted capability's id."
)


class _Offer:
    def __init__(self, capability: Capability, source: CatalogueCapability | None) -> None:
        self.capability, self.source = capability, source
        self.offered = source is not None
        self.pk = capability.pk


@extend_schema_view(
    list=extend_schema(
        summary="Catalogue updates offered",
        description="Adopted capabilities whose catalogue entry has a newer revision (not "
        "declined), with the content offered. Scope `capabilities:read`.",
    ),
    retrieve=extend_schema(
        summary="Whether a catalogue update is offered for a capability",
        description="Any capability of the organisation: `offered` says whether its catalogue "
        "entry has a newer revision (not declined), `offer` holds the content.",
        parameters=[_ID],
    ),
)
class CapabilityUpdateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    scope_area = "capabilities"
    serializer_class = CapabilityUpdateSerializer
    extra_permission_classes = (IsOrganizationAdmin,)
    filter_backends: list = []

    def get_queryset(self):
        return [_Offer(capability, source) for capability, source in selectors.catalogue_updates()]

    def get_object(self):
        try:
            capability = selectors.capability_get(uuid=self.kwargs[self.lookup_url_kwarg])
        except (ValueError, ValidationError):
            capability = None
        if capability is None:
            raise NotFound()
        offered = dict((found.pk, source) for found, source in selectors.catalogue_updates())
        return _Offer(capability, offered.get(capability.pk))

    def _answer(self, capability: Capability) -> Response:
        capability = selectors.capability_list().get(pk=capability.pk)
        return Response(CapabilitySerializer(capability).data)

    @extend_schema(
        summary="Accept the catalogue update",
        description="The capability takes the offered description, tags and level "
        "descriptors (a new version of it, with the reason in its history).",
        request=None,
        responses={200: CapabilitySerializer},
        parameters=[_ID],
    )
    @action(detail=True, methods=["post"])
    @without_body
    def accept(self, request, id=None):
        offer = self.get_object()
        capability = library_services.capability_apply_catalogue_update(
            actor=self.actor, capability=offer.capability
        )
        return self._answer(capability)

    @extend_schema(
        summary="Decline the catalogue update",
        description="The capability stays as it is and this revision is no longer offered "
        "(a later one will be).",
        request=None,
        responses={200: CapabilitySerializer},
        parameters=[_ID],
    )
    @action(detail=True, methods=["post"])
    @without_body
    def decline(self, request, id=None):
        offer = self.get_object()
        capability = library_services.capability_decline_catalogue_update(
            actor=self.actor, capability=offer.capability
        )
        return self._answer(capability)


def register(router) -> None:
    router.register("catalogue/capabilities", CatalogueViewSet, basename="catalogue-capability")
    router.register("capability-updates", CapabilityUpdateViewSet, basename="capability-update")
