"""Turn a text notice into the other formats clerks receive (Word, web page,
GBK text), so round-trip tests need no office suite.

The conversion works on the text reader's blocks: each paragraph becomes a
paragraph, each run of rows a table; empty 序号/项目名称 cells under a value
become vertically merged cells, and header rows are marked to repeat.
"""

from __future__ import annotations

import html
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from toolkit.notices.blocks import Para, Row
from toolkit.notices.text import text_blocks


def _groups(path: Path) -> list[Para | list[Row]]:
    groups: list[Para | list[Row]] = []
    for block in text_blocks(path.read_text(encoding="utf-8")):
        if isinstance(block, Row):
            if groups and isinstance(groups[-1], list) and len(groups[-1][0].cells) == len(block.cells):
                groups[-1].append(block)
            else:
                groups.append([block])
        else:
            groups.append(block)
    return groups


def _spans(rows: list[Row], column: int) -> list[int]:
    """Return each cell's rowspan in `column` (0 for a covered cell): an empty
    cell under a filled one is merged into it, as in the printed 民生实事 table."""
    spans = [1] * len(rows)
    top = None
    for i, row in enumerate(rows):
        value = row.cells[column] if column < len(row.cells) else ""
        if value == "" and top is not None and i > 0 and "序号" not in rows[i - 1].cells[0]:
            spans[top] += 1
            spans[i] = 0
        else:
            top = i
    return spans


def _merge_columns(rows: list[Row]) -> list[int]:
    header = rows[0].cells
    return [i for i, c in enumerate(header) if c in ("序号", "项目名称")] if "项目内容" in header else []


def to_html(path: Path, target: Path) -> Path:
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>通知</title></head><body>"]
    for group in _groups(path):
        if isinstance(group, Para):
            out.append(f"<p>{html.escape(group.text)}</p>")
            continue
        merged = {c: _spans(group, c) for c in _merge_columns(group)}
        out.append("<table border='1'>")
        for r, row in enumerate(group):
            tag = "th" if "序号" in row.cells else "td"
            cells = []
            for c, value in enumerate(row.cells):
                span = merged.get(c, [1] * len(group))[r]
                if span == 0:
                    continue
                attr = f" rowspan='{span}'" if span > 1 else ""
                cells.append(f"<{tag}{attr}>{html.escape(value)}</{tag}>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    target.write_text("\n".join(out), encoding="utf-8")
    return target


def to_docx(path: Path, target: Path) -> Path:
    document = docx.Document()
    for group in _groups(path):
        if isinstance(group, Para):
            document.add_paragraph(group.text)
            continue
        width = len(group[0].cells)
        table = document.add_table(rows=len(group), cols=width)
        for r, row in enumerate(group):
            for c in range(width):
                table.cell(r, c).text = row.cells[c] if c < len(row.cells) else ""
            if "序号" in row.cells:
                _repeat_header(table.rows[r])
        for c in _merge_columns(group):
            spans = _spans(group, c)
            for r, span in enumerate(spans):
                if span > 1:
                    text = table.cell(r, c).text
                    merged = table.cell(r, c).merge(table.cell(r + span - 1, c))
                    merged.text = text
    document.save(target)
    return target


def to_gbk(path: Path, target: Path) -> Path:
    target.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    return target


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)
