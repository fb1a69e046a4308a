"""Read a master's sheets with calamine, only those a command needs.

openpyxl builds an object per cell of every sheet; a master holding four
quarters of 进展 spent most of `summary` there.  calamine parses a sheet
only when asked and gives plain values (a formula's stored result).  These
small classes give calamine sheets the few openpyxl calls the readers use.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import python_calamine as calamine

from ..exceptions import WorkbookError
from . import rowpick
from .package import Package
from .safe import os_reason

NOT_A_MASTER = "{name} 不是可读取的 Excel 总台账（.xlsx）：{why}"


class Sheet:
    """One calamine sheet, read when its rows are first asked for."""

    def __init__(self, book: "Book", name: str):
        self.parent, self.title = book, name
        self._rows: list[list] | None = None

    def values(self) -> list[list]:
        if self._rows is None:
            self._rows = self.parent.workbook.get_sheet_by_name(self.title).to_python(skip_empty_area=False)
        return self._rows

    def iter_rows(self, min_row: int = 1, max_row: int | None = None, max_col: int | None = None,
                  values_only: bool = True):
        if self._rows is None and min_row == 1 and max_row == 1:
            # Row 1 alone (a header check): read from the sheet's XML, not
            # the whole sheet (进展 holds years of rows).
            header = self.parent.header(self.title)
            if header is not None:
                yield tuple(header[:max_col] if max_col else header)
                return
        rows = self.values()
        for values in rows[min_row - 1:max_row]:
            yield tuple(values[:max_col] if max_col else values)


class Book:
    """A calamine workbook with openpyxl's `sheetnames`, `book[name]`, `close`."""

    def __init__(self, path: Path):
        try:
            self.workbook = calamine.CalamineWorkbook.from_path(str(path))
        except zipfile.BadZipFile as exc:
            raise WorkbookError(NOT_A_MASTER.format(name=path.name, why="文件已损坏，或不是 Excel 文件")) from exc
        except OSError as exc:
            raise WorkbookError(NOT_A_MASTER.format(name=path.name, why=os_reason(exc))) from exc
        except Exception as exc:  # noqa: BLE001 - calamine's own errors: not a readable workbook
            raise WorkbookError(NOT_A_MASTER.format(name=path.name, why="文件已损坏，或不是 Excel 文件")) from exc
        self.sheetnames = list(self.workbook.sheet_names)
        self._sheets = {name: Sheet(self, name) for name in self.sheetnames}
        self.path = Path(path)
        self._package: Package | None = None

    def __getitem__(self, name: str) -> Sheet:
        return self._sheets[name]

    def header(self, name: str) -> list | None:
        """Return row 1 of sheet `name` from the start of its XML, or None
        when it cannot be read that way (the caller reads the sheet)."""
        try:
            if self._package is None:
                self._package = Package(self.path)
            part = self._package.sheet_part(name)
            if not part or part not in self._package.zip.NameToInfo:
                return None
            return rowpick.first_row(self._package.zip, _start_of(self._package.zip, part))
        except Exception:  # noqa: BLE001 - any doubt: the whole sheet is read as before
            return None

    def close(self) -> None:
        self.workbook.close()
        if self._package is not None:
            self._package.close()


def _start_of(archive: zipfile.ZipFile, part: str) -> bytes:
    """Return the XML of `part` up to the end of its first row (or all of it)."""
    data = b""
    with archive.open(part) as fh:
        while True:
            chunk = fh.read(1 << 16)
            data += chunk
            if not chunk or b"</row>" in data or b"sheetData/>" in data or b"</sheetData>" in data:
                return data
