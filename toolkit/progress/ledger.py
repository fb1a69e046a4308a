"""The master's progress sheets, edited in place with openpyxl: 进展 (the
merged entries), 收文记录 (every file received) and 进展待定 (conflicting
returns kept apart until the clerk picks one).

Cells are found by header text, rows are appended or rewritten cell by
cell, so the clerk's other columns, sheets and formatting survive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..model import ProgressEntry
from ..workbook import layout
from ..workbook.read import cell_text
from ..workbook.safe import FORMULA_STARTS, set_text_safe
from ..workbook.rows import progress_row, row_progress
from . import common as c
from .check import content

WIDTHS = {"收文时间": 20, "文件": 34, "SHA-256": 20, "填报单位": 22, "保存时间": 20, "原因": 60,
          "进展情况": 40, "存在问题": 30, "下步打算": 30, "填报时间": 20, "来源文件": 30, "冲突说明": 50}
PICKED = {"是", "采用", "√", "✓", "✔", "1", "Y", "YES", "对"}
CONFLICT_NOTE = "与已采用的报送（{file}）不同；在“采用”列填“是”选用本条，或删除本行保留原报送"

NEW, SAME, OLDER, CONFLICT, KEPT_APART = "采纳", "相同", "较旧", "冲突", "已待定"


class Table:
    """One sheet of the master, addressed by its row-1 headers."""

    def __init__(self, book, name: str, headers: tuple[str, ...]):
        self.book, self.name, self.wanted = book, name, headers
        self.sheet = book[name] if name in book.sheetnames else None
        self.columns: dict[str, int] = {}
        self.next_row = 2
        if self.sheet is not None:
            # openpyxl's max_row scans every cell: read it once, not per row.
            self.next_row = self.sheet.max_row + 1
            first = next(self.sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
            self.columns = {cell_text(v): i + 1 for i, v in enumerate(first) if cell_text(v)}

    def rows(self):
        """Yield (row number, {header: text}) for every non-empty data row."""
        if self.sheet is None:
            return
        names = {i - 1: h for h, i in self.columns.items()}
        for number, values in enumerate(self.sheet.iter_rows(min_row=2, values_only=True), start=2):
            row = {names[i]: cell_text(v) for i, v in enumerate(values) if i in names}
            if any(row.values()):
                yield number, row

    def write(self, number: int | None, values: dict[str, object]) -> int:
        """Write `values` into row `number` (None: a new row at the end)."""
        self._ensure()
        for header in values:
            if header not in self.columns:
                self.columns[header] = max(self.columns.values(), default=0) + 1
                self.sheet.cell(1, self.columns[header], header)
        if number is None:
            return self._append(values)
        for header, value in values.items():
            set_text_safe(self.sheet.cell(number, self.columns[header]), value)
        return number

    def _append(self, values: dict[str, object]) -> int:
        # ws.append is several times faster than ws.cell() per value and
        # writes at the row after the last one, which next_row mirrors.
        number, self.next_row = self.next_row, self.next_row + 1
        cells = {self.columns[h]: v for h, v in values.items() if v not in ("", None)}
        self.sheet.append(cells)
        for header, value in values.items():
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                set_text_safe(self.sheet.cell(number, self.columns[header]), value)
        return number

    def _ensure(self) -> None:
        if self.sheet is None:
            self.sheet = self.book.create_sheet(self.name)
            for i, header in enumerate(self.wanted, start=1):
                self.sheet.cell(1, i, header).font = Font(bold=True)
                self.sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(header, 12)
            self.columns = {h: i for i, h in enumerate(self.wanted, start=1)}
            self.sheet.freeze_panes = "A2"
            self.sheet.auto_filter.ref = f"A1:{get_column_letter(len(self.wanted))}1"

    def finish(self) -> None:
        """Stretch the sheet's filter over the rows added, so the clerk's
        filter buttons still cover every row."""
        ref = self.sheet.auto_filter.ref if self.sheet is not None else None
        if ref and ":" in ref:
            start, end = ref.split(":")
            column = "".join(ch for ch in end if ch.isalpha())
            self.sheet.auto_filter.ref = f"{start}:{column}{max(self.next_row - 1, 1)}"


@dataclass
class Merge:
    """What merging one entry did, with the earlier file when relevant."""

    outcome: str
    other_file: str = ""


class Ledger:
    """The progress sheets of one open master, with indexes for merging."""

    def __init__(self, book, canonical: Callable[[str], str]):
        # The master's alias mapping: every unit name read or merged goes through it.
        self.canonical = canonical
        self.progress = Table(book, layout.PROGRESS, layout.PROGRESS_HEADERS)
        self.receipts = Table(book, c.RECEIPTS, c.RECEIPT_HEADERS)
        self.pending = Table(book, c.PENDING, layout.PROGRESS_HEADERS + c.PENDING_EXTRA)
        self.changed = False
        self.entries: dict[tuple, tuple[int, ProgressEntry]] = {}
        for number, row in self.progress.rows():
            entry = row_progress(row)
            entry.unit = canonical(entry.unit)
            self.entries[(entry.task_id, entry.quarter, entry.unit)] = (number, entry)
        self.shas: set[str] = set()
        self.saved: dict[tuple[str, str], str] = {}
        for _, row in self.receipts.rows():
            self.shas.add(row.get("SHA-256", ""))
            key = (row.get("文件", ""), canonical(row.get("填报单位", "")))
            self.saved[key] = max(self.saved.get(key, ""), row.get("保存时间", ""))
        self.waiting = {self._pending_key(row_progress(r)) for _, r in self.pending.rows()}

    @staticmethod
    def _pending_key(entry: ProgressEntry) -> tuple:
        return (entry.task_id, entry.quarter, entry.unit) + content(entry)

    def merge(self, entry: ProgressEntry, saved_at: str, now: str) -> Merge:
        """Merge `entry` (from a file saved at `saved_at`) into 进展.

        A new entry is added; an identical one changes nothing; one that
        differs from what is there is never written over it: an older
        return is skipped, a newer one is kept apart in 进展待定.
        """
        key = (entry.task_id, entry.quarter, entry.unit)
        found = self.entries.get(key)
        entry.collected_at = now
        if found is None:
            self.entries[key] = (self.progress.write(None, progress_row(entry)), entry)
            self.changed = True
            return Merge(NEW)
        current = found[1]
        if content(current) == content(entry):
            return Merge(SAME, current.source_file)
        before = self.saved.get((current.source_file, current.unit), "")
        if before and saved_at and saved_at < before:
            return Merge(OLDER, current.source_file)
        if self._pending_key(entry) in self.waiting:
            return Merge(KEPT_APART, current.source_file)
        note = CONFLICT_NOTE.format(file=current.source_file or "手工录入")
        self.pending.write(None, {**progress_row(entry), "保存时间": saved_at, "冲突说明": note, "采用": ""})
        self.waiting.add(self._pending_key(entry))
        self.changed = True
        return Merge(CONFLICT, current.source_file)

    def finish(self) -> None:
        """Tidy the sheets before saving (filters over the new rows)."""
        for table in (self.progress, self.receipts, self.pending):
            table.finish()

    def seen(self, sha: str) -> bool:
        """Return True when a file with this SHA-256 was received before."""
        return sha in self.shas

    def log(self, values: dict[str, object]) -> None:
        """Add a 收文记录 row (once per distinct file content)."""
        if values.get("SHA-256") in self.shas:
            return
        self.receipts.write(None, values)
        self.shas.add(str(values.get("SHA-256")))
        key = (str(values.get("文件")), str(values.get("填报单位")))
        self.saved[key] = max(self.saved.get(key, ""), str(values.get("保存时间", "")))
        self.changed = True

    def apply_picks(self) -> int:
        """Move the 进展待定 rows the clerk marked 采用 into 进展; drop the
        other waiting rows of the same task, quarter and unit.  Return how
        many entries were replaced."""
        picks: dict[tuple, ProgressEntry] = {}
        for _, row in self.pending.rows():
            if row.get("采用", "").strip().upper() in PICKED:
                entry = row_progress(row)
                entry.unit = self.canonical(entry.unit)
                picks[(entry.task_id, entry.quarter, entry.unit)] = entry
        if not picks:
            return 0
        for key, entry in picks.items():
            found = self.entries.get(key)
            number = self.progress.write(found[0] if found else None, progress_row(entry))
            self.entries[key] = (number, entry)
        doomed = [n for n, r in self.pending.rows()
                  if (r.get("编号"), r.get("季度"), self.canonical(r.get("填报单位", ""))) in picks]
        for number in sorted(doomed, reverse=True):
            self.pending.sheet.delete_rows(number)
        self.pending.next_row -= len(doomed)
        self.waiting = {self._pending_key(row_progress(r)) for _, r in self.pending.rows()}
        self.changed = True
        return len(picks)
