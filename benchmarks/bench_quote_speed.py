"""Benchmark: time of finding quotes and speakers (``quote_table``), an older checkout
against this one.

Run: ``.venv/bin/python benchmarks/bench_quote_speed.py [--before DIR] [--docs 400]
[--repeat 3]`` (default corpus ../shared/corpus/ukraine_media/sample.csv; exits 0 with a
message when absent). ``--before`` is a checkout of the commit to compare with, e.g. made
with ``git worktree add /tmp/before <commit>``; without it only this tree is timed.

Each run is a fresh process in the tree's own folder (its own ``analysis`` package): the
first ``--docs`` articles of the corpus are loaded and annotated (a cache of the tree's own,
filled by a first, untimed run), then ``quote_table(ann)`` (what ``annotate`` runs per
document to find the quotes) is timed three times in CPU seconds (``time.process_time``:
the shared machine makes wall-clock times vary more) and the best is kept. The runs of the
two trees alternate, so machine load hits both alike; the figure is the median over
``--repeat`` runs, and the ratio after / before.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, corpus_args  # noqa: E402  (also puts the repository root on sys.path)

CODE = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
import pandas as pd
from analysis import annotate, load_corpus
from analysis.quotation import quote_table
table = pd.read_csv({corpus!r}).head({n})
path = {tmp!r} + "/articles.csv"
table.to_csv(path, index=False)
corpus = load_corpus(path, progress=False, cache=False)
ann = annotate(corpus.docs, progress=False, cache_dir={cache!r})
best, rows = None, 0
for _ in range(3):
    t0 = time.process_time()
    rows = len(quote_table(ann))
    t = time.process_time() - t0
    best = t if best is None else min(best, t)
print("RESULT", json.dumps([best, rows, len(ann.docs)]))
"""


def quote_seconds(tree: Path, corpus: str, n: int, cache: str) -> tuple[float, int, int]:
    """Best CPU seconds of ``quote_table`` with ``tree``'s code; quotes and documents."""
    with tempfile.TemporaryDirectory(prefix="bench-quote-speed-") as tmp:
        code = CODE.format(corpus=corpus, n=n, tmp=tmp, cache=cache)
        env = {**os.environ, "PYTHONPATH": str(tree)}
        proc = subprocess.run([sys.executable, "-c", code], cwd=tree, env=env,
                              capture_output=True, text=True, check=True)
    line = next(l for l in proc.stdout.splitlines() if l.startswith("RESULT "))
    seconds, rows, docs = json.loads(line.removeprefix("RESULT "))
    return seconds, rows, docs


def main(argv: list[str] | None = None) -> int:
    from analysis import config

    def add(parser):
        parser.add_argument("--before", help="checkout of the commit to compare with")
        parser.add_argument("--after", default=str(ROOT),
                            help="checkout to time (default: this one)")
        parser.add_argument("--docs", type=int, default=400,
                            help="articles to time (the first N)")

    args = corpus_args(__doc__, argv, add=add, corpus=config.SHARED_SAMPLE)
    if args is None:
        return 0
    trees = {"after": Path(args.after)} | ({"before": Path(args.before)} if args.before else {})
    times: dict[str, list[float]] = {k: [] for k in trees}
    with tempfile.TemporaryDirectory(prefix="bench-quote-caches-") as caches:
        cache = {k: str(Path(caches) / k) for k in trees}
        for key, tree in trees.items():  # untimed: fills each tree's annotation cache
            _, rows, docs = quote_seconds(tree, args.corpus, args.docs, cache[key])
            print(f"{key}: {tree} ({rows} quotes in {docs} articles)")
        for _ in range(args.repeat):
            for key, tree in trees.items():
                times[key].append(quote_seconds(tree, args.corpus, args.docs, cache[key])[0])
    for key, ts in times.items():
        print(f"{key:6s} quote_table CPU s, best of 3 per run: "
              f"{', '.join(f'{t:.3f}' for t in ts)}; median {statistics.median(ts):.3f}")
    if "before" in times:
        ratio = statistics.median(times["after"]) / statistics.median(times["before"])
        print(f"ratio after / before (medians): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
