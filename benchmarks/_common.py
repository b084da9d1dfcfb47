"""Helpers shared by the benchmarks: medians of timings, traced peak memory."""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def timed(fn, repeat: int = 3):
    """Run ``fn`` ``repeat`` times; return (median seconds, last result)."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def median_time(fn, repeat: int = 3) -> float:
    """Median seconds of ``repeat`` runs of ``fn``."""
    return timed(fn, repeat)[0]


def peak_mb(fn) -> float:
    """Peak memory (MB) traced while ``fn`` runs (numpy and pandas report to tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def corpus_args(doc: str, argv: list[str] | None, *, add=None, corpus=None):
    """Parse ``--corpus`` (default: ``corpus``, else the shared corpus) and ``--repeat``
    (default 3), plus the arguments ``add(parser)`` declares; ``None`` (after a SKIP line)
    when the corpus is absent, so the benchmark exits 0 without the shared data."""
    import argparse

    from analysis import config

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--corpus", default=str(corpus or config.SHARED_CORPUS))
    parser.add_argument("--repeat", type=int, default=3)
    if add is not None:
        add(parser)
    args = parser.parse_args(argv)
    if not Path(args.corpus).exists():
        print(f"SKIP: {args.corpus} not found (the shared corpus is not available)")
        return None
    return args
