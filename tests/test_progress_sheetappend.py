"""Appending to one sheet of the master without touching the other parts."""

from __future__ import annotations

import zipfile

import openpyxl

from progress_support import make_master
from toolkit.progress.sheetappend import append_rows


def _parts(path):
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_a_new_sheet_then_more_rows(tmp_path):
    master = make_master(tmp_path / "m.xlsx")
    before = _parts(master)
    one, two = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    append_rows(master, one, "催办记录", ("时间", "单位", "次数"), [{"时间": "2023-04-12", "单位": "=区财政局", "次数": 1}])
    after = _parts(one)
    changed = {n for n in before if after.get(n) != before[n]}
    assert changed == {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"}
    added = set(after) - set(before)
    assert len(added) == 1 and added.pop().startswith("xl/worksheets/sheet")
    append_rows(one, two, "催办记录", ("时间", "单位", "次数", "原因"),
                [{"时间": "2023-04-19", "单位": "区发改局", "次数": 2, "原因": "未报送"}])
    assert {n for n in after if _parts(two).get(n) != after[n]} == set(after) - set(before)
    book = openpyxl.load_workbook(two)
    assert book.sheetnames[-1] == "催办记录"
    rows = list(book["催办记录"].iter_rows(values_only=True))
    assert rows == [("时间", "单位", "次数", "原因"), ("2023-04-12", "=区财政局", 1, None),
                    ("2023-04-19", "区发改局", 2, "未报送")]
    assert book["催办记录"]["B2"].data_type == "s"
    assert len(list(book["重点工作"].iter_rows())) == 7


def test_values_follow_the_clerks_column_order(tmp_path):
    master = make_master(tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(master)
    sheet = book.create_sheet("催办记录")
    sheet.append(["单位", "备注", "时间"])
    sheet.append(["区教育局", "电话催过", "2023-04-01"])
    book.save(master)
    out = tmp_path / "out.xlsx"
    append_rows(master, out, "催办记录", ("时间", "单位", "次数"), [{"时间": "2023-04-12", "单位": "区财政局", "次数": 1}])
    rows = list(openpyxl.load_workbook(out)["催办记录"].iter_rows(values_only=True))
    assert rows == [("单位", "备注", "时间", "次数"), ("区教育局", "电话催过", "2023-04-01", None),
                    ("区财政局", None, "2023-04-12", 1)]


def test_a_master_libreoffice_saved(tmp_path):
    from pathlib import Path

    from toolkit.workbook.read import read_master

    source = Path(__file__).parent / "fixtures" / "workbook" / "lo-resaved-master.xlsx"
    out = tmp_path / "out.xlsx"
    append_rows(source, out, "催办记录", ("时间", "单位"), [{"时间": "2023-04-12", "单位": "区财政局"}])
    assert list(openpyxl.load_workbook(out)["催办记录"].iter_rows(values_only=True)) == [
        ("时间", "单位"), ("2023-04-12", "区财政局")]
    assert [t.id for t in read_master(out).notice.tasks] == [t.id for t in read_master(source).notice.tasks]
