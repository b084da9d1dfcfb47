"""Surface clean-up of one entity name: possessive, leading "the", titles, acronym dots."""

from __future__ import annotations

import re

from .lexicon import _INITIAL_RE, _QUOTES, PARTICLES, lexicons
from ..vocabulary import checked

_ACRONYM_RE = re.compile(r"^(?:[A-Za-z]\.){2,}[A-Za-z]?\.?$")


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


@checked
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
