"""Read one returned progress form, whatever saved it (Excel, WPS,
LibreOffice), without trusting it.

The file is checked before any parser sees it: size, password protection,
zip bombs, and the size of every sheet (extent.py; probe.py for .xls), so a
tiny file claiming a cell at XFD1048576 never reaches calamine, which would
build the whole rectangle.  Cells are read as values with python-calamine
(formulas give their cached value, macros are never run); nothing here
writes anything.  Whatever else goes wrong while reading a file becomes its
refusal (`receive`), never an error that stops the run.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import python_calamine as calamine

from ..workbook.read import cell_text
from . import common as c
from .extent import MAX_PART, Extent, ExtentError, scan
from ..xlsprobe import ProbeFailed, sheet_sizes

MAX_BYTES = 20 * 1024 * 1024        # a filled form is ~10–50 KB
MAX_UNPACKED = 60 * 1024 * 1024     # total size of the parts once unzipped
MAX_RATIO = 200                     # deflate rarely beats 100:1 on real sheets
MAX_PARTS = 2000
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# Spreadsheets a unit may send that cannot be read: listed with a reason
# when met in a folder, instead of being skipped in silence.
OTHER_SHEETS = (".et", ".ett", ".xlsb", ".csv", ".numbers", ".xltx", ".xlt")
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")

TOO_BIG = "文件过大（{size} MB），不像是进展表，未读取。"
BOMB = "文件解压后异常巨大（疑似压缩炸弹），未读取。"
XLS_UNREADABLE = "旧版 .xls 文件无法在限定的内存和时间内读取（表格异常庞大或已损坏），未读取。请让单位另存为 .xlsx 后重新报送。"
PART_TOO_BIG = "文件中的 {part} 解压后有 {size} MB，远超进展表，未读取。"
PASSWORD = "文件设有打开密码，无法读取。请让单位取消密码后重新报送。"
NOT_EXCEL = "不是 Excel 文件（{why}），未读取。"
NOT_FORM = "不是本工具下发的进展表（找不到隐藏的“表单标识”）。请让单位在下发的表格上填写后报回。"
NO_TABLE = "找不到填报表格（表头需含“编号”“完成状态”等列）。请勿删除或改动表头。"
UNSUPPORTED = "文件类型 {suffix} 不支持，请另存为 .xlsx 后再收。"
BROKEN = "文件内容已损坏或格式异常（{why}），未读取。请让单位用 Excel 或 WPS 打开确认后另存、重新报送。"
TOO_LARGE_SHEET = ("工作表「{sheet}」的大小（{rows} 行 × {cols} 列）远超进展表（应不超过 {max_rows} 行 × {max_cols} 列），"
                   "未读取。请让单位删除表格以外的内容后重新报送。")
W_CLEANED = "{header}中含有 Excel 不能保存的控制字符（如从 Word 粘贴来的换行符），已替换为换行或删除"

# Bounds on a sheet before any grid is built: a form has its title block,
# header row and one row per task, in len(FORM_HEADERS) columns.
MARKER_MAX = (200, 4)
ROW_FACTOR, COL_FACTOR, MIN_ROWS = 10, 2, 100
HEAD_ROWS = 4  # title block and header row above the tasks
# Forms written before the marker listed their task ids give no row count:
# this bound still keeps a grid to a few hundred thousand cells.
UNKNOWN_ROWS = 20_000


@dataclass
class FormRow:
    """One data row of a returned form, as text, with its sheet row number."""

    line: int
    values: dict[str, str]
    # Headers whose cell carries a percent number format (Excel stores a
    # typed `50%` as 0.5 there), and what was cleaned out of which cell.
    percent: set[str] = field(default_factory=set)
    cleaned: list[str] = field(default_factory=list)


def held_size(form: ReturnedForm) -> int:
    """Return roughly how many characters `form` keeps in memory."""
    return sum(64 + sum(map(len, row.values.values())) for row in form.rows)


@dataclass
class ReturnedForm:
    """What a returned file holds: its marker, its rows and its fingerprint."""

    path: Path
    sha256: str
    saved_at: str
    marker: dict[str, str] = field(default_factory=dict)
    rows: list[FormRow] = field(default_factory=list)
    # Cells holding a formula saved without its result (`E7`): their content
    # cannot be read, and the clerk must hear of it.
    formulas: list[str] = field(default_factory=list)


@dataclass
class Received:
    """A file as read from disk, once: its SHA-256 and the form it holds, or
    why it was refused.  A refused file keeps its hash, so 收文记录 logs it
    once however often it is sent."""

    path: Path
    sha256: str
    form: ReturnedForm | None = None
    rejected: c.FormRejected | None = None
    # True when the form's rows were let go to bound memory (see collect):
    # the file is read again when its turn comes.
    reload: bool = False


def receive(path: Path | str) -> Received:
    """Return the file at `path`, read once, hashed once, then parsed.

    A file refused for its content comes back with `rejected` set instead
    of raising.  Raises OSError when the file cannot be read.
    """
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        # Hashed in blocks: never hold a file that big in memory.
        return Received(path, _sha256_blocks(path), rejected=_too_big(path, size))
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    try:
        return Received(path, sha, form=_parse(path, data, sha))
    except c.FormRejected as exc:
        return Received(path, sha, rejected=exc)
    except MemoryError:
        return Received(path, sha, rejected=c.FormRejected(BROKEN.format(why="内容过大，内存不足")))
    except Exception as exc:  # noqa: BLE001 - an untrusted file may break any parser in any way
        return Received(path, sha, rejected=c.FormRejected(BROKEN.format(why=_why(exc))))


def _why(exc: BaseException) -> str:
    """Return what a parser's failure means, in the clerk's words (its own
    text is English and may quote the file's bytes)."""
    kind = type(exc).__name__
    if "Xml" in kind or "xml" in str(exc)[:200].lower():
        return "工作表内容（XML）不完整或有错"
    if "Zip" in kind or type(exc).__module__ == "zlib":
        return "压缩包已损坏"
    return f"读取时出错：{kind}"


def read_return(path: Path | str) -> ReturnedForm:
    """Return the form stored in the file at `path`.

    Raises FormRejected, with the reason in the clerk's words, for a file
    that is too big, encrypted, a zip bomb, not Excel, or not our form.
    """
    _check_suffix(Path(path))  # before any I/O: a missing .csv is still "not supported"
    received = receive(path)
    if received.rejected is not None:
        raise received.rejected
    return received.form


def _parse(path: Path, data: bytes, sha: str) -> ReturnedForm:
    """Return the form in `data`, the bytes of `path`; the path serves only
    for its suffix and, when the file holds no save time, its mtime."""
    _check_suffix(path)
    saved_at, formulas, extents = _check_container(path, data)
    if path.suffix.lower() in (".ods", ".xls") or (extents and _is_ods(data)):
        _check_all(extents)
    book = _open(data)
    try:
        marker = _marker(book, extents)
        rows = _rows(book, extents, _expected_rows(marker))
    finally:
        book.close()
    return ReturnedForm(path, sha, saved_at, marker, rows, formulas)


# A cell with a formula and no cached value: <c r="E7" …><f>1+1</f></c>.
_BARE_FORMULA = re.compile(rb'<c r="([A-Z]{1,3}\d+)"[^>]*>\s*<f[^>]*>[^<]*</f>\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>')


def _unevaluated_formulas(archive: zipfile.ZipFile, unpacked: dict[str, bytes]) -> list[str]:
    """Return the cells of the form sheet (the first) whose formula has no
    saved result (written by a script, or by Excel with calculation off);
    `unpacked` holds the sheets extent.py already unpacked."""
    sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet") and n.endswith(".xml"))
    data = (unpacked[sheets[0]] if sheets[0] in unpacked else archive.read(sheets[0])) if sheets else b""
    # Every match ends a formula with </f> (a data validation's <formula1> does not).
    return [m.decode() for m in _BARE_FORMULA.findall(data)] if b"</f>" in data else []


def _check_suffix(path: Path) -> None:
    if path.suffix.lower() not in SUFFIXES:
        raise c.FormRejected(UNSUPPORTED.format(suffix=path.suffix or "（无扩展名）"))


def _too_big(path: Path, size: int) -> c.FormRejected:
    """Return the refusal of a file too big to read; a wrong type is the
    more useful reason when both apply."""
    try:
        _check_suffix(path)
    except c.FormRejected as exc:
        return exc
    return c.FormRejected(TOO_BIG.format(size=round(size / 1048576, 1)))


def _sha256_blocks(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_container(path: Path, data: bytes) -> tuple[str, list[str], dict[str, Extent] | None]:
    """Refuse encrypted files and zip bombs; return the saved time, if known,
    the cells whose formula has no result, and the extent of every sheet
    (for .xls, as measured by a child process).

    An encrypted .xlsx is an OLE file with an EncryptionInfo stream, not a
    zip, so the check must come before calamine reports a confusing error.
    """
    if data.startswith(OLE_MAGIC):
        if ENCRYPTION_STREAM in data:
            raise c.FormRejected(PASSWORD)
        if path.suffix.lower() != ".xls":
            raise c.FormRejected(NOT_EXCEL.format(why="内容是旧版 .xls 格式，请改扩展名为 .xls 或另存为 .xlsx"))
        return _mtime(path), [], _xls_extents(data)
    if not data.startswith(b"PK"):
        raise c.FormRejected(NOT_EXCEL.format(why="文件内容不是表格"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_sizes(archive.infolist())
            names = set(archive.namelist())
            kind = ".xlsx" if "xl/workbook.xml" in names else ".ods" if "content.xml" in names else ""
            if not kind:
                raise c.FormRejected(NOT_EXCEL.format(why="压缩包里没有工作簿"))
            unpacked: dict[str, bytes] = {}
            try:
                extents = scan(archive, kind, unpacked)
            except ExtentError as exc:
                raise c.FormRejected(str(exc)) from exc
            formulas = _unevaluated_formulas(archive, unpacked) if kind == ".xlsx" else []
            return _saved_at(archive) or _mtime(path), formulas, extents
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        # NotImplementedError: a compression method zipfile does not know.
        raise c.FormRejected(NOT_EXCEL.format(why="文件已损坏")) from exc


def _xls_extents(data: bytes) -> dict[str, Extent]:
    """Return the sheet sizes of an .xls, measured in a child process (see
    probe.py); every sheet is then bounded before calamine opens the file
    here, as for an .ods."""
    try:
        sizes = sheet_sizes(data)
    except ProbeFailed as exc:
        raise c.FormRejected(XLS_UNREADABLE) from exc
    except calamine.PasswordError as exc:
        raise c.FormRejected(PASSWORD) from exc
    except Exception as exc:  # noqa: BLE001 - calamine's own errors, in-process on Windows
        raise c.FormRejected(NOT_EXCEL.format(why="格式无法识别，可能已损坏")) from exc
    return {name: Extent(rows, cols) for name, (rows, cols) in sizes.items()}


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise c.FormRejected(BOMB)
    for info in infos:
        if info.file_size > MAX_PART:  # a parser holds a whole part (shared strings…) at once
            raise c.FormRejected(PART_TOO_BIG.format(part=info.filename, size=info.file_size // 1048576))
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise c.FormRejected(BOMB)


def _mtime(path: Path) -> str:
    """Return the file's modification time, local, as `YYYY-MM-DD HH:MM:SS`
    (e-mail and USB copies may reset it, so it is only the fallback)."""
    return datetime.fromtimestamp(path.stat().st_mtime).strftime(TIME_FORMAT)


def _saved_at(archive: zipfile.ZipFile) -> str:
    """Return docProps/core.xml's modified time (written by Excel, WPS and
    LibreOffice on every save, in UTC) as local `YYYY-MM-DD HH:MM:SS`, or ""
    when absent or unreadable."""
    try:
        with archive.open("docProps/core.xml") as fh:
            text = fh.read(65536).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, EOFError):
        return ""
    found = re.search(r"<dcterms:modified[^>]*>([^<]+)<", text)
    if not found:
        return ""
    try:
        stamp = datetime.fromisoformat(found.group(1).strip().replace("Z", "+00:00"))
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=timezone.utc)
        # Year 0001 or 9999 overflows when moved to local time.
        local = stamp.astimezone()
    except (ValueError, OverflowError, OSError):
        return ""
    # strftime does not pad years before 1000: build the text by hand so
    # times still sort as text.
    return (f"{local.year:04d}-{local.month:02d}-{local.day:02d} "
            f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}")


def _open(data: bytes):
    """Return the calamine workbook of `data`, already in memory."""
    try:
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError as exc:
        raise c.FormRejected(PASSWORD) from exc
    except Exception as exc:  # calamine raises several unrelated types, in English
        raise c.FormRejected(NOT_EXCEL.format(why="格式无法识别，可能已损坏")) from exc


def _marker(book, extents: dict[str, Extent] | None) -> dict[str, str]:
    """Return the marker's keys and values; repeated keys (the task id list
    spread over several rows) are joined with newlines."""
    if c.MARKER_SHEET not in book.sheet_names:
        raise c.FormRejected(NOT_FORM)
    _check_extent(extents, c.MARKER_SHEET, *MARKER_MAX)
    rows = _grid(book, c.MARKER_SHEET)
    marker: dict[str, str] = {}
    for r in rows:
        if len(r) > 1 and r[0]:
            key, value = c.clean_text(cell_text(r[0])), c.clean_text(cell_text(r[1]))
            marker[key] = f"{marker[key]}\n{value}" if key in marker else value
    if marker.get(c.K_KIND) != c.FORM_KIND:
        raise c.FormRejected(NOT_FORM)
    return marker


def _is_ods(data: bytes) -> bool:
    """Return True for an OpenDocument file (its first part is `mimetype`)."""
    return b"application/vnd.oasis.opendocument" in data[:200]


def _check_all(extents: dict[str, Extent] | None) -> None:
    """Bound every sheet before an .ods or .xls is opened: calamine reads
    all of their sheets at once, where an .xlsx sheet is read only when
    asked for."""
    for name in extents or {}:
        if name == c.MARKER_SHEET:
            _check_extent(extents, name, *MARKER_MAX)
        else:
            _check_extent(extents, name, UNKNOWN_ROWS, COL_FACTOR * len(c.FORM_HEADERS))


def _expected_rows(marker: dict[str, str]) -> int:
    """Return the most rows the form sheet may have: ten times the form as
    written (title block, header, one row per task listed in the marker)."""
    ids = c.marker_ids(marker)
    if ids is None:
        return UNKNOWN_ROWS
    return max(ROW_FACTOR * (HEAD_ROWS + len(ids)), MIN_ROWS)


def _check_extent(extents: dict[str, Extent] | None, name: str, max_rows: int, max_cols: int) -> None:
    """Refuse the sheet `name` when it is far bigger than a form may be;
    a sheet the scan did not see cannot be bounded, so it is refused too."""
    if extents is None:
        return
    extent = extents.get(name)
    if extent is None:
        raise c.FormRejected(BROKEN.format(why=f"找不到工作表「{name}」的内容"))
    if extent.rows > max_rows or extent.cols > max_cols:
        raise c.FormRejected(TOO_LARGE_SHEET.format(sheet=name, rows=extent.rows, cols=extent.cols,
                                                    max_rows=max_rows, max_cols=max_cols))


def _grid(book, name: str, whole: bool = False) -> list[list]:
    """Return the cells of sheet `name`; `whole` keeps the empty rows and
    columns before the first cell, so indexes are sheet positions."""
    sheet = book.get_sheet_by_name(name)
    return sheet.to_python(skip_empty_area=False) if whole else sheet.to_python()


def _rows(book, extents: dict[str, Extent] | None, max_rows: int) -> list[FormRow]:
    """Return the data rows under the header row, found by text, so a unit
    that inserted a line above the table or moved the sheet is still read.
    A sheet too big for a form is never opened."""
    names = [c.FORM_SHEET] + [n for n in book.sheet_names if n not in (c.FORM_SHEET, c.MARKER_SHEET)]
    max_cols = COL_FACTOR * len(c.FORM_HEADERS)
    too_big: c.FormRejected | None = None
    for name in names:
        if name not in book.sheet_names:
            continue
        try:
            _check_extent(extents, name, max_rows, max_cols)
        except c.FormRejected as exc:
            too_big = too_big or exc
            continue
        grid = _grid(book, name, whole=True)
        for top, row in enumerate(grid[:30]):
            if not any(type(v) is str and "编号" in v for v in row):
                continue  # no cell can read 编号: not the header row
            headers = [cell_text(v) for v in row]
            if "编号" in headers and "完成状态" in headers:
                percent = extents[name].percent if extents else set()
                return _data(grid, top, headers, percent)
    raise too_big or c.FormRejected(NO_TABLE)


def _data(grid: list[list], top: int, headers: list[str], percent: set[tuple[int, int]]) -> list[FormRow]:
    columns = [(h, i) for h, i in {h: i for i, h in enumerate(headers) if h in c.FORM_HEADERS}.items()]
    rows = []
    for index in range(top + 1, len(grid)):
        raw = grid[index]
        width = len(raw)
        # Most cells are plain text: the common case without a call.
        texts = [v.strip() if type(v) is str else cell_text(v) for v in raw]
        values = {header: texts[i] if i < width else "" for header, i in columns}
        row = FormRow(index + 1, values)
        if not "".join(values.values()).isprintable():
            for header, text in values.items():
                if text and not text.isprintable():
                    clean = c.clean_text(text)
                    if clean != text:
                        row.cleaned.append(header)
                    values[header] = clean
        if percent:
            row.percent.update(header for header, i in columns
                               if (index, i) in percent and i < width and not isinstance(raw[i], str))
        if any(values.values()):
            rows.append(row)
    return rows
