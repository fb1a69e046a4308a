"""The conventions every command keeps, each tested across the command list.

The list comes from the click group itself, so a command added later is
tested for every convention; the tables below (one way to run each command)
then need a row for it, or its tests fail with a KeyError naming it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from progress_support import make_master
from toolkit.cli import cli
from toolkit.model import ProgressEntry
from toolkit.quarter import parse_quarter

from conftest import NOTICES, ROOT

COMMANDS = list(cli.all_commands())
REPORT = ROOT / "inputs" / "longgang-2021-work-report.txt"
# click's English placeholders, which a clerk must never see.
ENGLISH = re.compile(r"\b(TEXT|PATH|FILE|DIRECTORY|INTEGER|FLOAT|CHOICE|OPTIONS|COMMAND|ARGS|required)\b")
# Commands whose output is not replaced only with --force, and why.
NO_FORCE = {"collect": "收文报告 is rewritten on every collect; the master is collect's input, backed up on change"}


def invoke(*args) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args])


def success_args(name: str, tmp_path: Path) -> list:
    """Return a run of `name` that succeeds in `tmp_path`."""
    tmp_path.mkdir(exist_ok=True)
    # One return, so the summary has no "no returns this quarter" warning.
    master = make_master(tmp_path / "总台账.xlsx", progress=[ProgressEntry("02-01", "2023Q1", "区教育局", "已完成", 100)])
    return {
        "import": ["import", NOTICES["ouhai"], "-o", tmp_path / "新台账.xlsx"],
        "notice": ["notice", master],
        "letters": ["letters", master],
        "forms": ["forms", master, "-q", "2023Q1"],
        "collect": ["collect", master, "-q", "2023Q1"],
        "summary": ["summary", master, "-q", "2023Q1"],
        "remind": ["remind", master, "-q", "2023Q1"],
        "bulletin": ["bulletin", master, "-q", "2023Q1"],
        "report": ["report", master, "-y", "2023"],
        "draft": ["draft", REPORT, "-o", tmp_path / "草稿.xlsx"],
    }[name]


def refused_input_args(name: str, tmp_path: Path) -> list:
    """Return a run of `name` whose input is refused (well-formed usage)."""
    bad = tmp_path / "坏.xlsx"
    bad.write_text("不是表格", encoding="utf-8")
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    return {
        "import": ["import", empty, "-o", tmp_path / "台账.xlsx"],
        "notice": ["notice", bad],
        "letters": ["letters", bad],
        "forms": ["forms", bad, "-q", "2023Q1"],
        "collect": ["collect", bad, "-q", "2023Q1"],
        "summary": ["summary", bad, "-q", "2023Q1"],
        "remind": ["remind", bad, "-q", "2023Q1"],
        "bulletin": ["bulletin", bad, "-q", "2023Q1"],
        "report": ["report", bad, "-y", "2023"],
        "draft": ["draft", empty, "-o", tmp_path / "草稿.xlsx"],
    }[name]


def test_commands_in_workflow_order():
    assert COMMANDS == ["import", "notice", "letters", "forms", "collect", "summary", "remind", "bulletin", "report",
                        "draft"]


def test_toolkit_alone_prints_the_workflow_with_an_example_each():
    result = invoke()
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "政府工作报告责任分解工具。按工作顺序："
    numbered = [line.split()[1] for line in lines if re.match(r" +\d+\. ", line)]
    assert numbered == COMMANDS
    for name in COMMANDS:
        example = lines[lines.index(next(l for l in lines if re.match(rf" +\d+\. {name} ", l))) + 1]
        assert example.strip().startswith(f"toolkit {name} ")


@pytest.mark.parametrize("name", COMMANDS)
def test_help_in_chinese_with_example_and_common_options(name):
    result = invoke(name, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"用法： toolkit {name} [选项] ")
    assert "示例：" in result.stdout and f"toolkit {name} " in result.stdout
    assert ENGLISH.findall(result.stdout) == []
    for option in ("--json", "--quiet", "--verbose"):
        assert option in result.stdout
    assert f"toolkit {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_group_help_in_chinese():
    result = invoke("--help")
    assert result.stdout.startswith("用法： toolkit [选项] 命令 [参数]...")
    assert ENGLISH.findall(result.stdout) == []


@pytest.mark.parametrize("name", COMMANDS)
def test_success_exits_0_results_on_stdout(name, tmp_path):
    result = invoke(*success_args(name, tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() and "错误" not in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_quiet_prints_nothing_when_all_went_well(name, tmp_path):
    result = invoke(*success_args(name, tmp_path), "--quiet")
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("", "")


@pytest.mark.parametrize("name", COMMANDS)
def test_json_has_the_text_lines_and_nothing_else_is_printed(name, tmp_path):
    text = invoke(*success_args(name, tmp_path / "text"))
    result = invoke(*success_args(name, tmp_path / "json"), "--json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert (data["command"], data["exit_code"], data["ok"], data["warnings"]) == (name, 0, True, [])
    assert data["lines"] == text.stdout.replace(str(tmp_path / "text"), str(tmp_path / "json")).splitlines()


@pytest.mark.parametrize("name", COMMANDS)
def test_bad_usage_exits_2_also_as_json(name):
    result = invoke(name, "--没有这个选项")
    assert result.exit_code == 2
    assert "错误：没有 '--没有这个选项' 这个选项。" in result.stderr
    result = invoke(name, "--没有这个选项", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {"command": name, "exit_code": 2, "ok": False,
                                         "error": "没有 '--没有这个选项' 这个选项。"}


@pytest.mark.parametrize("name", COMMANDS)
def test_refused_input_exits_3_with_one_chinese_line_also_as_json(name, tmp_path):
    result = invoke(*refused_input_args(name, tmp_path))
    assert result.exit_code == 3, result.output
    assert result.stdout == "" and result.stderr.startswith("错误：") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["坏.xlsx", "空.txt"]
    result = invoke(*refused_input_args(name, tmp_path), "--json")
    data = json.loads(result.stdout)
    assert (data["command"], data["exit_code"], data["ok"]) == (name, 3, False)
    assert data["error"] and "错误" not in data["error"]


@pytest.mark.parametrize("name", COMMANDS)
def test_existing_output_replaced_only_with_force(name, tmp_path):
    args = success_args(name, tmp_path)
    assert invoke(*args).exit_code == 0
    if name in NO_FORCE:
        assert "--force" not in invoke(name, "--help").stdout
        return
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "--force" in result.stderr
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()} == before
    assert invoke(*args, "--force").exit_code == 0


@pytest.mark.parametrize("name", COMMANDS)
def test_default_names_carry_master_period_and_type(name, tmp_path):
    args = success_args(name, tmp_path)
    before = {p.name for p in tmp_path.iterdir()}
    assert invoke(*args).exit_code == 0
    new = sorted({p.name for p in tmp_path.iterdir()} - before - {"备份"})
    if "-o" in args:
        return
    expected = {
        "notice": ["总台账-2023-责任分解.docx"],
        "letters": ["总台账-2023-任务函"],
        "forms": ["总台账-2023Q1-进展表"],
        "collect": ["总台账-2023Q1-收文报告.xlsx"],
        "summary": ["总台账-2023Q1-季度进展.docx"],
        "remind": ["总台账-2023Q1-催办"],
        "bulletin": ["总台账-2023Q1-督查通报.docx"],
        "report": ["总台账-2023-年度完成情况.docx"],
    }[name]
    assert new == expected


def output_options() -> list[tuple[str, str]]:
    """Return (command, a wrong extension) for every command whose -o is one file."""
    cases = []
    for name, command in cli.all_commands().items():
        for param in command.params:
            if param.name == "output" and isinstance(param.type, click.Path) and not param.type.dir_okay:
                cases.append((name, ".pdf"))
    return cases


@pytest.mark.parametrize("name,suffix", output_options())
def test_output_extension_must_fit_the_command(name, suffix, tmp_path):
    args = success_args(name, tmp_path)
    if "-o" in args:
        args[args.index("-o") + 1] = tmp_path / f"输出{suffix}"
    else:
        args += ["-o", tmp_path / f"输出{suffix}"]
    result = invoke(*args)
    assert result.exit_code == 2 and "错误：-o 的值不对：" in result.stderr
    assert not (tmp_path / f"输出{suffix}").exists()


SPELLINGS = ["2023Q1", "2023q1", "2023-Q1", "2023 Q1", "2023年第一季度", "2023年一季度", "２０２３Ｑ１",
             "２０２３年第一季度", "2023年第1季度"]


@pytest.mark.parametrize("name", [n for n, c in cli.all_commands().items() if any(p.name == "quarter" for p in c.params)])
def test_every_quarter_option_takes_every_spelling(name):
    param = next(p for p in cli.all_commands()[name].params if p.name == "quarter")
    for spelling in SPELLINGS:
        assert param.callback(None, param, spelling) == "2023Q1", spelling
    assert parse_quarter("2024年第四季度") == "2024Q4"


def test_quarter_printed_back_as_the_forms_print_it(tmp_path):
    master = make_master(tmp_path / "总台账.xlsx")
    result = invoke("summary", master, "-q", "2023-Q2", "--blank")
    assert result.stdout == f"已生成2023年第二季度进展填报稿：{tmp_path / '总台账-2023Q2-季度进展填报稿.docx'}\n"


def test_python_dash_m_entry_point():
    result = subprocess.run([sys.executable, "-m", "toolkit", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "toolkit，版本 0.1.0"


def test_shell_completion_as_the_readme_says():
    result = subprocess.run([sys.executable, "-m", "toolkit"], capture_output=True, text=True,
                            env={"_TOOLKIT_COMPLETE": "bash_source", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0 and "_toolkit_completion" in result.stdout
    assert 'eval "$(_TOOLKIT_COMPLETE=bash_source toolkit)"' in (ROOT / "README.md").read_text(encoding="utf-8")


def test_unexpected_error_is_one_line_and_verbose_shows_it(monkeypatch, tmp_path):
    import toolkit.commands.import_ as command

    def broken(*args, **kwargs):
        raise KeyError("编号")

    monkeypatch.setattr(command, "import_notices", broken)
    path = tmp_path / "n.txt"
    path.write_text("x", encoding="utf-8")
    result = invoke("import", path, "-o", tmp_path / "m.xlsx")
    assert result.exit_code == 3
    assert result.stderr == ("错误：程序遇到意外错误（KeyError：'编号'）。"
                             "请加 --verbose 重新运行以查看详细信息，并发给技术人员。\n")
    verbose = invoke("import", path, "-o", tmp_path / "m.xlsx", "--verbose")
    assert isinstance(verbose.exception, KeyError)


def test_outputs_never_overwrite_the_master(sample_master, tmp_path):
    import shutil

    master = tmp_path / "总台账.xlsx"
    shutil.copy(sample_master("ouhai"), master)
    before = master.read_bytes()
    for args in (["notice", master, "-o", master],
                 ["notice", master, "-o", tmp_path / "通知.txt"],
                 ["collect", master, "-q", "2024Q1", "--report", master],
                 ["summary", master, "-q", "2024Q1", "-o", master]):
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert "-o" in result.stderr or "--report" in result.stderr
    assert master.read_bytes() == before


def test_click_messages_in_chinese(tmp_path):
    result = invoke("notice", tmp_path / "无.xlsx")
    assert result.exit_code == 2
    assert result.stderr.startswith("用法： toolkit notice [选项] 总台账.xlsx")
    assert "不存在" in result.stderr and "Error" not in result.stderr
    result = invoke("bogus")
    assert "错误：没有 'bogus' 这个命令。" in result.stderr
    result = invoke("notice", "--help")
    assert "选项" in result.stdout and "显示本帮助并退出。" in result.stdout
