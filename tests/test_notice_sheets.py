"""The clerk's own spreadsheet (.xlsx/.xls/.ods/.et/.csv) read as a notice."""

from __future__ import annotations

import datetime
import re
import shutil
import sys
import zipfile

import openpyxl
import pytest

from toolkit.exceptions import ParseError, UnknownFormat
from toolkit.notices import HOW_TO_MAP, Format, guess_format, read_notice
from toolkit.notices.sheets import cell_text

from conftest import FIXTURES

sys.path.insert(0, str(FIXTURES / "sheets"))
from make_fixtures import SAVED, clerk_workbook  # noqa: E402

EXPECTED = [
    ("一、经济发展", "1", "地区生产总值增长7%左右。", ["区发改局"], ["区统计局"], "", "2024年12月底"),
    ("一、经济发展", "2", "规上工业增加值增长8%。", ["区经信局"], ["区统计局", "区税务局"], "按季报送", "2024年6月30日"),
    # 牵头单位 merged down over task 3.
    ("一、经济发展", "3", "新增规上工业企业30家。", ["区经信局"], ["区市场监管局"], "", ""),
    ("二、城乡建设", "1", "完成老旧小区改造12个。", ["区住建局"], ["区城管局", "各街道"], "", ""),
    ("二、城乡建设", "2", "新建改建道路5条，其中农村公路3条。", ["区交通局"], ["区财政局"], "", ""),
    ("二、城乡建设", "3", "治理黑臭水体2条。", ["区生态环境分局"], ["区水利局"], "", ""),
    # 序号 merged down over the row its text runs on.
    ("二、城乡建设", "4", "新增公共停车位2000个，其中充电车位500个。", ["区城管局"], ["区住建局"], "", ""),
]


def rows(notice):
    return [(s.heading, t.number, t.text, t.lead_units, t.support_units, t.remark, t.deadline)
            for s in notice.sections for t in s.tasks]


def test_openpyxl_workbook(tmp_path):
    notice, format_ = read_notice(clerk_workbook(tmp_path / "任务表.xlsx"))
    assert format_ is Format.SHEET
    assert rows(notice) == EXPECTED
    assert notice.meta == {"标题": "2024年政府工作报告重点工作责任分解表"}
    assert notice.problems == []
    assert [t.source for t in notice.tasks[2:4]] == ["任务表.xlsx:工作表「经济发展」第5行", "任务表.xlsx:工作表「城乡建设」第3行"]


@pytest.mark.parametrize("fmt", sorted(SAVED))
def test_libreoffice_resaves(fmt):
    notice, format_ = read_notice(SAVED[fmt])
    assert format_ is Format.SHEET
    assert rows(notice) == EXPECTED
    assert notice.problems == []


def test_wps_et_read_as_the_xls_inside(tmp_path):
    """WPS saves .et as a BIFF workbook like .xls; only such files were
    available to test (a real WPS-made .et was not)."""
    et = shutil.copy(SAVED["xls"], tmp_path / "任务表.et")
    notice, format_ = read_notice(et)
    assert format_ is Format.SHEET
    assert rows(notice) == EXPECTED


def test_problem_names_sheet_and_row(tmp_path):
    path = clerk_workbook(tmp_path / "任务表.xlsx")
    book = openpyxl.load_workbook(path)
    book["城乡建设"]["A6"] = "甲"
    book.save(path)
    notice, _ = read_notice(path)
    assert [str(p) for p in notice.problems] == ["任务表.xlsx 工作表「城乡建设」:6 序号「甲」无法识别：甲\t治理黑臭水体2条。\t区生态环境分局\t区水利局"]


def test_every_sheet_its_own_section(tmp_path):
    """Task 1 of Sheet2 must not be taken for task 1 of Sheet continued."""
    path = tmp_path / "表.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["序号", "重点工作", "责任单位"])
    book.active.append([1, "甲任务。", "区发改局"])
    other = book.create_sheet("Sheet2")
    other.append(["序号", "重点工作", "责任单位"])
    other.append([1, "乙任务。", "区财政局"])
    book.save(path)
    notice, _ = read_notice(path)
    assert [(s.heading, [t.text for t in s.tasks]) for s in notice.sections] == [("一、Sheet", ["甲任务。"]), ("二、Sheet2", ["乙任务。"])]


def test_cell_text_as_the_clerk_sees_it():
    assert [cell_text(v) for v in (1.0, 2.5, 123456789012.0, 0.1 + 0.2, True, None, "  区财政局 ")] == [
        "1", "2.5", "123456789012", "0.3", "TRUE", "", "区财政局"]
    assert cell_text(datetime.date(2024, 6, 30)) == "2024年6月30日"
    assert cell_text(datetime.datetime(2024, 6, 30, 14, 30)) == "2024年6月30日 14:30"
    assert cell_text(datetime.time(9, 5)) == "09:05"


CSV_TEXT = "序号,重点工作,牵头单位,配合单位\n1,完成老旧小区改造12个。,区住建局,\"区城管局,各街道\"\n2,\"新建道路5条，\n其中农村公路3条。\",区交通局,区财政局\n3,治理黑臭水体2条。,区生态环境分局,区水利局\n"
CSV_EXPECTED = [
    ("", "1", "完成老旧小区改造12个。", ["区住建局"], ["区城管局", "各街道"], "", ""),
    ("", "2", "新建道路5条，\n其中农村公路3条。", ["区交通局"], ["区财政局"], "", ""),
    ("", "3", "治理黑臭水体2条。", ["区生态环境分局"], ["区水利局"], "", ""),
]


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-16"])
def test_csv_any_encoding_and_delimiter(tmp_path, delimiter, encoding):
    path = tmp_path / "任务.csv"
    path.write_bytes(CSV_TEXT.replace(",", delimiter).encode(encoding))
    notice, format_ = read_notice(path)
    assert format_ is Format.CSV
    assert notice.encoding == encoding
    assert rows(notice) == CSV_EXPECTED
    # Lines are the file's: task 3 is on line 5, after a cell on two lines.
    assert [t.source for t in notice.tasks] == ["任务.csv:2", "任务.csv:3", "任务.csv:5"]


def test_csv_problem_line(tmp_path):
    path = tmp_path / "任务.csv"
    path.write_text(CSV_TEXT + "第四项,某任务,区某局,\n", encoding="utf-8")
    notice, _ = read_notice(path)
    assert [str(p) for p in notice.problems] == ["任务.csv:6 序号「第四项」无法识别：第四项\t某任务\t区某局"]


def test_spreadsheet_without_table_says_what_was_seen(tmp_path):
    path = tmp_path / "表.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "电话"])
    book.save(path)
    with pytest.raises(ParseError) as err:
        read_notice(path)
    assert str(err.value) == (
        "表.xlsx 中没有找到责任分解表格（应有“序号”“重点工作”“责任单位”等表头）或带责任单位的任务段落。"
        "看到的表头可能是 表.xlsx 工作表「Sheet」:1：姓名 | 电话。" + HOW_TO_MAP)


def test_encrypted_workbook_refused(tmp_path):
    # An encrypted .xlsx is an OLE compound file holding an EncryptionInfo stream.
    path = tmp_path / "加密.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 1000)
    with pytest.raises(UnknownFormat) as err:
        read_notice(path)
    assert str(err.value) == "加密.xlsx 设有打开密码，无法读取。请在 Word、Excel 或 WPS 中取消密码后另存，再导入。"


def test_absurd_xlsx_refused_before_calamine_builds_it(tmp_path):
    """One cell at XFD1048576 would make calamine allocate the whole
    rectangle and abort the process: refused from the cell references."""
    path = tmp_path / "大表.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "序号"
    book.active["XFD1048576"] = "x"
    book.save(path)
    with pytest.raises(UnknownFormat) as err:
        read_notice(path)
    assert str(err.value) == (
        "大表.xlsx 的工作表「Sheet」有 1048576 行、16384 列，超出责任分解表格的合理大小"
        "（最多 100000 行、200 列、共 2000000 个单元格），未读取。请删除表格下方或右侧的多余内容后另存再导入。")


def test_absurd_ods_refused_before_calamine_opens_it(tmp_path):
    path = tmp_path / "大表.ods"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="表1"><table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
        '</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    with pytest.raises(UnknownFormat) as err:
        read_notice(path)
    assert str(err.value).startswith("大表.ods 的工作表「表1」有 1000000 行、1 列，超出责任分解表格的合理大小")


def test_absurd_xls_refused_before_calamine_opens_it():
    """Cells A1 and IV65536 (saved as .xls by LibreOffice 7.4): calamine
    would hold 65536 x 256 cells, about 1 GB; the BIFF records tell first."""
    with pytest.raises(UnknownFormat) as err:
        read_notice(FIXTURES / "sheets" / "远端单元格.xls")
    assert str(err.value) == (
        "远端单元格.xls 的工作表「Sheet」有 65536 行、256 列，超出责任分解表格的合理大小"
        "（最多 100000 行、200 列、共 2000000 个单元格），未读取。请删除表格下方或右侧的多余内容后另存再导入。")


def test_master_given_as_notice_reads_its_tasks(sample_master):
    master = sample_master("ouhai")
    notice, format_ = read_notice(master)
    original, _ = read_notice(FIXTURES.parent.parent / "inputs" / "ouhai-2024-annex.txt")
    assert (format_, notice.format) == (Format.SHEET, "master")
    assert len(notice.tasks) == len(original.tasks) == 127
    assert [(t.text, t.units_cell) for t in notice.tasks] == [(t.text, t.units_cell) for t in original.tasks]


def test_guess_format_csv_and_draft_refusal(tmp_path):
    assert guess_format(tmp_path / "a.csv", b"a,b\n") is Format.CSV
    path = clerk_workbook(tmp_path / "报告.xlsx")
    with pytest.raises(UnknownFormat) as err:
        guess_format(path, path.read_bytes()[:4096], documents_only=True)
    assert str(err.value) == "报告.xlsx 是 Excel 表格，不是通知或报告。请给出 .txt、.docx 或 .html 文件；总台账请用其他命令打开。"


def test_other_offices_header_words(tmp_path):
    """Headers as other offices type them (责任领导, 主要责任单位, 协同配合单位,
    时间节点), in their own order, read by the header words of tables.py."""
    path = tmp_path / "分解表.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["责任领导", "序号", "工作任务", "主要责任单位", "协同配合单位", "时间节点"])
    sheet.append(["杜某", 1, "地区生产总值增长8%以上。", "区发改局", "区统计局", "2024年12月底"])
    sheet.append([None, 2, "固定资产投资增长10%。", "区发改局", "区财政局、区住建局", "2024年6月底"])
    sheet.merge_cells("A2:A3")
    book.save(path)
    notice, _ = read_notice(path)
    assert [(t.number, t.text, t.leader, t.lead_units, t.support_units, t.deadline) for t in notice.tasks] == [
        ("1", "地区生产总值增长8%以上。", "杜某", ["区发改局"], ["区统计局"], "2024年12月底"),
        ("2", "固定资产投资增长10%。", "杜某", ["区发改局"], ["区财政局", "区住建局"], "2024年6月底"),
    ]
    assert notice.problems == []


def test_overlapping_merges_refused(tmp_path, monkeypatch):
    """Merged ranges over each other (only a crafted file has them) must not
    multiply the work of repeating values: their total area is capped."""
    from toolkit.notices import sheets

    monkeypatch.setattr(sheets, "MAX_CELLS", 10)
    path = tmp_path / "合并.xlsx"
    book = openpyxl.Workbook()
    for row in (["序号", "重点工作", "责任单位"], [1, "甲任务。", "区发改局"], [2, "乙任务。", "区财政局"]):
        book.active.append(row)
    book.save(path)
    # openpyxl writes no overlapping ranges: put them into the sheet XML.
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb"</sheetData>", b'</sheetData><mergeCells count="3"><mergeCell ref="A1:C3"/>'
                          b'<mergeCell ref="A1:C2"/><mergeCell ref="A2:C3"/></mergeCells>', parts[sheet])
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(UnknownFormat) as err:
        read_notice(path)
    assert str(err.value) == "合并.xlsx 的工作表「Sheet」中合并单元格相互重叠、数量异常，未读取。请取消合并后另存再导入。"


@pytest.mark.parametrize("fmt", sorted(SAVED))
def test_damaged_workbooks_give_a_message(tmp_path, fmt):
    """Bytes flipped, cut or overwritten in each LibreOffice re-save: a
    notice or a ToolkitError every time, never another exception (calamine
    panics on a damaged .xls: pyo3's PanicException is a BaseException)."""
    import random

    from toolkit.exceptions import ToolkitError

    rng = random.Random(f"sheets:{fmt}")
    data = SAVED[fmt].read_bytes()
    path = tmp_path / f"坏表.{fmt}"
    for _ in range(40):
        damaged = bytearray(data)
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        else:
            damaged = damaged[:rng.randrange(len(damaged))]
        path.write_bytes(bytes(damaged))
        try:
            read_notice(path)
        except ToolkitError:
            pass


def _percent_workbook(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "重点工作", "责任单位", "完成率", "目标"])
    sheet.append([1, "甲任务。", "区发改局", 0.25, 0.075])
    sheet["D2"].number_format, sheet["E2"].number_format = "0%", "0.0%"
    sheet.append([2, "乙任务。", "区财政局", 1, 0.5])
    sheet["D3"].number_format, sheet["E3"].number_format = "0%", "0.00%"
    book.save(path)
    return path


def test_percentages_as_the_clerk_sees_them(tmp_path):
    """calamine gives 0.25 for a cell shown as 25%: the number format is
    read from styles.xml (.xlsx) or the cell's printed text (.ods, here
    the same workbook saved by LibreOffice 7.4).  .xls keeps 0.25."""
    from pathlib import Path

    from toolkit.notices import read_blocks

    for path in (_percent_workbook(tmp_path / "百分比.xlsx"), FIXTURES / "sheets" / "百分比-libreoffice.ods"):
        rows = [b.cells for b in read_blocks(Path(path))[0]][1:]
        assert [r[3:] for r in rows] == [["25%", "7.5%"], ["100%", "50.00%"]], path
