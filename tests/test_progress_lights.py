"""Settings (设置 sheet) and the 三色 lights on a hand-built quarter."""

from __future__ import annotations

from datetime import date

import pytest

from supervision_support import Q1, Q2, supervision_master, supervision_notice
from toolkit.exceptions import WorkbookError
from toolkit.progress import settings as s
from toolkit.progress.lights import (GREEN, NO_UNIT, RED, UNREPORTED, YELLOW, goal_percent, judge_quarter,
                                     light_of, parse_deadline)
from toolkit.progress.settings import Settings, read_settings
from toolkit.workbook.read import read_master
from toolkit.workbook.rows import unit_rows
from toolkit.workbook.write import write_master

from progress_support import make_master


@pytest.fixture
def path(tmp_path):
    return supervision_master(tmp_path / "总台账.xlsx", Q1 + Q2)


def _lights(path, quarter="2023Q2"):
    return judge_quarter(read_master(path), read_settings(path), quarter)


def test_a_master_without_the_sheet_reads_as_the_defaults(tmp_path):
    master = make_master(tmp_path / "旧台账.xlsx")
    assert read_settings(master) == Settings(10.0, 30.0, s.MODE_QUARTER, None, 10, "", "", "")


def test_the_clerks_values_are_read(tmp_path):
    path = supervision_master(tmp_path / "m.xlsx", settings={
        s.K_YELLOW: "5", s.K_RED: "20%", s.K_MODE: "按月", s.K_MONTH: "11月", s.K_CONTACT: "王明",
        s.K_PHONE: "0577-88880000", s.K_OFFICE: "区政府督查室", s.K_DUE_DAYS: "7"})
    got = read_settings(path)
    assert got == Settings(5.0, 20.0, s.MODE_MONTH, 11, 7, "王明", "0577-88880000", "区政府督查室")
    assert got.expected("2023Q4") == 91.7


@pytest.mark.parametrize("key, value, words", [
    (s.K_YELLOW, "十", "第2行「黄灯：落后序时进度（百分点）」的值「十」应是 0 到 100"),
    (s.K_MODE, "按周", "第4行「序时进度计算方式」应填“按季度”或“按月”"),
    (s.K_MONTH, "13", "第5行「统计截止月份」应是 1 到 12 的月份"),
    (s.K_RED, "5", "黄灯的落后幅度（10）应小于红灯的（5）"),
])
def test_a_bad_value_is_refused_with_its_row(tmp_path, key, value, words):
    path = supervision_master(tmp_path / "m.xlsx", settings={key: value})
    with pytest.raises(WorkbookError) as err:
        read_settings(path)
    assert words in str(err.value) and "m.xlsx" in str(err.value)


def test_expected_progress_by_quarter():
    assert [Settings().expected(f"2023Q{n}") for n in range(1, 5)] == [25, 50, 75, 100]


def test_each_task_is_lit_against_the_quarter(path):
    lights = _lights(path)
    assert [(j.id, j.light) for j in lights.all] == [
        ("01-01", GREEN), ("01-02", YELLOW), ("01-03", YELLOW), ("02-01", RED), ("02-02", GREEN),
        ("02-03", RED), ("02-04", NO_UNIT), ("民生-1-01", UNREPORTED)]
    by_id = {j.id: j for j in lights.all}
    assert by_id["02-03"].overdue and by_id["02-03"].reason == "已到完成时限（2023年5月底）尚未完成"
    assert by_id["01-03"].behind == 30.0 and by_id["01-03"].reason == "落后序时进度30个百分点"
    assert by_id["02-02"].entry.unit == "区财政局"  # the lead is silent: a support unit's report stands
    assert lights.counts() == {GREEN: 2, YELLOW: 2, RED: 2, UNREPORTED: 1, NO_UNIT: 1}


def test_counts_per_leader_and_per_unit(path):
    lights = _lights(path)
    assert lights.by_leader() == {
        "林杰": {GREEN: 1, YELLOW: 2, RED: 0, UNREPORTED: 0, NO_UNIT: 0},
        "王芳": {GREEN: 1, YELLOW: 0, RED: 2, UNREPORTED: 1, NO_UNIT: 1}}
    units = lights.unit_counts()
    assert units["区财政局"] == {GREEN: 2, YELLOW: 0, RED: 0, UNREPORTED: 1, NO_UNIT: 0}
    assert units["区发改局"] == {GREEN: 0, YELLOW: 2, RED: 1, UNREPORTED: 0, NO_UNIT: 0}
    assert units["区红十字会"] == {GREEN: 0, YELLOW: 0, RED: 0, UNREPORTED: 1, NO_UNIT: 0}
    assert "各街镇" not in units
    assert lights.reported == {"区财政局", "区发改局", "区科技局", "区教育局"}


def test_the_office_thresholds_change_the_lights(tmp_path):
    path = supervision_master(tmp_path / "m.xlsx", Q2, settings={s.K_YELLOW: "5", s.K_RED: "20"})
    assert [j.light for j in _lights(path).tasks[:4]] == [YELLOW, YELLOW, RED, RED]


def test_the_first_quarter(path):
    lights = _lights(path, "2023Q1")
    # 02-03 is due in May: by March it should be at 25*12/5 = 60 %.
    assert [(j.id, j.light, j.expected) for j in lights.tasks[:6]] == [
        ("01-01", GREEN, 25), ("01-02", GREEN, 25), ("01-03", UNREPORTED, 25), ("02-01", GREEN, 25),
        ("02-02", UNREPORTED, 25), ("02-03", RED, 60)]


@pytest.mark.parametrize("status, percent, light", [
    ("已完成", 80.0, GREEN), ("滞后", 50.0, YELLOW), ("序时推进", None, GREEN), ("未启动", None, RED),
    ("序时推进", 39.9, RED), ("序时推进", 40.0, YELLOW), ("序时推进", 60.1, GREEN), ("序时推进", 60.0, YELLOW),
])
def test_light_of_one_report(status, percent, light):
    assert light_of(status, percent, 70.0, Settings(), due=False)[0] == light


@pytest.mark.parametrize("text, day", [
    ("6月底", date(2023, 6, 30)), ("2024年3月15日", date(2024, 3, 15)), ("上半年", date(2023, 6, 30)),
    ("年底前", date(2023, 12, 31)), ("2023-09-30", date(2023, 9, 30)), ("第三季度", date(2023, 9, 30)),
    ("长期坚持", None), ("", None),
])
def test_deadlines_as_decompositions_write_them(text, day):
    assert parse_deadline(text, 2023) == day


def test_a_new_master_gets_the_settings_sheet(tmp_path):
    from conftest import NOTICES
    from toolkit.importing import import_notices
    import openpyxl

    out = tmp_path / "总台账.xlsx"
    import_notices([NOTICES["lucheng2023"]], out)
    sheet = openpyxl.load_workbook(out)[s.SHEET]
    assert [c.value for c in sheet[1]] == list(s.HEADERS)
    assert [r[0] for r in sheet.iter_rows(min_row=2, max_col=1, values_only=True)][:3] == [
        s.K_YELLOW, s.K_RED, s.K_MODE]
    assert read_settings(out) == Settings()


@pytest.mark.parametrize("target, percent", [
    ("40%", 40.0), ("４０％", 40.0), ("完成进度40%", 40.0), ("形象进度达到65.5%", 65.5), ("完成年度任务的30%", 30.0),
    ("完成前期手续", None), ("收入增长6%", None), ("完成30%，力争40%", None), ("", None), ("完成120%", None),
])
def test_a_quarter_target_states_a_percent_or_not(target, percent):
    assert goal_percent(target) == percent


def test_quarter_targets_judge_the_lights_instead_of_the_schedule(tmp_path):
    notice = supervision_notice()
    goals = {"01-01": "完成进度40%", "01-02": "30%", "01-03": "进度达到60%", "02-01": "完成2所学校主体结构",
             "02-03": "完成进度95%"}
    for task in notice.tasks:
        if task.id in goals:
            task.extra["二季度目标"] = goals[task.id]
    task = notice.tasks[0]
    task.extra["一季度目标"] = "完成进度10%"  # another quarter's target: not Q2's
    path = tmp_path / "m.xlsx"
    write_master(path, notice, unit_rows(notice), Q1 + Q2, extra_sheets=[(s.SHEET, s.HEADERS, s.default_rows())])
    by_id = {j.id: j for j in _lights(path).all}
    # 01-02 at 40 % meets its 30 % target (yellow against 序时进度 50); 01-03 at
    # 20 % is 40 behind its 60 %: red (yellow against 50); 01-01 (45 of 40) stays
    # green; 02-01's target states no percent: 序时进度; 02-03 is past its 5月底
    # 完成时限: red whatever its target.
    assert [(i, by_id[i].light, by_id[i].expected, by_id[i].basis) for i in ("01-01", "01-02", "01-03", "02-01", "02-03")] \
        == [("01-01", GREEN, 40.0, "季度目标"), ("01-02", GREEN, 30.0, "季度目标"), ("01-03", RED, 60.0, "季度目标"),
            ("02-01", RED, 50.0, "序时进度"), ("02-03", RED, 95.0, "季度目标")]
    assert by_id["01-03"].reason == "落后季度目标40个百分点"
    assert by_id["02-03"].reason == "已到完成时限（2023年5月底）尚未完成"
    assert _lights(path).counts() == {GREEN: 3, YELLOW: 0, RED: 3, UNREPORTED: 1, NO_UNIT: 1}
    # Q1 has 01-01's own target: 10 %, met by its 25 %.
    q1 = {j.id: j for j in _lights(path, "2023Q1").all}
    assert (q1["01-01"].expected, q1["01-01"].basis, q1["01-02"].basis) == (10.0, "季度目标", "序时进度")
