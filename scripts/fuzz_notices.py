"""Long fuzz run of the notice importer: mutated real notices in, and every
input must give a result or a ToolkitError (a Chinese message), quickly.

    .venv/bin/python scripts/fuzz_notices.py -n 10000 --seed 1 --crashes outputs/fuzz-crashes

Prints how many inputs gave each result, the slowest inputs (CPU time: the
machine is shared, wall time measures the neighbours), and saves each
crashing or slow input (with its traceback) in the crash folder.  An input
that hangs is caught by a watchdog: the process exits and the input is left
in the folder as `pending-…`.  `--import-every K` also imports every K-th
input into a temporary master (the whole `toolkit import` path).
Input `i` of a seed is reproducible alone: `--start i -n 1`.  A line
`progress:` every `--every` inputs says how far a run got if it is stopped;
after a hang, go on with `--start` the pending input's index + 1.
"""

from __future__ import annotations

import argparse
import faulthandler
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzz_support import make_input, run_one, seed_files  # noqa: E402
from toolkit.importing import import_notices  # noqa: E402
from toolkit.notices import read_notice  # noqa: E402

SLOW = 5.0  # seconds: the bound every input must meet
HANG = 120  # seconds: the watchdog gives up on the process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="number of inputs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="index of the first input")
    parser.add_argument("--crashes", type=Path, default=Path("outputs/fuzz-crashes"))
    parser.add_argument("--import-every", type=int, default=20, help="also import every K-th input (0: never)")
    parser.add_argument("--every", type=int, default=100, help="print a progress line every N inputs")
    args = parser.parse_args()
    args.crashes.mkdir(parents=True, exist_ok=True)
    sources = seed_files()
    counts: Counter[str] = Counter()
    slowest = []
    slow = 0
    begin = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for index in range(args.start, args.start + args.n):
            item = make_input(args.seed, index, sources)
            pending = args.crashes / f"pending-{item.name}"
            pending.write_bytes(item.data)
            faulthandler.dump_traceback_later(HANG, exit=True)
            imported = args.import_every and index % args.import_every == 0
            call = (lambda p: import_notices([p], folder / "master.xlsx", force=True)) if imported else read_notice
            outcome = run_one(item, folder, call)
            faulthandler.cancel_dump_traceback_later()
            pending.unlink()
            counts[outcome.result] += 1
            slowest = sorted(slowest + [outcome], key=lambda o: -o.seconds)[:5]
            slow += outcome.seconds >= SLOW
            done = index - args.start + 1
            if args.every and done % args.every == 0:
                print(f"progress: {done} inputs (to index {index}) in {time.perf_counter() - begin:.0f}s: "
                      f"{dict(counts.most_common())}, {slow} slow", flush=True)
            if outcome.result == "CRASH" or outcome.seconds >= SLOW:
                kind = "crash" if outcome.result == "CRASH" else "slow"
                (args.crashes / f"{kind}-{item.name}").write_bytes(item.data)
                (args.crashes / f"{kind}-{item.name}.txt").write_text(
                    f"source {item.source}, mutations {item.mutations}, {outcome.seconds:.2f}s\n{outcome.detail}",
                    encoding="utf-8")
                print(f"{kind}: {item.name} ({item.source}, {'+'.join(item.mutations)}) {outcome.seconds:.2f}s CPU "
                      f"{outcome.detail.strip().splitlines()[-1][:150] if outcome.detail.strip() else ''}", flush=True)
    elapsed = time.perf_counter() - begin
    print(f"{args.n} inputs (seed {args.seed}, from {args.start}) in {elapsed:.0f}s:")
    for result, count in counts.most_common():
        print(f"  {result}: {count}")
    print(f"  slower than {SLOW:g}s CPU: {slow}")
    print("slowest (CPU time):")
    for o in slowest:
        print(f"  {o.seconds:.2f}s CPU ({o.wall:.2f}s wall) {o.input.name} ({o.input.source}, {'+'.join(o.input.mutations)}, "
              f"{len(o.input.data)} bytes) -> {o.result}")
    return 1 if counts["CRASH"] or slow else 0


if __name__ == "__main__":
    sys.exit(main())
