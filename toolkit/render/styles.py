"""The GB/T 9704 style sheet: fonts, sizes, indents and page-number footers.

Every generated document gets these named paragraph styles ("GW Body",
"GW Title"…), so batch generators can write paragraphs that only name a
style, and a clerk can still restyle a document in Word.  See
shared/docs/gbt9704.md for where each figure comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from . import _oxml

FANGSONG, HEITI, KAITI, XBS, SONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
LINE_PITCH = 579  # twips: 22 lines fill the 225 mm type area (gbt9704.md §3)
# 28 三号 characters must fit the 156 mm line: 16 pt glyphs are 0.2 pt too
# wide, so 16 pt styles are condensed by 0.25 pt (w:spacing -5, gbt9704.md §3).
# A character grid (docGrid charSpace) would do the same in Word, but
# LibreOffice then gives every glyph two grid cells.
CONDENSE = -5
LANDSCAPE_TEXT_WIDTH = 12756  # twips: the 225 mm type area turned sideways
LINES_PER_PAGE = 22
RED = "FF0000"  # 发文机关标志 and the separator line under the 发文字号 (7.2.4, 7.2.7)
ISSUER_SIZE = 36  # pt, 小初: the largest size of the 发文机关标志
# pt before the 发文机关标志: its top edge is 35 mm under the type area's top
# edge (7.2.4), less the ~1 mm above 小标宋 glyphs in their line.
ISSUER_SPACE_BEFORE = 96
SEPARATOR_GAP = 105  # twips: puts the red line 4 mm under the 发文字号 (see rule_paragraph)
IMPRINT_CHARS = 29  # 4号 characters per 版记 line (156 mm less 一字 each side)


@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style: fonts, size (pt), alignment and indents."""

    font: str = FANGSONG
    size: float = 16
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.JUSTIFY
    first_line_chars: int = 0  # 1/100 character: 200 = 左空二字
    right_chars: int = 0
    exact: bool = True  # exact 28.95 pt line pitch; off for table text
    keep_next: bool = False
    outline: int | None = None
    color: str | None = None  # RGB hex, e.g. RED
    space_before: float = 0  # pt
    line_twips: int | None = None  # exact line height other than LINE_PITCH


# Style name -> spec; ids drop the spaces ("GW Body" -> "GWBody").
STYLES: dict[str, StyleSpec] = {
    "GW Title": StyleSpec(XBS, 22, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True),
    # Single spacing: a 小初 mark would be clipped by the 28.95 pt pitch.
    "GW Issuer Mark": StyleSpec(XBS, ISSUER_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False,
                                keep_next=True, color=RED, space_before=ISSUER_SPACE_BEFORE),
    "GW Rule": StyleSpec(align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True, line_twips=SEPARATOR_GAP),
    "GW Body": StyleSpec(first_line_chars=200),
    "GW Plain": StyleSpec(),
    "GW Right": StyleSpec(align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=400),
    "GW Center": StyleSpec(align=WD_ALIGN_PARAGRAPH.CENTER),
    "GW Heading 1": StyleSpec(HEITI, first_line_chars=200, keep_next=True, outline=0),
    "GW Heading 2": StyleSpec(KAITI, first_line_chars=200, keep_next=True, outline=1),
    "GW Heading 3": StyleSpec(FANGSONG, bold=True, first_line_chars=200, keep_next=True, outline=2),
    "GW Heading 4": StyleSpec(FANGSONG, first_line_chars=200),
    "GW Annex Label": StyleSpec(HEITI, align=WD_ALIGN_PARAGRAPH.LEFT, keep_next=True),
    "GW Section": StyleSpec(HEITI, align=WD_ALIGN_PARAGRAPH.LEFT, keep_next=True, outline=1),
    "GW Table Header": StyleSpec(HEITI, 12, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False),
    # Left, not justified: in narrow cells (责任单位, 牵头领导) justified CJK
    # lines are stretched until the characters stand apart.
    "GW Table Text": StyleSpec(FANGSONG, 12, align=WD_ALIGN_PARAGRAPH.LEFT, exact=False),
    "GW Table Center": StyleSpec(FANGSONG, 12, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False),
    "GW Note": StyleSpec(FANGSONG, 12, align=WD_ALIGN_PARAGRAPH.LEFT, exact=False),
    "GW Imprint": StyleSpec(FANGSONG, 14, align=WD_ALIGN_PARAGRAPH.LEFT),
    "GW Footer": StyleSpec(SONG, 14, exact=False),
}
HEADING_STYLES = {1: "GW Heading 1", 2: "GW Heading 2", 3: "GW Heading 3", 4: "GW Heading 4"}


def style_id(name: str) -> str:
    """Return the XML style id python-docx gives the style `name`."""
    return name.replace(" ", "")


def setup_styles(doc: DocxDocument) -> None:
    """Replace python-docx's template styles by the GB/T 9704 style sheet."""
    _prune(doc)
    _defaults(doc)
    for name, spec in STYLES.items():
        _add_style(doc, name, spec)


# Styles of python-docx's template worth keeping; the other 160 (mostly table
# styles) and the duplicate stylesWithEffects part make every file 800 KB of
# XML, which dominates the time of writing hundreds of letters.
_KEEP_STYLES = {
    "Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "HeaderChar",
    "Footer", "FooterChar", "Title", "TitleChar", "ListParagraph", "Caption", "TableGrid",
    *(f"Heading{i}" for i in range(1, 5)), *(f"Heading{i}Char" for i in range(1, 5)),
}
_DROP_RELS = ("stylesWithEffects", "customXml", "thumbnail", "webSettings")


def _prune(doc: DocxDocument) -> None:
    """Drop template styles and parts a 公文 never uses (see _KEEP_STYLES)."""
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEEP_STYLES:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for part in (doc.part, doc.part.package):
        for r_id, rel in list(part.rels.items()):
            if rel.reltype.endswith(_DROP_RELS):
                part.drop_rel(r_id) if hasattr(part, "drop_rel") else part.rels.pop(r_id)


def _defaults(doc: DocxDocument) -> None:
    """Make docDefaults and Normal 三号仿宋_GB2312 with no spacing after."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _oxml.set_fonts(rpr, FANGSONG)
    _oxml.set_lang_zh(rpr)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    _oxml.set_fonts(normal.element.get_or_add_rPr(), FANGSONG)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = Twips(LINE_PITCH)
    ppr_default = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    if ppr_default is not None:
        spacing = ppr_default.find(qn("w:pPr")).find(qn("w:spacing"))
        if spacing is not None:
            spacing.set(qn("w:after"), "0")


def _add_style(doc: DocxDocument, name: str, spec: StyleSpec) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.size, font.bold = Pt(spec.size), spec.bold
    if spec.color:
        font.color.rgb = RGBColor.from_string(spec.color)
    rpr = style.element.get_or_add_rPr()
    _oxml.set_fonts(rpr, spec.font, SONG if spec.font == SONG else "Times New Roman")
    if spec.size == 16:
        _oxml.condense(rpr, CONDENSE)
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.space_before, fmt.space_after = Pt(spec.space_before), Pt(0)
    fmt.line_spacing = Twips(spec.line_twips or LINE_PITCH) if spec.exact else 1.0
    fmt.keep_with_next = spec.keep_next
    fmt.widow_control = True
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(spec.first_line_chars))
    ind.set(qn("w:firstLine"), str(spec.first_line_chars * 16 * 20 // 100))
    if spec.right_chars:
        ind.set(qn("w:rightChars"), str(spec.right_chars))
    if spec.outline is not None:
        _oxml.outline_level(style.element.get_or_add_pPr(), spec.outline)
    if not _on_grid(spec):
        _oxml.no_grid_snap(style.element.get_or_add_pPr())


def _on_grid(spec: StyleSpec) -> bool:
    """Return True if paragraphs of `spec` may snap to the 28.95 pt line grid.

    Word never snaps exact lines, but LibreOffice does: a 二号 title line
    then takes two grid lines, and the 4 mm separator a whole one.
    """
    return spec.exact and spec.size <= 16 and spec.line_twips is None


def page_number(p, align: WD_ALIGN_PARAGRAPH) -> None:
    """Fill a footer paragraph with `— n —`, 1 字 from the outer edge."""
    _oxml.clear_paragraph(p._p)
    ppr = p._p.get_or_add_pPr()
    ppr.get_or_add_pStyle().set(qn("w:val"), style_id("GW Footer"))
    p.alignment = align
    side = "right" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left"
    ppr.get_or_add_ind().set(qn(f"w:{side}"), "280")
    _oxml.page_number_runs(p._p, _number_rpr)


def page_number_paragraph(align: str):
    """Return a `w:p` of `— n —` aligned "left" or "right", for a text box."""
    p = _oxml.paragraph("", style_id("GW Footer"))
    _oxml.sub(p.find(qn("w:pPr")), "w:jc", val=align)
    _oxml.page_number_runs(p, _number_rpr)
    return p


def _number_rpr():
    """Return the `w:rPr` of page numbers: 4号宋体 digits and dashes (7.5)."""
    r = _oxml.el("w:rPr")
    _oxml.set_fonts(r, SONG, SONG)
    _oxml.sub(r, "w:sz", val=28)
    _oxml.sub(r, "w:szCs", val=28)
    return r
