"""Building a person's data export: a ZIP of JSON and CSV, with progress."""

from __future__ import annotations

import io
import json
import zipfile

from django.utils import timezone

from plms.common.spreadsheets import csv_writer
from plms.people.models import Employee
from plms.privacy.collect import PLANNING_ROWS, jsonable, person_sections, section_count
from plms.privacy.models import PersonalDataExport


def personal_data_zip(
    employee: Employee, *, include_planning: bool = False, progress=None
) -> bytes:
    """`everything.json` with every section, and one CSV per section that has rows; the
    management planning sections are named as withheld unless `include_planning`."""
    buffer = io.BytesIO()
    document: dict[str, list[dict]] = {}
    withheld = [] if include_planning else sorted(PLANNING_ROWS)
    total = section_count(include_planning=include_planning)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        sections = person_sections(employee, include_planning=include_planning)
        for number, (label, rows) in enumerate(sections, start=1):
            document[label] = rows
            if rows:
                text = io.StringIO()
                writer = csv_writer(text, lineterminator="\n")
                columns = list(rows[0])
                writer.writerow(columns)
                for row in rows:
                    writer.writerow(
                        json.dumps(row[c], ensure_ascii=False)
                        if isinstance(row[c], dict | list)
                        else row[c]
                        for c in columns
                    )
                archive.writestr(f"csv/{label}.csv", text.getvalue())
            if progress is not None:
                progress(number, total)
        archive.writestr(
            "everything.json",
            json.dumps(
                {
                    "person": str(employee.uuid),
                    "exported_at": jsonable(timezone.now()),
                    "withheld": withheld,
                    **document,
                },
                ensure_ascii=False,
                indent=2,
            ),
        )
        archive.writestr(
            "README.txt",
            "Everything PLMS holds about this person, by kind of record: everything.json has "
            "all of it, csv/ one file per kind. Ids refer to other records of the same "
            "organisation.\n"
            + (
                "Management planning records (successor slates, potential, talent pools) are "
                'withheld from this export: everything.json names them under "withheld".\n'
                if withheld
                else ""
            ),
        )
    return buffer.getvalue()


def personal_data_export_run(*, export_id: int) -> None:
    """Build the ZIP (idempotent: a finished export is left alone)."""
    claimed = PersonalDataExport.objects.filter(
        pk=export_id,
        status__in=[PersonalDataExport.Status.PENDING, PersonalDataExport.Status.RUNNING],
    ).update(status=PersonalDataExport.Status.RUNNING)
    if not claimed:
        return
    export = PersonalDataExport.objects.select_related("employee__user").get(pk=export_id)

    def progress(done: int, total: int) -> None:
        PersonalDataExport.objects.filter(pk=export_id).update(progress=int(done * 100 / total))

    try:
        content = personal_data_zip(
            export.employee, include_planning=export.include_planning, progress=progress
        )
    except Exception as exc:  # recorded for HR; the request can be made again
        PersonalDataExport.objects.filter(pk=export_id).update(
            status=PersonalDataExport.Status.FAILED,
            error=str(exc)[:300],
            finished_at=timezone.now(),
        )
        raise
    PersonalDataExport.objects.filter(pk=export_id).update(
        status=PersonalDataExport.Status.READY,
        progress=100,
        content=content,
        size=len(content),
        finished_at=timezone.now(),
    )
