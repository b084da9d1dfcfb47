"""Benchmark: named-entity quality of each available engine on WikiGold.

Run: ``.venv/bin/python benchmarks/bench_ner.py`` (needs ../shared/ner_gold; exits 0
with a message when absent).

Each engine tags WikiGold's own tokens (1,696 sentences, 3,558 gold entities),
so only the entity decisions are scored. Exact-span precision, recall and F1:
untyped always (a span counts when its boundaries match), typed where the
engine types (labels mapped to WikiGold's PER / ORG / LOC / MISC).
Baseline: a trivial tagger marking every maximal run of capitalised tokens
that is not sentence-initial, scored in the same run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import config  # noqa: E402

TYPE_MAP = {"PERSON": "PER", "PER": "PER", "ORGANIZATION": "ORG", "ORG": "ORG",
            "GPE": "LOC", "LOCATION": "LOC", "LOC": "LOC", "FACILITY": "LOC", "FAC": "LOC",
            "GSP": "LOC", "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
            "LANGUAGE": "MISC", "PRODUCT": "MISC", "MISC": "MISC"}


def read_conll(path: Path) -> tuple[list[list[str]], list[set]]:
    sents, golds, words, labels = [], [], [], []

    def flush():
        if words:
            sents.append(list(words))
            golds.append(spans_from_iob(labels))
            words.clear()
            labels.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        token, label = line.rsplit(" ", 1)
        words.append(token)
        labels.append(label)
    flush()
    return sents, golds


def spans_from_iob(labels: list[str]) -> set[tuple[int, int, str]]:
    spans, start, kind = set(), None, None
    for i, lab in enumerate(labels + ["O"]):
        if start is not None and not (lab.startswith("I-") and lab[2:] == kind):
            spans.add((start, i, kind))
            start = None
        if lab.startswith("B-") or (lab.startswith("I-") and start is None):
            start, kind = i, lab[2:]
    return spans


def score(pred: list[set], gold: list[set], typed: bool) -> tuple[float, float, float]:
    strip = (lambda s: s) if typed else (lambda s: {(a, b) for a, b, _ in s})
    tp = sum(len(strip(p) & strip(g)) for p, g in zip(pred, gold))
    n_pred, n_gold = sum(len(p) for p in pred), sum(len(g) for g in gold)
    precision, recall = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-12)


def nltk_engine(sents: list[list[str]], multiclass: bool) -> list[set]:
    from analysis.engine import chunk_entities, nltk_models

    _, _, tagger, chunker = nltk_models(multiclass)
    out = []
    for words in sents:
        spans = chunk_entities(chunker.parse(tagger.tag(words)), 0, not multiclass)
        out.append({(s, e, TYPE_MAP.get(lab, "MISC")) for s, e, lab in spans})
    return out


def spacy_engine(sents: list[list[str]], model: str) -> list[set]:
    from analysis.engine import spacy_entities, spacy_pipeline

    nlp = spacy_pipeline(model)
    return [{(s, e, TYPE_MAP.get(lab, "MISC")) for s, e, lab in spacy_entities(nlp, w, 0)}
            for w in sents]


def capitalised_runs(sents: list[list[str]]) -> list[set]:
    out = []
    for words in sents:
        spans, start = set(), None
        for i, w in enumerate(words + [""]):
            cap = i > 0 and w[:1].isupper()
            if cap and start is None:
                start = i
            elif not cap and start is not None:
                spans.add((start, i, "MISC"))
                start = None
        out.append(spans)
    return out


def engines() -> list[tuple[str, object, bool]]:
    """(name, tagger function, typed) for every engine installed here."""
    from analysis.resources import has_multiclass_chunker

    found = [("baseline: capitalised runs", capitalised_runs, False),
             ("nltk binary chunker", lambda s: nltk_engine(s, False), False)]
    if has_multiclass_chunker(warn=False):
        found.append(("nltk multiclass chunker", lambda s: nltk_engine(s, True), True))
    try:
        from analysis.engine import spacy_pipeline

        spacy_pipeline("en_core_web_sm")
        found.append(("spacy en_core_web_sm", lambda s: spacy_engine(s, "en_core_web_sm"), True))
    except ValueError as exc:
        print(f"(spaCy engine not scored: {exc})")
    return found


def main() -> int:
    if not config.SHARED_NER_GOLD.exists():
        print(f"skipped: {config.SHARED_NER_GOLD} is absent")
        return 0
    sents, gold = read_conll(config.SHARED_NER_GOLD)
    print(f"WikiGold: {len(sents)} sentences, {sum(map(len, gold))} entities")
    print(f"{'engine':32s} {'untyped P':>9s} {'R':>6s} {'F1':>6s}   {'typed P':>7s} {'R':>6s} "
          f"{'F1':>6s}  seconds")
    for name, tag, typed in engines():
        t0 = time.perf_counter()
        pred = tag(sents)
        secs = time.perf_counter() - t0
        p, r, f = score(pred, gold, typed=False)
        line = f"{name:32s} {p:9.3f} {r:6.3f} {f:6.3f}"
        if typed:
            tp, tr, tf = score(pred, gold, typed=True)
            line += f"   {tp:7.3f} {tr:6.3f} {tf:6.3f}"
        else:
            line += f"   {'(untyped engine)':>22s}"
        print(f"{line}  {secs:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
