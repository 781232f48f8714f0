"""Capabilities in files: import (with levels and indicators, new categories, data stewards) and
export.

CSV/XLSX — one row per level (capability columns repeat on each row):
    key, name, category, description, tags ("a; b"), status, data_steward (e-mail),
    level, descriptor, indicators ("first | second")
JSON: {"capabilities": [{…, "tags": [...], "levels": [{"level", "descriptor", "indicators"}]}]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from capabilities.imports.tables import (
    BATCH,
    ImportResult,
    Progress,
    audit_events,
    cell_text,
    read_json,
    read_table,
    split_list,
)
from capabilities.models import (
    Capability,
    CapabilityCategory,
    CapabilityLevel,
    CatalogueCategory,
)
from capabilities.services.library import capability_state, normalise_tags
from capabilities.services.scales import scale_numbers
from plms.common.imports import ImportFailed, RowError
from plms.people.models import Employee
from plms.tenancy.actors import Actor

CAPABILITY_COLUMNS = (
    "key",
    "name",
    "category",
    "description",
    "tags",
    "status",
    "data_steward",
    "level",
    "descriptor",
    "indicators",
)
CAPABILITY_REQUIRED = ("name", "category", "level", "descriptor")


# --- Capabilities ---------------------------------------------------------------------------


class _Level(NamedTuple):
    level: int
    descriptor: str
    indicators: list[str]


@dataclass
class _CapabilityRecord:
    line: int
    key: str
    values: dict[str, Any]
    levels: dict[int, tuple[str, list[str]]] = field(default_factory=dict)
    level_lines: dict[int, int] = field(default_factory=dict)


def _capability_rows(data: bytes, fmt: str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Flat rows (one per level) from any format; lists stay lists."""
    if fmt != "json":
        rows, errors = read_table(data, fmt, CAPABILITY_COLUMNS, CAPABILITY_REQUIRED)
        for _, row in rows:
            if "tags" in row:
                row["tags"] = split_list(row["tags"], ";")
            row["indicators"] = split_list(row.get("indicators", ""), "|")
        return rows, errors
    items, errors = read_json(data, "capabilities")
    rows = []
    for line, item in items:
        if not isinstance(item, dict):
            errors.append(RowError(line, "", "expected an object"))
            continue
        base = {k: item[k] for k in CAPABILITY_COLUMNS[:7] if k in item}
        base = {k: (v if k == "tags" else cell_text(v)) for k, v in base.items()}
        if "tags" in base:
            base["tags"] = split_list(base["tags"], ";")
        levels = item.get("levels") or []
        if not isinstance(levels, list) or not levels:
            rows.append((line, {**base, "level": "", "descriptor": "", "indicators": []}))
            continue
        for level in levels:
            level = level if isinstance(level, dict) else {}
            rows.append(
                (
                    line,
                    {
                        **base,
                        "level": cell_text(level.get("level")),
                        "descriptor": cell_text(level.get("descriptor")),
                        "indicators": split_list(level.get("indicators") or [], "|"),
                    },
                )
            )
    return rows, errors


def _category_lookup() -> tuple[dict[str, CapabilityCategory], dict[str, CatalogueCategory]]:
    own = {c.name.lower(): c for c in CapabilityCategory.objects.all()}
    catalogue = {}
    for category in CatalogueCategory.objects.all():
        catalogue[category.name.lower()] = category
        catalogue[category.key] = category
    return own, catalogue


@transaction.atomic
def capabilities_import(
    *, actor: Actor, data: bytes, fmt: str, progress: Progress | None = None
) -> ImportResult:
    """Import or update capabilities with their levels; raises ImportFailed, writing nothing."""
    actor.require_admin()
    rows, errors = _capability_rows(data, fmt)
    if not errors and not rows:
        errors.append(RowError(2, "", "the file has no rows"))
    numbers = scale_numbers()
    scale_text = f"{numbers[0]} to {numbers[-1]}"
    own_categories, catalogue_categories = _category_lookup()
    stewards = {e.email.lower(): e for e in Employee.objects.all()}
    records: dict[str, _CapabilityRecord] = {}
    name_line: dict[str, tuple[str, int]] = {}
    for line, row in rows:
        name = row.get("name", "")
        key = slugify(row.get("key") or name)
        if not key:
            errors.append(RowError(line, "name", "missing name (and key)"))
            continue
        if not name and key not in records:
            errors.append(RowError(line, "name", "missing name"))
        values = {
            "name": name,
            "category": row.get("category", ""),
            "description": row.get("description", ""),
            "tags": normalise_tags(row.get("tags", [])),
            "status": (row.get("status") or Capability.Status.ACTIVE).lower(),
            "data_steward": (row.get("data_steward") or "").lower(),
        }
        record = records.get(key)
        if record is None:
            record = records[key] = _CapabilityRecord(line=line, key=key, values=values)
            category = values["category"]
            if not category:
                errors.append(RowError(line, "category", "missing category"))
            elif (
                category.lower() not in own_categories
                and category.lower() not in catalogue_categories
                and category not in catalogue_categories
            ):
                errors.append(RowError(line, "category", f"unknown category {category!r}"))
            if values["status"] not in Capability.Status.values:
                errors.append(
                    RowError(
                        line, "status", f"{values['status']!r} is not draft, active or retired"
                    )
                )
            if values["data_steward"] and values["data_steward"] not in stewards:
                errors.append(
                    RowError(line, "data_steward", f"unknown employee {values['data_steward']}")
                )
            if name:
                other = name_line.get(name.lower())
                if other is not None:
                    errors.append(
                        RowError(line, "name", f"duplicate name {name!r} (also on line {other[1]})")
                    )
                else:
                    name_line[name.lower()] = (key, line)
        else:
            for column, value in values.items():
                given = row.get(column) if column != "tags" else row.get("tags")
                if given and value != record.values[column]:
                    errors.append(
                        RowError(line, column, f"differs from line {record.line} for key {key}")
                    )
        level_text = row.get("level", "")
        if not level_text and not row.get("descriptor") and record.values["status"] == "draft":
            continue  # a draft without level descriptors yet
        if not level_text.isdigit() or int(level_text) not in numbers:
            errors.append(
                RowError(
                    line,
                    "level",
                    f"level {level_text or '(empty)'} is outside the scale {scale_text}",
                )
            )
            continue
        level = int(level_text)
        if level in record.levels:
            errors.append(
                RowError(
                    line,
                    "level",
                    f"level {level} of {key} given twice "
                    f"(also on line {record.level_lines[level]})",
                )
            )
            continue
        if not row.get("descriptor"):
            errors.append(RowError(line, "descriptor", f"missing descriptor for level {level}"))
        record.levels[level] = (row.get("descriptor", ""), row.get("indicators", []))
        record.level_lines[level] = line

    existing = {c.key: c for c in Capability.objects.select_related("category", "data_steward")}
    existing_names = {c.name.lower(): c.key for c in existing.values()}
    for record in records.values():
        other_key = existing_names.get(record.values["name"].lower())
        if other_key is not None and other_key != record.key and other_key not in records:
            errors.append(
                RowError(
                    record.line,
                    "name",
                    f"duplicate name {record.values['name']!r}: capability {other_key} has it",
                )
            )
        if record.values["status"] != Capability.Status.DRAFT:
            missing = [n for n in numbers if n not in record.levels]
            if missing and record.levels:
                errors.append(
                    RowError(
                        record.line,
                        "descriptor",
                        "missing descriptor for level(s) "
                        f"{', '.join(map(str, missing))} of {record.key}",
                    )
                )
    if errors:
        raise ImportFailed(errors)
    return _write_capabilities(
        actor=actor,
        records=list(records.values()),
        existing=existing,
        own_categories=own_categories,
        catalogue_categories=catalogue_categories,
        stewards=stewards,
        progress=progress,
    )


def _write_capabilities(
    *, actor, records, existing, own_categories, catalogue_categories, stewards, progress
) -> ImportResult:
    organization_id = actor.organization.pk
    result = ImportResult()
    new_categories = []
    for record in records:
        name = record.values["category"]
        if name.lower() in own_categories:
            continue
        source = catalogue_categories.get(name.lower()) or catalogue_categories[name]
        if source.name.lower() in own_categories:
            own_categories[name.lower()] = own_categories[source.name.lower()]
            continue
        category = CapabilityCategory(
            organization_id=organization_id,
            name=source.name,
            description=source.description,
            source_key=source.key,
            position=source.position + 1,
        )
        own_categories[name.lower()] = own_categories[source.name.lower()] = category
        new_categories.append(category)
    CapabilityCategory.objects.bulk_create(new_categories)
    result.categories_created = len(new_categories)

    existing_levels: dict[int, dict[int, CapabilityLevel]] = {}
    keys = [r.key for r in records if r.key in existing]
    for level in CapabilityLevel.objects.filter(capability__key__in=keys):
        existing_levels.setdefault(level.capability_id, {})[level.level] = level

    now = timezone.now()
    to_create, to_update, audit = [], [], []
    before_states: dict[str, dict] = {}
    for record in records:
        capability = existing.get(record.key)
        if capability is None:
            capability = Capability(organization_id=organization_id, key=record.key)
            to_create.append(capability)
        else:
            before_states[record.key] = capability_state(
                capability, existing_levels.get(capability.pk, {}).values()
            )
        values = record.values
        capability.name = values["name"]
        capability.category = own_categories[values["category"].lower()]
        capability.description = values["description"]
        capability.tags = values["tags"]
        capability.status = values["status"]
        capability.data_steward = stewards.get(values["data_steward"])
        capability.updated_at = now
        record.capability = capability
    for start in range(0, len(to_create), BATCH):
        Capability.objects.bulk_create(to_create[start : start + BATCH])
        if progress:
            progress(min(start + BATCH, len(to_create)), len(records))

    level_create, level_update, level_delete = [], [], []
    for record in records:
        capability = record.capability
        current = existing_levels.get(capability.pk, {})
        for number, (descriptor, indicators) in sorted(record.levels.items()):
            level = current.get(number)
            if level is None:
                level_create.append(
                    CapabilityLevel(
                        organization_id=organization_id,
                        capability=capability,
                        level=number,
                        descriptor=descriptor,
                        indicators=indicators,
                    )
                )
            elif (level.descriptor, level.indicators) != (descriptor, indicators):
                level.descriptor, level.indicators = descriptor, indicators
                level_update.append(level)
        level_delete.extend(level.pk for n, level in current.items() if n not in record.levels)
        after = capability_state(
            capability,
            [_Level(n, d, i) for n, (d, i) in record.levels.items()],
        )
        if record.key in before_states:
            before = before_states[record.key]
            if before == after:
                result.unchanged += 1
                continue
            to_update.append(capability)
            changes = {
                k: {"before": before.get(k), "after": after.get(k)}
                for k in after
                if before.get(k) != after.get(k)
            }
            audit.append(("capability.updated", capability, changes))
        else:
            audit.append(("capability.created", capability, after))
    Capability.objects.bulk_update(
        to_update,
        ["name", "category", "description", "tags", "status", "data_steward", "updated_at"],
        batch_size=BATCH,
    )
    CapabilityLevel.objects.filter(pk__in=level_delete).delete()
    CapabilityLevel.objects.bulk_create(level_create, batch_size=BATCH)
    CapabilityLevel.objects.bulk_update(
        level_update, ["descriptor", "indicators"], batch_size=BATCH
    )
    audit_events(actor, audit)
    result.created, result.updated = len(to_create), len(to_update)
    if progress:
        progress(len(records), len(records))
    return result


def capabilities_export_records() -> list[dict]:
    """Capabilities with their levels, ordered by key (the JSON shape)."""
    capabilities = (
        Capability.objects.select_related("category", "data_steward")
        .prefetch_related("levels")
        .order_by("key")
    )
    return [
        {
            "key": c.key,
            "name": c.name,
            "category": c.category.name,
            "description": c.description,
            "tags": list(c.tags),
            "status": c.status,
            "data_steward": c.data_steward.email if c.data_steward_id else "",
            "levels": [
                {"level": lv.level, "descriptor": lv.descriptor, "indicators": list(lv.indicators)}
                for lv in sorted(c.levels.all(), key=lambda lv: lv.level)
            ],
        }
        for c in capabilities
    ]


def capability_table(records: list[dict]) -> list[list[str]]:
    """Exported capabilities as a CSV/XLSX table: a header, then one row per level."""
    table = []
    for record in records:
        base = [
            record["key"],
            record["name"],
            record["category"],
            record["description"],
            "; ".join(record["tags"]),
            record["status"],
            record["data_steward"],
        ]
        for level in record["levels"] or [{"level": "", "descriptor": "", "indicators": []}]:
            table.append(
                [*base, str(level["level"]), level["descriptor"], " | ".join(level["indicators"])]
            )
    return table
