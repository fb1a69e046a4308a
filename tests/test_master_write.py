"""The new master's data rows, spliced into the sheets xlsxwriter lays out
(toolkit/workbook/write.py): text stays text, every cell has its column's
format, and the sheet's extent and filter cover every row."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import python_calamine as calamine

from toolkit.synthetic import make_notice
from toolkit.workbook.package import MAX_CELL, Package
from toolkit.workbook.read import read_master
from toolkit.workbook.rows import unit_rows
from toolkit.workbook.write import write_master


def written_master(tmp_path, texts: list[str]):
    notice = make_notice(tasks=len(texts), units=5, sections=1)
    for task, text in zip(notice.tasks, texts):
        task.text = text
    for number, task in enumerate(notice.tasks, start=1):
        task.id = f"01-{number:02d}"
    path = tmp_path / "总台账.xlsx"
    write_master(path, notice, unit_rows(notice))
    return path, notice


def sheet_values(path, name: str) -> list[list]:
    return calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def test_text_is_kept_as_text_escaped_and_cleaned(tmp_path):
    texts = ["=1+2", "0012", "甲 & <乙> \"丙\"", "控制\x01字符\x1f", "换行\n保留", "长" * (MAX_CELL + 10)]
    path, _ = written_master(tmp_path, texts)
    rows = sheet_values(path, "重点工作")
    column = rows[0].index("重点工作")
    assert [r[column] for r in rows[1:]] == ["=1+2", "0012", "甲 & <乙> \"丙\"", "控制字符", "换行\n保留",
                                              "长" * MAX_CELL]
    master = read_master(path)
    assert [t.text for t in master.notice.tasks][:5] == ["=1+2", "0012", "甲 & <乙> \"丙\"", "控制字符", "换行\n保留"]


def test_every_data_cell_has_its_columns_format_and_no_formula(tmp_path):
    path, notice = written_master(tmp_path, [f"任务{n}" for n in range(1, 31)])
    sheet = openpyxl.load_workbook(path)["重点工作"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value not in (None, "")]
    assert len({c.row for c in cells}) == 30
    assert all(c.font.name == "宋体" and c.alignment.wrap_text and c.alignment.vertical == "top" for c in cells)
    assert all(c.data_type != "f" for c in cells)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}31"


def test_dimension_covers_the_rows_and_the_written_sheet_stays_very_hidden(tmp_path):
    path, _ = written_master(tmp_path, [f"任务{n}" for n in range(1, 8)])
    package = Package(path)
    try:
        tasks = package.read(package.sheet_part("重点工作")).decode()
        written = package.read(package.sheet_part("台账底稿")).decode()
        book = package.read("xl/workbook.xml").decode()
    finally:
        package.close()
    assert re.search(r'<dimension ref="A1:[A-Z]+8"/>', tasks)
    assert re.search(r'<dimension ref="A1:D8"/>', written)
    assert re.search(r'name="台账底稿"[^>]*state="veryHidden"', book)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
