"""The toy corpus of the co-occurrence tests (test_cooccurrence, test_network, test_evidence)."""

from __future__ import annotations

import pandas as pd

from analysis.model import Annotations

# The toy corpus. Sentences (doc, paragraph, sentence) and their entities:
#   d1 (source A)  p0 s0: X Y      p0 s1: X Z      p1 s2: Y      p1 s3: (none)
#   d2 (source B)  p0 s0: X Y X    p1 s1: Z
#   d3 (source A)  p0 s0: W
# Labels: X PERSON, Y GPE, Z GPE, W ORGANIZATION.
SENTENCES = [("d1", 0, 0, ["X", "Y"]), ("d1", 0, 1, ["X", "Z"]), ("d1", 1, 2, ["Y"]),
             ("d1", 1, 3, []), ("d2", 0, 0, ["X", "Y", "X"]), ("d2", 1, 1, ["Z"]),
             ("d3", 0, 0, ["W"])]
LABELS = {"X": "PERSON", "Y": "GPE", "Z": "GPE", "W": "ORGANIZATION"}


def make_ann(sentences=SENTENCES, labels=LABELS, sources=None) -> Annotations:
    """Annotations built by hand: one token per entity mention, sentences with text.

    A document's text is its sentences joined by " " within a paragraph and by
    "\n" between paragraphs; sentence offsets point into it.
    """
    sent_rows, ent_rows, texts = [], [], {}
    for doc, par, sent, names in sentences:
        text = f"{doc} sentence {sent} mentions " + (" and ".join(names) or "nobody") + "."
        if doc in texts:
            texts[doc] += "\n" if par != sent_rows[-1][1] else " "
        start = len(texts.setdefault(doc, ""))
        texts[doc] += text
        sent_rows.append((doc, par, sent, start, start + len(text), text))
        for i, name in enumerate(names):
            ent_rows.append((doc, par, sent, 10 * sent + i, 10 * sent + i + 1, name,
                             labels[name], name))
    sources = sources or {"d1": "A", "d2": "B", "d3": "A"}
    dates = {"d1": "2022-01-05", "d2": "2022-02-10", "d3": "2022-02-20"}
    docs = pd.DataFrame({"doc_id": list(texts), "source": [sources[d] for d in texts],
                         "date": pd.to_datetime([dates.get(d) for d in texts]),
                         "text": list(texts.values())})
    sents = pd.DataFrame(sent_rows, columns=["doc_id", "paragraph_id", "sent_id", "start",
                                             "end", "text"])
    ents = pd.DataFrame(ent_rows, columns=["doc_id", "paragraph_id", "sent_id", "start_token",
                                           "end_token", "text", "label", "canonical"])
    tokens = pd.DataFrame(columns=["doc_id", "paragraph_id", "sent_id", "token_id", "start",
                                   "end", "text", "lower", "pos", "is_stop", "is_alpha"])
    return Annotations(docs, sents, tokens, ents)


def pair(pairs: pd.DataFrame, a: str, b: str) -> pd.Series:
    a, b = sorted((a, b))
    rows = pairs[(pairs["entity_a"] == a) & (pairs["entity_b"] == b)]
    assert len(rows) == 1, (a, b, pairs[["entity_a", "entity_b"]])
    return rows.iloc[0]
