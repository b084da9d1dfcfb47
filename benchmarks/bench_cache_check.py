"""Benchmark: the cost of checking cache checksums on warm reads (issue 24).

Run: ``.venv/bin/python benchmarks/bench_cache_check.py [--repeat 7]`` (needs
../shared/corpus; exits 0 with a message when it is absent).

On the sample corpus, in one process and one run, with the caches filled once first:

1. a warm ``annotate`` (the final result read from the cache) and
2. a read of every per-document chunk (``ChunkStore.read``, the path of a corpus that
   changed: only post-processing is redone) and
3. a warm ``load_corpus``,

each timed with the checksums checked (the code as it is) and, alternating with it, with
the parquet files read without the check (the baseline); medians and the ratio.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import warnings
from pathlib import Path

if "NEWS_WORKBOOK_CACHE" not in os.environ:  # a cache of its own, removed at exit
    import atexit
    import shutil

    os.environ["NEWS_WORKBOOK_CACHE"] = tempfile.mkdtemp(prefix="bench-cache-")
    atexit.register(shutil.rmtree, os.environ["NEWS_WORKBOOK_CACHE"], ignore_errors=True)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import statistics  # noqa: E402
import time  # noqa: E402

import pandas as pd  # noqa: E402

from analysis import cache, config  # noqa: E402
from analysis.annotation import _settings_key, annotate  # noqa: E402
from analysis.engine import doc_keys  # noqa: E402
from analysis.loading import load_corpus  # noqa: E402

SAMPLE = config.PROJECT_ROOT.parent / "shared" / "corpus" / "ukraine_media" / "sample.csv"


def _unchecked(path, expected):
    return pd.read_parquet(path)


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _paired(fn, repeat: int) -> tuple[float, float]:
    """Median seconds of ``fn`` checked and unchecked, runs alternated."""
    real, checked, plain = cache.read_parquet, [], []
    for i in range(repeat):
        pairs = ((real, checked), (_unchecked, plain))
        for reader, out in pairs if i % 2 else pairs[::-1]:  # each goes first half the time
            cache.read_parquet = reader
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    cache.read_parquet = real
    return statistics.median(checked), statistics.median(plain)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    if not SAMPLE.exists():
        print(f"{SAMPLE} is absent: nothing to measure")
        return 0
    warnings.simplefilter("ignore")
    corpus = load_corpus(SAMPLE, progress=False)
    docs = corpus.docs
    annotate(docs, progress=False)  # fills both caches
    root = config.PROCESSED_DIR / "annotations"
    store = cache.ChunkStore(root, _settings_key("nltk", "binary"))
    keys = set(doc_keys(docs))
    size = sum(p.stat().st_size for p in root.rglob("*.parquet")) / 2**20
    print(f"sample: {len(docs)} documents; annotation cache {size:.1f} MB")
    blobs = [p.read_bytes() for p in root.rglob("*.parquet")]
    hashing = statistics.median(_seconds(lambda: [cache.digest(b) for b in blobs])
                                for _ in range(args.repeat))
    print(f"hashing every cached file alone: {hashing * 1000:.1f} ms")
    for name, fn in (("warm annotate (final result)", lambda: annotate(docs, progress=False)),
                     ("per-document chunks read", lambda: store.read(keys)),
                     ("warm load_corpus", lambda: load_corpus(SAMPLE, progress=False))):
        checked, plain = _paired(fn, args.repeat)
        print(f"{name}: checked {checked * 1000:.0f} ms, unchecked {plain * 1000:.0f} ms, "
              f"ratio {checked / plain:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
