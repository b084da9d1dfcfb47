"""Scoring of quote extraction and attribution against the quote gold sets.

The sets are ``tests/data/quotes_gold.csv`` (the tuning set), ``quotes_dev.csv`` and
``quotes_dev2.csv`` (the dev sets, the first two held-out sets) and ``quotes_heldout.csv``
(the third held-out set); same columns, described in their ``.md``. Pure functions: no file is read here, the caller passes the gold table, the raw
texts and the cleaned documents (see ``bench_quotes.py``).

1. :func:`align_gold` checks every gold row's checksum against the RAW text of its
   article, then moves its offsets into the CLEANED text (``load_corpus``), where the
   predictions of ``analysis.quotes`` live.
2. :func:`match_spans` pairs predicted and gold spans one to one, per document, by
   character overlap (intersection over union of the trimmed ranges), greedily.
3. :func:`score` gives precision / recall / F1 (all quotes, direct only, indirect
   only), exact-boundary figures, speaker accuracy and per-outlet recall.
4. :func:`ggt_score` scores the Gender Gap Tracker's way (below), so figures compare
   with theirs.

Conventions
-----------
*Trimming.* Before spans are compared, white space, punctuation and quote marks are
trimmed from both ends (``“Russia will pay,”`` and ``Russia will pay`` are the same
span). "Exact" means the trimmed ranges are equal.

*"All quotes" with nested gold rows.* The gold set has rows nested in others (a direct
fragment inside an indirect "mixed" clause, a quote within a quote, a report inside a
report). For the "all" figures the kind is ignored and the predictions are matched
one to one against the union of all aligned gold rows (direct and indirect alike), so
a prediction that matches either the outer or the inner row is a true positive and
never a false positive. Recall is counted over the gold rows: each aligned gold row
counts once in the denominator and is recalled when a prediction is matched to it.
A system that gives one span for an outer clause and its nested fragment therefore
loses recall on the other row, but no precision. ``all_units`` is the lenient
variant: gold rows joined by nesting form one unit, recalled when any of its rows
is matched (same precision as ``all``).

*Per kind.* ``direct`` / ``indirect``: predictions and gold rows are both filtered to
the kind, then matched (the gold set nests a row in one of the same kind only twice: a
quote within a quote, a report within a report; they are separate rows there too).

*Documents.* Only predictions in documents that have gold rows are scored (the gold
articles are fully annotated; other documents have no gold). Gold rows with
``aligned == False`` (text removed by cleaning) are left out of every figure.

*The Gender Gap Tracker's way* (:func:`ggt_score`). Asr et al. 2021, "The Gender Gap
Tracker", PLoS ONE 16(1): e0245533; their code, ``NLP/evaluation/src/eval/
evaluate_quotes.py`` of ``sfu-discourse-lab/GenderGapTracker``, reports thresholds 0.3
and 0.8. There the overlap of a predicted quote with an annotated one is asymmetric:
the number of character positions the two index ranges share, divided by the number
of positions of the ANNOTATED range, ``|gold & pred| / |gold|`` (:func:`coverage`; the
annotation is the reference, so a prediction longer than the gold quote loses
nothing). The annotated quotes are taken in order; each takes, among the predictions
of its document not yet taken, the one with the highest overlap at or above the
threshold (ties: the earlier prediction). True positives are the matched annotated
quotes, false negatives the others, false positives the predictions left over; P =
TP / (TP + FP), R = TP / (TP + FN); speaker accuracy = matched pairs with the right
speaker / matched pairs. Differences here, all deliberate:

- ranges are trimmed first, as everywhere in this module;
- their test is strictly greater (``score > threshold``); the issue asks for ">=", the
  default here (``strict=True`` gives theirs; they differ only when the overlap equals
  the threshold exactly);
- they compare speakers by MENTION offsets (right when the predicted speaker span
  shares a character with the annotated one, or when an unattributed "floating"
  quote meets an empty speaker). The gold sets here store the resolved name, not the
  mention, so names are compared (:func:`same_speaker`): stricter for pronouns ("he"
  must be resolved to the right person); pairs with an empty gold speaker are left
  out of the accuracy, as in :func:`score`;
- ``all`` ignores the kind (a nested gold row needs its own prediction, as in
  :func:`score`); ``direct`` / ``indirect`` filter both sides to the kind (they do
  not split by kind).
"""

from __future__ import annotations

import bisect
import hashlib
import html
import re
import unicodedata
from collections import defaultdict

import pandas as pd

GOLD_COLUMNS = ["url", "source", "kind", "start", "end", "checksum", "speaker",
                "speaker_type", "cue", "paragraph_note"]
KINDS = ("direct", "indirect")
SPEAKER_TYPES = ("named", "pronoun_resolved", "anonymous", "group")

# search normalisation (align_gold): one apostrophe, one double quote, no white space
_APOSTROPHES = "\u00b4\u2019\u2018'`\u2032\u02bc\u201b"  # ´ ’ ‘ ' ` ′ ʼ ‛
_DOUBLE_QUOTES = "\u201c\u201d\"\u201e\u2033\u00ab\u00bb\u201f"  # “ ” " „ ″ « » ‟
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_FOLD = {**{c: "'" for c in _APOSTROPHES}, **{c: '"' for c in _DOUBLE_QUOTES}}


class GoldChecksumError(ValueError):
    """A gold row does not match the corpus text any more (stale offsets or a changed corpus)."""


# ---------------------------------------------------------------------------------------
# gold alignment
# ---------------------------------------------------------------------------------------

def checksum(text: str) -> str:
    """First 10 hex characters of the sha1 of ``text`` (utf-8), as in the gold table."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def verify_checksums(gold: pd.DataFrame, raw_text_by_url: dict[str, str]) -> None:
    """Raise :class:`GoldChecksumError` naming every gold row whose raw span does not verify.

    A row fails when its url is not in ``raw_text_by_url``, its offsets are outside the
    text, or ``checksum(raw[start:end])`` differs from the stored checksum.
    """
    problems = []
    for i, row in gold.iterrows():
        raw = raw_text_by_url.get(row["url"])
        start, end = int(row["start"]), int(row["end"])
        if raw is None:
            problems.append(f"row {i}: url not in the corpus: {row['url']}")
        elif not 0 <= start < end <= len(raw):
            problems.append(f"row {i}: offsets {start}:{end} outside the text "
                            f"({len(raw)} chars) of {row['url']}")
        elif checksum(raw[start:end]) != str(row["checksum"]):
            problems.append(f"row {i}: checksum {checksum(raw[start:end])} != stored "
                            f"{row['checksum']} for {start}:{end} of {row['url']}")
    if problems:
        shown = "\n  ".join(problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise GoldChecksumError(
            f"{len(problems)} gold row(s) do not verify against the corpus text (the gold "
            f"set or the corpus changed; see tests/data/quotes_gold.md):\n  {shown}{more}")


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` without white space, quote/apostrophe variants folded; and, per kept
    character, its index in ``text``."""
    chars, index = [], []
    for i, c in enumerate(text):
        if c.isspace() or c in _INVISIBLE:
            continue
        chars.append(_FOLD.get(c, c))
        index.append(i)
    return "".join(chars), index


def _find_all(haystack: str, needle: str) -> list[int]:
    out, i = [], haystack.find(needle)
    while i >= 0:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out


def _context_agreement(a: str, pa: int, na: int, b: str, pb: int, nb: int,
                       width: int = 40) -> int:
    """How many characters (up to ``width`` each side) around ``a[pa:pa+na]`` and
    ``b[pb:pb+nb]`` agree: common suffix of what precedes plus common prefix of what follows."""
    left = 0
    while left < width and pa - left > 0 and pb - left > 0 and a[pa - left - 1] == b[pb - left - 1]:
        left += 1
    right, ea, eb = 0, pa + na, pb + nb
    while right < width and ea + right < len(a) and eb + right < len(b) \
            and a[ea + right] == b[eb + right]:
        right += 1
    return left + right


def align_gold(gold: pd.DataFrame, raw_text_by_url: dict[str, str],
               clean_docs: pd.DataFrame) -> pd.DataFrame:
    """Gold rows with offsets moved from the raw text into the cleaned text.

    Parameters
    ----------
    gold : DataFrame
        ``quotes_gold.csv`` (columns :data:`GOLD_COLUMNS`), offsets into the raw text.
    raw_text_by_url : dict
        url -> raw ``text`` of ``sample.csv``.
    clean_docs : DataFrame
        ``doc_id``, ``url``, ``text``: the cleaned documents (``Corpus.docs``).

    Returns
    -------
    DataFrame
        The gold rows (same index and order) with ``start`` / ``end`` into the cleaned
        text of ``doc_id`` (-1 when not aligned), ``raw_start`` / ``raw_end`` (the
        original offsets), ``doc_id`` ("" when the url is not among ``clean_docs``),
        ``text`` (the cleaned span, "" when not aligned), ``aligned`` and
        ``align_note`` (why a row is not aligned, or how it was).

    Raises
    ------
    GoldChecksumError
        When a row does not verify against its raw text (checked first, for all rows).

    Notes
    -----
    The raw span is searched in the cleaned text of the same url with white space
    removed from both (cleaning collapses runs of spaces, turns gaps into spaces and
    splits glued sentences: ``Russia."The`` -> ``Russia." The``) and with apostrophe
    variants (´ ’ ‘ ') and double-quote variants (“ ” ") folded to one character each
    (AP's ``´`` becomes ``’``); the raw span is NFC-normalised first, as cleaning does,
    and HTML entities are unescaped when the plain search fails. Offsets point into
    the real cleaned text (first to last matched character). When the span occurs more
    than once: if the cleaned text has as many occurrences as the raw text, the n-th
    raw occurrence maps to the n-th cleaned one; otherwise (copies removed by cleaning)
    rows are paired one to one with the cleaned occurrences, greedily, by the agreement
    of the surrounding text (up to 40 folded characters each side: the copy cleaning
    kept keeps its neighbours), then by the closest relative position (offset / text
    length); rows left over are not aligned.
    """
    verify_checksums(gold, raw_text_by_url)
    clean_by_url = {u: (d, t) for d, u, t in zip(clean_docs["doc_id"], clean_docs["url"],
                                                   clean_docs["text"])}
    out = gold.copy()
    out["raw_start"] = out["start"].astype(int)
    out["raw_end"] = out["end"].astype(int)
    result = {i: ("", -1, -1, False, "") for i in out.index}
    folded_cache: dict[str, tuple[str, list[int]]] = {}

    def fold(text):
        if text not in folded_cache:
            folded_cache[text] = _folded(text)
        return folded_cache[text]

    for url, rows in out.groupby("url", sort=False):
        if url not in clean_by_url:
            for i in rows.index:
                result[i] = ("", -1, -1, False, "document not among the cleaned docs")
            continue
        doc_id, clean = clean_by_url[url]
        raw = raw_text_by_url[url]
        raw_f, raw_idx = fold(raw)
        clean_f, clean_idx = fold(clean)
        # search key -> [(row, raw ordinal, raw copies, relative position, note, folded
        # raw position, folded raw length)]
        groups: dict[str, list] = defaultdict(list)
        for i, row in rows.iterrows():
            start, end = int(row["raw_start"]), int(row["raw_end"])
            span = raw[start:end]
            key_raw = _folded(span)[0]
            if not key_raw:
                result[i] = (doc_id, -1, -1, False, "span is only white space")
                continue
            raw_occ = _find_all(raw_f, key_raw)
            first = bisect.bisect_left(raw_idx, start)  # first kept character of the span
            ordinal = raw_occ.index(first) if first in raw_occ else None
            key = _folded(unicodedata.normalize("NFC", span))[0]
            note = ""
            if key not in clean_f:
                unescaped = _folded(unicodedata.normalize("NFC", html.unescape(span)))[0]
                if unescaped != key and unescaped in clean_f:
                    key, note = unescaped, "html unescaped"
            groups[key].append((i, ordinal, len(raw_occ), start / max(len(raw), 1), note,
                                first, len(key_raw)))
        for key, members in groups.items():
            occ = _find_all(clean_f, key)
            if not occ:
                for i, *_ in members:
                    result[i] = (doc_id, -1, -1, False, "text not in the cleaned document")
                continue
            n_raw = members[0][2]
            assigned: dict[int, int] = {}
            if len(occ) == n_raw and all(m[1] is not None for m in members):
                assigned = {i: occ[ordinal] for i, ordinal, *_ in members}
                how = "" if n_raw == 1 else f"occurrence by order ({n_raw} copies)"
            else:
                pairs = sorted(
                    (-_context_agreement(raw_f, pos, n, clean_f, o, len(key)),
                     abs(rel - clean_idx[o] / max(len(clean), 1)), k, o)
                    for k, (_, _, _, rel, _, pos, n) in enumerate(members) for o in occ)
                used_rows, used_occ = set(), set()
                for _, _, k, o in pairs:
                    if k not in used_rows and o not in used_occ:
                        assigned[members[k][0]] = o
                        used_rows.add(k)
                        used_occ.add(o)
                how = f"placed by context among {len(occ)} cleaned copies ({n_raw} raw)"
            for i, _, _, _, note, _, _ in members:
                if i not in assigned:
                    result[i] = (doc_id, -1, -1, False,
                                 f"copy removed by cleaning ({len(occ)} of {n_raw} copies left)")
                    continue
                o = assigned[i]
                s, e = clean_idx[o], clean_idx[o + len(key) - 1] + 1
                result[i] = (doc_id, s, e, True, "; ".join(x for x in (note, how) if x))
    cols = list(zip(*(result[i] for i in out.index))) if len(out) else [()] * 5
    out["doc_id"], out["start"], out["end"], out["aligned"], out["align_note"] = (
        list(cols[0]), list(cols[1]), list(cols[2]), list(cols[3]), list(cols[4]))
    out["start"] = out["start"].astype(int)
    out["end"] = out["end"].astype(int)
    out["aligned"] = out["aligned"].astype(bool)
    texts = {d: t for d, t in clean_by_url.values()}
    out["text"] = [texts[d][s:e] if a else "" for d, s, e, a in
                   zip(out["doc_id"], out["start"], out["end"], out["aligned"])]
    return out


# ---------------------------------------------------------------------------------------
# span matching
# ---------------------------------------------------------------------------------------

def _is_trim_char(c: str) -> bool:
    """White space, punctuation (Unicode P*), quote-like symbols (´ `)."""
    return c.isspace() or unicodedata.category(c)[0] in "PZ" or c in _APOSTROPHES or c in _INVISIBLE


def trim_range(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed past white space, punctuation and quote marks at both ends.

    ``text`` is the span itself (``doc[start:end]``). A span made only of such
    characters keeps its range.

    Examples
    --------
    >>> trim_range('“Russia will pay,”', 10, 28)
    (11, 26)
    """
    a, b = 0, len(text)
    while a < b and _is_trim_char(text[a]):
        a += 1
    while b > a and _is_trim_char(text[b - 1]):
        b -= 1
    if a == b:
        return start, end
    return start + a, start + b


def _trimmed(frame: pd.DataFrame, texts: dict[str, str] | None) -> list[tuple]:
    """(index label, doc_id, trimmed start, trimmed end) per row."""
    out = []
    has_text = "text" in frame.columns
    for i, doc, s, e, t in zip(frame.index, frame["doc_id"], frame["start"], frame["end"],
                               frame["text"] if has_text else [None] * len(frame)):
        s, e = int(s), int(e)
        if texts is not None and doc in texts:
            t = texts[doc][s:e]
        if isinstance(t, str) and len(t) == e - s:
            s, e = trim_range(t, s, e)
        out.append((i, doc, s, e))
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """|intersection| / |union| of two character ranges ``(start, end)``."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union > 0 else 0.0


MATCH_COLUMNS = ["doc_id", "pred", "gold", "overlap", "exact", "pred_start", "pred_end",
                 "gold_start", "gold_end"]


def match_spans(pred: pd.DataFrame, gold: pd.DataFrame, min_overlap: float = 0.5,
                texts: dict[str, str] | None = None) -> pd.DataFrame:
    """One-to-one matches of predicted and gold spans, per document.

    Parameters
    ----------
    pred, gold : DataFrame
        ``doc_id``, ``start``, ``end`` (offsets into the cleaned text) and, for
        trimming, ``text`` (the span) unless ``texts`` is given.
    min_overlap : float, default 0.5
        Least intersection-over-union of the trimmed ranges for a pair to match.
    texts : dict, optional
        doc_id -> cleaned text; when given, spans are read from it (the ``text``
        columns are then not used).

    Returns
    -------
    DataFrame
        One row per match: ``doc_id``, ``pred`` and ``gold`` (index labels of the
        input rows), ``overlap``, ``exact`` (trimmed ranges equal) and the trimmed
        ranges. Pairs are taken greedily by decreasing overlap (ties: gold then
        prediction order), each row at most once; exact pairs (overlap 1) are thus
        all taken first, so ``exact.sum()`` is also the one-to-one exact-match count.
    """
    by_doc_gold: dict[str, list] = defaultdict(list)
    for g in _trimmed(gold, texts):
        by_doc_gold[g[1]].append(g)
    pairs = []
    for p_pos, p in enumerate(_trimmed(pred, texts)):
        for g_pos, g in enumerate(by_doc_gold.get(p[1], ())):
            ov = overlap(p[2:], g[2:])
            if ov >= min_overlap and ov > 0:
                pairs.append((-ov, g_pos, p_pos, p, g))
    pairs.sort(key=lambda x: (x[0], str(x[3][1]), x[1], x[2]))
    used_p, used_g, rows = set(), set(), []
    for neg_ov, _, _, p, g in pairs:
        pk, gk = (p[1], p[0]), (g[1], g[0])
        if pk in used_p or gk in used_g:
            continue
        used_p.add(pk)
        used_g.add(gk)
        rows.append((p[1], p[0], g[0], -neg_ov, p[2:] == g[2:], p[2], p[3], g[2], g[3]))
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


# ---------------------------------------------------------------------------------------
# speakers
# ---------------------------------------------------------------------------------------

def _ascii_key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "", folded)


try:  # the project's transliteration-insensitive key (Zelensky = Zelenskyy = Zelenskiy)
    from analysis.entities import translit_key as _key
except ImportError:  # pragma: no cover - older or partial package
    _key = _ascii_key


def normalize_speaker(name) -> str:
    """Case-folded, spaces collapsed, a leading "the " removed ("" for missing values).

    >>> normalize_speaker("  The   Kremlin ")
    'kremlin'
    """
    if not isinstance(name, str):
        return ""
    s = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    if s.startswith("the "):
        s = s[4:]
    return s


def speaker_key(name) -> str:
    """Transliteration-insensitive key of a normalised speaker (no spaces)."""
    s = normalize_speaker(name)
    return _key(s) if s else ""


def _last_word(name: str) -> str:
    words = [w for w in re.split(r"\s+", name.strip()) if _key(w)]
    return words[-1] if words else ""


def same_speaker(pred, gold) -> bool:
    """Whether a predicted speaker names the same person or thing as the gold speaker.

    True when the keys of the normalised names are equal (:func:`speaker_key`:
    case, a leading "the ", spacing and transliteration ignored), or when the last
    words have equal keys, both start with a capital (a surname, not a common noun:
    "the US embassy" vs "the embassy" or "Ukrainian officials" vs "officials" are not
    accepted this way) and either both names have several words or one is a single
    word ("Zelensky" vs "Volodymyr Zelenskyy", "Vladimir Zelensky" vs "Volodymyr
    Zelensky"). An empty prediction is never the same.

    >>> same_speaker("Zelensky", "Volodymyr Zelenskyy")
    True
    >>> same_speaker("the embassy", "The Embassy")
    True
    >>> same_speaker("Joe Biden", "Volodymyr Zelensky")
    False
    """
    kp, kg = speaker_key(pred), speaker_key(gold)
    if not kp or not kg:
        return False
    if kp == kg:
        return True
    p, g = normalize_speaker(pred), normalize_speaker(gold)
    lp, lg = _last_word(str(pred)), _last_word(str(gold))
    if not lp or not lg or not (lp[0].isupper() and lg[0].isupper()):
        return False
    if _key(lp) != _key(lg):
        return False
    multi_p, multi_g = len(p.split()) > 1, len(g.split()) > 1
    return (multi_p and multi_g) or not multi_p or not multi_g


# ---------------------------------------------------------------------------------------
# scores
# ---------------------------------------------------------------------------------------

def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (0 when undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _block(matches: pd.DataFrame, n_pred: int, n_gold: int) -> dict:
    tp, exact = len(matches), int(matches["exact"].sum()) if len(matches) else 0
    p, r, f = prf(tp, n_pred, n_gold)
    ep, er, ef = prf(exact, n_pred, n_gold)
    return {"n_pred": n_pred, "n_gold": n_gold, "matched": tp, "precision": p, "recall": r,
            "f1": f, "exact": exact, "exact_precision": ep, "exact_recall": er,
            "exact_f1": ef}


def nesting_units(gold: pd.DataFrame) -> pd.Series:
    """Per gold row, the label of its nesting unit: rows of one document joined
    (transitively) when one's range contains the other's; other rows are alone."""
    parent = {i: i for i in gold.index}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, rows in gold.groupby("doc_id", sort=False):
        spans = sorted(zip(rows["start"], rows["end"], rows.index), key=lambda x: (x[0], -x[1]))
        for k, (s, e, i) in enumerate(spans):
            for s2, e2, j in spans[k + 1:]:
                if s2 >= e:
                    break
                if e2 <= e:  # contained
                    parent[find(j)] = find(i)
    return pd.Series({i: find(i) for i in gold.index}, dtype=object)


def _prepare(pred: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    if "aligned" in gold.columns:
        gold = gold[gold["aligned"].astype(bool)]
    # the matches refer to rows by index label: make the labels unique
    if not pred.index.is_unique:
        pred = pred.reset_index(drop=True)
    if not gold.index.is_unique:
        gold = gold.reset_index(drop=True)
    docs = set(gold["doc_id"])
    pred = pred[pred["doc_id"].isin(docs)]
    return pred, gold


def _with_speakers(matches: pd.DataFrame, pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """``matches`` with both sides' kind and speaker, the gold speaker type, ``attributed``
    (the gold speaker is not empty) and ``speaker_ok`` (:func:`same_speaker`)."""
    p_rows, g_rows = list(matches["pred"]), list(matches["gold"])
    joined = matches.assign(
        pred_kind=list(pred.loc[p_rows, "kind"]) if len(matches) else [],
        gold_kind=list(gold.loc[g_rows, "kind"]) if len(matches) else [],
        pred_speaker=(list(pred.loc[p_rows, "speaker"])
                      if len(matches) and "speaker" in pred.columns else [""] * len(matches)),
        gold_speaker=list(gold.loc[g_rows, "speaker"]) if len(matches) else [],
        speaker_type=(list(gold.loc[g_rows, "speaker_type"])
                      if len(matches) and "speaker_type" in gold.columns
                      else [""] * len(matches)),
    )
    joined["gold_speaker"] = joined["gold_speaker"].fillna("").astype(str)
    joined["attributed"] = joined["gold_speaker"].str.strip() != ""
    joined["speaker_ok"] = [bool(a) and same_speaker(p_, g_) for a, p_, g_ in
                            zip(joined["attributed"], joined["pred_speaker"],
                                joined["gold_speaker"])]
    return joined


def _accuracy(joined: pd.DataFrame) -> dict:
    """Speaker accuracy over the pairs of ``joined`` whose gold speaker is not empty."""
    n = int(joined["attributed"].sum())
    ok = int(joined.loc[joined["attributed"], "speaker_ok"].sum())
    return {"pairs": n, "correct": ok, "accuracy": ok / n if n else None}


def score(pred: pd.DataFrame, gold: pd.DataFrame, *, min_overlap: float = 0.5,
          texts: dict[str, str] | None = None) -> dict:
    """Precision / recall / F1, exact-boundary figures and speaker accuracy.

    Parameters
    ----------
    pred : DataFrame
        ``analysis.quotes`` rows: ``doc_id``, ``kind``, ``start``, ``end``, ``speaker``
        and ``text`` (or pass ``texts``).
    gold : DataFrame
        Aligned gold (:func:`align_gold`); rows with ``aligned == False`` are dropped.
        ``doc_id``, ``kind``, ``start``, ``end``, ``speaker``, ``speaker_type``,
        ``source``, ``text``.
    min_overlap : float, default 0.5
        See :func:`match_spans`.
    texts : dict, optional
        doc_id -> cleaned text, see :func:`match_spans`.

    Returns
    -------
    dict
        ``all``, ``all_units``, ``direct``, ``indirect``: dicts with ``n_pred``,
        ``n_gold``, ``matched``, ``precision``, ``recall``, ``f1``, ``exact``,
        ``exact_precision``, ``exact_recall``, ``exact_f1`` (see the module
        docstring for how "all" treats nested gold rows; in ``all_units``, ``n_gold``
        and ``matched`` count units, and the precision is that of ``all``);
        ``speaker``: ``pairs`` (matched pairs of the "all" matching whose gold speaker
        is not empty), ``correct``, ``accuracy`` (None without pairs) and ``by_type``
        (the same per gold ``speaker_type``, always with named / pronoun_resolved /
        anonymous / group); ``by_source``: per gold outlet ``n_gold``, ``matched``,
        ``recall``; ``matches``: the "all" matching joined with both sides' kind and
        speaker; ``n_gold_rows``: aligned gold rows scored.
    """
    pred, gold = _prepare(pred, gold)
    result: dict = {}
    matches = match_spans(pred, gold, min_overlap, texts)
    result["all"] = _block(matches, len(pred), len(gold))

    units = nesting_units(gold)
    n_units = units.nunique()
    matched_units = units.loc[list(matches["gold"])].nunique() if len(matches) else 0
    p = result["all"]["precision"]
    r = matched_units / n_units if n_units else 0.0
    exact_units = (units.loc[list(matches.loc[matches["exact"], "gold"])].nunique()
                   if len(matches) else 0)
    ep, er = result["all"]["exact_precision"], exact_units / n_units if n_units else 0.0
    result["all_units"] = {
        "n_pred": len(pred), "n_gold": n_units, "matched": matched_units, "precision": p,
        "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "exact": exact_units,
        "exact_precision": ep, "exact_recall": er,
        "exact_f1": 2 * ep * er / (ep + er) if ep + er else 0.0}

    for kind in KINDS:
        pk, gk = pred[pred["kind"] == kind], gold[gold["kind"] == kind]
        result[kind] = _block(match_spans(pk, gk, min_overlap, texts), len(pk), len(gk))

    joined = _with_speakers(matches, pred, gold)
    result["matches"] = joined
    speaker = _accuracy(joined)
    types = list(SPEAKER_TYPES) + sorted(set(joined["speaker_type"]) - set(SPEAKER_TYPES) - {""})
    speaker["by_type"] = {t: _accuracy(joined[joined["speaker_type"] == t]) for t in types}
    result["speaker"] = speaker

    by_source = {}
    if "source" in gold.columns:
        matched_gold = set(matches["gold"])
        for source, rows in gold.groupby("source", sort=True):
            n = len(rows)
            m = sum(i in matched_gold for i in rows.index)
            by_source[source] = {"n_gold": n, "matched": m, "recall": m / n if n else 0.0}
    result["by_source"] = by_source
    result["n_gold_rows"] = len(gold)
    return result


# ---------------------------------------------------------------------------------------
# the Gender Gap Tracker's way
# ---------------------------------------------------------------------------------------

GGT_THRESHOLDS = (0.3, 0.8)


def coverage(gold: tuple[int, int], pred: tuple[int, int]) -> float:
    """Share of the gold range ``(start, end)`` that the predicted range covers:
    ``|gold & pred| / |gold|`` (0 for an empty gold range), the Gender Gap Tracker's
    overlap.

    >>> from quote_scoring import coverage  # (the examples' namespace has analysis.coverage)
    >>> coverage((0, 100), (70, 300))
    0.3
    """
    inter = max(0, min(gold[1], pred[1]) - max(gold[0], pred[0]))
    return inter / (gold[1] - gold[0]) if gold[1] > gold[0] else 0.0


def ggt_match_spans(pred: pd.DataFrame, gold: pd.DataFrame, threshold: float, *,
                    texts: dict[str, str] | None = None, strict: bool = False) -> pd.DataFrame:
    """Matches of gold and predicted spans the Gender Gap Tracker's way (module docstring).

    Parameters
    ----------
    pred, gold : DataFrame
        As for :func:`match_spans` (trimmed ranges are compared).
    threshold : float
        Least :func:`coverage` of a gold span by its prediction (0.3 and 0.8 in GGT).
    texts : dict, optional
        doc_id -> cleaned text, see :func:`match_spans`.
    strict : bool, default False
        Require a coverage above ``threshold``, as GGT's code does, instead of at or
        above it.

    Returns
    -------
    DataFrame
        Columns :data:`MATCH_COLUMNS`; ``overlap`` is the coverage. Gold rows are taken
        in frame order, each with the prediction of its document not yet taken that
        covers most of it (ties: the earlier prediction), so a prediction that covers
        two gold rows goes to the first.

    Examples
    --------
    >>> gold = pd.DataFrame({"doc_id": ["d"], "start": [0], "end": [100]})
    >>> pred = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 50], "end": [30, 300]})
    >>> m = ggt_match_spans(pred, gold, 0.3)  # prediction 0 covers 0.3, prediction 1 0.5
    >>> m["pred"].tolist(), m["gold"].tolist(), m["overlap"].tolist()
    ([1], [0], [0.5])
    """
    by_doc_pred: dict[str, list] = defaultdict(list)
    for p in _trimmed(pred, texts):
        by_doc_pred[p[1]].append(p)
    taken: set = set()
    rows = []
    for g in _trimmed(gold, texts):
        best, best_cov = None, 0.0
        for p in by_doc_pred.get(g[1], ()):
            if p[0] in taken:
                continue
            cov = coverage(g[2:], p[2:])
            ok = cov > threshold if strict else cov >= threshold
            if ok and cov > best_cov:
                best, best_cov = p, cov
        if best is not None:
            taken.add(best[0])
            rows.append((g[1], best[0], g[0], best_cov, best[2:] == g[2:], best[2], best[3],
                         g[2], g[3]))
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def ggt_score(pred: pd.DataFrame, gold: pd.DataFrame, *, threshold: float,
              texts: dict[str, str] | None = None, strict: bool = False) -> dict:
    """Precision / recall / F1 and speaker accuracy the Gender Gap Tracker's way.

    Parameters
    ----------
    pred, gold : DataFrame
        As for :func:`score` (unaligned gold rows and documents without gold dropped).
    threshold : float
        Least coverage of a gold span by its prediction (:func:`ggt_match_spans`).
    texts : dict, optional
        doc_id -> cleaned text, see :func:`match_spans`.
    strict : bool, default False
        See :func:`ggt_match_spans`.

    Returns
    -------
    dict
        ``threshold``; ``all``, ``direct``, ``indirect``: dicts as in :func:`score`
        (``exact`` counts matched pairs with equal trimmed ranges); ``speaker``:
        ``pairs``, ``correct``, ``accuracy`` over the ``all`` pairs with a gold speaker;
        ``matches``: the ``all`` matching with both sides' speakers.

    Examples
    --------
    >>> gold = pd.DataFrame({"doc_id": ["d"], "kind": ["direct"], "start": [0], "end": [100],
    ...                      "speaker": ["Joe Biden"], "speaker_type": ["named"]})
    >>> pred = gold.assign(end=40, speaker="Biden")
    >>> r = ggt_score(pred, gold, threshold=0.3)
    >>> r["all"]["f1"], r["speaker"]["accuracy"]
    (1.0, 1.0)
    >>> ggt_score(pred, gold, threshold=0.8)["all"]["f1"]
    0.0
    """
    pred, gold = _prepare(pred, gold)
    matches = ggt_match_spans(pred, gold, threshold, texts=texts, strict=strict)
    result: dict = {"threshold": threshold, "all": _block(matches, len(pred), len(gold))}
    for kind in KINDS:
        pk, gk = pred[pred["kind"] == kind], gold[gold["kind"] == kind]
        result[kind] = _block(ggt_match_spans(pk, gk, threshold, texts=texts, strict=strict),
                              len(pk), len(gk))
    joined = _with_speakers(matches, pred, gold)
    result["matches"] = joined
    result["speaker"] = _accuracy(joined)
    return result
