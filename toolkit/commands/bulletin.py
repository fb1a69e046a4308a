"""`toolkit bulletin`: the quarterly 督查通报 (GB/T 9704 .docx)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import outputs
from ..progress.bulletin import write_bulletin
from .common import (Outcome, check_output, command, force_option, label, master_argument, quarter_option,
                     toolkit_command)


@command("bulletin")
@master_argument
@quarter_option
@click.option("-o", "--output", metavar="通报.docx", type=click.Path(dir_okay=False, path_type=Path),
              help="输出的 Word 文件（默认：总台账旁的 总台账-2023Q1-督查通报.docx）。")
@force_option
@toolkit_command
def bulletin(master: Path, quarter: str, output: Path | None, force: bool) -> Outcome:
    """生成季度督查通报（Word，GB/T 9704 版式）：亮灯情况、单位排名及上期对比、表扬和通报、红灯任务。

    亮灯按总台账“设置”表的黄灯、红灯幅度对照序时进度判定；按时报送以“设置”表的报送时限为准。

    \b
    示例：
        toolkit bulletin 总台账.xlsx --quarter 2023Q2
        toolkit bulletin 总台账.xlsx -q 2023Q2 -o 督查通报.docx
    """
    output = output or outputs.default_name(master, "督查通报", quarter, ".docx")
    check_output(output, ".docx", master)
    outputs.check_file(output, force)
    figures = write_bulletin(master, quarter, output)
    counts = "，".join(f"{k}{v}项" for k, v in figures.counts.items() if v)
    on_time = sum(r.reporting == "按时报送" for r in figures.ranking)
    lines = [f"已生成{label(quarter)}督查通报：{figures.path}（{counts}）",
             f"按时报送 {on_time} 个单位，逾期报送 {len(figures.late)} 个，未报送 {len(figures.missing)} 个；"
             f"表扬 {len(figures.praised)} 个单位。"]
    if figures.previous_quarter:
        lines.append(f"已与{label(figures.previous_quarter)}对比。")
    return Outcome(lines, data={"quarter": quarter, "output": str(figures.path), "counts": figures.counts,
                                "on_time": on_time, "late": list(figures.late), "missing": list(figures.missing),
                                "praised": list(figures.praised), "previous_quarter": figures.previous_quarter})
