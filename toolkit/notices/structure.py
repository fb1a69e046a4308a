"""Blocks (paragraphs and rows) into a Notice: parts, sections, tasks.

Every block is either consumed or reported as a Problem with its line, so
an import accounts for the whole input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import TEXT_LOST, LivelihoodItem, Notice, Problem, Section, Task, UnitRef
from ..units import RULE_NOTE, STARS, format_units, split_units
from . import headings as h
from .blocks import Item, Para, Row
from .items import item_blocks
from .cover import STANDALONE_TITLE, Cover
from .tables import (CATEGORIES, LIVELIHOOD, TASKS, Header, cell, leaders, parse_category_row, parse_header,
                     realign_merged)


ANNEX_TITLES_KEY = "附件标题"  # 发文信息: each annex's printed title, one per line


@dataclass
class Builder:
    """Walks the blocks in order, keeping the current part, section, table."""

    source: str
    first_leads: bool = False
    # {field: header} the clerk gave with --columns for unknown header words.
    columns: dict[str, str] = field(default_factory=dict)
    notice: Notice = field(default_factory=Notice)
    cover: Cover = field(default_factory=Cover)
    part: str = ""
    section: Section | None = None
    header: Header | None = None
    after_annex: bool = False
    annex_title_due: bool = False
    seen: set = field(default_factory=set)
    category1: str = ""
    category2: str = ""
    project: tuple[str, str] = ("", "")

    def build(self, blocks: list[Para | Row | Item]) -> Notice:
        """Return the notice held by `blocks`."""
        for block in blocks:
            if isinstance(block, Row):
                self.row(block)
            elif isinstance(block, Item):
                self.item(block)
            else:
                self.para(block)
        self.notice.meta = dict(self.cover.meta)
        self.notice.source = self.source
        _number_lost_items(self.notice)
        return self.notice

    # -- paragraphs -------------------------------------------------------

    def para(self, block: Para) -> None:
        text = block.text.strip()
        title_due, self.annex_title_due = self.annex_title_due, False
        if h.FURNITURE.match(text) or h.STAR_NOTE.match(text) or text == self.cover.meta.get("标题"):
            return
        if (match := h.PART.match(text)):
            self.part, self.section, self.header = match.group(1), None, None
            return
        if h.ANNEX.match(text):
            self.after_annex, self.header, self.section = True, None, None
            self.annex_title_due = True
            self.cover.in_tables = True
            return
        if title_due and not h.SECTION.match(text) and len(text) <= 60 and "。" not in text:
            # The annex's own title, right under 附件N: kept whole for the
            # generated notice (the 附件说明 may shorten it).
            titles = self.cover.meta.get(ANNEX_TITLES_KEY, "")
            self.cover.meta[ANNEX_TITLES_KEY] = "\n".join(filter(None, [titles, h.squeeze(text)]))
            return
        if h.SECTION.match(text) and (block.section or self._tables_may_start()):
            self.start_section(text)
            return
        if self.section is not None and not self.section.tasks and h.SECTION_NOTE.match(text):
            self.section.note = text
            return
        if self.cover.take(text):
            return
        if "标题" in self.cover.meta and STANDALONE_TITLE.match(h.squeeze(text)):
            return  # an annex's title where the page has no 附件N line (web pages)
        self.problem(block.line, text, "无法识别的段落")

    def _tables_may_start(self) -> bool:
        """Return False inside a cover letter's body, whose paragraphs may
        also start `一、`; after its date or signature, tables may start."""
        meta = self.cover.meta
        return self.after_annex or bool(self.part) or "主送" not in meta or "落款" in meta or "成文日期" in meta

    def start_section(self, heading: str) -> None:
        """Open the section `heading`; a heading seen before (the page
        printed twice) reopens the section read the first time."""
        for section in self.notice.sections:
            if (section.part, section.heading) == (self.part, heading) and heading:
                self.section = section
                break
        else:
            self.section = Section(heading=heading, leader=h.leader_of(heading), part=self.part)
            self.notice.sections.append(self.section)
        # The header stays: Word tables often carry the section headings as
        # merged rows under one header row.
        if self.header is not None and self.header.target_label:
            self.section.target_label = self.header.target_label
        self.cover.in_tables = True

    # -- rows -------------------------------------------------------------

    def row(self, block: Row) -> None:
        if not block.cells:
            return  # a table row with no cell at all (a damaged .docx): nothing to read
        self.annex_title_due = False
        header = parse_header(block.cells, self.columns)
        if header is not None:
            self.header = header
            self.cover.in_tables = True
            if header.kind == TASKS and self.section is not None and header.target_label:
                self.section.target_label = header.target_label
            return
        if self.header is None and h.FURNITURE.match(block.cells[0].strip()):
            return  # a web page's metadata table (`索引号 | … | 成文日期 | …`)
        if self.header is None:
            self.problem(block.line, "\t".join(block.cells), "表格行前没有表头（序号/重点工作/责任单位）")
        elif self.header.kind == TASKS:
            self.task_row(block)
        elif self.header.kind == LIVELIHOOD:
            self.livelihood_row(block)
        elif self.header.kind == CATEGORIES:
            self.category_row(block)

    def task_row(self, block: Row) -> None:
        cells, header = block.cells, self.header
        printed = cell(cells, header, "number")
        if "number" not in header.columns and cell(cells, header, "text"):
            # A clerk's table without 序号: rows are numbered as they come.
            printed = str(len(self.section.tasks) + 1 if self.section else 1)
        if not printed:
            self.continue_task(block)
            return
        number = task_number(printed)
        if number is None:
            self.problem(block.line, "\t".join(cells), f"序号「{printed}」无法识别")
            return
        if self.section is None:
            self.start_section("")
        units_cell, units = self.units_of(cells)
        task = Task(
            number=number, text=cell(cells, header, "text"), units_cell=units_cell, units=units,
            target=cell(cells, header, "target"), remark=cell(cells, header, "remark"),
            deadline=cell(cells, header, "deadline"), leader=leaders(cell(cells, header, "leader")),
            category1=cell(cells, header, "category") or self.category1,
            source=f"{self.source}:{block.line}",
            extra={name: cells[i].strip() for name, i in header.extra.items() if i < len(cells) and cells[i].strip()},
        )
        beyond = [c for c in cells[header.width:] if c.strip()]
        if beyond:
            self.problem(block.line, "\t".join(beyond), "表格行的单元格多于表头，多出的内容未导入")
        last = self.section.tasks[-1] if self.section.tasks else None
        if last is not None and last.number == number and last.text != task.text and not self._seen(task):
            # 序号 merged over two rows (rowspan / vMerge): one task split
            # by a page break, its number repeated into the second row.
            self.continue_task(block)
            return
        self.add_task(task)

    def units_of(self, cells: list[str]) -> tuple[str, list]:
        """Return (responsible-units cell, units) of a task row.  With separate
        牵头单位 and 配合单位 columns, the first column's units lead (all of
        them: `区甲局、区乙局` under 牵头单位 are co-leads)."""
        columns = self.header.columns
        if "lead" not in columns:
            units_cell = cell(cells, self.header, "units")
            return units_cell, split_units(units_cell, self.first_leads)
        lead_cell, support_cell = cell(cells, self.header, "lead"), cell(cells, self.header, "support")
        if "support" not in columns and any(star in lead_cell for star in STARS):
            return lead_cell, split_units(lead_cell)
        return lead_units(lead_cell, support_cell)

    def continue_task(self, block: Row) -> None:
        """A row without its own 序号 continues the previous task (a row
        split by a page break): every filled cell is appended to its own."""
        cells, header = block.cells, self.header
        last = self.section.tasks[-1] if self.section and self.section.tasks else None
        parts = {name: cell(cells, header, name) for name in ("text", "units", "target", "remark", "deadline")}
        if last is None or not any(parts.values()):
            self.problem(block.line, "\t".join(cells), "表格行没有序号，也无法并入上一行")
            return
        last.text += parts["text"]
        last.target = "".join(p for p in (last.target, parts["target"]) if p)
        last.remark = "".join(p for p in (last.remark, parts["remark"]) if p)
        last.deadline = "".join(p for p in (last.deadline, parts["deadline"]) if p)
        if parts["units"]:
            last.units_cell = "、".join(p for p in (last.units_cell, parts["units"]) if p)
            last.units = split_units(last.units_cell, self.first_leads)

    def add_task(self, task: Task) -> None:
        """Append `task`, unless it repeats one already read (page printed twice)."""
        if self._seen(task) and task.text:
            self.notice.duplicates += 1
            return
        self.seen.add(self._key(task))
        self.section.tasks.append(task)

    def _key(self, task: Task) -> tuple:
        return (self.part, self.section.heading, task.number, task.text, task.category2)

    def _seen(self, task: Task) -> bool:
        return self._key(task) in self.seen

    def item(self, block: Item) -> None:
        """Add a task printed as a numbered paragraph (items.py)."""
        self.cover.in_tables = True
        if self.section is None:
            self.start_section("")
        fields = block.fields
        units_cell, units = self.units_of_fields(fields)
        self.add_task(Task(
            number=block.number, text=block.text, units_cell=units_cell, units=units,
            target=fields.get("target", ""), deadline=fields.get("deadline", ""),
            leader=leaders(fields.get("leader", "")), category1=block.category1, category2=block.category2,
            source=f"{self.source}:{block.line}",
        ))

    def units_of_fields(self, fields: dict[str, str]) -> tuple[str, list]:
        """Return (units cell, units) of labelled units: 牵头单位 lead; 责任单位
        beside them supports, alone it follows the usual rules."""
        if "lead" not in fields:
            cell_ = "、".join(fields[k] for k in ("units", "support") if k in fields)
            return cell_, split_units(cell_, self.first_leads)
        return lead_units(fields["lead"], fields.get("units", ""), fields.get("support", ""))

    def livelihood_row(self, block: Row) -> None:
        cells, header = realign_merged(block.cells, self.header), self.header
        number, project = cell(cells, header, "number"), cell(cells, header, "project")
        content = cell(cells, header, "text")
        last = self.notice.livelihood[-1] if self.notice.livelihood else None
        if not content and last is not None and not (number or project):
            # The rest of a merged cell: a second deadline or unit of the item above.
            last.deadline = "；".join(p for p in (last.deadline, cell(cells, header, "deadline")) if p)
            last.units += [u.name for u in split_units(cell(cells, header, "units")) if u.name not in last.units]
            return
        if not content:
            self.problem(block.line, "\t".join(cells), "民生实事表格行缺少项目内容")
            return
        if not number and (numbered_project := re.match(r"^(\d{1,3})\s*[.、．]", project)):
            number = numbered_project.group(1)  # `1.城市人居环境提升项目` without a 序号 column
        # Merged 序号/项目名称 cells print once; carry them down.
        self.project = (number or self.project[0], project or self.project[1])
        key = ("民生", self.part, *self.project, content)
        if key in self.seen:
            self.notice.duplicates += 1
            return
        self.seen.add(key)
        self.notice.livelihood.append(LivelihoodItem(
            number=self.project[0], project=self.project[1], content=content,
            leader=leaders(cell(cells, header, "leader")),
            units=[u.name for u in split_units(cell(cells, header, "units"))],
            deadline=cell(cells, header, "deadline"), source=f"{self.source}:{block.line}",
        ))

    def category_row(self, block: Row) -> None:
        row = parse_category_row(block.cells)
        if row is None:
            self.problem(block.line, "\t".join(block.cells), "无法识别的表格行")
            return
        if row.category1:
            category = h.category_text(row.category1)
            if category != self.category1:
                self.category1, self.category2 = category, ""
                self.section_for_category(category)
        if row.category2:
            self.category2 = h.category_text(row.category2)
        if self.section is None:
            self.section_for_category("")
        task = Task(
            number=row.number, text=row.text, units_cell=row.units,
            units=split_units(row.units, self.first_leads), leader=row.leader,
            category1=self.category1, category2=self.category2,
            source=f"{self.source}:{block.line}",
        )
        if not row.number:
            task.flags.append(TEXT_LOST)
        self.add_task(task)

    def section_for_category(self, category: str) -> None:
        for section in self.notice.sections:
            if section.part == self.part and h.category_text(section.heading) == category:
                self.section = section
                return
        self.start_section(category)
        self.header = Header(CATEGORIES)

    def problem(self, line: int, text: str, reason: str) -> None:
        self.notice.problems.append(Problem(line, text, reason, self.source))


def lead_units(lead: str, *others: str) -> tuple[str, list[UnitRef]]:
    """Return (units cell, units) when the notice names the lead apart:
    every unit of `lead` leads (co-leads), the units of `others` not among
    them support."""
    units = [UnitRef(u.name, True) for u in split_units(lead)]
    leads = {u.name for u in units}
    for text in others:
        units += [UnitRef(u.name, False) for u in split_units(text) if u.name not in leads]
    return format_units(units), units


def task_number(printed: str) -> str | None:
    """Return the 序号 `printed` as plain digits (`2.`, `３`, `(2)` -> `2`),
    None when it is not a number."""
    match = re.fullmatch(r"[(（]?\s*(\d{1,3})\s*[)）.．、]?", unicodedata.normalize("NFKC", printed).strip())
    return match.group(1) if match else None


def _number_lost_items(notice: Notice) -> None:
    """Number items whose text was lost from the gap they fill: rows lost
    between (80) and (90) are (81)…(89) when exactly nine were lost."""
    tasks = notice.tasks
    for i, task in enumerate(tasks):
        if task.number:
            continue
        prev = next((int(t.number) for t in reversed(tasks[:i]) if t.number.isdigit()), 0)
        task.number = str(prev + 1)


# "排在第一位的为牵头单位", "列第一位的责任单位为牵头单位", "首位单位为牵头单位",
# "第一个为牵头单位", "列第一位者为牵头或汇总单位".
FIRST_LEADS_RULE = re.compile(r"(第一位|首位|第一个|第一家|排名第一)[^。；;，,]{0,10}?为?牵头")


def stated_rule(blocks: list[Para | Row]) -> str:
    """Return the sentence where the notice says its first-listed unit
    leads, '' when it says nothing of the kind."""
    for block in blocks:
        texts = [block.text] if isinstance(block, Para) else block.cells
        for text in texts:
            if FIRST_LEADS_RULE.search(text):
                note = RULE_NOTE.search(text)
                if note:
                    return note.group(0)[1:-1]
                return next(s for s in re.split(r"[。；;]", text) if FIRST_LEADS_RULE.search(s)).strip()
    return ""


def build_notice(blocks: list[Para | Row], source: str, first_leads: bool = False,
                 columns: dict[str, str] | None = None) -> Notice:
    """Return the notice held by `blocks`, read from the file `source`.

    A notice that states the first-listed unit leads gets that rule applied
    (recorded in `notice.first_leads_rule`), as `first_leads` would."""
    rule = stated_rule(blocks)
    builder = Builder(source=source, first_leads=first_leads or bool(rule), columns=columns or {})
    notice = builder.build(item_blocks(blocks))
    notice.first_leads_rule = rule
    return notice
