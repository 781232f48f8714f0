"""Talent review API: `talent-reviews` (HR opens one for a pool or a department) with its
`moves` on the 9-box (each with its reason), its `decisions` and `actions` (the decision log)
and `hold`; `talent-review-actions`, the actions a caller reads (every one of the reviews they
run, and those they own) and completes. Confidential like potential: HR admins, keys and the
people HR grants a review; every read is audited. Scope area `talent`."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from plms.common.api import ApiModelSerializer, ApiSerializer, OrganizationScopedViewSet
from plms.common.errors import ApplicationError
from plms.people import selectors as people_selectors
from talent import review_selectors, review_services
from talent.api import PublicId
from talent.error_codes import INVALID
from talent.models import TalentReview, TalentReviewEntry, TalentReviewMove
from talent.potential import BOX_KEYS

BOXES = [f"{p}-{q}" for p, q in BOX_KEYS]
BOX_HELP = "A box of the 9-box as performance-potential, each 1 (low) to 3 (high): `3-3`."


class TalentReviewSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    pool = PublicId(
        review_selectors.pool_choices,
        required=False,
        allow_null=True,
        help_text="The talent pool reviewed (or a `department`).",
    )
    department = PublicId(
        people_selectors.departments,
        required=False,
        allow_null=True,
        help_text="The department reviewed (or a `pool`).",
    )
    facilitator = PublicId(
        people_selectors.employees,
        required=False,
        help_text="Who runs the meeting; by default the next in the rotation (who "
        "facilitated least recently among HR and the people granted reviews).",
    )
    facilitator_name = serializers.CharField(source="facilitator.full_name", read_only=True)
    decision_count = serializers.IntegerField(read_only=True)
    action_count = serializers.IntegerField(read_only=True)
    open_action_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = TalentReview
        fields = [
            "id",
            "name",
            "pool",
            "department",
            "held_on",
            "facilitator",
            "facilitator_name",
            "status",
            "summary",
            "decision_count",
            "action_count",
            "open_action_count",
            "created_at",
            "closed_at",
        ]
        read_only_fields = ["status", "summary", "created_at", "closed_at"]


class ReviewMoveSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = PublicId(people_selectors.employees)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    from_box = serializers.CharField(
        read_only=True, help_text="Where the person stood (empty: not placed)."
    )
    to_box = serializers.ChoiceField(BOXES, help_text=BOX_HELP)
    reason = serializers.CharField(
        max_length=300, required=False, allow_blank=True, help_text="Why: a move needs one."
    )

    class Meta:
        model = TalentReviewMove
        fields = ["id", "employee", "employee_name", "from_box", "to_box", "reason", "created_at"]
        read_only_fields = ["created_at"]


class ReviewDecisionSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employee = PublicId(
        people_selectors.employees,
        required=False,
        allow_null=True,
        help_text="The person reviewed it is about, if one.",
    )

    class Meta:
        model = TalentReviewEntry
        fields = ["id", "text", "employee", "created_at"]
        read_only_fields = ["created_at"]


class ReviewActionSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    review = serializers.UUIDField(source="review.uuid", read_only=True)
    employee = PublicId(
        people_selectors.employees,
        required=False,
        allow_null=True,
        help_text="The person reviewed it is about, if one.",
    )
    owner = PublicId(people_selectors.employees)
    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    due_on = serializers.DateField()

    class Meta:
        model = TalentReviewEntry
        fields = [
            "id",
            "review",
            "text",
            "employee",
            "owner",
            "owner_name",
            "due_on",
            "status",
            "done_at",
            "done_note",
            "created_at",
        ]
        read_only_fields = ["status", "done_at", "done_note", "created_at"]


class ReviewHoldSerializer(ApiSerializer):
    summary = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ReviewActionCompleteSerializer(ApiSerializer):
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


def _page(view, queryset, serializer_class, review=None) -> Response:
    page = view.paginate_queryset(queryset)
    rows = list(page) if page is not None else list(queryset)
    if rows:  # nothing read, nothing to record
        review_services.talent_review_read(actor=view.actor, review=review, count=len(rows))
    data = serializer_class(rows, many=True).data
    return view.get_paginated_response(data) if page is not None else Response(data)


@extend_schema_view(
    list=extend_schema(
        summary="List talent reviews",
        description="Latest first, each with its decision log's counts. Confidential: HR "
        "admins, keys and the people HR granted a review read them (never the people "
        "reviewed); others get an empty list. Audited. Scope `talent:read`.",
    ),
    retrieve=extend_schema(summary="Get a talent review", description="Audited."),
    create=extend_schema(
        summary="Open a talent review",
        description="HR admins and keys, for a `pool` or a `department`. The facilitator "
        "defaults to the next in the rotation. Switches on Momentum's shipped \"Talent review "
        'actions" workflow. Scope `talent:write`.',
    ),
)
class TalentReviewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "talent"
    serializer_class = TalentReviewSerializer
    http_method_names = ["get", "post", "head", "options"]
    filter_backends: tuple = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TalentReview.objects.none()
        return review_selectors.reviews_for_viewer(actor=self.actor)

    def list(self, request, *args, **kwargs):
        return _page(self, self.get_queryset(), TalentReviewSerializer)

    def retrieve(self, request, *args, **kwargs):
        review = self.get_object()
        review_services.talent_review_read(actor=self.actor, review=review)
        return Response(TalentReviewSerializer(review).data)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        facilitator = data.pop("facilitator", None) or review_selectors.facilitator_suggestion()
        if facilitator is None:
            raise ApplicationError(
                INVALID, "Name the facilitator.", fields={"facilitator": "Required."}
            )
        review = review_services.talent_review_open(
            actor=self.actor, facilitator=facilitator, **data
        )
        serializer.instance = review_selectors.review_get_for_viewer(
            actor=self.actor, uuid=review.uuid
        )

    @extend_schema(
        methods=["GET"],
        summary="List a review's moves",
        description="The people the meeting moved on the 9-box, with the reasons. Audited.",
        responses=ReviewMoveSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Move a person to another box",
        description="With the `reason` (required). A different potential calibrates the "
        "person's potential with it; performance stays as the results measure it. Scope "
        "`talent:write`.",
        request=ReviewMoveSerializer,
        responses={201: ReviewMoveSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def moves(self, request, id=None):
        review = self.get_object()
        if request.method == "GET":
            moves = review_selectors.moves_of(review=review).order_by("created_at", "id")
            return _page(self, moves, ReviewMoveSerializer, review)
        data = ReviewMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        move = review_services.talent_review_move(
            actor=self.actor,
            review=review,
            employee=values["employee"],
            to_box=values["to_box"],
            reason=values.get("reason", ""),
        )
        return Response(ReviewMoveSerializer(move).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary="List a review's decisions",
        description="The decision log's decisions, in the order recorded. Audited.",
        responses=ReviewDecisionSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Record a decision",
        description="Scope `talent:write`.",
        request=ReviewDecisionSerializer,
        responses={201: ReviewDecisionSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def decisions(self, request, id=None):
        review = self.get_object()
        if request.method == "GET":
            entries = review_selectors.entries_of(review=review, kind="decision")
            return _page(self, entries, ReviewDecisionSerializer, review)
        data = ReviewDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = review_services.talent_review_decision_record(
            actor=self.actor, review=review, **data.validated_data
        )
        return Response(ReviewDecisionSerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary="List a review's actions",
        description="The decision log's actions with owners and due dates. Audited.",
        responses=ReviewActionSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Record an action",
        description="With its `owner` and `due_on` (today or later). Momentum reminds the "
        "owner two days before and on the due date, and their manager (or HR) once it is "
        "overdue, until it is done. Scope `talent:write`.",
        request=ReviewActionSerializer,
        responses={201: ReviewActionSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def actions(self, request, id=None):
        review = self.get_object()
        if request.method == "GET":
            entries = review_selectors.entries_of(review=review, kind="action")
            return _page(self, entries, ReviewActionSerializer, review)
        data = ReviewActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = review_services.talent_review_action_record(
            actor=self.actor, review=review, **data.validated_data
        )
        return Response(ReviewActionSerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Mark the review held",
        description="Its board and decision log no longer change; its actions are still "
        "followed up.",
        request=ReviewHoldSerializer,
        responses=TalentReviewSerializer,
    )
    @action(detail=True, methods=["post"])
    def hold(self, request, id=None):
        review = self.get_object()
        data = ReviewHoldSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review_services.talent_review_hold(
            actor=self.actor, review=review, summary=data.validated_data.get("summary", "")
        )
        fresh = review_selectors.review_get_for_viewer(actor=self.actor, uuid=review.uuid)
        return Response(TalentReviewSerializer(fresh).data)


@extend_schema_view(
    list=extend_schema(
        summary="List talent review actions",
        description="Every action of the reviews the caller runs (HR admins and keys: all), "
        "and the actions the caller owns. Scope `talent:read`.",
    ),
    retrieve=extend_schema(summary="Get a talent review action"),
)
class TalentReviewActionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    scope_area = "talent"
    serializer_class = ReviewActionSerializer
    http_method_names = ["get", "post", "head", "options"]
    filter_backends: tuple = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TalentReviewEntry.objects.none()
        return (
            review_selectors.entries_for_viewer(actor=self.actor)
            .filter(kind="action")
            .order_by("due_on", "id")
        )

    @extend_schema(
        summary="Complete an action",
        description="Its owner, HR admins, keys and the review's runners. Momentum stops "
        "following it up.",
        request=ReviewActionCompleteSerializer,
        responses=ReviewActionSerializer,
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, id=None):
        entry = self.get_object()
        data = ReviewActionCompleteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = review_services.talent_review_action_complete(
            actor=self.actor, action=entry, note=data.validated_data.get("note", "")
        )
        return Response(ReviewActionSerializer(entry).data)


def register(router) -> None:
    router.register("talent-reviews", TalentReviewViewSet, basename="talent-review")
    router.register(
        "talent-review-actions", TalentReviewActionViewSet, basename="talent-review-action"
    )
