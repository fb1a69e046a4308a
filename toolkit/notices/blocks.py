"""What every notice reader produces before interpretation: the document as
a flat sequence of paragraphs and table rows, each with where it came from.

Text, web-page, HTML and Word readers differ only in how they find rows;
`structure.py` turns blocks into the model the same way for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Para:
    """A paragraph of running text (heading, cover-letter line, note)."""

    text: str
    line: int


@dataclass
class Row:
    """One table row: its cells in column order (merged cells repeated)."""

    cells: list[str]
    line: int


def row_or_para(cells: list[str], line: int) -> Para | Row:
    """Return a Row, or a Para for a row that is a single merged cell (a
    heading or note typed inside the table)."""
    if len(cells) == 1:
        return Para(cells[0], line)
    return Row(cells, line)
