"""What `import --force` carries over from the master it replaces.

A forced import rebuilds 重点工作 from the notice, but the clerk's own data
is not the notice's to throw away: 进展, 收文记录, 进展待定, 设置 and the
confirmed aliases of 单位 go into the new master as they were.  They are
read sheet by sheet with no contract check, so a master the toolkit can no
longer read as a whole (a contradiction, a renamed column) still gives them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..model import ProgressEntry, UnitInfo
from . import layout
from .read import cell_text, sheet_rows
from .rows import row_progress, row_unit

# An extra sheet as write_master takes it: (name, headers, rows).
Sheet = tuple[str, tuple[str, ...], list[dict[str, str]]]


@dataclass
class Carried:
    """The clerk's data read from the master being replaced."""

    progress: list[ProgressEntry] = field(default_factory=list)
    units: list[UnitInfo] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)

    def line(self) -> str:
        """Return what was carried, in Chinese ('' when nothing)."""
        parts = [f"「{layout.PROGRESS}」{len(self.progress)} 行"] if self.progress else []
        parts += [f"「{name}」{len(rows)} 行" for name, _, rows in self.sheets if rows]
        aliases = sum(len(u.aliases) for u in self.units)
        if aliases:
            parts.append(f"已确认的别名 {aliases} 个")
        return "原台账中的" + "、".join(parts) + " 已原样保留到新台账" if parts else ""


def carried_from(path: Path, sheets: tuple[str, ...]) -> Carried:
    """Return the progress, aliases and `sheets` of the workbook at `path`
    (nothing when it is not a readable workbook: there is nothing to keep).
    openpyxl loads here, only when there is an old master to carry from."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file holds nothing to carry
        return Carried()
    try:
        carried = Carried()
        if layout.PROGRESS in book.sheetnames:
            carried.progress = [row_progress(r) for r in _rows(book[layout.PROGRESS], path)[1]]
        if layout.UNITS in book.sheetnames:
            carried.units = [row_unit(r) for r in _rows(book[layout.UNITS], path)[1] if r.get("单位名称")]
        for name in sheets:
            if name in book.sheetnames:
                headers, rows = _rows(book[name], path)
                carried.sheets.append((name, headers, rows))
        return carried
    finally:
        book.close()


def _rows(sheet, path: Path) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """Return a sheet's row-1 headers and its data rows."""
    rows = sheet_rows(sheet, path.name, ())
    first_row = sheet.iter_rows(max_row=1, values_only=True)
    try:
        headers = tuple(cell_text(h) for h in next(first_row, ()) if cell_text(h))
    finally:
        first_row.close()
    return headers, [{h: v for h, v in row.items() if h != layout.ROW} for row in rows]
