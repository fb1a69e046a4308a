"""Read a master workbook (总台账) back into the model, by header text."""

from __future__ import annotations

import warnings
import zipfile
from datetime import datetime
from pathlib import Path

from ..exceptions import WorkbookError
from ..model import Master
from .safe import os_reason
from . import layout
from .rows import master_from_rows
from .written import written_from_rows
from .fastread import Book

NOT_A_MASTER = "{name} 不是可读取的 Excel 总台账（.xlsx）：{why}"
MISSING_SHEET = "{name} 缺少工作表「{sheet}」。请用 toolkit import 生成的总台账，或补上该工作表。"
MISSING_PROGRESS = ("{name} 缺少工作表「{sheet}」，但「{log}」表明已收集过季度进展。"
                    "请把改了名的工作表改回「{sheet}」（或从备份中找回）后再运行。")
MISSING_HEADER = "{name} 的工作表「{sheet}」第1行缺少表头「{header}」。请补上该列的表头。"

_REQUIRED = {
    layout.TASKS: layout.TASK_REQUIRED,
    layout.LIVELIHOOD: layout.LIVELIHOOD_REQUIRED,
    layout.UNITS: layout.UNIT_REQUIRED,
    layout.PROGRESS: layout.PROGRESS_REQUIRED,
}


def read_master(path: Path | str, progress: bool = True) -> Master:
    """Return the Master stored in the workbook at `path`.

    Raises WorkbookError naming the sheet and header when the contract is
    not met.  Sheets other than 重点工作 and 单位 may be absent (read as
    empty).  Read with calamine, sheet by sheet: `progress` False leaves
    the 进展 rows unread (documents need none), so the cost follows what
    the command uses, not the years of history the master holds.
    """
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise WorkbookError(NOT_A_MASTER.format(name=path.name, why="总台账应是 .xlsx 文件"))
    book = Book(path)
    try:
        return master_from_book(book, path, progress=progress)
    finally:
        book.close()


def open_master(path: Path, read_only: bool = False):
    """Return the openpyxl workbook at `path`, or raise WorkbookError saying
    why it is not a readable master.  `read_only` is for reading only;
    editing needs the full load.  openpyxl is imported here, not at the
    top: it takes a fifth of a second, and commands that only read never
    need it."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise WorkbookError(NOT_A_MASTER.format(name=path.name, why="总台账应是 .xlsx 文件"))
    try:
        with warnings.catch_warnings():
            # Excel extensions openpyxl cannot keep (e.g. slicers) only warn.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=read_only, data_only=read_only)
    except zipfile.BadZipFile as exc:
        raise WorkbookError(NOT_A_MASTER.format(name=path.name, why="文件已损坏，或不是 Excel 文件")) from exc
    except OSError as exc:
        raise WorkbookError(NOT_A_MASTER.format(name=path.name, why=os_reason(exc))) from exc
    except (KeyError, ValueError, InvalidFileException) as exc:
        raise WorkbookError(NOT_A_MASTER.format(name=path.name, why=f"内容不完整（{type(exc).__name__}）")) from exc


def master_from_book(book, path: Path, progress: bool = True) -> Master:
    """Return the Master held by an open workbook, checking the contract.

    `progress` False checks the 进展 headers but leaves its rows unread, for
    callers that edit that sheet themselves.
    """
    check_sheets(book, path)
    sheets = {}
    for name, required in _REQUIRED.items():
        if name not in book.sheetnames:
            continue
        if name == layout.PROGRESS and not progress:
            headers = next(book[name].iter_rows(max_row=1, values_only=True), ())
            check_headers([cell_text(h) for h in headers], required, path.name, name)
            continue
        sheets[name] = sheet_rows(book[name], path.name, required)
        if name in (layout.TASKS, layout.LIVELIHOOD):
            _check_ids(sheets[name], path.name, name)
    meta = _meta(book[layout.META]) if layout.META in book.sheetnames else {}
    return master_from_rows(sheets, meta, str(path), read_written(book, path))


def read_written(book, path: Path) -> dict:
    """Return the 台账底稿 record of the master (empty for masters made
    before it existed)."""
    if layout.WRITTEN not in book.sheetnames:
        return {}
    return written_from_rows(sheet_rows(book[layout.WRITTEN], path.name, ("工作表", "编号")))


def check_sheets(book, path: Path) -> None:
    """Raise WorkbookError naming a required sheet that is missing.

    重点工作 and 单位 (its confirmed aliases) always exist in a master; 进展
    may be missing only while no return was ever collected into it.
    """
    for name in (layout.TASKS, layout.UNITS):
        if name not in book.sheetnames:
            raise WorkbookError(MISSING_SHEET.format(name=path.name, sheet=name))
    if layout.PROGRESS not in book.sheetnames and _collected(book):
        raise WorkbookError(MISSING_PROGRESS.format(name=path.name, sheet=layout.PROGRESS, log=layout.RECEIPTS))


def _collected(book) -> bool:
    """Return True when 收文记录 shows rows taken into 进展."""
    if layout.RECEIPTS not in book.sheetnames:
        return False
    for row in sheet_rows(book[layout.RECEIPTS], "", ()):
        taken = row.get("采纳行数", "")
        if taken and taken != "0":
            return True
    return False


def cell_text(value: object) -> str:
    """Return a cell value as the text a clerk sees."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value).strip()


def sheet_rows(sheet, file_name: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Return the data rows of `sheet` as dicts keyed by the row-1 headers."""
    rows = sheet.iter_rows(values_only=True)
    try:
        headers = [cell_text(h) for h in next(rows, ())]
        check_headers(headers, required, file_name, sheet.title)
        out = []
        for number, values in enumerate(rows, start=2):
            # Text cells (most of them) are stripped inline: a call per cell
            # was a third of reading a 3,000-task master.
            row = {h: v.strip() if type(v) is str else cell_text(v) for h, v in zip(headers, values) if h}
            if any(row.values()):
                row[layout.ROW] = str(number)
                out.append(row)
        return out
    finally:
        # A read-only sheet keeps its part open until the generator ends.
        rows.close()


BLANK_ID = "{name} 的工作表「{sheet}」有一行没有编号（{what}）。请补上编号，或从原通知重新导入。"
DUPLICATE_ID = "{name} 的工作表「{sheet}」中编号「{id}」出现了不止一次。请改成各不相同的编号后再运行。"


def _check_ids(rows: list[dict[str, str]], file_name: str, sheet: str) -> None:
    """Raise WorkbookError for a row without 编号 or an 编号 used twice: forms
    and returns are matched by it, so such a row could never be collected."""
    seen: set[str] = set()
    for row in rows:
        key = row.get("编号", "")
        if not key:
            what = (row.get("重点工作") or row.get("项目内容") or "")[:20]
            raise WorkbookError(BLANK_ID.format(name=file_name, sheet=sheet, what=what))
        if key in seen:
            raise WorkbookError(DUPLICATE_ID.format(name=file_name, sheet=sheet, id=key))
        seen.add(key)


def check_headers(headers: list[str], required: tuple[str, ...], file_name: str, sheet: str) -> None:
    """Raise WorkbookError naming the first `required` header missing."""
    for header in required:
        if header not in headers:
            raise WorkbookError(MISSING_HEADER.format(name=file_name, sheet=sheet, header=header))


def _meta(sheet) -> dict[str, str]:
    meta = {}
    for values in sheet.iter_rows(min_row=2, max_col=2, values_only=True):
        if values and values[0]:
            key = cell_text(values[0])
            value = cell_text(values[1]) if len(values) > 1 else ""
            if value:
                meta[key] = value
    return meta
