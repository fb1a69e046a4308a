"""`toolkit forms`: one quarterly progress form (.xlsx) per responsible unit."""

from __future__ import annotations

from pathlib import Path

import click

from ..progress.forms import write_forms
from ..workbook.read import read_master
from .common import handle_errors, quarter_option, verbose_option


@click.command(name="forms")
@click.argument("master", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@quarter_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="输出目录（默认：总台账所在目录下的 进展表-2023Q1/）。")
@click.option("--deadline", default="", help="报送截止日期，印在表头，如“2023年4月5日”。")
@click.option("--contact", default="", help="联系人及电话，印在表头。")
@click.option("--force", is_flag=True, help="覆盖输出目录中同名的表格。")
@verbose_option
@handle_errors
def forms(master: Path, quarter: str, output: Path | None, deadline: str, contact: str,
          force: bool, verbose: bool) -> None:
    """为每个责任单位生成季度进展填报表（Excel），供单位填写后报回。

    \b
    示例：
        toolkit forms 总台账.xlsx --quarter 2023Q1 -o outputs/forms/
        toolkit forms 总台账.xlsx -q 2023Q2 --deadline 2023年7月5日 --contact "督查室 张三 88880000"
    """
    output = output or master.with_name(f"进展表-{quarter}")
    paths = write_forms(read_master(master), quarter, output, deadline=deadline, contact=contact, force=force)
    click.echo(f"已为 {len(paths)} 个单位生成 {quarter} 进展表，写入 {output}。")
