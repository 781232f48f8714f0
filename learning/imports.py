"""Import of the learning catalogue from CSV or JSON: all-or-nothing, every bad row named,
re-import updates the items by external id.

Columns (CSV header row, or keys of each JSON object; `external_id`, `title` and `kind` are
required): external_id, title, kind, provider, url, duration_hours, cost, language, tags
("a;b"), completion_outcome (evidence | reassess | rating), active (true/false), description,
capabilities ("capability-key:1-3;other-key:2-4"; in JSON also a list of
{"capability": key, "level_from": 1, "level_to": 3}). A column left out leaves that attribute
unchanged on re-import; `capabilities`, when given, replaces the item's capabilities.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from capabilities.models import Capability
from learning.models import ItemCapability, LearningItem
from plms.audit.services import audit_record
from plms.common.imports import ImportFailed, RowError
from plms.tenancy.actors import Actor

COLUMNS = (
    "external_id",
    "title",
    "kind",
    "provider",
    "url",
    "duration_hours",
    "cost",
    "language",
    "tags",
    "completion_outcome",
    "active",
    "description",
    "capabilities",
)
REQUIRED = ("external_id", "title", "kind")
MAX_ROWS = 20_000
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


@dataclass
class _Row:
    line: int
    external_id: str
    values: dict[str, object] = field(default_factory=dict)
    links: list[tuple[str, int, int]] | None = None


def _records_from_csv(text: str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    errors = _header_errors(header)
    if errors:
        return [], errors
    records = []
    for index, raw in enumerate(reader, start=2):
        if index - 1 > MAX_ROWS:
            errors.append(RowError(index, "", f"the file has more than {MAX_ROWS} rows"))
            break
        if None in raw:
            errors.append(RowError(index, "", "more values than columns in the header"))
            continue
        values = {key: (value or "").strip() for key, value in raw.items()}
        if any(values.values()):
            records.append((index, values))
    return records, errors


def _records_from_json(text: str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [RowError(exc.lineno, "", f"not valid JSON: {exc.msg}")]
    if isinstance(data, dict):
        data = data.get("items")
    if not isinstance(data, list):
        return [], [RowError(1, "", 'expected a list of items (or {"items": [...]})')]
    records, errors = [], []
    for index, raw in enumerate(data, start=1):
        if not isinstance(raw, dict):
            errors.append(RowError(index, "", "each item is an object"))
            continue
        unknown = sorted(set(raw) - set(COLUMNS))
        if unknown:
            errors.append(RowError(index, ",".join(unknown), "unknown key(s)"))
        values = {}
        for key, value in raw.items():
            if key == "capabilities" and isinstance(value, list):
                values[key] = ";".join(
                    f"{v.get('capability', '')}:{v.get('level_from', '')}-{v.get('level_to', '')}"
                    if isinstance(v, dict)
                    else str(v)
                    for v in value
                )
            elif key == "tags" and isinstance(value, list):
                values[key] = ";".join(str(v) for v in value)
            elif isinstance(value, bool):
                values[key] = "true" if value else "false"
            else:
                values[key] = "" if value is None else str(value).strip()
        records.append((index, values))
    return records, errors


def _header_errors(header: list[str]) -> list[RowError]:
    errors = []
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    if missing:
        errors.append(RowError(1, ",".join(missing), "required column(s) missing from the header"))
    if unknown:
        errors.append(
            RowError(1, ",".join(unknown), f"unknown column(s); known: {', '.join(COLUMNS)}")
        )
    return errors


def _parse(records: list[tuple[int, dict]]) -> tuple[list[_Row], list[RowError]]:
    errors: list[RowError] = []
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    url_ok = URLValidator()
    for line, values in records:

        def bad(column: str, message: str, line: int = line) -> None:
            errors.append(RowError(line, column, message))

        external_id = values.get("external_id", "")
        if not external_id:
            bad("external_id", "missing external id")
        elif external_id in seen:
            bad("external_id", f"duplicate external id (also on line {seen[external_id]})")
        else:
            seen[external_id] = line
        row = _Row(line=line, external_id=external_id)
        if not values.get("title"):
            bad("title", "missing title")
        if values.get("kind", "") not in LearningItem.Kind.values:
            bad(
                "kind",
                f"{values.get('kind')!r} is not one of {', '.join(LearningItem.Kind.values)}",
            )
        for name in ("title", "kind", "provider", "description"):
            if name in values:
                row.values[name] = values[name]
        if values.get("url"):
            try:
                url_ok(values["url"])
                row.values["url"] = values["url"]
            except ValidationError:
                bad("url", f"{values['url']!r} is not a URL")
        elif "url" in values:
            row.values["url"] = ""
        for name in ("duration_hours", "cost"):
            if values.get(name):
                try:
                    number = Decimal(values[name])
                    if number < 0 or not number.is_finite():
                        raise InvalidOperation
                    row.values[name] = number
                except InvalidOperation:
                    bad(name, f"{values[name]!r} is not a number of 0 or more")
        if values.get("language"):
            row.values["language"] = values["language"][:10]
        if "tags" in values:
            row.values["tags"] = [t.strip() for t in values["tags"].split(";") if t.strip()]
        if values.get("completion_outcome"):
            if values["completion_outcome"] not in LearningItem.Outcome.values:
                bad(
                    "completion_outcome",
                    f"{values['completion_outcome']!r} is not one of "
                    f"{', '.join(LearningItem.Outcome.values)}",
                )
            row.values["completion_outcome"] = values["completion_outcome"]
        if values.get("active"):
            flag = values["active"].lower()
            if flag not in _TRUE | _FALSE:
                bad("active", f"{values['active']!r} is not true or false")
            row.values["active"] = flag in _TRUE
        if "capabilities" in values:
            row.links = []
            for part in filter(None, (p.strip() for p in values["capabilities"].split(";"))):
                key, _, levels = part.rpartition(":")
                low, _, high = levels.partition("-")
                if not key or not low.isdigit() or not high.isdigit() or int(low) >= int(high):
                    bad("capabilities", f"{part!r} is not key:from-to with from < to")
                    continue
                row.links.append((key.strip(), int(low), int(high)))
        rows.append(row)
    return rows, errors


@transaction.atomic
def learning_items_import(*, actor: Actor, text: str, format: str = "csv") -> ImportResult:
    """Create or update catalogue items from CSV or JSON text; raises ImportFailed (and writes
    nothing) when any row is wrong."""
    actor.require_admin()
    if format == "json":
        records, errors = _records_from_json(text)
    else:
        records, errors = _records_from_csv(text)
    rows, row_errors = _parse(records) if not errors or records else ([], [])
    errors += row_errors
    if not errors and not rows:
        errors.append(RowError(2, "", "the file has no rows"))
    capabilities = {c.key: c for c in Capability.objects.all()}
    for row in rows:
        for key, _, _ in row.links or []:
            if key not in capabilities:
                errors.append(RowError(row.line, "capabilities", f"unknown capability {key!r}"))
    if errors:
        raise ImportFailed(list(dict.fromkeys(errors)))
    return _write(actor=actor, rows=rows, capabilities=capabilities)


def _write(*, actor: Actor, rows: list[_Row], capabilities: dict[str, Capability]) -> ImportResult:
    organization_id = actor.organization.pk
    existing = {
        i.external_id: i
        for i in LearningItem.objects.filter(external_id__in=[row.external_id for row in rows])
    }
    now = timezone.now()
    result = ImportResult()
    to_create, to_update, given = [], [], set()
    for row in rows:
        item = existing.get(row.external_id)
        if item is None:
            item = LearningItem(organization_id=organization_id, external_id=row.external_id)
            to_create.append(item)
        else:
            to_update.append(item)
        for name, value in row.values.items():
            setattr(item, name, value)
            given.add(name)
        item.updated_at = now
    LearningItem.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        LearningItem.objects.bulk_update(to_update, [*sorted(given), "updated_at"], batch_size=1000)
    result.created, result.updated = len(to_create), len(to_update)
    linked = [row for row in rows if row.links is not None]
    if linked:
        by_external = {**existing, **{i.external_id: i for i in to_create}}
        items = [by_external[row.external_id] for row in linked]
        ItemCapability.objects.filter(item__in=items).delete()
        ItemCapability.objects.bulk_create(
            [
                ItemCapability(
                    organization_id=organization_id,
                    item=by_external[row.external_id],
                    capability=capabilities[key],
                    level_from=low,
                    level_to=high,
                )
                for row in linked
                for key, low, high in dict(((k, (k, lo, hi)) for k, lo, hi in row.links)).values()
            ],
            batch_size=2000,
        )
    if to_create or to_update:
        audit_record(
            actor=actor,
            action="learning_items.imported",
            obj=(to_create or to_update)[0],
            changes={"created": result.created, "updated": result.updated},
        )
    return result
