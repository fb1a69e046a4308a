from pathlib import Path

import docx
import pytest

from toolkit.draft.report import read_report
from toolkit.notices import Format
from toolkit.exceptions import ParseError, UnknownFormat

SAMPLE = Path(__file__).parent.parent / "inputs" / "longgang-2021-work-report.txt"


def sample_lines():
    text = SAMPLE.read_text(encoding="utf-8").replace("\xa0", " ")
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_text_report_keeps_line_numbers():
    report = read_report(SAMPLE)
    assert (report.format, report.encoding) == (Format.TEXT, "utf-8")
    assert len(report.lines) == 101
    assert (report.lines[0].number, report.lines[0].text) == (1, "• 索引号:")
    heading = next(line for line in report.lines if line.text == "三、2021年主要目标和任务")
    assert heading.number == 71


def test_gbk_report_reads_same_text(tmp_path):
    path = tmp_path / "gbk.txt"
    # GBK has no bullet `•`; offices' GBK files use `·`.
    lines = [t.replace("•", "·") for t in sample_lines()]
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    report = read_report(path)
    assert report.encoding == "gb18030"
    assert [line.text for line in report.lines] == lines


def test_docx_report_paragraphs(tmp_path):
    document = docx.Document()
    for text in sample_lines():
        document.add_paragraph(text)
    path = tmp_path / "report.docx"
    document.save(path)
    report = read_report(path)
    assert report.format is Format.DOCX
    assert [line.text for line in report.lines] == sample_lines()


def test_html_report_blocks(tmp_path):
    body = "".join(f"<p>{t}</p>" for t in sample_lines())
    page = f"<html><head><title>报告</title><script>var a='<p>x</p>';</script></head><body>{body}</body></html>"
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    report = read_report(path)
    assert [line.text for line in report.lines] == ["报告"] + sample_lines()


def test_unknown_format_and_bad_docx(tmp_path):
    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(UnknownFormat) as err:
        read_report(pdf)
    assert str(err.value).startswith("报告.pdf 是 PDF 文件，无法直接读取表格。请用 WPS 或 Word 打开后另存为 .docx")
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ParseError) as err:
        read_report(bad)
    assert str(err.value) == "坏.docx 无法读取：不是有效的 Word（.docx）文件"


def test_binary_text_is_refused(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x81\x30\xff")
    with pytest.raises(UnknownFormat) as err:
        read_report(path)
    assert str(err.value) == "x.txt 不是文本文件，也不是可识别的 Word 或网页文件。请提供 .txt、.docx 或 .html 格式的通知。"


def test_bold_openings_are_lead_phrases(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("坚持创新驱动，建强创新平台。").bold = True
    paragraph.add_run("推动省级经开区法定机构改革。")
    document.add_paragraph().add_run("（一）全部加粗的标题").bold = True
    document.add_paragraph("普通段落。没有加粗。")
    document.save(tmp_path / "b.docx")
    lines = read_report(tmp_path / "b.docx").lines
    assert [(line.text, line.bold) for line in lines] == [
        ("坚持创新驱动，建强创新平台。推动省级经开区法定机构改革。", "坚持创新驱动，建强创新平台。"),
        ("（一）全部加粗的标题", ""),
        ("普通段落。没有加粗。", ""),
    ]
    page = "<div><p><strong>培育创新主体。</strong>迭代推进行动。</p><p>前文<b>中间加粗</b>后文。</p></div>"
    (tmp_path / "b.html").write_text(page, encoding="utf-8")
    lines = read_report(tmp_path / "b.html").lines
    assert [(line.text, line.bold) for line in lines] == [
        ("培育创新主体。迭代推进行动。", "培育创新主体。"), ("前文中间加粗后文。", "")]


def test_docx_table_is_read_where_it_stands(tmp_path):
    document = docx.Document()
    document.add_paragraph("(一)表格前的段落")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "左上"
    table.cell(0, 1).text = "右上"
    # A merged cell is one cell, read once.
    table.cell(1, 0).merge(table.cell(1, 1)).text = "合并的一格"
    table.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "嵌套表格"
    document.add_paragraph("(二)表格后的段落")
    document.save(tmp_path / "t.docx")
    lines = read_report(tmp_path / "t.docx").lines
    assert [(line.number, line.text) for line in lines] == [
        (1, "(一)表格前的段落"), (2, "左上"), (3, "右上"), (4, "嵌套表格"), (6, "合并的一格"), (7, "(二)表格后的段落")]
