"""Import and export of the library: capabilities (with levels and indicators) and job roles
(with requirements, and key results in JSON), as CSV, JSON or XLSX.

Imports are all-or-nothing: every bad row is reported with its line (for JSON, the item's
position) and reason, and nothing is written. Re-importing updates by `key`, so importing the
same file twice changes nothing, and an export imports back to exactly the same library.

CSV/XLSX, capabilities — one row per level (capability columns repeat on each row):
    key, name, category, description, tags ("a; b"), status, data_steward (e-mail),
    level, descriptor, indicators ("first | second")
CSV/XLSX, job roles — one row per requirement (a role without requirements: one row with an
empty capability):
    key, name, family, grade, description, capability (key or name), target_level, weight, core
JSON: {"capabilities": [{…, "tags": [...], "levels": [{"level", "descriptor", "indicators"}]}]}
      {"job_roles": [{…, "requirements": [{"capability", "target_level", "weight", "core"}],
                      "key_results": [{"outcome", "kpi_unit", "kpi_target", "kpi_direction"}]}]}
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from capabilities.models import (
    Capability,
    CapabilityCategory,
    CapabilityLevel,
    CatalogueCategory,
    JobRole,
    KeyResult,
    RoleRequirement,
)
from capabilities.services import (
    MAX_KEY_RESULTS,
    MIN_KEY_RESULTS,
    capability_state,
    framework_version_current,
    normalise_tags,
    scale_numbers,
)
from plms.audit import actions
from plms.audit.models import AuditEvent
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError
from plms.common.spreadsheets import csv_bytes, spreadsheet_unescape, xlsx_bytes
from plms.common.uploads import xlsx_problem
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
ROLE_COLUMNS = (
    "key",
    "name",
    "family",
    "grade",
    "description",
    "capability",
    "target_level",
    "weight",
    "core",
)
ROLE_REQUIRED = ("name",)
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KINDS = ("capabilities", "job_roles")
MAX_ROWS = 100_000
BATCH = 2000
_TRUE = {"true", "yes", "1", "y", "core"}
_FALSE = {"false", "no", "0", "n", "optional"}
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    categories_created: int = 0


class ImportFailed(ApplicationError):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = sorted(set(errors), key=lambda e: (e.line, e.column, e.message))
        fields: dict[str, list[str]] = {}
        for error in self.errors:
            fields.setdefault(f"line {error.line}", []).append(f"{error.column}: {error.message}")
        super().__init__(
            "import_failed",
            f"Nothing was imported: {len(self.errors)} problem(s) in the file.",
            fields=fields,
            extra={"errors": [error.as_dict() for error in self.errors]},
        )


# --- Reading files into rows -----------------------------------------------------------------


def _split(value: Any, separator: str) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value or "").split(separator) if part.strip()]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return spreadsheet_unescape(str(value).strip())


def _table_rows(header: list[str], records, columns, required) -> tuple[list, list[RowError]]:
    header = [name.strip().lower() for name in header]
    errors = []
    missing = [name for name in required if name not in header]
    unknown = [name for name in header if name and name not in columns]
    if missing:
        errors.append(RowError(1, ",".join(missing), "required column(s) missing from the header"))
    if unknown:
        errors.append(
            RowError(1, ",".join(unknown), f"unknown column(s); known: {', '.join(columns)}")
        )
    if errors:
        return [], errors
    rows = []
    for line, values in records:
        if len(values) > len(header) and any(_cell(v) for v in values[len(header) :]):
            errors.append(RowError(line, "", "more values than columns in the header"))
            continue
        row = {name: _cell(value) for name, value in zip(header, values, strict=False) if name}
        if any(row.values()):
            rows.append((line, row))
        if len(rows) > MAX_ROWS:
            errors.append(RowError(line, "", f"the file has more than {MAX_ROWS} rows"))
            break
    return rows, errors


def _read_table(data: bytes, fmt: str, columns, required) -> tuple[list, list[RowError]]:
    if fmt == "csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return [], [RowError(1, "", "the file is not UTF-8 text")]
        reader = csv.reader(io.StringIO(text))
        header = next(reader, [])
        records = ((index, values) for index, values in enumerate(reader, start=2))
        return _table_rows(header, records, columns, required)
    from openpyxl import load_workbook

    problem = xlsx_problem(data)
    if problem:
        return [], [RowError(1, "", problem)]
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises several types for a file that is not a workbook
        return [], [RowError(1, "", "the file is not an XLSX workbook")]
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    header = [_cell(v) for v in next(iterator, ())]
    records = ((index, list(values)) for index, values in enumerate(iterator, start=2))
    rows, errors = _table_rows(header, records, columns, required)
    workbook.close()
    return rows, errors


def _read_json(data: bytes, kind: str) -> tuple[list, list[RowError]]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return [], [RowError(1, "", f"the file is not JSON ({exc})")]
    items = document.get(kind) if isinstance(document, dict) else None
    if not isinstance(items, list):
        return [], [RowError(1, kind, f'expected an object with a "{kind}" list')]
    return [(index, item) for index, item in enumerate(items, start=1)], []


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
        rows, errors = _read_table(data, fmt, CAPABILITY_COLUMNS, CAPABILITY_REQUIRED)
        for _, row in rows:
            if "tags" in row:
                row["tags"] = _split(row["tags"], ";")
            row["indicators"] = _split(row.get("indicators", ""), "|")
        return rows, errors
    items, errors = _read_json(data, "capabilities")
    rows = []
    for line, item in items:
        if not isinstance(item, dict):
            errors.append(RowError(line, "", "expected an object"))
            continue
        base = {k: item[k] for k in CAPABILITY_COLUMNS[:7] if k in item}
        base = {k: (v if k == "tags" else _cell(v)) for k, v in base.items()}
        if "tags" in base:
            base["tags"] = _split(base["tags"], ";")
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
                        "level": _cell(level.get("level")),
                        "descriptor": _cell(level.get("descriptor")),
                        "indicators": _split(level.get("indicators") or [], "|"),
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


def _audit_events(actor: Actor, items: list[tuple[str, Any, dict]]) -> None:
    """Audit rows for many objects in one statement (same shape as `audit_record`)."""
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                organization_id=actor.organization.pk,
                actor_user=actor.user,
                actor_label=actor.label,
                action=action,
                object_type=obj._meta.label_lower,
                object_uuid=obj.uuid,
                object_repr=str(obj)[:300],
                changes=changes,
                reason="Imported from a file",
                created_at=now,
            )
            for action, obj, changes in items
        ],
        batch_size=BATCH,
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
    _audit_events(actor, audit)
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


def _capability_table(records: list[dict]) -> list[list[str]]:
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


# --- Job roles -------------------------------------------------------------------------------


@dataclass
class _RoleRecord:
    line: int
    key: str
    values: dict[str, str]
    requirements: list[tuple[int, str, int, int, bool]] = field(default_factory=list)
    key_results: list[dict] | None = None


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _cell(value).lower()
    if not text:
        return True
    return True if text in _TRUE else False if text in _FALSE else None


def _role_rows(data: bytes, fmt: str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    if fmt != "json":
        return _read_table(data, fmt, ROLE_COLUMNS, ROLE_REQUIRED)
    items, errors = _read_json(data, "job_roles")
    rows = []
    for line, item in items:
        if not isinstance(item, dict):
            errors.append(RowError(line, "", "expected an object"))
            continue
        base = {k: _cell(item[k]) for k in ROLE_COLUMNS[:5] if k in item}
        key_results = item.get("key_results")
        if key_results is not None:
            base["key_results"] = key_results
        requirements = item.get("requirements") or []
        if not requirements:
            rows.append((line, {**base, "capability": ""}))
        for requirement in requirements:
            requirement = requirement if isinstance(requirement, dict) else {}
            rows.append(
                (
                    line,
                    {
                        **base,
                        "capability": _cell(requirement.get("capability")),
                        "target_level": _cell(requirement.get("target_level")),
                        "weight": _cell(requirement.get("weight")),
                        "core": requirement.get("core", True),
                    },
                )
            )
    return rows, errors


def _key_result_errors(line: int, items: Any) -> tuple[list[dict], list[RowError]]:
    errors: list[RowError] = []
    if not isinstance(items, list):
        return [], [RowError(line, "key_results", "expected a list")]
    if len(items) > MAX_KEY_RESULTS or 0 < len(items) < MIN_KEY_RESULTS:
        errors.append(
            RowError(
                line,
                "key_results",
                f"a scorecard has {MIN_KEY_RESULTS} to {MAX_KEY_RESULTS} key results, "
                f"not {len(items)}",
            )
        )
    cleaned = []
    for index, item in enumerate(items, start=1):
        item = item if isinstance(item, dict) else {}
        outcome, unit = _cell(item.get("outcome")), _cell(item.get("kpi_unit"))
        direction = _cell(item.get("kpi_direction")) or KeyResult.Direction.INCREASE
        try:
            target = Decimal(_cell(item.get("kpi_target")))
            if not target.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            errors.append(RowError(line, f"key_results.{index}.kpi_target", "a number is required"))
            continue
        if not outcome or not unit:
            errors.append(
                RowError(line, f"key_results.{index}", "outcome and kpi_unit are required")
            )
        if direction not in KeyResult.Direction.values:
            errors.append(
                RowError(line, f"key_results.{index}.kpi_direction", f"{direction!r} is not valid")
            )
        cleaned.append(
            {"outcome": outcome, "kpi_unit": unit, "kpi_target": target, "kpi_direction": direction}
        )
    return cleaned, errors


@transaction.atomic
def job_roles_import(
    *, actor: Actor, data: bytes, fmt: str, progress: Progress | None = None
) -> ImportResult:
    """Import or update job roles with their requirements (and key results from JSON)."""
    actor.require_admin()
    rows, errors = _role_rows(data, fmt)
    if not errors and not rows:
        errors.append(RowError(2, "", "the file has no rows"))
    numbers = scale_numbers()
    capabilities = {}
    for capability in Capability.objects.only("id", "key", "name", "status"):
        capabilities[capability.name.lower()] = capability
        capabilities[capability.key] = capability
    records: dict[str, _RoleRecord] = {}
    name_line: dict[str, int] = {}
    for line, row in rows:
        name = row.get("name", "")
        key = slugify(row.get("key") or name)
        if not name:
            errors.append(RowError(line, "name", "missing name"))
        if not key:
            continue
        values = {c: row.get(c, "") for c in ROLE_COLUMNS[1:5]}
        record = records.get(key)
        if record is None:
            record = records[key] = _RoleRecord(line=line, key=key, values=values)
            if name and name.lower() in name_line:
                errors.append(
                    RowError(
                        line,
                        "name",
                        f"duplicate name {name!r} (also on line {name_line[name.lower()]})",
                    )
                )
            elif name:
                name_line[name.lower()] = line
            if "key_results" in row:
                record.key_results, problems = _key_result_errors(line, row["key_results"])
                errors.extend(problems)
        elif fmt != "json":
            for column, value in values.items():
                if value and value != record.values[column]:
                    errors.append(
                        RowError(line, column, f"differs from line {record.line} for key {key}")
                    )
        reference = row.get("capability", "")
        if not reference:
            continue
        capability = capabilities.get(reference) or capabilities.get(reference.lower())
        if capability is None:
            errors.append(RowError(line, "capability", f"unknown capability {reference!r}"))
            continue
        level_text = row.get("target_level", "")
        if not level_text.isdigit() or int(level_text) not in numbers:
            errors.append(
                RowError(
                    line,
                    "target_level",
                    f"level {level_text or '(empty)'} is outside the scale "
                    f"{numbers[0]} to {numbers[-1]}",
                )
            )
            continue
        weight_text = row.get("weight", "") or "1"
        if not weight_text.isdigit() or not 1 <= int(weight_text) <= 100:
            errors.append(
                RowError(line, "weight", f"{weight_text!r} is not a weight from 1 to 100")
            )
            continue
        core = _bool(row.get("core", ""))
        if core is None:
            errors.append(RowError(line, "core", f"{row.get('core')!r} is not true or false"))
            continue
        if any(r[1] == capability.key for r in record.requirements):
            errors.append(
                RowError(line, "capability", f"{capability.name} is required twice in {key}")
            )
            continue
        record.requirements.append((line, capability.key, int(level_text), int(weight_text), core))

    existing = {r.key: r for r in JobRole.objects.all()}
    existing_names = {r.name.lower(): r.key for r in existing.values()}
    for record in records.values():
        name = record.values["name"].lower()
        other = existing_names.get(name)
        if other is not None and other != record.key and name_line.get(name) == record.line:
            errors.append(
                RowError(
                    record.line,
                    "name",
                    f"duplicate name {record.values['name']!r}: role {other} has it",
                )
            )
    if errors:
        raise ImportFailed(errors)
    return _write_roles(
        actor=actor,
        records=list(records.values()),
        existing=existing,
        capabilities=capabilities,
        progress=progress,
    )


def _role_snapshot(role: JobRole, requirements: list[tuple], key_results: list[dict]) -> dict:
    return {
        "name": role.name,
        "family": role.family,
        "grade": role.grade,
        "description": role.description,
        "requirements": sorted([list(r) for r in requirements]),
        "key_results": [
            [
                k["outcome"],
                k["kpi_unit"],
                str(Decimal(k["kpi_target"]).normalize()),
                k["kpi_direction"],
            ]
            for k in key_results
        ],
    }


def _write_roles(*, actor, records, existing, capabilities, progress) -> ImportResult:
    organization_id = actor.organization.pk
    result = ImportResult()
    version = framework_version_current()
    now = timezone.now()
    current_requirements: dict[int, dict[str, RoleRequirement]] = {}
    for requirement in RoleRequirement.objects.filter(role__key__in=existing.keys()).select_related(
        "capability"
    ):
        current_requirements.setdefault(requirement.role_id, {})[requirement.capability.key] = (
            requirement
        )
    current_key_results: dict[int, list[KeyResult]] = {}
    for key_result in KeyResult.objects.filter(role__key__in=existing.keys()).order_by(
        "position", "id"
    ):
        current_key_results.setdefault(key_result.role_id, []).append(key_result)

    def kr_dicts(rows: list[KeyResult]) -> list[dict]:
        return [
            {
                "outcome": k.outcome,
                "kpi_unit": k.kpi_unit,
                "kpi_target": k.kpi_target,
                "kpi_direction": k.kpi_direction,
            }
            for k in rows
        ]

    to_create, to_update, audit = [], [], []
    before: dict[str, dict] = {}
    for record in records:
        role = existing.get(record.key)
        if role is None:
            role = JobRole(organization_id=organization_id, key=record.key)
            to_create.append(role)
        else:
            requirements = current_requirements.get(role.pk, {})
            before[record.key] = _role_snapshot(
                role,
                [(k, r.target_level, r.weight, r.is_core) for k, r in requirements.items()],
                kr_dicts(current_key_results.get(role.pk, [])),
            )
        for column, value in record.values.items():
            setattr(role, column, value)
        role.updated_at = now
        record.role = role
    JobRole.objects.bulk_create(to_create, batch_size=BATCH)

    req_create, req_update, req_delete, kr_create, kr_delete_roles = [], [], [], [], []
    for record in records:
        role = record.role
        current = current_requirements.get(role.pk, {})
        wanted = {}
        for _line, key, level, weight, core in record.requirements:
            wanted[key] = (level, weight, core)
            requirement = current.get(key)
            if requirement is None:
                req_create.append(
                    RoleRequirement(
                        organization_id=organization_id,
                        role=role,
                        capability=capabilities[key],
                        target_level=level,
                        weight=weight,
                        is_core=core,
                        framework_version=version,
                        updated_at=now,
                    )
                )
            elif (requirement.target_level, requirement.weight, requirement.is_core) != (
                level,
                weight,
                core,
            ):
                requirement.target_level, requirement.weight, requirement.is_core = (
                    level,
                    weight,
                    core,
                )
                requirement.framework_version = version
                requirement.updated_at = now
                req_update.append(requirement)
        req_delete.extend(r.pk for key, r in current.items() if key not in wanted)
        key_results = kr_dicts(current_key_results.get(role.pk, []))
        if record.key_results is not None:
            key_results = record.key_results
            if (
                _role_snapshot(role, [], key_results)["key_results"]
                != _role_snapshot(role, [], kr_dicts(current_key_results.get(role.pk, [])))[
                    "key_results"
                ]
            ):
                kr_delete_roles.append(role.pk)
                kr_create.extend(
                    KeyResult(organization_id=organization_id, role=role, position=i, **item)
                    for i, item in enumerate(key_results)
                )
        after = _role_snapshot(role, [(k, *v) for k, v in wanted.items()], key_results)
        if record.key in before:
            if before[record.key] == after:
                result.unchanged += 1
                continue
            to_update.append(role)
            changes = {
                k: {"before": before[record.key][k], "after": after[k]}
                for k in after
                if before[record.key][k] != after[k]
            }
            audit.append(("job_role.updated", role, changes))
        else:
            audit.append(("job_role.created", role, after))
    JobRole.objects.bulk_update(
        to_update, ["name", "family", "grade", "description", "updated_at"], batch_size=BATCH
    )
    RoleRequirement.objects.filter(pk__in=req_delete).delete()
    RoleRequirement.objects.bulk_create(req_create, batch_size=BATCH)
    RoleRequirement.objects.bulk_update(
        req_update,
        ["target_level", "weight", "is_core", "framework_version", "updated_at"],
        batch_size=BATCH,
    )
    KeyResult.objects.filter(role_id__in=kr_delete_roles).delete()
    KeyResult.objects.bulk_create(kr_create, batch_size=BATCH)
    _audit_events(actor, audit)
    result.created, result.updated = len(to_create), len(to_update)
    if progress:
        progress(len(records), len(records))
    return result


def job_roles_export_records() -> list[dict]:
    roles = JobRole.objects.prefetch_related(
        "key_results",
        "requirements__capability",
    ).order_by("key")
    return [
        {
            "key": role.key,
            "name": role.name,
            "family": role.family,
            "grade": role.grade,
            "description": role.description,
            "requirements": [
                {
                    "capability": r.capability.key,
                    "target_level": r.target_level,
                    "weight": r.weight,
                    "core": r.is_core,
                }
                for r in sorted(role.requirements.all(), key=lambda r: r.capability.key)
            ],
            "key_results": [
                {
                    "outcome": k.outcome,
                    "kpi_unit": k.kpi_unit,
                    "kpi_target": str(Decimal(k.kpi_target).normalize()),
                    "kpi_direction": k.kpi_direction,
                }
                for k in sorted(role.key_results.all(), key=lambda k: (k.position, k.pk))
            ],
        }
        for role in roles
    ]


def _role_table(records: list[dict]) -> list[list[str]]:
    table = []
    for record in records:
        base = [record[c] for c in ROLE_COLUMNS[:5]]
        if not record["requirements"]:
            table.append([*base, "", "", "", ""])
        for r in record["requirements"]:
            table.append(
                [
                    *base,
                    r["capability"],
                    str(r["target_level"]),
                    str(r["weight"]),
                    "true" if r["core"] else "false",
                ]
            )
    return table


# --- Entry points ----------------------------------------------------------------------------


def library_import(
    *, actor: Actor, kind: str, fmt: str, data: bytes, progress: Progress | None = None
) -> ImportResult:
    if kind not in KINDS or fmt not in FORMATS:
        raise ApplicationError("invalid", f"Cannot import {kind} as {fmt}.")
    function = capabilities_import if kind == "capabilities" else job_roles_import
    result = function(actor=actor, data=data, fmt=fmt, progress=progress)
    audit_record(
        actor=actor,
        action=actions.DATA_IMPORTED,
        object_label=f"{kind.replace('_', ' ').capitalize()} ({fmt.upper()})",
        changes={"created": result.created, "updated": result.updated},
    )
    return result


def library_export(*, kind: str, fmt: str) -> tuple[bytes, str, str]:
    """The file's bytes, content type and file name."""
    if kind not in KINDS or fmt not in FORMATS:
        raise ApplicationError("invalid", f"Cannot export {kind} as {fmt}.")
    if kind == "capabilities":
        records, columns, to_table = (
            capabilities_export_records(),
            CAPABILITY_COLUMNS,
            _capability_table,
        )
    else:
        records, columns, to_table = job_roles_export_records(), ROLE_COLUMNS, _role_table
    filename = f"{kind.replace('_', '-')}.{fmt}"
    if fmt == "json":
        body = json.dumps({kind: records}, ensure_ascii=False, indent=2) + "\n"
        return body.encode(), FORMATS[fmt], filename
    table = to_table(records)
    if fmt == "csv":
        return csv_bytes(columns, table), FORMATS[fmt], filename
    title = kind.replace("_", " ").title()
    return xlsx_bytes([(title, columns, table)]), FORMATS[fmt], filename
