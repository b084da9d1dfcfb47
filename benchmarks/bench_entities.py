"""Benchmark: entity post-processing (span repair, removal, types, merges) with the binary chunker.

Run: ``.venv/bin/python benchmarks/bench_entities.py [--corpus PATH]`` (needs ../shared;
prints "skipped" and exits 0 when the shared data is absent).

1. The full shared corpus (``config.SHARED_CORPUS``; annotated through ``annotate``, so the
   per-document cache is used): mentions in and out, removals per rule, the share of
   mentions still labelled ``ENTITY`` (target <= 10 %), the automatic merges per rule and
   the post-processing time: raw names only (``canonicalize`` without tokens) against
   the full pipeline (``canonicalize(..., tokens=...)``), same run, median of 3.
2. WikiGold (``config.SHARED_NER_GOLD``): NLTK's binary chunker over the gold tokens,
   then the same post-processing at the document level (documents split at
   ``-DOCSTART-`` lines; the file has none, so it is one document). Exact-span P/R/F1,
   untyped (all gold spans) and typed on PER/ORG/LOC (PERSON -> PER, ORGANIZATION ->
   ORG, GPE/LOCATION -> LOC; other predicted types and gold MISC ignored), for the raw
   chunker ("before") and after post-processing.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import timed  # noqa: E402
from analysis import config  # noqa: E402

TYPED = {"PERSON": "PER", "PER": "PER", "ORGANIZATION": "ORG", "ORG": "ORG", "GPE": "LOC",
         "LOCATION": "LOC", "LOC": "LOC"}


def read_documents(path: Path) -> list[list[tuple[list[str], list[str]]]]:
    """Documents -> sentences -> (words, IOB2 labels); ``-DOCSTART-`` separates documents."""
    docs, sents, words, labels = [], [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("-DOCSTART-"):
            if words:
                sents.append((words, labels))
            if sents:
                docs.append(sents)
            sents, words, labels = [], [], []
        elif not line.strip():
            if words:
                sents.append((words, labels))
            words, labels = [], []
        else:
            token, label = line.rsplit(" ", 1)
            words.append(token)
            labels.append(label)
    if sents:
        docs.append(sents)
    return docs


def gold_tables(docs):
    """Tokens and raw binary-chunker entities (as ``annotate`` builds them), and gold spans."""
    import pandas as pd

    from analysis.engine import chunk_entities as _chunk_entities, nltk_models as _nltk_models
    from bench_ner import spans_from_iob

    _, _, tagger, chunker = _nltk_models(False)
    toks = {c: [] for c in ("doc_id", "sent_id", "token_id", "text")}
    ents = {c: [] for c in ("doc_id", "sent_id", "start_token", "end_token", "text", "label")}
    gold = set()
    for d, sents in enumerate(docs):
        tid = 0
        for s, (words, labels) in enumerate(sents):
            for i, w in enumerate(words):
                for col, val in zip(toks, (f"d{d}", s, tid + i, w)):
                    toks[col].append(val)
            gold |= {(f"d{d}", tid + a, tid + b, k) for a, b, k in spans_from_iob(labels)}
            for a, b, lab in _chunk_entities(chunker.parse(tagger.tag(words)), tid, True):
                for col, val in zip(ents, (f"d{d}", s, a, b, " ".join(words[a - tid:b - tid]),
                                           lab)):
                    ents[col].append(val)
            tid += len(words)
    return pd.DataFrame(toks), pd.DataFrame(ents), gold


def prf(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p, r = tp / max(len(pred), 1), tp / max(len(gold), 1)
    return p, r, 2 * p * r / max(p + r, 1e-12)


def score(entities, gold: set) -> dict[str, tuple]:
    spans = list(zip(entities["doc_id"], entities["start_token"], entities["end_token"],
                     entities["label"]))
    untyped = prf({s[:3] for s in spans}, {g[:3] for g in gold})
    typed = prf({(*s[:3], TYPED[s[3]]) for s in spans if s[3] in TYPED},
                {g for g in gold if g[3] in ("PER", "ORG", "LOC")})
    return {"untyped": untyped, "typed": typed}


def wikigold() -> dict:
    from analysis.entities import _canonicalize

    docs = read_documents(config.SHARED_NER_GOLD)
    tokens, raw, gold = gold_tables(docs)
    after, stats = _canonicalize(raw, tokens)
    share = float((after["label"] == "ENTITY").mean())
    return {"docs": len(docs), "gold": len(gold), "before": score(raw, gold),
            "after": score(after, gold), "entity_share": share, "stats": stats,
            "labels": after["label"].value_counts().to_dict()}


def corpus(path: Path) -> dict:
    from analysis import annotate, load_corpus
    from analysis.entities import _canonicalize, canonicalize, merge_table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(load_corpus(path, progress=False).docs, progress=False)
    raw = ann.entities  # only to get the raw rows back: re-read the per-document cache
    from analysis.engine import assemble as _assemble, doc_keys as _doc_keys
    from analysis.cache import ChunkStore

    keys = _doc_keys(ann.docs)
    frames, _ = ChunkStore(Path(config.PROCESSED_DIR) / "annotations", ann.cache["key"]).read(
        set(keys))
    tables = _assemble(frames, ann.docs, keys)
    raw, tokens = tables["entities"], tables["tokens"]
    t_before, _ = timed(lambda: canonicalize(raw), repeat=3)
    t_after, (out, stats) = timed(lambda: _canonicalize(raw, tokens), repeat=3)
    merges = merge_table(out)
    return {"docs": len(ann.docs), "raw": len(raw), "out": out, "stats": stats,
            "entity_share": float((out["label"] == "ENTITY").mean()), "merges": merges,
            "t_before": t_before, "t_after": t_after}


def _line(name: str, s: dict) -> str:
    (up, ur, uf), (tp, tr, tf) = s["untyped"], s["typed"]
    return (f"  {name:8s} untyped P/R/F1 {up:.3f} {ur:.3f} {uf:.3f}   "
            f"typed PER/ORG/LOC P/R/F1 {tp:.3f} {tr:.3f} {tf:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=config.SHARED_CORPUS)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    if not config.SHARED_NER_GOLD.exists() and not args.corpus.exists():
        print(f"skipped: {config.SHARED_NER_GOLD} and {args.corpus} are absent")
        return 0
    if config.SHARED_NER_GOLD.exists():
        w = wikigold()
        print(f"WikiGold ({w['docs']} document(s), {w['gold']} gold entities), binary chunker")
        print(_line("before", w["before"]))
        print(_line("after", w["after"]))
        print(f"  ENTITY share after: {w['entity_share']:.1%}; labels {w['labels']}")
        print(f"  removed: {w['stats']['removed']}")
    else:
        print(f"WikiGold skipped: {config.SHARED_NER_GOLD} is absent")
    if not args.corpus.exists():
        print(f"corpus skipped: {args.corpus} is absent")
        return 0
    c = corpus(args.corpus)
    out = c["out"]
    print(f"\nCorpus {args.corpus.name}: {c['docs']} documents, {c['raw']} raw mentions -> "
          f"{len(out)} entities")
    print(f"  removed: {c['stats']['removed']}")
    print(f"  ENTITY share: {c['entity_share']:.1%} (target <= 10%)")
    print(f"  labels: {out['label'].value_counts().to_dict()}")
    print(f"  automatic merges: {len(c['merges'])} "
          f"{c['merges']['rule'].value_counts().to_dict()}")
    print(f"  post-processing: names only {c['t_before']:.2f} s, full pipeline "
          f"{c['t_after']:.2f} s (median of 3)")
    top = (out.groupby("canonical")["label"].agg(["size", lambda s: s.value_counts().index[0]])
           .set_axis(["mentions", "label"], axis=1).sort_values("mentions", ascending=False))
    print(f"  top {args.top} entities:")
    for name, row in top.head(args.top).iterrows():
        print(f"    {row['mentions']:6d}  {row['label']:13s} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
