"""Tables printed without ruling lines, read from where their text sits.

pdfplumber finds a table by its drawn lines; a Word table with its borders
removed leaves none, and its cells came out as lines of text, a row cut
into as many paragraphs as its cells wrap.  Here a printed line is cut
into segments where the gap between two characters is wider than a space
(GAP em): the cells of that line.  A line whose segments make a header
(序号  重点工作  牵头单位 …, tables.parse_header) opens a table.  Each later
segment goes to the column whose header is centred at or right of where
it starts: cells start at their column's left edge (or are centred in
it), and a header is centred over its column.  A number under 序号 opens a
row; a line with nothing under 序号 continues the cells of the row above
(wrapped text), when it starts where the table's cells start.  Anything
else (a heading, a note, an indented paragraph) ends the table; a table
left open at the foot of a page goes on on the next one, with or without
its header repeated.

Only task tables are read so: a 民生实事 table's cells merged over rows
come out joined, so its lines stay reported as not understood.

Limit: rows whose 序号 is centred vertically (printed on a middle line of
the row) are cut at the number; such tables usually keep their ruling
lines, read by pdfplumber.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from .blocks import Row
from .tables import TASKS, field_of, parse_header

GAP = 0.8          # em: a wider gap between two characters separates cells
SAME_START = 0.25  # em: two cells starting this close start in the same column
_NUMBER = re.compile(r"^\d{1,3}$")
_PAGE_NUMBER = re.compile(r"[-—–]\s*\d{1,4}\s*[-—–]")
# A line that opens a heading or a note ends a table whatever its position.
_ENDS = re.compile(r"^(附\s*件|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|注\s*[:：]|备注\s*[:：])")


@dataclass
class Segment:
    """A run of characters on one printed line: a cell's line of text."""

    x0: float
    x1: float
    text: str


@dataclass
class Table:
    """A borderless table being read: where its header cells are centred,
    where its body cells start, and the row being read."""

    header: list[str]
    centres: list[float]
    starts: list[float] = field(default_factory=list)
    row: Row | None = None
    last: set[int] = field(default_factory=set)  # the columns the row's last two lines printed in
    before: set[int] = field(default_factory=set)  # the columns its last line printed in
    bottom: float = 0.0


def segments(line: dict, em: float) -> list[Segment]:
    """Return the segments of a pdfplumber text line (with its chars)."""
    out: list[Segment] = []
    for char in sorted(line.get("chars", []), key=lambda c: c["x0"]):
        text = char["text"]
        if out and char["x0"] - out[-1].x1 <= GAP * em:
            gap = char["x0"] - out[-1].x1
            # A gap between Latin words is a space; between Chinese and a
            # number it is the writer's spacing (LibreOffice's autospace),
            # which would split `区第19届…` into three units.
            spaced = gap > 0.15 * em and _latin(out[-1].text[-1:]) and _latin(text)
            out[-1].text += (" " if spaced else "") + text
            out[-1].x1 = max(out[-1].x1, char["x1"])
        elif not text.isspace():
            out.append(Segment(char["x0"], char["x1"], text))
    for segment in out:
        segment.text = re.sub(r"\s+", " ", segment.text).strip()
    return [s for s in out if s.text]


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def borderless(lines: list[dict], table: Table | None) -> tuple[list[tuple[float, Row]], list[dict], Table | None]:
    """Split a page's printed `lines` into table rows and the other lines.

    `table` is a table left open on the page before.  Returns the rows
    (with their top, for reading order), the lines that are not in a table
    and the table still open at the foot of the page.
    """
    heights = [line["bottom"] - line["top"] for line in lines if line["text"].strip()]
    em = median(heights) if heights else 10.0
    rows: list[tuple[float, Row]] = []
    rest: list[dict] = []
    for line in lines:
        text = line["text"].strip()
        if not text or _PAGE_NUMBER.fullmatch(text):
            rest.append(line)
            continue
        cells = segments(line, em)
        header = parse_header([c.text for c in cells]) if len(cells) >= 2 else None
        # 民生实事 tables merge cells down several rows; read from positions
        # they came out joined (two items' leaders in one), silently.  They
        # stay lines reported as not understood.
        if header is not None and header.columns.get("number") == 0 and header.kind == TASKS:
            texts = [c.text for c in cells]
            if table is not None and table.header == texts:
                # The header repeated on a new page: a row cut by the page
                # break goes on under it.
                table.centres, table.bottom = [(c.x0 + c.x1) / 2 for c in cells], 0.0
            else:
                close(table)
                table = Table(texts, [(c.x0 + c.x1) / 2 for c in cells])
            rows.append((line["top"], Row(texts, 0)))
            continue
        if table is not None and _in_table(table, cells, text, line, em):
            _add(table, cells, line, rows, em)
            continue
        if table is not None and not re.fullmatch(r"[-—–\s\d]+", text):
            table = close(table)
        rest.append(line)
    return rows, rest, table


def _column(table: Table, x0: float, em: float) -> int:
    """Return the column a cell starting at `x0` is in: the first whose
    header is centred at or right of it."""
    for index, centre in enumerate(table.centres):
        if centre >= x0 - SAME_START * em:
            return index
    return len(table.centres) - 1


def _in_table(table: Table, cells: list[Segment], text: str, line: dict, em: float) -> bool:
    """Whether a printed line belongs to the open table: a new row (a number
    under 序号) or the wrapped rest of the row above."""
    if _ENDS.match(text):
        return False
    first = _column(table, cells[0].x0, em)
    if first == 0:
        return _NUMBER.match(cells[0].text) is not None
    if table.row is None:
        return False
    if table.bottom and line["top"] - table.bottom > 1.5 * em:
        return False
    return all(any(abs(c.x0 - start) <= SAME_START * em for start in table.starts) for c in cells)


def _add(table: Table, cells: list[Segment], line: dict, rows: list[tuple[float, Row]], em: float) -> None:
    """Put a line's cells into the table: a new row, or onto the row above."""
    width = len(table.centres)
    columns = [_column(table, cell.x0, em) for cell in cells]
    if columns[0] == 0 or len(columns) > 1 and any(table.row.cells[c] and c not in table.last for c in columns):
        # A number under 序号 opens a row; so does text in a column whose
        # cell ended lines ago (cells are printed from the row's top, so
        # this is the next row, its 序号 merged with the row above's).
        close(table)
        table.row = Row([""] * width, 0)
        rows.append((line["top"], table.row))
    table.last, table.before = set(columns) | (table.before if columns[0] else set()), set(columns)
    for cell, column in zip(cells, columns):
        old = table.row.cells[column]
        table.row.cells[column] = old + _joiner(old, cell.text) + cell.text
        if not any(abs(cell.x0 - start) <= SAME_START * em for start in table.starts):
            table.starts.append(cell.x0)
    table.bottom = line["bottom"]


def _joiner(before: str, text: str) -> str:
    """Nothing between two lines of Chinese; a space between Latin words."""
    if before and before[-1].isascii() and before[-1].isalnum() and text[0].isascii() and text[0].isalnum():
        return " "
    return ""


def close(table: Table | None) -> None:
    """Finish the row being read.  A task row with nothing under 重点工作
    had its cells placed right of their columns by a header not centred
    over them (rows narrower than their header, seen in a LibreOffice
    re-save): its cells close up leftwards from 重点工作, in their order."""
    if table is None or table.row is None:
        return None
    fields = [field_of(h) for h in table.header]
    row, table.row = table.row, None
    if "text" in fields and not row.cells[fields.index("text")]:
        at = fields.index("text")
        filled = [c for c in row.cells[at:] if c]
        row.cells = row.cells[:at] + filled + [""] * (len(row.cells) - at - len(filled))
    return None
