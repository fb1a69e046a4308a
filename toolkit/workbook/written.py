"""What the toolkit last wrote into the cells a clerk may edit (台账底稿).

A very hidden sheet keeps, per task and 民生实事 item, the text the toolkit
wrote in each tracked column and the item's place in the notice (次序).
A cell that differs from it was edited by the clerk: the reader uses that to
know which unit column to believe, the merge to know which rows a corrected
notice may update, and documents to follow the notice's order whatever the
clerk's sorting.  A master without the sheet (made before it existed) reads
as before: nothing is known to be edited.
"""

from __future__ import annotations

from ..model import Notice
from . import layout
from .rows import livelihood_row, task_row

# {(sheet, 编号): {header: text as written, "次序": position}}
Written = dict[tuple[str, str], dict[str, str]]


def written_of(notice: Notice) -> Written:
    """Return the record of writing `notice` whole, in its printed order."""
    written: Written = {}
    rows = [(layout.TASKS, task_row(t, s)) for s in notice.sections for t in s.tasks]
    rows += [(layout.LIVELIHOOD, livelihood_row(i)) for i in notice.livelihood]
    for position, (sheet, row) in enumerate(rows):
        written[(sheet, row["编号"])] = record(sheet, row, position)
    return written


def record(sheet: str, row: dict, position: int) -> dict[str, str]:
    """Return the record of one row as written at `position`."""
    values = {h: str(row.get(h) or "") for h in layout.TRACKED[sheet]}
    return {**values, "工作表": sheet, "编号": str(row["编号"]), "次序": str(position)}


def written_rows(written: Written) -> list[dict[str, str]]:
    """Return the records as sheet rows, in notice order."""
    return sorted(written.values(), key=position)


def written_from_rows(rows: list[dict[str, str]]) -> Written:
    """Return the record read back from the 台账底稿 sheet's rows."""
    return {(r.get("工作表", ""), r.get("编号", "")): r for r in rows if r.get("编号")}


def position(record: dict[str, str]) -> float:
    """Return a record's place in the notice (unknown: last)."""
    try:
        return float(record.get("次序", ""))
    except ValueError:
        return float("inf")
