"""Check-ins API: `check-ins` (with action items and escalations). Scope area `goals`."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from goals.api import FIELD_MAPPING, Ref
from goals.checkins import selectors as checkin_selectors
from goals.checkins import services as checkin_services
from goals.models import (
    ActionItem,
    CheckIn,
    CheckInEscalation,
)
from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdFilter,
    StrictCharField,
    StrictChoiceFilter,
    without_body,
)
from plms.common.errors import NotFound
from plms.common.pagination import paginated
from plms.people import selectors as people_selectors
from plms.people.selectors import all_reports

# --- Check-ins -------------------------------------------------------------------------------


class ActionItemSerializer(ApiModelSerializer):
    serializer_field_mapping = FIELD_MAPPING
    id = serializers.UUIDField(source="uuid", read_only=True)
    owner = Ref(people_selectors.employees, required=False, allow_null=True)
    done = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = ["id", "text", "owner", "due_date", "done", "done_at", "created_at"]
        read_only_fields = ["done_at", "created_at"]

    def get_done(self, item: ActionItem) -> bool:
        return item.done_at is not None


class CheckInSerializer(ApiModelSerializer):
    serializer_field_mapping = FIELD_MAPPING
    id = serializers.UUIDField(source="uuid", read_only=True)
    manager = Ref(people_selectors.employees, read_only=True)
    report = Ref(people_selectors.employees, read_only=True)
    cadence = serializers.CharField(source="series.cadence", read_only=True)
    private_manager_notes = serializers.SerializerMethodField()

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "manager",
            "report",
            "cadence",
            "scheduled_for",
            "status",
            "obstacles",
            "priorities",
            "shared_notes",
            "private_manager_notes",
            "completed_at",
        ]

    def get_private_manager_notes(self, check_in: CheckIn) -> str | None:
        """Null for anyone who may not read them (always for the report)."""
        visible = self.context.get("private_visible")
        return check_in.private_manager_notes if visible and visible(check_in) else None


class CheckInCreateSerializer(ApiSerializer):
    report = Ref(people_selectors.employees)
    manager = Ref(people_selectors.employees, required=False, allow_null=True)
    cadence = serializers.ChoiceField(choices=["weekly", "fortnightly", "monthly"])
    first_date = serializers.DateField(required=False)


class CheckInPatchSerializer(ApiSerializer):
    obstacles = StrictCharField(required=False, allow_blank=True)
    priorities = StrictCharField(required=False, allow_blank=True)
    shared_notes = StrictCharField(required=False, allow_blank=True)
    private_manager_notes = StrictCharField(required=False, allow_blank=True)


class EscalationSerializer(ApiModelSerializer):
    serializer_field_mapping = FIELD_MAPPING
    id = serializers.UUIDField(source="uuid", read_only=True)
    escalated_to = Ref(people_selectors.employees, read_only=True)

    class Meta:
        model = CheckInEscalation
        fields = ["id", "part", "text", "escalated_to", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"text": {"required": False, "allow_blank": True}}


class CheckInFilter(ApiFilterSet):
    manager = PublicIdFilter(field_name="manager__uuid")
    report = PublicIdFilter(field_name="report__uuid")
    status = StrictChoiceFilter(choices=CheckIn.Status.choices)

    class Meta:
        model = CheckIn
        fields = ["manager", "report", "status"]


@extend_schema_view(
    list=extend_schema(summary="List check-ins", description="Scope `goals:read`."),
    retrieve=extend_schema(summary="Get a check-in"),
    create=extend_schema(
        summary="Start a recurring check-in",
        description="Creates the series and returns its first check-in.",
        request=CheckInCreateSerializer,
    ),
    partial_update=extend_schema(
        summary="Write the agenda (private notes: the manager only)",
        request=CheckInPatchSerializer,
    ),
)
class CheckInViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "goals"
    serializer_class = CheckInSerializer
    filterset_class = CheckInFilter
    ordering = ["-scheduled_for", "-id"]
    ordering_fields = ["scheduled_for", "created_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return CheckIn.objects.none()
        return checkin_selectors.check_in_list(actor=self.actor)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        actor = self.actor
        if actor.is_admin:
            context["private_visible"] = lambda check_in: True
        elif actor.employee is None:
            context["private_visible"] = lambda check_in: False
        else:
            me = actor.employee.pk
            managed = set(
                all_reports(manager=actor.employee, include_matrix=True).values_list(
                    "id", flat=True
                )
            )
            context["private_visible"] = lambda check_in: (
                check_in.report_id != me
                and (check_in.manager_id == me or check_in.manager_id in managed)
            )
        return context

    def get_object(self) -> CheckIn:
        check_in = checkin_selectors.check_in_get(actor=self.actor, uuid=self.kwargs["id"])
        if check_in is None:
            raise NotFound()
        return check_in

    def create(self, request, *args, **kwargs):
        serializer = CheckInCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        series = checkin_services.check_in_series_create(
            actor=self.actor, **serializer.validated_data
        )
        check_in = series.check_ins.order_by("scheduled_for").first()
        return Response(self.get_serializer(check_in).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        check_in = self.get_object()
        serializer = CheckInPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        check_in = checkin_services.check_in_update(
            actor=self.actor, check_in=check_in, **serializer.validated_data
        )
        return Response(self.get_serializer(check_in).data)

    @extend_schema(summary="Mark held; schedules the next check-in", request=None)
    @action(detail=True, methods=["post"])
    @without_body
    def complete(self, request, id=None):
        check_in = checkin_services.check_in_complete(actor=self.actor, check_in=self.get_object())
        return Response(self.get_serializer(check_in).data)

    @extend_schema(
        methods=["GET"], summary="Open action items", responses=ActionItemSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        summary="Add an action item",
        request=ActionItemSerializer,
        responses={201: ActionItemSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="action-items", filter_backends=[])
    def action_items(self, request, id=None):
        check_in = self.get_object()
        if request.method == "GET":
            items = checkin_selectors.check_in_open_actions(check_in=check_in)
            return paginated(self, items, ActionItemSerializer)
        serializer = ActionItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = checkin_services.action_item_add(
            actor=self.actor, check_in=check_in, **serializer.validated_data
        )
        return Response(ActionItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Escalate an answer to the manager's manager",
        request=EscalationSerializer,
        responses={201: EscalationSerializer},
    )
    @action(detail=True, methods=["post"])
    def escalate(self, request, id=None):
        check_in = self.get_object()
        serializer = EscalationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        escalation = checkin_services.check_in_escalate(
            actor=self.actor,
            check_in=check_in,
            part=serializer.validated_data["part"],
            text=serializer.validated_data.get("text", ""),
        )
        return Response(EscalationSerializer(escalation).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("check-ins", CheckInViewSet, basename="check-in")
