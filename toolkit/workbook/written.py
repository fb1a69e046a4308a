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

import json

from ..model import Notice
from . import layout
from .package import MAX_CELL
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
    """Return the records as sheet rows, in notice order.

    The tracked texts of a row go into one cell (记录, JSON) rather than a
    column each: the sheet then costs a quarter of the cells, and half the
    time, to write.  A
    record too long for one cell is left out: the row then reads as one
    from a master made before 台账底稿, never as a cut text.
    """
    rows = []
    for record in sorted(written.values(), key=position):
        texts = {h: v for h, v in record.items() if h not in layout.WRITTEN_KEYS and h != layout.ROW and v}
        encoded = json.dumps(texts, ensure_ascii=False, separators=(",", ":"))
        if len(encoded) <= MAX_CELL:
            rows.append({**{key: str(record.get(key, "")) for key in layout.WRITTEN_KEYS},
                         layout.WRITTEN_RECORD: encoded})
    return rows



def written_from_rows(rows: list[dict[str, str]]) -> Written:
    """Return the record read back from the 台账底稿 sheet's rows: the texts
    from 记录, or from a column each in masters written before 记录."""
    written: Written = {}
    for row in rows:
        if not row.get("编号"):
            continue
        if layout.WRITTEN_RECORD in row:
            # A master that was once written with the old columns keeps
            # them, emptied: only 记录 counts.
            keys = {k: v for k, v in row.items() if k in layout.WRITTEN_KEYS or k == layout.ROW}
            row = {**keys, **_decoded(row[layout.WRITTEN_RECORD])}
        written[(row.get("工作表", ""), row["编号"])] = row
    return written


def _decoded(cell: str) -> dict[str, str]:
    """Return the texts held in a 记录 cell ({} when it is not one)."""
    try:
        texts = json.loads(cell) if cell else {}
    except ValueError:
        return {}
    if not isinstance(texts, dict):
        return {}
    return {str(k): str(v) for k, v in texts.items() if k not in layout.WRITTEN_KEYS}


def position(record: dict[str, str]) -> float:
    """Return a record's place in the notice (unknown: last)."""
    try:
        return float(record.get("次序", ""))
    except ValueError:
        return float("inf")
