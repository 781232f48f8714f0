"""Writes of the capability library: scale, capabilities and their levels, adoption from the
catalogue, framework versions, job roles with requirements and key results, role assignments
and merges of duplicates.

Every function takes the acting `Actor`, checks it may act (HR admins; API keys within their
scopes), keeps related objects inside the organization, runs in one transaction and records the
change with its before/after in the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from capabilities import signals
from capabilities.events import JobRoleAssigned
from capabilities.models import (
    MAX_SCALE_LEVELS,
    MIN_SCALE_LEVELS,
    Capability,
    CapabilityCategory,
    CapabilityLevel,
    CatalogueCapability,
    CompetencyScale,
    FrameworkVersion,
    JobRole,
    KeyResult,
    RoleAssignment,
    RoleRequirement,
    ScaleLevel,
)
from plms.audit.services import audit_record, diff
from plms.common.errors import ApplicationError, NotFound
from plms.events.bus import publish
from plms.people.models import Employee
from plms.tenancy.actors import Actor

DEFAULT_SCALE = (
    (1, "Foundational", "Learning the basics; works with guidance and close supervision."),
    (2, "Developing", "Handles routine situations; asks for help with unusual ones."),
    (3, "Proficient", "Works independently and reliably across the usual range of situations."),
    (4, "Advanced", "Handles complex situations and improves how colleagues work."),
    (5, "Expert", "Sets the standard; shapes practice across the organisation."),
)
CAPABILITY_FIELDS = ("key", "name", "category", "description", "tags", "status", "data_steward")
ROLE_FIELDS = ("key", "name", "family", "grade", "description")
MIN_KEY_RESULTS, MAX_KEY_RESULTS = 3, 5
MAX_INDICATORS = 10

MSG_SCALE_IN_USE = (
    "The scale is in use ({usage}). Changing its levels needs a level mapping from every "
    "current level to a new one, so existing ratings and requirements keep their meaning."
)


@dataclass(frozen=True)
class LevelInput:
    level: int
    descriptor: str
    indicators: Sequence[str] = ()


@dataclass(frozen=True)
class ScaleLevelInput:
    number: int
    name: str
    description: str = ""


@dataclass(frozen=True)
class RequirementInput:
    capability: Capability
    target_level: int
    weight: int = 1
    is_core: bool = True


@dataclass(frozen=True)
class KeyResultInput:
    outcome: str
    kpi_unit: str
    kpi_target: Decimal | int | str
    kpi_direction: str = KeyResult.Direction.INCREASE
    id: UUID | str | None = None  # the public id of the key result it edits, when known


@dataclass
class AdoptResult:
    adopted: list[Capability] = field(default_factory=list)
    skipped: list[tuple[CatalogueCapability, str]] = field(default_factory=list)


# --- Helpers ---------------------------------------------------------------------------------


def _check_same_organization(actor: Actor, *objects: object) -> None:
    for obj in objects:
        if obj is not None and getattr(obj, "organization_id", None) != actor.organization.pk:
            raise NotFound()


def _full_clean(obj: models.Model, *, exclude: Sequence[str] = ()) -> None:
    try:
        obj.full_clean(exclude=["organization", *exclude], validate_constraints=False)
    except ValidationError as exc:
        name = obj._meta.verbose_name
        raise ApplicationError(
            "invalid", f"The {name} is invalid.", fields=exc.message_dict
        ) from exc


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Lower-case, trimmed, without duplicates, in the order given."""
    return list(dict.fromkeys(t.strip().lower() for t in tags if t and t.strip()))


def _unique_key(model: type[models.Model], base: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(base)[:90] or "item"
    taken = set(
        model.objects.filter(key__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("key", flat=True)
    )
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


# --- Competency scale ------------------------------------------------------------------------


def scale_ensure() -> CompetencyScale:
    """The active organization's scale, created with the default five levels on first use."""
    scale = CompetencyScale.objects.first()
    if scale is not None:
        return scale
    try:
        with transaction.atomic():
            scale = CompetencyScale.objects.create(proficient_level=3)
            ScaleLevel.objects.bulk_create(
                ScaleLevel(
                    organization_id=scale.organization_id,
                    scale=scale,
                    number=number,
                    name=name,
                    description=description,
                )
                for number, name, description in DEFAULT_SCALE
            )
    except IntegrityError:  # created concurrently
        scale = CompetencyScale.objects.get()
    return scale


def scale_numbers(scale: CompetencyScale | None = None) -> list[int]:
    scale = scale or scale_ensure()
    return list(ScaleLevel.objects.filter(scale=scale).values_list("number", flat=True))


def _scale_state(scale: CompetencyScale) -> dict:
    return {
        "name": scale.name,
        "proficient_level": scale.proficient_level,
        "levels": [
            {"number": level.number, "name": level.name, "description": level.description}
            for level in ScaleLevel.objects.filter(scale=scale).order_by("number")
        ],
    }


def scale_usage() -> dict[str, int]:
    """What stores levels of the scale: role requirements, plus what other apps report."""
    usage = {"role requirements": RoleRequirement.objects.count()}
    for receiver, count in signals.scale_in_use.send(sender=CompetencyScale):
        if count:
            usage[getattr(receiver, "usage_label", "ratings")] = int(count)
    return {name: count for name, count in usage.items() if count}


@transaction.atomic
def scale_update(
    *,
    actor: Actor,
    scale: CompetencyScale,
    levels: Sequence[ScaleLevelInput] | None = None,
    proficient_level: int | None = None,
    name: str | None = None,
    mapping: Mapping[int, int] | None = None,
) -> CompetencyScale:
    """Rename the scale and its levels, or change its levels (3 to 7, numbered 1..n).

    Once ratings or requirements use the scale, changing the level numbers is refused unless
    `mapping` maps every current level to a new one; the mapping is then applied to
    requirements, capability level descriptors and (through `scale_levels_remapped`) ratings.
    """
    actor.require_admin()
    _check_same_organization(actor, scale)
    scale = CompetencyScale.objects.select_for_update().get(pk=scale.pk)
    before = _scale_state(scale)
    old_numbers = [level["number"] for level in before["levels"]]
    new_levels = list(levels) if levels is not None else None
    if new_levels is not None:
        numbers = [level.number for level in new_levels]
        if not MIN_SCALE_LEVELS <= len(numbers) <= MAX_SCALE_LEVELS:
            raise ApplicationError(
                "invalid_scale",
                f"A scale has {MIN_SCALE_LEVELS} to {MAX_SCALE_LEVELS} levels.",
                fields={
                    "levels": f"Give {MIN_SCALE_LEVELS} to {MAX_SCALE_LEVELS} levels; "
                    f"there are {len(numbers)}."
                },
            )
        if numbers != list(range(1, len(numbers) + 1)):
            raise ApplicationError(
                "invalid_scale",
                "Levels are numbered 1, 2, 3 … without gaps.",
                fields={"levels": "Numbers must run from 1 without gaps."},
            )
        missing_names = [str(level.number) for level in new_levels if not level.name.strip()]
        if missing_names:
            raise ApplicationError(
                "invalid_scale",
                "Every level needs a name.",
                fields={f"levels.{n}.name": "Required." for n in missing_names},
            )
    else:
        numbers = old_numbers
    target_proficient = proficient_level if proficient_level is not None else scale.proficient_level
    if target_proficient not in numbers:
        raise ApplicationError(
            "invalid_scale",
            "The proficient level must be one of the scale's levels.",
            fields={"proficient_level": f"Choose one of {numbers}."},
        )

    numbers_change = numbers != old_numbers
    if numbers_change or mapping:
        usage = scale_usage()
        if mapping is None and usage:
            text = ", ".join(f"{count} {label}" for label, count in usage.items())
            raise ApplicationError(
                "scale_in_use",
                MSG_SCALE_IN_USE.format(usage=text),
                fields={"mapping": "Map every current level to a new level."},
                status=409,
            )
        if mapping is not None:
            try:
                mapping = {int(old): int(new) for old, new in mapping.items()}
            except (TypeError, ValueError) as exc:
                raise ApplicationError(
                    "invalid_mapping",
                    "The level mapping is invalid.",
                    fields={"mapping": "Map level numbers to level numbers."},
                ) from exc
            problems = {}
            if set(mapping) != set(old_numbers):
                problems["mapping"] = f"Map each current level {old_numbers} exactly once."
            elif not set(mapping.values()) <= set(numbers):
                problems["mapping"] = f"Map onto the new levels {numbers}."
            if problems:
                raise ApplicationError(
                    "invalid_mapping", "The level mapping is invalid.", fields=problems
                )
            _apply_level_mapping(mapping)

    if name is not None and name.strip():
        scale.name = name.strip()
    scale.proficient_level = target_proficient
    if new_levels is not None:
        ScaleLevel.objects.filter(scale=scale).exclude(number__in=numbers).delete()
        current = {level.number: level for level in ScaleLevel.objects.filter(scale=scale)}
        for item in new_levels:
            level = current.get(item.number) or ScaleLevel(scale=scale, number=item.number)
            level.name, level.description = item.name.strip(), item.description.strip()
            level.save()
    after = _scale_state(scale)
    changes = diff(before, after)
    if changes:
        if numbers_change:
            scale.revision += 1
        scale.updated_at = timezone.now()
        scale.save()
        if mapping:
            changes["mapping"] = {"before": None, "after": {str(k): v for k, v in mapping.items()}}
        audit_record(actor=actor, action="competency_scale.changed", obj=scale, changes=changes)
    return scale


def _apply_level_mapping(mapping: Mapping[int, int]) -> None:
    for requirement in RoleRequirement.objects.all():
        new = mapping.get(requirement.target_level, requirement.target_level)
        if new != requirement.target_level:
            requirement.target_level = new
            requirement.save(update_fields=["target_level"])
    # Each new level keeps the descriptor of the lowest old level mapped onto it.
    kept: dict[tuple[int, int], CapabilityLevel] = {}
    drop: list[int] = []
    for level in CapabilityLevel.objects.order_by("capability_id", "level"):
        target = (level.capability_id, mapping.get(level.level, level.level))
        if target in kept:
            drop.append(level.pk)
        else:
            kept[target] = level
    CapabilityLevel.objects.filter(pk__in=drop).delete()
    moved = [level for (_, new), level in kept.items() if level.level != new]
    # Two passes so that swapping numbers never collides with the unique constraint.
    for level in moved:
        level.level += 100
    CapabilityLevel.objects.bulk_update(moved, ["level"])
    for (_, new), level in kept.items():
        if level in moved:
            level.level = new
    CapabilityLevel.objects.bulk_update(moved, ["level"])
    signals.scale_levels_remapped.send(sender=CompetencyScale, mapping=dict(mapping))


# --- Categories and capabilities ------------------------------------------------------------


@transaction.atomic
def category_create(
    *, actor: Actor, name: str, description: str = "", source_key: str = ""
) -> CapabilityCategory:
    actor.require_admin()
    name = name.strip()
    if not name:
        raise ApplicationError("invalid", "A name is required.", fields={"name": "Required."})
    if CapabilityCategory.objects.filter(name__iexact=name).exists():
        raise ApplicationError(
            "duplicate_name", f"A category named {name!r} exists.", fields={"name": "Already used."}
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
        "data_steward": capability.data_steward.email if capability.data_steward_id else None,
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
        code = "level_outside_scale" if "not on the scale" in codes else "missing_descriptor"
        raise ApplicationError(
            code, "The level descriptors are incomplete or invalid.", fields=problems
        )
    return [cleaned[n] for n in sorted(cleaned)]


def _check_capability_name(name: str, *, exclude_pk: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ApplicationError("invalid", "A name is required.", fields={"name": "Required."})
    if Capability.objects.filter(name__iexact=name).exclude(pk=exclude_pk).exists():
        raise ApplicationError(
            "duplicate_name",
            f"A capability named {name!r} exists.",
            fields={"name": "Already used by another capability."},
        )
    return name


def _check_key(model, key: str, *, exclude_pk: int | None = None) -> str:
    key = slugify(key)
    if model.objects.filter(key=key).exclude(pk=exclude_pk).exists():
        raise ApplicationError(
            "duplicate_key", f"The key {key!r} is already used.", fields={"key": "Already used."}
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
    _check_same_organization(actor, category, data_steward)
    name = _check_capability_name(name)
    key = _check_key(Capability, key) if key else _unique_key(Capability, name)
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
    _full_clean(capability, exclude=["category", "data_steward", "merged_into"])
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
    _check_same_organization(
        actor, capability, changes.get("category"), changes.get("data_steward")
    )
    unknown = set(changes) - set(CAPABILITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown capability field(s) {sorted(unknown)}.")
    before = capability_state(capability)
    if "name" in changes:
        changes["name"] = _check_capability_name(str(changes["name"]), exclude_pk=capability.pk)
    if "key" in changes:
        changes["key"] = _check_key(Capability, str(changes["key"]), exclude_pk=capability.pk)
    if "tags" in changes:
        changes["tags"] = normalise_tags(changes["tags"])  # type: ignore[arg-type]
    if "description" in changes:
        changes["description"] = str(changes["description"]).strip()
    status = str(changes.get("status", capability.status))
    if status not in Capability.Status.values:
        raise ApplicationError("invalid", f"Unknown status {status!r}.", fields={"status": "?"})
    if levels is None:
        current = CapabilityLevel.objects.filter(capability=capability)
        levels = [LevelInput(lv.level, lv.descriptor, lv.indicators) for lv in current]
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
    _full_clean(capability, exclude=["category", "data_steward", "merged_into"])
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
            key=_unique_key(Capability, source.key),
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
    _check_same_organization(actor, capability)
    source = (
        CatalogueCapability.objects.prefetch_related("levels")
        .filter(key=capability.source_key)
        .first()
    )
    if source is None or source.revision in (
        capability.source_revision,
        capability.source_revision_declined,
    ):
        raise ApplicationError("no_update", "There is no catalogue update for this capability.")
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
    _check_same_organization(actor, capability)
    source = CatalogueCapability.objects.filter(key=capability.source_key).first()
    if source is None or source.revision in (
        capability.source_revision,
        capability.source_revision_declined,
    ):
        raise ApplicationError("no_update", "There is no catalogue update for this capability.")
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
    _check_same_organization(actor, keep, duplicate)
    if keep.pk == duplicate.pk:
        raise ApplicationError("invalid_merge", "Choose two different capabilities.")
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


# --- Framework versions ----------------------------------------------------------------------


def framework_snapshot() -> dict:
    """The library and scale as published: capabilities by key with their levels."""
    scale = scale_ensure()
    capabilities = (
        Capability.objects.select_related("category", "data_steward")
        .prefetch_related("levels")
        .order_by("key")
    )
    return {
        "scale": _scale_state(scale),
        "capabilities": {c.key: capability_state(c, c.levels.all()) for c in capabilities},
    }


@transaction.atomic
def framework_publish(*, actor: Actor, note: str = "") -> FrameworkVersion:
    """Publish the current library as the next version; refused when nothing changed."""
    actor.require_admin()
    latest = FrameworkVersion.objects.select_for_update().order_by("-number").first()
    snapshot = framework_snapshot()
    if latest is not None and latest.snapshot == snapshot:
        raise ApplicationError(
            "no_changes", f"Nothing changed since version {latest.number} was published."
        )
    version = FrameworkVersion.objects.create(
        number=(latest.number if latest else 0) + 1,
        note=note.strip()[:300],
        snapshot=snapshot,
        published_by=actor.user,
        published_by_label=actor.label,
    )
    audit_record(
        actor=actor,
        action="framework_version.published",
        obj=version,
        changes={"number": version.number, "note": version.note},
    )
    return version


def framework_version_current() -> FrameworkVersion | None:
    """The version in force: the latest published one (None before the first publication),
    without its snapshot (the whole framework, hundreds of kilobytes) unless it is read."""
    return FrameworkVersion.objects.defer("snapshot").order_by("-number").first()


# --- Job roles, requirements, key results ----------------------------------------------------


def _role_state(role: JobRole) -> dict:
    return {name: getattr(role, name) for name in ROLE_FIELDS}


def _check_role_name(name: str, *, exclude_pk: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ApplicationError("invalid", "A name is required.", fields={"name": "Required."})
    if JobRole.objects.filter(name__iexact=name).exclude(pk=exclude_pk).exists():
        raise ApplicationError(
            "duplicate_name", f"A job role named {name!r} exists.", fields={"name": "Already used."}
        )
    return name


@transaction.atomic
def job_role_create(
    *,
    actor: Actor,
    name: str,
    family: str = "",
    grade: str = "",
    description: str = "",
    key: str = "",
    requirements: Sequence[RequirementInput] | None = None,
    key_results: Sequence[KeyResultInput] | None = None,
) -> JobRole:
    actor.require_admin()
    name = _check_role_name(name)
    role = JobRole(
        key=_check_key(JobRole, key) if key else _unique_key(JobRole, name),
        name=name,
        family=family.strip(),
        grade=grade.strip(),
        description=description.strip(),
    )
    _full_clean(role)
    role.save()
    audit_record(actor=actor, action="job_role.created", obj=role, changes=_role_state(role))
    if requirements is not None:
        requirements_replace(actor=actor, role=role, items=requirements)
    if key_results is not None:
        key_results_set(actor=actor, role=role, items=key_results)
    return role


@transaction.atomic
def job_role_update(
    *,
    actor: Actor,
    role: JobRole,
    requirements: Sequence[RequirementInput] | None = None,
    key_results: Sequence[KeyResultInput] | None = None,
    **changes: object,
) -> JobRole:
    actor.require_admin()
    _check_same_organization(actor, role)
    unknown = set(changes) - set(ROLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown job role field(s) {sorted(unknown)}.")
    before = _role_state(role)
    if "name" in changes:
        changes["name"] = _check_role_name(str(changes["name"]), exclude_pk=role.pk)
    if "key" in changes:
        changes["key"] = _check_key(JobRole, str(changes["key"]), exclude_pk=role.pk)
    for name, value in changes.items():
        setattr(role, name, value.strip() if isinstance(value, str) else value)
    _full_clean(role)
    delta = diff(before, _role_state(role))
    if delta:
        role.updated_at = timezone.now()
        role.save()
        audit_record(actor=actor, action="job_role.updated", obj=role, changes=delta)
    if requirements is not None:
        requirements_replace(actor=actor, role=role, items=requirements)
    if key_results is not None:
        key_results_set(actor=actor, role=role, items=key_results)
    return role


@transaction.atomic
def job_role_delete(*, actor: Actor, role: JobRole) -> None:
    actor.require_admin()
    _check_same_organization(actor, role)
    if RoleAssignment.objects.filter(role=role).exists():
        raise ApplicationError(
            "role_in_use", "Employees hold (or held) this role; it cannot be deleted."
        )
    audit_record(actor=actor, action="job_role.deleted", obj=role, changes=_role_state(role))
    role.delete()


def _requirement_state(requirement: RoleRequirement | None) -> dict | None:
    if requirement is None:
        return None
    return {
        "target_level": requirement.target_level,
        "weight": requirement.weight,
        "is_core": requirement.is_core,
        "framework_version": (
            requirement.framework_version.number if requirement.framework_version_id else None
        ),
    }


def _check_requirement(item: RequirementInput, numbers: Sequence[int]) -> None:
    if item.target_level not in numbers:
        raise ApplicationError(
            "level_outside_scale",
            f"Target level {item.target_level} is not on the scale {list(numbers)}.",
            fields={"target_level": f"Choose one of {list(numbers)}."},
        )
    if not 1 <= item.weight <= 100:
        raise ApplicationError(
            "invalid", "Weights run from 1 to 100.", fields={"weight": "1 to 100."}
        )


@transaction.atomic
def requirement_set(
    *,
    actor: Actor,
    role: JobRole,
    capability: Capability,
    target_level: int,
    weight: int = 1,
    is_core: bool = True,
    _numbers: Sequence[int] | None = None,
    _version: FrameworkVersion | None = None,
) -> RoleRequirement:
    """Add or change a role's requirement; it records the framework version in force."""
    actor.require_admin()
    _check_same_organization(actor, role, capability)
    item = RequirementInput(capability, int(target_level), int(weight), bool(is_core))
    _check_requirement(item, _numbers or scale_numbers())
    requirement = RoleRequirement.objects.filter(role=role, capability=capability).first()
    if requirement is None and capability.status == Capability.Status.RETIRED:
        raise ApplicationError(
            "capability_retired",
            f"{capability.name} is retired; choose an active capability.",
            fields={"capability": "Retired."},
        )
    before = _requirement_state(requirement)
    if requirement is not None and (
        requirement.target_level,
        requirement.weight,
        requirement.is_core,
    ) == (item.target_level, item.weight, item.is_core):
        return requirement
    version = _version or framework_version_current()
    if requirement is None:
        requirement = RoleRequirement(role=role, capability=capability)
    requirement.target_level = item.target_level
    requirement.weight = item.weight
    requirement.is_core = item.is_core
    requirement.framework_version = version
    requirement.updated_at = timezone.now()
    requirement.save()
    audit_record(
        actor=actor,
        action="job_role.requirement_set",
        obj=role,
        changes={
            "capability": capability.name,
            **diff(before or {}, _requirement_state(requirement)),
        },
    )
    return requirement


@transaction.atomic
def requirement_remove(*, actor: Actor, requirement: RoleRequirement) -> None:
    actor.require_admin()
    _check_same_organization(actor, requirement)
    role = requirement.role
    audit_record(
        actor=actor,
        action="job_role.requirement_removed",
        obj=role,
        changes={
            "capability": requirement.capability.name,
            **diff(_requirement_state(requirement) or {}, {}),
        },
    )
    requirement.delete()


@transaction.atomic
def requirements_replace(
    *, actor: Actor, role: JobRole, items: Sequence[RequirementInput]
) -> list[RoleRequirement]:
    """Make the role's requirements exactly `items` (one per capability)."""
    actor.require_admin()
    seen: set[int] = set()
    for item in items:
        if item.capability.pk in seen:
            raise ApplicationError(
                "duplicate_requirement",
                f"{item.capability.name} is required twice.",
                fields={"requirements": f"{item.capability.name} twice."},
            )
        seen.add(item.capability.pk)
    for requirement in RoleRequirement.objects.filter(role=role).exclude(capability__in=seen):
        requirement_remove(actor=actor, requirement=requirement)
    numbers, version = scale_numbers(), framework_version_current()
    return [
        requirement_set(
            actor=actor,
            role=role,
            capability=item.capability,
            target_level=item.target_level,
            weight=item.weight,
            is_core=item.is_core,
            _numbers=numbers,
            _version=version,
        )
        for item in items
    ]


@transaction.atomic
def requirements_bulk_apply(
    *,
    actor: Actor,
    roles: Sequence[JobRole],
    capability: Capability,
    target_level: int,
    weight: int = 1,
    is_core: bool = True,
) -> list[RoleRequirement]:
    """Apply one requirement to several roles at once (added, or changed where present)."""
    actor.require_admin()
    if not roles:
        raise ApplicationError(
            "invalid", "Choose at least one role.", fields={"roles": "Required."}
        )
    numbers, version = scale_numbers(), framework_version_current()
    return [
        requirement_set(
            actor=actor,
            role=role,
            capability=capability,
            target_level=target_level,
            weight=weight,
            is_core=is_core,
            _numbers=numbers,
            _version=version,
        )
        for role in roles
    ]


def _clean_key_result(index: int, item: KeyResultInput) -> KeyResultInput:
    problems: dict[str, str] = {}
    where = f"key_results.{index}"
    if not item.outcome.strip():
        problems[f"{where}.outcome"] = "Describe the outcome."
    if not item.kpi_unit.strip():
        problems[f"{where}.kpi_unit"] = "Give the KPI's unit (%, £, days, …)."
    try:
        target = Decimal(str(item.kpi_target))
        if not target.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        problems[f"{where}.kpi_target"] = "A number is required."
        target = Decimal(0)
    if item.kpi_direction not in KeyResult.Direction.values:
        problems[f"{where}.kpi_direction"] = f"One of {', '.join(KeyResult.Direction.values)}."
    if problems:
        raise ApplicationError("invalid", "A key result is incomplete.", fields=problems)
    return KeyResultInput(
        item.outcome.strip(), item.kpi_unit.strip(), target, item.kpi_direction, item.id
    )


def _same_outcome(text: str) -> str:
    return " ".join(text.split()).casefold()


def _match_key_results(
    current: list[KeyResult], items: list[KeyResultInput]
) -> list[KeyResult | None]:
    """The existing key result each item edits (None: a new one), decided in three passes:
    by public id when the item carries one, then by the same outcome (ignoring case and
    spacing), then by the same place in the list. An unknown id is an error, never a silent
    new row."""
    matched: list[KeyResult | None] = [None] * len(items)
    free = list(current)
    by_uuid = {str(kr.uuid): kr for kr in current}
    problems: dict[str, str] = {}
    for index, item in enumerate(items):
        if item.id in (None, ""):
            continue
        key_result = by_uuid.get(str(item.id).lower())
        if key_result is None or key_result not in free:
            problems[f"key_results.{index}.id"] = "Not a key result of this role, or given twice."
            continue
        matched[index] = key_result
        free.remove(key_result)
    if problems:
        raise ApplicationError("invalid", "A key result is unknown.", fields=problems)
    for index, item in enumerate(items):
        if matched[index] is not None:
            continue
        same = next(
            (kr for kr in free if _same_outcome(kr.outcome) == _same_outcome(item.outcome)), None
        )
        if same is not None:
            matched[index] = same
            free.remove(same)
    for index in range(len(items)):
        if matched[index] is not None:
            continue
        in_place = next((kr for kr in free if kr.position == index), None)
        if in_place is not None:
            matched[index] = in_place
            free.remove(in_place)
    return matched


@transaction.atomic
def key_results_set(
    *, actor: Actor, role: JobRole, items: Sequence[KeyResultInput]
) -> list[KeyResult]:
    """Set the role's key results: a scorecard has 3 to 5 (or none yet).

    Key results are edited in place, so goals and goal templates serving one keep their link
    when its wording, target or place changes: each item edits the existing key result it
    matches (see `_match_key_results`), unmatched items are added, and only the key results no
    item matches are deleted (their goals lose the link).
    """
    actor.require_admin()
    _check_same_organization(actor, role)
    if len(items) > MAX_KEY_RESULTS or 0 < len(items) < MIN_KEY_RESULTS:
        raise ApplicationError(
            "invalid_key_results",
            f"A scorecard has {MIN_KEY_RESULTS} to {MAX_KEY_RESULTS} key results.",
            fields={
                "key_results": f"Give {MIN_KEY_RESULTS} to {MAX_KEY_RESULTS} key results; "
                f"there are {len(items)}."
            },
        )
    cleaned = [_clean_key_result(i, item) for i, item in enumerate(items)]
    current = list(
        KeyResult.objects.select_for_update().filter(role=role).order_by("position", "id")
    )

    def state(rows) -> list:
        return [
            [r.outcome, r.kpi_unit, str(Decimal(r.kpi_target).normalize()), r.kpi_direction]
            for r in rows
        ]

    before = state(current)
    matched = _match_key_results(current, cleaned)
    fields = ("position", "outcome", "kpi_unit", "kpi_target", "kpi_direction")
    after_rows, changed, created = [], [], []
    for position, (item, existing) in enumerate(zip(cleaned, matched, strict=True)):
        row = existing or KeyResult(role=role, organization_id=role.organization_id)
        values = {
            "position": position,
            "outcome": item.outcome,
            "kpi_unit": item.kpi_unit,
            "kpi_target": item.kpi_target,
            "kpi_direction": item.kpi_direction,
        }
        if existing is None:
            created.append(row)
        elif any(getattr(row, name) != value for name, value in values.items()):
            changed.append(row)
        for name, value in values.items():
            setattr(row, name, value)
        after_rows.append(row)
    removed = [kr.pk for kr in current if kr not in matched]
    if not (created or changed or removed):
        return current
    if removed:
        KeyResult.objects.filter(pk__in=removed).delete()
    if changed:
        KeyResult.objects.bulk_update(changed, fields)
    if created:
        KeyResult.objects.bulk_create(created)
    audit_record(
        actor=actor,
        action="job_role.key_results_set",
        obj=role,
        changes={"key_results": {"before": before, "after": state(after_rows)}},
    )
    return after_rows


@transaction.atomic
def role_assign(*, actor: Actor, employee: Employee, role: JobRole | None) -> RoleAssignment | None:
    """Give the employee `role` (ending their current one), or no role with None."""
    actor.require_admin()
    _check_same_organization(actor, employee, role)
    now = timezone.now()
    current = (
        RoleAssignment.objects.select_for_update()
        .filter(employee=employee, ended_at__isnull=True)
        .first()
    )
    if current is not None and role is not None and current.role_id == role.pk:
        return current
    if current is not None:
        current.ended_at = now
        current.save(update_fields=["ended_at"])
    assignment = None
    if role is not None:
        assignment = RoleAssignment.objects.create(employee=employee, role=role, started_at=now)
    previous = current.role if current is not None else None
    audit_record(
        actor=actor,
        action="job_role.assigned",
        obj=employee,
        changes={
            "job_role": {
                "before": previous.name if previous else None,
                "after": role.name if role else None,
            }
        },
    )
    publish(
        actor_or_organization=actor,
        events=[
            JobRoleAssigned.of(
                employee=employee, role=role, previous=previous, assignment=assignment, at=now
            )
        ],
    )
    signals.job_role_assigned.send(
        sender=JobRole, actor=actor, employee=employee, role=role, previous=previous
    )
    return assignment
