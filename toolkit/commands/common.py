"""Options and error handling shared by every command."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from ..exceptions import BadQuarter, ToolkitError
from ..progress.common import parse_quarter


UNEXPECTED = "程序遇到意外错误（{kind}：{detail}）。请加 --verbose 重新运行以查看详细信息，并发给技术人员。"


def handle_errors(func):
    """Turn ToolkitError into click's one-line error (exit 1).  Any other
    exception is a bug, but the clerk still gets one line; the traceback
    only with --verbose."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except ToolkitError as exc:
            if kwargs.get("verbose"):
                raise
            raise click.ClickException(str(exc)) from exc
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if kwargs.get("verbose"):
                raise
            raise click.ClickException(UNEXPECTED.format(kind=type(exc).__name__, detail=str(exc)[:120])) from exc

    return wrapper


def verbose_option(func):
    """Add --verbose: show the Python traceback of an error."""
    return click.option("--verbose", is_flag=True, help="出错时显示详细的程序信息（供技术人员排查）。")(func)


def echo_err(message: str) -> None:
    """Print `message` on stderr."""
    click.echo(message, file=sys.stderr)


def _quarter(ctx, param, value: str) -> str:
    try:
        return parse_quarter(value)
    except BadQuarter as exc:
        raise click.BadParameter(str(exc)) from exc


def quarter_option(func):
    """Add the required --quarter (2023Q1), checked before any file is read."""
    return click.option("-q", "--quarter", required=True, callback=_quarter,
                        help="季度，写成 2023Q1（年份 + Q + 1 到 4）。")(func)


def check_output(output: Path, suffix: str, master: Path, option: str = "-o") -> None:
    """Refuse (exit 2) an output that is not a `suffix` file or that would
    overwrite the master workbook itself."""
    if output.suffix.lower() != suffix:
        raise click.BadParameter(f"输出文件应以 {suffix} 结尾（现在是 {output.name}）。", param_hint=option)
    if output.resolve() == master.resolve():
        raise click.BadParameter(f"输出文件不能是总台账本身（{master.name}），请换一个文件名。", param_hint=option)
