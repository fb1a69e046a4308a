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
from collections.abc import Sequence
from datetime import date

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree
from pathlib import Path

from ..render import _oxml
from ..render.document import body_end, new_document, signature_paragraphs, style_id
from ..render.output import guard_write
from ..render.skeleton import DocxSkeleton, body_xml
from .settings import Settings




class Paper:
    """A prepared document whose body is filled, written and started afresh.

    `self.doc` stands in for a python-docx Document in render.document's
    add_* functions: they only append before the body's sectPr.
    """

    def __init__(self) -> None:
        self.skeleton = DocxSkeleton(new_document())
        self.element = copy.deepcopy(self.skeleton.root)

    @property
    def doc(self) -> "Paper":
        return self

    def save(self, path: Path) -> bytes:
        """Write the body built so far as a new .docx at `path`, start an
        empty body and return the body's XML (for a print file).

        Serialised once, where it was built: moving a subtree in or out of
        a tree makes lxml walk all of it (taking the body out again cost a
        tenth of 455 催办单, writing the taken elements to the print file a
        third).  A fresh copy of the empty skeleton replaces the filled
        tree instead of emptying it."""
        xml = etree.tostring(self.element, xml_declaration=True, encoding="UTF-8", standalone=True)
        guard_write(path, lambda: self.skeleton.write_xml(path, xml))
        self.element = copy.deepcopy(self.skeleton.root)
        return body_xml(xml)


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
        if "".join(node.itertext()).strip():
            break
        node = node.getprevious()
    if node is not None and node.tag == qn("w:tbl"):
        # A table just before: its last two rows keep with the 署名 (LibreOffice
        # honours keep-with-next on the last two rows, not on the last alone).
        for tr in node.findall(qn("w:tr"))[-2:]:
            for p in tr.iter(qn("w:p")):
                _oxml.keep_with_next(p.get_or_add_pPr())
    _oxml.keep_with_next(add_blank(doc).find(qn("w:pPr")))
    for p in _signature(settings.office or signer_fallback, chinese_day(today)):
        body_end(doc).addprevious(copy.deepcopy(p))


@functools.lru_cache(maxsize=16)
def _signature(signer: str, day: str) -> tuple:
    """Return the 署名 and date paragraphs (set once, copied into each of
    a batch); without a signer the date alone stands where the 署名 would."""
    return tuple(signature_paragraphs(signer, day) if signer else signature_paragraphs(day, "")[:1])


def chinese_day(day: date) -> str:
    """Return `day` as 公文 write dates: 2023年4月8日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"



def add_fast_table(doc, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int],
                   centered: Sequence[int] = (0,), split: bool = True):
    """Append a table laid out as render.document.add_table(split_rows=split)
    builds it, but faster for big tables and batches: the rows are written
    as XML text from a serialised prototype row and the table is parsed
    once (building or copying each row as elements was most of the time of
    455 催办单 and of a 3,000-task summary)."""
    head, cut, tail = _table_template(tuple(headers), tuple(widths), tuple(centered), split)
    parts = [head]
    for values in rows:
        for piece, value in zip(cut, values):
            parts += (piece, _run_xml(value))
        parts.append(cut[-1])
    parts.append(tail)
    tbl = parse_xml("".join(parts).encode("utf-8"))
    body_end(doc).addprevious(tbl)
    return tbl


def _run_xml(value: str) -> str:
    """Return the XML of a cell's text inside its run, as _oxml.paragraph
    writes it: `w:t`, with `w:br`/`w:tab` for line breaks and tabs."""
    clean = _oxml._CONTROL.sub("", value)
    if not _oxml._SPECIAL.search(clean):
        return _t_xml(clean) if clean else ""
    out = []
    for i, line in enumerate(clean.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(_t_xml(piece))
    return "".join(out)


def _t_xml(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text != text.strip():
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"


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
