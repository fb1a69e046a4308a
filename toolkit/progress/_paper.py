"""Building blocks shared by the supervision documents (催办单, 督查通报,
year-end report): a GB/T 9704 page refilled many times, and the lines every
one of them ends with (contact, signature, date).

A batch of 600 催办单 is written through render.skeleton: the document is
set up once; each unit's body is built with render.document's add_*
functions on the skeleton's own body, then moved into its file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..render.document import new_document, signature_paragraphs
from ..render.output import guard_write
from ..render.skeleton import DocxSkeleton
from .settings import Settings


class Paper:
    """A prepared document whose body is filled, written and emptied again.

    `self.doc` stands in for a python-docx Document in render.document's
    add_* functions: they only append before the body's sectPr.
    """

    def __init__(self) -> None:
        self.skeleton = DocxSkeleton(new_document())
        self.element = self.skeleton.root

    @property
    def doc(self) -> "Paper":
        return self

    def take(self) -> list:
        """Return the body built so far and empty the body."""
        body, sectpr = self.skeleton.body, self.skeleton.sectpr
        elements = [child for child in body if child is not sectpr]
        for child in elements:
            body.remove(child)
        return elements

    def write(self, path: Path, elements: list) -> None:
        """Write `elements` as the whole body of a new .docx at `path`."""
        guard_write(path, lambda: self.skeleton.write(path, elements))


def sign_off(doc, settings: Settings, today: date, signer_fallback: str = "") -> None:
    """Append the contact line, then 署名 and date (右空二字)."""
    from ..render.document import add_blank, add_body

    contact = "；".join(part for part in (
        f"联系人：{settings.contact}" if settings.contact else "",
        f"联系电话：{settings.phone}" if settings.phone else "") if part)
    if contact:
        add_body(doc, contact + "。")
    add_blank(doc)
    signer = settings.office or signer_fallback
    # Without a signer the date alone stands where the 署名 would.
    lines = signature_paragraphs(signer, chinese_day(today)) if signer else \
        signature_paragraphs(chinese_day(today), "")[:1]
    for p in lines:
        doc.element.body.sectPr.addprevious(p)


def chinese_day(day: date) -> str:
    """Return `day` as 公文 write dates: 2023年4月8日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"

