"""The import library: ids, master contents, existing masters, merge."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from toolkit.exceptions import MasterExists, ToolkitError, WorkbookError
from toolkit.importing import import_notices
from toolkit.workbook import read_master
from toolkit.workbook import safe

from conftest import NOTICES


def sheet_dicts(path, name):
    sheet = openpyxl.load_workbook(path)[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_master_layout_and_rows(tmp_path):
    out = tmp_path / "m.xlsx"
    report = import_notices([NOTICES["lucheng2023"]], out)
    assert report.ok
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["重点工作", "民生实事", "单位", "进展", "发文信息", "设置", "台账底稿"]
    assert book["台账底稿"].sheet_state == "veryHidden"
    tasks = sheet_dicts(out, "重点工作")
    assert len(tasks) == 142
    row = next(r for r in tasks if r["编号"] == "02-13")
    assert row["分组"] == "二、林杰常委、常务副区长牵头重点工作"
    assert row["牵头领导"] == "林杰"
    assert row["牵头单位"] == "区委改革办、区府办（区“两个健康”办）"
    assert row["责任单位"].startswith("*区委改革办、*区府办（区“两个健康”办）、区纪委监委机关")
    assert row["来源"] == "lucheng-2023-notice.txt:50"
    assert len(sheet_dicts(out, "民生实事")) == 34
    meta = {r["项目"]: r["内容"] for r in sheet_dicts(out, "发文信息")}
    assert meta["文号"] == "温鹿政办〔2023〕12号"


def test_units_sheet_counts_groups_and_proposals(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    units = {r["单位名称"]: r for r in sheet_dicts(out, "单位")}
    assert (units["区发改局"]["牵头任务数"], units["区发改局"]["配合任务数"]) == (11, 7)
    assert units["各镇街（开发区）"]["类型"] == "统称（不发函）"
    assert units["区市场监管局"]["建议别名"] == "区市场监督管理局"
    assert units["区卫健局"]["类型"] == "单位"


def test_ids_are_stable_and_parts_prefixed(tmp_path):
    first = import_notices([NOTICES["longwan"]], tmp_path / "a.xlsx")
    again = import_notices([NOTICES["longwan"]], tmp_path / "b.xlsx")
    ids_a = [r["编号"] for r in sheet_dicts(tmp_path / "a.xlsx", "重点工作")]
    ids_b = [r["编号"] for r in sheet_dicts(tmp_path / "b.xlsx", "重点工作")]
    assert ids_a == ids_b and len(set(ids_a)) == 253
    assert ids_a[0] == "02-01" and "高新区-03-14" in ids_a and "高新区-03-13" not in ids_a
    assert first.ok and again.ok


def test_pdf_lost_items_flagged_in_master(tmp_path):
    out = tmp_path / "m.xlsx"
    report = import_notices([NOTICES["lucheng2020"]], out)
    assert report.notices[0].text_lost == [f"06-{n}" for n in range(81, 90)]
    row = next(r for r in sheet_dicts(out, "重点工作") if r["编号"] == "06-83")
    assert (row["标记"], row["重点工作"], row["牵头单位"], row["牵头领导"]) == ("原文缺失", None, "区卫生健康局", "项晓")


def test_existing_master_is_refused(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    with pytest.raises(MasterExists, match="m.xlsx 已存在"):
        import_notices([NOTICES["ouhai"]], out)


def test_force_replaces_after_backup(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    report = import_notices([NOTICES["lucheng2023"]], out, force=True)
    assert [p.name for p in (tmp_path / "备份").iterdir()] == [Path(report.backup).name]
    assert Path(report.backup).name.startswith("m-") and not report.unchanged
    assert len(read_master(out).notice.tasks) == 142


def test_unchanged_master_is_neither_rewritten_nor_backed_up(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    before = (out.read_bytes(), out.stat().st_mtime_ns)
    for kwargs in ({"merge": True}, {"force": True}):
        report = import_notices([NOTICES["ouhai"]], out, **kwargs)
        assert report.unchanged and report.backup == ""
        assert report.lines()[-1] == f"无变化：{out} 与原有内容相同，未改写。"
    assert (out.read_bytes(), out.stat().st_mtime_ns) == before
    assert not (tmp_path / "备份").exists()


def test_merge_keeps_clerk_edits_and_reports(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    book = openpyxl.load_workbook(out)
    sheet = book["重点工作"]
    headers = [c.value for c in sheet[1]]
    text_col, id_col = headers.index("重点工作") + 1, headers.index("编号") + 1
    edited = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, id_col).value == "02-04")
    sheet.cell(edited, text_col, "书记改过的文字")
    sheet.cell(1, len(headers) + 1, "督办意见")
    sheet.cell(edited, len(headers) + 1, "抓紧")
    gone = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, id_col).value == "02-05")
    sheet.delete_rows(gone)
    units = book["单位"]
    units.cell(2, 2, "区发展和改革局")
    book.save(out)

    report = import_notices([NOTICES["ouhai"]], out, merge=True)
    assert report.backup
    assert "「重点工作」新增 02-05" in report.merge
    assert any(c.startswith("「重点工作」02-04 的「重点工作」与通知不同，保留台账中的内容") for c in report.merge)
    rows = {r["编号"]: r for r in sheet_dicts(out, "重点工作")}
    assert rows["02-04"]["重点工作"] == "书记改过的文字"
    assert rows["02-04"]["督办意见"] == "抓紧"
    assert len(rows) == 127
    assert sheet_dicts(out, "单位")[0]["别名"] == "区发展和改革局"


def test_merge_same_notice_changes_nothing(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["lucheng2023"]], out)
    before = sheet_dicts(out, "重点工作")
    report = import_notices([NOTICES["lucheng2023"]], out, merge=True)
    assert report.merge == []
    assert sheet_dicts(out, "重点工作") == before


def test_clerk_aliases_are_honoured(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    book = openpyxl.load_workbook(out)
    sheet = book["单位"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "区市场监管局":
            row[1].value = "区市场监督管理局"
    book.save(out)
    master = read_master(out)
    assert master.canonical("区市场监督管理局") == "区市场监管局"
    index = master.tasks_by_unit()
    assert "区市场监督管理局" not in index
    leads, supports = index["区市场监管局"]
    assert "02-17" in [t.id for t in supports]


def test_renamed_required_header_refused_by_read_and_merge(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    book = openpyxl.load_workbook(out)
    book["重点工作"].cell(1, 1, "编码")
    book.save(out)
    for attempt in (lambda: read_master(out), lambda: import_notices([NOTICES["ouhai"]], out, merge=True)):
        with pytest.raises(WorkbookError, match="m.xlsx 的工作表「重点工作」第1行缺少表头「编号」"):
            attempt()


def test_master_round_trip(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["longwan"]], out)
    master = read_master(out)
    assert len(master.notice.tasks) == 253
    assert [s.target_label for s in master.notice.sections][:2] == ["区本级任务数", "区本级任务数"]
    task = master.notice.tasks[5]
    assert (task.id, task.target, task.lead_units, task.support_units) == ("02-06", "12亿元/10亿元", ["区财政局"], ["区发改局"])


def test_several_notices_get_prefixed_ids(tmp_path):
    out = tmp_path / "m.xlsx"
    shutil.copy(NOTICES["ouhai"], tmp_path / "a.txt")
    import_notices([tmp_path / "a.txt", NOTICES["lucheng2023"]], out)
    ids = [r["编号"] for r in sheet_dicts(out, "重点工作")]
    assert ids[0] == "a/02-01" and ids[-1] == "lucheng-2023-notice/11-09"
    assert len(ids) == 127 + 142


def test_noted_sections_survive_the_master(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["longwan"]], out)
    sections = read_master(out).notice.sections
    assert [(s.part, s.heading[:5], s.note) for s in sections if s.note] == [
        ("区本级", "一、夏禹桨", "总负责。"),
    ]
    assert sections[0].heading == "一、夏禹桨区长牵头重点工作" and sections[0].leader == "夏禹桨"
    assert sections[1].heading.startswith("二、李丹")
    assert len(sections) == 18


def test_master_identity_kept_by_force_and_merge(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    identity = read_master(out).notice.meta["台账标识"]
    assert len(identity) == 12
    import_notices([NOTICES["ouhai"]], out, force=True)
    assert read_master(out).notice.meta["台账标识"] == identity
    import_notices([NOTICES["ouhai"]], out, merge=True)
    assert read_master(out).notice.meta["台账标识"] == identity
    other = tmp_path / "n.xlsx"
    import_notices([NOTICES["ouhai"]], other)
    assert read_master(other).notice.meta["台账标识"] != identity


@pytest.mark.parametrize("lock", ["~$m.xlsx", "~$port.xlsx", ".~report.xlsx", ".~lock.report.xlsx#"])
def test_lock_files_of_each_office_suite(tmp_path, lock):
    from toolkit.workbook.safe import lock_file

    path = tmp_path / ("m.xlsx" if lock == "~$m.xlsx" else "report.xlsx")
    assert lock_file(path) is None
    (tmp_path / lock).write_bytes(b"x")
    assert lock_file(path).name == lock


def test_master_sheets_print_landscape_one_page_wide(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    sheet = openpyxl.load_workbook(out)["重点工作"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    # fitToWidth absent means 1 (ECMA-376 default); 0 pages high means "as many as needed".
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.freeze_panes == "A2"


def test_merge_keeps_charts(tmp_path):
    from openpyxl.chart import BarChart, Reference

    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    book = openpyxl.load_workbook(out)
    chart = BarChart()
    chart.add_data(Reference(book["单位"], min_col=3, min_row=1, max_row=5), titles_from_data=True)
    book["单位"].add_chart(chart, "H2")
    book.save(out)
    before = zipfile.ZipFile(out).read("xl/charts/chart1.xml")
    report = import_notices([NOTICES["ouhai"]], out, merge=True)
    assert not any("图表" in line for line in report.merge)
    assert zipfile.ZipFile(out).read("xl/charts/chart1.xml") == before


def test_merging_another_notice_adds_its_tasks_apart(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    report = import_notices([NOTICES["longwan"]], out, merge=True)
    assert report.merge[0] == "longwan-2023-web-page.txt 不是台账原先导入的通知，编号加前缀「longwan-2023-web-page/」作为新任务加入"
    ids = [r["编号"] for r in sheet_dicts(out, "重点工作")]
    assert len(ids) == len(set(ids)) == 127 + 253
    assert "longwan-2023-web-page/高新区-03-14" in ids and "02-01" in ids
    meta = {r["项目"]: r["内容"] for r in sheet_dicts(out, "发文信息")}
    assert meta["量化任务列名"] == "区本级=区本级任务数；高新区(经开区)=高新区任务数"
    assert meta["分组说明"].splitlines() == [
        "｜一、刘云峰区长牵头重点工作｜总负责。", "区本级｜一、夏禹桨区长牵头重点工作｜总负责。",
    ]


def test_merge_into_a_file_that_is_not_a_workbook(tmp_path):
    out = tmp_path / "m.xlsx"
    out.write_bytes(b"not a zip at all")
    with pytest.raises(WorkbookError, match="^m.xlsx 不是可读取的 Excel 总台账"):
        import_notices([NOTICES["ouhai"]], out, merge=True)
    report = import_notices([NOTICES["ouhai"]], out, force=True)
    assert report.backup and len(read_master(out).notice.tasks) == 127


def test_merge_reports_changed_lead_units(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["longwan"]], out)
    report = import_notices([NOTICES["longwan"]], out, merge=True, first_leads=True)
    # The clerk never edited the row: the notice read with --first-leads wins.
    assert any(c.startswith("「重点工作」03-01 的「牵头单位」按通知更新（原为：；") for c in report.merge)


def test_same_file_name_in_two_folders_and_same_file_twice(tmp_path):
    for folder, name in (("a", "ouhai"), ("b", "lucheng2023"), ("c", "ouhai")):
        (tmp_path / folder).mkdir()
        shutil.copy(NOTICES[name], tmp_path / folder / "通知.txt")
    out = tmp_path / "m.xlsx"
    report = import_notices([tmp_path / "a" / "通知.txt", tmp_path / "b" / "通知.txt"], out)
    ids = [r["编号"] for r in sheet_dicts(out, "重点工作")]
    assert len(set(ids)) == 127 + 142 and ids[127] == "通知-2/02-01"
    # The same notice under the same name in another folder is one notice.
    report = import_notices([tmp_path / "a" / "通知.txt", tmp_path / "c" / "通知.txt"], tmp_path / "one.xlsx")
    assert len(sheet_dicts(tmp_path / "one.xlsx", "重点工作")) == 127
    assert report.merge == ["通知.txt 与 通知.txt 是同一份通知（内容相同），只导入一次"]
    with pytest.raises(ToolkitError, match="^通知.txt 被重复给出了两次"):
        import_notices([tmp_path / "a" / "通知.txt", tmp_path / "a" / "通知.txt"], tmp_path / "n.xlsx")


def test_clerk_sets_unit_kind_and_merge_keeps_it(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["lucheng2023"]], out)
    book = openpyxl.load_workbook(out)
    for row in book["单位"].iter_rows(min_row=2):
        if row[0].value == "区属国有企业":
            row[4].value = "单位"
        if row[0].value == "区文旅传媒集团":
            row[4].value = "统称（不发函）"
    book.save(out)
    master = read_master(out)
    assert "区属国有企业" in master.receiving_units()
    assert "区文旅传媒集团" in master.group_phrases()
    import_notices([NOTICES["lucheng2023"]], out, merge=True)
    kinds = {r["单位名称"]: r["类型"] for r in sheet_dicts(out, "单位")}
    assert (kinds["区属国有企业"], kinds["区文旅传媒集团"]) == ("单位", "统称（不发函）")


@pytest.mark.parametrize("name, content, why", [
    ("m.txt", b"hello", "总台账应是 .xlsx 文件"),
    ("m.xlsx", b"", "文件已损坏，或不是 Excel 文件"),
])
def test_not_a_master_in_chinese(tmp_path, name, content, why):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(WorkbookError) as err:
        read_master(path)
    assert str(err.value) == f"{name} 不是可读取的 Excel 总台账（.xlsx）：{why}"


def test_merging_the_same_extra_notice_again_changes_nothing(tmp_path):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    import_notices([NOTICES["longwan"]], out, merge=True)
    before = sheet_dicts(out, "重点工作")
    again = import_notices([NOTICES["longwan"]], out, merge=True)
    assert again.merge == []
    assert sheet_dicts(out, "重点工作") == before
    first = import_notices([NOTICES["ouhai"]], out, merge=True)
    assert first.merge == []


def test_replaced_master_keeps_its_permissions(tmp_path):
    import os
    import stat

    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~_umask()
    os.chmod(out, 0o664)
    import_notices([NOTICES["ouhai"]], out, force=True)
    assert stat.S_IMODE(out.stat().st_mode) == 0o664


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("value, message", [
    (None, "m.xlsx 的工作表「重点工作」有一行没有编号（全区生产总值增长 6.5%左右。）。请补上编号，或从原通知重新导入。"),
    ("02-02", "m.xlsx 的工作表「重点工作」中编号「02-02」出现了不止一次。请改成各不相同的编号后再运行。"),
])
def test_blank_or_duplicate_ids_refused(tmp_path, value, message):
    out = tmp_path / "m.xlsx"
    import_notices([NOTICES["ouhai"]], out)
    book = openpyxl.load_workbook(out)
    book["重点工作"].cell(2, 1).value = value
    book.save(out)
    with pytest.raises(WorkbookError) as err:
        read_master(out)
    assert str(err.value) == message


def test_runs_of_one_problem_are_folded_in_the_summary():
    from toolkit.importing import problem_lines
    from toolkit.model import Problem

    reason = "表格行前没有表头（序号/重点工作/责任单位）"
    problems = [Problem(n, f"row {n}", reason, "e.txt") for n in range(5, 141)]
    problems += [Problem(150, "看不懂", "无法识别的段落", "e.txt"), Problem(151, "x", reason, "e.txt"),
                 Problem(152, "y", reason, "e.txt")]
    assert problem_lines(problems) == [
        f"e.txt:5–140 共136行 {reason}，第一行：row 5",
        "e.txt:150 无法识别的段落：看不懂",
        f"e.txt:151 {reason}：x",
        f"e.txt:152 {reason}：y",
    ]
