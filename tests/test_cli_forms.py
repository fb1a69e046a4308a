"""`toolkit forms`: options, output and errors."""

from __future__ import annotations

from click.testing import CliRunner

from progress_support import make_master
from toolkit.cli import cli


def test_forms_writes_one_file_per_unit(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    out = tmp_path / "forms"
    result = CliRunner().invoke(cli, ["forms", str(master), "--quarter", "2023q1", "-o", str(out),
                                      "--deadline", "2023年4月5日"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == f"已为 5 个单位生成2023年第一季度进展表，写入 {out}/\n"
    assert len(list(out.glob("*.xlsx"))) == 5


def test_default_output_is_beside_the_master(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    result = CliRunner().invoke(cli, ["forms", str(master), "-q", "２０２３年第二季度"], catch_exceptions=False)
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "总台账-2023Q2-进展表").glob("*.xlsx"))[0] == "2023Q2进展表-区卫健局.xlsx"


def test_bad_quarter_is_a_usage_error(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    result = CliRunner().invoke(cli, ["forms", str(master), "-q", "2023-1"])
    assert result.exit_code == 2
    assert "季度「2023-1」格式不对，应写成 2023Q1、2023-Q1、2023年第一季度 或 2023年一季度（年份加第几季度，1 到 4）。" in result.output


def test_existing_forms_need_force(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    args = ["forms", str(master), "-q", "2023Q1", "-o", str(tmp_path / "f")]
    CliRunner().invoke(cli, args, catch_exceptions=False)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.output == (f"错误：文件夹 {tmp_path / 'f'} 里已有上次生成的文件。要用本次结果替换（上次生成、本次没有的文件会一并删除），"
                             "请加 --force；或用 -o 换一个文件夹。\n")
    assert CliRunner().invoke(cli, args + ["--force"]).exit_code == 0


def test_a_form_saved_over_by_a_unit_is_never_replaced(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    args = ["forms", str(master), "-q", "2023Q1", "-o", str(tmp_path / "f")]
    CliRunner().invoke(cli, args, catch_exceptions=False)
    filled = tmp_path / "f" / "2023Q1进展表-区财政局.xlsx"
    filled.write_bytes(b"filled in by the unit")
    result = CliRunner().invoke(cli, args + ["--force"])
    assert result.exit_code == 3
    assert result.output == (f"错误：文件夹 {tmp_path / 'f'} 里已有同名文件 2023Q1进展表-区财政局.xlsx，它不是本工具生成的"
                             "（或生成后被改动过），为免误删未作任何改动。请先把它移走，或用 -o 换一个文件夹。\n")
    assert filled.read_bytes() == b"filled in by the unit"
