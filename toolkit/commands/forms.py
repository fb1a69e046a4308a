"""`toolkit forms`: one quarterly progress form (.xlsx) per responsible unit."""

from __future__ import annotations

from pathlib import Path

import click

from .. import outputs
from ..progress.forms import write_forms
from ..workbook.read import read_master
from .common import Outcome, command, force_option, label, listing, master_argument, quarter_option, toolkit_command


@command("forms")
@master_argument
@quarter_option
@click.option("-o", "--output", metavar="文件夹", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹（默认：总台账旁的 总台账-2023Q1-进展表/）。")
@click.option("--deadline", default="", metavar="日期", help="报送截止日期，印在表头，如“2023年4月5日”。")
@click.option("--contact", default="", metavar="联系人", help="联系人及电话，印在表头。")
@force_option
@toolkit_command
def forms(master: Path, quarter: str, output: Path | None, deadline: str, contact: str, force: bool) -> Outcome:
    """为每个责任单位生成季度进展填报表（Excel），供单位填写后报回。

    \b
    示例：
        toolkit forms 总台账.xlsx --quarter 2023Q1 -o outputs/进展表/
        toolkit forms 总台账.xlsx -q 2023年第二季度 --deadline 2023年7月5日 --contact "督查室 张三 88880000"
    """
    folder = output or outputs.default_name(master, "进展表", quarter)
    with outputs.FolderOutput(folder, force) as out:
        write_forms(read_master(master), quarter, out.scratch, deadline=deadline, contact=contact, force=True)
    lines = [f"已为 {len(out.result.written)} 个单位生成{label(quarter)}进展表，写入 {folder}/"]
    notes = listing("已删除上次生成、本次没有的进展表", [p.name for p in out.result.removed], "份")
    return Outcome(lines, notes, data={"quarter": quarter, "folder": str(folder),
                                       "files": [str(p) for p in out.result.written],
                                       "removed": [str(p) for p in out.result.removed]})
