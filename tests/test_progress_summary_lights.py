"""The summary's 三色预警 section (summary_lights.add_lights)."""

from __future__ import annotations

import docx

from supervision_support import Q1, Q2, supervision_master
from toolkit.progress.summary_lights import add_lights
from toolkit.render.document import new_document
from toolkit.workbook.read import read_master


def test_the_lights_section(tmp_path):
    master = read_master(supervision_master(tmp_path / "m.xlsx", Q1 + Q2, settings={"黄灯：落后序时进度（百分点）": "8"}))
    doc = new_document()
    lights = add_lights(doc, master, "2023Q2", "五")
    doc.save(str(tmp_path / "s.docx"))
    saved = docx.Document(str(tmp_path / "s.docx"))
    texts = [p.text for p in saved.paragraphs]
    assert texts[:2] == ["五、三色预警情况",
                         "对照序时进度（50%），落后8个百分点及以上为黄灯，超过30个百分点或已到完成时限尚未完成为红灯。"
                         "重点工作和民生实事中，绿灯2项、黄灯2项、红灯2项、未报送1项。另有1项仅由统称单位负责，未纳入亮灯。"]
    assert texts[2] == "与2023年第一季度相比，绿灯减少1项，黄灯增加2项，红灯增加1项，未报送减少2项。"
    leaders = [[c.text for c in r.cells] for r in saved.tables[0].rows]
    assert leaders == [["牵头领导", "绿灯", "黄灯", "红灯", "未报送", "合计"],
                       ["林杰", "1", "2", "0", "0", "3"], ["王芳", "1", "0", "2", "1", "4"]]
    units = [[c.text for c in r.cells][:4] for r in saved.tables[1].rows]
    assert units == [["单位", "绿灯", "黄灯", "红灯"], ["区发改局", "0", "2", "1"], ["区教育局", "0", "0", "1"],
                     ["区科技局", "0", "1", "0"]]
    listed = [[c.text for c in r.cells] for r in saved.tables[2].rows][1:]
    assert [r[0] for r in listed] == ["02-01", "02-03", "01-02", "01-03"]
    assert listed[0][3:] == ["红灯\n落后序时进度50个百分点", "用地未落实"]
    assert listed[3][3:] == ["黄灯\n落后序时进度30个百分点", "申报企业少"]
    assert lights.expected == 50


def test_the_section_says_how_many_tasks_have_their_own_target(tmp_path):
    from supervision_support import supervision_notice
    from toolkit.progress import settings as s
    from toolkit.workbook.rows import unit_rows
    from toolkit.workbook.write import write_master

    notice = supervision_notice()
    notice.tasks[2].extra["二季度目标"] = "进度达到60%"   # 01-03 at 20 %: red instead of yellow
    path = tmp_path / "m.xlsx"
    write_master(path, notice, unit_rows(notice), Q2, extra_sheets=[(s.SHEET, s.HEADERS, s.default_rows())])
    doc = new_document()
    add_lights(doc, read_master(path), "2023Q2", "三")
    assert doc.paragraphs[1].text == (
        "对照序时进度（50%），落后10个百分点及以上为黄灯，超过30个百分点或已到完成时限尚未完成为红灯。"
        "重点工作和民生实事中，绿灯2项、黄灯1项、红灯3项、未报送1项。其中1项设有本季度目标进度，对照该目标亮灯。"
        "另有1项仅由统称单位负责，未纳入亮灯。")
