"""`toolkit summary`: the quarterly progress summary (GB/T 9704 .docx)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import outputs
from ..progress.lights import NO_UNIT
from ..progress.summary import write_summary
from ..workbook.read import read_master
from .common import (Outcome, check_output, command, force_option, label, listing, master_argument,
                     quarter_option, toolkit_command)


@command("summary")
@master_argument
@quarter_option
@click.option("-o", "--output", metavar="报告.docx", type=click.Path(dir_okay=False, path_type=Path),
              help="输出的 Word 文件（默认：总台账旁的 总台账-2023Q1-季度进展.docx）。")
@click.option("--blank", is_flag=True, help="生成填报稿：列出任务，进展各栏留空，供纸质报送的单位填写。")
@force_option
@toolkit_command
def summary(master: Path, quarter: str, output: Path | None, blank: bool, force: bool) -> Outcome:
    """生成季度进展情况报告（Word，GB/T 9704 版式）：总体情况、分领导进展、三色预警（对照序时进度亮灯、申请延期）、滞后任务、未报送单位。

    \b
    示例：
        toolkit summary 总台账.xlsx --quarter 2023Q1 -o 季度进展.docx
        toolkit summary 总台账.xlsx -q 2023Q2 --blank -o 季度进展填报稿.docx
    """
    output = output or outputs.default_name(master, "季度进展填报稿" if blank else "季度进展", quarter, ".docx")
    check_output(output, ".docx", master)
    outputs.check_file(output, force)
    figures = write_summary(read_master(master), quarter, output, blank=blank)
    data = {"quarter": quarter, "output": str(figures.path), "blank": blank}
    if blank:
        return Outcome([f"已生成{label(quarter)}进展填报稿：{figures.path}"], warnings=list(figures.warnings), data=data)
    counts = "，".join(f"{k}{v}项" for k, v in figures.counts.items())
    lights = "，".join(f"{k}{v}项" for k, v in figures.lights.items() if v or k != NO_UNIT)
    lines = [f"已生成{label(quarter)}进展情况报告：{figures.path}（{counts}）", f"三色预警：{lights}。"]
    lines += listing("未报送单位", figures.missing_units)
    data.update(counts=figures.counts, lights=figures.lights, missing_units=figures.missing_units,
                lagging=figures.lagging)
    return Outcome(lines, warnings=list(figures.warnings), data=data)
