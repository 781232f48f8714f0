"""Assessments API, reviews: `review-templates` (sections, numbered versions), an
assessment's `answers` (the rater's, beside its `ratings`) and an employee's
`review-answers` (what the caller may see of the answers about them: anonymous kinds pooled
and withheld below their minimum number of respondents).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from assessments.models import Assessment, ReviewTemplate, ReviewTemplateVersion
from assessments.reviews import schema
from assessments.reviews import selectors as review_selectors
from assessments.reviews import services as review_services
from assessments.selectors import raters as rater_selectors
from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    StrictBooleanFilter,
    StrictCharField,
)
from plms.common.error_codes import INVALID
from plms.common.errors import ApplicationError, NotFound
from plms.common.ids import parse_public_id
from plms.common.pagination import paginated
from plms.tenancy.permissions import IsOrganizationAdmin

SECTIONS_HELP = (
    "The template's sections, in order: each `{kind, title, help_text, rater_kinds, required, "
    "questions}` where `kind` is one of " + ", ".join(schema.SECTION_KINDS) + "; `rater_kinds` "
    "of " + ", ".join(schema.SECTION_RATER_KINDS) + "; `questions` a list of `{key, text, "
    "help_text, options}` (`options` for multiple choice; none for the capability ratings). "
    "Keys are made when left out and kept, so answers compare across versions."
)


@extend_schema_field(OpenApiTypes.OBJECT)
class SectionsField(serializers.JSONField):
    pass


class ReviewTemplateSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    name = StrictCharField(max_length=200)
    description = StrictCharField(max_length=4000, allow_blank=True, required=False)
    sections = SectionsField(required=False, help_text=SECTIONS_HELP)
    version = serializers.IntegerField(read_only=True, help_text="Every saved change adds one.")

    class Meta:
        model = ReviewTemplate
        fields = [
            "id",
            "name",
            "description",
            "sections",
            "version",
            "archived",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["archived", "created_at", "updated_at"]


class ReviewTemplateVersionSerializer(ApiModelSerializer):
    number = serializers.IntegerField(read_only=True)
    sections = SectionsField(read_only=True)

    class Meta:
        model = ReviewTemplateVersion
        fields = ["number", "name", "sections", "created_at"]
        read_only_fields = fields


class ReviewTemplateFilter(ApiFilterSet):
    archived = StrictBooleanFilter()

    class Meta:
        model = ReviewTemplate
        fields = ["archived"]


@extend_schema_view(
    list=extend_schema(summary="List review templates", description="Scope `assessments:read`."),
    retrieve=extend_schema(summary="Get a review template"),
    create=extend_schema(
        summary="Create a review template",
        description="HR admins; `assessments:write`. Without sections it asks every rater "
        "kind the capability ratings.",
    ),
    partial_update=extend_schema(
        summary="Change a review template",
        description="A change to the name or sections is kept as the next version; cycles "
        "launched with an earlier version keep theirs. Refused with `invalid` (per field, "
        "e.g. `sections.1.questions.0.text`).",
    ),
)
class ReviewTemplateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "assessments"
    serializer_class = ReviewTemplateSerializer
    filterset_class = ReviewTemplateFilter
    search_fields = ["name"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name", "id"]
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return review_selectors.review_template_list(archived=None)

    def perform_create(self, serializer):
        serializer.instance = review_services.review_template_create(
            actor=self.actor, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = review_services.review_template_update(
            actor=self.actor, template=serializer.instance, **serializer.validated_data
        )

    @extend_schema(
        summary="The template's versions",
        description="Newest first; a cycle names the version it launched with.",
        responses={200: ReviewTemplateVersionSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filterset_class=None, filter_backends=[])
    def versions(self, request, id=None):
        template = self.get_object()
        versions = review_selectors.review_template_versions(template=template)
        return paginated(self, versions, ReviewTemplateVersionSerializer)


# --- Answers of one assessment ---------------------------------------------------------------


class QuestionAnswerSerializer(ApiSerializer):
    """A question the assessment's rater is asked, with their answer."""

    question = serializers.CharField(source="key", help_text="The question's key.")
    section = serializers.CharField(source="section_title")
    kind = serializers.ChoiceField(choices=schema.SECTION_KINDS, source="section_kind")
    text = serializers.CharField()
    help_text = serializers.CharField()
    required = serializers.BooleanField()
    options = serializers.ListField(child=serializers.CharField(), required=False)
    answer = serializers.CharField(
        source="value", allow_blank=True, help_text="Words, a level or an option; empty: none."
    )


@extend_schema_field(OpenApiTypes.ANY)
class AnswerValueField(serializers.Field):
    """Text, a level (an integer) or null (clears the answer)."""

    def to_internal_value(self, data: Any) -> Any:
        if data is not None and (isinstance(data, bool) or not isinstance(data, str | int)):
            raise serializers.ValidationError("Text, a level or null.")
        return data

    def to_representation(self, value: Any) -> Any:
        return value


class AnswerInputSerializer(ApiSerializer):
    question = StrictCharField(max_length=40)
    value = AnswerValueField(allow_null=True)


class AnswersInputSerializer(ApiSerializer):
    answers = AnswerInputSerializer(many=True, allow_empty=False)


def question_rows(assessment: Assessment) -> list[dict]:
    return [
        {
            **question,
            "section_title": section["title"],
            "section_kind": section["kind"],
            "required": section["required"],
        }
        for section in review_selectors.question_sections(assessment=assessment)
        for question in section["questions"]
    ]


def answers_action(view, request, assessment: Assessment) -> Response:
    """GET or PUT `assessments/{id}/answers` (routed by the assessments view set)."""
    if request.method == "PUT":
        data = AnswersInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review_services.answers_save(
            actor=view.actor,
            assessment=assessment,
            answers={item["question"]: item["value"] for item in data.validated_data["answers"]},
        )
        return Response(QuestionAnswerSerializer(question_rows(assessment), many=True).data)
    return paginated(view, question_rows(assessment), QuestionAnswerSerializer)


# --- What the caller may see of the answers about an employee ----------------------------------


class PoolSerializer(ApiSerializer):
    kind = serializers.CharField()
    respondents_shown = serializers.BooleanField(
        source="shown", help_text="False: too few respondents; nothing of theirs is given."
    )
    count = serializers.IntegerField(allow_null=True)
    mean = serializers.FloatField(allow_null=True)
    levels = serializers.DictField(child=serializers.IntegerField(), allow_null=True)
    choices = serializers.DictField(child=serializers.IntegerField(), allow_null=True)
    top_choice = serializers.CharField(allow_blank=True)
    comments = serializers.ListField(child=serializers.CharField())


class NamedAnswerSerializer(ApiSerializer):
    rater = serializers.CharField()
    answer = serializers.CharField()


class ReviewAnswerRowSerializer(ApiSerializer):
    question = serializers.CharField()
    section = serializers.CharField()
    text = serializers.CharField()
    named = NamedAnswerSerializer(many=True)
    pooled = PoolSerializer(many=True)


def _pool_payload(pool) -> dict:
    shown = not pool.hidden
    return {
        "kind": pool.kind,
        "shown": shown,
        "count": pool.count if shown else None,
        "mean": pool.mean,
        "levels": {str(level): n for level, n in pool.levels} if pool.levels else None,
        "choices": dict(pool.choices) if pool.choices else None,
        "top_choice": pool.top_choice,
        "comments": pool.comments,
    }


@extend_schema_view(
    list=extend_schema(
        summary="Review answers about an employee",
        description="Of one employee (`employee`, required) in a cycle (`cycle`, default: "
        "the latest closed cycle that assessed them), every question with the answers the "
        "caller may see: named ones (self; managers and experts to managers and HR) and the "
        "anonymous kinds (`peer`, `upward`) pooled, withheld entirely below the cycle's "
        "minimum of respondents whatever the filters. Of an upward review the manager sees the "
        "aggregate, HR the distribution. The employee, their managers, HR admins and keys; "
        "`assessments:read`. Another's results are a 404.",
        parameters=[
            OpenApiParameter(
                "employee", OpenApiTypes.UUID, required=True, description="The employee."
            ),
            OpenApiParameter("cycle", OpenApiTypes.UUID, description="The cycle."),
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                enum=list(schema.SECTION_RATER_KINDS),
                description="Only this rater kind's answers.",
            ),
        ],
    )
)
class ReviewAnswersViewSet(OrganizationScopedViewSet):
    scope_area = "assessments"
    serializer_class = ReviewAnswerRowSerializer
    filter_backends: list = []

    def get_queryset(self):
        return Assessment.objects.none()

    def list(self, request):
        params = request.query_params
        unknown = set(params) - {"employee", "cycle", "kind", "page", "page_size"}
        if unknown:
            raise ApplicationError(
                INVALID, "Unknown filter.", fields={name: "Unknown filter." for name in unknown}
            )
        problems = {}
        employee_id = parse_public_id(params.get("employee"))
        if employee_id is None:
            problems["employee"] = "The employee's public id."
        if "cycle" in params and parse_public_id(params["cycle"]) is None:
            problems["cycle"] = "A public id."
        kind = params.get("kind")
        if kind is not None and kind not in schema.SECTION_RATER_KINDS:
            problems["kind"] = "One of: " + ", ".join(schema.SECTION_RATER_KINDS) + "."
        if problems:
            raise ApplicationError(INVALID, "Some filters are invalid.", fields=problems)
        employee = rater_selectors.results_employee_for_viewer(actor=self.actor, uuid=employee_id)
        if employee is None:
            raise NotFound()
        cycle = review_selectors.results_cycle(employee=employee, raw_id=params.get("cycle"))
        if cycle is None:
            raise NotFound()
        rows = []
        for row in review_selectors.answers_for_results(
            actor=self.actor, employee=employee, cycle=cycle
        ):
            named = [
                {"rater": item["who"], "answer": item["text"]}
                for item in row.named
                if kind is None or item["kind"] == kind
            ]
            pools = [_pool_payload(p) for p in row.pools if kind is None or p.kind == kind]
            rows.append(
                {
                    "question": row.question["key"],
                    "section": row.section["title"],
                    "text": row.question["text"],
                    "named": named,
                    "pooled": pools,
                }
            )
        return paginated(self, rows, ReviewAnswerRowSerializer)
