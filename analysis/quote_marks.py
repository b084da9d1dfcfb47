"""Quoted stretches of a paragraph, found from its quote marks alone (rules in
``docs/quotes.md``, "What counts as a quote"); :mod:`analysis.quote_rules` finds the cue and
the speaker next to each.
"""

from __future__ import annotations

import re

_OPEN = "“„«"
_CLOSE = "”»"
_MARK = re.compile("[“„«”»\"‘’']")


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, bool]]:
    """Quoted stretches of ``text[start:end]`` (one paragraph): ``(begin, end, closed)``.

    ``begin``/``end`` exclude the marks. Curly marks pair “ with ”; straight
    ``"`` marks alternate (open, close); ‘ ’ pair when ’ is not inside a word, and so do
    straight ``'`` marks (not an apostrophe: don't, officials'). Mismatched
    marks close each other (``"...”``, ``“..."``, ``‘...”`` and ``“...?'`` after a
    sentence's punctuation, unless a ``'`` quote opened inside: copy pasted from two
    styles). An opening mark (after a space, before a word) while a quote of its kind is
    open ends that quote unclosed: a quote of several sentences, each opening with a mark
    (``"One. "Two."``); a mark of the other kind inside a quote is a quote within it.
    A mark left open runs to ``end`` (``closed`` False). Linear in the length.

    Examples
    --------
    >>> quote_spans('He said: “We will not leave.” Then "we go," she said.')
    [(10, 28, True), (36, 42, True)]
    >>> quote_spans('"We stay,” he said. “We fight."')
    [(1, 9, True), (21, 30, True)]
    >>> quote_spans("'We don't leave,' the officials' spokesman said.")
    [(1, 16, True)]
    >>> quote_spans('He said: "We stay. "We fight."')
    [(10, 18, False), (20, 29, True)]
    >>> quote_spans("“Who runs it?' In a move, he called it 'a deal,' she said.")
    [(1, 13, True), (40, 47, True)]
    """
    end = len(text) if end is None else end
    out, opened, kind, nested, inner = [], None, "", False, False
    for mark in _MARK.finditer(text, start, end):  # other characters change nothing
        i, ch = mark.start(), mark.group()
        if opened is None:
            if ch in _OPEN or (ch == '"') or (ch in "‘'" and _opens_single(text, i, start)):
                opened, kind, nested, inner = i + 1, ch, False, False
            continue
        double = kind in _OPEN or kind == '"'
        if double and ch == "'":  # inside “...”: a quote within it, or the other style's close
            if _opens_single(text, i, start):
                inner = True
            elif _closes_straight(text, i, end):
                if not inner and text[i - 1] in ".?!,":  # “...?' In ...: closed, mismatched
                    out.append((opened, i, True))
                    opened = None
                inner = False
            continue
        if double and (ch in _OPEN or (ch == '"' and _opens_double(text, i, start))) \
                or not double and ch in "‘'" and _opens_single(text, i, start):
            out.append((opened, _rstrip(text, opened, i), False))  # the last one ended unclosed
            opened, kind, inner = i + 1, ch, False
        elif not double and ch in _OPEN:
            nested = True  # ‘... “...” ...’: a quote within the quote
        elif (ch in _CLOSE and double) or (ch == '"' and kind == '"') \
                or (ch == '"' and kind in _OPEN and not text[i - 1].isspace()) \
                or (ch == "’" and kind == "‘" and _closes_single(text, i, end)) \
                or (ch == "'" and kind == "'" and _closes_straight(text, i, end)) \
                or (ch == "”" and not double and not nested):
            out.append((opened, i, True))
            opened = None
        elif ch == "”":
            nested = False
    if opened is not None and opened < end:
        out.append((opened, _rstrip(text, opened, end), False))
    return out


def _opens_double(text: str, i: int, start: int) -> bool:
    """Whether a straight ``"`` at ``i`` opens a quote by its place: after a space (or the
    paragraph's start) and before a word."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–") and (after.isalnum() or after in "‘'…[(")


def _opens_single(text: str, i: int, start: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "(—–“\"") and after.isalnum()


def _closes_single(text: str, i: int, end: int) -> bool:
    after = text[i + 1] if i + 1 < end else " "
    return not after.isalnum()


def _closes_straight(text: str, i: int, end: int) -> bool:
    """A straight ' closes a quote it opened (the Daily Mail's style) unless it is an
    apostrophe: inside a word (don't), or after the s of a plural possessive (officials')."""
    after = text[i + 1] if i + 1 < end else " "
    before = text[i - 1]
    if after.isalnum() or before.isspace():
        return False
    return before in ",.!?…;:-–—" or not (before == "s" and after.isspace())


def _rstrip(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi
