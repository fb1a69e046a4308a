"""toolkit remind: who is reminded, the count across runs and collects,
the 催办单 and the paste-ready list."""

from __future__ import annotations

from datetime import datetime

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from progress_support import answer, forms_for, returned
from supervision_support import Q1, Q2, supervision_master
from toolkit.cli import cli
from toolkit.progress.collect import collect_returns
from toolkit.progress.history import REMINDERS
from toolkit.progress.remind import write_reminders

DAY1, DAY2, DAY3 = datetime(2023, 4, 12, 9), datetime(2023, 4, 19, 9), datetime(2023, 4, 26, 9)


def _counts(result):
    return [(r.unit, r.reason, r.count) for r in result.reminders]


def _records(path):
    sheet = openpyxl.load_workbook(path)[REMINDERS]
    return [row[1:5] for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def cycle(tmp_path):
    """A master whose Q1 forms went out; 区财政局 and 区发改局 returned."""
    master = supervision_master(tmp_path / "总台账.xlsx")
    forms = forms_for(master, tmp_path / "forms", "2023Q1")
    back = tmp_path / "back1"
    returned(forms["区财政局"], back, {i: answer(percent=30) for i in ("01-01", "01-03", "02-02")})
    # 02-03 is due in May: 60 % expected by March, 20 % is 40 points behind.
    returned(forms["区发改局"], back, {"01-01": answer(percent=30), "01-02": answer(percent=25),
                                      "02-03": answer(percent=20)})
    assert collect_returns(master, [back], "2023Q1").ok
    return master, forms, tmp_path


def test_counts_grow_across_runs_and_collects(cycle):
    master, forms, tmp = cycle
    first = write_reminders(master, "2023Q1", tmp / "r1", now=DAY1)
    assert _counts(first) == [("区发改局", "红灯任务1项", 1), ("区科技局", "未报送", 1), ("区教育局", "未报送", 1),
                              ("区卫健局", "未报送", 1), ("区红十字会", "未报送", 1)]
    assert first.recorded == 5
    again = write_reminders(master, "2023Q1", tmp / "r1", now=DAY1.replace(hour=16))
    assert _counts(again) == _counts(first) and again.recorded == 0
    # 区教育局 returns before the second round: it drops out, the others go up.
    returned(forms["区教育局"], tmp / "back2", {"02-01": answer(percent=25)})
    assert collect_returns(master, [tmp / "back2"], "2023Q1").ok
    second = write_reminders(master, "2023Q1", tmp / "r2", now=DAY2)
    assert _counts(second) == [("区发改局", "红灯任务1项", 2), ("区科技局", "未报送", 2), ("区卫健局", "未报送", 2),
                               ("区红十字会", "未报送", 2)]
    returned(forms["区科技局"], tmp / "back3", {"01-03": answer(percent=25), "02-03": answer(percent=70)})
    assert collect_returns(master, [tmp / "back3"], "2023Q1").ok
    third = write_reminders(master, "2023Q1", tmp / "r3", now=DAY3)
    assert _counts(third) == [("区发改局", "红灯任务1项", 3), ("区卫健局", "未报送", 3), ("区红十字会", "未报送", 3)]
    records = _records(master)
    assert len(records) == 5 + 4 + 3
    assert records[5] == ("2023Q1", "区发改局", 2, "红灯任务1项")
    # Another quarter starts counting afresh.
    assert [r.count for r in write_reminders(master, "2023Q2", tmp / "q2", now=DAY3, record=False).reminders] \
        == [1] * 6


def test_the_reminder_document(cycle):
    master, _, tmp = cycle
    write_reminders(master, "2023Q1", tmp / "r1", now=DAY1)
    result = write_reminders(master, "2023Q1", tmp / "r2", now=DAY2, combined=True, deadline="2023年4月22日")
    doc = docx.Document(str(tmp / "r2" / "2023Q1催办单-区发改局.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:3] == ["重点工作催办单", "（2023年第一季度　第二次催办）", "催办等级：黄色（未达序时）"]
    assert "区发改局：" in texts
    assert "此前已于2023年4月12日催办1次，本次为第二次催办，请高度重视。" in texts
    # 02-03 is 40 points behind but due only in May: 未达序时, not 逾期.
    assert "本次催办等级为黄色（未达序时）：1项任务未达序时进度（02-03）。" in texts
    # The request follows the table, so it keeps with the 署名 on the page.
    # The master names no 落款 nor 督查机构: the date alone stands for the 署名.
    assert [t for t in texts if t][-3:] == ["你单位涉及的任务如下：", "请于2023年4月22日前书面说明落后原因及整改措施。",
                                            "2023年4月19日"]
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["编号", "任务内容", "角色", "完成时限", "完成情况", "预警"]
    assert [r[0] for r in rows[1:]] == ["02-03"]
    assert rows[1][2:] == ["牵头", "2023年5月底", "序时推进\n20%", "红灯\n落后40点"]
    shading = doc.tables[0].rows[1].cells[5]._tc.xpath("./w:tcPr/w:shd/@w:fill")
    assert shading == ["EF9A9A"]
    unreported = docx.Document(str(tmp / "r2" / "2023Q1催办单-区卫健局.docx"))
    assert [p.text for p in unreported.paragraphs][2] == "催办等级：红色（逾期）"
    assert "本次催办等级为红色（逾期）：逾期未报送（报送时限2023年4月10日）。" in [p.text for p in unreported.paragraphs]
    level = unreported.paragraphs[2].runs[-1]._r
    assert level.xpath("./w:rPr/w:color/@w:val") == ["C62828"] and level.xpath("./w:rPr/w:b")
    assert [[c.text for c in r.cells] for r in unreported.tables[0].rows][1] == [
        "02-02", "推进区人民医院迁建工程。", "牵头", "—", "未报送", "—"]
    combined = docx.Document(str(result.combined))
    assert sum(p.text == "重点工作催办单" for p in combined.paragraphs) == 5
    assert len(combined.sections) == 5


def test_the_paste_ready_list(tmp_path):
    master = supervision_master(tmp_path / "m.xlsx", Q1 + Q2, settings={"联系人": "王明", "联系电话": "88880000"})
    result = write_reminders(master, "2023Q2", tmp_path / "out", now=DAY1, deadline="2023年7月15日")
    assert result.text.read_text(encoding="utf-8") == (
        "【催办提醒】2023年第二季度政府工作报告重点工作进展（截至2023年4月12日，序时进度50%）\n"
        # Before Q2's reporting deadline (7月10日) the silent units are blue;
        # 区发改局's 02-03 is past its 5月底 deadline: red; 区教育局 is behind: yellow.
        "催办等级：红色（逾期）1个，黄色（未达序时）1个，蓝色（临近时限）2个。\n"
        "一、未报送单位（2个）：\n"
        "1. 区卫健局（第一次催办，蓝色·临近时限）\n"
        "2. 区红十字会（第一次催办，蓝色·临近时限）\n"
        "二、有红灯任务的单位（2个）：\n"
        "1. 区发改局（第一次催办，红色·逾期）：02-03 建设科技创新园区2个。（已到完成时限（2023年5月底）尚未完成）\n"
        "2. 区教育局（第一次催办，黄色·未达序时）：02-01 新建改扩建中小学5所，新增学位3000个。（落后序时进度50个百分点）\n"
        "请以上单位于2023年7月15日前报送或书面说明整改措施。\n"
        "联系人：王明，88880000\n")


def test_the_command(tmp_path):
    master = supervision_master(tmp_path / "m.xlsx", Q1 + Q2)
    result = CliRunner().invoke(cli, ["remind", str(master), "-q", "2023Q2", "--combined"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    folder = tmp_path / "m-2023Q2-催办"
    assert lines[0] == f"已生成 4 份催办单，写入 {folder}/（未报送 2 个单位，有红灯任务 2 个单位）"
    # Run today, long after Q2's reporting deadline and 02-01's 年底前 (2023):
    # every unit is red (逾期).
    assert lines[1:6] == ["催办单位（4 个）：", "  区发改局：红灯任务1项，第1次催办，红色（逾期）",
                          "  区教育局：红灯任务1项，第1次催办，红色（逾期）",
                          "  区卫健局：未报送，第1次催办，红色（逾期）", "  区红十字会：未报送，第1次催办，红色（逾期）"]
    assert (tmp_path / "m-2023Q2-催办（合并打印）.docx").exists()
    assert not any("合并打印" in p.name for p in folder.iterdir())
    bad = CliRunner().invoke(cli, ["remind", str(master), "-q", "2023-5"])
    assert bad.exit_code == 2 and "季度「2023-5」格式不对" in bad.output


def test_demo_fills_can_be_dated(tmp_path):
    from toolkit.progress.fill import fill_some
    from toolkit.progress.returns import read_return

    master = supervision_master(tmp_path / "m.xlsx")
    forms_for(master, tmp_path / "forms", "2023Q1")
    done = fill_some(tmp_path / "forms", tmp_path / "back", 2, saved_at="2023-04-06T08:00:00Z")
    from datetime import datetime, timezone
    local = datetime(2023, 4, 6, 8, tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert [read_return(p).saved_at for p in done] == [local, local]


def test_collect_flags_done_below_100(tmp_path):
    master = supervision_master(tmp_path / "m.xlsx")
    forms = forms_for(master, tmp_path / "forms", "2023Q1")
    returned(forms["区教育局"], tmp_path / "back", {"02-01": answer("已完成", 80)})
    report = collect_returns(master, [tmp_path / "back"], "2023Q1")
    assert [w.reason for w in report.warnings] == [
        "编号 02-01 的完成状态是“已完成”，完成进度却只有 80%，已照填报采用，请与单位核实"]
    assert report.ok


def test_livelihood_items_are_reported_on_the_forms(tmp_path):
    from toolkit.progress.returns import read_return
    from toolkit.progress.lights import judge_quarter
    from toolkit.progress.settings import read_settings
    from toolkit.workbook.read import read_master

    master = supervision_master(tmp_path / "m.xlsx")
    forms = forms_for(master, tmp_path / "forms", "2023Q1")
    assert sorted(forms) == ['区卫健局', '区发改局', '区教育局', '区科技局', '区红十字会', '区财政局']
    rows = read_return(forms["区红十字会"]).rows
    assert [(r.values["编号"], r.values["角色"], r.values["重点工作"]) for r in rows] == [
        ("民生-1-01", "牵头", "急救体系：新增AED设备100台。")]
    returned(forms["区红十字会"], tmp_path / "back", {"民生-1-01": answer(percent=30)})
    report = collect_returns(master, [tmp_path / "back"], "2023Q1")
    assert report.ok and report.files[0].taken == 1
    lights = judge_quarter(read_master(master), read_settings(master), "2023Q1")
    assert [(j.id, j.light, j.percent) for j in lights.items] == [("民生-1-01", "绿灯", 30)]
    reminded = write_reminders(master, "2023Q1", tmp_path / "r", now=DAY1, record=False)
    assert "区红十字会" not in [r.unit for r in reminded.reminders]


def _levels(result):
    return [(r.unit, r.level.label, r.count) for r in result.reminders]


def test_levels_escalate_from_blue_to_red(cycle):
    """蓝色 before the reporting deadline (4月10日 for Q1), 红色 after it;
    区发改局's 02-03 (due 5月底, 40 points behind) is 黄色 until June, then 红色."""
    master, _, tmp = cycle
    early = write_reminders(master, "2023Q1", tmp / "r0", now=datetime(2023, 4, 5, 9))
    assert _levels(early) == [("区发改局", "黄色（未达序时）", 1), ("区科技局", "蓝色（临近时限）", 1),
                              ("区教育局", "蓝色（临近时限）", 1), ("区卫健局", "蓝色（临近时限）", 1),
                              ("区红十字会", "蓝色（临近时限）", 1)]
    assert early.reminders[1].level.why == ["尚未报送，报送时限为2023年4月10日"]
    # The last on-time day is still blue; the day after is red, one count up.
    assert {r.level.colour for r in write_reminders(master, "2023Q1", tmp / "r1", now=datetime(2023, 4, 10, 9),
                                                    record=False).reminders[1:]} == {"蓝色"}
    late = write_reminders(master, "2023Q1", tmp / "r2", now=datetime(2023, 4, 11, 9))
    assert _levels(late) == [("区发改局", "黄色（未达序时）", 2), ("区科技局", "红色（逾期）", 2),
                             ("区教育局", "红色（逾期）", 2), ("区卫健局", "红色（逾期）", 2),
                             ("区红十字会", "红色（逾期）", 2)]
    june = write_reminders(master, "2023Q1", tmp / "r3", now=datetime(2023, 6, 2, 9))
    assert june.reminders[0].level.label == "红色（逾期）"
    assert june.reminders[0].level.why == ["1项任务已过完成时限尚未完成（02-03）"]
    # 区科技局 (配合 on 02-03, silent) is late twice over.
    assert june.reminders[1].level.why == ["逾期未报送（报送时限2023年4月10日）", "1项任务已过完成时限尚未完成（02-03）"]
    sheet = openpyxl.load_workbook(master)[REMINDERS]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "等级"
    assert [(r[2], r[3], r[-1]) for r in rows[1:]][:6] == [
        ("区发改局", 1, "黄色（未达序时）"), ("区科技局", 1, "蓝色（临近时限）"), ("区教育局", 1, "蓝色（临近时限）"),
        ("区卫健局", 1, "蓝色（临近时限）"), ("区红十字会", 1, "蓝色（临近时限）"), ("区发改局", 2, "黄色（未达序时）")]
