"""The generated documents as LibreOffice lays them out (skipped without it).

Converts to PDF with `soffice --headless` and reads page sizes and text with
poppler, so the checks see pages as printed: orientation per page, page
numbers, the 版记 on the last page.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from fixtures.render.sample import sample_master

from toolkit.render.letters import write_letters
from toolkit.render.notice import write_notice

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("soffice", "pdfinfo", "pdftotext")),
    reason="LibreOffice or poppler-utils not installed",
)


def _pdf(docx_path, tmp_path):
    out = tmp_path / "pdf"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    return out / (docx_path.stem + ".pdf")


def _page_sizes(pdf) -> list[str]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True,
                          capture_output=True, text=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    return ["portrait" if float(h) > float(w) else "landscape" for w, h in sizes]


def _pages_text(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def test_notice_pages_are_portrait_cover_landscape_tables_portrait_imprint(tmp_path):
    path = tmp_path / "notice.docx"
    write_notice(sample_master(tmp_path), path)
    pdf = _pdf(path, tmp_path)
    sizes = _page_sizes(pdf)
    assert sizes[0] == "portrait" and sizes[-1] == "portrait"
    assert set(sizes[1:-1]) == {"landscape"}
    pages = _pages_text(pdf)
    for number, page in enumerate(pages, start=1):
        assert f"—{number}—" in page.replace(" ", "")
    assert "抄送：区委各部门" in pages[-1] and "2023年3月3日印发" in pages[-1].replace(" ", "")
    assert "温鹿政办〔2023〕12号" in pages[0].replace(" ", "")


def test_letter_renders_on_numbered_portrait_pages(tmp_path):
    summary = write_letters(sample_master(tmp_path), tmp_path / "letters")
    pdf = _pdf(summary.files[0], tmp_path)
    assert set(_page_sizes(pdf)) == {"portrait"}
    pages = _pages_text(pdf)
    assert "区发改局：" in pages[0].replace(" ", "")
    assert "—1—" in pages[0].replace(" ", "")
