"""Measure a returned workbook's sheets from their XML, before any parser
builds a cell grid.

calamine builds the whole rectangle from A1 to the last non-empty cell as
soon as a sheet is opened: one cell at XFD1048576 in a 6 KB file asks for
549 GB and aborts the process.  So the extent of every sheet is read here
first, by a bounded scan of the unpacked XML, and a sheet far larger than a
form is refused before calamine sees it.  The same scan notes which cells
carry a percent format, so `50%` stored by Excel as 0.5 can be told from a
unit that typed 0.5.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

# A form holds a few thousand cells; more XML elements than this in one
# sheet is no form, and scanning them would cost seconds.
MAX_ELEMENTS = 200_000
MAX_PART = 16 * 1024 * 1024  # unpacked bytes of one sheet part

TOO_MANY = "工作表「{sheet}」内容异常庞大（{count} 个单元格元素），不像是进展表，未读取。"


class ExtentError(Exception):
    """A sheet cannot be measured or is absurdly large; the text is for the clerk."""


@dataclass
class Extent:
    """The used size of one sheet (rows and columns up to the last cell
    holding something) and the 0-based (row, column) of cells whose number
    format is a percentage."""

    rows: int = 0
    cols: int = 0
    percent: set[tuple[int, int]] = field(default_factory=set)


def scan(archive: zipfile.ZipFile, suffix: str, parts: dict[str, bytes] | None = None) -> dict[str, Extent]:
    """Return {sheet name: Extent} of an .xlsx/.xlsm or .ods archive;
    `parts`, when given, receives {part: XML} of every sheet unpacked, so a
    caller that looks at a sheet again does not unpack it twice.

    Raises ExtentError when a sheet part is missing, too big or holds more
    elements than any form.
    """
    if suffix == ".ods":
        return _scan_ods(_read(archive, "content.xml", "content.xml"))
    return _scan_xlsx(archive, {} if parts is None else parts)


def _read(archive: zipfile.ZipFile, part: str, sheet: str) -> bytes:
    try:
        info = archive.getinfo(part)
    except KeyError as exc:
        raise ExtentError(f"文件缺少工作表「{sheet}」的内容（{part}），可能已损坏，未读取。") from exc
    if info.file_size > MAX_PART:
        raise ExtentError(f"工作表「{sheet}」解压后过大（{info.file_size // 1048576} MB），不像是进展表，未读取。")
    with archive.open(info) as fh:
        data = fh.read(MAX_PART + 1)
    if len(data) > MAX_PART:  # the size in the directory lied
        raise ExtentError(f"工作表「{sheet}」解压后过大，不像是进展表，未读取。")
    return data


# --- xlsx -------------------------------------------------------------------

_SHEET = re.compile(rb"<(?:\w+:)?sheet(?=[\s/>])([^>]*)>")
_REL = re.compile(rb"<(?:\w+:)?Relationship(?=[\s/>])([^>]*)>")
_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_CELL_OR_ROW = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s/>])([^>]*?)(/?)>")
_REF = re.compile(r"([A-Za-z]{1,3})?(\d+)?")


def _attrs(raw: bytes) -> dict[str, str]:
    """Return the attributes of a tag, names without their prefix."""
    out = {}
    for name, dq, sq in _ATTR.findall(raw):
        key = name.decode("ascii", "replace").rsplit(":", 1)[-1]
        value = (dq or sq).decode("utf-8", "replace")
        out.setdefault(key, html.unescape(value) if "&" in value else value)
    return out


def _scan_xlsx(archive: zipfile.ZipFile, parts: dict[str, bytes]) -> dict[str, Extent]:
    percent_styles = _percent_styles(archive)
    out = {}
    for name, part in _sheet_parts(archive).items():
        data = parts[part] if part in parts else _read(archive, part, name)
        parts[part] = data
        out[name] = _scan_sheet(data, name, percent_styles)
    return out


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Return {sheet name: zip part} from xl/workbook.xml and its rels."""
    book = _read(archive, "xl/workbook.xml", "workbook.xml")
    rels = _read(archive, "xl/_rels/workbook.xml.rels", "workbook.xml.rels")
    targets = {}
    for raw in _REL.findall(rels):
        a = _attrs(raw)
        target = a.get("Target", "")
        if target.startswith("/"):
            part = target.lstrip("/")
        else:
            part = posixpath.normpath(posixpath.join("xl", target))
        targets[a.get("Id", "")] = part
    parts = {}
    for raw in _SHEET.findall(book):
        a = _attrs(raw)
        if "name" not in a:
            continue
        part = targets.get(a.get("id", ""))
        if part is None:
            raise ExtentError(f"工作表「{a['name']}」找不到对应的内容，文件可能已损坏，未读取。")
        parts[a["name"]] = part
    return parts


def _percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """Return the indexes of cellXfs whose number format shows a percentage."""
    try:
        data = _read(archive, "xl/styles.xml", "styles.xml")
    except ExtentError:
        return set()
    # Only small parts are cached: a hostile one may be megabytes.
    return set(_percent_xfs(data) if len(data) <= 262_144 else _percent_xfs.__wrapped__(data))


@functools.lru_cache(maxsize=16)
def _percent_xfs(data: bytes) -> frozenset[int]:
    """Return the percent cellXfs of styles.xml `data`; cached, as the
    returns of one run mostly carry the same styles part."""
    styles = data.decode("utf-8", "replace")
    custom = set()
    for found in re.finditer(r"<(?:\w+:)?numFmt\b([^>]*)>", styles):
        a = _attrs(found.group(1).encode())
        code = re.sub(r'"[^"]*"|\\.', "", a.get("formatCode", ""))
        if "%" in code:
            custom.add(a.get("numFmtId", ""))
    xfs = re.search(r"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", styles, re.S)
    if not xfs:
        return frozenset()
    out = set()
    for index, found in enumerate(re.finditer(r"<(?:\w+:)?xf\b([^>]*)>", xfs.group(1))):
        fmt = _attrs(found.group(1).encode()).get("numFmtId", "0")
        if fmt in ("9", "10") or fmt in custom:
            out.add(index)
    return frozenset(out)


def _column(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def _scan_sheet(data: bytes, name: str, percent_styles: set[int]) -> Extent:
    """Follow rows and cells as a reader does (a missing `r` means "the next
    one") and keep the extent of the cells that hold something."""
    # Each element counted takes two bytes at least: a part shorter than
    # twice the bound cannot exceed it, and is not counted (three passes).
    if len(data) > 2 * MAX_ELEMENTS:
        count = data.count(b"<c") + data.count(b":c ") + data.count(b"<row")
        if count > MAX_ELEMENTS:
            raise ExtentError(TOO_MANY.format(sheet=name, count=count))
    plain = _plain_extent(data, percent_styles)
    if plain is not None:
        return plain
    extent = Extent()
    row, col = 0, 0
    for tag, raw, empty in _CELL_OR_ROW.findall(data):
        a = _attrs(raw) if raw else {}
        if tag == b"row":
            row = int(a["r"]) if a.get("r", "").isdigit() else row + 1
            col = 0
            continue
        letters, digits = _REF.match(a.get("r", "")).groups()
        col = _column(letters) if letters else col + 1
        if digits:
            row = int(digits)
        if empty:
            continue  # a styled empty cell: readers skip it
        extent.rows, extent.cols = max(extent.rows, row), max(extent.cols, col)
        style = a.get("s", "")
        if style.isdigit() and int(style) in percent_styles and a.get("t", "n") == "n":
            extent.percent.add((row - 1, col - 1))
    return extent


# Rows and cells exactly as Excel, WPS, LibreOffice and openpyxl write them:
# no prefix, `r` first, then `s`, then `t`, one space apart.
_PLAIN_ROW = re.compile(rb'<row r="\d+"(?:\s[^>]*)?/?>')
_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"(?: s="(\d+)")?(?: t="([a-zA-Z]+)")?(/?)>')
_ANY_TAG = re.compile(rb"<(?:row|c)[\s/>]")
_PREFIX = re.compile(rb":(?:c|row)")  # one search for b":c" or b":row"


def _plain_extent(data: bytes, percent_styles: set[int]) -> Extent | None:
    """Return the extent of a sheet whose every row and cell tag is plain,
    or None to follow the tags one by one.  With every cell's `r` given,
    rows and columns come from the cells alone: this reads a form's sheet
    in a few regular-expression passes instead of a Python step per tag."""
    if _PREFIX.search(data):
        return None  # prefixed tags (or text that looks like them)
    cells = _PLAIN_CELL.findall(data)
    if len(cells) + len(_PLAIN_ROW.findall(data)) != len(_ANY_TAG.findall(data)):
        return None
    full = [cell for cell in cells if not cell[4]]  # a styled empty cell: readers skip it
    extent = Extent()
    if full:
        extent.rows = max(map(int, {cell[1] for cell in full}))
        extent.cols = max(_column(letters.decode()) for letters in {cell[0] for cell in full})
    if percent_styles:
        extent.percent = {(int(digits) - 1, _column(letters.decode()) - 1)
                          for letters, digits, style, kind, _ in full
                          if style and int(style) in percent_styles and kind in (b"", b"n")}
    return extent


# --- ods --------------------------------------------------------------------

_ODS_TAG = re.compile(
    rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>")


def _scan_ods(data: bytes) -> dict[str, Extent]:
    """Measure every table of content.xml, counting repeated rows and cells:
    one cell repeated a million times is a million cells to a reader."""
    count = data.count(b"<table:table-cell") + data.count(b"<table:covered-table-cell") + data.count(b"<table:table-row")
    if count > MAX_ELEMENTS:
        raise ExtentError(TOO_MANY.format(sheet="content.xml", count=count))
    out: dict[str, Extent] = {}
    extent, name = Extent(), ""
    row = col = repeat_rows = 0
    row_used = False
    for closing, tag, raw, empty in _ODS_TAG.findall(data):
        a = _attrs(raw) if raw else {}
        if tag == b"table":
            if closing:
                out[name] = extent
            elif not empty:
                name, extent, row = a.get("name", ""), Extent(), 0
            continue
        if tag == b"table-row":
            if not closing:
                repeat_rows, col, row_used = _repeat(a, "number-rows-repeated"), 0, False
            if closing or empty:
                if row_used:
                    extent.rows = max(extent.rows, row + repeat_rows)
                row += repeat_rows
            continue
        if closing:
            continue
        repeat = _repeat(a, "number-columns-repeated")
        if "value-type" in a or not empty:
            row_used = True
            extent.cols = max(extent.cols, col + repeat)
            if a.get("value-type") == "percentage":
                extent.percent.add((row, col))
        col += repeat
    return out


def _repeat(attrs: dict[str, str], key: str) -> int:
    value = attrs.get(key, "1")
    return int(value) if value.isdigit() else 1
