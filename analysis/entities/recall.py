"""Names the chunker missed that the same document spells elsewhere as an entity, and names
in all-capitals lines (headlines, lists) that the document spells in title case."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .lexicon import MONTHS, WEEKDAYS
from .tokens import _is_common, _TokenView


def _caps(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _sources(out: pd.DataFrame, gs: np.ndarray, view: _TokenView, lex: dict) -> dict:
    """``{(doc, casefolded first word): [(words, row), ...]}`` (longest first) of the
    mentions worth finding again: capitalised, not a stop name, a one-word name no
    common word. ``out["text"]`` is the mention's tokens joined by spaces."""
    frame = pd.DataFrame({"doc": view.doc[gs], "text": out["text"].astype(str).to_numpy(object),
                          "row": np.arange(len(out))}).drop_duplicates(["doc", "text"])
    ok = {t: _worth_finding(t, view, lex) for t in frame["text"].unique()}
    found: dict = {}
    for doc, text, row in zip(frame["doc"], frame["text"], frame["row"]):
        if ok[text]:
            words = tuple(text.split(" "))
            found.setdefault((doc, words[0].casefold()), []).append((words, row))
    for entry in found.values():
        entry.sort(key=lambda e: -len(e[0]))
    return found


def _worth_finding(name: str, view: _TokenView, lex: dict) -> bool:
    words = name.split(" ")
    if not words[0][:1].isupper() or len(name) < 2 or (
            any(_caps(w) for w in words[1:]) and not all(map(_caps, words))):
        return False
    low = name.casefold()
    if low in lex["stop"] or low in MONTHS or low in WEEKDAYS:
        return False
    return len(words) > 1 or (not _is_common(name, view) and any(c.isalpha() for c in name))


def _match(view: _TokenView, t: int, words: tuple, covered: np.ndarray) -> str | None:
    """``"same"`` or ``"caps"`` when ``words`` occur at token ``t`` (uncovered, one
    sentence; in the same spelling, or all in capitals), else None."""
    end = t + len(words)
    if end > len(view.text) or covered[t:end].any() or view.sent[t] != view.sent[end - 1]:
        return None
    toks = view.text[t:end]
    if all(x == w for x, w in zip(toks, words)):
        kind = "same"
    elif all(_caps(x) and x.casefold() == w.casefold() for x, w in zip(toks, words)) \
            and not all(map(_caps, words)):
        kind = "caps"
    else:
        return None
    if kind == "same":  # not part of a longer capitalised name ("Washington" of "Washington Post")
        nxt = view.word(end) if view.same_sentence(t, end) else ""
        prev = view.word(t - 1) if view.same_sentence(t - 1, t) and not view.at_start[t] else ""
        if nxt[:1].isupper() or prev[:1].isupper():
            return None
    return kind


def _recall(out: pd.DataFrame, title: np.ndarray, view: _TokenView,
            lex: dict) -> tuple[pd.DataFrame, np.ndarray]:
    """``out`` (repaired mentions, ``title`` their after-a-title flags) plus the mentions
    found again, in document order; a caps match takes the document's spelling as text."""
    if out.empty:
        return out, title
    base = out["doc_id"].map(view.base).to_numpy(np.int64)
    gs = base + out["start_token"].to_numpy(np.int64)
    ge = base + out["end_token"].to_numpy(np.int64)
    sources = _sources(out, gs, view, lex)
    if not sources:
        return out, title
    cover = np.zeros(len(view.text) + 1, np.int64)
    np.add.at(cover, gs, 1)
    np.add.at(cover, ge, -1)
    covered = np.cumsum(cover)[:-1] > 0
    spellings = {w for _, first in sources for w in (first, first.upper())}
    spellings |= {words[0] for entry in sources.values() for words, _ in entry}
    cand = np.flatnonzero(~covered & pd.Series(view.text).isin(spellings).to_numpy(bool))
    rows, starts, ends, texts = [], [], [], []
    for t in cand:
        entry = sources.get((view.doc[t], view.text[t].casefold()))
        if not entry or covered[t]:
            continue
        for words, row in entry:
            kind = _match(view, t, words, covered)
            if kind:
                rows.append(row)
                starts.append(t)
                ends.append(t + len(words))
                texts.append(" ".join(words))
                covered[t:t + len(words)] = True
                break
    if not rows:
        return out, title
    new = out.iloc[rows].copy()
    b = base[rows]
    new["start_token"] = (np.asarray(starts) - b).astype(out["start_token"].dtype)
    new["end_token"] = (np.asarray(ends) - b).astype(out["end_token"].dtype)
    new["text"] = pd.array(texts, dtype=out["text"].dtype)
    for col in ("sent_id", "paragraph_id"):
        if col in new and col in view.raw:
            new[col] = view.raw[col][starts].astype(out[col].dtype)
    both = pd.concat([out, new], ignore_index=True)
    order = np.lexsort((np.r_[gs, starts], np.r_[base, b]))
    return (both.iloc[order].reset_index(drop=True),
            np.r_[title, np.zeros(len(rows), bool)][order])
