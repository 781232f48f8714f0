"""Base classes every API view derives from, so tenancy and scopes are never forgotten."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from plms.tenancy.actors import Actor, actor_from_request
from plms.tenancy.permissions import HasScope, IsOrganizationMember


class OrganizationScopedViewSet(viewsets.GenericViewSet):
    """Organization endpoints: the caller is a member or key of the active organization, the
    key's scope for `scope_area` is checked, objects are looked up by public id (`uuid`) in
    querysets from the app's selectors (tenant-scoped, so another organization's object is a
    404). Subclasses set `scope_area` and implement `get_queryset()` by naming a selector."""

    scope_area: str = ""
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    extra_permission_classes: tuple = ()

    def get_permissions(self):
        classes = (IsOrganizationMember, HasScope, *self.extra_permission_classes)
        return [permission() for permission in classes]

    @property
    def actor(self) -> Actor:
        return actor_from_request(self.request)


class PublicIdField(serializers.SlugRelatedField):
    """Another object of the active organization, referred to by its public id."""

    def __init__(self, model, **kwargs) -> None:
        self.model = model
        super().__init__(slug_field="uuid", **kwargs)

    def get_queryset(self):
        return self.model.objects.all()
