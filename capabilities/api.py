"""Capabilities API: the shipped catalogue, the organisation's capabilities (with nested
levels), its competency scale and job roles (with requirements and key results).

Members and keys with `capabilities:read` read; HR admins and keys with `capabilities:write`
write. Another organisation's object is a 404 (the querysets come from tenant selectors).
"""

from __future__ import annotations

from datetime import tzinfo

import django_filters
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from capabilities import selectors
from capabilities.models import (
    Capability,
    CapabilityCategory,
    CatalogueCapability,
    CompetencyScale,
    JobRole,
    KeyResult,
)
from capabilities.services import library as library_services
from capabilities.services import roles as role_services
from capabilities.services import scales as scale_services
from plms.common.api import (
    ApiFilterSet,
    ApiSerializer,
    OrganizationScopedViewSet,
    PublicIdField,
    PublicIdFilter,
    StrictCharField,
    StrictModelSerializer,
    StrictSlugField,
    api_date_time,
)
from plms.people import selectors as people_selectors
from plms.tenancy.permissions import IsOrganizationAdmin


def _require(items, path: str, names: tuple[str, ...]) -> None:
    """Nested items are complete even in a PATCH (which makes the top level partial only)."""
    problems = {
        f"{path}.{index}.{name}": ["This field is required."]
        for index, item in enumerate(items)
        for name in names
        if name not in item
    }
    if problems:
        raise serializers.ValidationError(problems)


@extend_schema_field(OpenApiTypes.UUID)
class CapabilityIdField(PublicIdField):
    def __init__(self, **kwargs) -> None:
        super().__init__(Capability, **kwargs)


# --- Catalogue -------------------------------------------------------------------------------


class CatalogueLevelSerializer(ApiSerializer):
    level = serializers.IntegerField()
    descriptor = serializers.CharField()
    indicators = serializers.ListField(child=serializers.CharField())


class CatalogueCapabilitySerializer(ApiSerializer):
    """Reference data shared by all organisations (not a tenant object: looked up by key)."""

    key = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    category = serializers.CharField(source="category.key", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    description = serializers.CharField(read_only=True)
    skills = serializers.ListField(child=serializers.CharField(), read_only=True)
    knowledge = serializers.ListField(child=serializers.CharField(), read_only=True)
    behaviours = serializers.ListField(child=serializers.CharField(), read_only=True)
    tools = serializers.ListField(child=serializers.CharField(), read_only=True)
    processes = serializers.ListField(child=serializers.CharField(), read_only=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    revision = serializers.IntegerField(read_only=True)
    levels = CatalogueLevelSerializer(many=True, read_only=True)


class TagFilterMixin(ApiFilterSet):
    tag = django_filters.CharFilter(method="filter_tag")

    def filter_tag(self, queryset, name, value):
        return selectors._tag_filter(queryset, value)


class CatalogueCapabilityFilter(TagFilterMixin):
    category = django_filters.CharFilter(field_name="category__key")

    class Meta:
        model = CatalogueCapability
        fields = ["category", "tag"]


@extend_schema_view(
    list=extend_schema(
        summary="List the shipped catalogue",
        description="The read-only starter library shared by all organisations. Scope "
        "`capabilities:read`.",
    ),
    retrieve=extend_schema(summary="Get a catalogue capability by key"),
)
class CatalogueCapabilityViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationScopedViewSet
):
    scope_area = "capabilities"
    serializer_class = CatalogueCapabilitySerializer
    filterset_class = CatalogueCapabilityFilter
    search_fields = ["name", "description", "key"]
    ordering_fields = ["name", "key"]
    lookup_field = "key"
    lookup_url_kwarg = "key"
    lookup_value_regex = "[a-z0-9-]+"

    def get_queryset(self):
        return selectors.catalogue_capability_list()


# --- Capabilities ----------------------------------------------------------------------------


class CapabilityLevelSerializer(ApiSerializer):
    level = serializers.IntegerField(min_value=1)
    descriptor = serializers.CharField(allow_blank=True)
    indicators = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class CapabilitySerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    key = StrictSlugField(required=False)
    category = PublicIdField(CapabilityCategory)
    category_name = serializers.CharField(source="category.name", read_only=True)
    tags = serializers.ListField(child=StrictCharField(), required=False)
    data_steward = PublicIdField(people_selectors.employees, required=False, allow_null=True)
    levels = CapabilityLevelSerializer(many=True, required=False)

    class Meta:
        model = Capability
        fields = [
            "id",
            "key",
            "name",
            "category",
            "category_name",
            "description",
            "tags",
            "status",
            "data_steward",
            "source_key",
            "source_revision",
            "levels",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["source_key", "source_revision", "created_at", "updated_at"]
        validators: list = []


class CapabilityFilter(TagFilterMixin):
    category = PublicIdFilter(field_name="category__uuid")
    status = django_filters.ChoiceFilter(choices=Capability.Status.choices)

    class Meta:
        model = Capability
        fields = ["category", "status", "tag"]


def capability_list_item(row: dict, *, zone: tzinfo) -> dict:
    """`CapabilitySerializer`'s representation of a `capability_rows()` row, field for field
    (`zone`: the current time zone)."""
    return {
        "id": row["uuid"],
        "key": row["key"],
        "name": row["name"],
        "category": row["category__uuid"],
        "category_name": row["category__name"],
        "description": row["description"],
        "tags": [str(tag) for tag in row["tags"]],
        "status": row["status"],
        "data_steward": row["data_steward__uuid"],
        "source_key": row["source_key"],
        "source_revision": row["source_revision"],
        "levels": [
            {
                "level": level["level"],
                "descriptor": level["descriptor"],
                "indicators": [str(text) for text in level["indicators"]],
            }
            for level in row["levels"]
        ],
        "created_at": api_date_time(row["created_at"], zone),
        "updated_at": api_date_time(row["updated_at"], zone),
    }


def _level_inputs(items) -> list[library_services.LevelInput]:
    _require(items, "levels", ("level", "descriptor"))
    return [
        library_services.LevelInput(item["level"], item["descriptor"], item.get("indicators", []))
        for item in items
    ]


@extend_schema_view(
    list=extend_schema(
        summary="List capabilities",
        description="Filter by `category` (id), `status`, `tag`; `search` in name and "
        "description. Scope `capabilities:read`.",
    ),
    retrieve=extend_schema(summary="Get a capability with its levels"),
    create=extend_schema(
        summary="Create a capability", description="HR admins; scope `capabilities:write`."
    ),
    partial_update=extend_schema(
        summary="Update a capability",
        description="`levels`, when given, replace all level descriptors. Set `status` to "
        "`retired` to retire it (history and ratings are kept).",
    ),
)
class CapabilityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "capabilities"
    serializer_class = CapabilitySerializer
    filterset_class = CapabilityFilter
    search_fields = ["name", "description", "key"]
    ordering_fields = ["name", "created_at", "updated_at"]
    ordering = ["name", "id"]
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.capability_list()

    def list(self, request, *args, **kwargs):
        # The page's ids first, then its rows as plain values (`capability_rows`), rendered
        # as `CapabilitySerializer` would render them: building and serialising the model
        # instances with their levels was most of the request.
        queryset = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        ids = self.paginate_queryset(queryset.values_list("id", flat=True))
        rows = selectors.capability_rows(ids=list(ids or []))
        zone = timezone.get_current_timezone()
        return self.get_paginated_response([capability_list_item(r, zone=zone) for r in rows])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        levels = _level_inputs(data.pop("levels", []))
        capability = library_services.capability_create(actor=self.actor, levels=levels, **data)
        serializer.instance = selectors.capability_get(uuid=capability.uuid)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        levels = data.pop("levels", None)
        library_services.capability_update(
            actor=self.actor,
            capability=serializer.instance,
            levels=_level_inputs(levels) if levels is not None else None,
            **data,
        )
        serializer.instance = selectors.capability_get(uuid=serializer.instance.uuid)


# --- Competency scale ------------------------------------------------------------------------


class ScaleLevelSerializer(ApiSerializer):
    number = serializers.IntegerField(min_value=1, max_value=7)
    name = StrictCharField(max_length=100)
    description = StrictCharField(allow_blank=True, required=False, default="")


class CompetencyScaleSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    levels = ScaleLevelSerializer(many=True, required=False)
    mapping = serializers.DictField(
        child=serializers.IntegerField(min_value=1),
        write_only=True,
        required=False,
        help_text="Old level number → new level number; required to change the levels of a "
        "scale that ratings or requirements use.",
    )

    class Meta:
        model = CompetencyScale
        fields = ["id", "name", "proficient_level", "revision", "levels", "mapping", "updated_at"]
        read_only_fields = ["revision", "updated_at"]


@extend_schema_view(
    list=extend_schema(
        summary="The organisation's competency scale",
        description="One scale per organisation (default 1 Foundational … 5 Expert).",
    ),
    retrieve=extend_schema(summary="Get the competency scale"),
    partial_update=extend_schema(
        summary="Change the competency scale",
        description="3 to 7 levels numbered from 1. Changing the levels of a scale in use is "
        "refused (`scale_in_use`, 409) unless `mapping` maps every current level.",
    ),
)
class CompetencyScaleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "capabilities"
    serializer_class = CompetencyScaleSerializer
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "patch", "head", "options"]
    ordering = ["id"]
    search_fields = ["name"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no organization
            return CompetencyScale.objects.none()
        scale_services.scale_ensure()
        return CompetencyScale.objects.prefetch_related("levels").order_by("id")

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        levels = data.pop("levels", None)
        if levels is not None:
            _require(levels, "levels", ("number", "name"))
        scale_services.scale_update(
            actor=self.actor,
            scale=serializer.instance,
            levels=[scale_services.ScaleLevelInput(**item) for item in levels]
            if levels is not None
            else None,
            proficient_level=data.get("proficient_level"),
            name=data.get("name"),
            mapping=data.get("mapping"),
        )
        serializer.instance = selectors.scale_get()


# --- Job roles -------------------------------------------------------------------------------


class RequirementSerializer(ApiSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    capability = CapabilityIdField()
    capability_name = serializers.CharField(source="capability.name", read_only=True)
    target_level = serializers.IntegerField(min_value=1)
    weight = serializers.IntegerField(min_value=1, max_value=100, default=1)
    core = serializers.BooleanField(source="is_core", default=True)
    framework_version = serializers.IntegerField(
        source="framework_version.number", read_only=True, allow_null=True
    )


class KeyResultSerializer(StrictModelSerializer):
    id = serializers.UUIDField(
        source="uuid",
        required=False,
        help_text="The key result's public id. Send it back when editing a role's key results "
        "so a reworded one keeps the goals that serve it; without ids, key results are matched "
        "by outcome, then by place.",
    )

    class Meta:
        model = KeyResult
        fields = ["id", "outcome", "kpi_unit", "kpi_target", "kpi_direction"]


class JobRoleSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    key = StrictSlugField(required=False)
    requirements = RequirementSerializer(many=True, required=False)
    key_results = KeyResultSerializer(many=True, required=False)

    class Meta:
        model = JobRole
        fields = [
            "id",
            "key",
            "name",
            "family",
            "grade",
            "description",
            "requirements",
            "key_results",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []


class JobRoleFilter(ApiFilterSet):
    class Meta:
        model = JobRole
        fields = ["family", "grade"]


def _role_inputs(data: dict) -> dict:
    requirements = data.pop("requirements", None)
    key_results = data.pop("key_results", None)
    if requirements is not None:
        _require(requirements, "requirements", ("capability", "target_level"))
        data["requirements"] = [
            role_services.RequirementInput(
                item["capability"],
                item["target_level"],
                item.get("weight", 1),
                item.get("is_core", True),
            )
            for item in requirements
        ]
    if key_results is not None:
        _require(key_results, "key_results", ("outcome", "kpi_unit", "kpi_target"))
        data["key_results"] = [
            role_services.KeyResultInput(id=item.pop("uuid", None), **item) for item in key_results
        ]
    return data


@extend_schema_view(
    list=extend_schema(
        summary="List job roles",
        description="Each with its requirements and key results. Scope `capabilities:read`.",
    ),
    retrieve=extend_schema(summary="Get a job role (scorecard)"),
    create=extend_schema(summary="Create a job role", description="HR admins."),
    partial_update=extend_schema(
        summary="Update a job role",
        description="`requirements` and `key_results`, when given, replace the current ones.",
    ),
    destroy=extend_schema(summary="Delete a job role nobody holds or held"),
)
class JobRoleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    OrganizationScopedViewSet,
):
    scope_area = "capabilities"
    serializer_class = JobRoleSerializer
    filterset_class = JobRoleFilter
    search_fields = ["name", "family", "description"]
    ordering_fields = ["name", "family", "created_at"]
    ordering = ["family", "name", "id"]
    extra_permission_classes = (IsOrganizationAdmin,)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.job_role_list_detailed()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        role = role_services.job_role_create(
            actor=self.actor, **_role_inputs(dict(serializer.validated_data))
        )
        data = self.get_serializer(selectors.job_role_get(uuid=role.uuid)).data
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        role_services.job_role_update(
            actor=self.actor,
            role=serializer.instance,
            **_role_inputs(dict(serializer.validated_data)),
        )
        serializer.instance = selectors.job_role_get(uuid=serializer.instance.uuid)

    def perform_destroy(self, instance):
        role_services.job_role_delete(actor=self.actor, role=instance)


def register(router) -> None:
    # The catalogue (with adoption) is registered by capabilities.catalogue_api.
    router.register("capabilities", CapabilityViewSet, basename="capability")
    router.register("competency-scales", CompetencyScaleViewSet, basename="competency-scale")
    router.register("job-roles", JobRoleViewSet, basename="job-role")
