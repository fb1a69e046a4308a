"""`toolkit summary`: the quarterly progress summary (GB/T 9704 .docx)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..progress.summary import write_summary
from ..workbook.read import read_master
from .common import check_output, handle_errors, quarter_option, verbose_option


@click.command(name="summary")
@click.argument("master", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@quarter_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="输出的 Word 文件（默认：总台账旁的 2023Q1季度进展.docx）。")
@click.option("--blank", is_flag=True, help="生成填报稿：列出任务，进展各栏留空，供纸质报送的单位填写。")
@verbose_option
@handle_errors
def summary(master: Path, quarter: str, output: Path | None, blank: bool, verbose: bool) -> None:
    """生成季度进展情况报告（Word，GB/T 9704 版式）：总体情况、分领导进展、滞后任务、未报送单位。

    \b
    示例：
        toolkit summary 总台账.xlsx --quarter 2023Q1 -o 季度进展.docx
        toolkit summary 总台账.xlsx -q 2023Q2 --blank -o 季度进展填报稿.docx
    """
    output = output or master.with_name(f"{quarter}季度进展{'填报稿' if blank else ''}.docx")
    check_output(output, ".docx", master)
    figures = write_summary(read_master(master), quarter, output, blank=blank)
    if blank:
        click.echo(f"已生成 {quarter} 进展填报稿：{figures.path}")
        for warning in figures.warnings:
            click.echo(warning, err=True)
        if figures.warnings:
            sys.exit(1)
        return
    counts = "，".join(f"{k}{v}项" for k, v in figures.counts.items())
    click.echo(f"已生成 {quarter} 季度进展报告：{figures.path}（{counts}；未报送单位{len(figures.missing_units)}个）")
    for warning in figures.warnings:
        click.echo(warning, err=True)
    if figures.warnings:
        sys.exit(1)
