"""The quarter of a collect run read from the returned forms themselves.

Every form carries its quarter in its hidden marker, so a clerk need not
type `--quarter`: the forms of this master that were read say it.  Returns
of two quarters in one run are a mistake the clerk must settle (which
quarter did they mean?), so the run stops before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..exceptions import BadQuarter, ToolkitError
from ..quarter import parse_quarter, quarter_label
from . import common as c
from .returns import Received

MIXED = ("收到的进展表属于不同季度，无法确定要收哪个季度：{parts}。"
         "请把不同季度的文件分开存放后分别收文，或用 --quarter 指定季度（其他季度的表会被拒收并逐个列出）。总台账未改动。")
NONE_FOUND = ("没有指定 --quarter，收到的 {count} 个文件中也没有本总台账下发的进展表，无法判断季度。"
              "请用 --quarter 指定季度（如 --quarter 2023Q1），收文报告会列出每个文件未采纳的原因。总台账未改动。")
SHOWN = 3


class QuarterUnknown(ToolkitError):
    """No quarter given and the forms do not name exactly one (exit 1:
    nothing was written, the clerk must choose)."""

    exit_code = 1


def forms_quarter(received: Iterable[Received], key: str) -> str:
    """Return the one quarter (`2023Q1`) named by the forms of the master
    `key` among `received`.  Raises QuarterUnknown when they name several,
    or none of them is this master's form."""
    received = list(received)
    found: dict[str, list[str]] = {}
    for item in received:
        marker = item.form.marker if item.form is not None else {}
        if not marker or marker.get(c.K_MASTER) != key:
            continue  # refused later with its own reason (another master…)
        try:
            quarter = parse_quarter(marker.get(c.K_QUARTER, ""))
        except BadQuarter:
            continue
        found.setdefault(quarter, []).append(c.clean_text(item.path.name))
    if len(found) == 1:
        return next(iter(found))
    if not found:
        raise QuarterUnknown(NONE_FOUND.format(count=len(received)))
    parts = "；".join(f"{quarter_label(q)} {len(names)} 个文件（{_names(names)}）" for q, names in sorted(found.items()))
    raise QuarterUnknown(MIXED.format(parts=parts))


def _names(names: list[str]) -> str:
    shown = "、".join(sorted(names)[:SHOWN])
    return shown + (f"等{len(names)}个" if len(names) > SHOWN else "")
