"""Read the 名词解释 appendix and link each term to the rows that use it.

Reports close with numbered entries such as `13.“未来社区”:指以未来邻里…`.
Clerks need the explanation beside the task when they write to a unit, so
each term lists the ids of the rows that mention it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .outline import is_glossary_heading, is_top_heading
from .report import Report

# `1.“两个健康”：…`.  The number is matched by a regex, the term's colon
# with str methods: `(.+?)\s*[:：]` rescanned runs of spaces at every
# step (quadratic on a long line without a colon).
_ENTRY = re.compile(r"^(\d+)\s*[.、．]\s*(.+)$")
_COLON = re.compile("[:：]")
_QUOTED = re.compile(r"“([^”]+)”")
# A bare word (without quotes) is matched only from this length on: `六稳`
# or `152` alone would match unrelated text.
MIN_BARE = 3


@dataclass
class Term:
    """One glossary entry and the ids of the rows using it."""

    number: str
    term: str
    explanation: str
    line: int
    rows: list[str] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        """Return the strings whose presence in a row means the row uses the term."""
        keys = [self.term]
        for word in _QUOTED.findall(self.term):
            keys.append(f"“{word}”")
            if len(word) >= MIN_BARE and not word.isascii():
                keys.append(word)
        return list(dict.fromkeys(keys))


def read_glossary(report: Report) -> list[Term]:
    """Return the entries of the report's last 名词解释 section; [] when absent."""
    start = None
    for i, line in enumerate(report.lines):
        if is_glossary_heading(line.text):
            start = i
    if start is None:
        return []
    terms: list[Term] = []
    for line in report.lines[start + 1:]:
        if is_top_heading(line.text):
            break
        entry = _entry(line.text)
        if entry:
            terms.append(Term(*entry, line.number))
        elif terms and not line.text.startswith(("(", "（")):
            # An explanation that runs over several paragraphs.
            terms[-1].explanation += "\n" + line.text
    return terms


def _entry(text: str) -> tuple[str, str, str] | None:
    """Return (number, term, explanation) of a glossary entry line, else None."""
    match = _ENTRY.match(text)
    colon = _COLON.search(match[2], 1) if match else None
    if colon is None:
        return None
    term = match[2][:colon.start()].rstrip()
    return (match[1], term, match[2][colon.end():].lstrip()) if term else None


def link_terms(terms: list[Term], rows: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Fill each term's `rows` with the ids of `rows` ((id, text) pairs) using it.

    Return {row id: [terms it uses]} so the row can show them too.
    """
    used: dict[str, list[str]] = {}
    # One compiled search per term: a generator over the keys for every
    # (row, term) pair took seconds on a report of many short rows.
    keyed = [(term, re.compile("|".join(map(re.escape, term.keys)))) for term in terms]
    for row_id, text in rows:
        for term, keys in keyed:
            if keys.search(text):
                term.rows.append(row_id)
                used.setdefault(row_id, []).append(term.term)
    return used
