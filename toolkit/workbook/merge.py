"""Import into an existing master without losing what the clerk changed.

Edits only the cells it writes, inside the .xlsx package (table.py,
package.py): other sheets, extra columns, pictures, charts, macros and
formulas with their results stay byte for byte.  Rows are matched by 编号: new ids are appended; a cell the
clerk never edited (it still holds what 台账底稿 says the toolkit wrote) takes
a corrected notice's text; a cell the clerk edited keeps the clerk's value
and the difference is reported; rows missing from the notice stay.  The
master is backed up when it changes.
"""

from __future__ import annotations

from pathlib import Path

from ..matching import prefix_of
from ..model import Notice, UnitInfo
from ..outputs import Saved
from . import layout, safe
from .fastread import Book
from .package import Package
from .read import check_headers, open_master, read_written
from .rows import derived_meta, livelihood_row, master_from_rows, notice_places, row_unit, task_row, unit_row, unit_rows
from .table import Table
from .written import Written, record, written_rows

# Columns compared when an id exists on both sides; others are the clerk's.
COMPARED = ("重点工作", "责任单位", "牵头单位", "配合单位", "量化任务", "完成时限", "备注", "分组", "序号")
_CONTRACT = {
    layout.TASKS: (layout.TASK_HEADERS, layout.TASK_REQUIRED, COMPARED),
    layout.LIVELIHOOD: (layout.LIVELIHOOD_HEADERS, layout.LIVELIHOOD_REQUIRED, ("项目内容", "牵头单位")),
}
KEPT = "「{sheet}」{id} 的「{header}」与通知不同，保留台账中的内容（台账：{old}；通知：{new}）"
UPDATED = "「{sheet}」{id} 的「{header}」按通知更新（原为：{old}；现为：{new}）"


def merge_into_master(path: Path, notice: Notice) -> tuple[list[str], list[UnitInfo], Saved]:
    """Merge `notice` into the master at `path`; return (changes, units, saved).

    `changes` are Chinese lines naming every row added, updated, kept or
    differing.  `backup` is kept for callers (nothing is lost any more).
    """
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        open_master(path)  # raises the clerk's message for a wrong file type
    book = Book(path)
    package = Package(path)
    try:
        changes: list[str] = []
        written = read_written(book, path)
        tables = {name: Table(package, book, name, headers) for name, headers in (
            (layout.TASKS, layout.TASK_HEADERS), (layout.LIVELIHOOD, layout.LIVELIHOOD_HEADERS),
            (layout.UNITS, layout.UNIT_HEADERS), (layout.META, layout.META_HEADERS))}
        task_rows = [task_row(t, s) for s in notice.sections for t in s.tasks]
        _merge_sheet(tables[layout.TASKS], path.name, task_rows, written, changes)
        lh_rows = [livelihood_row(i) for i in notice.livelihood]
        if lh_rows or tables[layout.LIVELIHOOD].exists:
            _merge_sheet(tables[layout.LIVELIHOOD], path.name, lh_rows, written, changes)
        _merge_meta(tables[layout.META], notice.meta, changes)
        _merge_derived(tables[layout.META], derived_meta(notice), changes)
        written_table = Table(package, book, layout.WRITTEN, layout.WRITTEN_HEADERS, state="veryHidden")
        written_table.replace_all(written_rows(written))
        units = _refresh_units(tables[layout.TASKS], tables[layout.UNITS], path.name, written)
        for table in [*tables.values(), written_table]:
            table.finish()
        saved = safe.save(path, package.save)
        return changes, units, saved
    finally:
        package.close()
        book.close()


def _columns(table: Table, headers: tuple[str, ...], required: tuple[str, ...], file_name: str) -> None:
    """Add missing optional headers; a missing `required` header is an
    error (adding it would duplicate every row the clerk has under a
    renamed column)."""
    if table.exists:
        check_headers(list(table.columns), required, file_name, table.name)
    table.ensure(headers)


def _merge_sheet(table: Table, file_name: str, rows: list[dict], written: Written, changes: list[str]) -> None:
    name = table.name
    headers, required, compared = _CONTRACT[name]
    _columns(table, headers, required, file_name)
    current = [{**row, layout.ROW: str(number)} for number, row in table.rows()]
    existing = {row.get("编号", ""): row for row in current if row.get("编号")}
    order = _order(name, current, written)
    previous = None
    for row in rows:
        key = (name, row["编号"])
        found = existing.get(row["编号"])
        if found is None:
            table.write(None, {h: v for h, v in row.items() if v not in ("", None)})
            changes.append(f"「{name}」新增 {row['编号']}")
            order.insert(order.index(previous) + 1 if previous in order else len(order), key)
            written[key] = record(name, row, 0)
        else:
            _update_row(table, name, found, row, written, compared, changes)
        previous = key
    for index, key in enumerate(order):
        # A row the toolkit never wrote (a clerk's, or from a master made
        # before 台账底稿) gets its place only: every cell counts as the clerk's.
        written.setdefault(key, {"工作表": name, "编号": key[1]})["次序"] = str(index)
    # Rows of the same notice (same id prefix, under any file name) that it
    # no longer has; other notices' rows and the clerk's own rows (no 来源)
    # are simply not this import's business.
    prefixes = {prefix_of(row["编号"]) for row in rows}
    incoming = {row["编号"] for row in rows}
    for key, found in existing.items():
        if key not in incoming and prefix_of(key) in prefixes and found.get("来源"):
            changes.append(f"「{name}」{key} 不在本次导入的通知中，保留不动")


def _order(name: str, current: list[dict], written: Written) -> list[tuple[str, str]]:
    """Return the sheet's ids in notice order (台账底稿, else 来源 lines)."""
    records = [written.get((name, row.get("编号", ""))) for row in current]
    places = notice_places(current, records)
    ordered = [row for _, row in sorted(zip(places, current), key=lambda pair: pair[0])]
    return [(name, row["编号"]) for row in ordered if row.get("编号")]


def _update_row(table: Table, name: str, found: dict[str, str], row: dict,
                written: Written, compared: tuple[str, ...], changes: list[str]) -> None:
    """Bring an existing row up to the notice where the clerk never edited
    it; keep and report the clerk's edits.  The unit columns go together,
    so a corrected notice never mixes with a clerk's unit edit."""
    key = (name, row["编号"])
    before = written.get(key)
    known = before is not None
    if not known:
        # A master made before 台账底稿: take the notice as what was written,
        # so the clerk's edits (cells that differ) are told apart from now on.
        before = written[key] = record(name, row, 0)
    groups = [tuple(h for h in compared if h in layout.UNIT_COLUMNS)]
    groups += [(h,) for h in compared if h not in layout.UNIT_COLUMNS]
    number = int(found[layout.ROW])
    for group in groups:
        news = {h: str(row.get(h, "") or "") for h in group}
        olds = {h: found.get(h, "") for h in group}
        if olds == news:
            before.update(news)
            continue
        untouched = known and all(olds[h] == before.get(h, "") for h in group)
        for header in group:
            if olds[header] == news[header]:
                continue
            if untouched:
                table.write(number, {header: news[header]})
                changes.append(UPDATED.format(sheet=name, id=row["编号"], header=header,
                                              old=olds[header][:30], new=news[header][:30]))
            else:
                changes.append(KEPT.format(sheet=name, id=row["编号"], header=header,
                                           old=olds[header][:30], new=news[header][:30]))
        if untouched:
            before.update(news)


def _meta_rows(table: Table) -> dict[str, tuple[int, str]]:
    """Return {key: (row number, value)} of the 发文信息 sheet."""
    return {row.get("项目", ""): (number, row.get("内容", "")) for number, row in table.rows() if row.get("项目")}


def _merge_meta(table: Table, meta: dict[str, str], changes: list[str]) -> None:
    rows = _meta_rows(table)
    for key, value in meta.items():
        number, old = rows.get(key, (None, ""))
        if not old:
            table.write(number, {"项目": key, "内容": value} if number is None else {"内容": value})
            changes.append(f"「{layout.META}」补充「{key}」")
        elif old != value:
            changes.append(f"「{layout.META}」「{key}」与通知不同，保留台账中的内容")


def _merge_derived(table: Table, derived: dict[str, str], changes: list[str]) -> None:
    """Add the new notice's 量化任务列名 and 分组说明 entries to the master's:
    both describe sections, and the sections of both notices stay."""
    rows = _meta_rows(table)
    for key, value in derived.items():
        separator = "；" if key == layout.TARGET_LABELS_KEY else "\n"
        number, text = rows.get(key, (None, ""))
        old = [item for item in text.split(separator) if item]
        new = [item for item in value.split(separator) if item not in old]
        if new:
            joined = separator.join(old + new)
            table.write(number, {"项目": key, "内容": joined} if number is None else {"内容": joined})
            changes.append(f"「{layout.META}」「{key}」加入 {len(new)} 项")


def _refresh_units(tasks: Table, units_table: Table, file_name: str, written: Written) -> list[UnitInfo]:
    """Recompute the 单位 sheet's counts from the merged tasks, keeping the
    clerk's names and aliases and adding units seen for the first time."""
    task_rows = [{**row, layout.ROW: str(number)} for number, row in tasks.rows()]
    merged = master_from_rows({layout.TASKS: task_rows}, {}, file_name, written).notice
    _columns(units_table, layout.UNIT_HEADERS, layout.UNIT_REQUIRED, file_name)
    rows = {row.get("单位名称", ""): number for number, row in units_table.rows()}
    known = [row_unit(row) for _, row in units_table.rows()]
    units = unit_rows(merged, [u for u in known if u.name])
    current_rows = dict(units_table.rows())
    for info in units:
        values = unit_row(info)
        if info.name in rows:
            # The clerk's 别名 and 类型 of rows already there stay as they are.
            current = current_rows.get(rows[info.name], {})
            changed = {h: values[h] for h in ("牵头任务数", "配合任务数", "建议别名")
                       if str(values[h]) != current.get(h, "")}
            if changed:
                units_table.write(rows[info.name], changed)
        else:
            units_table.write(None, {h: v for h, v in values.items() if v not in ("", None)})
    return units
