"""Benchmark: entity co-occurrence on the full shared corpus (time and peak memory).

Run: ``.venv/bin/python benchmarks/bench_cooccurrence.py`` (skips when
../shared/corpus is absent). Annotations come from the cache (the first run
annotates the corpus, which takes several minutes).

Figures are given against baselines measured in the same run:
- a naive pure-Python count (``Counter`` over ``itertools.combinations`` of each
  sentence's entity set), which also checks every pair count;
- :func:`entity_frequencies` (one pass over the mentions);
- the memory a dense entity-by-entity count matrix (int64) would take.
"""

from __future__ import annotations

import itertools
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import peak_mb, timed  # noqa: E402
from analysis import config  # noqa: E402
from analysis.annotation import annotate  # noqa: E402
from analysis.pairs import cooccurrence, entity_frequencies  # noqa: E402
from analysis.loading import load_corpus  # noqa: E402

RUNS = 3


def naive_sentence_pairs(ann) -> Counter:
    ents = ann.entities
    sets: dict[tuple, set] = {}
    for doc, sent, name in zip(ents["doc_id"], ents["sent_id"], ents["canonical"]):
        sets.setdefault((doc, sent), set()).add(name)
    return Counter(p for names in sets.values() for p in itertools.combinations(sorted(names), 2))


def main() -> int:
    if not config.SHARED_CORPUS.exists():
        print(f"skipped: shared corpus absent ({config.SHARED_CORPUS})")
        return 0
    t0 = time.perf_counter()
    docs = load_corpus(config.SHARED_CORPUS, progress=False).docs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(docs, progress=True)
    print(f"corpus: {len(docs)} documents, {len(ann.sentences)} sentences, "
          f"{len(ann.entities)} entity mentions, {ann.entities['canonical'].nunique()} entities "
          f"(load + annotate {time.perf_counter() - t0:.1f} s; {ann.cache.get('computed')} "
          "documents annotated now)")

    t_freq, _ = timed(lambda: entity_frequencies(ann))
    t_naive, naive = timed(lambda: naive_sentence_pairs(ann), 1)
    t_sent, pairs = timed(lambda: cooccurrence(ann, window="sentence", min_count=1))
    got = dict(zip(zip(pairs["entity_a"], pairs["entity_b"]), pairs["count"]))
    assert got == naive, "pair counts differ from the naive Counter"
    n_ent = ann.entities["canonical"].nunique()
    dense_mb = n_ent * n_ent * 8 / 2**20
    mem_sent = peak_mb(lambda: cooccurrence(ann, window="sentence", min_count=1))
    mem_freq = peak_mb(lambda: entity_frequencies(ann))
    print("\nwindow=sentence, min_count=1 (all pairs; counts identical to the naive Counter)")
    print(f"  cooccurrence        {t_sent:6.2f} s (median of {RUNS})  {len(pairs):,} pairs")
    print(f"  naive Counter       {t_naive:6.2f} s  -> cooccurrence is "
          f"{t_naive / t_sent:.1f}x faster (and computes all scores)")
    print(f"  entity_frequencies  {t_freq:6.2f} s  -> cooccurrence takes "
          f"{t_sent / t_freq:.1f}x as long")
    print(f"  peak memory         {mem_sent:6.1f} MB traced ({mem_sent / mem_freq:.1f}x "
          f"entity_frequencies' {mem_freq:.1f} MB); a dense {n_ent:,}x{n_ent:,} int64 matrix "
          f"would need {dense_mb:,.0f} MB ({dense_mb / mem_sent:.0f}x more)")

    print("\nother windows (min_count=1)")
    for window in ("paragraph", "document"):
        t_win, res = timed(lambda: cooccurrence(ann, window=window, min_count=1), 1)
        mem = peak_mb(lambda: cooccurrence(ann, window=window, min_count=1))
        incidences = int(res["count"].sum())
        print(f"  {window:9s} {t_win:6.2f} s ({t_win / t_freq:.1f}x entity_frequencies), "
              f"{len(res):,} pairs from {incidences:,} pair-window incidences, "
              f"peak {mem:.1f} MB ({mem * 2**20 / len(res):.0f} bytes per observed pair)")
    t_by, res = timed(lambda: cooccurrence(ann, window="sentence", by="source"), 1)
    print(f"  sentence by source, min_count=2: {t_by:.2f} s, {len(res):,} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
