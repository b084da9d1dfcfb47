"""Development tool: where untyped exact-span F1 is lost, error by error, grouped by class.

Run: ``.venv/bin/python benchmarks/entity_span_errors.py [--set wikigold|dev|both]
[--dev PATH] [--top N]`` (needs ../shared).

Classes (each gold span or predicted span counted once): ``miss`` (a gold span no predicted
span overlaps), ``spurious`` (a predicted span no gold span overlaps), ``gold split`` (two or
more predicted spans inside one gold span), ``glued`` (one predicted span over two or more
gold spans), ``boundary left+/left-/right+/right-`` (one overlapping predicted span that
starts earlier/later or ends later/earlier than the gold one). Each line shows the gold
label, the context with the span in brackets and the predicted span.

Only for the DEVELOPMENT sets: WikiGold and the development news set (``--dev``, default
``tests/data/entities_dev.csv``, offsets into the shared ``articles.csv``). Never point it
at a held-out set: its errors must not be read.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_entities as B  # noqa: E402
from _common import ROOT  # noqa: E402
from analysis import config  # noqa: E402

DEV = ROOT / "tests" / "data" / "entities_dev.csv"


def classify(pred: set, gold: set) -> list[tuple]:
    """``(class, span, other)`` of every error; spans are ``(doc, start, end)``."""
    by_doc_p, by_doc_g = defaultdict(list), defaultdict(list)
    for p in pred:
        by_doc_p[p[0]].append(p)
    for g in gold:
        by_doc_g[g[0]].append(g)
    out = []
    for g in sorted(gold - pred):
        over = [p for p in by_doc_p[g[0]] if p[1] < g[2] and g[1] < p[2]]
        if not over:
            out.append(("miss", g, None))
        elif len(over) > 1:
            out.append(("gold split", g, sorted(over)))
        elif len([x for x in by_doc_g[g[0]] if x[1] < over[0][2] and over[0][1] < x[2]]) > 1:
            out.append(("glued", g, over[0]))
        else:
            p = over[0]
            kind = [k for k, c in (("left+", p[1] < g[1]), ("left-", p[1] > g[1]),
                                   ("right+", p[2] > g[2]), ("right-", p[2] < g[2])) if c]
            out.append(("boundary " + " ".join(kind), g, p))
    for p in sorted(pred - gold):
        if not any(p[1] < g[2] and g[1] < p[2] for g in by_doc_g[p[0]]):
            out.append(("spurious", p, None))
    return out


def report(name: str, errors: list, show, top: int) -> None:
    counts = Counter(e[0] for e in errors)
    print(f"== {name}: {len(errors)} errors: {dict(counts.most_common())}")
    for cls, n in counts.most_common():
        print(f"-- {cls} ({n})")
        for e in [e for e in errors if e[0] == cls][:top]:
            print("   ", show(e))


def wikigold():
    """Errors of WikiGold (tokens as given, the binary chunker, the post-processing)."""
    from analysis.entities import _canonicalize

    tokens, raw, gold = B.gold_tables(B.read_documents(config.SHARED_NER_GOLD))
    after, _ = _canonicalize(raw, tokens)
    words = tokens["text"].tolist()
    pred = set(zip(after["doc_id"], after["start_token"], after["end_token"]))
    label = {g[:3]: g[3] for g in gold}

    def text(s):
        return " ".join(words[s[1]:s[2]])

    def show(e):
        cls, s, other = e
        ctx = (" ".join(words[max(0, s[1] - 4):s[1]]) + f" [{text(s)}] "
               + " ".join(words[s[2]:s[2] + 4]))
        pred_text = (" | ".join(map(text, other)) if isinstance(other, list)
                     else text(other) if other else "")
        return f"{label.get(s, '')} {ctx}" + (f"  pred: {pred_text}" if pred_text else "")

    print("WikiGold untyped P %.3f R %.3f F1 %.3f" % B.prf(pred, set(label)))
    return classify(pred, set(label)), show


def dev(path: Path):
    """Errors of the development news set (whole documents through ``annotate``)."""
    from analysis import annotate

    gold = B.read_news_gold(path)
    docs = B.news_docs(gold, config.SHARED_CORPUS)
    with tempfile.TemporaryDirectory(prefix="span-errors-") as tmp, B._caches_in(Path(tmp)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ann = annotate(docs, cache_dir=Path(tmp) / "annotations", progress=False)
        spans = B.char_spans(ann)
    text = dict(zip(docs["doc_id"], docs["text"]))
    pred = {s[:3] for s in spans}
    label = {(u, a, b): lab for u, a, b, lab in
             zip(gold["url"], gold["start"], gold["end"], gold["label"])}

    def show(e):
        cls, s, other = e
        t = text[s[0]]
        ctx = (t[max(0, s[1] - 30):s[1]] + f"[{t[s[1]:s[2]]}]" + t[s[2]:s[2] + 30])
        pred_text = (" | ".join(t[p[1]:p[2]] for p in other) if isinstance(other, list)
                     else t[other[1]:other[2]] if other else "")
        return (f"{label.get(s, '')} {ctx}".replace("\n", " ")
                + (f"  pred: {pred_text!r}" if pred_text else ""))

    print("dev set untyped P %.3f R %.3f F1 %.3f" % B.prf(pred, set(label)))
    return classify(pred, set(label)), show


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("wikigold", "dev", "both"), default="both")
    parser.add_argument("--dev", type=Path, default=DEV,
                        help="the development news set (never a held-out set)")
    parser.add_argument("--top", type=int, default=1000, help="lines per class")
    args = parser.parse_args()
    if "heldout" in args.dev.name:
        print(f"refused: {args.dev} looks like a held-out set; its errors must not be read")
        return 2
    if args.set in ("wikigold", "both") and config.SHARED_NER_GOLD.exists():
        report("WikiGold", *wikigold(), args.top)
    if args.set in ("dev", "both") and args.dev.exists() and config.SHARED_CORPUS.exists():
        report("dev set", *dev(args.dev), args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
