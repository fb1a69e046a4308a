"""A notice is recognised by its content, and `--force` keeps the clerk's
data: merging the same notice again (another format, another name) adds
nothing; a corrected copy updates only the rows the clerk never touched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import NOTICES
from toolkit.importing import import_notices
from toolkit.render import write_notice, write_notice_html
from toolkit.workbook.read import read_master

LO_MASTER = Path(__file__).parent / "fixtures" / "workbook" / "lo-resaved-master.xlsx"


@pytest.fixture
def master(tmp_path):
    path = tmp_path / "总台账.xlsx"
    import_notices([NOTICES["lucheng2023"]], path)
    return path


def sheet_rows(path, name):
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[name].iter_rows(values_only=True))
    book.close()
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def set_cell(path, task_id, header, value):
    book = openpyxl.load_workbook(path)
    sheet = book["重点工作"]
    columns = {c.value: c.column for c in sheet[1]}
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, columns["编号"]).value == task_id)
    sheet.cell(row, columns[header]).value = value
    book.save(path)


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_same_notice_in_another_format_and_name_adds_nothing(master, tmp_path, fmt):
    again = tmp_path / f"印发稿.{fmt}"
    (write_notice if fmt == "docx" else write_notice_html)(read_master(master), again)
    report = import_notices([again], master, merge=True)
    assert len(read_master(master).notice.tasks) == 142
    assert f"印发稿.{fmt} 与台账中已有的通知（lucheng-2023-notice.txt）内容相同，按同一通知合并，不重复加入" in report.merge
    assert not any("新增" in line for line in report.merge)


def test_docx_and_html_of_one_notice_together_are_one_notice(master, tmp_path):
    write_notice(read_master(master), tmp_path / "a.docx")
    write_notice_html(read_master(master), tmp_path / "b.html")
    report = import_notices([tmp_path / "a.docx", tmp_path / "b.html"], tmp_path / "new.xlsx")
    assert len(read_master(tmp_path / "new.xlsx").notice.tasks) == 142
    assert report.merge[0] == "b.html 与 a.docx 是同一份通知（内容相同），只导入一次"


def test_corrected_notice_updates_untouched_rows_and_reports_edited_ones(master, tmp_path):
    text = NOTICES["lucheng2023"].read_text(encoding="utf-8")
    tasks = {t.id: t.text for t in read_master(master).notice.tasks}
    corrected = text.replace(tasks["02-13"], tasks["02-13"] + "（更正）").replace(tasks["02-14"], "更正后的任务。")
    (tmp_path / "更正稿.txt").write_text(corrected, encoding="utf-8")
    set_cell(master, "02-14", "重点工作", "科室改写的任务。")
    report = import_notices([tmp_path / "更正稿.txt"], master, merge=True)
    read = {t.id: t.text for t in read_master(master).notice.tasks}
    assert len(read) == 142
    assert read["02-13"] == tasks["02-13"] + "（更正）"
    assert read["02-14"] == "科室改写的任务。"
    assert any(line.startswith("「重点工作」02-13 的「重点工作」按通知更新") for line in report.merge)
    assert "「重点工作」02-14 的「重点工作」与通知不同，保留台账中的内容（台账：科室改写的任务。；通知：更正后的任务。）" in report.merge


def test_corrected_units_update_only_where_the_clerk_left_them(master, tmp_path):
    text = NOTICES["lucheng2023"].read_text(encoding="utf-8")
    (tmp_path / "更正稿.txt").write_text(text.replace("区财政局", "区财政局（区国资办）"), encoding="utf-8")
    finance = [t.id for t in read_master(master).notice.tasks if "区财政局" in t.units_cell]
    edited, untouched = finance[0], finance[1]
    set_cell(master, edited, "牵头单位", "区审计局")
    set_cell(master, edited, "配合单位", "")
    set_cell(master, edited, "责任单位", "区审计局")
    import_notices([tmp_path / "更正稿.txt"], master, merge=True)
    tasks = {t.id: t for t in read_master(master).notice.tasks}
    assert [u.name for u in tasks[edited].units] == ["区审计局"]
    assert "区财政局（区国资办）" in [u.name for u in tasks[untouched].units]


def test_force_keeps_progress_receipts_pending_settings_and_aliases(master):
    book = openpyxl.load_workbook(master)
    book["进展"].append(["02-13", "2023Q1", "区财政局", "序时推进", 40, "已完成前期工作", "", "", "2023-04-02 10:00:00", "a.xlsx"])
    log = book.create_sheet("收文记录")
    log.append(["收文时间", "文件", "SHA-256", "填报单位", "季度", "保存时间", "采纳行数", "拒收行数", "原因"])
    log.append(["2023-04-02 10:00:00", "a.xlsx", "abc", "区财政局", "2023Q1", "", 1, 0, ""])
    pending = book.create_sheet("进展待定")
    pending.append(["编号", "季度", "填报单位", "完成状态", "采用"])
    pending.append(["02-13", "2023Q1", "区财政局", "滞后", ""])
    units = book["单位"]
    columns = {c.value: c.column for c in units[1]}
    row = next(r for r in range(2, units.max_row + 1) if units.cell(r, columns["单位名称"]).value == "区财政局")
    units.cell(row, columns["别名"]).value = "财政局"
    book["设置"].cell(2, 2).value = "7"
    book.save(master)
    report = import_notices([NOTICES["lucheng2023"]], master, force=True)
    read = read_master(master)
    assert [(p.task_id, p.unit, p.status, p.percent) for p in read.progress] == [("02-13", "区财政局", "序时推进", 40.0)]
    assert read.canonical("财政局") == "区财政局"
    assert [r["文件"] for r in sheet_rows(master, "收文记录")] == ["a.xlsx"]
    assert [r["完成状态"] for r in sheet_rows(master, "进展待定")] == ["滞后"]
    assert sheet_rows(master, "设置")[0]["值"] == "7"
    assert ("原台账中的「进展」1 行、「收文记录」1 行、「进展待定」1 行、「设置」8 行、已确认的别名 1 个 已原样保留到新台账"
            in report.merge)


def test_written_record_holds_each_rows_texts_in_one_cell(master):
    """台账底稿 keeps one JSON 记录 per row: the texts as written, in notice order."""
    rows = sheet_rows(master, "台账底稿")
    assert list(rows[0]) == ["工作表", "编号", "次序", "记录"]
    first = rows[0]
    assert (first["工作表"], first["编号"], first["次序"]) == ("重点工作", "02-01", "0")
    task = read_master(master).notice.tasks[0]
    record = json.loads(first["记录"])
    assert record["重点工作"] == task.text
    assert record["责任单位"] == task.units_cell
    assert [r["次序"] for r in rows] == [str(i) for i in range(len(rows))]


def test_merge_into_a_master_with_the_older_record_columns(tmp_path):
    """A master whose 台账底稿 has a column per text (written before 记录,
    here re-saved by LibreOffice) still tells the clerk's edits apart,
    and the merge leaves it with 记录."""
    path = tmp_path / "总台账.xlsx"
    shutil.copy(LO_MASTER, path)
    corrected = read_master(path)
    for task in corrected.notice.tasks:
        task.text = {"01-01": "通知更正的任务。"}.get(task.id, task.text)
    original_0102 = corrected.notice.tasks[1].text
    corrected.notice.tasks[1].text += "（更正）"
    write_notice(corrected, tmp_path / "更正稿.docx")
    set_cell(path, "01-01", "重点工作", "科室改写的任务。")
    report = import_notices([tmp_path / "更正稿.docx"], path, merge=True)
    tasks = {t.id: t.text for t in read_master(path).notice.tasks}
    assert tasks["01-01"] == "科室改写的任务。"
    assert tasks[corrected.notice.tasks[1].id] == original_0102 + "（更正）"
    assert any(line.startswith("「重点工作」01-01 的「重点工作」与通知不同，保留台账中的内容") for line in report.merge)
    assert "记录" in sheet_rows(path, "台账底稿")[0]
