"""Base classes every API view derives from, so tenancy and scopes are never forgotten."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

import django_filters
from django import forms
from django.db import models
from drf_spectacular.extensions import (
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from plms.common.conditional import ConditionalAutoSchema, ConditionalRequestsMixin
from plms.common.ids import parse_public_id
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

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        handler = getattr(self, self.action or "", None)
        if (
            getattr(handler, "takes_no_body", False)
            and request.method in WRITE_METHODS
            and request.content_type.startswith("application/json")  # the API's only format
        ):
            refuse_body(request.data)

    @property
    def actor(self) -> Actor:
        return actor_from_request(self.request)


def api_date_time(value: datetime | None, zone: tzinfo) -> str | None:
    """A date-time as the API's serializers write it (DRF's `DateTimeField`, "iso-8601"): in
    `zone` (the current time zone), UTC written as "Z". For lists built from plain rows."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})
UNKNOWN_FIELD = "Unknown field."


def refuse_body(data) -> None:
    """A body sent to an operation that takes none is refused, naming what was sent."""
    if isinstance(data, Mapping):
        if data:
            raise ValidationError({str(name): [UNKNOWN_FIELD] for name in sorted(data)})
    elif data not in (None, "", [], b""):
        raise ValidationError({"non_field_errors": ["This operation takes no request body."]})


def without_body(handler):
    """Marks an action that takes no request body: any field sent to it is a 400."""
    handler.takes_no_body = True
    return handler


# Unknown keys are errors, on every write: a misspelt field must never be dropped silently.
# Read-only fields are tolerated (a client may send back what it read); the unknown ones are
# reported with the other field errors of the same body. (Comments, not docstrings, on these
# bases: the schema would show a base's docstring as every serializer's description.)
class StrictFieldsMixin:
    def to_internal_value(self, data):
        unknown = []
        if isinstance(data, Mapping):
            unknown = sorted(str(name) for name in set(data) - set(self.fields))
        try:
            value = super().to_internal_value(data)
        except ValidationError as exc:
            if unknown and isinstance(exc.detail, dict):
                exc.detail.update({name: [UNKNOWN_FIELD] for name in unknown})
            raise
        if unknown:
            raise ValidationError({name: [UNKNOWN_FIELD] for name in unknown})
        return value


class StrictFieldsSchema(OpenApiSerializerExtension):
    """Documents StrictFieldsMixin: request bodies have `additionalProperties: false`."""

    target_class = StrictFieldsMixin
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_basic_serializer(self.target, direction)
        if direction == "request":
            return {**schema, "additionalProperties": False}
        return schema


# Base of the API's plain serializers (inputs and outputs).
class ApiSerializer(StrictFieldsMixin, serializers.Serializer):
    pass


# Base of the API's model serializers.
class ApiModelSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    pass


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


class ReferenceField(PublicIdField):
    """Another object by its public id or by one of its documented natural keys (a job
    role's key, a department's name, a person's e-mail or external id; docs/provisioning.md
    lists where each is taken). A value that is not an id is matched, ignoring case, against
    the natural keys; it must name exactly one object."""

    default_error_messages = {
        "unknown_key": "No such object: give its id or its {keys}.",
        "ambiguous": "{value!r} names several objects: give the id.",
    }

    def __init__(self, model, *, natural_keys: tuple[str, ...], **kwargs) -> None:
        self.natural_keys = natural_keys
        super().__init__(model, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and data.strip() and parse_public_id(data) is None:
            wanted = models.Q()
            for key in self.natural_keys:
                wanted |= models.Q(**{f"{key}__iexact": data.strip()})
            found = list(self.get_queryset().filter(wanted)[:2])
            if len(found) == 1:
                return found[0]
            if found:
                self.fail("ambiguous", value=data)
            keys = " or ".join(key.replace("_", " ") for key in self.natural_keys)
            self.fail("unknown_key", keys=keys)
        return super().to_internal_value(data)


class ReferenceFieldSchema(OpenApiSerializerFieldExtension):
    """Documents ReferenceField: written as an id or a natural key, read as the id."""

    target_class = ReferenceField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        if direction == "response":
            return {"type": "string", "format": "uuid"}
        keys = " or ".join(f"`{key}`" for key in self.target.natural_keys)
        return {"type": "string", "description": f"The id, or the {keys}."}


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
    """Text only: JSON numbers and booleans are not silently turned into strings. The length
    limit applies to the text as sent (the schema's `maxLength`), before surrounding
    whitespace is trimmed."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
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


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false only: 0, 1 and strings are not silently read as booleans."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


# Base of the API's model serializers: text fields accept text only, booleans booleans only.
class StrictModelSerializer(ApiModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.BooleanField: StrictBooleanField,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictSlugField,
        models.EmailField: StrictEmailField,
    }
