"""Web-page notices (.html): text blocks and `<table>` rows in page order.

Government sites publish the decomposition as one page with `<p>` headings
and `<table>` tables using rowspan/colspan; merged cells are repeated into
every position they cover.
"""

from __future__ import annotations

import re

import lxml.html

from .blocks import Para, Row, row_or_para

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "center", "title", "span", "strong", "b", "font"}
_SKIP = {"script", "style", "head", "noscript"}


def html_blocks(text: str) -> list[Para | Row]:
    """Return the blocks of an HTML page; `line` is the source line."""
    text = re.sub(r"^<\?xml[^>]*>", "", text.lstrip())
    root = lxml.html.document_fromstring(text)
    blocks: list[Para | Row] = []
    _walk(root.find("body") if root.find("body") is not None else root, blocks)
    return blocks


def _walk(element, blocks: list[Para | Row]) -> None:
    """Emit a Para for each innermost text block, Rows for each table."""
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SKIP:
            continue
        if tag == "table":
            blocks.extend(_table(child))
        elif tag in _BLOCK_TAGS and not _has_blocks(child):
            for line in _lines(child):
                blocks.append(Para(line, child.sourceline or 0))
        else:
            if (child.text or "").strip() and tag not in _BLOCK_TAGS:
                blocks.append(Para(child.text.strip(), child.sourceline or 0))
            _walk(child, blocks)
        if (child.tail or "").strip():
            blocks.append(Para(child.tail.strip(), child.sourceline or 0))


def _has_blocks(element) -> bool:
    return any(isinstance(e.tag, str) and (e.tag == "table" or e.tag in {"p", "div", "li", "h1", "h2", "h3"})
               for e in element.iterdescendants())


def _lines(element) -> list[str]:
    """Return the lines of `element`: source newlines are spaces, only
    `<br>` breaks a line."""
    for br in element.iter("br"):
        br.tail = "\u2028" + (br.tail or "")
    text = element.text_content()
    lines = (re.sub(r"[ \t\r\n\u00a0\u3000]+", " ", line).strip() for line in text.split("\u2028"))
    return [line for line in lines if line]


def _table(table) -> list[Para | Row]:
    """Return the rows of an HTML table, one cell per `td`/`th`.

    As in Word, `colspan` often only reflects the drawing grid, so a cell is
    never repeated sideways; a `rowspan` cell is repeated into the rows below
    at the same grid column.
    """
    blocks: list[Para | Row] = []
    pending: dict[int, list] = {}  # grid column -> [text, rows left, colspan]
    for tr in table.iter("tr"):
        cells: list[str] = []
        grid = 0
        for td in (e for e in tr if isinstance(e.tag, str) and e.tag in ("td", "th")):
            grid = _fill(pending, cells, grid)
            text = re.sub(r"\s+", " ", " ".join(_lines(td))).strip()
            span = int(td.get("colspan", "1") or 1)
            down = int(td.get("rowspan", "1") or 1)
            if down > 1:
                pending[grid] = [text, down - 1, span]
            cells.append(text)
            grid += span
        _fill(pending, cells, grid)
        if any(cells):
            blocks.append(row_or_para(cells, tr.sourceline or 0))
    return blocks


def _fill(pending: dict[int, list], cells: list[str], grid: int) -> int:
    """Insert the cells carried down by rowspan at `grid`; return the next grid column."""
    while grid in pending and pending[grid][1] > 0:
        entry = pending[grid]
        cells.append(entry[0])
        entry[1] -= 1
        if entry[1] == 0:
            del pending[grid]
        grid += entry[2]
    return grid
