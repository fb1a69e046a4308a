"""`toolkit report`: the year-end 完成情况 report (GB/T 9704 .docx)."""

from __future__ import annotations

from pathlib import Path

import click

from ..exceptions import ToolkitError
from ..progress.yearend import parse_year, write_year_report
from .common import check_output, handle_errors, verbose_option


def _year(ctx, param, value: str) -> int:
    try:
        return parse_year(value)
    except ToolkitError as exc:
        raise click.BadParameter(str(exc)) from exc


@click.command(name="report")
@click.argument("master", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-y", "--year", required=True, callback=_year, help="年份，如 2023。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="输出的 Word 文件（默认：总台账旁的 2023年度完成情况.docx）。")
@verbose_option
@handle_errors
def report(master: Path, year: int, output: Path | None, verbose: bool) -> None:
    """生成年度完成情况报告（Word，GB/T 9704 版式）：预期目标和每项任务的最终完成情况及承担单位。

    每项任务取当年最近一次报送（四季度，没有则三季度……）。

    \b
    示例：
        toolkit report 总台账.xlsx --year 2023
        toolkit report 总台账.xlsx -y 2023 -o 2023年度完成情况.docx
    """
    output = output or master.with_name(f"{year}年度完成情况.docx")
    check_output(output, ".docx", master)
    figures = write_year_report(master, year, output)
    counts = "，".join(f"{k}{v}项" for k, v in figures.counts.items())
    click.echo(f"已生成 {year} 年度完成情况报告：{figures.path}（{counts}）")
