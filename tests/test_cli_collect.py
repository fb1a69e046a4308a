"""`toolkit collect`: exit codes 0 / 1 / 2 / 3 and the printed report."""

from __future__ import annotations

from click.testing import CliRunner

from progress_support import answer, forms_for, make_master, returned
from toolkit.cli import cli


def _world(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    return master, forms_for(master, tmp_path / "forms"), tmp_path / "back"


def test_all_merged_exits_0(tmp_path):
    master, forms, back = _world(tmp_path)
    returned(forms["区教育局"], back, {"02-01": answer()})
    result = CliRunner().invoke(cli, ["collect", str(master), str(back), "-q", "2023Q1"], catch_exceptions=False)
    assert result.exit_code == 0
    report = tmp_path / "总台账-2023Q1-收文报告.xlsx"
    assert result.stdout.splitlines() == [
        "2023年第一季度收文：1 个文件，新采纳 1 行，与已收内容相同 0 行，拒收 0 行，冲突待定 0 行。",
        "已报送 1 个单位，未报送 4 个单位。",
        "未报送（4 个）：", "  区财政局", "  区发改局", "  区科技局", "  区卫健局",
        f"总台账已更新：{master}",
        f"收文报告（含全部明细）：{report}",
    ]
    backups = list((tmp_path / "备份").iterdir())
    assert result.stderr == f"更新前的备份：{backups[0]}\n" and len(backups) == 1
    assert report.exists()


def test_a_refused_row_exits_1_and_is_listed(tmp_path):
    master, forms, back = _world(tmp_path)
    returned(forms["区教育局"], back, {"02-01": answer(percent=150)})
    result = CliRunner().invoke(cli, ["collect", str(master), str(back), "-q", "2023Q1"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("更新前的备份：") and lines[1] == "拒收（1 条）：" and len(lines) == 3
    assert lines[2].startswith("  2023Q1进展表-区教育局.xlsx（区教育局） 第5行 编号 02-01：完成进度 150 超出 0–100")


def test_bad_usage_exits_2(tmp_path):
    master, _, back = _world(tmp_path)
    result = CliRunner().invoke(cli, ["collect", str(master), str(tmp_path / "无此文件夹"), "-q", "2023Q1"])
    assert result.exit_code == 2 and "不存在" in result.output
    result = CliRunner().invoke(cli, ["collect", str(master), "-q", "Q1"])
    assert result.exit_code == 2 and "季度「Q1」格式不对" in result.output


def test_locked_master_exits_3_with_message(tmp_path):
    master, forms, back = _world(tmp_path)
    returned(forms["区教育局"], back, {"02-01": answer()})
    (tmp_path / ".~lock.总台账.xlsx#").write_text("x")
    result = CliRunner().invoke(cli, ["collect", str(master), str(back), "-q", "2023Q1"])
    assert result.exit_code == 3
    assert result.output == ("错误：总台账.xlsx 正在被 Excel 或 WPS 打开（发现锁文件 .~lock.总台账.xlsx#）。"
                             "请先关闭该文件再运行。\n")


def test_a_refused_file_is_counted_as_a_file(tmp_path):
    master, forms, back = _world(tmp_path)
    back.mkdir()
    (back / "乱码.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    result = CliRunner().invoke(cli, ["collect", str(master), str(back), "-q", "2023Q1"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "2023年第一季度收文：1 个文件，新采纳 0 行，与已收内容相同 0 行，拒收 0 行、1 个文件，冲突待定 0 行。")
    assert "Cannot" not in result.output and "乱码.xlsx" in result.output


def test_a_percent_typed_with_percent_sign_is_taken_as_percent(tmp_path):
    from toolkit.workbook import read_master

    import openpyxl

    master, forms, back = _world(tmp_path)
    path = returned(forms["区教育局"], back, {"02-01": answer(percent=0.3)})
    book = openpyxl.load_workbook(path)
    sheet = book["进展填报"]
    column = next(c.column for c in sheet[4] if c.value == "完成进度")
    sheet.cell(5, column).number_format = "0%"  # what Excel does when `30%` is typed
    book.save(path)
    result = CliRunner().invoke(cli, ["collect", str(master), str(back), "-q", "2023Q1"])
    assert result.exit_code == 0
    assert "编号 02-01 的完成进度单元格是百分比格式，存的是 0.3（即 30%），已按 30 采用" in result.output
    assert [p.percent for p in read_master(master).progress] == [30]


def test_a_fraction_typed_without_percent_format_means_what_it_says(tmp_path):
    from toolkit.workbook import read_master

    master, forms, back = _world(tmp_path)
    returned(forms["区教育局"], back, {"02-01": answer(percent=0.5)})
    returned(forms["区财政局"], back, {"01-01": answer(percent="0.5%")})
    result = CliRunner().invoke(cli, ["collect", str(master), str(back), "-q", "2023Q1"])
    assert result.exit_code == 0
    assert "百分比格式" not in result.output
    assert sorted((p.task_id, p.percent) for p in read_master(master).progress) == [("01-01", 0.5), ("02-01", 0.5)]


def test_a_formula_without_result_is_reported_not_silently_lost(tmp_path):
    master, forms, back = _world(tmp_path)
    returned(forms["区教育局"], back, {"02-01": answer(progress="=1+1")})
    result = CliRunner().invoke(cli, ["collect", str(master), str(back), "-q", "2023Q1"])
    assert result.exit_code == 0
    assert "第5行" in result.output
    assert "单元格 K5 是公式且没有计算结果，内容未能读取；请单位改为直接填写文字后重报" in result.output
