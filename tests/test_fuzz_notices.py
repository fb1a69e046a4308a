"""A bounded, seeded fuzz run of the notice importer (the long run is
scripts/fuzz_notices.py).

Every mutated sample must give a notice or a ToolkitError (a Chinese
message), and each must finish within SLOW seconds of CPU time: a bound for
hangs, not a benchmark (CPU time, as the test machine is shared); the
inputs are at most 1 MB.
"""

from __future__ import annotations

import faulthandler
from collections import Counter

import pytest

from toolkit.importing import import_notices
from toolkit.notices import read_notice

from fuzz_support import make_input, run_one, seed_files

SEED = 8  # issue 8
READS = 120
PDFS = 3
IMPORTS = 6
SLOW = 5.0
# A true hang would stop the whole run: dump the stack and exit instead.
WATCHDOG = 600


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    # A PDF takes seconds to read: a few inputs of their own.
    sources = [p for p in seed_files() if p.suffix != ".pdf"]
    pdfs = [p for p in seed_files() if p.suffix == ".pdf"]
    faulthandler.dump_traceback_later(WATCHDOG, exit=True)
    try:
        reads = [run_one(make_input(SEED, i, sources), folder, read_notice) for i in range(READS)]
        reads += [run_one(make_input(SEED, i, pdfs), folder, read_notice) for i in range(PDFS)]
        master = folder / "master.xlsx"
        imports = [run_one(make_input(SEED, READS + i, sources), folder,
                           lambda p: import_notices([p], master, force=True)) for i in range(IMPORTS)]
    finally:
        faulthandler.cancel_dump_traceback_later()
    return reads + imports


def _describe(outcome) -> str:
    item = outcome.input
    lines = outcome.detail.strip().splitlines()
    return (f"{item.name} ({item.source}, {'+'.join(item.mutations)}) {outcome.seconds:.1f}s: "
            f"{lines[-1] if lines else ''}")


def test_every_input_gives_a_result_or_a_message(outcomes):
    crashes = [_describe(o) for o in outcomes if o.result == "CRASH"]
    assert crashes == []


def test_every_input_finishes_quickly(outcomes):
    slow = [_describe(o) for o in outcomes if o.seconds >= SLOW]
    assert slow == []


def test_the_run_covers_every_kind_of_sample_and_mutation(outcomes):
    sources = Counter(o.input.suffix for o in outcomes)
    assert set(sources) == {".txt", ".html", ".docx", ".xlsx", ".xls", ".ods", ".pdf"}
    mutations = {m for o in outcomes for m in o.input.mutations}
    for needed in ("odd_grid_span", "bad_names", "hostile_line", "odd_spans", "doctype_only", "flip_bytes"):
        assert needed in mutations
    results = Counter(o.result for o in outcomes)
    # Mutations must leave some notices readable and break others.
    assert results["ok"] > 0 and results["UnknownFormat"] > 0 and results["ParseError"] > 0


def test_inputs_are_reproducible():
    first, again = make_input(SEED, 17), make_input(SEED, 17)
    assert (first.source, first.mutations, first.data) == (again.source, again.mutations, again.data)
    assert make_input(SEED, 18).data != first.data
