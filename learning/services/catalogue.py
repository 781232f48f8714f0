"""Writes of the learning catalogue and its settings: items, the capabilities and levels each
item develops, and the organisation's planning settings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from capabilities.models import Capability
from learning.error_codes import DUPLICATE_EXTERNAL_ID, INVALID
from learning.models import (
    ItemCapability,
    LearningItem,
    LearningSettings,
)
from plms.audit.services import audit_record, diff, snapshot
from plms.common.errors import ApplicationError
from plms.common.validation import full_clean
from plms.tenancy.actors import Actor, same_organization

ITEM_FIELDS = (
    "title",
    "description",
    "kind",
    "provider",
    "url",
    "duration_hours",
    "cost",
    "language",
    "tags",
    "external_id",
    "completion_outcome",
    "active",
)
SETTINGS_FIELDS = ("hours_per_quarter", "plan_months", "max_items_per_capability")


@dataclass(frozen=True)
class LevelLink:
    """The item develops `capability` from `level_from` to `level_to`."""

    capability: Capability
    level_from: int
    level_to: int


# --- Settings -----------------------------------------------------------------------------------


@transaction.atomic
def learning_settings_update(*, actor: Actor, **changes: int) -> LearningSettings:
    actor.require_admin()
    settings = LearningSettings.objects.select_for_update().first() or LearningSettings()
    before = snapshot(settings, SETTINGS_FIELDS)
    for name, value in changes.items():
        if name not in SETTINGS_FIELDS:
            raise TypeError(f"Unknown learning setting {name!r}.")
        setattr(settings, name, value)
    full_clean(settings)
    settings.updated_at = timezone.now()
    settings.save()
    audit_record(
        actor=actor,
        action="learning_settings.updated",
        obj=settings,
        changes=diff(before, snapshot(settings, SETTINGS_FIELDS)),
    )
    return settings


# --- Catalogue ----------------------------------------------------------------------------------


def _clean_links(actor: Actor, links: Iterable[LevelLink]) -> list[LevelLink]:
    links = list(links)
    seen: set[int] = set()
    for link in links:
        same_organization(actor, link.capability)
        if link.capability.pk in seen:
            raise ApplicationError(
                INVALID,
                f"{link.capability.name} is named twice.",
                fields={"capabilities": "Each capability once."},
            )
        seen.add(link.capability.pk)
        if not (1 <= link.level_from < link.level_to):
            raise ApplicationError(
                INVALID,
                f"{link.capability.name}: the item must raise the level (from < to).",
                fields={"capabilities": "level_from must be below level_to."},
            )
    return links


def _check_external_id(item: LearningItem) -> None:
    if item.external_id and (
        LearningItem.objects.filter(external_id=item.external_id).exclude(pk=item.pk).exists()
    ):
        raise ApplicationError(
            DUPLICATE_EXTERNAL_ID,
            f"An item with external id {item.external_id!r} exists.",
            fields={"external_id": "Already used by another item."},
        )


def _set_links(item: LearningItem, links: list[LevelLink]) -> None:
    ItemCapability.objects.filter(item=item).delete()
    ItemCapability.objects.bulk_create(
        ItemCapability(
            organization_id=item.organization_id,
            item=item,
            capability=link.capability,
            level_from=link.level_from,
            level_to=link.level_to,
        )
        for link in links
    )


@transaction.atomic
def learning_item_create(
    *, actor: Actor, title: str, kind: str, capabilities: Iterable[LevelLink] = (), **fields
) -> LearningItem:
    actor.require_admin()
    links = _clean_links(actor, capabilities)
    item = LearningItem(title=(title or "").strip(), kind=kind)
    for name, value in fields.items():
        if name not in ITEM_FIELDS:
            raise TypeError(f"Unknown learning item field {name!r}.")
        setattr(item, name, value)
    item.external_id = (item.external_id or "").strip()
    full_clean(item)
    _check_external_id(item)
    item.save()
    _set_links(item, links)
    audit_record(
        actor=actor, action="learning_item.created", obj=item, changes=snapshot(item, ITEM_FIELDS)
    )
    return item


@transaction.atomic
def learning_item_update(
    *,
    actor: Actor,
    item: LearningItem,
    capabilities: Iterable[LevelLink] | None = None,
    **changes,
) -> LearningItem:
    actor.require_admin()
    same_organization(actor, item)
    before = snapshot(item, ITEM_FIELDS)
    for name, value in changes.items():
        if name not in ITEM_FIELDS:
            raise TypeError(f"Unknown learning item field {name!r}.")
        setattr(item, name, value)
    full_clean(item)
    _check_external_id(item)
    item.updated_at = timezone.now()
    item.save()
    if capabilities is not None:
        _set_links(item, _clean_links(actor, capabilities))
    audit_record(
        actor=actor,
        action="learning_item.updated",
        obj=item,
        changes=diff(before, snapshot(item, ITEM_FIELDS)),
    )
    return item
