"""Run a reader on an untrusted file in a forked child with capped memory and time.

Some readers cannot be bounded from inside the process: calamine (Rust)
aborts the whole process when a damaged .xls makes it ask for more memory
than exists, and pdfminer can spend a minute of CPU on one damaged page, in
code that never returns to ours.  So the reader runs in a forked child with
a capped address space and CPU time; the parent waits, with a wall-clock
watchdog that kills a child it has not heard from for a while.  The child
sends back its result, or the exception it raised, pickled (it is a fork of
this process, running our own code); it may also send `progress` notes on
the way (a page number), which the parent keeps to say where it stopped.
Where `fork` is missing (Windows) the reader runs in-process, uncapped.
"""

from __future__ import annotations

import faulthandler
import os
import pickle
import select
import signal
import struct
import time
from collections.abc import Callable
from typing import Any, TypeVar

try:
    import resource
except ImportError:  # Windows: no fork and no resource limits
    resource = None

T = TypeVar("T")

HEADROOM = 400 * 1024 * 1024   # address space the child may add to what it inherits
CPU_SECONDS = 5                # the child's CPU time, whole seconds (the kernel counts seconds)
STALL_SECONDS = 5.0            # wall time the parent waits for any word from the child
WALL_SECONDS = 120.0           # wall time the parent waits in all

_HEADER = struct.Struct("!cI")  # kind (b"p" progress, b"r" result, b"e" exception), length
_channel: int | None = None     # in the child: where progress notes go


class ChildFailed(Exception):
    """The child died, ran out of memory, CPU or time, or fell silent.

    `reason` is "memory", "cpu", "timeout" or "died"; `progress` is the last
    note the child sent (None if it sent none).
    """

    def __init__(self, reason: str, progress: Any = None):
        super().__init__(reason)
        self.reason, self.progress = reason, progress


def can_fork() -> bool:
    return hasattr(os, "fork") and resource is not None


def progress(note: Any) -> None:
    """Tell the parent how far the child got (no-op outside a capped child)."""
    if _channel is not None:
        _send(_channel, b"p", note)


def limit_cpu(seconds: float) -> None:
    """In a capped child, end it (SIGXCPU) once it has used `seconds` more
    of CPU time: a backstop for native code that never returns to Python."""
    if _channel is None:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(usage.ru_utime + usage.ru_stime + seconds) + 1
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def run_capped(func: Callable[..., T], *args: Any, headroom: int = HEADROOM, cpu: int = CPU_SECONDS,
               stall: float = STALL_SECONDS, wall: float = WALL_SECONDS) -> T:
    """Return func(*args) computed in a forked child.

    The child may add `headroom` bytes to the address space it inherits and
    use `cpu` seconds of CPU; the parent kills it after `stall` seconds
    without a note or `wall` seconds in all.  An exception the child raises
    is raised here; a child that dies or is killed raises ChildFailed.
    """
    if not can_fork():
        return func(*args)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: compute, report, leave without cleanup
        os.close(read_end)
        _child(write_end, func, args, headroom, cpu)
    os.close(write_end)
    try:
        return _wait(read_end, pid, stall, wall)
    finally:
        os.close(read_end)


def _child(fd: int, func: Callable, args: tuple, headroom: int, cpu: int) -> None:  # pragma: no cover
    global _channel
    try:
        _channel = fd
        # Rust reports running out of memory on stderr, with a backtrace
        # when RUST_BACKTRACE is set; pdfminer logs every damaged stream:
        # none of it is for the clerk's screen.
        os.environ["RUST_BACKTRACE"] = "0"
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        faulthandler.disable()  # a crash of the child is reported by the parent, not dumped
        memory = _vm_size() + headroom
        _limit(resource.RLIMIT_AS, memory, memory)
        _limit(resource.RLIMIT_CPU, cpu, cpu + 1)  # SIGXCPU ends the child at `cpu` seconds
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort must not dump core
        try:
            kind, value = b"r", func(*args)
        except MemoryError:
            os._exit(3)  # no memory left to report it: the exit status says it
        except BaseException as exc:  # noqa: BLE001 - handed to the parent as it is
            kind, value = b"e", exc
        try:
            _send(fd, kind, value)
        except MemoryError:
            os._exit(3)
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            _send(fd, b"e", RuntimeError(repr(value)[:500]))
    finally:
        os._exit(0)


def _limit(which: int, soft: int, hard: int) -> None:
    """Lower a resource limit to (soft, hard), never above the hard limit
    already set."""
    current = resource.getrlimit(which)[1]
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(which, (soft, hard))


def _send(fd: int, kind: bytes, value: Any) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    data = _HEADER.pack(kind, len(payload)) + payload
    while data:
        data = data[os.write(fd, data):]


def _wait(fd: int, pid: int, stall: float, wall: float) -> Any:
    """Return the child's result (or raise its exception); kill it when it
    falls silent for `stall` seconds or runs `wall` seconds in all."""
    buffer, note, result = b"", None, None
    end = time.monotonic() + wall
    while True:
        left = min(stall, end - time.monotonic())
        ready, _, _ = select.select([fd], [], [], max(left, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise ChildFailed("timeout", note)
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        buffer += chunk
        while len(buffer) >= _HEADER.size:
            kind, length = _HEADER.unpack_from(buffer)
            if len(buffer) < _HEADER.size + length:
                break
            value = pickle.loads(buffer[_HEADER.size:_HEADER.size + length])
            buffer = buffer[_HEADER.size + length:]
            if kind == b"p":
                note = value
            else:
                result = (kind, value)
    _, status = os.waitpid(pid, 0)
    if result is None:
        raise ChildFailed(_why(status), note)
    kind, value = result
    if kind == b"e":
        raise value
    return value


def _why(status: int) -> str:
    """Name why a child that sent no result ended."""
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        return "cpu"
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3:
        return "memory"
    return "died"


def _vm_size() -> int:
    """Return this process's virtual memory size in bytes."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 2 * 1024 ** 3
