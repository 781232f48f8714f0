"""What every file import reports when it refuses a file: all or nothing, every bad row named."""

from __future__ import annotations

from dataclasses import dataclass

from plms.common.errors import ApplicationError


@dataclass(frozen=True)
class RowError:
    """One problem of an imported file: its line (1 is the header), column and what is wrong."""

    line: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message}


class ImportFailed(ApplicationError):
    """Nothing was imported: the problems of the file, each once, in the file's order."""

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
