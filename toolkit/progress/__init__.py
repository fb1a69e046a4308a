"""The quarterly progress cycle: forms out, returns in, the summary.

    from toolkit.progress import write_forms, collect_returns, write_summary
    from toolkit.workbook import read_master

    write_forms(read_master("总台账.xlsx"), "2023Q1", "进展表-2023Q1/")
    report = collect_returns("总台账.xlsx", ["收回/"], "2023Q1")
    write_summary(read_master("总台账.xlsx"), "2023Q1", "季度进展.docx")

CLI: `toolkit forms`, `toolkit collect`, `toolkit summary`.
"""

from ..lazy import exports

__getattr__ = exports(__name__, {"collect_returns": ".collect", "write_forms": ".forms",
                                 "write_summary": ".summary"})

__all__ = ["collect_returns", "write_forms", "write_summary"]
