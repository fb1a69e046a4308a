"""Building blocks shared by the supervision documents (催办单, 督查通报,
year-end report): a GB/T 9704 page refilled many times, and the lines every
one of them ends with (contact, signature, date).

A batch of 600 催办单 is written through render.skeleton: the document is
set up once; each unit's body is built with render.document's add_*
functions on the skeleton's own body, then moved into its file.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Sequence
from datetime import date

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree
from pathlib import Path

from ..render import _oxml
from ..render.document import body_end, new_document, signature_paragraphs, style_id
from ..render.output import guard_write
from ..render.docxzip import Piece, deflate
from ..render.skeleton import DocxSkeleton, body_xml
from .settings import Settings

_PIECE = "toolkit-piece"


class Paper:
    """A prepared document whose body is filled, written and started afresh.

    `self.doc` stands in for a python-docx Document in render.document's
    add_* functions: they only append before the body's sectPr.
    """

    def __init__(self) -> None:
        self.skeleton = DocxSkeleton(new_document())
        self.element = copy.deepcopy(self.skeleton.root)
        self.pieces: list[bytes] = []

    @property
    def doc(self) -> "Paper":
        return self

    def add_xml(self, xml: str) -> None:
        """Append a body element given as XML text (table_xml's), put in
        when the document is saved.

        Parsing a table and moving it into the tree cost more than building
        the rest of a 催办单; a processing instruction holds its place (it
        cannot clash with text, whose `<` is escaped)."""
        mark = etree.ProcessingInstruction(_PIECE, str(len(self.pieces)))
        body_end(self).addprevious(mark)
        # The document's root declares w:, as it does for elements built in place.
        self.pieces.append(xml.replace(_oxml.W_DECLARATION, "", 1).encode("utf-8"))

    def save(self, path: Path) -> Piece:
        """Write the body built so far as a new .docx at `path`, start an
        empty body and return the body's XML, compressed (for a print file).

        Serialised once, where it was built: moving a subtree in or out of
        a tree makes lxml walk all of it (taking the body out again cost a
        tenth of 455 催办单, writing the taken elements to the print file a
        third).  A fresh copy of the empty skeleton replaces the filled
        tree instead of emptying it."""
        xml = etree.tostring(self.element, xml_declaration=True, encoding="UTF-8", standalone=True)
        for n, piece in enumerate(self.pieces):
            xml = xml.replace(f"<?{_PIECE} {n}?>".encode(), piece, 1)
        self.element, self.pieces = copy.deepcopy(self.skeleton.root), []
        # The body is compressed once, for this file and for the print file.
        head, tail = self.skeleton.frame()
        body = deflate(body_xml(xml))
        if head + body.raw + tail == xml:
            guard_write(path, lambda: self.skeleton.write_body(path, body))
        else:  # never seen: the root serialised otherwise than the skeleton's
            guard_write(path, lambda: self.skeleton.write_xml(path, xml))
        return body


def sign_off(doc, settings: Settings, today: date, signer_fallback: str = "") -> None:
    """Append the contact line, then 署名 and date (右空二字)."""
    from ..render.document import add_blank, add_body

    contact = "；".join(part for part in (
        f"联系人：{settings.contact}" if settings.contact else "",
        f"联系电话：{settings.phone}" if settings.phone else "") if part)
    if contact:
        add_body(doc, contact + "。")
    # The 署名 never stands alone on a page (GB/T 9704 7.3.5.5): the
    # paragraphs back to the last one with text keep with it.
    node = body_end(doc).getprevious()
    while node is not None and node.tag == qn("w:p"):
        _oxml.keep_with_next(node.get_or_add_pPr())
        # Its text as itertext() gives it, but serialised in C: itertext on
        # python-docx's element classes costs 0.1 ms a paragraph.
        if etree.tostring(node, method="text", encoding="unicode", with_tail=False).strip():
            break
        node = node.getprevious()
    if node is not None and node.tag == qn("w:tbl"):
        # A table just before: its last two rows keep with the 署名 (LibreOffice
        # honours keep-with-next on the last two rows, not on the last alone).
        for tr in node.findall(qn("w:tr"))[-2:]:
            for p in tr.iter(qn("w:p")):
                _oxml.keep_with_next(p.get_or_add_pPr())
    _oxml.keep_with_next(add_blank(doc).find(qn("w:pPr")))
    signature = _signature(settings.office or signer_fallback, chinese_day(today))
    if isinstance(doc, Paper):
        # Nothing looks at the 署名 again: a batch puts its XML in (add_xml).
        doc.add_xml(_signature_xml(signature))
        return
    for p in signature:
        body_end(doc).addprevious(copy.deepcopy(p))


@functools.lru_cache(maxsize=16)
def _signature(signer: str, day: str) -> tuple:
    """Return the 署名 and date paragraphs (set once, copied into each of
    a batch); without a signer the date alone stands where the 署名 would."""
    return tuple(signature_paragraphs(signer, day) if signer else signature_paragraphs(day, "")[:1])


@functools.lru_cache(maxsize=16)
def _signature_xml(paragraphs: tuple) -> str:
    return "".join(element_xml(p) for p in paragraphs)


def chinese_day(day: date) -> str:
    """Return `day` as 公文 write dates: 2023年4月8日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"



def add_fast_table(doc, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int],
                   centered: Sequence[int] = (0,), split: bool = True):
    """Append a table laid out as render.document.add_table(split_rows=split)
    builds it, but faster for big tables and batches: the table is written
    as XML text (table_xml) and parsed once; return its `w:tbl`."""
    tbl = parse_xml(table_xml(headers, rows, widths, centered, split).encode("utf-8"))
    body_end(doc).addprevious(tbl)
    return tbl


def table_xml(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int],
              centered: Sequence[int] = (0,), split: bool = True, fills: Sequence[str | None] = ()) -> str:
    """Return the XML of a table laid out as add_fast_table's: each body row
    is a serialised prototype row with its texts put in (building or copying
    each row as elements was most of the time of 455 催办单 and of a
    3,000-task summary).  `fills[i]` shades the last cell of row i."""
    head, cut, tail = _table_template(tuple(headers), tuple(widths), tuple(centered), split)
    parts = [head]
    for n, values in enumerate(rows):
        fill = fills[n] if n < len(fills) else None
        pieces = cut if not fill else (*cut[:-2], _shaded(cut[-2], fill), cut[-1])
        for piece, value in zip(pieces, values):
            parts += (piece, _oxml.run_xml(value))
        parts.append(pieces[-1])
    parts.append(tail)
    return "".join(parts)


def _shaded(piece: str, fill: str) -> str:
    """Return the row piece before the last cell's text with that cell
    shaded: `w:shd` before `w:vAlign`, as CT_TcPr orders them (_chart._shade)."""
    before, valign, after = piece.rpartition("<w:vAlign ")
    return f'{before}<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>{valign}{after}'


def add_paragraphs(doc, paragraphs: Iterable[tuple[str, str]]) -> None:
    """Append paragraphs given as (text, style name), each as
    render.document.add_paragraph builds it, parsed from XML text at once:
    thousands of lines (the summary's 滞后任务) cost a tenth of building
    them element by element."""
    end = body_end(doc)
    for p in _oxml.parse_body("".join(paragraph_xml(text, style) for text, style in paragraphs)):
        end.addprevious(p)


def element_xml(element) -> str:
    """Return `element` serialised for Paper.add_xml: its own declaration
    of w: left out (the document's root declares it)."""
    return etree.tostring(element, encoding="unicode").replace(_oxml.W_DECLARATION, "", 1)


def paragraph_xml(text: str, style: str) -> str:
    """Return the XML of _oxml.paragraph(text, style_id(style))."""
    return _oxml.paragraph_xml(text, style_id(style))


@functools.lru_cache(maxsize=64)
def _table_template(headers: tuple[str, ...], widths: tuple[int, ...], centered: tuple[int, ...],
                    split: bool) -> tuple[str, tuple[str, ...], str]:
    """Return the XML of the table up to its first body row, of a body row
    cut where each cell's text goes, and of the table's end: built once
    per kind of table."""
    tbl = _oxml.table(widths)
    head, text, center = (style_id(n) for n in ("GW Table Header", "GW Table Text", "GW Table Center"))
    _oxml.table_row(tbl, [_oxml.paragraph(h, head) for h in headers], widths, header=True)
    styles = [center if c in centered else text for c in range(len(widths))]
    _oxml.table_row(tbl, [_oxml.paragraph("-", s) for s in styles], widths, split=split)
    xml = etree.tostring(tbl, encoding="unicode")
    start, end = xml.rindex("<w:tr>"), xml.rindex("</w:tbl>")
    cut = tuple(xml[start:end].split("<w:t>-</w:t>"))
    return xml[:start], cut, xml[end:]
