"""Momentum API: `workflows` (templates with milestones, preview, runs, activate/pause/resume/
cancel) and `notifications` (your own; mark read)."""

from __future__ import annotations

import django_filters
from django.db import models
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    StrictCharField,
    StrictChoiceFilter,
    StrictModelSerializer,
    without_body,
)
from plms.tenancy.permissions import IsOrganizationAdmin
from workflows import milestones as registry
from workflows import notifications as notification_services
from workflows import selectors, services, triggers
from workflows.models import (
    Notification,
    WorkflowMilestone,
    WorkflowRun,
    WorkflowTemplate,
)

# --- Workflows -------------------------------------------------------------------------------


class StrictBooleanField(serializers.BooleanField):
    """JSON true/false only (not "yes", 1 or "true")."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictIntegerField(serializers.IntegerField):
    """JSON integers only (not "5", 5.0 or true)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictUUIDField(serializers.UUIDField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class StrictSerializer(StrictModelSerializer):
    serializer_field_mapping = {
        **StrictModelSerializer.serializer_field_mapping,
        models.BooleanField: StrictBooleanField,
        models.PositiveSmallIntegerField: StrictIntegerField,
        models.IntegerField: StrictIntegerField,
    }


@extend_schema_field({"type": "string"})
class NameField(serializers.ChoiceField):
    """A name from a registry that other apps extend (documented as a string)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


class WorkflowMilestoneConfigSerializer(ApiSerializer):
    cadence = serializers.ChoiceField(choices=["weekly", "fortnightly", "monthly"], required=False)
    assessment = StrictCharField(
        max_length=40,
        required=False,
        help_text="Which assessment completes it: `self` or `manager`.",
    )
    cycle = StrictUUIDField(
        required=False, help_text="The assessment cycle to launch in (default: the open one)."
    )


class WorkflowMilestoneSerializer(StrictSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    kind = NameField(choices=[], help_text="A registered milestone kind, e.g. `send_message`.")
    condition = NameField(
        choices=[], required=False, allow_blank=True, help_text="A registered condition, or empty."
    )
    offset_days = StrictIntegerField(min_value=0, max_value=3650, required=False)
    due_days = StrictIntegerField(min_value=0, max_value=365, required=False)
    remind_before_days = StrictIntegerField(min_value=0, max_value=365, required=False)
    remind_overdue_days = StrictIntegerField(min_value=0, max_value=365, required=False)
    escalate_after_days = StrictIntegerField(min_value=0, max_value=365, required=False)
    message = StrictCharField(max_length=5000, required=False, allow_blank=True)
    config = WorkflowMilestoneConfigSerializer(required=False)

    class Meta:
        model = WorkflowMilestone
        fields = [
            "id",
            "position",
            "name",
            "kind",
            "relative_to",
            "offset_days",
            "due_days",
            "recipients",
            "message",
            "remind_before_days",
            "remind_on_due",
            "remind_overdue_days",
            "escalate_after_days",
            "escalate_to",
            "condition",
            "config",
        ]
        read_only_fields = ["position"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(registry.KINDS)
        self.fields["condition"].choices = ["", *registry.CONDITIONS]


class WorkflowSerializer(StrictSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    milestones = WorkflowMilestoneSerializer(many=True, required=False)
    event = NameField(
        choices=[],
        required=False,
        allow_blank=True,
        help_text="For `trigger=event`: e.g. `employee_joined`, `probation_ends`.",
    )
    event_days = StrictIntegerField(min_value=0, max_value=730, required=False)
    audience_ids = serializers.ListField(
        child=StrictUUIDField(),
        required=False,
        max_length=1000,
        help_text="The public ids of the chosen departments, job roles or people (by `audience`).",
    )
    recurrence = StrictCharField(max_length=300, required=False, allow_blank=True)

    class Meta:
        model = WorkflowTemplate
        fields = [
            "id",
            "name",
            "description",
            "status",
            "source",
            "trigger",
            "start_date",
            "recurrence",
            "event",
            "event_days",
            "audience",
            "audience_ids",
            "audience_title_contains",
            "audience_requires_manager",
            "milestones",
            "next_occurrence_at",
            "activated_at",
            "paused_at",
            "cancelled_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "source",
            "next_occurrence_at",
            "activated_at",
            "paused_at",
            "cancelled_at",
            "created_at",
            "updated_at",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = ["", *triggers.EVENT_SOURCES]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["audience_ids"] = [str(value) for value in instance.audience_ids or []]
        return data


def _service_fields(validated: dict) -> dict:
    fields = dict(validated)
    if "audience_ids" in fields:
        fields["audience_ids"] = [str(value) for value in fields["audience_ids"]]
    if "milestones" in fields:
        fields["milestones"] = [dict(item) for item in fields["milestones"]]
        for item in fields["milestones"]:
            if "config" in item:
                item["config"] = dict(item["config"])
    return fields


class WorkflowPreviewEntrySerializer(ApiSerializer):
    when = serializers.DateTimeField()
    milestone = serializers.UUIDField(source="milestone.uuid")
    milestone_name = serializers.CharField(source="milestone.name")
    kind = serializers.CharField()
    occasion = serializers.CharField()
    available = serializers.BooleanField()
    note = serializers.CharField()


class WorkflowPreviewSerializer(ApiSerializer):
    anchor = serializers.DateTimeField(allow_null=True)
    audience_count = serializers.IntegerField()
    explanation = serializers.CharField()
    sample = serializers.SerializerMethodField()
    entries = WorkflowPreviewEntrySerializer(many=True)

    def get_sample(self, preview) -> list[str]:
        return [str(employee.uuid) for employee in preview.sample]


class WorkflowRunSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = serializers.UUIDField(source="employee.uuid", read_only=True)
    steps_total = serializers.IntegerField(source="step_count", read_only=True)
    steps_finished = serializers.IntegerField(source="finished_count", read_only=True)

    class Meta:
        model = WorkflowRun
        fields = [
            "id",
            "employee",
            "occurrence",
            "anchor_at",
            "state",
            "started_at",
            "completed_at",
            "cancelled_at",
            "steps_total",
            "steps_finished",
        ]
        read_only_fields = fields


class WorkflowFilter(ApiFilterSet):
    status = StrictChoiceFilter(choices=WorkflowTemplate.Status.choices)
    trigger = StrictChoiceFilter(choices=WorkflowTemplate.Trigger.choices)

    class Meta:
        model = WorkflowTemplate
        fields = ["status", "trigger"]


@extend_schema_view(
    list=extend_schema(summary="List workflows", description="Scope `workflows:read`."),
    retrieve=extend_schema(summary="Get a workflow with its milestones"),
    create=extend_schema(
        summary="Create a workflow (a draft)",
        description="Scope `workflows:write`. HR admins only.",
    ),
    partial_update=extend_schema(
        summary="Update a workflow",
        description="The trigger and the milestones change only while it is a draft; "
        "`milestones`, when given, replaces them all.",
    ),
)
class WorkflowViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "workflows"
    serializer_class = WorkflowSerializer
    filterset_class = WorkflowFilter
    search_fields = ["name", "description"]
    ordering_fields = ["name", "created_at", "updated_at"]
    ordering = ["name", "id"]
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.workflow_template_list()

    def perform_create(self, serializer):
        serializer.instance = services.workflow_template_create(
            actor=self.actor, **_service_fields(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = services.workflow_template_update(
            actor=self.actor,
            template=serializer.instance,
            **_service_fields(serializer.validated_data),
        )

    def _transition(self, service) -> Response:
        template = service(actor=self.actor, template=self.get_object())
        return Response(self.get_serializer(template).data)

    @extend_schema(summary="Activate a draft workflow", request=None)
    @action(detail=True, methods=["post"])
    @without_body
    def activate(self, request, id=None):
        return self._transition(services.workflow_template_activate)

    @extend_schema(summary="Pause an active workflow", request=None)
    @action(detail=True, methods=["post"])
    @without_body
    def pause(self, request, id=None):
        return self._transition(services.workflow_template_pause)

    @extend_schema(summary="Resume a paused workflow", request=None)
    @action(detail=True, methods=["post"])
    @without_body
    def resume(self, request, id=None):
        return self._transition(services.workflow_template_resume)

    @extend_schema(
        summary="Cancel a workflow", description="Its open runs are cancelled.", request=None
    )
    @action(detail=True, methods=["post"])
    @without_body
    def cancel(self, request, id=None):
        return self._transition(services.workflow_template_cancel)

    @extend_schema(
        summary="Preview: who gets what, when",
        description="The next occurrence as a timeline (for an event: someone it happens to now).",
        responses=WorkflowPreviewSerializer,
    )
    @action(detail=True, methods=["get"])
    def preview(self, request, id=None):
        preview = selectors.workflow_template_preview(template=self.get_object())
        return Response(WorkflowPreviewSerializer(preview).data)

    @extend_schema(
        summary="Runs of the workflow, per employee", responses=WorkflowRunSerializer(many=True)
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def runs(self, request, id=None):
        runs = selectors.workflow_run_list(template=self.get_object())
        page = self.paginate_queryset(runs)
        return self.get_paginated_response(WorkflowRunSerializer(page, many=True).data)


# --- Notifications ---------------------------------------------------------------------------


class NotificationSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    recipient = serializers.EmailField(source="recipient.email", read_only=True)
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "recipient",
            "event",
            "title",
            "body",
            "link",
            "object_type",
            "object_id",
            "occasion",
            "read",
            "read_at",
            "created_at",
            "email_state",
        ]
        read_only_fields = fields

    def get_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class NotificationFilter(ApiFilterSet):
    event = django_filters.CharFilter()

    class Meta:
        model = Notification
        fields = ["event"]


class NotificationReadAllSerializer(ApiSerializer):
    marked = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(
        summary="List notifications",
        description="Scope `notifications:read`. A member sees their own; an API key sees the "
        "organization's.",
    ),
    retrieve=extend_schema(summary="Get a notification"),
)
class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    scope_area = "notifications"
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    search_fields = ["title"]
    ordering = ["-created_at", "-id"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation, no request
            return Notification.objects.none()
        return selectors.notification_list(actor=self.actor)

    @extend_schema(summary="Mark a notification read", request=None)
    @action(detail=True, methods=["post"])
    @without_body
    def read(self, request, id=None):
        notification = self.get_object()
        if notification.read_at is None:
            notification_services.notification_mark_read(
                user=notification.recipient, notification=notification
            )
        return Response(self.get_serializer(notification).data)

    @extend_schema(
        summary="Mark all your notifications read",
        request=None,
        responses=NotificationReadAllSerializer,
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    @without_body
    def read_all(self, request):
        user = self.actor.user
        marked = notification_services.notification_mark_all_read(user=user) if user else 0
        return Response({"marked": marked}, status=status.HTTP_200_OK)


def register(router) -> None:
    router.register("workflows", WorkflowViewSet, basename="workflow")
    router.register("notifications", NotificationViewSet, basename="notification")
