"""Every command: registered, helped in Chinese with an example, in the README."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from toolkit.cli import cli

from conftest import ROOT

COMMANDS = sorted(cli.commands)


def test_all_commands_registered():
    assert COMMANDS == ["bulletin", "collect", "draft", "forms", "import", "letters", "notice", "remind", "report", "summary"]


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_example_and_readme_mentions_it(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "示例：" in result.output and f"toolkit {name} " in result.output
    assert f"toolkit {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_dash_m_entry_point():
    result = subprocess.run([sys.executable, "-m", "toolkit", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "toolkit，版本 0.1.0"


def test_unexpected_error_is_one_line_and_verbose_shows_it(monkeypatch, tmp_path):
    import toolkit.commands.import_ as command

    def broken(*args, **kwargs):
        raise KeyError("编号")

    monkeypatch.setattr(command, "import_notices", broken)
    path = tmp_path / "n.txt"
    path.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(path), "-o", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 1
    assert result.output.strip() == ("错误：程序遇到意外错误（KeyError：'编号'）。"
                                     "请加 --verbose 重新运行以查看详细信息，并发给技术人员。")
    verbose = CliRunner().invoke(cli, ["import", str(path), "-o", str(tmp_path / "m.xlsx"), "--verbose"])
    assert isinstance(verbose.exception, KeyError)


def test_outputs_never_overwrite_the_master(sample_master, tmp_path):
    import shutil

    master = tmp_path / "总台账.xlsx"
    shutil.copy(sample_master("ouhai"), master)
    before = master.read_bytes()
    for args in (["notice", str(master), "-o", str(master)],
                 ["notice", str(master), "-o", str(tmp_path / "通知.txt")],
                 ["collect", str(master), "-q", "2024Q1", "--report", str(master)],
                 ["summary", str(master), "-q", "2024Q1", "-o", str(master)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, args
        assert "输出文件" in result.output
    assert master.read_bytes() == before


def test_click_messages_in_chinese(tmp_path):
    result = CliRunner().invoke(cli, ["notice", str(tmp_path / "无.xlsx")])
    assert result.exit_code == 2
    assert result.output.startswith("用法： cli notice [OPTIONS] MASTER")
    assert "不存在" in result.output and "Error" not in result.output
    result = CliRunner().invoke(cli, ["bogus"])
    assert "错误：没有 'bogus' 这个命令。" in result.output
    result = CliRunner().invoke(cli, ["notice", "--help"])
    assert "选项" in result.output and "显示本帮助并退出。" in result.output
