"""The year-end 完成情况 report (GB/T 9704 .docx): each 预期目标 and task
with its final status in the year, and the units that carried it.

A task's final standing is its latest report of the year (Q4, else Q3…),
chosen as everywhere else: the lead unit's report, else the most cautious.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..exceptions import ToolkitError
from ..model import STATUSES
from ..notices.headings import numeral
from ..render.cover import cover_context
from ..render.document import add_blank, add_body, add_heading, add_paragraph, add_title, new_document
from ..render.output import save_atomic
from ._chart import add_bar_chart, legend
from ._paper import add_fast_table, sign_off
from .history import read_supervision
from .lights import NO_UNIT, UNREPORTED, Judged, judge_quarter

TEXT_WIDTH = 8844
ORDER = STATUSES + (UNREPORTED,)
HEADERS = ("编号", "重点工作", "完成情况", "承担单位")
WIDTHS = (1000, 4000, 1900, 1944)
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*")
TARGET_WORDS = ("预期目标", "主要目标")
BAD_YEAR = "年份「{value}」不对，应写成 2023 这样的四位数字。"
NO_TASKS = "总台账中没有重点工作或民生实事，无法生成年度完成情况报告。"


@dataclass
class Final:
    """A task's or item's last standing in the year."""

    judged: Judged
    quarter: str = ""

    @property
    def status(self) -> str:
        return self.judged.status or UNREPORTED


@dataclass
class YearFigures:
    """What the report states, for the command's line and the tests."""

    year: int
    counts: dict[str, int]
    finals: list[Final] = field(default_factory=list)
    quarters: list[str] = field(default_factory=list)
    path: str = ""


def parse_year(value: str | int) -> int:
    """Return `value` as a year, or raise ToolkitError."""
    text = str(value).strip().rstrip("年")
    if not (text.isdigit() and len(text) == 4):
        raise ToolkitError(BAD_YEAR.format(value=value))
    return int(text)


def year_figures(sup, year: int) -> YearFigures:
    """Return each task's and item's final standing in `year`."""
    quarters = [f"{year}Q{n}" for n in range(1, 5)]
    reported = [q for q in quarters if any(e.quarter == q for e in sup.master.progress)]
    judged = {q: judge_quarter(sup.master, sup.settings, q).all for q in reported}
    base = judge_quarter(sup.master, sup.settings, f"{year}Q4").all
    finals = []
    for n, subject in enumerate(base):
        final = Final(subject)
        for quarter in reversed(reported):
            candidate = judged[quarter][n]
            if candidate.entry is not None:
                final = Final(candidate, quarter)
                break
        finals.append(final)
    counts = {s: 0 for s in ORDER}
    for final in finals:
        if final.judged.light != NO_UNIT:
            counts[final.status] += 1
    return YearFigures(year, counts, finals, reported)


def write_year_report(master_path: Path | str, year: str | int, path: Path | str,
                      today: date | None = None) -> YearFigures:
    """Write the 完成情况 report of `year` to `path` (.docx); return its figures."""
    year = parse_year(year)
    sup = read_supervision(master_path)
    if not sup.master.notice.tasks and not sup.master.notice.livelihood:
        raise ToolkitError(NO_TASKS)
    figures = year_figures(sup, year)
    doc = new_document()
    cover = cover_context(sup.master.notice)
    add_title(doc, f"{year}年政府工作报告重点工作\n完成情况报告")
    add_blank(doc)
    _overall(doc, figures, cover)
    section_of = {t.id: s for s in sup.master.notice.sections for t in s.tasks}
    targets = [f for f in figures.finals if _is_target(section_of.get(f.judged.id))]
    others = [f for f in figures.finals if f not in targets]
    part = 1
    if targets:
        part += 1
        add_heading(doc, f"{numeral(part)}、主要预期目标完成情况")
        _table(doc, targets)
    part += 1
    add_heading(doc, f"{numeral(part)}、重点工作和民生实事完成情况")
    for n, (heading, finals) in enumerate(_groups(others, section_of).items(), start=1):
        add_heading(doc, f"（{numeral(n)}）{heading}", level=2)
        _table(doc, finals)
    part += 1
    _unfinished(doc, [f for f in figures.finals if f.status != "已完成" and f.judged.light != NO_UNIT], part)
    add_blank(doc)
    sign_off(doc, sup.settings, today or datetime.now().date(), cover["signer"])
    path = Path(path)
    save_atomic(path, lambda tmp: doc.save(str(tmp)))
    figures.path = str(path)
    return figures


def _is_target(section) -> bool:
    return section is not None and any(word in section.heading for word in TARGET_WORDS)


def _groups(finals: list[Final], section_of: dict) -> dict[str, list[Final]]:
    groups: dict[str, list[Final]] = {}
    for final in finals:
        section = section_of.get(final.judged.id)
        heading = _NUMBERING.sub("", section.heading) if section else "民生实事项目"
        groups.setdefault(heading, []).append(final)
    return groups


def _overall(doc, figures: YearFigures, cover: dict) -> None:
    counts = figures.counts
    total = sum(counts.values())
    add_heading(doc, "一、总体情况")
    basis = (f"依据{'、'.join(q[-2:] for q in figures.quarters)}各季度报送情况，取每项任务的最近一次报送"
             if figures.quarters else "本年度尚无报送记录")
    source = f"《{cover['title']}》" if cover["title"] else "政府工作报告重点工作责任分解"
    add_body(doc, f"{source}共分解重点工作和民生实事{total}项（不含仅由统称单位负责的任务）。{basis}，"
                  + "，".join(f"{s}{counts[s]}项" for s in ORDER) + "。")
    rows = [(s, [(s, counts[s])], f"{counts[s]}项") for s in ORDER]
    add_bar_chart(doc, rows, total, label_width=1300, value_width=1900, bar_width=TEXT_WIDTH - 3200)
    add_paragraph(doc, "图1  年度完成情况（按任务数）", "GW Table Center")
    p = add_paragraph(doc, "", "GW Table Center")
    from ..render import _oxml
    for chunk, colour in legend(ORDER):
        run = _oxml.sub(p, "w:r")
        if colour:
            _oxml.sub(_oxml.sub(run, "w:rPr"), "w:color", val=colour)
        _oxml.sub(run, "w:t").text = chunk


def _table(doc, finals: list[Final]) -> None:
    rows = []
    for final in finals:
        j = final.judged
        done = final.status + ("" if j.percent is None else f"（{j.percent:g}%）")
        if final.quarter:
            done += f"\n{final.quarter[-2:]}报送"
        if j.entry is not None and j.entry.progress:
            done += f"\n{j.entry.progress}"
        units = "、".join(j.leads) + ("（牵头）" if j.leads else "")
        others = [u for u in j.units if u not in j.leads]
        if others:
            units += ("\n" if units else "") + "、".join(others) + "（配合）"
        rows.append([j.id, j.text, done, units or "未明确"])
    add_fast_table(doc, HEADERS, rows, WIDTHS, centered=(0,))
    add_blank(doc)


def _unfinished(doc, finals: list[Final], part: int) -> None:
    add_heading(doc, f"{numeral(part)}、未完成任务及原因")
    if not finals:
        add_body(doc, "纳入责任分解的重点工作和民生实事均已完成。")
        return
    add_body(doc, f"未完成的任务共{len(finals)}项：")
    for n, final in enumerate(finals, start=1):
        j = final.judged
        entry = j.entry
        why = entry.problems.rstrip("。；;，, ") if entry is not None and entry.problems else (
            "全年未报送" if entry is None else "未填写")
        plan = f"下步打算：{entry.next_steps.rstrip('。；;，, ')}。" if entry is not None and entry.next_steps else ""
        add_body(doc, f"{n}.【{j.id}】{j.text}（{final.status}；牵头单位：{'、'.join(j.leads) or '未明确'}）"
                      f"存在问题：{why}。{plan}")
