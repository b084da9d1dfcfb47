"""Characters that do not show: format characters removed, space variants made plain.

Scraped text carries characters a reader never sees: a zero-width non-joiner inside
"Mos\u200ccow", a soft hyphen, a word joiner, bidi marks, a byte-order mark in the middle of
a text, no-break and thin spaces. Left in, they split words ("Moscow" is not found) and make
equal texts differ. :func:`normalize_invisible` removes the first kind and turns the second
into plain spaces, and counts both (the cleaning ledger's ``format_chars`` and ``space_chars``
steps, see ``docs/loading.md``).
"""

from __future__ import annotations

import re

# Invisible characters. Unicode category Cf (format: zero-width space/joiners, soft hyphen,
# bidi marks and isolates, word joiner, invisible operators, a BOM inside the text, tag
# characters) is removed, so "Mos\u200ccow" is "Moscow"; ZWNJ/ZWJ stay between two letters of
# a script that shapes words with them (Arabic, Persian, Indic: "می\u200cخواهم"), never
# between Latin, Greek or Cyrillic letters. A ZWJ joining emoji goes too: the emoji step
# removes the emoji anyway. Space variants (NBSP, thin, ideographic, ...) become a plain space;
# line and paragraph separators, vertical tab and form feed a line break.
_SPACE_VARIANTS_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_VARIANTS_RE = re.compile("[\u2028\u2029\u0085\v\f]")
# every Cf code point of Unicode 15 (tests/test_cleaning.py checks it against unicodedata)
_FORMAT_RE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]")
_JOINERS = frozenset("\u200c\u200d")


def _joins_letters(text: str, i: int) -> bool:
    """Whether the ZWNJ/ZWJ at ``text[i]`` sits between two letters of a script that uses it."""
    j = i + 1
    while j < len(text) and text[j] in _JOINERS:
        j += 1
    pair = text[i - 1:i] + text[j:j + 1]
    return len(pair) == 2 and all(c.isalpha() and ord(c) >= 0x0590
                                  and not 0x1D00 <= ord(c) <= 0x1FFF for c in pair)


def normalize_invisible(text: str) -> tuple[str, int, int]:
    """Remove invisible format characters and turn space variants into plain spaces.

    Returns ``(text, removed, replaced)``: the text, the number of format characters
    (Unicode category Cf) removed and the number of space/line-separator variants replaced
    (one for one, so they change no length). ZWNJ and ZWJ between two letters of a script
    written with them (Arabic, Persian, Indic, ...) are kept.

    Examples
    --------
    >>> normalize_invisible("Mos\u200ccow\u00a0and Ky\u00adiv\u2060")
    ('Moscow and Kyiv', 3, 1)
    """
    removed = 0

    def drop(m):
        nonlocal removed
        if m.group(0) in _JOINERS and _joins_letters(text, m.start()):
            return m.group(0)
        removed += 1
        return ""

    text, n_space = _SPACE_VARIANTS_RE.subn(" ", text)
    text, n_line = _LINE_VARIANTS_RE.subn("\n", text)
    text = _FORMAT_RE.sub(drop, text)
    return text, removed, n_space + n_line
