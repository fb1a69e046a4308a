"""Raw WordprocessingML the python-docx API does not reach.

Everything that touches `w:` elements directly lives here, behind functions
named after what they do (repeat a header row, keep a row on one page, set an
East-Asian font…); DrawingML text boxes are in _dml.py.  Elements are created like python-docx's `OxmlElement` so
they can be appended to a python-docx document as well as serialized alone.
Child order follows the ECMA-376 schema; Word asks to "repair" files whose
children are out of order, so helpers insert at the right place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser, parse_xml

_W_NSMAP = {"w": nsmap["w"]}

# Font attributes that name a theme font; a theme attribute beats an explicit
# name (ECMA-376 17.3.2.26), so they must go wherever a font is set.
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")

# Successors of elements inside w:pPr / w:trPr / w:tcPr / w:sectPr, in schema
# order: an element is inserted before the first successor present.
_PPR_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                   "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                   "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                   "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                   "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_SECTPR_AFTER_PGNUM = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                       "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                       "w:printerSettings", "w:sectPrChange")


def el(tag: str, **attrs: str):
    """Return a new `w:` element with `w:`-prefixed attributes.

    Same as python-docx's OxmlElement (so the element classes match), with
    the tag and attribute names resolved once: a batch of letters creates
    over 100,000 elements.
    """
    node = oxml_parser.makeelement(_clark(tag), nsmap=_W_NSMAP)
    for key, value in attrs.items():
        node.set(_clark(f"w:{key}"), str(value))
    return node


@functools.lru_cache(maxsize=None)
def _clark(name: str) -> str:
    return qn(name)


def sub(parent, tag: str, **attrs: str):
    """Append a new `w:` element to `parent` and return it."""
    node = el(tag, **attrs)
    parent.append(node)
    return node


def set_fonts(rpr, east_asia: str, latin: str = "Times New Roman") -> None:
    """Name the East-Asian and Latin fonts on an `w:rPr`, dropping theme fonts.

    python-docx's `font.name` sets only ascii/hAnsi, so Chinese text would
    keep the theme font; Chinese offices expect the named GB fonts.
    """
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = el("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for key, value in (("ascii", latin), ("hAnsi", latin), ("eastAsia", east_asia), ("cs", latin)):
        fonts.set(qn(f"w:{key}"), value)


def set_lang_zh(rpr) -> None:
    """Mark East-Asian text of an `w:rPr` as Simplified Chinese."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = sub(rpr, "w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")


def paragraph(text: str, style_id: str | None = None, *, page_break_before: bool = False,
              keep_with_next: bool = False):
    """Return a `w:p` holding `text` in one run, styled by `style_id`.

    Formatting lives in the style, so the element stays small: thousands of
    them are built for a batch of letters.  Line breaks and tabs in `text`
    become `w:br`/`w:tab`; control characters XML cannot hold are dropped.
    """
    p = el("w:p")
    if style_id or page_break_before or keep_with_next:
        ppr = sub(p, "w:pPr")
        if style_id:
            sub(ppr, "w:pStyle", val=style_id)
        if keep_with_next:
            sub(ppr, "w:keepNext")
        if page_break_before:
            sub(ppr, "w:pageBreakBefore")
    if text:
        run = sub(p, "w:r")
        if _SPECIAL.search(text):
            _add_text_parts(run, _CONTROL.sub("", text))
        else:
            _add_text(run, text)
    return p


_SPECIAL = re.compile(r"[\x00-\x1f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# Paragraphs as XML text, parsed many at once: building a batch's
# paragraphs element by element (about 100,000 elements for 600 letters)
# costs several times parsing the same XML.
W_DECLARATION = f' xmlns:w="{nsmap["w"]}"'


def paragraph_xml(text: str, style_id: str, indent: tuple[int, int] | None = None) -> str:
    """Return the XML of `paragraph(text, style_id)`; `indent` is a left
    indent (twips, hundredths of a character) as `w:ind` writes it."""
    ind = f'<w:ind w:left="{indent[0]}" w:leftChars="{indent[1]}"/>' if indent else ""
    run = f"<w:r>{run_xml(text)}</w:r>" if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{ind}</w:pPr>{run}</w:p>'


def run_xml(value: str) -> str:
    """Return the XML of `value` inside a run, as `paragraph` writes it:
    `w:t`, with `w:br`/`w:tab` for line breaks and tabs, control
    characters dropped."""
    if value.isprintable():
        # No control character, line break or tab (most text): no pattern.
        return _t_xml(value) if value else ""
    clean = _CONTROL.sub("", value)
    if not _SPECIAL.search(clean):
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


def parse_body(xml: str) -> list:
    """Return the elements of body XML text (paragraphs, tables), parsed
    at once as python-docx parses a document."""
    return list(parse_xml(f"<w:body{W_DECLARATION}>{xml}</w:body>".encode("utf-8")))


def _add_text(run, text: str) -> None:
    t = sub(run, "w:t")
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _add_text_parts(run, text: str) -> None:
    """Add `text` to `run`, turning newlines into `w:br` and tabs into `w:tab`."""
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            sub(run, "w:br")
        for j, piece in enumerate(line.split("\t")):
            if j:
                sub(run, "w:tab")
            if piece:
                _add_text(run, piece)


def page_number_runs(p, rpr_factory) -> None:
    """Append `— PAGE —` (an em dash each side of a PAGE field) to `w:p`."""
    for text in ("— ", None, " —"):
        if text is None:
            field = sub(p, "w:fldSimple", instr=" PAGE ")
            run = sub(field, "w:r")
            run.append(rpr_factory())
            sub(run, "w:t").text = "1"
            continue
        run = sub(p, "w:r")
        run.append(rpr_factory())
        t = sub(run, "w:t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def clear_paragraph(p) -> None:
    """Remove everything but the properties from `w:p`."""
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)


def append_tab_text(p, text: str) -> None:
    """Append a tab and `text` to `w:p` (the right-aligned part of a line)."""
    run = sub(p, "w:r")
    sub(run, "w:tab")
    sub(run, "w:t").text = text


def paragraph_border(ppr, top: int = 0, bottom: int = 0, *, color: str = "000000", space: int = 1) -> None:
    """Draw rules above/below a paragraph; widths in 1/8 pt (8 = 0.35 mm),
    `space` (pt) between the rule and the text."""
    border = el("w:pBdr")
    for side, size in (("top", top), ("bottom", bottom)):
        if size:
            sub(border, f"w:{side}", val="single", sz=size, space=space, color=color)
    _insert_before(ppr, border, _PPR_AFTER_PBDR)


def no_autospace(ppr) -> None:
    """Switch off the automatic space between Chinese and Latin/digits on a
    paragraph, so its printed width is the sum of its characters."""
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        start = _PPR_AFTER_PBDR.index(tag) + 1
        _insert_before(ppr, el(tag, val=0), _PPR_AFTER_PBDR[start:])


def keep_with_next(ppr) -> None:
    """Keep the paragraph on the page of the next one (`w:keepNext`)."""
    if ppr.find(_clark("w:keepNext")) is None:
        _insert_before(ppr, el("w:keepNext"), ("w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
                                               "w:numPr", "w:suppressLineNumbers", "w:pBdr", *_PPR_AFTER_PBDR))


def right_tab(ppr, position: int) -> None:
    """Add a right-aligned tab stop at `position` twips to a `w:pPr`."""
    tabs = el("w:tabs")
    sub(tabs, "w:tab", val="right", pos=position)
    _insert_before(ppr, tabs, _PPR_AFTER_PBDR[1:])


def condense(rpr, twentieths: int) -> None:
    """Change character spacing of an `w:rPr` by `twentieths` of a point."""
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        # w:spacing comes after the font/bold/colour group and before w:w, w:sz…
        spacing = el("w:spacing")
        _insert_before(rpr, spacing, ("w:w", "w:kern", "w:position", "w:sz", "w:szCs",
                                      "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                                      "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
                                      "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"))
    spacing.set(qn("w:val"), str(twentieths))


# Successors of w:w inside w:rPr, in schema order.
_RPR_AFTER_W = ("w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                "w:eastAsianLayout", "w:specVanish", "w:oMath")


def size_and_scale_runs(p, size_pt: float, width_percent: int) -> None:
    """Set the font size and horizontal character scale of every run of `w:p`.

    Scaling the glyph width (`w:w`, "字符缩放") narrows a long 发文机关标志
    without letting characters overlap, which negative spacing would do.
    """
    for run in p.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            rpr = el("w:rPr")
            run.insert(0, rpr)
        for tag in ("w:w", "w:sz", "w:szCs"):
            old = rpr.find(qn(tag))
            if old is not None:
                rpr.remove(old)
        half_points = str(round(size_pt * 2))
        _insert_before(rpr, el("w:szCs", val=half_points), _RPR_AFTER_W[4:])
        _insert_before(rpr, el("w:sz", val=half_points), _RPR_AFTER_W[3:])
        if width_percent != 100:
            _insert_before(rpr, el("w:w", val=width_percent), _RPR_AFTER_W)


def outline_level(ppr, level: int) -> None:
    """Give a paragraph (style) an outline level so Word's navigation pane lists it."""
    _insert_before(ppr, el("w:outlineLvl", val=level), ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"))


def exact_height(ppr, twips: int) -> None:
    """Give a paragraph an exact line height of `twips`, off the line grid."""
    _insert_before(ppr, el("w:spacing", line=twips, lineRule="exact", before=0, after=0),
                   _PPR_AFTER_PBDR[_PPR_AFTER_PBDR.index("w:spacing") + 1:])
    no_grid_snap(ppr)


def no_grid_snap(ppr) -> None:
    """Keep a paragraph off the document grid (table text, footers use their own pitch)."""
    _insert_before(ppr, el("w:snapToGrid", val="0"), _PPR_AFTER_PBDR[_PPR_AFTER_PBDR.index("w:spacing"):])


def doc_grid(sectpr, line_pitch: int) -> None:
    """Set the section's line grid so 22 lines fill a page (GB/T 9704 5.2.2)."""
    grid = sectpr.find(qn("w:docGrid"))
    if grid is None:
        grid = sub(sectpr, "w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch))
    grid.attrib.pop(qn("w:charSpace"), None)


def restart_page_numbers(sectpr) -> None:
    """Make the section's page numbers start again at 1 (each letter of a
    combined print file is numbered on its own)."""
    old = sectpr.find(qn("w:pgNumType"))
    if old is not None:
        sectpr.remove(old)
    _insert_before(sectpr, el("w:pgNumType", start=1), _SECTPR_AFTER_PGNUM)


def section_start(sectpr, kind: str) -> None:
    """Set how the section starts: "nextPage", "oddPage", "evenPage"…"""
    old = sectpr.find(qn("w:type"))
    if old is not None:
        sectpr.remove(old)
    _insert_before(sectpr, el("w:type", val=kind), ("w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders",
                                                     "w:lnNumType", "w:pgNumType", *_SECTPR_AFTER_PGNUM))


def table(widths: Sequence[int]):
    """Return an empty `w:tbl` of fixed column `widths` (twips) with 0.5 pt grid lines."""
    tbl = el("w:tbl")
    tblpr = sub(tbl, "w:tblPr")
    sub(tblpr, "w:tblW", w=sum(widths), type="dxa")
    sub(tblpr, "w:jc", val="center")
    borders = sub(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(borders, f"w:{side}", val="single", sz="4", space="0", color="000000")
    sub(tblpr, "w:tblLayout", type="fixed")
    margins = sub(tblpr, "w:tblCellMar")
    sub(margins, "w:left", w="85", type="dxa")
    sub(margins, "w:right", w="85", type="dxa")
    sub(tblpr, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0",
        lastColumn="0", noHBand="0", noVBand="1")
    grid = sub(tbl, "w:tblGrid")
    for width in widths:
        sub(grid, "w:gridCol", w=width)
    return tbl


def table_row(tbl, cells: Sequence, widths: Sequence[int], *, header: bool = False,
              merge: Sequence[str | None] = (), spans: Sequence[int] = (), split: bool = False) -> None:
    """Append a row to `tbl`: one `w:p` (or list of them) per cell.

    The row is kept on one page (`cantSplit`) unless `split`; a `header` row
    is repeated at the top of every page (`tblHeader`).  `merge[i]` is "restart" or
    "continue" to merge cell i vertically with the rows below/above;
    `spans[i]` > 1 makes cell i span that many columns of `widths`.
    """
    tr = sub(tbl, "w:tr")
    trpr = sub(tr, "w:trPr")
    if not split:
        sub(trpr, "w:cantSplit")
    if header:
        sub(trpr, "w:tblHeader")
    column = 0
    for i, content in enumerate(cells):
        span = spans[i] if i < len(spans) else 1
        tc = sub(tr, "w:tc")
        tcpr = sub(tc, "w:tcPr")
        sub(tcpr, "w:tcW", w=sum(widths[column:column + span]), type="dxa")
        if span > 1:
            sub(tcpr, "w:gridSpan", val=span)
        column += span
        kind = merge[i] if i < len(merge) else None
        if kind:
            sub(tcpr, "w:vMerge", **({"val": "restart"} if kind == "restart" else {}))
        sub(tcpr, "w:vAlign", val="center")
        for p in content if isinstance(content, list) else [content]:
            tc.append(p)


def _insert_before(parent, child, successors: Sequence[str]) -> None:
    """Insert `child` into `parent` before the first of `successors` present."""
    old = parent.find(child.tag)
    if old is not None:
        parent.remove(old)
    # One pass over the (few) children instead of a find per successor: a
    # batch of 催办单 inserts tens of thousands of keepNext/spacing elements.
    present: dict[str, object] = {}
    for node in parent:
        present.setdefault(node.tag, node)
    for tag in successors:
        found = present.get(_clark(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def min_row_height(tr, twips: int) -> None:
    """Make a table row at least `twips` high (room to write by hand)."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = el("w:trPr")
        tr.insert(0, trpr)
    sub(trpr, "w:trHeight", val=twips, hRule="atLeast")
