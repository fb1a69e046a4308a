"""Import into an existing master without losing what the clerk changed.

Edits the workbook with openpyxl so other sheets, extra columns, widths and
colours survive.  Rows are matched by 编号: new ids are appended; a cell the
clerk never edited (it still holds what 台账底稿 says the toolkit wrote) takes
a corrected notice's text; a cell the clerk edited keeps the clerk's value
and the difference is reported; rows missing from the notice stay.  The
caller has made a backup.
"""

from __future__ import annotations

from pathlib import Path

from ..matching import prefix_of
from ..model import Notice, UnitInfo
from . import layout, safe
from .read import cell_text, check_headers, open_master, read_written, sheet_rows
from .rows import derived_meta, livelihood_row, master_from_rows, notice_places, row_unit, task_row, unit_row, unit_rows
from .safe import set_text_safe
from .written import Written, position, record

# Columns compared when an id exists on both sides; others are the clerk's.
COMPARED = ("重点工作", "责任单位", "牵头单位", "配合单位", "量化任务", "完成时限", "备注", "分组", "序号")
_CONTRACT = {
    layout.TASKS: (layout.TASK_HEADERS, layout.TASK_REQUIRED, COMPARED),
    layout.LIVELIHOOD: (layout.LIVELIHOOD_HEADERS, layout.LIVELIHOOD_REQUIRED, ("项目内容", "牵头单位")),
}
KEPT = "「{sheet}」{id} 的「{header}」与通知不同，保留台账中的内容（台账：{old}；通知：{new}）"
UPDATED = "「{sheet}」{id} 的「{header}」按通知更新（原为：{old}；现为：{new}）"


def merge_into_master(path: Path, notice: Notice, backup: str = "") -> tuple[list[str], list[UnitInfo]]:
    """Merge `notice` into the master at `path`; return (changes, units).

    `changes` are Chinese lines naming every row added, updated, kept or
    differing; `backup` is named in the warning when charts or pictures
    will be lost.
    """
    book = open_master(path)
    drawings = safe.has_drawings(path)
    changes: list[str] = []
    written = read_written(book, path)
    task_rows = [task_row(t, s) for s in notice.sections for t in s.tasks]
    _merge_sheet(book, path.name, layout.TASKS, task_rows, written, changes)
    lh_rows = [livelihood_row(i) for i in notice.livelihood]
    _merge_sheet(book, path.name, layout.LIVELIHOOD, lh_rows, written, changes)
    _merge_meta(book, notice.meta, changes)
    _merge_derived(book, derived_meta(notice), changes)
    _write_written(book, written)
    units = _refresh_units(book, path.name, written)
    safe.save(path, book.save)
    if drawings:
        changes.append(safe.DRAWINGS_LOST.format(backup=backup))
    return changes, units


def _sheet(book, name: str, headers: tuple[str, ...]):
    if name in book.sheetnames:
        return book[name]
    sheet = book.create_sheet(name)
    sheet.append(list(headers))
    return sheet


def _columns(sheet, headers: tuple[str, ...], required: tuple[str, ...], file_name: str) -> dict[str, int]:
    """Return {header: column number}, adding missing optional headers.

    A missing `required` header is an error: adding it would duplicate every
    row the clerk has under a renamed column.
    """
    columns = {cell_text(c.value): c.column for c in sheet[1] if c.value is not None}
    check_headers(list(columns), required, file_name, sheet.title)
    for header in headers:
        if header not in columns:
            columns[header] = max(columns.values(), default=0) + 1
            sheet.cell(1, columns[header], header)
    return columns


def _merge_sheet(book, file_name: str, name: str, rows: list[dict], written: Written,
                 changes: list[str]) -> None:
    headers, required, compared = _CONTRACT[name]
    sheet = _sheet(book, name, headers)
    columns = _columns(sheet, headers, required, file_name)
    current = sheet_rows(sheet, file_name, ())
    existing = {row.get("编号", ""): row for row in current if row.get("编号")}
    order = _order(name, current, written)
    previous = None
    for row in rows:
        key = (name, row["编号"])
        found = existing.get(row["编号"])
        if found is None:
            target = sheet.max_row + 1
            for header, value in row.items():
                if value not in ("", None):
                    set_text_safe(sheet.cell(target, columns[header]), value)
            changes.append(f"「{name}」新增 {row['编号']}")
            order.insert(order.index(previous) + 1 if previous in order else len(order), key)
            written[key] = record(name, row, 0)
        else:
            _update_row(sheet, columns, name, found, row, written, compared, changes)
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


def _update_row(sheet, columns: dict[str, int], name: str, found: dict[str, str], row: dict,
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
                set_text_safe(sheet.cell(number, columns[header]), news[header])
                changes.append(UPDATED.format(sheet=name, id=row["编号"], header=header,
                                              old=olds[header][:30], new=news[header][:30]))
            else:
                changes.append(KEPT.format(sheet=name, id=row["编号"], header=header,
                                           old=olds[header][:30], new=news[header][:30]))
        if untouched:
            before.update(news)


def _write_written(book, written: Written) -> None:
    """Replace the 台账底稿 sheet with `written` (the toolkit owns it whole)."""
    if layout.WRITTEN in book.sheetnames:
        del book[layout.WRITTEN]
    sheet = book.create_sheet(layout.WRITTEN)
    sheet.sheet_state = "veryHidden"
    sheet.append(list(layout.WRITTEN_HEADERS))
    for number, item in enumerate(sorted(written.values(), key=position), start=2):
        for col, header in enumerate(layout.WRITTEN_HEADERS, start=1):
            if item.get(header):
                set_text_safe(sheet.cell(number, col), item[header])


def _key_rows(sheet, column: int) -> dict[str, int]:
    """Return {text of `column`: row number} for the data rows of `sheet`."""
    return {cell_text(sheet.cell(r, column).value): r for r in range(2, sheet.max_row + 1)}


def _meta_row(sheet, rows: dict[str, int], key: str) -> int:
    """Return the 发文信息 row of `key`, appending one when it has none."""
    if key not in rows:
        rows[key] = sheet.max_row + 1
        set_text_safe(sheet.cell(rows[key], 1), key)
    return rows[key]


def _merge_meta(book, meta: dict[str, str], changes: list[str]) -> None:
    sheet = _sheet(book, layout.META, ("项目", "内容"))
    rows = _key_rows(sheet, 1)
    for key, value in meta.items():
        row = _meta_row(sheet, rows, key)
        old = cell_text(sheet.cell(row, 2).value)
        if not old:
            set_text_safe(sheet.cell(row, 2), value)
            changes.append(f"「{layout.META}」补充「{key}」")
        elif old != value:
            changes.append(f"「{layout.META}」「{key}」与通知不同，保留台账中的内容")


def _merge_derived(book, derived: dict[str, str], changes: list[str]) -> None:
    """Add the new notice's 量化任务列名 and 分组说明 entries to the master's:
    both describe sections, and the sections of both notices stay."""
    sheet = book[layout.META]
    rows = _key_rows(sheet, 1)
    for key, value in derived.items():
        separator = "；" if key == layout.TARGET_LABELS_KEY else "\n"
        row = _meta_row(sheet, rows, key)
        old = [item for item in cell_text(sheet.cell(row, 2).value).split(separator) if item]
        new = [item for item in value.split(separator) if item not in old]
        if new:
            set_text_safe(sheet.cell(row, 2), separator.join(old + new))
            changes.append(f"「{layout.META}」「{key}」加入 {len(new)} 项")


def _refresh_units(book, file_name: str, written: Written) -> list[UnitInfo]:
    """Recompute the 单位 sheet's counts from the merged tasks, keeping the
    clerk's names and aliases and adding units seen for the first time."""
    tasks = sheet_rows(book[layout.TASKS], file_name, layout.TASK_REQUIRED)
    merged = master_from_rows({layout.TASKS: tasks}, {}, file_name, written).notice
    sheet = _sheet(book, layout.UNITS, layout.UNIT_HEADERS)
    columns = _columns(sheet, layout.UNIT_HEADERS, layout.UNIT_REQUIRED, file_name)
    rows = _key_rows(sheet, columns["单位名称"])
    known = [row_unit({h: cell_text(sheet.cell(r, c).value) for h, c in columns.items()}) for r in rows.values()]
    units = unit_rows(merged, [u for u in known if u.name])
    for info in units:
        row = rows.get(info.name) or sheet.max_row + 1
        values = unit_row(info)
        for header in ("单位名称", "牵头任务数", "配合任务数", "建议别名"):
            set_text_safe(sheet.cell(row, columns[header]), values[header])
        if info.name not in rows:
            # The clerk's 别名 and 类型 of rows already there stay as they are.
            for header in ("别名", "类型"):
                set_text_safe(sheet.cell(row, columns[header]), values[header])
    return units
