"""The collection report: printed for the clerk and written as .xlsx.

It answers the clerk's three questions: who has returned, who has not,
and which rows were not taken and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

from ..workbook.safe import atomic_write
from .check import Refusal
from .common import clean_text


PICK_HINT = ("冲突的行已放入总台账的“进展待定”表：在要采用的那一行的“采用”列填“是”，保存关闭后运行 "
             "toolkit collect {master} -q {quarter} 即生效；删除该行则保留原报送。")


@dataclass
class FileOutcome:
    """What happened to one received file."""

    name: str
    unit: str = ""
    sha256: str = ""
    saved_at: str = ""
    taken: int = 0
    same: int = 0
    refused: int = 0
    conflicts: int = 0
    blank: int = 0
    # Of `refused`: rows not taken because a newer return was already in.
    older: int = 0
    rejected: str = ""
    seen_before: bool = False


@dataclass
class CollectReport:
    """Everything `collect_returns` did, for printing and for the exit code."""

    master: str
    quarter: str
    files: list[FileOutcome] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    conflicts: list[Refusal] = field(default_factory=list)
    warnings: list[Refusal] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    picks: int = 0
    written: bool = False
    backup: str = ""
    report_path: str = ""
    report_error: str = ""
    notes: list[str] = field(default_factory=list)
    # Empty folders, skipped non-form files, blank returned forms (intake.py).
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when every row received was merged (or already was)
        and nothing given was empty, blank or skipped."""
        return not self.refused and not self.conflicts and not self.problems

    @property
    def taken(self) -> int:
        """Return the number of rows added to 进展 by this run."""
        return sum(f.taken for f in self.files)

    def headline(self, quarter: str) -> list[str]:
        """Return the counts that open the report (and the command's
        summary), the quarter printed as `quarter`."""
        # A refused file is one entry of `refused`; every other entry is a row
        # (older rows too, which carry no line number).
        files = sum(1 for f in self.files if f.rejected)
        refused = f"拒收 {len(self.refused) - files} 行" + (f"、{files} 个文件" if files else "")
        out = [f"{quarter}收文：{len(self.files)} 个文件，新采纳 {self.taken} 行，"
               f"与已收内容相同 {sum(f.same for f in self.files)} 行，{refused}，"
               f"冲突待定 {len(self.conflicts)} 行。"]
        if self.picks:
            out.append(f"已按“进展待定”表中的选择更新 {self.picks} 条。")
        out.append(f"已报送 {len(self.returned)} 个单位，未报送 {len(self.missing)} 个单位。")
        return out

    def lines(self) -> list[str]:
        """Return the report as lines of Chinese text."""
        out = self.headline(f"{self.quarter} ")
        if self.missing:
            out.append("未报送：" + "、".join(self.missing))
        for item in self.refused:
            out.append("拒收 " + _where(item) + item.reason)
        for item in self.conflicts:
            out.append("冲突 " + _where(item) + item.reason)
        if self.conflicts:
            out.append(PICK_HINT.format(master=Path(self.master).name, quarter=self.quarter))
        for item in self.warnings:
            out.append("提示 " + _where(item) + item.reason)
        out.extend("注意 " + line for line in self.problems)
        if self.written:
            out.append(f"总台账已更新：{self.master}（更新前的备份：{self.backup}）")
        else:
            out.append(f"总台账无变化：{self.master}")
        if self.report_path:
            out.append(f"收文报告：{self.report_path}")
        if self.report_error:
            out.append(self.report_error)
        out.extend(self.notes)
        return out


def _where(item: Refusal) -> str:
    line = f"第{item.line}行 " if item.line else ""
    task = f"编号 {item.task_id} " if item.task_id and item.line else ""
    unit = f"（{item.unit}）" if item.unit else ""
    return f"{item.file}{unit} {line}{task}：".replace(" ：", "：")


def write_report(report: CollectReport, path: Path) -> None:
    """Write `report` as a workbook the clerk can sort and print, through a
    temporary file and an atomic rename: a killed run leaves the old report
    or the new one, and a link planted at `path` is replaced, not followed."""
    atomic_write(path, lambda tmp: _write(report, tmp))


def _write(report: CollectReport, path: Path) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1, "font_name": "宋体"})
    text = book.add_format({"text_wrap": True, "valign": "top", "font_name": "宋体"})
    units = [(u, "已报送") for u in report.returned] + [(u, "未报送") for u in report.missing]
    _sheet(book, head, text, "报送情况", ("单位", "报送情况"), units, (30, 12))
    _sheet(book, head, text, "收到的文件", ("文件", "填报单位", "保存时间", "新采纳", "相同", "拒收",
                                         "冲突", "未填写", "说明", "SHA-256"),
           [(f.name, f.unit, f.saved_at, f.taken, f.same, f.refused, f.conflicts, f.blank,
             f.rejected or ("此前已收过同一文件" if f.seen_before else ""), f.sha256)
            for f in report.files], (34, 20, 20, 8, 8, 8, 8, 8, 40, 20))
    for name, items in (("拒收明细", report.refused), ("冲突待定", report.conflicts), ("提示", report.warnings)):
        _sheet(book, head, text, name, ("文件", "填报单位", "行号", "编号", "原因"),
               [(i.file, i.unit, i.line or "", i.task_id, i.reason) for i in items], (34, 20, 8, 12, 60))
    book.close()


def _sheet(book, head, text, name: str, headers: tuple[str, ...], rows: list[tuple], widths) -> None:
    sheet = book.add_worksheet(name)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width, text)
    sheet.write_row(0, 0, headers, head)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, [clean_text(v) if isinstance(v, str) else v for v in row])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
