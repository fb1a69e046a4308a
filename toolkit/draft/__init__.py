"""Draft a 责任分解 straight from a 政府工作报告 (the `draft` command).

`draft_report(report, output)` reads the report, finds this year's tasks
part, splits it into rows with their quantified targets, reads the 名词解释,
optionally proposes units from earlier masters, and writes a master
workbook whose rows are all flagged 草稿.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import MasterExists
from ..workbook import read_master, write_master
from ..workbook.safe import check_unlocked, save
from .build import GLOSSARY_HEADERS, GLOSSARY_SHEET, MAIN_TARGETS, SUGGESTED_UNITS, Draft, build_draft, glossary_rows
from .report import Format, read_report
from .suggest import Suggester

__all__ = ["DraftSummary", "draft_report", "Draft", "build_draft", "read_report", "Format"]

OUTPUT_EXISTS = "{name} 已存在。请换一个输出文件名，或加 --force 覆盖（会先备份原文件）。"


@dataclass
class DraftSummary:
    """What `draft_report` did, in numbers a clerk can check against the report."""

    source: str
    output: str
    format: str
    encoding: str
    sections: int
    rows: int
    targets: int
    rows_with_targets: int
    terms: int
    linked_terms: int
    suggested_rows: int
    skipped: list[str] = field(default_factory=list)
    backup: str = ""
    references: int = 0

    def lines(self) -> list[str]:
        """Return what the command prints: the counts and the next step."""
        lines = [f"已生成草稿：{self.output}（{self.sections}个部分，{self.rows}条任务，"
                 f"{self.rows_with_targets}条含量化指标共{self.targets}项，名词解释{self.terms}条）"]
        if self.references:
            lines.append(f"已为{self.suggested_rows}条任务建议责任单位，见“建议责任单位”“建议依据”列，请逐条确认后填入“责任单位”。")
        else:
            lines.append("请在“责任单位”列填写责任单位（牵头单位前加*）；可用 --reference 给出往年总台账以获得建议。")
        return lines

    def notes(self) -> list[str]:
        """Return the lines for stderr: paragraphs not split, the backup."""
        notes = [f"未拆分（导语、致辞或口号）：{line}" for line in self.skipped]
        return notes + ([f"原文件已备份为：{self.backup}"] if self.backup else [])


def draft_report(report: Path | str, output: Path | str, references: Iterable[Path | str] = (),
                 force: bool = False, format_: Format | None = None) -> DraftSummary:
    """Write the draft decomposition of `report` as a master workbook at `output`.

    `references` are earlier masters whose tasks propose units.  Raises
    MasterExists when `output` exists and `force` is False, ParseError when
    the report has no tasks part, WorkbookError for a bad reference.
    """
    report, output = Path(report), Path(output)
    if output.exists() and not force:
        raise MasterExists(OUTPUT_EXISTS.format(name=output.name))
    check_unlocked(output)
    source = read_report(report, format_)
    masters = [read_master(path) for path in references]
    draft = build_draft(source, Suggester(masters) if masters else None)
    sheets = [(GLOSSARY_SHEET, GLOSSARY_HEADERS, glossary_rows(draft.terms, report.name))]
    saved = save(output, lambda tmp: write_master(tmp, draft.notice, [], extra_sheets=sheets))
    summary = summarize(draft, report, output, saved.backup)
    summary.references = len(masters)
    return summary


def summarize(draft: Draft, report: Path, output: Path, copy: Path | None) -> DraftSummary:
    """Return the counts of `draft` for the command to print."""
    tasks = draft.notice.tasks
    targets = [t.target.split("；") for t in tasks if t.target]
    return DraftSummary(
        source=report.name, output=str(output), format=draft.notice.format,
        encoding=draft.notice.encoding,
        sections=sum(1 for s in draft.notice.sections if s.heading != MAIN_TARGETS),
        rows=len(tasks), targets=sum(len(t) for t in targets), rows_with_targets=len(targets),
        terms=len(draft.terms), linked_terms=sum(1 for t in draft.terms if t.rows),
        suggested_rows=sum(1 for t in tasks if SUGGESTED_UNITS in t.extra),
        skipped=[f"{report.name}:{line.number} {line.text[:30]}" for line in draft.skipped],
        backup=str(copy) if copy else "",
    )
