"""`toolkit notice`: the formatted 责任分解 notice (Word) or its web page (HTML)."""

from __future__ import annotations

from pathlib import Path

import click

from ..render.html import write_notice_html
from ..render.notice import write_notice
from ..workbook import read_master
from .common import check_output, handle_errors, verbose_option

SUFFIXES = {"docx": ".docx", "html": ".html"}
WRONG_SUFFIX = "输出文件 {name} 的扩展名与 --format {fmt} 不一致；请把 -o 改为以 {suffix} 结尾，或改用 --format {other}。"


@click.command(name="notice")
@click.argument("master", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="输出文件（默认：总台账所在目录下的 责任分解.docx 或 .html）。")
@click.option("--format", "format_", type=click.Choice(sorted(SUFFIXES)), default="docx",
              show_default=True, help="docx：Word 通知；html：网站公开用的表格网页。")
@click.option("--table-only", is_flag=True, help="只生成附件表格，不含通知正文和版记。")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="模板目录（默认：项目的 templates/）。")
@verbose_option
@handle_errors
def notice(master: Path, output: Path | None, format_: str, table_only: bool,
           templates: Path | None, verbose: bool) -> None:
    """从总台账生成责任分解通知（GB/T 9704 版式）。

    \b
    示例：
        toolkit notice 总台账.xlsx -o 责任分解.docx
        toolkit notice 总台账.xlsx --table-only -o 附件表格.docx
        toolkit notice 总台账.xlsx --format html -o 责任分解.html
    """
    suffix = SUFFIXES[format_]
    output = output or master.with_name("责任分解" + suffix)
    if output.suffix.lower() in SUFFIXES.values() and output.suffix.lower() != suffix:
        other = next(f for f in SUFFIXES if f != format_)
        raise click.UsageError(WRONG_SUFFIX.format(name=output.name, fmt=format_, suffix=suffix, other=other))
    check_output(output, suffix, master)
    data = read_master(master, progress=False)
    if format_ == "html":
        summary = write_notice_html(data, output, templates)
    else:
        summary = write_notice(data, output, table_only=table_only, templates=templates)
    what = "附件表格" if table_only or format_ == "html" else "通知"
    click.echo(f"已生成{what} {summary.path}：{summary.sections} 个分组、{summary.tasks} 项重点工作、"
               f"{summary.livelihood} 条民生实事。")
