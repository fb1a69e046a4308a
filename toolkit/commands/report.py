"""`toolkit report`: the year-end 完成情况 report (GB/T 9704 .docx)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import outputs
from ..exceptions import ToolkitError
from ..progress.yearend import parse_year, write_year_report
from .common import Outcome, check_output, command, force_option, master_argument, toolkit_command


def _year(ctx, param, value: str) -> int:
    try:
        return parse_year(value)
    except ToolkitError as exc:
        raise click.BadParameter(str(exc)) from exc


@command("report")
@master_argument
@click.option("-y", "--year", required=True, callback=_year, metavar="年份", help="年份，如 2023。")
@click.option("-o", "--output", metavar="报告.docx", type=click.Path(dir_okay=False, path_type=Path),
              help="输出的 Word 文件（默认：总台账旁的 总台账-2023-年度完成情况.docx）。")
@force_option
@toolkit_command
def report(master: Path, year: int, output: Path | None, force: bool) -> Outcome:
    """生成年度完成情况报告（Word，GB/T 9704 版式）：预期目标和每项任务的最终完成情况及承担单位。

    每项任务取当年最近一次报送（四季度，没有则三季度……）。

    \b
    示例：
        toolkit report 总台账.xlsx --year 2023
        toolkit report 总台账.xlsx -y 2023 -o 2023年度完成情况.docx
    """
    output = output or outputs.default_name(master, "年度完成情况", str(year), ".docx")
    check_output(output, ".docx", master)
    outputs.check_file(output, force)
    figures = write_year_report(master, year, output)
    counts = "，".join(f"{k}{v}项" for k, v in figures.counts.items())
    return Outcome([f"已生成{year}年度完成情况报告：{figures.path}（{counts}）"],
                   data={"year": year, "output": str(figures.path), "counts": figures.counts,
                         "quarters": figures.quarters})
