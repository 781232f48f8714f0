"""Job roles in files: import (with requirements, and key results in JSON) and export.

CSV/XLSX — one row per requirement (a role without requirements: one row with an empty
capability):
    key, name, family, grade, description, capability (key or name), target_level, weight, core
JSON: {"job_roles": [{…, "requirements": [{"capability", "target_level", "weight", "core"}],
                      "key_results": [{"outcome", "kpi_unit", "kpi_target", "kpi_direction"}]}]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

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
)
from capabilities.models import (
    Capability,
    JobRole,
    KeyResult,
    RoleRequirement,
)
from capabilities.services.frameworks import framework_version_current
from capabilities.services.roles import MAX_KEY_RESULTS, MIN_KEY_RESULTS
from capabilities.services.scales import scale_numbers
from plms.common.imports import ImportFailed, RowError
from plms.tenancy.actors import Actor

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
_TRUE = {"true", "yes", "1", "y", "core"}
_FALSE = {"false", "no", "0", "n", "optional"}


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
    text = cell_text(value).lower()
    if not text:
        return True
    return True if text in _TRUE else False if text in _FALSE else None


def _role_rows(data: bytes, fmt: str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    if fmt != "json":
        return read_table(data, fmt, ROLE_COLUMNS, ROLE_REQUIRED)
    items, errors = read_json(data, "job_roles")
    rows = []
    for line, item in items:
        if not isinstance(item, dict):
            errors.append(RowError(line, "", "expected an object"))
            continue
        base = {k: cell_text(item[k]) for k in ROLE_COLUMNS[:5] if k in item}
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
                        "capability": cell_text(requirement.get("capability")),
                        "target_level": cell_text(requirement.get("target_level")),
                        "weight": cell_text(requirement.get("weight")),
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
        outcome, unit = cell_text(item.get("outcome")), cell_text(item.get("kpi_unit"))
        direction = cell_text(item.get("kpi_direction")) or KeyResult.Direction.INCREASE
        try:
            target = Decimal(cell_text(item.get("kpi_target")))
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
    audit_events(actor, audit)
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


def role_table(records: list[dict]) -> list[list[str]]:
    """Exported job roles as a CSV/XLSX table: a header, then one row per requirement."""
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
