"""History in words: audit events as people read them.

An audit event stores codes and raw values (`goal.change_approved`, `{"target": {"before":
"80.00", "after": "75"}}`, UUIDs of related objects). A page shows instead a sentence
attributed to the person who acted ("Marcus Bell approved a change to Raise CSAT: Target from
80 to 75"), each changed field by its label, values in the house formats (dates as "7 Dec
2026", yes/no, choices by their label, related objects by name) and nothing that reads like
Python.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plms.audit.models import AuditEvent

# What the person did, by the action's code; an action not listed reads from its last part
# ("goal.progress_recorded" → "recorded progress on").
VERBS: dict[str, str] = {
    "created": gettext_lazy("created"),
    "updated": gettext_lazy("changed"),
    "changed": gettext_lazy("changed"),
    "deleted": gettext_lazy("deleted"),
    "activated": gettext_lazy("activated"),
    "active": gettext_lazy("activated"),
    "cancelled": gettext_lazy("cancelled"),
    "completed": gettext_lazy("completed"),
    "approved": gettext_lazy("approved"),
    "proposed": gettext_lazy("proposed"),
    "adopted": gettext_lazy("adopted from the catalogue"),
    "merged": gettext_lazy("merged another capability into"),
    "merged_away": gettext_lazy("merged into another capability"),
    "retired": gettext_lazy("retired"),
    "renamed": gettext_lazy("renamed"),
    "launched": gettext_lazy("launched"),
    "closed": gettext_lazy("closed"),
    "reopened": gettext_lazy("reopened"),
    "submitted": gettext_lazy("submitted"),
    "published": gettext_lazy("published"),
    "assigned": gettext_lazy("assigned"),
    "applied": gettext_lazy("applied"),
    "given": gettext_lazy("gave"),
    "declined": gettext_lazy("declined"),
    "escalated": gettext_lazy("escalated"),
    "imported": gettext_lazy("imported"),
    "queued": gettext_lazy("started"),
    "requirement_set": gettext_lazy("set a required capability of"),
    "requirement_removed": gettext_lazy("removed a required capability from"),
    "key_results_set": gettext_lazy("set the key results of"),
    "change_requested": gettext_lazy("asked to change"),
    "change_approved": gettext_lazy("approved a change to"),
    "change_rejected": gettext_lazy("rejected a change to"),
    "stretch_approved": gettext_lazy("approved the stretch target of"),
    "activation_overridden": gettext_lazy("activated, despite the SMART-R check,"),
    "progress_recorded": gettext_lazy("recorded progress on"),
    "item_added": gettext_lazy("added an item to"),
    "item_removed": gettext_lazy("removed an item from"),
    "reordered": gettext_lazy("reordered the items of"),
    "expert_granted": gettext_lazy("named an expert assessor for"),
    "expert_revoked": gettext_lazy("removed an expert assessor from"),
    "peer_approved": gettext_lazy("approved a peer rater for"),
    "peer_declined": gettext_lazy("declined a peer rater for"),
    "peers_nominated": gettext_lazy("nominated peer raters for"),
    "adjusted": gettext_lazy("adjusted"),
    "preview_voted": gettext_lazy("voted on"),
    "sign_in_revoked": gettext_lazy("revoked the sign-in of"),
    "sign_in_restored": gettext_lazy("restored the sign-in of"),
    "added": gettext_lazy("added"),
    "done": gettext_lazy("completed"),
}
# Labels clearer than a field's verbose name.
LABELS: dict[str, str] = {
    "rag_green_at": gettext_lazy("Green from"),
    "rag_amber_at": gettext_lazy("Amber from"),
    "range_low": gettext_lazy("Range from"),
    "range_high": gettext_lazy("Range to"),
    "range_tolerance_percent": gettext_lazy("Range tolerance (%)"),
    "owner_employee": gettext_lazy("Owner"),
    "owner_department": gettext_lazy("Owning department"),
    "key_result": gettext_lazy("Key result served"),
    "key_results": gettext_lazy("Key results"),
    "parents": gettext_lazy("Parent goals"),
    "current": gettext_lazy("Current value"),
    "data_steward": gettext_lazy("Data steward"),
    "levels": gettext_lazy("Level descriptors"),
    "target_level": gettext_lazy("Target level"),
}
SYSTEM = "system"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
NUMBER = re.compile(r"^-?\d+(\.\d+)?(E[+-]?\d+)?$")


@dataclass
class Change:
    label: str
    before: str | None  # None: the event records one value, not a change
    after: str


@dataclass
class HistoryEntry:
    created_at: datetime.datetime
    actor: str
    sentence: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _model(event: AuditEvent) -> type[models.Model] | None:
    try:
        return apps.get_model(event.object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model: type[models.Model] | None, name: str) -> str:
    if name in LABELS:
        return str(LABELS[name])
    model_field = _field(model, name)
    if model_field is not None and getattr(model_field, "verbose_name", None):
        return capfirst(str(model_field.verbose_name))
    if name.isdigit():
        return _("Level %(number)s") % {"number": name}
    return capfirst(name.replace("_", " "))


def _is_uuid(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _uuids(value: Any) -> Iterable[str]:
    if _is_uuid(value):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _uuids(item)


class _Names:
    """Names of the related objects the events mention, read once per model."""

    def __init__(self, records: Sequence[tuple[type[models.Model] | None, dict]]) -> None:
        wanted: dict[type[models.Model], set[str]] = {}
        for model, record in records:
            for name, change in (record or {}).items():
                related = getattr(_field(model, name), "related_model", None)
                if related is None or not any(f.name == "uuid" for f in related._meta.fields):
                    continue
                values = change.values() if _is_change(change) else [change]
                for value in values:
                    wanted.setdefault(related, set()).update(_uuids(value))
        self.names: dict[str, str] = {}
        for related, ids in wanted.items():
            if ids:
                for obj in related._default_manager.filter(uuid__in=ids):
                    self.names[str(obj.uuid)] = str(obj)

    def get(self, value: str) -> str:
        return self.names.get(value, _("a removed item"))


def _is_change(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"before", "after"}


def _text(value: Any, model_field: models.Field | None, names: _Names) -> str:
    """One value as people write it."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if getattr(model_field, "choices", None) and not isinstance(value, list | dict):
        choices = {str(k): v for k, v in model_field.flatchoices}
        if str(value) in choices:
            return str(choices[str(value)])
    if _is_uuid(value):
        return names.get(value)
    if isinstance(value, list):
        if value and all(isinstance(item, list) for item in value):
            return "; ".join(" · ".join(_text(i, None, names) for i in item) for item in value)
        return ", ".join(_text(item, model_field, names) for item in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{_label(None, str(key))}: {_text(item, None, names)}" for key, item in value.items()
        )
    if isinstance(value, str):
        if ISO_DATETIME.match(value) and (moment := parse_datetime(value)) is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "DATETIME_FORMAT")
        if ISO_DATE.match(value) and (day := parse_date(value)) is not None:
            return formats.date_format(day, "DATE_FORMAT")
        if NUMBER.match(value):
            value = Decimal(value)
    if isinstance(value, Decimal | float | int):
        try:
            number = Decimal(str(value)).normalize()
        except InvalidOperation:
            return str(value)
        return formats.number_format(format(number, "f"), use_l10n=True)
    return str(value)


def _actor(event: AuditEvent) -> str:
    user = event.actor_user
    if user is not None:
        return user.get_full_name() or user.get_username()
    if event.actor_label == SYSTEM:
        return _("PLMS, automatically")
    return event.actor_label


def _verb(action: str) -> str:
    if action in VERBS:
        return str(VERBS[action])
    suffix = action.rsplit(".", 1)[-1]
    if suffix in VERBS:
        return str(VERBS[suffix])
    return suffix.replace("_", " ")


def _changes(model: type[models.Model] | None, record: dict, names: _Names) -> list[Change]:
    changes = []
    for name, change in (record or {}).items():
        model_field = _field(model, name)
        label = _label(model, name)
        if _is_change(change):
            before = _text(change["before"], model_field, names)
            after = _text(change["after"], model_field, names)
            changes.append(Change(label, before, after))
        else:
            changes.append(Change(label, None, _text(change, model_field, names)))
    return changes


def changes_in_words(changes: dict, *, model: type[models.Model]) -> list[Change]:
    """A `{"field": {"before": …, "after": …}}` record of `model` (a proposed change, say)."""
    return _changes(model, changes, _Names([(model, changes)]))


def history_entries(events: Iterable[AuditEvent]) -> list[HistoryEntry]:
    """The events, in their order, as sentences with their changes in words."""
    events = list(events)
    names = _Names([(_model(event), event.changes) for event in events])
    entries = []
    for event in events:
        changes = _changes(_model(event), event.changes, names)
        actor = _actor(event)
        sentence = f"{actor} {_verb(event.action)} {event.object_repr}".strip()
        if len(changes) == 1 and changes[0].before is not None:
            only = changes[0]
            sentence += ": " + _("%(label)s from %(before)s to %(after)s") % {
                "label": only.label[:1].lower() + only.label[1:]
                if only.label[1:2].islower()
                else only.label,
                "before": only.before,
                "after": only.after,
            }
        entries.append(
            HistoryEntry(
                created_at=event.created_at,
                actor=actor,
                sentence=sentence + ".",
                reason=event.reason,
                changes=changes,
            )
        )
    return entries
