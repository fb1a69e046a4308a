"""Benchmark the file readers of issue 8: a clerk's spreadsheet of 8,000 task
rows (0.6 MB), the 29-page PDF fixture, the .doc fixture (LibreOffice
conversion, when installed).

Prints wall time per file; run by `make bench` (scripts/benchmark.py),
never as a timed test.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.notices import read_notice  # noqa: E402
from toolkit.notices.legacy import find_office  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "notices"


def _workbook(path: Path, rows: int) -> Path:
    """Write a decomposition of `rows` tasks with random Chinese texts."""
    random.seed(1)
    words = "推进建设完成改造提升新增培育打造实施开展加快深化全面优化服务产业项目城市乡村生态"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("重点工作")
    sheet.append(["序号", "重点工作", "牵头单位", "配合单位", "完成时限"])
    for number in range(1, rows + 1):
        text = "".join(random.choice(words) for _ in range(40)) + "。"
        sheet.append([number % 999 + 1, text, "区发改局", "区财政局、区住建局", "2024年底"])
    book.save(path)
    return path


def _time(path: Path) -> None:
    start = time.perf_counter()
    notice, format_ = read_notice(path)
    elapsed = time.perf_counter() - start
    size = path.stat().st_size / 1048576
    print(f"read {path.name} ({format_.value}, {size:.2f} MB): {elapsed:.2f} s, "
          f"{len(notice.tasks)} tasks, {len(notice.problems)} problems")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _time(_workbook(Path(tmp) / "clerk-8000-rows.xlsx", 8000))
    _time(FIXTURES / "lucheng-2023-toolkit-notice.pdf")
    if find_office():
        _time(FIXTURES / "lucheng-2023-libreoffice.doc")
    else:
        print("read .doc: skipped, LibreOffice not installed")


if __name__ == "__main__":
    main()
