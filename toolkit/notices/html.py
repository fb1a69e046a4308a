"""Web-page notices (.html): text blocks and `<table>` rows in page order.

Government sites publish the decomposition as one page with `<p>` headings
and `<table>` tables using rowspan/colspan; merged cells are repeated into
every position they cover.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .blocks import Para, Row, row_or_para

_CONTAINERS = {"table", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "center", "section",
               "article", "header", "footer", "nav", "main", "dl", "dd", "dt", "form", "blockquote"}
_SKIP = {"script", "style", "head", "noscript"}
# The rows of one table, not of tables nested in its cells.
_ROWS = "./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"
_SPACES = re.compile(r"[ \t\r\n\u00a0\u3000]+")


def html_blocks(text: str) -> list[Para | Row]:
    """Return the blocks of an HTML page; `line` is the source line."""
    text = re.sub(r"^<\?xml[^>]*>", "", text.lstrip())
    root = _parse(text)
    if root is None:
        return []
    blocks: list[Para | Row] = []
    _walk(root.find("body") if root.find("body") is not None else root, blocks)
    return blocks


def _parse(text: str):
    """Return the root element of `text`, None for a page with no content
    (`<!DOCTYPE html` alone): the caller then reports no table found."""
    try:
        return lxml.html.document_fromstring(text)
    except ValueError:
        # lxml refuses str input with an encoding declaration it finds later
        # in the page; the text is already decoded, so give it as UTF-8 bytes.
        parser = lxml.html.HTMLParser(encoding="utf-8")
        try:
            return lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
        except (lxml.etree.ParserError, ValueError):
            return None
    except lxml.etree.ParserError:
        return None


def _walk(element, blocks: list[Para | Row]) -> None:
    """Emit a Para for each line of text in `element` and Rows for its
    tables, in page order.  Inline runs between blocks (`<strong>二、</strong>
    林杰常委…`) make one line."""
    if len(element) == 0:
        # A leaf (most elements of a long page): no descendants to look at.
        if element.text and not element.text.isspace():
            blocks.extend(Para(line, element.sourceline or 0) for line in _lines(element))
        return
    if not _has_blocks(element):
        blocks.extend(Para(line, element.sourceline or 0) for line in _lines(element))
        return
    line = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag is not None and tag not in _CONTAINERS and tag not in _SKIP and tag != "br" and not _has_blocks(child):
            line.append(child.text_content())
        else:
            _flush(line, element, blocks)
            line = []
            if tag == "table" and child.find(".//table") is not None:
                # A layout table (the whole page framed in one, as many
                # government sites do): its cells are containers, not data.
                for tr in child.xpath(_ROWS):
                    for cell in _cells(tr):
                        _walk(cell, blocks)
            elif tag == "table":
                blocks.extend(_table(child))
            elif tag is not None and tag not in _SKIP and tag != "br":
                _walk(child, blocks)
        line.append(child.tail or "")
    _flush(line, element, blocks)


def _flush(parts: list[str], element, blocks: list[Para | Row]) -> None:
    text = "".join(parts)
    if not text or text.isspace():
        return
    text = _SPACES.sub(" ", text).strip()
    if text:
        blocks.append(Para(text, element.sourceline or 0))


def _has_blocks(element) -> bool:
    """Return True when `element` holds block elements (so it is a container
    rather than one paragraph)."""
    return any(isinstance(e.tag, str) and e.tag in _CONTAINERS for e in element.iterdescendants())


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _lines(element) -> list[str]:
    """Return the lines of `element`: source newlines are spaces, only
    `<br>` breaks a line."""
    for br in element.iter("br"):
        # lxml parses control characters into a text it will not set back.
        br.tail = "\u2028" + _CONTROL.sub("", br.tail or "")
    text = element.text_content()
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\u2028"))
    return [line for line in lines if line]


def _table(table) -> list[Para | Row]:
    """Return the rows of an HTML table, one cell per `td`/`th`.

    As in Word, `colspan` often only reflects the drawing grid, so a cell is
    never repeated sideways; a `rowspan` cell is repeated into the rows below
    at the same grid column.
    """
    blocks: list[Para | Row] = []
    pending: dict[int, list] = {}  # grid column -> [text, rows left, colspan]
    for tr in table.xpath(_ROWS):
        cells: list[str] = []
        grid = 0
        for td in _cells(tr):
            grid = _fill(pending, cells, grid)
            text = re.sub(r"\s+", " ", " ".join(_lines(td))).strip()
            span, down = _span(td.get("colspan")), _span(td.get("rowspan"))
            if down > 1:
                pending[grid] = [text, down - 1, span]
            cells.append(text)
            grid += span
        _fill(pending, cells, grid)
        if any(cells):
            blocks.append(row_or_para(cells, tr.sourceline or 0))
    return blocks


def _span(value: str | None) -> int:
    """Return a colspan/rowspan as written by hand-made pages (`2`, ` 2 `,
    `100%`): the leading digits, 1 when there are none or more than 9999."""
    match = re.match(r"\s*(\d{1,4})(?!\d)", value or "")
    return max(1, int(match.group(1))) if match else 1


def _cells(tr) -> list:
    return [e for e in tr if isinstance(e.tag, str) and e.tag in ("td", "th")]


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
