"""Which entity a name typed by a user means: :func:`resolve_entity`.

A name is matched against the canonical names of the data (exactly, ignoring case,
as written in the articles, or as a word only one name has); a miss raises a
``ValueError`` listing close names.
"""

from __future__ import annotations

import difflib

import pandas as pd


def resolve_entity(name: str, known: pd.Series, *, surfaces: pd.Series | None = None,
                   arg: str = "entity") -> str:
    """The canonical entity ``name`` refers to, or a ``ValueError`` with suggestions.

    Tried in order: the canonical name itself; the same ignoring case; a
    surface form as written in the articles (``surfaces``: form -> canonical,
    so "Putin" finds "Vladimir Putin"); the one entity having ``name`` as a
    word of its name. Otherwise the error lists close names (also by word, so
    "Zelenskyy" suggests "Volodymyr Zelensky").

    Parameters
    ----------
    name : str
    known : pandas.Series
        Mentions per canonical name (index), used to list suggestions by size.
    surfaces : pandas.Series, optional
        Canonical name per case-folded surface form.
    arg : str
        The argument's name, for the error message.

    Examples
    --------
    >>> known = pd.Series({"Vladimir Putin": 9, "Kyiv": 5, "Volodymyr Zelensky": 4})
    >>> resolve_entity("putin", known)
    'Vladimir Putin'
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{arg} must be an entity name, got {name!r}")
    if name in known.index:
        return name
    key = " ".join(name.split()).casefold()
    folded = {str(k).casefold(): str(k) for k in known.index}
    if key in folded:
        return folded[key]
    if surfaces is not None and key in surfaces.index and surfaces[key] in known.index:
        return str(surfaces[key])
    words = {}
    for k in known.index:
        for w in str(k).casefold().split():
            words.setdefault(w, []).append(str(k))
    if len(words.get(key, [])) == 1:
        return words[key][0]
    close = list(words.get(key, []))
    close += [folded[c] for c in difflib.get_close_matches(key, list(folded), n=5)]
    for w in difflib.get_close_matches(key, list(words), n=5, cutoff=0.8):
        close += words[w]
    close = sorted(dict.fromkeys(close), key=lambda c: -known.get(c, 0))[:8]
    hint = f"; did you mean one of {close}?" if close else ""
    raise ValueError(f"{arg}={name!r} is not an entity of this data{hint}")
