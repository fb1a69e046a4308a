"""`toolkit summary`: output line, --blank, errors."""

from __future__ import annotations

from click.testing import CliRunner

from progress_support import make_master
from toolkit.model import ProgressEntry
from toolkit.cli import cli


def test_summary_reports_counts(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx", progress=[ProgressEntry("02-01", "2023Q1", "区教育局", "已完成", 100)])
    out = tmp_path / "季度进展.docx"
    result = CliRunner().invoke(cli, ["summary", str(master), "-q", "2023Q1", "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"已生成2023年第一季度进展情况报告：{out}（已完成1项，序时推进0项，滞后0项，未启动0项，未报送5项）",
        "三色预警：绿灯1项，黄灯0项，红灯0项，未报送5项。",
        "未报送单位（4 个）：", "  区财政局", "  区发改局", "  区科技局", "  区卫健局"]
    assert out.exists()


def test_a_quarter_with_no_returns_at_all_warns_and_exits_1(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx", progress=[ProgressEntry("02-01", "2023Q1", "区教育局", "已完成", 100)])
    out = tmp_path / "季度进展.docx"
    result = CliRunner().invoke(cli, ["summary", str(master), "-q", "2023Q2", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "注意：总台账的“进展”表中没有 2023Q2 的任何报送，报告中全部任务都是“未报送”。"
        "请先用 toolkit collect 收集该季度的进展表，或确认季度是否写错。"]


def test_a_quarter_of_another_year_warns_and_exits_1(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx", progress=[ProgressEntry("02-01", "2022Q1", "区教育局", "已完成", 100)])
    result = CliRunner().invoke(cli, ["summary", str(master), "-q", "2022Q1", "-o", str(tmp_path / "s.docx")],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["注意：季度 2022Q1 的年份与通知（2023年）不同，请确认季度是否写错。"]
    blank = CliRunner().invoke(cli, ["summary", str(master), "-q", "2023Q3", "--blank"], catch_exceptions=False)
    assert blank.exit_code == 0  # a blank form needs no returns


def test_blank_default_name(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    result = CliRunner().invoke(cli, ["summary", str(master), "-q", "2023Q3", "--blank"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == f"已生成2023年第三季度进展填报稿：{tmp_path / '总台账-2023Q3-季度进展填报稿.docx'}\n"


def test_wrong_suffix_is_usage_error(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    result = CliRunner().invoke(cli, ["summary", str(master), "-q", "2023Q1", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "输出文件应以 .docx 结尾（现在是 x.pdf）。" in result.output


def test_open_in_word_is_refused(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    (tmp_path / "~$季度进展.docx").write_text("x")
    result = CliRunner().invoke(cli, ["summary", str(master), "-q", "2023Q1", "-o", str(tmp_path / "季度进展.docx")])
    assert result.exit_code == 3
    assert result.output == "错误：季度进展.docx 正在被 Word 或 WPS 打开（发现锁文件 ~$季度进展.docx）。请先关闭该文件再运行。\n"


def test_master_without_tasks_exits_3_with_one_line(tmp_path):
    from toolkit.model import Notice

    master = make_master(tmp_path / "总台账.xlsx", Notice(source="test", sections=[]))
    result = CliRunner().invoke(cli, ["summary", str(master), "-q", "2023Q1", "-o", str(tmp_path / "s.docx")])
    assert result.exit_code == 3
    assert result.output == ("错误：总台账的“重点工作”表中没有任务，无法生成季度进展报告。"
                             "请确认选的是总台账，或先用 toolkit import 导入责任分解通知。\n")
