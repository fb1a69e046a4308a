"""Measure the PDF reader against its CPU budgets (toolkit/notices/pdf.py).

    .venv/bin/python scripts/bench_pdf.py [file.pdf ...]

For each PDF (default: every PDF fixture) prints its pages, the CPU time of
its slowest page and of all pages (read in this process, as the capped
child reads them), and `read_notice` as the clerk runs it: the child's CPU
time and the wall time.  The budgets (PAGE_SECONDS a page, FILE_SECONDS or
PAGE_SHARE a page for the file) must stay well above these figures.
CPU time, as the machine is shared; never a timed test.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from toolkit.notices import pdf as pdf_reader  # noqa: E402
from toolkit.notices import read_notice  # noqa: E402
from toolkit.notices.reading import Reading  # noqa: E402


def _pages(data: bytes) -> list[float]:
    """Return the CPU time of each page, read as the reader reads them."""
    times: list[float] = []
    marks = [time.process_time()]

    def begin(page: int) -> None:
        now = time.process_time()
        if page > 1:
            times.append(now - marks[-1])
        marks.append(now)

    pdf_reader._mend_pdfminer()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pdf_reader._read_pages(pdf.pages, Reading([]), begin)
    times.append(time.process_time() - marks[-1])
    return times


def _children_cpu() -> float:
    t = os.times()
    return t.children_user + t.children_system


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "tests" / "fixtures").rglob("*.pdf"))
    print(f"budgets: {pdf_reader.PAGE_SECONDS:g} s a page; the file {pdf_reader.FILE_SECONDS:g} s "
          f"or {pdf_reader.PAGE_SHARE:g} s a page")
    for path in paths:
        data = path.read_bytes()
        pages = _pages(data)
        cpu, wall = _children_cpu(), time.perf_counter()
        try:
            notice, _ = read_notice(path)
            result = f"{len(notice.tasks)} tasks, {len(notice.livelihood)} 民生实事, {len(notice.problems)} problems"
        except Exception as exc:  # noqa: BLE001 - a figure to print, not a test
            result = f"{type(exc).__name__}: {str(exc)[:80]}"
        cpu, wall = _children_cpu() - cpu, time.perf_counter() - wall
        budget = max(pdf_reader.FILE_SECONDS, pdf_reader.PAGE_SHARE * len(pages))
        print(f"{path.name} ({len(data) / 1048576:.2f} MB, {len(pages)} pages): slowest page {max(pages):.2f} s, "
              f"pages {sum(pages):.2f} s CPU (budget {budget:.1f} s); read_notice {cpu:.2f} s CPU in the child, "
              f"{wall:.2f} s wall: {result}")


if __name__ == "__main__":
    main()
