"""The master's progress sheets: 进展 (the merged entries), 收文记录 (every
file received) and 进展待定 (conflicting returns kept apart until the clerk
picks one).

Read with calamine; written by editing only these worksheet parts inside
the .xlsx package (workbook/package.py): rows are appended or rewritten by
header text, everything else in the file — other sheets, pictures, macros,
formulas with their results — stays byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from ..model import ProgressEntry
from ..workbook import layout
from ..workbook.package import Package
from ..workbook.table import Table
from ..workbook.read import cell_text
from ..workbook.rows import progress_row, row_progress
from . import common as c
from .check import content

PICKED = {"是", "采用", "√", "✓", "✔", "1", "Y", "YES", "对"}
CONFLICT_NOTE = "与已采用的报送（{file}）不同；在“采用”列填“是”选用本条，或删除本行保留原报送"

NEW, SAME, OLDER, CONFLICT, KEPT_APART = "采纳", "相同", "较旧", "冲突", "已待定"


@dataclass
class Merge:
    """What merging one entry did, with the earlier file when relevant."""

    outcome: str
    other_file: str = ""


class Ledger:
    """The progress sheets of one open master, with indexes for merging."""

    def __init__(self, package: Package, book, canonical: Callable[[str], str],
                 quarters: Collection[str] | None = None):
        """`quarters`: the quarters being merged.  Only their 进展 rows (and
        those of the quarters of 进展待定 rows the clerk picked) are read
        and indexed, so a master keeping years of history costs no more to
        collect into than a new one; None reads every row."""
        # The master's alias mapping: every unit name read or merged goes through it.
        self.canonical = canonical
        self.receipts = Table(package, book, c.RECEIPTS, c.RECEIPT_HEADERS)
        self.pending = Table(package, book, c.PENDING, layout.PROGRESS_HEADERS + c.PENDING_EXTRA)
        where = None
        if quarters is not None:
            picked = {row.get("季度", "") for _, row in self.pending.rows()
                      if row.get("采用", "").strip().upper() in PICKED}
            where = ("季度", {q for q in set(quarters) | picked if q})
        self.progress = Table(package, book, layout.PROGRESS, layout.PROGRESS_HEADERS, where=where)
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
        self.pending.delete(doomed)
        self.waiting = {self._pending_key(row_progress(r)) for _, r in self.pending.rows()}
        self.changed = True
        return len(picks)
