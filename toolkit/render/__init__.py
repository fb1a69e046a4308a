"""Word and HTML documents generated from the master workbook (GB/T 9704).

    from toolkit.workbook import read_master
    from toolkit.render import write_letters, write_notice, write_notice_html

    master = read_master("总台账.xlsx")
    write_notice(master, "责任分解.docx")            # toolkit notice
    write_notice_html(master, "责任分解.html")       # toolkit notice --format html
    write_letters(master, "任务函/", combined=True)  # toolkit letters --combined

`document` is the page/style layer other generators reuse (new_document,
add_title, add_body, add_heading, add_table, add_landscape_section…).
"""

from ..lazy import exports

__getattr__ = exports(__name__, {"write_notice_html": ".html", "write_letters": ".letters",
                                 "write_notice": ".notice"})

__all__ = ["write_letters", "write_notice", "write_notice_html"]
