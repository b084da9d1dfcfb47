"""Benchmark: source comparison (keyness) and near-duplicate detection on the full corpus.

On the full ``../shared/corpus/ukraine_media/articles.csv``, in one run:

* ``keyness(ann)`` over all outlets (each versus the rest) with the document test
  (Mann-Whitney over articles, bootstrap interval; target under 10 s), on annotations
  read from the cache (the first run annotates the corpus: several minutes, not
  timed), against the token-level ``keyness(ann, test="g2")`` in the same run and the
  baseline of merely counting (outlet, term) pairs with a pandas ``groupby``;
* ``near_duplicates(docs)`` (MinHash/LSH + exact verification) against the
  baseline of building the Python shingle sets of every text (the input an
  exact method needs), and against an all-pairs exact comparison timed on
  ``--pairs-docs`` documents and extrapolated quadratically;
* ``near_duplicates`` on the corpus replicated 5 times (new doc_ids, so every
  document gains 4 exact copies): ``time_5x / time_1x`` should stay close to 5
  (linear growth); the all-pairs method would grow 25-fold.

Times are medians of ``--repeat`` runs (the 5x and 1x runs twice, interleaved); peak memory is
measured in a separate run under ``tracemalloc`` (Python and numpy allocations).

Run: ``.venv/bin/python benchmarks/bench_compare.py [--corpus PATH] [--repeat 3]``.
Skips (exit 0) when the shared corpus is absent.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import corpus_args, median_time, peak_mb

WORD_RE = re.compile(r"\w+")


def shingle_sets(texts: list[str]) -> list[set]:
    out = []
    for text in texts:
        w = WORD_RE.findall(text.lower())
        out.append({tuple(w[i:i + 5]) for i in range(max(len(w) - 4, 1))})
    return out


def all_pairs(texts: list[str], threshold: float) -> int:
    sets = shingle_sets(texts)
    found = 0
    for a, b in itertools.combinations(sets, 2):
        inter = len(a & b)
        found += inter / (len(a | b) or 1) >= threshold
    return found


def bench_keyness(ann, repeat: int) -> None:
    from analysis.comparison import significant
    from analysis.keyterms import keyness

    source_of = ann.docs.set_index("doc_id")["source"]

    def count_only():
        tok = ann.tokens[ann.tokens["is_alpha"] & ~ann.tokens["is_stop"]]
        return tok.groupby([tok["doc_id"].map(source_of), tok["lower"]]).size()

    def fresh():  # an empty memo: the shared counts are built in every timed run
        return dataclasses.replace(ann, memo={})

    ours = median_time(lambda: keyness(fresh()), repeat)
    token = median_time(lambda: keyness(fresh(), test="g2"), repeat)
    warm = []
    for _ in range(repeat):  # the report's second table: counts and intervals shared
        view = fresh()
        keyness(view)
        start = time.perf_counter()
        keyness(view, test="g2")
        warm.append(time.perf_counter() - start)
    base = median_time(count_only, repeat)
    rows = keyness(ann)
    passed = int((rows["p_adjusted"] < 0.05).sum())
    found = len(significant(rows))
    claimed = int((keyness(ann, test="g2")["p_adjusted"] < 0.05).sum())
    print(f"keyness, document test (each of {rows['source'].nunique()} outlets vs the rest): "
          f"{ours:.2f}s median of {repeat}, {len(rows):,} rows, {passed:,} pass the test, "
          f"{found:,} findings (interval excluding 0 too); "
          f"peak {peak_mb(lambda: keyness(fresh())):.0f} MB")
    print(f"  token-level G2 keyness (test='g2'): {token:.2f}s, {claimed:,} significant; "
          f"ratio documents / g2 = {ours / token:.2f}; after the document test on the same "
          f"annotations: {statistics.median(warm):.2f}s")
    print(f"  baseline groupby count of (outlet, term): {base:.2f}s; "
          f"ratio keyness / count = {ours / base:.2f}")


def bench_duplicates(docs, repeat: int, pairs_docs: int) -> None:
    import pandas as pd

    from analysis.duplicates import duplicate_clusters, near_duplicates

    texts = docs["text"].astype(str).tolist()
    t1 = median_time(lambda: near_duplicates(docs), repeat)
    pairs = near_duplicates(docs)
    clusters = duplicate_clusters(pairs)
    cross = int((clusters["n_sources"] > 1).sum()) if len(clusters) else 0
    print(f"near_duplicates, {len(docs):,} documents: {t1:.2f}s median of {repeat}; "
          f"{len(pairs)} pairs, {len(clusters)} clusters ({cross} across outlets); "
          f"peak {peak_mb(lambda: near_duplicates(docs)):.0f} MB")
    base = median_time(lambda: shingle_sets(texts), repeat)
    print(f"  baseline: Python shingle sets of every text {base:.2f}s; "
          f"ratio near_duplicates / shingle sets = {t1 / base:.2f}")
    n = min(pairs_docs, len(texts))
    start = time.perf_counter()
    all_pairs(texts[:n], 0.8)
    brute = (time.perf_counter() - start) * (len(texts) * (len(texts) - 1)) / (n * (n - 1))
    print(f"  all-pairs exact Jaccard, timed on {n} documents, extrapolated to "
          f"{len(texts):,}: ~{brute:.0f}s; ratio all-pairs / near_duplicates = {brute / t1:.0f}")
    big = pd.concat([docs.assign(doc_id=docs["doc_id"] + f"_r{k}") for k in range(5)],
                    ignore_index=True)
    t1s, t5s = [], []
    for _ in range(2):  # interleaved, so that a change of machine load hits both alike
        t1s.append(median_time(lambda: near_duplicates(docs), 1))
        t5s.append(median_time(lambda: near_duplicates(big), 1))
    t1, t5 = statistics.median(t1s), statistics.median(t5s)
    print(f"near_duplicates, corpus x5 ({len(big):,} documents): {t5:.2f}s "
          f"(x1 in the same runs: {t1:.2f}s), {len(near_duplicates(big)):,} pairs; "
          f"ratio time_5x / time_1x = {t5 / t1:.2f} (linear: 5; all pairs: 25)")


def main(argv: list[str] | None = None) -> int:
    def add(parser):
        parser.add_argument("--pairs-docs", type=int, default=500,
                            help="documents for the timed all-pairs comparison")

    args = corpus_args(__doc__, argv, add=add)
    if args is None:
        return 0
    path = Path(args.corpus)
    import warnings

    from analysis import load_corpus
    from analysis.annotation import annotate

    start = time.perf_counter()
    corpus = load_corpus(path, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # binary NE chunker notice
        ann = annotate(corpus.docs, progress=True)
    print(f"{ann} loaded in {time.perf_counter() - start:.1f}s "
          f"({ann.cache.get('from_cache', 0)} documents from the cache, "
          f"{ann.cache.get('computed', 0)} annotated now; not timed)")
    bench_keyness(ann, args.repeat)
    bench_duplicates(corpus.docs, args.repeat, args.pairs_docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
