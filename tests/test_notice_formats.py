"""The same notice as Word, web page and GBK text imports to the same rows."""

from __future__ import annotations

import pytest

from toolkit.notices import Format, read_notice

from conftest import FIXTURES, NOTICES
from formats import to_docx, to_gbk, to_html


def rows(notice):
    tasks = [(s.part, s.heading, t.number, t.text, t.target, t.units_cell, t.remark,
              [(u.name, u.lead) for u in t.units], t.leader, t.category1, t.category2)
             for s in notice.sections for t in s.tasks]
    items = [(i.number, i.project, i.content, i.leader, i.units) for i in notice.livelihood]
    return tasks, items, notice.meta


CONVERTERS = {"docx": (to_docx, Format.DOCX), "html": (to_html, Format.HTML), "gbk.txt": (to_gbk, Format.TEXT)}


@pytest.mark.parametrize("suffix", sorted(CONVERTERS))
@pytest.mark.parametrize("name", sorted(NOTICES))
def test_round_trip(tmp_path, name, suffix):
    convert, expected_format = CONVERTERS[suffix]
    original, _ = read_notice(NOTICES[name])
    path = convert(NOTICES[name], tmp_path / f"{name}.{suffix}")
    converted, format_ = read_notice(path)
    assert format_ is expected_format
    assert rows(converted) == rows(original)
    assert converted.problems == []


def test_gbk_encoding_detected(tmp_path):
    path = to_gbk(NOTICES["ouhai"], tmp_path / "ouhai.txt")
    notice, _ = read_notice(path)
    assert notice.encoding == "gb18030"
    assert len(notice.tasks) == 127


def test_docx_merged_livelihood_cells(tmp_path):
    path = to_docx(NOTICES["lucheng2023"], tmp_path / "n.docx")
    notice, _ = read_notice(path)
    assert [(i.number, i.project) for i in notice.livelihood[2:6]] == [("2", "学有所教")] * 4


# Re-saved by LibreOffice 7 (soffice --convert-to docx / html) from Word files:
# its grid gives one column gridSpan 2 in some rows and 1 in others.
REAL_TOOL_FILES = {
    "lucheng-2023-libreoffice.docx": ("lucheng2023", Format.DOCX),
    "lucheng-2020-libreoffice.docx": ("lucheng2020", Format.DOCX),
    "lucheng-2023-libreoffice.html": ("lucheng2023", Format.HTML),
    # The text notice itself opened in LibreOffice and saved as .docx: its
    # tables stay tab-separated lines.
    "lucheng-2023-text-saved-as-docx.docx": ("lucheng2023", Format.DOCX),
}


@pytest.mark.parametrize("file_name", sorted(REAL_TOOL_FILES))
def test_files_saved_by_libreoffice(file_name):
    name, expected_format = REAL_TOOL_FILES[file_name]
    original, _ = read_notice(NOTICES[name])
    converted, format_ = read_notice(FIXTURES / "notices" / file_name)
    assert format_ is expected_format
    assert rows(converted) == rows(original)
    assert converted.problems == []


def test_government_site_page_with_layout_table():
    """A hand-made page shaped like county sites publish: GB2312, the whole
    page framed in a layout table, breadcrumbs, thead/tbody, <br> in cells,
    a note row spanning the table, rowspan in 备注, a footer."""
    notice, format_ = read_notice(FIXTURES / "notices" / "gov-site-layout.html")
    assert (format_, notice.encoding) == (Format.HTML, "gb18030")
    assert [(s.heading, len(s.tasks)) for s in notice.sections] == [
        ("二、林仕德常委、常务副区长牵头重点工作", 2), ("三、林照光常委、副区长牵头重点工作", 2),
    ]
    first, second, third, fourth = notice.tasks
    assert first.text == "全区生产总值增长 6.5%左右。"
    assert [(u.name, u.lead) for u in first.units] == [("区发改局", True), ("区经信局", False), ("区住建局", False)]
    assert [(u.name, u.lead) for u in second.units] == [("区财政局", True), ("区税务局", False)]
    assert third.text == "R&D 经费支出占 GDP 比重达 3.7%左右。"
    assert (third.remark, fourth.remark) == ("按季度报送", "按季度报送")
    assert notice.meta == {"标题": "2024年政府工作报告重点工作责任分解"}
    assert notice.problems == []


@pytest.mark.parametrize("name", sorted(NOTICES))
def test_generated_web_page_reads_back_whole(tmp_path, name):
    """The page `toolkit notice --format html` publishes names the notice
    and its number in one line and has no 附件N lines; all of it is read."""
    from toolkit.importing import import_notices
    from toolkit.render.html import write_notice_html
    from toolkit.workbook import read_master

    import_notices([NOTICES[name]], tmp_path / "m.xlsx")
    master = read_master(tmp_path / "m.xlsx")
    write_notice_html(master, tmp_path / "n.html")
    notice, _ = read_notice(tmp_path / "n.html")
    assert notice.problems == []
    assert len(notice.tasks) == len(master.notice.tasks)
    for key in ("文号", "标题"):
        if key in master.notice.meta:
            assert notice.meta[key] == master.notice.meta[key], key


def test_inline_runs_beside_a_table_make_one_heading(tmp_path):
    page = ("<html><body><div><strong>二、</strong>林杰常委牵头重点工作<table>"
            "<tr><td>序号</td><td>重点工作</td><td>责任单位</td></tr><tr><td>1</td><td>甲。</td><td>区财政局</td></tr>"
            "</table></div></body></html>")
    path = tmp_path / "n.html"
    path.write_text(page, encoding="utf-8")
    notice, _ = read_notice(path)
    assert [s.heading for s in notice.sections] == ["二、林杰常委牵头重点工作"]
    assert notice.problems == []


@pytest.mark.parametrize("head, expected", [
    (b"\xef\xbb\xbf<!DOCTYPE html><html>", Format.HTML), (b"  <div><p>\xe4\xb8\x80</p></div>", Format.HTML),
    (b"\xe5\x8c\xba\xe6\x9c\xac\xe7\xba\xa7\t<table>", Format.HTML), (b"\xe4\xba\x8c\xe3\x80\x81", Format.TEXT),
])
def test_guess_format_sniffs_content(tmp_path, head, expected):
    from toolkit.notices import guess_format

    assert guess_format(tmp_path / "x.txt", head) is expected
