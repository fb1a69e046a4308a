"""The domain model every reader produces and every writer consumes.

A notice holds parts (区本级 / 高新区…), each part holds sections (one per
leader, usually), each section holds tasks, each task names its responsible
units.  Readers never know about writers: they meet only here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Flag put on a task whose text was lost in the source (PDF extraction).
TEXT_LOST = "原文缺失"
# Shown to units in place of a lost task text.
LOST_TEXT_NOTE = "（原文缺失，请以通知原件为准）"
# Flag put on rows of a draft decomposition, not yet confirmed by a clerk.
DRAFT = "草稿"

STATUSES = ("已完成", "序时推进", "滞后", "未启动")


@dataclass
class UnitRef:
    """One responsible unit of a task, as named in the notice."""

    name: str
    lead: bool = False

    @property
    def is_group(self) -> bool:
        """Return True for group phrases (各街镇…) that receive no letter."""
        return _is_group(self.name)


@dataclass
class Task:
    """One printed task row of a 责任分解 table."""

    number: str
    text: str
    units: list[UnitRef] = field(default_factory=list)
    units_cell: str = ""
    target: str = ""
    remark: str = ""
    # 完成时限 as printed (`2023年6月底前`, `持续推进`); '' when the notice has none.
    deadline: str = ""
    category1: str = ""
    category2: str = ""
    leader: str = ""
    source: str = ""
    flags: list[str] = field(default_factory=list)
    id: str = ""
    # Extra 重点工作 columns (header → text) beyond the contract's, e.g. a
    # draft's 建议责任单位; read back and written again as the clerk left them.
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def lead_units(self) -> list[str]:
        """Return the names of the lead units (牵头单位)."""
        return [u.name for u in self.units if u.lead]

    @property
    def support_units(self) -> list[str]:
        """Return the other responsible units (配合单位)."""
        return [u.name for u in self.units if not u.lead]

    @property
    def display_text(self) -> str:
        """Return the text to show a unit: the task text, or a pointer to the
        printed notice when the source lost it (the notice table itself keeps
        the empty text, so it reads back as it was)."""
        if not self.text and TEXT_LOST in self.flags:
            return LOST_TEXT_NOTE
        return self.text


@dataclass
class Section:
    """A titled block of tasks, e.g. `二、林杰常委、常务副区长牵头重点工作`."""

    heading: str
    leader: str = ""
    part: str = ""
    target_label: str = ""
    tasks: list[Task] = field(default_factory=list)
    # Printed under a heading with no table, e.g. `总负责。`
    note: str = ""


@dataclass
class LivelihoodItem:
    """One content line of the 民生实事 table (序号/项目名称 carried down)."""

    number: str
    project: str
    content: str
    leader: str = ""
    units: list[str] = field(default_factory=list)
    source: str = ""
    id: str = ""
    deadline: str = ""


@dataclass
class Problem:
    """An input line the reader did not understand."""

    line: int
    text: str
    reason: str
    source: str = ""

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.source else f"第{self.line}行"
        return f"{where} {self.reason}：{self.text[:60]}"


@dataclass
class Notice:
    """A whole 责任分解 notice: cover letter fields, sections, 民生实事."""

    source: str = ""
    sections: list[Section] = field(default_factory=list)
    livelihood: list[LivelihoodItem] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    format: str = ""
    encoding: str = ""
    # Rows skipped because the source printed them twice (a web page
    # scraped with its print version).
    duplicates: int = 0
    # Where the notice says its first-listed unit leads ('' when it does
    # not): the import applied that rule to every task without a star.
    first_leads_rule: str = ""

    @property
    def tasks(self) -> list[Task]:
        """Return every task of every section, in printed order."""
        return [t for s in self.sections for t in s.tasks]

    @property
    def parts(self) -> list[str]:
        """Return the distinct parts in printed order ('' when there is one)."""
        seen: dict[str, None] = {}
        for s in self.sections:
            seen.setdefault(s.part, None)
        return list(seen)


@dataclass
class ProgressEntry:
    """One progress report: a unit's status on a task for a quarter."""

    task_id: str
    quarter: str
    unit: str
    status: str = ""
    percent: float | None = None
    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    collected_at: str = ""
    source_file: str = ""
    # 申请延期 (是 or ''), its reason and the date asked for; 佐证材料 are the
    # file names of the evidence sent with the return.
    extension: str = ""
    extension_reason: str = ""
    extension_date: str = ""
    evidence: str = ""


@dataclass
class UnitInfo:
    """A row of the 单位 sheet: the clerk's name for a unit and its aliases."""

    name: str
    aliases: list[str] = field(default_factory=list)
    lead_count: int = 0
    support_count: int = 0
    suggested: list[str] = field(default_factory=list)
    # Whether it receives no letter or form: set from the 类型 the clerk left
    # in the 单位 sheet; None means judge by the name (各街镇…).
    is_group: bool | None = None


@dataclass
class Master:
    """Everything a master workbook (总台账) holds, read back into the model.

    `units` is the 单位 sheet as the clerk left it; use `canonical()` to map
    any spelling seen in a task to the name the clerk chose.
    """

    notice: Notice
    units: list[UnitInfo] = field(default_factory=list)
    progress: list[ProgressEntry] = field(default_factory=list)
    path: str = ""

    def canonical(self, name: str) -> str:
        """Return the clerk's name for `name`, honouring the 别名 column."""
        return self._alias_map().get(name, name)

    def _alias_map(self) -> dict[str, str]:
        cached = getattr(self, "_aliases", None)
        if cached is None:
            cached = {}
            for unit in self.units:
                for alias in unit.aliases:
                    cached[alias] = unit.name
            self._aliases = cached
        return cached

    def is_group(self, name: str) -> bool:
        """Return True when `name` receives no letter or form: a group phrase
        (各街镇…), unless the clerk set its 类型 in the 单位 sheet."""
        name = self.canonical(name)
        kinds = getattr(self, "_kinds", None)
        if kinds is None:
            kinds = self._kinds = {u.name: u.is_group for u in self.units if u.is_group is not None}
        return kinds[name] if name in kinds else _is_group(name)

    def canonical_units(self, task: Task) -> list[UnitRef]:
        """Return `task`'s units under the clerk's names: aliases mapped, a
        unit named twice listed once, a lead anywhere making it lead.  Group
        phrases are kept, as printed."""
        merged: dict[str, UnitRef] = {}
        aliases = self._alias_map()  # looked up once: called for every task, often per unit
        for ref in task.units:
            name = aliases.get(ref.name, ref.name)
            if name in merged:
                merged[name].lead = merged[name].lead or ref.lead
            else:
                merged[name] = UnitRef(name, ref.lead)
        return list(merged.values())

    def receiving_units(self) -> list[str]:
        """Return the canonical units that receive letters and forms, in
        order of first appearance; group phrases (各街镇…) are left out."""
        return [name for name in self._unit_names() if not self.is_group(name)]

    def group_phrases(self) -> list[str]:
        """Return the group phrases (各街镇…) named in tasks, in order."""
        return [name for name in self._unit_names() if self.is_group(name)]

    def _unit_names(self) -> list[str]:
        seen: dict[str, None] = {}
        for task in self.notice.tasks:
            for ref in task.units:
                seen.setdefault(self.canonical(ref.name), None)
        return list(seen)

    def tasks_by_unit(self) -> dict[str, tuple[list[Task], list[Task]]]:
        """Return {canonical unit: (tasks it leads, tasks it supports)}.

        One pass over all tasks, so generating letters or forms for hundreds
        of units stays linear.  Group phrases are left out.
        """
        index: dict[str, tuple[list[Task], list[Task]]] = {}
        for task in self.notice.tasks:
            for ref in self.canonical_units(task):
                if not self.is_group(ref.name):
                    leads, supports = index.setdefault(ref.name, ([], []))
                    (leads if ref.lead else supports).append(task)
        return index

    def livelihood_by_unit(self) -> dict[str, list[LivelihoodItem]]:
        """Return {canonical unit: 民生实事 items it leads}, units in order of
        first appearance, items in printed order.  Group phrases are left out.
        One pass over the items, like `tasks_by_unit()`."""
        index: dict[str, list[LivelihoodItem]] = {}
        for item in self.notice.livelihood:
            for name in self.item_units(item):
                if not self.is_group(name):
                    index.setdefault(name, []).append(item)
        return index

    def item_units(self, item: LivelihoodItem) -> list[str]:
        """Return the 牵头单位 of 民生实事 `item` under the clerk's names, each once."""
        return list(dict.fromkeys(self.canonical(name) for name in item.units if name))

    def letter_units(self, livelihood: dict[str, list[LivelihoodItem]] | None = None) -> list[str]:
        """Return the units that receive a letter and a form: `receiving_units()`
        (named in 重点工作 tasks), then the units named only as 牵头单位 of
        民生实事 items, in order of first appearance.  `livelihood` is
        `livelihood_by_unit()` when the caller already has it."""
        units = self.receiving_units()
        known = set(units)
        extra = self.livelihood_by_unit() if livelihood is None else livelihood
        return units + [name for name in extra if name not in known]


def _is_group(name: str) -> bool:
    from .units import is_group_phrase

    return is_group_phrase(name)
