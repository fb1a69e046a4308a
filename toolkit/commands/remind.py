"""`toolkit remind`: 催办单 for units not reported or with red tasks."""

from __future__ import annotations

from pathlib import Path

import click

from ..progress.remind import write_reminders
from .common import handle_errors, quarter_option, verbose_option

SHOWN = 15  # units listed on the screen; all of them are in the list file


@click.command(name="remind")
@click.argument("master", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@quarter_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="输出目录（默认：总台账所在目录下的 催办-2023Q1/）。")
@click.option("--combined", is_flag=True, help="另生成一份合并打印稿（每个单位一节，页码各自从 1 起）。")
@click.option("--deadline", default="", help="要求报送或整改的期限，如“2023年7月15日”（默认：3天后）。")
@verbose_option
@handle_errors
def remind(master: Path, quarter: str, output: Path | None, combined: bool, deadline: str, verbose: bool) -> None:
    """为未报送或有红灯任务的单位生成催办单（Word，GB/T 9704 版式），并生成可粘贴到浙政钉、微信的催办清单。

    每次催办记入总台账的“催办记录”表，再次催办时自动写“第二次”“第三次”；同一天重复运行不重复计数。

    \b
    示例：
        toolkit remind 总台账.xlsx --quarter 2023Q1 --combined
        toolkit remind 总台账.xlsx -q 2023Q2 -o 催办/ --deadline 2023年7月15日
    """
    output = output or master.with_name(f"催办-{quarter}")
    result = write_reminders(master, quarter, output, combined=combined, deadline=deadline)
    if not result.reminders:
        click.echo(f"{quarter} 没有需要催办的单位：各单位均已报送，且没有亮红灯的任务。")
        return
    missing = sum(1 for r in result.reminders if r.missing)
    red = sum(1 for r in result.reminders if r.red)
    click.echo(f"已生成 {len(result.files)} 份催办单，写入 {output}（未报送 {missing} 个单位，有红灯任务 {red} 个单位）。")
    for r in result.reminders[:SHOWN]:
        click.echo(f"  {r.unit}：{r.reason}，第{r.count}次催办")
    if len(result.reminders) > SHOWN:
        click.echo(f"  ……另有 {len(result.reminders) - SHOWN} 个单位，见催办清单。")
    if result.combined:
        click.echo(f"合并打印稿：{result.combined.name}")
    click.echo(f"催办清单（可粘贴到浙政钉、微信）：{result.text}")
    if result.recorded:
        click.echo(f"已在总台账“催办记录”表记入 {result.recorded} 个单位（更新前的备份：{result.backup}）。")
    else:
        click.echo("今天已催办过这些单位，未重复计数。")
