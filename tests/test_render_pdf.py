"""The generated documents as LibreOffice lays them out.

Without LibreOffice/poppler these tests fail, unless TOOLKIT_ALLOW_NO_RENDERER=1
(see test_layout_pages.py): CI installs them.

Converts to PDF with `soffice --headless` and reads page sizes and text with
poppler, so the checks see pages as printed: orientation per page, page
numbers, the 版记 on the last page.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from fixtures.render.sample import sample_master
from pdf_pages import require_renderer

from toolkit.render.letters import write_letters
from toolkit.render.notice import write_notice

from conftest import soffice_convert

@pytest.fixture(autouse=True)
def _renderer():
    require_renderer()


def _pdf(docx_path, tmp_path):
    out = tmp_path / "pdf"
    return soffice_convert("pdf", docx_path, out)


def _page_sizes(pdf) -> list[str]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True,
                          capture_output=True, text=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    return ["portrait" if float(h) > float(w) else "landscape" for w, h in sizes]


def _pages_text(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def notice_pdf(tmp_path_factory):
    """The sample notice converted once for the tests of this module."""
    require_renderer()
    tmp_path = tmp_path_factory.mktemp("notice")
    path = tmp_path / "notice.docx"
    write_notice(sample_master(tmp_path), path)
    return _pdf(path, tmp_path)


def test_notice_pages_are_portrait_cover_landscape_tables_portrait_imprint(notice_pdf):
    pdf = notice_pdf
    sizes = "".join(size[0] for size in _page_sizes(pdf))
    # The cover letter, with its 版头, may run onto a second page.
    assert re.fullmatch("p+l+p", sizes), sizes
    pages = _pages_text(pdf)
    numbers = [re.findall(r"—(\d+)—", page.replace(" ", "")) for page in pages]
    assert [int(n[-1]) for n in numbers[:-1]] == list(range(1, len(pages)))
    # The 版记 page carries no number (7.5); LibreOffice leaves the blank
    # page it may insert before it out of this PDF.
    assert numbers[-1] == []
    assert "抄送：区委各部门" in pages[-1] and "2023年3月3日印发" in pages[-1].replace(" ", "")
    assert "温鹿政办〔2023〕12号" in pages[0].replace(" ", "")
    # The 发文机关标志 stays on one line.
    assert "温州市鹿城区人民政府办公室文件" in [line.strip() for line in pages[0].splitlines()]


def _number_words(pdf) -> list[list[tuple[float, float, float, float]]]:
    """Return per page the boxes (xMin, yMin, xMax, yMax, in pt) of its "—" words."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = xml.split("<page ")[1:]
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">—</word>'
    return [[tuple(map(float, m)) for m in re.findall(pattern, page)] for page in pages]


def test_landscape_page_numbers_are_turned_beside_the_table(notice_pdf):
    pdf = notice_pdf
    sizes, words = _page_sizes(pdf), _number_words(pdf)
    mm = 72 / 25.4
    for number, (size, dashes) in enumerate(zip(sizes, words), start=1):
        if size != "landscape":
            continue
        (x0, top, x1, _), (_, _, _, bottom) = dashes[0], dashes[-1]
        # Left of the 35 mm margin, running down the page (one dash above
        # the other), lower left on odd pages and upper left on even ones.
        assert x1 < 35 * mm and bottom - top > 30, (number, dashes)
        assert (top > 105 * mm) if number % 2 else (bottom < 105 * mm), (number, dashes)


def test_letter_renders_on_numbered_portrait_pages(tmp_path):
    summary = write_letters(sample_master(tmp_path), tmp_path / "letters")
    pdf = _pdf(summary.files[0], tmp_path)
    assert set(_page_sizes(pdf)) == {"portrait"}
    pages = _pages_text(pdf)
    assert "区发改局：" in pages[0].replace(" ", "")
    assert "—1—" in pages[0].replace(" ", "")
