"""One document's text, sentences, tokens and entity mentions as arrays (:class:`_Doc`),
with the lookups the speaker rules of :mod:`analysis.quote_speakers` ask of it: the
people and groups named before a position, subjects, noun phrases, paragraphs.
"""

from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from . import config
from .gazetteers import first_names
from .lexicons import cached_on_files, read_lines
from .quote_people import ORGANISATION_NOUNS, People, add_missed_people, one_edit
from .vocabulary import UNTYPED

ANONYMOUS, DESCRIPTION = "ANONYMOUS", "DESCRIPTION"
ANONYMOUS_FILE = config.LEXICON_DIR / "anonymous_sources.txt"
# the nouns an article introduces an organisation with ("energy company DTEK"), and may
# name it by later ("the company said")
_KIND_NOUNS = ORGANISATION_NOUNS | {"institute", "outlet", "newspaper", "broadcaster",
                                    "operator", "provider", "network", "channel", "website",
                                    "regiment", "battalion", "brigade", "unit", "force"}


def _words(text: str) -> int:
    return len(text.split())

_STOP_AFTER = {"in", "on", "at", "to", "during", "after", "before", "from", "with", "when",
               "while", "as", "and", "but", "adding", "who", "which", "that", "last", "this",
               "earlier", "later", "yesterday", "today", "tonight", "monday", "tuesday",
               "wednesday", "thursday", "friday", "saturday", "sunday", "recently", "then",
               "also", "previously", "told", "via", "according", "of"}
_NP_TAG = re.compile(r"^(DT|JJ.?|NN.*|POS|CD|PRP\$|VBN|HYPH)$")
_TRAILING_APPOSITION = re.compile(r",\s*(?:speaking|who|which|writing|citing|asked|asking)\b"
                                  r"[^,]*,?\s*$")
_TRAILING_TIME = re.compile(r"(?:\s+(?:on|late|early|last|this|earlier|late\s+last|on\s+\w+day))?"
                            r"\s+(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                            r"week|weekend|night|month|morning|evening|afternoon|today|yesterday|"
                            r"tonight|overnight)\s*,?\s*$")
_INDEFINITE = {"a", "an", "one", "two", "three", "several", "some", "many", "another"}
_LEDE_CUT = {"of", "for", "to", "at", "with", "in", "from"}
_LEDE_HEADS = {"friend", "ally", "relative", "neighbour", "neighbor", "colleague", "partner",
               "wife", "husband", "mother", "father", "diplomat", "official", "leader",
               "politician", "minister", "president", "coordinator", "chief", "head",
               "secretary", "adviser", "advisor", "analyst", "expert", "spokesman",
               "spokeswoman", "spokesperson", "ambassador", "envoy", "commander", "governor"}
_NP_PREPOSITIONS = {"of", "in", "for", "at", "from", "with", "close"}
_TRAILING = {"RB", "MD", "VBZ", "VBD", "VBP", "VB", "CC"}
_DETERMINERS = {"one", "this", "that"}  # pronouns, or the first word of a noun phrase
_OTHER_PRONOUNS = {"it", "they", "we", "i", "you", "this", "that", "who", "which", "one"}
_FILLERS = {"but", "and", "also", "meanwhile", "then", "however", "has", "had", "have",
            "will", "would", "later", "earlier", "previously", "again", "further"}
_AUXILIARIES = {"has", "have", "had", "will", "would"}
_SUBORDINATORS = {"as", "when", "while", "after", "because", "since", "although", "though",
                  "whereas", "until", "before", "once"}
_AUXILIARY_RE, _SUBORDINATOR_RE = (re.compile(r"(?i)\b(?:%s)\b" % "|".join(w))
                                   for w in (_AUXILIARIES, _SUBORDINATORS))
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_COLLECTIVE = {"family", "government", "military", "army", "police", "team", "campaign",
               "public", "couple", "crew", "staff", "administration", "leadership"}
# the title before a name ("the Ukrainian President", "her opponent": "her" may be tagged PRP)
_TITLE_TAGS = {"NNP", "NNPS", "NN", "JJ", "HYPH", "DT", "PRP$", "PRP", "POS"}
_WORD_RE = re.compile(r"[\w’'.-]+", re.UNICODE)


def _strings(column: pd.Series) -> np.ndarray:
    """A text column as an array of ``str`` (a missing value as ""); three times faster
    than ``astype(str)`` on the annotations' Arrow-backed strings."""
    return column.to_numpy(dtype=object, na_value="")


class _Doc:
    """One document's text with its sentences and entity mentions (character spans)."""

    def __init__(self, text: str, sents: pd.DataFrame, ents: pd.DataFrame, toks: pd.DataFrame):
        self.text = text
        self.t_start = toks["start"].to_numpy(np.int64)
        self.t_end = toks["end"].to_numpy(np.int64)
        self.t_pos = _strings(toks["pos"])
        self.speakers: list[tuple[int, str, str]] = []  # (position, speaker, label) so far
        self.s_start = sents["start"].to_numpy(np.int64)
        self.s_end = sents["end"].to_numpy(np.int64)
        self.s_id = sents["sent_id"].to_numpy(np.int64)
        self.s_par = sents["paragraph_id"].to_numpy(np.int64)
        self.e_start = ents["cstart"].to_numpy(np.int64)
        self.e_end = ents["cend"].to_numpy(np.int64)
        self.e_name = _strings(ents["canonical"])
        self.e_label = _strings(ents["label"])
        self._surnames: dict | None = None
        self._organisations: list | None = None
        add_missed_people(self)
        self._widen_organisations()
        self.quoted = np.zeros(len(self.e_start), dtype=bool)
        self._people: People | None = None
        self._par_start: np.ndarray | None = None
        self.nlp = None  # a spaCy pipeline with a dependency parser, when there is one
        self._parsed: dict = {}

    def _widen_organisations(self) -> None:
        """An organisation's name cut before its "of" part ("Institute for the Study" of
        "Institute for the Study of War"): a name with a lowercase word inside, followed by
        "of" and capitalised words, takes them in."""
        for r in np.flatnonzero(self.e_label == "ORGANIZATION"):
            lo, hi = int(self.e_start[r]), int(self.e_end[r])
            inner = self.text[lo:hi].split()[1:-1]
            m = _OF_NAME.match(self.text, hi)
            if m and any(w.islower() for w in inner) and (r + 1 == len(self.e_start) or
                                                          self.e_start[r + 1] >= m.end()):
                self.e_end[r] = m.end()
                self.e_name[r] = " ".join(self.text[lo:m.end()].split())

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

    def person_named(self, phrase: str, *, alone: bool = False) -> str:
        """The person of this document whose surname is a capitalised word of ``phrase``
        ("Mr Zelensky" when the chunker missed the name there); with ``alone`` (a phrase
        of one word), also the one person whose name starts with it ("Wang" of "Wang Yi": a
        family name written first, or a first name alone)."""
        if self._surnames is None:
            names = first_names()  # an untyped name counts when it starts with a first name
            self._surnames = {str(n).split()[-1]: str(n) for n, lab in zip(self.e_name,
                              self.e_label) if len(str(n).split()) > 1 and (lab == "PERSON" or (
                                  lab == UNTYPED and str(n).split()[0].casefold() in names))}
        for word in reversed(re.findall(r"[A-Z][\w’'-]+", phrase)):
            if word in self._surnames:
                return self._surnames[word]
        caps = re.findall(r"[A-Z][\w’'-]+", phrase)
        if alone and len(caps) == 1:  # "Wang" of "Wang Yi", "Ekaterina"
            found = {n for n in self._surnames.values() if n.split()[0] == caps[0]}
            return found.pop() if len(found) == 1 else ""
        return ""

    def expand_acronym(self, pos: int, name: str) -> tuple[str, str] | None:
        """The organisation named before ``pos`` that ``name`` abbreviates ("MoD" after the
        "UK Ministry of Defence": the initials of consecutive words), else None."""
        if not _ACRONYM.fullmatch(name):
            return None
        if self._organisations is None:  # (start, name, initials) of names of several words
            self._organisations = [(int(self.e_start[r]), str(self.e_name[r]), "".join(
                w[0] for w in str(self.e_name[r]).split()).casefold()) for r in np.flatnonzero(
                self.e_label == "ORGANIZATION") if " " in str(self.e_name[r])]
        key = name.casefold()
        for at, full, initials in reversed(self._organisations):
            if at < pos and len(initials) >= len(key) and key in initials:
                return full, "ORGANIZATION"
        return None

    def written(self, r: int) -> str:
        """Entity ``r`` as a speaker: a person's canonical (fullest) name, an organisation or
        country as written at ``r`` ("Kiev", "Britain", "UN"; not "Kyiv", "United Kingdom")."""
        if self.e_label[r] == "PERSON" or _personlike(self.e_name[r], self.e_label[r]):
            return str(self.e_name[r])
        surface = " ".join(self.text[int(self.e_start[r]):int(self.e_end[r])].split())
        return surface if any(c.isupper() for c in surface) else str(self.e_name[r])

    def person_at(self, r: int) -> tuple[str, str] | None:
        """Entity ``r`` as a person, ``(name, label)``: a person or a person-like untyped name,
        or a lone surname of a person of the article that the annotation typed as something
        else ("Kadyrov" tagged as a place after "Ramzan Kadyrov"); else None."""
        name, label = str(self.e_name[r]), str(self.e_label[r])
        if _personlike(name, label):
            return name, label
        full = self.person_named(name) if " " not in name and label != "NORP" else ""
        return (full, "PERSON") if full else None

    def similar_person(self, word: str) -> str:
        """The person whose surname ``word`` misspells ("Zelenksyy", "Zhokva"): one edit
        or a swap apart, in a surname of six letters or more; "" when none or several."""
        if len(word) < 6 or self.person_named(word):
            return ""
        found = {n for s, n in self._surnames.items() if len(s) >= 6 and one_edit(word, s)}
        return found.pop() if len(found) == 1 else ""

    @property
    def people(self) -> People:
        """The persons of the document with their roles and gender (built once)."""
        if self._people is None:
            self._people = People(self)
        return self._people

    def last_person_before(self, pos: int, par_start: int, pronoun: str, *, clause: bool = True
                           ) -> tuple[str, str] | None:
        """Who "he"/"she" at ``pos`` is: the last person quoted within the last 600
        characters, unless a person is the subject of a sentence after that quote (a
        new person enters); else the last subject of the two sentences before; else the
        last person mentioned before (outside quotes), this paragraph first. A person in
        the pronoun's own sentence, before it, is in the reported clause and no subject
        (``clause=False``, for "his spokesman": it counts). A person of the other gender
        (first name, honorific, role word) is skipped."""
        gender = "f" if pronoun in ("she", "her") else "m"
        fits = lambda n: self.people.gender(n) in (gender, "?")
        quoted = next(((at, s, lab) for at, s, lab in self.speakers_before(pos)
                       if _personlike(s, lab) and fits(s)), None)
        i = self.sentence_at(pos)
        # what this sentence says before "he said" is the reported clause, not a new subject
        own = lambda lo: int(self.s_start[i]) if clause and lo < self.s_start[i] < pos else pos
        if quoted and pos - quoted[0] <= 600:
            newer = self.subject_after(quoted[0], own(quoted[0]), fits)
            return newer if newer else quoted[1:]
        lo = int(self.s_start[max(i - 2, 0)])  # salience: a subject of the sentences before
        subject = self.subject_after(lo, own(lo), fits)
        if subject:
            return subject
        for lo in (par_start, 0):
            for r in range(int(np.searchsorted(self.e_start, pos)) - 1, -1, -1):
                if self.e_start[r] < lo:
                    break
                found = self.person_at(r) if self.e_end[r] <= pos and not self.quoted[r] else None
                if found and fits(found[0]):
                    return found
        return None

    def salient_person(self, pos: int) -> str:
        """The person a description at ``pos`` most likely refers back to, as for "he":
        the person last quoted within 600 characters, unless a person is written as a
        subject after that quote; else the last subject of the sentence before; "" when
        none."""
        anyone = lambda n: True
        quoted = next(((at, s) for at, s, lab in self.speakers_before(pos)
                       if _personlike(s, lab)), None)
        i = self.sentence_at(pos)
        if quoted and pos - quoted[0] <= 600:
            newer = self.subject_after(quoted[0], min(pos, max(quoted[0], int(
                self.s_start[i]))), anyone)
            return newer[0] if newer else quoted[1]
        found = self.subject_after(int(self.s_start[max(i - 1, 0)]), int(self.s_start[i]),
                                   anyone)
        return found[0] if found else ""

    def subject_ahead(self, pos: int, fits) -> str:
        """The first person written as a subject after ``pos``, in its sentence or the
        next, outside quotes, who ``fits`` (a lead that names the person later: "Poland's
        president has said ... Andrzej Duda said"); "" when none."""
        i = self.sentence_at(pos)
        hi = int(self.s_end[min(i + 1, len(self.s_end) - 1)])
        for r in range(int(np.searchsorted(self.e_start, pos)), len(self.e_start)):
            if self.e_start[r] >= hi:
                break
            name = str(self.e_name[r])
            if not self.quoted[r] and _personlike(name, self.e_label[r]) \
                    and self.is_subject(r):
                return name if fits(name) else ""
        return ""

    def lede_person(self, lo: int, hi: int, phrase: str, lex: dict):
        """The person a description of one person in the article's lead stands for: with
        nobody named before it, in the first two sentences, the first person named after it in
        the next two sentences as the subject of a cue ("..., their close friend has told CNN.
        “...,” Anna Petrukova said"); else None."""
        words = [w.lower().strip(".,") for w in phrase.split()]
        while words and words[-1] in _FILLERS | {"has", "have", "had", "is", "was"}:
            words.pop()  # "their close friend [has]"
        cut = next((i for i, w in enumerate(words[1:], 1) if w in _LEDE_CUT), len(words))
        cut -= 1 if cut > 1 and words[cut - 1] in ("close", "familiar") else 0  # "close to"
        head = words[cut - 1] if cut else ""
        before = range(int(np.searchsorted(self.e_start, lo)))
        if not words or words[0] in _INDEFINITE - {"a", "an", "one"} or \
                self.sentence_at(lo) > 1 or head not in lex["anonymous"] | _LEDE_HEADS or (
                head.endswith("s") and not head.endswith("ss")) or any(
                self.e_label[r] == "PERSON" for r in before):
            return None
        i = self.sentence_at(hi)
        end = int(self.s_end[min(i + 2, len(self.s_end) - 1)])
        for r in range(int(np.searchsorted(self.e_start, hi)), len(self.e_start)):
            if self.e_start[r] >= end:
                break
            found = None if self.quoted[r] else self.person_at(r)
            s_end = int(self.s_end[self.sentence_at(int(self.e_start[r]))])
            if found and self.is_subject(r) and lex["cue_re"].search(
                    self.text, int(self.e_end[r]), min(s_end, int(self.e_end[r]) + 120)):
                return found
        return None

    def first_person_after(self, pos: int, pronoun: str) -> tuple[str, str] | None:
        """Cataphora: "he"/"she" at ``pos`` with nobody before it (a lead quote) is the
        first person of its gender named after it, outside quotes, in the two sentences
        that follow its own."""
        gender = "f" if pronoun in ("she", "her") else "m"
        i = self.sentence_at(pos)
        hi = int(self.s_end[min(i + 2, len(self.s_end) - 1)])
        for r in range(int(np.searchsorted(self.e_start, pos)), len(self.e_start)):
            if self.e_start[r] >= hi:
                break
            found = None if self.quoted[r] else self.person_at(r)
            if found and self.people.gender(found[0]) in (gender, "?"):
                return found
        return None

    def subject_after(self, lo: int, hi: int, fits) -> tuple[str, str] | None:
        """The last person between ``lo`` and ``hi`` who is written as a subject (not
        after a preposition, not before "'s", outside quotes) and ``fits``, with its
        label; else None. A sentence that starts with a lone name the annotation missed,
        before a verb, counts too ("Wang exchanged views ..." after "Wang Yi")."""
        missed = self._missed_subject(lo, hi, fits)
        for r in range(int(np.searchsorted(self.e_start, hi)) - 1, -1, -1):
            if self.e_start[r] < lo or (missed and self.e_start[r] < missed[0]):
                break
            found = None if self.e_end[r] > hi or self.quoted[r] else self.person_at(r)
            if found and fits(found[0]) and self.is_subject(r):
                return found
        return missed[1:] if missed else None

    def _missed_subject(self, lo: int, hi: int, fits) -> tuple[int, str, str] | None:
        """``(start, name, "PERSON")`` of the last sentence in ``[lo, hi)`` that starts with a
        capitalised word outside the entities, followed by a verb, that names one person of
        the article (:meth:`person_named`: a surname, or the first word of one name)."""
        found = None
        for k in range(self.sentence_at(lo), len(self.s_start)):
            s0 = int(self.s_start[k])
            if s0 >= hi:
                break
            t = int(np.searchsorted(self.t_start, s0))
            if s0 < lo or t + 1 >= len(self.t_pos) or self.t_pos[t] != "NNP" or \
                    self.t_pos[t + 1] not in ("VBD", "VBZ", "VBP", "MD") or \
                    len(self.entities_in(int(self.t_start[t]), int(self.t_end[t]))):
                continue
            name = self.person_named(self.text[self.t_start[t]:self.t_end[t]], alone=True)
            if name and fits(name):
                found = (s0, name, "PERSON")
        return found

    def modifies(self, r: int, hi: int) -> bool:
        """Whether entity ``r`` is a modifier of a noun before ``hi`` ("a senior Biden
        administration official")."""
        k = int(np.searchsorted(self.t_start, self.e_end[r]))
        return k < len(self.t_start) and self.t_end[k] <= hi and self.t_pos[k] in ("NN", "NNS")

    def is_subject(self, r: int) -> bool:
        """Whether entity ``r`` is written as a subject: not a possessor ("Putin's"), and
        the word before it and its title ("with Ukrainian President Volodymyr Zelensky")
        is no preposition and no verb ("met Boris Johnson"), but "with X making ..." is, and so
        is a name after its cue ("..., said John Kirby")."""
        if self.text[int(self.e_end[r]):int(self.e_end[r]) + 2] in ("'s", "’s"):
            return False
        s0 = int(self.s_start[self.sentence_at(int(self.e_start[r]))])
        k = int(np.searchsorted(self.t_start, self.e_start[r])) - 1
        while k >= 0 and self.t_start[k] >= s0 and self.t_pos[k] in _TITLE_TAGS:
            k -= 1
        if k < 0 or self.t_start[k] < s0:
            return True
        after = int(np.searchsorted(self.t_start, self.e_end[r]))
        if self.text[self.t_start[k]:self.t_end[k]].lower() == "with" and \
                after < len(self.t_pos) and self.t_pos[after] == "VBG":
            return True  # "with Volodymyr Zelensky making a trip": the subject of "making"
        if self.text[self.t_start[k]:self.t_end[k]].lower() in _INVERTED_CUES:
            return True  # "..., said John Kirby": the subject after its cue
        return self.t_pos[k] not in ("IN", "TO") and not self.t_pos[k].startswith("VB")

    def last_group_before(self, pos: int, *, it: bool = False) -> tuple[str, str]:
        """Who "it"/"they" at ``pos`` is: the last speaker quoted within 600 characters that
        is not a person (a ministry, a country, "officials"; for ``it`` no unnamed people
        either: "another witness" is no "it"); else the organisation or country that starts
        one of the two sentences before (its subject); else nobody."""
        for at, speaker, label in self.speakers_before(pos):
            if pos - at > 600:
                break
            if label not in ("PERSON", "") and not _personlike(speaker, label) and not (
                    it and label == ANONYMOUS):
                return speaker, label
        i = self.sentence_at(pos)
        for k in range(i, max(i - 3, -1), -1):
            s0 = int(self.s_start[k])
            for r in self.entities_in(s0, min(int(self.s_end[k]), pos)):
                lead = self.text[s0:int(self.e_start[r])].strip().lower()
                if lead in ("", "the") and not self.quoted[r] \
                        and self.e_label[r] in ("ORGANIZATION", "GPE"):
                    return self.written(r), str(self.e_label[r])
        return "", ""

    def plural_subject_before(self, pos: int, lex: dict, *, sentences: int = 3
                              ) -> tuple[str, str]:
        """Who "they" at ``pos`` is when no organisation is: the plural or collective noun
        phrase that is the subject of this sentence or one of the two before ("Pinner's
        family called ... they said", "Ukrainian officials have not ..., but they"), as a
        description; else nobody."""
        i = self.sentence_at(pos)
        for k in range(i, max(i - sentences, -1), -1):
            s0 = int(self.s_start[k])
            rows = np.arange(*np.searchsorted(self.t_start, [s0, min(int(self.s_end[k]), pos)]))
            end = next((j for j, r in enumerate(rows) if self.t_pos[r] in _FINITE), 0)
            begin = end  # the noun phrase before the first finite verb, after a comma or the start
            while begin and _NP_TAG.match(self.t_pos[rows[begin - 1]]):
                begin -= 1
            if begin == end or (begin and self.t_pos[rows[begin - 1]] != ","):
                continue
            head = self.text[self.t_start[rows[end - 1]]:self.t_end[rows[end - 1]]].lower()
            if self.t_pos[rows[end - 1]] in ("NNS", "NNPS") or head in _COLLECTIVE:
                phrase = self.text[self.t_start[rows[begin]]:self.t_end[rows[end - 1]]]
                anonymous = any(w.strip(".,").lower() in lex["anonymous"] for w in phrase.split())
                return phrase, ANONYMOUS if anonymous else DESCRIPTION
        return "", ""

    def named_before(self, pos: int, head: str, *, any_organisation: bool = False,
                     origin: str = "") -> tuple[str, str] | None:
        """The organisation last quoted or named before ``pos`` whose name has the word
        ``head`` ("the ministry" -> "UK Ministry of Defence"); with ``any_organisation``
        and a head that names a kind of organisation ("the body", "the alliance"), else
        the organisation last named within 1,500 characters before. An organisation of
        another country than ``origin`` says ("the Russian Foreign Ministry" after the "UK
        Ministry of Defence") is not it, nor one whose name lacks a modifier of ``origin``
        ("Ukraine's special forces" are not "Ukrainian Armed Forces")."""
        key = head.casefold().strip(".,")
        if len(key) < 3:
            return None
        fits = lambda name: key in name.casefold().split() and \
            self.people.same_origin(origin, name) and self.people.same_kind(origin, name)
        for _, speaker, label in self.speakers_before(pos):
            if label != "PERSON" and fits(speaker):
                return speaker, label
        for r in range(int(np.searchsorted(self.e_start, pos)) - 1, -1, -1):
            if self.e_label[r] == "ORGANIZATION" and fits(str(self.e_name[r])):
                return self.written(r), "ORGANIZATION"
        if key in _KIND_NOUNS:  # "the company" after "local energy company DTEK"
            found = self.introduced_as(pos, key)
            if found:
                return found
        if any_organisation and key in _KIND_NOUNS:  # the organisation quoted just before
            for at, speaker, label in self.speakers_before(pos):
                if pos - at > 600:
                    break
                if label in ("ORGANIZATION", UNTYPED) and not _personlike(speaker, label):
                    return speaker, label
        if any_organisation and key in ORGANISATION_NOUNS:  # "the body": the one before
            for r in range(int(np.searchsorted(self.e_start, pos)) - 1, -1, -1):
                if pos - self.e_start[r] > 1500:
                    break
                if self.e_label[r] == "ORGANIZATION" and not self.quoted[r]:
                    return self.written(r), "ORGANIZATION"
        return None

    def introduced_as(self, pos: int, noun: str) -> tuple[str, str] | None:
        """The organisation the article introduced with ``noun`` before ``pos``, latest
        first: the noun just before its name ("local energy company DTEK") or in an
        apposition after it ("Janes, the defense intelligence provider,")."""
        before = re.compile(rf"(?i:\b{re.escape(noun)})\s*,?\s*$")
        after = re.compile(rf",\s+(?i:a|an|the)\s+[^,.;:]{{0,60}}?(?i:\b{re.escape(noun)}\b)")
        for r in range(int(np.searchsorted(self.e_start, pos)) - 1, -1, -1):
            label, lo, hi = str(self.e_label[r]), int(self.e_start[r]), int(self.e_end[r])
            if label not in ("ORGANIZATION", UNTYPED) or hi > pos or self.quoted[r] or \
                    _personlike(self.e_name[r], label):
                continue
            s0 = int(self.s_start[self.sentence_at(lo)])
            if before.search(self.text, max(s0, lo - 60), lo) or after.match(self.text, hi,
                                                                               hi + 100):
                return self.written(r), label
        return None

    def same_source_before(self, pos: int, phrase: str) -> tuple[str, str] | None:
        """"the official", "the same official", "the Western official": the unnamed source
        the article introduced with that head noun ("a Western official"), as first written.
        First the indefinite description quoted within 1,500 characters before ``pos``
        whose head noun is the phrase's and whose words hold its modifiers ("the source":
        any unnamed source quoted before); else the last such description written before
        ``pos`` in the text ("the Janes analyst" -> "an analyst for Janes", labelled as an
        unnamed source when its head is one)."""
        m = _DEFINITE.fullmatch(phrase.strip())
        if m is None:
            return None
        head, mods = m.group(2).lower(), {w.lower() for w in m.group(1).split()}
        for at, speaker, label in self.speakers_before(pos):
            if pos - at > 1500:
                break
            words = speaker.lower().replace(".", "").split()
            if label in (ANONYMOUS, DESCRIPTION) and words[0] in ("a", "an", "one") and (
                    (_source_head(speaker) == head and mods <= set(words)) or (
                    head == "source" and not mods and label == ANONYMOUS)):
                return speaker, label
        found = None
        for intro in _INDEFINITE_RE.finditer(self.text, 0, pos):
            words = intro.group(1).lower().replace(".", "").split()
            if _source_head(intro.group(1)) == head and mods <= set(words):
                found = intro.group(1)
        if found is None:
            return None
        found = found[0].lower() + found[1:]
        return found, ANONYMOUS if head in _anonymous_heads() else DESCRIPTION

    def subordinate_subject(self, lo: int, hi: int) -> int:
        """Start of the subject of a subordinate clause that speaks ("His speech came (on
        Friday) as Moscow-backed officials [declared]"): after "as"/"when"/... that follows a
        finite verb with no object between and precedes a noun phrase alone ("recognised the
        regions as independent states" is no clause); else ``lo``."""
        if not _SUBORDINATOR_RE.search(self.text, lo, hi):
            return lo
        rows = np.arange(*np.searchsorted(self.t_start, [lo, hi]))
        verb = None
        for j, r in enumerate(rows):
            word = self.text[self.t_start[r]:self.t_end[r]].lower()
            if self.t_pos[r] in _FINITE and word not in _FILLERS:
                verb = j
            elif verb is not None and word in _SUBORDINATORS and j + 1 < len(rows) and (
                    j == verb + 1 or self.t_pos[rows[verb + 1]] in ("IN", "RB", ",")) and all(
                    _NP_TAG.match(self.t_pos[k]) or self.t_pos[k] in ("NNP", "NNPS", "RB")
                    or self.t_pos[k] in ("IN", "TO") and k > rows[j + 1] and self.t_pos[k - 1]
                    .startswith("NN") and self.text[self.t_start[k]:self.t_end[k]].lower()
                    in _NP_PREPOSITIONS | {"to"} for k in rows[j + 1:]):  # "a report from
                # Germany's generals", "ambassador to the UN Vassily Nebenzia"
                return int(self.t_start[rows[j + 1]])
        return lo

    def subject_end(self, lo: int, hi: int) -> int:
        """End of the subject when ``[lo, hi)`` holds a clause with a finite verb of its own
        ("Ruben Gallego pushed back on Twitter, [saying]"; "the ministry has called ...", not
        when a person named later heads a second clause: "..., but Nancy Pelosi")."""
        rows = np.arange(*np.searchsorted(self.t_start, [lo, hi]))
        word = lambda r: self.text[self.t_start[r]:self.t_end[r]].lower()
        aux = _AUXILIARY_RE.search(self.text, lo, hi) is not None
        verbs = [r for j, r in enumerate(rows[1:-1], 1) if (
            self.t_pos[r] in ("VBD", "VBZ", "VBP") and word(r) not in _FILLERS) or (
            aux and word(r) in _AUXILIARIES and self.t_pos[rows[j + 1]] in ("VBN", "VB")
            and self.t_pos[rows[j - 1]].startswith("NN") and not any(
                self.e_label[e] == "PERSON" for e in self.entities_in(int(self.t_end[r]), hi)))]
        return int(self.t_start[verbs[0]]) if verbs else hi  # ("The Kremlin has accused")

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


_OF_NAME = re.compile(r" of (?:the )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*")
# cues after which a name is their subject, not their object ("said John Kirby", not "told")
_INVERTED_CUES = {"said", "says", "added", "adds", "wrote", "writes"}
_ACRONYM = re.compile(r"(?=(?:\w*[A-Z]){2})[A-Z][A-Za-z]{1,5}")  # "MoD", "FSB", "IAEA"
# "the [same] [Western] official": a definite description that may refer back to a source
_DEFINITE = re.compile(r"(?i:the|this|that)\s+(?:(?i:same)\s+)?((?:[\w.’'-]+\s+){0,3}?)"
                       r"([A-Za-z-]+)\.?")
# "a Western official", "an analyst for Janes", "one source close to the Kremlin"
_INDEFINITE_RE = re.compile(r"(?<![\w’'-])((?:[Aa]n?|[Oo]ne)\s+(?:[\w.’'-]+\s+){0,3}?[a-z-]+"
                            r"(?:\s+(?:for|at|with|from|in|of|close\s+to|familiar\s+with)\s+"
                            r"(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)?)"
                            r"(?=\s*[,.;:]|\s+(?:said|says|told|tells|added)\b)")
_SOURCE_PREPOSITIONS = {"for", "at", "with", "from", "in", "of", "close", "familiar"}


def _source_head(description: str) -> str:
    """The head noun of an indefinite description: its last word before a preposition
    ("an analyst for Janes": analyst)."""
    words = description.lower().replace(".", "").split()
    cut = next((i for i, w in enumerate(words[1:], 1) if w in _SOURCE_PREPOSITIONS),
               len(words))
    return words[cut - 1] if cut else ""


@cached_on_files(lambda: (ANONYMOUS_FILE,))
def _anonymous_heads() -> frozenset[str]:
    """The head nouns of unnamed sources (``anonymous_sources.txt``)."""
    return frozenset(read_lines(ANONYMOUS_FILE, lower=True))


def _personlike(name: str, label: str) -> bool:
    """A person, or an untyped name of several words with a known first name before its
    last word ("Kristyan Benedict", "Wisconsin Democrat Mark Pocan")."""
    if label == "PERSON":
        return True
    words = str(name).split()
    names = first_names()
    return label == UNTYPED and len(words) > 1 and any(
        names.get(w.casefold(), "?") in ("m", "f") for w in words[:-1])
