"""Benchmark: term_frequencies(by="source") against scikit-learn's CountVectorizer.

On the full ``../shared/corpus/ukraine_media/articles.csv``, in one run:

* ``term_frequencies(ann, by="source")`` on annotations read from the cache
  (the first run annotates the corpus and fills the cache: several minutes,
  not timed), each run on a copy with an empty memo (``Annotations.memo``), so the
  documents x terms counts are built every time; the time with the counts already
  built (a second analysis on the same annotations, as in a notebook) is printed too;
* ``CountVectorizer().fit_transform(texts)`` on the raw texts of the CSV.

Both are timed as the median of ``--repeat`` runs; the ratio
``term_frequencies / CountVectorizer`` is printed (target <= 0.5, issue 27).

Run: ``.venv/bin/python benchmarks/bench_terms.py [--corpus PATH] [--repeat 3]``.
Skips (exit 0) when the shared corpus is absent.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import corpus_args, median_time


def main(argv: list[str] | None = None) -> int:
    args = corpus_args(__doc__, argv)
    if args is None:
        return 0
    path = Path(args.corpus)
    try:
        from sklearn.feature_extraction.text import CountVectorizer
    except ImportError:
        print("SKIP: scikit-learn is not installed (pip install -e '.[dev]')")
        return 0
    import pandas as pd

    from analysis import load_corpus
    from analysis.annotation import annotate
    from analysis.terms import term_frequencies

    start = time.perf_counter()
    corpus = load_corpus(path, progress=False)
    ann = annotate(corpus.docs, progress=True)
    print(f"{ann} loaded in {time.perf_counter() - start:.1f}s "
          f"({ann.cache.get('from_cache', 0)} documents from the cache, "
          f"{ann.cache.get('computed', 0)} annotated now; not timed)")
    texts = pd.read_csv(path)["text"].fillna("").astype(str).tolist()

    ours = median_time(lambda: term_frequencies(dataclasses.replace(ann, memo={}), by="source"),
                       args.repeat)
    shared = median_time(lambda: term_frequencies(ann, by="source"), args.repeat)
    baseline = median_time(lambda: CountVectorizer().fit_transform(texts), args.repeat)
    n_rows = len(term_frequencies(ann, by="source"))
    print(f"term_frequencies(by='source'): {ours:.3f}s median of {args.repeat} "
          f"({len(ann.tokens):,} tokens -> {n_rows:,} (source, term) rows)")
    print(f"term_frequencies(by='source'), the counts already built: {shared:.3f}s")
    print(f"CountVectorizer().fit_transform: {baseline:.3f}s median of {args.repeat} "
          f"({len(texts):,} raw texts)")
    ratio = ours / baseline
    print(f"ratio term_frequencies / CountVectorizer = {ratio:.2f} "
          f"(target <= 0.5: {'met' if ratio <= 0.5 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
