"""Title line breaks: GB/T 9704 7.3.1 wants titles of several lines in a
梯形 or 菱形 shape, broken between words, never inside one.

Word and LibreOffice break Chinese anywhere (`…关于印发2023 / 年政府…`), so
the generators break title lines themselves.  A small word list of the
words official titles are made of (关于, 印发, 政府工作报告, 的通知…) gives
the places where a break is allowed; anything not in the list (the names
of offices and places) is never split.
"""

from __future__ import annotations

import functools
import itertools
import re

# Words of 公文 titles, longest first where one contains another.
WORDS = (
    "政府工作报告", "重点工作", "民生实事项目", "民生实事", "责任分解表", "责任分解", "任务分解",
    "目标任务", "进展情况", "任务", "项目", "责任", "分解", "关于", "印发", "落实", "下达", "转发",
    "做好", "进一步", "的通知", "的函", "通知", "的", "和", "及", "与", "区政府", "工作报告", "报告",
    "重点", "工作", "季度", "年度", "填报稿",
)
_BY_LENGTH = sorted(WORDS, key=len, reverse=True)
# Tokens that are one word whatever their length: a year (`2023年`,
# `2023年度`, `2023年第一季度`), brackets kept whole, runs of Latin/digits.
_ATOMS = re.compile(r"\d{4}\s*年(?:度|第[一二三四]季度)?|《[^》]*》|（[^）]*）|〔[^〕]*〕|“[^”]*”|[0-9A-Za-z.%]+")
# A line may not start with these (they lean on the word before).
_NO_START = tuple("的和及与之、，。；：）》”")
TITLE_CHARS = 19.0  # 2号 characters safely on one 156 mm line (20 fit exactly)


def title_tokens(text: str) -> list[tuple[str, bool]]:
    """Return `text` cut into (token, known) pairs: list words and atoms
    are known; runs of other characters (place and office names) stay one
    unknown token each."""
    tokens: list[tuple[str, bool]] = []
    unknown = ""
    i = 0
    while i < len(text):
        match = _ATOMS.match(text, i)
        word = match.group() if match else next((w for w in _BY_LENGTH if text.startswith(w, i)), "")
        if not word:
            unknown += text[i]
            i += 1
            continue
        if unknown:
            tokens.append((unknown, False))
            unknown = ""
        tokens.append((word, True))
        i += len(word)
    if unknown:
        tokens.append((unknown, False))
    return tokens


def _breakable(left: tuple[str, bool], right: tuple[str, bool]) -> bool:
    """Return True if a line may end between `left` and `right`: next to a
    known word of two or more characters, so `区文化和广电…` never splits."""
    return any(known and len(word) >= 2 for word, known in (left, right))


def text_width(text: str) -> float:
    """Return the width of `text` in Chinese characters (ASCII counts half)."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)


@functools.lru_cache(maxsize=256)
def _cached_lines(text: str, width: float) -> tuple[str, ...]:
    return tuple(_title_lines(text, width))


def title_lines(text: str, width: float = TITLE_CHARS) -> list[str]:
    """Return the lines of title `text` (see _title_lines); a batch of
    letters repeats a few titles, so they are cached."""
    return list(_cached_lines(text, width))


def _title_lines(text: str, width: float) -> list[str]:
    """Return the lines of title `text`, each at most `width` characters,
    broken between words in a 梯形 (each line no longer than the one above)
    or 菱形 (middle line longest) shape; the fewest lines that fit."""
    text = re.sub(r"\s+", "", text)
    if text_width(text) <= width:
        return [text]
    tokens = title_tokens(text)
    words = [word for word, _ in tokens]
    allowed = [i for i in range(1, len(tokens)) if _breakable(tokens[i - 1], tokens[i])]
    for count in range(2, len(allowed) + 2):
        best = _best_split(words, allowed, count, width)
        if best:
            return best
    return [text]


def _best_split(tokens: list[str], allowed: list[int], count: int, width: float) -> list[str] | None:
    """Return the best split of `tokens` at `allowed` places into `count`
    lines, or None."""
    best, best_score = None, None
    for cuts in itertools.combinations(allowed, count - 1):
        bounds = (0, *cuts, len(tokens))
        lines = ["".join(tokens[a:b]) for a, b in zip(bounds, bounds[1:])]
        widths = [text_width(line) for line in lines]
        if max(widths) > width or any(line.startswith(_NO_START) for line in lines[1:]):
            continue
        score = _shape_penalty(widths)
        if best_score is None or score < best_score:
            best, best_score = lines, score
    return best


def _shape_penalty(widths: list[float]) -> float:
    """Return how far `widths` are from a balanced 梯形 or 菱形."""
    trapezoid = all(a >= b for a, b in zip(widths, widths[1:]))
    middle = widths.index(max(widths))
    diamond = 0 < middle < len(widths) - 1 and all(a <= b for a, b in zip(widths[:middle], widths[1:middle + 1])) and all(
        a >= b for a, b in zip(widths[middle:], widths[middle + 1:]))
    spread = max(widths) - min(widths)
    return spread + (0 if trapezoid or diamond else 100)
