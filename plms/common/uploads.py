"""Limits on uploaded files, checked before anything parses them.

- every import upload: at most `PLMS_UPLOAD_MAX_BYTES` (Django streams larger uploads to a
  temporary file, so the limit is checked before the file is read into memory);
- XLSX (a ZIP of XML): the sizes its entries declare, once decompressed, at most
  `PLMS_XLSX_MAX_UNCOMPRESSED_BYTES` in all (reading never decompresses past a declared
  size), at most `MAX_XLSX_ENTRIES` entries, and no sheet whose declared dimension has more
  than `PLMS_IMPORT_MAX_ROWS` rows. A 350 KB workbook that expands to 100 MB is refused in
  milliseconds instead of holding a request for most of a minute.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import IO

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_XLSX_ENTRIES = 1000
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+[0-9]+(?::[A-Z]+([0-9]+))?"')


def upload_size_problem(size: int) -> str | None:
    limit = settings.PLMS_UPLOAD_MAX_BYTES
    if size > limit:
        return _("The file is %(size)s; files of up to %(limit)s can be imported.") % {
            "size": filesizeformat(size),
            "limit": filesizeformat(limit),
        }
    return None


def xlsx_problem(data: bytes | IO[bytes]) -> str | None:
    """Why an XLSX workbook is refused before it is parsed, or None (also for a file that is
    not a ZIP at all: the parser says that more precisely)."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    position = stream.tell()
    try:
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError):
            return None
        with archive:
            entries = archive.infolist()
            if len(entries) > MAX_XLSX_ENTRIES:
                return _("The workbook has too many parts (%(count)d) to be read.") % {
                    "count": len(entries)
                }
            expanded = sum(entry.file_size for entry in entries)
            limit = settings.PLMS_XLSX_MAX_UNCOMPRESSED_BYTES
            if expanded > limit:
                return _(
                    "The workbook expands to %(size)s when opened; up to %(limit)s can be "
                    "imported. Split it, or save it as CSV."
                ) % {"size": filesizeformat(expanded), "limit": filesizeformat(limit)}
            max_rows = settings.PLMS_IMPORT_MAX_ROWS
            for entry in entries:
                if not entry.filename.startswith("xl/worksheets/"):
                    continue
                with archive.open(entry) as sheet:
                    match = _DIMENSION.search(sheet.read(4096))
                if match and match.group(1) and int(match.group(1)) - 1 > max_rows:
                    return _("The workbook has %(rows)s rows; up to %(limit)s can be imported.") % {
                        "rows": int(match.group(1)) - 1,
                        "limit": max_rows,
                    }
    finally:
        stream.seek(position)
    return None


class UploadField(forms.FileField):
    """A file field with the upload limits: refused with a clear message before it is read."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload is None:
            return upload
        problem = upload_size_problem(upload.size)
        if problem is None and upload.name.lower().endswith(".xlsx"):
            problem = xlsx_problem(upload.file)
        if problem:
            raise forms.ValidationError(problem, code="upload_limit")
        return upload
