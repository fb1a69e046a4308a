"""The web page of the tables (toolkit.render.html)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fixtures.render.sample import sample_master

from toolkit.exceptions import TemplateError
from toolkit.render.html import render_notice_html, write_notice_html


class _Tables(HTMLParser):
    """Collect headings and table rows (cell text, tag, rowspan)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, str, str]]] = []
        self.headings: list[str] = []
        self.captions: list[str] = []
        self._cell: list | None = None
        self._heading: list | None = None
        self._caption: list | None = None
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = [tag, attrs.get("scope", ""), attrs.get("rowspan", ""), ""]
        if tag in ("h1", "h2", "h3"):
            self._heading = [tag, ""]
        if tag == "caption":
            self._caption = [""]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[3] += data
        if self._heading is not None:
            self._heading[1] += data
        if self._caption is not None:
            self._caption[0] += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell:
            self.rows[-1].append(tuple(self._cell))
            self._cell = None
        if tag in ("h1", "h2", "h3") and self._heading:
            self.headings.append(f"{self._heading[0]}:{self._heading[1]}")
            self._heading = None
        if tag == "caption" and self._caption:
            self.captions.append(self._caption[0])
            self._caption = None


@pytest.fixture
def page(tmp_path):
    parser = _Tables()
    parser.feed(render_notice_html(sample_master(tmp_path)))
    return parser


def test_page_is_chinese_with_one_h1_and_a_heading_per_section(page):
    assert page.lang == "zh-CN"
    assert page.headings == [
        "h1:2023年政府工作报告重点工作责任分解",
        "h2:二、林杰常委、常务副区长牵头重点工作",
        "h2:三、张伟常委、副区长牵头重点工作",
        "h2:2023年度区政府民生实事项目任务分解",
    ]
    assert page.captions[:2] == ["二、林杰常委、常务副区长牵头重点工作（共4项）", "三、张伟常委、副区长牵头重点工作（共3项）"]


def test_header_cells_have_scope_and_rows_match_the_word_table(page):
    assert page.rows[0] == [("th", "col", "", h) for h in ("序号", "重点工作", "区本级任务数", "责任单位", "备注")]
    assert page.rows[2] == [("th", "row", "", "2"), ("td", "", "", "一般公共预算收入增长6%。"), ("td", "", "", ""),
                            ("td", "", "", "*区财政局、区税务局"), ("td", "", "", "")]


def test_livelihood_projects_span_rows(page):
    rows = page.rows[-5:]
    assert rows[0][:2] == [("th", "row", "2", "1"), ("td", "", "2", "幼有所育")]
    assert [c[3] for c in rows[1]] == ["新改扩建幼儿园5所。", "张伟", "区教育局"]
    assert rows[2][:2] == [("th", "row", "", "2"), ("td", "", "", "学有所教")]


def test_text_is_escaped(tmp_path):
    master = sample_master(tmp_path)
    master.notice.sections[0].tasks[0].text = "<script>alert(1)</script>"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in render_notice_html(master)


def test_write_returns_summary_and_writes_utf8(tmp_path):
    summary = write_notice_html(sample_master(tmp_path), tmp_path / "n.html")
    assert (summary.sections, summary.tasks, summary.livelihood) == (2, 7, 5)
    assert (tmp_path / "n.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_broken_html_template_names_file_and_line(tmp_path):
    (tmp_path / "notice.html.j2").write_text("<html>\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        render_notice_html(sample_master(tmp_path), tmp_path)
    assert str(exc.value).startswith(f"模板 {tmp_path / 'notice.html.j2'} 第2行有语法错误：")


def test_a_section_with_only_a_note_prints_no_table(tmp_path):
    from toolkit.model import Section

    master = sample_master(tmp_path)
    master.notice.sections.insert(0, Section("一、张崇波区长牵头重点工作", note="总负责。"))
    html = render_notice_html(master)
    assert "<h2>一、张崇波区长牵头重点工作</h2>\n<p>总负责。</p>\n</section>" in html
    assert html.count("<table>") == 3


def test_category_notices_get_one_table_with_merged_categories(tmp_path):
    from toolkit.model import Master, Notice, Section, Task, UnitRef

    def task(number, c1, c2, leader):
        return Task(number=number, text=f"任务{number}。", units=[UnitRef("区发改局", True)],
                    category1=c1, category2=c2, leader=leader)

    notice = Notice(sections=[
        Section("全区主要预期目标", tasks=[task("1", "全区主要预期目标", "", "虞立清"), task("2", "全区主要预期目标", "", "虞立清")]),
        Section("(一)甲类", tasks=[task("3", "(一)甲类", "1. 子类。", "全一凡")]),
    ])
    parser = _Tables()
    parser.feed(render_notice_html(Master(notice=notice)))
    assert parser.rows[0] == [("th", "col", "", "项目"), ("th", "col", "", "内容和要求"),
                              ("th", "col", "", "责任单位"), ("th", "col", "", "牵头领导")]
    assert parser.rows[1] == [("th", "row", "2", "全区主要预期目标"), ("td", "", "2", ""),
                              ("td", "", "", "（1）任务1。"), ("td", "", "", "区发改局"), ("td", "", "", "虞立清")]
    assert parser.rows[2] == [("td", "", "", "（2）任务2。"), ("td", "", "", "区发改局"), ("td", "", "", "虞立清")]
    assert parser.rows[3][:2] == [("th", "row", "", "(一)甲类"), ("td", "", "", "1. 子类。")]
    assert parser.captions == ["重点工作责任分解（共3项）"]


def test_unknown_html_template_variable_is_named_before_rendering(tmp_path):
    (tmp_path / "notice.html.j2").write_text("<html>\n<p>{{ deadline }}</p>\n", encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        render_notice_html(sample_master(tmp_path), tmp_path)
    assert str(exc.value).startswith(f"模板 {tmp_path / 'notice.html.j2'} 使用了未知的变量「deadline」。可用的变量：")


def test_html_render_error_names_line_in_chinese(tmp_path):
    (tmp_path / "notice.html.j2").write_text("<html>\n\n<p>{{ parts[0].deadline }}</p>\n", encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        render_notice_html(sample_master(tmp_path), tmp_path)
    assert str(exc.value) == f"模板 {tmp_path / 'notice.html.j2'} 第3行无法生成：没有名为「deadline」的内容。"


def test_html_template_has_the_cn_filter_and_escapes(tmp_path):
    (tmp_path / "notice.html.j2").write_text("{{ 12|cn }}{{ title }}", encoding="utf-8")
    master = sample_master(tmp_path)
    master.notice.meta["标题"] = "甲<乙>"
    assert render_notice_html(master, tmp_path) == "十二甲&lt;乙&gt;"


def test_word_and_web_tables_share_one_row_builder(tmp_path):
    from toolkit.model import Master, Notice, Section, Task, UnitInfo
    from toolkit.render import html, notice, rows
    from toolkit.units import split_units

    # The row builders live in rows.py; neither writer keeps its own.
    assert [n for n in ("units_cell", "section_columns", "livelihood_merges") if hasattr(notice, n)] == []
    assert [n for n in ("_spans", "_cell", "_headers") if hasattr(html, n)] == []
    task = Task("1", "", units=split_units("区甲局、*区乙办、区乙局，各街镇"))
    master = Master(notice=Notice(sections=[Section("二、甲", tasks=[task])]), units=[UnitInfo("区乙局", ["区乙办"])])
    # Lost text stays empty in the tables, so the notice imports back as it was.
    assert rows.task_rows(master, master.notice.sections[0], ["number", "text", "units"]) == [
        ["1", "", "*区乙局、区甲局、各街镇"]]
    assert rows.livelihood_rows(sample_master(tmp_path).notice.livelihood) == [
        ["1", "幼有所育", "新增普惠性托位200个。", "张伟", "区卫生健康局"],
        [None, None, "新改扩建幼儿园5所。", "张伟", "区教育局"],
        ["2", "学有所教", "新改造交互式班级多媒体设备300套。", "张伟", "区教育局"],
        ["3", "劳有所获", "开展职业技能培训13000人次。", "伍国军", "区人社局"],
        [None, None, "新增城镇就业人员10000人。", "伍国军", "区人社局、区财政局"],
    ]
    assert notice.vertical_merges([["1", "a"], [None, "b"], ["2", "c"]]) == [
        ["restart", None], ["continue", None], [None, None]]
