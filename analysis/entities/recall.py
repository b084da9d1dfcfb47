"""Names the chunker missed that the same document spells elsewhere as an entity, and names
in all-capitals lines (headlines, lists) that the document spells in title case."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..vocabulary import UNTYPED
from .lexicon import _NAME_WORD_RE, MONTHS, WEEKDAYS
from .spans import MEDIA_WORDS
from .tokens import _is_common, _TokenView

FUNCTION_WORDS = frozenset("the a an and or nor but of for to in on at by with from as into "
                           "his her hers your yours our my their its this that these those "
                           "he she it we they you me him us them who whom what which when "
                           "where why how if not no so all any some each every".split())
_ADJECTIVE_RE = re.compile(r"^[A-Z][\w.]*(?:-[A-Z]\w*)*-[a-z]+$")  # "Moscow-based", "Soviet-era"
_MIXED_RE = re.compile(r"^[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*$")  # "G7", "YouTube", "E3G"


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


def _runs_missed(entities: pd.DataFrame, view: _TokenView, lex: dict) -> pd.DataFrame:
    """``entities`` with the runs of capitalised words inside a sentence that no mention
    covers ("Mr Sunak", "the Kremlin", "the Federal Trade Commission"): not at the
    sentence's start, no month, weekday, stop name or function word, title words at the
    run's end left out. A run of one word is taken only when that word is no common word
    and no title; a run of common words only when all are written in title case. A run
    right after or before a mention of the same sentence extends it ("Russian" +
    "Federation"); any other run is a new untyped mention. The spans then go through every
    step (titles out, removals), like the chunker's."""
    n = len(view.text)
    if n == 0:
        return entities
    gs = entities["doc_id"].map(view.base).to_numpy(np.int64) + \
        entities["start_token"].to_numpy(np.int64)
    ge = gs - entities["start_token"].to_numpy(np.int64) + entities["end_token"].to_numpy(np.int64)
    cover = np.zeros(n + 1, np.int64)
    np.add.at(cover, gs, 1)
    np.add.at(cover, ge, -1)
    covered = np.cumsum(cover)[:-1] > 0
    codes, uniq = pd.factorize(pd.Series(view.text, dtype=object))
    kind = np.array([_word_kind(w, view, lex) for w in uniq], np.int8)[codes]
    acro = np.flatnonzero(kind == 4)
    if len(acro):  # an acronym ("UN", "EU") next to a word in lower case
        lower = np.array([w[:1].islower() for w in uniq], bool)[codes]
        near = (lower[np.clip(acro - 1, 0, n - 1)] | lower[np.clip(acro + 1, 0, n - 1)])
        has_lower = np.array([any(c.islower() for c in w) for w in uniq], bool)[codes]
        mixed = np.bincount(view.sent, weights=has_lower)[view.sent[acro]] > 0
        caps = pd.Series(view.text[acro], dtype=object)
        common = caps.map({w: _is_common(w, view) for w in caps.unique()}).to_numpy(bool)
        # in a line of capitals: left to _recall
        kind[acro] = np.where(near | (mixed & ~common), 2, np.where(mixed, 1, 0))
    ok = (kind > 0) & ~covered & (~view.at_start | (kind == 3))  # "Mr Lee said"
    new_run = ok & ~np.r_[False, ok[:-1] & (view.sent[1:] == view.sent[:-1])]
    starts = np.flatnonzero(new_run)
    if not len(starts):
        return entities
    run_id = np.cumsum(new_run) - 1
    idx = np.flatnonzero(ok)
    rid = run_id[idx]
    ends = starts.copy()  # the run's end before the title words at its end ("Foreign Secretary")
    untitled = kind[idx] != 3
    np.maximum.at(ends, rid[untitled], idx[untitled] + 1)
    inside = idx < ends[rid]
    name_word = np.array([bool(_NAME_WORD_RE.match(w)) for w in uniq], bool)[codes]
    strong = np.zeros(len(starts), bool)
    np.logical_or.at(strong, rid[inside], kind[idx[inside]] == 2)
    all_names = np.ones(len(starts), bool)
    np.logical_and.at(all_names, rid[inside], name_word[idx[inside]])
    size = ends - starts
    before = np.clip(starts - 1, 0, n - 1)
    after_mention = (starts > 0) & covered[before] & (view.sent[before] == view.sent[starts]) \
        & name_word[starts]  # a common word after a mention: "Russian" + "Empire"
    keep = (size > 0) & (strong | ((size >= 2) & all_names) | after_mention)
    runs = list(zip(starts[keep].tolist(), ends[keep].tolist()))
    return _join_runs(entities, runs, gs, ge, view, lex)


def _word_kind(word: str, view: _TokenView, lex: dict) -> int:
    """2: a capitalised word that is no common word; 1: a capitalised common word or
    stop name ("State", "Ministry": a name only with others); 3: a title word; 0: none
    (no capital, a date, a function word, "Photo", an adjective such as "Moscow-based")."""
    if not word[:1].isupper() or (len(word) < 2 and not word.isalpha()) or word == "I":
        return 0
    low = word.casefold()
    if low.rstrip(".") in MONTHS or low in WEEKDAYS or low in FUNCTION_WORDS \
            or low in MEDIA_WORDS or _ADJECTIVE_RE.match(word):
        return 0
    if not (_NAME_WORD_RE.match(word) or word.isupper() or _MIXED_RE.match(word)):
        return 0
    if word in lex["title_words"]:
        return 3
    if low in lex["stop"]:
        return 1
    if word.isupper():
        return 4  # an acronym next to a word in lower case, else a word of a heading
    return 1 if _is_common(word, view) else 2


def _join_runs(entities: pd.DataFrame, runs: list, gs: np.ndarray, ge: np.ndarray,
               view: _TokenView, lex: dict) -> pd.DataFrame:
    """Runs that touch a mention of their sentence extend it; the others are new mentions."""
    if not runs:
        return entities
    by_end = {int(e): i for i, e in enumerate(ge)}
    by_start = {int(s): i for i, s in enumerate(gs)}
    starts, ends = gs.copy(), ge.copy()
    fresh = []
    for a, b in runs:
        titled = view.text[a] in lex["title_words"]  # a title separates two names
        before = by_end.get(a) if view.same_sentence(a - 1, a) and not titled else None
        after = by_start.get(b) if view.same_sentence(b - 1, b) else None
        if before is not None:
            ends[before] = ge[after] if after is not None else b
        elif after is not None:
            starts[after] = a
        else:
            fresh.append((a, b))
    out = entities.copy()
    base = gs - entities["start_token"].to_numpy(np.int64)
    out["start_token"] = (starts - base).astype(entities["start_token"].dtype)
    out["end_token"] = (ends - base).astype(entities["end_token"].dtype)
    changed = (starts != gs) | (ends != ge)
    if changed.any():
        texts = out["text"].astype(object).to_numpy().copy()
        texts[changed] = [" ".join(view.text[s:e]) for s, e in zip(starts[changed], ends[changed])]
        out["text"] = pd.array(texts, dtype=entities["text"].dtype)
    return _with_spans(out, np.array([a for a, _ in fresh], np.int64),
                       np.array([b for _, b in fresh], np.int64), view)


def _with_spans(entities: pd.DataFrame, starts: np.ndarray, ends: np.ndarray,
                view: _TokenView) -> pd.DataFrame:
    """``entities`` plus untyped mentions over the global token ranges, in document order."""
    if not len(starts):
        return entities
    docs = np.array(list(view.base), dtype=object)
    first = np.array(list(view.base.values()), np.int64)
    doc = view.doc[starts]
    new = {"doc_id": docs[doc], "start_token": starts - first[doc],
           "end_token": ends - first[doc],
           "text": [" ".join(view.text[s:e]) for s, e in zip(starts, ends)], "label": UNTYPED}
    for col in ("sent_id", "paragraph_id"):
        if col in entities and col in view.raw:
            new[col] = view.raw[col][starts]
    new = pd.DataFrame(new).astype({c: entities[c].dtype for c in new if c in entities})
    both = pd.concat([entities, new[[c for c in entities.columns if c in new]]],
                     ignore_index=True)
    gs = both["doc_id"].map(view.base).to_numpy(np.int64) + both["start_token"].to_numpy(np.int64)
    return both.iloc[np.argsort(gs, kind="stable")].reset_index(drop=True)
