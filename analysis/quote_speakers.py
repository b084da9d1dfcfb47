"""Who speaks a quote: the speaker phrase next to a speech cue resolved to a person, an
organisation or a description (rules in ``docs/quotes.md``, "Who the speaker is").

:class:`~analysis.quote_doc._Doc` holds one document's text, sentences, tokens and entity
mentions as arrays; :func:`_resolve` turns a speaker phrase into ``(speaker, speaker_label)``. The speech cues
and unnamed-source nouns are the editable lists ``data/lexicons/quote_cues.txt`` and
``anonymous_sources.txt`` (:func:`lexicon`). Used by :mod:`analysis.quote_rules`.
"""

from __future__ import annotations

import re

import numpy as np

from . import config
from .gazetteers import first_names
from .lexicons import cached_on_files, read_lines
from .quote_doc import (  # noqa: F401  (ANONYMOUS, DESCRIPTION, _Doc re-exported)
    _ACRONYM,
    _DETERMINERS,
    _FILLERS,
    _NP_PREPOSITIONS,
    _NP_TAG,
    _OTHER_PRONOUNS,
    _STOP_AFTER,
    _TRAILING_APPOSITION,
    _TRAILING_TIME,
    _WORD_RE,
    ANONYMOUS,
    DESCRIPTION,
    ORGANISATION_NOUNS,
    _Doc,
    _personlike,
    _words,
)
from .vocabulary import UNTYPED

CUES_FILE = config.LEXICON_DIR / "quote_cues.txt"
ANONYMOUS_FILE = config.LEXICON_DIR / "anonymous_sources.txt"
PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON"}
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


def _resolve(doc: _Doc, lo: int, hi: int, par_start: int, lex: dict) -> tuple[str, str]:
    """``(speaker, speaker_label)`` of the speaker phrase ``doc.text[lo:hi]``."""
    named = _person_before_cue(doc, lo, hi)  # "..., after which Zelensky [claimed]"
    lo, hi = (named, hi) if named is not None else _main_segment(doc, lo, hi)
    lo = doc.subordinate_subject(lo, hi)
    hi = doc.subject_end(lo, hi)
    text = doc.text[lo:hi]
    for pattern in (_TRAILING_APPOSITION, _TRAILING_TIME):  # "X, speaking on ..., said"
        cut = pattern.search(text)
        if cut and cut.start() > 0:
            text = text[:cut.start()]
    hi = lo + len(text)
    phrase = text.strip(" \t\n,;:—–-\"“”‘’")
    words = [w for w in phrase.lower().split() if w not in _FILLERS]
    if not words or not any(ch.isalnum() for ch in phrase):
        return "", ""
    if words[-1] in _OTHER_PRONOUNS or (words[0] in _OTHER_PRONOUNS and len(words) <= 2
                                        and words[0] not in _DETERMINERS):  # "one official"
        if words[-1] == "they":  # "Ukrainian officials have not ..., but they said"
            group = doc.plural_subject_before(lo, lex, sentences=1)
            group = group if group[0] else doc.last_group_before(lo)
            return group if group[0] else doc.plural_subject_before(lo, lex)
        return doc.last_group_before(lo) if words[-1] == "it" else ("", "")
    if words[-1] in PRONOUNS or (words[0] in ("he", "she") and len(words) <= 2):
        pronoun = words[-1] if words[-1] in PRONOUNS else words[0]
        found = doc.last_person_before(lo, par_start, pronoun) or \
            doc.first_person_after(hi, pronoun)
        return found if found else ("", "")
    at = lo + doc.text[lo:hi].find(phrase)
    record = _RECORD.fullmatch(phrase) if any(  # "the British Defense Ministry's readout"
        w.rstrip("s") in _RECORD_NOUNS for w in words) else None
    if record:
        return _resolve(doc, at, at + record.end(1), par_start, lex)
    record = _RECORD_BY.match(phrase) if record is None and any(
        w.rstrip("s") in _RECORD_NOUNS for w in words) else None
    if record:  # "a statement released by his ministry": the ministry
        return _resolve(doc, at + record.start(1), at + record.end(1), par_start, lex)
    if words[0] in _POSSESSIVE and 2 <= len(words) <= 4 and not len(doc.entities_in(lo, hi)):
        owner = doc.last_group_before(lo) if _POSSESSIVE[words[0]] == "they" else \
            doc.last_person_before(lo, par_start, _POSSESSIVE[words[0]], clause=False)
        if owner and owner[0] and owner[1] not in (ANONYMOUS, DESCRIPTION):  # "her campaign"
            rest = _noun_phrase(" ".join(phrase.split()[1:]))
            anonymous = any(w.strip(".,") in lex["anonymous"] for w in words[1:])
            return f"{owner[0]}'s {rest}", ANONYMOUS if anonymous else DESCRIPTION
    return _resolve_named(doc, lo, hi, phrase, words, lex)


def _person_before_cue(doc: _Doc, lo: int, hi: int) -> int | None:
    """Start of the person named last in a speaker phrase when nothing but a comma comes
    between the name and the cue and the name is written as a subject ("Royal, who ..., also
    commented on ..., after which Zelensky [claimed]"; not "a spokesman for Putin", "met
    Biden"); else None."""
    rows = doc.entities_in(lo, hi)
    if not len(rows):
        return None
    r = rows[-1]
    if doc.quoted[r] or not doc.person_at(r) or \
            doc.text[int(doc.e_end[r]):hi].strip(" ,\n") or not doc.is_subject(r):
        return None
    return int(doc.e_start[r])


def _name_before_apposition(doc: _Doc, lo: int, hi: int) -> int | None:
    """End of the name when the words after a quote, up to its cue, are a person's name and
    an apposition set off by commas ("Gleb Pavlovsky, a former advisor to Putin and now a
    political analyst, [said]"), however long: capitalised words holding a person, a comma,
    words with no finite verb (or a clause of "who"), a comma; else None."""
    m = _NAME_APPOSED.fullmatch(doc.text, lo, hi)
    if m is None:
        return None
    a, b = m.span(1)
    toks = range(*np.searchsorted(doc.t_start, [b, hi]))
    if _words(m.group(2)) > 20 or not m.group(2).split()[0] == "who" and any(
            doc.t_pos[t] in ("VBD", "VBZ", "VBP", "MD") for t in toks):  # "X, who was ...,"
        return None
    return b if any(doc.person_at(r) and not doc.quoted[r] for r in doc.entities_in(a, b)) \
        else None


_NAME_APPOSED = re.compile(r"[\s\"”’',—–-]*((?:[A-Z][\w’'.-]*\s+){1,4}[A-Z][\w’'-]+),"
                           r"([^,;:“”\"]+),\s*")


_POSSESSIVE = {"his": "he", "her": "she", "their": "they", "its": "they"}
# (as the words of a phrase are checked: without a final "s", so "analysis" is "analysi")
_RECORD_NOUNS = {"statement", "readout", "report", "comment", "remark", "account",
                 "calculation", "estimate", "analysi", "tweet", "post", "letter", "figure",
                 "data", "assessment"}
# a statement or report of someone: the someone speaks
_RECORD = re.compile(r"(?:according\s+to\s+)?(.+?(?:[’']s|s[’']))\s+(?:[\w-]+\s+){0,2}?"
                     r"(?:statement|readout|report|comments|remarks|account|calculations|"
                     r"estimates?|analysis|tweet|post|letter|figures|data|assessment)s?"
                     r"(?:\s+(?:of|on)\s+.+)?",
                     re.IGNORECASE)
# "(according to) a statement released by the ministry": the ministry
_RECORD_BY = re.compile(r"(?:according\s+to\s+)?(?:a|an|the|one|two|several)\s+(?:[\w-]+\s+)"
                        r"{0,2}?(?:statement|readout|report|tweet|post|letter|assessment)s?\s+"
                        r"(?:released|issued|published|posted|put\s+out|sent|made)\s+by\s+"
                        r"([^,;]+)", re.IGNORECASE)


def _main_segment(doc: _Doc, lo: int, hi: int) -> tuple[int, int]:
    """The part of a speaker phrase with commas that names the speaker: the first part when
    it holds a person ("Igor Zhovkva, deputy head of Zelenskyy's office,"; "Dmitry Peskov,
    who"), else the last ("At the same time, he"; "In what is seen as ..., he"); an
    introductory phrase first ("Buoyed by ..., the ministry has called ...,") is left out."""
    hi = lo + len(doc.text[lo:hi].rstrip(" ,\n"))  # "Alexandr Boikov, [told]"
    tag = _PARTY_TAG.search(doc.text[lo:hi])  # "Pramila Jayapal, D-Wash., [said]"
    hi = lo + tag.start() if tag and tag.start() > 0 else hi
    cuts = [m.start() for m in re.finditer(r",\s", doc.text[lo:hi])]
    if not cuts:
        return lo, hi
    if doc.text[lo + cuts[-1]:hi].strip(" ,").lower() in ("who", "which"):
        return _before_relative(doc, lo, lo + cuts[-1])
    first = lo + cuts[0]
    for a, b in zip([lo] + [lo + c + 1 for c in cuts], [lo + c for c in cuts]):
        if _names_someone(doc, a, b):  # "Asked about X, Y, a professor at Z, said": Y
            return a, b
    if _names_organisation(doc, lo, first) and re.match(
            r"\s*(?:the|a|an)\s", doc.text[first + 1:hi], re.IGNORECASE):
        return lo, first  # "the FSB, the KGB's successor agency,": the FSB
    k = int(np.searchsorted(doc.t_start, lo))
    lead = doc.text[doc.t_start[k]:doc.t_end[k]].lower() if k < len(doc.t_start) else ""
    if (lead in _INTRO or (doc.t_pos[k] in ("VBN", "VBG") and lead.endswith(("ed", "ing")))) \
            and doc.text[first + 1:hi].strip():  # "Buoyed by ..., the ministry has ..."
        return _main_segment(doc, first + 1, hi)
    last = lo + cuts[-1] + 1
    kept = [w for w in doc.text[last:hi].lower().split() if w not in _FILLERS]
    j = int(np.searchsorted(doc.t_start, last)) + 1  # the word after "while"
    if kept and kept[0] in _INTRO and j < len(doc.t_pos) and doc.t_pos[j] in ("VBG", "VBN", "RB"):
        return lo, first  # "The secretary, while not addressing Trump by name, [said]"
    if kept and len(kept) <= 6 and (kept[0] in _SUBJECT_START or any(
            doc.e_label[r] == "PERSON" for r in doc.entities_in(last, hi))):
        return last, hi
    return (lo, first) if not kept else (lo, hi)  # "X did not ..., but said": X


_PARTY_TAG = re.compile(r",?\s*\(?[DRI]-[A-Z][A-Za-z]{1,4}\.?\)?,?\s*$")
_NAME = re.compile(r"(?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+")
def _looks_like_name(phrase: str) -> bool:
    """Two to four capitalised words, the first a known first name ("Kyrylo Tymoshenko")."""
    return bool(_NAME.fullmatch(phrase)) and \
        first_names().get(phrase.split()[0].casefold(), "?") in ("m", "f")


_SUBJECT_START = {"he", "she", "they", "it", "we", "i", "the", "a", "an", "this", "his", "her",
                  "their", "its", "one", "another", "some", "officials", "sources"}


def _names_someone(doc: _Doc, a: int, b: int) -> bool:
    """Whether ``doc.text[a:b]`` names a person and is no introductory phrase ("Asked about
    Putin", "In Kyiv"): a person (or a name of several words) outside quotes."""
    head = doc.text[a:b].split()[:1]
    if not head or head[0].lower() in _INTRO or head[0].endswith(("ing", "ed")):
        return False
    toks = range(*np.searchsorted(doc.t_start, [a, b]))
    if any(doc.t_pos[t] in ("VBD", "VBZ", "VBP", "MD") for t in toks):
        return False  # a clause ("X began after Griner was detained"), not a name
    return any(not doc.quoted[r] and (doc.e_label[r] == "PERSON" or (
        doc.e_label[r] == UNTYPED and len(doc.e_name[r].split()) > 1))
        and doc.text[doc.e_end[r]:doc.e_end[r] + 2] not in ("'s", "’s")
        for r in doc.entities_in(a, b)) or _looks_like_name(doc.text[a:b].strip())


def _names_organisation(doc: _Doc, a: int, b: int) -> bool:
    """Whether ``doc.text[a:b]`` is an organisation's name ("the FSB"), no clause."""
    rows = doc.entities_in(a, b)
    lead = doc.text[a:int(doc.e_start[rows[-1]])].strip().lower() if len(rows) else "-"
    return lead in ("", "the") and doc.e_label[rows[-1]] == "ORGANIZATION" and \
        not doc.text[int(doc.e_end[rows[-1]]):b].strip()


_INTRO = {"in", "at", "on", "after", "before", "during", "amid", "amidst", "asked", "speaking",
          "following", "according", "unlike", "like", "as", "while", "when", "despite", "for",
          "with", "to", "from", "by", "of", "about", "since", "although", "though", "if", "but"}


def _before_relative(doc: _Doc, lo: int, comma: int) -> tuple[int, int]:
    """The name before ", who": from the start of the last entity before the comma."""
    rows = doc.entities_in(lo, comma)
    people = [r for r in rows if doc.e_label[r] == "PERSON"]
    last = people[-1] if people else (rows[-1] if len(rows) else None)
    return (int(doc.e_start[last]), comma) if last is not None else (lo, comma)


def _resolve_named(doc: _Doc, lo: int, hi: int, phrase: str, words: list, lex: dict):
    """A speaker phrase that is no pronoun: a named entity, a person described by a role
    the article gave them, or the noun phrase itself."""
    rows = doc.entities_in(lo, hi)
    rows = rows[~doc.quoted[rows]]
    owner = [r for r in rows if doc.text[doc.e_end[r]:doc.e_end[r] + 2] in ("'s", "’s")
             and doc.e_end[r] + 3 < hi]  # "Aslin's family", "Zelenskyy's office"
    people = [r for r in rows if (doc.e_label[r] == "PERSON" or doc.e_label[r] != UNTYPED and
              doc.person_at(r)) and r not in owner and not doc.modifies(r, hi)
              and not _object_in_phrase(doc, r, lo)]  # "a spokesman for Putin"
    if people:  # (also a person's surname typed as a place: "Kadyrov said")
        name = doc.person_at(people[-1])[0]
        if " " not in name:  # "Grossi": Mariano Grossi; "Zelenksyy": Volodymyr Zelenskyy
            name = doc.person_named(name, alone=True) or doc.similar_person(name) or name
        return name, "PERSON"
    untyped = [r for r in rows if doc.e_label[r] == UNTYPED and len(doc.e_name[r].split()) > 1
               and r not in owner]
    if untyped:  # an untyped name of several words is most often a person's
        return doc.e_name[untyped[-1]], UNTYPED
    if owner and doc.e_label[owner[-1]] == "PERSON":
        return _noun_phrase(doc.text[doc.e_start[owner[-1]]:hi].strip(" ,")), DESCRIPTION
    named = "" if any(doc.e_label[r] == "PERSON" for r in rows) else doc.person_named(
        phrase, alone=len(words) == 1)
    if named:
        return named, "PERSON"
    if not len(rows) and _looks_like_name(phrase):
        return phrase, "PERSON"  # a name the annotation missed ("Kyrylo Tymoshenko")
    honorific = re.match(r"(?:Mr|Mrs|Ms|Dr)\.?\s+([A-Z][\w’'-]+)", phrase)
    if honorific:  # "Mr Biden" where the annotation found no name
        return honorific.group(1), "PERSON"
    earlier = doc.same_source_before(lo, phrase)  # "the official": the official quoted before
    if earlier:  # (before a person some words call "official": the unnamed one was quoted)
        return earlier
    described = doc.people.described(lo, phrase)
    if described:
        return described, "PERSON"
    anonymous = any(w.strip(".,") in lex["anonymous"] for w in words)
    if len(rows) and not anonymous:
        last = rows[-1]
        tail = doc.text[doc.e_end[last]:hi].strip(" \t\n,;:.")
        before = doc.text[lo:doc.e_start[last]].lower().split()[-2:]
        if (not tail or tail.lower() in ("'s", "’s")) and not (  # it ends the phrase,
                len(rows) == 1 and set(before) & _NP_PREPOSITIONS):  # not "the envoy to the UK"
            return doc.expand_acronym(int(doc.e_start[last]), str(doc.e_name[last])) or \
                (doc.written(last), doc.e_label[last])
    if len(rows) and _object_in_phrase(doc, rows[-1], lo) and doc.person_at(rows[-1]):
        kept = phrase.split()  # "a source close to Putin (has)"
        while kept and kept[-1].lower() in _FILLERS:
            kept.pop()
        return _noun_phrase(" ".join(kept)), ANONYMOUS if anonymous else DESCRIPTION
    if " and " in phrase and _noun_phrases_only(doc, lo, hi):  # "Kyiv and its Western allies"
        return _noun_phrase(phrase), ANONYMOUS if anonymous else DESCRIPTION
    span = doc.noun_phrase_before(lo, hi)
    if span is not None:
        phrase = doc.text[span[0]:span[1]]
        anonymous = any(w.strip(".,").lower() in lex["anonymous"] for w in phrase.split())
        described = doc.people.described(lo, phrase)
        if described:
            return described, "PERSON"
    if not anonymous:  # "the ministry": the ministry named or quoted before
        earlier = doc.named_before(lo, phrase.split()[-1], any_organisation=bool(
            re.fullmatch(r"(?i:the)\s+\w+", phrase)), origin=phrase)
        if earlier:
            return earlier
    return _noun_phrase(phrase), ANONYMOUS if anonymous else DESCRIPTION


def _object_in_phrase(doc: _Doc, r: int, lo: int) -> bool:
    """Whether person ``r`` is the object of a preposition or a verb inside the phrase that
    starts at ``lo`` ("a spokesman for Putin", "an aide to President Zelensky", "The
    secretary, while not addressing Trump by name,"; not "the spokesman for the Kremlin
    Dmitry Peskov", "In Moscow Putin"): the word before the name and its title."""
    k = int(np.searchsorted(doc.t_start, doc.e_start[r])) - 1
    while k >= 0 and doc.t_start[k] >= lo and doc.t_pos[k] in ("NNP", "NNPS", "JJ") and \
            doc.text[doc.t_start[k]:doc.t_end[k]].lower() not in _CALENDAR and \
            not len(doc.entities_in(int(doc.t_start[k]), int(doc.t_end[k]))):
        k -= 1
    return k >= 0 and doc.t_start[k] >= lo and (doc.t_pos[k] in ("IN", "TO") or (
        doc.t_pos[k].startswith("VB") and k > 0 and doc.t_start[k - 1] >= lo))


_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december"}


def _noun_phrases_only(doc: _Doc, lo: int, hi: int) -> bool:
    """Whether ``doc.text[lo:hi]`` is noun phrases joined by "and" (no verb, no clause)."""
    toks = range(*np.searchsorted(doc.t_start, [lo, hi]))
    return all(_NP_TAG.match(doc.t_pos[t]) or doc.t_pos[t] in ("CC", "NNP", "PRP$")
               for t in toks) and len(toks) <= _MAX_SPEAKER_WORDS


def _noun_phrase(phrase: str) -> str:
    words = phrase.split()[-_MAX_SPEAKER_WORDS:]
    if words and words[-1].endswith(".") and words[-1].count(".") == 1 and len(words[-1]) > 4:
        words[-1] = words[-1][:-1]  # the sentence's full stop: "said the official."
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
    name = _APPOSED_NAME.match(text, end, hi)  # "said the UK foreign secretary, Liz Truss."
    return lo, (name.end(1) if name and end > lo else end)


_APPOSED_NAME = re.compile(r",\s*((?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'-]+)(?=\s*(?:[.,;]|$))")
