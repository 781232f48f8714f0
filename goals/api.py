"""Goals API: `goals` (+ `updates`, change requests, history). Scope area `goals`; check-ins,
feedback and goal templates have their own API modules in their packages.
"""

from __future__ import annotations

from datetime import tzinfo

from django.db import models
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from capabilities import selectors as capability_selectors
from goals import selectors, services
from goals.models import (
    Goal,
    GoalChangeRequest,
    GoalUpdate,
    Level,
    Perspective,
)
from goals.rows import goal_rows
from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    PublicIdFilter,
    StrictCharField,
    StrictChoiceFilter,
    StrictModelSerializer,
    api_date_time,
    without_body,
)
from plms.common.errors import NotFound
from plms.common.pagination import paginated
from plms.people import selectors as people_selectors


@extend_schema_field(
    {
        "oneOf": [
            {"type": "number"},
            {"type": "string", "pattern": r"^-?\d{0,12}(?:\.\d{0,4})?$"},
        ]
    }
)
class NumberField(serializers.DecimalField):
    """A KPI value: a JSON number or a decimal string (data feeds send either)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_digits", 16)
        kwargs.setdefault("decimal_places", 4)
        super().__init__(**kwargs)


FIELD_MAPPING = {
    **StrictModelSerializer.serializer_field_mapping,
    models.DecimalField: NumberField,
}


class Ref(PublicIdField):
    """A public id of another object of the organisation. `queryset` only names the model for
    the schema; rows still come from the scoped `get_queryset()`."""

    def __init__(self, model, **kwargs) -> None:
        super().__init__(model, **kwargs)
        self.queryset = self.get_queryset().none()


# --- Goals -----------------------------------------------------------------------------------


KPI_FIELDS = [
    "unit",
    "direction",
    "baseline",
    "target",
    "range_low",
    "range_high",
    "indicator",
    "perspective",
    "data_source",
    "data_steward",
    "update_frequency",
    "weight",
    "rag_green_at",
    "rag_amber_at",
    "range_tolerance_percent",
]
EDITABLE_FIELDS = ["title", "description", "level", "start_date", "due_date", *KPI_FIELDS]


class GoalSerializer(ApiModelSerializer):
    serializer_field_mapping = FIELD_MAPPING
    id = serializers.UUIDField(source="uuid", read_only=True)
    owner_employee = Ref(people_selectors.employees, required=False, allow_null=True)
    owner_department = Ref(people_selectors.departments, required=False, allow_null=True)
    data_steward = Ref(people_selectors.employees, required=False, allow_null=True)
    parents = Ref(Goal, many=True, required=False)
    contributors = Ref(people_selectors.employees, many=True, required=False)
    key_result = Ref(capability_selectors.key_results, required=False, allow_null=True)
    capabilities = Ref(capability_selectors.capabilities, many=True, required=False)
    progress = serializers.DecimalField(
        max_digits=6, decimal_places=2, read_only=True, allow_null=True
    )
    rag = serializers.CharField(read_only=True, allow_null=True)
    likely_to_miss = serializers.SerializerMethodField()
    has_pending_change = serializers.SerializerMethodField()

    class Meta:
        model = Goal
        fields = [
            "id",
            "title",
            "description",
            "level",
            "owner_type",
            "owner_employee",
            "owner_department",
            "contributors",
            "parents",
            "key_result",
            "capabilities",
            "status",
            "start_date",
            "due_date",
            *KPI_FIELDS,
            "current",
            "progress",
            "rag",
            "likely_to_miss",
            "has_pending_change",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "current", "version", "created_at", "updated_at"]

    def get_likely_to_miss(self, goal: Goal) -> bool | None:
        return getattr(goal, "likely_to_miss", None)

    def get_has_pending_change(self, goal: Goal) -> bool:
        return bool(getattr(goal, "pending_changes", 0))


# The fields `GoalSerializer` writes a goal's numbers and dates with.
_NUMBER = NumberField()  # KPI values
_PERCENT = NumberField(max_digits=6, decimal_places=2)  # weight, thresholds
_PROGRESS = serializers.DecimalField(max_digits=6, decimal_places=2)
_DATE = serializers.DateField()


def _number(field: serializers.DecimalField, value):
    return None if value is None else field.to_representation(value)


def goal_list_item(row: dict, *, zone: tzinfo) -> dict:
    """`GoalSerializer`'s representation of a `goal_rows()` row, field for field and in its
    order (`zone`: the current time zone)."""
    return {
        "id": str(row["uuid"]),
        "title": row["title"],
        "description": row["description"],
        "level": row["level"],
        "owner_type": row["owner_type"],
        "owner_employee": row["owner_employee__uuid"],
        "owner_department": row["owner_department__uuid"],
        "contributors": row["contributors"],
        "parents": row["parents"],
        "key_result": row["key_result__uuid"],
        "capabilities": row["capabilities"],
        "status": row["status"],
        "start_date": _DATE.to_representation(row["start_date"]),
        "due_date": _DATE.to_representation(row["due_date"]),
        "unit": row["unit"],
        "direction": row["direction"],
        "baseline": _number(_NUMBER, row["baseline"]),
        "target": _number(_NUMBER, row["target"]),
        "range_low": _number(_NUMBER, row["range_low"]),
        "range_high": _number(_NUMBER, row["range_high"]),
        "indicator": row["indicator"],
        "perspective": row["perspective"],
        "data_source": row["data_source"],
        "data_steward": row["data_steward__uuid"],
        "update_frequency": row["update_frequency"],
        "weight": _number(_PERCENT, row["weight"]),
        "rag_green_at": _number(_PERCENT, row["rag_green_at"]),
        "rag_amber_at": _number(_PERCENT, row["rag_amber_at"]),
        "range_tolerance_percent": _number(_PERCENT, row["range_tolerance_percent"]),
        "current": _number(_NUMBER, row["current"]),
        "progress": _number(_PROGRESS, row["progress"]),
        "rag": row["rag"],
        "likely_to_miss": row["likely_to_miss"],
        "has_pending_change": bool(row["pending_changes"]),
        "version": row["version"],
        "created_at": api_date_time(row["created_at"], zone),
        "updated_at": api_date_time(row["updated_at"], zone),
    }


class GoalDetailSerializer(GoalSerializer):
    smart = serializers.SerializerMethodField()
    pending_change = serializers.SerializerMethodField()

    class Meta(GoalSerializer.Meta):
        fields = [*GoalSerializer.Meta.fields, "smart", "pending_change"]

    def get_smart(self, goal: Goal) -> dict:
        return selectors.goal_smart_check(goal).as_dict()

    def get_pending_change(self, goal: Goal) -> dict | None:
        change = selectors.goal_pending_change(goal=goal)
        return None if change is None else ChangeRequestSerializer(change).data


class GoalPatchSerializer(ApiSerializer):
    version = serializers.IntegerField(min_value=1)
    justification = StrictCharField(required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=Goal.Status.choices, required=False)
    override_reason = StrictCharField(required=False, allow_blank=True)
    parents = Ref(Goal, many=True, required=False)
    contributors = Ref(people_selectors.employees, many=True, required=False)
    capabilities = Ref(capability_selectors.capabilities, many=True, required=False)
    data_steward = Ref(people_selectors.employees, required=False, allow_null=True)
    key_result = Ref(capability_selectors.key_results, required=False, allow_null=True)

    def get_fields(self):
        # The editable goal fields, as the goal serializer declares them, all optional.
        fields = super().get_fields()
        base = GoalSerializer().get_fields()
        for name in EDITABLE_FIELDS:
            if name not in fields:
                field = base[name]
                field.required = False
                fields[name] = field
        return fields


class GoalUpdateSerializer(ApiModelSerializer):
    serializer_field_mapping = FIELD_MAPPING
    id = serializers.UUIDField(source="uuid", read_only=True)
    recorded_by = serializers.CharField(source="recorded_by_label", read_only=True)

    class Meta:
        model = GoalUpdate
        fields = ["id", "value", "comment", "confidence", "source", "recorded_at", "recorded_by"]
        read_only_fields = ["source"]
        extra_kwargs = {"recorded_at": {"required": False}}


class ChangeRequestSerializer(ApiModelSerializer):
    serializer_field_mapping = FIELD_MAPPING
    id = serializers.UUIDField(source="uuid", read_only=True)

    class Meta:
        model = GoalChangeRequest
        fields = [
            "id",
            "changes",
            "justification",
            "status",
            "requested_by_label",
            "requested_at",
            "decided_by_label",
            "decided_at",
            "decision_note",
        ]


class DecisionSerializer(ApiSerializer):
    approve = serializers.BooleanField()
    note = StrictCharField(required=False, allow_blank=True, default="")


class HistorySerializer(ApiSerializer):
    action = serializers.CharField()
    actor = serializers.CharField(source="actor_label")
    changes = serializers.JSONField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class GoalFilter(ApiFilterSet):
    owner = PublicIdFilter(field_name="owner_employee__uuid")
    department = PublicIdFilter(field_name="owner_department__uuid")
    key_result = PublicIdFilter(field_name="key_result__uuid")
    capability = PublicIdFilter(field_name="capability_links__capability__uuid")
    owner_type = StrictChoiceFilter(choices=Goal.OwnerType.choices)
    level = StrictChoiceFilter(choices=Level.choices)
    status = StrictChoiceFilter(choices=Goal.Status.choices)
    perspective = StrictChoiceFilter(choices=Perspective.choices)

    class Meta:
        model = Goal
        fields = [
            "owner",
            "department",
            "key_result",
            "capability",
            "owner_type",
            "level",
            "status",
            "perspective",
        ]


@extend_schema_view(
    list=extend_schema(summary="List goals", description="Scope `goals:read`."),
    retrieve=extend_schema(summary="Get a goal with its SMART-R check"),
    create=extend_schema(
        summary="Create a draft goal", description="Scope `goals:write`.", request=GoalSerializer
    ),
    partial_update=extend_schema(
        summary="Update a goal",
        description=(
            "`version` is required; a stale one answers 409 `conflict` with the current state. "
            "On an active goal, target, range, due date and weight become a change request "
            "(give `justification`). `status` moves the goal (activating needs a passing "
            "SMART-R check or a manager's `override_reason`)."
        ),
        request=GoalPatchSerializer,
        responses=GoalDetailSerializer,
    ),
)
class GoalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "goals"
    serializer_class = GoalSerializer
    filterset_class = GoalFilter
    search_fields = ["title", "description"]
    ordering_fields = ["due_date", "created_at", "updated_at", "title"]
    ordering = ["due_date", "title", "id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Goal.objects.none()
        return selectors.goal_list(actor=self.actor)

    def get_serializer_class(self):
        return GoalDetailSerializer if self.action == "retrieve" else GoalSerializer

    def get_object(self) -> Goal:
        """The goal as its detail shows it: links, progress, RAG and forecast."""
        return selectors.goal_list_for_display([self._goal(selectors.goal_get)])[0]

    def _goal(self, get=selectors.goal_visible) -> Goal:
        """The goal of the route if the actor may see it, else 404; plain for the routes
        that only act on it or list what belongs to it."""
        goal = get(actor=self.actor, uuid=self.kwargs["id"])
        if goal is None:
            raise NotFound()
        return goal

    def list(self, request, *args, **kwargs):
        # The page's ids first, then its rows as plain values (`goal_rows`), written as
        # `GoalSerializer` writes a goal: building 50 goals with their links and serialising
        # 30 fields each was most of the request.
        ids = self.paginate_queryset(
            self.filter_queryset(self.get_queryset()).values_list("id", flat=True)
        )
        rows = goal_rows(ids=list(ids or []))
        zone = timezone.get_current_timezone()
        return self.get_paginated_response([goal_list_item(row, zone=zone) for row in rows])

    def retrieve(self, request, *args, **kwargs):
        return Response(GoalDetailSerializer(self.get_object()).data)

    def create(self, request, *args, **kwargs):
        serializer = GoalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        goal = services.goal_create(actor=self.actor, **serializer.validated_data)
        goal = selectors.goal_list_for_display(
            [selectors.goal_get(actor=self.actor, uuid=goal.uuid)]
        )
        return Response(GoalDetailSerializer(goal[0]).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        goal = self.get_object()
        serializer = GoalPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        new_status = data.pop("status", None)
        override_reason = data.pop("override_reason", "")
        if data:
            goal = services.goal_update(actor=self.actor, goal=goal, version=version, **data)
            version = goal.version
        if new_status is not None and new_status != goal.status:
            services.goal_transition(
                actor=self.actor,
                goal=goal,
                status=new_status,
                version=version,
                override_reason=override_reason,
            )
        elif not data:
            services.goal_update(actor=self.actor, goal=goal, version=version)
        return Response(GoalDetailSerializer(self.get_object()).data)

    @extend_schema(
        methods=["GET"],
        summary="Progress history of a goal",
        responses=GoalUpdateSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Record progress (value, comment, confidence)",
        request=GoalUpdateSerializer,
        responses={201: GoalUpdateSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="updates", filter_backends=[])
    def updates(self, request, id=None):
        goal = self._goal()
        if request.method == "GET":
            page = self.paginate_queryset(selectors.goal_updates(goal=goal))
            return self.get_paginated_response(GoalUpdateSerializer(page, many=True).data)
        serializer = GoalUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        update = services.goal_progress_record(
            actor=self.actor,
            goal=goal,
            source=GoalUpdate.Source.API if request._request.api_key else "manual",
            **serializer.validated_data,
        )
        return Response(GoalUpdateSerializer(update).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change requests of a goal", responses=ChangeRequestSerializer(many=True)
    )
    @action(detail=True, methods=["get"], url_path="change-requests", filter_backends=[])
    def change_requests(self, request, id=None):
        goal = self._goal()
        changes = selectors.goal_change_requests(goal=goal)
        return paginated(self, changes, ChangeRequestSerializer)

    @extend_schema(
        summary="Approve or reject the pending change",
        request=DecisionSerializer,
        responses=ChangeRequestSerializer,
    )
    @action(detail=True, methods=["post"], url_path="decide-change")
    def decide_change(self, request, id=None):
        goal = self._goal()
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        change = selectors.goal_pending_change(goal=goal)
        if change is None:
            raise NotFound("No change of this goal is pending.")
        change = services.goal_change_request_decide(
            actor=self.actor,
            change_request=change,
            approve=serializer.validated_data["approve"],
            note=serializer.validated_data["note"],
        )
        return Response(ChangeRequestSerializer(change).data)

    @extend_schema(summary="Approve a target beyond the stretch limit", request=None)
    @action(detail=True, methods=["post"], url_path="approve-stretch")
    @without_body
    def approve_stretch(self, request, id=None):
        services.goal_stretch_approve(actor=self.actor, goal=self._goal())
        return Response(GoalDetailSerializer(self.get_object()).data)

    @extend_schema(summary="Field history and decision log", responses=HistorySerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request, id=None):
        page = self.paginate_queryset(selectors.goal_history(goal=self._goal()))
        return self.get_paginated_response(HistorySerializer(page, many=True).data)


# --- Routes ---------------------------------------------------------------------------------------


def register(router) -> None:
    router.register("goals", GoalViewSet, basename="goal")
