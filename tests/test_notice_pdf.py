"""Text PDF notices read with pdfplumber: ruled tables as rows, text as
paragraphs, pages named in problems; scans, damaged and oversized files
refused with a message."""

from __future__ import annotations

import re

import pytest

from toolkit.exceptions import UnknownFormat
from toolkit.notices import Format, read_notice
from toolkit.notices import pdf as pdf_reader

from conftest import FIXTURES

# The lucheng-2023 sample as `toolkit notice` lays it out (GB/T 9704, ruled
# tables, header rows repeated on every page), saved as PDF by LibreOffice
# 7.4 (`soffice --headless --convert-to pdf`).  The other .docx fixtures
# have tables without ruling lines, which no PDF table finder sees.
DOCX = FIXTURES / "notices" / "lucheng-2023-toolkit-notice.docx"
PDF = FIXTURES / "notices" / "lucheng-2023-toolkit-notice.pdf"


@pytest.fixture(scope="module")
def pdf_notice():
    return read_notice(PDF)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_same_tasks_as_the_word_file(pdf_notice):
    notice, format_ = pdf_notice
    word, _ = read_notice(DOCX)
    assert format_ is Format.PDF
    assert notice.problems == []
    assert [(s.heading, len(s.tasks)) for s in notice.sections] == [(s.heading, len(s.tasks)) for s in word.sections]
    assert len(notice.tasks) == 142 and len(notice.livelihood) == 34
    # A printed line ending in a space loses it (`316 个` broken after 316):
    # texts are equal but for spaces; units, leads and remarks exactly.
    assert [(t.number, _squeezed(t.text), t.lead_units, t.support_units, t.remark) for t in notice.tasks] == [
        (t.number, _squeezed(t.text), t.lead_units, t.support_units, t.remark) for t in word.tasks]
    assert [(i.number, i.project, _squeezed(i.content), i.leader, i.units) for i in notice.livelihood] == [
        (i.number, i.project, _squeezed(i.content), i.leader, i.units) for i in word.livelihood]
    assert {k: v for k, v in notice.meta.items() if k != "正文"} == {k: v for k, v in word.meta.items() if k != "正文"}


def test_exact_rows_and_pages(pdf_notice):
    notice, _ = pdf_notice
    section = notice.sections[1]
    assert section.heading == "二、林杰常委、常务副区长牵头重点工作"
    first, thirteenth = section.tasks[0], section.tasks[12]
    assert (first.number, first.text, first.units_cell, first.source) == (
        "1", "地区生产总值增长 6%以上。", "区发改局", "lucheng-2023-toolkit-notice.pdf:第3页第20行")
    assert (thirteenth.number, thirteenth.text, thirteenth.lead_units, thirteenth.support_units, thirteenth.remark) == (
        "13", "大力推进营商环境优化提升“一号改革工程”，深化新时代“两个健康”先行区建设，争创全省营商环境最优城区。",
        ["区委改革办", "区府办（区“两个健康”办）"],
        ["区纪委监委机关", "区委统战部", "区委政法委", "区发改局", "区经信局", "区司法局", "区市场监管局",
         "区政务服务中心", "区工商联", "各街镇"],
        "根据区委工作安排，由区委改革办牵头。")
    item = notice.livelihood[0]
    assert (item.number, item.project, item.content, item.leader, item.units) == (
        "1", "幼有所育", "新增 0-3 岁幼儿托育机构托位 400 个。", "伍国军", ["区卫生健康局"])
    # The title wrapped over three centred lines, the 正文 over a page break.
    assert notice.meta["标题"] == "温州市鹿城区人民政府办公室关于印发2023年政府工作报告重点工作责任分解和民生实事项目责任分解的通知"
    assert "牵头抓总，及时研究解决" in notice.meta["正文"]


def _pdf(*pages: list[str]) -> bytes:
    """Return a minimal PDF with a page per item of `pages`, each a list of
    lines of ASCII text (Helvetica), or no text at all."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for lines in pages:
        stream = "".join(f"BT /F1 12 Tf 72 {720 - 20 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines))
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}endstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
                       f"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def test_problem_names_the_page(tmp_path):
    path = tmp_path / "通知.pdf"
    path.write_bytes(_pdf(["Notice"], ["Some words", "", "More words"]))
    with pytest.raises(Exception) as err:
        read_notice(path)
    # Three paragraphs, none joined over the page break or the gap.
    assert "3 行无法识别，第一处：通知.pdf 第1页:1 无法识别的段落：Notice" in str(err.value)


def test_scan_without_text_refused(tmp_path):
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(_pdf([], []))
    with pytest.raises(UnknownFormat) as err:
        read_notice(path)
    assert str(err.value) == ("扫描件.pdf 是扫描件（PDF 中没有文字，只有图片），无法读取。"
                              "请先用 WPS 或其他软件做文字识别（OCR）转成 Word 文件，核对后再导入。")


def test_damaged_pdf_refused(tmp_path):
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(UnknownFormat) as err:
        read_notice(path)
    assert str(err.value) == "坏.pdf 无法作为 PDF 读取（文件已损坏）。请用 WPS 或 Word 打开后另存为 .docx 再导入。"


def test_too_many_pages_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    path = tmp_path / "汇编.pdf"
    path.write_bytes(_pdf(["a"], ["b"], ["c"]))
    with pytest.raises(UnknownFormat) as err:
        read_notice(path)
    assert str(err.value) == "汇编.pdf 有 3 页，超过可读取的 2 页，未读取。请只保留责任分解部分（通知正文和附件）后再导入。"


def test_too_many_objects_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_OBJECTS", 3)
    path = tmp_path / "图.pdf"
    path.write_bytes(_pdf(["a", "b"], ["c", "d"]))
    with pytest.raises(UnknownFormat) as err:
        read_notice(path)
    assert str(err.value) == "图.pdf 的页面内容过于复杂（图形或文字对象过多），不像是责任分解通知，未读取。请另存为 .docx 后再导入。"
