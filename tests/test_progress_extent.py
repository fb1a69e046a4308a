"""The sheet scan gives the same extent whether a sheet's tags are plain
(read by whole-sheet patterns) or odd (followed tag by tag)."""

from toolkit.progress.extent import Extent, _plain_extent, _scan_sheet

PERCENT = {3}

PLAIN = (b'<worksheet><sheetData>'
         b'<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2" t="s"><v>1</v></c></row>'
         b'<row r="2"><c r="A2"><v>5</v></c><c r="C2" s="3"><v>0.5</v></c><c r="D2" s="3" t="s"><v>2</v></c></row>'
         b'<row r="7"><c r="B7" s="3" t="n"><v>0.25</v></c><c r="AB7" s="1"/></row>'
         b'<row r="9"/></sheetData></worksheet>')
WANT = (7, 4, {(1, 2), (6, 1)})


def _seen(extent: Extent) -> tuple:
    return extent.rows, extent.cols, extent.percent


def test_a_plain_sheet_is_measured_from_its_cells():
    assert _seen(_plain_extent(PLAIN, PERCENT)) == WANT
    assert _seen(_scan_sheet(PLAIN, "s", PERCENT)) == WANT


def test_prefixed_tags_are_followed_one_by_one_with_the_same_result():
    prefixed = PLAIN.replace(b"<row", b"<x:row").replace(b"</row", b"</x:row") \
        .replace(b"<c ", b"<x:c ").replace(b"</c>", b"</x:c>")
    assert _plain_extent(prefixed, PERCENT) is None
    assert _seen(_scan_sheet(prefixed, "s", PERCENT)) == WANT


def test_a_cell_without_its_reference_takes_the_general_path():
    odd = PLAIN.replace(b"<v>2</v></c>", b"<v>2</v></c><c s=\"3\"><v>0.1</v></c>")
    assert _plain_extent(odd, PERCENT) is None
    # The cell after D2 with no reference is E2: a fifth column, a percent.
    assert _seen(_scan_sheet(odd, "s", PERCENT)) == (7, 5, {(1, 2), (1, 4), (6, 1)})


def test_attributes_in_another_order_or_quoting_take_the_general_path():
    odd = PLAIN.replace(b'<c r="C2" s="3">', b"<c s='3' r='C2'>")
    assert _plain_extent(odd, PERCENT) is None
    assert _seen(_scan_sheet(odd, "s", PERCENT)) == WANT
