"""Web-page notices (.html): text blocks and `<table>` rows in page order.

Government sites publish the decomposition as one page with `<p>` headings
and `<table>` tables using rowspan/colspan; merged cells are repeated into
every position they cover.
"""

from __future__ import annotations

import re

import lxml.html

from .blocks import Para, Row

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
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [line.strip() for line in element.text_content().split("\n") if line.strip()]


def _table(table) -> list[Row]:
    rows: list[Row] = []
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows left)
    for tr in table.iter("tr"):
        cells: list[str] = []
        tds = [td for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
        for td in tds:
            while len(cells) in pending:
                cells.append(_carry(pending, len(cells)))
            text = " ".join(_lines(td)) if td.find(".//br") is not None else td.text_content().strip()
            text = re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip()
            span = int(td.get("colspan", "1") or 1)
            down = int(td.get("rowspan", "1") or 1)
            for _ in range(span):
                if down > 1:
                    pending[len(cells)] = (text, down - 1)
                cells.append(text)
        while len(cells) in pending:
            cells.append(_carry(pending, len(cells)))
        if any(cells):
            rows.append(Row(cells, tr.sourceline or 0))
    return rows


def _carry(pending: dict[int, tuple[str, int]], column: int) -> str:
    text, left = pending[column]
    if left <= 1:
        del pending[column]
    else:
        pending[column] = (text, left - 1)
    return text
