"""`toolkit letters`: one task letter (任务函) per responsible unit."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..render.letters import write_letters
from ..workbook import read_master
from .common import handle_errors, verbose_option


class _Bar:
    """A click progress bar created on the first report, when the total is known."""

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="生成任务函", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command(name="letters")
@click.argument("master", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="输出目录（默认：总台账所在目录下的 任务函/）。")
@click.option("--combined", is_flag=True, help="另外生成一份合并打印稿：每个单位一页起，页码各自从 1 开始。")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="模板目录（默认：项目的 templates/）。")
@verbose_option
@handle_errors
def letters(master: Path, output: Path | None, combined: bool, templates: Path | None, verbose: bool) -> None:
    """为每个责任单位生成任务函（Word），列出其牵头和配合的任务。

    \b
    示例：
        toolkit letters 总台账.xlsx -o outputs/letters/
        toolkit letters 总台账.xlsx -o outputs/letters/ --combined
    """
    output = output or master.with_name("任务函")
    bar = _Bar()
    try:
        summary = write_letters(read_master(master, progress=False), output, combined=combined, progress=bar, templates=templates)
    finally:
        bar.close()
    line = f"已为 {len(summary.files)} 个单位生成任务函，写入 {summary.directory}"
    if summary.groups:
        line += f"（{len(summary.groups)} 个统称不发函：{'、'.join(summary.groups)}）"
    if summary.combined:
        line += f"；合并打印稿：{summary.combined.name}"
    click.echo(line + "。")
    for warning in summary.warnings:
        click.echo(warning, err=True)
