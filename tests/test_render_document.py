"""GB/T 9704 page setup and styles of generated documents (toolkit.render.document)."""

from __future__ import annotations

import copy

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from toolkit.render import document as d


def _saved(doc, tmp_path):
    path = tmp_path / "doc.docx"
    doc.save(str(path))
    return docx.Document(str(path))


def _twips(*lengths):
    return [round(length.twips) for length in lengths]


def _fonts(style):
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return {k: fonts.get(qn(f"w:{k}")) for k in ("ascii", "eastAsia")}, [
        a for a in fonts.attrib if "Theme" in a or "theme" in a]


def test_portrait_page_has_gbt9704_size_and_margins(tmp_path):
    doc = _saved(d.new_document(), tmp_path)
    section = doc.sections[0]
    assert _twips(section.page_width, section.page_height) == [11906, 16838]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert _twips(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == [
        2098, 1984, 1587, 1474]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"


def test_landscape_section_keeps_the_type_area(tmp_path):
    doc = d.new_document()
    d.add_body(doc, "正文")
    d.add_landscape_section(doc)
    d.add_portrait_section(doc)
    sections = _saved(doc, tmp_path).sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    land = sections[1]
    assert _twips(land.page_width, land.page_height) == [16838, 11906]
    assert _twips(land.left_margin, land.right_margin, land.top_margin, land.bottom_margin) == [1984, 2098, 1587, 1474]
    assert _twips(sections[2].page_width, sections[2].page_height) == [11906, 16838]


def test_styles_name_east_asian_fonts_and_sizes(tmp_path):
    styles = _saved(d.new_document(), tmp_path).styles
    expected = {
        "GW Title": ("方正小标宋简体", 22), "GW Body": ("仿宋_GB2312", 16),
        "GW Heading 1": ("黑体", 16), "GW Heading 2": ("楷体_GB2312", 16),
        "GW Table Header": ("黑体", 12), "GW Footer": ("宋体", 14),
    }
    for name, (east, size) in expected.items():
        fonts, themes = _fonts(styles[name])
        assert fonts["eastAsia"] == east, name
        assert themes == [], name
        assert styles[name].font.size.pt == size, name
    assert _fonts(styles["GW Body"])[0]["ascii"] == "Times New Roman"
    body = styles["GW Body"].element.pPr
    assert body.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert body.find(qn("w:spacing")).get(qn("w:lineRule")) == "exact"
    assert styles["GW Body"].element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"


def test_large_and_odd_height_lines_are_off_the_line_grid(tmp_path):
    styles = _saved(d.new_document(), tmp_path).styles

    def snaps(name):
        snap = styles[name].element.pPr.find(qn("w:snapToGrid"))
        return snap is None or snap.get(qn("w:val")) not in ("0", "false")

    # LibreOffice would give a 二号 title line, or the 4 mm line above the
    # red rule, a whole 28.95 pt grid line or two.
    assert [snaps(n) for n in ("GW Body", "GW Title", "GW Issuer Mark", "GW Rule")] == [True, False, False, False]
    rule = styles["GW Rule"].element.pPr.find(qn("w:spacing"))
    assert (rule.get(qn("w:line")), rule.get(qn("w:lineRule"))) == ("105", "exact")


def test_doc_defaults_are_fangsong_without_theme_fonts(tmp_path):
    styles = _saved(d.new_document(), tmp_path).styles.element
    fonts = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert fonts.get(qn("w:eastAsiaTheme")) is None


def test_page_numbers_are_em_dash_fields_outside_on_odd_and_even_pages(tmp_path):
    doc = _saved(d.new_document(), tmp_path)
    assert doc.settings.odd_and_even_pages_header_footer is True
    section = doc.sections[0]
    for footer, align, side in ((section.footer, "right", "w:right"), (section.even_page_footer, "left", "w:left")):
        p = footer.paragraphs[0]._p
        fields = p.findall(qn("w:fldSimple"))
        assert [f.get(qn("w:instr")) for f in fields] == [" PAGE "]
        text = "".join(t.text for t in p.iter(qn("w:t")))
        assert text == "— 1 —"
        assert p.pPr.find(qn("w:jc")).get(qn("w:val")) == align
        assert p.pPr.find(qn("w:ind")).get(qn(side)) == "280"


WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _number_box(footer) -> tuple[int, int, str, str]:
    """Return (left, top, text direction, alignment) of a footer's page-number box."""
    p = footer.paragraphs[0]._p
    # Nothing printed in the footer itself, only inside the box.
    assert p.findall(f"{qn('w:r')}/{qn('w:t')}") == [] and p.find(qn("w:fldSimple")) is None
    anchor = p.find(f".//{WP}anchor")
    left, top = (int(anchor.find(f"{WP}position{axis}/{WP}posOffset").text) for axis in "HV")
    assert {anchor.find(f"{WP}position{axis}").get("relativeFrom") for axis in "HV"} == {"page"}
    content = anchor.find(f".//{qn('w:txbxContent')}/{qn('w:p')}")
    assert [f.get(qn("w:instr")) for f in content.iter(qn("w:fldSimple"))] == [" PAGE "]
    assert "".join(t.text for t in content.iter(qn("w:t"))) == "— 1 —"
    return (left, top, anchor.find(f".//{WPS}bodyPr").get("vert"),
            content.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")))


def test_landscape_page_numbers_sit_where_portrait_ones_do_once_turned(tmp_path):
    doc = d.new_document()
    d.add_body(doc, "正文")
    d.add_landscape_section(doc)
    d.add_portrait_section(doc)
    sections = _saved(doc, tmp_path).sections
    land = sections[1]
    assert not land.footer.is_linked_to_previous and not land.even_page_footer.is_linked_to_previous
    odd, even = _number_box(land.footer), _number_box(land.even_page_footer)
    # Turned 90° clockwise ("vert"): upright once the sheet is turned back to
    # portrait; odd pages lower left (end of the line), even pages upper left.
    assert odd[2:] == ("vert", "right") and even[2:] == ("vert", "left")
    assert odd[0] == even[0] == Mm(24)
    assert (odd[1] + Mm(d.NUMBER_BOX_LENGTH), even[1]) == (Mm(d.NUMBER_ODD_END), Mm(d.NUMBER_EVEN_START))
    # The portrait section after it prints ordinary numbers again.
    portrait = sections[2]
    for footer, align in ((portrait.footer, "right"), (portrait.even_page_footer, "left")):
        p = footer.paragraphs[0]._p
        assert p.find(f".//{WP}anchor") is None
        assert [f.get(qn("w:instr")) for f in p.findall(qn("w:fldSimple"))] == [" PAGE "]
        assert p.pPr.find(qn("w:jc")).get(qn("w:val")) == align


def test_table_repeats_header_and_never_splits_rows(tmp_path):
    doc = d.new_document()
    d.add_table(doc, ["序号", "重点工作"], [["1", "甲"], ["2", "乙"]], [700, 8144])
    table = _saved(doc, tmp_path).tables[0]
    rows = table._tbl.findall(qn("w:tr"))
    assert [r.trPr.find(qn("w:tblHeader")) is not None for r in rows] == [True, False, False]
    assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    assert [[c.text for c in r.cells] for r in table.rows] == [["序号", "重点工作"], ["1", "甲"], ["2", "乙"]]
    assert table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")) == "8844"


def test_table_text_is_left_aligned_and_the_number_centred(tmp_path):
    doc = d.new_document()
    d.add_table(doc, ["序号", "责任单位"], [["1", "*区发改局、区财政局"]], [700, 8144])
    saved = _saved(doc, tmp_path)
    cells = saved.tables[0].rows[1].cells
    assert [c.paragraphs[0].style.name for c in cells] == ["GW Table Center", "GW Table Text"]
    # Justified CJK text in narrow cells spreads its characters apart.
    assert saved.styles["GW Table Text"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert saved.styles["GW Table Center"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_vertical_merges_and_header_spans(tmp_path):
    doc = d.new_document()
    d.add_table(doc, ["项目", "内容"], [["甲", "1", "x"], ["", "2", "y"]], [1000, 1000, 6844],
                merges=[["restart"], ["continue"]], header_spans=(2, 1))
    tbl = _saved(doc, tmp_path).tables[0]._tbl
    rows = tbl.findall(qn("w:tr"))
    head = rows[0].findall(qn("w:tc"))
    assert head[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    assert head[0].tcPr.find(qn("w:tcW")).get(qn("w:w")) == "2000"
    merges = [r.findall(qn("w:tc"))[0].tcPr.find(qn("w:vMerge")) for r in rows[1:]]
    assert merges[0].get(qn("w:val")) == "restart"
    assert merges[1].get(qn("w:val")) is None


def test_signature_puts_signer_two_chars_from_the_right_and_the_date_under_it():
    signer, date = d.signature_paragraphs("温州市鹿城区人民政府办公室", "2023年2月27日")
    assert signer.find(qn("w:pPr")).find(qn("w:ind")).get(qn("w:rightChars")) == "200"
    # 署名 13 字 wide (315 twips each) 右空二字: the date starts from the left
    # 2 字 right of the 署名's first character, so a font with wider digits
    # than Times New Roman cannot move it (LibreOffice PDF: 31.9 pt apart).
    ind = date.find(qn("w:pPr")).find(qn("w:ind"))
    assert (ind.get(qn("w:left")), date.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val"))) == ("4749", "left")


def test_signature_with_a_longer_date_moves_the_signer_left():
    signer, date = d.signature_paragraphs("区府办", "2023年12月27日")
    gaps = [p.find(qn("w:pPr")).find(qn("w:ind")).get(qn("w:rightChars")) for p in (signer, date)]
    assert gaps == ["800", "200"]


def test_imprint_has_copy_to_and_issuer_lines_between_rules(tmp_path):
    doc = d.new_document()
    d.add_imprint(doc, "区委各部门，区法院", "温州市鹿城区人民政府办公室", "2023年3月3日")
    paragraphs = _saved(doc, tmp_path).paragraphs
    texts = [p.text for p in paragraphs if p.text]
    assert texts == ["抄送：区委各部门，区法院。", "\u3000温州市鹿城区人民政府办公室\t2023年3月3日印发"]
    # 22 lines per page: 19 blank lines push the two lines down, one line
    # is left for the rules.
    assert len(paragraphs) == 21
    borders = [p._p.pPr.find(qn("w:pBdr")) for p in paragraphs]
    assert borders[18].find(qn("w:bottom")).get(qn("w:sz")) == "8"
    assert borders[19] is None
    assert [borders[20].find(qn(f"w:{s}")).get(qn("w:sz")) for s in ("top", "bottom")] == ["4", "8"]


def test_text_width_counts_ascii_as_half():
    assert d.text_width("2023年3月6日") == 6.0


def test_paragraph_turns_breaks_and_tabs_into_elements_and_drops_control_characters():
    from lxml import etree

    from toolkit.render import _oxml

    xml = etree.tostring(_oxml.paragraph("甲\n乙\t丙\x0b丁", "GWBody"), encoding=str)
    assert xml.endswith('<w:pPr><w:pStyle w:val="GWBody"/></w:pPr>'
                        "<w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t><w:tab/><w:t>丙丁</w:t></w:r></w:p>")


def test_unused_helpers_and_parameters_are_gone():
    import inspect

    from toolkit.render import _oxml
    from toolkit.render.skeleton import DocxSkeleton

    def params(fn):
        return list(inspect.signature(fn).parameters)

    # The page/style layer exports what its callers use, nothing re-exported
    # from styles.py that only styles.py's own users need.
    assert [n for n in ("add_signature", "CONDENSE", "FANGSONG", "HEITI", "KAITI", "SONG", "XBS", "STYLES",
                        "StyleSpec", "LANDSCAPE_TEXT_WIDTH") if hasattr(d, n)] == []
    assert params(_oxml.table) == ["widths"]
    assert params(_oxml.doc_grid) == ["sectpr", "line_pitch"]
    assert params(_oxml.restart_page_numbers) == ["sectpr"]
    assert params(DocxSkeleton.section_break) == ["self"]


def test_text_boxes_live_in_the_drawingml_module():
    from toolkit.render import _dml, _oxml

    assert (hasattr(_oxml, "turned_text_box"), callable(_dml.turned_text_box)) == (False, True)
    box = _dml.turned_text_box(_oxml.paragraph("— 1 —"), left=1, top=2, width=3, height=4, shape_id=1001)
    anchor = box.find(f".//{WP}anchor")
    assert [anchor.find(f"{WP}docPr").get("name"), anchor.find(f"{WP}extent").attrib] == [
        "页码1001", {"cx": "3", "cy": "4"}]


def test_combined_letters_end_each_section_once(tmp_path):
    from toolkit.render import _oxml
    from toolkit.render.skeleton import DocxSkeleton

    skeleton = DocxSkeleton(d.new_document())
    path = tmp_path / "all.docx"
    with skeleton.sections_writer(path) as add:
        for text in ("甲", "乙", "丙"):
            add([_oxml.paragraph(text)])
    body = docx.Document(str(path)).element.body
    # Two breaks between three letters, plus the final sectPr; all restart at 1.
    sects = body.findall(f".//{qn('w:sectPr')}")
    assert [s.find(qn("w:pgNumType")).get(qn("w:start")) for s in sects] == ["1", "1", "1"]
    assert [p.text for p in docx.Document(str(path)).paragraphs] == ["甲", "", "乙", "", "丙"]


def test_combined_print_file_from_serialised_bodies_matches_the_element_writer(tmp_path):
    """xml_sections_writer copies each letter's serialised body; the file
    must read back as sections_writer's does: same text, three sections."""
    from lxml import etree

    from toolkit.render import _oxml
    from toolkit.render.docxzip import deflate
    from toolkit.render.skeleton import DocxSkeleton, body_xml

    skeleton = DocxSkeleton(d.new_document())
    bodies = []
    for text in ("甲", "乙\n丙"):
        root = copy.deepcopy(skeleton.root)
        body_end = root.find(qn("w:body"))[-1]
        body_end.addprevious(_oxml.paragraph(text))
        bodies.append(body_xml(etree.tostring(root, encoding="UTF-8")))
    assert bodies[0] == '<w:p><w:r><w:t>甲</w:t></w:r></w:p>'.encode()
    path = tmp_path / "all.docx"
    with skeleton.xml_sections_writer(path) as add:
        for body in bodies:
            add(deflate(body))
    document = docx.Document(str(path))
    sects = document.element.body.findall(f".//{qn('w:sectPr')}")
    assert [s.find(qn("w:pgNumType")).get(qn("w:start")) for s in sects] == ["1", "1"]
    assert [p.text for p in document.paragraphs] == ["甲", "", "乙\n丙"]


def test_single_files_share_the_compressed_parts_and_read_back_whole(tmp_path):
    import zipfile

    from toolkit.render.skeleton import DocxSkeleton

    skeleton = DocxSkeleton(d.new_document())
    xml = dict(skeleton.parts)["word/document.xml"]
    for name in ("a.docx", "b.docx"):
        skeleton.write_xml(tmp_path / name, xml)
    with zipfile.ZipFile(tmp_path / "a.docx") as package:
        assert package.testzip() is None
        assert [(i.filename, package.read(i)) for i in package.infolist()] == skeleton.parts
        assert {i.compress_type for i in package.infolist()} == {zipfile.ZIP_DEFLATED}
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert round(docx.Document(str(tmp_path / "b.docx")).sections[0].page_height.mm) == 297


# Issue 11: titles, signatures, the 版记 section.

def test_titles_break_between_words_in_a_trapezoid():
    from toolkit.render.titles import title_lines

    assert title_lines("温州市鹿城区人民政府办公室关于2020年政府工作报告责任分解的通知") == [
        "温州市鹿城区人民政府办公室关于2020年", "政府工作报告责任分解的通知"]
    assert title_lines("关于落实2023年政府工作报告重点工作任务和民生实事项目的函") == [
        "关于落实2023年政府工作报告重点工作", "任务和民生实事项目的函"]
    # Three lines: the middle one longest (菱形); 2023年 and office names stay whole.
    assert title_lines("温州市鹿城区人民政府办公室关于印发2023年政府工作报告重点工作责任分解和民生实事项目责任分解的通知") == [
        "温州市鹿城区人民政府办公室关于印发", "2023年政府工作报告重点工作责任分解和", "民生实事项目责任分解的通知"]
    assert title_lines("2023年政府工作报告重点工作责任分解") == ["2023年政府工作报告重点工作责任分解"]


def test_signature_keeps_with_the_body_and_its_date_has_no_autospace():
    from toolkit.render.document import signature_paragraphs
    from toolkit.render.templates import Line, line_paragraphs

    lines = [Line("body", "正文。"), Line("blank", ""), Line("body", "附件：甲"), Line("blank", ""),
             Line("right", "温州市鹿城区人民政府办公室"), Line("right", "2023年2月27日"), Line("body", "（此件公开发布）")]
    ps = line_paragraphs(lines)
    keeps = [p.find(qn("w:pPr")).find(qn("w:keepNext")) is not None for p in ps]
    assert keeps == [True, True, True, True, True, True, False]
    date = ps[5].find(qn("w:pPr"))
    assert date.find(qn("w:autoSpaceDE")).get(qn("w:val")) == "0"
    # 署名 右空二字; the date set from the left, 2 字 (of 315 twips) right of
    # where the 13-character 署名 starts, whatever its digits' widths.
    assert ps[4].find(qn("w:pPr")).find(qn("w:ind")).get(qn("w:rightChars")) == "200"
    assert date.find(qn("w:jc")).get(qn("w:val")) == "left"
    assert date.find(qn("w:ind")).get(qn("w:left")) == str(8844 - 13 * 315)
    # A date longer than the 署名 less 2 字: the date 右空二字, the 署名 moves left.
    signer, long_date = signature_paragraphs("区府办", "2023年12月31日")
    assert [p.find(qn("w:pPr")).find(qn("w:ind")).get(qn("w:rightChars")) for p in (signer, long_date)] == [
        "800", "200"]


def test_imprint_section_has_no_page_numbers():
    doc = d.new_document()
    d.add_body(doc, "正文")
    d.add_portrait_section(doc, even_page=True, numbered=False)
    d.add_imprint(doc, "区委各部门", "温州市鹿城区人民政府办公室", "2023年3月3日")
    last = doc.sections[-1]
    assert last.footer.paragraphs[0].text == "" and last.even_page_footer.paragraphs[0].text == ""
    assert doc.sections[0].footer.paragraphs[0].text.startswith("— ")
    copy_to = [p for p in doc.paragraphs if p.text.startswith("抄送：")][0]
    assert copy_to._p.find(qn("w:pPr")).find(qn("w:ind")).get(qn("w:rightChars")) == "100"
