"""Measure an old .xls workbook's sheets in a child process (returned forms and clerks' notices alike).

A .xls (BIFF) holds its cells in binary records, which this package does
not parse; calamine builds each sheet's whole rectangle, and a record
claiming column 65535 would make it ask for more memory than exists and
abort the process.  So a forked child with a capped address space opens
the file and reports each sheet's height and width; when the child dies or
takes too long, the file is refused and collect goes on.  Where `fork` is
missing (Windows) the file is measured in-process, as before.
"""

from __future__ import annotations

import io
import json
import os
import select
import signal
import time

import python_calamine as calamine

try:
    import resource
except ImportError:  # Windows: no fork and no resource limits
    resource = None

HEADROOM = 400 * 1024 * 1024   # address space the child may add to what it inherits
TIMEOUT = 5.0


class ProbeFailed(Exception):
    """The child died, ran out of memory or time: the file is not readable."""


def sheet_sizes(data: bytes) -> dict[str, tuple[int, int]]:
    """Return {sheet name: (rows, columns)} of the workbook in `data`."""
    if not hasattr(os, "fork") or resource is None:
        return _measure(data)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report, and leave without cleanup
        try:
            os.close(read_end)
            # Rust reports running out of memory on stderr, with a backtrace
            # when RUST_BACKTRACE is set: neither is for the clerk's screen.
            os.environ["RUST_BACKTRACE"] = "0"
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)
            limit = _vm_size() + HEADROOM
            hard = resource.getrlimit(resource.RLIMIT_AS)[1]
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort must not dump core
            os.write(write_end, json.dumps(_measure(data)).encode("utf-8"))
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        return json.loads(_read_all(read_end, pid).decode("utf-8"))
    except ValueError as exc:
        raise ProbeFailed("no answer") from exc
    finally:
        os.close(read_end)


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


def _read_all(fd: int, pid: int) -> bytes:
    """Return what the child wrote; kill it after TIMEOUT seconds."""
    chunks, deadline = [], time.monotonic() + TIMEOUT
    while True:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(left, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise ProbeFailed("timeout")
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.waitpid(pid, 0)
    return b"".join(chunks)


def _vm_size() -> int:
    """Return this process's virtual memory size in bytes."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 2 * 1024 ** 3
