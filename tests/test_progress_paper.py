"""The shared building blocks of the supervision documents (progress._paper)."""

from __future__ import annotations

import re

import docx
from docx.oxml.ns import qn
from lxml import etree

from toolkit.progress._paper import add_fast_table
from toolkit.render import _oxml
from toolkit.render import document as d


def _runs(tr) -> list[str]:
    """Return each cell's run as XML, namespace declarations left out."""
    return [re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(tc.find(qn("w:p")).find(qn("w:r")), encoding="unicode"))
            for tc in tr.findall(qn("w:tc"))]


def test_fast_table_cells_hold_the_text_as_paragraphs_do():
    """Rows are written as XML text and parsed: markup characters, spaces at
    the ends, line breaks, tabs and control characters come out as
    _oxml.paragraph would put them; an empty cell keeps an empty run."""
    doc = d.new_document()
    values = ["a&b<c>", " 前后空格 ", "第一行\r\n第二行\t附", "\x07", "甲"]
    tbl = add_fast_table(doc, ["一", "二", "三", "四", "五"], [values], [800] * 5, centered=(0, 4))
    header, row = tbl.findall(qn("w:tr"))
    assert _runs(row) == [
        "<w:r><w:t>a&amp;b&lt;c&gt;</w:t></w:r>",
        '<w:r><w:t xml:space="preserve"> 前后空格 </w:t></w:r>',
        "<w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:tab/><w:t>附</w:t></w:r>",
        "<w:r/>",
        "<w:r><w:t>甲</w:t></w:r>"]
    styles = [tc.find(f".//{qn('w:pStyle')}").get(qn("w:val")) for tc in row.findall(qn("w:tc"))]
    assert styles == ["GWTableCenter", "GWTableText", "GWTableText", "GWTableText", "GWTableCenter"]
    assert [p.text for p in docx.Document(_saved(doc)).tables[0].rows[0].cells] == ["一", "二", "三", "四", "五"]
    # The row is built like _oxml.table_row's: the same properties, widths and order.
    reference = _oxml.table([800] * 5)
    _oxml.table_row(reference, [_oxml.paragraph("x") for _ in range(5)], [800] * 5, split=True)
    assert _props(row) == _props(reference[-1])
    assert row.find(qn("w:trPr")).find(qn("w:cantSplit")) is None


def _props(tr) -> list[str]:
    """Return each cell's properties as XML, namespace declarations left out."""
    return [re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(tc.find(qn("w:tcPr")), encoding="unicode"))
            for tc in tr.findall(qn("w:tc"))]


def _saved(doc):
    import io

    buffer = io.BytesIO()
    doc.save(buffer)
    buffer.seek(0)
    return buffer


def test_table_xml_shades_the_last_cell_of_the_rows_given_a_fill():
    from toolkit.progress._paper import table_xml

    tbl = etree.fromstring(table_xml(["编号", "预警"], [["1", "红灯"], ["2", "绿灯"], ["3", "—"]], [800, 800],
                                     fills=["EF9A9A", None]))
    rows = tbl.findall(qn("w:tr"))[1:]
    shades = [[(tc.find(qn("w:tcPr")).find(qn("w:shd")) is not None) for tc in tr.findall(qn("w:tc"))] for tr in rows]
    assert shades == [[False, True], [False, False], [False, False]]
    tcpr = rows[0].findall(qn("w:tc"))[1].find(qn("w:tcPr"))
    # CT_TcPr order: shd before vAlign.
    assert [etree.QName(c).localname for c in tcpr] == ["tcW", "shd", "vAlign"]
    assert tcpr.find(qn("w:shd")).get(qn("w:fill")) == "EF9A9A"


def test_paper_puts_xml_pieces_in_their_place_when_saved(tmp_path):
    from toolkit.progress._paper import Paper, table_xml
    from toolkit.render.document import add_body

    paper = Paper()
    add_body(paper.doc, "表前")
    paper.add_xml(table_xml(["甲"], [["a<b"]], [800]))
    add_body(paper.doc, "表后")
    body = paper.save(tmp_path / "one.docx")
    document = docx.Document(str(tmp_path / "one.docx"))
    assert [p.text for p in document.paragraphs] == ["表前", "表后"]
    assert [[c.text for c in r.cells] for r in document.tables[0].rows] == [["甲"], ["a<b"]]
    assert body.raw.count(b"<w:tbl>") == 1 and b"xmlns" not in body.raw and b"<?" not in body.raw
    # The next document starts empty.
    add_body(paper.doc, "下一份")
    paper.save(tmp_path / "two.docx")
    assert [p.text for p in docx.Document(str(tmp_path / "two.docx")).paragraphs] == ["下一份"]
    assert docx.Document(str(tmp_path / "two.docx")).tables == []


def test_paragraphs_parsed_at_once_are_those_add_paragraph_builds():
    from toolkit.progress._paper import add_paragraphs

    lines = [("正文 a&b<c>", "GW Body"), ("", "GW Plain"), (" 首尾空格 ", "GW Body"), ("一行\n二行\t尾", "GW Center"),
             ("\x07", "GW Body")]
    built, parsed = d.new_document(), d.new_document()
    for text, style in lines:
        d.add_paragraph(built, text, style)
    add_paragraphs(parsed, lines)
    xml = [[re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(p, encoding="unicode"))
            for p in doc.element.body if p.tag == qn("w:p")] for doc in (built, parsed)]
    assert xml[1] == xml[0]
    assert xml[1][:2] == ['<w:p><w:pPr><w:pStyle w:val="GWBody"/></w:pPr><w:r><w:t>正文 a&amp;b&lt;c&gt;</w:t></w:r></w:p>',
                          '<w:p><w:pPr><w:pStyle w:val="GWPlain"/></w:pPr></w:p>']
    assert [type(p).__name__ for p in parsed.element.body][:2] == ["CT_P", "CT_P"]
