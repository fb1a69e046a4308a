"""Word notices (.docx): paragraphs and tables in body order.

Reads the body XML directly (through python-docx's parsed element tree)
rather than `table.rows[i].cells`, which is quadratic on long tables and
hides how cells are merged.  Vertically merged cells are repeated into
every row they cover, so 序号/项目名称 carry down like in print.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from ..exceptions import UnknownFormat
from .blocks import Para, Row, row_or_para
from .decode import ZIP_ERRORS
from .tables import parse_header

BROKEN = "{name} 无法作为 Word 文档打开（{why}）。请用 Word 或 WPS 打开后另存为 .docx 再试。"
DAMAGED = "文件已损坏或不完整"
TOO_BIG = "解压后超过 {mb} MB，不像是通知"
# python-docx loads every part into memory: a small zip that inflates to
# gigabytes must be refused before it is opened.  Real notices with pictures
# stay far below this.
MAX_UNZIPPED = 200_000_000


def docx_blocks(path: Path) -> list[Para | Row]:
    """Return the blocks of a .docx notice; `line` counts paragraphs and rows."""
    _check_size(path)
    try:
        body = docx.Document(str(path)).element.body
    except Exception as exc:  # python-docx raises many kinds on corrupt files
        raise UnknownFormat(BROKEN.format(name=path.name, why=DAMAGED)) from exc
    blocks: list[Para | Row] = []
    tab_table = False  # inside a table typed with tabs, one line per row
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = _text(child).strip(" ")
            if not text.strip():
                continue
            cells = [c.strip() for c in text.split("\t")]
            # A text notice opened in Word and saved as .docx keeps its tables
            # as tab-separated lines: from a 序号 header on, they are rows.
            tab_table = "\t" in text and (tab_table or parse_header(cells) is not None)
            if tab_table:
                blocks.append(Row(cells, len(blocks) + 1))
            else:
                blocks.append(Para(text.replace("\t", " ").strip(), len(blocks) + 1))
        elif child.tag == qn("w:tbl"):
            tab_table = False
            for cells in _table_rows(child):
                blocks.append(row_or_para(cells, len(blocks) + 1))
    return blocks


def _check_size(path: Path) -> None:
    """Refuse a zip whose members inflate past MAX_UNZIPPED (zipfile never
    reads past the size a member declares)."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except ZIP_ERRORS as exc:
        raise UnknownFormat(BROKEN.format(name=path.name, why=DAMAGED)) from exc
    if total > MAX_UNZIPPED:
        raise UnknownFormat(BROKEN.format(name=path.name, why=TOO_BIG.format(mb=MAX_UNZIPPED // 1_000_000)))


def _text(element) -> str:
    parts = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == qn("w:tab") else " ")
    return "".join(parts)


def _table_rows(table) -> list[list[str]]:
    """Return the rows of a Word table, one cell per `w:tc`.

    Word and LibreOffice draw a table on a grid finer than its columns, so
    one logical column may span two grid columns in one row and one in the
    next: a `gridSpan` is not repeated.  A vertically merged cell takes the
    text of the cell above that starts at the same grid column.
    """
    rows: list[list[str]] = []
    above: dict[int, str] = {}
    for tr in table.iterchildren(qn("w:tr")):
        cells: list[str] = []
        starts: dict[int, str] = {}
        grid = 0
        for tc in tr.iterchildren(qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            span, merge = 1, None
            if props is not None:
                spanned = props.find(qn("w:gridSpan"))
                span = _grid_span(spanned.get(qn("w:val"))) if spanned is not None else 1
                vmerge = props.find(qn("w:vMerge"))
                merge = None if vmerge is None else (vmerge.get(qn("w:val")) or "continue")
            if merge == "continue":
                text = above.get(grid, "")
            else:
                text = "\n".join(_text(p).replace("\t", " ").strip() for p in tc.iterchildren(qn("w:p"))).strip()
            cells.append(text)
            starts[grid] = text
            grid += span
        above = starts
        rows.append(cells)
    return rows


def _grid_span(value: str | None) -> int:
    """Return a `w:gridSpan` value; a missing, non-integer or absurd one
    (hand-edited or broken files) counts as 1, since a span only moves the
    grid column used to find merged cells."""
    if value is None or not re.fullmatch(r"\s*\d{1,4}\s*", value):
        return 1
    return max(1, int(value))
