"""Cleaning of scraped article text, with a ledger of what every step removed.

The text is handled as a list of paragraphs (the lines of the input), so a
heading on its own line is never glued to the next sentence. Steps run in a
fixed order; after each one, white space inside paragraphs is normalised and
empty paragraphs are dropped, and the step's ledger entry records how many
characters it removed (a negative number means characters were inserted, such
as the space that separates two glued sentences). For every document::

    len(cleaned text) == raw_chars - sum(chars_removed over the ledger)

Editable lexicons (``data/lexicons/``): ``agencies.csv`` (wire-service credits),
``boilerplate.txt`` (patterns to cut), ``camelcase_words.txt`` (words the
glued-sentence repair must not split).
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import config

STEPS = (
    "normalize", "tweet", "url", "emoji", "boilerplate", "dateline",
    "glued_sentence", "agency_credit", "duplicate_paragraph", "duplicate_sentence",
)
MIN_WORDS_SENTENCE_DEDUP = 3  # shorter sentences ("Yes.", "Watch:") may repeat legitimately

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
           "November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DATE = rf"(?:\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
# "Moscow, 18 February 2022 (TDI):"  /  "KYIV, Ukraine, March 3, 2022 (Reuters) -"  /  "LONDON (AP) —"
DATELINE_RE = re.compile(
    rf"^(?P<place>[A-Z][\w'.\- ]{{1,40}}?(?:,\s*[A-Z][\w'.\- ]{{1,30}}?)?)"
    rf"(?:,\s*(?P<date>{_DATE}))?\s*\((?P<tag>[A-Za-z][\w.&' -]{{0,30}}?)\)\s*(?::|[—–-]{{1,2}})\s*"
)
TWEET_SIGNATURE_RE = re.compile(
    rf"[—–-]{{1,2}}\s*[^()\n]{{0,80}}\(@\w{{1,15}}\)\s*(?:{_MONTHS})\.?\s+\d{{1,2}},\s+\d{{4}}"
)
TWEET_MARKER_RE = re.compile(r"t\.co/|pic\.twitter\.com/|(?<!\w)[@#]\w+")
URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"”]+|pic\.twitter\.com/\w+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|gov)/[^\s<>\"”]*"
)
EMOJI_RE = re.compile(
    "[\U0001F000-\U0001FAFF\U00002600-\U000027BF\U00002B00-\U00002BFF"
    "\U0001F1E6-\U0001F1FF\uFE0F\u200D\u20E3]+"
)
GLUED_LOWER_RE = re.compile(r"\b([a-z]{3,})([A-Z][a-z]+)\b")
GLUED_STOP_RE = re.compile(r"(?<=[a-z0-9%)])([.!?])([\"“”]?)(?=[A-Z])")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


@dataclass(frozen=True)
class Lexicons:
    """The editable lists the cleaner uses (see ``data/lexicons/``)."""

    agencies: tuple[tuple[str, str], ...]
    boilerplate: tuple[str, ...]
    camelcase: frozenset[str]

    @functools.cached_property
    def agency_credit_re(self) -> re.Pattern:
        alts = "|".join(sorted({p for _, pats in self.agencies for p in pats.split("|")},
                               key=len, reverse=True))
        unit = rf"(?:{alts})"
        credits = rf"\(?\s*(?:(?:with inputs from|with|source:|via)\s+)?{unit}(?:\s*(?:/|,|&|\+|and|-)?\s*{unit})*\s*\)?\.?"
        # a credit closes the paragraph and follows a sentence end (or is the whole paragraph)
        return re.compile(rf"(?:(?<=[.!?\"”’)])|^)\s*(?P<credit>{credits})\s*$")

    @functools.cached_property
    def boilerplate_re(self) -> re.Pattern | None:
        if not self.boilerplate:
            return None
        return re.compile("|".join(f"(?:{p})" for p in self.boilerplate), re.I | re.M)

    def agencies_in(self, credit: str) -> list[str]:
        """Names of the agencies credited in ``credit`` (order of appearance)."""
        found = []
        for name, pats in self.agencies:
            m = re.search(rf"(?:{pats})(?![a-z])", credit)
            if m:
                found.append((m.start(), name))
        return [n for _, n in sorted(found)]


def _read_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@functools.lru_cache(maxsize=4)
def _load_lexicons_cached(key: tuple) -> Lexicons:
    agencies_path, boiler_path, camel_path = (Path(p) for p, _ in key)
    with open(agencies_path, encoding="utf-8", newline="") as fh:
        agencies = tuple((row["name"].strip(), row["pattern"].strip()) for row in csv.DictReader(fh))
    boiler = tuple(_read_lines(boiler_path))
    for pat in boiler:
        try:
            re.compile(pat)
        except re.error as exc:
            raise ValueError(f"Bad pattern {pat!r} in {boiler_path}: {exc}") from None
    return Lexicons(agencies, boiler, frozenset(_read_lines(camel_path)))


def load_lexicons() -> Lexicons:
    """Load the cleaning lexicons from ``data/lexicons/`` (re-read when a file changes).

    Examples
    --------
    >>> lex = load_lexicons()
    >>> "Reuters" in [name for name, _ in lex.agencies]
    True
    """
    paths = (config.AGENCIES_FILE, config.BOILERPLATE_FILE, config.CAMELCASE_FILE)
    return _load_lexicons_cached(tuple((str(p), p.stat().st_mtime_ns) for p in paths))


@dataclass
class Cleaned:
    """Result of :func:`clean_text`."""

    text: str
    ledger: list[tuple[str, int, int]] = field(default_factory=list)  # (step, chars_removed, count)
    dateline_place: str = ""
    dateline_date: str = ""
    dateline_tag: str = ""
    agencies: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n") if self.text else []


def _norm(paras: list[str]) -> list[str]:
    out = []
    for p in paras:
        p = _SPACES_RE.sub(" ", p).strip()
        if p:
            out.append(p)
    return out


def _length(paras: list[str]) -> int:
    return len("\n".join(paras))


def _remove_tweets(paras: list[str], out: Cleaned, lex: Lexicons) -> tuple[list[str], int]:
    """Drop embedded-tweet blocks: the signature line and the marked lines before it."""
    keep, n = list(paras), 0
    for i in range(len(paras) - 1, -1, -1):
        if i >= len(keep) or not TWEET_SIGNATURE_RE.fullmatch(keep[i].strip()):
            continue
        start = i
        while start > 0 and i - start < 4 and (
                TWEET_MARKER_RE.search(keep[start - 1]) or EMOJI_RE.search(keep[start - 1])):
            start -= 1
        del keep[start:i + 1]
        n += 1
    # signatures inline in running text (single-line scrapes)
    result = []
    for p in keep:
        p, k = TWEET_SIGNATURE_RE.subn(" ", p)
        n += k
        result.append(p)
    return result, n


def _sub_all(pattern: re.Pattern, paras: list[str], repl: str = " ") -> tuple[list[str], int]:
    total, out = 0, []
    for p in paras:
        p, k = pattern.subn(repl, p)
        total += k
        out.append(p)
    return out, total


def _remove_urls(paras, out, lex):
    return _sub_all(URL_RE, paras)


def _remove_emoji(paras, out, lex):
    return _sub_all(EMOJI_RE, paras)


def _remove_boilerplate(paras, out, lex):
    if lex.boilerplate_re is None:
        return paras, 0
    return _sub_all(lex.boilerplate_re, paras)


def _strip_dateline(paras, out, lex):
    if not paras:
        return paras, 0
    m = DATELINE_RE.match(paras[0])
    if not m:
        return paras, 0
    out.dateline_place, out.dateline_tag = m["place"].strip(), m["tag"].strip()
    out.dateline_date = (m["date"] or "").strip()
    out.agencies.extend(a for a in lex.agencies_in(out.dateline_tag) if a not in out.agencies)
    return [paras[0][m.end():]] + paras[1:], 1


def _split_glued(paras, out, lex):
    """'windWhen' -> new paragraph; 'Moscow.In' -> 'Moscow. In' (quote parity for '."')."""
    n = 0
    result = []
    for p in paras:
        def lower_upper(m):
            nonlocal n
            if m.group(0) in lex.camelcase:
                return m.group(0)
            n += 1
            return m.group(1) + "\n" + m.group(2)

        p = GLUED_LOWER_RE.sub(lower_upper, p)

        def stop_upper(m):
            nonlocal n
            n += 1
            punct, quote = m.group(1), m.group(2)
            if not quote:
                return punct + " "
            opening = quote == "“" or (quote == '"' and p.count('"', 0, m.start(2)) % 2 == 0)
            return f"{punct} {quote}" if opening else f"{punct}{quote} "

        p = GLUED_STOP_RE.sub(stop_upper, p)
        result.extend(p.split("\n"))
    return result, n


def _strip_agency_credits(paras, out, lex):
    n, result = 0, []
    rx = lex.agency_credit_re
    for p in paras:
        m = rx.search(p)
        if m and m["credit"].strip("().") :
            for name in lex.agencies_in(m["credit"]):
                if name not in out.agencies:
                    out.agencies.append(name)
            p = p[:m.start()]
            n += 1
        result.append(p)
    return result, n


def _dedupe_paragraphs(paras, out, lex):
    seen, result = set(), []
    for p in paras:
        if p in seen:
            continue
        seen.add(p)
        result.append(p)
    return result, len(paras) - len(result)


def _dedupe_sentences(paras, out, lex):
    from .resources import register_project_nltk_dir
    register_project_nltk_dir()
    tok = _sentence_tokenizer()
    seen, n, result = set(), 0, []
    for p in paras:
        pieces, last = [], 0
        for start, end in tok.span_tokenize(p):
            sent = p[start:end]
            if len(sent.split()) >= MIN_WORDS_SENTENCE_DEDUP and sent in seen:
                pieces.append(p[last:start])
                last = end
                n += 1
                continue
            seen.add(sent)
        pieces.append(p[last:])
        result.append("".join(pieces))
    return result, n


@functools.lru_cache(maxsize=1)
def _sentence_tokenizer():
    from nltk.tokenize.punkt import PunktTokenizer
    return PunktTokenizer("english")


_STEP_FUNCS = {
    "tweet": _remove_tweets, "url": _remove_urls, "emoji": _remove_emoji,
    "boilerplate": _remove_boilerplate, "dateline": _strip_dateline,
    "glued_sentence": _split_glued, "agency_credit": _strip_agency_credits,
    "duplicate_paragraph": _dedupe_paragraphs, "duplicate_sentence": _dedupe_sentences,
}


def clean_text(raw: str, *, lexicons: Lexicons | None = None) -> Cleaned:
    """Clean one article body and record what each step removed.

    Parameters
    ----------
    raw : str
        The article body as read (any line endings).
    lexicons : Lexicons, optional
        Defaults to :func:`load_lexicons`.

    Returns
    -------
    Cleaned
        ``text`` (paragraphs joined by ``\\n``), ``ledger`` rows
        ``(step, chars_removed, count)`` for steps that changed something,
        the dateline's place/date/tag and the credited ``agencies``.

    Examples
    --------
    >>> c = clean_text("Moscow, 18 February 2022 (TDI): Talks were held.\\nCore Conflict\\nIt began.")
    >>> c.text.split("\\n")
    ['Talks were held.', 'Core Conflict', 'It began.']
    >>> c.dateline_tag
    'TDI'
    """
    if not isinstance(raw, str):
        raise ValueError(f"raw must be a str, got {type(raw).__name__}")
    lex = lexicons or load_lexicons()
    out = Cleaned(text="")
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    paras = _norm(text.split("\n"))
    if len(raw) != _length(paras):
        out.ledger.append(("normalize", len(raw) - _length(paras), 1))
    for step, func in _STEP_FUNCS.items():
        before = _length(paras)
        paras, count = func(paras, out, lex)
        paras = _norm(paras)
        if count:
            out.ledger.append((step, before - _length(paras), count))
    out.text = "\n".join(paras)
    return out


def ledger_frame(rows: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    """Build the ``.cleaning`` table from ``(doc_id, step, chars_removed, count)`` rows."""
    return pd.DataFrame(rows, columns=["doc_id", "step", "chars_removed", "count"]).astype(
        {"doc_id": "string", "step": "string", "chars_removed": "int64", "count": "int64"})
