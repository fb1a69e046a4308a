"""三色预警: each task and 民生实事 item judged against 序时进度 for a quarter.

Pure: takes the master (its 进展 entries) and the office's settings, returns
lights and counts; the summary, the reminders and the bulletin all read the
same judgement, so a task is never green in one document and red in another.

Rules (thresholds from the 设置 sheet):
- 已完成 is green;
- not done and its 完成时限 reached by the quarter's end: red (逾期);
- otherwise the points behind 序时进度 (expected minus 完成进度) decide:
  at least `yellow` is yellow, more than `red` is red, else green.  A task
  whose quarter target (一季度目标…四季度目标) states a progress percent
  (`40%`, `完成进度40%`) is judged against that target instead.
  A report without a percent counts 未启动 as 0 and 序时推进 as on time;
  a unit saying 滞后 is never lit green.
A task whose responsible units are only group phrases (各街镇) has no one to
report, so it is kept apart (无责任单位) rather than counted as 未报送.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from ..model import LivelihoodItem, Master, ProgressEntry, Task
from .settings import Settings

GREEN, YELLOW, RED = "绿灯", "黄灯", "红灯"
UNREPORTED, NO_UNIT = "未报送", "无责任单位"
LIGHTS = (GREEN, YELLOW, RED)
ALL = LIGHTS + (UNREPORTED, NO_UNIT)
KIND_TASK, KIND_LIVELIHOOD = "重点工作", "民生实事"
SCHEDULE, GOAL = "序时进度", "季度目标"
QUARTER_TARGETS = ("一季度目标", "二季度目标", "三季度目标", "四季度目标")
# The most cautious report stands for a task no lead unit reported on.
CAUTION = {"滞后": 0, "未启动": 1, "序时推进": 2, "已完成": 3}


@dataclass
class Judged:
    """One task or 民生实事 item lit for a quarter (from one report)."""

    id: str
    kind: str
    text: str
    leader: str
    leads: list[str]
    units: list[str]
    light: str
    expected: float
    status: str = ""
    percent: float | None = None
    behind: float | None = None
    deadline: str = ""
    overdue: bool = False
    reason: str = ""
    entry: ProgressEntry | None = None
    # What `expected` is: 序时进度, or 季度目标 when the task's quarter target set it.
    basis: str = SCHEDULE


@dataclass
class Lights:
    """A quarter's judgement: every task and item, and each unit's view."""

    quarter: str
    expected: float
    tasks: list[Judged] = field(default_factory=list)
    items: list[Judged] = field(default_factory=list)
    # {unit: its rows, each lit from that unit's own report}
    by_unit: dict[str, list[Judged]] = field(default_factory=dict)
    reported: set[str] = field(default_factory=set)

    @property
    def all(self) -> list[Judged]:
        return self.tasks + self.items

    def counts(self, rows: list[Judged] | None = None) -> dict[str, int]:
        """Return {light: count} over `rows` (default: tasks and items)."""
        found = Counter(j.light for j in (self.all if rows is None else rows))
        return {light: found.get(light, 0) for light in ALL}

    def by_leader(self) -> dict[str, dict[str, int]]:
        """Return {leader: light counts} over tasks and items, in order."""
        groups: dict[str, list[Judged]] = {}
        for judged in self.all:
            groups.setdefault(judged.leader, []).append(judged)
        return {leader: self.counts(rows) for leader, rows in groups.items()}

    def unit_counts(self) -> dict[str, dict[str, int]]:
        """Return {unit: light counts of its own rows}."""
        return {unit: self.counts(rows) for unit, rows in self.by_unit.items()}


def judge_quarter(master: Master, settings: Settings, quarter: str, units: bool = True) -> Lights:
    """Return the lights of every task and 民生实事 item of `master` for
    `quarter`, and of every receiving unit's own rows (left out when
    `units` is False: counts of an earlier quarter need only the tasks)."""
    expected = settings.expected(quarter)
    end = quarter_end(quarter)
    reports: dict[str, list[ProgressEntry]] = {}
    for entry in master.progress:
        if entry.quarter == quarter and entry.status in CAUTION:
            unit = master.canonical(entry.unit)
            if unit != entry.unit:
                # A copy under the clerk's name; most units are named so
                # already (dataclasses.replace per entry was 5,000 copies).
                entry = replace(entry, unit=unit)
            reports.setdefault(entry.task_id, []).append(entry)
    lights = Lights(quarter, expected, reported={e.unit for rows in reports.values() for e in rows})
    for subject in _subjects(master, quarter):
        _schedule(subject, expected, end)
        own = reports.get(subject.id, [])
        judged = _judge(subject, _representative(own, subject.leads), settings)
        (lights.tasks if subject.kind == KIND_TASK else lights.items).append(judged)
        if not units:
            continue
        mine = {e.unit: e for e in own}
        for unit in subject.units:
            entry = mine.get(unit)
            lights.by_unit.setdefault(unit, []).append(_judge(subject, entry, settings, unit=True))
    return lights


@dataclass
class _Subject:
    """What is judged: a task or an item, with its receiving units."""

    id: str
    kind: str
    text: str
    leader: str
    leads: list[str]
    units: list[str]
    deadline: str
    target: str
    # This quarter's target as a percent when it states one (goal_percent).
    goal: float | None = None
    # Set by _schedule, once per subject (not per unit: 24,000 judgements
    # of a 3,000-task master parsed the same 完成时限 again each time).
    expected: float = 0.0
    basis: str = SCHEDULE
    due: bool = False


def _schedule(subject: _Subject, expected: float, end: date) -> None:
    """Set what `subject` is judged against: 序时进度 stretched to its
    完成时限, or its quarter target; and whether it is due by `end`."""
    deadline = parse_deadline(subject.deadline, end.year)
    subject.expected, subject.basis = expected_for(expected, deadline, end.year), SCHEDULE
    if subject.goal is not None:
        subject.expected, subject.basis = subject.goal, GOAL
    subject.due = deadline is not None and deadline <= end


def _subjects(master: Master, quarter: str) -> list[_Subject]:
    out = []
    for task in master.notice.tasks:
        refs = [r for r in master.canonical_units(task) if not master.is_group(r.name)]
        out.append(_Subject(task.id, KIND_TASK, task.display_text, task.leader,
                            [r.name for r in refs if r.lead], [r.name for r in refs],
                            task_deadline(task), task.target, goal_percent(quarter_target(task, quarter))))
    for item in master.notice.livelihood:
        names = [n for n in dict.fromkeys(master.canonical(u) for u in item.units if u) if not master.is_group(n)]
        out.append(_Subject(item.id, KIND_LIVELIHOOD, _item_text(item), item.leader, names, names,
                            "", ""))
    return out


def _item_text(item: LivelihoodItem) -> str:
    return f"{item.project}：{item.content}" if item.project else item.content


def task_deadline(task: Task) -> str:
    """Return the task's 完成时限 as written."""
    return task.deadline


def quarter_target(task: Task, quarter: str) -> str:
    """Return this quarter's target of `task` from an optional 一季度目标…
    四季度目标 column, or ''."""
    return task.extra.get(QUARTER_TARGETS[int(quarter[-1]) - 1], "")


_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*[%％]")


def goal_percent(target: str) -> float | None:
    """Return the progress percent a quarter target states, or None.

    `40%` alone, or a single percent in a target speaking of 进度 or 完成
    (`完成进度40%`, `完成年度任务的40%`), is the progress expected by the
    quarter's end.  A target without one (`完成前期手续`), or with several
    or other percents (`收入增长6%`), cannot be compared with 完成进度 and
    leaves the task on 序时进度."""
    text = unicodedata.normalize("NFKC", target or "").strip()
    found = _PERCENT.findall(text)
    if len(found) != 1 or not (_PERCENT.fullmatch(text) or "进度" in text or "完成" in text):
        return None
    value = float(found[0])
    return value if 0 <= value <= 100 else None


def _representative(entries: list[ProgressEntry], leads: list[str]) -> ProgressEntry | None:
    """Return the report that stands for a task: its lead unit's, else the
    most cautious of the others', else None."""
    chosen = [e for e in entries if e.unit in leads] or entries
    return min(chosen, key=lambda e: CAUTION[e.status]) if chosen else None


def _judge(subject: _Subject, entry: ProgressEntry | None, settings: Settings, unit: bool = False) -> Judged:
    judged = Judged(subject.id, subject.kind, subject.text, subject.leader, subject.leads, subject.units,
                    UNREPORTED, subject.expected, deadline=subject.deadline, entry=entry, basis=subject.basis)
    if not subject.units and not unit:
        judged.light = NO_UNIT
        return judged
    if entry is None:
        return judged
    judged.status, judged.percent = entry.status, entry.percent
    judged.light, judged.behind, judged.overdue, judged.reason = light_of(
        entry.status, entry.percent, subject.expected, settings, subject.due, subject.deadline, subject.basis)
    return judged


def light_of(status: str, percent: float | None, expected: float, settings: Settings,
             due: bool, deadline: str = "", basis: str = SCHEDULE) -> tuple[str, float | None, bool, str]:
    """Return (light, points behind, overdue, reason) of one report;
    `basis` names what `expected` is (序时进度 or 季度目标)."""
    if status == "已完成":
        return GREEN, 0.0, False, ""
    if due:
        return RED, None, True, f"已到完成时限（{deadline}）尚未完成"
    if percent is None:
        percent = 0.0 if status == "未启动" else expected
    behind = round(max(0.0, expected - percent), 1)
    light = RED if behind > settings.red else YELLOW if behind >= settings.yellow else GREEN
    if status == "滞后" and light == GREEN:
        light = YELLOW
    reason = f"落后{basis}{behind:g}个百分点" if behind else ("单位自报滞后" if light != GREEN else "")
    return light, behind, False, reason


def expected_for(expected: float, deadline: date | None, year: int) -> float:
    """Return 序时进度 of a task due at `deadline`: the year's figure
    stretched to the months up to the deadline (a task due in June is at
    50 % after the first quarter), never above 100."""
    if deadline is None or deadline.year != year or deadline.month == 12:
        return expected
    return round(min(100.0, expected * 12 / deadline.month), 1)


def quarter_end(quarter: str) -> date:
    """Return the last day of `quarter` (`2023Q1` -> 2023-03-31)."""
    year, month = int(quarter[:4]), 3 * int(quarter[-1])
    return date(year, month, calendar.monthrange(year, month)[1])


_DATE = re.compile(r"(?:(\d{4})\s*[年\-./])?\s*(\d{1,2})\s*(?:月|[\-./])\s*(?:(\d{1,2})\s*日?)?")
_SEASON = {"一季度": 3, "二季度": 6, "上半年": 6, "三季度": 9, "四季度": 12, "下半年": 12, "年底": 12, "年内": 12,
           "年末": 12, "全年": 12}


def parse_deadline(text: str, year: int) -> date | None:
    """Return the date a 完成时限 means, or None when it names none
    (`长期坚持`, `持续推进`).  `6月底`, `2023年6月`, `上半年`, `年底前`,
    `2023-06-30`, `三季度` are understood; a month alone means its last
    day; a text without a year is in `year`."""
    text = (text or "").strip()
    if not text:
        return None
    found_year = re.search(r"(\d{4})\s*年", text) or re.match(r"(\d{4})[\-./]", text)
    y = int(found_year.group(1)) if found_year else year
    rest = text[found_year.end():] if found_year else text
    match = _DATE.search(rest) if re.search(r"\d", rest) else None
    if match and match.group(2):
        month = int(match.group(2))
        if 1 <= month <= 12:
            last = calendar.monthrange(y, month)[1]
            day = int(match.group(3)) if match.group(3) else last
            return date(y, month, min(max(day, 1), last))
    for word, month in _SEASON.items():
        if word in text:
            return date(y, month, calendar.monthrange(y, month)[1])
    return None
