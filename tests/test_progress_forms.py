"""write_forms: one protected, printable, marked form per unit."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
import python_calamine as calamine

from progress_support import make_master, small_notice
from toolkit.exceptions import ToolkitError
from toolkit.model import ProgressEntry
from toolkit.progress import common as c
from toolkit.progress.forms import FORMS_EXIST, form_name, write_forms
from toolkit.workbook.read import read_master

from conftest import soffice_convert


def _grid(path, sheet=c.FORM_SHEET):
    book = calamine.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(sheet).to_python()


@pytest.fixture
def master(tmp_path):
    return read_master(make_master(tmp_path / "总台账.xlsx"))


def test_one_form_per_unit_and_none_for_group_phrases(master, tmp_path):
    paths = write_forms(master, "2023Q1", tmp_path / "forms")
    assert [p.name for p in paths] == [
        "2023Q1进展表-区财政局.xlsx", "2023Q1进展表-区发改局.xlsx", "2023Q1进展表-区科技局.xlsx",
        "2023Q1进展表-区教育局.xlsx", "2023Q1进展表-区卫健局.xlsx"]


def test_form_lists_the_units_tasks_with_roles(master, tmp_path):
    write_forms(master, "2023Q1", tmp_path, deadline="2023年4月5日", contact="张三 88880000")
    grid = _grid(tmp_path / "2023Q1进展表-区财政局.xlsx")
    assert grid[0][0] == "2023年第一季度重点工作进展填报表"
    assert [grid[1][i] for i in (0, 3, 6, 9)] == [
        "填报单位：区财政局", "所属季度：2023年第一季度（2023Q1）", "报送截止：2023年4月5日", "联系人：张三 88880000"]
    assert grid[3] == list(c.FORM_HEADERS)
    assert [row[:6] for row in grid[4:]] == [
        ["01-01", "林杰", "实施财政收入提质行动，一般公共预算收入增长6%。", "牵头", "6%", ""],
        ["01-03", "林杰", "新增国家高新技术企业60家。", "配合", "", ""],
        ["02-02", "王芳", "推进区人民医院迁建工程。", "配合", "", ""],
    ]
    assert all(row[6:] == [""] * (len(c.FORM_HEADERS) - 6) for row in grid[4:])


def test_marker_names_master_unit_and_quarter(master, tmp_path):
    write_forms(master, "2023Q2", tmp_path)
    rows = dict(_grid(tmp_path / "2023Q2进展表-区教育局.xlsx", c.MARKER_SHEET))
    assert rows[c.K_KIND] == c.FORM_KIND
    assert rows[c.K_UNIT] == "区教育局"
    assert rows[c.K_QUARTER] == "2023Q2"
    assert rows[c.K_MASTER] == c.master_key(master)
    assert rows[c.K_MASTER_FILE] == "总台账.xlsx"


def test_locks_validates_and_prints_landscape(master, tmp_path):
    write_forms(master, "2023Q1", tmp_path)
    book = openpyxl.load_workbook(tmp_path / "2023Q1进展表-区财政局.xlsx")
    sheet = book[c.FORM_SHEET]
    assert book[c.MARKER_SHEET].sheet_state == "veryHidden"
    assert sheet.protection.sheet is True and sheet.protection.sort is False  # False = allowed
    assert sheet["C5"].protection.locked is True
    first_fill = c.FORM_HEADERS.index("完成状态") + 1
    assert [sheet.cell(5, col).protection.locked for col in range(first_fill, first_fill + len(c.FILL_HEADERS))] \
        == [False] * len(c.FILL_HEADERS)
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert rules["I5:I7"].type == "list" and rules["I5:I7"].formula1 == '"已完成,序时推进,滞后,未启动"'
    assert (rules["J5:J7"].type, rules["J5:J7"].operator, rules["J5:J7"].formula1, rules["J5:J7"].formula2) == (
        "decimal", None, "0", "100")  # no operator = "between", the default
    assert rules["N5:N7"].type == "list" and rules["N5:N7"].formula1 == '"是,否"'  # 申请延期
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    # one page wide (1 is the default, so not written), as many pages tall as needed
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (None, 0)
    assert sheet.print_title_rows == "$4:$4"  # the column headers on every page
    # The 填报单位 on every page, in the page header.
    assert sheet.oddHeader.left.text == "填报单位：区财政局"
    # Rows grow with what a unit types: a first height, never a fixed one.
    assert [sheet.row_dimensions[r].height for r in range(5, 8)] == [63.75] * 3  # 4 lines, in whole pixels
    with zipfile.ZipFile(tmp_path / "2023Q1进展表-区财政局.xlsx") as package:
        rows = re.findall(r'<row r="(\d+)"([^>]*)>', package.read("xl/worksheets/sheet1.xml").decode())
    assert [(r, "customHeight" in attrs) for r, attrs in rows][2:] == [("3", True), ("4", False), ("5", False), ("6", False),
                                                              ("7", False)]
    # Columns that fit A4 landscape at >= 95 % (11 pt prints >= 10.5 pt):
    # 281.8 mm between the margins; Excel's pixels are w*7+5 at 96 dpi.
    widths = [sheet.column_dimensions[col].width for col in "ABCDEFGHIJK"]
    mm = sum(int(w * 7 + 0.5) + 5 for w in widths) * 25.4 / 96
    assert (297 - 2 * 0.3 * 25.4) / mm >= 0.95


def test_earlier_quarters_shown_for_context(tmp_path):
    path = make_master(tmp_path / "m.xlsx", progress=[
        ProgressEntry("01-02", "2023Q1", "区发改局", "序时推进", 40.0),
        ProgressEntry("01-02", "2023Q2", "区发改局", "滞后", 45.0),
        ProgressEntry("01-02", "2023Q3", "区发改局", "已完成", 100.0),
    ])
    write_forms(read_master(path), "2023Q3", tmp_path)
    grid = _grid(tmp_path / "2023Q3进展表-区发改局.xlsx")
    assert grid[5][0] == "01-02" and grid[5][c.FORM_HEADERS.index("前期进展")] == "Q1：序时推进 40%；Q2：滞后 45%"


def test_refuses_to_overwrite_without_force(master, tmp_path):
    write_forms(master, "2023Q1", tmp_path)
    with pytest.raises(ToolkitError) as err:
        write_forms(master, "2023Q1", tmp_path)
    assert str(err.value) == FORMS_EXIST.format(name=tmp_path / "2023Q1进展表-区财政局.xlsx")
    assert len(write_forms(master, "2023Q1", tmp_path, force=True)) == 5


def test_bad_quarter_is_refused(master, tmp_path):
    with pytest.raises(c.BadQuarter) as err:
        write_forms(master, "2023Q5", tmp_path)
    assert str(err.value) == "季度「2023Q5」格式不对，应写成 2023Q1、2023-Q1、2023年第一季度 或 2023年一季度（年份加第几季度，1 到 4）。"


def test_form_names_are_safe_on_windows_and_unique(tmp_path):
    assert form_name('区/委:办"', "2023Q4") == "2023Q4进展表-区_委_办_.xlsx"
    notice = small_notice()
    notice.sections[1].tasks[0].units[0].name = "区财政局?"  # sanitises to 区财政局_
    notice.sections[1].tasks[1].units[0].name = "区财政局*"  # …and so does this one
    paths = write_forms(read_master(make_master(tmp_path / "m.xlsx", notice)), "2023Q1", tmp_path / "f")
    assert sorted(p.name for p in paths if "财政" in p.name) == [
        "2023Q1进展表-区财政局.xlsx", "2023Q1进展表-区财政局_-2.xlsx", "2023Q1进展表-区财政局_.xlsx"]


def test_master_key_survives_renaming_but_not_another_notice(tmp_path):
    a = read_master(make_master(tmp_path / "a.xlsx"))
    b = read_master(make_master(tmp_path / "renamed.xlsx"))
    other = read_master(make_master(tmp_path / "o.xlsx", small_notice({"文号": "温鹿政办〔2024〕3号"})))
    assert c.master_key(a) == c.master_key(b) != c.master_key(other)


def test_unwritable_output_is_a_clear_error(master, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ToolkitError) as err:
        write_forms(master, "2023Q1", blocker / "forms")
    assert str(err.value).startswith(f"无法写入进展表到 {blocker / 'forms'}：")


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
                    reason="LibreOffice/poppler not installed")
def test_libreoffice_prints_one_landscape_a4_page(master, tmp_path):
    write_forms(master, "2023Q1", tmp_path)
    form = tmp_path / "2023Q1进展表-区财政局.xlsx"
    soffice_convert("pdf", form, tmp_path)
    info = subprocess.run(["pdfinfo", str(form.with_suffix(".pdf"))], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", info)
    assert re.search(r"Page size:\s+841.89 x 595.\d+ pts \(A4\)", info)


def test_aliases_give_one_form_with_all_tasks(tmp_path):
    from toolkit.model import UnitInfo, UnitRef
    from toolkit.workbook.rows import unit_rows
    from toolkit.workbook.write import write_master

    notice = small_notice()
    notice.sections[0].tasks[1].units = [UnitRef("区人社局", True)]
    notice.sections[1].tasks[0].units = [UnitRef("区人力社保局", True)]
    path = tmp_path / "m.xlsx"
    write_master(path, notice, unit_rows(notice, [UnitInfo("区人社局", ["区人力社保局"])]))
    paths = write_forms(read_master(path), "2023Q1", tmp_path / "f")
    assert "2023Q1进展表-区人力社保局.xlsx" not in [p.name for p in paths]
    grid = _grid(tmp_path / "f" / "2023Q1进展表-区人社局.xlsx")
    assert [row[0] for row in grid[4:]] == ["01-02", "02-01"]


def test_lost_task_text_points_to_the_notice(tmp_path):
    from progress_support import lost_text_notice

    master = read_master(make_master(tmp_path / "m.xlsx", lost_text_notice()))
    write_forms(master, "2023Q1", tmp_path / "f")
    grid = _grid(tmp_path / "f" / "2023Q1进展表-区卫健局.xlsx")
    assert [row[:4] for row in grid[4:]] == [["02-02", "王芳", "（原文缺失，请以通知原件为准）", "牵头"]]


def test_unwritable_output_reason_is_in_chinese(master, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ToolkitError) as err:
        write_forms(master, "2023Q1", blocker / "forms")
    assert str(err.value) == (f"无法写入进展表到 {blocker / 'forms'}：路径中有同名的文件或文件夹。"
                              "请检查目录是否存在、是否有写入权限，或表格是否正被打开。")


def test_a_form_that_cannot_be_saved_names_the_reason_in_chinese(master, tmp_path, monkeypatch):
    import errno

    import xlsxwriter

    def full_disk(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsxwriter.Workbook, "_store_workbook", full_disk)
    with pytest.raises(ToolkitError) as err:
        write_forms(master, "2023Q1", tmp_path / "f")
    assert str(err.value) == (f"无法写入进展表到 {tmp_path / 'f'}：磁盘空间已满。"
                              "请检查目录是否存在、是否有写入权限，或表格是否正被打开。")
