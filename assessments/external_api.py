"""External ratings through the API: levels rated in another system (an assessment platform,
an exam, a previous vendor), imported by integrators with the `ratings:import` scope on behalf
of a named source.

They are stored as attested ratings (`AttestedRating`, `source_key` `external:<external id>`):
a cycle that weights expert ratings consolidates each one whose date falls in its period as an
expert rating, beside the expert assessors'. Rating on a person's behalf stays forbidden: a key
on `PUT /assessments/{id}/ratings` gets `403 rating_on_behalf`.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from assessments.models import AttestedRating
from assessments.selectors import results as result_selectors
from assessments.services import ratings as rating_services
from capabilities.models import Capability
from plms.common.api import (
    ApiFilterSet,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    PublicIdFilter,
    ReferenceField,
)
from plms.people.models import Employee


class IsAdminOrApiKey(BasePermission):
    """Ratings of other people are for HR admins and keys, reads too."""

    message = "Only HR admins may see or import external ratings."

    def has_permission(self, request, view) -> bool:
        django_request = request._request
        if django_request.api_key is not None:
            return True
        return django_request.membership is not None and django_request.membership.is_admin


class ExternalRatingSerializer(ApiSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    external_id = serializers.CharField(
        max_length=90, help_text="Your id of the rating: importing it again changes nothing."
    )
    employee = ReferenceField(
        Employee,
        natural_keys=("email", "external_id"),
        help_text="The person rated: their employee id, e-mail or external id.",
    )
    capability = PublicIdField(Capability, help_text="The capability (capability id).")
    level = serializers.IntegerField(help_text="A level of the organisation's scale.")
    rated_on = serializers.DateField(
        help_text="When it was rated (decides the cycle it counts in)."
    )
    source = serializers.CharField(
        max_length=300, help_text="The system or exam it comes from, shown beside it."
    )
    evidence_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    created_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = AttestedRating


class ExternalRatingFilter(ApiFilterSet):
    employee = PublicIdFilter(field_name="employee__uuid")
    capability = PublicIdFilter(field_name="capability__uuid")

    class Meta:
        model = AttestedRating
        fields = ["employee", "capability"]


@extend_schema_view(
    list=extend_schema(
        summary="List external ratings",
        description="Ratings from outside PLMS's assessment forms, newest first, each with its "
        "`source`: those imported here (with their `external_id`) and those attested by a "
        "passed assessed learning item (`external_id` empty). HR admins and keys with "
        "`ratings:read`.",
    ),
    retrieve=extend_schema(summary="Get an external rating"),
    create=extend_schema(
        summary="Import an external rating",
        description="Scope `ratings:import`. A level rated in another system, on behalf of "
        "`source`: consolidated as an expert rating by a cycle that weights experts and whose "
        "period covers `rated_on`, shown with its source, audited. Idempotent by "
        "`external_id`: 201 the first time, 200 with the rating recorded first after that. "
        "A level outside the scale is `level_out_of_scale`.",
        responses={201: ExternalRatingSerializer, 200: ExternalRatingSerializer},
    ),
)
class ExternalRatingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "ratings"
    serializer_class = ExternalRatingSerializer
    filterset_class = ExternalRatingFilter
    ordering = ["-attested_at", "-id"]
    ordering_fields = ["attested_at", "created_at"]
    extra_permission_classes = (IsAdminOrApiKey,)

    def get_queryset(self):
        return result_selectors.attested_rating_list()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        rating, created = rating_services.external_rating_import(
            actor=self.actor,
            employee=data["employee"],
            capability=data["capability"],
            level=data["level"],
            rated_on=data["rated_on"],
            source=data["source"],
            external_id=data["external_id"],
            evidence_url=data.get("evidence_url", ""),
        )
        rating = result_selectors.attested_rating_list().get(pk=rating.pk)
        answer = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(rating).data, status=answer)


def register(router) -> None:
    router.register("external-ratings", ExternalRatingViewSet, basename="external-rating")
