"""Base classes every API view derives from, so tenancy and scopes are never forgotten."""

from __future__ import annotations

import django_filters
from django import forms
from django.db import models
from rest_framework import serializers, viewsets

from plms.common.conditional import ConditionalAutoSchema, ConditionalRequestsMixin
from plms.tenancy.actors import Actor, actor_from_request
from plms.tenancy.permissions import HasScope, IsOrganizationMember


class OrganizationScopedViewSet(ConditionalRequestsMixin, viewsets.GenericViewSet):
    """Organization endpoints: the caller is a member or key of the active organization, the
    key's scope for `scope_area` is checked, objects are looked up by public id (`uuid`) in
    querysets from the app's selectors (tenant-scoped, so another organization's object is a
    404). Subclasses set `scope_area` and implement `get_queryset()` by naming a selector.
    Object reads carry an `ETag` and writes honour `If-Match` (plms.common.conditional)."""

    schema = ConditionalAutoSchema()

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
    """Another object of the active organization, referred to by its public id.

    `model` is the app's own model, or for another app's objects the selector that app
    offers for looking them up (a function returning their queryset)."""

    def __init__(self, model, **kwargs) -> None:
        self.model = model
        super().__init__(slug_field="uuid", **kwargs)

    def get_queryset(self):
        if isinstance(self.model, type):
            return self.model.objects.all()
        return self.model()

    def run_validation(self, data=serializers.empty):
        # DRF reads "" as null for related fields (an HTML-form habit); in JSON it is invalid.
        if data == "":
            self.fail("invalid")
        return super().run_validation(data)


class _StrictUUIDField(forms.UUIDField):
    def clean(self, value):
        # Absent means "no filter"; present but empty is not a UUID.
        if value == "":
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().clean(value)


class PublicIdFilter(django_filters.UUIDFilter):
    """Filter by another object's public id, e.g. `?department=<uuid>`."""

    field_class = _StrictUUIDField


class _StrictBooleanField(forms.Field):
    widget = forms.TextInput
    _VALUES = {"true": True, "1": True, "false": False, "0": False}

    def clean(self, value):
        if value is None:
            return None
        if str(value).lower() not in self._VALUES:
            raise forms.ValidationError("Use true or false.", code="invalid")
        return self._VALUES[str(value).lower()]


class StrictBooleanFilter(django_filters.BooleanFilter):
    """`?active=true|false`; anything else is a 400, not silently ignored."""

    field_class = _StrictBooleanField


class _StrictChoiceField(django_filters.fields.ChoiceField):
    def clean(self, value):
        if value == "":  # present but empty is not a choice (absent means no filter)
            raise forms.ValidationError("Select a valid choice.", code="invalid_choice")
        return super().clean(value)


class StrictChoiceFilter(django_filters.ChoiceFilter):
    """`?status=open`; an unknown or empty value is a 400, not silently ignored."""

    field_class = _StrictChoiceField


class ApiFilterSet(django_filters.FilterSet):
    """Base of the API's filter sets: malformed filter values are errors, never ignored."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
        models.UUIDField: {"filter_class": PublicIdFilter},
    }


class StrictCharField(serializers.CharField):
    """Text only: JSON numbers and booleans are not silently turned into strings."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSlugField(serializers.SlugField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictEmailField(serializers.EmailField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictModelSerializer(serializers.ModelSerializer):
    """Base of the API's model serializers: text fields accept text only."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictSlugField,
        models.EmailField: StrictEmailField,
    }
