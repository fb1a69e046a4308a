"""What every notice reader produces before interpretation: the document as
a flat sequence of paragraphs and table rows, each with where it came from.

Text, web-page, HTML and Word readers differ only in how they find rows;
`structure.py` turns blocks into the model the same way for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    """A paragraph of running text (heading, cover-letter line, note)."""

    text: str
    line: int
    # Set by items.py on an `一、` heading with paragraph items under it: a
    # section heading even where the cover letter seems to go on.
    section: bool = False


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


@dataclass
class Item:
    """A task printed as a numbered paragraph, its units gathered from a
    bracket at its end or from the label lines under it (items.py)."""

    number: str
    text: str
    line: int
    category1: str = ""
    category2: str = ""
    # field -> text, as labelled: lead, support, units, leader, deadline, target
    fields: dict[str, str] = field(default_factory=dict)

    def take(self, fields: dict[str, str]) -> None:
        """Add labelled values; a label given twice keeps both values."""
        for key, value in fields.items():
            old = self.fields.get(key, "")
            self.fields[key] = f"{old}、{value}" if old else value

    def has_units(self) -> bool:
        return any(k in self.fields for k in ("lead", "support", "units"))
