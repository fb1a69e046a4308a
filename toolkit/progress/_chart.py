"""Bar charts drawn with shaded table cells, for the quarterly summary.

No plotting library is installed (matplotlib, Pillow), and a picture cannot
be corrected by a clerk; shaded cells print in Word, WPS and LibreOffice,
survive copy-paste into another 公文, and carry their numbers as text.
Each bar is one cell spanning as many of BAR_COLUMNS narrow grid columns as
its share; stacked bars are several such cells side by side.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from ..render import _oxml
from ..render.document import body_end, style_id

BAR_COLUMNS = 50
COLOURS = {"已完成": "2E7D32", "序时推进": "1E88E5", "滞后": "C62828", "未启动": "757575", "未报送": "F9A825",
           # 三色预警 lights (toolkit/progress/lights.py)
           "绿灯": "43A047", "黄灯": "FDD835", "红灯": "E53935", "无责任单位": "BDBDBD"}


def add_bar_chart(doc: DocxDocument, rows: Sequence[tuple[str, Sequence[tuple[str, int]], str]],
                  total: int, label_width: int, value_width: int, bar_width: int) -> None:
    """Append a borderless chart: per row a label, bars, and a value text.

    `rows` holds (label, [(status, count), …], value text); each count is
    drawn as a cell of COLOURS[status] proportional to `total`.  Widths are
    in twips; the bar area is split into BAR_COLUMNS grid columns.
    """
    step = bar_width // BAR_COLUMNS
    widths = [label_width] + [step] * BAR_COLUMNS + [value_width + bar_width - step * BAR_COLUMNS]
    tbl = _oxml.table(widths)
    _no_borders(tbl)
    text, centre = style_id("GW Table Text"), style_id("GW Table Center")
    for label, parts, value in rows:
        spans = _spans([count for _, count in parts], total)
        cells = [_oxml.paragraph(label, centre)]
        colours: list[str | None] = [None]
        used = 0
        for (status, _), span in zip(parts, spans):
            if span:
                cells.append(_oxml.paragraph("", text))
                colours.append(COLOURS[status])
                used += span
        spans = [s for s in spans if s]
        if used < BAR_COLUMNS:
            cells.append(_oxml.paragraph("", text))
            colours.append(None)
            spans.append(BAR_COLUMNS - used)
        cells.append(_oxml.paragraph(value, text))
        colours.append(None)
        _oxml.table_row(tbl, cells, widths, spans=[1] + spans + [1])
        for tc, colour in zip(tbl.findall(qn("w:tr"))[-1].findall(qn("w:tc")), colours):
            if colour:
                _shade(tc, colour)
    body_end(doc).addprevious(tbl)


def _spans(counts: Sequence[int], total: int) -> list[int]:
    """Return grid columns per count, rounding so non-zero counts stay
    visible and the spans never exceed BAR_COLUMNS."""
    if total <= 0:
        return [0] * len(counts)
    spans = [max(1, round(BAR_COLUMNS * n / total)) if n else 0 for n in counts]
    while sum(spans) > BAR_COLUMNS:
        spans[spans.index(max(spans))] -= 1
    return spans


def _shade(tc, colour: str) -> None:
    tcpr = tc.find(qn("w:tcPr"))
    shd = _oxml.el("w:shd", val="clear", color="auto", fill=colour)
    valign = tcpr.find(qn("w:vAlign"))
    # CT_TcPr order: shd comes before vAlign.
    if valign is not None:
        valign.addprevious(shd)
    else:
        tcpr.append(shd)


def _no_borders(tbl) -> None:
    """Draw no grid lines; white horizontal rules keep bars apart."""
    borders = tbl.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    for edge in borders:
        edge.set(qn("w:val"), "nil")
    horizontal = borders.find(qn("w:insideH"))
    horizontal.set(qn("w:val"), "single")
    horizontal.set(qn("w:sz"), "24")
    horizontal.set(qn("w:color"), "FFFFFF")


def legend(statuses: Sequence[str]) -> list[tuple[str, str | None]]:
    """Return (text, colour) runs of a legend line: a coloured ■ per status."""
    runs: list[tuple[str, str | None]] = []
    for status in statuses:
        runs += [("■", COLOURS[status]), (status + "　", None)]
    return runs
