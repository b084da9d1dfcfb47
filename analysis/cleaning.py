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

import functools
import html
import html.entities
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from . import config
from .boilerplate import CLASSES as SHAPE_CLASSES
from .boilerplate import remove_shapes
from .characters import normalize_invisible
from .lexicons import cached_on_files, read_lines, read_table
from .resources import missing_resource_error, register_project_nltk_dir
from .vocabulary import checked

STEPS = (
    "normalize", "html", "format_chars", "space_chars", "tweet", "url", "emoji", "boilerplate",
    *SHAPE_CLASSES, "dateline",
    "glued_sentence", "agency_credit", "duplicate_paragraph", "duplicate_sentence",
)
MIN_WORDS_SENTENCE_DEDUP = 3  # shorter sentences ("Yes.", "Watch:") may repeat legitimately

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
           "November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DATE = rf"(?:\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
_DATE_NO_YEAR = rf"(?:\d{{1,2}}\s+(?:{_MONTHS})\b\.?|(?:{_MONTHS})\.?\s+\d{{1,2}}\b)"
_PLACE_WORD = r"[^\W\d_][\w.'’\-]*"
# "LONDON --" / "KHARKIV, Ukraine --" / "Kyiv, Ukraine —" / "LONDON (AP) —" / "(CNN) --" /
# "MINSK, 28 January (BelTA) –" / "Moscow, 18 February 2022 (TDI):" /
# "KYIV, Ukraine, March 3, 2022 (Reuters) -" / "MOSCOW, March 3. /TASS/.". The case of the
# place's words, and that the text goes on with a capital, is checked by _dateline_match (a
# regex cannot say "upper case").
DATELINE_RE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:[ /]{_PLACE_WORD}){{0,3}}"
    rf"(?:,\s*{_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}})?)?"
    rf"(?:,?\s*(?P<date>{_DATE}|{_DATE_NO_YEAR}))?"
    rf"\s*(?:\((?P<tag>[A-Za-z][\w.&' -]{{0,30}}?)\)|\.?\s*/(?P<slash>[A-Z][\w-]{{1,15}})/)?"
    rf"\s*(?P<sep>:|[—–-]{{1,2}}|(?<=/)\.)(?P<space>\s*)(?=[\"“‘'(\w])"
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
# HTML: only real markup. A tag is a known element name right after "<" (no space), with
# name=value attributes only, so "a < b and c > d" or "<b and c>" in prose are not tags.
_HTML_ELEMENTS = (
    "a|abbr|article|aside|b|blockquote|body|br|caption|center|cite|code|dd|div|dl|dt|em|"
    "figcaption|figure|font|footer|h[1-6]|head|header|hr|html|i|iframe|img|input|li|link|"
    "main|meta|nav|noscript|ol|p|picture|pre|q|s|section|small|source|span|strong|sub|sup|"
    "table|tbody|td|tfoot|th|thead|time|title|tr|u|ul|video")
_HTML_BLOCK = re.compile(
    r"(?is)<(script|style)\b[^<>]*>.*?</\1\s*>|<!--.*?-->")
_HTML_TAG = re.compile(
    rf"(?i)</?(?P<name>{_HTML_ELEMENTS})"
    r"(?:\s+[\w:-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>=`]+))*\s*/?>")
_HTML_BREAKS = frozenset("article blockquote br div figcaption figure footer h1 h2 h3 h4 h5 h6 "
                         "header hr li ol p section table tr ul".split())
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
GLUED_LOWER_RE = re.compile(r"\b([a-z]{3,})([A-Z][a-z]+)\b")
GLUED_STOP_RE = re.compile(r"(?<=[a-z0-9%)])([.!?])([\"“”]?)(?=[A-Z])")
# A run of two or more spaces inside a line is where a scraper dropped a line break (the
# Guardian's "Related: <headline>   Next sentence"): it is kept as one GAP character (same
# length, so the ledger is unchanged) through the boilerplate and shape steps, whose patterns
# can end a link line or photo credit on it (write it \u2003 in boilerplate.txt); then it
# becomes a space.
GAP = "\u2003"
_GAP_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]{2,}")
_WS = r"[ \t\u00a0\u2000-\u2002\u2004-\u200b\u202f\u205f\u3000]"
# runs of white space to one space; a lone plain space is skipped, not replaced by itself
# (the same result, several times faster: _norm runs after every step)
_SPACES_RE = re.compile(rf"(?! (?!{_WS})){_WS}+")
_GAP_MERGE_RE = re.compile(r" ?\u2003[ \u2003]*")


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

    @functools.cached_property
    def boilerplate_rules(self) -> tuple[tuple[tuple[str, ...] | None, re.Pattern], ...]:
        """Each boilerplate pattern compiled, with lower-case texts one of which every match
        contains (None when unknown): a paragraph with none of them is not searched, which
        keeps 40 patterns on 4,729 one-line articles fast."""
        return tuple((_literal_gate(p), re.compile(p, re.I | re.M)) for p in self.boilerplate)

    def agencies_in(self, credit: str) -> list[str]:
        """Names of the agencies credited in ``credit`` (order of appearance)."""
        found = []
        for name, pats in self.agencies:
            m = re.search(rf"(?:{pats})(?![a-z])", credit)
            if m:
                found.append((m.start(), name))
        return [n for _, n in sorted(found)]


def _branch_literals(branches, sre_c) -> tuple[str, ...] | None:
    """The literal text of each alternative when every one is plain text (``more|from|on``)."""
    out = []
    for branch in branches:
        if not all(op in (sre_c.LITERAL, sre_c.AT) for op, _ in branch):
            return None
        out.append("".join(chr(av) for op, av in branch if op is sre_c.LITERAL).lower())
    return tuple(out)


def _literal_gate(pattern: str) -> tuple[str, ...] | None:
    """Lower-case texts one of which every match of ``pattern`` contains (the longest run of
    literal text, or the alternatives of a group such as ``(?:Related|READ MORE)``); None
    when there are none of 3+ characters or the pattern cannot be analysed."""
    try:
        from re import _constants as sre_c
        from re import _parser as sre_parse
        items = list(sre_parse.parse(pattern, re.I))
    except Exception:  # noqa: BLE001 - private API changed or odd pattern: no gate, still correct
        return None
    candidates, run = [], ""
    while items:
        op, av = items.pop(0)
        if op is sre_c.LITERAL:
            run += chr(av)
            continue
        if op is sre_c.AT:
            continue  # \b, ^, $ take no characters
        if op is sre_c.SUBPATTERN and not (len(av[-1]) == 1 and av[-1][0][0] is sre_c.BRANCH):
            items[:0] = list(av[-1])  # a group is matched once: its items follow on
            continue
        candidates.append((run.lower(),))
        run = ""
        if op is sre_c.SUBPATTERN:
            op, av = av[-1][0]
        if op is sre_c.BRANCH:
            alts = _branch_literals(av[1], sre_c)
            if alts:
                candidates.append(alts)
    candidates.append((run.lower(),))
    good = [c for c in candidates if min(len(x.strip()) for x in c) >= 3]
    return max(good, key=lambda c: min(len(x) for x in c)) if good else None


@checked
def load_lexicons() -> Lexicons:
    """Load the cleaning lexicons from ``data/lexicons/`` (re-read when a file changes).

    Examples
    --------
    >>> lex = load_lexicons()
    >>> "Reuters" in [name for name, _ in lex.agencies]
    True
    """
    return _load_lexicons()


@cached_on_files(lambda: (config.AGENCIES_FILE, config.BOILERPLATE_FILE, config.CAMELCASE_FILE))
def _load_lexicons() -> Lexicons:
    agencies = tuple((row["name"], row["pattern"])
                     for row in read_table(config.AGENCIES_FILE, columns=("name", "pattern")))
    boiler = read_lines(config.BOILERPLATE_FILE)
    for pat in boiler:
        try:
            re.compile(pat)
        except re.error as exc:
            raise ValueError(f"Bad pattern {pat!r} in {config.BOILERPLATE_FILE}: {exc}") from None
    return Lexicons(agencies, boiler, frozenset(read_lines(config.CAMELCASE_FILE)))


@dataclass
class Cleaned:
    """Result of :func:`clean_text`."""

    text: str
    ledger: list[tuple[str, int, int]] = field(default_factory=list)  # (step, chars_removed, count)
    dateline_place: str = ""
    dateline_date: str = ""
    dateline_tag: str = ""
    agencies: list[str] = field(default_factory=list)
    # the sentences (punkt) of each paragraph of ``text``, as the duplicate-sentence step found
    # them; the corpus-level recurring-line detector reuses them instead of splitting again
    sentences: list[list[str]] = field(default_factory=list, repr=False)
    # (class, text) of every piece the shape rules of analysis.boilerplate cut
    removed_lines: list[tuple[str, str]] = field(default_factory=list, repr=False)

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n") if self.text else []


def _norm(paras: list[str]) -> list[str]:
    out = []
    for p in paras:
        p = _SPACES_RE.sub(" ", p)
        if GAP in p:
            p = _GAP_MERGE_RE.sub(GAP, p)
        p = p.strip()
        if p:
            out.append(p)
    return out


def strip_html(text: str) -> tuple[str, int]:
    """Remove HTML markup: script/style blocks, comments, tags; unescape entities.

    Block-level tags (``<p>``, ``<br/>``, ``<div>``, ``<li>``, ...) become line breaks so
    paragraphs stay apart; only known element names count as tags, so prose such as
    "a < b and c > d" is untouched.

    Returns ``(text, count)``: the cleaned text and the number of tags, blocks and
    entities changed.

    Examples
    --------
    >>> strip_html("<p>Tom &amp; Jerry</p><script>x()</script>if a < b and c > d")
    ('\\nTom & Jerry\\nif a < b and c > d', 4)
    """
    n = 0

    def tag(m):
        nonlocal n
        n += 1
        return "\n" if m["name"].lower() in _HTML_BREAKS else ""

    def entity(m):
        nonlocal n
        ref = m.group(0)
        if ref[1] != "#" and ref[1:] not in html.entities.html5:
            return ref  # "&notanentity;" is text, not "¬anentity;"
        n += 1
        return html.unescape(ref)

    if "<" in text:
        text, k = _HTML_BLOCK.subn("", text)
        n += k
        text = _HTML_TAG.sub(tag, text)
    if "&" in text:
        text = _HTML_ENTITY.sub(entity, text)
    return text, n


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
    """Apply every pattern of boilerplate.txt, in file order, inside every paragraph."""
    n, result = 0, []
    for p in paras:
        low = p.lower()
        for gate, rx in lex.boilerplate_rules:
            if gate is None or any(g in low for g in gate):
                p, k = rx.subn(" ", p)
                if k:
                    n, low = n + k, p.lower()
        result.append(p)
    return result, n


def _remove_shaped(paras, out, lex, *, cls):
    """Boilerplate found by its shape (analysis.boilerplate), one class per ledger step."""
    paras, removed = remove_shapes(paras, cls)
    out.removed_lines.extend((cls, r) for r in removed)
    if cls == SHAPE_CLASSES[-1]:  # the gaps have served: plain spaces from here on
        paras = [p.replace(GAP, " ") for p in paras]
    return paras, len(removed)


def dateline_match(text: str) -> re.Match | None:
    """The dateline opening ``text``, or None.

    A dateline is a place (ALL CAPS, or Title Case words), optionally a region after a comma,
    a date (with or without year) and a ``(TAG)``, then ``--``, ``—``, ``–``, ``-`` or, after a
    tag, ``:``; the text must go on with a capital letter, digit or quote. A place without tag
    or date must be ALL CAPS, or Title Case with a region ("Kyiv, Ukraine —") or an em dash /
    double hyphen ("United Nations —"), so "Russia said on Monday -- ..." is not a dateline.

    Examples
    --------
    >>> dateline_match("MINSK, 28 January (BelTA) – Talks.")["date"]
    '28 January'
    >>> dateline_match("Russia said on Monday -- talks failed.") is None
    True
    """
    m = DATELINE_RE.match(text)
    if not m or not (m["place"] or _tag(m)):
        return None
    rest = text[m.end():m.end() + 2].lstrip("\"“‘'(")
    if not rest or not (rest[0].isupper() or rest[0].isdigit()):
        return None
    words = re.split(r"[ /,]+", m["place"] or "")
    words = [w for w in words if w]
    if not all(w.isupper() or w[0].isupper() for w in words):
        return None
    if m["sep"] == ":" and not _tag(m):
        return None
    if not m["space"] and not _tag(m):
        return None  # "(AP)—The" is a dateline; "NATO—Russia talks", "US-led" are not
    caps = all(w.isupper() for w in words)
    if not (_tag(m) or m["date"] or caps or "," in m["place"]
            or m["sep"] in ("—", "--", "-–", "–-")):
        return None
    return m


def _tag(m: re.Match) -> str:
    """A dateline's agency tag: ``(AP)``, or TASS's ``/TASS/``."""
    return (m["tag"] or m["slash"] or "").strip()


def _strip_dateline(paras, out, lex):
    if not paras:
        return paras, 0
    m = dateline_match(paras[0])
    if not m:
        return paras, 0
    out.dateline_place, out.dateline_tag = (m["place"] or "").strip(), _tag(m)
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
    tok = _sentence_tokenizer()
    seen, n, result, out.sentences = set(), 0, [], []
    for p in paras:
        pieces, last, kept = [], 0, []
        for start, end in tok.span_tokenize(p):
            sent = p[start:end]
            if len(sent.split()) >= MIN_WORDS_SENTENCE_DEDUP and sent in seen:
                pieces.append(p[last:start])
                last = end
                n += 1
                continue
            seen.add(sent)
            kept.append(sent)
        pieces.append(p[last:])
        result.append("".join(pieces))
        if _norm([result[-1]]):  # the paragraph survives normalisation: keep its sentences
            out.sentences.append(kept)
    return result, n


@functools.lru_cache(maxsize=1)
def _sentence_tokenizer():
    from nltk.tokenize.punkt import PunktTokenizer

    register_project_nltk_dir()
    try:
        return PunktTokenizer("english")
    except LookupError:  # NLTK's own error lists folders, not what to install
        raise missing_resource_error() from None


_STEP_FUNCS = {
    "tweet": _remove_tweets, "url": _remove_urls, "emoji": _remove_emoji,
    "boilerplate": _remove_boilerplate,
    **{cls: functools.partial(_remove_shaped, cls=cls) for cls in SHAPE_CLASSES},
    "dateline": _strip_dateline,
    "glued_sentence": _split_glued, "agency_credit": _strip_agency_credits,
    "duplicate_paragraph": _dedupe_paragraphs, "duplicate_sentence": _dedupe_sentences,
}


@checked
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
    lex = lexicons or load_lexicons()
    out = Cleaned(text="")
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    untagged, n_html = strip_html(text)  # entities may spell format characters (&zwnj; &shy;)
    visible, n_format, n_space = normalize_invisible(untagged)
    visible = unicodedata.normalize("NFC", visible)
    visible, n_acute = _ACUTE_APOSTROPHE_RE.subn("’", visible)  # AP's "Putin´s"
    paras = _norm([_GAP_RE.sub(GAP, p) for p in visible.split("\n")])
    normalized = len(raw) - len(text) + len(untagged) - n_format - _length(paras)
    if normalized or n_acute:
        out.ledger.append(("normalize", normalized, 1))
    if n_html:
        out.ledger.append(("html", len(text) - len(untagged), n_html))
    if n_format:
        out.ledger.append(("format_chars", n_format, n_format))
    if n_space:
        out.ledger.append(("space_chars", 0, n_space))
    for step, func in _STEP_FUNCS.items():
        before = _length(paras)
        paras, count = func(paras, out, lex)
        paras = _norm(paras)
        if count:
            out.ledger.append((step, before - _length(paras), count))
    out.text = "\n".join(paras)
    return out


# an acute accent used as an apostrophe between letters ("Putin´s", "AP´s" in AP's scrapes)
_ACUTE_APOSTROPHE_RE = re.compile(r"(?<=[^\W\d_])\u00b4(?=[^\W\d_])")


RECURRING_COLUMNS = ["source", "text", "docs", "share"]


def _units(paragraphs: list[str], sentences: list[list[str]]) -> set[str]:
    """The lines and sentences of one document that may count as recurring (3+ words)."""
    units = {p for p in paragraphs if len(p.split()) >= MIN_WORDS_SENTENCE_DEDUP}
    for sents in sentences:
        units.update(s for s in sents if len(s.split()) >= MIN_WORDS_SENTENCE_DEDUP)
    return units


def find_recurring(sources: list[str], paragraphs: list[list[str]],
                   sentences: list[list[list[str]]], *, min_docs: int = 5,
                   min_share: float = 0.02) -> pd.DataFrame:
    """Lines and sentences repeated across many documents of the same outlet.

    A unit (a whole line, or a punkt sentence of 3+ words) is recurring when it occurs in
    at least ``min_docs`` documents of one source and in at least ``min_share`` of that
    source's documents. Each source is counted on its own: the same text in two outlets
    is syndication, not boilerplate, and is not added up.

    Parameters
    ----------
    sources : list of str
        The source of each document.
    paragraphs : list of list of str
        Each document's paragraphs (its lines).
    sentences : list of list of list of str
        Each document's sentences, per paragraph (see ``Cleaned.sentences``).
    min_docs : int, default 5
    min_share : float, default 0.02

    Returns
    -------
    pandas.DataFrame
        ``source, text, docs, share``, most frequent first.

    Examples
    --------
    >>> paras = [["News %d here today." % i, "Follow us on Facebook."] for i in range(5)]
    >>> sents = [[[p] for p in doc] for doc in paras]
    >>> find_recurring(["A"] * 5, paras, sents, min_docs=5)["text"].tolist()
    ['Follow us on Facebook.']
    """
    counts: dict[str, dict[str, int]] = {}
    ndocs: dict[str, int] = {}
    for source, paras, sents in zip(sources, paragraphs, sentences):
        ndocs[source] = ndocs.get(source, 0) + 1
        table = counts.setdefault(source, {})
        for unit in _units(paras, sents):
            table[unit] = table.get(unit, 0) + 1
    rows = [(src, unit, k, k / ndocs[src]) for src, table in counts.items()
            for unit, k in table.items() if k >= min_docs and k / ndocs[src] >= min_share]
    frame = pd.DataFrame(rows, columns=RECURRING_COLUMNS)
    frame = frame.sort_values(["source", "docs", "text"], ascending=[True, False, True],
                              ignore_index=True)
    return frame.astype({"source": "string", "text": "string", "docs": "int64",
                         "share": "float64"})


def remove_units(paragraphs: list[str], sentences: list[list[str]],
                 units: set[str] | frozenset[str]) -> tuple[list[str], list[list[str]], int]:
    """Cut whole lines and sentences found in ``units`` out of one document.

    Returns ``(paragraphs, sentences, count)``: the remaining paragraphs (normalised,
    empty ones dropped), their remaining sentences and the number of units cut.

    Examples
    --------
    >>> remove_units(["Kyiv was hit. Follow us on Facebook."],
    ...              [["Kyiv was hit.", "Follow us on Facebook."]], {"Follow us on Facebook."})
    (['Kyiv was hit.'], [['Kyiv was hit.']], 1)
    """
    out_paras, out_sents, n = [], [], 0
    for para, sents in zip(paragraphs, sentences):
        if para in units:
            n += 1
            continue
        kept, pieces, last, pos = [], [], 0, 0
        for sent in sents:
            start = para.find(sent, pos)
            if start < 0:  # cannot happen for sentences split from this paragraph
                kept.append(sent)
                continue
            pos = start + len(sent)
            if sent in units:
                pieces.append(para[last:start])
                last, n = pos, n + 1
            else:
                kept.append(sent)
        pieces.append(para[last:])
        para = _norm(["".join(pieces)])
        if para:
            out_paras.append(para[0])
            out_sents.append(kept)
    return out_paras, out_sents, n


def ledger_frame(rows: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    """Build the ``.cleaning`` table from ``(doc_id, step, chars_removed, count)`` rows."""
    return pd.DataFrame(rows, columns=["doc_id", "step", "chars_removed", "count"]).astype(
        {"doc_id": "string", "step": "string", "chars_removed": "int64", "count": "int64"})
