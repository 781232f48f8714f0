"""Feedback API: `feedback` (with requests for feedback). Scope area `goals`."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from capabilities import selectors as capability_selectors
from goals.api import FIELD_MAPPING, Ref
from goals.feedback import selectors as feedback_selectors
from goals.feedback import services as feedback_services
from goals.models import (
    Feedback,
    FeedbackRequest,
    Goal,
)
from plms.common.api import (
    ApiFilterSet,
    ApiModelSerializer,
    OrganizationScopedViewSet,
    PublicIdFilter,
    StrictChoiceFilter,
)
from plms.common.pagination import paginated
from plms.people import selectors as people_selectors

# --- Feedback --------------------------------------------------------------------------------


class FeedbackSerializer(ApiModelSerializer):
    serializer_field_mapping = FIELD_MAPPING
    id = serializers.UUIDField(source="uuid", read_only=True)
    giver = Ref(people_selectors.employees, read_only=True)
    receiver = Ref(people_selectors.employees)
    goal = Ref(Goal, required=False, allow_null=True)
    request = Ref(FeedbackRequest, required=False, allow_null=True)
    capabilities = serializers.ListField(
        child=Ref(capability_selectors.capabilities),
        source="linked_capabilities",
        required=False,
        max_length=50,
        help_text="The capabilities it is about: it appears beside them when the receiver is "
        "assessed, to whoever may see it.",
    )

    class Meta:
        model = Feedback
        fields = [
            "id",
            "giver",
            "receiver",
            "kind",
            "observation",
            "impact",
            "expectation",
            "support_offered",
            "follow_up_date",
            "goal",
            "capabilities",
            "visibility",
            "request",
            "created_at",
        ]
        read_only_fields = ["created_at"]


class RequestForFeedbackSerializer(ApiModelSerializer):
    serializer_field_mapping = FIELD_MAPPING
    id = serializers.UUIDField(source="uuid", read_only=True)
    requester = Ref(people_selectors.employees, read_only=True)
    asked = Ref(people_selectors.employees)
    goal = Ref(Goal, required=False, allow_null=True)

    class Meta:
        model = FeedbackRequest
        fields = ["id", "requester", "asked", "goal", "message", "status", "created_at"]
        read_only_fields = ["status", "created_at"]


class FeedbackFilter(ApiFilterSet):
    receiver = PublicIdFilter(field_name="receiver__uuid")
    giver = PublicIdFilter(field_name="giver__uuid")
    kind = StrictChoiceFilter(choices=Feedback.Kind.choices)
    visibility = StrictChoiceFilter(choices=Feedback.Visibility.choices)

    class Meta:
        model = Feedback
        fields = ["receiver", "giver", "kind", "visibility"]


@extend_schema_view(
    list=extend_schema(summary="List feedback you may see", description="Scope `goals:read`."),
    retrieve=extend_schema(summary="Get feedback"),
    create=extend_schema(summary="Give feedback"),
)
class FeedbackViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "goals"
    serializer_class = FeedbackSerializer
    filterset_class = FeedbackFilter
    ordering = ["-created_at", "-id"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Feedback.objects.none()
        return feedback_selectors.feedback_list(actor=self.actor)

    def get_object(self) -> Feedback:
        feedback = feedback_selectors.feedback_get(actor=self.actor, uuid=self.kwargs["id"])
        if feedback is None:
            raise Http404
        return feedback

    def create(self, request, *args, **kwargs):
        serializer = FeedbackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["capabilities"] = data.pop("linked_capabilities", [])
        feedback = feedback_services.feedback_give(actor=self.actor, **data)
        return Response(FeedbackSerializer(feedback).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary="Open feedback requests asking you",
        responses=RequestForFeedbackSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Ask someone for feedback",
        request=RequestForFeedbackSerializer,
        responses={201: RequestForFeedbackSerializer},
    )
    @action(detail=False, methods=["get", "post"], filter_backends=[])
    def requests(self, request):
        if request.method == "GET":
            employee = self.actor.employee
            items = (
                feedback_selectors.feedback_requests_for(employee=employee)
                if employee is not None
                else []
            )
            return paginated(self, items, RequestForFeedbackSerializer)
        serializer = RequestForFeedbackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = feedback_services.feedback_request_create(
            actor=self.actor, **serializer.validated_data
        )
        return Response(RequestForFeedbackSerializer(item).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("feedback", FeedbackViewSet, basename="feedback")
