"""`toolkit letters`: one task letter (任务函) per responsible unit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import outputs
from ..render.letters import COMBINED_NAME, write_letters
from ..workbook import read_master
from .common import Outcome, command, force_option, listing, master_argument, style, toolkit_command


class _Bar:
    """A click progress bar created on the first report, when the total is known."""

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not style().chatty or not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="生成任务函", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def combined_path(folder: Path) -> Path:
    """Return the print file's place: beside the folder of letters to send."""
    return folder.with_name(f"{folder.name}（合并打印）.docx")


@command("letters")
@master_argument
@click.option("-o", "--output", metavar="文件夹", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹（默认：总台账旁的 总台账-年份-任务函/）。")
@click.option("--combined", is_flag=True, help="另外生成一份合并打印稿（放在文件夹旁边）：每个单位一页起，页码各自从 1 开始。")
@click.option("--templates", metavar="模板文件夹", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="模板目录（默认：项目的 templates/）。")
@force_option
@toolkit_command
def letters(master: Path, output: Path | None, combined: bool, templates: Path | None, force: bool) -> Outcome:
    """为每个责任单位生成任务函（Word），列出其牵头和配合的任务。

    \b
    示例：
        toolkit letters 总台账.xlsx -o outputs/任务函/
        toolkit letters 总台账.xlsx -o outputs/任务函/ --combined
    """
    data = read_master(master, progress=False)
    year = outputs.year_of(data.notice.meta, master.stem)
    folder = output or outputs.default_name(master, "任务函", year)
    printed = combined_path(folder)
    if combined:
        outputs.check_file(printed, force)
    bar, waiting = _Bar(), printed.with_name(".~" + printed.name)
    try:
        with outputs.FolderOutput(folder, force, rename=lambda name: f"{year}任务函-{name}") as out:
            try:
                summary = write_letters(data, out.scratch, combined=combined, progress=bar, templates=templates)
            finally:
                bar.close()
            if combined:
                # Out of the folder before it is published: not a letter to send.
                os.replace(out.scratch / COMBINED_NAME, waiting)
        if combined:
            os.replace(waiting, printed)
    finally:
        if waiting.exists():
            waiting.unlink()
    lines = [f"已为 {len(out.result.written)} 个单位生成任务函，写入 {folder}/"]
    if combined:
        lines.append(f"合并打印稿：{printed}")
    lines += listing("统称不发函", summary.groups)
    # Unconfirmed aliases are advice on stderr; the letters are complete (exit 0).
    notes = list(summary.warnings)
    notes += listing("已删除上次生成、本次没有的任务函", [p.name for p in out.result.removed], "份")
    return Outcome(lines, notes, data={
        "folder": str(folder), "files": [str(p) for p in out.result.written],
        "removed": [str(p) for p in out.result.removed], "combined": str(printed) if combined else "",
        "groups": summary.groups})
