"""`toolkit draft`: a first-pass 责任分解 straight from the 政府工作报告."""

from __future__ import annotations

from pathlib import Path

import click

from ..draft import draft_report
from .common import echo_err, handle_errors, verbose_option


@click.command("draft")
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="草稿总台账（.xlsx）的保存路径。")
@click.option("--reference", "references", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="往年的总台账，用于建议责任单位；可重复给出多个。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖（先自动备份原文件）。")
@verbose_option
@handle_errors
def draft(report: Path, output: Path, references: tuple[Path, ...], force: bool, verbose: bool) -> None:
    """从政府工作报告（.txt/.docx/.html）拆分出责任分解草稿总台账。

    \b
    示例：
        toolkit draft 政府工作报告.txt -o 草稿.xlsx --reference 2023总台账.xlsx
    """
    summary = draft_report(report, output, references, force=force)
    click.echo(
        f"已生成草稿：{summary.output}（{summary.sections}个部分，{summary.rows}条任务，"
        f"{summary.rows_with_targets}条含量化指标共{summary.targets}项，"
        f"名词解释{summary.terms}条）"
    )
    if references:
        click.echo(f"已为{summary.suggested_rows}条任务建议责任单位，见“建议责任单位”“建议依据”列，请逐条确认后填入“责任单位”。")
    else:
        click.echo("请在“责任单位”列填写责任单位（牵头单位前加*）；可用 --reference 给出往年总台账以获得建议。")
    for line in summary.skipped:
        echo_err(f"未拆分（导语、致辞或口号）：{line}")
    if summary.backup:
        echo_err(f"原文件已备份为：{summary.backup}")
