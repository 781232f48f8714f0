"""Integrations API: `webhooks` (+ `deliveries`, action `test`) and `employees/bulk-upsert`."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from plms.common.api import (
    ApiModelSerializer,
    ApiSerializer,
    OrganizationScopedViewSet,
    without_body,
)
from plms.integrations import selectors
from plms.integrations.models import WebhookDelivery, WebhookSubscription
from plms.integrations.services import provisioning as provisioning_services
from plms.integrations.services import subscriptions as subscription_services
from plms.integrations.webhooks import EVENT_TYPES
from plms.people.imports import REQUIRED
from plms.tenancy.permissions import IsOrganizationAdmin

# --- Webhooks --------------------------------------------------------------------------------


class IsAdminOrApiKey(BasePermission):
    """Webhook endpoints and secrets are configuration: HR admins and keys only, reads too."""

    message = "Only HR admins may manage webhooks."

    def has_permission(self, request, view) -> bool:
        django_request = request._request
        if django_request.api_key is not None:
            return True
        return django_request.membership is not None and django_request.membership.is_admin


class WebhookSubscriptionSerializer(ApiModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENT_TYPES), allow_empty=False
    )
    secret_hint = serializers.CharField(read_only=True)

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "url",
            "description",
            "events",
            "active",
            "secret_hint",
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
            "created_at",
            "updated_at",
        ]


class WebhookSubscriptionCreatedSerializer(WebhookSubscriptionSerializer):
    secret = serializers.SerializerMethodField(
        help_text="Signs every delivery. Shown once: store it now."
    )

    class Meta(WebhookSubscriptionSerializer.Meta):
        fields = [*WebhookSubscriptionSerializer.Meta.fields, "secret"]

    def get_secret(self, subscription: WebhookSubscription) -> str:
        return subscription.secret


class WebhookDeliveryAttemptSerializer(ApiSerializer):
    number = serializers.IntegerField()
    started_at = serializers.DateTimeField()
    duration_ms = serializers.IntegerField()
    status_code = serializers.IntegerField(allow_null=True)
    response_body = serializers.CharField(help_text="The first KB of the response.")
    error = serializers.CharField()
    next_attempt_at = serializers.DateTimeField(allow_null=True)


class WebhookDeliverySerializer(ApiSerializer):
    id = serializers.UUIDField(source="uuid")
    event = serializers.UUIDField(source="event.uuid")
    event_type = serializers.CharField(source="event.type")
    status = serializers.ChoiceField(choices=WebhookDelivery.Status.choices)
    attempts = serializers.IntegerField()
    next_attempt_at = serializers.DateTimeField(allow_null=True)
    delivered_at = serializers.DateTimeField(allow_null=True)
    last_status_code = serializers.IntegerField(allow_null=True)
    last_error = serializers.CharField()
    created_at = serializers.DateTimeField()
    log = WebhookDeliveryAttemptSerializer(source="attempt_log", many=True)


@extend_schema_view(
    list=extend_schema(summary="List webhook subscriptions", description="Scope `webhooks:read`."),
    retrieve=extend_schema(summary="Get a webhook subscription"),
    create=extend_schema(
        summary="Create a webhook subscription",
        description=(
            "Scope `webhooks:write`. The response carries the signing `secret`, shown only "
            "this once. See docs/webhooks.md for the signature."
        ),
        responses={201: WebhookSubscriptionCreatedSerializer},
    ),
    partial_update=extend_schema(
        summary="Update a webhook subscription",
        description="Setting `active` to true re-enables a disabled subscription.",
    ),
    destroy=extend_schema(summary="Delete a webhook subscription"),
)
class WebhookViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "webhooks"
    serializer_class = WebhookSubscriptionSerializer
    search_fields = ["url", "description"]
    ordering = ["-created_at", "-id"]
    ordering_fields = ["created_at"]
    extra_permission_classes = (IsAdminOrApiKey,)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.webhook_subscription_list()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        subscription, _secret = subscription_services.webhook_subscription_create(
            actor=self.actor, **serializer.validated_data
        )
        subscription = selectors.webhook_subscription_get(uuid=subscription.uuid)
        return Response(
            WebhookSubscriptionCreatedSerializer(subscription).data,
            status=status.HTTP_201_CREATED,
        )

    def perform_update(self, serializer):
        subscription_services.webhook_subscription_update(
            actor=self.actor, subscription=serializer.instance, **serializer.validated_data
        )
        serializer.instance = selectors.webhook_subscription_get(uuid=serializer.instance.uuid)

    def perform_destroy(self, instance):
        subscription_services.webhook_subscription_delete(actor=self.actor, subscription=instance)

    @extend_schema(
        summary="Deliveries of a webhook subscription",
        description="Newest first, each with its attempt log.",
        responses=WebhookDeliverySerializer(many=True),
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def deliveries(self, request, id=None):
        deliveries = selectors.webhook_delivery_list(subscription=self.get_object())
        page = self.paginate_queryset(deliveries)
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)

    @extend_schema(
        summary="Send a test event",
        description="Sends a `webhook.test` event to this subscription alone, now.",
        request=None,
        responses={202: WebhookDeliverySerializer},
    )
    @action(detail=True, methods=["post"])
    @without_body
    def test(self, request, id=None):
        delivery = subscription_services.webhook_send_test(
            actor=self.actor, subscription=self.get_object()
        )
        delivery = selectors.webhook_delivery_list(subscription=delivery.subscription).get(
            pk=delivery.pk
        )
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)


# --- Bulk upsert of employees ----------------------------------------------------------------


class BulkMatrixManagerSerializer(ApiSerializer):
    """A matrix manager, by e-mail, with their weight in percent."""

    email = serializers.CharField(max_length=254)
    weight = serializers.IntegerField()


class BulkEmployeeItemSerializer(ApiSerializer):
    """One employee; a field left out leaves that attribute unchanged on an existing one."""

    email = serializers.CharField(max_length=254, required="email" in REQUIRED)
    external_id = serializers.CharField(max_length=100, required=False, allow_blank=True)
    first_name = serializers.CharField(
        max_length=100, required="first_name" in REQUIRED, allow_blank=True
    )
    last_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    department = serializers.CharField(
        max_length=200, required=False, allow_blank=True, allow_null=True, help_text="A name."
    )
    manager_email = serializers.CharField(
        max_length=254, required=False, allow_blank=True, allow_null=True
    )
    manager_weight = serializers.IntegerField(required=False)
    matrix_managers = BulkMatrixManagerSerializer(many=True, required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    active = serializers.BooleanField(required=False)
    job_role = serializers.CharField(
        max_length=100,
        required=False,
        allow_null=True,
        help_text="The job role to hold: its id or its key (e.g. `advisor`); null takes the "
        "role away, leaving it out keeps the current one. Assigning works as "
        "`POST /job-role-assignments` does.",
    )


class BulkUpsertSerializer(ApiSerializer):
    """Up to 1,000 employees to create or update; unknown keys are refused."""

    items = BulkEmployeeItemSerializer(
        many=True, min_length=1, max_length=provisioning_services.MAX_BULK_ITEMS
    )


class BulkUpsertItemResultSerializer(ApiSerializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    external_id = serializers.CharField()
    status = serializers.ChoiceField(choices=["created", "updated", "unchanged"])


class BulkUpsertResultSerializer(ApiSerializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    departments_created = serializers.IntegerField()
    items = BulkUpsertItemResultSerializer(many=True)


class EmployeeBulkUpsertViewSet(OrganizationScopedViewSet):
    scope_area = "people"
    serializer_class = BulkUpsertSerializer
    extra_permission_classes = (IsOrganizationAdmin,)

    @extend_schema(
        summary="Create or update employees in bulk",
        description=(
            "Scope `people:write`. For HRIS sync: up to 1,000 items, each matched by "
            "`external_id`, then by `email`; the CSV import's rules apply. All or nothing: a "
            "problem in any item answers 400 with fields named `items.<index>.<field>` and "
            "writes nothing. Emits `employee.created|updated|deactivated` events."
        ),
        request=BulkUpsertSerializer,
        responses={200: BulkUpsertResultSerializer},
        examples=[
            OpenApiExample(
                "Two employees",
                request_only=True,
                value={
                    "items": [
                        {"external_id": "H-1", "email": "ada@example.com", "first_name": "Ada"},
                        {
                            "external_id": "H-2",
                            "email": "bo@example.com",
                            "first_name": "Bo",
                            "department": "Sales",
                            "manager_email": "ada@example.com",
                        },
                    ]
                },
            ),
            OpenApiExample(
                "A problem in item 1",
                response_only=True,
                status_codes=["400"],
                value={
                    "code": "invalid",
                    "detail": "Nothing was written: 1 problem(s) in the items.",
                    "fields": {"items.1.email": ["'bo@' is not a valid e-mail address"]},
                },
            ),
        ],
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = provisioning_services.employees_bulk_upsert(
            actor=self.actor, items=serializer.validated_data["items"]
        )
        body = {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "departments_created": result.departments_created,
            "items": [
                {
                    "id": employee.uuid,
                    "email": employee.email,
                    "external_id": employee.external_id,
                    "status": item_status,
                }
                for employee, item_status in result.items
            ],
        }
        return Response(BulkUpsertResultSerializer(body).data)


def register(router) -> None:
    router.register("webhooks", WebhookViewSet, basename="webhook")


# Before the router's routes, or `employees/{id}` would take `bulk-upsert` for an id.
urlpatterns = [
    path(
        "employees/bulk-upsert",
        EmployeeBulkUpsertViewSet.as_view({"post": "create"}),
        name="employee-bulk-upsert",
    ),
]
