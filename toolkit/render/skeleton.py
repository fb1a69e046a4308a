"""A prepared .docx whose body is filled many times: the fast path for batches.

Building each letter with python-docx re-creates styles, settings and
footers every time (about 5x slower).  Here python-docx builds the document
once; afterwards only `word/document.xml` changes, and every other part is
copied as bytes into each new file.
"""

from __future__ import annotations

import contextlib
import copy
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from . import _oxml
from .docxzip import DocxZip, Piece, deflate

DOCUMENT_PART = "word/document.xml"
_BODY, _SECTPR = b"<w:body>", b"<w:sectPr"


def body_xml(xml: bytes) -> bytes:
    """Return the children of the body of a serialised document.xml, its
    final section properties left out: a letter's content as bytes, to put
    into a print file without parsing it again."""
    return xml[xml.index(_BODY) + len(_BODY):xml.rindex(_SECTPR)]


class DocxSkeleton:
    """The parts of a saved document, with a body to refill."""

    def __init__(self, doc: DocxDocument) -> None:
        buffer = io.BytesIO()
        doc.save(buffer)
        with zipfile.ZipFile(buffer) as package:
            self.parts = [(info.filename, package.read(info.filename)) for info in package.infolist()]
        self.root = parse_xml(dict(self.parts)[DOCUMENT_PART])
        self.body = self.root.find(qn("w:body"))
        self.sectpr = self.body.find(qn("w:sectPr"))
        self._zip: DocxZip | None = None
        self._frame: tuple[bytes, bytes] | None = None
        self._frame_packed: tuple[Piece, Piece] | None = None

    def document_xml(self, elements: Iterable) -> bytes:
        """Return document.xml with `elements` as the body (before the section
        properties).  The elements are moved into the tree and out again."""
        body = self.body
        for child in list(body):
            if child is not self.sectpr:
                body.remove(child)
        for element in elements:
            self.sectpr.addprevious(element)
        data = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        for child in list(body):
            if child is not self.sectpr:
                body.remove(child)
        return data

    def write(self, path: Path, elements: Iterable) -> None:
        """Write a complete .docx at `path` whose body is `elements`."""
        self.write_xml(path, self.document_xml(elements))

    def write_xml(self, path: Path, xml: bytes) -> None:
        """Write a complete .docx at `path` whose document.xml is `xml`."""
        # Level 1 deflate: the parts are small and text compresses well anyway;
        # the default level costs a third of the batch time for 1 % in size.
        # The other parts are compressed once for the whole batch (docxzip).
        self._package().write(path, [deflate(xml, last=True)])

    def write_body(self, path: Path, body: Piece) -> None:
        """Write a complete .docx at `path` whose body is `body` (its XML as
        body_xml cuts it, already compressed: see docxzip)."""
        head, tail = self._frame_pieces()
        self._package().write(path, [head, body, tail])

    def frame(self) -> tuple[bytes, bytes]:
        """Return the serialised document.xml around the body's content:
        up to `<w:body>`, and from the body's sectPr to the end."""
        if self._frame is None:
            xml = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
            start, end = xml.index(_BODY) + len(_BODY), xml.rindex(_SECTPR)
            self._frame = (xml[:start], xml[end:])
        return self._frame

    def _frame_pieces(self) -> tuple[Piece, Piece]:
        if self._frame_packed is None:
            head, tail = self.frame()
            self._frame_packed = (deflate(head), deflate(tail, last=True))
        return self._frame_packed

    def _package(self) -> DocxZip:
        if self._zip is None:
            self._zip = DocxZip(self.parts, DOCUMENT_PART)
        return self._zip

    def section_break(self):
        """Return an empty `w:p` that ends a section laid out like the
        skeleton's (see letter_sectpr)."""
        p = _oxml.el("w:p")
        ppr = _oxml.sub(p, "w:pPr")
        ppr.append(self.letter_sectpr())
        return p

    def letter_sectpr(self):
        """Return the skeleton's section properties for one letter of a
        print file: numbered from 1 so each letter starts at `— 1 —`, and
        starting on an odd page so a duplex print never puts two units'
        letters on one sheet (a blank page is inserted when needed)."""
        sectpr = copy.deepcopy(self.sectpr)
        _oxml.restart_page_numbers(sectpr)
        _oxml.section_start(sectpr, "oddPage")
        return sectpr

    @contextlib.contextmanager
    def sections_writer(self, path: Path):
        """Yield a function `add(elements)` that appends a section to one .docx
        at `path`; each section starts an odd page numbered `— 1 —` (a
        letter per unit, for duplex printing).

        document.xml is streamed (lxml's incremental writer), so a batch of
        600 letters is never held in memory at once.
        """
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
            for name, data in self.parts:
                if name != DOCUMENT_PART:
                    package.writestr(name, data)
            with package.open(DOCUMENT_PART, "w") as stream, etree.xmlfile(stream, encoding="UTF-8") as xf:
                xf.write_declaration(standalone=True)
                with xf.element(self.root.tag, dict(self.root.attrib), nsmap=self.root.nsmap):
                    with xf.element(self.body.tag):
                        started = False

                        def add(elements: Iterable) -> None:
                            # A section ends with a paragraph holding its sectPr,
                            # written once the next section is known to follow.
                            nonlocal started
                            if started:
                                xf.write(self.section_break())
                            started = True
                            for element in elements:
                                xf.write(element)

                        yield add
                        xf.write(self.letter_sectpr())

    @contextlib.contextmanager
    def xml_sections_writer(self, path: Path):
        """Like sections_writer, but `add(body)` takes a letter's body as
        body_xml cuts it, compressed (a docxzip Piece, as Paper.save returns
        it): its bytes are copied, no element is walked or compressed again.

        The bytes were serialised under the same root element, so the
        namespace prefixes they use are declared by the root written here.
        """
        head, _ = self._frame_pieces()
        section_break = deflate(self._inner(self.section_break()))
        with self._package().stream(path) as put:
            put(head)
            started = False

            def add(body: Piece) -> None:
                # A section ends with a paragraph holding its sectPr,
                # written once the next section is known to follow.
                nonlocal started
                if started:
                    put(section_break)
                started = True
                put(body)

            yield add
            put(deflate(self._inner(self.letter_sectpr()) + b"</w:body></w:document>", last=True))

    def _inner(self, element) -> bytes:
        """Return `element` serialised as a child of the body, under the
        skeleton's root (whose namespace declarations it then relies on)."""
        root = copy.deepcopy(self.root)
        body = root.find(qn("w:body"))
        for child in list(body):
            body.remove(child)
        body.append(element)
        xml = etree.tostring(root, encoding="UTF-8")
        return xml[xml.index(_BODY) + len(_BODY):xml.rindex(b"</w:body>")]
