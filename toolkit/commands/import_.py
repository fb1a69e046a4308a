"""`toolkit import`: notices in, master workbook out."""

from __future__ import annotations

from pathlib import Path

import click

from ..importing import import_notices
from ..notices.tables import parse_columns
from .common import Outcome, command, force_option, toolkit_command


@command("import")
@click.argument("notices", nargs=-1, required=True, metavar="通知文件...",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, metavar="总台账.xlsx",
              type=click.Path(dir_okay=False, path_type=Path), help="要写入的总台账 .xlsx 文件。")
@click.option("--first-leads", is_flag=True,
              help="通知规定“列第一位的责任单位为牵头单位”时使用：没有 * 的任务，第一个单位为牵头单位。")
@click.option("--columns", "columns_text", metavar="列名=表头,…",
              help="通知的表头用了工具不认识的说法时，指明各列，例如 --columns 重点工作=事项,牵头单位=主责部门,责任领导=分管领导。")
@click.option("--merge", is_flag=True, help="总台账已存在时合并：保留台账中的修改，只加入新内容，并报告差异。")
@force_option
@toolkit_command
def import_(notices: tuple[Path, ...], output: Path, first_leads: bool, columns_text: str | None, merge: bool,
            force: bool) -> Outcome:
    """导入责任分解通知，生成总台账（Excel）。

    通知可以是 .txt（任意中文编码）、.docx 或 .html；格式和编码自动识别。
    有无法识别的行时退出码为 1，并逐行列出（台账仍会写出已识别的内容）。

    \b
    示例：
        toolkit import inputs/lucheng-2023-notice.txt -o outputs/总台账.xlsx
        toolkit import 通知.docx -o 总台账.xlsx --merge
    """
    if merge and force:
        raise click.UsageError("--merge 和 --force 只能选一个。")
    if output.suffix.lower() != ".xlsx":
        raise click.BadParameter("总台账应保存为 .xlsx 文件，例如 -o 总台账.xlsx。", param_hint="-o")
    try:
        columns = parse_columns(columns_text) if columns_text else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--columns") from exc
    report = import_notices(list(notices), output, first_leads=first_leads, force=force, merge=merge, columns=columns)
    return Outcome(report.result_lines(), report.note_lines(), report.warning_lines(), report.to_dict())
