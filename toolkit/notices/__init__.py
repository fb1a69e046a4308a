"""Reading published 责任分解 notices, whatever their format.

`read_notice(path)` detects the format (text in any Chinese encoding, a web
page, a Word document) and returns the Notice and the format it chose.
"""

from __future__ import annotations

import enum
import zipfile
from pathlib import Path

from ..exceptions import ParseError, UnknownFormat
from ..model import Notice
from .blocks import Para, Row
from .decode import BINARY, EMPTY, decode
from .structure import build_notice

NO_TABLE = "{name} 中没有找到责任分解表格（应有“序号”“重点工作”“责任单位”等表头）。请确认选择的是责任分解通知或其附件。"
PDF = ("{name} 是 PDF 文件，无法直接读取表格。请用 WPS 或 Word 打开后另存为 .docx，"
       "或把文字全选复制到记事本存为 .txt 后再导入。")
OLD_OFFICE = "{name} 是旧版 Office 文件（.doc/.xls/.wps）。请用 Word 或 WPS 打开后“另存为” .docx 再导入。"
SPREADSHEET = "{name} 是 Excel 表格，不是通知或报告。请给出 .txt、.docx 或 .html 文件；总台账请用其他命令打开。"


class Format(enum.Enum):
    """The notice formats the toolkit reads."""

    TEXT = "text"
    HTML = "html"
    DOCX = "docx"


def guess_format(path: Path, head: bytes) -> Format:
    """Return the Format of a file from its first bytes (and name, for zips).

    Raises UnknownFormat for binaries and spreadsheets, with a message
    saying what to supply instead.
    """
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile as exc:
            raise UnknownFormat(BINARY.format(name=path.name)) from exc
        if "word/document.xml" in names:
            return Format.DOCX
        if "xl/workbook.xml" in names:
            raise UnknownFormat(SPREADSHEET.format(name=path.name))
        raise UnknownFormat(BINARY.format(name=path.name))
    if head.startswith(b"%PDF"):
        raise UnknownFormat(PDF.format(name=path.name))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnknownFormat(OLD_OFFICE.format(name=path.name))
    sniff = head[:2048].lower()
    if b"<table" in sniff or b"<html" in sniff or b"<!doctype html" in sniff or sniff.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return Format.HTML
    return Format.TEXT


def read_blocks(path: Path, format_: Format | None = None) -> tuple[list[Para | Row], Format, str]:
    """Return (blocks, format, encoding) of the notice at `path`."""
    data = path.read_bytes()
    if not data.strip():
        raise UnknownFormat(EMPTY.format(name=path.name))
    format_ = format_ or guess_format(path, data[:4096])
    if format_ is Format.DOCX:
        from .docx import docx_blocks

        return docx_blocks(path), format_, ""
    text, encoding = decode(data, path.name)
    if format_ is Format.HTML:
        from .html import html_blocks

        return html_blocks(text), format_, encoding
    from .text import text_blocks

    return text_blocks(text), format_, encoding


def read_notice(path: Path | str, format_: Format | None = None, first_leads: bool = False) -> tuple[Notice, Format]:
    """Return (notice, format) read from `path`.

    `format_` None means detect it.  `first_leads` applies the convention
    "列第一位的责任单位为牵头单位" to tasks without stars.  Raises
    UnknownFormat for files that are not notices and ParseError for a notice
    with no 责任分解 table.
    """
    path = Path(path)
    blocks, format_, encoding = read_blocks(path, format_)
    notice = build_notice(blocks, path.name, first_leads)
    if not notice.tasks and not notice.livelihood:
        message = NO_TABLE.format(name=path.name)
        if notice.problems:
            message += f"另有 {len(notice.problems)} 行无法识别，第一处：{notice.problems[0]}"
        raise ParseError(message)
    notice.format, notice.encoding = format_.value, encoding
    return notice, format_
