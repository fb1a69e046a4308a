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
    click.echo("\n".join(summary.lines()))
    for line in summary.notes():
        echo_err(line)
