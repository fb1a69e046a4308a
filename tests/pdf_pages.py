"""Read a PDF page by page the way a typesetter checks a 公文 (poppler).

Pure functions over the text of each page, so the layout checks of
test_layout_pages.py read like the rules they enforce: a page that holds
only a signature, a letter that starts on an even page, a title broken
inside a word.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

RENDERER = ("soffice", "pdftotext", "pdfinfo")

PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")
DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
# Punctuation that may never follow itself or another of the set.
DOUBLED = re.compile(r"[。；，、：][。；，、：]")
# Words a title line may not end or start inside of.
TITLE_WORDS = ("政府工作报告", "重点工作", "责任分解", "任务分解", "民生实事", "项目", "任务", "的函", "的通知",
               "关于", "印发", "落实", "进展情况", "季度", "办公室", "人民政府")


def require_renderer() -> None:
    """Fail when LibreOffice or poppler is missing; skip instead only where
    TOOLKIT_ALLOW_NO_RENDERER=1 says the machine cannot have them.  CI
    installs them (.ci/run), so there a missing renderer is an error."""
    missing = [tool for tool in RENDERER if not shutil.which(tool)]
    if not missing:
        return
    if os.environ.get("TOOLKIT_ALLOW_NO_RENDERER") == "1":
        pytest.skip(f"no renderer ({', '.join(missing)}), allowed by TOOLKIT_ALLOW_NO_RENDERER=1")
    pytest.fail(f"LibreOffice/poppler missing ({', '.join(missing)}): install them (see .ci/run), "
                "or set TOOLKIT_ALLOW_NO_RENDERER=1 on a machine that cannot have them")


def pages_text(pdf: Path, layout: bool = True) -> list[str]:
    """Return the text of each page of `pdf`: as laid out (pdftotext
    -layout), or in reading order, each table cell's text in one piece."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def page_lines(page: str) -> list[str]:
    """Return the non-empty lines of a page, stripped, without the page number."""
    return [line.strip() for line in page.splitlines() if line.strip() and not PAGE_NUMBER.match(line.strip())]


def page_number(page: str) -> int | None:
    """Return the `— n —` number printed on a page, or None."""
    numbers = [line.strip() for line in page.splitlines() if PAGE_NUMBER.match(line.strip())]
    return int(re.sub(r"\D", "", numbers[-1])) if numbers else None


def is_tail_only(lines: list[str], signers: set[str], notes: tuple[str, ...] = ("注：",)) -> bool:
    """Return True if a page holds nothing but a 署名, a date, a 附注 `（…）`
    or a note: the page GB/T 9704 7.3.5.5 forbids."""
    if not lines:
        return False
    squeezed = [re.sub(r"\s+", "", line) for line in lines]
    return all(line in signers or DATE.match(line) or re.fullmatch(r"（[^）]*）", line) or line.startswith(notes)
               for line in squeezed)


def squeeze(text: str) -> str:
    """Return `text` without any whitespace."""
    return re.sub(r"\s+", "", text)


def broken_words(lines: list[str]) -> list[str]:
    """Return the words of TITLE_WORDS (and `2023年`-like years) that a
    break between consecutive `lines` cuts in two."""
    out = []
    for upper, lower in zip(lines, lines[1:]):
        upper, lower = squeeze(upper), squeeze(lower)
        joint = upper + lower
        cut = len(upper)
        words = list(TITLE_WORDS) + re.findall(r"\d{4}年", joint)
        for word in words:
            for match in re.finditer(re.escape(word), joint):
                if match.start() < cut < match.end():
                    out.append(f"{upper} / {lower}: {word}")
    return out


def doubled_punctuation(text: str) -> list[str]:
    """Return each place where punctuation is doubled (`。；`, `。。`), with context."""
    flat = squeeze(text)
    return [flat[max(0, m.start() - 10):m.end() + 5] for m in DOUBLED.finditer(flat)]


def column_text(pdf: Path, left: float, right: float) -> list[str]:
    """Return per page the text of the words whose left edge lies between
    `left` and `right` (pt from the page's left edge), top to bottom: one
    table column, each cell's lines in order, cells in row order."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>'
    out = []
    for page in xml.split("<page ")[1:]:
        words = [(float(y), float(x), html.unescape(t)) for x, y, t in re.findall(pattern, page)
                 if left <= float(x) < right]
        out.append("".join(t for _, _, t in sorted(words)))
    return out
