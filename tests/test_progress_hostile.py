"""Hostile returns (issue 10): each one placed beside good returns is
refused alone, with its reason, and the good rows are merged exactly."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest

from progress_support import FIXTURES, answer, forms_for, make_master, minutes_ago, returned, set_saved_at
from toolkit.progress import check as k
from toolkit.progress.common import FORM_HEADERS
from toolkit.progress import returns as r
from toolkit.progress.collect import collect_returns
from toolkit.workbook.read import read_master

ROOT = Path(__file__).resolve().parent.parent
GOOD = [("01-01", "区财政局", "序时推进", 40.0, "已完成前期工作"),
        ("02-01", "区教育局", "已完成", 100.0, "已完成前期工作")]


@pytest.fixture
def world(tmp_path):
    """A master, its forms, and two good returns in `back`."""
    master = make_master(tmp_path / "总台账.xlsx")
    forms = forms_for(master, tmp_path / "forms")
    back = tmp_path / "back"
    returned(forms["区财政局"], back, {"01-01": answer()})
    returned(forms["区教育局"], back, {"02-01": answer("已完成", 100)})
    return master, forms, back


def _progress(master: Path) -> list[tuple]:
    return sorted((e.task_id, e.unit, e.status, e.percent, e.progress) for e in read_master(master).progress)


def _file_refusals(report) -> dict[str, str]:
    return {x.file: x.reason for x in report.refused if x.line == 0 and not x.task_id}


def rewrite(src: Path, dst: Path, part: str, change) -> Path:
    """Copy the zip `src` to `dst`, passing `part`'s bytes through `change`
    (None drops the part)."""
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename == part:
                data = change(data)
                if data is None:
                    continue
            b.writestr(info, data)
    return dst


def _hostile(forms, back: Path, name: str, part: str, change, unit: str = "区科技局") -> Path:
    """A return of `unit` (filled, so it would merge) broken by `change`."""
    filled = returned(forms[unit], back.parent / "raw", {"01-03": answer()}, name=f"raw-{name}")
    return rewrite(filled, back / name, part, change)


BROKEN_XML = r.BROKEN.format(why="工作表内容（XML）不完整或有错")


@pytest.mark.parametrize("name, part, change, reason", [
    ("坏XML.xlsx", "xl/worksheets/sheet1.xml", lambda d: d[: len(d) // 2], BROKEN_XML),
    ("标识截断.xlsx", "xl/worksheets/sheet2.xml", lambda d: d[: len(d) // 2], BROKEN_XML),
    ("缺表.xlsx", "xl/worksheets/sheet1.xml", lambda d: None,
     "文件缺少工作表「进展填报」的内容（xl/worksheets/sheet1.xml），可能已损坏，未读取。"),
    ("缺标识.xlsx", "xl/worksheets/sheet2.xml", lambda d: None,
     "文件缺少工作表「表单标识」的内容（xl/worksheets/sheet2.xml），可能已损坏，未读取。"),
    ("缺目录.xlsx", "xl/_rels/workbook.xml.rels", lambda d: None,
     "文件缺少工作表「workbook.xml.rels」的内容（xl/_rels/workbook.xml.rels），可能已损坏，未读取。"),
    ("乱码样式.xlsx", "xl/styles.xml", lambda d: b"\xff\xfe<<<", "不是 Excel 文件（格式无法识别，可能已损坏），未读取。"),
])
def test_a_broken_part_refuses_that_file_alone(world, name, part, change, reason):
    master, forms, back = world
    _hostile(forms, back, name, part, change)
    report = collect_returns(master, [back], "2023Q1")
    assert _file_refusals(report) == {name: reason}
    assert _progress(master) == GOOD


def test_a_bad_shared_string_index_is_refused(world, tmp_path):
    master, forms, back = world
    # LibreOffice writes shared strings (openpyxl's returns use inline ones).
    src = FIXTURES / "lo-resaved-区财政局.xlsx"
    rewrite(src, back / "索引.xlsx", "xl/worksheets/sheet1.xml",
            lambda d: re.sub(rb'(<c r="I5"[^>]*t="s"[^>]*><v>)\d+', rb"\g<1>99999", d))
    report = collect_returns(master, [back / "2023Q1进展表-区教育局.xlsx", back / "索引.xlsx"], "2023Q1")
    assert _file_refusals(report) == {"索引.xlsx": r.BROKEN.format(why="读取时出错：CalamineError")}
    assert _progress(master) == [GOOD[1]]


def test_control_characters_are_stored_cleaned_with_a_note(world):
    master, forms, back = world
    filled = returned(forms["区科技局"], back.parent / "raw", {"01-03": answer(progress="PLACEHOLDER")})
    # Excel writes a line break pasted from Word as _x000B_ (vertical tab).
    rewrite(filled, back / "换行符.xlsx", "xl/worksheets/sheet1.xml",
            lambda d: d.replace(b"PLACEHOLDER", "第一行_x000B_第二行_x0001_完".encode()))
    report = collect_returns(master, [back], "2023Q1")
    assert report.refused == [] and report.written
    assert ("01-03", "区科技局", "序时推进", 40.0, "第一行\n第二行完") in _progress(master)
    assert [w.reason for w in report.warnings if w.file == "换行符.xlsx"] == [
        "编号 01-03 的进展情况含有表格不能保存的控制字符（如从 Word 粘贴来的换行符），已换成换行或删除"]


def test_year_0001_save_time_is_flagged_not_fatal(world):
    master, forms, back = world
    _hostile(forms, back, "公元1年.xlsx", "docProps/core.xml",
             lambda d: re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>0001-01-01T00:00:00Z", d))
    report = collect_returns(master, [back], "2023Q1")
    assert report.refused == []
    assert len(_progress(master)) == 3
    flagged = [w.reason for w in report.warnings if w.file == "公元1年.xlsx"]
    assert len(flagged) == 1 and flagged[0].startswith("文件的保存时间 0001-01-01 ")
    assert "早于进展表的生成时间" in flagged[0]
    log = {row[1].value: row[5].value for row in openpyxl.load_workbook(master)["收文记录"].iter_rows(min_row=2)}
    # Kept for the record: a time that early can only make this file look old.
    assert log["公元1年.xlsx"].startswith("0001-01-01 ")


def _far_cell(ref: str):
    row = re.search(r"\d+", ref).group()
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    return lambda d: d.replace(b"</sheetData>", cell.encode())


def _ods_repeated(d: bytes) -> bytes:
    row = (b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
           b'table:number-columns-repeated="1000" office:value-type="float" office:value="1">'
           b"<text:p>1</text:p></table:table-cell></table:table-row>")
    return d.replace(b"</table:table>", row + b"</table:table>", 1)


def test_huge_sheets_are_refused_before_any_grid_is_built(world, tmp_path):
    """XFD1048576 made Rust ask for 549 GB and abort the process: collect
    runs in a child process with 1 GB of address space, so a regression
    fails this test instead of the test run."""
    master, forms, back = world
    _hostile(forms, back, "XFD.xlsx", "xl/worksheets/sheet1.xml", _far_cell("XFD1048576"))
    _hostile(forms, back, "CV.xlsx", "xl/worksheets/sheet1.xml", _far_cell("CV1048576"), unit="区卫健局")
    rewrite(FIXTURES / "lo-saved-区财政局.ods", back / "重复.ods", "content.xml", _ods_repeated)
    # LibreOffice saved a form with one more cell at IV65536 as .xls (12 KB):
    # calamine asks for 671 MB while opening it, and aborted the process.
    shutil.copy(FIXTURES / "hostile-IV65536.xls", back / "IV65536.xls")
    assert (back / "XFD.xlsx").stat().st_size < 10_000
    script = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        sys.path.insert(0, {str(ROOT)!r})
        from toolkit.progress.collect import collect_returns
        report = collect_returns({str(master)!r}, [{str(back)!r}], "2023Q1")
        for x in report.refused:
            print(x.file, x.reason, sep="\\t")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    refused = dict(line.split("\t") for line in done.stdout.splitlines())
    too_big = r.TOO_LARGE_SHEET.format
    cols = 2 * len(FORM_HEADERS)  # twice the form's columns
    assert refused == {
        "XFD.xlsx": too_big(sheet="进展填报", rows=1048576, cols=16384, max_rows=100, max_cols=cols),
        "CV.xlsx": too_big(sheet="进展填报", rows=1048576, cols=100, max_rows=100, max_cols=cols),
        "重复.ods": too_big(sheet="进展填报", rows=2096576, cols=1000, max_rows=20000, max_cols=cols),
        "IV65536.xls": r.XLS_UNREADABLE,
    }
    assert _progress(master) == GOOD


def test_a_forged_marker_is_refused_and_never_displaces_the_genuine_return(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    forms = forms_for(master, tmp_path / "forms")
    back = tmp_path / "back"
    genuine = returned(forms["区财政局"], back, {"01-01": answer("序时推进", 40)})
    set_saved_at(genuine, minutes_ago(10))
    # 区科技局 edits its hidden marker to pose as 区财政局, saved "in 2099".
    forged = returned(forms["区科技局"], back, {"01-03": answer("已完成", 100)}, name="冒充.xlsx")
    book = openpyxl.load_workbook(forged)
    for row in book["表单标识"].iter_rows():
        if row[0].value == "填报单位":
            row[1].value = "区财政局"
    book.save(forged)
    set_saved_at(forged, "2099-01-01T00:00:00Z")
    report = collect_returns(master, [back], "2023Q1")
    assert _file_refusals(report) == {"冒充.xlsx": k.FORGED.format(unit="区财政局")}
    assert _progress(master) == [("01-01", "区财政局", "序时推进", 40.0, "已完成前期工作")]
    log = {row[1].value: row[5].value for row in openpyxl.load_workbook(master)["收文记录"].iter_rows(min_row=2)}
    assert log["冒充.xlsx"] is None  # 2099 is never recorded: it would make later returns look older
    # A later genuine return of 区财政局 is still taken (kept apart as a correction, not refused as older).
    later = returned(forms["区财政局"], tmp_path / "later", {"01-01": answer("序时推进", 60)}, name="冒充.xlsx")
    again = collect_returns(master, [later], "2023Q1")
    assert [r.reason for r in again.refused] == [] and len(again.conflicts) == 1


def test_removing_the_signature_does_not_help(world):
    master, forms, back = world
    stripped = returned(forms["区科技局"], back, {"01-03": answer()}, name="去签名.xlsx")
    book = openpyxl.load_workbook(stripped)
    sheet = book["表单标识"]
    for row in sheet.iter_rows():
        if row[0].value == "签名":
            row[0].value = row[1].value = None
    book.save(stripped)
    report = collect_returns(master, [back], "2023Q1")
    assert _file_refusals(report) == {"去签名.xlsx": k.UNSIGNED.format(unit="区科技局")}
    assert _progress(master) == GOOD


def _unsigned(form: Path) -> Path:
    book = openpyxl.load_workbook(form)
    sheet = book["表单标识"]
    for row in sheet.iter_rows():
        if row[0].value in ("签名", "编号"):
            row[0].value = row[1].value = None
    book.save(form)
    return form


def test_old_masters_accept_old_unsigned_forms_with_a_warning(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    book = openpyxl.load_workbook(master)
    for row in book["发文信息"].iter_rows():
        if row[0].value == "表单密钥":
            row[1].value = None  # a master written before forms were signed
    book.save(master)
    old_form = _unsigned(forms_for(master, tmp_path / "forms")["区财政局"])
    # forms_for gave the master a key, first used for 2023Q1: make it Q2.
    book = openpyxl.load_workbook(master)
    meta = {row[0].value: row for row in book["发文信息"].iter_rows()}
    assert len(meta["表单密钥"][1].value) == 32 and meta["签名启用季度"][1].value == "2023Q1"
    meta["签名启用季度"][1].value = "2023Q2"
    book.save(master)
    returned(old_form, tmp_path / "back", {"01-01": answer()})
    report = collect_returns(master, [tmp_path / "back"], "2023Q1")
    assert report.refused == [] and report.taken == 1
    assert [w.reason for w in report.warnings] == [k.W_UNSIGNED.format(unit="区财政局")]


def test_numbers_mean_what_the_unit_typed(world):
    master, forms, back = world
    returned(forms["区发改局"], back, {"01-02": answer(percent="1_0"), "02-03": answer(percent="50%%")})
    returned(forms["区科技局"], back, {"01-03": answer(percent="0.5%")})
    report = collect_returns(master, [back], "2023Q1")
    assert sorted((x.task_id, x.reason) for x in report.refused) == [
        ("01-02", "完成进度「1_0」不是数字"), ("02-03", "完成进度「50%%」不是数字")]
    assert ("01-03", "区科技局", "序时推进", 0.5, "已完成前期工作") in _progress(master)
    assert report.warnings == []


def test_text_longer_than_a_cell_is_refused_not_cut(world):
    master, forms, back = world
    filled = returned(forms["区科技局"], back.parent / "raw", {"01-03": answer(progress="PLACEHOLDER")})
    # openpyxl (which fills test forms) cuts text itself: put it in the XML.
    # Varied characters, as typed text is: the same one repeated compresses
    # like a zip bomb and is refused as one.
    rnd = random.Random(10)
    text = "".join(chr(rnd.randint(0x4E00, 0x9FA5)) for _ in range(1_000_000))
    rewrite(filled, back / filled.name, "xl/worksheets/sheet1.xml", lambda d: d.replace(b"PLACEHOLDER", text.encode()))
    report = collect_returns(master, [back], "2023Q1")
    assert [(x.task_id, x.reason) for x in report.refused] == [
        ("01-03", k.R_TOO_LONG.format(header="进展情况", count=1_000_000, limit=32767))]
    assert _progress(master) == GOOD


def test_any_unexpected_failure_is_one_refusal(world, monkeypatch):
    master, forms, back = world
    returned(forms["区科技局"], back, {"01-03": answer()})
    real = k.check_form

    def explode(master_, key, quarter, form, now=""):
        if "区科技局" in form.path.name:
            raise RecursionError("boom")
        return real(master_, key, quarter, form, now)

    monkeypatch.setattr("toolkit.progress.collect.check_form", explode)
    report = collect_returns(master, [back], "2023Q1")
    assert _file_refusals(report) == {"2023Q1进展表-区科技局.xlsx": (
        "处理该文件时出错（RecursionError），本文件未合并，其他文件照常处理。"
        "请让单位重新另存后报送，并把该文件发给技术人员。")}
    assert _progress(master) == GOOD


# --- the report ------------------------------------------------------------

def test_older_rows_are_counted_as_rows_not_files(world):
    master, forms, back = world
    set_saved_at(back / "2023Q1进展表-区财政局.xlsx", minutes_ago(10))
    older = returned(forms["区财政局"], back.parent / "old", {"01-01": answer("滞后", 10), "02-02": answer("滞后", 5)})
    set_saved_at(older, minutes_ago(30))
    (back.parent / "old" / "坏.xlsx").write_bytes(b"PK\x03\x04" + bytes(200))
    report = collect_returns(master, [back, back.parent / "old"], "2023Q1")
    assert report.lines()[0] == ("2023Q1 收文：4 个文件，新采纳 3 行，与已收内容相同 0 行，"
                                 "拒收 1 行、1 个文件，冲突待定 0 行。")
    assert [(x.file, x.task_id) for x in report.refused] == [("2023Q1进展表-区财政局.xlsx", "01-01"), ("坏.xlsx", "")]


def test_the_report_is_written_atomically(world, monkeypatch):
    from toolkit.progress import report as rep

    master, forms, back = world
    target = back.parent / "收文报告.xlsx"
    collect_returns(master, [back], "2023Q1", report_path=target)
    before = target.read_bytes()

    def killed(self):
        Path(self.filename).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rep.xlsxwriter.Workbook, "close", killed)
    report = collect_returns(master, [back], "2023Q1", report_path=target)
    assert report.report_error.startswith(f"收文报告未能写入 {target}（")
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".~tmp")] == []


def test_a_link_at_the_report_path_is_replaced_not_followed(world, tmp_path):
    master, forms, back = world
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    link = tmp_path / "收文报告.xlsx"
    link.symlink_to(outside)
    collect_returns(master, [back], "2023Q1", report_path=link)
    assert outside.read_text() == "keep me" and not link.is_symlink()
    assert openpyxl.load_workbook(link).sheetnames[0] == "报送情况"


def test_the_report_can_never_overwrite_an_input(world):
    from click.testing import CliRunner

    from toolkit.cli import cli

    master, forms, back = world
    victim = back / "2023Q1进展表-区财政局.xlsx"
    before = victim.read_bytes()
    for args in ([str(victim)], [str(back)]):
        result = CliRunner().invoke(cli, ["collect", str(master), *args, "-q", "2023Q1", "--report", str(victim)])
        assert result.exit_code == 2, result.output
        assert f"收文报告的位置 {victim} 是要收的文件之一，写报告会覆盖它。请用 --report 换一个位置。" in result.output
    assert victim.read_bytes() == before
    assert read_master(master).progress == []
    # The report of an earlier run, in the folder being collected, is no input.
    report = back / "收文报告-2023Q1.xlsx"
    first = CliRunner().invoke(cli, ["collect", str(master), str(back), "-q", "2023Q1", "--report", str(report)])
    again = CliRunner().invoke(cli, ["collect", str(master), str(back), "-q", "2023Q1", "--report", str(report)])
    assert (first.exit_code, again.exit_code) == (0, 1)  # the old report is refused as no form


def test_a_file_name_with_control_characters_is_stored_cleaned(world):
    master, forms, back = world
    odd = returned(forms["区科技局"], back, {"01-03": answer()}, name="区科技局\x0b报\x01.xlsx")
    report = collect_returns(master, [back], "2023Q1")
    assert report.refused == [] and report.written
    entries = {e.task_id: e.source_file for e in read_master(master).progress}
    assert entries["01-03"] == "区科技局\n报.xlsx" and odd.exists()


def test_returns_over_the_memory_budget_are_read_again_and_merged(world, monkeypatch):
    from toolkit.progress import collect as col

    master, forms, back = world
    monkeypatch.setattr(col, "HOLD_BUDGET", 10)  # every form's rows are let go after reading
    reads = []
    real = col.receive
    monkeypatch.setattr(col, "receive", lambda path: reads.append(Path(path).name) or real(path))
    report = collect_returns(master, [back], "2023Q1")
    assert report.refused == [] and _progress(master) == GOOD
    assert sorted(reads) == sorted(2 * ["2023Q1进展表-区财政局.xlsx", "2023Q1进展表-区教育局.xlsx"])


def test_a_return_changed_between_readings_is_refused(world, monkeypatch):
    from toolkit.progress import collect as col

    master, forms, back = world
    monkeypatch.setattr(col, "HOLD_BUDGET", 10)
    real = col.receive
    seen = set()

    def changing(path):
        item = real(path)
        if Path(path).name in seen and "区教育局" in Path(path).name:
            item.sha256 = "0" * 64  # as if the file was saved again meanwhile
        seen.add(Path(path).name)
        return item

    monkeypatch.setattr(col, "receive", changing)
    report = collect_returns(master, [back], "2023Q1")
    assert _file_refusals(report) == {"2023Q1进展表-区教育局.xlsx": col.R_CHANGED}
    assert _progress(master) == GOOD[:1]


def test_a_sheet_name_with_control_characters_is_quoted_safely(world, tmp_path):
    master, forms, back = world
    _hostile(forms, back, "怪表名.xlsx", "xl/workbook.xml",
             lambda d: d.replace("进展填报".encode(), "进展&#1;填报".encode()))
    report = collect_returns(master, [back], "2023Q1", report_path=tmp_path / "报告.xlsx")
    assert report.written and report.report_path and _progress(master) == GOOD
    assert list(_file_refusals(report)) == ["怪表名.xlsx"]
    log = {row[1].value: row[8].value for row in openpyxl.load_workbook(master)["收文记录"].iter_rows(min_row=2)}
    assert "\x01" not in log["怪表名.xlsx"]
