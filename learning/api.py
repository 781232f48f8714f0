"""Learning API: the catalogue, development plans, completions from an LMS, and reports."""

from __future__ import annotations

import datetime

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from assessments.selectors import cycles as cycle_selectors
from capabilities import selectors as capability_selectors
from goals import selectors as goal_selectors
from learning import selectors
from learning.error_codes import INVALID, UNKNOWN_REFERENCE
from learning.models import DevelopmentPlan, LearningCompletion, LearningItem, PlanItem
from learning.services import builds as build_services
from learning.services import catalogue as catalogue_services
from learning.services import completions as completion_services
from learning.services import plans as plan_services
from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    PublicIdFilter,
    StrictCharField,
    StrictEmailField,
    without_body,
)
from plms.common.errors import ApplicationError, NotFound
from plms.common.pagination import paginated
from plms.people import selectors as people_selectors
from plms.tenancy.permissions import IsOrganizationAdmin


@extend_schema_field(OpenApiTypes.UUID)
class PublicId(PublicIdField):
    """Another object of the organization by its public id (documented as a UUID)."""


def choice(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field documented as a string listing its values. Plans, items and other apps
    reuse the names `kind` and `status` for different choice sets; describing the values in
    place keeps the schema free of colliding enum components."""
    values = ", ".join(f"`{value}`" for value, _ in choices if value)
    field_class = extend_schema_field({"type": "string", "description": f"One of {values}."})(
        type("DocumentedChoiceField", (serializers.ChoiceField,), {})
    )
    return field_class(choices, **kwargs)


# --- Catalogue ------------------------------------------------------------------------------------


class LevelLinkSerializer(ApiSerializer):
    capability = PublicId(capability_selectors.capabilities)
    level_from = serializers.IntegerField(min_value=1, max_value=10)
    level_to = serializers.IntegerField(min_value=1, max_value=10)


class LearningItemSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    mix = choice(LearningItem.Mix.choices, read_only=True)
    kind = choice(LearningItem.Kind.choices)
    completion_outcome = choice(LearningItem.Outcome.choices, required=False)
    capabilities = LevelLinkSerializer(many=True, required=False)
    rating = serializers.DecimalField(
        source="rating_mean",
        max_digits=3,
        decimal_places=2,
        coerce_to_string=False,
        read_only=True,
        allow_null=True,
        help_text="The learners' mean rating of the item, 1 (poor) to 5 (excellent); null "
        "until someone who completed it rated it.",
    )
    rating_count = serializers.IntegerField(
        read_only=True, help_text="How many learners rated the item."
    )

    class Meta:
        model = LearningItem
        fields = [
            "id",
            "title",
            "description",
            "kind",
            "mix",
            "provider",
            "url",
            "duration_hours",
            "cost",
            "language",
            "tags",
            "external_id",
            "completion_outcome",
            "active",
            "capabilities",
            "rating",
            "rating_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []
        extra_kwargs = {"external_id": {"validators": []}}


def _links(data: list[dict] | None) -> list[catalogue_services.LevelLink] | None:
    if data is None:
        return None
    return [
        catalogue_services.LevelLink(d["capability"], d["level_from"], d["level_to"]) for d in data
    ]


class LearningItemFilter(ApiFilterSet):
    capability = PublicIdFilter(field_name="capabilities__capability__uuid", distinct=True)
    external_id = django_filters.CharFilter()

    class Meta:
        model = LearningItem
        fields = ["kind", "language", "active", "completion_outcome", "capability", "external_id"]


@extend_schema_view(
    list=extend_schema(
        summary="List learning items",
        description="Each with the learners' mean rating and how many rated it (training "
        "feedback, given once they completed it). Scope `learning:read`.",
    ),
    retrieve=extend_schema(summary="Get a learning item"),
    create=extend_schema(
        summary="Create a learning item", description="HR admins; scope `learning:write`."
    ),
    partial_update=extend_schema(summary="Update a learning item"),
)
class LearningItemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "learning"
    serializer_class = LearningItemSerializer
    filterset_class = LearningItemFilter
    search_fields = ["title", "provider", "description"]
    ordering_fields = ["title", "created_at", "duration_hours", "cost"]
    ordering = ["title", "id"]
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.with_ratings(selectors.item_list(active=None))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        links = _links(data.pop("capabilities", []))
        item = catalogue_services.learning_item_create(actor=self.actor, capabilities=links, **data)
        serializer.instance = self.get_queryset().get(pk=item.pk)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        links = _links(data.pop("capabilities", None))
        serializer.instance = catalogue_services.learning_item_update(
            actor=self.actor, item=serializer.instance, capabilities=links, **data
        )
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)


# --- Development plans ----------------------------------------------------------------------------


class PlanItemSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    item = PublicId(LearningItem, read_only=True, allow_null=True)
    capability = PublicId(capability_selectors.capabilities, read_only=True, allow_null=True)
    label = serializers.CharField(read_only=True)
    status = choice(PlanItem.Status.choices, read_only=True)

    class Meta:
        model = PlanItem
        fields = [
            "id",
            "item",
            "capability",
            "label",
            "reason",
            "due_date",
            "order",
            "status",
            "evidence",
            "reflection",
            "completed_at",
        ]
        read_only_fields = fields


class DevelopmentPlanSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = PublicId(people_selectors.employees, read_only=True)
    built_from = PublicId(cycle_selectors.cycles, read_only=True, allow_null=True)
    approved_by = PublicId(people_selectors.employees, read_only=True, allow_null=True)
    item_count = serializers.IntegerField(read_only=True)
    done_count = serializers.IntegerField(read_only=True)
    kind = choice(DevelopmentPlan.Kind.choices, read_only=True)
    status = choice(DevelopmentPlan.Status.choices, read_only=True)
    outcome = choice(DevelopmentPlan.Outcome.choices, read_only=True)
    linked_goals = serializers.ListField(
        source="linked_goal_ids",
        child=serializers.UUIDField(),
        read_only=True,
        help_text="An improvement plan: the public ids of the goals it is about.",
    )

    class Meta:
        model = DevelopmentPlan
        fields = [
            "id",
            "employee",
            "kind",
            "status",
            "title",
            "period_start",
            "period_end",
            "built_from",
            "budget_hours",
            "content_gaps",
            "review_dates",
            "outcome",
            "outcome_note",
            "approved_by",
            "approved_at",
            "activated_at",
            "completed_at",
            "item_count",
            "done_count",
            "created_at",
            "updated_at",
            "reason",
            "linked_goals",
            "hr_signed_off_at",
        ]
        read_only_fields = fields


EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


class MilestoneSerializer(ApiSerializer):
    title = StrictCharField(max_length=200)
    due_date = serializers.DateField()


class PlanCreateSerializer(ApiSerializer):
    employee = PublicId(people_selectors.employees)
    kind = choice(DevelopmentPlan.Kind.choices, default=DevelopmentPlan.Kind.DEVELOPMENT)
    start = serializers.DateField(required=False)
    cycle = PublicId(cycle_selectors.cycles, required=False, allow_null=True)
    title = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    period_end = serializers.DateField(required=False)
    milestones = MilestoneSerializer(many=True, required=False, default=list)
    review_dates = serializers.ListField(
        child=serializers.DateField(), required=False, default=list
    )
    reason = StrictCharField(required=False, allow_blank=True, default="")
    goals = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        default=list,
        help_text="The public ids of the employee's goals the improvement plan is about.",
    )

    def validate(self, attrs):
        for name in ("start", "period_end"):
            day = attrs.get(name)
            if day is not None and not (EARLIEST <= day <= LATEST):
                raise serializers.ValidationError(
                    {name: f"Choose a date from {EARLIEST} to {LATEST}."}
                )
        return attrs


class AdditionSerializer(ApiSerializer):
    item = PublicId(LearningItem)
    capability = PublicId(capability_selectors.capabilities, required=False, allow_null=True)
    reason = StrictCharField(max_length=300)
    due_date = serializers.DateField(required=False, allow_null=True)


class RemovalSerializer(ApiSerializer):
    item = serializers.UUIDField(help_text="The plan item's id.")
    reason = StrictCharField(max_length=300)


class ApproveSerializer(ApiSerializer):
    add = AdditionSerializer(many=True, required=False, default=list)
    remove = RemovalSerializer(many=True, required=False, default=list)
    order = serializers.ListField(child=serializers.UUIDField(), required=False)
    reason = StrictCharField(required=False, default="", allow_blank=True)


class CompleteSerializer(ApiSerializer):
    outcome = choice(DevelopmentPlan.Outcome.choices, required=False, default="", allow_blank=True)
    note = StrictCharField(required=False, default="", allow_blank=True)


class ItemProgressSerializer(ApiSerializer):
    item = serializers.UUIDField(help_text="The plan item's id.")
    status = choice(PlanItem.Status.choices)
    evidence = StrictCharField(required=False, allow_blank=True)
    reflection = StrictCharField(required=False, allow_blank=True)


class DevelopmentPlanFilter(ApiFilterSet):
    employee = PublicIdFilter(field_name="employee__uuid")

    class Meta:
        model = DevelopmentPlan
        fields = ["status", "kind", "employee"]


@extend_schema_view(
    list=extend_schema(
        summary="List development plans",
        description="Employees see their own plans, managers their reports' (primary and "
        "matrix), HR admins and keys every plan. Scope `learning:read`.",
    ),
    retrieve=extend_schema(summary="Get a development plan"),
)
class DevelopmentPlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    scope_area = "learning"
    serializer_class = DevelopmentPlanSerializer
    filterset_class = DevelopmentPlanFilter
    ordering_fields = ["created_at", "period_end"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no caller
            return DevelopmentPlan.objects.none()
        return selectors.plan_list_for_viewer(actor=self.actor)

    def _refreshed(self, plan: DevelopmentPlan, code: int = status.HTTP_200_OK) -> Response:
        plan = selectors.plan_get_for_viewer(actor=self.actor, uuid=plan.uuid)
        return Response(DevelopmentPlanSerializer(plan).data, status=code)

    @extend_schema(
        summary="Build a development plan",
        description="A development plan is built from the employee's gaps (ordered by "
        "weighted gap, within the organisation's time budget, each item with its reason); an "
        "improvement plan takes its milestones, review dates and period. The employee, their "
        "managers and HR admins may build one. Emits `development_plan.created`.",
        request=PlanCreateSerializer,
        responses={201: DevelopmentPlanSerializer},
    )
    def create(self, request):
        data = PlanCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values["kind"] == DevelopmentPlan.Kind.IMPROVEMENT:
            if "start" not in values or "period_end" not in values:
                raise ApplicationError(
                    INVALID,
                    "An improvement plan needs its period.",
                    fields={"start": "Required.", "period_end": "Required."},
                )
            goals = goal_selectors.employee_goals_chosen(
                employee=values["employee"], uuids=values["goals"]
            )
            if goals is None:
                raise ApplicationError(
                    INVALID,
                    "Link the employee's own goals.",
                    fields={"goals": "Not the employee's goals."},
                )
            plan = plan_services.plan_create_improvement(
                actor=self.actor,
                employee=values["employee"],
                title=values["title"],
                period_start=values["start"],
                period_end=values["period_end"],
                milestones=[(m["title"], m["due_date"]) for m in values["milestones"]],
                review_dates=values["review_dates"],
                reason=values["reason"],
                goals=goals,
            )
        else:
            plan = build_services.plan_build(
                actor=self.actor,
                employee=values["employee"],
                start=values.get("start"),
                cycle=values.get("cycle"),
            )
        return self._refreshed(plan, status.HTTP_201_CREATED)

    @extend_schema(
        summary="List the plan's items",
        responses={200: PlanItemSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filterset_class=None, filter_backends=[])
    def items(self, request, id=None):
        plan = self.get_object()
        return paginated(self, selectors.plan_items(plan=plan), PlanItemSerializer)

    @extend_schema(summary="Propose the plan to the manager", request=None)
    @action(detail=True, methods=["post"])
    @without_body
    def propose(self, request, id=None):
        return self._refreshed(plan_services.plan_propose(actor=self.actor, plan=self.get_object()))

    @extend_schema(
        summary="Approve a proposed plan",
        description="The employee's managers or HR admins; items may be added, removed "
        "and reordered on the way, each change with its reason (kept in the audit trail).",
        request=ApproveSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, id=None):
        plan = self.get_object()
        data = ApproveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        items = {i.uuid: i for i in selectors.plan_items(plan=plan)}

        def plan_item(uuid) -> PlanItem:
            if uuid not in items:
                raise NotFound("The item is not in this plan.")
            return items[uuid]

        plan = plan_services.plan_approve(
            actor=self.actor,
            plan=plan,
            add=[
                plan_services.PlanAddition(
                    a["item"], a["reason"], a.get("capability"), a.get("due_date")
                )
                for a in values["add"]
            ],
            remove=[(plan_item(r["item"]), r["reason"]) for r in values["remove"]],
            order=[plan_item(u) for u in values["order"]] if "order" in values else None,
            reason=values["reason"],
        )
        return self._refreshed(plan)

    @extend_schema(summary="Activate an approved plan", request=None)
    @action(detail=True, methods=["post"])
    @without_body
    def activate(self, request, id=None):
        return self._refreshed(
            plan_services.plan_activate(actor=self.actor, plan=self.get_object())
        )

    @extend_schema(
        summary="Sign off an improvement plan (HR)",
        description="HR admins: the improvement plan becomes active and Momentum reminds the "
        "employee, the manager and HR of its review dates.",
        request=None,
    )
    @action(detail=True, methods=["post"], url_path="sign-off")
    @without_body
    def sign_off(self, request, id=None):
        plan = self.get_object()
        return self._refreshed(plan_services.plan_improvement_sign_off(actor=self.actor, plan=plan))

    @extend_schema(
        summary="Complete the plan",
        description="Managers and HR admins; an improvement plan needs its outcome. Emits "
        "`development_plan.completed`.",
        request=CompleteSerializer,
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, id=None):
        plan = self.get_object()
        data = CompleteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = plan_services.plan_complete(actor=self.actor, plan=plan, **data.validated_data)
        return self._refreshed(plan)

    @extend_schema(
        summary="Record progress on an item",
        description="Status, completion evidence and reflection of one item of an approved or "
        "active plan (the employee, their managers or HR admins).",
        request=ItemProgressSerializer,
        responses={200: PlanItemSerializer},
    )
    @action(detail=True, methods=["post"], url_path="item-progress")
    def item_progress(self, request, id=None):
        plan = self.get_object()
        data = ItemProgressSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        plan_item = selectors.plan_items(plan=plan).filter(uuid=values["item"]).first()
        if plan_item is None:
            raise NotFound("The item is not in this plan.")
        plan_item.plan = plan
        updated = plan_services.plan_item_progress(
            actor=self.actor,
            plan_item=plan_item,
            status=values["status"],
            evidence=values.get("evidence"),
            reflection=values.get("reflection"),
        )
        return Response(PlanItemSerializer(updated).data)


# --- Completions from an LMS ----------------------------------------------------------------------


class CompletionInputSerializer(ApiSerializer):
    employee_email = StrictEmailField(required=False)
    employee_external_id = StrictCharField(required=False, max_length=100)
    item_external_id = StrictCharField(max_length=100)
    completed_at = serializers.DateTimeField()
    score = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    passed = serializers.BooleanField(required=False, allow_null=True, default=None)
    external_id = StrictCharField(
        max_length=100,
        required=False,
        default="",
        allow_blank=True,
        help_text="The LMS's id of the completion (optional; makes replays idempotent too).",
    )

    def validate(self, attrs):
        if not attrs.get("employee_email") and not attrs.get("employee_external_id"):
            raise serializers.ValidationError(
                {"employee_email": "Give the employee's e-mail or external id."}
            )
        return attrs


class CompletionSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = PublicId(people_selectors.employees, read_only=True)
    item = PublicId(LearningItem, read_only=True)

    class Meta:
        model = LearningCompletion
        fields = [
            "id",
            "employee",
            "item",
            "completed_at",
            "score",
            "passed",
            "external_id",
            "outcome",
            "created_at",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        summary="List learning completions",
        description="HR admins and keys see all; people their own. Scope `learning:read`.",
    ),
    retrieve=extend_schema(summary="Get a learning completion"),
)
class LearningCompletionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    scope_area = "learning"
    serializer_class = CompletionSerializer
    extra_permission_classes = (IsOrganizationAdmin,)
    ordering = ["-completed_at", "-id"]
    ordering_fields = ["completed_at", "created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no caller
            return LearningCompletion.objects.none()
        queryset = selectors.completion_list()
        if not self.actor.is_admin:
            employee = self.actor.employee
            return queryset.filter(employee=employee) if employee else queryset.none()
        return queryset

    @extend_schema(
        summary="Record a completion from an LMS",
        description="By employee e-mail or external id and the item's external id. Idempotent: "
        "replaying the same completion (same employee, item and completion time, or the same "
        "`external_id`) answers 200 with the completion recorded first and changes nothing; a "
        "new one answers 201 and does what the item is configured to do once (record evidence, "
        "request a re-assessment or set an expert rating). Scope `learning:write`.",
        request=CompletionInputSerializer,
        responses={201: CompletionSerializer, 200: CompletionSerializer},
    )
    def create(self, request):
        data = CompletionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        employees = people_selectors.employees()
        if values.get("employee_email"):
            employee = employees.filter(email=values["employee_email"].lower()).first()
        else:
            employee = employees.filter(external_id=values["employee_external_id"]).first()
        item = LearningItem.objects.filter(external_id=values["item_external_id"]).first()
        problems = {}
        if employee is None:
            problems["employee"] = "No employee with this e-mail or external id."
        if item is None:
            problems["item_external_id"] = "No learning item with this external id."
        if problems:
            raise ApplicationError(UNKNOWN_REFERENCE, "Unknown employee or item.", fields=problems)
        completion, created = completion_services.completion_record(
            actor=self.actor,
            employee=employee,
            item=item,
            completed_at=values["completed_at"],
            score=values.get("score"),
            passed=values.get("passed"),
            external_id=values["external_id"],
        )
        completion = selectors.completion_list().get(pk=completion.pk)
        return Response(
            CompletionSerializer(completion).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


# --- Reports --------------------------------------------------------------------------------------


class ContentGapSerializer(ApiSerializer):
    capability = serializers.UUIDField()
    capability_name = serializers.CharField()
    level = serializers.IntegerField()
    people = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(
        summary="Content gap report",
        description="Capabilities x levels that people need (from the latest closed cycle) and "
        "no active learning item develops, most-needed first. Scope `learning:read`.",
        responses={200: ContentGapSerializer(many=True)},
    )
)
class LearningContentGapViewSet(OrganizationScopedViewSet):
    scope_area = "learning"
    filter_backends: list = []

    def list(self, request):
        rows = self.paginate_queryset(selectors.content_gap_report_cached())
        uuids = dict(
            capability_selectors.capabilities()
            .filter(id__in=[r["capability_id"] for r in rows])
            .values_list("id", "uuid")
        )
        return self.get_paginated_response(
            [
                {
                    "capability": uuids[r["capability_id"]],
                    "capability_name": r["capability"],
                    "level": r["level"],
                    "people": r["people"],
                }
                for r in rows
            ]
        )


def register(router) -> None:
    router.register("learning-items", LearningItemViewSet, basename="learning-item")
    router.register("development-plans", DevelopmentPlanViewSet, basename="development-plan")
    router.register(
        "learning-completions", LearningCompletionViewSet, basename="learning-completion"
    )
    router.register(
        "learning-content-gaps", LearningContentGapViewSet, basename="learning-content-gap"
    )
