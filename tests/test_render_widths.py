"""Task-table column widths fitted to the cells (toolkit.render.widths)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from pdf_pages import pages_text, require_renderer

from conftest import soffice_convert
from toolkit.importing import import_notices
from toolkit.render.notice import TASK_W, write_notice
from toolkit.render.styles import LANDSCAPE_TEXT_WIDTH
from toolkit.render.widths import fitted_widths, lines_of
from toolkit.workbook.read import read_master

CHUZHOU = Path(__file__).parent / "fixtures" / "real" / "chuzhou-2020-leader-lead-support-lines.txt"
UNITS = "*市发展改革委、市经信局、市商务局、市交通局、市农业农村局、滁州经开区管委会、中新苏滁高新区管委会、各县、市、区政府"


def test_lines_count_full_width_characters_and_half_width_ones():
    assert lines_of("区发改局", 1200) == 1      # 4 characters in (1200-216)//240 = 4
    assert lines_of("区发改局局", 1200) == 2
    assert lines_of("GDP8%", 1200) == 1         # five half-width characters are 2.5
    assert lines_of("甲\n乙", 4000) == 2


def test_long_unit_lists_beside_a_leader_column_get_the_room():
    roles = ["number", "text", "leader", "units"]
    rows = [["1", "地区生产总值增长8%以上。", "金力", UNITS]] * 3
    widths = fitted_widths(roles, rows, TASK_W, LANDSCAPE_TEXT_WIDTH)
    assert sum(widths) == LANDSCAPE_TEXT_WIDTH
    assert widths[0] == 700 and widths[2] == 1300
    # The fixed 3000 twips print these units in 6 lines; fitted, in 3,
    # while the short task text still takes one line.
    assert lines_of(UNITS, 3000) == 6
    assert lines_of(UNITS, widths[3]) == 3
    assert lines_of(rows[0][1], widths[1]) == 1


def test_long_task_texts_keep_the_width():
    text = "加快实施产业数字化，" * 12
    widths = fitted_widths(["number", "text", "units"], [["1", text, "区发改局"]], TASK_W, LANDSCAPE_TEXT_WIDTH)
    assert widths[2] == 2400   # the narrowest units column that holds one line
    assert widths[1] == LANDSCAPE_TEXT_WIDTH - 700 - 2400


def test_chuzhou_notice_prints_its_table_on_one_page(tmp_path):
    """The real 滁州 notice (a 责任领导 column): its three tasks' units no
    longer wrap to seven lines and push rows onto a half-empty page."""
    import_notices([CHUZHOU], tmp_path / "总台账.xlsx")
    path = tmp_path / "通知.docx"
    write_notice(read_master(tmp_path / "总台账.xlsx"), path)
    table = docx.Document(str(path)).tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert [table.cell(0, i).text for i in range(4)] == ["序号", "重点工作", "责任领导", "责任单位"]
    assert sum(grid) == LANDSCAPE_TEXT_WIDTH and grid[3] > 3000
    require_renderer()
    pages = pages_text(soffice_convert("pdf", path, tmp_path))
    annex = [n for n, page in enumerate(pages) if "重点工作责任分解" in page and "序号" in page]
    assert len(annex) == 1
    assert all(f"{n}" in pages[annex[0]] for n in ("地区生产总值", "财政收入", "固定资产投资"))
    assert "注：标记*的为牵头单位" in pages[annex[0]]
