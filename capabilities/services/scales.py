"""Writes of the competency scale: the default scale, its levels, and changing a scale in use
through a level mapping.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from capabilities import signals
from capabilities.error_codes import INVALID_MAPPING, INVALID_SCALE, SCALE_IN_USE
from capabilities.models import (
    MAX_SCALE_LEVELS,
    MIN_SCALE_LEVELS,
    CapabilityLevel,
    CompetencyScale,
    RoleRequirement,
    ScaleLevel,
)
from plms.audit.services import audit_record, diff
from plms.common.errors import ApplicationError
from plms.tenancy.actors import Actor, same_organization

DEFAULT_SCALE = (
    (1, "Foundational", "Learning the basics; works with guidance and close supervision."),
    (2, "Developing", "Handles routine situations; asks for help with unusual ones."),
    (3, "Proficient", "Works independently and reliably across the usual range of situations."),
    (4, "Advanced", "Handles complex situations and improves how colleagues work."),
    (5, "Expert", "Sets the standard; shapes practice across the organisation."),
)
MSG_SCALE_IN_USE = (
    "The scale is in use ({usage}). Changing its levels needs a level mapping from every "
    "current level to a new one, so existing ratings and requirements keep their meaning."
)


@dataclass(frozen=True)
class ScaleLevelInput:
    number: int
    name: str
    description: str = ""


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


def scale_state(scale: CompetencyScale) -> dict:
    """The scale as the audit trail and framework snapshots record it."""
    return {
        "name": scale.name,
        "proficient_level": scale.proficient_level,
        "levels": [
            {"number": level.number, "name": level.name, "description": level.description}
            for level in ScaleLevel.objects.filter(scale=scale).order_by("number")
        ],
    }


def scale_usage(*, counts: bool = True) -> dict[str, int]:
    """What stores levels of the scale: role requirements, plus what other apps report.

    With `counts` False each is 1 when anything of its kind uses the scale: the scale page only
    needs to know whether a change of levels needs a mapping, and an organisation's ratings
    are millions to count (`EXISTS` stops at the first)."""
    requirements = RoleRequirement.objects.all()
    usage = {"role requirements": requirements.count() if counts else int(requirements.exists())}
    for receiver, count in signals.scale_in_use.send(sender=CompetencyScale, counts=counts):
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
    same_organization(actor, scale)
    scale = CompetencyScale.objects.select_for_update().get(pk=scale.pk)
    before = scale_state(scale)
    old_numbers = [level["number"] for level in before["levels"]]
    new_levels = list(levels) if levels is not None else None
    if new_levels is not None:
        numbers = [level.number for level in new_levels]
        if not MIN_SCALE_LEVELS <= len(numbers) <= MAX_SCALE_LEVELS:
            raise ApplicationError(
                INVALID_SCALE,
                f"A scale has {MIN_SCALE_LEVELS} to {MAX_SCALE_LEVELS} levels.",
                fields={
                    "levels": f"Give {MIN_SCALE_LEVELS} to {MAX_SCALE_LEVELS} levels; "
                    f"there are {len(numbers)}."
                },
            )
        if numbers != list(range(1, len(numbers) + 1)):
            raise ApplicationError(
                INVALID_SCALE,
                "Levels are numbered 1, 2, 3 … without gaps.",
                fields={"levels": "Numbers must run from 1 without gaps."},
            )
        missing_names = [str(level.number) for level in new_levels if not level.name.strip()]
        if missing_names:
            raise ApplicationError(
                INVALID_SCALE,
                "Every level needs a name.",
                fields={f"levels.{n}.name": "Required." for n in missing_names},
            )
    else:
        numbers = old_numbers
    target_proficient = proficient_level if proficient_level is not None else scale.proficient_level
    if target_proficient not in numbers:
        raise ApplicationError(
            INVALID_SCALE,
            "The proficient level must be one of the scale's levels.",
            fields={"proficient_level": f"Choose one of {numbers}."},
        )

    numbers_change = numbers != old_numbers
    if numbers_change or mapping:
        usage = scale_usage()
        if mapping is None and usage:
            text = ", ".join(f"{count} {label}" for label, count in usage.items())
            raise ApplicationError(
                SCALE_IN_USE,
                MSG_SCALE_IN_USE.format(usage=text),
                fields={"mapping": "Map every current level to a new level."},
                status=409,
            )
        if mapping is not None:
            try:
                mapping = {int(old): int(new) for old, new in mapping.items()}
            except (TypeError, ValueError) as exc:
                raise ApplicationError(
                    INVALID_MAPPING,
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
                    INVALID_MAPPING, "The level mapping is invalid.", fields=problems
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
    after = scale_state(scale)
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
