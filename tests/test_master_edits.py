"""The master is the clerk's truth: unit edits honoured, contradictions and
missing parts refused by name, documents in the notice's order whatever the
sheet's row order.  Each master is edited as a clerk does it (openpyxl), and
one was re-saved by LibreOffice (tests/fixtures/workbook)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from progress_support import make_master, small_notice
from toolkit.exceptions import WorkbookError
from toolkit.workbook.read import read_master

FIXTURE = Path(__file__).parent / "fixtures" / "workbook" / "lo-resaved-master.xlsx"


@pytest.fixture(params=["xlsxwriter", "libreoffice"])
def master(request, tmp_path) -> Path:
    """A master of small_notice as the toolkit writes it, and the same
    master after a LibreOffice re-save."""
    path = tmp_path / "总台账.xlsx"
    if request.param == "libreoffice":
        shutil.copy(FIXTURE, path)
        return path
    return make_master(path)


def edit(path: Path, task_id: str, **values: str) -> None:
    """Change cells of one 重点工作 row, as a clerk does in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book["重点工作"]
    headers = {c.value: c.column for c in sheet[1]}
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, headers["编号"]).value == task_id:
            for header, value in values.items():
                sheet.cell(row, headers[header]).value = value
    book.save(path)


def units(path: Path, task_id: str) -> list[tuple[str, bool]]:
    task = next(t for t in read_master(path).notice.tasks if t.id == task_id)
    return [(u.name, u.lead) for u in task.units]


def test_edited_printed_cell_wins(master):
    edit(master, "01-01", 责任单位="*区统计局、区发改局")
    assert units(master, "01-01") == [("区统计局", True), ("区发改局", False)]


def test_edited_lead_column_wins_and_a_unit_moved_there_is_not_also_support(master):
    edit(master, "01-01", 牵头单位="区财政局、区发改局")
    assert units(master, "01-01") == [("区财政局", True), ("区发改局", True)]


def test_edited_support_column_alone_wins(master):
    edit(master, "02-02", 配合单位="区财政局、区医保局")
    assert units(master, "02-02") == [("区卫健局", True), ("区财政局", False), ("区医保局", False)]


def test_consistent_edits_of_both_are_taken(master):
    edit(master, "01-02", 责任单位="*区统计局、区发改局", 牵头单位="区统计局", 配合单位="区发改局")
    assert units(master, "01-02") == [("区统计局", True), ("区发改局", False)]


def test_contradictory_edits_stop_naming_the_row(master):
    edit(master, "02-01", 责任单位="*区统计局", 牵头单位="区教育局、区体育局")
    with pytest.raises(WorkbookError) as err:
        read_master(master)
    assert str(err.value) == (
        "总台账.xlsx 的工作表「重点工作」第5行（编号 02-01）：责任单位「*区统计局」与牵头单位「区教育局、区体育局」/配合单位「」"
        "说法不一致，而且两边都改过。请把这三列改成一致（或清空不用的一边：只留责任单位，或只留牵头单位/配合单位）后再运行。")


def test_clearing_one_side_settles_a_contradiction(master):
    edit(master, "02-01", 责任单位="*区统计局", 牵头单位="", 配合单位="")
    assert units(master, "02-01") == [("区统计局", True)]


def test_master_without_record_disagreeing_columns_is_refused(master):
    """A master made before 台账底稿 cannot tell which column is new."""
    book = openpyxl.load_workbook(master)
    del book["台账底稿"]
    book.save(master)
    assert units(master, "01-01") == [("区财政局", True), ("区发改局", False)]
    edit(master, "01-01", 牵头单位="区发改局", 配合单位="区财政局")
    with pytest.raises(WorkbookError, match="第2行（编号 01-01）.*无法判断哪一边是新改的"):
        read_master(master)


def test_old_master_sole_unit_beside_group_phrase_leads(tmp_path):
    """An older master wrote no lead for `区农业农村局,相关街道办事处`;
    the contract's sole-unit rule gives it one."""
    path = make_master(tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(path)
    del book["台账底稿"]
    book.save(path)
    edit(path, "02-01", 责任单位="区农业农村局,相关街道办事处", 牵头单位="", 配合单位="区农业农村局、相关街道办事处")
    assert units(path, "02-01") == [("区农业农村局", True), ("相关街道办事处", False)]


@pytest.mark.parametrize("header", ["牵头单位", "配合单位", "责任单位"])
def test_deleted_unit_column_is_named(master, header):
    book = openpyxl.load_workbook(master)
    sheet = book["重点工作"]
    column = next(c.column for c in sheet[1] if c.value == header)
    sheet.delete_cols(column)
    book.save(master)
    with pytest.raises(WorkbookError) as err:
        read_master(master)
    assert str(err.value) == f"总台账.xlsx 的工作表「重点工作」第1行缺少表头「{header}」。请补上该列的表头。"


def test_renamed_units_sheet_is_named(master):
    book = openpyxl.load_workbook(master)
    book["单位"].title = "单位名单"
    book.save(master)
    with pytest.raises(WorkbookError) as err:
        read_master(master)
    assert str(err.value) == "总台账.xlsx 缺少工作表「单位」。请用 toolkit import 生成的总台账，或补上该工作表。"


def test_renamed_progress_sheet_is_an_error_once_returns_were_collected(master):
    book = openpyxl.load_workbook(master)
    book["进展"].title = "进展（旧）"
    book.save(master)
    assert read_master(master).progress == []  # nothing collected yet: truly optional
    book = openpyxl.load_workbook(master)
    log = book.create_sheet("收文记录")
    log.append(["收文时间", "文件", "SHA-256", "填报单位", "季度", "保存时间", "采纳行数", "拒收行数", "原因"])
    log.append(["2023-04-02 10:00:00", "a.xlsx", "ab", "区财政局", "2023Q1", "", 3, 0, ""])
    book.save(master)
    with pytest.raises(WorkbookError) as err:
        read_master(master)
    assert str(err.value) == ("总台账.xlsx 缺少工作表「进展」，但「收文记录」表明已收集过季度进展。"
                              "请把改了名的工作表改回「进展」（或从备份中找回）后再运行。")


def sort_tasks(path: Path, header: str, reverse: bool = False) -> None:
    """Sort 重点工作's data rows by `header`, as Excel's sort does."""
    book = openpyxl.load_workbook(path)
    sheet = book["重点工作"]
    column = next(c.column for c in sheet[1] if c.value == header) - 1
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    rows.sort(key=lambda r: str(r[column] or ""), reverse=reverse)
    for number, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            sheet.cell(number, col).value = value
    book.save(path)


EXPECTED_ORDER = ["01-01", "01-02", "01-03", "02-01", "02-02", "02-03"]


@pytest.mark.parametrize("header", ["重点工作", "责任单位", "编号"])
def test_sorted_sheet_reads_in_notice_order(master, header):
    sort_tasks(master, header, reverse=True)
    read = read_master(master).notice
    assert [t.id for t in read.tasks] == EXPECTED_ORDER
    assert [s.heading for s in read.sections] == [s.heading for s in small_notice().sections]


def test_sorted_old_master_follows_printed_numbers(tmp_path):
    """Without 台账底稿, sections keep the order of their 来源 lines and
    tasks follow 序号."""
    notice = small_notice()
    for line, task in enumerate(notice.tasks, start=10):
        task.source = f"通知.txt:{line}"
    path = make_master(tmp_path / "m.xlsx", notice)
    book = openpyxl.load_workbook(path)
    del book["台账底稿"]
    book.save(path)
    sort_tasks(path, "重点工作")
    assert [t.id for t in read_master(path).notice.tasks] == EXPECTED_ORDER


def document_order(path: Path, texts: list[str]) -> list[int]:
    """Return the indexes of `texts` in the order they first appear in the
    .docx at `path`."""
    import re
    import zipfile

    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    body = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    found = sorted((body.find(t[:12]), i) for i, t in enumerate(texts) if body.find(t[:12]) >= 0)
    return [i for _, i in found]


def test_documents_of_a_sorted_master_follow_the_notice(master, tmp_path):
    from toolkit.progress.summary import write_summary
    from toolkit.render import write_letters, write_notice

    sort_tasks(master, "重点工作")
    sort_tasks(master, "责任单位", reverse=True)
    texts = [t.text for t in small_notice().tasks]
    read = read_master(master)
    write_notice(read, tmp_path / "通知.docx")
    assert document_order(tmp_path / "通知.docx", texts) == [0, 1, 2, 3, 4, 5]
    write_summary(read, "2023Q1", tmp_path / "进展.docx", blank=True)
    assert document_order(tmp_path / "进展.docx", texts) == [0, 1, 2, 3, 4, 5]
    write_letters(read, tmp_path / "函")
    letter = next((tmp_path / "函").glob("*区财政局*.docx"))
    assert document_order(letter, texts) == [0, 2, 4]
