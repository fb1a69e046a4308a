"""Reading published 责任分解 notices, whatever their format.

`read_notice(path)` detects the format (text in any Chinese encoding, a web
page, a Word document, a text PDF, the clerk's own spreadsheet or CSV, an
old Word/WPS file through LibreOffice) and returns the
Notice and the format it chose.
"""

from __future__ import annotations

import enum
import zipfile
from pathlib import Path

from ..exceptions import ParseError, UnknownFormat
from ..model import Notice
from .blocks import Para, Row
from .decode import BINARY, EMPTY, ZIP_ERRORS, decode
from .reading import Reading, relocate

NO_TABLE = "{name} 中没有找到责任分解表格（应有“序号”“重点工作”“责任单位”等表头）或带责任单位的任务段落。"
PDF = ("{name} 是 PDF 文件，无法直接读取表格。请用 WPS 或 Word 打开后另存为 .docx，"
       "或把文字全选复制到记事本存为 .txt 后再导入。")
OLD_OFFICE = "{name} 是旧版 Office 文件（.doc/.xls/.wps）。请用 Word 或 WPS 打开后“另存为” .docx 再导入。"
SPREADSHEET = "{name} 是 Excel 表格，不是通知或报告。请给出 .txt、.docx 或 .html 文件；总台账请用其他命令打开。"
PASSWORD = "{name} 设有打开密码，无法读取。请在 Word、Excel 或 WPS 中取消密码后另存，再导入。"
MAX_MASTER_BYTES = 50 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_SHEET_SUFFIXES = (".xls", ".et", ".ett", ".xlt")
_WORD_SUFFIXES = (".doc", ".wps", ".dot", ".wpt")


class Format(enum.Enum):
    """The notice formats the toolkit reads."""

    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    SHEET = "spreadsheet"  # .xlsx/.xlsm/.xls/.ods/.et, read with calamine
    CSV = "csv"
    PDF = "pdf"  # text PDFs, read with pdfplumber
    LEGACY = "doc"  # .doc/.wps/.rtf/.odt, converted to .docx by LibreOffice


# Formats `toolkit draft` cannot read a report from, with what to say.
_NOT_DOCUMENTS = {Format.SHEET: SPREADSHEET, Format.CSV: SPREADSHEET, Format.PDF: PDF, Format.LEGACY: OLD_OFFICE}


def guess_format(path: Path, head: bytes, documents_only: bool = False) -> Format:
    """Return the Format of a file from its first bytes (and its name, for
    zips, old Office files and .csv).

    Raises UnknownFormat for binaries and encrypted files, with a message
    saying what to supply instead.  `documents_only` (reports for
    `toolkit draft`) also refuses spreadsheets and PDF.
    """
    format_ = _sniff(path, head)
    if documents_only and format_ in _NOT_DOCUMENTS:
        raise UnknownFormat(_NOT_DOCUMENTS[format_].format(name=path.name))
    return format_


def _sniff(path: Path, head: bytes) -> Format:
    suffix = path.suffix.lower()
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
        except ZIP_ERRORS as exc:
            raise UnknownFormat(BINARY.format(name=path.name)) from exc
        if "word/document.xml" in names:
            return Format.DOCX
        if "xl/workbook.xml" in names or b"opendocument.spreadsheet" in mimetype:
            return Format.SHEET
        if b"opendocument.text" in mimetype:
            return Format.LEGACY
        raise UnknownFormat(BINARY.format(name=path.name))
    if head.startswith(b"%PDF"):
        return Format.PDF
    if head.startswith(_OLE_MAGIC):
        return _ole_format(path)
    if head.startswith(b"{\\rtf"):
        return Format.LEGACY  # many a `.doc` on the web is RTF
    if suffix == ".csv":
        return Format.CSV
    sniff = head[:2048].lower()
    if b"<table" in sniff or b"<html" in sniff or b"<!doctype html" in sniff or sniff.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return Format.HTML
    return Format.TEXT


def _ole_format(path: Path) -> Format:
    """Return the Format of an OLE file (old Office, WPS, an encrypted
    .xlsx/.docx) from the names of its streams, stored in UTF-16."""
    with path.open("rb") as fh:
        data = fh.read(8 * 1024 * 1024)
    if "EncryptionInfo".encode("utf-16-le") in data:
        raise UnknownFormat(PASSWORD.format(name=path.name))
    if "Workbook".encode("utf-16-le") in data or path.suffix.lower() in _SHEET_SUFFIXES:
        return Format.SHEET
    if "WordDocument".encode("utf-16-le") in data or path.suffix.lower() in _WORD_SUFFIXES:
        return Format.LEGACY
    raise UnknownFormat(OLD_OFFICE.format(name=path.name))


def read_blocks(path: Path, format_: Format | None = None) -> tuple[list[Para | Row], Format, str]:
    """Return (blocks, format, encoding) of the notice at `path`."""
    reading, format_, encoding = _read(path, format_)
    return reading.blocks, format_, encoding


def _read(path: Path, format_: Format | None) -> tuple[Reading, Format, str]:
    """Return (reading, format, encoding) of the notice at `path`."""
    data = path.read_bytes()
    if not data.strip():
        raise UnknownFormat(EMPTY.format(name=path.name))
    format_ = format_ or guess_format(path, data[:4096])
    if format_ is Format.DOCX:
        from .docx import docx_blocks

        return Reading(docx_blocks(path)), format_, ""
    if format_ is Format.SHEET:
        from .sheets import sheet_reading

        return sheet_reading(path.name, data), format_, ""
    if format_ is Format.LEGACY:
        from .legacy import legacy_blocks

        return Reading(legacy_blocks(path)), format_, ""
    if format_ is Format.PDF:
        from .pdf import pdf_reading

        return pdf_reading(path.name, data), format_, ""
    if format_ is Format.CSV:
        from .sheets import csv_reading

        reading, encoding = csv_reading(path.name, data)
        return reading, format_, encoding
    text, encoding = decode(data, path.name)
    if format_ is Format.HTML:
        from .html import html_blocks

        return Reading(html_blocks(text)), format_, encoding
    from .text import text_blocks

    return Reading(text_blocks(text)), format_, encoding


def read_notice(path: Path | str, format_: Format | None = None, first_leads: bool = False,
                columns: dict[str, str] | None = None) -> tuple[Notice, Format]:
    """Return (notice, format) read from `path`.

    `format_` None means detect it.  `first_leads` applies the convention
    "列第一位的责任单位为牵头单位" to tasks without stars (a notice that states
    it gets it anyway).  `columns` maps fields to header words the toolkit
    does not know (tables.parse_columns).  Raises UnknownFormat for files
    that are not notices and ParseError, saying what was seen, for a notice
    with no task the toolkit could recognise.
    """
    path = Path(path)
    if (master := _master_notice(path, format_)) is not None:
        return master, Format.SHEET
    # Imported here: reading the master uses `notices.headings`, and must
    # not load the notice grammar (structure, items, tables) with it.
    from .structure import build_notice

    reading, format_, encoding = _read(path, format_)
    notice = build_notice(reading.blocks, path.name, first_leads, columns)
    relocate(notice, reading.places)
    if not notice.tasks and not notice.livelihood:
        raise ParseError(NO_TABLE.format(name=path.name) + what_was_seen(notice))
    notice.format, notice.encoding = format_.value, encoding
    return notice, format_


SEEN_HEADER = "看到的表头可能是 {where}：{cells}。"
SEEN_ITEMS = "看到的编号段落：{items}，但其后没有“牵头单位：”“责任单位：”等说明。"
HOW_TO_MAP = ("如果这是责任分解表，请用 --columns 说明各列，例如 --columns 重点工作=事项,牵头单位=主责部门,"
              "责任领导=分管领导；可用的列名：序号、重点工作、牵头单位、配合单位、责任单位、责任领导、完成时限、量化任务、备注。")


def what_was_seen(notice: Notice) -> str:
    """Return what a notice with no recognised task seems to hold: the
    likely header row (the first short table row) or the first numbered
    paragraphs, each where the clerk finds it, and how to map a header."""
    from .items import numbered

    for problem in notice.problems:
        cells = [c.strip() for c in problem.text.split("\t")]
        if len([c for c in cells if c]) >= 2 and all(len(c) <= 12 for c in cells):
            where = f"{problem.source}:{problem.line}"
            return SEEN_HEADER.format(where=where, cells=" | ".join(cells)) + HOW_TO_MAP
    items = [p for p in notice.problems if numbered(p.text)][:3]
    if items:
        return SEEN_ITEMS.format(items="；".join(f"{p.source}:{p.line} {p.text[:20]}" for p in items))
    if notice.problems:
        return f"共 {len(notice.problems)} 行无法识别，第一处：{notice.problems[0]}"
    return "文件里没有表格，也没有编号的任务段落。"


def _master_notice(path: Path, format_: Format | None) -> Notice | None:
    """Return the notice held by a toolkit master workbook given as a
    notice (read by the contract, not as a table), None for other files."""
    if format_ not in (None, Format.SHEET) or path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    from .sheets import is_master

    with path.open("rb") as fh:
        data = fh.read(MAX_MASTER_BYTES + 1)
    if len(data) > MAX_MASTER_BYTES or not is_master(data):
        return None
    from ..workbook import read_master

    notice = read_master(path).notice
    notice.source, notice.format = path.name, "master"
    return notice
