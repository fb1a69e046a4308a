"""The generated 责任分解 notice (toolkit.render.notice): content, layout, round trip."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph
from fixtures.render.sample import sample_master

from toolkit.importing import import_notices
from toolkit.model import Master, Notice
from toolkit.notices import read_notice
from toolkit.render.notice import LEAD_NOTE, write_notice
from toolkit.workbook import read_master

INPUTS = Path(__file__).resolve().parents[1] / "inputs"
# Every published notice among the samples (the work report is not one).
SAMPLES = sorted(p.name for p in INPUTS.glob("*.txt") if "work-report" not in p.name)


def _shape(notice: Notice, master: Master | None = None) -> list[tuple]:
    """Return what must survive a round trip: sections, tasks, units, leads."""
    canonical = master.canonical if master else (lambda name: name)
    out: list[tuple] = []
    for s in notice.sections:
        # An empty section (一、…区长牵头: 总负责) prints no table, so no column label.
        out.append(("section", s.part, s.heading, s.target_label if s.tasks else "", s.note))
        for t in s.tasks:
            units = sorted({(canonical(u.name), u.lead) for u in t.units})
            out.append(("task", t.number, t.text, t.target, t.remark, t.leader or s.leader,
                        t.category1, t.category2, tuple(units)))
    out += [("item", i.number, i.project, i.content, i.leader, tuple(i.units)) for i in notice.livelihood]
    return out


@pytest.fixture
def sample(tmp_path):
    master = sample_master(tmp_path)
    path = tmp_path / "责任分解.docx"
    write_notice(master, path)
    return master, path


def test_sample_round_trip_gives_back_the_master(sample):
    master, path = sample
    notice, _ = read_notice(path)
    assert _shape(notice) == _shape(master.notice, master)
    assert len(notice.tasks) == 7 and len(notice.livelihood) == 5


@pytest.mark.parametrize("name", SAMPLES)
def test_real_notice_round_trip(name, tmp_path):
    master_path = tmp_path / "master.xlsx"
    import_notices([INPUTS / name], master_path)
    master = read_master(master_path)
    out = tmp_path / "notice.docx"
    write_notice(master, out)
    notice, _ = read_notice(out)
    assert _shape(notice) == _shape(master.notice, master)
    assert len(notice.tasks) == len(master.notice.tasks) > 20
    assert notice.problems == []
    keys = ["文号", "主送", "成文日期", "抄送", "印发机关", "印发日期"]
    # The 版头 (发文机关标志) is printed only when the master names the 发文机关.
    keys += ["发文机关"] if master.notice.meta.get("发文机关") else []
    for key in keys:
        assert notice.meta.get(key) == master.notice.meta.get(key), key


def test_cover_letter_fields_are_tidied_per_gbt9704(sample):
    _, path = sample
    texts = [p.text for p in docx.Document(str(path)).paragraphs][HEAD_LINES:]
    # The title is broken between words, in a 梯形 (7.3.1).
    assert texts[:2] == ["温州市鹿城区人民政府办公室\n关于印发2023年政府工作报告\n重点工作责任分解的通知", ""]
    assert texts[2] == "各街道办事处、镇人民政府，区政府直属各单位："
    assert texts[6:8] == ["附件：1. 2023年政府工作报告重点工作责任分解", "2. 2023年度区政府民生实事项目任务分解"]
    assert texts[9:12] == ["温州市鹿城区人民政府办公室", "2023年2月27日", "（此件公开发布）"]


# The 版头: 发文机关标志, 空二行, 发文字号, red line, 空二行.
HEAD_LINES = 7


def test_head_has_the_issuer_mark_doc_number_and_red_line(sample):
    _, path = sample
    paragraphs = docx.Document(str(path)).paragraphs
    assert [(p.text, p.style.name) for p in paragraphs[:HEAD_LINES]] == [
        ("温州市鹿城区人民政府办公室文件", "GW Issuer Mark"), ("", "GW Plain"), ("", "GW Plain"),
        ("温鹿政办〔2023〕12号", "GW Center"), ("", "GW Rule"), ("", "GW Plain"), ("", "GW Plain"),
    ]
    mark = paragraphs[0]
    assert mark.alignment is None and mark.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    font = mark.style.font
    assert (font.color.rgb, font.size.pt) == (RGBColor(0xFF, 0, 0), 36)
    assert mark.style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    # 15 小初 characters (540 pt) would not fit the 442 pt line: narrowed.
    rpr = mark.runs[0]._r.rPr
    assert rpr.find(qn("w:w")).get(qn("w:val")) == "77"
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "72"
    rule = paragraphs[4]._p.pPr.find(qn("w:pBdr"))
    assert [(b.tag, b.get(qn("w:color"))) for b in rule] == [(qn("w:bottom"), "FF0000")]
    # A rule without indents spans the type area.
    assert paragraphs[4]._p.pPr.find(qn("w:ind")) is None
    assert paragraphs[4].style.paragraph_format.left_indent in (None, 0)
    assert paragraphs[HEAD_LINES].style.name == "GW Title"


def test_issuer_mark_is_narrowed_then_shrunk_to_stay_on_one_line():
    from toolkit.render.document import ISSUER_WIDTH, issuer_mark_fit

    assert issuer_mark_fit("鹿城区政府文件") == (36, 100)
    assert issuer_mark_fit("温州市鹿城区人民政府办公室文件") == (36, 77)
    joint = "中共温州市鹿城区委办公室温州市鹿城区人民政府办公室文件"
    size, scale = issuer_mark_fit(joint)
    assert size < 36 and scale >= 60
    for text in ("鹿城区政府文件", joint, joint * 2):
        size, scale = issuer_mark_fit(text)
        assert len(text) * size * scale / 100 <= ISSUER_WIDTH


def test_issuer_typed_with_wenjian_is_not_doubled(tmp_path):
    from fixtures.render.sample import sample_master_path, sample_notice

    notice = sample_notice()
    notice.meta["发文机关"] = "温州市鹿城区人民政府办公室文件"
    master = read_master(sample_master_path(tmp_path, notice))
    path = tmp_path / "n.docx"
    write_notice(master, path)
    assert docx.Document(str(path)).paragraphs[0].text == "温州市鹿城区人民政府办公室文件"


def test_paragraph_styles_follow_the_layout(sample):
    _, path = sample
    paragraphs = docx.Document(str(path)).paragraphs
    styles = {p.text: p.style.name for p in paragraphs if p.text}
    assert styles["温州市鹿城区人民政府办公室\n关于印发2023年政府工作报告\n重点工作责任分解的通知"] == "GW Title"
    assert styles["附件1"] == "GW Annex Label"
    assert styles["二、林杰常委、常务副区长牵头重点工作"] == "GW Section"
    assert styles[LEAD_NOTE] == "GW Note"


def test_sections_are_portrait_cover_landscape_tables_portrait_imprint(sample):
    _, path = sample
    doc = docx.Document(str(path))
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert doc.paragraphs[-1].text == "\u3000温州市鹿城区人民政府办公室\t2023年3月3日印发"
    assert doc.paragraphs[-2].text == "抄送：区委各部门，区人大常委会、政协办公室，区法院，区检察院。"


def _last_section_texts(doc) -> list[str]:
    """Return the texts of the paragraphs after the last section break."""
    body = list(doc.element.body.iterchildren(qn("w:p")))
    breaks = [i for i, p in enumerate(body) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    return [Paragraph(p, None).text for p in body[breaks[-1] + 1:]]


def test_imprint_section_starts_on_an_even_page(sample):
    _, path = sample
    doc = docx.Document(str(path))
    # Double-sided printing: the 版记 is on the back of the last sheet.
    assert [s.start_type for s in doc.sections] == [WD_SECTION.NEW_PAGE, WD_SECTION.NEW_PAGE, WD_SECTION.EVEN_PAGE]
    texts = [t for t in _last_section_texts(doc) if t]
    assert texts == ["抄送：区委各部门，区人大常委会、政协办公室，区法院，区检察院。",
                     "\u3000温州市鹿城区人民政府办公室\t2023年3月3日印发"]
    assert not list(doc.sections[-1]._sectPr.itersiblings())
    assert doc.element.body.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is None


def test_task_tables_have_the_source_columns_and_canonical_starred_units(sample):
    _, path = sample
    tables = docx.Document(str(path)).tables
    assert len(tables) == 3
    first = [[c.text for c in row.cells] for row in tables[0].rows]
    assert first[0] == ["序号", "重点工作", "区本级任务数", "责任单位", "备注"]
    assert first[3] == ["3", "整合设立10亿元政府产业基金，新签约亿元以上产业项目20个。", "",
                        "*区投资促进服务中心、区科技局、区财政局、区金融办，各街镇", ""]  # as printed
    second = [[c.text for c in row.cells] for row in tables[1].rows]
    # 区人力社保局 is the clerk's alias of 区人社局: the notice uses the name.
    assert second[1][2:4] == ["10所", "*区教育局、区人社局"]
    for table in tables:
        rows = table._tbl.findall(qn("w:tr"))
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows)


def test_livelihood_table_merges_number_and_project(sample):
    _, path = sample
    table = docx.Document(str(path)).tables[2]
    rows = table._tbl.findall(qn("w:tr"))
    assert [c.text for c in table.rows[0].cells] == ["序号", "项目名称", "项目内容", "牵头领导", "牵头单位"]

    def merge(tr):
        vmerge = tr.findall(qn("w:tc"))[0].tcPr.find(qn("w:vMerge"))
        return None if vmerge is None else (vmerge.get(qn("w:val")) or "continue")

    assert [merge(tr) for tr in rows[1:]] == ["restart", "continue", None, "restart", "continue"]
    assert [c.text for c in table.rows[5].cells][2:] == ["新增城镇就业人员10000人。", "伍国军", "区人社局、区财政局"]


def test_table_only_writes_just_the_annexes_in_landscape(tmp_path):
    master = sample_master(tmp_path)
    path = tmp_path / "附件.docx"
    write_notice(master, path, table_only=True)
    doc = docx.Document(str(path))
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.LANDSCAPE]
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[:2] == ["附件1", "2023年政府工作报告重点工作责任分解"]
    assert "抄送" not in "".join(texts) and "温鹿政办〔2023〕12号" not in texts
    notice, _ = read_notice(path)
    assert _shape(notice) == _shape(master.notice, master)
    # The only section is landscape: its page numbers are turned text boxes.
    footer = doc.sections[0].footer.paragraphs[0]._p
    assert footer.find(f".//{qn('w:txbxContent')}") is not None
    assert footer.findall(f"{qn('w:r')}/{qn('w:t')}") == []


def test_summary_counts_what_was_written(tmp_path):
    master = sample_master(tmp_path)
    summary = write_notice(master, tmp_path / "n.docx")
    assert (summary.sections, summary.tasks, summary.livelihood) == (2, 7, 5)


def test_open_notice_is_refused_with_the_lock_file_named(tmp_path):
    from toolkit.exceptions import ToolkitError

    master = sample_master(tmp_path)
    (tmp_path / "~$n.docx").write_text("")
    with pytest.raises(ToolkitError) as exc:
        write_notice(master, tmp_path / "n.docx")
    assert str(exc.value) == "n.docx 正在被 Word 或 WPS 打开（发现锁文件 ~$n.docx）。请先关闭该文件再运行。"


def test_missing_cover_fields_fall_back_to_the_template_defaults(tmp_path):
    from toolkit.synthetic import make_notice
    from toolkit.workbook.rows import unit_rows

    notice = make_notice(tasks=10, units=6, sections=2)
    path = tmp_path / "n.docx"
    write_notice(Master(notice=notice, units=unit_rows(notice)), path)
    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    # No 发文机关: no 发文机关标志 and no red line, the 发文字号 comes first.
    assert not {"GW Issuer Mark", "GW Rule"} & {p.style.name for p in doc.paragraphs}
    assert texts[:7] == ["温鹿政办〔2026〕1号", "", "合成测试通知", "", "现将《重点工作责任分解》印发给你们，请认真贯彻执行。",
                         "", "附件：重点工作责任分解"]
    # No 抄送 or 印发日期: no 版记 page.
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    # texts[7] is the empty paragraph that carries the section break.
    assert texts[7:11] == ["", "附件", "", "重点工作责任分解"]


@pytest.mark.parametrize("name", SAMPLES)
def test_real_notice_round_trip_through_the_web_page(name, tmp_path):
    from toolkit.render.html import write_notice_html

    master_path = tmp_path / "master.xlsx"
    import_notices([INPUTS / name], master_path)
    master = read_master(master_path)
    out = tmp_path / "notice.html"
    write_notice_html(master, out)
    notice, _ = read_notice(out)
    assert _shape(notice) == _shape(master.notice, master)


def test_unit_cells_and_annex_titles_are_printed_as_in_the_source(tmp_path):
    """Issue 11: `，` before 各街镇 kept, a lone `*区金融办` keeps its star,
    附件2 keeps its printed title (the 附件说明 shortens it)."""
    master_path = tmp_path / "m.xlsx"
    import_notices([INPUTS / "lucheng-2023-notice.txt"], master_path)
    path = tmp_path / "n.docx"
    write_notice(read_master(master_path), path)
    document = docx.Document(str(path))
    cells = {row.cells[0].text + "|" + row.cells[1].text[:8]: row.cells[-2].text
             for table in document.tables for row in table.rows if len(row.cells) >= 4}
    assert cells["14|健全企业风险防范"] == "*区金融办"
    assert "*滨江商务区工作专班、区发改局、区经信局、区金融办、区投资促进服务中心，滨江街道" in cells.values()
    texts = [p.text for p in document.paragraphs]
    assert "2023年度区政府民生实事项目任务责任分解" in texts
    # The note only under tables that mark a lead unit with *.
    tables_with_star = sum(any("*" in c.text for row in t.rows for c in row.cells) for t in document.tables)
    assert texts.count(LEAD_NOTE) == tables_with_star < len(document.tables)
