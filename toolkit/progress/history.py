"""One read of a master for the supervision commands: the model, the 设置,
and the history sheets (收文记录 written by collect, 催办记录 by remind).

The 催办记录 sheet is this package's own: remind appends a row per unit
reminded, and changes no other sheet.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lxml import etree

from ..exceptions import ToolkitError
from ..model import Master
from ..workbook import safe
from ..workbook.lock import master_lock
from ..workbook.fastread import Book
from ..workbook.read import master_from_book, open_master, sheet_rows
from . import common as c
from .sheetappend import append_rows
from .settings import Settings, settings_from_book

REMINDERS = "催办记录"
REMINDER_HEADERS = ("催办时间", "季度", "单位", "次数", "原因", "任务编号", "文件", "等级")
NOT_SAVED = "无法把催办记录写入总台账 {name}：{why}。总台账保持原样；催办单已生成。"


@dataclass
class Supervision:
    """What the supervision commands read from a master, in one pass."""

    master: Master
    settings: Settings
    receipts: list[dict[str, str]] = field(default_factory=list)
    reminders: list[dict[str, str]] = field(default_factory=list)


def read_supervision(path: Path | str) -> Supervision:
    """Return the master at `path` with its settings and history sheets.

    Raises WorkbookError when it is not a master or a 设置 value is bad."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        open_master(path)  # raises the clerk's message for a wrong file type
    # calamine, sheet by sheet (openpyxl's read-only load took ~2 s of a
    # 3,000-task master's shared strings).
    book = Book(path)
    try:
        master = master_from_book(book, path)
        settings = settings_from_book(book, path.name)
        history = [sheet_rows(book[name], path.name, ()) if name in book.sheetnames else []
                   for name in (c.RECEIPTS, REMINDERS)]
    finally:
        book.close()
    return Supervision(master, settings, *history)


def record_reminders(path: Path, rows: list[dict[str, object]]) -> str:
    """Append `rows` to the master's 催办记录 sheet (created when absent);
    return the backup's path.  Backed up first, replaced atomically,
    refused while Excel/WPS holds the master open.  Only that sheet's part
    of the package changes (see sheetappend), under the master's lock."""
    safe.check_unlocked(path)
    with master_lock(path):
        backup = str(safe.backup(path) or "")
        try:
            safe.atomic_write(path, lambda tmp: append_rows(path, tmp, REMINDERS, REMINDER_HEADERS, rows))
        except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
            if not isinstance(exc, OSError):
                raise ToolkitError(NOT_SAVED.format(name=path.name, why="总台账的文件结构无法识别")) from exc
            raise ToolkitError(NOT_SAVED.format(name=path.name, why=safe.os_reason(exc))) from exc
    return backup


def stamp(now: datetime) -> str:
    return now.strftime("%Y-%m-%d %H:%M:%S")
