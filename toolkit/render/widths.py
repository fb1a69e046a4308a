"""Column widths chosen by what the cells hold.

A task table's fixed widths fit a typical notice, but a notice with a
责任领导 or 完成时限 column and long unit lists wraps its units over seven
lines beside a two-line task, and rows then break badly across pages.
Here the columns whose text varies (the task, its target, its units) share
the line so that the whole table takes the fewest printed lines.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

# Twips per full-width character at the table's 12 pt, and the cell's
# left and right margins together (Word's default 0.19 cm each).
CHAR = 240
MARGINS = 216
# The task text never gets less than this (about 16 characters a line).
TEXT_MIN = 4000
# Candidate widths of the columns that share the line with the task text.
CANDIDATES = {
    "units": range(2400, 5601, 200),
    "target": range(1300, 3101, 300),
}


def text_width(text: str) -> float:
    """Return the width of `text` in full-width characters (ASCII counts half)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def lines_of(text: str, width: int) -> int:
    """Return the printed lines of `text` in a cell `width` twips wide."""
    return _lines(_parts(text), width)


def _parts(text: str) -> list[float]:
    return [text_width(part) for part in (text or "").split("\n")]


def _lines(parts: list[float], width: int) -> int:
    per_line = max(1, (width - MARGINS) // CHAR)
    return sum(max(1, math.ceil(part / per_line)) for part in parts)


def fitted_widths(roles: Sequence[str], rows: Sequence[Sequence[object]], defaults: dict[str, int],
                  total: int) -> list[int]:
    """Return a width per role: fixed roles keep `defaults`, the task text
    takes what is left, and the units and target columns take the widths
    (from CANDIDATES) that print `rows` in the fewest lines; on a tie, the
    widest task text."""
    fixed = {r: defaults[r] for r in roles if r not in CANDIDATES and r != "text"}
    shared = [r for r in roles if r in CANDIDATES]
    heights = _Heights({r: [_parts(str(row[i] or "")) for row in rows] for i, r in enumerate(roles)})
    best: tuple[int, int] | None = None
    chosen = {**fixed, **{r: defaults[r] for r in shared}}
    chosen["text"] = total - sum(chosen.values())
    for combo in itertools.product(*(CANDIDATES[r] for r in shared)):
        widths = {**fixed, **dict(zip(shared, combo))}
        text = total - sum(widths.values())
        if text < TEXT_MIN:
            continue
        widths["text"] = text
        lines = heights.table(widths)
        if best is None or (lines, -text) < best:
            best, chosen = (lines, -text), widths
    return [chosen[r] for r in roles]


class _Heights:
    """Each column's cell heights at a width, computed once per width."""

    def __init__(self, columns: dict[str, list[list[float]]]):
        self.columns, self.cache = columns, {}

    def column(self, role: str, width: int) -> list[int]:
        key = (role, width)
        if key not in self.cache:
            self.cache[key] = [_lines(parts, width) for parts in self.columns[role]]
        return self.cache[key]

    def table(self, widths: dict[str, int]) -> int:
        """Return the printed lines of the table: per row, its tallest cell."""
        heights = [self.column(r, w) for r, w in widths.items() if r in self.columns]
        return sum(map(max, zip(*heights))) if heights else 0
