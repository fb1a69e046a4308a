"""`toolkit letters` (toolkit.commands.letters): thin face over write_letters."""

from __future__ import annotations

from click.testing import CliRunner
from fixtures.render.sample import sample_master_path

from toolkit.commands.letters import letters


def _run(*args):
    return CliRunner().invoke(letters, [str(a) for a in args])


def test_writes_one_letter_per_unit_and_a_summary(tmp_path):
    master = sample_master_path(tmp_path)
    out = tmp_path / "letters"
    result = _run(master, "-o", out)
    assert result.exit_code == 0, result.output
    # 11 units of 重点工作 tasks, and 区卫生健康局 named only in 民生实事.
    assert result.output.splitlines()[-1] == (
        f"已为 12 个单位生成任务函，写入 {out}（2 个统称不发函：各街镇、相关街镇）。")
    assert len(list(out.glob("*.docx"))) == 12
    assert (out / "区卫生健康局.docx").exists()


def test_combined(tmp_path):
    master = sample_master_path(tmp_path)
    out = tmp_path / "letters"
    result = _run(master, "-o", out, "--combined")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].endswith("；合并打印稿：任务函（合并打印）.docx。")
    assert (out / "任务函（合并打印）.docx").exists()


def test_default_output_folder_is_beside_the_master(tmp_path):
    master = sample_master_path(tmp_path)
    result = _run(master)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "任务函" / "区财政局.docx").exists()


def test_open_letter_is_a_one_line_error(tmp_path):
    master = sample_master_path(tmp_path)
    out = tmp_path / "letters"
    out.mkdir()
    (out / "~$区发改局.docx").write_text("")
    result = _run(master, "-o", out)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "错误：区发改局.docx 正在被 Word 或 WPS 打开（发现锁文件 ~$区发改局.docx）。请先关闭该文件再运行。")


def test_commands_are_registered_with_help():
    from toolkit.cli import cli

    result = CliRunner().invoke(cli, ["--help"])
    # Click pads names to the longest command's width: compare without the padding.
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "notice 从总台账生成责任分解通知（GB/T 9704 版式）。" in lines
    assert "letters 为每个责任单位生成任务函（Word），列出其牵头和配合的任务。" in lines


def test_unwritable_letter_folder_is_a_chinese_one_line_error(tmp_path):
    master = sample_master_path(tmp_path)
    (tmp_path / "blocker").write_text("")
    out = tmp_path / "blocker" / "letters"
    result = _run(master, "-o", out)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"错误：无法写入 {out}：路径中有同名的文件或文件夹。请检查目录是否存在、是否有写入权限，或文件是否被其他程序占用。")
