"""Seeded mutation of the real sample notices, for the fuzz test and the
long-run script (scripts/fuzz_notices.py).

Input `i` of seed `s` depends only on (s, i), so any input the long run
reports can be made again alone.  Mutations copy what hostile or broken
files do: bytes flipped, lines cut, repeated or glued, very long lines of
the importer's own keywords, odd encodings; for web pages odd spans and
unclosed or deeply nested tags; for Word files broken zip members, entry
names that are not UTF-8, and `gridSpan`/`vMerge` with odd values.
"""

from __future__ import annotations

import io
import os
import random
import re
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from toolkit.exceptions import ToolkitError

ROOT = Path(__file__).resolve().parent.parent
# Largest mutated input: the bound "under 5 s" is stated for a 1 MB file.
MAX_BYTES = 1_000_000


# .doc is left out: each goes through LibreOffice (seconds of wall time).
SUFFIXES = (".txt", ".html", ".docx", ".xlsx", ".xls", ".ods", ".csv", ".pdf")
_KINDS = {".xls": "sheet", ".xlsx": "sheet", ".ods": "sheet", ".csv": "sheet"}


def seed_files() -> list[Path]:
    """Return the real notices (and the work report) the fuzzer mutates:
    the samples, the LibreOffice re-saves, the real published notices and
    the clerk's spreadsheets."""
    inputs = sorted((ROOT / "inputs").glob("*.txt"))
    fixtures = ROOT / "tests" / "fixtures"
    found = [p for folder in ("notices", "real", "sheets") if (fixtures / folder).is_dir()
             for p in sorted((fixtures / folder).iterdir()) if p.suffix in SUFFIXES]
    return inputs + found


@dataclass
class FuzzInput:
    """One mutated file: where it came from and what was done to it."""

    seed: int
    index: int
    source: str
    suffix: str
    mutations: list[str]
    data: bytes

    @property
    def name(self) -> str:
        return f"fuzz-{self.seed}-{self.index}{self.suffix}"


def make_input(seed: int, index: int, sources: list[Path] | None = None) -> FuzzInput:
    """Return input `index` of run `seed`: a sample with 1 to 3 mutations."""
    sources = sources or seed_files()
    rng = random.Random(f"{seed}:{index}")
    # A kind of file first, then a file: the few web pages and workbooks
    # get as many inputs as the many text notices.
    kinds: dict[str, list[Path]] = {}
    for path in sources:
        kinds.setdefault(_KINDS.get(path.suffix, path.suffix), []).append(path)
    source = rng.choice(kinds[rng.choice(sorted(kinds))])
    data = source.read_bytes()
    suffix = source.suffix
    done: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        if suffix in (".docx", ".xlsx", ".ods") and data[:2] == b"PK":
            mutation = rng.choice(DOCX_MUTATIONS)
        elif suffix in (".xls", ".pdf", ".doc"):
            mutation = rng.choice(TEXT_MUTATIONS[:5])
        elif suffix == ".html":
            mutation = rng.choice(HTML_MUTATIONS + TEXT_MUTATIONS)
        else:
            mutation = rng.choice(TEXT_MUTATIONS)
        try:
            data = mutation(data, rng)[:MAX_BYTES]
        except Exception:  # noqa: BLE001 - the generator must never stop a run
            # An earlier mutation broke the zip or its XML: mutate its bytes.
            mutation = flip_bytes
            data = mutation(data, rng)
        done.append(mutation.__name__)
    return FuzzInput(seed, index, source.name, suffix, done, data)


# --- text (bytes and lines) ------------------------------------------------

# Lines built from the importer's own keywords, repeated up to ~60 KB: the
# shapes that make backtracking regexes slow.
_HOSTILE = [
    "关于{r:关于的}", "关于{r:关于的}的通{r: }知x", "{r:的 通}", "{r:（}", "{r:）（}", "1.{r: }x", "1.{r:x}：",
    "{r:|}", "{r: | }", "{r:\t}", "{r:。 }", "{r:、}", "{r:*}", "{r:区发改局、}", "{r:<p>}", "{r:</p> <p>}",
    "一、{r:x}", "（一）{r:突出动能转换，}", "{r:一、}", "{r:（1）}", "{r:9}", "{r:〔2023〕}", "温{r:政}〔2023〕1号",
    "{r:附件}", "附件：{r:1.}", "抄送：{r:区委、}", "{r:牵头单位：}", "责任单位：{r:区财政局（}",
    "序号\t重点工作\t责任单位\t责任领导", "序号 | 重点工作 | 责任单位 |", "<!DOCTYPE html", "<table>",
    "{r:“}", "{r:”“}", "{r:等相关部门}", "区发改局{r: }等相关部门x", "{r:2023年}", "{r:增长8%}",
    "{r:达到90%、}", "{r:\u3000}", "{r:\ue000}", "\x00\x01\x02", "\ufeff", "{r:\u2028}", "{r:\r}",
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>", "{r:<div>}", "{r:<td>}",
]


def _hostile_line(rng: random.Random) -> str:
    pattern = rng.choice(_HOSTILE)
    return re.sub(r"\{r:(.*?)\}", lambda m: m.group(1) * rng.choice((2, 50, 1000, 20000)), pattern, flags=re.S)


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randint(0, len(data))
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) + data[at:]


def cut_span(data: bytes, rng: random.Random) -> bytes:
    a = rng.randint(0, len(data))
    return data[:a] + data[a + rng.randint(1, 5000):]


def repeat_span(data: bytes, rng: random.Random) -> bytes:
    a = rng.randint(0, len(data))
    span = data[a:a + rng.randint(1, 2000)]
    return data[:a] + span * rng.randint(2, 200) + data[a:]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randint(0, len(data))]


def hostile_line(data: bytes, rng: random.Random) -> bytes:
    lines = _decode(data).split("\n")
    for _ in range(rng.randint(1, 3)):
        lines.insert(rng.randint(0, len(lines)), _hostile_line(rng))
    return "\n".join(lines).encode("utf-8")


def only_hostile(data: bytes, rng: random.Random) -> bytes:
    return _hostile_line(rng).encode("utf-8")


def shuffle_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _decode(data).split("\n")
    a = rng.randint(0, len(lines))
    block = lines[a:a + rng.randint(2, 60)]
    rng.shuffle(block)
    return "\n".join(lines[:a] + block + lines[a + len(block):]).encode("utf-8")


def drop_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _decode(data).split("\n")
    keep = rng.random()
    return "\n".join(line for line in lines if rng.random() < keep).encode("utf-8")


def repeat_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _decode(data).split("\n")
    a = rng.randint(0, len(lines))
    return "\n".join(lines[:a] + lines[a:a + rng.randint(1, 30)] * rng.randint(2, 50) + lines[a:]).encode("utf-8")


def glue_lines(data: bytes, rng: random.Random) -> bytes:
    """Join runs of lines with a separator the readers treat specially."""
    lines = _decode(data).split("\n")
    glue = rng.choice(["", " ", "\t", " | ", "。", "\r", "\u3000" * 4, "</p><p>"])
    a = rng.randint(0, len(lines))
    b = a + rng.randint(2, 400)
    return "\n".join(lines[:a] + [glue.join(lines[a:b])] + lines[b:]).encode("utf-8")


def swap_chars(data: bytes, rng: random.Random) -> bytes:
    """Replace punctuation the parsers key on with its look-alikes."""
    text = _decode(data)
    pairs = [("、", ","), ("（", "("), ("）", ""), ("\t", "  "), ("*", "＊"), ("。", ""), ("\n", "\r\n"),
             ("\n", "\r"), ("：", ":"), ("一、", "（一）"), ("序号", "序 号"), ("责任单位", ""), (" ", "\u00a0")]
    old, new = rng.choice(pairs)
    return text.replace(old, new).encode("utf-8")


def reencode(data: bytes, rng: random.Random) -> bytes:
    text = _decode(data)
    encoding = rng.choice(["gb18030", "utf-16", "utf-16-le", "utf-8-sig", "big5", "latin-1"])
    return text.encode(encoding, errors="replace")


def splice_sample(data: bytes, rng: random.Random) -> bytes:
    """Insert part of another sample (text of a docx or html included)."""
    other = rng.choice(seed_files()).read_bytes()
    a, b = rng.randint(0, len(other)), rng.randint(0, len(data))
    return data[:b] + other[a:a + rng.randint(1, 20000)] + data[b:]


TEXT_MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    flip_bytes, insert_bytes, cut_span, repeat_span, truncate, hostile_line, hostile_line, only_hostile,
    shuffle_lines, drop_lines, repeat_lines, glue_lines, swap_chars, swap_chars, reencode, splice_sample,
]


# --- web pages ---------------------------------------------------------------

_SPANS = ["", "0", "-1", "x", "2x", "99999999", "9" * 5000, " 3 ", "1.5", "100%", "\u0663"]


def odd_spans(data: bytes, rng: random.Random) -> bytes:
    text = _decode(data)
    attr = rng.choice(["rowspan", "colspan"])
    value = rng.choice(_SPANS)
    text = re.sub(rf'{attr}="[^"]*"', lambda m: f'{attr}="{value}"' if rng.random() < 0.5 else m.group(0), text)
    text = re.sub(r"<td", lambda m: f'<td {attr}="{value}"' if rng.random() < 0.05 else m.group(0), text)
    return text.encode("utf-8")


def drop_tags(data: bytes, rng: random.Random) -> bytes:
    """Remove closing (or opening) tags of one kind: unclosed tables, rows."""
    tag = rng.choice(["</td>", "</tr>", "</table>", "<tr>", "<table", "</p>", "<body>", "</html>", "<tbody>"])
    text = _decode(data)
    return re.sub(re.escape(tag), lambda m: "" if rng.random() < 0.7 else m.group(0), text).encode("utf-8")


def nest_tags(data: bytes, rng: random.Random) -> bytes:
    text = _decode(data)
    tag = rng.choice(["div", "table", "td", "p", "span", "b"])
    depth = rng.choice((10, 300, 5000))
    at = rng.randint(0, len(text))
    return (text[:at] + f"<{tag}>" * depth + "x" + f"</{tag}>" * rng.choice((0, depth)) + text[at:]).encode("utf-8")


def doctype_only(data: bytes, rng: random.Random) -> bytes:
    return rng.choice([b"<!DOCTYPE html", b"<!DOCTYPE html>", b"<html>", b"<", b"<table>", b"<?xml", b"<!--",
                       b"\xef\xbb\xbf<!DOCTYPE html", b"<?xml version='1.0' encoding='gbk'?><html>"])


def xml_declaration(data: bytes, rng: random.Random) -> bytes:
    at = rng.choice((0, rng.randint(0, len(data))))
    return data[:at] + b'<?xml version="1.0" encoding="utf-8"?>' + data[at:]


HTML_MUTATIONS = [odd_spans, odd_spans, drop_tags, nest_tags, doctype_only, xml_declaration]


# --- Word files --------------------------------------------------------------

def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _zip(members: list[tuple[str | bytes, bytes]]) -> bytes:
    """Return a zip of (name, data); a bytes name is written as is with the
    UTF-8 flag set, as a broken tool would."""
    buffer = io.BytesIO()
    raw_names: dict[str, bytes] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in members:
                if isinstance(name, bytes):
                    # A non-ASCII placeholder of the same byte length makes
                    # zipfile set the UTF-8 flag; its bytes are swapped after.
                    placeholder = "é" * (len(name) // 2) + "#" * (len(name) % 2)
                    raw_names[placeholder] = name
                    name = placeholder
                archive.writestr(name, content)
    out = buffer.getvalue()
    for placeholder, raw in raw_names.items():
        out = out.replace(placeholder.encode(), raw)
    return out


def _docx_parts(data: bytes) -> list[tuple[str | bytes, bytes]]:
    return [(info.filename, content) for info, content in _members(data)]


_MAIN_PARTS = ("word/document.xml", "xl/worksheets/sheet1.xml", "content.xml", "xl/sharedStrings.xml")


def _main_part(parts: list[tuple[str | bytes, bytes]]) -> str:
    """Return the name of the member holding the text: the Word body, the
    first worksheet, the OpenDocument content."""
    names = {n for n, _ in parts}
    return next((n for n in _MAIN_PARTS if n in names), "word/document.xml")


def _edit_document(data: bytes, edit: Callable[[str], str]) -> bytes:
    parts = _docx_parts(data)
    main = _main_part(parts)
    return _zip([(n, edit(c.decode("utf-8")).encode("utf-8") if n == main else c) for n, c in parts])


_VALUES = ["", "x", "0", "-3", "1.5", "99999999", "9" * 5000, " 2", "２", "\u0663", "2x"]


def odd_grid_span(data: bytes, rng: random.Random) -> bytes:
    value = rng.choice(_VALUES + [None])
    new = "<w:gridSpan/>" if value is None else f'<w:gridSpan w:val="{value}"/>'
    share = rng.random()
    return _edit_document(data, lambda x: re.sub(r"<w:gridSpan[^>]*/>", lambda m: new if rng.random() < share else m.group(0), x))


def odd_vmerge(data: bytes, rng: random.Random) -> bytes:
    value = rng.choice(["restart", "continue", "", "x", None])
    new = "<w:vMerge/>" if value is None else f'<w:vMerge w:val="{value}"/>'
    share = rng.random()

    def edit(xml: str) -> str:
        xml = re.sub(r"<w:vMerge[^>]*/>", lambda m: new if rng.random() < share else m.group(0), xml)
        # Also put merges into cells that had none (a continue in the first row).
        return re.sub(r"<w:tcPr>", lambda m: m.group(0) + new if rng.random() < share / 4 else m.group(0), xml)

    return _edit_document(data, edit)


def drop_elements(data: bytes, rng: random.Random) -> bytes:
    """Remove some cells, rows, runs or properties (valid XML, odd tables)."""
    tag = rng.choice(["w:tc", "w:tr", "w:p", "w:r", "w:tcPr", "w:tblGrid"])
    share = rng.random() / 2
    pattern = rf"<{tag}\b[^>]*/>|<{tag}\b[^>]*>.*?</{tag}>"
    return _edit_document(data, lambda x: re.sub(pattern, lambda m: "" if rng.random() < share else m.group(0), x, flags=re.S))


def repeat_rows(data: bytes, rng: random.Random) -> bytes:
    times = rng.choice((2, 20, 100))
    return _edit_document(data, lambda x: re.sub(r"<(w:tr|row|table:table-row)\b.*?</\1>", lambda m: m.group(0) * (times if rng.random() < 0.05 else 1), x, flags=re.S))


def odd_ranges(data: bytes, rng: random.Random) -> bytes:
    """Spreadsheet cell references and repeats: huge or broken ranges, as
    in a sheet whose used range was stretched to the last row."""
    value = rng.choice(["A1:XFD1048576", "A1:A1048576", "ZZ9", "", "A0", "1A", "A1:", "-1", "9" * 30])
    repeat = rng.choice(["1000000", "16384", "0", "-1", "x"])

    def edit(xml: str) -> str:
        xml = re.sub(r'(<(?:mergeCell|dimension)\b[^>]*\bref=")[^"]*"', lambda m: m.group(1) + value + '"', xml)
        xml = re.sub(r'(<c\b[^>]*\br=")[^"]*"', lambda m: m.group(1) + value + '"' if rng.random() < 0.1 else m.group(0), xml)
        return re.sub(r'(table:number-(?:columns|rows)-repeated=")[^"]*"',
                      lambda m: m.group(1) + repeat + '"' if rng.random() < 0.3 else m.group(0), xml)

    return _edit_document(data, edit)


def text_in_document(data: bytes, rng: random.Random) -> bytes:
    """Replace the text of some runs or cells with hostile lines (escaped)."""
    def edit(xml: str) -> str:
        def one(m: re.Match) -> str:
            if rng.random() > 0.02:
                return m.group(0)
            line = _hostile_line(rng)[:5000]
            line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            line = "".join(ch for ch in line if ch in "\t\n\r" or ord(ch) >= 32)
            close = "</" + m.group(1)[1:].split(">")[0].split(" ")[0] + ">"
            return f"{m.group(1)}{line}{close}"
        return re.sub(r"(<(?:w:t|t|text:p)(?: [^>]*)?>)[^<]*</(?:w:t|t|text:p)>", one, xml)
    return _edit_document(data, edit)


def xml_bytes(data: bytes, rng: random.Random) -> bytes:
    """Mutate the bytes of one XML member (usually breaking it)."""
    parts = _docx_parts(data)
    i = rng.randrange(len(parts))
    name, content = parts[i]
    if rng.random() < 0.6:
        main = _main_part(parts)
        i = next(k for k, (n, _) in enumerate(parts) if n == main)
        name, content = parts[i]
    parts[i] = (name, rng.choice(TEXT_MUTATIONS[:5])(content, rng))
    return _zip(parts)


def bad_names(data: bytes, rng: random.Random) -> bytes:
    """Rename, drop or duplicate entries; names that are not valid UTF-8."""
    parts = _docx_parts(data)
    i = rng.randrange(len(parts))
    name, content = parts[i]
    choice = rng.randrange(5)
    if choice == 0:
        parts[i] = (name.encode("utf-8")[:-3] + b"\xff\xfe\x80", content)
    elif choice == 1:
        parts.append((b"word/\xc3\x28" + bytes(rng.randrange(128, 256) for _ in range(6)), b"x"))
    elif choice == 2:
        del parts[i]
    elif choice == 3:
        parts.append((name, content))
    else:
        parts[i] = (name.upper(), content)
    return _zip(parts)


def zip_bomb(data: bytes, rng: random.Random) -> bytes:
    """A member that inflates to far more than the file's size."""
    parts = _docx_parts(data)
    size = rng.choice((10_000_000, 60_000_000))
    filler = b" " * size
    main = _main_part(parts)
    parts = [(n, c.replace(b"><", b">" + filler + b"<", 1) if n == main else c) for n, c in parts]
    if rng.random() < 0.5:
        parts.append(("word/media/big.bin", b"\0" * size))
    return _zip(parts)


DOCX_MUTATIONS = [odd_grid_span, odd_grid_span, odd_vmerge, drop_elements, repeat_rows, text_in_document,
                  xml_bytes, bad_names, bad_names, flip_bytes, truncate, zip_bomb, odd_ranges]


# --- running -----------------------------------------------------------------

@dataclass
class Outcome:
    """What one input gave: 'ok', a ToolkitError class, or 'CRASH'."""

    input: FuzzInput
    result: str
    seconds: float  # CPU time of this process and its capped children: the machine is shared, wall time is noise
    detail: str = ""
    wall: float = 0.0


def _cpu() -> float:
    """CPU time of this process and of its children that have ended (the
    PDF and .xls readers work in capped children)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def run_one(item: FuzzInput, folder: Path, call: Callable[[Path], object]) -> Outcome:
    """Write `item` into `folder`, call `call` on it; classify the result."""
    path = folder / item.name
    path.write_bytes(item.data)
    start, wall = _cpu(), time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            call(path)
        result, detail = "ok", ""
    except ToolkitError as exc:
        result, detail = type(exc).__name__, str(exc)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - what the fuzzer looks for (Rust panics are BaseException)
        result, detail = "CRASH", traceback.format_exc()
    finally:
        seconds, wall = _cpu() - start, time.perf_counter() - wall
        path.unlink(missing_ok=True)
    return Outcome(item, result, seconds, detail, wall)
