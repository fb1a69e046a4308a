"""Every cell the toolkit writes from outside text is text, never a formula.

One run through every workbook the toolkit writes — the master (new and
merged), the forms, the master after collect, the collect report and the
draft — with notices, returns and reports whose texts start with = + - @.
Every cell of every sheet is walked: no formula anywhere, and each of those
texts reads back exactly as typed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

from progress_support import answer, returned
from toolkit.draft import draft_report
from toolkit.importing import import_notices
from toolkit.progress.collect import collect_returns
from toolkit.progress.forms import write_forms
from toolkit.workbook.read import read_master

NOTICE = """附件

2024年政府工作报告重点工作责任分解

一、张三区长牵头重点工作

序号\t重点工作\t责任单位\t备注
1\t=1+2 完成投资120亿元。\t*区财政局、=1+2\t+备注
2\t-5%的指标要压降。\t@区税务局\t=HYPERLINK("http://x")
3\t推进项目建设。\t区发改局\t
"""
SECOND = NOTICE.replace("区发改局", "=SUM(A1:A9)").replace("张三区长", "李四副区长").replace("一、", "二、")
REPORT = """2024年政府工作报告

二、2024年工作安排

=1+2 新增市场主体3000家以上。

-5%的能耗下降，改造老旧小区12个。
"""
EVIL = ("=1+2", "@区税务局", "=HYPERLINK(\"http://x\")", "+备注", "=SUM(A1:A9)", "-5%", "=HYPERLINK(\"http://y\")",
        "+1 问题", "-2 打算")


def formulas(path: Path) -> list[str]:
    """Return every `<f>` element in the worksheets of the .xlsx at `path`."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found += [f"{name}: {m}" for m in re.findall(rb"<f[ >][^<]*", archive.read(name))]
    return found


def evil_texts(path: Path) -> set[str]:
    """Return every cell text of the workbook that starts like a formula,
    checking that openpyxl sees each cell as text or number, never formula."""
    seen = set()
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path.name} {sheet.title}!{cell.coordinate}: {cell.value}"
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    seen.add(cell.value)
    book.close()
    return seen


def test_no_workbook_the_toolkit_writes_holds_a_formula_from_outside_text(tmp_path):
    (tmp_path / "通知.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "补充通知.txt").write_text(SECOND, encoding="utf-8")
    master = tmp_path / "总台账.xlsx"
    import_notices([tmp_path / "通知.txt"], master)
    assert formulas(master) == []
    assert {"=1+2 完成投资120亿元。", "=1+2", "@区税务局", "+备注", "=HYPERLINK(\"http://x\")",
            "-5%的指标要压降。"} <= evil_texts(master)

    import_notices([tmp_path / "补充通知.txt"], master, merge=True)
    assert formulas(master) == []
    assert "=SUM(A1:A9)" in evil_texts(master)  # in 重点工作, 台账底稿 and 单位

    forms = write_forms(read_master(master), "2024Q1", tmp_path / "forms")
    for form in forms:
        assert formulas(form) == []
        evil_texts(form)
    form = next(f for f in forms if "区财政局" in f.name)
    # Typed with a leading ' as units do to keep text in Excel.
    back = returned(form, tmp_path / "back", {
        "01-01": answer(progress="'=HYPERLINK(\"http://y\")", problems="'+1 问题", next_steps="'-2 打算")})
    report = tmp_path / "收文报告.xlsx"
    result = collect_returns(master, [back], "2024Q1", report_path=report)
    assert result.written
    for path in (master, report):
        assert formulas(path) == []
    assert {"=HYPERLINK(\"http://y\")", "+1 问题", "-2 打算"} <= evil_texts(master)
    evil_texts(report)

    (tmp_path / "报告.txt").write_text(REPORT, encoding="utf-8")
    draft = tmp_path / "草稿.xlsx"
    draft_report(tmp_path / "报告.txt", draft)
    assert formulas(draft) == []
    texts = evil_texts(draft)
    assert any(t.startswith("=1+2") for t in texts)
