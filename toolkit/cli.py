"""The `toolkit` command: a thin face over the library.

Each command parses its options, calls one library function of the same
name, and turns ToolkitError into a one-line Chinese message (exit 1).
"""

from __future__ import annotations

import importlib

import click

from . import __version__
from . import commands  # noqa: F401 - installs click's Chinese messages before any decorator runs

# Each entry is "module:function" under toolkit/commands; one line per command.
COMMANDS = [
    "import_:import_",
    "draft:draft",
    "notice:notice",
    "letters:letters",
    "forms:forms",
    "collect:collect",
    "summary:summary",
    "remind:remind",
    "bulletin:bulletin",
    "report:report",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="toolkit")
def cli() -> None:
    """政府工作报告责任分解工具：通知 → 总台账 → 任务函、进展表、季度报告。"""


for _entry in COMMANDS:
    _module, _name = _entry.split(":")
    cli.add_command(getattr(importlib.import_module(f".commands.{_module}", __package__), _name))
