"""Write a new master workbook (总台账) with xlsxwriter.

xlsxwriter writes formatted files fast and never produces a workbook Excel
asks to repair; editing an existing master is the package's job (merge.py).
xlsxwriter lays out every sheet (header row, column widths and formats,
frozen header, filter, print setup); the data rows are then spliced into
its sheets as inline-text cells in the column's format.  xlsxwriter's own
cell path (a Python call per cell, a shared-string table) took two thirds
of a city import: about 0.55 of 0.85 s for 40,000 cells.
"""

from __future__ import annotations

import io
import secrets
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path

import xlsxwriter

from ..model import Notice, ProgressEntry, UnitInfo
from . import layout
from .package import Package, SheetXml
from .rows import derived_meta, livelihood_row, progress_row, task_row, unit_row
from .written import Written, written_of, written_rows

# Column widths (characters) for the wide text columns; others get 12.
WIDTHS = {
    "重点工作": 60, "项目内容": 50, "责任单位": 40, "配合单位": 30, "分组": 28,
    "一级类别": 24, "二级类别": 20, "进展情况": 40, "存在问题": 30, "下步打算": 30,
    "别名": 30, "建议别名": 30, "单位名称": 24, "来源": 26, "正文": 80, "来源文件": 30,
    "建议责任单位": 36, "建议依据": 60, "术语": 22, "解释": 70, "相关编号": 24,
}

# An extra sheet: (name, headers, rows as dicts keyed by header).
ExtraSheet = tuple[str, Sequence[str], Iterable[dict]]


def write_master(path: Path, notice: Notice, units: list[UnitInfo],
                 progress: Sequence[ProgressEntry] = (),
                 extra_sheets: Sequence[ExtraSheet] = (), written: Written | None = None) -> None:
    """Write `notice`, its `units` and `progress` as a master workbook at `path`.

    Tasks' `extra` fields become extra 重点工作 columns after the contract's;
    `extra_sheets` are written after the contract's sheets; `written` is
    the 台账底稿 record (default: `notice` as written now).  Overwrites
    `path`; callers that must not lose a clerk's file go through
    `toolkit.workbook.safe.atomic_write` and keep a backup first.
    """
    # in_memory: the sheets are assembled in memory, not in temporary files.
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False, "strings_to_formulas": False,
                                        "in_memory": True})
    fmt = _formats(book)
    extra = dict.fromkeys(h for t in notice.tasks for h in t.extra if h not in layout.TASK_HEADERS)
    tasks = ([task_row(t, s) for t in s.tasks] for s in notice.sections)
    bodies = [
        _sheet(book, fmt, layout.TASKS, layout.TASK_HEADERS + tuple(extra), (r for rows in tasks for r in rows)),
        _sheet(book, fmt, layout.LIVELIHOOD, layout.LIVELIHOOD_HEADERS,
               (livelihood_row(i) for i in notice.livelihood)),
        _sheet(book, fmt, layout.UNITS, layout.UNIT_HEADERS, (unit_row(u) for u in units)),
        _sheet(book, fmt, layout.PROGRESS, layout.PROGRESS_HEADERS, (progress_row(p) for p in progress)),
    ]
    _meta_sheet(book, fmt, notice)
    bodies += [_sheet(book, fmt, name, headers, rows) for name, headers, rows in extra_sheets]
    bodies.append(_written_sheet(book, written_of(notice) if written is None else written))
    book.close()
    _splice(buffer, path, bodies)


# A sheet's data rows, spliced in after xlsxwriter wrote the sheet: its
# name, headers, rows (dicts keyed by header), and the format of its cells.
Body = tuple[str, Sequence[str], list[dict], object]


def _splice(buffer: io.BytesIO, path: Path, bodies: list[Body]) -> None:
    """Write the workbook xlsxwriter made in `buffer` to `path`, each
    body's rows appended to its sheet (dimension and filter range follow)."""
    package = Package(buffer)
    for name, headers, rows, cell_format in bodies:
        if not rows:
            continue
        part = package.sheet_part(name)
        sheet = SheetXml(package.read(part))
        style = cell_format.xf_index if cell_format is not None else None
        for row in rows:
            sheet.append({col: row.get(header) for col, header in enumerate(headers, start=1)}, style)
        package.replace(part, sheet.pieces(len(headers)))
    package.save(path)
    package.close()


def _written_sheet(book, written: Written) -> Body:
    """Lay out the very hidden 台账底稿: what the toolkit wrote, to tell the
    clerk's edits apart later (written.py)."""
    sheet = book.add_worksheet(layout.WRITTEN)
    sheet.very_hidden()
    sheet.write_row(0, 0, layout.WRITTEN_HEADERS)
    return layout.WRITTEN, layout.WRITTEN_HEADERS, list(written_rows(written)), None


def _formats(book: xlsxwriter.Workbook) -> dict[str, object]:
    base = {"font_name": "宋体", "font_size": 11, "valign": "top"}
    return {
        "header": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1,
                                   "align": "center", "valign": "vcenter", "text_wrap": True}),
        "text": book.add_format({**base, "text_wrap": True}),
    }


def _sheet(book, fmt, name: str, headers: Sequence[str], rows: Iterable[dict]) -> Body:
    """Lay out sheet `name` and return its rows to splice in: text is
    always written as text (a unit named "=SUM()" or a number like "0012"
    stays as printed), numbers as numbers."""
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, headers, fmt["header"])
    for col, header in enumerate(headers):
        sheet.set_column(col, col, WIDTHS.get(header, 12), fmt["text"])
    rows = list(rows)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    # Printable as clerks print the ledger: A4 landscape, one page wide,
    # the header row on every page.
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    return name, headers, rows, fmt["text"]


def _meta_sheet(book, fmt, notice: Notice) -> None:
    sheet = book.add_worksheet(layout.META)
    sheet.set_column(0, 0, 14, fmt["text"])
    sheet.set_column(1, 1, 90, fmt["text"])
    sheet.write_row(0, 0, layout.META_HEADERS, fmt["header"])
    meta = {**notice.meta, **derived_meta(notice)}
    meta.setdefault(layout.MASTER_ID_KEY, uuid.uuid4().hex[:12])
    meta.setdefault(layout.FORM_KEY, secrets.token_hex(16))
    # The identity rows last, in a fixed order, wherever they came from: a
    # re-import (--force carries them over) then writes the same rows and
    # the master counts as unchanged.
    identity = (layout.FORM_KEY, layout.SIGNED_FROM_KEY, layout.MASTER_ID_KEY)
    keys = list(layout.META_KEYS) + [k for k in meta if k not in layout.META_KEYS and k not in identity]
    keys += [k for k in identity if k in meta]
    for row, key in enumerate(keys, start=1):
        sheet.write_string(row, 0, key)
        if meta.get(key):
            sheet.write_string(row, 1, meta[key])
