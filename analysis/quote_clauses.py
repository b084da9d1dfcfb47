"""Where a reported clause ends before its sentence does: the writer taking over after an
unpaired spaced dash, and parallel "that" clauses ("said that A and that B") as two reports.
Used by :mod:`analysis.quote_rules` (rules in ``docs/quotes.md``, "What counts as a quote").
"""

from __future__ import annotations

import re

import numpy as np

from .quote_doc import _Doc

_SPACED_DASH = re.compile(r"\s[–—-]\s")


def _writer_resumes(doc: _Doc, c0: int, c1: int) -> int:
    """Where the writer's words follow a reported clause ``[c0, c1)`` with a finite verb: a
    spaced dash no second dash closes ("... 'a nice man' - in defiance of the Kremlin
    line"; a pair of dashes is an aside inside the report). Returns the new end, or ``c1``."""
    rows = np.arange(*np.searchsorted(doc.t_start, [c0, c1]))
    finite = [r for r in rows if doc.t_pos[r] in ("VBD", "VBZ", "VBP", "MD")]
    dash = _SPACED_DASH.search(doc.text, doc.t_end[finite[0]], c1) if finite else None
    if dash is None or _SPACED_DASH.search(doc.text, dash.end(), c1):
        return c1
    before = doc.text[c0:dash.start()]  # a dash inside a quoted fragment is the speaker's
    if before.count("“") > before.count("”") or before.count('"') % 2:
        return c1
    return dash.start()


_AND_THAT = re.compile(r",?\s+and\s+that\s+(?!(?:is|was|’s|'s|of|in|one)\b)")


def _parallel(text: str, cue_end: int, c0: int, c1: int) -> list[tuple[int, int]]:
    """The reported clause ``[c0, c1)`` as the parallel "that" clauses it is made of: a
    report opened by "that" ("said that A and that B") is two reports, one row each;
    without the first "that" ("said A and that B") it stays one.

    >>> t = "He said that prices rose and that wages fell."
    >>> [t[a:b] for a, b in _parallel(t, 7, 13, 44)]
    ['prices rose', 'wages fell']
    """
    if not re.search(r"\bthat\W*$", text[cue_end:c0]):
        return [(c0, c1)]
    parts = []
    for m in _AND_THAT.finditer(text, c0, c1):
        parts.append((c0, m.start()))
        c0 = m.end()
    return parts + [(c0, c1)]
