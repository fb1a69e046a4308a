"""Measure an old .xls workbook's sheets in a child process (returned forms and clerks' notices alike).

A .xls (BIFF) holds its cells in binary records, which this package does
not parse; calamine builds each sheet's whole rectangle, and a record
claiming column 65535 would make it ask for more memory than exists and
abort the process.  So a capped child (toolkit/capped.py) opens the file
and reports each sheet's height and width; when the child fails, dies or
takes too long, the file is refused and collect goes on.  Where `fork` is
missing (Windows) the file is measured in-process, as before.
"""

from __future__ import annotations

import io

import python_calamine as calamine

from .capped import ChildFailed, can_fork, run_capped

HEADROOM = 400 * 1024 * 1024   # address space the child may add to what it inherits
TIMEOUT = 5.0


class ProbeFailed(Exception):
    """The child died, ran out of memory or time: the file is not readable."""


def sheet_sizes(data: bytes) -> dict[str, tuple[int, int]]:
    """Return {sheet name: (rows, columns)} of the workbook in `data`."""
    if not can_fork():
        return _measure(data)
    try:
        return run_capped(_measure, data, headroom=HEADROOM, cpu=int(TIMEOUT), stall=TIMEOUT, wall=TIMEOUT)
    except ChildFailed as exc:
        raise ProbeFailed(exc.reason) from exc
    except Exception as exc:  # noqa: BLE001 - calamine's own errors, raised in the child
        raise ProbeFailed("no answer") from exc


def _measure(data: bytes) -> dict[str, tuple[int, int]]:
    book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        out = {}
        for name in book.sheet_names:
            end = book.get_sheet_by_name(name).end  # last (row, column), 0-based; None when empty
            out[name] = (end[0] + 1, end[1] + 1) if end else (0, 0)
        return out
    finally:
        book.close()
