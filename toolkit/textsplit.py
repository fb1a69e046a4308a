"""Cutting Chinese text at separators that stand outside brackets and quotes.

Unit cells (`区府办（区“两个健康”办）、区财政局`), sentences
(`“没有走在前列也是一种风险。”`) and clauses all need the same rule: a
separator inside brackets or quotes does not cut.
"""

from __future__ import annotations

BRACKETS = "“‘「『(（《〈【", "”’」』)）》〉】"


def split_outside(text: str, separators: str, pairs: tuple[str, str] = BRACKETS,
                  keep: bool = False) -> list[str]:
    """Return the non-empty pieces of `text` cut at `separators` outside the
    `pairs` (openers, closers); `keep` leaves each separator on its piece."""
    opening, closing = pairs
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in opening:
            depth += 1
        elif ch in closing:
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            out.append(text[start:i + 1] if keep else text[start:i])
            start = i + 1
    out.append(text[start:])
    return [piece.strip() for piece in out if piece.strip()]
