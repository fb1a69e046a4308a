"""Text notices: tab-separated tables (Word/WPS "save as text", PDF
extractions) and web pages scraped to text with one cell per line."""

from __future__ import annotations

import re

from .blocks import Para, Row
from .tables import TASKS, align_by_shape, field_of, is_unit_list, parse_header

_P_BETWEEN = re.compile(r"</p>\s*<p>")
_P_TAG = re.compile(r"</?p>")
_NUMBER = re.compile(r"^\d{1,3}$")
# Lines that end a web-page row: headings, notes, part titles, page furniture.
_STRUCTURE = re.compile(
    r"^([一二三四五六七八九十]+、|注[:：]|序号$|.*重点工作责任分解[:：]?$|发布日期|您现在的位置)"
)
_TARGET = re.compile(r"^[\d.]|量化任务")


def text_blocks(text: str) -> list[Para | Row]:
    """Return the blocks of a text notice, choosing the layout from the text."""
    # Only real line ends count: str.splitlines() also breaks at form feeds
    # (page breaks in Word's text export), which would shift every line
    # number after them.  Form feeds and vertical tabs are spaces.
    lines = [line.replace("\f", " ").replace("\x0b", " ") for line in re.split(r"\r\n|\r|\n", text)]
    lines = [_pipes(_unflatten(line)) for line in lines]
    lines = _spaced_table(lines)
    if is_cell_per_line(lines):
        return cell_blocks(lines)
    return tab_blocks(lines)


# Where a page flattened into one line starts a new paragraph: before a
# number (`一、` `（二）` `3.`) or a unit label (`责任单位:`).
# `(?<! )`: a match starts only at a run's first space, else a long run of
# spaces is rescanned from each of its spaces (a fuzzed line of 20,000
# spaces took minutes).
_FLAT_BREAK = re.compile(
    r"(?<! ) +(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[.．](?!\d)"
    r"|(?:牵头|责任|配合|协办|主办)(?:责任)?(?:单位|部门)\s*[:：]|(?:责任|分管|牵头)领导\s*[:：])")


def _unflatten(line: str) -> str:
    """Return a line of a web page whose paragraphs were joined by spaces
    with its paragraphs on lines of their own (line numbers stay: the
    pieces are joined with a vertical tab that text_blocks splits on)."""
    if len(line) < 300 or len(_FLAT_BREAK.findall(line)) < 3:
        return line
    return _FLAT_BREAK.sub("\v", line)


def _pipes(line: str) -> str:
    """Return a web table row pasted with `|` between cells as a
    tab-separated row; a cell per line ending in `|` loses its bar."""
    stripped = line.strip()
    if "|" not in stripped:
        return line
    inner = stripped.strip("|").strip()
    if "|" not in inner:
        return inner
    if re.fullmatch(r"[|:\-\s]*", stripped):
        return ""  # a Markdown rule under the header
    return "\t".join(cell.strip() for cell in inner.split("|"))


_SPACED = re.compile(r"[ \u3000]{2,}")


def _spaced_table(lines: list[str]) -> list[str]:
    """Return `lines` with tables whose cells are separated by runs of
    spaces turned tab-separated: from a header row so written (序号  重点工作
    责任单位) to the first blank line.  A line without such runs inside the
    table is the task text wrapped onto the next line: it joins the text cell
    of the row above (its own line is left empty, so numbering holds)."""
    out: list[str] = []
    header, last = None, -1
    for line in lines:
        stripped = line.strip()
        cells = _SPACED.split(stripped) if "\t" not in line and _SPACED.search(stripped) else []
        found = parse_header(cells) if cells else None
        if found is not None or (header is not None and cells):
            header = found or header
            last = len(out) if found is None else -1
            out.append("\t".join(cells))
            continue
        if header is not None and stripped and last >= 0 and "text" in header.columns:
            row = out[last].split("\t")
            if header.columns["text"] < len(row):
                row[header.columns["text"]] += stripped
                out[last] = "\t".join(row)
                out.append("")
                continue
        if not stripped:
            header, last = None, -1
        out.append(line)
    return out


def is_cell_per_line(lines: list[str]) -> bool:
    """Return True for web pages printed with one table cell per line."""
    tabbed = sum(1 for line in lines if line.count("\t") >= 2)
    headers = sum(1 for line in lines if line.strip() == "序号")
    return headers > 0 and tabbed < headers


def tab_blocks(lines: list[str]) -> list[Para | Row]:
    """Return blocks of a tab-separated text: a line with a tab is a row.

    PDF extractions wrap cells in `<p>` tags and sometimes put two cells in
    one (`<p>1. …</p> <p>(29) …</p>`): a tag boundary is a cell boundary.
    Word's "save as text" breaks a cell of two paragraphs over two lines:
    a line that cannot start a row completes the row above.
    """
    blocks: list[Para | Row] = []
    width = 0
    for number, raw in enumerate(lines, start=1):
        line = (_P_TAG.sub("", _P_BETWEEN.sub("\t", raw)) if "p>" in raw else raw).rstrip(" \u3000")
        if not line.strip():
            continue
        if "\t" not in line:
            blocks += [Para(piece.strip(), number) for piece in line.split("\v") if piece.strip()]
            continue
        row = Row([c.strip() for c in line.split("\t")], number)
        header = parse_header(row.cells)
        if header is not None:
            width = header.width if header.kind == TASKS else 0
        elif width and _completes(blocks[-1] if blocks else None, row, width):
            blocks[-1].cells[-1] += "\n" + row.cells[0]
            blocks[-1].cells += row.cells[1:]
            continue
        blocks.append(row)
    return blocks


def _completes(previous: Para | Row | None, row: Row, width: int) -> bool:
    """Return True when `row` is the rest of `previous`, a task row cut at a
    paragraph break inside one of its cells."""
    return (isinstance(previous, Row) and _NUMBER.match(previous.cells[0]) is not None
            and row.cells[0] != "" and _NUMBER.match(row.cells[0]) is None
            and len(previous.cells) + len(row.cells) - 1 <= width)


def cell_blocks(lines: list[str]) -> list[Para | Row]:
    """Return blocks of a web page whose table cells are one per line.

    The header (序号 / 重点工作 / 区本级 / 任务数 / 责任单位) fixes the
    columns; a row starts at the next expected 序号 and takes the lines up
    to the next one.  Empty cells leave no line, so after the task text a
    lone value is a target when it looks like one (`9亿元`,
    `量化任务由…承担`), else the units.
    """
    items = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    blocks: list[Para | Row] = []
    i, header = 0, None
    while i < len(items):
        number, text = items[i]
        if text == "序号":
            header, i = _header(items, i)
            blocks.append(Row(header, number))
        elif header and _NUMBER.match(text) and i + 1 < len(items):
            row, i = _row(items, i, header)
            blocks.append(row)
        else:
            blocks.append(Para(text, number))
            if _STRUCTURE.match(text):
                header = None
            i += 1
    return blocks


def _header(items: list[tuple[int, str]], i: int) -> tuple[list[str], int]:
    cells = [items[i][1]]
    i += 1
    while i < len(items) and not _NUMBER.match(items[i][1]):
        text = items[i][1]
        if text == "任务数" and cells:
            cells[-1] += text
        else:
            cells.append(text)
        i += 1
    return cells, i


def _row(items: list[tuple[int, str]], i: int, header: list[str]) -> tuple[Row, int]:
    start, number = items[i][0], int(items[i][1])
    cells = [items[i][1]]
    i += 1
    while i < len(items):
        text = items[i][1]
        if _STRUCTURE.match(text) or (len(cells) > 1 and _next_number(items, i, number)):
            break
        cells.append(text)
        i += 1
    return Row(_align(cells, header), start), i


def _next_number(items: list[tuple[int, str]], i: int, number: int) -> bool:
    """Return True when items[i] is the 序号 of the row after `number`.

    Printed numbering has gaps (12, 14), so a slightly larger number counts
    too; it must be followed by a task text, not by units or a target, so a
    bare target such as `3` among the cells is not taken for a 序号.
    """
    text = items[i][1]
    if not _NUMBER.match(text) or not number < int(text) <= number + 5:
        return False
    following = items[i + 1][1] if i + 1 < len(items) else ""
    if not following or _NUMBER.match(following) or is_unit_list(following) or _TARGET.search(following):
        return False
    return len(following) > 6 or following.endswith(("。", "；")) or int(text) == number + 1


def _align(cells: list[str], header: list[str]) -> list[str]:
    """Place a web-page row's values under its header's columns."""
    has_target = any("任务" in h for h in header[2:])
    if len(header) < 2:
        return cells  # no columns to place them under: kept whole, nothing lost
    if len(cells) != len(header) and not (has_target and len(cells) < len(header)):
        return [cells[0]] + align_by_shape(cells[1:], [field_of(h) for h in header], start=1)[1:]
    if not has_target or len(cells) >= len(header):
        return cells
    number, text, rest = cells[0], cells[1] if len(cells) > 1 else "", cells[2:]
    if not rest:
        return [number, text, "", ""]
    if len(rest) == 1:
        return [number, text, rest[0], ""] if _TARGET.search(rest[0]) else [number, text, "", rest[0]]
    return cells
