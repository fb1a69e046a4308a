"""Read only the rows a command needs from a big worksheet.

进展 keeps every quarter of every year.  Collect needs the rows of the
quarter it merges; a command that only checks 进展's headers needs row 1.
Parsing the whole sheet (calamine builds every cell, Python an object per
cell) costs time and memory that grow with the years the master keeps.

Here the sheet XML is searched for row and cell tags without parsing any
cell.  A row is left out only when its key cell is plainly a text known
not to be wanted; every other row is handed to calamine inside a small
package holding the master's own shared strings, styles and date system,
so each cell is read exactly as a full read would read it.  A sheet whose
tags are not the plain ones every spreadsheet program writes (prefixes,
rows or cells without their reference) gets None: the caller reads it
whole, as before.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass

import python_calamine as calamine

from .package import MAIN_NS, PKG_REL_NS, REL_NS, get_column_letter

_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData\b[^>]*>")
_FIRST_ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
_WORKBOOK_PR = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*/>")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_REFS = re.compile(rb'(<(?:row|c) r="[A-Z]{0,3})(\d+)"')
_SI = re.compile(rb"<si>(.*?)</si>|<si/>", re.S)
_PLAIN_SI = re.compile(rb'<t(?: xml:space="preserve")?>([^<&]*)</t>')
# A prefixed row or cell tag (`:row`, `:c `, `:c>`, `:c/`): one search, not four.
_PREFIXED = re.compile(rb":(?:row|c[ >/])")
# A `<row` or `<c` not followed by its reference: one search where counting
# `<row`, `<row r="`, `<c` and `<c r="` took four passes over the sheet.
_UNREFERENCED = re.compile(rb'<(?:row|c)(?! r=")')


@dataclass
class Picked:
    """Row 1 of a sheet and the rows picked, by sheet row number."""

    header: list
    rows: dict[int, list]


def first_row(archive: zipfile.ZipFile, data: bytes) -> list | None:
    """Return the values of row 1 of the worksheet XML `data` (a part of
    `archive`), [] when it has no row 1, None when its first row tag is not
    plain.  Only that row is looked at: this costs nothing however long the
    sheet."""
    start = _SHEET_DATA.search(data)
    if start is None:
        return None
    found = _FIRST_ROW.search(data, start.end())
    if found is None or start.group(0).endswith(b"/>"):
        return []
    if not data.startswith(b'<row r="', found.start()):
        return None
    if not data.startswith(b'<row r="1"', found.start()):
        return []
    row = data[found.start():_row_end(data, found.start(), len(data))]
    if b"<![CDATA[" in row:
        return None
    return _read(archive, data[:start.end()], [row]).get(1, [])


def pick(archive: zipfile.ZipFile, data: bytes, numbers: Collection[int]) -> Picked | None:
    """Return row 1 and the rows `numbers` of the worksheet XML `data`,
    read by calamine; None when the sheet is not plain."""
    body = _body(data)
    return None if body is None else _pick(archive, data, body, numbers)


def _pick(archive: zipfile.ZipFile, data: bytes, body: tuple[int, int], numbers: Collection[int],
          header: bool = True) -> Picked:
    start, end = body
    spans: dict[int, bytes] = {}
    position = start
    for number in sorted({1, *numbers} if header else set(numbers) - {1}):
        tag = b'<row r="%d"' % number
        found = data.find(tag, position, end)
        if found < 0:
            found = data.find(tag, start, end)  # rows out of order: still found
        if found < 0:
            continue
        close = _row_end(data, found, end)
        spans[number] = data[found:close]
        position = close
    top = spans.pop(1, None)
    first = min(spans, default=2)
    chunks = [spans[n] for n in sorted(spans)]
    if top is not None:
        # Row 1 is moved next to the first row picked, so the small sheet
        # holds no empty rows between them.
        chunks.insert(0, _renumber(top, 1, first - 1))
    if not chunks:
        return Picked([], {})
    values = _read(archive, data[:start], chunks)
    # Rows between those picked come back empty from the small sheet: not read.
    rows = {number: values.get(number, []) for number in spans}
    return Picked(values.get(first - 1, []) if top is not None else [], rows)


def rows_where(archive: zipfile.ZipFile, data: bytes, header: str, wanted: Collection[str]) -> Picked | None:
    """Return row 1 and every row whose cell under the row-1 header
    `header` may hold one of the texts `wanted` (non-empty, compared
    stripped); None when the sheet is not plain or lacks that header.  A
    row is left out only when that cell is plainly another text: anything
    the search cannot tell for sure is read."""
    head = first_row(archive, data)
    column = next((i for i, v in enumerate(head or []) if isinstance(v, str) and v.strip() == header), None)
    body = _body(data) if column is not None else None
    if body is None:
        return None
    start, end = body
    letters = get_column_letter(column + 1).encode()
    want = {w.strip() for w in wanted}
    want_bytes = {w.encode("utf-8") for w in want}
    # {row: whether its cell is wanted}, for the rows whose cell is known text.
    known: dict[int, bool] = {}
    inline = re.compile(rb'<c r="' + letters + rb'(\d+)"(?: s="\d+")? t="inlineStr"><is>'
                        rb'<t(?: xml:space="preserve")?>([^<&]*)</t></is></c>')
    for number, text in inline.findall(data, start, end):
        if b"_x" not in text:
            known[int(number)] = text in want_bytes or (not _bare(text) and
                                                        text.decode("utf-8", "replace").strip() in want)
    shared = re.compile(rb'<c r="' + letters + rb'(\d+)"(?: s="\d+")? t="s"><v>(\d+)</v></c>')
    found = [(int(n), int(i)) for n, i in shared.findall(data, start, end) if n != b"1"]
    if found:
        strings = _plain_strings(archive)
        for number, index in found:
            text = strings[index] if index < len(strings) else None
            if text is not None:
                known[number] = text.strip() in want
    numbers = {n for n, taken in known.items() if taken}
    cells = data.count(b'<c r="' + letters, start, end) - (data.find(b'<c r="' + letters + b'1"', start, end) >= 0)
    if cells != len(known):
        # Some cells of the column are not plain text: read those rows too.
        every = {int(n) for n in re.compile(rb'<c r="' + letters + rb'(\d+)"').findall(data, start, end)}
        numbers |= every - set(known) - {1}
    picked = _pick(archive, data, body, numbers, header=False)
    picked.header = head
    return picked


def _bare(text: bytes) -> bool:
    """Return True when `text` is ASCII with no white space or control
    character at either end: decoded and stripped it is itself, so it is
    compared as bytes (a 进展 of four quarters holds 50,000 such cells)."""
    return text.isascii() and text[:1] > b" " and text[-1:] > b" "


def _body(data: bytes) -> tuple[int, int] | None:
    """Return where the rows of a plain worksheet lie, or None."""
    start = _SHEET_DATA.search(data)
    if start is None or b"<![CDATA[" in data:
        return None
    if start.group(0).endswith(b"/>"):
        return start.end(), start.end()
    begin, end = start.end(), data.rfind(b"</sheetData>")
    if end < begin:
        return None
    # Every row and cell tag carries its reference, with no prefix: counted,
    # not parsed (a prefix, or rich text inside a cell, means "not plain").
    if _PREFIXED.search(data, begin, end):
        return None
    if _UNREFERENCED.search(data, begin, end):
        return None
    return begin, end


def _row_end(data: bytes, start: int, end: int) -> int:
    tag_end = data.index(b">", start)
    if data[tag_end - 1:tag_end] == b"/":
        return tag_end + 1
    return data.index(b"</row>", tag_end, end) + len(b"</row>")


def _renumber(row: bytes, old: int, new: int) -> bytes:
    if old == new:
        return row
    old_digits = str(old).encode()
    return _REFS.sub(lambda m: m.group(1) + (str(new).encode() if m.group(2) == old_digits else m.group(2)) + b'"',
                     row)


def _parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Return {relationship type suffix: part} of the workbook's parts
    (styles, sharedStrings)."""
    out = {}
    for tag in _RELATIONSHIP.findall(archive.read("xl/_rels/workbook.xml.rels")):
        kind = re.search(rb'Type="[^"]*/(\w+)"', tag)
        target = re.search(rb'Target="([^"]*)"', tag)
        if kind and target:
            name = target.group(1).decode("utf-8")
            out[kind.group(1).decode()] = name.lstrip("/") if name.startswith("/") else "xl/" + name
    return out


def _plain_strings(archive: zipfile.ZipFile) -> list[str | None]:
    """Return the shared strings, None for one that is not a single plain
    text (rich text, phonetic runs, entities, escapes): those are read by
    calamine.  Empty when the table cannot be followed string by string."""
    part = _parts(archive).get("sharedStrings")
    if part is None or part not in archive.NameToInfo:
        return []
    data = archive.read(part)
    if b":si" in data or len(_SI.findall(data)) != len(re.findall(rb"<si[\s/>]", data)):
        return []
    out: list[str | None] = []
    for match in _SI.finditer(data):
        inner = match.group(1)
        plain = _PLAIN_SI.fullmatch(inner) if inner is not None else None
        text = "" if inner is None else plain.group(1) if plain else None
        out.append(None if text is None or b"_x" in text else text.decode("utf-8", "replace"))
    return out


def _read(archive: zipfile.ZipFile, head: bytes, rows: list[bytes]) -> dict[int, list]:
    """Return {row number: values} of `rows` (row XML, in order) as calamine
    reads them in a sheet of a package with the master's shared strings,
    styles and date system; `head` is the sheet XML up to <sheetData>."""
    head = _DIMENSION.sub(b"", head, count=1)
    root = re.search(rb"<((?:\w+:)?worksheet)\b", head)
    sheet = head + b"".join(rows) + b"</sheetData></" + (root.group(1) if root else b"worksheet") + b">"
    parts = _parts(archive)
    kept = {kind: parts[kind] for kind in ("styles", "sharedStrings")
            if kind in parts and parts[kind] in archive.NameToInfo}
    book = archive.read("xl/workbook.xml")
    settings = _WORKBOOK_PR.search(book)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        out.writestr("[Content_Types].xml", _content_types(kept))
        out.writestr("_rels/.rels", f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
                     f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        out.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'.encode()
                     + (settings.group(0) if settings else b"")
                     + b'<sheets><sheet name="S" sheetId="1" r:id="rIdS"/></sheets></workbook>')
        rels = [f'<Relationship Id="rIdS" Type="{REL_NS}/worksheet" Target="/xl/pick/sheet.xml"/>']
        rels += [f'<Relationship Id="rId{kind}" Type="{REL_NS}/{kind}" Target="/{part}"/>' for kind, part in kept.items()]
        out.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG_REL_NS}">{"".join(rels)}</Relationships>')
        out.writestr("xl/pick/sheet.xml", sheet)
        for part in kept.values():
            out.writestr(part, archive.read(part))
    workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(buffer.getvalue()))
    try:
        found = workbook.get_sheet_by_name("S")
        top, left = found.start or (0, 0)
        grid = found.to_python(skip_empty_area=True) if rows else []
    finally:
        workbook.close()
    pad = [""] * left
    return {top + 1 + index: pad + values for index, values in enumerate(grid)}


def _content_types(kept: dict[str, str]) -> str:
    types = {"styles": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
             "sharedStrings": "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"}
    overrides = "".join(f'<Override PartName="/{part}" ContentType="{types[kind]}"/>' for kind, part in kept.items())
    return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/pick/sheet.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            f"{overrides}</Types>")
