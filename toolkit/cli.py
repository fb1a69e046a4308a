"""The `toolkit` command: a thin face over the library.

Each command parses its options, calls one library function and returns an
Outcome that `commands.common` prints the same way for every command.  The
group lists the commands in the order of a clerk's year, and `toolkit`
alone prints that workflow with one example each.
"""

from __future__ import annotations

import gc
import importlib
import json
import sys

import click

from . import __version__
from . import commands  # noqa: F401 - installs click's Chinese messages before any decorator runs
from .commands.common import EXIT_USAGE, OPTIONS_METAVAR, echo_err

# Command name -> "module:function" under toolkit/commands, in workflow order.
COMMANDS = {
    "import": "import_:import_",
    "notice": "notice:notice",
    "letters": "letters:letters",
    "forms": "forms:forms",
    "collect": "collect:collect",
    "summary": "summary:summary",
    "remind": "remind:remind",
    "bulletin": "bulletin:bulletin",
    "report": "report:report",
    "draft": "draft:draft",
}

WORKFLOW_HEAD = "政府工作报告责任分解工具。按工作顺序："
WORKFLOW_TAIL = ("每个命令的详细说明：toolkit 命令 --help（例如 toolkit import --help）。\n"
                 "共同约定：已有的输出只在加 --force 时替换；--json 输出 JSON；--quiet 只显示警告和错误；\n"
                 "退出码 0 完成，1 完成但有警告或拒收，2 用法有误，3 输入被拒、未写入任何文件。")


# A city's notice or quarter makes hundreds of thousands of small objects
# that live until the command ends; at Python's default thresholds the
# collector re-scans them over and over (a fifth to a quarter of an
# import's time).  A command is short-lived: collect less often.
GC_THRESHOLDS = (50_000, 20, 20)


def tune_collections() -> None:
    """Set the collector's thresholds for a short batch command (also
    used by the benchmark scripts, so they measure what the command does)."""
    gc.set_threshold(*GC_THRESHOLDS)


class ToolkitGroup(click.Group):
    """The command group: workflow order, Chinese placeholders, and errors
    printed as JSON when --json was asked for.

    Commands load when they are run: each pulls in its own libraries
    (python-docx, openpyxl, the notice readers…), and importing all of them
    cost every command about a second before it did any work."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in self.commands:
            module, name = COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(f".commands.{module}", __package__), name))
        return self.commands[cmd_name]

    def all_commands(self) -> dict[str, click.Command]:
        """Return every command by name, in workflow order (loads them all)."""
        return {name: self.get_command(click.Context(self), name) for name in COMMANDS}

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = list(sys.argv[1:] if args is None else args)
        tune_collections()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as exc:
            if "--json" in args:
                command = next((a for a in args if a in COMMANDS), "")
                click.echo(json.dumps({"command": command, "exit_code": exc.exit_code, "ok": False,
                                       "error": exc.format_message()}, ensure_ascii=False, indent=2))
            else:
                exc.show()
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            echo_err("已中止。")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def workflow(group: click.Group) -> str:
    """Return the workflow text: every command in order with its first example."""
    lines = [WORKFLOW_HEAD, ""]
    for number, (name, cmd) in enumerate(group.all_commands().items(), start=1):
        lines.append(f"  {number:>2}. {name:<9}{cmd.get_short_help_str(60)}")
        lines.append(f"       {example(cmd)}")
    return "\n".join(lines + ["", WORKFLOW_TAIL])


def example(cmd: click.Command) -> str:
    """Return the first example line of a command's help."""
    text = (cmd.help or "").split("示例：", 1)[-1]
    return next((line.strip() for line in text.splitlines() if line.strip().startswith("toolkit ")), "")


@click.group(name="toolkit", cls=ToolkitGroup, invoke_without_command=True, options_metavar=OPTIONS_METAVAR,
             subcommand_metavar="命令 [参数]...", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="toolkit")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """政府工作报告责任分解工具：通知 → 总台账 → 任务函、进展表、季度报告。

    不带参数运行 toolkit 显示按工作顺序排列的命令和示例。
    """
    if ctx.invoked_subcommand is None:
        click.echo(workflow(ctx.command))


__all__ = ["cli", "EXIT_USAGE"]
