"""The quarterly progress summary (季度进展情况) as a GB/T 9704 Word file.

Page setup, fonts, headings, tables and page numbers come from
toolkit.render.document; this module decides what the leaders read:
totals with a chart, one table per leader, the 三色 lights against 序时进度
(summary_lights), the lagging tasks with their problems, and the units that
did not report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx.oxml.ns import qn

from ..exceptions import ToolkitError
from ..model import STATUSES, Master, ProgressEntry, Task
from ..render import _oxml
from ..render.cover import cover_context
from ..render.document import (add_blank, add_body, add_heading, add_paragraph, add_title, body_end,
                               new_document, signature_paragraphs, style_id)
from ..render.output import save_atomic
from ..notices.headings import numeral
from . import common as c
from ._chart import add_bar_chart, legend
from ._paper import add_fast_table, add_paragraphs
from .settings import Settings
from .summary_lights import add_lights

MISSING = "未报送"
ORDER = STATUSES + (MISSING,)
# When several units report on a task without its lead unit, the most
# cautious status stands for the task.
CAUTION = {"滞后": 0, "未启动": 1, "序时推进": 2, "已完成": 3}
TEXT_WIDTH = 8844  # twips: the 156 mm type area
TABLE_HEADERS = ("编号", "重点工作", "牵头单位", "完成状态及进度", "进展情况")
# The 156 mm split between the task and its progress, the two long texts,
# so neither runs to a narrow column of 15 lines.  1000 twips hold `02-01`
# on one line even in fonts with wide digits; 1150 hold 序时推进.
TABLE_WIDTHS = (1000, 2950, 1300, 1150, 2444)
# --blank: less task, more room to write (about 70 mm), rows 3 cm high.
BLANK_WIDTHS = (1000, 2500, 1200, 1150, 2994)
WRITING_ROW = 1701  # twips (3 cm): room to write by hand in the --blank form
FILLER = ("填报单位（盖章）：______________________________",
          "填报人：________________　　联系电话：________________")
NO_LEAD = "未明确"
COMMON = "共同落实工作"
NO_RETURNS = ("注意：总台账的“进展”表中没有 {quarter} 的任何报送，报告中全部任务都是“未报送”。"
              "请先用 toolkit collect 收集该季度的进展表，或确认季度是否写错。")
NO_TASKS = ("总台账的“重点工作”表中没有任务，无法生成季度进展报告。"
            "请确认选的是总台账，或先用 toolkit import 导入责任分解通知。")
BLANK_NOTE = ("本稿供以纸质方式报送的单位填写：请在“完成状态及进度”栏填写已完成、序时推进、滞后、未启动之一，"
              "在其下写明完成进度（0至100），并简要填写进展情况；滞后的任务请另附存在问题和下步打算。")


@dataclass
class TaskProgress:
    """A task's standing for the quarter, taken from its units' reports."""

    task: Task
    status: str = MISSING
    percent: float | None = None
    progress: str = ""
    reports: list[ProgressEntry] = field(default_factory=list)


@dataclass
class SummaryFigures:
    """The counts the summary prints, for the CLI line and the tests."""

    counts: dict[str, int]
    missing_units: list[str]
    lagging: list[str]
    path: str = ""
    # {light: count} over tasks and 民生实事 items (三色预警), empty for --blank.
    lights: dict[str, int] = field(default_factory=dict)
    # Reasons to doubt the summary (another year, no returns at all): the
    # command prints them and exits 1.
    warnings: list[str] = field(default_factory=list)


def task_progress(master: Master, quarter: str) -> list[TaskProgress]:
    """Return every task of `master` with its status for `quarter`.

    The lead unit's report stands for the task; without one, the most
    cautious report of the other units; without any report, 未报送.
    """
    reports: dict[str, list[ProgressEntry]] = {}
    for entry in master.progress:
        if entry.quarter == quarter and entry.status in CAUTION:
            reports.setdefault(entry.task_id, []).append(entry)
    out = []
    for task in master.notice.tasks:
        item = TaskProgress(task, reports=reports.get(task.id, []))
        leads = {master.canonical(n) for n in task.lead_units}
        chosen = [e for e in item.reports if master.canonical(e.unit) in leads] or item.reports
        if chosen:
            best = min(chosen, key=lambda e: CAUTION[e.status])
            item.status, item.percent, item.progress = best.status, best.percent, best.progress
        out.append(item)
    return out


def write_summary(master: Master, quarter: str, path: Path | str, blank: bool = False,
                  settings: Settings | None = None) -> SummaryFigures:
    """Write the summary of `quarter` to `path` (.docx); return its figures.

    `blank` writes the same tables with the progress columns empty, as a
    form for units that report on paper.  `settings` are the master's 设置
    (read from `master.path` when not given).  Raises ToolkitError when the
    master has no tasks (a summary of nothing helps no one), or when `path`
    is open in Word/WPS or cannot be written.
    """
    quarter = c.parse_quarter(quarter)
    if not master.notice.tasks:
        raise ToolkitError(NO_TASKS)
    every = task_progress(master, quarter)
    # Tasks given only to group phrases (各街镇…) have nobody to report
    # them: they are listed apart, never counted as 未报送.
    flags = [reportable(master, i.task) for i in every]
    items = [i for i, flag in zip(every, flags) if flag]
    common = [i for i, flag in zip(every, flags) if not flag]
    units = master.receiving_units()
    figures = _figures(master, quarter, items, units)
    figures.warnings = [w for w in (c.year_warning(master, quarter), "" if blank else _no_returns(master, quarter)) if w]
    doc = new_document()
    label = c.quarter_label(quarter)
    # Two title lines, the upper longer (梯形, GB/T 9704 7.3.1), never a
    # lone word wrapped onto the second line.
    add_title(doc, f"{label}政府工作报告\n重点工作进展情况" + ("（填报稿）" if blank else ""))
    add_blank(doc)
    groups = _by_leader(items)
    if blank:
        add_heading(doc, "一、填报说明")
        add_body(doc, BLANK_NOTE)
        for line in FILLER:
            add_paragraph(doc, line, "GW Plain")
        _leader_tables(doc, groups, master, blank=True)
    else:
        # Sections: 一 overview, 二 leaders, 三 lights, 四 lagging, 五
        # missing units, 六 tasks of group phrases (when there are any).
        _overview(doc, figures, len(items), len(units), label, len(common))
        _leader_tables(doc, groups, master, blank=False)
        figures.lights = add_lights(doc, master, quarter, numeral(3), settings).counts()
        _lagging(doc, [i for i in items if i.status == "滞后"], master, numeral(4))
        _missing(doc, figures.missing_units, numeral(5))
        _common(doc, common, master, numeral(6))
        _signature(doc, master)
    path = Path(path)
    save_atomic(path, lambda tmp: doc.save(str(tmp)))
    figures.path = str(path)
    return figures


def _figures(master: Master, quarter: str, items: list[TaskProgress], units: list[str]) -> SummaryFigures:
    """Return the counts of `items` and the `units` that sent nothing."""
    reported = {master.canonical(e.unit) for e in master.progress if e.quarter == quarter}
    return SummaryFigures(
        counts=_counts(items),
        missing_units=[u for u in units if u not in reported],
        lagging=[i.task.id for i in items if i.status == "滞后"],
    )


def _no_returns(master: Master, quarter: str) -> str:
    """Return a warning when 进展 holds nothing at all for `quarter`."""
    if any(e.quarter == quarter for e in master.progress):
        return ""
    return NO_RETURNS.format(quarter=quarter)


def _counts(items: list[TaskProgress]) -> dict[str, int]:
    return {s: sum(1 for i in items if i.status == s) for s in ORDER}


def _by_leader(items: list[TaskProgress]) -> dict[str, list[TaskProgress]]:
    groups: dict[str, list[TaskProgress]] = {}
    for item in items:
        groups.setdefault(item.task.leader, []).append(item)
    return groups


def _count_text(counts: dict[str, int]) -> str:
    return "，".join(f"{s}{counts.get(s, 0)}项" for s in ORDER)


def reportable(master: Master, task: Task) -> bool:
    """Return True if some unit receives a form for `task`; False for tasks
    given only to group phrases (区政府直属各单位，各街镇 共同落实)."""
    return any(not master.is_group(ref.name) for ref in master.canonical_units(task))


def _overview(doc, figures: SummaryFigures, total: int, units: int, label: str, common: int = 0) -> None:
    counts = figures.counts
    add_heading(doc, "一、总体情况")
    apart = f"另有{COMMON}{common}项由各单位共同落实，不单独报送（见第{numeral(6)}部分）。" if common else ""
    add_body(doc, f"纳入责任分解的重点工作共{total}项。截至{label}末，{_count_text(counts)}。"
                  f"应报送单位{units}个，已报送{units - len(figures.missing_units)}个。{apart}")
    rows = [(s, [(s, counts[s])], f"{counts[s]}项 {_share(counts[s], total)}") for s in ORDER]
    add_bar_chart(doc, rows, total, label_width=1300, value_width=1900, bar_width=TEXT_WIDTH - 3200)
    _caption(doc, "图1  重点工作完成状态（按任务数）", [])


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if total else "0.0%"


def _leader_tables(doc, groups: dict[str, list[TaskProgress]], master: Master, blank: bool) -> None:
    """Append section 二: the chart by leader, then one table per leader."""
    add_heading(doc, "二、分领导重点工作" if blank else "二、分领导进展情况")
    counts = {leader: _counts(items) for leader, items in groups.items()}
    if not blank:
        _leader_chart(doc, groups, counts)
    for n, (leader, items) in enumerate(groups.items(), start=1):
        who = f"{leader}同志牵头的重点工作" if leader else "其他重点工作"
        add_heading(doc, f"（{numeral(n)}）{who}", level=2)
        if not blank:
            add_body(doc, f"共{len(items)}项，{_count_text(counts[leader])}。")
        rows = [_row(i, master, blank) for i in items]
        # Rows never split: a row cut at a page break reads as two tasks.
        tbl = add_fast_table(doc, TABLE_HEADERS, rows, BLANK_WIDTHS if blank else TABLE_WIDTHS, centered=(0, 2, 3),
                             split=False)
        if blank:
            _writing_rows(tbl)


def _leader_chart(doc, groups: dict[str, list[TaskProgress]], counts: dict[str, dict[str, int]]) -> None:
    rows = [(leader or "其他", [(s, counts[leader][s]) for s in ORDER],
             f"已完成{counts[leader]['已完成']}/{len(items)}项") for leader, items in groups.items()]
    widest = max(len(items) for items in groups.values())
    add_bar_chart(doc, rows, widest, label_width=1300, value_width=1900, bar_width=TEXT_WIDTH - 3200)
    _caption(doc, "图2  分领导重点工作完成状态（按任务数）", legend(ORDER))


def _writing_rows(tbl) -> None:
    """Give every body row of `tbl` room to write by hand (--blank)."""
    for tr in tbl.findall(qn("w:tr"))[1:]:
        _oxml.min_row_height(tr, WRITING_ROW)


def lead_text(master: Master, task: Task) -> str:
    """Return the lead units of `task` as the clerk names them (aliases
    mapped, each once), or 未明确: a group phrase (各街镇) receives no form,
    so it cannot answer for a task as its lead."""
    names = [u.name for u in master.canonical_units(task) if u.lead and not u.is_group]
    return "、".join(names) or NO_LEAD


def _row(item: TaskProgress, master: Master, blank: bool) -> list[str]:
    task = item.task
    lead = lead_text(master, task)
    if blank:
        return [task.id, task.display_text, lead, "", ""]
    percent = "" if item.percent is None else f"\n{item.percent:g}%"
    return [task.id, task.display_text, lead, item.status + percent, item.progress]


def _lagging(doc, items: list[TaskProgress], master: Master, number: str) -> None:
    add_heading(doc, f"{number}、滞后任务及存在问题")
    if not items:
        add_body(doc, "本季度无滞后任务。")
        return
    lines = [f"本季度滞后任务共{len(items)}项："]
    for n, item in enumerate(items, start=1):
        task = item.task
        lead = lead_text(master, task)
        lines.append(f"{n}.【{task.id}】{task.display_text}（牵头领导：{task.leader or NO_LEAD}；牵头单位：{lead}）")
        leads = {master.canonical(n) for n in task.lead_units}
        for entry in sorted(item.reports, key=lambda e: master.canonical(e.unit) not in leads):
            line = problems_line(entry)
            if line:
                lines.append(f"{master.canonical(entry.unit)}：{line}")
    # Thousands of lines at city scale: parsed at once (see add_paragraphs).
    add_paragraphs(doc, ((line, "GW Body") for line in lines))


def problems_line(entry: ProgressEntry) -> str:
    """Return `存在问题：…；下步打算：…。` from what the unit wrote, each part
    without its own closing punctuation (no `。；` or `。。`); empty when
    the unit wrote neither."""
    parts = [f"{label}：{_clause(text)}" for label, text in (("存在问题", entry.problems), ("下步打算", entry.next_steps))
             if _clause(text)]
    return "；".join(parts) + "。" if parts else ""


def _clause(text: str) -> str:
    """Return `text` trimmed of spaces and closing punctuation."""
    return (text or "").strip().rstrip("。；;，,、.． \u3000")


def _missing(doc, units: list[str], number: str) -> None:
    add_heading(doc, f"{number}、未报送单位")
    if units:
        add_body(doc, f"截至汇总时，共{len(units)}个单位未报送：{'、'.join(units)}。")
    else:
        add_body(doc, "各责任单位均已报送。")


def _common(doc, items: list[TaskProgress], master: Master, number: str) -> None:
    """Append the section of the tasks given only to group phrases, with
    the units named as printed, so nobody reads them as unreported."""
    if not items:
        return
    add_heading(doc, f"{number}、{COMMON}")
    names = "、".join(dict.fromkeys(ref.name for i in items for ref in master.canonical_units(i.task)))
    ids = "、".join(item.task.id for item in items)
    add_body(doc, f"{ids}共{len(items)}项由{names}共同落实，未确定牵头单位，不单独报送进展。")


def _signature(doc, master: Master) -> None:
    """Append the 落款 (the notice's 落款 or 发文机关) and today's date."""
    signer = cover_context(master.notice)["signer"]
    if not signer:
        return
    today = date.today()
    # The 落款 never stands alone on a page (GB/T 9704 7.3.5.5).
    last = body_end(doc).getprevious()
    if last is not None and last.tag == qn("w:p"):
        _oxml.keep_with_next(last.get_or_add_pPr())
    _oxml.keep_with_next(add_blank(doc).find(qn("w:pPr")))
    for p in signature_paragraphs(signer, f"{today.year}年{today.month}月{today.day}日"):
        body_end(doc).addprevious(p)


def _caption(doc, text: str, runs: list[tuple[str, str | None]]) -> None:
    """Append a centred caption line, then the legend runs if any."""
    p = add_paragraph(doc, text, "GW Table Center")
    if runs:
        p = add_paragraph(doc, "", "GW Table Center")
        for chunk, colour in runs:
            run = _oxml.sub(p, "w:r")
            if colour:
                _oxml.sub(_oxml.sub(run, "w:rPr"), "w:color", val=colour)
            _oxml.sub(run, "w:t").text = chunk
    p.addnext(_oxml.paragraph("", style_id("GW Table Text")))
