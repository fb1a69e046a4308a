"""Page-level checks (tests/pdf_pages.py) on the supervision documents as
LibreOffice prints them: the 催办单 print file, the 督查通报 and the year-end
report of the lucheng sample with ten returns."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from pdf_pages import doubled_punctuation, is_tail_only, page_lines, pages_text, require_renderer, squeeze
from test_layout_pages import convert_all
from toolkit.progress.bulletin import write_bulletin
from toolkit.progress.collect import collect_returns
from toolkit.progress.fill import fill_some
from toolkit.progress.forms import write_forms
from toolkit.progress.remind import write_reminders
from toolkit.progress.yearend import write_year_report
from toolkit.workbook.read import read_master


@pytest.fixture(scope="module")
def printed(sample_master, tmp_path_factory):
    require_renderer()
    root = tmp_path_factory.mktemp("supervision-pages")
    master = Path(shutil.copy(sample_master("lucheng2023"), root / "m.xlsx"))
    write_forms(read_master(master), "2023Q1", root / "forms")
    fill_some(root / "forms", root / "back", 10, saved_at="2023-04-06T08:00:00Z")
    collect_returns(master, [root / "back"], "2023Q1")
    reminders = write_reminders(master, "2023Q1", root / "remind", combined=True, now=datetime(2023, 4, 12, 9))
    bulletin = root / "bulletin.docx"
    write_bulletin(master, "2023Q1", bulletin, today=date(2023, 4, 20))
    report = root / "report.docx"
    write_year_report(master, 2023, report, today=date(2024, 1, 10))
    pdfs = convert_all([reminders.combined, bulletin, report], root / "pdf")
    meta = read_master(master).notice.meta
    signers = {squeeze(meta.get(k, "")) for k in ("落款", "发文机关") if meta.get(k)}
    return {name: pages_text(pdf) for name, pdf in zip(("remind", "bulletin", "report"), pdfs.values())}, signers


# The 催办单 print file too: LibreOffice 7.4 ignores keep-with-next on table
# rows, so a 催办单 whose task table filled its page left the 署名 and date
# alone on the next (2 of 79 here, 4 of 83 before the levels); the request
# paragraph after the table now keeps with them.
@pytest.mark.parametrize("kind", ["remind", "bulletin", "report"])
def test_no_page_holds_only_a_signature_or_date(printed, kind):
    pages, signers = printed
    lonely = [n for n, page in enumerate(pages[kind], start=1) if is_tail_only(page_lines(page), signers)]
    assert lonely == [], [page_lines(pages[kind][n - 1]) for n in lonely]


def test_every_reminder_ends_with_its_request_signature_and_date(printed):
    """Each 催办单 of the print file ends on a page whose last lines are the
    request, the 署名 and the date: nothing of it is cut off or lost."""
    pages, signers = printed
    ends = [squeeze("".join(page_lines(page))) for page in pages["remind"]
            if page_lines(page) and squeeze(page_lines(page)[-1]) == "2023年4月12日"]
    assert len(ends) == 79
    (signer,) = signers
    tail = re.compile(r"请于2023年4月15日前(报送进展情况|书面说明落后原因及整改措施)(，并书面说明落后原因及整改措施)?。"
                      + re.escape(signer) + "2023年4月12日$")
    assert [end[-60:] for end in ends if not tail.search(end)] == []


@pytest.mark.parametrize("kind", ["remind", "bulletin", "report"])
def test_no_doubled_punctuation(printed, kind):
    assert doubled_punctuation("\n".join(printed[0][kind])) == []
