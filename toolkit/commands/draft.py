"""`toolkit draft`: a first-pass 责任分解 straight from the 政府工作报告."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from ..draft import draft_report
from .common import Outcome, command, force_option, toolkit_command


@command("draft")
@click.argument("report", metavar="政府工作报告", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, metavar="草稿.xlsx", type=click.Path(dir_okay=False, path_type=Path),
              help="草稿总台账（.xlsx）的保存路径。")
@click.option("--reference", "references", multiple=True, metavar="往年总台账.xlsx",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="往年的总台账，用于建议责任单位；可重复给出多个。")
@force_option
@toolkit_command
def draft(report: Path, output: Path, references: tuple[Path, ...], force: bool) -> Outcome:
    """从政府工作报告（.txt/.docx/.html）拆分出责任分解草稿总台账。

    \b
    示例：
        toolkit draft 政府工作报告.txt -o 草稿.xlsx --reference 2023总台账.xlsx
    """
    if output.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"草稿总台账是 Excel 文件，应以 .xlsx 结尾（现在是 {output.name}）。",
                                 param_hint="-o")
    summary = draft_report(report, output, references, force=force)
    return Outcome(summary.lines(), summary.notes(), [], asdict(summary))
