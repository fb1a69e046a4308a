"""`toolkit bulletin`: the quarterly 督查通报 (GB/T 9704 .docx)."""

from __future__ import annotations

from pathlib import Path

import click

from ..progress.bulletin import write_bulletin
from .common import check_output, handle_errors, quarter_option, verbose_option


@click.command(name="bulletin")
@click.argument("master", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@quarter_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="输出的 Word 文件（默认：总台账旁的 2023Q1督查通报.docx）。")
@verbose_option
@handle_errors
def bulletin(master: Path, quarter: str, output: Path | None, verbose: bool) -> None:
    """生成季度督查通报（Word，GB/T 9704 版式）：亮灯情况、单位排名及上期对比、表扬和通报、红灯任务。

    亮灯按总台账“设置”表的黄灯、红灯幅度对照序时进度判定；按时报送以“设置”表的报送时限为准。

    \b
    示例：
        toolkit bulletin 总台账.xlsx --quarter 2023Q2
        toolkit bulletin 总台账.xlsx -q 2023Q2 -o 督查通报.docx
    """
    output = output or master.with_name(f"{quarter}督查通报.docx")
    check_output(output, ".docx", master)
    figures = write_bulletin(master, quarter, output)
    counts = "，".join(f"{k}{v}项" for k, v in figures.counts.items() if v)
    click.echo(f"已生成 {quarter} 督查通报：{figures.path}（{counts}）")
    click.echo(f"按时报送 {sum(r.reporting == '按时报送' for r in figures.ranking)} 个单位，"
               f"逾期报送 {len(figures.late)} 个，未报送 {len(figures.missing)} 个；表扬 {len(figures.praised)} 个单位。")
    if figures.previous_quarter:
        click.echo(f"已与 {figures.previous_quarter} 对比。")
