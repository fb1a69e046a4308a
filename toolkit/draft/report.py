"""Read a 政府工作报告 into numbered lines of text, whatever its format.

Reports reach clerks as a text copy of the web page (UTF-8 or GBK), as the
Word file the office circulated, as the saved HTML page, or copied out of a
PDF with a line per printed line (re-joined by `unwrap`).  Everything
downstream works on plain paragraphs, so each format is reduced to them
here and nowhere else.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import ParseError, UnknownFormat
from ..notices import Format, guess_format
from ..notices.decode import EMPTY, decode
from ..workbook.safe import os_reason
from .unwrap import BOLD_CLOSE, BOLD_OPEN, unwrap

UNREADABLE = "{name} 无法读取：{why}"

# Block elements that end a paragraph in a saved web page.
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
           "section", "article", "table", "blockquote", "title"}


@dataclass
class Line:
    """One paragraph of the report and where it was found (line or paragraph
    number; its first printed line in a PDF copy); `bold` is its bold opening
    in .docx/.html, the printed lead phrase."""

    number: int
    text: str
    bold: str = ""


@dataclass
class Report:
    """A report reduced to non-empty paragraphs, with its format and encoding."""

    name: str
    lines: list[Line] = field(default_factory=list)
    format: Format = Format.TEXT
    encoding: str = ""


def read_report(path: Path | str, format_: Format | None = None) -> Report:
    """Return the report at `path` as numbered non-empty paragraphs.

    Hard-wrapped text (a PDF copy) is joined into paragraphs and page
    numbers are dropped, see `unwrap`.  `format_` None means guess from the
    content, as for notices.  Raises UnknownFormat for files that are not
    text, Word or web pages, and ParseError for a file that cannot be read.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(UNREADABLE.format(name=path.name, why=os_reason(exc))) from exc
    if not data.strip():
        raise UnknownFormat(EMPTY.format(name=path.name))
    format_ = format_ or guess_format(path, data[:4096], documents_only=True)
    if path.suffix.lower() == ".docx" and format_ is not Format.DOCX:
        raise ParseError(UNREADABLE.format(name=path.name, why="不是有效的 Word（.docx）文件"))
    report = Report(name=path.name, format=format_)
    if format_ is Format.DOCX:
        texts = _docx_paragraphs(data, path.name)
    else:
        text, report.encoding = decode(data, path.name)
        texts = _html_lines(text, path.name) if format_ is Format.HTML else text.splitlines()
    # Web pages pad with no-break spaces, which GBK cannot even encode.
    texts = [t.replace("\xa0", " ").strip() for t in texts]
    # A report copied out of a PDF has a line per printed line: join them.
    report.lines = [_line(n, t) for n, t in unwrap(texts)]
    return report


def _line(number: int, text: str) -> Line:
    """Return the Line of `text`, its bold opening taken out of the marks."""
    bold = ""
    if text.startswith(BOLD_OPEN) and BOLD_CLOSE in text:
        bold = text[1:text.index(BOLD_CLOSE)].replace(BOLD_OPEN, "").strip()
    text = text.replace(BOLD_OPEN, "").replace(BOLD_CLOSE, "").strip()
    # A wholly bold paragraph is a heading, not a lead phrase.
    return Line(number, text, bold if bold and len(bold) < len(text) and text.startswith(bold) else "")


def _docx_paragraphs(data: bytes, name: str) -> list[str]:
    """Return the paragraph texts of a .docx in body order, tables included
    where they stand (some offices lay the report, or one part of it, out in
    a table, and a part read out of place would land in the wrong section)."""
    import io

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ParseError(UNREADABLE.format(name=name, why="不是有效的 Word（.docx）文件")) from exc
    return list(_block_texts(document))


def _block_texts(container) -> Iterator[str]:
    """Yield the marked paragraph texts of a body or table cell, in order."""
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield _marked(block)
        else:
            yield from _table_texts(block)


def _table_texts(table) -> Iterator[str]:
    """Yield the paragraph texts of `table` row by row, each cell once.

    python-docx repeats a merged cell at every grid position it spans; its
    text must not be read twice.
    """
    # python-docx has no public identity for a cell; its <w:tc> element is
    # one (the set keeps the lxml proxies alive, so identity is stable).
    seen: set = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                yield from _block_texts(cell)


def _marked(paragraph) -> str:
    """Return the text of a Word paragraph, its leading bold runs marked."""
    runs = paragraph.runs
    count = 0
    while count < len(runs) and (runs[count].bold or not runs[count].text.strip()):
        count += 1
    while count and not runs[count - 1].text.strip():
        count -= 1
    if not count or not any(r.bold for r in runs[:count]):
        return paragraph.text
    head = "".join(r.text for r in runs[:count])
    return BOLD_OPEN + head + BOLD_CLOSE + paragraph.text[len(head):] if paragraph.text.startswith(head) else paragraph.text


def _html_lines(text: str, name: str) -> list[str]:
    """Return the text lines of an HTML page, one per block element."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ParseError(UNREADABLE.format(name=name, why="不是有效的网页（HTML）文件")) from exc
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for strong in root.xpath("//strong|//b"):
        parent = strong.getparent()
        if parent is not None and strong.getprevious() is None and not (parent.text or "").strip():
            strong.text = BOLD_OPEN + (strong.text or "")
            strong.tail = BOLD_CLOSE + (strong.tail or "")
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    return root.text_content().splitlines()
