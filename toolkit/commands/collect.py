"""`toolkit collect`: merge returned progress forms into the master."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from .. import outputs
from ..progress.collect import ReportIsInput, check_report_path, collect_returns, expand
from ..progress.report import PICK_HINT, CollectReport, _where
from .common import (Outcome, check_output, command, forms_quarter_option, label, listing, master_argument,
                     toolkit_command)


@command("collect")
@master_argument
@click.argument("returned", nargs=-1, metavar="报回的文件或文件夹...", type=click.Path(exists=True, path_type=Path))
@forms_quarter_option
@click.option("--report", "report_path", metavar="收文报告.xlsx", type=click.Path(dir_okay=False, path_type=Path),
              help="收文报告（.xlsx）的位置（默认：总台账旁的 总台账-2023Q1-收文报告.xlsx；每次收文都重写）。")
@toolkit_command
def collect(master: Path, returned: tuple[Path, ...], quarter: str | None, report_path: Path | None) -> Outcome:
    """把单位报回的进展表（文件或文件夹）合并进总台账的“进展”表。

    不写 --quarter 时按进展表上的季度收文；收到的表属于不同季度时不收，退出码为 1。
    全部采纳时退出码为 0；有拒收或冲突待定的行时为 1，并逐条列出原因。

    \b
    示例：
        toolkit collect 总台账.xlsx 收回/
        toolkit collect 总台账.xlsx 收回/ --quarter 2023Q1
        toolkit collect 总台账.xlsx 区财政局.xlsx 区发改局.xlsx -q 2023年第一季度
    """
    def named(q: str) -> Path:
        return outputs.default_name(master, "收文报告", q, ".xlsx")

    report_path = report_path or (named(quarter) if quarter else None)
    if report_path is not None:
        check_output(report_path, ".xlsx", master, "--report")
        try:
            check_report_path(report_path, expand(list(returned)))
        except ReportIsInput as exc:
            raise click.BadParameter(str(exc), param_hint="--report") from exc
    # Without --quarter the default report's name waits for the forms' quarter.
    report = collect_returns(master, list(returned), quarter, report_path=report_path or named)
    return outcome(report)


def outcome(report: CollectReport) -> Outcome:
    """Return what collect prints: counts and lists on stdout, refusals as warnings."""
    lines = report.headline(label(report.quarter))
    lines += listing("未报送", report.missing)
    lines.append(f"总台账已更新：{report.master}" if report.written else f"总台账无变化：{report.master}")
    if report.report_path:
        lines.append(f"收文报告（含全部明细）：{report.report_path}")
    warnings = listing("拒收", [_where(i) + i.reason for i in report.refused], "条")
    warnings += listing("冲突待定", [_where(i) + i.reason for i in report.conflicts], "条")
    if report.conflicts:
        warnings.append(PICK_HINT.format(master=Path(report.master).name, quarter=report.quarter))
    warnings += ["注意 " + line for line in report.problems]
    if report.report_error:
        warnings.append(report.report_error)
    notes = listing("提示", [_where(i) + i.reason for i in report.warnings], "条")
    notes += [f"更新前的备份：{report.backup}"] if report.backup else []
    notes += report.notes
    data = asdict(report)
    data.update(taken=report.taken)
    return Outcome(lines, notes, warnings, data)
