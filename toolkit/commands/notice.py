"""`toolkit notice`: the formatted 责任分解 notice (Word) or its web page (HTML)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import outputs
from ..render.html import write_notice_html
from ..render.notice import write_notice
from ..workbook import read_master
from .common import Outcome, check_output, command, force_option, master_argument, toolkit_command

SUFFIXES = {"docx": ".docx", "html": ".html"}
WRONG_SUFFIX = "输出文件 {name} 的扩展名与 --format {fmt} 不一致；请把 -o 改为以 {suffix} 结尾，或去掉 --format。"
UNKNOWN_SUFFIX = "通知可以保存为 .docx（Word）或 .html（网页），-o 应以其中之一结尾（现在是 {name}）。"


def output_format(output: Path | None, format_: str | None) -> str:
    """Return the format to write: the -o extension decides; --format must agree."""
    if output is None:
        return format_ or "docx"
    by_suffix = {v: k for k, v in SUFFIXES.items()}.get(output.suffix.lower())
    if by_suffix is None:
        raise click.BadParameter(UNKNOWN_SUFFIX.format(name=output.name), param_hint="-o")
    if format_ and format_ != by_suffix:
        raise click.UsageError(WRONG_SUFFIX.format(name=output.name, fmt=format_, suffix=SUFFIXES[format_]))
    return by_suffix


@command("notice")
@master_argument
@click.option("-o", "--output", metavar="通知.docx|.html", type=click.Path(dir_okay=False, path_type=Path),
              help="输出文件；扩展名决定类型（默认：总台账旁的 总台账-年份-责任分解.docx）。")
@click.option("--format", "format_", type=click.Choice(sorted(SUFFIXES)), metavar="docx|html",
              help="不给 -o 时选择类型：docx（Word 通知，默认）或 html（网站公开用的表格网页）。")
@click.option("--table-only", is_flag=True, help="只生成附件表格，不含通知正文和版记。")
@click.option("--templates", metavar="模板文件夹", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="模板目录（默认：项目的 templates/）。")
@force_option
@toolkit_command
def notice(master: Path, output: Path | None, format_: str | None, table_only: bool,
           templates: Path | None, force: bool) -> Outcome:
    """从总台账生成责任分解通知（GB/T 9704 版式），或网站公开用的网页。

    \b
    示例：
        toolkit notice 总台账.xlsx -o 责任分解.docx
        toolkit notice 总台账.xlsx --table-only -o 附件表格.docx
        toolkit notice 总台账.xlsx -o 责任分解.html
    """
    fmt = output_format(output, format_)
    if output is not None:
        check_output(output, SUFFIXES[fmt], master)
    data = read_master(master, progress=False)
    kind = "责任分解附件表格" if table_only and fmt == "docx" else "责任分解"
    output = output or outputs.default_name(master, kind, outputs.year_of(data.notice.meta, master.stem),
                                            SUFFIXES[fmt])
    outputs.check_file(output, force)
    if fmt == "html":
        summary = write_notice_html(data, output, templates)
    else:
        summary = write_notice(data, output, table_only=table_only, templates=templates)
    what = "附件表格" if table_only or fmt == "html" else "通知"
    line = (f"已生成{what} {summary.path}：{summary.sections} 个分组、{summary.tasks} 项重点工作、"
            f"{summary.livelihood} 条民生实事。")
    return Outcome([line], data={"output": str(summary.path), "format": fmt, "sections": summary.sections,
                                 "tasks": summary.tasks, "livelihood": summary.livelihood})
