"""Assessments API, `rating-previews`: the levels a cycle would consolidate to, and the raters'
vote on them before calibration.
"""

from __future__ import annotations

from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from assessments.models import (
    ConsolidatedLevel,
    PreviewLevel,
    PreviewVote,
)
from assessments.selectors import results as result_selectors
from assessments.services import calibration as calibration_services
from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdFilter,
    StrictBooleanFilter,
    StrictCharField,
)

# --- Ratings preview (pre-calibration vote) --------------------------------------------------


class PreviewTallySerializer(ApiSerializer):
    agree = serializers.IntegerField()
    too_high = serializers.IntegerField()
    too_low = serializers.IntegerField()


class RatingPreviewSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    cycle = serializers.UUIDField(source="cycle.uuid", read_only=True)
    employee = serializers.UUIDField(source="employee.uuid", read_only=True)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    capability = serializers.UUIDField(source="capability.uuid", read_only=True)
    capability_key = serializers.CharField(source="capability.key", read_only=True)
    level = serializers.DecimalField(max_digits=4, decimal_places=2, read_only=True)
    votes = PreviewTallySerializer(source="*", read_only=True)
    contested = serializers.BooleanField(read_only=True)
    my_vote = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="The caller's vote (`agree`, `too_high`, `too_low`); null before voting.",
    )

    class Meta:
        model = PreviewLevel
        fields = [
            "id",
            "cycle",
            "employee",
            "employee_name",
            "capability",
            "capability_key",
            "level",
            "target_level",
            "votes",
            "contested",
            "my_vote",
        ]
        read_only_fields = fields


class PreviewVoteSerializer(ApiSerializer):
    vote = serializers.ChoiceField(choices=PreviewVote.Choice.choices)
    comment = StrictCharField(
        allow_blank=True,
        required=False,
        max_length=2000,
        help_text="Required unless the vote is `agree`.",
    )


class RatingPreviewFilter(ApiFilterSet):
    cycle = PublicIdFilter(field_name="cycle__uuid")
    employee = PublicIdFilter(field_name="employee__uuid")
    capability = PublicIdFilter(field_name="capability__uuid")
    contested = StrictBooleanFilter(field_name="contested")

    class Meta:
        model = ConsolidatedLevel
        fields = ["cycle", "employee", "capability", "contested"]


@extend_schema_view(
    list=extend_schema(
        summary="List levels in the ratings preview",
        description="The optional pre-calibration vote: consolidated levels of closed cycles "
        "with `preview_voting` on, with the votes so far and the caller's own. HR admins and "
        "keys see all; managers their reports'. Scope `assessments:read`.",
    ),
    retrieve=extend_schema(summary="Get a level in the ratings preview"),
)
class RatingPreviewViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    scope_area = "assessments"
    serializer_class = RatingPreviewSerializer
    filterset_class = RatingPreviewFilter
    search_fields = ["employee__first_name", "employee__last_name", "capability__name"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return ConsolidatedLevel.objects.none()
        return result_selectors.preview_list_for_viewer(actor=self.actor)

    @extend_schema(
        summary="Vote on a level before calibration",
        description="An HR admin or one of the person's managers: the level looks right "
        "(`agree`), `too_high` or `too_low` (with a `comment`, else `comment_required`). "
        "Voting again replaces the vote. Refused once calibrated (`already_calibrated`, 409), "
        "for API keys and on one's own level (`not_voter`). Scope `assessments:write`.",
        request=PreviewVoteSerializer,
        responses={200: RatingPreviewSerializer},
    )
    @action(detail=True, methods=["post"])
    def vote(self, request, id=None):
        consolidated = self.get_object()
        data = PreviewVoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        calibration_services.preview_vote_cast(
            actor=self.actor,
            consolidated=consolidated,
            vote=data.validated_data["vote"],
            comment=data.validated_data.get("comment", ""),
        )
        return Response(self.get_serializer(self.get_object()).data)
