"""Benchmark: quote extraction and attribution (``analysis.quotes``) against three gold sets.

Run: ``.venv/bin/python benchmarks/bench_quotes.py [--set all|both|tuning|dev|dev2|heldout] [--errors N]``
(needs ../shared/corpus; prints "skipped: ../shared/corpus absent" and exits 0 when
it is absent; exits 2 when ``analysis`` has no ``quotes`` yet).

The gold sets store no text: offsets into the raw ``text`` of the shared corpus, looked
up by url (columns and guidelines in ``tests/data/quotes_gold.md``):

- the tuning set, ``tests/data/quotes_gold.csv`` (438 rows, 23 articles of
  ``sample.csv``): the rules of ``analysis.quotes`` were developed against it;
- the dev set (was the first held-out set), ``tests/data/quotes_dev.csv`` (556 rows, 26
  articles of ``articles.csv``, most not in the sample; ``tests/data/quotes_dev.md``):
  scored four times as a held-out set, now read for errors (``--errors``) but never
  trained on;
- the second dev set (was the second held-out set), ``tests/data/quotes_dev2.csv`` (462
  rows, 26 articles of ``articles.csv``; ``tests/data/quotes_dev2.md``): scored four
  times as a held-out set, read for errors from 2026-12-07 on, never trained on;
- the held-out set, ``tests/data/quotes_heldout.csv`` (``tests/data/quotes_heldout.md``),
  annotated by reading before any output was seen: never tune on it. Only aggregate
  figures are printed for it (``--errors`` lists the other sets' misses only).

``SET_FILES`` names the four files; ``--set both`` scores every set but the held-out one.

For each set:

1. The gold articles are taken from the set's corpus file, written to a temporary CSV
   with the same columns and loaded with ``load_corpus`` (the real cleaning; no corpus
   cache), then annotated (``annotate``, cache in a temporary folder).
2. Every gold row's checksum is verified on the raw text (a mismatch stops the run),
   then its offsets are moved into the cleaned text (``quote_scoring.align_gold``);
   rows whose text cleaning removed are reported and left out.
3. ``analysis.quotes(ann)`` is scored (``quote_scoring.score``): precision / recall / F1
   for all quotes, direct only and indirect only (overlap >= 0.5, intersection over
   union of the trimmed character ranges, one to one), exact-boundary figures,
   speaker accuracy on matched pairs with a gold speaker (overall and per speaker
   type), per-outlet recall. Targets (issue 26): span F1 (all) >= 0.85, speaker
   accuracy >= 0.85.
4. The Gender Gap Tracker's way (``quote_scoring.ggt_score``, defined precisely in
   ``quote_scoring``'s docstring): a gold quote is matched when a prediction covers at
   least 0.3 (and, second figure, 0.8) of its characters, ``|gold & pred| / |gold|``
   (asymmetric: the gold span is the reference), gold quotes taken in order, each
   prediction used once; P / R / F1 and speaker accuracy on the matched pairs.

A summary table of both sets closes the output.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT  # noqa: E402  (also puts the repository root on sys.path)
from analysis import config  # noqa: E402

import quote_scoring as qs  # noqa: E402

DATA = ROOT / "tests" / "data"
# the files of the tuning, dev and held-out sets (None: no held-out set by default)
SET_FILES = {"tuning": "quotes_gold.csv", "dev": "quotes_dev.csv", "dev2": "quotes_dev2.csv",
             "heldout": "quotes_heldout.csv"}
GOLD = DATA / SET_FILES["tuning"]
DEV = DATA / SET_FILES["dev"]
DEV2 = DATA / SET_FILES["dev2"]
HELDOUT = DATA / SET_FILES["heldout"] if SET_FILES["heldout"] else None
SET_TITLES = {"tuning": "tuning", "dev": "dev (was held-out)", "dev2": "dev 2 (was held-out)",
              "heldout": "held-out"}
TARGET_F1 = 0.85
TARGET_SPEAKER = 0.85
PRED_COLUMNS = ("doc_id", "kind", "start", "end", "speaker")


def read_table(path: Path):
    """A CSV with every value as the exact string (no NA guessing)."""
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_gold(path: Path = GOLD):
    gold = read_table(path)
    missing = set(qs.GOLD_COLUMNS) - set(gold.columns)
    if missing:
        raise ValueError(f"{path}: columns missing: {sorted(missing)}")
    gold["start"] = gold["start"].astype(int)
    gold["end"] = gold["end"].astype(int)
    return gold


def load_gold_articles(sample, urls: set[str], folder: Path):
    """``load_corpus`` over the gold articles only (a CSV with the corpus file's columns)."""
    from analysis import load_corpus

    subset = sample[sample["url"].isin(urls)]
    path = folder / "gold_articles.csv"
    subset.to_csv(path, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(path, progress=False, cache=False)
    return subset, corpus


def _row(name: str, b: dict) -> str:
    return (f"  {name:12s} {b['n_pred']:5d} {b['n_gold']:5d} {b['matched']:6d}   "
            f"{b['precision']:.3f}  {b['recall']:.3f}  {b['f1']:.3f}    "
            f"{b['exact']:5d}  {b['exact_precision']:.3f}  {b['exact_recall']:.3f}  "
            f"{b['exact_f1']:.3f}")


def _acc(a: dict) -> str:
    if a["accuracy"] is None:
        return "   n/a (no pairs)"
    return f"{a['accuracy']:.3f} ({a['correct']}/{a['pairs']})"


def print_errors(result: dict, pred, gold, texts: dict, n: int) -> None:
    """A few unmatched gold rows, unmatched predictions and wrong speakers (run-time only:
    the text comes from ../shared and is not stored)."""
    m = result["matches"]

    def snippet(doc, s, e):
        t = " ".join(texts.get(doc, "")[int(s):int(e)].split())
        return t if len(t) <= 90 else t[:60] + " ... " + t[-25:]

    missed = gold[gold["aligned"] & ~gold.index.isin(m["gold"])]
    print(f"\nunmatched gold rows (first {n} of {len(missed)}):")
    for _, r in missed.head(n).iterrows():
        print(f"  {r['source']:16s} {r['kind']:8s} {r['speaker'][:25]:25s} "
              f"{snippet(r['doc_id'], r['start'], r['end'])!r}")
    docs = set(gold.loc[gold["aligned"], "doc_id"])
    extra = pred[pred["doc_id"].isin(docs) & ~pred.index.isin(m["pred"])]
    print(f"unmatched predictions (first {n} of {len(extra)}):")
    for _, r in extra.head(n).iterrows():
        print(f"  {r['doc_id']:16.16s} {r['kind']:8s} {str(r['speaker'])[:25]:25s} "
              f"{snippet(r['doc_id'], r['start'], r['end'])!r}")
    wrong = m[m["attributed"] & ~m["speaker_ok"]]
    print(f"wrong speakers (first {n} of {len(wrong)}): predicted -> gold [type]")
    for _, r in wrong.head(n).iterrows():
        print(f"  {str(r['pred_speaker'])!r:32s} -> {r['gold_speaker']!r} [{r['speaker_type']}]")


def quotes_function():
    """``analysis.quotes`` (the function), or None when the package has none yet."""
    import analysis

    quotes = getattr(analysis, "quotes", None)
    if quotes is not None and not callable(quotes):  # the submodule, not yet re-exported
        quotes = getattr(quotes, "quotes", None)
    return quotes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=config.SHARED_SAMPLE,
                        help="sample.csv the tuning set's offsets refer to")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the tuning set")
    parser.add_argument("--dev", type=Path, default=DEV, help="the dev set (was held-out)")
    parser.add_argument("--dev-corpus", type=Path, default=config.SHARED_CORPUS,
                        help="articles.csv the dev set's offsets refer to")
    parser.add_argument("--dev2", type=Path, default=DEV2,
                        help="the second dev set (was the second held-out set)")
    parser.add_argument("--heldout", type=Path, default=HELDOUT,
                        help="the held-out set (aggregate figures only)")
    parser.add_argument("--heldout-corpus", type=Path, default=config.SHARED_CORPUS,
                        help="articles.csv the held-out set's offsets refer to")
    parser.add_argument("--set", choices=("all", "both", "tuning", "dev", "dev2", "heldout"),
                        default="all",
                        help="the sets to score (both: every set but the held-out one)")
    parser.add_argument("--min-overlap", type=float, default=0.5)
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also list N unmatched gold rows, predictions and wrong speakers "
                             "of the tuning and dev sets (never of the held-out set)")
    args = parser.parse_args()
    sets = [("tuning", args.gold, args.corpus), ("dev", args.dev, args.dev_corpus),
            ("dev2", args.dev2, args.dev_corpus), ("heldout", args.heldout, args.heldout_corpus)]
    wanted = {"all": ("tuning", "dev", "dev2", "heldout"), "both": ("tuning", "dev", "dev2")}.get(
        args.set, (args.set,))
    sets = [s for s in sets if s[0] in wanted and s[1] is not None]
    for key, path, _ in [s for s in sets if not s[1].exists()]:
        print(f"note: no {SET_TITLES[key]} set ({path} absent)")
    sets = [s for s in sets if s[1].exists()]
    if not sets:
        print(f"no gold set to score (--set {args.set}; the held-out set needs --heldout)")
        return 0
    absent = [str(c) for _, _, c in sets if not c.exists()]
    if absent:
        print(f"skipped: ../shared/corpus absent ({', '.join(absent)})")
        return 0
    if quotes_function() is None:
        print("analysis.quotes does not exist yet: nothing to score")
        return 2
    summary = {}
    for key, gold_path, corpus_path in sets:
        print(f"\n=== {SET_TITLES[key]} set: {gold_path.name} on {corpus_path.name}" + {
            "tuning": " (the rules were tuned on it)",
            "dev": " (errors may be read; never train on it)",
            "dev2": " (errors may be read; never train on it)",
            "heldout": " (never tune on it: aggregate figures only)"}[key])
        with tempfile.TemporaryDirectory(prefix="bench-quotes-") as tmp:
            out = run(gold_path, corpus_path, Path(tmp), min_overlap=args.min_overlap,
                      errors=args.errors if key != "heldout" else 0)
        if isinstance(out, int):
            return out
        summary[SET_TITLES[key]] = out
    print_summary(summary, args.min_overlap)
    return 0


def aligned_gold(gold_path: Path, corpus_path: Path, tmp: Path):
    """The gold set, verified and aligned to the cleaned articles (``load_corpus``), and
    the cleaned documents; what was lost on the way is printed."""
    gold = read_gold(gold_path)
    table = read_table(corpus_path)
    raw_by_url = dict(zip(table["url"], table["text"]))
    urls = set(gold["url"])
    subset, corpus = load_gold_articles(table, urls, tmp)
    docs = corpus.docs
    if "raw_chars" in docs.columns:  # the temporary CSV must give load_corpus the exact text
        changed = sum(int(n) != len(raw_by_url[u]) for u, n in zip(docs["url"], docs["raw_chars"]))
        if changed:
            print(f"  note: {changed} articles read back with another length than in "
                  f"{corpus_path.name}")
    aligned = qs.align_gold(gold, raw_by_url, docs)  # raises on a checksum mismatch
    n_ok = int(aligned["aligned"].sum())
    print(f"Quote attribution gold: {len(gold)} rows in {len(urls)} articles "
          f"({gold['source'].nunique()} outlets); checksums verified on the raw text")
    print(f"  cleaned with load_corpus: {len(docs)} of {len(subset)} articles kept; "
          f"{n_ok} rows aligned to the cleaned text, {len(gold) - n_ok} not aligned "
          f"(text removed by cleaning; left out of the scores)")
    moved = aligned[aligned["aligned"] & (aligned["align_note"] != "")]
    if len(moved):
        print(f"  repeated spans placed by order or context: {len(moved)} rows")
    for i, r in aligned[~aligned["aligned"]].iterrows():
        print(f"  not aligned: row {i + 2} of the CSV ({r['source']}, {r['kind']}, "
              f"{r['paragraph_note'] or '-'}): {r['align_note']}")
    return aligned, docs


def run(gold_path: Path, corpus_path: Path, tmp: Path, *, min_overlap: float = 0.5,
        errors: int = 0):
    """One gold set: align, annotate, score, print. Returns the summary figures (a dict),
    or an exit code when ``analysis.quotes`` cannot be scored. ``tmp`` holds the gold
    articles' CSV and the annotation cache."""
    import analysis

    aligned, docs = aligned_gold(gold_path, corpus_path, tmp)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = analysis.annotate(docs, progress=False, cache_dir=tmp / "annotations")
    t0 = time.perf_counter()
    pred = quotes_function()(ann)
    seconds = time.perf_counter() - t0
    missing = [c for c in PRED_COLUMNS if c not in pred.columns]
    if missing:
        print(f"analysis.quotes output lacks columns {missing}: cannot score")
        return 1
    pred = pred.reset_index(drop=True)
    texts = dict(zip(ann.docs["doc_id"], ann.docs["text"]))
    print_predictions(pred, texts, seconds)
    result = qs.score(pred, aligned, min_overlap=min_overlap, texts=texts)
    ggt = {t: qs.ggt_score(pred, aligned, threshold=t, texts=texts) for t in qs.GGT_THRESHOLDS}
    print_scores(result, ggt, min_overlap)
    if errors:
        print_errors(result, pred, aligned, texts, errors)
    return {"result": result, "ggt": ggt}


def print_predictions(pred, texts: dict, seconds: float) -> None:
    print(f"\nanalysis.quotes: {len(pred)} quotes in {pred['doc_id'].nunique()} of "
          f"{len(texts)} documents ({seconds:.2f} s); kinds "
          f"{pred['kind'].value_counts().to_dict()}")
    odd_kind = sorted(set(pred["kind"]) - set(qs.KINDS))
    if odd_kind:
        print(f"  note: kinds other than direct/indirect are only scored in 'all': {odd_kind}")
    if "text" in pred.columns:
        off = sum(t != texts.get(d, "")[int(s):int(e)] for d, s, e, t in
                  zip(pred["doc_id"], pred["start"], pred["end"], pred["text"]))
        if off:
            print(f"  note: {off} rows whose text is not ann.docs.text[start:end] "
                  f"(scored by their offsets)")


def print_scores(result: dict, ggt: dict, min_overlap: float) -> None:
    """The span table, speaker accuracy, the GGT table, targets and per-outlet recall."""
    print(f"\nspans (overlap >= {min_overlap:g}, IoU of trimmed ranges, one to one)")
    print("                pred  gold  match   P      R      F1       exact  P      R      F1")
    for name, key in (("all", "all"), ("all (units)", "all_units"), ("direct", "direct"),
                      ("indirect", "indirect")):
        print(_row(name, result[key]))
    print("  all: kind ignored, predictions matched against every gold row (direct and "
          "indirect),\n  recall over gold rows; units: gold rows nested in one another "
          "count once")
    sp = result["speaker"]
    print(f"\nspeaker accuracy (matched pairs with a gold speaker): {_acc(sp)}")
    for t, a in sp["by_type"].items():
        print(f"  {t:17s} {_acc(a)}")
    print("\nGender Gap Tracker's way (a prediction covers >= t of the gold span's characters;"
          "\ngold quotes in order, each prediction used once; speakers on the 'all' pairs)")
    print("  t     kind        pred  gold  match   P      R      F1     speaker accuracy")
    for t, g in ggt.items():
        for kind in ("all", *qs.KINDS):
            b = g[kind]
            acc = f"   {_acc(g['speaker'])}" if kind == "all" else ""
            print(f"  {t:<4g}  {kind:9s} {b['n_pred']:5d} {b['n_gold']:5d} {b['matched']:6d}   "
                  f"{b['precision']:.3f}  {b['recall']:.3f}  {b['f1']:.3f}{acc}")
    f1, acc = result["all"]["f1"], sp["accuracy"]
    print("\ntargets")
    print(f"  span F1 (all) >= {TARGET_F1:.2f}: {f1:.3f}  "
          f"{'met' if f1 >= TARGET_F1 else 'NOT met'}")
    acc_txt = "n/a" if acc is None else f"{acc:.3f}"
    met = acc is not None and acc >= TARGET_SPEAKER
    print(f"  speaker accuracy >= {TARGET_SPEAKER:.2f} (attributed quotes): {acc_txt}  "
          f"{'met' if met else 'NOT met'}")
    print("\nper-outlet recall (all)")
    for source, b in result["by_source"].items():
        print(f"  {source:18s} {b['recall']:.3f} ({b['matched']}/{b['n_gold']})")


def print_summary(summary: dict, min_overlap: float) -> None:
    """One column per scored set: the headline figures."""
    def fmt(x):
        return "   n/a" if x is None else f"{x:6.3f}"

    names = list(summary)
    lines = [(f"span F1, all (IoU >= {min_overlap:g})", lambda s: s["result"]["all"]["f1"]),
             ("  direct", lambda s: s["result"]["direct"]["f1"]),
             ("  indirect", lambda s: s["result"]["indirect"]["f1"]),
             ("exact-boundary F1, all", lambda s: s["result"]["all"]["exact_f1"]),
             ("speaker accuracy", lambda s: s["result"]["speaker"]["accuracy"])]
    for t in qs.GGT_THRESHOLDS:
        lines += [(f"GGT >= {t:g}: F1, all", lambda s, t=t: s["ggt"][t]["all"]["f1"]),
                  (f"GGT >= {t:g}: speaker accuracy",
                   lambda s, t=t: s["ggt"][t]["speaker"]["accuracy"])]
    print("\n=== summary")
    print(f"  {'':32s}" + "".join(f"{n:>22s}" for n in names))
    for label, get in lines:
        print(f"  {label:32s}" + "".join(f"{fmt(get(summary[n])):>22s}" for n in names))


if __name__ == "__main__":
    sys.exit(main())
