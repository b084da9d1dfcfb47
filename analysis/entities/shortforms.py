"""Short forms within a document: a surname or first name -> the full name, a long name
-> the acronym the document uses."""

from __future__ import annotations

import re

import numpy as np

from ..gazetteers import place_lookup
from ..vocabulary import UNTYPED
from .labels import PERSON_LABELS, _name_like, _rule_label, _type_name
from .lexicon import _NAME_WORD_RE, PARTICLES, _key


def _person_full_name(name: str, label: str, lex: dict) -> bool:
    words = name.split()
    if not (2 <= len(words) <= 6 and all(map(_name_like, words))
            and _NAME_WORD_RE.match(words[-1]) and _NAME_WORD_RE.match(words[0])):
        return False
    if label in ("PERSON", "PER"):
        return True
    hit = lex["aliases"].get(_key(name))
    if hit and hit[1]:
        return hit[1] == "PERSON"
    return label == UNTYPED and _type_name(name, lex["stamp"])[0] == "PERSON"


def _may_be_name_word(word: str, lex: dict, *, city: bool = False) -> bool:
    """A word that may stand for a person: untyped or PERSON (not "Jordan", "Georgia");
    with ``city``, also a city's name (a surname can be one)."""
    hit = lex["aliases"].get(_key(word))
    if hit and hit[1] not in ("", "PERSON"):
        return False
    label, _ = _type_name(word, lex["stamp"])
    return label in (None, "PERSON") or (city and label == "GPE"
                                         and place_lookup(word)[3] == "city")


def _resolve_short_forms(docs: list, names: list, labels: list, lex: dict) -> list:
    """Within each document, a one-word mention -> the person's full name seen earlier
    whose last word it is (before the alias table: "Lukashenko" after "Aleksandr Lukashenko"),
    else whose first word it is, when only one such person was named ("Paul" after "Paul
    Pelosi", where "Pelosi" would be ambiguous; not after "Paul Pelosi" and "Paul Whelan")."""
    names = list(names)
    full = {(n, lab): _person_full_name(n, lab, lex) for n, lab in set(zip(names, labels))}
    single = {n: _surname_key(n) if _may_be_name_word(n.rsplit(" ", 1)[-1], lex, city=True)
              else None for n in set(names)}
    first = {n: " " not in n and _may_be_name_word(n, lex) for n in single}
    surnames: dict[str, str] = {}
    firsts: dict[str, set] = {}
    current = None
    for i, (doc, name, label) in enumerate(zip(docs, names, labels)):
        if doc != current:
            current, surnames, firsts = doc, {}, {}
        if label not in PERSON_LABELS:
            continue
        if full[(name, label)]:
            words = name.split()
            surnames[words[-1]] = name
            firsts.setdefault(words[0], set()).add(name)
            k = len(words) - 2  # "von der Leyen" of "Ursula von der Leyen"
            while k > 0 and words[k].lower() in PARTICLES:
                surnames[" ".join(words[k:]).casefold()] = name
                k -= 1
        elif single[name] and single[name] in surnames:
            names[i] = surnames[single[name]]
        elif first[name] and len(firsts.get(name, ())) == 1:
            names[i] = next(iter(firsts[name]))
    return names


_LONG_ACRONYM_RE = re.compile(r"^[A-Z][A-Z&]{2,5}$")  # 3 to 6 capitals: "IAEA", "OSCE"
_ORG_OR_UNTYPED = (None, UNTYPED, "ORGANIZATION", "ORG")
_INITIAL_SKIP = frozenset({"of", "the", "for", "and", "in", "on", "at", "to", "a", "an", "de",
                           "du", "des", "la", "le", "&"})


def initials(name: str) -> str | None:
    """The acronym a multi-word name abbreviates to: the first capital of each word and of
    each capitalised part after a hyphen, lower-case function words skipped; None when a
    word starts lower-case otherwise (not a name) or the name has one word.

    Examples
    --------
    >>> initials("International Atomic Energy Agency")
    'IAEA'
    >>> initials("Organization for Security and Co-operation in Europe")
    'OSCE'
    >>> initials("Agence France-Presse"), initials("Mohammed bin Salman")
    ('AFP', None)
    """
    words = name.split()
    if len(words) < 2:
        return None
    out = []
    for word in words:
        if word in _INITIAL_SKIP:
            continue
        parts = word.split("-")
        if not parts[0][:1].isupper():
            return None
        out += [part[0] for part in parts if part[:1].isupper()]
    return "".join(out)


def _resolve_acronyms(docs: list, names, labels: list, lex: dict) -> np.ndarray:
    """Within each document, a multi-word name whose :func:`initials` are an acronym the
    same document also names -> that acronym ("International Atomic Energy Agency" ->
    "IAEA"), so that a name and its abbreviation are one entity. Only organisations and
    untyped names: a person or a place ("United Arab Emirates") keeps its own form and
    type (an acronym alone is typed ORGANIZATION), and so does a name the alias table
    already made canonical."""
    names = np.asarray(names, dtype=object).copy()
    acronyms: dict = {}
    for doc, name in zip(docs, names):
        if _LONG_ACRONYM_RE.match(name):
            acronyms.setdefault(doc, set()).add(name)
    if not acronyms:
        return names
    memo: dict = {}
    for i, (doc, name, label) in enumerate(zip(docs, names, labels)):
        if doc not in acronyms or " " not in name or label not in _ORG_OR_UNTYPED:
            continue
        if name not in memo:
            memo[name] = (initials(name) if name not in lex["pinned"]
                          and _rule_label(name, lex) in _ORG_OR_UNTYPED else None)
        if memo[name] in acronyms[doc]:
            names[i] = memo[name]
    return names


def _surname_key(name: str) -> str | None:
    """The lookup key of a surname mention: one word as it is, or name particles and a last
    word in any case ("Von der Leyen" -> "von der leyen"); None for anything else."""
    words = name.split()
    if len(words) == 1:
        return name
    if all(w.lower() in PARTICLES for w in words[:-1]):
        return name.casefold()
    return None
