"""Conversion between model objects and master-workbook rows (dicts keyed
by header), shared by the writer, the reader and the merge."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..model import LivelihoodItem, Master, Notice, ProgressEntry, Section, Task, UnitInfo, UnitRef
from ..notices.headings import SECTION, leader_of, numeral_value
from ..units import is_group_phrase, propose_aliases
from . import layout
from .carriers import task_units

JOIN = "、"


def _split(value: str) -> list[str]:
    return [v for v in (value or "").split(JOIN) if v]


def task_row(task: Task, section: Section) -> dict[str, str]:
    """Return the 重点工作 row of `task`, its extra columns included."""
    return {
        **task.extra,
        "编号": task.id,
        "部分": section.part,
        "分组": section.heading,
        "牵头领导": task.leader or section.leader,
        "一级类别": task.category1,
        "二级类别": task.category2,
        "序号": task.number,
        "重点工作": task.text,
        "量化任务": task.target,
        "完成时限": task.deadline,
        "牵头单位": JOIN.join(task.lead_units),
        "配合单位": JOIN.join(task.support_units),
        "责任单位": task.units_cell,
        "备注": task.remark,
        "来源": task.source,
        "标记": JOIN.join(task.flags),
    }


# A set for the per-cell test of row_task (3,000 rows of ~17 cells).
_KNOWN_TASK_HEADERS = frozenset((*layout.TASK_HEADERS, layout.ROW))


def row_task(row: dict[str, str], record: dict[str, str] | None = None, file_name: str = "") -> Task:
    """Return the task of a 重点工作 row.

    Its units follow the contract's rule (carriers.task_units): the column
    the clerk edited since `record` (台账底稿) wins; a contradiction that
    cannot be settled raises WorkbookError naming the row.
    """
    cell = row.get("责任单位", "")
    return Task(
        id=row.get("编号", ""),
        number=row.get("序号", ""),
        text=row.get("重点工作", ""),
        units=task_units(row, record, file_name),
        units_cell=cell,
        target=row.get("量化任务", ""),
        remark=row.get("备注", ""),
        deadline=row.get("完成时限", ""),
        category1=row.get("一级类别", ""),
        category2=row.get("二级类别", ""),
        leader=row.get("牵头领导", ""),
        source=row.get("来源", ""),
        flags=_split(row.get("标记", "")),
        extra={h: v for h, v in row.items() if v and h not in _KNOWN_TASK_HEADERS},
    )


def sections_from_rows(rows: list[dict[str, str]], written: dict | None = None,
                       file_name: str = "") -> list[Section]:
    """Return the sections of 重点工作 rows in the notice's order.

    Clerks sort and filter the sheet; sections are grouped by (部分, 分组)
    and put in the order the toolkit wrote them (台账底稿's 次序, else the
    来源 line), tasks by 序号 within their section, so documents never
    follow the sheet's row order.
    """
    written = written or {}
    records = [written.get((layout.TASKS, row.get("编号", ""))) for row in rows]
    places = notice_places(rows, records)
    sections: dict[tuple[str, str], Section] = {}
    first: dict[tuple[str, str], tuple] = {}
    members: dict[tuple[str, str], list[tuple[tuple, Task]]] = {}
    for row, record, place in zip(rows, records, places):
        key = (row.get("部分", ""), row.get("分组", ""))
        section = sections.get(key)
        if section is None:
            section = sections[key] = Section(heading=key[1], part=key[0], leader=row.get("牵头领导", ""))
            first[key], members[key] = place, []
        elif section.leader != row.get("牵头领导", ""):
            section.leader = ""
        first[key] = min(first[key], place)
        members[key].append((place, row_task(row, record, file_name)))
    for key, section in sections.items():
        section.tasks = _by_number(members[key])
    return [sections[key] for key in sorted(sections, key=lambda k: first[k])]


def notice_places(rows: list[dict[str, str]], records: list[dict | None]) -> list[tuple]:
    """Return each row's place in the notice: its 台账底稿 次序, else the
    line of its 来源 (files ranked by first appearance), else its row."""
    files: dict[str, int] = {}
    places = []
    for index, (row, record) in enumerate(zip(rows, records)):
        if record is not None and record.get("次序", "").isdigit():
            places.append((0, int(record["次序"]), 0, index))
            continue
        source, _, line = row.get("来源", "").rpartition(":")
        if source and line.isdigit():
            places.append((1, files.setdefault(source, len(files)), int(line), index))
        else:
            places.append((2, 0, 0, index))
    return places


def _by_number(members: list[tuple[tuple, Task]]) -> list[Task]:
    """Return a section's tasks by 序号 when all are distinct numbers, else
    by their place in the notice."""
    numbers = [task.number for _, task in members]
    if all(n.isdigit() for n in numbers) and len(set(numbers)) == len(numbers):
        members = sorted(members, key=lambda m: (int(m[1].number), m[0]))
    else:
        members = sorted(members, key=lambda m: m[0])
    return [task for _, task in members]


def livelihood_row(item: LivelihoodItem) -> dict[str, str]:
    """Return the 民生实事 row of `item`."""
    return {
        "编号": item.id, "序号": item.number, "项目名称": item.project,
        "项目内容": item.content, "牵头领导": item.leader,
        "牵头单位": JOIN.join(item.units), "完成时限": item.deadline, "来源": item.source,
    }


def row_livelihood(row: dict[str, str]) -> LivelihoodItem:
    """Return the 民生实事 item of a row."""
    return LivelihoodItem(
        id=row.get("编号", ""), number=row.get("序号", ""), project=row.get("项目名称", ""),
        content=row.get("项目内容", ""), leader=row.get("牵头领导", ""),
        units=_split(row.get("牵头单位", "")), source=row.get("来源", ""),
        deadline=row.get("完成时限", ""),
    )


def progress_row(entry: ProgressEntry) -> dict[str, object]:
    """Return the 进展 row of `entry`."""
    return {
        "编号": entry.task_id, "季度": entry.quarter, "填报单位": entry.unit,
        "完成状态": entry.status, "完成进度": entry.percent, "进展情况": entry.progress,
        "存在问题": entry.problems, "下步打算": entry.next_steps,
        "填报时间": entry.collected_at, "来源文件": entry.source_file,
        "申请延期": entry.extension, "延期原因": entry.extension_reason,
        "申请完成时间": entry.extension_date, "佐证材料": entry.evidence,
    }


def row_progress(row: dict[str, str]) -> ProgressEntry:
    """Return the progress entry of a 进展 row."""
    percent = row.get("完成进度", "")
    try:
        value = float(percent) if percent not in ("", None) else None
    except ValueError:
        value = None
    return ProgressEntry(
        task_id=row.get("编号", ""), quarter=row.get("季度", ""), unit=row.get("填报单位", ""),
        status=row.get("完成状态", ""), percent=value, progress=row.get("进展情况", ""),
        problems=row.get("存在问题", ""), next_steps=row.get("下步打算", ""),
        collected_at=row.get("填报时间", ""), source_file=row.get("来源文件", ""),
        extension=row.get("申请延期", ""), extension_reason=row.get("延期原因", ""),
        extension_date=row.get("申请完成时间", ""), evidence=row.get("佐证材料", ""),
    )


def unit_rows(notice: Notice, known: list[UnitInfo] | None = None) -> list[UnitInfo]:
    """Return the 单位 sheet for `notice`: every unit, its counts, proposals.

    `known` is the sheet as the clerk left it; their names and aliases are
    kept, counts are recomputed, and aliases are counted under the name.
    """
    known = known or []
    alias_of = {a: u.name for u in known for a in u.aliases}
    lead, support, seen = Counter(), Counter(), Counter()
    for task in notice.tasks:
        for ref in task.units:
            name = alias_of.get(ref.name, ref.name)
            seen[ref.name] += 1
            (lead if ref.lead else support)[name] += 1
    infos = {u.name: UnitInfo(u.name, list(u.aliases), is_group=is_group_phrase(u.name) if u.is_group is None else u.is_group)
             for u in known}
    for name in seen:
        target = alias_of.get(name, name)
        infos.setdefault(target, UnitInfo(target, is_group=is_group_phrase(target)))
    confirmed = {a for u in known for a in u.aliases}
    for name, others in propose_aliases(seen).items():
        if name in infos:
            infos[name].suggested = [o for o in others if o not in confirmed and o != name]
    for info in infos.values():
        info.lead_count, info.support_count = lead[info.name], support[info.name]
    return list(infos.values())


def unit_row(info: UnitInfo) -> dict[str, object]:
    """Return the 单位 row of `info`."""
    return {
        "单位名称": info.name, "别名": JOIN.join(info.aliases),
        "牵头任务数": info.lead_count, "配合任务数": info.support_count,
        "类型": layout.UNIT_KIND_GROUP if info.is_group else layout.UNIT_KIND_UNIT,
        "建议别名": JOIN.join(info.suggested),
    }


def row_unit(row: dict[str, str]) -> UnitInfo:
    """Return the UnitInfo of a 单位 row as the clerk left it."""
    name = row.get("单位名称", "")
    return UnitInfo(
        name=name, aliases=[a for a in _split(row.get("别名", "")) if a != name],
        suggested=_split(row.get("建议别名", "")), is_group=_kind(row.get("类型", ""), name),
    )


def _kind(value: str, name: str) -> bool:
    """Return whether the 类型 a clerk left says group phrase; empty or
    unknown means: judge by the name."""
    if value.startswith("统称"):
        return True
    if value == layout.UNIT_KIND_UNIT:
        return False
    return is_group_phrase(name)


def master_from_rows(sheets: dict[str, list[dict[str, str]]], meta: dict[str, str], path: str,
                     written: dict | None = None) -> Master:
    """Return the Master held by the rows of each sheet; `written` is the
    台账底稿 record (what the toolkit last wrote), when the master has one."""
    notice = Notice(source=path, meta=meta, format="master")
    notice.sections = sections_from_rows(sheets.get(layout.TASKS, []), written, Path(path).name)
    restore_notes(notice.sections, meta.get(layout.SECTION_NOTES_KEY, ""))
    labels = parse_target_labels(meta.get(layout.TARGET_LABELS_KEY, ""))
    for section in notice.sections:
        section.target_label = labels.get(section.part, "")
    items = sheets.get(layout.LIVELIHOOD, [])
    places = notice_places(items, [(written or {}).get((layout.LIVELIHOOD, r.get("编号", ""))) for r in items])
    notice.livelihood = [row_livelihood(r) for _, r in sorted(zip(places, items), key=lambda pair: pair[0])]
    units = [row_unit(r) for r in sheets.get(layout.UNITS, []) if r.get("单位名称")]
    progress = [row_progress(r) for r in sheets.get(layout.PROGRESS, [])]
    return Master(notice=notice, units=units, progress=progress, path=path)


def target_labels(notice: Notice) -> str:
    """Return the 量化任务列名 value: `part=label` pairs joined by `；`."""
    pairs = {}
    for s in notice.sections:
        if s.target_label:
            pairs.setdefault(s.part, s.target_label)
    return "；".join(f"{part}={label}" for part, label in pairs.items())


def parse_target_labels(value: str) -> dict[str, str]:
    """Return {part: label} from a 量化任务列名 value."""
    pairs = (item.split("=", 1) for item in value.split("；") if "=" in item)
    return {part: label for part, label in pairs}


def derived_meta(notice: Notice) -> dict[str, str]:
    """Return the 发文信息 entries the toolkit derives from the sections
    (量化任务列名, 分组说明), only those with a value."""
    pairs = ((layout.TARGET_LABELS_KEY, target_labels(notice)), (layout.SECTION_NOTES_KEY, section_notes(notice)))
    return {key: value for key, value in pairs if value}


def section_notes(notice: Notice) -> str:
    """Return the 分组说明 value: one `部分｜分组｜说明` line per noted section."""
    return "\n".join(f"{s.part}｜{s.heading}｜{s.note}" for s in notice.sections if s.note)


def restore_notes(sections: list[Section], value: str) -> None:
    """Put noted sections back in `sections`, in the order of their numerals.

    A section with a note and no tasks (`一、张崇波区长牵头重点工作 总负责。`)
    has no 重点工作 row; it is rebuilt from 发文信息 and placed before the
    first section of its part with a higher numeral.
    """
    def rank(heading: str) -> int:
        match = SECTION.match(heading)
        return numeral_value(match.group(1)) if match else 0

    for line in value.splitlines():
        fields = line.split("｜")
        if len(fields) != 3:
            continue
        part, heading, note = fields
        existing = next((s for s in sections if (s.part, s.heading) == (part, heading)), None)
        if existing is not None:
            existing.note = note
            continue
        section = Section(heading=heading, part=part, note=note, leader=leader_of(heading))
        at = next((i for i, s in enumerate(sections) if s.part == part and rank(s.heading) > rank(heading)),
                  max((i + 1 for i, s in enumerate(sections) if s.part == part), default=len(sections)))
        sections.insert(at, section)
