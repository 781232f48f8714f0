"""The entry points of the library's import and export: a kind (capabilities or job roles) in
a format (CSV, JSON or XLSX).
"""

from __future__ import annotations

import json

from capabilities.error_codes import INVALID
from capabilities.imports.capability_files import (
    CAPABILITY_COLUMNS,
    capabilities_export_records,
    capabilities_import,
    capability_table,
)
from capabilities.imports.role_files import (
    ROLE_COLUMNS,
    job_roles_export_records,
    job_roles_import,
    role_table,
)
from capabilities.imports.tables import ImportResult, Progress
from plms.audit import actions
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError
from plms.common.spreadsheets import XLSX_CONTENT_TYPE, csv_bytes, xlsx_bytes
from plms.tenancy.actors import Actor

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": XLSX_CONTENT_TYPE,
}
KINDS = ("capabilities", "job_roles")


# --- Entry points ----------------------------------------------------------------------------


def library_import(
    *, actor: Actor, kind: str, fmt: str, data: bytes, progress: Progress | None = None
) -> ImportResult:
    if kind not in KINDS or fmt not in FORMATS:
        raise ApplicationError(INVALID, f"Cannot import {kind} as {fmt}.")
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
        raise ApplicationError(INVALID, f"Cannot export {kind} as {fmt}.")
    if kind == "capabilities":
        records, columns, to_table = (
            capabilities_export_records(),
            CAPABILITY_COLUMNS,
            capability_table,
        )
    else:
        records, columns, to_table = job_roles_export_records(), ROLE_COLUMNS, role_table
    filename = f"{kind.replace('_', '-')}.{fmt}"
    if fmt == "json":
        body = json.dumps({kind: records}, ensure_ascii=False, indent=2) + "\n"
        return body.encode(), FORMATS[fmt], filename
    table = to_table(records)
    if fmt == "csv":
        return csv_bytes(columns, table), FORMATS[fmt], filename
    title = kind.replace("_", " ").title()
    return xlsx_bytes([(title, columns, table)]), FORMATS[fmt], filename
