"""Write the quarterly progress forms: one workbook per unit.

Each form shows the unit only its own tasks, locks what it must not change,
offers a dropdown and a 0–100 check where it fills in, prints on landscape
A4, and carries a very hidden marker (master, unit, quarter) so `collect`
can refuse a form returned to the wrong place.
"""

from __future__ import annotations

import io
import math
import multiprocessing as mp
import os
import re
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxFileError

from ..exceptions import ToolkitError
from ..model import STATUSES, Master, ProgressEntry
from ..render.output import safe_stem, unique_stems
from ..workbook.package import Package, cell_xml, get_column_letter
from . import common as c
from .lights import quarter_target
from .livelihood import form_index, form_units
from .signature import ensure_key, sign

FORMS_EXIST = "{name} 已存在（可能是已收回的表格）。请换一个输出目录，或加 --force 覆盖。"
NOT_WRITABLE = "无法写入进展表到 {path}：{why}。请检查目录是否存在、是否有写入权限，或表格是否正被打开。"
NO_UNITS = "总台账中没有可以发进展表的责任单位：「重点工作」的责任单位为空，或只有“各街镇”之类的统称。请先填写责任单位。"

# Column widths (Excel character units).  Their sum (147) is what A4
# landscape holds between 0.3-inch margins at 98 %, so fitting the width
# prints the 11 pt text at 10.8 pt; the long texts wrap in rows whose
# first height is estimated (row_height) and grows as a unit types.
WIDTHS = {
    "编号": 9, "牵头领导": 7, "重点工作": 30, "角色": 5, "量化任务": 9, "前期进展": 11,
    "完成状态": 9, "完成进度": 7, "进展情况": 26, "存在问题": 17, "下步打算": 17,
    "完成时限": 9, "本季度目标": 11, "申请延期": 7, "延期原因": 14, "申请完成时间": 9, "佐证材料": 14,
}
FILL_LINES = 4  # lines of room to write in a task row of an empty form
FORM_PART = "xl/worksheets/sheet1.xml"  # the form's sheet, written first
TITLE_ROWS = 3  # title, unit/quarter/deadline/contact line, instructions
NOTE = ("说明：灰色单元格由总台账生成，请勿修改；请在白色单元格填写。完成状态请从下拉列表选择"
        "（已完成/序时推进/滞后/未启动），完成进度填 0–100 的数字。可以排序、筛选、隐藏行，"
        "但请勿删除行列或改动“编号”。填好后按原文件名报回。")


def form_name(unit: str, quarter: str, stem: str | None = None) -> str:
    """Return the file name of `unit`'s form, safe on Windows file systems;
    `stem` is the unit's name made unique among all forms of the run."""
    return f"{quarter}进展表-{stem or safe_stem(unit)}.xlsx"


def write_forms(master: Master, quarter: str, out_dir: Path | str, deadline: str = "",
                contact: str = "", force: bool = False, units: list[str] | None = None) -> list[Path]:
    """Write one form per unit of `master` for `quarter` into `out_dir`.

    Group phrases (各街镇…) get no form.  `units` limits the run to those
    canonical names.  Raises ToolkitError when a form exists and `force` is
    not set, so a returned form saved under the same name is never lost.
    """
    quarter = c.parse_quarter(quarter)
    out_dir = Path(out_dir)
    by_unit = form_index(master)
    names = [u for u in form_units(master) if units is None or u in units]
    if not names:
        raise ToolkitError(NO_UNITS)
    stems = unique_stems(names)
    targets = [(name, out_dir / form_name(name, quarter, stems[name])) for name in names]
    if not force:
        for _, path in targets:
            if path.exists() or path.is_symlink():
                raise ToolkitError(FORMS_EXIST.format(name=path))
    history = _history(master, quarter)
    key = ensure_key(master, quarter)
    marker = {c.K_KIND: c.FORM_KIND, c.K_VERSION: c.FORM_VERSION, c.K_MASTER: c.master_key(master),
              c.K_MASTER_FILE: Path(master.path).name, c.K_QUARTER: quarter,
              c.K_CREATED: datetime.now().strftime("%Y-%m-%d %H:%M:%S")}
    jobs = []
    for name, path in targets:
        leads, supports = by_unit.get(name, ([], []))
        rows = [(t, c.ROLE_LEAD) for t in leads] + [(t, c.ROLE_SUPPORT) for t in supports]
        rows.sort(key=lambda item: _order(item[0].id))
        seen = history.get(name, {})
        values = [(t.id, t.leader, t.display_text, role, t.target, t.deadline, quarter_target(t, quarter),
                   seen.get(t.id, "")) for t, role in rows]
        head = {"unit": name, "quarter": quarter, "deadline": deadline, "contact": contact}
        jobs.append((path, head, values, _signed({**marker, c.K_UNIT: name}, [v[0] for v in values], key)))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _run(jobs)
    except (OSError, XlsxFileError) as exc:
        raise ToolkitError(NOT_WRITABLE.format(path=out_dir, why=c.write_reason(exc))) from exc
    return [path for _, path in targets]


def _signed(marker: dict[str, str], ids: list[str], key: str) -> dict[str, str]:
    """Return `marker` with the form's task ids and, when the master has a
    key, their signature (see signature.py)."""
    marker = {**marker, c.K_IDS: "\n".join(ids)}
    if key:
        marker[c.K_SIGNATURE] = sign(key, marker)
    return marker


def _run(jobs: list[tuple]) -> None:
    """Write the forms of `jobs`, on every core where processes fork cheaply.

    xlsxwriter spends most of a small workbook's time in fixed per-file
    work, so 600 forms take twice as long on one core.  Where only `spawn`
    exists (Windows) the forms are written in this process.
    """
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) < 50 or workers < 2 or "fork" not in mp.get_all_start_methods():
        _write_chunk(jobs)
        return
    chunks = [jobs[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        for _ in pool.map(_write_chunk, chunks):
            pass


def _write_chunk(jobs: list[tuple]) -> None:
    for job in jobs:
        _write_form(*job)


def _order(task_id: str) -> list:
    """Return a sort key that puts `02-10` after `02-9`, as printed."""
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", task_id)]


def _history(master: Master, quarter: str) -> dict[str, dict[str, str]]:
    """Return {unit: {task id: "Q1：序时推进 40%；…"}} for the earlier quarters."""
    earlier = set(c.earlier_quarters(quarter))
    out: dict[str, dict[str, list[str]]] = {}
    for entry in sorted(master.progress, key=lambda e: e.quarter):
        if entry.quarter in earlier and entry.status:
            unit = master.canonical(entry.unit)
            out.setdefault(unit, {}).setdefault(entry.task_id, []).append(_brief(entry))
    return {u: {t: "；".join(v) for t, v in tasks.items()} for u, tasks in out.items()}


def _brief(entry: ProgressEntry) -> str:
    percent = "" if entry.percent is None else f" {entry.percent:g}%"
    return f"{entry.quarter[-2:]}：{entry.status}{percent}"


def _formats(book: xlsxwriter.Workbook) -> dict[str, object]:
    base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter", "text_wrap": True, "border": 1}
    grey = {**base, "bg_color": "#EDEDED", "locked": True}
    return {
        "title": book.add_format({"font_name": "黑体", "font_size": 16, "align": "center", "valign": "vcenter"}),
        "info": book.add_format({"font_name": "宋体", "font_size": 11, "valign": "vcenter"}),
        "note": book.add_format({"font_name": "宋体", "font_size": 10, "text_wrap": True, "valign": "top",
                                 "font_color": "#595959"}),
        "head": book.add_format({**base, "bold": True, "align": "center", "bg_color": "#D9D9D9"}),
        "fill_head": book.add_format({**base, "bold": True, "align": "center", "bg_color": "#FFF2CC"}),
        "locked": book.add_format(grey),
        "locked_c": book.add_format({**grey, "align": "center"}),
        "fill": book.add_format({**base, "locked": False}),
        "fill_c": book.add_format({**base, "locked": False, "align": "center"}),
    }


def _write_form(path: Path, head: dict[str, str], rows: list[tuple[str, ...]],
                marker: dict[str, str]) -> None:
    if path.is_symlink():
        path.unlink()  # never write through a link planted in the output folder
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False, "strings_to_formulas": False,
                                        "strings_to_urls": False, "in_memory": True})
    fmt = _formats(book)
    sheet = book.add_worksheet(c.FORM_SHEET)
    _title_block(sheet, fmt, head)
    _table(sheet, fmt, rows)
    _page_setup(sheet, len(rows), head)
    _marker_sheet(book, marker)
    book.set_properties({"title": f"{c.quarter_label(head['quarter'])}重点工作进展填报表",
                         "subject": head["unit"], "comments": "由 toolkit 生成"})
    # The formats only spliced rows use get their style index here, as a
    # cell written through xlsxwriter would give them one.
    styles = {name: fmt[name]._get_xf_index() for name in ROW_FORMATS}
    book.close()
    _save(buffer, path, _rows_xml(rows, styles), len(rows))


def _title_block(sheet, fmt, head: dict[str, str]) -> None:
    last = len(c.FORM_HEADERS) - 1
    label = c.quarter_label(head["quarter"])
    sheet.merge_range(0, 0, 0, last, f"{label}重点工作进展填报表", fmt["title"])
    sheet.set_row(0, 30)
    sheet.merge_range(1, 0, 1, 2, f"填报单位：{head['unit']}", fmt["info"])
    sheet.merge_range(1, 3, 1, 5, f"所属季度：{label}（{head['quarter']}）", fmt["info"])
    sheet.merge_range(1, 6, 1, 8, f"报送截止：{head['deadline'] or '________'}", fmt["info"])
    sheet.merge_range(1, 9, 1, last, f"联系人：{head['contact'] or '________'}", fmt["info"])
    sheet.set_row(1, 22)
    sheet.merge_range(2, 0, 2, last, NOTE, fmt["note"])
    sheet.set_row(2, 30)


def _table(sheet, fmt, rows: list[tuple[str, ...]]) -> None:
    top = TITLE_ROWS
    for col, header in enumerate(c.FORM_HEADERS):
        sheet.set_column(col, col, WIDTHS[header])
        sheet.write_string(top, col, header, fmt["fill_head" if header in c.FILL_HEADERS else "head"])
    last_row = top + max(len(rows), 1)
    status_col = c.FORM_HEADERS.index("完成状态")
    sheet.data_validation(top + 1, status_col, last_row, status_col, {
        "validate": "list", "source": list(STATUSES), "error_title": "完成状态",
        "error_message": "请从下拉列表选择：" + "、".join(STATUSES)})
    extension_col = c.FORM_HEADERS.index("申请延期")
    sheet.data_validation(top + 1, extension_col, last_row, extension_col, {
        "validate": "list", "source": ["是", "否"], "error_title": "申请延期",
        "error_message": "申请延期请选“是”，并填写延期原因和申请完成时间；不申请留空或选“否”。"})
    sheet.data_validation(top + 1, status_col + 1, last_row, status_col + 1, {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100,
        "error_title": "完成进度", "error_message": "请填写 0 到 100 之间的数字（不带 % 号）。",
        "input_title": "完成进度", "input_message": "填 0–100 的数字"})
    sheet.autofilter(top, 0, last_row, len(c.FORM_HEADERS) - 1)
    sheet.freeze_panes(top + 1, 1)
    # No password: a unit that really must unprotect can, and collect checks
    # every cell anyway; the lock only guards against slips.
    sheet.protect("", {"sort": True, "autofilter": True, "format_rows": True, "format_columns": True})


def row_height(text: str) -> float:
    """Return a first height (points) for a task row: the task text's lines
    in its column, and at least FILL_LINES lines to write in.  The height
    is not fixed (no customHeight, see _rows_xml): Excel and WPS grow the
    row as the unit types; LibreOffice and a print of the empty form use
    this one."""
    per_line = WIDTHS["重点工作"] / 2.1  # 11 pt Chinese characters per line
    lines = max(math.ceil(len(text) / per_line), FILL_LINES)
    return 14.5 * lines + 6


# The formats of a task row's cells, by name in _formats.
ROW_FORMATS = ("locked", "locked_c", "fill", "fill_c")
_CENTRED = ("编号", "牵头领导", "角色")


def _rows_xml(rows: list[tuple[str, ...]], styles: dict[str, int]) -> str:
    """Return the task rows' XML: the context cells locked and grey (text
    always text), the cells a unit fills in open and empty, each row as high
    as its task text needs.  Written here and spliced into the sheet
    xlsxwriter laid out: xlsxwriter's call per cell (about 200,000 cells
    for 600 forms) was most of the forms' time."""
    letters = [get_column_letter(col) for col in range(1, len(c.FORM_HEADERS) + 1)]
    out = []
    for number, values in enumerate(rows, start=TITLE_ROWS + 2):
        cells = [cell_xml(f"{letters[col]}{number}", value,
                          styles["locked_c" if c.CONTEXT_HEADERS[col] in _CENTRED else "locked"])
                 for col, value in enumerate(values)]
        cells += [f'<c r="{letters[col]}{number}" s="{styles["fill_c" if col < len(values) + 2 else "fill"]}"/>'
                  for col in range(len(values), len(c.FORM_HEADERS))]
        # The height as xlsxwriter rounds it (whole pixels), without customHeight.
        height = int(row_height(values[2]) * 4 / 3 + 0.5) * 0.75
        out.append(f'<row r="{number}" ht="{height:.16g}">{"".join(cells)}</row>')
    return "".join(out)


def _save(buffer: io.BytesIO, path: Path, rows: str, count: int) -> None:
    """Write the form xlsxwriter made in `buffer` to `path` with the `count`
    task `rows` spliced into its sheet; every other part is copied as compressed."""
    package = Package(buffer)
    sheet = package.read(FORM_PART).replace(b"</sheetData>", rows.encode("utf-8") + b"</sheetData>", 1)
    last = f"{get_column_letter(len(c.FORM_HEADERS))}{TITLE_ROWS + 1 + count}"
    package.replace(FORM_PART, re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{last}"/>'.encode(),
                                      sheet, count=1))
    package.save(path)
    package.close()


def _page_setup(sheet, count: int, head: dict[str, str]) -> None:
    """Landscape A4, one page wide at about 98 % (see WIDTHS), the column
    headers repeated and the 填报单位 in the page header of every page."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.3, right=0.3, top=0.7, bottom=0.6)
    sheet.set_header(f"&L填报单位：{_header_text(head['unit'])}&R{c.quarter_label(head['quarter'])}重点工作进展填报表")
    sheet.repeat_rows(TITLE_ROWS)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_footer("&C第 &P 页，共 &N 页")
    sheet.print_area(0, 0, TITLE_ROWS + max(count, 1), len(c.FORM_HEADERS) - 1)


def _header_text(text: str) -> str:
    """Return `text` safe in an Excel page header, where `&` starts a code."""
    return text.replace("&", "&&")


def _chunks(lines: str, size: int = 30000) -> list[str]:
    """Return `lines` cut at line ends into pieces a cell can hold."""
    out, current = [], ""
    for line in lines.split("\n"):
        if current and len(current) + len(line) + 1 > size:
            out.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    return out + [current]


def _marker_sheet(book: xlsxwriter.Workbook, marker: dict[str, str]) -> None:
    sheet = book.add_worksheet(c.MARKER_SHEET)
    pairs = [(k, v) for k, v in marker.items() if k != c.K_IDS]
    pairs += [(c.K_IDS, chunk) for chunk in _chunks(marker.get(c.K_IDS, ""))]
    for row, (key, value) in enumerate(pairs):
        sheet.write_string(row, 0, key)
        sheet.write_string(row, 1, value)
    sheet.protect("")
    sheet.very_hidden()
