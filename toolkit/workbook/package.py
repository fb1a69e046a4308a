"""Edit an .xlsx/.xlsm package part by part, keeping every other part.

openpyxl's load-and-save rewrites the whole file and drops what it does not
model: pictures, charts, text boxes, sparklines, rich text, macros, the
stored result of every formula.  A command that owns a few sheets changes
only their worksheet XML here; every other zip member is copied as stored
(its compressed bytes, unchanged).  Rows written here hold inline strings,
so sharedStrings.xml is never touched.  A new sheet means a minimal edit of
workbook.xml, its relationships and [Content_Types].xml.
"""

from __future__ import annotations

import copy
import io
import re
import struct
import zipfile
import zlib
from functools import lru_cache
from html import escape as _html_escape
from pathlib import Path

WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_REL = REL_NS + "/worksheet"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Excel's limit on the characters of one cell: longer text is cut there,
# as xlsxwriter cuts it, or Excel asks to repair the file.
MAX_CELL = 32767
# Characters XML 1.0 cannot hold (a return may carry them) and lone
# surrogates UTF-8 cannot encode; dropped.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Most cell text needs neither escaping nor cleaning: one search says so.
_NOT_PLAIN = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?/>')


# Cell addressing and escaping by hand: openpyxl.utils imports all of
# openpyxl (a fifth of a second) and xml.sax.saxutils imports urllib, a
# cost every command paid for two small functions.
@lru_cache(maxsize=None)
def get_column_letter(index: int) -> str:
    """Return the letters of column `index` (1 → A, 27 → AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index_from_string(letters: str) -> int:
    """Return the number of column `letters` (A → 1, AA → 27)."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


def escape(text: str, quotes: bool = False) -> str:
    """Return `text` escaped for XML content (and attributes with `quotes`)."""
    return _html_escape(text, quote=quotes)


def _attr(tag: bytes, name: bytes) -> str:
    match = re.search(rb'(?:^|\s)' + re.escape(name) + rb'="([^"]*)"', tag)
    return match.group(1).decode("utf-8") if match else ""


def unescape(text: str) -> str:
    """Return attribute or text XML with its five entities resolved."""
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


class Package:
    """An open .xlsx package: sheet parts by name, replaced parts, new sheets."""

    def __init__(self, path: Path | io.BytesIO):
        # A package just written in memory (write.py) opens as it is.
        self.path = path if isinstance(path, io.BytesIO) else Path(path)
        self.zip = zipfile.ZipFile(self.path)
        # A replaced part is its bytes, or a list of pieces (bytes or
        # memoryviews) written one after the other: a big sheet with rows
        # appended is never joined into one more copy.
        self.replaced: dict[str, bytes | list] = {}
        self._sheets = self._sheet_parts()

    def close(self) -> None:
        self.zip.close()

    def _sheet_parts(self) -> dict[str, str]:
        """Return {sheet name: worksheet part} from workbook.xml and its rels."""
        rels = {}
        for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", self.zip.read(WORKBOOK_RELS)):
            target = _attr(tag, b"Target")
            target = target.lstrip("/") if target.startswith("/") else "xl/" + target
            rels[_attr(tag, b"Id")] = target
        parts = {}
        for tag in _SHEET.findall(self.zip.read(WORKBOOK)):
            rid = next((v.decode() for k, v in re.findall(rb'(\w+:id)="([^"]*)"', tag)), "")
            parts[unescape(_attr(tag, b"name"))] = rels.get(rid, "")
        return parts

    @property
    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def sheet_part(self, name: str) -> str | None:
        return self._sheets.get(name)

    def read(self, part: str) -> bytes:
        if part not in self.replaced:
            return self.zip.read(part)
        data = self.replaced[part]
        return data if isinstance(data, bytes) else b"".join(data)

    def replace(self, part: str, data: bytes | list) -> None:
        self.replaced[part] = data

    def add_sheet(self, name: str, data: bytes, state: str = "") -> str:
        """Add a worksheet `name` holding `data` (`state`: '' visible,
        `hidden`, `veryHidden`); return its part name."""
        names = set(self.zip.namelist()) | set(self.replaced)
        number = 1
        while f"xl/worksheets/sheet{number}.xml" in names:
            number += 1
        part = f"xl/worksheets/sheet{number}.xml"
        rels = self.read(WORKBOOK_RELS).decode("utf-8")
        ids = set(re.findall(r'Id="([^"]*)"', rels))
        rid = next(f"rIdT{n}" for n in range(1, 10_000) if f"rIdT{n}" not in ids)
        rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{SHEET_REL}" '
                            f'Target="worksheets/sheet{number}.xml"/></Relationships>')
        book = self.read(WORKBOOK).decode("utf-8")
        sheet_ids = [int(i) for i in re.findall(r'<(?:\w+:)?sheet\b[^>]*?sheetId="(\d+)"', book)]
        tag = re.search(r"<(\w+:)?sheets\b", book)
        ns = tag.group(1) or "" if tag else ""
        quoted = escape(name, quotes=True)
        shown = f' state="{state}"' if state else ""
        entry = (f'<{ns}sheet name="{quoted}" sheetId="{max(sheet_ids, default=0) + 1}"{shown} '
                 f'xmlns:r="{REL_NS}" r:id="{rid}"/>')
        book = re.sub(rf"</{re.escape(ns)}sheets>", lambda _: entry + f"</{ns}sheets>", book, count=1)
        types = self.read(CONTENT_TYPES).decode("utf-8")
        types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{SHEET_TYPE}"/></Types>')
        self.replace(WORKBOOK_RELS, rels.encode("utf-8"))
        self.replace(WORKBOOK, book.encode("utf-8"))
        self.replace(CONTENT_TYPES, types.encode("utf-8"))
        self.replace(part, data)
        self._sheets[name] = part
        return part

    def save(self, target: Path) -> None:
        """Write the package to `target`: replaced parts deflated anew, every
        other member copied byte for byte as stored."""
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in self.zip.infolist():
                if info.filename in self.replaced:
                    data = self.replaced[info.filename]
                    _write_pieces(out, _fresh_info(info), [data] if isinstance(data, bytes) else data)
                else:
                    _copy_raw(self.zip, info, out)
            for part, data in self.replaced.items():
                if part not in self.zip.NameToInfo:
                    out.writestr(zipfile.ZipInfo(part, date_time=(2020, 1, 1, 0, 0, 0)),
                                 data if isinstance(data, bytes) else b"".join(data),
                                 compress_type=zipfile.ZIP_DEFLATED)


def _fresh_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    new.compress_type = zipfile.ZIP_DEFLATED
    new.external_attr = info.external_attr
    return new


def _level(size: int) -> int:
    """Deflate big owned sheets fast: level 1 costs a third of level 6's
    time on sheet XML for a few per cent more bytes."""
    return 1 if size > 4_000_000 else 6


def _write_pieces(out: zipfile.ZipFile, info: zipfile.ZipInfo, pieces: list) -> None:
    """Write a member whose content is `pieces` one after the other,
    deflated as they come: the whole content is never joined in memory."""
    size = sum(len(piece) for piece in pieces)
    deflate = zlib.compressobj(_level(size), zlib.DEFLATED, -15)
    crc, packed = 0, []
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
        packed.append(deflate.compress(piece))
    packed.append(deflate.flush())
    raw = b"".join(packed)
    info.CRC, info.file_size, info.compress_size = crc, size, len(raw)
    info.flag_bits &= ~0x08
    info.header_offset = out.fp.tell()
    out.fp.write(info.FileHeader(zip64=size > zipfile.ZIP64_LIMIT))
    out.fp.write(raw)
    out.filelist.append(info)
    out.NameToInfo[info.filename] = info
    out.start_dir = out.fp.tell()
    out._didModify = True


def _copy_raw(source: zipfile.ZipFile, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
    """Copy a member's stored (compressed) bytes without inflating them."""
    fp = source.fp
    fp.seek(info.header_offset)
    header = fp.read(30)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    fp.seek(info.header_offset + 30 + name_length + extra_length)
    raw = fp.read(info.compress_size)
    new = copy.copy(info)
    new.flag_bits &= ~0x08  # sizes and CRC go in the local header: no data descriptor
    new.extra = b""
    new.header_offset = out.fp.tell()
    out.fp.write(new.FileHeader(zip64=False))
    out.fp.write(raw)
    out.filelist.append(new)
    out.NameToInfo[new.filename] = new
    out.start_dir = out.fp.tell()
    out._didModify = True


# --- worksheet XML -----------------------------------------------------------

def cell_xml(ref: str, value: object, style: int | None = None) -> str:
    """Return one cell: numbers as numbers, everything else inline text
    (never a formula, whatever it starts with); `style` is a cell format
    index of styles.xml."""
    shown = f'<c r="{ref}"' if style is None else f'<c r="{ref}" s="{style}"'
    if isinstance(value, bool) or value is None or value == "":
        value = "" if value is None else value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'{shown}><v>{value!r}</v></c>' if isinstance(value, float) else f'{shown}><v>{value}</v></c>'
    text = str(value)[:MAX_CELL]
    if _NOT_PLAIN.search(text):
        text = escape(_ILLEGAL.sub("", text))
    return f'{shown} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def row_xml(number: int, values: dict[int, object], style: int | None = None) -> str:
    """Return `<row>` number `number` with {column number: value}.  Plain
    text, most cells of a master, is written inline here: a new city
    master has some 40,000 cells."""
    shown = "" if style is None else f' s="{style}"'
    cells = []
    for column, value in sorted(values.items()):
        if value is None or value == "":
            continue
        ref = f"{get_column_letter(column)}{number}"
        if value.__class__ is str and len(value) <= MAX_CELL and not _NOT_PLAIN.search(value):
            cells.append(f'<c r="{ref}"{shown} t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>')
        else:
            cells.append(cell_xml(ref, value, style))
    return f'<row r="{number}">{"".join(cells)}</row>'


def new_sheet_xml(headers: tuple[str, ...]) -> bytes:
    """Return a worksheet holding only a header row (frozen, filtered)."""
    last = get_column_letter(len(headers))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}">'
            f'<dimension ref="A1:{last}1"/><sheetViews><sheetView workbookViewId="0">'
            f'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><sheetData>{row_xml(1, dict(enumerate(headers, start=1)))}'
            f'</sheetData><autoFilter ref="A1:{last}1"/></worksheet>').encode("utf-8")


_ROW_START = re.compile(rb"<(?:\w+:)?row\b[^>]*>")


class SheetXml:
    """Edits of one worksheet part: appended rows, rewritten rows, header
    cells added, the whole sheetData replaced; applied in one pass."""

    def __init__(self, data: bytes):
        self.data = data
        start = re.search(rb"<(\w+:)?sheetData\s*/>|<(\w+:)?sheetData\b[^>]*>", data)
        if start is None:
            raise ValueError("no sheetData")
        self.prefix = (start.group(1) or start.group(2) or b"").decode()
        self.empty = start.group(0).endswith(b"/>")
        self.start, self.body_start = start.start(), start.end()
        close = f"</{self.prefix}sheetData>".encode()
        self.body_end = self.body_start if self.empty else data.rindex(close)
        self.end = start.end() if self.empty else self.body_end + len(close)
        self.last_row = self._last_row()
        self.appended: list[str] = []
        self.rewritten: dict[int, dict[int, object]] = {}
        self.whole: dict[int, dict[int, object]] | None = None

    def _last_row(self) -> int:
        tail = self.data[max(self.body_start, self.body_end - 200_000):self.body_end]
        numbers = re.findall(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"', tail)
        if numbers:
            return int(numbers[-1])
        numbers = re.findall(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"', self.data[self.body_start:self.body_end])
        return int(numbers[-1]) if numbers else 0

    def append(self, values: dict[int, object], style: int | None = None) -> int:
        self.last_row += 1
        self.appended.append(row_xml(self.last_row, values, style))
        return self.last_row

    def rewrite(self, number: int, values: dict[int, object]) -> None:
        """Set cells of an existing row; its other cells stay as they are."""
        self.rewritten.setdefault(number, {}).update(values)

    def replace_rows(self, rows: dict[int, dict[int, object]]) -> None:
        """Drop every data row (row 2 on) for `rows`; row 1 is rewritten by
        the caller.  For small owned sheets whose rows were deleted."""
        self.whole = rows
        self.appended = []
        self.last_row = max(rows, default=1)

    def add_header(self, column: int, text: str) -> None:
        self.rewrite(1, {column: text})

    def result(self, width: int) -> bytes:
        return b"".join(self.pieces(width))

    def pieces(self, width: int) -> list:
        """Return the edited sheet as pieces to write one after the other;
        rows kept as they were are a view of the old XML, not a copy."""
        body = memoryview(self.data)[self.body_start:self.body_end]
        if self.whole is not None:
            rows = dict(self.whole)
            for number, cells in self.rewritten.items():
                rows[number] = {**rows.get(number, {}), **cells}
            body = "".join(row_xml(n, cells) for n, cells in sorted(rows.items())).encode("utf-8")
        elif self.rewritten:
            body = self._patched(body)
        added = "".join(self.appended).encode("utf-8")
        p = self.prefix
        head = self.data[:self.start]
        tail = self.data[self.end:]
        last = get_column_letter(max(width, 1))
        rows = max(self.last_row, 1)
        head = re.sub(rb'(<(?:\w+:)?dimension\b[^>]*?ref=")[^"]*(")', rb"\g<1>A1:" + f"{last}{rows}".encode() + rb"\g<2>",
                      head, count=1)
        tail = re.sub(rb'(<(?:\w+:)?autoFilter\b[^>]*?ref=")([A-Z]+1):[A-Z]+\d+(")',
                      lambda m: m.group(1) + m.group(2) + b":" + f"{last}{rows}".encode() + m.group(3), tail, count=1)
        body = body if isinstance(body, list) else [body]
        return [head + f"<{p}sheetData>".encode(), *body, added, f"</{p}sheetData>".encode() + tail]

    def _patched(self, body: memoryview) -> list:
        """Return `body` with the cells of rewritten rows set, as pieces
        (the rows between them are views of the old XML)."""
        out, position = [], 0
        for match in _ROW_START.finditer(body):
            tag = match.group(0)
            number = int(_attr(tag, b"r") or 0)
            if number not in self.rewritten:
                continue
            end = match.end() if tag.endswith(b"/>") else _ROW_END.search(body, match.end()).end()
            out.append(body[position:match.start()])
            out.append(_patch_row(bytes(body[match.start():end]), number, self.rewritten.pop(number)))
            position = end
        out.append(body[position:])
        for number, cells in sorted(self.rewritten.items()):
            out.append(row_xml(number, cells).encode("utf-8"))  # rows that were empty before
        return out


_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)\d+"[^>]*?\bs="(\d+)"')


_CELL_ELEMENT = re.compile(rb"<(?:\w+:)?c\b[^>]*?(?:/>|>.*?</(?:\w+:)?c>)", re.S)


def _patch_row(row: bytes, number: int, cells: dict[int, object]) -> bytes:
    """Return `row` with `cells` ({column: value}) set: each new cell keeps
    the style its column had there; the row's other cells (formulas, shared
    strings, rich text) stay byte for byte."""
    start = re.match(rb"<(?:\w+:)?row\b([^>]*?)(/?)>", row)
    inner = b"" if start.group(2) else row[start.end():row.rfind(b"</")]
    existing: dict[int, bytes] = {}
    for match in _CELL_ELEMENT.finditer(inner):
        ref = _attr(match.group(0).split(b">", 1)[0], b"r")
        letters = "".join(ch for ch in ref if ch.isalpha())
        if letters:
            existing[column_index_from_string(letters)] = match.group(0)
    for column, value in cells.items():
        style = _attr(existing[column].split(b">", 1)[0], b"s") if column in existing else ""
        xml = cell_xml(f"{get_column_letter(column)}{number}", value)
        if style:
            xml = xml.replace(f'<c r="{get_column_letter(column)}{number}"',
                              f'<c r="{get_column_letter(column)}{number}" s="{style}"', 1)
        if value in ("", None):
            existing.pop(column, None)
            if style:
                existing[column] = f'<c r="{get_column_letter(column)}{number}" s="{style}"/>'.encode()
            continue
        existing[column] = xml.encode("utf-8")
    # Height and hidden state stay; spans is a hint the new cells may outgrow.
    attrs = re.sub(rb'\s+spans="[^"]*"', b"", start.group(1))
    return b"<row" + attrs + b">" + b"".join(existing[c] for c in sorted(existing)) + b"</row>"
