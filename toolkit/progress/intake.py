"""What a collect run was given but could not count as a return: an empty
folder, files in a folder that are not spreadsheets, and forms sent back
without a single cell filled in.  Each is a reason for exit 1: the clerk
expected returns there and must look."""

from __future__ import annotations

from pathlib import Path

from .report import FileOutcome
from .returns import OTHER_SHEETS, SUFFIXES

EMPTY_FOLDER = "文件夹 {name} 里没有任何文件，未收到报送。请确认选对了文件夹。"
SKIPPED = "文件夹 {name} 中有 {count} 个文件不是表格，已跳过：{files}。如是单位报回的进展表，请让单位另存为 .xlsx 后重报。"
BLANK_FORM = "{name}（{unit}）是空白表，没有填写任何内容，未采纳。请与单位核实是否报错了文件。"
SHOWN = 5


def intake_problems(paths: list[Path | str], outcomes: list[FileOutcome]) -> list[str]:
    """Return the Chinese lines for empty folders, skipped files and blank
    returned forms among `paths` and their `outcomes`."""
    out = []
    for folder in (Path(p) for p in paths):
        if not folder.is_dir():
            continue
        files = [f for f in folder.rglob("*") if f.is_file() and not f.name.startswith(("~$", ".~lock", "."))]
        if not files:
            out.append(EMPTY_FOLDER.format(name=folder.name or str(folder)))
            continue
        skipped = sorted(f.name for f in files if f.suffix.lower() not in SUFFIXES + OTHER_SHEETS)
        if skipped:
            shown = "、".join(skipped[:SHOWN]) + (f"等{len(skipped)}个" if len(skipped) > SHOWN else "")
            out.append(SKIPPED.format(name=folder.name, count=len(skipped), files=shown))
    for item in outcomes:
        if item.blank and not (item.taken or item.same or item.refused or item.conflicts or item.rejected):
            out.append(BLANK_FORM.format(name=item.name, unit=item.unit or "单位未知"))
    return out
