"""Re-join a report copied out of a PDF, where every printed line is a line.

Copying a PDF gives one line per printed line: paragraphs break mid-sentence
every 30–40 characters, and page numbers (`— 3 —`) and running headers sit
between the pages.  The outline and the splitter need whole paragraphs, so
such text is recognised here and joined back; other text passes unchanged
(only page-number lines are dropped, which never carry content).

A printed line that is full and ends a sentence may or may not end its
paragraph; the next text decides (`_opens_paragraph`), which can be wrong
in two rare cases: a paragraph opening with neither a lead phrase, a
heading nor 各位代表 is joined to the one before (its rows keep their text
but point at that paragraph's line), and a short sentence with no comma
right after such a line is taken for a lead phrase.  Running headers are
recognised only beside page numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

# Private-use marks around a bold paragraph opening (Word runs, <strong>),
# put in by the readers and removed once the lead phrase is taken out.  They
# take no room on the printed line.
BOLD_OPEN, BOLD_CLOSE = "\ue000", "\ue001"
_MARKS = re.compile(f"[{BOLD_OPEN}{BOLD_CLOSE}]")
_DASHES = "-—–－―"
_PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASHES}]+\s*\d{{1,4}}\s*[{_DASHES}]+|第\s*\d{{1,4}}\s*页(?:\s*[,，/]?\s*共\s*\d{{1,4}}\s*页)?)$")
_PART = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十]+[)）])")
# `1.` opens a glossary entry; `1.5亿元` at the start of a line does not.
_NUMBERED = re.compile(r"^\d{1,3}\s*[.．、](?!\d)")
# A report's paragraph opens with a short lead phrase (`建强创新平台。`) or
# addresses the deputies.
_LEAD = re.compile(r"^[^,，;；:：。]{1,29}。")
# Paragraphs addressed to the deputies: speech, never task rows.
SPEECH = "各位代表"
_NOTE = re.compile(r"^[(（][^()（）]*[)）]$")
_ENDS = "。！？!?；;：:…"
_CLOSERS = "”’」』)）"
# A running header sits this many lines from its page number at most.
PAGE_GAP = 2
# Below this many lines a text is too short to tell its layout.
MIN_LINES = 20
# Characters per printed line of a PDF page, from large print to small.
MIN_WIDTH, MAX_WIDTH = 12, 60
# Longest heading line; the outline uses the same bound.
MAX_HEADING = 60
# Printed lines differ this much in characters (digits and Latin letters are
# narrower than Chinese ones).
SIMILAR = 0.2
# A line shorter than this share of the page width ended its paragraph.
FULL = 0.9
# Headings of one report are often of a length (`(一)打好…战,实现…新跨越`):
# only a heading filling the line may go on to the next.
HEADING_FULL = 0.95


def is_page_number(text: str) -> bool:
    """Return True for a page-number line (`— 3 —`, `- 3 -`, `第3页`)."""
    return bool(_PAGE_NUMBER.match(text))


def is_heading(text: str) -> bool:
    """Return True when `text` opens like a heading (`一、` `(一)` `（一）` `1.`)."""
    return bool(_PART.match(text) or _NUMBERED.match(text))


def ends_paragraph(text: str) -> bool:
    """Return True when `text` ends with a mark that can close a paragraph.

    A closing quote counts only after a sentence mark (`…一种风险。”`), since
    a line is often cut right after a quoted name (`新增工业“机器人”`).  A
    line wholly in brackets is a note (`(按在报告中出现的先后顺序排列)`).
    """
    if _NOTE.match(text):
        return True
    text = text.rstrip(_CLOSERS) if text.endswith(tuple(_CLOSERS)) else text
    return text.endswith(tuple(_ENDS))


def unwrap(texts: list[str]) -> list[tuple[int, str]]:
    """Return the non-empty paragraphs of `texts` with the line number (from 1)
    of each one's first line.

    `texts` are stripped lines.  Hard-wrapped text (see `page_width`) is
    joined into paragraphs, its page numbers and running headers dropped;
    any other text keeps one paragraph per line.
    """
    width = page_width(texts)
    if width is None:
        return [(n, t) for n, t in enumerate(texts, start=1) if _plain(t) and not is_page_number(_plain(t))]
    return _join(_text_lines(texts, running_headers(texts)), width)


def page_width(texts: list[str]) -> float | None:
    """Return the printed line width (in characters) of hard-wrapped `texts`,
    None when the text is not hard-wrapped.

    Hard-wrapped means most lines do not end a sentence and most of those
    have about the same length: a paragraph per line is the other way round.
    """
    lines = [p for p in map(_plain, texts) if p and not is_page_number(p)]
    cut = [len(p) for p in lines if not ends_paragraph(p)]
    if len(lines) < MIN_LINES or len(cut) * 2 < len(lines):
        return None
    width = median(cut)
    similar = sum(1 for n in cut if abs(n - width) <= width * SIMILAR)
    return width if MIN_WIDTH <= width <= MAX_WIDTH and similar * 5 >= len(cut) * 3 else None


def running_headers(texts: list[str]) -> set[str]:
    """Return the lines repeated at page breaks (`XX市政府工作报告`).

    Such a line is not a sentence end nor a heading, recurs three times or
    more, and mostly sits beside a page number: the tail of headings of one
    pattern (`…新跨越`) recurs too, but away from the page numbers.
    """
    lines = [p for p in map(_plain, texts) if p]
    counts = Counter(lines)
    near = Counter(p for i, p in enumerate(lines) if _near_page_number(lines, i))
    return {p for p, n in counts.items()
            if n >= 3 and near[p] * 2 >= n and not ends_paragraph(p) and not is_heading(p)}


def _near_page_number(lines: list[str], index: int) -> bool:
    """Return True when a page number is within two lines of `lines[index]`."""
    return any(is_page_number(p) for p in lines[max(0, index - PAGE_GAP):index + PAGE_GAP + 1])


def _text_lines(texts: list[str], headers: set[str]) -> list[tuple[int, str] | None]:
    """Return the numbered text lines, None where a blank line breaks the text.

    Blank lines around a page number or running header belong to the page
    break, which may fall mid-paragraph, so they break nothing.
    """
    items: list[tuple[int, str] | None] = []
    blank = page = False
    for number, text in enumerate(texts, start=1):
        plain = _plain(text)
        if not plain:
            blank = True
        elif is_page_number(plain) or plain in headers:
            page = True
        else:
            if blank and not page and items:
                items.append(None)
            items.append((number, text))
            blank = page = False
    return items


def _join(items: list[tuple[int, str] | None], width: float) -> list[tuple[int, str]]:
    """Return the paragraphs of `items`, each numbered by its first line."""
    paragraphs: list[tuple[int, str]] = []
    for i, item in enumerate(items):
        if item is None:
            continue
        if i and items[i - 1] is not None and _continues(paragraphs[-1][1], items[i - 1][1], items[i:], width):
            paragraphs[-1] = (paragraphs[-1][0], _glue(paragraphs[-1][1], item[1]))
        else:
            paragraphs.append(item)
    return paragraphs


def _continues(paragraph: str, previous: str, rest: list[tuple[int, str] | None], width: float) -> bool:
    """Return True when the line `rest[0]` carries on `paragraph`, whose last
    printed line is `previous`.

    A short line ended its paragraph.  A full line cut mid-sentence did not,
    even when the next line looks like a heading (`统` / `一、规范…`).  A full
    heading goes on only while it stays a heading.  A full line ending a
    sentence is ambiguous: the next text decides (see `_opens_paragraph`).
    """
    previous, so_far = _plain(previous), _plain(paragraph)
    heading = _heading_so_far(so_far)
    if len(previous) < width * (HEADING_FULL if heading else FULL):
        return False
    ahead = _ahead(rest, width)
    if heading:
        return _heading_so_far(so_far + ahead) and not any(c in ahead for c in _ENDS)
    return not ends_paragraph(previous) or not _opens_paragraph(ahead, width)


def _ahead(rest: list[tuple[int, str] | None], width: float) -> str:
    """Return the text from `rest[0]` to the end of its first short line (at
    most three lines: enough for a lead phrase)."""
    out = ""
    for item in rest[:3]:
        if item is None:
            break
        out += _plain(item[1])
        if len(_plain(item[1])) < width * FULL:
            break
    return out


def _heading_so_far(paragraph: str) -> bool:
    """Return True when `paragraph` so far is a part or section heading."""
    return len(paragraph) <= MAX_HEADING and bool(_PART.match(paragraph))


def _opens_paragraph(text: str, width: float) -> bool:
    """Return True when `text` (the lines up to a short one) opens a paragraph.

    A report's paragraph opens with a heading, `各位代表`, or a lead phrase
    followed by more text (`建强创新平台。推动…`); a title (`名词解释`) is one
    short line with no sentence mark.  A paragraph's own last sentence,
    however short, is none of these.
    """
    lead = _LEAD.match(text)
    title = len(text) < width * FULL and not any(c in text for c in _ENDS)
    return is_heading(text) or text.startswith(SPEECH) or bool(lead and lead.end() < len(text)) or title


def _glue(paragraph: str, line: str) -> str:
    """Return `line` appended to `paragraph`, a bold opening cut by the line
    end marked as one run again."""
    if paragraph.endswith(BOLD_CLOSE) and line.startswith(BOLD_OPEN):
        return paragraph[:-1] + line[1:]
    return paragraph + line


def _plain(text: str) -> str:
    """Return `text` without the bold marks."""
    return _MARKS.sub("", text).strip()
