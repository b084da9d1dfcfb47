"""What an article says about its people, for speaker resolution: the titles and roles
attached to each person's mentions ("British Prime Minister Boris Johnson", "Johnson, the
prime minister,", "the NATO chief, Jens Stoltenberg") and their gender (first names,
honorifics and gendered role words); :func:`add_missed_people` first adds the persons the
annotation missed or cut ("Mr Guterres", "Linda Thomas-Greenfield", a later bare surname).

:class:`People` answers "who is *the prime minister*?" (:meth:`People.described`: by the
roles, else the salient person a description fits) and "is this person a *he*?"
(:meth:`People.gender`) for one document; it reads the arrays of
:class:`analysis.quote_doc._Doc` (text, tokens with tags, sentences, entities).
"""

from __future__ import annotations

import re

import numpy as np

from . import config
from .gazetteers import english_words, first_names
from .lexicons import cached_on_files, read_lines
from .vocabulary import UNTYPED

NATIONALITIES_FILE = config.LEXICON_DIR / "nationalities.txt"


@cached_on_files(lambda: (NATIONALITIES_FILE,))
def _nationalities() -> frozenset[str]:
    """The nationality adjectives, lower case ("russian", "british")."""
    return frozenset(w.lower() for w in read_lines(NATIONALITIES_FILE))


_ROLE_TAGS = {"NNP", "NNPS", "NN", "NNS", "JJ", "POS", "DT", "CD", "HYPH", "PRP$", "VBN"}
_APPOSITION = re.compile(r",\s+((?![Ww]ho\b|[Ww]hich\b|[Ww]hose\b|and\b|but\b|said\b|says\b)"
                         r"[\w’'.-]+(?:\s+[\w’'.-]+){0,11}?)(?=\s*[,.;:(]|\s*$)")
_NOT_ROLE = {"the", "a", "an", "of", "and", "for", "in", "at", "on", "to", "'s", "’s", "s",
             "former", "then", "now", "current", "new", "top", "senior", "own", "his", "her",
             "city", "town", "country", "region", "nation", "its", "their", "this", "that",
             "same"}
# words for the same office ("the leader" is the president, the premier, the chancellor...)
_SAME_OFFICE = {"leader": {"president", "premier", "chancellor", "prime", "head", "chief"},
                "premier": {"prime"}, "head": {"chief", "chair", "chairman", "director",
                                               "secretary-general", "president"},
                "chief": {"head", "secretary-general", "chairman", "director"},
                "pontiff": {"pope"}, "diplomat": {"minister", "ambassador", "envoy"},
                "envoy": {"ambassador"}, "ambassador": {"envoy", "diplomat"}, "spokesperson":
                {"spokesman", "spokeswoman"}, "lawmaker": {"rep", "rep.", "senator", "mp"},
                "senator": {"sen", "sen."}, "general": {"gen", "gen.", "commander"}}
_PREPOSITIONS = {"of", "to", "for", "in", "at", "from", "on"}
_INDEFINITE = {"a", "an", "one", "another", "some", "two", "three", "several", "many", "most",
               "other", "few", "all"}
# the head nouns of a definite description of an organisation ("the body said")
ORGANISATION_NOUNS = {"body", "agency", "organisation", "organization", "alliance", "bloc",
                      "watchdog", "company", "firm", "group", "institution", "committee",
                      "commission", "council", "department", "ministry", "office", "union"}
# the words of a description that do not say which organisation it is
_NOT_MODIFIER = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "same", "own"}
# the modifiers that name another office ("deputy" prime minister, "foreign" minister): a
# person whose roles lack one is not the one described
_OFFICE_WORDS = {"deputy", "vice", "foreign", "defence", "defense", "interior", "finance",
                 "justice", "health", "energy", "economy", "acting", "assistant", "prime"}
_STATE = {"state": {"president", "king", "queen", "emperor", "monarch"}}
_PLACE_HEADS = {"region": "governor", "oblast": "governor", "province": "governor",
                "city": "mayor", "town": "mayor"}
# abbreviated titles ("the Polish PM", "the Tesla CEO"), read as the words they stand for
ABBREVIATIONS = {"pm": ("prime", "minister"), "ceo": ("chief", "executive"),
                 "fm": ("foreign", "minister")}
# the head nouns of a description of one person: a specific office (a person holding
# another one is not it) ...
OFFICES = {"president", "minister", "premier", "chancellor", "ambassador", "envoy", "governor",
           "mayor", "secretary", "secretary-general", "senator", "spokesman", "spokeswoman",
           "spokesperson", "king", "queen", "prince", "pope", "pontiff", "judge", "chairman",
           "chairwoman", "commissioner", "general", "commander", "colonel", "captain",
           "director", "executive", "chief", "head", "professor", "adviser", "advisor", "mp",
           "lawmaker", "congressman", "congresswoman", "speaker", "prosecutor"}
# ... or a word any person can be described by ("the veteran politician", "the official") ...
PERSON_NOUNS = {"politician", "official", "leader", "billionaire", "tycoon", "businessman",
                "businesswoman", "man", "woman", "veteran", "figure"}
# ... or an occupation (a person holding an office is not "the journalist")
OCCUPATIONS = {"journalist", "reporter", "analyst", "expert", "activist", "writer", "author",
               "actor", "actress", "economist", "scientist", "researcher", "commentator",
               "campaigner", "soldier", "diplomat"}
# heads that name someone by their relation to another ("the spokesperson", "the owner"):
# no referring back to the salient person, who is more often the one they speak for
_RELATIONAL = {"spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "aide",
               "lawyer", "owner", "head", "chief", "director", "executive", "boss", "founder"}
GENDER_WORDS = {**dict.fromkeys(("mr", "mr.", "sir", "lord", "king", "prince", "pope",
                                 "spokesman", "chairman", "congressman", "father", "husband",
                                 "son", "brother", "patriarch", "duke"), "m"),
                **dict.fromkeys(("mrs", "mrs.", "ms", "ms.", "miss", "lady", "dame", "queen",
                                 "princess", "spokeswoman", "chairwoman", "congresswoman",
                                 "mother", "wife", "daughter", "sister", "duchess",
                                 "woman", "businesswoman", "actress"), "f"),
                "man": "m", "businessman": "m"}


# country words whose first three letters differ from the nationality's
_COUNTRY = {"uk": "british", "britain": "british", "us": "american", "u.s": "american",
            "usa": "american", "america": "american", "france": "french",
            "netherlands": "dutch", "holland": "dutch"}


def _of(doc, k: int) -> bool:
    """Whether token ``k`` is an "of" or "to" inside a title ("the governor of Ukraine's
    eastern region of Luhansk, Serhiy Haidai", "Russia's ambassador to the US Anatoly
    Antonov")."""
    word = doc.text[doc.t_start[k]:doc.t_end[k]]
    if k == 0 or word not in ("of", "to") or doc.t_pos[k - 1] not in ("NN", "NNP", "NNS", "JJ"):
        return False  # ("to" only after an office: not "a letter to President Joe Biden")
    return word == "of" or _key(doc.text[doc.t_start[k - 1]:doc.t_end[k - 1]]) in OFFICES


def _expand(keys) -> list[str]:
    """Role words with abbreviated titles written out ("pm" -> "prime", "minister")."""
    out: list[str] = []
    for k in keys:
        out.extend(ABBREVIATIONS.get(k, (k,)))
    return out


def _abbreviates(word: str, roles: set) -> bool:
    """Whether ``word`` ("u.n", "nato") is made of the initials of role words ("united",
    "nations")."""
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and ("." in word or len(letters) <= 4) \
        and all(any(r.startswith(c) for r in roles if len(r) > 2) for c in letters)


def _key(word: str) -> str:
    word = word.lower().strip(".,;:()\"“”")
    return word[:-2] if word.endswith(("'s", "’s")) else word


# an honorific before a capitalised name ("Mr Guterres", "Prof. John R Bryson")
# (the words of a name are on one line: "Dr Szmidt\n\nThe ..." is no name "Szmidt The")
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Dame|Adm|Gen|Lt|Col|Maj|Capt|Sgt|"
                     r"Sen|Rep|Gov)\.?[ \t]+"
                     r"((?:[A-Z][\w’'-]+[ \t]+(?:[A-Z]\.?[ \t]+)?)?[A-Z][\w’'-]+)"
                     r"\b(?![’']s\b)")
_TITLES = ("Mr", "Ms", "Dr", "Prof", "Sir", "Dame", "Adm", "Gen", "Lt", "Col", "Maj", "Capt",
           "Sgt", "Sen", "Rep", "Gov")  # (Mrs, Professor: found as Mr, Prof)
_FIRST_NAMED = re.compile(r"(?<![\w’'.-])([A-Z][a-z]+)[ \t]+(?:[A-Z]\.?[ \t]+)?"
                          r"[A-Z][a-z][\w’'-]*(?![\w’'-]|[ \t]+[A-Z])")


class People:
    """The persons of one document with the role words written next to their mentions."""

    def __init__(self, doc):
        self.doc = doc
        self._roles: dict[str, set[str]] | None = None
        # the places named here: with the nationalities, the words that say someone's country
        self.nations = _nationalities()  # (read once per article: no file check per word)
        self.places = {str(n).lower() for n, lab in zip(
            doc.e_name, doc.e_label) if lab in ("GPE", "NORP") and " " not in str(n)}
        people = np.flatnonzero(doc.e_label == "PERSON")
        self.mentions = [(int(doc.e_start[r]), str(doc.e_name[r])) for r in people]

    @property
    def roles(self) -> dict[str, set[str]]:
        """Each person's role words (built on first use)."""
        if self._roles is None:
            doc, self._roles = self.doc, {}
            for r in np.flatnonzero(doc.e_label == "PERSON"):
                own = doc.text[int(doc.e_start[r]):int(doc.e_end[r])].split()[:-1]  # "Pope"
                words = self._before(r) + self._after(r) + own
                self._roles.setdefault(str(doc.e_name[r]), set()).update(
                    k for k in _expand(map(_key, words)) if k and k not in _NOT_ROLE)
        return self._roles

    def _before(self, r: int) -> list[str]:
        """The title written before mention ``r`` ("British Prime Minister", "the NATO chief,")."""
        doc = self.doc
        k = int(np.searchsorted(doc.t_start, doc.e_start[r])) - 1
        lo = int(doc.s_start[doc.sentence_at(int(doc.e_start[r]))])
        words: list[str] = []
        if k >= 0 and doc.text[doc.t_start[k]:doc.t_end[k]] == ",":
            k -= 1
        first = None
        while k >= 0 and doc.t_start[k] >= lo and len(words) < 12 and (doc.t_pos[k] in _ROLE_TAGS
                                                                      or _of(doc, k)):
            words.append(doc.text[doc.t_start[k]:doc.t_end[k]])
            first = int(doc.t_start[k])
            if doc.t_pos[k] == "DT" and not (k > 0 and _of(doc, k - 1)):
                break  # (not "the" after "of": "the governor of the eastern region of X")
            k -= 1
        if first is None:
            return words
        return words + doc.text[first:int(doc.e_start[r])].split()  # "Secretary-General" whole

    def _after(self, r: int) -> list[str]:
        """The apposition after mention ``r`` ("Johnson, the prime minister, said")."""
        doc = self.doc
        m = _APPOSITION.match(doc.text, int(doc.e_end[r]))
        if m is None:
            return []
        a, b = np.searchsorted(doc.t_start, [m.start(1), m.end(1)])
        if any(doc.t_pos[t] in ("VBD", "VBZ", "VBP", "MD") for t in range(a, b)):
            return []  # a clause, not a description
        return m.group(1).split()

    def gender(self, name: str) -> str:
        """"m", "f" or "?": from the first name, else from the honorifics and role words."""
        parts = str(name).split()
        for part in parts[:-1]:  # "Linda Thomas-Greenfield", also "UN Linda"
            found = first_names().get(part.casefold(), "?")
            if found in ("m", "f"):
                return found
        said = {GENDER_WORDS[w] for w in self.roles.get(str(name), ()) if w in GENDER_WORDS}
        return said.pop() if len(said) == 1 else "?"

    def _origin(self, word: str) -> bool:
        nations = self.nations
        return any(w in nations or w in _COUNTRY or w in self.places
                   for w in (word, word.rstrip("s")))

    def same_origin(self, phrase: str, name: str) -> bool:
        """Whether ``name`` ("UK Ministry of Defence") can be what ``phrase`` ("the Russian
        Foreign Ministry") describes: False only when both say a country and they differ."""
        ours = {_COUNTRY.get(k, k)[:3] for k in map(_key, phrase.split()) if self._origin(k)}
        theirs = {_COUNTRY.get(k, k)[:3] for k in map(_key, name.split()) if self._origin(k)}
        return not ours or not theirs or bool(ours & theirs)

    def same_kind(self, phrase: str, name: str) -> bool:
        """Whether the modifiers of ``phrase`` ("Ukraine's special forces": special) are
        words of ``name`` ("Ukrainian Armed Forces" is not it; "the defence ministry" may be
        "UK Ministry of Defence"): determiners, possessors, countries and the head left out."""
        theirs = {_key(w)[:4] for w in name.split()}
        mods = [_key(w) for w in phrase.split()[:-1] if not re.search(r"[’']s$", w)]
        return all(m[:4] in theirs for m in mods if m.isalpha() and m not in _NOT_MODIFIER
                   and not self._origin(m))

    def described(self, pos: int, phrase: str) -> str:
        """The person a definite description at ``pos`` names ("the prime minister",
        "Poland's president", "the head of state", "the Polish PM"): the one whose role
        words hold its head noun, most modifiers shared first, then the last mentioned
        before ``pos`` (else the first after it: a lead sentence names the person later).
        A person whose roles give another country ("Ukrainian" for "the Russian foreign
        minister") never fits; a person without one, named before, fits a description
        whose only modifiers are countries ("the Russian president" for "President
        Vladimir Putin"). When no role fits, a description of one person ("the veteran
        politician", "NATO's Secretary General") is the salient person that fits it
        (:meth:`salient`), unless it refers back to an unnamed source ("the official" after
        "a Western official"). "" when none fits."""
        words = [w for w in phrase.split() if w]
        if len(words) < 2 or words[0].lower() in _INDEFINITE or not (
                words[0].lower() in ("the", "this", "that") or words[0][:1].isupper()):
            return ""
        keys = _expand(_key(w) for w in words)
        cut = next((i for i, k in enumerate(keys[2:], 2) if k in _PREPOSITIONS), len(keys))
        head = keys[cut - 1]  # "the Russian ambassador to the UK": ambassador
        if head.endswith("s") and not head.endswith("ss"):
            return ""  # "the politicians": several people
        if head in ORGANISATION_NOUNS or len(keys) == len(words) and self._organisation_at(
                pos, phrase, words[cut - 1]):
            return ""  # "the Kremlin", "the ministry": not "Kremlin spokesman Dmitry Peskov"
        wanted = {head} | _SAME_OFFICE.get(head, set())
        if head == "head" and keys[-1] in _STATE:
            wanted = _STATE[keys[-1]]
        elif head == "head" and keys[-1] in _PLACE_HEADS:  # "the head of the region"
            wanted = {head, _PLACE_HEADS[keys[-1]]}
        mods = {k for k in keys if k not in _NOT_ROLE and k != head and k not in wanted}
        proper = {_key(w) for w in words[1:] if w[:1].isupper()} | {_key(words[0])} - {"the"}
        required = {m for m in mods if m in proper or m in _OFFICE_WORDS}  # not "eastern"
        countries = {m for m in mods if self._origin(m)}
        best, best_score = "", None
        for at, name in self.mentions:
            roles = self.roles.get(name, set())
            if not roles & wanted or not self._fits(name, mods, countries):
                continue
            shared = sum(any(m[:3] == r[:3] for r in roles) or _abbreviates(m, roles)
                         for m in mods)
            if required and not shared and (required - countries or at > pos):
                continue  # "Ukraine's deputy prime minister" is not Russia's foreign minister
            score = (shared, at < pos, at if at < pos else -at)
            if best_score is None or score > best_score:
                best, best_score = name, score
        if best or not self._refers_back(words, keys, cut, head) or \
                self.doc.same_source_before(pos, phrase) or re.search(
                rf"(?i:\b(?:a|an|one|another)\s+(?:[\w’'.-]+\s+){{0,3}}?{re.escape(head)}\b)",
                self.doc.text[:pos]):
            return best  # (after "a man", "the man" is that unnamed man)
        named = required - countries  # "NATO's", "Tesla": the article must say so of them
        return self.salient(pos, lambda n: self._fits(n, mods, countries, head=head,
                                                      wanted=wanted) and all(
            any(m[:3] == r[:3] for r in self.roles.get(n, ())) or _abbreviates(
                m, self.roles.get(n, set())) for m in named if m not in _OFFICE_WORDS))

    def _organisation_at(self, pos: int, phrase: str, head: str) -> bool:
        """Whether the head word ``head`` of ``phrase`` (written at or after ``pos``) is in
        the name of an organisation or a place ("the Kremlin", "the White House", "the State
        Department"; not "NATO's secretary general", "the Kremlin minister")."""
        doc = self.doc
        at = doc.text.find(phrase, pos)
        at = doc.text.find(head, at) if at >= 0 else -1
        if at < 0:
            return False
        a = int(np.searchsorted(doc.e_start, at, side="right"))
        return any(doc.e_start[r] <= at < doc.e_end[r] and doc.e_label[r] not in (
            "PERSON", UNTYPED) for r in range(max(0, a - 3), a))

    @staticmethod
    def _refers_back(words: list, keys: list, cut: int, head: str) -> bool:
        """Whether a description no role fits may refer back to the salient person: a head
        noun of one person that names no relation, no words after it ("the owner of a
        flower shop" introduces someone), no common noun as possessor ("the city's
        mayor")."""
        possessor = re.search(r"[’']s$", words[0]) or any(re.search(r"[’']s$", w) for w in
                                                           words[1:cut - 1])
        common = possessor and not any(w[:1].isupper() for w in words[1 if words[0].lower()
                                                                      == "the" else 0:cut - 1])
        return head in (OFFICES | PERSON_NOUNS | OCCUPATIONS) - _RELATIONAL and \
            cut == len(keys) and not common

    def _fits(self, name: str, mods: set, countries: set, *, head: str = "",
              wanted: frozenset | set = frozenset()) -> bool:
        """Whether nothing the article says about ``name`` contradicts a description: no
        other country, no missing office word (deputy, foreign...), with ``head`` no other
        office ("the president" is not a professor) and no other gender."""
        roles = self.roles.get(name, set())
        theirs = {r for r in roles if self._origin(r)}
        if countries and theirs and not any(m[:3] == r[:3] for m in countries for r in theirs):
            return False  # "the Russian foreign minister" is not Ukraine's
        if any(m in _OFFICE_WORDS and m not in roles for m in mods) and (
                not head or roles & OFFICES):  # (a salient person without a title may be)
            return False  # "Russia's deputy prime minister" is not the regional governor
        if head in OFFICES | OCCUPATIONS and roles & OFFICES and not roles & wanted:
            return False  # "the president" is not a professor, nor "the journalist" a minister
        gender = GENDER_WORDS.get(head, "")
        return not gender or self.gender(name) in (gender, "?")

    def salient(self, pos: int, fits) -> str:
        """The person a description at ``pos`` refers back to when no role names them: the
        salient person (:meth:`analysis.quote_doc._Doc.salient_person`, as for "he") if
        they ``fit``; with nobody before, the first person written as a subject after
        ``pos`` in its sentence or the next, if they fit ("Poland's president has said ...
        Andrzej Duda said"); else ""."""
        found = self.doc.salient_person(pos)
        if found:
            return found if fits(found) else ""
        return self.doc.subject_ahead(pos, fits)


# --------------------------------------------------------------------------- the register
def add_missed_people(doc) -> None:
    """Persons the annotation missed or cut ("Mr Guterres", "Professor John R Bryson",
    "Antonio Guterres", "Linda Thomas-Greenfield" of "U.N. Linda"): names with a known
    first name or an honorific become PERSON mentions (a single word is the person of
    the document with that surname), then every later bare surname of a person
    ("Thomas-Greenfield said") is a mention of that person. All are added at once. A
    PERSON mention that is a title ("Tesla CEO": its last word an office, no first name)
    is no name and is left out first."""
    names, english, text = first_names(), english_words(), doc.text
    _drop_titles(doc, names)
    _type_apposed(doc, english)
    found: list = []
    for m in _FIRST_NAMED.finditer(text):
        first = m.group(1).casefold()
        if names.get(first, "?") in ("m", "f") and first not in english:
            _place(doc, *_name_span(text, m.start(), m.end()), found)
    people = {str(n) for n in doc.e_name[doc.e_label == "PERSON"]} | {f[2] for f in found}
    surnames = {n.split()[-1]: n for n in people if " " in n}
    for m in _titled(text):  # "Mr Guterres" after "Antonio Guterres"
        lo, hi, name = _name_span(text, m.start(1), m.end(1))
        if not any(f[0] < hi and lo < f[1] for f in found):
            _place(doc, lo, hi, name if " " in name else surnames.get(name, name), found)
    people |= {f[2] for f in found}
    surnames = {n.split()[-1]: n for n in people if " " in n and len(n.split()[-1]) > 3}
    taken, starts = [(f[0], f[1]) for f in found], set(doc.e_start.tolist())
    found += [(at, at + len(word), name) for word, name in surnames.items()
              for at in _occurrences(text, word) if at not in starts
              and not _covered(doc, at, at + len(word))
              and not any(lo < at + len(word) and at < hi for lo, hi in taken)]
    _insert(doc, found)


def _type_apposed(doc, english) -> None:
    """An untyped name of two or three capitalised words, the first no English word, with an
    apposition after it that ends in a word for a person ("Kristyan Benedict, Amnesty
    International UK's crisis response manager,") is a PERSON."""
    for r in np.flatnonzero(doc.e_label == UNTYPED):
        words = str(doc.e_name[r]).split()
        if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words) or \
                words[0].casefold() in english:
            continue
        app = _APPOSED_ROLE.match(doc.text, int(doc.e_end[r]))
        if app and _key(app.group(1).split()[-1]) in _ROLE_HEADS:
            doc.e_label[r] = "PERSON"


_APPOSED_ROLE = re.compile(r",\s+([^,.;:“”\"]{3,90}?)\s*[,.]")
# the last words of an apposition that describe a person
_ROLE_HEADS = OFFICES | PERSON_NOUNS | OCCUPATIONS | _RELATIONAL | {
    "manager", "officer", "member", "fellow", "coordinator", "resident", "student", "worker",
    "volunteer", "doctor", "nurse", "teacher", "farmer", "historian", "partner", "sergeant",
    "lieutenant", "mother", "father", "wife", "husband", "son", "daughter", "deputy"}


def _drop_titles(doc, names) -> None:
    """Leave out the PERSON mentions that are a title, not a name ("Tesla CEO")."""
    keep = [not (lab == "PERSON" and " " in str(n) and _key(str(n).split()[-1]) in (
        ABBREVIATIONS.keys() | OFFICES) and not any(names.get(w.casefold(), "?") in ("m", "f")
                                                   for w in str(n).split()[:-1]))
            for n, lab in zip(doc.e_name, doc.e_label)]
    if not all(keep):
        keep = np.array(keep, dtype=bool)
        doc.e_start, doc.e_end = doc.e_start[keep], doc.e_end[keep]
        doc.e_name, doc.e_label = doc.e_name[keep], doc.e_label[keep]


def _titled(text: str):
    """The matches of :data:`_TITLED` in ``text``, in order (each title looked up with
    ``str.find`` first: faster than the pattern's alternation at every position)."""
    found = []
    for title in _TITLES:
        at = text.find(title)
        while at >= 0:
            m = _TITLED.match(text, at) if not at or not text[at - 1].isalnum() else None
            if m:
                found.append(m)
            at = text.find(title, at + 1)
    return sorted(found, key=lambda m: m.start())


def _name_span(text: str, lo: int, hi: int) -> tuple[int, int, str]:
    """``(lo, hi, name)`` of a name found at ``[lo, hi)``, without a possessive "'s" and
    without a sentence's first word run into it ("said Dr Szmidt The group ...")."""
    name = text[lo:hi]
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _NOT_NAMES:
        name = name[:name.rindex(words[-1])].rstrip()
    return lo, lo + len(name), name


_NOT_NAMES = {"the", "a", "an", "in", "on", "at", "he", "she", "it", "they", "we", "but", "and",
              "this", "that", "his", "her", "their", "its", "as", "if", "for", "there", "when"}


def _place(doc, lo: int, hi: int, name: str, found: list) -> None:
    """A name found in the text at ``[lo, hi)``: new, or it widens the one mention of a
    person it overlaps ("Jane" of "Jane Hollis", "U.N. Linda" of "Linda Thomas-Greenfield")."""
    k = int(np.searchsorted(doc.e_start, hi))
    rows = [r for r in range(max(k - 3, 0), k) if doc.e_end[r] > lo]  # the nearest ones
    if not rows:
        found.append((lo, hi, name))
    elif len(rows) == 1 and " " in name and doc.e_label[rows[0]] in ("PERSON", UNTYPED) \
            and doc.e_end[rows[0]] <= hi and doc.e_end[rows[0]] - doc.e_start[rows[0]] \
            < hi - lo + (lo - doc.e_start[rows[0]]):
        r = rows[0]
        doc.e_start[r], doc.e_end[r], doc.e_name[r], doc.e_label[r] = lo, hi, name, "PERSON"


def _insert(doc, found: list) -> None:
    """Add ``(start, end, name)`` PERSON mentions, keeping the mentions in order."""
    if not found:
        return
    found = sorted(set(found))
    names = [f[2] for f in found]
    start = np.r_[doc.e_start, [f[0] for f in found]]
    order = np.argsort(start, kind="stable")
    doc.e_start = start[order]
    doc.e_end = np.r_[doc.e_end, [f[1] for f in found]][order]
    doc.e_name = np.r_[doc.e_name, np.array(names, dtype=object)][order]
    doc.e_label = np.r_[doc.e_label, np.array(["PERSON"] * len(found), dtype=object)][order]
    doc._surnames = None


def _covered(doc, lo: int, hi: int) -> bool:
    """Whether an entity mention overlaps ``[lo, hi)`` (one of the three starting last
    before ``hi``: mentions do not nest deeper)."""
    k = int(np.searchsorted(doc.e_start, hi))
    return bool(k and (doc.e_end[max(k - 3, 0):k] > lo).any())


def _occurrences(text: str, word: str):
    """The starts of ``word`` as a whole word in ``text``."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (not at or not (text[at - 1].isalnum() or text[at - 1] in "’'-")) and \
                (end == len(text) or not (text[end].isalnum() or text[end] == "-")):
            yield at
        at = text.find(word, end)


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of
    neighbours (case-insensitive)."""
    a, b = a.casefold(), b.casefold()
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if len(a) != len(b):
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        return longer[i + 1:] == shorter[i:]
    swapped = a[i:i + 2] == b[i:i + 2][::-1] and a[i + 2:] == b[i + 2:]
    return a[i + 1:] == b[i + 1:] or swapped
