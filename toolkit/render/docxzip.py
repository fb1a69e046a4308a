"""Write the zip of a .docx whose parts but one are the same in every file.

A batch of 455 催办单 wrote 13 parts per file through zipfile: its
per-entry Python work (headers, CRC, a compressor per part) cost 2.4 ms a
file, a sixth of the batch.  Here the unchanging parts are compressed once
and their bytes reused; only word/document.xml is compressed per file.

word/document.xml may be given as pieces compressed apart (`deflate`):
each ends on a byte boundary with the compressor's state reset (a full
flush), so joined they are one valid deflate stream.  A letter's body is
thus compressed once, for its own file and for the print file.  The files
are ordinary zips (deflate, no data descriptors), as zipfile writes them.
"""

from __future__ import annotations

import contextlib
import struct
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NamedTuple

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_SIZES = struct.Struct("<3L")  # crc, compressed and plain size, 14 bytes into a local header
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # deflate, as zipfile writes it
_UNIX = 3
_MODE = 0o600 << 16  # zipfile's external attributes for writestr
_DEFLATED = 8


class Piece(NamedTuple):
    """Some bytes of a part and their compressed form (see `deflate`)."""

    raw: bytes
    packed: bytes


def deflate(raw: bytes, last: bool = False) -> Piece:
    """Return `raw` compressed as a piece of a part: level 1 raw deflate
    (zipfile's ZIP_DEFLATED at compresslevel=1), ended by a full flush so
    other pieces can follow, or as the end of the stream when `last`."""
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    return Piece(raw, packer.compress(raw) + packer.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH))


@dataclass(frozen=True)
class _Entry:
    """One part as its headers describe it."""

    name: bytes
    crc: int
    size: int
    packed: int


class DocxZip:
    """The parts of a package, all but `variable` compressed once."""

    def __init__(self, parts: list[tuple[str, bytes]], variable: str) -> None:
        self.names = [name for name, _ in parts]
        self.variable = variable
        now = time.localtime()
        self.dostime = now.tm_hour << 11 | now.tm_min << 5 | now.tm_sec // 2
        self.dosdate = (now.tm_year - 1980) << 9 | now.tm_mon << 5 | now.tm_mday
        at = self.names.index(variable)
        # The parts before and after the variable one, as the bytes written
        # (local headers and data): the same in every file of the batch.
        self._before = [self._fixed(name, data) for name, data in parts[:at]]
        self._after = [self._fixed(name, data) for name, data in parts[at + 1:]]
        self._before_bytes = b"".join(blob for _, blob in self._before)
        self._after_bytes = b"".join(blob for _, blob in self._after)

    def write(self, path: Path, pieces: Iterable[Piece]) -> None:
        """Write the package at `path`, the variable part being `pieces`
        joined (the last one made with last=True)."""
        with self.stream(path) as put:
            for piece in pieces:
                put(piece)

    @contextlib.contextmanager
    def stream(self, path: Path) -> Iterator[Callable[[Piece], None]]:
        """Yield `put(piece)`, which appends a piece to the variable part of
        the package written at `path` (the last piece made with last=True).

        The part is streamed: its header's sizes are filled in at the end,
        so a print file of 600 letters is never held in memory at once."""
        with open(path, "wb") as fh:
            offset = len(self._before_bytes)
            name = self.variable.encode("ascii")
            fh.write(self._before_bytes + self._local(_Entry(name, 0, 0, 0)) + name)
            sizes = [0, 0, 0]  # crc, plain size, compressed size

            def put(piece: Piece) -> None:
                fh.write(piece.packed)
                sizes[0] = zlib.crc32(piece.raw, sizes[0])
                sizes[1] += len(piece.raw)
                sizes[2] += len(piece.packed)

            yield put
            end = fh.tell()
            fh.seek(offset + 14)
            fh.write(_SIZES.pack(sizes[0], sizes[2], sizes[1]))
            fh.seek(end)
            fh.write(self._after_bytes)
            directory = b"".join((self._directory(self._before, 0),
                                  self._central(_Entry(name, sizes[0], sizes[1], sizes[2]), offset),
                                  self._directory(self._after, end)))
            count = len(self.names)
            fh.write(directory + _END.pack(b"PK\005\006", 0, 0, count, count, len(directory),
                                           end + len(self._after_bytes), 0))

    def _fixed(self, name: str, data: bytes) -> tuple[_Entry, bytes]:
        """Return a fixed part's entry and its bytes as written (header, data)."""
        piece = deflate(data, last=True)
        entry = _Entry(name.encode("ascii"), zlib.crc32(data), len(data), len(piece.packed))
        return entry, self._local(entry) + entry.name + piece.packed

    def _directory(self, parts: list[tuple[_Entry, bytes]], offset: int) -> bytes:
        """Return the central directory records of `parts` written from `offset` on."""
        records = []
        for entry, blob in parts:
            records.append(self._central(entry, offset))
            offset += len(blob)
        return b"".join(records)

    def _local(self, entry: _Entry) -> bytes:
        return _LOCAL.pack(b"PK\003\004", _VERSION, 0, 0, _DEFLATED, self.dostime, self.dosdate,
                           entry.crc, entry.packed, entry.size, len(entry.name), 0)

    def _central(self, entry: _Entry, offset: int) -> bytes:
        return _CENTRAL.pack(b"PK\001\002", _VERSION, _UNIX, _VERSION, 0, 0, _DEFLATED, self.dostime,
                             self.dosdate, entry.crc, entry.packed, entry.size, len(entry.name), 0, 0, 0, 0,
                             _MODE, offset) + entry.name
