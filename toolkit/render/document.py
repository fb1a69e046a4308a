"""GB/T 9704-2012 pages and paragraph styles for every generated Word file.

`new_document()` returns a python-docx Document already set up as an
official document (A4 portrait, 37/35/28/26 mm margins, 22 lines of 三号
仿宋_GB2312, `— 1 —` page numbers, the style sheet of styles.py); the
`add_*` functions append the elements of a 公文 by style name ("GW Body",
"GW Title", "GW Heading 1"…).  See shared/docs/gbt9704.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timezone

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from . import _oxml
from ._dml import turned_text_box
from .titles import text_width, title_lines
from .styles import (HEADING_STYLES, IMPRINT_CHARS, ISSUER_SIZE, LINE_PITCH, LINES_PER_PAGE, RED, page_number,
                     page_number_paragraph, setup_styles, style_id)

# The 发文机关标志 may use 95 % of the 156 mm (442 pt) line: substitute fonts
# on other machines may be a little wider than 方正小标宋简体.
ISSUER_WIDTH = 420.0
MIN_ISSUER_SCALE = 60  # % width below which the mark is set smaller instead
SEPARATOR_WIDTH = 10  # 1/8 pt: 1.25 pt = 0.44 mm (0.35-0.5 mm in practice)
# twips: what the 版记's rules leave of the page's last line, so its last
# rule sits on the bottom edge of the type area (measured in LibreOffice's
# PDF: 7.2 mm short without it; kept 0.3 mm under that for Word's borders).
IMPRINT_FILL = 391
KEEP_ROWS = 2  # table rows kept with a note under the table (see add_table)
TEXT_WIDTH = 8844  # twips: the 156 mm line
SIGN_CHAR = 315  # twips: one 三号 character as printed (16 pt condensed by 0.25 pt)

# Landscape page numbers (clause 8), in mm of the landscape page: the sheet is
# the portrait page turned clockwise, so the portrait bottom edge is on the
# left and the 订口 on top.  The number's centre line stays 7 mm outside the
# type area (35 mm margin), 1 字 (4.94 mm) in from its end like in portrait.
NUMBER_BOX_LEFT, NUMBER_BOX_WIDTH, NUMBER_BOX_LENGTH = 24, 8, 40
NUMBER_ODD_END = 210 - 26 - 4.94  # towards the 切口 of an odd page
NUMBER_EVEN_START = 28 + 4.94  # towards the 切口 of an even page


def new_document() -> DocxDocument:
    """Return an empty A4 portrait document set up per GB/T 9704.

    Page numbers `— n —` (4号宋体) sit right on odd pages and left on even
    pages; later portrait sections inherit them, landscape sections get
    turned ones (see set_landscape).
    """
    doc = Document()
    props = doc.core_properties
    # python-docx's template signs files "python-docx", dated 2013.
    props.author, props.comments, props.last_modified_by = "", "", ""
    props.created = props.modified = datetime.now(timezone.utc).replace(microsecond=0)
    setup_styles(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = doc.sections[0]
    _portrait(section)
    doc.settings.odd_and_even_pages_header_footer = True
    page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    return doc


_SECTPR = qn("w:sectPr")


def body_end(doc):
    """Return the body's final `w:sectPr`, before which content is added.

    It is the body's last child: taking it by index is O(1), where
    python-docx's `body.sectPr` searches every child (quadratic over the
    thousands of paragraphs of a 3,000-task summary)."""
    body = doc.element.body
    last = body[-1] if len(body) else None
    return last if last is not None and last.tag == _SECTPR else body.sectPr


def add_paragraph(doc: DocxDocument, text: str, style: str = "GW Body", *, page_break_before: bool = False):
    """Append a paragraph of `text` in the style named `style`; return its `w:p`."""
    p = _oxml.paragraph(text, style_id(style), page_break_before=page_break_before)
    body_end(doc).addprevious(p)
    return p


def add_title(doc: DocxDocument, text: str):
    """Append the title (2号方正小标宋简体, centred), broken into lines
    between words (see title_paragraph)."""
    p = title_paragraph(text)
    body_end(doc).addprevious(p)
    return p


def title_paragraph(text: str):
    """Return the title `w:p`, its lines broken between words in a 梯形 or
    菱形 shape (7.3.1, see titles.py); lines a caller already broke with
    `\n` are kept as given."""
    lines = text.split("\n") if "\n" in text else title_lines(text)
    return _oxml.paragraph("\n".join(lines), style_id("GW Title"))


def add_body(doc: DocxDocument, text: str):
    """Append a body paragraph (3号仿宋_GB2312, 左空二字)."""
    return add_paragraph(doc, text, "GW Body")


def add_heading(doc: DocxDocument, text: str, level: int = 1):
    """Append a heading: level 1 黑体, 2 楷体, 3 仿宋 bold, 4 仿宋."""
    return add_paragraph(doc, text, HEADING_STYLES[level])


def add_blank(doc: DocxDocument):
    """Append an empty line (空一行)."""
    return add_paragraph(doc, "", "GW Plain")


def signature_paragraphs(signer: str, date: str) -> list:
    """Return the 署名 and date `w:p`s (7.3.5.2, no seal): 署名 右空二字,
    the date's first character two characters right of the 署名's; a
    longer date is put 右空二字 and the 署名 moves left instead.

    Widths are those of the printed strings: Latin digits are half a
    character, and the automatic space Word and LibreOffice put between
    Chinese and digits (`2023 年 3 月`, about 2 characters over a date) is
    switched off on these lines so the measured width is the printed one.
    The 署名 keeps with its date.
    """
    signer_w, date_w = text_width(signer), text_width(date)
    date_gap = max(2.0, signer_w - date_w)
    signer_gap = date_gap + date_w + 2 - signer_w
    out = []
    for text, gap in ((signer, signer_gap), (date, date_gap)):
        p = _oxml.paragraph(text, style_id("GW Right"), keep_with_next=not out)
        ppr = p.find(qn("w:pPr"))
        _oxml.no_autospace(ppr)
        _oxml.sub(ppr, "w:ind", rightChars=round(gap * 100), right=round(gap * SIGN_CHAR))
        out.append(p)
    if signer_w - date_w >= 2:
        # The usual case: set the date from the left, 2 字 right of where the
        # 署名 starts, so digits of any width (Times New Roman's are half a
        # character, substitutes' wider) never move its first character.
        _date_from_left(out[1].find(qn("w:pPr")), signer_w)
    return out


def _date_from_left(ppr, signer_w: float) -> None:
    """Left-align the date line, starting 2 字 right of a 署名 of `signer_w`
    characters set 右空二字 (the 署名 is Chinese: its width is exact)."""
    ppr.remove(ppr.find(qn("w:ind")))
    start = TEXT_WIDTH - (2 + signer_w) * SIGN_CHAR + 2 * SIGN_CHAR
    _oxml.sub(ppr, "w:jc", val="left")
    ppr.insert(len(ppr) - 1, _oxml.el("w:ind", left=round(start), leftChars=0, right=0, rightChars=0))


def issuer_mark_fit(text: str) -> tuple[float, int]:
    """Return (size in pt, width scale in %) that keeps the 发文机关标志
    `text` on one line of the 156 mm type area.

    A mark must never wrap.  Long names are first narrowed, as printed 红头
    are; below MIN_ISSUER_SCALE the size drops instead, since thinner
    glyphs stop looking like 小标宋.
    """
    chars = max(text_width(text), 1.0)
    size = min(float(ISSUER_SIZE), ISSUER_WIDTH / (chars * MIN_ISSUER_SCALE / 100))
    size = math.floor(size * 2) / 2  # Word sizes are in half points
    scale = min(100, math.floor(100 * ISSUER_WIDTH / (chars * size)))
    return size, scale


def issuer_mark_paragraph(text: str):
    """Return the 发文机关标志 `w:p` (`…文件`): red 小标宋, centred, one line."""
    p = _oxml.paragraph(text, style_id("GW Issuer Mark"))
    size, scale = issuer_mark_fit(text)
    if (size, scale) != (ISSUER_SIZE, 100):
        _oxml.size_and_scale_runs(p, size, scale)
    return p


def rule_paragraph():
    """Return the red separator under the 发文字号 (7.2.7): an empty
    paragraph whose bottom border spans the type area.

    The 发文字号's glyphs end about 2 mm above the bottom of their 28.95 pt
    line, so a paragraph SEPARATOR_GAP (1.85 mm) high puts the rule 4 mm
    under them (measured in LibreOffice's PDF).  Readers skip empty
    paragraphs, so importing the notice is unaffected.
    """
    p = _oxml.paragraph("", style_id("GW Rule"))
    _oxml.paragraph_border(p.find(qn("w:pPr")), bottom=SEPARATOR_WIDTH, color=RED, space=0)
    return p


def add_landscape_section(doc: DocxDocument):
    """Start a new page in landscape A4 keeping the 225 x 156 mm type area."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    set_landscape(section)
    return section


def set_landscape(section) -> None:
    """Turn `section` to landscape A4, keeping the 225 x 156 mm type area,
    with page numbers placed per clause 8 (see _landscape_page_numbers)."""
    section.orientation = WD_ORIENT.LANDSCAPE
    # Setting the orientation alone does not swap the sizes (python-docx #298).
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    section.left_margin, section.right_margin = Mm(35), Mm(37)
    section.footer_distance = Mm(12)
    _oxml.doc_grid(section._sectPr, LINE_PITCH)
    _landscape_page_numbers(section)


def _landscape_page_numbers(section) -> None:
    """Give a landscape section its own footers: `— n —` turned upright for
    the portrait reader, lower left on odd pages, upper left on even ones.

    GB/T 9704 clause 8 keeps landscape page numbers where the portrait
    pages have them; an ordinary footer would print them along the long
    edge.  Text boxes anchored to the page render alike in Word and
    LibreOffice.
    """
    # Shape ids must be unique in the document: number them by section.
    index = int(section._sectPr.xpath("count(preceding::w:sectPr)"))
    boxes = ((section.footer, "right", NUMBER_ODD_END - NUMBER_BOX_LENGTH),
             (section.even_page_footer, "left", NUMBER_EVEN_START))
    for n, (footer, align, top) in enumerate(boxes):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]._p
        _oxml.clear_paragraph(p)
        p.append(turned_text_box(
            page_number_paragraph(align), left=Mm(NUMBER_BOX_LEFT), top=Mm(top),
            width=Mm(NUMBER_BOX_WIDTH), height=Mm(NUMBER_BOX_LENGTH), shape_id=index * 2 + n + 1001))


def add_portrait_section(doc: DocxDocument, *, even_page: bool = False, numbered: bool = True):
    """Start a new page in portrait A4 (e.g. the 版记 after landscape tables).

    `even_page` starts it on an even page: the 版记 must be on the back of
    the last sheet of a double-sided print, so Word and LibreOffice insert
    a blank page when the previous section ends on an even page.  Without
    `numbered` the section's pages carry no page number: by 7.5 neither
    the 版记 page nor the blank page before it is numbered.
    """
    section = doc.add_section(WD_SECTION.EVEN_PAGE if even_page else WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    _portrait(section)
    # Footers are inherited: after a landscape section, undo its turned numbers.
    footers = ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
    for footer, align in footers:
        footer.is_linked_to_previous = False
        if numbered:
            page_number(footer.paragraphs[0], align)
        else:
            _oxml.clear_paragraph(footer.paragraphs[0]._p)
    return section


def add_table(doc: DocxDocument, headers: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[int], *, centered: Sequence[int] = (0,),
              merges: Sequence[Sequence[str | None]] = (), header_spans: Sequence[int] = (),
              split_rows: bool = False, keep_with_next: bool = False, keep_rows: Sequence[bool] = ()):
    """Append a table: `headers` repeated on every page, rows never split
    unless `split_rows` (long rows: a task of 300 characters is a third of a
    page, and rows that may not split leave half pages empty).

    `widths` are column widths in twips; columns listed in `centered` are
    centred (序号).
    `merges[r][c]` is "restart"/"continue" to merge cells vertically;
    `header_spans[i]` lets header i span several columns (项目 over two
    category columns).  `keep_with_next` keeps the table's end on the page
    of the paragraph after it (a note under the table): the paragraphs of
    the last KEEP_ROWS rows keep with the next.  Word needs only the last
    row; LibreOffice moves a lone last row with its note only when the row
    before keeps with it too, and keeps a whole table off a page when every
    row does (measured with LibreOffice 7.4).  Return the `w:tbl`.
    """
    tbl = _oxml.table(widths)
    head_style, text_style, center_style = (style_id(n) for n in ("GW Table Header", "GW Table Text", "GW Table Center"))
    _oxml.table_row(tbl, [_oxml.paragraph(h, head_style) for h in headers], widths, header=True, spans=header_spans)
    for r, row in enumerate(rows):
        keep = (keep_with_next and r >= len(rows) - KEEP_ROWS) or (r < len(keep_rows) and keep_rows[r])
        cells = [_oxml.paragraph(v, center_style if c in centered else text_style, keep_with_next=keep)
                 for c, v in enumerate(row)]
        _oxml.table_row(tbl, cells, widths, merge=merges[r] if r < len(merges) else (), split=split_rows)
    body_end(doc).addprevious(tbl)
    return tbl


def add_imprint(doc: DocxDocument, copy_to: str, issuer: str, date: str) -> None:
    """Append the 版记 at the bottom of a page: 抄送, then 印发机关 and
    印发日期, a thick rule above and below and a thin one between (7.4.1).

    抄送 and 印发机关 are 左空一字, the date 右空一字 (7.4.2, 7.4.3).  Built
    from bordered paragraphs, not a table, so notice readers never take it
    for a row of the table before it.
    """
    copy_line = "抄送：" + copy_to.rstrip("。") + "。" if copy_to else ""
    printed = date + ("" if not date or date.endswith("印发") else "印发")
    count = 1 + _copy_lines(copy_line)
    # The 版记 must end on the bottom edge of the type area.  Frames and
    # floating tables anchored there are not honoured by LibreOffice, so
    # blank lines of the exact 28.95 pt pitch push it down instead: one line
    # fewer than the page holds (the rules take a few points), the first
    # one taller by what the rules leave of that line.
    blanks = [add_blank(doc) for _ in range(max(1, LINES_PER_PAGE - count - 1))]
    _oxml.exact_height(blanks[0].find(qn("w:pPr")), LINE_PITCH + IMPRINT_FILL)
    # Rules are drawn on paragraphs without indents so they span the type
    # area; the 1-字 gaps are a full-width space and a tab stop instead.
    if copy_line:
        _oxml.paragraph_border(blanks[-1].find(qn("w:pPr")), bottom=8)
        p = add_paragraph(doc, copy_line, "GW Imprint")
        _oxml.sub(p.find(qn("w:pPr")), "w:ind", left=280 * 4, leftChars=400, right=280, rightChars=100,
                  hanging=280 * 3, hangingChars=300)
    p = add_paragraph(doc, "\u3000" + issuer, "GW Imprint")
    ppr = p.find(qn("w:pPr"))
    _oxml.paragraph_border(ppr, top=4 if copy_line else 8, bottom=8)
    _oxml.right_tab(ppr, 8844 - 280)
    _oxml.append_tab_text(p, printed)


def _copy_lines(copy_line: str) -> int:
    """Return the lines the 抄送 paragraph takes: the first holds
    IMPRINT_CHARS characters, the others start after `抄送：` (3 字 less)."""
    width = text_width(copy_line)
    if not width:
        return 0
    return 1 + math.ceil(max(0.0, width - IMPRINT_CHARS) / (IMPRINT_CHARS - 3))


def _portrait(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25.5)
    _oxml.doc_grid(section._sectPr, LINE_PITCH)
