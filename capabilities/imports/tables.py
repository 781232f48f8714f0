"""What the capability and job role files share: reading a file into rows (CSV, XLSX and JSON,
with the header checked and every unreadable line reported), the result, and the audit
records of an import.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from plms.audit.models import AuditEvent
from plms.common.imports import RowError
from plms.common.spreadsheets import spreadsheet_unescape
from plms.common.uploads import xlsx_problem
from plms.tenancy.actors import Actor

MAX_ROWS = 100_000
BATCH = 2000
Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    categories_created: int = 0


# --- Reading files into rows -----------------------------------------------------------------


def split_list(value: Any, separator: str) -> list[str]:
    """A list cell (JSON list, or text joined by `separator`) as trimmed, non-empty parts."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value or "").split(separator) if part.strip()]


def cell_text(value: Any) -> str:
    """A cell of any format as trimmed text ("" when empty)."""
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
        if len(values) > len(header) and any(cell_text(v) for v in values[len(header) :]):
            errors.append(RowError(line, "", "more values than columns in the header"))
            continue
        row = {name: cell_text(value) for name, value in zip(header, values, strict=False) if name}
        if any(row.values()):
            rows.append((line, row))
        if len(rows) > MAX_ROWS:
            errors.append(RowError(line, "", f"the file has more than {MAX_ROWS} rows"))
            break
    return rows, errors


def read_table(data: bytes, fmt: str, columns, required) -> tuple[list, list[RowError]]:
    """A CSV or XLSX file as (line, row) pairs, with the problems of its header and lines."""
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
    header = [cell_text(v) for v in next(iterator, ())]
    records = ((index, list(values)) for index, values in enumerate(iterator, start=2))
    rows, errors = _table_rows(header, records, columns, required)
    workbook.close()
    return rows, errors


def read_json(data: bytes, kind: str) -> tuple[list, list[RowError]]:
    """The `kind` list of a JSON file, or the problem that keeps it from being read."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return [], [RowError(1, "", f"the file is not JSON ({exc})")]
    items = document.get(kind) if isinstance(document, dict) else None
    if not isinstance(items, list):
        return [], [RowError(1, kind, f'expected an object with a "{kind}" list')]
    return [(index, item) for index, item in enumerate(items, start=1)], []


# --- Capabilities ---------------------------------------------------------------------------


def audit_events(actor: Actor, items: list[tuple[str, Any, dict]]) -> None:
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
