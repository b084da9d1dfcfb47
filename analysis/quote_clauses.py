"""Where a reported clause ends before its sentence does: the writer taking over after an
unpaired spaced dash, and parallel "that" clauses ("said that A and that B") as two reports.
Used by :mod:`analysis.quote_rules` (rules in ``docs/quotes.md``, "What counts as a quote").
"""

from __future__ import annotations

import re

import numpy as np

from .quote_doc import _Doc, _words

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


_FINITE = ("VBD", "VBZ", "VBP", "MD")
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+([^,]*?)(?:,\s+(?:where|which|who|whose|when)\b"
                         r"[^,]*)?$")


def _apposition_end(doc: _Doc, c0: int, c1: int) -> int:
    """Where a reported clause ``[c0, c1)`` after its cue ends before an apposition that
    closes the sentence, with a relative clause of its own or without one ("... had retaken
    Kupiansk, a vital supply hub"; "... gains in the city, the easternmost held by Kyiv,
    where fighting has been concentrated"): the apposition has no finite verb of its own.
    Returns the new end, or ``c1``."""
    last = _APPOSITION.search(doc.text, c0, c1)
    if last is None or _words(doc.text[c0:last.start()]) < 4:
        return c1
    rows = range(*np.searchsorted(doc.t_start, [last.start(), last.end(1)]))
    return c1 if any(doc.t_pos[r] in _FINITE for r in rows) else last.start()


_PRONOUN_CLAUSE = re.compile(r"\W*(?:it|they|he|she|we|i|there)\s+[\w’'-]+\b", re.I)


def _embedded_that(part: str) -> bool:
    """Whether the "that" within the first words after a cue belongs to the reported clause,
    not to the cue: a subject pronoun and a verb come before it ("said it was interesting
    that ...", "have said they see no signs that ...": the report starts at the pronoun)."""
    return bool(_PRONOUN_CLAUSE.match(part)) and not re.match(r"\W*\w+\s+that\b", part)


_AS_ASIDE = re.compile(r"\b(?:which|that|who)\s*$", re.I)


def _as_aside(text: str, s0: int, cut: int, cue_at: int) -> tuple[int, int] | None:
    """The speaker span of an aside "as X said" set off by commas after a relative pronoun
    ("her remarks which, as she said, was cut ..."; "the incident that, as local
    authorities claimed, killed three people"): the report is the rest of the relative
    clause after it, not the sentence. None for any other aside."""
    lead = re.match(r"\s*as\s+", text[cut + 1:cue_at])
    if lead is None or not _AS_ASIDE.search(text, s0, cut):
        return None
    return cut + 1 + lead.end(), cue_at


_PLACE = {"in", "at", "on", "during", "to", "via", "from", "after", "before", "ahead"}


def _place_head(doc: _Doc, lo: int, head: str) -> bool:
    """Whether the words after a cue up to a comma are only place and time words (a
    prepositional phrase without a finite verb, up to twelve words): "..., Poland's prime
    minister said at the World Economic Forum in Davos." reports the clause before."""
    words = head.split()
    rows = range(*np.searchsorted(doc.t_start, [lo, lo + len(head)]))
    return 0 < len(words) <= 12 and words[0].lower() in _PLACE \
        and "that" not in words and not any(doc.t_pos[r] in _FINITE for r in rows)


_AGENCY_AFTER = re.compile(r"\s*(?:[,.;]|(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
                           r"\s*(?:[,.;]|$))")


def _reported_after(text: str, s0: int, at: int, end: int) -> bool:
    """Whether "reported"/"reports" (otherwise a cue of direct quotes only: "reported an
    attack") closes a report before it: a comma at most six words before the cue, and
    after it only the end of the clause or a name ("..., Ukraine's Interfax reported,
    citing ...", "..., reports CNN.")."""
    left = text[s0:at]
    comma = left.rfind(",")
    return text[at:end].lower() in ("reported", "reports") and comma >= 0 \
        and _words(left[comma + 1:]) <= 6 and bool(_AGENCY_AFTER.match(text[end:end + 80]))
