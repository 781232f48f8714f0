"""Surveys API (scope area `surveys`): `surveys` (HR admins and keys build, schedule and close
them; members read those addressed to them), `survey-responses` (write-only: a person answers
an open round, nothing can be read back) and `survey-results` (per round and group, with every
group below the minimum, or one that would reveal such a group, suppressed)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    StrictBooleanField,
    StrictCharField,
    without_body,
)
from plms.common.errors import ApplicationError
from plms.people import selectors as people_selectors
from plms.tenancy.permissions import IsOrganizationAdmin
from surveys import results, selectors, services
from surveys.error_codes import INVALID
from surveys.models import Survey, SurveyQuestion, SurveyRound

SCOPE = "surveys"


class SurveyQuestionSerializer(ApiSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    library_key = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text="A shipped question (`enps`, `engagement_proud`, `engagement_recognition`, "
        "`engagement_growth`, `engagement_manager`, `engagement_workload`, `comment`); its "
        "text, kind and scale come from the library.",
    )
    text = StrictCharField(required=False, max_length=300)
    kind = serializers.ChoiceField(choices=SurveyQuestion.Kind.choices, required=False)
    scale_min = serializers.IntegerField(required=False, min_value=0, max_value=10)
    scale_max = serializers.IntegerField(required=False, min_value=0, max_value=10)
    low_label = StrictCharField(required=False, allow_blank=True, max_length=60)
    high_label = StrictCharField(required=False, allow_blank=True, max_length=60)
    choices = serializers.ListField(
        child=StrictCharField(max_length=100), required=False, max_length=20
    )
    required = StrictBooleanField(
        required=False, help_text="Only open text may be optional; other kinds are required."
    )


class SurveyRoundSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    responses = serializers.IntegerField(source="responses_count", read_only=True)

    class Meta:
        model = SurveyRound
        fields = ["id", "number", "opens_at", "closes_at", "invited", "responses"]
        read_only_fields = fields


class SurveySerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    audience_ids = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        max_length=500,
        help_text="The departments or people asked, by public id (empty for everyone).",
    )
    questions = SurveyQuestionSerializer(many=True, min_length=1, max_length=40)
    rounds = SurveyRoundSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id",
            "name",
            "description",
            "status",
            "audience",
            "audience_ids",
            "recurrence",
            "starts_on",
            "open_days",
            "questions",
            "rounds",
            "created_at",
            "scheduled_at",
            "closed_at",
        ]
        read_only_fields = ["status", "created_at", "scheduled_at", "closed_at"]


class SurveyFilter(ApiFilterSet):
    class Meta:
        model = Survey
        fields = ["status"]


def _survey_fields(data: dict) -> dict:
    fields = {k: v for k, v in data.items() if k != "questions"}
    if "audience_ids" in fields:
        fields["audience_ids"] = [str(value) for value in fields["audience_ids"]]
    return fields


@extend_schema_view(
    list=extend_schema(
        summary="List surveys",
        description="HR admins and keys: every survey; members: the scheduled surveys "
        "addressed to them. Scope `surveys:read`.",
    ),
    retrieve=extend_schema(summary="Get a survey"),
    create=extend_schema(
        summary="Create a survey (a draft)",
        description="Questions from the library (`library_key`) or the organisation's own. "
        "Scope `surveys:write`.",
    ),
    partial_update=extend_schema(
        summary="Update a draft survey", description="Sent `questions` replace them all."
    ),
)
class SurveyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = SCOPE
    serializer_class = SurveySerializer
    filterset_class = SurveyFilter
    ordering_fields = ["created_at", "name"]
    ordering = ["-created_at", "-id"]
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Survey.objects.none()
        return selectors.survey_list_for_viewer(actor=self.actor)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        survey = services.survey_create(
            actor=self.actor, questions=data.pop("questions"), **_survey_fields(data)
        )
        serializer.instance = selectors.survey_get(uuid=survey.uuid)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        survey = services.survey_update(
            actor=self.actor,
            survey=serializer.instance,
            questions=data.pop("questions", None),
            **_survey_fields(data),
        )
        serializer.instance = selectors.survey_get(uuid=survey.uuid)

    @extend_schema(
        summary="Schedule the survey",
        description="Hands it to Momentum: a first day of today (or none) opens round 1 now "
        "and invites the audience; later rounds open on the recurrence. Scope `surveys:write`.",
        request=None,
        responses=SurveySerializer,
    )
    @action(detail=True, methods=["post"])
    @without_body
    def schedule(self, request, id=None):
        survey = services.survey_schedule(actor=self.actor, survey=self.get_object())
        return Response(SurveySerializer(selectors.survey_get(uuid=survey.uuid)).data)

    @extend_schema(
        summary="Close the survey",
        description="No more rounds; an open round closes now. Results stay. Scope "
        "`surveys:write`.",
        request=None,
        responses=SurveySerializer,
    )
    @action(detail=True, methods=["post"])
    @without_body
    def close(self, request, id=None):
        survey = services.survey_close(actor=self.actor, survey=self.get_object())
        return Response(SurveySerializer(selectors.survey_get(uuid=survey.uuid)).data)


# --- Answers ---------------------------------------------------------------------------------


class SurveyResponseSerializer(ApiSerializer):
    survey = serializers.UUIDField(help_text="The survey's public id.")
    answers = serializers.DictField(
        help_text="Answers by question id: a number on a scale, one of a multiple-choice "
        "question's choices, or text."
    )


class SurveyResponseReceiptSerializer(ApiSerializer):
    survey = serializers.UUIDField()
    round = serializers.IntegerField(help_text="The round answered.")


@extend_schema_view(
    create=extend_schema(
        summary="Answer a survey",
        description="The signed-in person answers the survey's open round, once. Anonymous: "
        "the answer is stored without the person or the time, and cannot be read back by "
        "anyone (results are aggregates only). Scope `surveys:write`.",
        request=SurveyResponseSerializer,
        responses={201: SurveyResponseReceiptSerializer},
    )
)
class SurveyResponseViewSet(OrganizationScopedViewSet):
    scope_area = SCOPE
    serializer_class = SurveyResponseSerializer
    http_method_names = ["post", "options"]
    filter_backends: list = []

    def get_queryset(self):
        return Survey.objects.none()

    def create(self, request):
        data = SurveyResponseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        survey = selectors.surveys().filter(uuid=data.validated_data["survey"]).first()
        if survey is None:
            message = "Unknown survey."
            raise ApplicationError(INVALID, message, fields={"survey": message})
        survey_round = services.response_submit(
            actor=self.actor, survey=survey, answers=data.validated_data["answers"]
        )
        return Response(
            {"survey": str(survey.uuid), "round": survey_round.number},
            status=status.HTTP_201_CREATED,
        )


# --- Results ---------------------------------------------------------------------------------


class EnpsSerializer(ApiSerializer):
    score = serializers.IntegerField(help_text="% promoters (9-10) - % detractors (0-6).")
    promoters = serializers.IntegerField()
    passives = serializers.IntegerField()
    detractors = serializers.IntegerField()


class QuestionResultSerializer(ApiSerializer):
    question = serializers.UUIDField(source="question.uuid")
    text = serializers.CharField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    mean = serializers.FloatField(allow_null=True)
    distribution = serializers.DictField(
        child=serializers.IntegerField(), help_text="Count per scale value or choice."
    )


class SurveyResultSerializer(ApiSerializer):
    round = serializers.IntegerField(source="round.number")
    round_id = serializers.UUIDField(source="round.uuid")
    opens_at = serializers.DateTimeField(source="round.opens_at")
    department = serializers.UUIDField(source="department.uuid", allow_null=True, default=None)
    team = serializers.UUIDField(
        source="team.uuid",
        allow_null=True,
        default=None,
        help_text="The manager whose direct reports the group is.",
    )
    suppressed = serializers.BooleanField(source="hidden", help_text="No figures are given.")
    reason = serializers.CharField(
        source="hidden",
        help_text="Why suppressed: `below_minimum`, `complement` (it would reveal a smaller "
        "group) or `parent` (a larger group it belongs to is suppressed); empty when shown.",
    )
    responses = serializers.IntegerField(allow_null=True)
    enps = EnpsSerializer(allow_null=True)
    engagement = serializers.FloatField(
        allow_null=True, help_text="Mean of the scale questions, as % of each scale."
    )
    questions = QuestionResultSerializer(many=True)
    comments = serializers.ListField(
        child=serializers.CharField(), help_text="Open answers, in alphabetical order."
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["suppressed"] = bool(instance.hidden)
        return data


class SurveyResultQuery(ApiSerializer):
    survey = PublicIdField(selectors.surveys)
    round = serializers.UUIDField(required=False)
    department = PublicIdField(people_selectors.departments, required=False)
    team = PublicIdField(people_selectors.employees, required=False)
    by = serializers.ChoiceField(
        choices=[results.DEPARTMENT, results.TEAM], required=False, allow_blank=True
    )


@extend_schema_view(
    list=extend_schema(
        summary="Survey results",
        description="One row per round (oldest first) for the group the filters name and, "
        "with `by`, each department or team under it. A group with fewer responses than the "
        "organisation's minimum, or one whose figures with those shown would reveal such a "
        "group, is `suppressed` with no figures, whatever the filters. HR admins and keys: "
        "any group; a manager: their own team only; others: nothing. Scope `surveys:read`.",
        parameters=[
            OpenApiParameter("survey", OpenApiTypes.UUID, required=True),
            OpenApiParameter("round", OpenApiTypes.UUID, description="One round only."),
            OpenApiParameter("department", OpenApiTypes.UUID),
            OpenApiParameter("team", OpenApiTypes.UUID, description="A manager's public id."),
            OpenApiParameter("by", OpenApiTypes.STR, enum=["department", "team"]),
        ],
        responses={200: SurveyResultSerializer(many=True)},
    )
)
class SurveyResultViewSet(OrganizationScopedViewSet):
    scope_area = SCOPE
    serializer_class = SurveyResultSerializer
    filter_backends: list = []

    def get_queryset(self):
        return Survey.objects.none()

    def list(self, request):
        params = {k: v for k, v in request.query_params.items() if k not in ("page", "page_size")}
        query = SurveyResultQuery(data=params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        survey = values["survey"]
        survey_round = None
        if values.get("round"):
            survey_round = selectors.round_get(survey=survey, uuid=values["round"])
            if survey_round is None:
                raise ApplicationError(
                    INVALID, "Unknown round.", fields={"round": "Unknown round."}
                )
        rows = results.survey_results(
            actor=self.actor,
            survey=survey,
            survey_round=survey_round,
            department=values.get("department"),
            team=values.get("team"),
            by=values.get("by") or "",
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(SurveyResultSerializer(page, many=True).data)


def register(router) -> None:
    router.register("surveys", SurveyViewSet, basename="survey")
    router.register("survey-responses", SurveyResponseViewSet, basename="survey-response")
    router.register("survey-results", SurveyResultViewSet, basename="survey-result")
