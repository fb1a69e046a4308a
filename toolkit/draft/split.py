"""Split the tasks part into rows the way decomposition tables do.

Published 责任分解 tables give one measure per row: a sentence, or a clause
group ended by `；`.  A paragraph usually opens with a short bold lead phrase
(`争当新型城镇化改革的示范窗口。`) that becomes the row's 二级类别, not a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .outline import Category
from ..textsplit import split_outside
from .report import Line
from .targets import extract_targets
from .unwrap import SPEECH

_OPEN = "“‘「『(（《〈【"
_CLOSE = "”’」』)）》〉】"
SENTENCE_ENDS = "。！？!?；;"
_CLAUSE_ENDS = ",，;；。"
# A lead phrase is one short sentence with no comma.
MAX_LEAD = 30
# Paragraphs that address the deputies are speech, not tasks.
# A couplet (`工作千万条,落实第一条。`): two short clauses of one length with
# no figure and no quote.  Reports use it as a slogan around a measure.
_COUPLET = re.compile(r"^([^,，;；:：。！!？?、“”‘’\d]{3,7})[,，]([^,，;；:：。！!？?、“”‘’\d]{3,7})[。！!]$")
# First characters of measures (加强、推进、深化、以…为…): a couplet opening
# with one is a task (`深化改革开放,激发市场活力。`) and stays a row.
_MEASURE_OPENERS = frozenset("加推实深完健建强提开落抓坚全持积大着稳保优扩促守筑打做用以把让构培引"
                             "支鼓创发激巩拓统规严切进力努争确聚围启新改抢承办扎服为向对在按依通")


@dataclass
class Piece:
    """One row of the draft: the text and where it sits in the report."""

    text: str
    line: int
    category: str = ""
    lead: str = ""


def sentences(text: str) -> list[str]:
    """Return the sentences of `text`, each with its closing mark.

    Marks inside quotes or brackets (`“没有走在前列也是一种风险。”`) do not
    end a sentence.
    """
    return split_outside(text, SENTENCE_ENDS, (_OPEN, _CLOSE), keep=True)


def lead_phrase(text: str) -> str:
    """Return the lead phrase opening paragraph `text`, or "" when it has none."""
    parts = sentences(text)
    first = parts[0] if parts else ""
    if len(parts) < 2 or len(first) > MAX_LEAD or not first.endswith("。"):
        return ""
    if extract_targets(first):
        # `规上工业增加值增长8%。` is a task with a target, not a lead phrase.
        return ""
    return "" if any(c in first for c in ",，；;") else first


def is_speech(text: str) -> bool:
    """Return True for a paragraph addressed to the deputies (各位代表…)."""
    return text.startswith(SPEECH)


def category_pieces(category: Category) -> tuple[list[Piece], list[Line]]:
    """Return (rows, skipped paragraphs) of one `(一)` section.

    When the section uses lead phrases, paragraphs before the first one are
    its introduction (`勤政为民韶光贵…`) and are skipped, as tables do; so
    is a slogan opening or closing a paragraph (see `is_slogan`), as a
    skipped Line holding just the slogan.
    """
    paragraphs = [p for p in category.paragraphs if not is_speech(p.text)]
    skipped = [p for p in category.paragraphs if is_speech(p.text)]
    leads = [p.bold or lead_phrase(p.text) for p in paragraphs]
    first = next((i for i, lead in enumerate(leads) if lead), 0)
    skipped += paragraphs[:first]
    pieces, current = [], ""
    for paragraph, lead in zip(paragraphs[first:], leads[first:]):
        current = lead or current
        body = sentences(paragraph.text[len(lead):] if lead else paragraph.text)
        slogans = _slogans(body)
        skipped += [Line(paragraph.number, s) for s in slogans]
        pieces += [Piece(s, paragraph.number, category.heading, current) for s in body if s not in slogans]
    skipped.sort(key=lambda p: p.number)
    return pieces, skipped


def is_slogan(sentence: str) -> bool:
    """Return True for a slogan (`工作千万条,落实第一条。`): a couplet that
    does not open like a measure.  It assigns no work, so it is no row."""
    couplet = _COUPLET.match(sentence)
    return bool(couplet) and len(couplet[1]) == len(couplet[2]) and sentence[0] not in _MEASURE_OPENERS


def _slogans(body: list[str]) -> list[str]:
    """Return the slogans opening or closing a paragraph's `body`, where
    reports put them; a couplet amid the measures is left a row."""
    ends = body[:1] + body[-1:] if len(body) > 1 else body
    return [s for s in dict.fromkeys(ends) if is_slogan(s)]


def target_clauses(line: Line) -> list[Piece]:
    """Return the rows of the main expected targets paragraph, one per clause.

    `全市…主要预期目标是:地区生产总值增长8.5%以上,财政总收入…` gives
    `地区生产总值增长8.5%以上。` and so on, as notices print them.
    """
    return [Piece(c + "。", line.number) for c in _clauses(targets_body(line.text))]


def targets_body(text: str) -> str:
    """Return the list of targets in the main targets paragraph: after the
    colon that follows the word 目标 (`…预期目标：地区生产总值增长7.5%；…`),
    so a sentence before it (`总体要求是：…。`) stays out; the whole
    paragraph when it has no such colon."""
    word = text.find("目标")
    colons = [i for i in (text.find(":", word), text.find("：", word)) if i >= 0] if word >= 0 else []
    if not colons:
        colons = [i for i in (text.find(":"), text.find("：")) if i >= 0]
    return text[min(colons) + 1:] if colons else text


def _clauses(text: str) -> list[str]:
    """Return the comma/semicolon clauses of `text`, outside quotes and brackets."""
    return split_outside(text, _CLAUSE_ENDS, (_OPEN, _CLOSE))