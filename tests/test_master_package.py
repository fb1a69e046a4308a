"""collect changes only the sheets it owns: every other part of the master
(pictures, charts, text boxes, comments, sparklines, macros, formulas with
their results, styles, shared strings) stays byte for byte.

Masters: tests/fixtures/workbook/rich-master.xlsm (xlsxwriter, with a macro
part) and rich-master-lo.xlsx (the same re-saved by LibreOffice).
"""

from __future__ import annotations

import re
import shutil
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

from progress_support import answer, returned
from toolkit.progress.collect import collect_returns
from toolkit.progress.forms import write_forms
from toolkit.workbook.package import Package
from toolkit.workbook.read import read_master

FIXTURES = Path(__file__).parent / "fixtures" / "workbook"
OWNED = ("进展", "收文记录", "进展待定")
# Parts that name the sheets: changed only by the sheets collect adds.
INDEX = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml")


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def owned_parts(path: Path) -> set[str]:
    package = Package(path)
    try:
        return {package.sheet_part(name) for name in OWNED if package.sheet_part(name)}
    finally:
        package.close()


def without_added(data: bytes, added: list[bytes]) -> bytes:
    for item in added:
        data = data.replace(item, b"")
    return data


@pytest.mark.parametrize("name", ["rich-master.xlsm", "rich-master-lo.xlsx"])
def test_collect_keeps_every_part_it_does_not_own(tmp_path, name):
    master = tmp_path / name
    shutil.copy(FIXTURES / name, master)
    forms = write_forms(read_master(master), "2023Q1", tmp_path / "forms")
    before = members(master)  # forms may have given the master its 表单密钥
    form = next(f for f in forms if "区财政局" in f.name)
    back = returned(form, tmp_path / "back", {"01-01": answer(progress="完成前期工作<&>")})
    report = collect_returns(master, [back], "2023Q1")
    assert report.written
    after = members(master)
    assert set(before) <= set(after)
    owned = owned_parts(master)
    for part, data in before.items():
        if part not in owned and part not in INDEX:
            assert after[part] == data, part
    # The index parts differ only by the entries of the sheets added.
    added_sheets = re.findall('<(?:\\w+:)?sheet [^>]*name="(?:收文记录|进展待定)"[^>]*/>'.encode(), after["xl/workbook.xml"])
    assert len(added_sheets) == 1  # 收文记录 (进展待定 only when a conflict arrives)
    assert without_added(after["xl/workbook.xml"], added_sheets) == before["xl/workbook.xml"]
    new_parts = sorted(set(after) - set(before))
    assert len(new_parts) == 1 and new_parts[0] in owned
    rels = re.findall(rb'<Relationship Id="rIdT\d+"[^>]*/>', after["xl/_rels/workbook.xml.rels"])
    assert without_added(after["xl/_rels/workbook.xml.rels"], rels) == before["xl/_rels/workbook.xml.rels"]
    override = f'<Override PartName="/{new_parts[0]}" '.encode()
    types = re.sub(re.escape(override) + rb'[^>]*/>', b"", after["[Content_Types].xml"])
    assert types == before["[Content_Types].xml"]
    # The master still reads, with the row collected, in openpyxl and the toolkit.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl names the sparklines it cannot keep
        book = openpyxl.load_workbook(master)
    assert book["统计"]["B1"].value == "=COUNTA(重点工作!A:A)-1"
    progress = read_master(master).progress
    assert [(p.task_id, p.unit, p.progress) for p in progress] == [("01-01", "区财政局", "完成前期工作<&>")]


def test_a_second_collect_appends_to_the_sheets_it_added(tmp_path):
    master = tmp_path / "rich-master.xlsm"
    shutil.copy(FIXTURES / "rich-master.xlsm", master)
    forms = write_forms(read_master(master), "2023Q1", tmp_path / "forms")
    by_unit = {f.name.split("-", 1)[1][:-5]: f for f in forms}
    one = returned(by_unit["区财政局"], tmp_path / "a", {"01-01": answer()})
    two = returned(by_unit["区教育局"], tmp_path / "b", {"02-01": answer("已完成", 100)})
    collect_returns(master, [one], "2023Q1")
    media = members(master)["xl/media/image1.png"]
    collect_returns(master, [two], "2023Q1")
    assert members(master)["xl/media/image1.png"] == media
    read = read_master(master)
    assert sorted((p.task_id, p.status) for p in read.progress) == [("01-01", "序时推进"), ("02-01", "已完成")]
    book = openpyxl.load_workbook(master, read_only=True)
    log = [r[1] for r in book["收文记录"].iter_rows(min_row=2, values_only=True)]
    book.close()
    assert log == [one.name, two.name]


def notice_text(extra: str = "", corrected: tuple[str, str] = ("", "")) -> str:
    """Return small_notice as a published text notice, with `extra` rows
    added to section 一 and one task text corrected."""
    from progress_support import small_notice

    lines = ["附件", "", "2023年政府工作报告重点工作责任分解", ""]
    for index, section in enumerate(small_notice().sections):
        lines += [section.heading, "", "序号\t重点工作\t责任单位\t备注"]
        lines += [f"{t.number}\t{t.text.replace(*corrected) if corrected[0] else t.text}\t{t.units_cell}\t"
                  for t in section.tasks]
        if index == 0 and extra:
            lines.append(extra)
        lines.append("")
    return "\n".join(lines)


@pytest.mark.parametrize("name", ["rich-master.xlsm", "rich-master-lo.xlsx"])
def test_import_merge_keeps_every_part_it_does_not_own(tmp_path, name):
    from toolkit.importing import import_notices

    master = tmp_path / name
    shutil.copy(FIXTURES / name, master)
    before = members(master)
    notice = tmp_path / "更正稿.txt"
    notice.write_text(notice_text("4\t新增一项任务。\t*区统计局、区财政局\t", ("新增学位3000个", "新增学位3500个")),
                      encoding="utf-8")
    report = import_notices([notice], master, merge=True)
    assert "「重点工作」新增 01-04" in report.merge
    assert any(line.startswith("「重点工作」02-01 的「重点工作」按通知更新") for line in report.merge)
    after = members(master)
    package = Package(master)
    owned = {package.sheet_part(n) for n in ("重点工作", "民生实事", "单位", "发文信息", "台账底稿")}
    package.close()
    changed = sorted(part for part, data in before.items() if after.get(part) != data)
    assert set(changed) <= owned, changed
    tasks = {t.id: t for t in read_master(master).notice.tasks}
    assert tasks["02-01"].text == "新建改扩建中小学5所，新增学位3500个。"
    assert [(u.name, u.lead) for u in tasks["01-04"].units] == [("区统计局", True), ("区财政局", False)]
    assert read_master(master).canonical("区统计局") == "区统计局"


@pytest.mark.parametrize("name", ["rich-master.xlsm", "rich-master-lo.xlsx"])
def test_forms_giving_an_older_master_its_form_key_change_only_its_meta_sheet(tmp_path, name):
    master = tmp_path / name
    shutil.copy(FIXTURES / name, master)
    before = members(master)
    write_forms(read_master(master), "2023Q1", tmp_path / "forms")
    after = members(master)
    meta = Package(master)
    try:
        meta_part = meta.sheet_part("发文信息")
    finally:
        meta.close()
    # The fixtures predate the key: forms adds it, in 发文信息 only.
    assert set(after) == set(before)
    assert [p for p in before if after[p] != before[p]] == [meta_part]
    meta_values = read_master(master).notice.meta
    assert len(meta_values["表单密钥"]) == 32 and meta_values["签名启用季度"] == "2023Q1"
