"""Mentions that are no entities: stop list, dates, compass words, capitals, common words."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .labels import _known
from .lexicon import COMPASS, MONTHS, WEEKDAYS
from .tokens import _is_common

REMOVAL_RULES = ("stop-list", "date", "compass", "title", "all-caps", "common-word")


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
    if name in lex["title_words"]:
        return "title"  # a title alone: "the Chancellor", "Colonel"
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
