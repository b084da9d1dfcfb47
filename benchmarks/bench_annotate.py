"""Benchmark: annotate() against the naive NLTK loop, parallel speed-up, peak memory.

Run: ``.venv/bin/python benchmarks/bench_annotate.py [--naive-docs 60] [--docs 600]``
(needs ../shared/corpus; exits 0 with a message when it is absent).

In one process and one run, on the same documents of articles.csv:

1. the naive loop (``sent_tokenize``, then per sentence ``word_tokenize``,
   ``pos_tag``, ``ne_chunk``) against ``annotate(n_jobs=1)`` without a cache:
   words/s for both, the ratio, and the share of identical entity spans;
2. ``annotate`` at ``n_jobs=1`` and ``n_jobs=2`` on a larger slice: the ratio;
3. peak memory of ``annotate`` on 25 %, 50 % and 100 % of the corpus, each in a
   fresh subprocess (parent and largest worker, from getrusage).

Every annotate timing is the median of ``--repeat`` runs; the naive loop (about
100x slower) runs once.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import timed  # noqa: E402
from analysis import config  # noqa: E402


def _keyed(spans: list[tuple[str, str]]) -> set[tuple[str, str, int]]:
    """(doc_id, surface) in order -> {(doc_id, surface, k)}: the k-th mention of that surface.

    Token offsets are not comparable (annotate splits "Japan’s" as "Japan" "'s", the naive
    loop as "Japan" "’" "s"), so spans are matched by their text and their rank in the document.
    """
    seen: dict[tuple[str, str], int] = {}
    out = set()
    for doc_id, surface in spans:
        key = (doc_id, surface.replace("\u2019", "'"))
        seen[key] = seen.get(key, 0) + 1
        out.add((*key, seen[key]))
    return out


def naive_entities(docs) -> tuple[int, set]:
    import nltk

    words, spans = 0, []
    for doc_id, text in zip(docs["doc_id"], docs["text"]):
        for sent in nltk.sent_tokenize(text):
            tagged = nltk.pos_tag(nltk.word_tokenize(sent))
            for node in nltk.ne_chunk(tagged, binary=True):
                if hasattr(node, "label"):
                    spans.append((doc_id, " ".join(w for w, _ in node.leaves())))
            words += len(tagged)
    return words, _keyed(spans)


def raw_entities(docs) -> set:
    """annotate's own NER spans before canonical clean-up (which drops e.g. "FILE")."""
    from analysis.engine import annotate_texts

    raw = annotate_texts(list(zip(docs["doc_id"], docs["text"])))["entities"]
    return _keyed(list(zip(raw["doc_id"], raw["text"])))


def run_annotate(docs, n_jobs: int):
    from analysis.annotation import annotate

    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return annotate(docs, n_jobs=n_jobs, cache_dir=tmp, progress=False)


def memory_child(n_docs: int) -> None:
    import resource

    from analysis.loading import load_corpus

    docs = load_corpus(config.SHARED_CORPUS, progress=False).docs.head(n_docs)
    ann = run_annotate(docs, n_jobs=2)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"docs": n_docs, "tokens": len(ann.tokens), "parent_mb": self_mb,
                      "worker_mb": child_mb}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--naive-docs", type=int, default=15,
                        help="the naive loop reloads the NE model per sentence: keep this small")
    parser.add_argument("--docs", type=int, default=600, help="slice for the n_jobs comparison")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    if not config.SHARED_CORPUS.exists():
        print(f"skipped: {config.SHARED_CORPUS} is absent")
        return 0
    from analysis.loading import load_corpus

    docs = load_corpus(config.SHARED_CORPUS, progress=False).docs
    # a spread of outlets: every k-th document
    small = docs.iloc[:: max(1, len(docs) // args.naive_docs)].head(args.naive_docs)
    t_naive, (words, naive_spans) = timed(lambda: naive_entities(small), 1)  # minutes: once
    t_ann, ann = timed(lambda: run_annotate(small, 1), args.repeat)
    ours = raw_entities(small)
    agree = len(naive_spans & ours) / max(1, len(naive_spans | ours))
    print(f"[1] {len(small)} docs, {words} words (naive) / {len(ann.tokens)} tokens (annotate)")
    print(f"    naive loop : {words / t_naive:10.0f} words/s  ({t_naive:.1f} s)")
    print(f"    annotate   : {len(ann.tokens) / t_ann:10.0f} words/s  ({t_ann:.1f} s, n_jobs=1)")
    print(f"    ratio annotate/naive (per process): {t_naive / t_ann * len(ann.tokens) / words:.2f}x")
    print(f"    identical entity spans: {agree:.2%} ({len(naive_spans & ours)} of "
          f"{len(naive_spans | ours)} in either)")
    mid = docs.iloc[:: max(1, len(docs) // args.docs)].head(args.docs)
    t1, a1 = timed(lambda: run_annotate(mid, 1), args.repeat)
    t2, a2 = timed(lambda: run_annotate(mid, 2), args.repeat)
    same = a1.tokens.equals(a2.tokens) and a1.entities.equals(a2.entities)
    print(f"[2] {len(mid)} docs: n_jobs=1 {len(a1.tokens) / t1:.0f} words/s, "
          f"n_jobs=2 {len(a2.tokens) / t2:.0f} words/s; speed-up {t1 / t2:.2f}x; identical: {same}")
    if not args.no_memory:
        print("[3] peak memory (fresh process, n_jobs=2, no cache):")
        for share in (0.25, 0.5, 1.0):
            n = int(len(docs) * share)
            out = subprocess.run([sys.executable, __file__, "--memory-child", str(n)],
                                 capture_output=True, text=True, check=True).stdout
            m = json.loads(out.strip().splitlines()[-1])
            print(f"    {m['docs']:5d} docs, {m['tokens']:8d} tokens: parent {m['parent_mb']:.0f} MB, "
                  f"largest worker {m['worker_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
