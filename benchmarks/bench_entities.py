"""Benchmark: entity post-processing (span repair, removal, types, merges) with the binary chunker.

Run: ``.venv/bin/python benchmarks/bench_entities.py [--corpus PATH]`` (needs ../shared;
prints "skipped" and exits 0 when the shared data is absent).

1. The full shared corpus (``config.SHARED_CORPUS``; annotated through ``annotate``, so the
   per-document cache is used): mentions in and out, removals per rule, the share of
   mentions still labelled ``ENTITY`` (issue 25: <= 3 %), the automatic merges per rule and
   the post-processing time: raw names only (``canonicalize`` without tokens), the full
   pipeline without issue 25's steps (names found again, capitalised runs the chunker
   missed, learned types: the baseline) and
   the full pipeline (``canonicalize(..., tokens=...)``), same run, median of 3.
2. WikiGold (``config.SHARED_NER_GOLD``, the set the rules were tuned on): NLTK's binary
   chunker over the gold tokens, then the same post-processing at the document level
   (documents split at ``-DOCSTART-`` lines; the file has none, so it is one document).
   Exact-span P/R/F1, untyped (all gold spans, MISC included, against all predicted
   spans) and typed on PER/ORG/LOC (PERSON -> PER, ORGANIZATION -> ORG, GPE / LOCATION /
   FACILITY -> LOC; other predicted types and gold MISC ignored), for the raw chunker
   ("before") and after post-processing.
3. Two news sets annotated by reading, offsets into ``articles.csv``: the dev set, "dev
   (news, was held-out)" (``tests/data/entities_dev.csv``, ``entities_dev.md``; 32
   articles; held out for four scorings, a development set since issue 25's third round,
   its errors may be read) and the held-out set (``tests/data/entities_heldout.csv``,
   ``entities_heldout.md``; 32 other articles annotated on 2026-12-07; never tune on it:
   aggregate figures only). Whole documents as input: the raw ``text`` of each article is
   the document text (so the gold offsets are offsets into it), annotated by ``annotate``
   (binary or multiclass chunker, whichever ``annotate`` uses) with its caches in a
   temporary folder; a predicted span runs from the first token's start to the last
   token's end. Scored like WikiGold (exact character spans, same type map).

Every set prints P/R/F1 per type (PER, ORG, LOC) and the confusion of gold and predicted
types over the spans found exactly; with ``--errors N``, N type errors of WikiGold and the
dev set (gold type, predicted label, the name), never of the held-out set.
``--skip-heldout`` leaves the held-out set out; ``--skip-corpus`` prints the scores only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, timed  # noqa: E402
from analysis import config  # noqa: E402

TYPED = {"PERSON": "PER", "PER": "PER", "ORGANIZATION": "ORG", "ORG": "ORG", "GPE": "LOC",
         "LOCATION": "LOC", "FACILITY": "LOC", "LOC": "LOC"}
DEV = ROOT / "tests" / "data" / "entities_dev.csv"
HELDOUT = ROOT / "tests" / "data" / "entities_heldout.csv"


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


def score_spans(spans, gold: set) -> dict:
    """Exact-span P/R/F1 of predicted ``(doc, start, end, label)`` against gold ones (labels
    PER/ORG/LOC/MISC): ``untyped`` (every span), ``typed`` (PER/ORG/LOC after :data:`TYPED`;
    other predicted labels and gold MISC left out) and ``by_type`` (the typed figures of
    each of PER, ORG, LOC)."""
    spans = list(spans)
    typed_pred = {(*s[:3], TYPED[s[3]]) for s in spans if s[3] in TYPED}
    typed_gold = {g for g in gold if g[3] in ("PER", "ORG", "LOC")}
    by_type = {t: prf({s for s in typed_pred if s[3] == t}, {g for g in typed_gold if g[3] == t})
               for t in ("PER", "ORG", "LOC")}
    return {"untyped": prf({s[:3] for s in spans}, {g[:3] for g in gold}),
            "typed": prf(typed_pred, typed_gold), "by_type": by_type,
            "n_gold": len(gold), "n_typed_gold": len(typed_gold),
            "confusion": confusion(spans, gold)}


def confusion(spans, gold: set):
    """Gold type x predicted type over the spans both have exactly (predicted labels mapped
    by :data:`TYPED`, other labels kept as they are), and the type errors among them:
    ``(table, [(span, gold type, predicted label), ...])``."""
    import pandas as pd

    pred = {tuple(s[:3]): s[3] for s in spans}
    pairs = [(g[:3], g[3], pred[g[:3]]) for g in sorted(gold, key=str) if g[:3] in pred]
    table = pd.crosstab(pd.Series([g for _, g, _ in pairs], name="gold"),
                        pd.Series([TYPED.get(p, p) for _, _, p in pairs], name="predicted"))
    errors = [(span, g, p) for span, g, p in pairs
              if TYPED.get(p, p) != g and (g != "MISC" or p in TYPED)]
    return table, errors


def score(entities, gold: set) -> dict:
    """:func:`score_spans` of an entity table (token ranges) against gold token ranges."""
    return score_spans(zip(entities["doc_id"], entities["start_token"], entities["end_token"],
                           entities["label"]), gold)


def wikigold() -> dict:
    from analysis.entities import _canonicalize

    docs = read_documents(config.SHARED_NER_GOLD)
    tokens, raw, gold = gold_tables(docs)
    after, stats = _canonicalize(raw, tokens)
    words = tokens["text"].tolist()
    share = float((after["label"] == "ENTITY").mean())
    return {"docs": len(docs), "gold": len(gold), "before": score(raw, gold),
            "after": score(after, gold), "entity_share": share, "stats": stats,
            "labels": after["label"].value_counts().to_dict(),
            "show": lambda span: " ".join(words[span[1]:span[2]])}


def read_news_gold(path: Path = DEV):
    """The rows of a news gold set (offsets as ints, every other value the exact string)."""
    import pandas as pd

    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    gold["start"] = gold["start"].astype(int)
    gold["end"] = gold["end"].astype(int)
    return gold


def news_docs(gold, corpus_path: Path):
    """A docs table (``doc_id`` = url, ``text`` = the raw text of ``articles.csv``) of the
    gold articles, after checking every gold row's checksum on that text."""
    import hashlib

    import pandas as pd

    articles = pd.read_csv(corpus_path, dtype=str, keep_default_na=False)
    text = dict(zip(articles["url"], articles["text"]))
    bad = [i for i, (u, a, b, c) in enumerate(zip(gold["url"], gold["start"], gold["end"],
                                                   gold["checksum"]))
           if u not in text or hashlib.sha1(text[u][a:b].encode()).hexdigest()[:10] != c]
    if bad:
        raise ValueError(f"{len(bad)} gold rows do not verify against {corpus_path} "
                         f"(first: CSV line {bad[0] + 2}); the gold set or the corpus changed")
    urls = sorted(set(gold["url"]))
    return pd.DataFrame({"doc_id": urls, "text": [text[u] for u in urls]})


@contextlib.contextmanager
def _caches_in(folder: Path):
    """``NEWS_WORKBOOK_CACHE`` pointed at ``folder`` while the block runs."""
    old = os.environ.get("NEWS_WORKBOOK_CACHE")
    os.environ["NEWS_WORKBOOK_CACHE"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("NEWS_WORKBOOK_CACHE", None)
        else:
            os.environ["NEWS_WORKBOOK_CACHE"] = old


def char_spans(ann) -> list[tuple]:
    """``(doc_id, start, end, label)`` of every entity: first token's start to last token's end."""
    tokens = ann.tokens
    start = dict(zip(zip(tokens["doc_id"], tokens["token_id"]), tokens["start"]))
    end = dict(zip(zip(tokens["doc_id"], tokens["token_id"]), tokens["end"]))
    ents = ann.entities
    return [(d, int(start[(d, a)]), int(end[(d, b - 1)]), lab) for d, a, b, lab in
            zip(ents["doc_id"], ents["start_token"], ents["end_token"], ents["label"])]


def news_set(gold_path: Path, corpus_path: Path) -> dict:
    """Whole-document scores of ``annotate`` on the articles of a news gold set (caches in a
    temporary folder, removed afterwards)."""
    from analysis import annotate

    gold = read_news_gold(gold_path)
    docs = news_docs(gold, corpus_path)
    with tempfile.TemporaryDirectory(prefix="bench-entities-") as tmp, _caches_in(Path(tmp)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ann = annotate(docs, cache_dir=Path(tmp) / "annotations", progress=False)
        spans = char_spans(ann)
    truth = set(zip(gold["url"], gold["start"], gold["end"], gold["label"]))
    labels = ann.entities["label"].value_counts()
    return {"docs": len(docs), "outlets": gold["source"].nunique(), "rows": len(gold),
            **score_spans(spans, truth),
            "show": lambda span, text=dict(zip(docs["doc_id"], docs["text"])):
                text[span[0]][span[1]:span[2]],
            "entity_share": float(labels.get("ENTITY", 0) / max(labels.sum(), 1))}


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
    with without_issue_25():
        t_base, (base, _) = timed(lambda: _canonicalize(raw, tokens), repeat=3)
    t_after, (out, stats) = timed(lambda: _canonicalize(raw, tokens), repeat=3)
    merges = merge_table(out)
    return {"docs": len(ann.docs), "raw": len(raw), "out": out, "stats": stats,
            "entity_share": float((out["label"] == "ENTITY").mean()), "merges": merges,
            "base_share": float((base["label"] == "ENTITY").mean()), "base_out": len(base),
            "t_before": t_before, "t_base": t_base, "t_after": t_after}


@contextlib.contextmanager
def without_issue_25():
    """The pipeline as it was before issue 25 (the baseline of the same run): no names
    found again in their document, no capitalised runs the chunker missed, no learned
    context types."""
    import numpy as np

    from analysis.entities import pipeline
    from analysis.entities.learned import CLASSES

    saved = pipeline._recall, pipeline._context_types, pipeline._runs_missed
    pipeline._recall = lambda out, title, view, lex: (out, title)
    pipeline._context_types = lambda out, view, lex: np.zeros((len(out), len(CLASSES)))
    pipeline._runs_missed = lambda out, view, lex: out
    try:
        yield
    finally:
        pipeline._recall, pipeline._context_types, pipeline._runs_missed = saved


def _row(name: str, s: dict, n_gold: int, n_typed: int) -> str:
    (up, ur, uf), (tp, tr, tf) = s["untyped"], s["typed"]
    return (f"  {name:31s} {n_gold:5d}  {up:.3f}  {ur:.3f}  {uf:.3f}    "
            f"{n_typed:5d}  {tp:.3f}  {tr:.3f}  {tf:.3f}")


DEV_NAME = "dev (news, was held-out)"
HELDOUT_NAME = "held-out (news, never tuned on)"


def print_scores(w: dict | None, news: dict, errors: int = 0) -> None:
    """The exact-span table of WikiGold (before / after post-processing) and the news sets
    (``name -> scores``), per-type figures, the confusion matrices and ``errors`` type
    errors of WikiGold and the dev set (never of the held-out set)."""
    print("Exact-span entity scores (untyped: every gold span, MISC included; "
          "typed: PER/ORG/LOC)")
    print(f"  {'':31s} {'untyped':^26s}    {'typed PER/ORG/LOC':^26s}".rstrip())
    print(f"  {'set':31s}  gold  P      R      F1        gold  P      R      F1")
    if w:
        n_typed = w["after"]["n_typed_gold"]
        print(_row("WikiGold, raw chunker", w["before"], w["gold"], n_typed))
        print(_row("WikiGold, post-processed", w["after"], w["gold"], n_typed))
    for name, h in news.items():
        print(_row(name, h, h["rows"], h["n_typed_gold"]))
    sets = [("WikiGold", w and w["after"], w and w["show"])]
    sets += [(name, h, h["show"] if name != HELDOUT_NAME else None) for name, h in news.items()]
    for name, s, _ in sets:
        if s:
            print(f"  {name} per type P/R/F1: " + "; ".join(
                f"{t} {p:.3f} {r:.3f} {f:.3f}" for t, (p, r, f) in s["by_type"].items()))
    for name, s, show in sets:
        if s:
            table, errs = s["confusion"]
            print(f"{name}: gold type (rows) x predicted type, spans found exactly; "
                  f"{len(errs)} type errors")
            print("    " + table.to_string().replace("\n", "\n    "))
            for span, g, p in (errs[:errors] if show else []):
                print(f"    {g:4s} -> {p:13s} {show(span)!r}")
    if w:
        print(f"WikiGold (the rules were tuned on it): {w['docs']} document(s); ENTITY share "
              f"after {w['entity_share']:.1%}; labels {w['labels']}")
        print(f"  removed: {w['stats']['removed']}")
    for name, h in news.items():
        print(f"{name}: {h['docs']} articles of {h['outlets']} outlets, "
              f"whole documents; ENTITY share {h['entity_share']:.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=config.SHARED_CORPUS)
    parser.add_argument("--dev", type=Path, default=DEV,
                        help="the dev set (offsets into config.SHARED_CORPUS)")
    parser.add_argument("--heldout", type=Path, default=HELDOUT,
                        help="the held-out set (offsets into config.SHARED_CORPUS)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--skip-heldout", action="store_true",
                        help="do not score the held-out set (scored once per round)")
    parser.add_argument("--skip-corpus", action="store_true",
                        help="only the scores (no full-corpus share and timing)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="list N type errors (gold vs predicted) of WikiGold and the dev set")
    args = parser.parse_args()
    if not config.SHARED_NER_GOLD.exists() and not args.corpus.exists():
        print(f"skipped: {config.SHARED_NER_GOLD} and {args.corpus} are absent")
        return 0
    w = wikigold() if config.SHARED_NER_GOLD.exists() else None
    paths = {DEV_NAME: args.dev, **({} if args.skip_heldout else {HELDOUT_NAME: args.heldout})}
    news = ({name: news_set(path, config.SHARED_CORPUS) for name, path in paths.items()}
            if config.SHARED_CORPUS.exists() else {})
    print_scores(w, news, args.errors)
    if w is None:
        print(f"WikiGold skipped: {config.SHARED_NER_GOLD} is absent")
    if not news:
        print(f"news sets skipped: {config.SHARED_CORPUS} is absent")
    if args.skip_corpus:
        return 0
    if not args.corpus.exists():
        print(f"corpus skipped: {args.corpus} is absent")
        return 0
    c = corpus(args.corpus)
    out = c["out"]
    print(f"\nCorpus {args.corpus.name}: {c['docs']} documents, {c['raw']} raw mentions -> "
          f"{len(out)} entities")
    print(f"  removed: {c['stats']['removed']}")
    print(f"  ENTITY share: {c['entity_share']:.1%} (issue 25 target <= 3%)")
    print(f"  labels: {out['label'].value_counts().to_dict()}")
    print(f"  automatic merges: {len(c['merges'])} "
          f"{c['merges']['rule'].value_counts().to_dict()}")
    print(f"  without issue 25's steps (same run): {c['base_out']} entities, ENTITY share "
          f"{c['base_share']:.1%}")
    print(f"  post-processing: names only {c['t_before']:.2f} s, full pipeline without issue "
          f"25's steps {c['t_base']:.2f} s, full pipeline {c['t_after']:.2f} s "
          f"({c['t_after'] / c['t_base']:.2f}x; target <= 2x) (median of 3)")
    top = (out.groupby("canonical")["label"].agg(["size", lambda s: s.value_counts().index[0]])
           .set_axis(["mentions", "label"], axis=1).sort_values("mentions", ascending=False))
    print(f"  top {args.top} entities:")
    for name, row in top.head(args.top).iterrows():
        print(f"    {row['mentions']:6d}  {row['label']:13s} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
