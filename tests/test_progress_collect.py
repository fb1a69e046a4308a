"""collect_returns: merging, every rejection, idempotency, conflicts."""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime
from pathlib import Path
import zipfile

import openpyxl
import pytest
import python_calamine as calamine

from progress_support import FIXTURES, answer, forms_for, make_master, minutes_ago, returned, set_saved_at, small_notice
from toolkit.exceptions import MasterLocked
from toolkit.progress import check as k
from toolkit.progress.collect import R_CONFLICT, R_OLDER, collect_returns
from toolkit.workbook.read import read_master

NOW = datetime(2023, 4, 6, 9, 30)


@pytest.fixture
def setup(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    return master, forms_for(master, tmp_path / "forms"), tmp_path / "back"


def _progress(master: Path) -> list[tuple]:
    return sorted((e.task_id, e.quarter, e.unit, e.status, e.percent, e.progress, e.problems, e.next_steps,
                   e.source_file) for e in read_master(master).progress)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _reasons(report) -> list[tuple]:
    return [(r.file, r.unit, r.line, r.task_id, r.reason) for r in report.refused]


def test_merges_by_id_and_logs_the_receipt(setup):
    master, forms, back = setup
    f = returned(forms["区财政局"], back, {"02-02": answer("滞后", 20, "资金未到位", "缺口2亿元", "争取专项债"),
                                        "01-01": answer("序时推进", 35.5)})
    report = collect_returns(master, [back], "2023Q1", now=NOW)
    assert report.ok and report.written and report.taken == 2
    assert _progress(master) == [
        ("01-01", "2023Q1", "区财政局", "序时推进", 35.5, "已完成前期工作", "", "加快推进", f.name),
        ("02-02", "2023Q1", "区财政局", "滞后", 20.0, "资金未到位", "缺口2亿元", "争取专项债", f.name),
    ]
    book = openpyxl.load_workbook(master)
    log = [[c.value for c in row] for row in book["收文记录"].iter_rows()]
    assert log[0] == ["收文时间", "文件", "SHA-256", "填报单位", "季度", "保存时间", "采纳行数", "拒收行数", "原因"]
    assert log[1][:5] == ["2023-04-06 09:30:00", f.name, _sha(f), "区财政局", "2023Q1"]
    assert log[1][6:] == [2, 0, None]
    assert report.returned == ["区财政局"]
    assert report.missing == ["区发改局", "区科技局", "区教育局", "区卫健局"]
    assert Path(report.backup).parent.name == "备份" and Path(report.backup).name.startswith("总台账-")
    assert Path(report.backup).exists()
    assert (book["进展"].auto_filter.ref, book["收文记录"].auto_filter.ref) == ("A1:N3", "A1:I2")


def test_sorted_hidden_and_reordered_rows_match_by_id(setup):
    master, forms, back = setup
    f = returned(forms["区财政局"], back, {"01-01": answer("已完成", 100), "02-02": answer("滞后", 10)})
    book = openpyxl.load_workbook(f)
    sheet = book["进展填报"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=5, max_row=7)]
    for r, values in zip(range(5, 8), reversed(rows)):
        for col, value in enumerate(values, start=1):
            sheet.cell(r, col).value = value
    sheet.row_dimensions[5].hidden = True
    book.save(f)
    collect_returns(master, [f], "2023Q1", now=NOW)
    assert [(t, s, p) for t, _, _, s, p, *_ in _progress(master)] == [("01-01", "已完成", 100.0), ("02-02", "滞后", 10.0)]


@pytest.mark.parametrize("fixture", ["lo-resaved-区财政局.xlsx", "lo-saved-区财政局.xls", "lo-saved-区财政局.ods"])
def test_libreoffice_files_merge(tmp_path, fixture):
    """The committed fixtures were filled, sorted, one row hidden, and re-saved
    by `soffice --headless --convert-to xlsx|xls|ods` (see make_fixtures.py)."""
    master = make_master(tmp_path / "master.xlsx")
    report = collect_returns(master, [FIXTURES / fixture], "2023Q1", now=NOW)
    assert report.ok and report.taken == 3
    assert [(t, u, s, p, pr) for t, _, u, s, p, pr, *_ in _progress(master)] == [
        ("01-01", "区财政局", "序时推进", 35.0, "收入增长5.2%"),
        ("01-03", "区财政局", "已完成", 100.0, "配合完成高企认定奖补资金拨付"),
        ("02-02", "区财政局", "滞后", 20.0, "迁建资金尚未落实"),
    ]


def test_form_of_another_quarter_is_refused_whole(setup, tmp_path):
    master, _, back = setup
    q2 = forms_for(master, tmp_path / "q2", "2023Q2")
    f = returned(q2["区财政局"], back, {"01-01": answer()})
    report = collect_returns(master, [f], "2023Q1", now=NOW)
    assert not report.ok and report.taken == 0 and _progress(master) == []
    assert _reasons(report) == [(f.name, "区财政局", 0, "", "这是 2023Q2 的进展表，本次收的是 2023Q1，未合并。")]


def test_form_of_another_master_is_refused_whole(setup, tmp_path):
    master, _, back = setup
    other = make_master(tmp_path / "去年台账.xlsx", small_notice({"文号": "温鹿政办〔2022〕9号"}))
    f = returned(forms_for(other, tmp_path / "old")["区财政局"], back, {"01-01": answer()})
    report = collect_returns(master, [f], "2023Q1", now=NOW)
    assert _reasons(report) == [(f.name, "区财政局", 0, "", "这张表属于另一份总台账（去年台账.xlsx），不是本台账下发的，未合并。")]
    assert _progress(master) == []


def test_rows_are_refused_one_by_one_with_reasons(setup):
    master, forms, back = setup
    f = returned(forms["区财政局"], back, {
        "01-01": answer("完成了", 50),
        "01-03": answer("序时推进", 120),
        "02-02": answer("滞后", "一半"),
    }, edits={"09-99": answer(), "02-01": answer(), "02-02x": {"编号": ""}})
    report = collect_returns(master, [f], "2023Q1", now=NOW)
    assert report.taken == 0 and not report.ok
    assert [(line, task, reason) for _, _, line, task, reason in _reasons(report)] == [
        (5, "01-01", "完成状态「完成了」不在下拉列表中（已完成/序时推进/滞后/未启动）"),
        (6, "01-03", "完成进度 120 超出 0–100"),
        (7, "02-02", "完成进度「一半」不是数字"),
        (8, "09-99", "编号 09-99 不在总台账中"),
        (9, "02-01", "编号 02-01 的任务不由本单位承担"),
    ]
    book = openpyxl.load_workbook(master)
    assert [c.value for c in list(book["收文记录"].iter_rows())[1]][6:] == [0, 5, "；".join([
        "完成状态「完成了」不在下拉列表中（已完成/序时推进/滞后/未启动）", "完成进度 120 超出 0–100",
        "完成进度「一半」不是数字", "编号 09-99 不在总台账中", "编号 02-01 的任务不由本单位承担"])]


@pytest.mark.parametrize("value, expected", [
    ("60", (60, "")), ("60%", (60, "")), ("６０％", (60, "")), ("0", (0, "")), ("100", (100, "")),
    ("", (None, "")), ("33.5", (33.5, "")), ("-1", (None, "完成进度 -1 超出 0–100")),
    ("100.1", (None, "完成进度 100.1 超出 0–100")), ("nan", (None, "完成进度「nan」不是数字")),
    ("0.5%", (0.5, "")), ("1_0", (None, "完成进度「1_0」不是数字")), ("50%%", (None, "完成进度「50%%」不是数字")),
    ("1e2", (None, "完成进度「1e2」不是数字")), ("٥٠", (None, "完成进度「٥٠」不是数字")),
])
def test_parse_percent(value, expected):
    assert k.parse_percent(value) == expected


def test_empty_status_with_text_is_refused_and_blank_rows_ignored(setup):
    master, forms, back = setup
    f = returned(forms["区财政局"], back, {"01-01": {"进展情况": "写了进展但没选状态"}})
    report = collect_returns(master, [f], "2023Q1", now=NOW)
    assert [(r.line, r.reason) for r in report.refused] == [(5, "完成状态为空，但填写了其他内容")]
    assert report.files[0].blank == 2


def test_changed_task_text_is_reported_not_merged(setup):
    master, forms, back = setup
    f = returned(forms["区财政局"], back, {"01-01": answer()},
                 edits={"01-01": {"重点工作": "一般公共预算收入增长3%。"}})
    report = collect_returns(master, [f], "2023Q1", now=NOW)
    assert report.ok and report.taken == 1
    assert [(w.line, w.reason) for w in report.warnings] == [(5, "编号 01-01 的任务内容被改动，改动未采用（以总台账为准）")]
    assert read_master(master).notice.tasks[0].text == "实施财政收入提质行动，一般公共预算收入增长6%。"


def test_formula_like_text_is_stored_as_text(setup):
    master, forms, back = setup
    texts = ["'=HYPERLINK(\"http://x.example\",\"点我\")", "+86 电话", "-完成5%", "@某某"]
    f = returned(forms["区财政局"], back, {"01-01": answer(progress=texts[0], problems=texts[1], next_steps=texts[2]),
                                        "01-03": answer(progress=texts[3])})
    collect_returns(master, [f], "2023Q1", now=NOW)
    book = openpyxl.load_workbook(master)
    cells = [c for row in book["进展"].iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    stored = {c.value: c.data_type for c in cells if c.value[:1] in "=+-@"}
    assert stored == {'=HYPERLINK("http://x.example","点我")': "s", "+86 电话": "s", "-完成5%": "s", "@某某": "s"}
    grid = calamine.CalamineWorkbook.from_path(str(master)).get_sheet_by_name("进展").to_python()
    assert grid[1][5] == '=HYPERLINK("http://x.example","点我")'


def test_collecting_twice_changes_nothing(setup):
    master, forms, back = setup
    returned(forms["区财政局"], back, {"01-01": answer()})
    first = collect_returns(master, [back], "2023Q1", now=NOW)
    before = _sha(master)
    again = collect_returns(master, [back, back / "2023Q1进展表-区财政局.xlsx"], "2023Q1", now=NOW)
    assert first.taken == 1 and again.taken == 0 and again.files[0].same == 1
    assert not again.written and again.ok and _sha(master) == before
    assert len(list(openpyxl.load_workbook(master)["收文记录"].iter_rows())) == 2


def test_an_older_return_never_overwrites_a_newer_one(setup):
    master, forms, back = setup
    new = returned(forms["区财政局"], back / "new", {"01-01": answer("序时推进", 60)})
    old = returned(forms["区财政局"], back / "old", {"01-01": answer("序时推进", 30)})
    set_saved_at(new, minutes_ago(20))
    set_saved_at(old, minutes_ago(40))
    collect_returns(master, [new], "2023Q1", now=NOW)
    report = collect_returns(master, [old], "2023Q1", now=NOW)
    assert [(t, p) for t, _, _, _, p, *_ in _progress(master)] == [("01-01", 60.0)]
    assert [r.reason for r in report.refused] == ["编号 01-01：" + R_OLDER.format(file=new.name)]


def test_a_second_different_return_is_kept_apart_until_picked(setup):
    master, forms, back = setup
    first = returned(forms["区财政局"], back / "a", {"01-01": answer("序时推进", 40)})
    second = returned(forms["区财政局"], back / "b", {"01-01": answer("已完成", 100), "02-02": answer("滞后", 5)},
                      name="区财政局-更正.xlsx")
    set_saved_at(first, minutes_ago(40))
    set_saved_at(second, minutes_ago(30))
    collect_returns(master, [first], "2023Q1", now=NOW)
    report = collect_returns(master, [second], "2023Q1", now=NOW)
    assert not report.ok and report.taken == 1  # 02-02 was new
    assert [c.reason for c in report.conflicts] == ["编号 01-01：" + R_CONFLICT.format(file=first.name)]
    assert ("冲突的行已放入总台账的“进展待定”表：在要采用的那一行的“采用”列填“是”，保存关闭后运行 "
            "toolkit collect 总台账.xlsx -q 2023Q1 即生效；删除该行则保留原报送。") in report.lines()
    assert [(t, s, p) for t, _, _, s, p, *_ in _progress(master)] == [("01-01", "序时推进", 40.0), ("02-02", "滞后", 5.0)]
    again = collect_returns(master, [second], "2023Q1", now=NOW)
    book = openpyxl.load_workbook(master)
    pending = book["进展待定"]
    assert [c.value for c in pending[2]][:5] == ["01-01", "2023Q1", "区财政局", "已完成", 100]
    assert pending.max_row == 2 and len(again.conflicts) == 1 and not again.written
    column = [cell.value for cell in pending[1]].index("采用") + 1
    pending.cell(2, column).value = "是"  # the clerk picks the correction
    book.save(master)
    picked = collect_returns(master, [], "2023Q1", now=NOW)
    assert picked.picks == 1 and picked.written and picked.ok
    assert [(t, s, p) for t, _, _, s, p, *_ in _progress(master)] == [("01-01", "已完成", 100.0), ("02-02", "滞后", 5.0)]
    assert openpyxl.load_workbook(master)["进展待定"].max_row == 1


def test_refuses_while_master_is_open(setup):
    master, forms, back = setup
    returned(forms["区财政局"], back, {"01-01": answer()})
    (master.parent / "~$总台账.xlsx").write_bytes(b"")
    before = _sha(master)
    with pytest.raises(MasterLocked) as err:
        collect_returns(master, [back], "2023Q1")
    assert str(err.value) == "总台账.xlsx 正在被 Excel 或 WPS 打开（发现锁文件 ~$总台账.xlsx）。请先关闭该文件再运行。"
    assert _sha(master) == before


def test_clerks_sheets_columns_and_formatting_survive(setup):
    master, forms, back = setup
    book = openpyxl.load_workbook(master)
    book.create_sheet("我的笔记")["A1"] = "别删我"
    book["重点工作"]["Z1"] = "督办意见"
    book["重点工作"]["Z2"] = "加快"
    book["重点工作"]["A2"].fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    book.save(master)
    returned(forms["区财政局"], back, {"01-01": answer()})
    collect_returns(master, [back], "2023Q1", now=NOW)
    book = openpyxl.load_workbook(master)
    assert book["我的笔记"]["A1"].value == "别删我"
    assert (book["重点工作"]["Z1"].value, book["重点工作"]["Z2"].value) == ("督办意见", "加快")
    assert book["重点工作"]["A2"].fill.fgColor.rgb == "00FFFF00"


def test_report_workbook_lists_refusals(setup):
    master, forms, back = setup
    returned(forms["区财政局"], back, {"01-01": answer("完成了")})
    report = collect_returns(master, [back], "2023Q1", report_path=back.parent / "收文报告.xlsx", now=NOW)
    book = calamine.CalamineWorkbook.from_path(report.report_path)
    assert book.get_sheet_by_name("拒收明细").to_python() == [
        ["文件", "填报单位", "行号", "编号", "原因"],
        ["2023Q1进展表-区财政局.xlsx", "区财政局", 5.0, "01-01",
         "完成状态「完成了」不在下拉列表中（已完成/序时推进/滞后/未启动）"]]
    assert book.get_sheet_by_name("报送情况").to_python()[1:] == [
        ["区财政局", "未报送"], ["区发改局", "未报送"], ["区科技局", "未报送"], ["区教育局", "未报送"], ["区卫健局", "未报送"]]


def test_folder_scan_skips_lock_and_other_files(setup):
    master, forms, back = setup
    returned(forms["区教育局"], back / "sub", {"02-01": answer()})
    (back / "~$2023Q1进展表-区教育局.xlsx").write_bytes(b"lock")
    (back / "说明.txt").write_text("x")
    (back / "区卫健局.et").write_bytes(b"\xd0\xcf\x11\xe0")
    report = collect_returns(master, [back], "2023Q1", now=NOW)
    assert sorted(f.name for f in report.files) == ["2023Q1进展表-区教育局.xlsx", "区卫健局.et"]
    assert [(r.file, r.reason) for r in report.refused] == [("区卫健局.et", "文件类型 .et 不支持，请另存为 .xlsx 后再收。")]


def test_copied_master_file_still_matches(setup, tmp_path):
    master, forms, back = setup
    moved = tmp_path / "重命名的台账.xlsx"
    shutil.copy(master, moved)
    returned(forms["区卫健局"], back, {"02-02": answer()})
    assert collect_returns(moved, [back], "2023Q1", now=NOW).taken == 1


def test_a_failed_save_leaves_the_master_as_it_was(setup, monkeypatch):
    from toolkit.exceptions import ToolkitError
    from toolkit.workbook import safe

    master, forms, back = setup
    returned(forms["区财政局"], back, {"01-01": answer()})
    before = _sha(master)

    def full_disk(path, write, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe, "atomic_write", full_disk)
    with pytest.raises(ToolkitError) as err:
        collect_returns(master, [back], "2023Q1")
    assert str(err.value) == ("无法保存总台账 总台账.xlsx：磁盘空间已满。总台账保持原样，"
                              "请检查磁盘空间和写入权限后重试。")
    assert _sha(master) == before


def test_progress_sheet_without_its_headers_is_refused(setup):
    from toolkit.exceptions import WorkbookError

    master, forms, back = setup
    book = openpyxl.load_workbook(master)
    book["进展"]["C1"] = "单位"
    book.save(master)
    with pytest.raises(WorkbookError) as err:
        collect_returns(master, [], "2023Q1")
    assert str(err.value) == "总台账.xlsx 的工作表「进展」第1行缺少表头「填报单位」。请补上该列的表头。"


def test_unwritable_report_is_mentioned_not_fatal(setup):
    master, forms, back = setup
    returned(forms["区财政局"], back, {"01-01": answer()})
    blocker = back.parent / "report-dir"
    blocker.mkdir()
    report = collect_returns(master, [back], "2023Q1", report_path=blocker)  # a folder: cannot be written
    assert report.written and report.taken == 1 and report.report_path == ""
    assert report.lines()[-1] == f"收文报告未能写入 {blocker}（路径中有同名的文件或文件夹），可能正被 Excel/WPS 打开；总台账已照常更新。"


def test_in_one_run_the_newer_of_two_returns_wins(setup):
    master, forms, back = setup
    old = returned(forms["区财政局"], back, {"01-01": answer("序时推进", 30)}, name="a-旧.xlsx")
    new = returned(forms["区财政局"], back, {"01-01": answer("序时推进", 60)}, name="b-新.xlsx")
    set_saved_at(old, minutes_ago(40))
    set_saved_at(new, minutes_ago(20))
    report = collect_returns(master, [old, new], "2023Q1", now=NOW)
    assert [(t, p, f) for t, _, _, _, p, _, _, _, f in _progress(master)] == [("01-01", 60.0, "b-新.xlsx")]
    assert [r.reason for r in report.refused] == ["编号 01-01：" + R_OLDER.format(file="b-新.xlsx")]


def test_charts_in_the_master_survive_collect(setup):
    from openpyxl.chart import BarChart, Reference

    master, forms, back = setup
    book = openpyxl.load_workbook(master)
    chart = BarChart()
    chart.add_data(Reference(book["单位"], min_col=3, min_row=1, max_row=6), titles_from_data=True)
    book["单位"].add_chart(chart, "H2")
    book.save(master)
    returned(forms["区财政局"], back, {"01-01": answer()})
    charts = {n: zipfile.ZipFile(master).read(n) for n in zipfile.ZipFile(master).namelist() if "chart" in n}
    report = collect_returns(master, [back], "2023Q1", now=NOW)
    assert report.written and not any("图表" in line for line in report.lines())
    assert {n: zipfile.ZipFile(master).read(n) for n in charts} == charts and list(charts) == ["xl/charts/chart1.xml"]


def test_lost_task_text_on_the_form_is_no_change(tmp_path):
    from progress_support import lost_text_notice

    master = make_master(tmp_path / "m.xlsx", lost_text_notice())
    form = returned(forms_for(master, tmp_path / "f")["区卫健局"], tmp_path / "back", {"02-02": answer()})
    report = collect_returns(master, [form], "2023Q1", now=NOW)
    assert (report.ok, report.taken, report.warnings) == (True, 1, [])


def test_each_file_is_read_from_disk_once(setup, monkeypatch):
    """Reading a file deletes it here: the form is still read and the
    refused file still logged with its hash, so nothing opened it again."""
    master, forms, back = setup
    good = returned(forms["区财政局"], back, {"01-01": answer()})
    bad = back / "乱码.xlsx"
    bad.write_bytes(b"not a workbook")
    reads = []
    real = Path.read_bytes

    def read_and_vanish(self):
        data = real(self)
        reads.append(self.name)
        self.unlink()
        return data

    monkeypatch.setattr(Path, "read_bytes", read_and_vanish)
    report = collect_returns(master, [good, bad], "2023Q1", now=NOW)
    assert sorted(reads) == sorted([good.name, bad.name])
    assert report.taken == 1
    receipts = {r[1]: r[2] for r in openpyxl.load_workbook(master)["收文记录"].iter_rows(min_row=2, values_only=True)}
    assert receipts == {good.name: receipts[good.name], "乱码.xlsx": hashlib.sha256(b"not a workbook").hexdigest()}
    assert len(receipts[good.name]) == 64


def test_an_unreadable_file_is_refused_in_chinese(setup, monkeypatch):
    import errno

    master, forms, back = setup
    f = returned(forms["区财政局"], back, {"01-01": answer()})

    def denied(self):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    report = collect_returns(master, [f], "2023Q1", now=NOW)
    assert _reasons(report) == [(f.name, "", 0, "", "无法打开该文件（没有写入权限）")]


def test_the_ledger_keeps_the_alias_mapping_it_was_given(setup):
    from toolkit.progress.ledger import Ledger

    master, _, _ = setup
    canonical = read_master(master).canonical
    from toolkit.workbook.fastread import Book
    from toolkit.workbook.package import Package

    package, book = Package(master), Book(master)
    ledger = Ledger(package, book, canonical)
    package.close()
    book.close()
    assert ledger.canonical is canonical
    assert ledger.apply_picks() == 0


def test_a_pick_of_another_quarter_replaces_its_row_while_collecting_a_later_one(setup):
    master, forms, back = setup
    first = returned(forms["区财政局"], back / "a", {"01-01": answer("序时推进", 40)})
    second = returned(forms["区财政局"], back / "b", {"01-01": answer("已完成", 100)}, name="区财政局-更正.xlsx")
    set_saved_at(first, minutes_ago(40))
    set_saved_at(second, minutes_ago(30))
    collect_returns(master, [first], "2023Q1", now=NOW)
    collect_returns(master, [second], "2023Q1", now=NOW)
    book = openpyxl.load_workbook(master)
    pending = book["进展待定"]
    pending.cell(2, [cell.value for cell in pending[1]].index("采用") + 1).value = "是"
    book.save(master)
    # Collecting Q2 reads only Q2's rows of 进展, and those of the quarter picked.
    picked = collect_returns(master, [], "2023Q2", now=NOW)
    assert picked.picks == 1 and picked.written
    assert [(t, q, s, p) for t, q, _, s, p, *_ in _progress(master)] == [("01-01", "2023Q1", "已完成", 100.0)]
    assert openpyxl.load_workbook(master)["进展"].max_row == 2
