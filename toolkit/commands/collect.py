"""`toolkit collect`: merge returned progress forms into the master."""

from __future__ import annotations

from pathlib import Path

import click

from ..progress.collect import ReportIsInput, check_report_path, collect_returns, expand
from .common import check_output, handle_errors, quarter_option, verbose_option


@click.command(name="collect")
@click.argument("master", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("returned", nargs=-1, type=click.Path(exists=True, path_type=Path))
@quarter_option
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="收文报告（.xlsx）的位置（默认：总台账旁的 收文报告-2023Q1.xlsx）。")
@verbose_option
@handle_errors
@click.pass_context
def collect(ctx: click.Context, master: Path, returned: tuple[Path, ...], quarter: str,
            report_path: Path | None, verbose: bool) -> None:
    """把单位报回的进展表（文件或文件夹）合并进总台账的“进展”表。

    全部采纳时退出码为 0；有拒收或冲突待定的行时为 1，并逐条列出原因。

    \b
    示例：
        toolkit collect 总台账.xlsx 收回/ --quarter 2023Q1
        toolkit collect 总台账.xlsx 区财政局.xlsx 区发改局.xlsx -q 2023Q1
    """
    report_path = report_path or master.with_name(f"收文报告-{quarter}.xlsx")
    check_output(report_path, ".xlsx", master, "--report")
    try:
        check_report_path(report_path, expand(list(returned)))
    except ReportIsInput as exc:
        raise click.BadParameter(str(exc), param_hint="--report") from exc
    report = collect_returns(master, list(returned), quarter, report_path=report_path)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        ctx.exit(1)
