"""PDF notices as published: text PDFs read with pdfplumber.

Ruled tables (found by pdfplumber from their drawn lines, with cell
boundaries) give one Row per table row; the text outside them gives Paras
in reading order (top to bottom), printed lines re-joined into paragraphs
by their position: a line reaching the right margin runs on into the next
one unless that one is indented or opens a heading.  PDF writers put spaces
between Chinese characters and numbers (`增长 6%`); they are kept, as
the cover letter squeezes the fields it keeps.  Line numbers run over the
blocks produced; each
line's page is kept, so problems say `第3页`.

Untrusted files: the page count is capped, every failure of the PDF
library becomes a message, and a PDF with no text at all (a scan) is
refused with a pointer to OCR.  pdfminer (pure Python) can spend a minute
on one damaged page, so the file is read in a capped child process
(toolkit/capped.py) with a CPU budget per page and for the whole file; a
file over budget is refused with the page it stopped at.
"""

from __future__ import annotations

import io
import logging
import math
import re
import signal
import time
import warnings
import zlib
from dataclasses import dataclass
from statistics import median

from .. import capped
from ..exceptions import UnknownFormat
from .blocks import Para, Row, row_or_para
from .headings import FURNITURE
from .pdf_columns import Table, borderless, close
from .reading import Place, Reading

MAX_PAGES = 300
# Text runs, paths and images over all pages: a 29-page notice has ~7,000.
MAX_OBJECTS = 60_000
MAX_BYTES = 50 * 1024 * 1024

# CPU time budgets.  Measured (scripts/bench_pdf.py, shared machine): a
# page of a real notice takes 0.01-0.17 s, the 29-page notice 2.4-2.6 s in
# all (3.2 s with the machine at load 10); one damaged page of a fuzzed
# copy took 13 s alone.  Each page gets PAGE_SECONDS; the whole file 5 s
# (the bound for hostile input) or, for a long notice, PAGE_SHARE a page,
# about twice what its pages take under load.
PAGE_SECONDS = 1.0
FILE_SECONDS = 5.0
PAGE_SHARE = 0.2
HEADROOM = 600 * 1024 * 1024   # memory the reading child may add to what it inherits
STALL_SECONDS = 10.0           # wall time between two pages before the child is killed

TOO_MANY_PAGES = "{name} 有 {pages} 页，超过可读取的 {max_pages} 页，未读取。请只保留责任分解部分（通知正文和附件）后再导入。"
TOO_BIG = "{name} 过大（{size} MB），不像是责任分解通知，未读取。"
BROKEN = "{name} 无法作为 PDF 读取（{why}）。请用 WPS 或 Word 打开后另存为 .docx 再导入。"
TOO_COMPLEX = "{name} 的页面内容过于复杂（图形或文字对象过多），不像是责任分解通知，未读取。请另存为 .docx 后再导入。"
ENCRYPTED = "{name} 设有密码或禁止复制文字，无法读取。请向发文单位索取未加密的文件，或另存为 .docx 后再导入。"
_WHAT_TO_DO = "请用 WPS 或 Word 打开后另存为 .docx 再导入，或把通知文字复制到 .txt 文件后导入。"
SLOW_PAGE = ("{name} 第{page}页读取超过 {seconds:g} 秒仍未读完（这一页可能已损坏，或图形、文字对象异常多），未读取。"
             + _WHAT_TO_DO)
SLOW_FILE = "{name} 共 {pages} 页，读到第{page}页已超过 {seconds:g} 秒，未读取。" + _WHAT_TO_DO
SLOW_START = "{name} 打开时已超过 {seconds:g} 秒仍未读完（文件可能已损坏），未读取。" + _WHAT_TO_DO
TOO_MUCH_MEMORY = "{name} 读取时{where}占用内存过多（文件可能已损坏），未读取。" + _WHAT_TO_DO
SCANNED = ("{name} 是扫描件（PDF 中没有文字，只有图片），无法读取。"
           "请先用 WPS 或其他软件做文字识别（OCR）转成 Word 文件，核对后再导入。")

# A printed line that opens a new paragraph whatever precedes it.
_OPENS = re.compile(r"^(附\s*件|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}\s*[.．、])")


def pdf_reading(name: str, data: bytes) -> Reading:
    """Return the blocks of the PDF `data` (the bytes of file `name`)."""
    import pdfplumber  # noqa: F401 - imported before the fork, once for every child
    import pypdfium2  # noqa: F401 - its library cannot be loaded under the child's memory cap

    _mend_pdfminer()
    if len(data) > MAX_BYTES:
        raise UnknownFormat(TOO_BIG.format(name=name, size=round(len(data) / 1048576, 1)))
    backstop = math.ceil(max(FILE_SECONDS, PAGE_SHARE * MAX_PAGES)) + 2
    try:
        return capped.run_capped(_reading, name, data, headroom=HEADROOM, cpu=backstop,
                                 stall=STALL_SECONDS, wall=backstop * 4)
    except capped.ChildFailed as exc:
        raise UnknownFormat(_failed(name, exc)) from exc


def _mend_pdfminer() -> None:
    """Replace pdfminer's reader of damaged zlib streams by _decompress_corrupted."""
    from pdfminer import pdftypes

    pdftypes.decompress_corrupted = _decompress_corrupted


def _decompress_corrupted(data: bytes) -> bytes:
    """Return what inflates from `data`, a zlib stream damaged somewhere.

    pdfminer's own function (same results) feeds the stream one byte at a
    time and concatenates bytes, quadratic in the output: a damaged font of
    300 KB cost 1.5 s, several of them a damaged PDF 15 s.  Here chunks go
    in whole; only the chunk that fails is fed again byte by byte, to keep
    what inflates before the damage.  As in pdfminer, damage before the
    last 3 bytes (the checksum) raises zlib.error.
    """
    inflate = zlib.decompressobj()
    out: list[bytes] = []
    for start in range(0, len(data), _CHUNK):
        chunk = data[start:start + _CHUNK]
        saved = inflate.copy()
        try:
            out.append(inflate.decompress(chunk))
            continue
        except zlib.error:
            inflate = saved
        for offset in range(len(chunk)):
            try:
                out.append(inflate.decompress(chunk[offset:offset + 1]))
            except zlib.error:
                if start + offset < len(data) - 3:
                    raise
                return b"".join(out)
    return b"".join(out)


_CHUNK = 4096


def _failed(name: str, exc: capped.ChildFailed) -> str:
    """Return the message for a reading child that was stopped: the page it
    had reached (its last progress note) and what to do."""
    page, _ = exc.progress or (0, 0)
    if exc.reason == "memory":
        return TOO_MUCH_MEMORY.format(name=name, where=f"在第{page}页" if page else "")
    if exc.reason == "cpu":
        # Stopped in native code, past the profiling timer's budget.
        if page:
            return SLOW_PAGE.format(name=name, page=page, seconds=PAGE_SECONDS)
        return SLOW_START.format(name=name, seconds=FILE_SECONDS)
    if exc.reason == "timeout":
        if page:
            return SLOW_PAGE.format(name=name, page=page, seconds=STALL_SECONDS)
        return SLOW_START.format(name=name, seconds=STALL_SECONDS)
    return BROKEN.format(name=name, why="读取时意外中止")


class _OverBudget(BaseException):
    """Raised by the CPU timer inside pdfminer: a BaseException, so that the
    library's own `except Exception` cannot swallow it."""


class _Budget:
    """CPU time limits of one reading: each page gets PAGE_SECONDS, all
    of them together the file's budget.  A profiling timer (CPU time of
    this process) interrupts a page that overruns; the child's CPU limit
    backs it up for native code that never returns to Python."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.start = time.process_time()
        self.page = self.pages = 0
        self.page_limited = False  # the running page's limit is its own, not what is left of the file's
        self.armed = hasattr(signal, "setitimer")
        if self.armed:
            self.previous = signal.signal(signal.SIGPROF, self._expired)
            self._arm(seconds)
        capped.limit_cpu(seconds + 1)

    def begin(self, page: int, pages: int) -> None:
        """Start page `page` of `pages`, within what is left of the file's budget."""
        self.page, self.pages = page, pages
        capped.progress((page, pages))
        left = self.seconds - (time.process_time() - self.start)
        if left <= 0:
            raise _OverBudget()
        self.page_limited = PAGE_SECONDS < left
        self._arm(min(PAGE_SECONDS, left))
        capped.limit_cpu(min(PAGE_SECONDS, left) + 1)

    def grow(self, seconds: float) -> None:
        """Allow the file `seconds` in all (a long notice)."""
        self.seconds = max(self.seconds, seconds)

    def close(self) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, self.previous)

    def message(self, name: str) -> str:
        if self.page and self.page_limited:
            return SLOW_PAGE.format(name=name, page=self.page, seconds=PAGE_SECONDS)
        if self.page:
            return SLOW_FILE.format(name=name, pages=self.pages, page=self.page, seconds=self.seconds)
        return SLOW_START.format(name=name, seconds=self.seconds)

    def _arm(self, seconds: float) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_PROF, max(seconds, 0.001))

    def _expired(self, signum, frame) -> None:
        raise _OverBudget()


def _reading(name: str, data: bytes) -> Reading:
    """Read the PDF within its CPU budget (in the capped child)."""
    budget = _Budget(FILE_SECONDS)
    try:
        pages = _precheck(name, data)
        budget.grow(PAGE_SHARE * pages)
        return _read_document(name, data, budget, pages)
    except _OverBudget:
        raise UnknownFormat(budget.message(name)) from None
    except (UnknownFormat, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - whatever fails on a damaged file is one message
        raise UnknownFormat(BROKEN.format(name=name, why=type(exc).__name__)) from exc
    finally:
        budget.close()


def _read_document(name: str, data: bytes, budget: _Budget, pages: int) -> Reading:
    import pdfplumber

    reading = Reading([])
    # pdfminer logs a warning for every damaged stream or odd font; the
    # clerk gets the result or one message instead.
    logger = logging.getLogger("pdfminer")
    level, logger.level = logger.level, logging.ERROR
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                chars = _read_pages(pdf.pages, reading, lambda page: budget.begin(page, pages))
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        if _out_of_memory(exc):
            raise MemoryError() from exc  # the child's memory cap: the parent says so
        raise UnknownFormat(BROKEN.format(name=name, why=type(exc).__name__)) from exc
    finally:
        logger.setLevel(level)
    if not chars:
        raise UnknownFormat(SCANNED.format(name=name))
    return reading


def _out_of_memory(exc: BaseException | None) -> bool:
    """Whether `exc` is, or was raised while handling, a MemoryError
    (pdfplumber wraps every error of pdfminer in its own)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _precheck(name: str, data: bytes) -> int:
    """Refuse, with pdfium (C++, fast), what pdfplumber would take long or
    fail to read: encrypted files, too many pages or drawing objects (its
    time grows with them, about 0.1 s a page of a notice), scans.  Return
    the number of pages."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnknownFormat(ENCRYPTED.format(name=name)) from exc
        raise UnknownFormat(BROKEN.format(name=name, why="文件已损坏")) from exc
    try:
        pages = len(pdf)
        if pages > MAX_PAGES:
            raise UnknownFormat(TOO_MANY_PAGES.format(name=name, pages=pages, max_pages=MAX_PAGES))
        objects = chars = 0
        for index in range(pages):
            page = pdf[index]
            objects += sum(1 for _ in page.get_objects(max_depth=2))
            if objects > MAX_OBJECTS:
                raise UnknownFormat(TOO_COMPLEX.format(name=name))
            text = page.get_textpage()
            chars += text.count_chars()
            text.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise UnknownFormat(BROKEN.format(name=name, why="文件已损坏")) from exc
    finally:
        pdf.close()
    if not chars:
        raise UnknownFormat(SCANNED.format(name=name))
    return pages


def _read_pages(pages, reading: Reading, begin=lambda page: None) -> int:
    """Append the blocks of every page to `reading`; return the number of
    characters seen.  A paragraph running on at the foot of a page goes on
    with the first line of the next page."""
    chars = 0
    runs_on: Para | None = None
    table: Table | None = None  # a borderless table going on over the page break
    for number, page in enumerate(pages, start=1):
        begin(number)
        # Text turned sideways (page numbers at the binding edge of a
        # landscape page) is page furniture.
        page = page.filter(lambda obj: obj.get("upright", True) or obj.get("object_type") != "char")
        chars += len(page.chars)
        blocks, first_flush, last_runs_on, table = _page_blocks(page, table)
        if runs_on is not None and first_flush and blocks and isinstance(blocks[0], Para):
            runs_on.text += _join(runs_on.text, blocks.pop(0).text)
        for block in blocks:
            block.line = len(reading.blocks) + 1
            reading.blocks.append(block)
            reading.places[block.line] = Place(f"第{number}页", block.line)
        if blocks or not first_flush:
            runs_on = blocks[-1] if last_runs_on and blocks and isinstance(blocks[-1], Para) else None
        page.flush_cache()
    close(table)
    return chars


def _page_blocks(page, open_table: Table | None = None) -> tuple[list[Para | Row], bool, bool, Table | None]:
    """Return the blocks of one page, tables and text in reading order;
    whether its first block is a line that may continue a paragraph,
    whether its last block is a paragraph that may run on, and the
    borderless table still open at its foot (`open_table`: the one open
    at the foot of the page before)."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, int, list[Para | Row]]] = []
    for table in tables:
        rows = [row_or_para([_cell(c) for c in cells], 0) for cells in table.extract()]
        items.append((table.bbox[1], 1, [r for r in rows if not _empty(r)]))

    def outside(obj) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    lines = page.filter(outside).extract_text_lines() if boxes else page.extract_text_lines()
    rows, lines, open_table = borderless(lines, open_table)
    items += [(top, 1, [row]) for top, row in rows]
    paragraphs = _paragraphs(lines)
    for paragraph in paragraphs:
        items.append((paragraph.top, 0, [Para(paragraph.text, 0)]))
    items.sort(key=lambda item: (item[0], item[1]))
    blocks = [block for _, _, blocks in items for block in blocks]
    first_flush = bool(items) and items[0][1] == 0 and paragraphs[0].flush
    last = [p for p in paragraphs if not FURNITURE.match(p.text)]
    last_runs_on = bool(last) and bool(blocks) and last[-1].runs_on and not (
        isinstance(items[-1][2][-1], Row) and items[-1][0] > last[-1].top)
    if last_runs_on:
        # Page numbers below the running paragraph are furniture: drop them
        # so the paragraph can go on over the page break.
        while blocks and isinstance(blocks[-1], Para) and FURNITURE.match(blocks[-1].text):
            blocks.pop()
    return blocks, first_flush, last_runs_on, open_table


def _empty(block: Para | Row) -> bool:
    return not (block.text if isinstance(block, Para) else any(block.cells))


def _cell(text: str | None) -> str:
    """Return a table cell's text, its printed lines joined (None: a cell
    covered by a merged one, left empty as Word's would be)."""
    if not text:
        return ""
    lines = text.splitlines()
    return "".join(_join(a, b) for a, b in zip([""] + lines, lines)).strip()


def _join(before: str, line: str) -> str:
    """Return `line` prefixed by what joins it to the line `before`: a space
    between two Latin words, nothing in Chinese."""
    if before and line and before[-1].isascii() and before[-1].isalnum() and line[0].isascii() and line[0].isalnum():
        return " " + line
    return line


@dataclass
class _Paragraph:
    top: float
    text: str
    flush: bool  # its first line starts at the left margin
    runs_on: bool = False  # its last line reaches the right margin


def _paragraphs(lines: list[dict]) -> list[_Paragraph]:
    """Return the paragraphs made of printed `lines`: a line reaching the
    right margin runs on into the next one when that one starts at the left
    margin (or is centred, a wrapped title) and opens no heading."""
    lines = [line for line in lines if line["text"].strip()]
    if not lines:
        return []
    left = min(line["x0"] for line in lines)
    right = max(line["x1"] for line in lines)
    em = median((line["bottom"] - line["top"]) for line in lines) or 10
    if sum(1 for line in lines if line["x1"] >= right - em * 1.5) < 2:
        right = float("inf")  # no two lines share a right margin: none runs on
    paragraphs: list[_Paragraph] = []
    bottom = 0.0
    for line in lines:
        text = re.sub(r"\s+", " ", line["text"].strip())
        flush = line["x0"] <= left + em * 0.5
        centred = abs((line["x0"] - left) - (right - line["x1"])) < em
        near = line["top"] - bottom < em * 1.2
        bottom = line["bottom"]
        if (paragraphs and paragraphs[-1].runs_on and near and (flush or centred)
                and not _OPENS.match(text) and not FURNITURE.match(text)):
            paragraphs[-1].text += _join(paragraphs[-1].text, text)
        else:
            paragraphs.append(_Paragraph(line["top"], text, flush))
        paragraphs[-1].runs_on = line["x1"] >= right - em * 1.5 and not text.endswith(("：", ":"))
    return paragraphs
