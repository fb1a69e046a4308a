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

DOCUMENT_PART = "word/document.xml"


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
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
            for name, data in self.parts:
                package.writestr(name, xml if name == DOCUMENT_PART else data)

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
