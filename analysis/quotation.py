"""Quotes and their speakers: :func:`quotes` finds the direct and indirect quotes of each
document and resolves who speaks them.

The rules (quote marks, speech cues, pronouns, unnamed sources) are described in
``docs/quotes.md``; the cues and unnamed-source nouns are the editable lists
``data/lexicons/quote_cues.txt`` and ``anonymous_sources.txt``. The tables built from the
quotes (who is quoted, by whom) are in :mod:`analysis.speakers`.
"""

from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from . import config
from .backend import concat, is_partitioned, map_reduce
from .engine import spacy_pipeline
from .gazetteers import first_names
from .lexicons import cached_on_files, read_lines
from .model import check_ann as _check_ann
from .vocabulary import UNTYPED
from .vocabulary import checked

QUOTE_COLUMNS = ["doc_id", "source", "date", "paragraph_id", "sent_id", "kind", "speaker",
                 "speaker_label", "cue", "text", "start", "end"]
MIN_WORDS = 4  # a quoted stretch of fewer words is a scare quote or a title, not speech
ANONYMOUS, DESCRIPTION = "ANONYMOUS", "DESCRIPTION"
CUES_FILE = config.LEXICON_DIR / "quote_cues.txt"
ANONYMOUS_FILE = config.LEXICON_DIR / "anonymous_sources.txt"
PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON"}
_OPEN = "“„«"
_CLOSE = "”»"
_MAX_SPEAKER_WORDS = 9


# --------------------------------------------------------------------------- lexicons
@cached_on_files(lambda: (CUES_FILE, ANONYMOUS_FILE))
def _lexicon() -> dict:
    cues = read_lines(CUES_FILE, lower=True)
    words = sorted(cues, key=len, reverse=True)
    # lower case only ("United States" is no cue), but a sentence may start "According to"
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    alt = alt.replace("according", "[Aa]ccording")
    return {"cues": set(cues), "anonymous": set(read_lines(ANONYMOUS_FILE, lower=True)),
            "cue_re": re.compile(rf"(?<![\w’'-])(?:{alt})(?![\w’'-])")}


def lexicon() -> dict:
    """The speech cues and unnamed-source nouns (re-read when the files change)."""
    return _lexicon()


# --------------------------------------------------------------------------- quote marks
def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, bool]]:
    """Quoted stretches of ``text[start:end]`` (one paragraph): ``(begin, end, closed)``.

    ``begin``/``end`` exclude the marks. Curly marks pair “ with ”; straight
    ``"`` marks alternate (open, close); ‘ ’ pair when ’ is not inside a word.
    A mark left open runs to ``end`` (``closed`` False). Linear in the length.

    Examples
    --------
    >>> quote_spans('He said: “We will not leave.” Then "we go," she said.')
    [(10, 28, True), (36, 42, True)]
    """
    end = len(text) if end is None else end
    out, i, opened, kind = [], start, None, ""
    while i < end:
        ch = text[i]
        if opened is None:
            if ch in _OPEN or (ch == '"') or (ch == "‘" and _opens_single(text, i, start)):
                opened, kind = i + 1, ch
        elif (ch in _CLOSE and kind not in ('"', "‘")) or (ch == '"' and kind == '"') \
                or (ch == "’" and kind == "‘" and _closes_single(text, i, end)):
            out.append((opened, i, True))
            opened = None
        elif ch in _OPEN and kind in _OPEN:  # a new opening mark: the last quote ended unclosed
            out.append((opened, _rstrip(text, opened, i), False))
            opened = i + 1
        i += 1
    if opened is not None and opened < end:
        out.append((opened, _rstrip(text, opened, end), False))
    return out


def _opens_single(text: str, i: int, start: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "(—–“\"") and after.isalnum()


def _closes_single(text: str, i: int, end: int) -> bool:
    after = text[i + 1] if i + 1 < end else " "
    return not after.isalnum()


def _rstrip(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _words(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------- one document
_STOP_AFTER = {"in", "on", "at", "to", "during", "after", "before", "from", "with", "when",
               "while", "as", "and", "but", "adding", "who", "which", "that", "last", "this",
               "earlier", "later", "yesterday", "today", "tonight", "monday", "tuesday",
               "wednesday", "thursday", "friday", "saturday", "sunday", "recently", "then",
               "also", "previously", "told", "via", "according", "of"}
_DIRECT_ONLY = {"asked", "asks", "continued", "posted", "believes", "believed", "thinks",
                "reported", "reports", "demanded", "threatened", "boasted", "complained"}
# cues that report a clause without "that" ("Peskov said the talks failed"); any other cue
# needs "that" for an indirect quote ("Biden announced that ..." but not "announced a plan")
_BARE = {"said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "warned",
         "warns", "claimed", "claims", "insisted", "insists", "noted", "notes", "wrote", "writes",
         "tweeted", "explained", "argued", "asserted", "declared", "stressed", "acknowledged",
         "admitted", "confirmed", "alleged", "denied", "denies"}
# words that start an adverbial, not a reported clause: "said at a conference", "said Monday"
_NOT_CLAUSE = {"in", "at", "on", "during", "following", "after", "before", "as", "while", "when",
               "speaking", "of", "about", "to", "via", "monday", "tuesday", "wednesday",
               "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight",
               "earlier", "later", "last", "according", "once", "again", "also", "in"}
# where a reported clause ends before its sentence does: another source or a new clause
_CLAUSE_END = re.compile(r",\s+(?:according\s+to|reportedly|citing|which|while|"
                         r"though|although|despite)\b|,\s+(?:and|but)\s+(?:it|he|she|they|"
                         r"the|this|there|we|i)\b")
_PARTICIPLES = {"saying", "adding", "telling", "warning", "claiming", "insisting", "noting",
                "arguing", "stressing", "writing"}
_NP_TAG = re.compile(r"^(DT|JJ.?|NN.*|POS|CD|PRP\$|VBN|HYPH)$")
_TRAILING_APPOSITION = re.compile(r",\s*(?:speaking|who|which|writing|citing|asked|asking)\b"
                                  r"[^,]*,?\s*$")
_TRAILING_TIME = re.compile(r"(?:\s+(?:on|late|early|last|this|earlier|late\s+last|on\s+\w+day))?"
                            r"\s+(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                            r"week|weekend|night|month|morning|evening|afternoon|today|yesterday|"
                            r"tonight|overnight)\s*,?\s*$")
_NP_PREPOSITIONS = {"of", "in", "for", "at", "from", "with", "close"}
_TRAILING = {"RB", "MD", "VBZ", "VBD", "VBP", "VB", "CC"}
_OTHER_PRONOUNS = {"it", "they", "we", "i", "you", "this", "that", "who", "which", "one"}
_FILLERS = {"but", "and", "also", "meanwhile", "then", "however", "has", "had", "have",
            "will", "would", "later", "earlier", "previously", "again", "further", "had"}
_WORD_RE = re.compile(r"[\w’'.-]+", re.UNICODE)


class _Doc:
    """One document's text with its sentences and entity mentions (character spans)."""

    def __init__(self, text: str, sents: pd.DataFrame, ents: pd.DataFrame, toks: pd.DataFrame):
        self.text = text
        self.t_start = toks["start"].to_numpy(np.int64)
        self.t_end = toks["end"].to_numpy(np.int64)
        self.t_pos = toks["pos"].astype(str).to_numpy(object)
        self.speakers: list[tuple[int, str, str]] = []  # (position, speaker, label) so far
        self.s_start = sents["start"].to_numpy(np.int64)
        self.s_end = sents["end"].to_numpy(np.int64)
        self.s_id = sents["sent_id"].to_numpy(np.int64)
        self.s_par = sents["paragraph_id"].to_numpy(np.int64)
        self.e_start = ents["cstart"].to_numpy(np.int64)
        self.e_end = ents["cend"].to_numpy(np.int64)
        self.e_name = ents["canonical"].astype(str).to_numpy(object)
        self.e_label = ents["label"].astype(str).to_numpy(object)
        self.quoted = np.zeros(len(ents), dtype=bool)
        self._surnames: dict | None = None
        self._par_start: np.ndarray | None = None
        self.nlp = None  # a spaCy pipeline with a dependency parser, when there is one
        self._parsed: dict = {}

    def sentence_at(self, pos: int) -> int:
        i = int(np.searchsorted(self.s_start, pos, side="right")) - 1
        return max(i, 0)

    def dep_subject(self, at: int) -> tuple[int, int] | None:
        """With a dependency parse: the span of the subject of the cue at ``at`` (its
        ``nsubj``, or the object of "according to"); None without a parse."""
        if self.nlp is None:
            return None
        i = self.sentence_at(at)
        s0 = int(self.s_start[i])
        if i not in self._parsed:
            self._parsed[i] = self.nlp(self.text[s0:int(self.s_end[i])])
        sdoc = self._parsed[i]
        if not sdoc.has_annotation("DEP"):
            return None
        cue = next((t for t in sdoc if t.idx <= at - s0 < t.idx + len(t)), None)
        if cue is None:
            return None
        heads = [cue] + [c for c in cue.children if c.dep_ == "prep"]  # according -> to
        for head in heads:
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass", "pobj"):
                    sub = list(child.subtree)
                    return s0 + sub[0].idx, s0 + sub[-1].idx + len(sub[-1])
        return None

    def add_speaker(self, pos: int, speaker: str, label: str) -> None:
        bisect.insort(self.speakers, (pos, speaker, label))

    def speakers_before(self, pos: int):
        """The speakers quoted before ``pos``, nearest first."""
        k = bisect.bisect_left(self.speakers, (pos, "", ""))
        return reversed(self.speakers[:k])

    def paragraphs(self):
        """``(paragraph_id, start, end)`` in order (sentences are sorted by start)."""
        cuts = np.flatnonzero(np.r_[True, self.s_par[1:] != self.s_par[:-1]])
        ends = np.r_[cuts[1:], len(self.s_par)]
        for lo, hi in zip(cuts, ends):
            yield int(self.s_par[lo]), int(self.s_start[lo]), int(self.s_end[lo:hi].max())

    def paragraph_start(self, i: int) -> int:
        """Start of the paragraph of sentence ``i``."""
        if self._par_start is None:
            first = np.r_[True, self.s_par[1:] != self.s_par[:-1]]
            self._par_start = self.s_start[np.maximum.accumulate(
                np.where(first, np.arange(len(first)), 0))]
        return int(self._par_start[i])

    def entities_in(self, lo: int, hi: int) -> np.ndarray:
        a, b = np.searchsorted(self.e_start, [lo, hi])
        rows = np.arange(a, b)
        return rows[self.e_end[rows] <= hi]

    def person_named(self, phrase: str) -> str:
        """The person of this document whose surname is a capitalised word of ``phrase``
        ("Mr Zelensky" when the chunker missed the name there)."""
        if self._surnames is None:
            people = self.e_label == "PERSON"
            self._surnames = {str(n).split()[-1]: str(n) for n in self.e_name[people]
                              if len(str(n).split()) > 1}
        for word in reversed(re.findall(r"[A-Z][\w’'-]+", phrase)):
            if word in self._surnames:
                return self._surnames[word]
        return ""

    def last_person_before(self, pos: int, par_start: int, pronoun: str) -> tuple[str, str] | None:
        """Who "he"/"she" at ``pos`` is: the last person quoted within the last 600
        characters, else the last person mentioned before (outside quotes), this paragraph
        first; a first name of the other gender is skipped."""
        gender = "f" if pronoun in ("she", "her") else "m"
        names = first_names()
        fits = lambda n: names.get(str(n).split()[0].casefold(), "?") in (gender, "?")  # noqa
        for at, speaker, label in self.speakers_before(pos):
            if pos - at > 600:
                break
            if label == "PERSON" and fits(speaker):
                return speaker, label
        for lo in (par_start, 0):
            for r in range(int(np.searchsorted(self.e_start, pos)) - 1, -1, -1):
                if self.e_start[r] < lo:
                    break
                if self.e_end[r] <= pos and not self.quoted[r] and \
                        self.e_label[r] == "PERSON" and fits(self.e_name[r]):
                    return self.e_name[r], "PERSON"
        return None

    def last_group_before(self, pos: int) -> tuple[str, str]:
        """Who "it"/"they" at ``pos`` is: the last speaker quoted within 600 characters that
        is not a person (a ministry, a country, "officials"); else nobody."""
        for at, speaker, label in self.speakers_before(pos):
            if pos - at > 600:
                break
            if label not in ("PERSON", ""):
                return speaker, label
        return "", ""

    def named_before(self, pos: int, head: str) -> tuple[str, str] | None:
        """The organisation last quoted or named before ``pos`` whose name has the word
        ``head`` ("the ministry" -> "UK Ministry of Defence")."""
        key = head.casefold().strip(".,")
        if len(key) < 3:
            return None
        for _, speaker, label in self.speakers_before(pos):
            if label != "PERSON" and key in speaker.casefold().split():
                return speaker, label
        for r in range(int(np.searchsorted(self.e_start, pos)) - 1, -1, -1):
            if self.e_label[r] == "ORGANIZATION" and key in str(self.e_name[r]).casefold().split():
                return self.e_name[r], "ORGANIZATION"
        return None

    def subject_end(self, lo: int, hi: int) -> int:
        """End of the subject when ``[lo, hi)`` holds a clause with a finite verb of its own
        ("Ruben Gallego pushed back on Twitter, [saying]": the subject ends before "pushed")."""
        rows = np.arange(*np.searchsorted(self.t_start, [lo, hi]))
        verbs = [r for r in rows[1:-1] if self.t_pos[r] in ("VBD", "VBZ", "VBP")
                 and self.text[self.t_start[r]:self.t_end[r]].lower() not in _FILLERS]
        return int(self.t_start[verbs[0]]) if verbs else hi

    def noun_phrase_before(self, lo: int, hi: int) -> tuple[int, int] | None:
        """The noun phrase ending at ``hi`` (tags DT JJ NN* POS CD PRP$; "a senior official")."""
        rows = np.arange(*np.searchsorted(self.t_start, [lo, hi]))
        rows = rows[self.t_end[rows] <= hi]
        end = len(rows)
        while end and (self.t_pos[rows[end - 1]] in _TRAILING
                       or self.text[self.t_start[rows[end - 1]]] in ",;:"):
            end -= 1  # "the State Department has", "the UK also"
        begin = end
        while begin and (_NP_TAG.match(self.t_pos[rows[begin - 1]]) or (
                begin > 1 and begin < end and self.t_pos[rows[begin - 1]] == "IN"
                and self.text[self.t_start[rows[begin - 1]]:self.t_end[rows[begin - 1]]].lower()
                in _NP_PREPOSITIONS and _NP_TAG.match(self.t_pos[rows[begin - 2]]))):
            begin -= 1  # "officials in Moscow", "a person familiar with the matter"
        if begin == end:
            return None
        return int(self.t_start[rows[begin]]), int(self.t_end[rows[end - 1]])


def _resolve(doc: _Doc, lo: int, hi: int, par_start: int, lex: dict) -> tuple[str, str]:
    """``(speaker, speaker_label)`` of the speaker phrase ``doc.text[lo:hi]``."""
    hi = doc.subject_end(lo, hi)
    text = doc.text[lo:hi]
    for pattern in (_TRAILING_APPOSITION, _TRAILING_TIME):  # "X, speaking on ..., said"
        cut = pattern.search(text)
        if cut and cut.start() > 0:
            text = text[:cut.start()]
    hi = lo + len(text)
    phrase = text.strip(" \t\n,;:—–-\"“”‘’")
    words = [w for w in phrase.lower().split() if w not in _FILLERS]
    if not words:
        return "", ""
    if not any(ch.isalnum() for ch in phrase):
        return "", ""
    if words[-1] in _OTHER_PRONOUNS or (words[0] in _OTHER_PRONOUNS and len(words) <= 2):
        return doc.last_group_before(lo) if words[-1] in ("it", "they") else ("", "")
    if words[-1] in PRONOUNS or (words[0] in PRONOUNS and len(words) <= 2):
        pronoun = words[-1] if words[-1] in PRONOUNS else words[0]
        found = doc.last_person_before(lo, par_start, pronoun)
        return found if found else ("", "")
    rows = doc.entities_in(lo, hi)
    rows = rows[~doc.quoted[rows]]
    people = rows[doc.e_label[rows] == "PERSON"]
    if len(people):
        return doc.e_name[people[-1]], "PERSON"
    untyped = [r for r in rows if doc.e_label[r] == UNTYPED and len(doc.e_name[r].split()) > 1]
    if untyped:  # an untyped name of several words is most often a person's
        return doc.e_name[untyped[-1]], UNTYPED
    named = doc.person_named(phrase)
    if named:
        return named, "PERSON"
    anonymous = any(w.strip(".,") in lex["anonymous"] for w in words)
    if len(rows) and not anonymous:
        last = rows[-1]
        tail = doc.text[doc.e_end[last]:hi].strip(" \t\n,;:.")
        if not tail or tail.lower() in ("'s", "’s"):  # the phrase ends with the entity
            return doc.e_name[last], doc.e_label[last]
    span = doc.noun_phrase_before(lo, hi)
    if span is not None:
        phrase = doc.text[span[0]:span[1]]
        anonymous = any(w.strip(".,").lower() in lex["anonymous"] for w in phrase.split())
    if not anonymous:  # "the ministry": the ministry named or quoted before
        earlier = doc.named_before(lo, phrase.split()[-1])
        if earlier:
            return earlier
    return _noun_phrase(phrase), ANONYMOUS if anonymous else DESCRIPTION


def _noun_phrase(phrase: str) -> str:
    words = phrase.split()[-_MAX_SPEAKER_WORDS:]
    if words and words[0].lower() in ("the", "a", "an"):
        words[0] = words[0].lower()
    return " ".join(words)


def _speaker_after_cue(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Span of the speaker written after its cue ("said the embassy in a statement")."""
    end = lo
    for m in _WORD_RE.finditer(text, lo, hi):
        word = m.group().lower().strip(".")
        gap = text[end:m.start()]
        if word in _STOP_AFTER or any(c in gap for c in ",;:“”\"") or \
                (m.start() - lo) > 60:
            break
        end = m.end()
        if m.group().endswith("."):
            break
    return lo, end


def _clause_start(doc: "_Doc", lo: int, hi: int) -> int:
    """Where the clause ending at ``hi`` starts: its sentence's start (the annotation's
    sentences know "D-Wash." is no sentence end), or after the last quote mark or ";"."""
    base = cut = max(lo, int(doc.s_start[doc.sentence_at(max(hi - 1, lo))]))
    for m in re.finditer(r"[;”\"][,.]?\s|[“\"]", doc.text[base:hi]):
        cut = base + m.end()
    return cut


def _cue_after(doc: _Doc, q_end: int, limit: int, lex: dict):
    """``(cue, speaker span)`` written right after a quote: ``"...," Peskov said``."""
    after = doc.text[q_end:limit].lstrip(" \"”’")
    if doc.text[q_end - 2:q_end - 1] in (".", "!", "?") and after[:1].isupper() \
            and not after.startswith(("He ", "She ")):
        return None  # the quote ended its sentence: a cue after it starts the next one
    m = lex["cue_re"].search(doc.text, q_end, limit)
    if m is None or _words(doc.text[q_end:m.start()]) > _MAX_SPEAKER_WORDS \
            or re.search(r"[.!?]\s", doc.text[q_end:m.start()]):
        return None
    between = (q_end, m.start())
    if not doc.text[q_end:m.start()].strip(" \t\n,—–-\"”’"):
        between = _speaker_after_cue(doc.text, m.end(), limit)
    return m.group().lower(), between, m.start()


def _cue_before(doc: _Doc, lo: int, q_start: int, lex: dict):
    """``(cue, speaker span)`` written before a quote: ``Peskov said: "..."``."""
    found = None
    for m in lex["cue_re"].finditer(doc.text, lo, q_start):
        found = m
    if found is None:
        return None
    cue, at = found.group().lower(), found.start()
    if cue.startswith("according"):
        return cue, _speaker_after_cue(doc.text, found.end(), q_start), at
    start = _clause_start(doc, lo, found.start())
    if start >= found.start() and _words(doc.text[found.end():q_start]) <= 4:  # "said X: ..."
        return cue, _speaker_after_cue(doc.text, found.end(), q_start), at
    return cue, (start, found.start()), at


def _direct_spans(doc: _Doc) -> list[tuple[int, int, int, int, int]]:
    """``(paragraph_id, paragraph start, paragraph end, begin, end)`` of every quoted stretch;
    the entities inside them are marked (a name inside a quote is not its speaker)."""
    spans = [(pid, p0, p1, b, e) for pid, p0, p1 in doc.paragraphs()
             for b, e, _ in quote_spans(doc.text, p0, p1)]
    for _, _, _, b, e in spans:
        doc.quoted[doc.entities_in(b, e)] = True
    return spans


def _direct(doc: _Doc, spans: list, lex: dict) -> list[dict]:
    """Direct quotes of one document (quoted stretches of MIN_WORDS words or more), attributed
    in reading order."""
    rows, prev = [], None
    for k, (pid, p0, p1, b, e) in enumerate(spans):
        if _words(doc.text[b:e]) < MIN_WORDS:
            continue
        nxt = spans[k + 1][3] - 1 if k + 1 < len(spans) and spans[k + 1][0] == pid else p1
        lo = max(int(doc.s_start[doc.sentence_at(b)]), spans[k - 1][4] + 1 if k else p0, p0)
        found = _cue_after(doc, e + 1, min(nxt, e + 160), lex) or \
            _cue_before(doc, lo, max(b - 1, lo), lex)
        speaker, label, cue = "", "", ""
        if found:
            cue, (s_lo, s_hi), at = found
            s_lo, s_hi = doc.dep_subject(at) or (s_lo, s_hi)
            speaker, label = _resolve(doc, s_lo, s_hi, p0, lex)
        elif prev and (prev[2] == pid or prev[2] == pid - 1) and b - prev[3] < 400:
            speaker, label = prev[0], prev[1]  # a quote of several sentences or paragraphs
        if speaker:
            prev = (speaker, label, pid, e)
            doc.add_speaker(e, speaker, label)
        rows.append({"paragraph_id": pid, "sent_id": int(doc.s_id[doc.sentence_at(b)]),
                     "kind": "direct", "speaker": speaker, "speaker_label": label,
                     "cue": cue, "start": b, "end": e})
    return rows


_DAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend|night|month|"
        r"morning|evening|afternoon|today|yesterday|tonight|overnight|earlier|later|recently|"
        r"again|also|previously)")
_ADVERBIAL = re.compile(
    rf"\s*,?\s*(?:(?:on|late|early|last|this|earlier|on\s+\w+)\s+)?(?i:{_DAY})\b"
    rf"(?:\s+(?i:{_DAY})\b)?"
    r"|\s*,?\s*(?:in|on|at|during|via|through)\s+(?:a|an|the|his|her|its|their)\s+"
    r"(?:[\w’'-]+\s+){0,4}?(?:statement|tweet|interview|video|address|speech|post|briefing|"
    r"update|message|conference|meeting|report|call|remarks|letter|op-ed|column|email)s?\b"
    r"(?:\s+(?:on|to|with)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?")


def _content_after(text: str, lo: int, hi: int, cue: str) -> int | None:
    """Start of the reported clause after a cue: after "that" when it comes soon, after a
    listener ("told reporters") and time or place words ("said on Friday in a statement")."""
    if text[lo:hi].lstrip().startswith((":", "“", '"')):
        return None  # introduces a direct quote
    if cue in ("told", "tells", "telling"):  # skip the listener: "told reporters", "told the BBC"
        m = re.match(r"\s*(?:(?:the|a|an)\s+)?(?:[A-Z][\w’'.-]*\s+){1,4}|\s*\w+(?=[\s,])",
                     text[lo:hi])
        lo = lo + m.end() if m else lo
        if text[lo:hi].lstrip().startswith(","):
            return None  # "told journalists, referring to ...": no reported clause
    for _ in range(3):
        m = _ADVERBIAL.match(text, lo, hi)
        if not m or m.end() == lo:
            break
        lo = m.end()
    m = re.match(r"(?:\W*[\w’'.-]+){0,6}?\s*,?\s*\bthat\b", text[lo:hi])
    if m:
        return lo + m.end()
    if cue in _PARTICIPLES or cue not in _BARE:
        return None
    first = re.match(r"\W*([\w’']+)", text[lo:hi])
    return None if first is None or first.group(1).lower() in _NOT_CLAUSE else lo


def _indirect_one(doc: _Doc, s0: int, s1: int, m, lex: dict):
    """``(cue, speaker span, content span)`` of one cue in sentence ``[s0, s1)``, or None."""
    text, cue = doc.text, re.sub(r"\s+", " ", m.group().lower())
    end = s1
    while end > s0 and text[end - 1] in " .!?\"”’\n":
        end -= 1
    left = text[s0:m.start()]
    if cue == "according to":
        comma = text.find(",", m.end(), end)
        if comma > 0 and not left.strip():
            return cue, (m.end(), comma), (comma + 1, end)
        if left.rstrip().endswith(","):
            return cue, (m.end(), end), (s0, s0 + left.rstrip().rfind(","))
        return None
    if "," in left and _words(text[m.end():end]) <= 6 and "that" not in text[m.end():end]:
        cut = s0 + left.rfind(",")  # "<content>, Peskov said." / "<content>, said Peskov."
        speaker = (cut + 1, m.start()) if text[cut + 1:m.start()].strip() else \
            _speaker_after_cue(text, m.end(), end)
        return cue, speaker, (s0, cut)
    if cue in _PARTICIPLES:
        comma = left.find(",")
        speaker = (s0, s0 + comma) if comma > 0 else (s0, m.start())
    else:
        speaker = (_clause_start(doc, s0, m.start()), m.start())
        comma = text.rfind(",", speaker[0], m.start())
        if _words(text[speaker[0]:m.start()]) > 12 and comma > 0:  # "Asked about X, Y said"
            speaker = (comma + 1, m.start())
    if _words(text[speaker[0]:speaker[1]]) > 12:
        return None
    start = _content_after(text, m.end(), end, cue)
    return None if start is None else (cue, speaker, (start, end))


def _indirect(doc: _Doc, lex: dict, spans: list) -> list[dict]:
    """Indirect quotes: at most one per sentence, outside the direct quotes."""
    long = [(b, e) for _, _, _, b, e in spans if _words(doc.text[b:e]) >= MIN_WORDS]
    starts = np.array([b for b, _ in long], dtype=np.int64)
    ends = np.array([e for _, e in long], dtype=np.int64)

    def quoted_chars(lo: int, hi: int) -> int:  # characters of [lo, hi) inside direct quotes
        k = int(np.searchsorted(ends, lo, side="right"))
        total = 0
        while k < len(starts) and starts[k] < hi:
            total += max(0, min(hi, ends[k]) - max(lo, starts[k]))
            k += 1
        return total

    rows = []
    for i in range(len(doc.s_start)):
        s0, s1 = int(doc.s_start[i]), int(doc.s_end[i])
        for m in lex["cue_re"].finditer(doc.text, s0, s1):
            if quoted_chars(m.start(), m.start() + 1) or m.group().lower() in _DIRECT_ONLY:
                continue
            got = _indirect_one(doc, s0, s1, m, lex)
            if got is None:
                continue
            cue, (a, b), (c0, c1) = got
            a, b = doc.dep_subject(m.start()) or (a, b)
            while c0 < c1 and doc.text[c0] in " ,:\n":
                c0 += 1
            tail = _CLAUSE_END.search(doc.text, c0, c1)
            c1 = tail.start() if tail else c1
            quoted = quoted_chars(c0, c1)
            if _words(doc.text[c0:c1]) < MIN_WORDS or quoted > 0.85 * (c1 - c0):
                continue  # too short, or all the words of a direct quote
            par0 = doc.paragraph_start(i)
            speaker, label = _resolve(doc, a, b, par0, lex)
            if not speaker:
                continue
            doc.add_speaker(c1, speaker, label)
            rows.append({"paragraph_id": int(doc.s_par[i]), "sent_id": int(doc.s_id[i]),
                         "kind": "indirect", "speaker": speaker, "speaker_label": label,
                         "cue": cue, "start": c0, "end": c1})
            break
    return rows


def _entity_spans(ann) -> pd.DataFrame:
    """Entity mentions with character offsets ``cstart``/``cend`` into the cleaned text."""
    tok = ann.tokens[["doc_id", "token_id", "start", "end"]]
    ents = ann.entities[["doc_id", "start_token", "end_token", "canonical", "label"]]
    first = tok.rename(columns={"token_id": "start_token", "start": "cstart"})[
        ["doc_id", "start_token", "cstart"]]
    last = tok.assign(end_token=tok["token_id"] + 1).rename(columns={"end": "cend"})[
        ["doc_id", "end_token", "cend"]]
    out = ents.merge(first, on=["doc_id", "start_token"]).merge(last, on=["doc_id", "end_token"])
    return out.sort_values(["doc_id", "cstart"], kind="stable", ignore_index=True)


def _parser(ann):
    """The annotation's spaCy pipeline when it was made with ``engine="spacy"`` (its parse
    is then used where it has one), else None."""
    spacy = getattr(ann, "engine", "nltk") == "spacy" and ann.model
    return spacy_pipeline(ann.model) if spacy else None


@checked
def quotes(ann) -> pd.DataFrame:
    """Direct and indirect quotes with their speakers, one row per quote.

    What counts as a quote and how speakers are found: ``docs/quotes.md``.
    With annotations made by ``engine="spacy"`` whose pipeline has a dependency parser,
    the subject of each speech cue (its ``nsubj``; the object of "according to") is the
    speaker phrase, instead of the words next to the cue.

    Parameters
    ----------
    ann : Annotations
        From :func:`analysis.annotation.annotate` (any engine), in memory or
        partitioned (the quotes are then found part by part, as Dask tasks).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, source, date, paragraph_id, sent_id, kind`` ("direct" or
        "indirect"), ``speaker`` (canonical entity, noun phrase, or "" when
        unattributed), ``speaker_label`` (the entity's label, ``ANONYMOUS``,
        ``DESCRIPTION`` or ""), ``cue`` (said, told, according to, ...; "" for
        a quote continuing the previous speaker's), ``text`` (the quoted words)
        and ``start``/``end``, character offsets into the document's cleaned
        ``text`` (``text == docs.text[start:end]``). In document order.

    Examples
    --------
    >>> q = quotes(ann)
    >>> q["kind"].value_counts()
    kind
    indirect    8
    direct      3
    Name: count, dtype: int64
    >>> q.query("speaker == 'Vladimir Putin'")[["source", "cue", "text"]]
      source     cue                                         text
    3    TDI  stated  Ukraine’s desire to join NATO is a red line
    """
    _check_ann(ann)
    out = map_reduce(ann, _quotes_partial, _concat_quotes)
    if is_partitioned(ann):  # parts in another order than the documents: back to theirs
        position = pd.Series(np.arange(len(ann.docs)), index=ann.docs["doc_id"].to_numpy())
        order = np.argsort(out["doc_id"].map(position).to_numpy(dtype=float), kind="stable")
        out = out.iloc[order].reset_index(drop=True)
    return out


def document_quotes(text: str, sents: pd.DataFrame, ents: pd.DataFrame, toks: pd.DataFrame,
                    *, nlp=None, lex: dict | None = None) -> list[dict]:
    """The quotes of one document, in document order: dicts with ``paragraph_id, sent_id,
    kind, speaker, speaker_label, cue, start, end, text``.

    ``sents``/``toks`` are the document's sentences and tokens, ``ents`` its entity
    mentions with character offsets (``cstart``/``cend``, as :func:`_entity_spans` gives);
    ``nlp`` a spaCy pipeline whose parse is used where it has one.
    """
    doc = _Doc(text, sents, ents, toks)
    doc.nlp = nlp
    lex = lex or lexicon()
    spans = _direct_spans(doc)
    found = _indirect(doc, lex, spans)  # first, so that "he said" can point back to them
    found += _direct(doc, spans, lex)
    return [{**r, "text": text[r["start"]:r["end"]]}
            for r in sorted(found, key=lambda r: r["start"])]


def quote_table(ann) -> pd.DataFrame:
    """The quotes of ``ann``'s documents (in memory), in their order: the annotation table
    ``Annotations.quotes``, i.e. the columns of :func:`quotes` without ``source``/``date``."""
    lex, nlp = lexicon(), _parser(ann)
    by_doc_s = dict(tuple(ann.sentences.sort_values(["doc_id", "start"], kind="stable")
                          .groupby("doc_id", sort=False)))
    ents = _entity_spans(ann)
    by_doc_e = dict(tuple(ents.groupby("doc_id", sort=False)))
    by_doc_t = dict(tuple(ann.tokens[["doc_id", "start", "end", "pos"]].groupby("doc_id",
                                                                                 sort=False)))
    rows = [{"doc_id": d, **r} for d, text in ann.docs[["doc_id", "text"]].itertuples(index=False)
            if d in by_doc_s for r in document_quotes(str(text), by_doc_s[d], by_doc_e.get(
                d, ents.iloc[:0]), by_doc_t[d], nlp=nlp, lex=lex)]
    out = pd.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c not in ("source", "date")])
    return out.astype({"paragraph_id": "int64", "sent_id": "int64", "start": "int64",
                       "end": "int64"})


def _quotes_partial(ann, **_) -> pd.DataFrame:
    """Partial step of :func:`quotes`: the quotes of ``ann``'s documents, in their order
    (its ``quotes`` table when it has one, else found now), with ``source``/``date``."""
    table = ann.quotes if isinstance(getattr(ann, "quotes", None), pd.DataFrame) \
        else quote_table(ann)
    docs = ann.docs[["doc_id", "source", "date"]]
    where = table["doc_id"].map(pd.Series(np.arange(len(docs)), index=docs["doc_id"].to_numpy()))
    table = table[where.notna().to_numpy()].iloc[np.argsort(where.dropna().to_numpy(),
                                                            kind="stable")]
    out = table.merge(docs.astype({"doc_id": object}), on="doc_id", how="left")[QUOTE_COLUMNS]
    if not len(out):  # as a table built from no rows: untyped but for the offsets
        return out.astype({c: object for c in out.columns if out[c].dtype != "int64"})
    joined = pd.DataFrame({c: out[c].tolist() for c in ("doc_id", "source", "date")})
    return out.reset_index(drop=True).assign(**joined)  # typed as values (as rows give them)


def _concat_quotes(*frames: pd.DataFrame) -> pd.DataFrame:
    """Combine step of :func:`quotes`: the parts' quotes one after the other. Parts without
    quotes are left out (their empty columns have no type and would turn the others' into
    ``object``); a column typed differently in two parts gets the type of all its values."""
    found = [f for f in frames if len(f)] or list(frames[:1])
    return concat(*found).infer_objects() if len(found) > 1 else found[0]
