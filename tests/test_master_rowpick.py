"""Reading chosen rows of a big sheet (workbook/rowpick.py) gives exactly
what reading the whole sheet gives for those rows, and never leaves out a
row it cannot tell apart."""

import zipfile
from datetime import date, datetime

import openpyxl
import python_calamine as calamine
import xlsxwriter

from toolkit.workbook import rowpick
from toolkit.workbook.package import Package

HEADERS = ["编号", "季度", "填报单位", "完成进度", "申请完成时间"]


def _master(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "进展"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _whole(path):
    book = calamine.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name("进展").to_python(skip_empty_area=False)


def _picked(path, wanted):
    package = Package(path)
    try:
        return rowpick.rows_where(package.zip, package.read(package.sheet_part("进展")), "季度", wanted)
    finally:
        package.close()


def _shared(path, rows):
    """A master as Excel saves it: shared strings, a date with its format."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("进展")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate([HEADERS] + rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, dates)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return path


def test_only_rows_of_the_quarters_wanted_are_read_and_read_as_a_whole_read_does(tmp_path):
    path = _shared(tmp_path / "m.xlsx", [
        ["01-01", "2023Q1", "区教育局", 40, None],
        ["01-02", " 2023Q2 ", "区财政局", 50.5, datetime(2023, 6, 30)],
        ["01-03", "2023Q1", "区财政局", None, None],
        ["01-04", "2023Q2", "区教育局", 100, "2023-12-31"],
    ])
    with zipfile.ZipFile(path) as archive:
        assert b't="s"' in archive.read("xl/worksheets/sheet1.xml")
    picked = _picked(path, {"2023Q2"})
    whole = _whole(path)
    assert picked.header == HEADERS
    assert sorted(picked.rows) == [3, 5]
    assert picked.rows[3] == whole[2] == ["01-02", " 2023Q2 ", "区财政局", 50.5, date(2023, 6, 30)]
    assert picked.rows[5] == whole[4] == ["01-04", "2023Q2", "区教育局", 100.0, "2023-12-31"]
    assert _picked(path, {"2024Q1"}).rows == {}


def test_inline_strings_as_the_toolkit_writes_them(tmp_path):
    path = _master(tmp_path / "m.xlsx", [
        ["01-01", "2023Q1", "区教育局", 40, None],
        ["01-02", "2023Q2", "区财政局", 50.5, None],
        ["01-03", "2023Q1", "区财政局", None, None],
    ])
    with zipfile.ZipFile(path) as archive:
        assert b't="inlineStr"' in archive.read("xl/worksheets/sheet1.xml")
    assert _picked(path, {"2023Q1"}).rows == {2: ["01-01", "2023Q1", "区教育局", 40.0], 4: ["01-03", "2023Q1", "区财政局", ""]}


def test_a_row_whose_quarter_cell_is_not_plain_text_is_read(tmp_path):
    path = _master(tmp_path / "m.xlsx", [
        ["01-01", "2023Q1", "区教育局"],
        ["01-02", 2023, "区财政局"],        # a number: cannot be told apart by the search
        ["01-03", "=\"2023\"&\"Q2\"", "区财政局"],  # a formula
        ["01-04", None, "区教育局"],        # no quarter: never wanted
    ])
    picked = _picked(path, {"2023Q2"})
    assert sorted(picked.rows) == [3, 4]
    assert picked.rows[3][:3] == ["01-02", 2023.0, "区财政局"]


def test_a_sheet_with_prefixed_tags_is_left_to_the_whole_read(tmp_path):
    path = _master(tmp_path / "m.xlsx", [["01-01", "2023Q1", "区教育局"]])
    package = Package(path)
    data = package.read(package.sheet_part("进展"))
    package.close()
    prefixed = data.replace(b"<row ", b"<x:row ").replace(b"</row>", b"</x:row>")
    with zipfile.ZipFile(path) as archive:
        assert rowpick.rows_where(archive, prefixed, "季度", {"2023Q1"}) is None
        assert rowpick.first_row(archive, prefixed) is None
        assert rowpick.first_row(archive, data) == HEADERS


def test_row_one_keeps_its_columns_when_column_a_is_empty(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "进展"
    sheet["B1"], sheet["C1"] = "季度", "编号"
    sheet["B2"], sheet["C2"] = "2023Q2", "01-01"
    book.save(tmp_path / "m.xlsx")
    picked = _picked(tmp_path / "m.xlsx", {"2023Q2"})
    assert picked.header == ["", "季度", "编号"]
    assert picked.rows == {2: ["", "2023Q2", "01-01"]}
