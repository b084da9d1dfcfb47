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
    _INDEFINITE,
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
    sub = doc.subordinate_subject(lo, hi)  # "came as officials [declared]"
    lo = sub if any(doc.t_pos[r].startswith(("NN", "PRP")) for r in range(  # not "A woman
        *np.searchsorted(doc.t_start, [sub, hi]))) else lo  # described as tearful [said]"
    hi = _participle_end(doc, lo, _trim_tail(doc, lo, doc.subject_end(lo, hi)))
    text = doc.text[lo:hi]
    for pattern in (_TRAILING_APPOSITION, _TRAILING_TIME):  # "X, speaking on ..., said"
        cut = pattern.search(text)
        if cut and cut.start() > 0 and not (pattern is _TRAILING_TIME and _participle_before(
                doc, lo + cut.start())):  # "a video report released on Friday": its time
            text = text[:cut.start()]
    hi = lo + len(text)
    phrase = text.strip(" \t\n,;:—–-\"“”‘’")
    words = [w for w in phrase.lower().split() if w not in _FILLERS]
    if not words or not any(ch.isalnum() for ch in phrase):
        return "", ""
    if words[0] == "another" and not any(  # never the one before ("Another Russian man")
            doc.e_label[r] == "PERSON" for r in doc.entities_in(lo, hi)):
        if len(words) == 1:  # "One injured man described ... Another said": another injured man
            words = ["another"] + _one_of(doc, lo)
            phrase = " ".join(words) if len(words) > 1 else phrase
        anonymous = any(w.strip(".,") in lex["anonymous"] for w in words)
        return _noun_phrase(phrase), ANONYMOUS if anonymous else DESCRIPTION
    if words[-1] in _OTHER_PRONOUNS or (words[0] in _OTHER_PRONOUNS and len(words) <= 2
                                        and words[0] not in _DETERMINERS):  # "one official"
        if words[-1] == "they":  # "Ukrainian officials have not ..., but they said"
            group = doc.plural_subject_before(lo, lex, sentences=1)
            group = group if group[0] else doc.last_group_before(lo)
            return group if group[0] else doc.plural_subject_before(lo, lex)
        return doc.last_group_before(lo, it=True) if words[-1] == "it" else ("", "")
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
    whole = _reduced_relative(doc, lo, hi)  # "A woman described as tearful": the whole phrase
    if whole:
        phrase = doc.text[whole[0]:whole[1]]
        anonymous = any(w.strip(".,").lower() in lex["anonymous"] for w in phrase.split())
        return _noun_phrase(phrase), ANONYMOUS if anonymous else DESCRIPTION
    return _resolve_named(doc, lo, hi, phrase, words, lex)


def _participle_before(doc: _Doc, at: int) -> bool:
    """Whether the word before ``at`` is a past participle ("released [on Friday]")."""
    k = int(np.searchsorted(doc.t_start, at)) - 1
    return k >= 0 and doc.t_pos[k] == "VBN" and doc.text[doc.t_start[k]:at].strip().endswith(
        "ed")


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
_RECORD_BY = re.compile(r"(?:according\s+to\s+)?(?:(?:a|an|the|one|two|several)\s+)?(?:[\w-]+\s+)"
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
    if (_names_organisation(doc, lo, first) or _apposed(doc, lo, first, hi, len(cuts))) \
            and re.match(r"\s*(?:the|a|an)\s", doc.text[first + 1:hi], re.IGNORECASE):
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


_TIME_NOUNS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "morning",
               "afternoon", "evening", "night", "time", "weekend", "hour", "hours", "moment"}


def _apposed(doc: _Doc, lo: int, first: int, hi: int, cuts: int) -> bool:
    """Whether ``[lo, first)`` is a noun phrase with a determiner that an apposition follows
    ("An analyst for Janes, the defence intelligence provider,"), not an introductory phrase
    ("The next day, the ministry") nor the first of a list ("The army, the police and ...")."""
    rows = np.arange(*np.searchsorted(doc.t_start, [lo, first]))
    words = doc.text[lo:first].lower().split()
    return cuts == 1 and len(words) >= 2 and words[0] in ("a", "an", "the", "another", "one") \
        and words[-1] not in _TIME_NOUNS and " and " not in doc.text[first:hi] \
        and all(_NP_TAG.match(doc.t_pos[r]) or doc.t_pos[r] in ("IN", "NNP", "NNPS")
                for r in rows) and doc.t_pos[rows[-1]].startswith("NN")


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
    lede = doc.lede_person(lo, hi, phrase, lex)  # "..., an ally of Putin has said. ...
    if lede:  # political analyst Alexander Dugin told": the lead hides a name given next
        return lede
    return _phrase_speaker(doc, lo, hi, phrase, words, rows, anonymous, lex)


def _phrase_speaker(doc: _Doc, lo: int, hi: int, phrase: str, words: list, rows,
                    anonymous: bool, lex: dict) -> tuple[str, str]:
    """The speaker of a phrase no name of which speaks: the noun phrase itself (an unnamed
    source or a description), the person it describes, or the organisation named or
    quoted before that it refers to ("the ministry")."""
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
    if not anonymous and words[0] not in _INDEFINITE:  # "the ministry": the ministry named
        # or quoted before (an indefinite phrase is someone new: "One source briefed on")
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
    while k >= 0 and doc.t_start[k] >= lo and (doc.t_pos[k] in ("NNP", "NNPS", "JJ") or (
            _title_of(doc, k, lo))) and \
            doc.text[doc.t_start[k]:doc.t_end[k]].lower() not in _CALENDAR and \
            not len(doc.entities_in(int(doc.t_start[k]), int(doc.t_end[k]))):
        k -= 1
    return k >= 0 and doc.t_start[k] >= lo and (doc.t_pos[k] in ("IN", "TO") or (
        doc.t_pos[k].startswith("VB") and k > 0 and doc.t_start[k - 1] >= lo))


def _title_of(doc: _Doc, k: int, lo: int) -> bool:
    """Whether token ``k`` is the "of" inside a capitalised title ("Secretary of State
    Antony Blinken", "Minister of Defence X"): a capitalised word on each side."""
    def capital(j: int) -> bool:
        return 0 <= j < len(doc.t_start) and doc.text[doc.t_start[j]:doc.t_start[j] + 1].isupper()

    return doc.text[doc.t_start[k]:doc.t_end[k]] == "of" and doc.t_start[k - 1] >= lo \
        and capital(k - 1) and capital(k + 1)


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


# where the noun phrase after "according to" ends: its clause's end (a comma, a quote mark,
# a dash, a new clause) or the sentence's full stop (not the dot of "U.S." or "Dr.")
_ACCORDING_END = re.compile(r"\s*[,;:“”\"(]|\s[–—-]\s|\s(?:while|whereas|which|who|as|amid|"
                            r"after|despite|since|because|and\s+(?:he|she|it|they|we))\b"
                            r"|(?<=[a-z]{2})[.!?](?=\s|$)|[.!?]$")


def _according_span(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Span of the noun phrase after "according to" at ``lo``: up to its clause's end
    ("according to a video report released on Friday"; "according to the Institute for the
    Study of War, while Ukraine's military said ...": the institute), at most 100 characters.

    >>> t = "Passports were issued, according to the ISW, while Kyiv said ..."
    >>> t[slice(*_according_span(t, t.index("the ISW"), len(t)))]
    'the ISW'
    """
    hi = min(hi, lo + 100)
    end = _ACCORDING_END.search(text, lo, hi)
    end = end.start() if end else hi
    name = _APPOSED_NAME.match(text, end, hi) if _words(text[lo:end]) <= 4 else None
    return lo, name.end(1) if name else lo + len(text[lo:end].rstrip())  # "according to the
    # local mayor, Grzegorz Drewnik" (not "the readout of the call between its head, X, and")


# words that open a sentence before its subject: "Meanwhile, X said", "On Monday, X said"
_LEADS = _INTRO | {"meanwhile", "however", "separately", "still", "yet", "instead", "earlier",
                   "later", "last", "this", "overall", "moreover", "now", "then", "and"}


def _sentence_subject(doc: _Doc, s0: int, at: int) -> tuple[int, int] | None:
    """The subject of the sentence starting at ``s0`` that a verb at ``at`` shares ("X
    criticized “...” and said": X; "Guterres called the deal “...”"): after the introductory
    parts set off by commas ("Meanwhile,", "On Monday,"), up to the first finite verb outside
    quotes, appositions kept ("the party's president, Florian Philippot, criticized"); None
    when the sentence has no such verb before ``at``."""
    lo = s0
    for part in re.finditer(r"[^,]+,", doc.text[s0:at]):
        words = part.group().split()
        pad = len(part.group()) - len(part.group().lstrip())
        k = int(np.searchsorted(doc.t_start, s0 + part.start() + pad))
        lead = words[0].lower().strip("“\"‘',") if words else ""
        if not (lead in _LEADS or (k < len(doc.t_pos) and doc.t_pos[k] in ("VBN", "VBG")
                                   and lead.endswith(("ed", "ing")))):
            break
        lo = s0 + part.end()
    rows = np.arange(*np.searchsorted(doc.t_start, [lo, at]))
    inside = False
    for j, r in enumerate(rows):
        word = doc.text[doc.t_start[r]:doc.t_end[r]]
        inside = (not inside) if word in ("“", "”", '"', "``", "''") else inside
        if j and not inside and doc.t_pos[r] in ("VBD", "VBZ", "VBP", "MD"):
            clause = re.search(r"\b(?:that|which|who|whom)\b", doc.text[lo:doc.t_start[r]])
            return None if clause else (lo, int(doc.t_start[r]))  # a clause inside: unclear
    return None


_APPOSED = re.compile(r"[\s\"”’'—–-]*((?:[A-Z][\w’'.-]*\s+){1,4}[A-Z][\w’'-]+),\s+(?:the|a|an|"
                      r"[A-Z][\w’'-]*[’']s)\s[^,]+,(?:\s+(?:which|who)\s[^,]+,)?\s*$")


_APPOSED_LAST = re.compile(r"[\s\"”’'—–-]*(?:the|a|an)\s[^,]+,\s+(?:[A-Z][\w’'.-]*\s+){0,3}"
                           r"[A-Z][\w’'-]+,\s*$")


def _apposed_head(text: str, lo: int, hi: int) -> int | None:
    """End of the name in a speaker phrase "Name, apposition," ('“...,” Hans Henri P. Kluge,
    the WHO's regional director for Europe, said'), or of the whole "description, Name," ('the
    governor of Ukraine's eastern region of Luhansk, Serhiy Haidai, wrote'), else None."""
    m = _APPOSED.match(text, lo, hi)
    return m.end(1) if m else hi if _APPOSED_LAST.match(text, lo, hi) else None


def _coordinated(phrase: str) -> bool:
    """Whether a speaker phrase ends with "and"/"but" (and adverbs): the cue is a second verb
    of the sentence's subject ('X criticized “...” to Y and said')."""
    words = [w for w in phrase.lower().split() if w not in ("also", "then", "later", "again")]
    return bool(words) and words[-1] in ("and", "but") and len(words) > 1


# verbs that make a quote no act of the subject's ('Putin has been “...”', 'Russia will “...”')
_NO_ACT = {"is", "was", "are", "were", "be", "has", "have", "had", "do", "does", "did", "will",
           "would", "could", "can", "may", "might", "must", "should", "shall", "’s", "'s", "’re",
           "'re"}


def _embedding_subject(doc: _Doc, lo: int, b: int, p0: int) -> tuple[int, int, int] | None:
    """Who speaks a quote without a cue that a clause of one verb embeds ('Guterres called
    the deal “...”', 'A Russian woman vocalised: “...”'): the clause's subject; None for a
    quote that starts its sentence or follows a second verb ('The strike came after talks
    ended “...”')."""
    s0 = int(doc.s_start[doc.sentence_at(b)])
    ends = list(re.finditer(r"[.!?][”\"’']?\s+(?=[A-Z])", doc.text[s0:b]))
    s0 = s0 + ends[-1].end() if ends else s0  # a sentence the annotation did not split
    subject = _sentence_subject(doc, s0, b) if doc.text[s0:b].strip(" “\"‘'") and lo <= s0 \
        else None  # (not after a quote of the same sentence: 'The pope said he was “...”')
    verb = doc.text[subject[1]:subject[1] + 8].split()[0].lower() if subject else ""
    if subject is None or doc.text[subject[0]:subject[1]].count(",") % 2 or \
            verb in _NO_ACT or _words(doc.text[slice(*subject)]) > 12 or any(
            doc.t_pos[r] in ("VBD", "VBZ", "VBP", "MD") or doc.text[doc.t_start[r]] in "“\""
            for r in range(*np.searchsorted(doc.t_start, [subject[1] + 1, b - 1]))):
        return None
    return subject[0], subject[1], p0


_ADVERBS = {"also", "again", "even", "still", "now", "then", "already", "once", "further",
            "later", "earlier", "previously", "repeatedly", "reportedly", "publicly", "itself",
            "himself", "herself", "themselves"}  # ("The Kremlin itself chimed in")


def _trim_tail(doc: _Doc, lo: int, hi: int) -> int:
    """End of a subject without the adverbs and time phrases between it and its verb ("The
    White House on Monday again [said]": the White House)."""
    for _ in range(4):
        rows = np.arange(*np.searchsorted(doc.t_start, [lo, hi]))
        rows = rows[doc.t_end[rows] <= hi]
        if len(rows) < 2:
            return hi
        last = doc.text[doc.t_start[rows[-1]]:doc.t_end[rows[-1]]].lower()
        time = _TRAILING_TIME.search(doc.text, lo, hi)
        if time and time.start() > lo and not _participle_before(doc, time.start()):
            hi = time.start()  # (not "a video report released [on Friday]")
        elif last in _ADVERBS or (doc.t_pos[rows[-1]] == "RB" and last.endswith("ly")):
            hi = int(doc.t_start[rows[-1]])
        else:
            return hi
        hi = lo + len(doc.text[lo:hi].rstrip(" ,"))
    return hi


def _participle_end(doc: _Doc, lo: int, hi: int) -> int:
    """End of a named subject before a participle clause ("The Stand With Ukraine group
    representing the victims ... [announced]": the group); an unnamed one keeps it ("a
    soldier speaking with an Australian accent")."""
    rows = np.arange(*np.searchsorted(doc.t_start, [lo, hi]))
    for j in range(1, len(rows)):
        if doc.t_pos[rows[j]] == "VBG" and doc.t_pos[rows[j - 1]].startswith("NN") and any(
                not doc.quoted[r] for r in doc.entities_in(lo, int(doc.t_start[rows[j]]))):
            return int(doc.t_start[rows[j]])
    return hi


def _one_of(doc: _Doc, lo: int) -> list[str]:
    """The words after "One" that open one of the two sentences before ``lo`` ("One injured
    man described ..."), up to its verb; [] when none does."""
    i = doc.sentence_at(lo)
    for k in range(i - 1, max(i - 3, -1), -1):
        rows = np.arange(*np.searchsorted(doc.t_start, [doc.s_start[k], doc.s_end[k]]))
        words = [doc.text[doc.t_start[r]:doc.t_end[r]] for r in rows]
        if len(words) < 3 or words[0] != "One":
            continue
        tags = [doc.t_pos[r] for r in rows]
        end = next((j for j in range(1, min(len(words), 6)) if not _NP_TAG.match(tags[j])), 0)
        if end > 1 and tags[end - 1].startswith("NN") and tags[end].startswith(("VB", "MD")):
            return [w.lower() for w in words[1:end]]
    return []


def _reduced_relative(doc: _Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of ``[lo, hi)`` that is an unnamed noun phrase with a participle clause ("a woman
    described as tearful", "a soldier speaking with an Australian accent", "footage posted on
    the president's channel", "one source briefed on US intelligence", "analysts suspecting
    hyperbole (have)"): after an adverb opener ("Now,"), a head of nouns and adjectives with no
    name, then a participle (a word in -ed before a preposition, however tagged), no finite
    verb but at the end, at most nine words; else None."""
    rows = np.arange(*np.searchsorted(doc.t_start, [lo, hi]))
    rows = rows[doc.t_end[rows] <= hi]
    words = [doc.text[doc.t_start[r]:doc.t_end[r]] for r in rows]
    tags = [doc.t_pos[r] for r in rows]
    start = 2 if len(tags) > 2 and tags[0] == "RB" and words[1] == "," else 0  # "Now, those"
    end = len(tags)
    while end > start + 2 and tags[end - 1] in ("VBP", "VBZ", "VBD", "MD", "RB"):
        end -= 1  # "Defence analysts suspecting hypersonic hyperbole [have]"
    words, tags = words[start:end], tags[start:end]
    part = next((j for j, t in enumerate(tags) if t in ("VBN", "VBG") or (
        j and words[j].endswith("ed") and j + 1 < len(tags) and tags[j + 1] == "IN")), 0)
    those = part == 1 and words[0].lower() == "those"  # "those helping"
    single = part == 1 and tags[0] in ("NN", "NNS")  # "footage posted on", "residents fleeing"
    ok = (2 <= part or those or single) and len(tags) - part >= 2 \
        and len(tags) <= _MAX_SPEAKER_WORDS and tags[0] in ("DT", "CD", "JJ", "NN", "NNS", "NNP",
                                                            "NNPS") \
        and (those or tags[part - 1].startswith("NN")) \
        and all(_NP_TAG.match(t) for t in tags[:part]) \
        and not any(t in ("VBD", "VBZ", "VBP", "MD") for t in tags[part + 1:]) \
        and not len(doc.entities_in(lo, int(doc.t_start[rows[start + part]])))
    return (int(doc.t_start[rows[start]]), int(doc.t_end[rows[end - 1]])) if ok else None


# "with one official saying", "quoted analysts saying", "citing officials as saying", "a
# clip showed an official telling": the noun phrase after "with" (or a verb of quoting,
# showing or hearing) speaks the participle after it
_WITH_SUBJECT = re.compile(r"(?:^|,\s*|\s)(?:[Ww]ith|quoted|quoting|cited|citing|show(?:s|ed|"
                           r"ing)?|shown|heard|hear|saw|sees?|filmed|captured|features?|"
                           r"featured)\s+"
                           r"((?!as\s)(?:[\w’'.-]+\s+){1,5}?)(?:as\s+)?$")


def _object_for(doc: _Doc, s0: int, at: int) -> tuple[int, int] | None:
    """The object of the verb before "for"/"of" and a participle cue at ``at``
    ("criticized President Joe Biden for saying": Joe Biden's phrase); else None."""
    if not re.search(r"\s(?:for|of)\s+$", doc.text[s0:at]):
        return None
    rows = np.arange(*np.searchsorted(doc.t_start, [s0, at]))[:-1]  # without "for"
    for j in range(len(rows) - 1, max(len(rows) - 7, 0) - 1, -1):
        tag = doc.t_pos[rows[j]]
        if tag in ("VBD", "VBZ", "VBP", "VB", "VBN") and j + 1 < len(rows):
            return int(doc.t_start[rows[j + 1]]), int(doc.t_end[rows[-1]])
        if not (_NP_TAG.match(tag) or tag in ("NNP", "NNPS")):
            return None
    return None


def _with_subject(doc: _Doc, s0: int, at: int) -> tuple[int, int] | None:
    """The noun phrase before a participle cue at ``at`` after "with" or a verb of quoting,
    showing or hearing ("simmers with Poland saying", "quoted analysts saying", "a clip
    showed an official telling"), or the object of a verb before "for"/"of" ("criticized
    President Joe Biden for saying", "accused Moscow of claiming"), not after a participle
    or an adjective ("a car filled with bags [declaring]"); else None."""
    with_ = _WITH_SUBJECT.search(doc.text[s0:at])
    if with_ is None:
        return _object_for(doc, s0, at)
    if _complement(doc, s0 + with_.start()) or any(
            doc.t_pos[r].startswith(("VB", "MD")) for r in range(
            *np.searchsorted(doc.t_start, [s0 + with_.start(1), at]))):  # a noun phrase
        return None
    return s0 + with_.start(1), s0 + with_.end(1)


def _complement(doc: _Doc, at: int) -> bool:
    """Whether the "with" at or after ``at`` follows a participle or an adjective ("a car
    filled with bags [declaring]", "familiar with"): no clause of its own."""
    k = int(np.searchsorted(doc.t_start, at + len(doc.text[at:]) - len(doc.text[at:].lstrip(
        " ,")))) - 1
    return k >= 0 and doc.t_pos[k] in ("VBN", "JJ")


def _participle_subject(doc: _Doc, s0: int, at: int) -> tuple[int, int]:
    """Who speaks a participle cue at ``at``: the noun phrase after "with" or a verb of
    quoting, showing or hearing (:func:`_with_subject`: "..., with one official saying",
    "quoted analysts saying"), else the subject of the sentence ("Griner urged the court ...,
    saying"), after an introductory phrase ("On Tuesday, the pontiff published a message
    saying")."""
    left = doc.text[s0:at]
    with_ = _with_subject(doc, s0, at)
    if with_:
        return with_
    lo = s0
    for part in re.finditer(r"[^,]+", left):
        head = part.group().split()[:1]
        k = int(np.searchsorted(doc.t_start, s0 + part.start() + part.group().find(head[0]))) \
            if head else 0
        if head and head[0].lower() not in _INTRO and not (  # "Buoyed by the gains, X ..."
                doc.t_pos[k] in ("VBN", "VBG") and head[0].endswith(("ed", "ing"))
                and part.end() < len(left)):
            lo = s0 + part.start()
            break
    comma = doc.text.find(",", lo, at)
    hi = comma if comma > 0 else at
    rows = np.arange(*np.searchsorted(doc.t_start, [lo, hi]))
    verbs = [r for r in rows[1:] if doc.t_pos[r].startswith(("VB", "MD"))]
    return lo, int(doc.t_start[verbs[0]]) if verbs else hi  # "Moscow [has criticized ...]"
