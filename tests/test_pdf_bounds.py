"""Hostile PDFs are bounded: the reader runs in a capped child with a CPU
budget per page and per file, a damaged compressed stream is read in linear
time, and every refusal is a Chinese message naming the page and what to
do, exit 3 through the CLI, never a traceback."""

from __future__ import annotations

import zlib

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.exceptions import UnknownFormat
from toolkit.notices import read_notice
from toolkit.notices import pdf as pdf_reader

from conftest import FIXTURES
from test_notice_pdf import _pdf

WHAT_TO_DO = "请用 WPS 或 Word 打开后另存为 .docx 再导入，或把通知文字复制到 .txt 文件后导入。"
LUCHENG = FIXTURES / "notices" / "lucheng-2023-toolkit-notice.pdf"


def test_page_over_budget_is_refused_naming_the_page(tmp_path):
    """One line of 100,000 characters: pdfminer needs ~10 s for that page
    (measured), over the page's 1 s."""
    path = tmp_path / "慢.pdf"
    path.write_bytes(_pdf(["Notice"], ["1 " * 50_000]))
    with pytest.raises(UnknownFormat) as caught:
        read_notice(path)
    assert str(caught.value) == ("慢.pdf 第2页读取超过 1 秒仍未读完（这一页可能已损坏，或图形、文字对象异常多），未读取。"
                                 + WHAT_TO_DO)


def test_file_over_budget_is_refused_naming_the_page(tmp_path, monkeypatch):
    """Twelve pages of ~0.5 s each against a file budget of 1.5 s."""
    monkeypatch.setattr(pdf_reader, "FILE_SECONDS", 1.5)
    monkeypatch.setattr(pdf_reader, "PAGE_SHARE", 0.0)
    path = tmp_path / "长.pdf"
    path.write_bytes(_pdf(*[["1 " * 2_500]] * 12))
    with pytest.raises(UnknownFormat) as caught:
        read_notice(path)
    message = str(caught.value)
    assert message.startswith("长.pdf 共 12 页，读到第") and message.endswith("页已超过 1.5 秒，未读取。" + WHAT_TO_DO)
    page = int(message.split("读到第")[1].split("页")[0])
    assert 2 <= page <= 12


def test_a_long_notice_gets_a_share_per_page(monkeypatch):
    """With the file's 5 s cut to 1 s, the 29-page notice (about 2.5 s)
    still reads: it gets PAGE_SHARE (0.2 s) a page."""
    monkeypatch.setattr(pdf_reader, "FILE_SECONDS", 1.0)
    notice, _ = read_notice(LUCHENG)
    assert (len(notice.tasks), len(notice.livelihood), notice.problems) == (142, 34, [])


def test_memory_over_cap_is_refused(tmp_path, monkeypatch):
    """A page that asks for 1 TB (the child's memory is capped at 600 MB
    more than the parent's)."""
    monkeypatch.setattr(pdf_reader, "_page_blocks", lambda page, open_table=None: bytearray(1 << 40))
    path = tmp_path / "大.pdf"
    path.write_bytes(_pdf(["Notice"], ["Words"]))
    with pytest.raises(UnknownFormat) as caught:
        read_notice(path)
    assert str(caught.value) == "大.pdf 读取时在第1页占用内存过多（文件可能已损坏），未读取。" + WHAT_TO_DO


def test_damaged_stream_inflates_as_pdfminer_would():
    raw = "".join(f"BT /F1 12 Tf 72 {700 - i} Td (Line {i}) Tj ET\n" for i in range(3000)).encode()
    packed = zlib.compress(raw)
    # A wrong checksum: all of the data, as pdfminer keeps it.
    assert pdf_reader._decompress_corrupted(packed[:-2] + b"\0\0") == raw
    # Cut short: what inflates before the cut.
    cut = packed[: len(packed) // 2]
    assert pdf_reader._decompress_corrupted(cut) == zlib.decompressobj().decompress(cut)
    assert raw.startswith(pdf_reader._decompress_corrupted(cut))
    # Damage before the checksum: an error, as in pdfminer.
    broken = packed[:100] + b"\xff" * 8 + packed[108:]
    with pytest.raises(zlib.error):
        pdf_reader._decompress_corrupted(broken)


def _flate_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose content stream is compressed, its checksum wrong."""
    content = "".join(f"BT /F1 12 Tf 72 {720 - 20 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines))
    stream = zlib.compress(content.encode("latin-1"))[:-4] + b"\0\0\0\0"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
               b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_pdf_with_a_damaged_stream_still_reads(tmp_path):
    path = tmp_path / "损.pdf"
    path.write_bytes(_flate_pdf(["Notice", "Some words"]))
    with pytest.raises(Exception) as caught:
        read_notice(path)
    # Read, not refused: its lines are there (and not understood as tasks).
    assert "无法识别的段落：Notice" in str(caught.value)


@pytest.mark.parametrize("content, message", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
     "坏.pdf 无法作为 PDF 读取（文件已损坏）。请用 WPS 或 Word 打开后另存为 .docx 再导入。"),
    (_pdf(["Notice"], ["1 " * 50_000]),
     "坏.pdf 第2页读取超过 1 秒仍未读完（这一页可能已损坏，或图形、文字对象异常多），未读取。" + WHAT_TO_DO),
])
def test_cli_refuses_a_bad_pdf_with_exit_3(tmp_path, content, message):
    path = tmp_path / "坏.pdf"
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["import", str(path), "-o", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 3
    assert result.output.strip() == "错误：" + message
    assert isinstance(result.exception, SystemExit), result.exception
    assert not (tmp_path / "m.xlsx").exists()


def test_notice_of_60_pages_gets_12_seconds(monkeypatch):
    """The file's budget: 5 s, or PAGE_SHARE a page for a long notice."""
    seen = []
    monkeypatch.setattr(pdf_reader, "_read_document", lambda name, data, budget, pages: seen.append(budget.seconds))
    monkeypatch.setattr(pdf_reader, "_precheck", lambda name, data: 60)
    pdf_reader._reading("x.pdf", b"")
    monkeypatch.setattr(pdf_reader, "_precheck", lambda name, data: 3)
    pdf_reader._reading("x.pdf", b"")
    assert seen == [12.0, 5.0]
