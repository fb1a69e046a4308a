"""What every command shares: options, output, exit codes, errors.

A command parses its options, calls one library function and returns an
`Outcome`; `toolkit_command` prints it the same way for every command:

- results on stdout; notes (progress, backups) and warnings on stderr;
- `--quiet`: only warnings and errors; `--json`: one JSON object on stdout
  holding the same fields as the text (also for an error);
- exit codes: 0 done; 1 done, with warnings or refused rows listed;
  2 bad usage (including an output that exists without --force);
  3 nothing written, because the input was refused.
"""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .. import outputs
from ..exceptions import BadQuarter, MasterExists, ToolkitError
from ..quarter import parse_quarter, quarter_label

EXIT_OK, EXIT_WARNINGS, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3
UNEXPECTED = "程序遇到意外错误（{kind}：{detail}）。请加 --verbose 重新运行以查看详细信息，并发给技术人员。"
OPTIONS_METAVAR = "[选项]"


@dataclass
class Outcome:
    """What a command did, printed as text or as JSON."""

    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return EXIT_WARNINGS if self.warnings else EXIT_OK

    def to_dict(self, command: str) -> dict[str, Any]:
        return {"command": command, "exit_code": self.exit_code, "ok": not self.warnings,
                "lines": self.lines, "warnings": self.warnings, "notes": self.notes, **self.data}


def listing(title: str, items: list[str], unit: str = "个") -> list[str]:
    """Return a long list as lines: `title（N 个）：` then one item a line."""
    if not items:
        return []
    return [f"{title}（{len(items)} {unit}）："] + [f"  {item}" for item in items]


class Refused(click.ClickException):
    """The input was refused and nothing was written (exit 3)."""

    exit_code = EXIT_REFUSED


class Exists(click.ClickException):
    """An output exists and --force was not given: the command as typed
    would replace it (exit 2, without the usage text)."""

    exit_code = EXIT_USAGE


class ToolkitCommand(click.Command):
    """A command whose usage line has Chinese placeholders."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


def command(name: str):
    """Declare a toolkit command: `@command("notice")` over its options."""
    return click.command(name=name, cls=ToolkitCommand)


def toolkit_command(func):
    """Add --json, --quiet and --verbose, print the returned Outcome, exit
    with its code, and turn library errors into one Chinese line."""

    @functools.wraps(func)
    def wrapper(*args, as_json: bool, quiet: bool, verbose: bool, **kwargs):
        ctx = click.get_current_context()
        ctx.meta["toolkit.style"] = Style(as_json=as_json, quiet=quiet)
        try:
            outcome = func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except (MasterExists, outputs.OutputExists) as exc:
            if verbose:
                raise
            raise Exists(str(exc)) from exc
        except ToolkitError as exc:
            if verbose:
                raise
            refused = Refused(str(exc))
            # An error that asks the clerk to choose (collect: returns of two
            # quarters) may say exit 1 rather than 3.
            refused.exit_code = getattr(exc, "exit_code", EXIT_REFUSED)
            raise refused from exc
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if verbose:
                raise
            raise Refused(UNEXPECTED.format(kind=type(exc).__name__, detail=str(exc)[:120])) from exc
        emit(outcome, ctx.info_name or "", as_json, quiet)
        ctx.exit(outcome.exit_code)

    for option in reversed(COMMON_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


@dataclass
class Style:
    """How the running command prints: read by progress bars."""

    as_json: bool = False
    quiet: bool = False

    @property
    def chatty(self) -> bool:
        return not (self.as_json or self.quiet)


def style() -> Style:
    """Return the running command's output style."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get("toolkit.style", Style()) if ctx else Style()


def emit(outcome: Outcome, command: str, as_json: bool, quiet: bool) -> None:
    """Print `outcome`: JSON on stdout, or results on stdout and messages on stderr."""
    if as_json:
        click.echo(json.dumps(outcome.to_dict(command), ensure_ascii=False, indent=2))
        return
    if not quiet:
        for line in outcome.lines:
            click.echo(line)
        for line in outcome.notes:
            echo_err(line)
    for line in outcome.warnings:
        echo_err(line)


def error_json(exc: click.ClickException, command: str) -> str:
    """Return the JSON printed for an error under --json."""
    return json.dumps({"command": command, "exit_code": exc.exit_code, "ok": False,
                       "error": exc.format_message()}, ensure_ascii=False, indent=2)


COMMON_OPTIONS = [
    click.option("--json", "as_json", is_flag=True, help="以 JSON 格式输出结果（出错时也是 JSON，含 error）。"),
    click.option("--quiet", is_flag=True, help="只显示警告和错误。"),
    click.option("--verbose", is_flag=True, help="出错时显示详细的程序信息（供技术人员排查）。"),
]


def echo_err(message: str) -> None:
    """Print `message` on stderr."""
    click.echo(message, file=sys.stderr)


def _quarter(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_quarter(value)
    except BadQuarter as exc:
        raise click.BadParameter(str(exc)) from exc


def quarter_option(func):
    """Add the required --quarter, typed as 2023Q1, 2023-Q1 or 2023年第一季度,
    checked before any file is read."""
    return click.option("-q", "--quarter", required=True, callback=_quarter, metavar="季度",
                        help="季度，如 2023Q1、2023-Q1、2023年第一季度、2023年一季度。")(func)


def forms_quarter_option(func):
    """Add an optional --quarter: without it the quarter is read from the
    returned forms (collect)."""
    return click.option("-q", "--quarter", default=None, callback=_quarter, metavar="季度",
                        help="季度，如 2023Q1、2023-Q1、2023年第一季度（默认：读取报回进展表上的季度）。")(func)


def force_option(func):
    """Add --force: replace an output this tool generated before."""
    return click.option("--force", is_flag=True,
                        help="输出已存在时替换（文件夹中只删除本工具上次生成的文件）。")(func)


def master_argument(func):
    """Add the MASTER argument: an existing master workbook."""
    return click.argument("master", metavar="总台账.xlsx",
                          type=click.Path(exists=True, dir_okay=False, path_type=Path))(func)


def label(quarter: str) -> str:
    """Return a quarter as the forms print it (2023年第一季度)."""
    return quarter_label(quarter)


def check_output(output: Path, suffix: str, master: Path, option: str = "-o") -> None:
    """Refuse (exit 2) an output that is not a `suffix` file or that would
    overwrite the master workbook itself."""
    if output.suffix.lower() != suffix:
        raise click.BadParameter(f"输出文件应以 {suffix} 结尾（现在是 {output.name}）。", param_hint=option)
    if output.resolve() == master.resolve():
        raise click.BadParameter(f"输出文件不能是总台账本身（{master.name}），请换一个文件名。", param_hint=option)
