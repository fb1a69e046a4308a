"""Append rows to one sheet of an .xlsx without touching any other part.

The 催办记录 sheet is the only thing remind changes in the master, so it is
edited in the package itself: its worksheet XML gets the new rows (inline
strings, so the shared-string table stays as it is), or a new worksheet
part is added with its entries in workbook.xml, the relationships and the
content types.  Every other part is copied byte for byte: the clerk's
formatting, charts and pictures survive, which a full openpyxl load and
save would not guarantee, and a 3,000-task master is not re-serialised.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from ..workbook.package import (CONTENT_TYPES, MAIN_NS, PKG_REL_NS, REL_NS, SHEET_REL, SHEET_TYPE, WORKBOOK,
                                WORKBOOK_RELS, cell_xml, column_index_from_string, get_column_letter, row_xml)

CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def append_rows(source: Path, target: Path, sheet: str, headers: Sequence[str],
                rows: Sequence[dict[str, object]]) -> None:
    """Write to `target` a copy of the workbook `source` whose sheet
    `sheet` has `rows` ({header: value}) appended; the sheet is created
    with `headers` when absent.  In an existing sheet values go under the
    row-1 header of the same text, wherever the clerk moved it; a header
    the sheet lacks is added after its last column.
    """
    existing = read_sheet_headers(source, sheet)
    columns = list(existing or []) or list(headers)
    added = [h for h in headers if h not in columns]
    columns += added
    values = [[row.get(h, "") if h else "" for h in columns] for row in rows]
    with zipfile.ZipFile(source) as package:
        names = package.namelist()
        workbook = etree.fromstring(package.read(WORKBOOK), _PARSER)
        rels = etree.fromstring(package.read(WORKBOOK_RELS), _PARSER)
        part = _sheet_part(workbook, rels, sheet)
        changed: dict[str, bytes] = {}
        if part is None:
            part = _new_part_name(names)
            changed.update(_register(package, workbook, rels, sheet, part))
            changed[part] = _new_sheet(columns, values)
        else:
            first = len(columns) - len(added) + 1
            changed[part] = _appended(package.read(part), values, {first + i: h for i, h in enumerate(added)})
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in package.infolist():
                data = changed.pop(info.filename, None)
                if data is None:
                    out.writestr(info, package.read(info.filename))
                else:
                    out.writestr(info.filename, data)
            for name, data in changed.items():
                out.writestr(name, data)


def _sheet_part(workbook, rels, sheet: str) -> str | None:
    """Return the zip path of the worksheet named `sheet`, or None."""
    found = workbook.find(f"{{{MAIN_NS}}}sheets/{{{MAIN_NS}}}sheet[@name='{sheet}']") \
        if "'" not in sheet else None
    if found is None:
        return None
    rid = found.get(f"{{{REL_NS}}}id")
    for rel in rels:
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


def read_sheet_headers(source: Path, sheet: str) -> list[str] | None:
    """Return the row-1 texts of `sheet` in `source` (None when absent);
    shared strings are resolved."""
    with zipfile.ZipFile(source) as package:
        workbook = etree.fromstring(package.read(WORKBOOK), _PARSER)
        rels = etree.fromstring(package.read(WORKBOOK_RELS), _PARSER)
        part = _sheet_part(workbook, rels, sheet)
        if part is None:
            return None
        shared = []
        if "xl/sharedStrings.xml" in package.namelist():
            sst = etree.fromstring(package.read("xl/sharedStrings.xml"), _PARSER)
            shared = ["".join(si.itertext()) for si in sst.findall(f"{{{MAIN_NS}}}si")]
        root = etree.fromstring(package.read(part), _PARSER)
    first = root.find(f"{{{MAIN_NS}}}sheetData/{{{MAIN_NS}}}row")
    if first is None or first.get("r", "1") != "1":
        return []
    out: dict[int, str] = {}
    for cell in first.findall(f"{{{MAIN_NS}}}c"):
        col = column_index_from_string("".join(ch for ch in cell.get("r", "") if ch.isalpha()))
        kind = cell.get("t", "")
        if kind == "s":
            value = cell.findtext(f"{{{MAIN_NS}}}v") or ""
            text = shared[int(value)] if value.isdigit() and int(value) < len(shared) else ""
        elif kind == "inlineStr":
            text = "".join(cell.find(f"{{{MAIN_NS}}}is").itertext()) if cell.find(f"{{{MAIN_NS}}}is") is not None else ""
        else:
            text = cell.findtext(f"{{{MAIN_NS}}}v") or ""
        out[col] = text.strip()
    return [out.get(i, "") for i in range(1, max(out, default=0) + 1)]


def _new_part_name(names: list[str]) -> str:
    n = 1
    while f"xl/worksheets/sheet{n}.xml" in names:
        n += 1
    return f"xl/worksheets/sheet{n}.xml"


def _register(package, workbook, rels, sheet: str, part: str) -> dict[str, bytes]:
    """Return workbook.xml, its rels and the content types with `part`
    added as worksheet `sheet`."""
    ids = {rel.get("Id") for rel in rels}
    n = 1
    while f"rId{n}" in ids:
        n += 1
    rid = f"rId{n}"
    etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship", Id=rid, Type=SHEET_REL,
                     Target=part[len("xl/"):])
    sheets = workbook.find(f"{{{MAIN_NS}}}sheets")
    sheet_id = max((int(s.get("sheetId", "0")) for s in sheets), default=0) + 1
    entry = etree.SubElement(sheets, f"{{{MAIN_NS}}}sheet", name=sheet, sheetId=str(sheet_id))
    entry.set(f"{{{REL_NS}}}id", rid)
    types = etree.fromstring(package.read(CONTENT_TYPES), _PARSER)
    etree.SubElement(types, f"{{{CT}}}Override", PartName="/" + part, ContentType=SHEET_TYPE)
    dump = lambda root: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # noqa: E731
    return {WORKBOOK: dump(workbook), WORKBOOK_RELS: dump(rels), CONTENT_TYPES: dump(types)}


def _row_xml(number: int, values: Sequence[object]) -> str:
    """Return `<row>` `number` with `values` from column A on (text is always
    text: a unit name starting with "=" never becomes a formula)."""
    return row_xml(number, dict(enumerate(values, start=1)))


def _new_sheet(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    body = [_row_xml(1, headers)] + [_row_xml(n, row) for n, row in enumerate(rows, start=2)]
    widths = "".join(f'<col min="{i}" max="{i}" width="{20 if i in (1, 5, 7) else 12}" customWidth="1"/>'
                     for i in range(1, len(headers) + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/></sheetView></sheetViews>'
            f'<cols>{widths}</cols><sheetData>{"".join(body)}</sheetData></worksheet>').encode("utf-8")


def _appended(data: bytes, rows: Sequence[Sequence[object]], new_headers: dict[int, str]) -> bytes:
    """Return the worksheet XML `data` with `rows` after its last row and
    `new_headers` ({column number: text}) added to row 1."""
    root = etree.fromstring(data, _PARSER)
    sheet_data = root.find(f"{{{MAIN_NS}}}sheetData")
    first = sheet_data.find(f"{{{MAIN_NS}}}row")
    for column, header in new_headers.items():
        if first is not None and first.get("r") == "1":
            first.append(etree.fromstring(f'<c xmlns="{MAIN_NS}"' + cell_xml(f"{get_column_letter(column)}1", header)[2:]))
    last = max((int(r.get("r", "0")) for r in sheet_data.findall(f"{{{MAIN_NS}}}row")), default=0)
    for n, row in enumerate(rows, start=last + 1):
        sheet_data.append(etree.fromstring(f'<row xmlns="{MAIN_NS}"' + _row_xml(n, row)[4:]))
    dimension = root.find(f"{{{MAIN_NS}}}dimension")
    if dimension is not None and ":" in dimension.get("ref", ""):
        start, end = dimension.get("ref").split(":")
        column = "".join(ch for ch in end if ch.isalpha())
        dimension.set("ref", f"{start}:{column}{last + len(rows)}")
    autofilter = root.find(f"{{{MAIN_NS}}}autoFilter")
    if autofilter is not None and ":" in autofilter.get("ref", ""):
        start, end = autofilter.get("ref").split(":")
        column = "".join(ch for ch in end if ch.isalpha())
        autofilter.set("ref", f"{start}:{column}{last + len(rows)}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
