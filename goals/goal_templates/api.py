"""Goal templates API: `goal-templates` (+ `apply`). Scope area `goals`."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from capabilities import selectors as capability_selectors
from goals.api import FIELD_MAPPING, Ref
from goals.goal_templates import selectors as template_selectors
from goals.goal_templates import services as template_services
from goals.models import (
    Goal,
    GoalTemplate,
)
from plms.common.api import (
    ApiSerializer,
    OrganizationScopedViewSet,
    StrictModelSerializer,
)
from plms.common.errors import NotFound
from plms.people import selectors as people_selectors
from plms.tenancy.permissions import IsOrganizationAdmin

# --- Goal templates --------------------------------------------------------------------------


class GoalTemplateSerializer(StrictModelSerializer):
    serializer_field_mapping = FIELD_MAPPING
    id = serializers.UUIDField(source="uuid", read_only=True)
    parent = Ref(Goal, required=False, allow_null=True)
    key_result = Ref(capability_selectors.key_results, required=False, allow_null=True)
    capabilities = Ref(capability_selectors.capabilities, many=True, required=False)

    class Meta:
        model = GoalTemplate
        fields = [
            "id",
            "name",
            "title",
            "description",
            "level",
            "parent",
            "key_result",
            "capabilities",
            "unit",
            "direction",
            "baseline",
            "target",
            "range_low",
            "range_high",
            "indicator",
            "perspective",
            "update_frequency",
            "weight",
            "created_at",
        ]
        read_only_fields = ["created_at"]


class TemplateApplySerializer(ApiSerializer):
    department = Ref(people_selectors.departments, required=False, allow_null=True)
    job_role = Ref(capability_selectors.job_roles, required=False, allow_null=True)
    start_date = serializers.DateField()
    due_date = serializers.DateField()
    status = serializers.ChoiceField(
        choices=[Goal.Status.DRAFT, Goal.Status.ACTIVE], default=Goal.Status.DRAFT
    )

    def validate(self, data):
        if bool(data.get("department")) == bool(data.get("job_role")):
            raise serializers.ValidationError(
                {"department": "Give a department or a job role (one of them)."}
            )
        if data["due_date"] <= data["start_date"]:
            raise serializers.ValidationError({"due_date": "Must come after the start date."})
        return data


class TemplateApplicationSerializer(ApiSerializer):
    created = serializers.ListField(
        child=serializers.UUIDField(), help_text="The goals created (one per person)."
    )
    skipped = serializers.ListField(
        child=serializers.UUIDField(),
        help_text="People left alone: they have a goal from this template already.",
    )


@extend_schema_view(
    list=extend_schema(summary="List goal templates", description="Scope `goals:read`."),
    retrieve=extend_schema(summary="Get a goal template"),
    create=extend_schema(summary="Create a goal template (HR admins)"),
)
class GoalTemplateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "goals"
    serializer_class = GoalTemplateSerializer
    extra_permission_classes = (IsOrganizationAdmin,)
    search_fields = ["name", "title"]
    ordering = ["name", "id"]
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return GoalTemplate.objects.none()
        return template_selectors.goal_template_list()

    def get_object(self) -> GoalTemplate:
        template = template_selectors.goal_template_get(uuid=self.kwargs["id"])
        if template is None:
            raise NotFound()
        return template

    def create(self, request, *args, **kwargs):
        serializer = GoalTemplateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = template_services.goal_template_create(
            actor=self.actor, **serializer.validated_data
        )
        template = template_selectors.goal_template_get(uuid=template.uuid)
        return Response(GoalTemplateSerializer(template).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Give each member of a department or holder of a job role a goal",
        description=(
            "All or nothing; idempotent: people who have a goal from the template already are "
            "skipped. `status: active` needs the template to pass the SMART-R check."
        ),
        request=TemplateApplySerializer,
        responses={201: TemplateApplicationSerializer, 200: TemplateApplicationSerializer},
    )
    @action(detail=True, methods=["post"])
    def apply(self, request, id=None):
        template = self.get_object()
        serializer = TemplateApplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        department, role = data.pop("department", None), data.pop("job_role", None)
        if role is not None:
            result = template_services.goal_template_apply_to_role(
                actor=self.actor, template=template, role=role, **data
            )
        else:
            result = template_services.goal_template_apply(
                actor=self.actor, template=template, department=department, **data
            )
        body = TemplateApplicationSerializer(
            {
                "created": [goal.uuid for goal in result.created],
                "skipped": [employee.uuid for employee in result.skipped],
            }
        ).data
        return Response(body, status=status.HTTP_201_CREATED if result.created else 200)


def register(router) -> None:
    router.register("goal-templates", GoalTemplateViewSet, basename="goal-template")
