"""`toolkit letters` (toolkit.commands.letters): thin face over write_letters."""

from __future__ import annotations

import json

from click.testing import CliRunner
from fixtures.render.sample import sample_master_path

from toolkit import outputs
from toolkit.commands.letters import letters


def _run(*args):
    return CliRunner().invoke(letters, [str(a) for a in args])


def test_writes_one_letter_per_unit_and_a_summary(tmp_path):
    master = sample_master_path(tmp_path)
    out = tmp_path / "letters"
    result = _run(master, "-o", out)
    assert result.exit_code == 0, result.output
    # 11 units of 重点工作 tasks, and 区卫生健康局 named only in 民生实事.
    assert result.stdout.splitlines() == [
        f"已为 12 个单位生成任务函，写入 {out}/", "统称不发函（2 个）：", "  各街镇", "  相关街镇"]
    assert len(list(out.glob("*.docx"))) == 12
    assert (out / "2023任务函-区卫生健康局.docx").exists()


def test_a_second_run_leaves_exactly_its_letters_and_the_clerks_files(tmp_path):
    master = sample_master_path(tmp_path)
    out = tmp_path / "letters"
    assert _run(master, "-o", out).exit_code == 0
    stale = out / "2023任务函-已撤并的单位.docx"
    stale.write_bytes(b"")
    manifest = json.loads((out / ".toolkit-清单.json").read_text(encoding="utf-8"))
    manifest["files"][stale.name] = outputs.sha256(stale)
    (out / ".toolkit-清单.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (out / "说明.txt").write_text("clerk's own", encoding="utf-8")
    refused = _run(master, "-o", out)
    assert refused.exit_code == 2 and "加 --force" in refused.stderr and stale.exists()
    result = _run(master, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert result.stderr == "已删除上次生成、本次没有的任务函（1 份）：\n  2023任务函-已撤并的单位.docx\n"
    assert not stale.exists() and (out / "说明.txt").read_text(encoding="utf-8") == "clerk's own"
    assert len(list(out.glob("*.docx"))) == 12


def test_combined(tmp_path):
    master = sample_master_path(tmp_path)
    out = tmp_path / "letters"
    result = _run(master, "-o", out, "--combined")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == f"合并打印稿：{tmp_path / 'letters（合并打印）.docx'}"
    assert (tmp_path / "letters（合并打印）.docx").exists()
    assert not any("合并打印" in p.name for p in out.iterdir())


def test_default_output_folder_is_beside_the_master(tmp_path):
    master = sample_master_path(tmp_path)
    result = _run(master)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "master-2023-任务函" / "2023任务函-区财政局.docx").exists()


def test_open_letter_is_a_one_line_error(tmp_path):
    master = sample_master_path(tmp_path)
    out = tmp_path / "letters"
    out.mkdir()
    (out / "~$2023任务函-区发改局.docx").write_text("")
    result = _run(master, "-o", out)
    assert result.exit_code == 3
    assert result.output.splitlines()[-1] == (
        "错误：2023任务函-区发改局.docx 正在被 Word、Excel 或 WPS 打开（发现锁文件 ~$2023任务函-区发改局.docx）。"
        "请先关闭该文件再运行。")
    assert [p.name for p in out.iterdir()] == ["~$2023任务函-区发改局.docx"]


def test_commands_are_registered_with_help():
    from toolkit.cli import cli

    result = CliRunner().invoke(cli, ["--help"])
    # Click pads names to the longest command's width: compare without the padding.
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "notice 从总台账生成责任分解通知（GB/T 9704 版式），或网站公开用的网页。" in lines
    assert "letters 为每个责任单位生成任务函（Word），列出其牵头和配合的任务。" in lines


def test_unwritable_letter_folder_is_a_chinese_one_line_error(tmp_path):
    master = sample_master_path(tmp_path)
    (tmp_path / "blocker").write_text("")
    out = tmp_path / "blocker" / "letters"
    result = _run(master, "-o", out)
    assert result.exit_code == 3
    assert result.output.splitlines()[-1] == f"错误：无法写入 {out}：路径中有同名的文件或文件夹。"
