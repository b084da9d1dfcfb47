"""Span repair over the tokens: titles and prefixes out, names extended and split."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from .labels import _is_first_name, _known, _name_like, _type_name
from .lexicon import (_INITIAL_RE, _NAME_WORD_RE, MONTHS, PARTICLES, WEEKDAYS, _key,
                      _lexicons_pinned, lexicons)
from .surface import _org_rest
from ..gazetteers import english_words
from .tokens import _is_common, _TokenView

OF_CUES = frozenset("Ministry Department Bank University Institute Academy Council Commission "
                    "Office Bureau Court Committee Gulf Sea Bay Strait Isle School College "
                    "Institution Society Association Federation Union League Organization "
                    "Organisation Foundation Church Center Centre Museum Hall Republic Kingdom "
                    "Party Conference Agency Fund Board Chamber Order".split())
POSSESSIVE_FOLLOWERS = frozenset(  # words after a name in "'s" that it cannot own
    "said says has have had is was were will would can could may might should did does "
    "and or in on at to for from with by as which that who announced added reported "
    "restaurants stores store outlets shares".split())
_SPLIT_INITIALS_RE = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")  # "E.U", "U.S"
SUFFIXES = frozenset("Jr. Jr Sr. Sr II III IV V VI VII VIII IX XI XII XIII XIV XV XVI".split())
TAIL_WORDS = SUFFIXES | {"I", "'s", "’s", ".", "and", "&"}
ABBREVIATIONS = frozenset("St. Ste. Mt. Ft. Pt.".split())  # that start a place's name
MEDIA_WORDS = frozenset("photo photos photograph photographs image images picture pictures "
                        "video videos".split())
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,5}$")  # "IEA", "AP", "G7"
FOR_CUES = frozenset("Center Centre Council Committee Commission Institute Office Agency "
                     "Foundation Fund Association Society Coalition Alliance "
                     "Organization Organisation".split())


def _person_split(words: tuple, view, lex: dict, standalone: Counter) -> tuple[int, bool]:
    """``(k, keep_prefix)`` when ``words[k:]`` is a person after a prefix, else ``(0, False)``."""
    for k in range(1, len(words) - 1):
        tail = words[k:]
        if not (_is_first_name(words[k], lex) and all(map(_name_like, tail))
                and _NAME_WORD_RE.match(tail[-1]) and words[k - 1].lower() not in PARTICLES
                and not _is_first_name(words[k - 1], lex) and not _org_rest(list(tail), lex)):
            continue
        prefix = words[:k]
        if all(_is_common(w, view) for w in prefix):
            return k, False
        text = " ".join(prefix)
        if _known(text, lex) or standalone.get(text, 0) >= 2:
            return k, True
        return 0, False
    return 0, False


def _plan(words: tuple, at_start: bool, view, lex: dict, standalone: Counter,
          followed: bool = False) -> list:
    """Sub-spans ``(a, b, after_title)`` of one chunk (titles out, prefixes split);
    ``followed``: a capitalised word comes next in the sentence."""
    parts, i, title = [], 0, False
    if at_start and len(words) >= 2 and words[1][:1].isupper() and _is_common(words[0], view) \
            and not _known(" ".join(words), lex) and not _known(words[0], lex) \
            and not _is_first_name(words[0], lex) and not all(
                _is_common(w, view) and w not in lex["title_words"] for w in words[1:]):
        i = 1  # "Follow AP"; but "Bowling Green", "Total Energies": common words alone
    while i < len(words) - 1 and len(words[i]) >= 2 and words[i].isupper() \
            and _NAME_WORD_RE.match(words[i + 1]) and _is_common(words[i], view) \
            and not _known(words[i], lex):
        i += 1  # a heading in capitals before a name: "SEEDINGS Iga Swiatek"
    changed = True
    while changed:
        changed = False
        for skip in (0, 1):
            if i + skip >= len(words) or words[i + skip] not in lex["title_words"]:
                continue
            for t in lex["titles"]:
                j = i + skip + len(t)
                if list(words[i + skip:j]) == t and len(words) > j \
                        and (words[j][:1].isupper() or words[j] in PARTICLES) \
                        and not _org_rest(list(words[j:]), lex):
                    if skip and (_known(words[i], lex) or _ACRONYM_RE.match(words[i])):
                        parts.append((i, i + 1, False))  # "IEA" of "IEA Director Fatih Birol"
                    i, title, changed = j, True, True
                    break
            if changed:
                break
    k, keep = _person_split(words[i:], view, lex, standalone)
    if k:
        if keep:
            parts.append((i, i + k, False))
        i, title = i + k, title or not keep
    end = len(words)
    lead = " ".join(words[i:-1])
    last = words[-1].casefold()
    if end - i >= 2 and last in lex["stop"] and (followed or last in MEDIA_WORDS) and (
            _key(lead) in lex["aliases"] or _ACRONYM_RE.match(lead)
            or _type_name(lead, lex["stamp"])[1] == "gazetteer"):
        end -= 1  # "US Defence" (of "US Defence Secretary ..."), "AP Photo": the name alone
    parts.append((i, end, title))
    return parts


def _extend(gs: int, ge: int, view: _TokenView, lex: dict, floor: int = 0) -> tuple[int, int]:
    """Grow a span over middle initials and name particles followed by a capitalised word,
    over a following organisation cue word, over "of <Name>" after an OF_CUES word
    ("Ministry of Defence", "Church of England") or "for <Name>" after a FOR_CUES word
    ("Center for Strategic Studies"), over "People 's Republic", and a lone first name, or
    one after a title, over the surname that follows it ("Karine" + "Jean-Pierre",
    "Minority Leader Kevin" + "McCarthy")."""
    n, lex_cues, text = len(view.text), lex["cues"], view.text
    nxt, prv = (text[ge] if ge < n else ""), (text[gs - 1] if gs > 0 else "")
    surname = ((ge - gs == 1 or text[ge - 2] in lex["title_words"]) and nxt[:1].isupper()
               and _surname_follows(ge, view, lex))
    core = (ge < n and (view.joiner[ge] or nxt in lex_cues or nxt in ("of", "for"))) \
        or view.joiner[ge - 1] or (gs > 0 and view.joiner[gs - 1]) or surname
    if not (core or nxt in TAIL_WORDS or prv == "of" or prv in ABBREVIATIONS
            or (prv == "the" and gs > 1 and text[gs - 2] == "of")):
        return gs, ge
    if core:
        gs, ge = _grow(gs, ge + surname, view, lex)
    if view.word(ge) in TAIL_WORDS:
        ge = _tail(gs, ge, view, lex)
    gs = _of_before(gs, view, lex, floor)
    if gs - 1 >= floor and view.word(gs - 1) in ABBREVIATIONS and view.same_sentence(gs - 1, gs):
        gs -= 1  # "St." + "Petersburg"
    return gs, ge


def _grow(gs: int, ge: int, view: _TokenView, lex: dict) -> tuple[int, int]:
    """The loop of :func:`_extend`: particles and initials, cue words, "of"/"for", "People's";
    then name particles before the span."""
    lex_cues = lex["cues"]
    while True:
        j = ge
        while view.same_sentence(gs, j) and (view.word(j).lower() in PARTICLES
                                             or _INITIAL_RE.match(view.word(j))):
            j += 1
        if j > ge and view.same_sentence(gs, j) and _NAME_WORD_RE.match(view.word(j)):
            ge = j + 1
        elif view.same_sentence(gs, ge) and lex_cues.get(view.word(ge)) == "ORGANIZATION" \
                and not view.at_start[ge]:
            ge += 1  # "Associated" + "Press"
        elif ((view.word(ge) == "of" and _of_span(gs, ge, view, lex))
              or (view.word(ge - 1) in FOR_CUES and view.word(ge) == "for")) \
                and view.same_sentence(gs, ge + 2) and (
                    _NAME_WORD_RE.match(view.word(ge + 1)) or (
                        view.word(ge + 1) == "the" and _NAME_WORD_RE.match(view.word(ge + 2)))):
            ge += 3 if view.word(ge + 1) == "the" else 2  # "Ministry of Defence", "Sea of Azov"
            while view.same_sentence(gs, ge) and _NAME_WORD_RE.match(view.word(ge)) \
                    and view.word(ge) not in lex["title_words"]:
                ge += 1
        elif view.word(ge - 1) == "People" and view.word(ge) in ("'s", "’s") \
                and view.same_sentence(gs, ge + 1) and _NAME_WORD_RE.match(view.word(ge + 1)):
            ge += 2  # "Donetsk People 's Republic"
            while view.same_sentence(gs, ge) and _NAME_WORD_RE.match(view.word(ge)):
                ge += 1
        else:
            break
    j = gs - 1
    while view.same_sentence(gs, j) and view.word(j).lower() in PARTICLES:
        j -= 1
    if j < gs - 1 and view.same_sentence(gs, j) and _NAME_WORD_RE.match(view.word(j)) \
            and not view.at_start[j]:
        gs = j
    return gs, ge


def _tail(gs: int, ge: int, view: _TokenView, lex: dict) -> int:
    """The end after a split-off dot, "'s", "and <Name>" or a suffix (:func:`_extend`)."""
    if view.word(ge) == "." and view.same_sentence(ge - 1, ge) \
            and _SPLIT_INITIALS_RE.match(view.word(ge - 1)):
        return ge + 1  # "E.U" + "." (the tokenizer keeps the last dot apart)
    if _possessive_name(gs, ge, view, lex):
        ge += 1  # "McDonald 's", "Moody 's", and "Couch 's Division"
        while view.same_sentence(gs, ge) and _NAME_WORD_RE.match(view.word(ge)) \
                and view.word(ge) not in lex["title_words"]:
            ge += 1
    ge = _and_join(gs, ge, view, lex)
    if view.same_sentence(gs, ge) and (view.word(ge) in SUFFIXES or (
            view.word(ge) == "I" and view.word(ge - 1) == "War")):
        ge += 1  # "Andrew Evans Jr.", "Elizabeth II", "Sputnik V", "World War I"
    return ge


def _of_head(g: int, view: _TokenView, lex: dict) -> bool:
    """Whether the word at ``g`` heads a name "<Head> of <Name>": an OF_CUES word, or a
    capitalised noun of the dictionary inside a sentence ("Battle", "Army", "Port"), no
    title and no first name."""
    word = view.word(g)
    return word in OF_CUES or (
        _NAME_WORD_RE.match(word) is not None and not view.at_start[g]
        and word not in lex["title_words"] and word.lower() not in MONTHS
        and word.lower() not in WEEKDAYS and _dictionary_word(word, view, lex))


def _dictionary_word(word: str, view: _TokenView, lex: dict) -> bool:
    """A capitalised word that is a common word of the corpus or of the dictionary, no
    first name and no known name."""
    low = word.lower()
    return (_is_common(word, view) or low in english_words()
            or (low.endswith("s") and low[:-1] in english_words())) \
        and not _is_first_name(word, lex) and not _known(word, lex)


def _of_span(gs: int, ge: int, view: _TokenView, lex: dict) -> bool:
    """Whether the span heads a name "<Span> of <Name>": it ends with an OF_CUES word, or it
    is 1-3 capitalised dictionary words ("Battle", "Legislative Assembly", "World Series")."""
    if view.word(ge - 1) in OF_CUES:
        return True
    return ge - gs <= 3 and not (ge - gs == 1 and view.at_start[gs]) and all(
        _NAME_WORD_RE.match(view.word(g)) and view.word(g) not in lex["title_words"]
        and view.word(g).lower() not in MONTHS and _dictionary_word(view.word(g), view, lex)
        for g in range(gs, ge))


def _and_join(gs: int, ge: int, view: _TokenView, lex: dict) -> int:
    """The end of "<span> and <Name>" when it is one name: the span names an institution
    by "of"/"for" ("Department of Physics" + "and Astronomy"), or the words after "and" end
    with a cue word of laws and events ("National Security" + "and Investment Act"), or the
    whole is a known name ("Bosnia and Herzegovina"); never after a person or a known name,
    nor over a known name."""
    if view.word(ge) not in ("and", "&") or not view.same_sentence(gs, ge + 1):
        return ge
    j = ge + 1
    while view.same_sentence(gs, j) and _NAME_WORD_RE.match(view.word(j)) \
            and view.word(j) not in lex["title_words"]:
        j += 1
    if j == ge + 1:
        return ge
    span, rest = " ".join(view.text[gs:ge]), " ".join(view.text[ge + 1:j])
    if _listed(" ".join(view.text[gs:j]), lex):
        return j
    if _listed(span, lex) or _listed(rest, lex) or _is_first_name(view.word(gs), lex) \
            or _is_first_name(view.word(ge + 1), lex) or view.at_start[gs]:
        return ge
    institution = any(view.word(g) in ("of", "for") and view.word(g - 1) in OF_CUES | FOR_CUES
                      for g in range(gs + 1, ge - 1))
    cue = lex["cues"].get(view.word(j - 1)) == "EVENT"  # an act, treaty, award ...
    return j if institution or cue else ge


def _listed(name: str, lex: dict) -> bool:
    """A name of the alias table or the place gazetteer."""
    return _key(name) in lex["aliases"] or _type_name(name, lex["stamp"])[1] == "gazetteer"


def _possessive_name(gs: int, ge: int, view: _TokenView, lex: dict) -> bool:
    """Whether the "'s" at ``ge`` ends the name before it: its last word comes before "'s"
    every time in its document, it is no known name and no person (a first name), and what
    follows is no noun it could own (punctuation, a capitalised word, "said", "and")."""
    last, nxt = view.word(ge - 1), view.word(ge + 1)
    return (view.word(ge) in ("'s", "’s") and (view.doc[ge - 1], last) in view.possessive_only()
            and view.same_sentence(ge - 1, ge)
            and not any(_is_first_name(view.word(g), lex) for g in range(gs, ge))
            and not _known(" ".join(view.text[gs:ge]), lex) and not _known(last, lex)
            and (not nxt[:1].isalpha() or nxt[:1].isupper() or nxt in POSSESSIVE_FOLLOWERS))


def _of_before(gs: int, view: _TokenView, lex: dict, floor: int) -> int:
    """The new start of a span after "<Head> of [the]" ("Battle of" + "Gettysburg", "Army
    of the" + "Potomac"), over the capitalised words before the head; ``gs`` when none."""
    j = gs - 1
    if view.word(j) == "the":
        j -= 1
    if view.word(j) != "of" or not view.same_sentence(j - 1, gs) or j - 1 < floor \
            or not _of_head(j - 1, view, lex):
        return gs
    j -= 1
    while j - 1 >= floor and view.same_sentence(j - 1, gs) and not view.at_start[j] \
            and _NAME_WORD_RE.match(view.word(j - 1)) \
            and view.word(j - 1) not in lex["title_words"]:
        j -= 1
    return j


def _surname_follows(ge: int, view: _TokenView, lex: dict) -> bool:
    """Whether the one-word span ending at ``ge`` is a first name followed, in the same
    sentence, by a capitalised word that can only be its surname (not a common word,
    date, title or known name)."""
    first, nxt = view.word(ge - 1), view.word(ge)
    return (nxt[:1].isupper() and view.same_sentence(ge - 1, ge)
            and _NAME_WORD_RE.match(nxt) is not None
            and _is_first_name(first, lex) and not _known(first, lex)
            and nxt.lower() not in MONTHS and nxt.lower() not in WEEKDAYS
            and nxt not in lex["title_words"] and not _is_common(nxt, view)
            and not _known(nxt, lex))


def _repair(entities: pd.DataFrame, view: _TokenView,
            standalone: dict | None = None) -> tuple[pd.DataFrame, np.ndarray]:
    lex = lexicons()
    if entities.empty:  # no mention (a corpus or part without names): nothing to repair
        return entities.reset_index(drop=True), np.zeros(0, bool)
    if standalone is None:
        standalone = Counter(entities["text"].astype(str))
    base = entities["doc_id"].map(view.base)
    if base.isna().any():
        raise ValueError("entities has doc_id values that the tokens table lacks")
    gstart = (base + entities["start_token"]).to_numpy(np.int64)
    gend = (base + entities["end_token"]).to_numpy(np.int64)
    order = np.lexsort((gstart,  base.to_numpy(np.int64)))
    plans: dict = {}
    rows, starts, ends, titles = [], [], [], []
    consumed = -1
    for i in order:
        gs, ge = max(gstart[i], consumed), gend[i]
        if ge <= gs:
            continue
        gs, ge = _extend(gs, ge, view, lex, max(consumed, 0))
        gs = max(gs, consumed)
        words = tuple(view.text[gs:ge])
        key = (words, bool(view.at_start[gs]),
               view.same_sentence(ge - 1, ge) and view.word(ge)[:1].isupper())
        if key not in plans:
            plans[key] = _plan(words, key[1], view, lex, standalone, key[2])
        for a, b, title in plans[key]:
            rows.append(i)
            starts.append(gs + a)
            ends.append(gs + b)
            titles.append(title)
        consumed = ge
    out = entities.iloc[rows].copy()
    b = base.to_numpy(np.int64)[rows]
    out["start_token"] = (np.asarray(starts) - b).astype(entities["start_token"].dtype)
    out["end_token"] = (np.asarray(ends) - b).astype(entities["end_token"].dtype)
    out["text"] = pd.array([" ".join(view.text[s:e]) for s, e in zip(starts, ends)],
                           dtype=entities["text"].dtype)
    return out.reset_index(drop=True), np.asarray(titles, bool)


@_lexicons_pinned
def repair_spans(entities: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``entities`` with spans repaired over the tokens (docs/entities.md).

    Parameters
    ----------
    entities : pandas.DataFrame
        ``doc_id, start_token, end_token, text, ...`` (``end_token`` exclusive).
    tokens : pandas.DataFrame
        ``doc_id, sent_id, token_id, text`` grouped by document, ``token_id`` 0, 1, ...

    Returns
    -------
    pandas.DataFrame
        The same columns; a row may become two (a split prefix) or vanish (absorbed).

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": "d", "sent_id": 0, "token_id": range(4),
    ...                      "text": ["Vladimir", "V.", "Putin", "spoke"]})
    >>> ents = pd.DataFrame({"doc_id": ["d"], "start_token": [0], "end_token": [1],
    ...                      "text": ["Vladimir"], "label": ["ENTITY"]})
    >>> repair_spans(ents, toks)["text"].tolist()
    ['Vladimir V. Putin']
    """
    _check_entities(entities, {"doc_id", "start_token", "end_token", "text"})
    return _repair(entities, _TokenView(tokens))[0]


def _check_entities(entities, needed: set) -> None:
    if not isinstance(entities, pd.DataFrame):
        raise ValueError(f"entities must be a DataFrame, got {type(entities).__name__}")
    missing = needed - set(entities.columns)
    if missing:
        raise ValueError(f"entities lacks column(s) {sorted(missing)}; needs {sorted(needed)}")
