"""The clerk's own spreadsheet as a notice: .xlsx/.xlsm, .xls, .ods, WPS .et
(read with python-calamine) and .csv.

Every visible sheet is read in order; each non-empty row becomes a Row
numbered by its spreadsheet row, so a problem names the sheet and the row
the clerk sees.  A merged cell's value is repeated into every cell of its
range (a 序号 or 责任单位 merged down several rows belongs to each row); a
row holding only one merged or typed-alone title becomes a Para.

The file is untrusted: its size, its unpacked size and each sheet's extent
are checked before calamine builds a sheet, because calamine allocates the
whole rectangle up to the last cell (one cell at XFD1048576 aborts the
process).  Password-protected files are refused before any parser sees them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import struct
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

import python_calamine as calamine
from lxml import etree

from ..exceptions import UnknownFormat
from ..workbook.package import column_index_from_string, unescape
from ..xlsprobe import ProbeFailed, sheet_sizes
from .blocks import Para, Row
from .decode import ZIP_ERRORS
from .headings import SECTION, numeral
from .reading import Place, Reading
from .tables import parse_header

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_PARTS = 2000
MAX_ROWS = 100_000
MAX_COLUMNS = 200
# calamine holds the rectangle up to the last cell, and to_python a list
# per row: 2 million cells is some 100 MB; a decomposition has thousands.
MAX_CELLS = 2_000_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")

TOO_BIG = "{name} 过大（{size} MB），不像是责任分解表格，未读取。"
BOMB = "{name} 解压后异常巨大（疑似压缩炸弹），未读取。"
PASSWORD = "{name} 设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码（文件→信息→保护工作簿）后另存，再导入。"
BROKEN = "{name} 无法作为表格打开（{why}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再试。"
HUGE_SHEET = ("{name} 的工作表「{sheet}」有 {rows} 行、{columns} 列，超出责任分解表格的合理大小"
              "（最多 {max_rows} 行、{max_columns} 列、共 {max_cells} 个单元格），未读取。"
              "请删除表格下方或右侧的多余内容后另存再导入。")
NO_SHEETS = "{name} 中没有可读取的工作表。"
MERGES = "{name} 的工作表「{sheet}」中合并单元格相互重叠、数量异常，未读取。请取消合并后另存再导入。"


def sheet_reading(name: str, data: bytes) -> Reading:
    """Return the blocks of the workbook `data` (the bytes of file `name`),
    every visible worksheet in order.

    In a workbook with several sheets holding tables, each sheet opens a
    section of its own, headed by its name (numbered `二、` by position
    unless the name is already `二、…`): its rows must not run on under the
    previous sheet's heading, nor its task 1 be taken for the previous
    sheet's last task continued.  A sheet whose table starts under a `一、`
    heading of its own needs none.
    """
    if len(data) > MAX_BYTES:
        raise UnknownFormat(TOO_BIG.format(name=name, size=round(len(data) / 1048576, 1)))
    scan = _check_container(name, data)
    if scan.merges or data.startswith(OLE_MAGIC):
        # calamine parses every sheet of an .ods or .xls when it opens it.
        for sheet_name, extent in scan.extents.items():
            _check_extent(name, sheet_name, *extent)
    if data.startswith(OLE_MAGIC):
        # The BIFF records may lie about the extent: calamine itself opens
        # the file first in a child with capped memory (its out-of-memory
        # abort cannot be caught in this process).
        try:
            sizes = sheet_sizes(data)
        except ProbeFailed as exc:
            raise UnknownFormat(BROKEN.format(name=name, why="格式无法识别，可能已损坏")) from exc
        for sheet_name, extent in sizes.items():
            _check_extent(name, sheet_name, *extent)
    book = _open(name, data)
    sheets: list[tuple[str, list[Para | Row], dict[int, Place]]] = []
    try:
        names = [m.name for m in book.sheets_metadata
                 if m.typ == calamine.SheetTypeEnum.WorkSheet and m.visible == calamine.SheetVisibleEnum.Visible]
        offset = 0
        for sheet_name in names:
            if sheet_name in scan.extents:
                _check_extent(name, sheet_name, *scan.extents[sheet_name])
            blocks, places, offset = _read_sheet(name, book, sheet_name, offset, scan)
            if blocks:
                sheets.append((sheet_name, blocks, places))
    finally:
        book.close()
    if not sheets:
        raise UnknownFormat(NO_SHEETS.format(name=name))
    reading = Reading([])
    for number, (sheet_name, blocks, places) in enumerate(sheets, start=1):
        if len(sheets) > 1 and (heading := _sheet_heading(sheet_name, number, blocks)):
            # Under the sheet's title lines, above its table; on the spare
            # line before the sheet's first row.
            at = next((i for i, b in enumerate(blocks) if isinstance(b, Row)), len(blocks))
            line = blocks[0].line - 1
            blocks.insert(at, Para(heading, line))
            places[line] = Place(next(iter(places.values())).where, 0)
        reading.blocks += blocks
        reading.places.update(places)
    return reading


def _sheet_heading(sheet_name: str, number: int, blocks: list[Para | Row]) -> str:
    """Return the section heading a sheet's name gives, '' for a sheet
    opening with a `一、` heading."""
    sheet_name = sheet_name.strip()
    for block in blocks:
        if isinstance(block, Para) and SECTION.match(block.text.strip()):
            return ""
        if isinstance(block, Row) and parse_header(block.cells) is None:
            break
    return sheet_name if SECTION.match(sheet_name) else f"{numeral(number)}、{sheet_name}"


def _open(name: str, data: bytes):
    """Return the calamine workbook of `data`, its format found from the
    content (a WPS .et is read like the .xls it is inside)."""
    try:
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError as exc:
        raise UnknownFormat(PASSWORD.format(name=name)) from exc
    except BaseException as exc:  # calamine raises several unrelated types, in English
        _reraise_interrupts(exc)
        raise UnknownFormat(BROKEN.format(name=name, why="格式无法识别，可能已损坏")) from exc


def _read_sheet(name: str, book, sheet_name: str, offset: int,
                scan: Scan) -> tuple[list[Para | Row], dict[int, Place], int]:
    """Return (blocks, places, next offset of the running line count) of
    one sheet; `offset` is added to its row numbers, `scan` holds merged
    ranges calamine cannot give (.ods) and cells to show as printed."""
    try:
        sheet = book.get_sheet_by_name(sheet_name)
    except calamine.PasswordError as exc:
        raise UnknownFormat(PASSWORD.format(name=name)) from exc
    except BaseException as exc:
        _reraise_interrupts(exc)
        raise UnknownFormat(BROKEN.format(name=name, why=f"工作表「{sheet_name}」无法读取")) from exc
    _check_extent(name, sheet_name, sheet.height, sheet.width)
    top, left = sheet.start or (0, 0)
    grid = [[cell_text(v) for v in row] for row in sheet.to_python(skip_empty_area=True)]
    for (row, column), text in scan.shown.get(sheet_name, {}).items():
        if 0 <= row - top < len(grid) and 0 <= column - left < len(grid[row - top]):
            grid[row - top][column - left] = text
    try:
        across = _fill_merges(grid, sheet.merged_cell_ranges or scan.merges.get(sheet_name) or [], top, left)
    except UnknownFormat as exc:
        raise UnknownFormat(MERGES.format(name=name, sheet=sheet_name)) from exc
    where = f"工作表「{sheet_name.replace(':', '：')}」"
    # One spare line before each sheet, for the heading its name may give.
    blocks = rows_to_blocks(grid, across, first_line=offset + top + 2)
    places = {b.line: Place(where, b.line - offset - 1) for b in blocks}
    return blocks, places, offset + top + len(grid) + 2


def _reraise_interrupts(exc: BaseException) -> None:
    """Re-raise Ctrl-C and exits; anything else from calamine is the file's
    fault.  A damaged .xls makes calamine's Rust code panic, which reaches
    Python as pyo3's PanicException, a BaseException."""
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        raise exc


def _check_extent(name: str, sheet: str, rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise UnknownFormat(HUGE_SHEET.format(name=name, sheet=sheet, rows=rows, columns=columns, max_rows=MAX_ROWS,
                                              max_columns=MAX_COLUMNS, max_cells=MAX_CELLS))


def _fill_merges(grid: list[list[str]], merges: Iterable, top: int, left: int) -> set[int]:
    """Repeat each merged range's value into all its cells; return the grid
    rows (0-based) covered by a merge spanning two columns or more."""
    across: set[int] = set()
    budget = MAX_CELLS  # overlapping ranges (a crafted file) must not multiply the work
    for (r1, c1), (r2, c2) in merges:
        r1, r2, c1, c2 = r1 - top, r2 - top, c1 - left, c2 - left
        if not (0 <= r1 < len(grid) and 0 <= c1 < len(grid[r1])):
            continue
        budget -= max(0, min(r2, len(grid) - 1) - r1 + 1) * max(0, min(c2, len(grid[r1]) - 1) - c1 + 1)
        if budget < 0:
            raise UnknownFormat(MERGES)
        value = grid[r1][c1]
        for r in range(r1, min(r2, len(grid) - 1) + 1):
            row = grid[r]
            for c in range(c1, min(c2, len(row) - 1) + 1):
                row[c] = value
            if c2 > c1:
                across.add(r)
    return across


def rows_to_blocks(grid: list[list[str]], across: set[int], first_line: int) -> list[Para | Row]:
    """Return the blocks of a sheet's rows; `across` holds the rows with a
    merge over several columns, `first_line` the line of the first row.

    A row whose cells hold one text only (a merged title, a heading typed
    alone in the row) is a Para when merged across, typed above the table
    header, or shaped as a `一、` heading; otherwise it stays a Row, which
    a row continuing the task above needs.
    """
    blocks: list[Para | Row] = []
    header_seen = False
    for index, cells in enumerate(grid):
        filled = [c for c in cells if c]
        if not filled:
            continue
        line = first_line + index
        if len(set(filled)) == 1 and (index in across or not header_seen or SECTION.match(filled[0])):
            blocks.append(Para(filled[0], line))
            continue
        while cells and not cells[-1]:
            cells = cells[:-1]
        header_seen = header_seen or parse_header(cells) is not None
        blocks.append(Row(cells, line))
    return blocks


def cell_text(value: object) -> str:
    """Return a cell value as the clerk sees it: `1` not `1.0`, dates as
    `2023年6月30日`, text stripped."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, dt.datetime):
        day = f"{value.year}年{value.month}月{value.day}日"
        return day if value.time() == dt.time() else f"{day} {value:%H:%M}"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return str(value).strip()


# -- checks before calamine ------------------------------------------------

# A worksheet cell holding something: `<c r="B7" …>` not closed at once.
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"[^>]*?(/?)>')


@dataclass
class Scan:
    """What the checks before calamine learnt of each sheet (by name):
    its extent (rows, columns) up to its last filled cell; for .ods the
    merged ranges calamine does not give; cells to show as the clerk sees
    them where calamine gives only the number (0-based (row, column) ->
    text: percentages, `25%` not `0.25`)."""

    extents: dict[str, tuple[int, int]] = field(default_factory=dict)
    merges: dict[str, list] = field(default_factory=dict)
    shown: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)


def _check_container(name: str, data: bytes) -> Scan:
    """Refuse encrypted files and zip bombs; return what the file's own
    structure tells of each sheet (see Scan) for .xlsx, .ods and .xls.

    An encrypted .xlsx is an OLE file with an EncryptionInfo stream, not a
    zip, so the check comes before calamine reports a confusing error.
    """
    if data.startswith(OLE_MAGIC):
        if ENCRYPTION_STREAM in data:
            raise UnknownFormat(PASSWORD.format(name=name))
        return Scan(_xls_extents(name, data))
    if not data.startswith(b"PK"):
        return Scan()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_sizes(name, infos)
            names = archive.namelist()
            if "xl/workbook.xml" in names:
                return _xlsx_scan(archive)
            if "content.xml" in names:
                if any("encryption-data" in line for line in _manifest(archive)):
                    raise UnknownFormat(PASSWORD.format(name=name))
                return _ods_scan(archive)
            return Scan()
    except etree.XMLSyntaxError as exc:
        raise UnknownFormat(BROKEN.format(name=name, why="内容不完整")) from exc
    except ZIP_ERRORS as exc:
        raise UnknownFormat(BROKEN.format(name=name, why="文件已损坏")) from exc


def _check_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise UnknownFormat(BOMB.format(name=name))
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnknownFormat(BOMB.format(name=name))


def _xlsx_scan(archive: zipfile.ZipFile) -> Scan:
    """Return the extent of the filled cells of each worksheet part, by
    scanning cell references (sizes already bounded), and its cells with a
    percent number format."""
    percent = _percent_styles(archive)
    scan = Scan()
    for sheet, part in _sheet_parts(archive).items():
        try:
            xml = archive.read(part)
        except KeyError:
            continue
        filled = [(letters, number) for letters, number, closed in _CELL.findall(xml) if not closed]
        rows = max({int(number) for _, number in filled}, default=0)
        columns = max((column_index_from_string(letters.decode()) for letters in {letters for letters, _ in filled}), default=0)
        scan.extents[sheet] = (rows, columns)
        if percent:
            scan.shown[sheet] = _percent_cells(xml, percent)
    return scan


# A cell and its value: `<c r="D4" s="3"><v>0.25</v></c>` (a formula may come first).
_VALUE_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*[^/])>\s*(?:<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*)?'
                         rb'<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>')
_ATTRIBUTE = re.compile(rb'\b([rst])="([^"]*)"')
_PERCENT_FORMAT = re.compile(r'^[^"]*?0(?:\.(0+))?%')


def _percent_styles(archive: zipfile.ZipFile) -> dict[int, int]:
    """Return {cell style index: decimals} of the styles showing a
    percentage (built-in formats 9 and 10, or a custom `0.0%`)."""
    try:
        styles = archive.read("xl/styles.xml").decode("utf-8", "replace")
    except KeyError:
        return {}
    decimals = {9: 0, 10: 2}
    for number_format in re.finditer(r"<(?:\w+:)?numFmt\b[^>]*>", styles):
        ident = re.search(r'numFmtId="(\d+)"', number_format.group(0))
        code = re.search(r'formatCode="([^"]*)"', number_format.group(0))
        found = _PERCENT_FORMAT.match(unescape(code.group(1))) if code else None
        if ident and found:
            decimals[int(ident.group(1))] = len(found.group(1) or "")
    xfs = re.search(r"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", styles, re.S)
    percent = {}
    for index, xf in enumerate(re.finditer(r"<(?:\w+:)?xf\b[^>]*>", xfs.group(0) if xfs else "")):
        ident = re.search(r'numFmtId="(\d+)"', xf.group(0))
        if ident and int(ident.group(1)) in decimals:
            percent[index] = decimals[int(ident.group(1))]
    return percent


def _percent_cells(xml: bytes, percent: dict[int, int]) -> dict[tuple[int, int], str]:
    """Return {(row, column): `25%`} of the numeric cells styled as percent."""
    shown = {}
    for attributes, value in _VALUE_CELL.findall(xml):
        found = dict(_ATTRIBUTE.findall(attributes))
        style, kind, ref = found.get(b"s", b""), found.get(b"t", b"n"), found.get(b"r", b"")
        if kind != b"n" or not style.isdigit() or int(style) not in percent or not ref:
            continue
        where = re.fullmatch(rb"([A-Z]{1,3})(\d{1,7})", ref)
        try:
            number = float(value)
        except ValueError:
            continue
        if where:
            shown[(int(where.group(2)) - 1, column_index_from_string(where.group(1).decode()) - 1)] = (
                f"{number * 100:.{percent[int(style)]}f}%")
    return shown


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Return {sheet name: part path} from workbook.xml and its relations."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    try:
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
        ident = re.search(r'\bId="([^"]+)"', rel.group(0))
        target = re.search(r'\bTarget="([^"]+)"', rel.group(0))
        if ident and target:
            path = target.group(1).lstrip("/")
            targets[ident.group(1)] = path if path.startswith("xl/") else f"xl/{path}"
    parts = {}
    for sheet in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        sheet_name = re.search(r'\bname="([^"]*)"', sheet.group(0))
        ident = re.search(r'\br:id="([^"]+)"', sheet.group(0)) or re.search(r'\b\w+:id="([^"]+)"', sheet.group(0))
        if sheet_name and ident and ident.group(1) in targets:
            parts[unescape(sheet_name.group(1))] = targets[ident.group(1)]
    return parts


# BIFF records holding a cell value: (row, column) open their body.
_BIFF_CELLS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x0006, 0x0205, 0x00D6}
_BIFF_MULRK, _BIFF_BOUNDSHEET, _BIFF_EOF = 0x00BD, 0x0085, 0x000A


def _xls_extents(name: str, data: bytes) -> dict[str, tuple[int, int]]:
    """Return {sheet name: (rows, columns)} of an .xls/.et from its BIFF
    cell records, so that a sheet calamine would expand to 65536 x 256
    cells (1 GB) is refused first; {} when the file is not BIFF."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
            if stream is None:
                return {}
            biff = ole.openstream(stream).read()
    except (OSError, ValueError, IndexError, struct.error) as exc:
        raise UnknownFormat(BROKEN.format(name=name, why="文件已损坏")) from exc
    extents = {}
    for sheet_name, offset in _boundsheets(biff):
        extents[sheet_name] = _biff_extent(biff, offset)
    return extents


def _records(biff: bytes, offset: int):
    """Yield (type, body) of the BIFF records from `offset`."""
    while offset + 4 <= len(biff):
        kind, size = struct.unpack_from("<HH", biff, offset)
        yield kind, biff[offset + 4:offset + 4 + size]
        offset += 4 + size


def _boundsheets(biff: bytes) -> list[tuple[str, int]]:
    """Return (name, stream offset) of each sheet listed in the globals."""
    sheets = []
    for kind, body in _records(biff, 0):
        if kind == _BIFF_EOF:
            break
        if kind == _BIFF_BOUNDSHEET and len(body) >= 8:
            offset, count, flags = struct.unpack_from("<IBB", body, 0)[0], body[6], body[7]
            text = body[8:8 + count * 2].decode("utf-16-le", "replace") if flags & 1 else body[8:8 + count].decode("latin-1")
            sheets.append((text, offset))
    return sheets


def _biff_extent(biff: bytes, offset: int) -> tuple[int, int]:
    rows = columns = 0
    for kind, body in _records(biff, offset):
        if kind == _BIFF_EOF:
            break
        if len(body) < 6:
            continue
        if kind in _BIFF_CELLS:
            row, column = struct.unpack_from("<HH", body, 0)
        elif kind == _BIFF_MULRK:
            row, column = struct.unpack_from("<H", body, 0)[0], struct.unpack_from("<H", body, len(body) - 2)[0]
        else:
            continue
        rows, columns = max(rows, row + 1), max(columns, column + 1)
    return rows, columns


def _manifest(archive: zipfile.ZipFile) -> list[str]:
    try:
        return archive.read("META-INF/manifest.xml").decode("utf-8", "replace").splitlines()
    except KeyError:
        return []


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _ods_scan(archive: zipfile.ZipFile) -> Scan:
    """Return the extents, merged ranges and percentage cells of an .ods.

    Rows and cells may carry repeat counts (`number-rows-repeated`);
    a repeated row or cell with content counts as every copy, as calamine
    will expand it.  Merged ranges are `((r1, c1), (r2, c2))`, 0-based.
    """
    scan = Scan()
    sheet, row = "", 0
    with archive.open("content.xml") as fh:
        for event, element in etree.iterparse(fh, events=("start", "end"), resolve_entities=False,
                                              no_network=True, tag=(f"{_TABLE}table", f"{_TABLE}table-row")):
            if element.tag == f"{_TABLE}table":
                if event == "start":
                    sheet, row = element.get(f"{_TABLE}name", ""), 0
                    scan.extents[sheet], scan.merges[sheet], scan.shown[sheet] = (0, 0), [], {}
                else:
                    element.clear()
                continue
            if event == "start":
                continue
            repeat = _count(element.get(f"{_TABLE}number-rows-repeated"))
            last_column = _scan_ods_row(element, row, scan.merges[sheet], scan.shown[sheet])
            if last_column:
                rows, columns = scan.extents[sheet]
                scan.extents[sheet] = (max(rows, row + repeat), max(columns, last_column))
            row += repeat
            element.clear()
    return scan


def _scan_ods_row(element, row: int, merges: list, shown: dict[tuple[int, int], str]) -> int:
    """Record the merges starting in one row and its percentage cells (as
    printed in the cell); return its last filled column (1-based, 0 when
    the row is empty)."""
    column = last = 0
    for cell in element:
        if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            continue
        repeat = _count(cell.get(f"{_TABLE}number-columns-repeated"))
        if cell.get(f"{_OFFICE}value-type") or len(cell):
            last = column + repeat
        if cell.get(f"{_OFFICE}value-type") == "percentage" and repeat <= MAX_COLUMNS:
            text = "".join(cell.itertext()).strip()
            shown.update({(row, column + i): text for i in range(repeat)})
        rows_spanned = _count(cell.get(f"{_TABLE}number-rows-spanned"))
        columns_spanned = _count(cell.get(f"{_TABLE}number-columns-spanned"))
        if rows_spanned > 1 or columns_spanned > 1:
            merges.append(((row, column), (row + rows_spanned - 1, column + columns_spanned - 1)))
        column += repeat
    return last


def _count(value: str | None) -> int:
    """Return a repeat or span count; absurd values stay absurd (refused
    by the extent check), malformed ones count as 1."""
    try:
        return max(1, int(value)) if value else 1
    except ValueError:
        return 1


def is_master(data: bytes) -> bool:
    """Return True for a toolkit master workbook (sheets 重点工作 and
    发文信息), which holds a whole notice already, in the contract's form."""
    from ..workbook import layout

    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(_sheet_parts(archive))
    except ZIP_ERRORS:
        return False
    return {layout.TASKS, layout.META} <= names


# -- CSV ---------------------------------------------------------------------

CSV_BROKEN = "{name} 无法按 CSV 表格读取（第 {line} 行：{why}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。"
CSV_HUGE = ("{name} 有 {rows} 行以上或某行多于 {max_columns} 列，超出责任分解表格的合理大小，未读取。"
            "请删除多余内容后再导入。")


def csv_reading(name: str, data: bytes) -> tuple[Reading, str]:
    """Return (blocks, encoding) of a .csv file in any Chinese encoding,
    its delimiter (comma, tab or semicolon) found from its first lines.
    Lines are the file's own line numbers (a quoted cell may span lines)."""
    from .decode import decode

    if len(data) > MAX_BYTES:
        raise UnknownFormat(TOO_BIG.format(name=name, size=round(len(data) / 1048576, 1)))
    text, encoding = decode(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    grid: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            if len(grid) >= MAX_ROWS or len(record) > MAX_COLUMNS:
                raise UnknownFormat(CSV_HUGE.format(name=name, rows=MAX_ROWS, max_columns=MAX_COLUMNS))
            grid.append([c.strip() for c in record])
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UnknownFormat(CSV_BROKEN.format(name=name, line=reader.line_num, why=exc)) from exc
    blocks = rows_to_blocks(grid, set(), first_line=0)
    for block in blocks:
        block.line = lines[block.line]
    return Reading(blocks), encoding


def _delimiter(text: str) -> str:
    """Return the delimiter used most steadily on the first lines: the one
    found the same number of times (at least once) on most lines."""
    sample = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", -1
    for delimiter in (",", "\t", ";"):
        counts = [line.count(delimiter) for line in sample]
        used = [c for c in counts if c]
        if not used:
            continue
        common = max(set(used), key=used.count)
        score = used.count(common) * 1000 + common
        if score > best_score:
            best, best_score = delimiter, score
    return best
