"""write_summary: figures, tables per leader, lagging tasks, blank form."""

from __future__ import annotations

import re
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from pdf_pages import require_renderer
from progress_support import make_master
from toolkit.model import ProgressEntry as P
from toolkit.progress.summary import task_progress, write_summary
from toolkit.workbook.read import read_master

from conftest import soffice_convert

ENTRIES = [
    P("01-01", "2023Q1", "区财政局", "序时推进", 35.0, "收入增长5.2%"),
    P("01-01", "2023Q1", "区发改局", "滞后", 30.0, "配合推进"),      # support: the lead's report stands
    P("01-02", "2023Q1", "区发改局", "已完成", 100.0, "完成投资312亿元"),
    P("01-03", "2023Q1", "区财政局", "已完成", 100.0, "奖补资金已拨付"),  # lead 区科技局 silent
    P("02-02", "2023Q1", "区卫健局", "滞后", 15.0, "主体结构施工延误", "施工许可审批慢", "协调住建部门"),
    P("02-02", "2023Q1", "区财政局", "序时推进", 20.0, "", "资金缺口2亿元"),
    P("02-03", "2023Q1", "区发改局", "未启动", 0.0, "", "选址未定", "尽快确定选址"),
    P("02-01", "2022Q4", "区教育局", "已完成", 100.0),               # another quarter: ignored
]


@pytest.fixture
def master(tmp_path):
    return read_master(make_master(tmp_path / "总台账.xlsx", progress=ENTRIES))


def _texts(path):
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_task_status_prefers_the_lead_then_the_most_cautious(master):
    got = [(i.task.id, i.status, i.percent) for i in task_progress(master, "2023Q1")]
    assert got == [("01-01", "序时推进", 35.0), ("01-02", "已完成", 100.0), ("01-03", "已完成", 100.0),
                   ("02-01", "未报送", None), ("02-02", "滞后", 15.0), ("02-03", "未启动", 0.0)]


def test_summary_text(master, tmp_path):
    out = tmp_path / "季度进展.docx"
    figures = write_summary(master, "2023Q1", out)
    assert figures.counts == {"已完成": 2, "序时推进": 1, "滞后": 1, "未启动": 1, "未报送": 1}
    assert figures.missing_units == ["区科技局", "区教育局"] and figures.lagging == ["02-02"]
    texts = [t for t in _texts(out) if t]
    assert texts[:3] == [
        "2023年第一季度政府工作报告\n重点工作进展情况",
        "一、总体情况",
        "纳入责任分解的重点工作共6项。截至2023年第一季度末，已完成2项，序时推进1项，滞后1项，未启动1项，"
        "未报送1项。应报送单位5个，已报送3个。",
    ]
    assert texts[3:] == [
        "图1  重点工作完成状态（按任务数）", "二、分领导进展情况", "图2  分领导重点工作完成状态（按任务数）",
        "■已完成　■序时推进　■滞后　■未启动　■未报送　",
        "（一）林杰同志牵头的重点工作", "共3项，已完成2项，序时推进1项，滞后0项，未启动0项，未报送0项。",
        "（二）王芳同志牵头的重点工作", "共3项，已完成0项，序时推进0项，滞后1项，未启动1项，未报送1项。",
        # Lit against 序时进度 25 %: 01-01 (35 %), 01-02 (已完成) and 01-03 (its lead
        # silent, 区财政局's 已完成 stands) green; 02-02 (15 %) and 02-03 (0 %)
        # 10 and 25 points behind, yellow; 02-01 unreported.
        "三、三色预警情况",
        "对照序时进度（25%），落后10个百分点及以上为黄灯，超过30个百分点或已到完成时限尚未完成为红灯。"
        "重点工作中，绿灯3项、黄灯2项、红灯0项、未报送1项。",
        # The stray 2022Q4 row (02-01 已完成) is the quarter before: 1 green, 5 unreported.
        "与2022年第四季度相比，绿灯增加2项，黄灯增加2项，红灯持平，未报送减少4项。",
        "有红灯或黄灯任务的单位2个：", "红灯、黄灯任务共2项：",
        "四、滞后任务及存在问题", "本季度滞后任务共1项：",
        "1.【02-02】推进区人民医院迁建工程。（牵头领导：王芳；牵头单位：区卫健局）",
        "区卫健局：存在问题：施工许可审批慢；下步打算：协调住建部门。",
        "区财政局：存在问题：资金缺口2亿元。",
        "五、未报送单位", "截至汇总时，共2个单位未报送：区科技局、区教育局。",
    ]
    assert figures.lights == {"绿灯": 3, "黄灯": 2, "红灯": 0, "未报送": 1, "无责任单位": 0}


def test_leader_tables_and_chart(master, tmp_path):
    out = tmp_path / "s.docx"
    write_summary(master, "2023Q1", out)
    document = docx.Document(str(out))
    chart, leaders, first, second, by_leader, by_unit, flagged = document.tables
    assert [[c.text for c in row.cells] for row in by_leader.rows] == [
        ["牵头领导", "绿灯", "黄灯", "红灯", "未报送", "合计"], ["林杰", "3", "0", "0", "0", "3"],
        ["王芳", "0", "2", "0", "1", "3"]]
    # Each unit lit from its own report: 区发改局's 滞后 30 % on 01-01 (a support
    # row) is yellow although on time, its 未启动 02-03 yellow, 01-02 green.
    assert [[c.text for c in row.cells] for row in by_unit.rows] == [
        ["单位", "绿灯", "黄灯", "红灯", "未报送", "合计"], ["区发改局", "1", "2", "0", "0", "3"],
        ["区卫健局", "0", "1", "0", "0", "1"]]
    assert [[c.text for c in row.cells] for row in flagged.rows] == [
        ["编号", "重点工作", "牵头单位", "预警", "存在问题"],
        ["02-02", "推进区人民医院迁建工程。", "区卫健局", "黄灯\n落后序时进度10个百分点", "施工许可审批慢"],
        ["02-03", "建设科技创新园区2个。", "区发改局", "黄灯\n落后序时进度25个百分点", "选址未定"]]
    assert [[c.text for c in row.cells] for row in first.rows][:2] == [
        ["编号", "重点工作", "牵头单位", "完成状态及进度", "进展情况"],
        ["01-01", "实施财政收入提质行动，一般公共预算收入增长6%。", "区财政局", "序时推进\n35%", "收入增长5.2%"]]
    assert [row.cells[0].text for row in second.rows] == ["编号", "02-01", "02-02", "02-03"]
    assert [row.cells[3].text for row in second.rows][1:] == ["未报送", "滞后\n15%", "未启动\n0%"]
    # Rows never split across pages (a split row reads as two tasks).
    assert len(list(first._tbl.iter(qn("w:cantSplit")))) == len(first.rows) == 4
    fills = [[shd.get(qn("w:fill")) for shd in tr.iter(qn("w:shd"))] for tr in chart._tbl.findall(qn("w:tr"))]
    assert fills == [["2E7D32"], ["1E88E5"], ["C62828"], ["757575"], ["F9A825"]]
    spans = [int(g.get(qn("w:val"))) for g in chart._tbl.findall(qn("w:tr"))[0].iter(qn("w:gridSpan"))]
    assert spans == [17, 33]  # 已完成 2 of 6 tasks = a third of the 50 bar columns


def test_page_setup_follows_gbt9704(master, tmp_path):
    out = tmp_path / "s.docx"
    write_summary(master, "2023Q1", out)
    section = docx.Document(str(out)).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # A4
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]


def test_blank_form_has_tasks_and_empty_progress(master, tmp_path):
    out = tmp_path / "填报稿.docx"
    write_summary(master, "2023Q1", out, blank=True)
    document = docx.Document(str(out))
    assert [t for t in _texts(out) if t][:3] == [
        "2023年第一季度政府工作报告\n重点工作进展情况（填报稿）", "一、填报说明",
        "本稿供以纸质方式报送的单位填写：请在“完成状态及进度”栏填写已完成、序时推进、滞后、未启动之一，"
        "在其下写明完成进度（0至100），并简要填写进展情况；滞后的任务请另附存在问题和下步打算。"]
    first, second = document.tables
    assert [[c.text for c in row.cells] for row in first.rows][1] == [
        "01-01", "实施财政收入提质行动，一般公共预算收入增长6%。", "区财政局", "", ""]
    assert len(second.rows) == 4
    heights = [tr.find(qn("w:trPr")).find(qn("w:trHeight")) for tr in first._tbl.findall(qn("w:tr"))]
    assert heights[0] is None and [h.get(qn("w:val")) for h in heights[1:]] == ["1701"] * 3
    # Room to write: the 进展情况 column is the widest but the task's.
    assert [c.width.twips for c in first.columns] == [1000, 2500, 1200, 1150, 2994]
    assert _texts(out)[4:6] == ["填报单位（盖章）：______________________________",
                                "填报人：________________　　联系电话：________________"]


def test_libreoffice_renders_three_a4_pages(master, tmp_path):
    require_renderer()
    out = tmp_path / "季度进展.docx"
    write_summary(master, "2023Q1", out)
    soffice_convert("pdf", out, tmp_path)
    info = subprocess.run(["pdfinfo", str(out.with_suffix(".pdf"))], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+3\n", info)  # the 三色预警 section fills most of the third
    assert re.search(r"Page size:\s+595.\d+ x 841.89 pts \(A4\)", info)


def _table_cells(path, column: int) -> list[list[str]]:
    """Return `column` of each leader's task table (not the lights' tables)."""
    return [[row.cells[column].text for row in t.rows][1:] for t in docx.Document(str(path)).tables
            if t.rows[0].cells[0].text == "编号" and t.rows[0].cells[3].text == "完成状态及进度"]


def test_lost_task_text_points_to_the_notice(tmp_path):
    from progress_support import lost_text_notice

    master = read_master(make_master(tmp_path / "m.xlsx", lost_text_notice(), progress=ENTRIES))
    out, blank = tmp_path / "s.docx", tmp_path / "b.docx"
    write_summary(master, "2023Q1", out)
    write_summary(master, "2023Q1", blank, blank=True)
    assert _table_cells(out, 1)[1][1] == "（原文缺失，请以通知原件为准）"
    assert "1.【02-02】（原文缺失，请以通知原件为准）（牵头领导：王芳；牵头单位：区卫健局）" in _texts(out)
    assert [[r.cells[1].text for r in t.rows] for t in docx.Document(str(blank)).tables][1][2] == \
        "（原文缺失，请以通知原件为准）"


ALIAS_ENTRIES = [
    P("01-02", "2023Q1", "区发展改革局", "滞后", 10.0, "", "用地未批"),
    P("01-03", "2023Q1", "区科技局", "滞后", 5.0, "", "经费不足"),
    P("02-01", "2023Q1", "区教育局", "滞后", 0.0),
]


def test_lead_units_use_the_clerks_names_and_agree_on_unknown(tmp_path):
    from progress_support import alias_master

    master = read_master(alias_master(tmp_path / "m.xlsx", progress=ALIAS_ENTRIES))
    out = tmp_path / "s.docx"
    write_summary(master, "2023Q1", out)
    assert _table_cells(out, 2) == [["区财政局", "区发改局", "未明确"], ["未明确", "区卫健局", "区发改局"]]
    texts = _texts(out)
    start = texts.index("本季度滞后任务共3项：")
    assert texts[start + 1:start + 7] == [
        "1.【01-02】谋划重大项目120个，完成有效投资300亿元。（牵头领导：林杰；牵头单位：区发改局）",
        "区发改局：存在问题：用地未批。",
        "2.【01-03】新增国家高新技术企业60家。（牵头领导：林杰；牵头单位：未明确）",
        "区科技局：存在问题：经费不足。",
        "3.【02-01】新建改扩建中小学5所，新增学位3000个。（牵头领导：王芳；牵头单位：未明确）",
        "五、未报送单位",  # 区教育局 wrote no problem: no "存在问题：未填写" for the leaders
    ]


def test_problems_line_joins_clauses_without_doubled_punctuation():
    from toolkit.progress.summary import problems_line

    entry = P("01-01", "2023Q1", "区财政局", "滞后", 10.0, "", "要素保障不足，进度慢于预期。", "加强协调。")
    assert problems_line(entry) == "存在问题：要素保障不足，进度慢于预期；下步打算：加强协调。"
    assert problems_line(P("01-01", "2023Q1", "区财政局", "滞后", 10.0, "", "", "倒排工期。。")) == "下步打算：倒排工期。"
    assert problems_line(P("01-01", "2023Q1", "区财政局", "滞后")) == ""


def test_tasks_of_group_phrases_only_are_apart_not_unreported(tmp_path):
    from progress_support import small_notice
    from toolkit.model import Section, Task, UnitRef

    notice = small_notice({**small_notice().meta, "落款": "温州市鹿城区人民政府办公室"})
    common = Task(number="1", text="持续深化作风建设。", id="03-01", units_cell="区政府直属各单位，各街镇",
                  units=[UnitRef("区政府直属各单位", False), UnitRef("各街镇", False)])
    notice.sections.append(Section("三、区政府直属各单位、各街镇共同落实工作", "", tasks=[common]))
    master = read_master(make_master(tmp_path / "m.xlsx", notice, progress=ENTRIES))
    out = tmp_path / "s.docx"
    figures = write_summary(master, "2023Q1", out)
    assert figures.counts["未报送"] == 1  # 02-01 only, not 03-01
    texts = [t for t in _texts(out) if t]
    assert texts[2].endswith("另有共同落实工作1项由各单位共同落实，不单独报送（见第六部分）。")
    lights = texts.index("三、三色预警情况")
    assert texts[lights + 1].endswith("重点工作中，绿灯3项、黄灯2项、红灯0项、未报送1项。另有1项仅由统称单位负责，未纳入亮灯。")
    assert figures.lights["无责任单位"] == 1
    assert texts[-4:-2] == ["六、共同落实工作", "03-01共1项由区政府直属各单位、各街镇共同落实，未确定牵头单位，不单独报送进展。"]
    assert texts[-2] == "温州市鹿城区人民政府办公室" and re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", texts[-1])
    assert all("03-01" not in row.cells[0].text for t in docx.Document(str(out)).tables for row in t.rows)


def test_a_master_without_tasks_is_refused(tmp_path):
    from toolkit.exceptions import ToolkitError
    from toolkit.model import Notice
    from toolkit.progress.summary import NO_TASKS

    master = read_master(make_master(tmp_path / "m.xlsx", Notice(source="test", sections=[])))
    with pytest.raises(ToolkitError) as err:
        write_summary(master, "2023Q1", tmp_path / "s.docx")
    assert str(err.value) == NO_TASKS == ("总台账的“重点工作”表中没有任务，无法生成季度进展报告。"
                                          "请确认选的是总台账，或先用 toolkit import 导入责任分解通知。")
    assert not (tmp_path / "s.docx").exists()


def test_receiving_units_are_listed_once_per_summary(master, tmp_path, monkeypatch):
    from toolkit.model import Master

    calls = []
    original = Master.receiving_units

    def counted(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(Master, "receiving_units", counted)
    write_summary(master, "2023Q1", tmp_path / "s.docx")
    assert len(calls) == 1


def test_split_rows_keeps_only_the_header_unsplittable():
    from toolkit.render.document import add_table, new_document

    tbl = add_table(new_document(), ("编号", "重点工作"), [("01", "甲"), ("02", "乙")], (1000, 3000), split_rows=True)
    assert [len(tr.findall(f"{qn('w:trPr')}/{qn('w:cantSplit')}")) for tr in tbl.findall(qn("w:tr"))] == [1, 0, 0]
