"""Entity post-processing: span repair, removal of non-entities, canonical names, types, merges.

:func:`canonicalize` turns the raw chunker (or spaCy) mentions into clean,
typed, canonical entities. Everything here runs after the per-document cache
is read, so editing a lexicon takes effect at once without re-annotating.
Every rule below is deterministic and can be checked by hand.

Span repair (:func:`repair_spans`, needs the tokens table)
---------------------------------------------------------
1. titles (``data/lexicons/titles.txt``) at the start of a span are moved out
   of it when a capitalised word follows and the rest is not an organisation
   ("President Vladimir Putin" -> "Vladimir Putin"; "General Motors" stays);
2. a sentence-initial common word at the start of a longer span is moved out
   ("Follow AP" -> "AP"); *common word*: lower-case more often than
   capitalised mid-sentence in the corpus at hand (or, with under 3
   occurrences, a lower-case word of NLTK's ``words`` list);
3. a span is extended over a middle initial or name particles (von, der, de,
   van, bin, al, ...) followed by a capitalised word, absorbing the next
   mention if it starts there ("Vladimir" + "V. Putin" -> "Vladimir V. Putin";
   "Ursula" "von der" "Leyen" -> one span), over a capitalised organisation
   cue word right after it ("Associated" + "Press"), over "of" and the capitalised
   words after a word of :data:`OF_CUES` ("UK Ministry" + "of Defence"), "<X> People 's"
   over the capitalised words that follow ("Donetsk People's Republic"), and a lone
   first name over a capitalised word after it that is no common word, date, title or
   known name ("Karine" + "Jean-Pierre");
4. a span "<prefix> <First> <Last>" whose <First> is a known first name
   (``gender-guesser``) is split: the prefix is dropped when all its words are
   common words ("State Antony Blinken", "Foreign Affairs Vladimir Makei"), or
   kept as its own mention when it is a known entity (alias, gazetteer,
   nationality, acronym, or a stand-alone mention elsewhere: "Roscosmos
   Dmitry Rogozin", "Russia Vladimir Putin"); otherwise the span is kept;
5. a name of the alias table or the gazetteer followed by a word of the stop-entity list
   loses that word ("US Defence"
   of "US Defence Secretary Lloyd Austin" -> "US").

Not entities (removed; rule names in :data:`REMOVAL_RULES`)
-----------------------------------------------------------
``stop-list`` (``data/lexicons/stop_entities.txt``, whole name, any case);
``date`` (months, weekdays); ``compass`` (North, South, ... alone, unless
after "the": "the West" is kept); ``all-caps`` (a span written in capitals
that is not a known name: "RUSSIA OF", "READ"; short acronyms such as NATO,
BBC, UN are kept unless they spell a common word); ``common-word`` (a one-word
name that is a common word, see above, at the start of a sentence; mid-sentence
only when it is lower-case at least twice as often and 5+ times). An alias
row with an empty canonical also removes a name ("FILE"). Known names (alias
table, gazetteer places, nationalities, typed lexicon names) are never removed
by the last three rules.

Canonical names (in this order)
-------------------------------
1. surface clean-up (:func:`clean_surface`): possessive, leading "the", titles,
   acronym dots ("U.S." -> "US"), quotes;
2. same-document surname rule: a one-word mention that is the last word of a
   person's full name seen earlier in the document takes that name (a later
   "Lukashenko" after "Aleksandr Lukashenko"); else, when it is the first word of
   the full name of the only person of that first name seen so far, that name
   ("Paul" after "Paul Pelosi", not after "Paul Pelosi" and "Paul Whelan"; never a
   place: "Jordan"); this comes before the alias table;
3. the alias table ``data/lexicons/aliases.csv`` (``alias, canonical, label``);
   then the same-document acronym rule: an organisation's (or untyped) name of
   several words whose :func:`initials` are an acronym of 3-6 capitals named in
   the same document takes that acronym ("International Atomic Energy Agency"
   -> "IAEA" where the article also says "IAEA"; elsewhere it keeps its name);
4. automatic merges (:func:`find_merges`), each listed in a reviewable table
   (``Annotations.merges`` / :func:`merge_table`: ``variant, canonical, rule,
   mentions``): ``middle initial`` ("Donald J. Trump" -> "Donald Trump"),
   ``person transliteration`` (same type PERSON, same surname after the
   transliteration key of :func:`translit_key`, first names with the same key or
   within edit distance 2 with the same initial, no gender conflict and not both
   English given names: Sergey/Sergei, Aleksandr/Alexander; Rory/Roy and
   Jon/John stay apart), ``place transliteration`` (GPE or LOCATION with the
   same transliteration key, the same gazetteer place, or the same consonant
   skeleton within edit distance 2, never two different gazetteer places:
   Severodonetsk/Sievierodonetsk) and ``case`` (KYIV -> Kyiv: the most frequent
   spelling, but never capitals that spell first names or common words: ROSS ->
   Ross, unless they outnumber the other spellings five to one with 10+
   mentions, as acronyms do: ISIS, RIA). A group merges into a name the alias
   table maps other names to, else into its most frequent name. **Veto /
   extend**: a name that is the canonical of an alias row is never merged into
   another name automatically, so a row whose alias equals its canonical
   (``Sergey Shoigu,Sergey Shoigu,PERSON``) vetoes the automatic merges of that
   name; an ordinary row adds a merge by hand.

Types (labels)
--------------
A typed label from the engine (multiclass NLTK, spaCy) is kept. Otherwise a
name's type comes from, in order: the alias table label; the lexicon
``data/lexicons/entity_types.csv`` (exact names: "Middle East" LOCATION);
``data/lexicons/nationalities.txt`` (NORP: "Russian", "Ukrainians"); cue
words of that lexicon in names of 2+ words ("Defence Ministry" ORGANIZATION,
"Black Sea" LOCATION, "Zaporizhzhia Nuclear Power Plant" FACILITY); the place
gazetteer (:mod:`analysis.gazetteers`: countries, subdivisions, cities GPE;
continents LOCATION; a one-word city of under a million people that is also a
first name, "George", counts as a weak PERSON); a person-like name of 2+ words starting with a known
first name (PERSON); an all-caps acronym of 2-6 letters (ORGANIZATION); a
one-word first name (weak PERSON); a compass word followed by a name ("South
Jutland": LOCATION). Names still untyped (or weakly typed) then take, in order: the
type of a person's full name whose surname they are, anywhere in the corpus
("Griner" after "Brittney Griner"); the majority of their contexts (a title
removed before the name or "<name> said/told/..." -> PERSON; "in/near/outside
<name>" -> GPE); a surname or place suffix (-enko, -ov, -ova, -sky, -chuk ...
-> PERSON; -ivka, -sk, -grad, -pol ... -> GPE). All mentions of one canonical
name share its type; whatever is left is ``ENTITY``.
"""

from __future__ import annotations

import csv
import functools
import re
import threading
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from . import config
from .gazetteers import english_first_names, english_words, first_names, name_key, place_lookup
from .vocabulary import UNTYPED

PERSON_LABELS = {"PERSON", "PER", UNTYPED}
PLACE_LABELS = {"GPE", "LOCATION", "LOC"}
NATIONALITIES_FILE = config.LEXICON_DIR / "nationalities.txt"
ENTITY_TYPES_FILE = config.LEXICON_DIR / "entity_types.csv"
STOP_ENTITIES_FILE = config.LEXICON_DIR / "stop_entities.txt"
REMOVAL_RULES = ("stop-list", "date", "compass", "all-caps", "common-word")
MERGE_COLUMNS = ["variant", "canonical", "rule", "mentions"]

_ACRONYM_RE = re.compile(r"^(?:[A-Za-z]\.){2,}[A-Za-z]?\.?$")
_UP, _LOW = r"[^\W\d_a-z]", r"[^\W\d_A-Z]"  # a letter not a-z / not A-Z (accents allowed)
# a capitalised name word: "Putin", "Jean-Pierre", "O'Brien", "McConnell", "DeSantis"
_NAME_WORD_RE = re.compile(rf"^(?:[OD]['’])?{_UP}{_LOW}+(?:{_UP}{_LOW}{{2,}})?(?:[-'’]{_UP}?{_LOW}+)*$")
_INITIAL_RE = re.compile(r"^(?:[A-Z]\.){1,2}$")
_CAPS_ACRONYM_RE = re.compile(r"^[A-Z][A-Z&]{1,5}$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"})
PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "del", "della",
                       "dos", "das", "la", "le", "bin", "ibn", "bint", "al", "el", "ter", "ten",
                       "zu", "af"})
MONTHS = frozenset("january february march april may june july august september october "
                   "november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
COMPASS = frozenset("north south east west northeast northwest southeast southwest north-east "
                    "north-west south-east south-west northern southern eastern".split())
SAY_WORDS = frozenset("said says told added wrote stated explained noted argued tweeted "
                      "claimed insisted warned announced replied recalled born died married "
                      "himself herself".split())
OF_CUES = frozenset("Ministry Department Bank University Institute Academy Council Commission "
                    "Office Bureau Court Committee Gulf Sea Bay Strait Isle".split())
PLACE_PREPOSITIONS = frozenset("in near outside across throughout inside".split())
PERSON_SUFFIXES = ("enko", "ov", "ova", "ev", "eva", "sky", "skyi", "skiy", "ski", "ska",
                   "skaya", "chuk", "yuk", "iuk", "vich", "vych", "wicz", "czyk", "ić", "shvili",
                   "dze", "yan", "ian", "son", "sen", "sson", "ez", "escu", "poulos", "akis")
PLACE_SUFFIXES = ("ivka", "ivske", "ivsk", "grad", "gorod", "opol", "pol", "burg", "abad",
                  "stan", "isk", "ske", "tsk", "sk")


# --------------------------------------------------------------------------- lexicons
def lexicon_files() -> tuple:
    """The editable lists post-processing reads (the assembled-result cache hashes them)."""
    return (config.ALIASES_FILE, config.TITLES_FILE, NATIONALITIES_FILE, ENTITY_TYPES_FILE,
            STOP_ENTITIES_FILE)


def _mtimes() -> tuple[int, ...]:
    return tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in lexicon_files())


def _lines(path) -> list[str]:
    if not path.exists():
        return []
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


@functools.lru_cache(maxsize=4)
def _lexicons(_mtimes_key: tuple[int, ...], paths: tuple) -> dict:
    aliases_file, titles_file, nationalities_file, types_file, stop_file = paths
    aliases = {}
    with open(aliases_file, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not {"alias", "canonical", "label"} <= set(reader.fieldnames or []):
            raise ValueError(f"{aliases_file} needs the columns alias, canonical, label; "
                             f"found {reader.fieldnames}")
        for row in reader:
            aliases[_key(row["alias"])] = (row["canonical"].strip(), (row["label"] or "").strip())
    titles = tuple(sorted((t.split() for t in _lines(titles_file)), key=len, reverse=True))
    targets = {c for a, (c, _) in aliases.items() if c and _key(c) != a}
    norp = set()
    for word in _lines(nationalities_file):
        norp.add(word)
        if not word.endswith(("s", "sh", "ch", "ese")):
            norp.add(word + "s")
    exact, cues = {}, {}
    if types_file.exists():
        with open(types_file, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                name = (row.get("name") or "").strip()
                if not name or name.startswith("#"):
                    continue
                if (row.get("match") or "").strip() == "cue":
                    cues[name] = row["label"].strip()
                else:
                    exact[name.casefold()] = row["label"].strip()
    return {"stamp": _mtimes_key, "aliases": aliases, "titles": titles, "pinned": {c for c, _ in aliases.values() if c},
            "targets": targets, "norp": frozenset(norp), "exact": exact, "cues": cues,
            "stop": frozenset(s.casefold() for s in _lines(stop_file)),
            "title_words": frozenset(w for t in titles for w in t)}


def lexicons() -> dict:
    """Every editable list post-processing reads, reloaded when a file changes (checked
    once per call of a cleaning step, see :func:`_lexicons_pinned`)."""
    pinned = getattr(_PINNED, "lex", None)
    return pinned if pinned is not None else _lexicons(_mtimes(), lexicon_files())


_PINNED = threading.local()


def _lexicons_pinned(fn):
    """Run the cleaning step ``fn`` with the lexicons read once, at its start: its
    name-by-name helpers would otherwise look at the five files' dates for every name
    (0.2 s of the 0.35 s that cleaning a part of 256 documents takes)."""
    @functools.wraps(fn)
    def step(*args, **kwargs):
        if getattr(_PINNED, "lex", None) is not None:  # inside another step
            return fn(*args, **kwargs)
        _PINNED.lex = lexicons()
        try:
            return fn(*args, **kwargs)
        finally:
            _PINNED.lex = None
    return step


def load_alias_table() -> tuple[dict[str, tuple[str, str]], tuple[list[str], ...]]:
    """The alias table (normalised alias -> (canonical, label)) and the title list."""
    lex = lexicons()
    return lex["aliases"], lex["titles"]


def _key(name: str) -> str:
    """Case- and punctuation-insensitive lookup key ("U.S." and "us" -> "us")."""
    return re.sub(r"[.\s]+", " ", name.translate(_QUOTES)).strip().casefold().replace(" ", "")


# --------------------------------------------------------------------------- surface
def _org_rest(words, lex: dict) -> bool:
    """True when ``words`` (what a title would leave) name an organisation or place."""
    cue = lex["cues"].get(words[-1])
    return (cue is not None and cue != "PERSON") or " ".join(words).casefold() in lex["exact"]


def _strip_titles(words: list[str], lex: dict) -> list[str]:
    changed = True
    while changed and len(words) > 1:
        changed = False
        for skip in (0, 1):  # "President X" or "US President X"
            if skip >= len(words) or words[skip] not in lex["title_words"]:
                continue
            for title in lex["titles"]:
                n = len(title)
                rest = words[skip + n:]
                name_follows = bool(rest) and (rest[0][:1].isupper() or (  # "Ms von der Leyen"
                    rest[0].lower() in PARTICLES and len(rest) > 1))
                if words[skip:skip + n] == title and name_follows and not _org_rest(rest, lex):
                    words, changed = words[skip + n:], True
                    break
            if changed:
                break
    return words


def clean_surface(text: str, *, titles=None) -> str:
    """Normalise one entity surface form (possessive, "the", titles, acronym dots).

    Examples
    --------
    >>> clean_surface("US President Joe Biden")
    'Joe Biden'
    >>> clean_surface("U.S.")
    'US'
    >>> clean_surface("Russia 's")
    'Russia'
    """
    lex = lexicons()
    if titles is not None:
        lex = {**lex, "titles": titles}
    return _clean(text, lex)


def _clean(text: str, lex: dict) -> str:
    text = text.translate(_QUOTES).strip()
    text = re.sub(r"\s*'s?$", "", text)  # possessive, as tokens ("Russia 's") or glued
    words = text.strip(" _-").split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    words = _strip_titles(words, lex)
    words = [w.replace(".", "") if _ACRONYM_RE.match(w) else w for w in words]
    return " ".join(words).strip(" .,;:-_\"'")


def drop_initials(name: str) -> str:
    """Remove middle initials from a name of 3+ words ("Vladimir V. Putin" -> "Vladimir Putin").

    Examples
    --------
    >>> drop_initials("Donald J. Trump")
    'Donald Trump'
    """
    words = name.split()
    if len(words) < 3:
        return name
    kept = [words[0]] + [w for w in words[1:-1] if not _INITIAL_RE.match(w)] + [words[-1]]
    return " ".join(kept)


# --------------------------------------------------------------------------- tokens
class _TokenView:
    """Flat arrays over the tokens table: text, sentence starts, corpus word counts."""

    def __init__(self, tokens: pd.DataFrame, stats: dict | None = None):
        missing = {"doc_id", "sent_id", "token_id", "text"} - set(tokens.columns)
        if missing:
            raise ValueError(f"tokens lacks column(s) {sorted(missing)}")
        docs = tokens["doc_id"].to_numpy()
        tid = tokens["token_id"].to_numpy()
        first = np.r_[True, docs[1:] != docs[:-1]] if len(docs) else np.zeros(0, bool)
        starts = np.flatnonzero(first)
        if len(set(docs[starts])) != len(starts) or \
                not np.array_equal(tid, np.arange(len(tid)) - np.repeat(starts, np.diff(
                    np.r_[starts, len(tid)]))):
            raise ValueError("tokens must be grouped by document with token_id 0, 1, 2, ... "
                             "in each (as annotate builds them)")
        self.base = dict(zip(docs[starts], starts))
        self.text = tokens["text"].astype(object).to_numpy()
        sent = tokens["sent_id"].to_numpy()
        self.sent = np.cumsum(first | np.r_[True, sent[1:] != sent[:-1]])
        begin = np.r_[True, self.sent[1:] != self.sent[:-1]]
        series = pd.Series(self.text)
        opener = series.isin(["``", '"', "'", "(", "-", "--", ":", "—", "|", "•", "*"]).to_numpy().copy()
        opener |= series.str.fullmatch(r"[_\-—*•]+").fillna(False).to_numpy(bool)
        lower = series.str.lower()
        self.joiner = (lower.isin(PARTICLES) | series.str.fullmatch(r"(?:[A-Z]\.){1,2}")
                       .fillna(False) | series.isin(["People"])).to_numpy(bool)
        self.at_start = begin | (np.r_[False, opener[:-1]] & np.r_[False, begin[:-1]])
        if stats is not None:  # counts of the whole corpus, this view being one part of it
            self.counts, self.start_counts = stats["word"], stats["start"]
        else:
            self.counts = pd.Series(self.text).value_counts().to_dict()
            self.start_counts = pd.Series(self.text[self.at_start]).value_counts().to_dict()

    def word(self, g: int) -> str:
        return self.text[g] if 0 <= g < len(self.text) else ""

    def same_sentence(self, a: int, b: int) -> bool:
        return 0 <= a < len(self.text) and 0 <= b < len(self.text) and self.sent[a] == self.sent[b]


def _is_common(word: str, view: _TokenView | None) -> bool:
    """A common word: lower-case more often than capitalised mid-sentence in the corpus
    (3+ occurrences), else a lower-case word of NLTK's ``words`` list."""
    low = word.lower()
    if view is not None:
        cap = word[:1].upper() + word[1:].lower()
        n_low = view.counts.get(low, 0)
        n_cap = view.counts.get(cap, 0) - view.start_counts.get(cap, 0)
        if n_low + n_cap >= 3:
            return n_low > n_cap
    return low in english_words() or (low.endswith("s") and low[:-1] in english_words())


# --------------------------------------------------------------------------- types
def _name_like(word: str) -> bool:
    return bool(_NAME_WORD_RE.match(word) or _INITIAL_RE.match(word)) or word in PARTICLES


def _is_first_name(word: str, lex: dict) -> bool:
    return (bool(_NAME_WORD_RE.match(word)) and name_key(word) in first_names()
            and word not in lex["norp"] and word.casefold() not in lex["exact"]
            and word not in lex["cues"] and word not in lex["title_words"])


def type_name(name: str) -> tuple[str | None, str]:
    """The type of a canonical name by the name alone: ``(label or None, rule)``.

    Rules, first match wins: lexicon exact name, nationality (NORP), cue word
    (names of 2+ words), place gazetteer, person-like name starting with a
    first name, all-caps acronym, one-word first name. The alias table is not
    consulted here (its label wins over all of these in :func:`canonicalize`).

    Examples
    --------
    >>> type_name("Defence Ministry")
    ('ORGANIZATION', 'cue word')
    >>> type_name("Sievierodonetsk")
    ('GPE', 'gazetteer')
    >>> type_name("Dmitry Rogozin")
    ('PERSON', 'first name')
    """
    return _type_name(name, lexicons()["stamp"])


@functools.lru_cache(maxsize=200_000)
def _type_name(name: str, _mtimes_key) -> tuple[str | None, str]:
    lex = lexicons()
    words = name.split()
    if not words:
        return None, ""
    if name.casefold() in lex["exact"]:
        return lex["exact"][name.casefold()], "lexicon"
    if name in lex["norp"]:
        return "NORP", "nationality"
    if len(words) > 1:
        found = [lex["cues"][w] for w in words if w in lex["cues"]]
        cue = lex["cues"].get(words[-1]) or (found[0] if found else None)
        if cue == "GPE" and "ORGANIZATION" in found:
            cue = "ORGANIZATION"  # "Coronado Unified School District"
        if cue:
            return cue, "cue word"
    place = place_lookup(name)
    if place and len(words) == 1 and place[3] == "city" and place[2] < 1_000_000 \
            and _is_first_name(name, lex):
        return "PERSON", "first name"  # "George", "Stanley": weak, the context decides
    if place:
        return place[0], "gazetteer"
    if 2 <= len(words) <= 5 and _is_first_name(words[0], lex) and all(map(_name_like, words)) \
            and _NAME_WORD_RE.match(words[-1]):
        return "PERSON", "first name"
    if len(words) > 1 and words[0].lower() in COMPASS and all(map(_name_like, words[1:])):
        return "LOCATION", "compass prefix"  # "West Jersey", "South Jutland"
    if _CAPS_ACRONYM_RE.match(name) and name.lower() not in english_words():
        return "ORGANIZATION", "acronym"
    if len(words) == 1 and _is_first_name(name, lex):
        return "PERSON", "first name"
    return None, ""


def _known(name: str, lex: dict) -> bool:
    """A name the lexicons or gazetteers know (alias, place, nationality, typed lexicon name)."""
    if _key(name) in lex["aliases"]:
        return True
    label, rule = _type_name(name, lex["stamp"])
    return label is not None and rule != "first name"


# --------------------------------------------------------------------------- span repair
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


def _plan(words: tuple, at_start: bool, view, lex: dict, standalone: Counter) -> list:
    """Sub-spans ``(a, b, after_title)`` of one chunk (titles out, prefixes split)."""
    parts, i, title = [], 0, False
    if at_start and len(words) >= 2 and words[1][:1].isupper() and _is_common(words[0], view) \
            and not _known(" ".join(words), lex) and not _known(words[0], lex) \
            and not _is_first_name(words[0], lex):
        i = 1
    changed = True
    while changed:
        changed = False
        for skip in (0, 1):
            if i + skip >= len(words) or words[i + skip] not in lex["title_words"]:
                continue
            for t in lex["titles"]:
                j = i + skip + len(t)
                if list(words[i + skip:j]) == t and len(words) > j and words[j][:1].isupper() \
                        and not _org_rest(list(words[j:]), lex):
                    if skip and _known(words[i], lex):
                        parts.append((i, i + 1, False))
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
    if end - i >= 2 and words[-1].casefold() in lex["stop"] and (
            _key(lead) in lex["aliases"] or _type_name(lead, lex["stamp"])[1] == "gazetteer"):
        end -= 1  # "US Defence" (of "US Defence Secretary ..."): the known name alone
    parts.append((i, end, title))
    return parts


def _extend(gs: int, ge: int, view: _TokenView, lex: dict) -> tuple[int, int]:
    """Grow a span over middle initials and name particles followed by a capitalised word,
    over a following organisation cue word, over "of <Name>" after an OF_CUES word
    ("Ministry of Defence"), over "People 's Republic", and a lone first name over the
    surname that follows it ("Karine" + "Jean-Pierre")."""
    n, lex_cues = len(view.text), lex["cues"]
    if not ((ge < n and (view.joiner[ge] or view.text[ge] in lex_cues or view.text[ge] == "of"))
            or view.joiner[ge - 1] or (gs > 0 and view.joiner[gs - 1])
            or (ge - gs == 1 and _surname_follows(ge, view, lex))):
        return gs, ge
    if ge - gs == 1 and _surname_follows(ge, view, lex):
        ge += 1
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
        elif view.word(ge - 1) in OF_CUES and view.word(ge) == "of" \
                and view.same_sentence(gs, ge + 1) and _NAME_WORD_RE.match(view.word(ge + 1)):
            ge += 2  # "Ministry of Defence", "Ministry of Foreign Affairs", "Sea of Azov"
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


def _surname_follows(ge: int, view: _TokenView, lex: dict) -> bool:
    """Whether the one-word span ending at ``ge`` is a first name followed, in the same
    sentence, by a capitalised word that can only be its surname (not a common word,
    date, title or known name)."""
    first, nxt = view.word(ge - 1), view.word(ge)
    return (view.same_sentence(ge - 1, ge) and _NAME_WORD_RE.match(nxt) is not None
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
        gs, ge = _extend(gs, ge, view, lex)
        gs = max(gs, consumed)
        words = tuple(view.text[gs:ge])
        key = (words, bool(view.at_start[gs]))
        if key not in plans:
            plans[key] = _plan(words, key[1], view, lex, standalone)
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
    """Return a copy of ``entities`` with spans repaired over the tokens (see the module notes).

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


# --------------------------------------------------------------------------- removal
def _removal(name: str, at_start: bool, after_the: bool, view, lex: dict) -> str | None:
    """The rule that removes ``name`` (see :data:`REMOVAL_RULES`), or None to keep it."""
    low = name.casefold()
    if low in lex["stop"]:
        return "stop-list"
    if low.rstrip(".") in MONTHS or low in WEEKDAYS:
        return "date"
    if low in COMPASS and not after_the:
        return "compass"
    if _known(name, lex):
        return None
    words = name.split()
    letters = re.sub(r"[^A-Za-z]", "", name)
    if len(letters) >= 2 and letters.isupper():
        if any(_is_common(w, view) for w in words) and (len(words) > 1 or len(letters) > 1):
            return "all-caps"
        return None
    if len(words) == 1 and view is not None:
        if at_start and _is_common(name, view):
            return "common-word"
        cap = name[:1].upper() + name[1:].lower()
        n_low = view.counts.get(name.lower(), 0)
        n_cap = view.counts.get(cap, 0) - view.start_counts.get(cap, 0)
        if n_low >= 5 and n_low >= 2 * n_cap:
            return "common-word"
    return None


def _contexts(frame: pd.DataFrame, view) -> dict[str, np.ndarray]:
    """Per mention: sentence-initial, previous and next word (same sentence; "" if none)."""
    n = len(frame)
    if view is None or n == 0:
        return {"at_start": np.zeros(n, bool), "prev": np.full(n, "", object),
                "next": np.full(n, "", object)}
    base = frame["doc_id"].map(view.base).to_numpy(np.int64)
    gs = base + frame["start_token"].to_numpy(np.int64)
    ge = base + frame["end_token"].to_numpy(np.int64)
    size = len(view.text)
    pi, ni = np.clip(gs - 1, 0, size - 1), np.clip(ge, 0, size - 1)
    prev = np.where((gs > 0) & (view.sent[pi] == view.sent[np.clip(gs, 0, size - 1)]),
                    view.text[pi], "")
    nxt = np.where((ge < size) & (view.sent[ni] == view.sent[np.clip(ge - 1, 0, size - 1)]),
                   view.text[ni], "")
    return {"at_start": view.at_start[np.clip(gs, 0, size - 1)], "prev": prev, "next": nxt}


# --------------------------------------------------------------------------- short forms
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


# --------------------------------------------------------------------------- merges
_TRANSLIT = (("kh", "h"), ("ph", "f"), ("w", "v"), ("x", "ks"), ("ck", "k"), ("iy", "i"),
             ("yy", "i"), ("yi", "i"), ("ij", "i"), ("y", "i"), ("j", "i"), ("ii", "i"),
             ("ie", "e"))


@functools.lru_cache(maxsize=200_000)
def translit_key(text: str) -> str:
    """A key equal for common transliterations of one name.

    ASCII-folded and lower-cased, then kh->h, ph->f, w->v, x->ks, ck->k, iy/yy/yi/ij/y/j->i,
    ii->i, ie->e, and doubled letters collapsed.

    Examples
    --------
    >>> translit_key("Sergey") == translit_key("Sergei")
    True
    >>> translit_key("Sievierodonetsk") == translit_key("Severodonetsk")
    True
    """
    s = name_key(text).replace(" ", "")
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short strings)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _same_person(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or any(translit_key(x) != translit_key(y) for x, y in
                                 zip(wa[1:], wb[1:])):
        return False
    ka, kb = translit_key(wa[0]), translit_key(wb[0])
    if ka == kb:
        return True
    genders = {first_names().get(name_key(wa[0]), "?"), first_names().get(name_key(wb[0]), "?")}
    if {name_key(wa[0]), name_key(wb[0])} <= english_first_names():
        return False  # two English given names (Rory/Roy, Jon/John): two people
    return (ka[:1] == kb[:1] and _edits(ka, kb) <= max(1, min(2, min(len(ka), len(kb)) // 4))
            and not {"m", "f"} <= genders)


def _same_place(a: str, b: str) -> bool:
    ka, kb = translit_key(a), translit_key(b)
    if ka == kb:
        return True
    pa, pb = place_lookup(a), place_lookup(b)
    if pa and pb and pa[1] != pb[1]:
        return False  # two different places of the gazetteer
    skel = lambda k: re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]", "", k))  # noqa: E731
    return (skel(ka) == skel(kb) and min(len(ka), len(kb)) >= 6 and _edits(ka, kb) <= 2
            and ka[0] == kb[0] and ka[-1] == kb[-1]
            and not ka.startswith(kb) and not kb.startswith(ka))


def _groups(names: list, buckets, same) -> list[list[str]]:
    """Connected groups of ``names`` under ``same``; pairs are compared only when they share
    one of the bucket keys ``buckets(name)`` returns."""
    import networkx as nx

    table = defaultdict(list)
    for n in names:
        for b in buckets(n):
            table[b].append(n)
    graph = nx.Graph()
    graph.add_nodes_from(names)
    for members in table.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if not graph.has_edge(a, b) and same(a, b):
                    graph.add_edge(a, b)
    order = {n: i for i, n in enumerate(names)}
    return [sorted(c, key=order.get) for c in nx.connected_components(graph) if len(c) > 1]


def _place_buckets(name: str) -> list:
    key = translit_key(name)
    return [("k", key), ("s", re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]", "", key)))]


@_lexicons_pinned
def find_merges(counts: dict[str, int], labels: dict[str, str | None]) -> dict[str, tuple]:
    """Automatic merges of spelling variants: ``{variant: (canonical, rule)}``.

    Parameters
    ----------
    counts : dict
        Canonical name (after the alias table) -> mentions.
    labels : dict
        Name -> type (``PERSON``, ``GPE``, ...; None when untyped).

    Examples
    --------
    >>> find_merges({"Sergei Shoigu": 30, "Sergey Shoigu": 4},
    ...             {"Sergei Shoigu": "PERSON", "Sergey Shoigu": "PERSON"})
    {'Sergey Shoigu': ('Sergei Shoigu', 'person transliteration')}
    """
    lex = lexicons()
    out: dict[str, tuple] = {}
    persons = [n for n in counts if labels.get(n) == "PERSON"]
    multi = [n for n in persons if " " in n]
    for group in _groups(multi, lambda n: [translit_key(n.rsplit(" ", 1)[-1])], _same_person) + \
            _groups([n for n in persons if " " not in n and name_key(n) not in first_names()],
                    lambda n: [translit_key(n)], lambda a, b: True):
        out.update(_merge_group(group, counts, lex, "person transliteration"))
    places = [n for n in counts if labels.get(n) in PLACE_LABELS]
    for group in _groups(places, _place_buckets, _same_place):
        out.update(_merge_group(group, counts, lex, "place transliteration"))
    return out


def _merge_group(group: list, counts: dict, lex: dict, rule: str) -> dict[str, tuple]:
    target = sorted(group, key=lambda n: (n not in lex["targets"], -counts[n], n))[0]
    return {n: (target, rule) for n in group if n != target and n not in lex["pinned"]}


def _shouted(name: str, lex: dict) -> bool:
    """A name in capitals whose words are first names or common words: a headline's
    "BORIS", "ROSS", "WOLF", not the acronym "TASS"."""
    return name.isupper() and any(_is_first_name(w.title(), lex) or w.lower() in english_words()
                                  for w in name.split())


def _case_merges(counts: dict[str, int], lex: dict) -> dict[str, tuple]:
    """Spellings that differ only in case -> the most frequent one, but not capitals that
    spell a first name or a common word ("ROSS" -> "Ross") unless they outnumber the other
    spellings five to one with 10+ mentions: then they are an acronym ("ISIS", 31 against
    "Isis" 1; "RIA" 29 against "Ria" 3)."""
    group: Counter = Counter()
    for name, n in counts.items():
        group[name.casefold()] += n

    def shouted(name: str, n: int) -> bool:
        rest = group[name.casefold()] - n
        return _shouted(name, lex) and not (n >= 10 and n >= 5 * rest)

    best: dict[str, str] = {}
    for name, n in sorted(counts.items(), key=lambda kv: (kv[0] not in lex["targets"],
                                                          shouted(*kv), -kv[1], kv[0])):
        best.setdefault(name.casefold(), name)
    return {n: (best[n.casefold()], "case") for n in counts
            if best[n.casefold()] != n and n not in lex["pinned"]}


def merge_table(entities: pd.DataFrame) -> pd.DataFrame:
    """Every automatic merge in ``entities``: ``variant, canonical, rule, mentions``.

    Examples
    --------
    >>> merge_table(ann.entities).head()  # doctest: +SKIP
    """
    if not {"variant", "merge_rule"} <= set(entities.columns):
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "mentions" else "string")
                             for c in MERGE_COLUMNS})
    rows = entities.loc[entities["merge_rule"].notna(), ["variant", "canonical", "merge_rule"]]
    table = (rows.rename(columns={"merge_rule": "rule"}).value_counts()
             .reset_index(name="mentions"))
    return table.sort_values(["rule", "mentions", "variant"], ascending=[True, False, True],
                             ignore_index=True)[MERGE_COLUMNS]


# --------------------------------------------------------------------------- canonicalize
@_lexicons_pinned
def canonicalize(mentions: pd.DataFrame, *, tokens: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return a copy of the entity ``mentions`` with clean spans, ``canonical`` names and types.

    Parameters
    ----------
    mentions : pandas.DataFrame
        ``doc_id, ..., text, label`` in document order (as :func:`annotate` builds it);
        with ``tokens``, also ``start_token, end_token``.
    tokens : pandas.DataFrame, optional
        The tokens table (``doc_id, sent_id, token_id, text``). With it, spans are
        repaired (:func:`repair_spans`), sentence-initial common words are removed
        and the context types untyped names; without it, only the name rules apply.

    Returns
    -------
    pandas.DataFrame
        The rows that are entities, plus ``canonical``, ``variant`` and ``merge_rule``
        (the name before an automatic merge and the merge's rule; missing when
        none, see :func:`merge_table`); ``label`` typed as the module notes say.

    Raises
    ------
    ValueError
        When a needed column is missing, or the tables do not fit together.

    Examples
    --------
    >>> ents = pd.DataFrame({"doc_id": ["d", "d"], "text": ["Fumio Kishida", "Kishida"],
    ...                      "label": ["ENTITY", "ENTITY"]})
    >>> canonicalize(ents)[["canonical", "label"]].values.tolist()
    [['Fumio Kishida', 'PERSON'], ['Fumio Kishida', 'PERSON']]
    """
    return _canonicalize(mentions, tokens)[0]


def _canonicalize(entities: pd.DataFrame, tokens) -> tuple[pd.DataFrame, dict]:
    """The whole corpus in one part: the stages that :mod:`analysis.store` runs part by part."""
    local, stats = local_names(entities, tokens)
    names = resolve_names(name_table(local))
    return apply_names(local, names), stats


def mention_stats(entities: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """The corpus counts the cleaning reads, for one part of a corpus: ``kind, key, n``.

    Kinds: ``word`` (token texts), ``start`` (sentence-initial token texts), ``chunk``
    (raw mention texts). They add up over parts; :func:`local_names` takes the sums.
    """
    view = _TokenView(tokens)
    frames = [pd.DataFrame({"kind": kind, "key": list(counts), "n": list(counts.values())})
              for kind, counts in (("word", view.counts), ("start", view.start_counts),
                                   ("chunk", Counter(entities["text"].astype(str))))]
    out = pd.concat(frames, ignore_index=True)
    return out.astype({"kind": "string", "key": "string", "n": "int64"})


def stats_dict(stats: pd.DataFrame) -> dict[str, dict]:
    """``{kind: {key: n}}`` of the summed :func:`mention_stats` of all parts."""
    stats = stats.groupby(["kind", "key"], sort=False)["n"].sum().reset_index()
    return {kind: dict(zip(stats.loc[stats["kind"] == kind, "key"].astype(str),
                           stats.loc[stats["kind"] == kind, "n"].astype(int)))
            for kind in ("word", "start", "chunk")}


@_lexicons_pinned
def local_names(entities: pd.DataFrame, tokens, stats: dict | None = None):
    """Repair, clean and remove mentions, resolve short forms and aliases (one part).

    Returns the kept mentions with ``_canon`` (the name before automatic merges)
    and their context ``_title``, ``_prev``, ``_next``; and the removal counts.
    ``stats`` (:func:`stats_dict`) gives the corpus counts when this is one part.
    """
    _check_entities(entities, {"doc_id", "text", "label"} |
                    ({"start_token", "end_token"} if tokens is not None else set()))
    lex = lexicons()
    out, title, view = entities.copy(), np.zeros(len(entities), bool), None
    if tokens is not None:
        view = _TokenView(tokens, stats)
        out, title = _repair(out, view, stats["chunk"] if stats is not None else None)
    report = {"mentions_in": len(entities), "mentions_repaired": len(out)}
    cleaned = {s: _clean(s, lex) for s in out["text"].astype(str).unique()}
    names = out["text"].astype(str).map(cleaned).to_numpy(object)
    ctx = _contexts(out, view)
    memo: dict = {}
    reasons = []
    for name, st, prev in zip(names, ctx["at_start"], ctx["prev"]):
        k = (name, bool(st), prev.lower() == "the")
        if k not in memo:
            memo[k] = _removal(name, k[1], k[2], view, lex) if name else "empty"
        reasons.append(memo[k])
    reasons = pd.Series(reasons, dtype=object)
    report["removed"] = reasons.dropna().value_counts().to_dict()
    keep = reasons.isna().to_numpy()
    out, names, title = out[keep], names[keep], title[keep]
    ctx = {k: v[keep] for k, v in ctx.items()}
    names = _resolve_short_forms(out["doc_id"].tolist(), names,
                                 out["label"].astype(str).tolist(), lex)
    hits = {n: lex["aliases"].get(_key(n)) for n in set(names)}
    canon = np.array([hits[n][0] if hits[n] else n for n in names], dtype=object)
    keep = canon != ""
    report["removed"]["alias"] = int((~keep).sum())
    out = out[keep]
    canon = _resolve_acronyms(out["doc_id"].tolist(), canon[keep],
                              out["label"].astype(str).tolist(), lex)
    out = out.assign(_canon=canon, _title=title[keep], _prev=ctx["prev"][keep],
                     _next=ctx["next"][keep])
    return out.reset_index(drop=True), report


@_lexicons_pinned
def name_table(local: pd.DataFrame, *, first: int = 0) -> pd.DataFrame:
    """Per name before merges and engine label: ``mentions``, ``first`` (position of the
    first mention, from ``first`` on) and the ``person``/``place`` context votes.

    Adds up over parts (``first`` takes the minimum) for :func:`resolve_names`.
    """
    lex = lexicons()
    prev = local["_prev"].astype(str)
    person = (local["_title"].to_numpy(bool) | prev.isin(lex["title_words"]).to_numpy()
              | local["_next"].astype(str).str.lower().isin(SAY_WORDS).to_numpy())
    place = prev.str.lower().isin(PLACE_PREPOSITIONS).to_numpy()
    frame = pd.DataFrame({"name": local["_canon"].astype(str).to_numpy(object),
                          "label": local["label"].astype(str).to_numpy(object),
                          "first": np.arange(first, first + len(local), dtype=np.int64),
                          "person": person.astype(np.int64), "place": place.astype(np.int64)})
    return (frame.groupby(["name", "label"], sort=False)
            .agg(mentions=("first", "size"), first=("first", "min"), person=("person", "sum"),
                 place=("place", "sum")).reset_index())


def add_name_tables(*tables: pd.DataFrame) -> pd.DataFrame:
    """The :func:`name_table` of several parts added up."""
    both = pd.concat(tables, ignore_index=True)
    return (both.groupby(["name", "label"], sort=False)
            .agg(mentions=("mentions", "sum"), first=("first", "min"),
                 person=("person", "sum"), place=("place", "sum")).reset_index())


@_lexicons_pinned
def resolve_names(table: pd.DataFrame) -> pd.DataFrame:
    """Merges and types of every name: ``name, canonical, variant, merge_rule, type``.

    ``table`` is the :func:`name_table` of the whole corpus (or its parts added up).
    ``type`` is the canonical name's label for mentions the engine left untyped.
    """
    lex = lexicons()
    table = table.sort_values("first", kind="stable")
    per_name = table.groupby("name", sort=False).agg(mentions=("mentions", "sum"),
                                                     first=("first", "min"))
    final = _apply_merges(Counter(dict(zip(per_name.index, per_name["mentions"]))))
    table = table.assign(canonical=table["name"].map(lambda n: final[n][0]))
    label = _canonical_labels(table, final, lex)
    names = list(per_name.index)
    return pd.DataFrame({"name": names, "canonical": [final[n][0] for n in names],
                         "variant": [final[n][1] for n in names],
                         "merge_rule": [final[n][2] for n in names],
                         "type": [label[final[n][0]] for n in names]}, dtype="string")


@_lexicons_pinned
def apply_names(local: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """The mentions of :func:`local_names` with ``canonical``, ``variant``, ``merge_rule``
    and ``label`` from :func:`resolve_names` (engine-typed mentions keep their label)."""
    names = names.set_index("name")
    key = local["_canon"].astype(str).to_numpy(object)
    out = local.drop(columns=["_canon", "_title", "_prev", "_next"])
    for col in ("canonical", "variant", "merge_rule"):
        out[col] = pd.array(names[col].reindex(key).to_numpy(), dtype="string")
    engine = out["label"].astype(str).to_numpy(object)
    typed = names["type"].reindex(key).to_numpy(object)
    out["label"] = pd.Series(np.where(engine != UNTYPED, engine, typed), index=out.index,
                             dtype="string")
    return out.reset_index(drop=True)


def _rule_label(name: str, lex: dict) -> str | None:
    hit = lex["aliases"].get(_key(name))
    if hit and hit[1]:
        return hit[1]
    return _type_name(name, lex["stamp"])[0]


def _apply_merges(counts: Counter) -> dict[str, tuple]:
    """Middle initials, transliteration and case merges: name -> (canonical, variant, rule);
    ``counts``: mentions per name, in the order of first mention."""
    lex = lexicons()
    step: dict[str, tuple] = {}
    for name in counts:
        short = drop_initials(name)
        if short != name and name not in lex["pinned"] and _rule_label(name, lex) in (
                "PERSON", None) and all(map(_name_like, name.split())):
            step[name] = (short, "middle initial")
    merged = Counter()
    for name, n in counts.items():
        merged[step.get(name, (name,))[0]] += n
    case = _case_merges(dict(merged), lex)
    again = Counter()
    for name, n in merged.items():
        again[case.get(name, (name,))[0]] += n
    labels = {n: _rule_label(n, lex) for n in again}
    translit = find_merges(dict(again), labels)
    final = {}
    for name in counts:
        cur, rules = name, []
        for table in (step, case, translit):
            if cur in table:
                cur, r = table[cur]
                rules.append(r)
        final[name] = (cur, name if rules else None, " + ".join(rules) if rules else None)
    return final


def _canonical_labels(table: pd.DataFrame, final: dict, lex: dict) -> dict[str, str]:
    """One type per canonical name, from the name table (sorted by first mention)."""
    canonicals = list(dict.fromkeys(table["canonical"]))
    label = {name: _rule_label(name, lex) for name in canonicals}
    for v in dict.fromkeys(table["name"]):
        c, variant = final[v][0], final[v][1]
        if variant is not None and label.get(c) is None:
            label[c] = _rule_label(v, lex)
    typed = table[table["label"] != UNTYPED]
    typed = (typed.groupby(["canonical", "label"], sort=False)
             .agg(n=("mentions", "sum"), first=("first", "min")).reset_index()
             .sort_values(["canonical", "n", "first"], ascending=[True, False, True]))
    for c, lab in zip(*typed.drop_duplicates("canonical")[["canonical", "label"]].T.values):
        if label.get(c) is None:
            label[c] = lab
    surnames = {n.rsplit(" ", 1)[-1] for n, lab in label.items() if lab in ("PERSON", "PER")
                and " " in n}
    sums = table.groupby("canonical")[["person", "place"]].sum()
    votes = {**{c: "PERSON" for c in sums.index[sums["person"] > sums["place"]]},
             **{c: "GPE" for c in sums.index[sums["place"] > sums["person"]]}}
    for name in canonicals:
        if label[name] is None or (" " not in name and _type_name(name, lex["stamp"])[1]
                                   == "first name" and _key(name) not in lex["aliases"]):
            label[name] = ("PERSON" if name in surnames else votes.get(name) or label[name]
                           or _suffix_label(name) or UNTYPED)
    return label


def _suffix_label(name: str) -> str | None:
    words = name.split()
    if not all(map(_name_like, words)) or not _NAME_WORD_RE.match(words[-1]):
        return None
    last = words[-1].lower()
    if last.endswith(PERSON_SUFFIXES):
        return "PERSON"
    if len(words) == 1 and last.endswith(PLACE_SUFFIXES):
        return "GPE"
    return None
