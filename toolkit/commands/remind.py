"""`toolkit remind`: 催办单 for units not reported or with red tasks."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .. import outputs
from ..progress.remind import COMBINED, write_reminders
from .common import (Outcome, command, force_option, label, listing, master_argument, quarter_option,
                     toolkit_command)


@command("remind")
@master_argument
@quarter_option
@click.option("-o", "--output", metavar="文件夹", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹（默认：总台账旁的 总台账-2023Q1-催办/）。")
@click.option("--combined", is_flag=True,
              help="另生成一份合并打印稿（放在文件夹旁边；每个单位一节，页码各自从 1 起）。")
@click.option("--deadline", default="", metavar="日期", help="要求报送或整改的期限，如“2023年7月15日”（默认：3天后）。")
@force_option
@toolkit_command
def remind(master: Path, quarter: str, output: Path | None, combined: bool, deadline: str, force: bool) -> Outcome:
    """为未报送或有红灯任务的单位生成催办单（Word，GB/T 9704 版式），并生成可粘贴到浙政钉、微信的催办清单。

    每次催办记入总台账的“催办记录”表，再次催办时自动写“第二次”“第三次”；同一天重复运行不重复计数。

    \b
    示例：
        toolkit remind 总台账.xlsx --quarter 2023Q1 --combined
        toolkit remind 总台账.xlsx -q 2023Q2 -o 催办/ --deadline 2023年7月15日
    """
    folder = output or outputs.default_name(master, "催办", quarter)
    printed = folder.with_name(f"{folder.name}（合并打印）.docx")
    if combined:
        outputs.check_file(printed, force)
    waiting = printed.with_name(".~" + printed.name)
    try:
        with outputs.FolderOutput(folder, force) as out:
            result = write_reminders(master, quarter, out.scratch, combined=combined, deadline=deadline)
            if result.combined:
                # Out of the folder before it is published: not a letter to send.
                os.replace(out.scratch / COMBINED.format(quarter=quarter), waiting)
        if result.combined:
            os.replace(waiting, printed)
    finally:
        if waiting.exists():
            waiting.unlink()
    data = {"quarter": quarter, "folder": str(folder), "files": [str(p) for p in out.result.written],
            "combined": str(printed) if result.combined else "", "recorded": result.recorded,
            "backup": result.backup, "units": [{"unit": r.unit, "reason": r.reason, "count": r.count, "level": r.level.colour}
                                               for r in result.reminders]}
    if not result.reminders:
        return Outcome([f"{label(quarter)}没有需要催办的单位：各单位均已报送，且没有亮红灯的任务。"], data=data)
    missing = sum(1 for r in result.reminders if r.missing)
    red = sum(1 for r in result.reminders if r.red)
    lines = [f"已生成 {len(result.files)} 份催办单，写入 {folder}/（未报送 {missing} 个单位，有红灯任务 {red} 个单位）"]
    lines += listing("催办单位", [f"{r.unit}：{r.reason}，第{r.count}次催办，{r.level.label}" for r in result.reminders])
    if result.combined:
        lines.append(f"合并打印稿：{printed}")
    lines.append(f"催办清单（可粘贴到浙政钉、微信）：{folder / result.text.name}")
    notes = []
    if result.recorded:
        notes.append(f"已在总台账“催办记录”表记入 {result.recorded} 个单位（更新前的备份：{result.backup}）。")
    else:
        notes.append("今天已催办过这些单位，未重复计数。")
    notes += listing("已删除上次生成、本次没有的文件", [p.name for p in out.result.removed], "份")
    return Outcome(lines, notes, data=data)
