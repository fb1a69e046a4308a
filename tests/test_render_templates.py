"""Line marks of clerk-editable text templates (toolkit.render.templates)."""

from __future__ import annotations

import pytest

from toolkit.exceptions import TemplateError
from lxml import etree

from toolkit.render import _oxml
from toolkit.render.document import style_id
from toolkit.render.templates import Line, TextTemplate, line_paragraphs, parse_lines


def test_marks_choose_the_paragraph_kind():
    text = "= 标题\n^ 文号\n@ 主送：\n\n# 一、甲\n## （一）乙\n### 1. 丙\n正文\n+ 2. 附件\n~\n> 落款\n> 日期\n"
    assert parse_lines(text) == [
        Line("title", "标题"), Line("center", "文号"), Line("plain", "主送："),
        Line("heading1", "一、甲"), Line("heading2", "（一）乙"), Line("heading3", "1. 丙"),
        Line("body", "正文"), Line("continued", "2. 附件"), Line("blank", ""),
        Line("right", "落款"), Line("right", "日期"),
    ]


def test_issuer_mark_and_red_rule_marks():
    assert parse_lines("! 某某区政府文件\n~\n^ 文号\n---\n= 标题\n") == [
        Line("issuer", "某某区政府文件"), Line("blank", ""), Line("center", "文号"),
        Line("rule", ""), Line("title", "标题"),
    ]


def test_template_renders_with_the_cn_filter(tmp_path):
    (tmp_path / "t.j2").write_text("{% for x in items %}\n# {{ loop.index|cn }}、{{ x }}\n{% endfor %}\n", encoding="utf-8")
    template = TextTemplate("t.j2", tmp_path)
    assert template.render({"items": ["甲", "乙"]}) == [Line("heading1", "一、甲"), Line("heading1", "二、乙")]


def test_missing_template_is_named(tmp_path):
    with pytest.raises(TemplateError) as exc:
        TextTemplate("none.j2", tmp_path)
    assert str(exc.value) == f"找不到模板文件 {tmp_path / 'none.j2'}。请检查 --templates 指定的目录。"


def test_render_error_names_the_line(tmp_path):
    (tmp_path / "t.j2").write_text("甲\n{{ items[5] }}\n", encoding="utf-8")
    template = TextTemplate("t.j2", tmp_path)
    with pytest.raises(TemplateError) as exc:
        template.render({"items": []})
    assert str(exc.value).startswith(f"模板 {tmp_path / 't.j2'} 第2行无法生成：")


def test_cn_filter_is_the_numeral_the_notice_reader_reads_back():
    from toolkit.notices.headings import numeral, numeral_value

    assert [numeral(n) for n in (1, 10, 11, 20, 23, 99)] == ["一", "十", "十一", "二十", "二十三", "九十九"]
    assert [numeral_value(numeral(n)) for n in range(1, 100)] == list(range(1, 100))


def test_plain_lines_written_as_xml_text_are_the_elements_paragraph_builds():
    texts = ["正文", " 首尾空格 ", "甲 & <乙>", "换行\n第二行\t制表", "控制\x01字符", ""]
    kinds = {"body": "GW Body", "plain": "GW Plain", "heading1": "GW Heading 1", "center": "GW Center",
             "blank": "GW Plain"}
    lines = [Line(kind, text) for kind in kinds for text in texts] + [Line("continued", "2. 附件二")]
    expected = [_oxml.paragraph(line.text, style_id(kinds[line.kind])) for line in lines[:-1]]
    continued = _oxml.paragraph("2. 附件二", style_id("GW Plain"))
    _oxml.sub(continued.find(_oxml.qn("w:pPr")), "w:ind", left=1600, leftChars=500)
    built = line_paragraphs(lines)
    assert [etree.tostring(p) for p in built] == [etree.tostring(p) for p in expected + [continued]]


def test_special_lines_split_the_xml_batches_in_order():
    lines = [Line("body", "甲"), Line("rule", ""), Line("body", "乙"), Line("right", "区政府办公室"),
             Line("right", "2024年3月1日"), Line("body", "丙")]
    texts = ["".join(t.text or "" for t in p.iter(_oxml.qn("w:t"))) for p in line_paragraphs(lines)]
    assert texts[0] == "甲" and texts[2] == "乙" and texts[-1] == "丙"
    assert "区政府办公室" in "".join(texts) and "2024年3月1日" in "".join(texts)
