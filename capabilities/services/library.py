"""Writes of the capability library: categories, capabilities and their levels, adoption from
the catalogue (and its updates), retiring and merging duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from capabilities import signals
from capabilities.error_codes import (
    DUPLICATE_KEY,
    DUPLICATE_NAME,
    INVALID,
    INVALID_MERGE,
    LEVEL_OUTSIDE_SCALE,
    MISSING_DESCRIPTOR,
    NO_UPDATE,
)
from capabilities.models import (
    Capability,
    CapabilityCategory,
    CapabilityLevel,
    CatalogueCapability,
    RoleRequirement,
)
from capabilities.services.scales import scale_numbers
from plms.audit.services import audit_record, diff
from plms.common.errors import ApplicationError
from plms.common.validation import full_clean
from plms.people.models import Employee
from plms.tenancy.actors import Actor, same_organization

CAPABILITY_FIELDS = ("key", "name", "category", "description", "tags", "status", "data_steward")
MAX_INDICATORS = 10


@dataclass(frozen=True)
class LevelInput:
    level: int
    descriptor: str
    indicators: Sequence[str] = ()


@dataclass
class AdoptResult:
    adopted: list[Capability] = field(default_factory=list)
    skipped: list[tuple[CatalogueCapability, str]] = field(default_factory=list)


# --- Helpers ---------------------------------------------------------------------------------


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Lower-case, trimmed, without duplicates, in the order given."""
    return list(dict.fromkeys(t.strip().lower() for t in tags if t and t.strip()))


def unique_key(model: type[models.Model], base: str, *, exclude_pk: int | None = None) -> str:
    """A key made from `base` that no other row of `model` uses (numbered when taken)."""
    base = slugify(base)[:90] or "item"
    taken = set(
        model.objects.filter(key__startswith=base)  # type: ignore[attr-defined]
        .exclude(pk=exclude_pk)
        .values_list("key", flat=True)
    )
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


# --- Categories and capabilities ------------------------------------------------------------


@transaction.atomic
def category_create(
    *, actor: Actor, name: str, description: str = "", source_key: str = ""
) -> CapabilityCategory:
    actor.require_admin()
    name = name.strip()
    if not name:
        raise ApplicationError(INVALID, "A name is required.", fields={"name": "Required."})
    if CapabilityCategory.objects.filter(name__iexact=name).exists():
        raise ApplicationError(
            DUPLICATE_NAME, f"A category named {name!r} exists.", fields={"name": "Already used."}
        )
    position = (CapabilityCategory.objects.aggregate(m=Max("position"))["m"] or 0) + 1
    category = CapabilityCategory.objects.create(
        name=name, description=description.strip(), source_key=source_key, position=position
    )
    audit_record(
        actor=actor,
        action="capability_category.created",
        obj=category,
        changes={"name": name, "description": category.description},
    )
    return category


def capability_state(
    capability: Capability, levels: Iterable[CapabilityLevel] | None = None
) -> dict:
    """A capability with its levels as plain values (audit before/after, snapshots)."""
    if levels is None:
        levels = CapabilityLevel.objects.filter(capability=capability).order_by("level")
    return {
        "key": capability.key,
        "name": capability.name,
        "category": capability.category.name if capability.category_id else None,
        "description": capability.description,
        "tags": list(capability.tags),
        "status": capability.status,
        "data_steward": (
            capability.data_steward.email  # type: ignore[union-attr]  # the id is set
            if capability.data_steward_id
            else None
        ),
        "levels": {
            str(level.level): {"descriptor": level.descriptor, "indicators": list(level.indicators)}
            for level in sorted(levels, key=lambda level: level.level)
        },
    }


def _clean_levels(
    levels: Sequence[LevelInput], *, numbers: Sequence[int], status: str
) -> list[LevelInput]:
    problems: dict[str, list[str]] = {}
    cleaned: dict[int, LevelInput] = {}
    for item in levels:
        where = f"levels.{item.level}"
        if item.level not in numbers:
            problems.setdefault(where, []).append(
                f"Level {item.level} is not on the scale {list(numbers)}."
            )
            continue
        if item.level in cleaned:
            problems.setdefault(where, []).append("Described twice.")
        indicators = [i.strip() for i in item.indicators if i and i.strip()]
        if len(indicators) > MAX_INDICATORS:
            problems.setdefault(where, []).append(f"At most {MAX_INDICATORS} indicators.")
        if not item.descriptor.strip():
            if indicators:
                problems.setdefault(where, []).append("A descriptor is required.")
            continue
        cleaned[item.level] = LevelInput(item.level, item.descriptor.strip(), indicators)
    if status != Capability.Status.DRAFT:
        for number in numbers:
            if number not in cleaned and f"levels.{number}" not in problems:
                problems[f"levels.{number}"] = [f"Describe level {number} (or save as a draft)."]
    if problems:
        codes = " ".join(" ".join(m) for m in problems.values())
        code = LEVEL_OUTSIDE_SCALE if "not on the scale" in codes else MISSING_DESCRIPTOR
        raise ApplicationError(
            code, "The level descriptors are incomplete or invalid.", fields=problems
        )
    return [cleaned[n] for n in sorted(cleaned)]


def _check_capability_name(name: str, *, exclude_pk: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ApplicationError(INVALID, "A name is required.", fields={"name": "Required."})
    if Capability.objects.filter(name__iexact=name).exclude(pk=exclude_pk).exists():  # type: ignore[misc]
        raise ApplicationError(
            DUPLICATE_NAME,
            f"A capability named {name!r} exists.",
            fields={"name": "Already used by another capability."},
        )
    return name


def check_key(model, key: str, *, exclude_pk: int | None = None) -> str:
    """`key` as a slug; refused when another row of `model` has it."""
    key = slugify(key)
    if model.objects.filter(key=key).exclude(pk=exclude_pk).exists():
        raise ApplicationError(
            DUPLICATE_KEY, f"The key {key!r} is already used.", fields={"key": "Already used."}
        )
    return key


def _write_levels(capability: Capability, levels: Sequence[LevelInput]) -> list[CapabilityLevel]:
    current = {
        level.level: level for level in CapabilityLevel.objects.filter(capability=capability)
    }
    wanted = {item.level for item in levels}
    CapabilityLevel.objects.filter(capability=capability).exclude(level__in=wanted).delete()
    result = []
    for item in levels:
        level = current.get(item.level)
        if level is None:
            level = CapabilityLevel.objects.create(
                capability=capability,
                level=item.level,
                descriptor=item.descriptor,
                indicators=list(item.indicators),
            )
        elif (level.descriptor, level.indicators) != (item.descriptor, list(item.indicators)):
            level.descriptor, level.indicators = item.descriptor, list(item.indicators)
            level.save(update_fields=["descriptor", "indicators"])
        result.append(level)
    return result


@transaction.atomic
def capability_create(
    *,
    actor: Actor,
    name: str,
    category: CapabilityCategory,
    description: str = "",
    tags: Iterable[str] = (),
    status: str = Capability.Status.ACTIVE,
    data_steward: Employee | None = None,
    key: str = "",
    levels: Sequence[LevelInput] = (),
    source_key: str = "",
    source_revision: int | None = None,
) -> Capability:
    actor.require_admin()
    same_organization(actor, category, data_steward)
    name = _check_capability_name(name)
    key = check_key(Capability, key) if key else unique_key(Capability, name)
    cleaned = _clean_levels(levels, numbers=scale_numbers(), status=status)
    capability = Capability(
        key=key,
        name=name,
        category=category,
        description=description.strip(),
        tags=normalise_tags(tags),
        status=status,
        data_steward=data_steward,
        source_key=source_key,
        source_revision=source_revision,
    )
    full_clean(capability, exclude=["category", "data_steward", "merged_into"])
    capability.save()
    written = _write_levels(capability, cleaned)
    audit_record(
        actor=actor,
        action="capability.adopted" if source_key else "capability.created",
        obj=capability,
        changes=capability_state(capability, written),
    )
    return capability


@transaction.atomic
def capability_update(
    *,
    actor: Actor,
    capability: Capability,
    levels: Sequence[LevelInput] | None = None,
    reason: str = "",
    **changes: object,
) -> Capability:
    """Change a capability's fields and, with `levels`, replace its level descriptors."""
    actor.require_admin()
    same_organization(actor, capability, changes.get("category"), changes.get("data_steward"))
    unknown = set(changes) - set(CAPABILITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown capability field(s) {sorted(unknown)}.")
    before = capability_state(capability)
    if "name" in changes:
        changes["name"] = _check_capability_name(str(changes["name"]), exclude_pk=capability.pk)
    if "key" in changes:
        changes["key"] = check_key(Capability, str(changes["key"]), exclude_pk=capability.pk)
    if "tags" in changes:
        changes["tags"] = normalise_tags(changes["tags"])  # type: ignore[arg-type]
    if "description" in changes:
        changes["description"] = str(changes["description"]).strip()
    status = str(changes.get("status", capability.status))
    if status not in Capability.Status.values:
        raise ApplicationError(INVALID, f"Unknown status {status!r}.", fields={"status": "?"})
    if levels is None:
        current = CapabilityLevel.objects.filter(capability=capability)
        levels = [LevelInput(lv.level, lv.descriptor, lv.indicators) for lv in current]
        status_for_check: str
        if status == capability.status or status == Capability.Status.RETIRED:
            status_for_check = Capability.Status.DRAFT  # existing levels are not re-judged
        else:
            status_for_check = status
    else:
        status_for_check = status
    cleaned = _clean_levels(levels, numbers=scale_numbers(), status=status_for_check)
    changed = [name for name, value in changes.items() if getattr(capability, name) != value]
    for name in changed:
        setattr(capability, name, changes[name])
    full_clean(capability, exclude=["category", "data_steward", "merged_into"])
    written = _write_levels(capability, cleaned)
    after = capability_state(capability, written)
    delta = diff(before, after)
    if delta:
        capability.updated_at = timezone.now()
        capability.save()
        action = (
            "capability.retired"
            if delta.keys() == {"status"} and status == "retired"
            else ("capability.updated")
        )
        audit_record(actor=actor, action=action, obj=capability, changes=delta, reason=reason)
    return capability


def capability_retire(*, actor: Actor, capability: Capability, reason: str = "") -> Capability:
    """Retired capabilities keep their levels, requirements and past ratings (history)."""
    return capability_update(
        actor=actor, capability=capability, status=Capability.Status.RETIRED, reason=reason
    )


def catalogue_level_for(number: int, count: int, catalogue_levels: int = 5) -> int:
    """The catalogue level whose descriptor fits level `number` of a `count`-level scale."""
    if count == catalogue_levels:
        return number
    return round(1 + (number - 1) * (catalogue_levels - 1) / (count - 1))


def _levels_from_catalogue(source: CatalogueCapability, numbers: Sequence[int]) -> list[LevelInput]:
    by_level = {level.level: level for level in source.levels.all()}
    return [
        LevelInput(
            n,
            by_level[catalogue_level_for(n, len(numbers))].descriptor,
            by_level[catalogue_level_for(n, len(numbers))].indicators,
        )
        for n in numbers
    ]


def _category_for(source: CatalogueCapability, actor: Actor) -> CapabilityCategory:
    category = (
        CapabilityCategory.objects.filter(source_key=source.category.key).first()
        or CapabilityCategory.objects.filter(name__iexact=source.category.name).first()
    )
    if category is None:
        category = category_create(
            actor=actor,
            name=source.category.name,
            description=source.category.description,
            source_key=source.category.key,
        )
    return category


@transaction.atomic
def capability_adopt(
    *,
    actor: Actor,
    sources: Iterable[CatalogueCapability],
    status: str = Capability.Status.ACTIVE,
) -> AdoptResult:
    """Copy catalogue capabilities into the library; each copy keeps its source key and
    revision. Ones adopted already are skipped (their updates are offered separately)."""
    actor.require_admin()
    numbers = scale_numbers()
    adopted_keys = set(
        Capability.objects.exclude(source_key="").values_list("source_key", flat=True)
    )
    names = {name.lower() for name in Capability.objects.values_list("name", flat=True)}
    result = AdoptResult()
    for source in sources:
        if source.key in adopted_keys:
            result.skipped.append((source, "adopted already"))
            continue
        if source.name.lower() in names:
            result.skipped.append((source, "a capability with this name exists"))
            continue
        capability = capability_create(
            actor=actor,
            name=source.name,
            category=_category_for(source, actor),
            description=source.description,
            tags=source.tags,
            status=status,
            key=unique_key(Capability, source.key),
            levels=_levels_from_catalogue(source, numbers),
            source_key=source.key,
            source_revision=source.revision,
        )
        adopted_keys.add(source.key)
        names.add(source.name.lower())
        result.adopted.append(capability)
    return result


@transaction.atomic
def capability_apply_catalogue_update(*, actor: Actor, capability: Capability) -> Capability:
    """Take the newer catalogue content (description, tags, level descriptors) on request."""
    actor.require_admin()
    same_organization(actor, capability)
    source = (
        CatalogueCapability.objects.prefetch_related("levels")
        .filter(key=capability.source_key)
        .first()
    )
    if source is None or source.revision in (
        capability.source_revision,
        capability.source_revision_declined,
    ):
        raise ApplicationError(NO_UPDATE, "There is no catalogue update for this capability.")
    capability_update(
        actor=actor,
        capability=capability,
        description=source.description,
        tags=source.tags,
        levels=_levels_from_catalogue(source, scale_numbers()),
        reason=f"Catalogue update to revision {source.revision}",
    )
    capability.source_revision = source.revision
    capability.save(update_fields=["source_revision"])
    return capability


@transaction.atomic
def capability_decline_catalogue_update(*, actor: Actor, capability: Capability) -> Capability:
    """Keep the capability as it is: the catalogue's current revision is no longer offered
    (a later revision is)."""
    actor.require_admin()
    same_organization(actor, capability)
    source = CatalogueCapability.objects.filter(key=capability.source_key).first()
    if source is None or source.revision in (
        capability.source_revision,
        capability.source_revision_declined,
    ):
        raise ApplicationError(NO_UPDATE, "There is no catalogue update for this capability.")
    capability.source_revision_declined = source.revision
    capability.save(update_fields=["source_revision_declined"])
    audit_record(
        actor=actor,
        action="capability.catalogue_update_declined",
        obj=capability,
        changes={"catalogue_revision": {"before": None, "after": source.revision}},
    )
    return capability


@transaction.atomic
def capability_merge(*, actor: Actor, keep: Capability, duplicate: Capability) -> Capability:
    """Move the duplicate's requirements (and, through `capability_merged`, ratings and other
    rows) to `keep`, then retire the duplicate with a link to it."""
    actor.require_admin()
    same_organization(actor, keep, duplicate)
    if keep.pk == duplicate.pk:
        raise ApplicationError(INVALID_MERGE, "Choose two different capabilities.")
    existing = {r.role_id: r for r in RoleRequirement.objects.filter(capability=keep)}
    moved = combined = 0
    for requirement in RoleRequirement.objects.filter(capability=duplicate).select_related("role"):
        kept = existing.get(requirement.role_id)
        if kept is None:
            requirement.capability = keep
            requirement.updated_at = timezone.now()
            requirement.save(update_fields=["capability", "updated_at"])
            moved += 1
        else:
            kept.target_level = max(kept.target_level, requirement.target_level)
            kept.weight = max(kept.weight, requirement.weight)
            kept.is_core = kept.is_core or requirement.is_core
            kept.save(update_fields=["target_level", "weight", "is_core"])
            requirement.delete()
            combined += 1
    signals.capability_merged.send(sender=Capability, keep=keep, duplicate=duplicate)
    before = {"status": duplicate.status, "merged_into": None}
    duplicate.status = Capability.Status.RETIRED
    duplicate.merged_into = keep
    duplicate.updated_at = timezone.now()
    duplicate.save(update_fields=["status", "merged_into", "updated_at"])
    after = {"status": duplicate.status, "merged_into": keep.name}
    audit_record(
        actor=actor, action="capability.merged_away", obj=duplicate, changes=diff(before, after)
    )
    audit_record(
        actor=actor,
        action="capability.merged",
        obj=keep,
        changes={
            "merged": duplicate.name,
            "requirements_moved": moved,
            "requirements_combined": combined,
        },
    )
    return keep
