"""DrawingML text boxes: the turned page numbers of landscape pages.

Kept apart from _oxml.py (plain WordprocessingML) because a text box is a
different vocabulary (wp:, a:, wps:, mc:) with its own element rules.
"""

from __future__ import annotations

from docx.oxml.parser import oxml_parser

from ._oxml import el, sub

# DrawingML namespaces of a Word text box (wps, Word 2010+).
_DML_NSMAP = {
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}


def _dml(parent, tag: str, **attrs) -> object:
    """Append a DrawingML element `prefix:name` (attributes unprefixed) to `parent`."""
    prefix, name = tag.split(":")
    node = oxml_parser.makeelement(f"{{{_DML_NSMAP[prefix]}}}{name}")
    for key, value in attrs.items():
        node.set(key, str(value))
    parent.append(node)
    return node


def turned_text_box(content, *, left: int, top: int, width: int, height: int, shape_id: int):
    """Return a `w:r` holding a borderless text box at (`left`, `top`) of the
    page (EMU), whose text (the `w:p` `content`) is turned 90° clockwise.

    Used for page numbers of landscape pages, which GB/T 9704 clause 8 puts
    where the portrait pages have them once the sheet is turned back.
    Written as Word itself writes text boxes: mc:AlternateContent choosing
    the wps shape (Word 2010+, LibreOffice); Word 2007 shows nothing.
    """
    run = el("w:r")
    # Requires="wps" names a prefix, so it must be declared at the choice.
    alternate = oxml_parser.makeelement(f"{{{_DML_NSMAP['mc']}}}AlternateContent", nsmap=_DML_NSMAP)
    run.append(alternate)
    choice = _dml(alternate, "mc:Choice", Requires="wps")
    anchor = _dml(sub(choice, "w:drawing"), "wp:anchor", distT=0, distB=0, distL=0, distR=0, simplePos=0,
                  relativeHeight=shape_id, behindDoc=0, locked=0, layoutInCell=1, allowOverlap=1)
    _dml(anchor, "wp:simplePos", x=0, y=0)
    for axis, offset in (("H", left), ("V", top)):
        _dml(_dml(anchor, f"wp:position{axis}", relativeFrom="page"), "wp:posOffset").text = str(offset)
    _dml(anchor, "wp:extent", cx=width, cy=height)
    _dml(anchor, "wp:effectExtent", l=0, t=0, r=0, b=0)
    _dml(anchor, "wp:wrapNone")
    _dml(anchor, "wp:docPr", id=shape_id, name=f"页码{shape_id}")
    _dml(anchor, "wp:cNvGraphicFramePr")
    data = _dml(_dml(anchor, "a:graphic"), "a:graphicData", uri=_DML_NSMAP["wps"])
    shape = _dml(data, "wps:wsp")
    _dml(shape, "wps:cNvSpPr", txBox=1)
    _text_box_geometry(_dml(shape, "wps:spPr"), width, height)
    sub(_dml(shape, "wps:txbx"), "w:txbxContent").append(content)
    body = _dml(shape, "wps:bodyPr", rot=0, vert="vert", wrap="square", lIns=0, tIns=0, rIns=0, bIns=0,
                anchor="ctr", anchorCtr=0)
    _dml(body, "a:noAutofit")
    return run


def _text_box_geometry(sppr, width: int, height: int) -> None:
    """Fill a text box's `wps:spPr`: a rectangle without fill or outline."""
    xfrm = _dml(sppr, "a:xfrm")
    _dml(xfrm, "a:off", x=0, y=0)
    _dml(xfrm, "a:ext", cx=width, cy=height)
    _dml(_dml(sppr, "a:prstGeom", prst="rect"), "a:avLst")
    _dml(sppr, "a:noFill")
    _dml(_dml(sppr, "a:ln"), "a:noFill")
