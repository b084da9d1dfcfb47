"""Benchmark: render time of the source-comparison report, an older checkout against this one.

Run: ``.venv/bin/python benchmarks/bench_report_time.py [--before DIR] [--repeat 3]``
(default corpus ../shared/corpus/ukraine_media/sample.csv; exits 0 with a message when
absent). ``--before`` is a checkout of the commit to compare with, e.g. made with
``git worktree add /tmp/before HEAD`` before the change; without it only this tree is timed.

Each run is a fresh ``python -m analysis render --notebooks 03_source_comparison`` in the
tree's own folder (so its own ``analysis`` package and notebook are used), with a warm cache
of its own (``NEWS_WORKBOOK_CACHE``: a copy of ``data/processed``, then a first,
untimed run fills what is missing). The runs of the two trees
alternate, so machine load hits both alike; the figure is the median of the notebook's own
render time (execute + export, as the renderer reports it), and the ratio after / before.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "03_source_comparison"


def render_seconds(tree: Path, corpus: str, cache: str, out: str) -> float:
    """Render the comparison notebook with ``tree``'s code; the notebook's seconds."""
    code = ("import json, warnings; warnings.simplefilter('ignore');"
            "from analysis.reports import render;"
            f"r=render(corpus={corpus!r}, out={out!r}, notebooks=[{NOTEBOOK!r}])[0];"
            "print('RESULT', json.dumps([r.ok, r.seconds, r.error]))")
    env = {**os.environ, "NEWS_WORKBOOK_CACHE": cache}
    proc = subprocess.run([sys.executable, "-c", code], cwd=tree, env=env, capture_output=True,
                          text=True, check=True)
    line = next(l for l in proc.stdout.splitlines() if l.startswith("RESULT "))
    ok, seconds, error = json.loads(line.removeprefix("RESULT "))
    if not ok:
        raise RuntimeError(f"{tree}: {NOTEBOOK} failed: {error}")
    return seconds


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from analysis import config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(config.SHARED_SAMPLE))
    parser.add_argument("--before", help="checkout of the commit to compare with")
    parser.add_argument("--after", default=str(ROOT), help="checkout to time (default: this one)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        print(f"skipped: {args.corpus} is absent")
        return 0
    trees = {"after": Path(args.after).resolve()} | ({"before": Path(args.before).resolve()} if args.before else {})
    times: dict[str, list[float]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        for name, tree in trees.items():  # fill each tree's cache (untimed)
            if Path(config.PROCESSED_DIR).is_dir():  # a copy of ours: no re-annotation
                shutil.copytree(config.PROCESSED_DIR, f"{tmp}/{name}-cache")
            render_seconds(tree, args.corpus, f"{tmp}/{name}-cache", f"{tmp}/{name}-out")
        for _ in range(args.repeat):
            for name, tree in trees.items():
                times[name].append(render_seconds(tree, args.corpus, f"{tmp}/{name}-cache",
                                                  f"{tmp}/{name}-out"))
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, t in times.items():
        print(f"{name:6s} {trees[name]}: median {medians[name]:.1f} s "
              f"(runs: {', '.join(f'{x:.1f}' for x in t)})")
    if "before" in medians:
        print(f"ratio after / before: {medians['after'] / medians['before']:.2f} (target <= 0.60)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
