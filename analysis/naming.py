"""Word choice: how each outlet names the same thing (Kyiv or Kiev, invasion or war).

A concept is a set of variants in the editable lexicon ``data/lexicons/word_choice.csv``
(``concept, variant, pattern``; patterns match tokens as :func:`~analysis.terms.kwic` does).
:func:`word_choice` gives each variant's share of the concept's mentions per group, with an
interval from resampling the group's articles; :func:`variant_candidates` proposes new
variants (terms used in the same contexts); :func:`variant_kwic` shows the lines behind each
share. The rules are in docs/source-comparison.md (Word choice).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from . import config
from .backend import add_counts, map_reduce
from .comparison import group_labels
from .doc_terms import shared_tokens
from .lexicons import cached_on_files, read_table
from .model import check_ann
from .terms import kwic
from .tokens import Tokens, phrase_starts, query_masks, query_parts
from .vocabulary import checked

LEXICON_COLUMNS = ("concept", "variant", "pattern")
PROFILE_WORDS = 300  # context words of a concept that variant_candidates compares over
_Q = (2.5, 97.5)  # percentiles of the bootstrap interval


# --------------------------------------------------------------------------- the lexicon
@checked
def word_choice_lexicon() -> pd.DataFrame:
    """The concepts and their variants: ``data/lexicons/word_choice.csv`` as a table.

    Returns
    -------
    pandas.DataFrame
        ``concept, variant, pattern``, one row per pattern, in the file's order (comment
        rows, whose concept starts with ``#``, left out).

    Examples
    --------
    >>> word_choice_lexicon().head(2).values.tolist()
    [['Kyiv', 'Kyiv', 'kyiv'], ['Kyiv', 'Kiev', 'kiev']]
    """
    return pd.DataFrame(list(_lexicon()), columns=list(LEXICON_COLUMNS))


@cached_on_files(lambda: (config.WORD_CHOICE_FILE,))
def _lexicon() -> tuple[tuple[str, str, str], ...]:
    rows = []
    for i, row in enumerate(read_table(config.WORD_CHOICE_FILE, columns=LEXICON_COLUMNS), 2):
        if row["concept"].startswith("#"):
            continue
        if not all(row[c] for c in LEXICON_COLUMNS):
            raise ValueError(f"{config.WORD_CHOICE_FILE}, line {i}: concept, variant and "
                             f"pattern must all be filled, got {row}")
        query_parts(row["pattern"], False, True)  # a bad regular expression raises here
        rows.append((row["concept"], row["variant"], row["pattern"]))
    return tuple(rows)


def _rows(concepts, *, name: str = "concepts") -> tuple[tuple[str, str, str], ...]:
    """The lexicon rows of ``concepts`` (None: all), in the file's order."""
    rows = _lexicon()
    known = list(dict.fromkeys(r[0] for r in rows))
    if concepts is None:
        return rows
    wanted = [concepts] if isinstance(concepts, str) else list(concepts)
    unknown = [c for c in wanted if c not in known]
    if unknown or not wanted:
        raise ValueError(f"{name} must name concepts of {config.WORD_CHOICE_FILE.name}, got "
                         f"{concepts if name == 'concepts' else concepts[0]!r}; known: {known}")
    return tuple(r for r in rows if r[0] in set(wanted))


def _check_by(ann, by: str) -> None:
    if not isinstance(by, str) or by not in ann.docs.columns or by in ("doc_id", "text"):
        allowed = [c for c in ann.docs.columns if c not in ("doc_id", "text")]
        raise ValueError(f"by must be a column of the documents table {allowed}, got {by!r}")


# --------------------------------------------------------------------------- matching
def _matches(t: Tokens, rows) -> pd.DataFrame:
    """``start, length, variant`` (index into the distinct (concept, variant) pairs of
    ``rows``) of every match; within one concept a token counts once: overlapping matches
    keep the one that starts first, the longest of those."""
    keys = list(dict.fromkeys((c, v) for c, v, _ in rows))
    concept_of = {c: i for i, c in enumerate(dict.fromkeys(c for c, _ in keys))}
    masks: dict[str, np.ndarray] = {}
    found = []
    for concept, variant, pattern in rows:
        parts = pattern.split()
        for part in parts:
            if part not in masks:
                masks[part] = query_masks(t, query_parts(part, False, True), False)[0]
        starts = phrase_starts(t, [masks[p] for p in parts])
        found.append(pd.DataFrame({"start": starts, "length": len(parts),
                                   "variant": keys.index((concept, variant)),
                                   "concept": concept_of[concept]}))
    hits = pd.concat(found, ignore_index=True) if found else pd.DataFrame(
        {c: np.zeros(0, np.int64) for c in ("start", "length", "variant", "concept")})
    hits = hits.sort_values(["concept", "start", "length"], ascending=[True, True, False],
                            kind="stable", ignore_index=True)
    return hits[_first_of_overlaps(hits)].reset_index(drop=True)


def _first_of_overlaps(hits: pd.DataFrame) -> np.ndarray:
    """Greedy: keep a match unless it starts inside a kept match of its concept."""
    start, end = hits["start"].to_numpy(), (hits["start"] + hits["length"]).to_numpy()
    concept = hits["concept"].to_numpy()
    keep = np.ones(len(hits), bool)
    reach, current = -1, -1
    for i in range(len(hits)):
        if concept[i] != current:
            reach, current = -1, concept[i]
        if start[i] < reach:
            keep[i] = False
        else:
            reach = end[i]
    return keep


# --------------------------------------------------------------------------- word_choice
@checked
def word_choice(ann, *, concepts: str | list[str] | None = None, by: str = "source",
                resamples: int = 200, seed: int = 0) -> pd.DataFrame:
    """How each group names the same thing: each variant's share of a concept's mentions.

    Parameters
    ----------
    ann : Annotations
        In memory or partitioned.
    concepts : str or list of str, optional
        Concepts of ``data/lexicons/word_choice.csv`` (``"Kyiv"``, ``"war"``...); None: all.
    by : str, default "source"
        A column of the documents table defining the groups (missing or empty values form
        the group ``"(none)"``).
    resamples : int, default 200
        Bootstrap resamples of each group's articles for the interval.
    seed : int, default 0
        Seed of the resampling (each group is resampled from this seed, so its interval
        does not depend on the other groups or concepts in the table).

    Returns
    -------
    pandas.DataFrame
        ``by, concept, variant, count, docs, share, share_low, share_high``: for every group
        that mentions a concept, one row per variant of it (a variant the group never uses
        has count 0). ``count``: the variant's matches in the group; ``docs``: the group's
        articles that use it (an article with 20 uses counts once); ``share``: count / the
        concept's matches in the group; ``share_low``, ``share_high``: the 2.5 and 97.5
        percentiles of the share over ``resamples`` resamples of the group's articles
        (with replacement, as many as it has); missing (NaN) when fewer than two of the
        group's articles mention the concept (one article gives no spread to measure).
        Groups in sorted order, concepts and variants in the lexicon's.

    Examples
    --------
    >>> wc = word_choice(ann, concepts="Kyiv")
    >>> wc[["source", "variant", "count", "docs", "share", "share_low"]]
            source variant  count  docs  share  share_low
    0          TDI    Kyiv      1     1    1.0        NaN
    1          TDI    Kiev      0     0    0.0        NaN
    2  WebIndia123    Kyiv      0     0    0.0        NaN
    3  WebIndia123    Kiev      1     1    1.0        NaN
    """
    check_ann(ann)
    _check_by(ann, by)
    rows = _rows(concepts)
    return map_reduce(ann, _choice_partial, _choice_combine, _choice_finish, by=by, rows=rows,
                      resamples=resamples, seed=seed)


def _choice_partial(ann, *, by, rows, **_) -> dict:
    """``hits``: ``group, doc_id, variant, count`` per document (variant: a code of the
    distinct (concept, variant) pairs of ``rows``); ``groups``: articles per group."""
    labels = group_labels(ann.docs[by]).reset_index(drop=True)
    t = shared_tokens(ann, column="text")
    hits = _matches(t, rows)
    doc = t.doc[hits["start"].to_numpy()]
    per_doc = (pd.DataFrame({"doc": doc, "variant": hits["variant"].to_numpy()})
               .groupby(["doc", "variant"], sort=False).size().rename("count").reset_index())
    at = per_doc["doc"].to_numpy()
    table = pd.DataFrame({"group": labels.to_numpy()[at],
                          "doc_id": ann.docs["doc_id"].astype(str).to_numpy()[at],
                          "variant": per_doc["variant"].to_numpy(np.int64),
                          "count": per_doc["count"].to_numpy(np.int64)})
    sizes = labels.value_counts(sort=False).astype(np.int64)
    return {"hits": table, "groups": sizes.rename_axis("group").rename("docs")}


def _choice_combine(*partials: dict) -> dict:
    """Documents live in one part: their rows follow each other; group sizes add up."""
    return {"hits": pd.concat([p["hits"] for p in partials], ignore_index=True),
            "groups": add_counts(*(p["groups"] for p in partials))}


def _choice_finish(total: dict, *, by, rows, resamples, seed, **_) -> pd.DataFrame:
    keys = list(dict.fromkeys((c, v) for c, v, _ in rows))
    concepts = list(dict.fromkeys(c for c, _ in keys))
    concept_of = np.array([concepts.index(c) for c, _ in keys], np.int64)
    hits, sizes = total["hits"], total["groups"]
    frames = []
    for group in sorted(hits["group"].unique()):
        part = hits[hits["group"] == group]
        doc_codes, _ = pd.factorize(part["doc_id"], sort=True)  # order: not the parts'
        matrix = np.zeros((doc_codes.max() + 1, len(keys)), np.int64)
        np.add.at(matrix, (doc_codes, part["variant"].to_numpy()), part["count"].to_numpy())
        frames.append(_group_rows(group, matrix, int(sizes[group]), keys, concept_of,
                                  resamples, seed))
    if not frames:
        return _empty_choice(by)
    return pd.concat(frames, ignore_index=True).rename(columns={"group": by})


def _group_rows(group, matrix: np.ndarray, n_docs: int, keys: list, concept_of: np.ndarray,
                resamples: int, seed: int) -> pd.DataFrame:
    """The rows of one group: ``matrix`` is its (articles using a variant) x variants counts;
    the group has ``n_docs`` articles in all."""
    count = matrix.sum(axis=0)
    mentions = np.bincount(concept_of, weights=count, minlength=concept_of.max() + 1)
    weights = _resample_weights(n_docs, len(matrix), resamples, seed)
    boot = weights @ matrix  # resamples x variants
    boot_mentions = boot @ (concept_of[:, None] == np.arange(len(mentions)))  # per concept
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a resample without the concept
        low, high = np.nanpercentile(boot / boot_mentions[:, concept_of], _Q, axis=0)
    used = mentions[concept_of] > 0
    articles = (matrix @ (concept_of[:, None] == np.arange(len(mentions))) > 0).sum(axis=0)
    alone = articles[concept_of] < 2  # one article: nothing to resample
    low[alone], high[alone] = np.nan, np.nan
    return pd.DataFrame({
        "group": group,
        "concept": pd.array([k[0] for k in keys], dtype="string"),
        "variant": pd.array([k[1] for k in keys], dtype="string"),
        "count": count.astype(np.int64),
        "docs": (matrix > 0).sum(axis=0).astype(np.int64),
        "share": count / np.where(used, mentions[concept_of], 1),
        "share_low": low, "share_high": high})[used].reset_index(drop=True)


def _resample_weights(n_docs: int, n_used: int, resamples: int, seed: int) -> np.ndarray:
    """How often each of the first ``n_used`` of ``n_docs`` articles is drawn in each of
    ``resamples`` draws of ``n_docs`` articles with replacement (resamples x n_used)."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_docs, size=(resamples, n_docs))
    row, col = np.nonzero(draws < n_used)
    flat = row * n_used + draws[row, col]
    return np.bincount(flat, minlength=resamples * n_used).reshape(resamples, n_used)


def _empty_choice(by: str) -> pd.DataFrame:
    return pd.DataFrame({by: pd.Series(dtype=object),
                         "concept": pd.Series(dtype="string"),
                         "variant": pd.Series(dtype="string"),
                         "count": pd.Series(dtype=np.int64), "docs": pd.Series(dtype=np.int64),
                         **{c: pd.Series(dtype=float) for c in ("share", "share_low",
                                                                "share_high")}})


# --------------------------------------------------------------------------- new variants
@checked
def variant_candidates(ann, concept: str, *, by: str | None = "source", top: int | None = 10,
                       window: int = 5, min_count: int = 3) -> pd.DataFrame:
    """Terms used in the same contexts as a concept's variants: candidates for new variants.

    The concept's profile counts the words (alphabetic, not stop words, lower-cased) within
    ``window`` tokens of its variants' matches in the whole corpus, in the same sentence;
    each term of each group gets the same counts around its own occurrences in the group.
    ``similarity`` is the cosine of the two, each count weighted by its positive pointwise
    mutual information (PPMI: a word frequent everywhere weighs little), over the profile's
    ``PROFILE_WORDS`` (300) most frequent words. Terms that a part of the concept's patterns matches already are left
    out. Read the candidates with :func:`~analysis.terms.kwic` before adding a row to
    ``data/lexicons/word_choice.csv`` (docs/source-comparison.md says how).

    Parameters
    ----------
    ann : Annotations
        In memory or partitioned.
    concept : str
        A concept of the lexicon (``"Kyiv"``).
    by : str or None, default "source"
        Rank the candidates within each group of this documents column; None: the corpus.
    top : int or None, default 10
        Candidates kept per group; None: all.
    window : int, default 5
        Tokens on each side that count as context.
    min_count : int, default 3
        Keep terms used at least this often in the corpus (all groups together).

    Returns
    -------
    pandas.DataFrame
        ``[by,] term, similarity, count, docs``: most similar first within each group.

    Examples
    --------
    >>> variant_candidates(ann, "Kyiv", by=None, min_count=2, top=3)
           term  similarity  count  docs
    0      west    0.728941      3     2
    1    russia    0.609532     12     2
    2  rejected    0.588094      2     2
    """
    check_ann(ann)
    if by is not None:
        _check_by(ann, by)
    rows = _rows([concept], name="concept")
    found = map_reduce(ann, _profile_partial, add_counts, rows=rows, window=window)
    profile = found["words"].sort_index().sort_values(ascending=False, kind="stable")
    profile = profile[:PROFILE_WORDS]
    if profile.empty:  # the corpus never names the concept: no context to compare with
        return _empty_candidates(by)
    total = map_reduce(ann, _context_partial, add_counts, by=by, window=window,
                       support=tuple(profile.index))
    return _candidates(total, profile, int(found["words"].sum()), rows, by=by, top=top,
                       min_count=min_count)


def _lower_tokens(ann) -> tuple[Tokens, np.ndarray, pd.Index, np.ndarray]:
    """The tokens (``text`` codes), their lower-cased codes and vocabulary, and the mask
    of context words (alphabetic, not stop words)."""
    t = shared_tokens(ann, column="text")
    codes, vocab = pd.factorize(pd.Series(t.vocab, dtype=object).str.lower())
    lower = codes[t.term] if len(t.term) else np.zeros(0, np.int64)
    return t, lower, pd.Index(vocab, dtype=object), t.alpha & ~t.stop


def _around(t: Tokens, first: np.ndarray, last: np.ndarray, window: int):
    """(anchor index, context position) pairs: up to ``window`` tokens before ``first`` and
    after ``last``, in the anchor's sentence."""
    out_anchor, out_pos = [], []
    anchors = np.arange(len(first))
    for d in range(1, window + 1):
        for pos in (first - d, last + d):
            ok = (pos >= 0) & (pos < len(t.term))
            ok[ok] &= t.sent[pos[ok]] == t.sent[first[ok]]
            out_anchor.append(anchors[ok])
            out_pos.append(pos[ok])
    return np.concatenate(out_anchor), np.concatenate(out_pos)


def _profile_partial(ann, *, rows, window, **_) -> dict:
    """``words``: context word -> count around the concept's matches in this part."""
    t, lower, vocab, keep = _lower_tokens(ann)
    hits = _matches(t, rows)
    first = hits["start"].to_numpy(np.int64)
    _, pos = _around(t, first, first + hits["length"].to_numpy(np.int64) - 1, window)
    words = lower[pos[keep[pos]]]
    counts = np.bincount(words, minlength=len(vocab))
    used = np.flatnonzero(counts)
    return {"words": pd.Series(counts[used].astype(np.int64),
                               index=pd.Index(vocab[used], name="word"))}


def _context_partial(ann, *, by, window, support, **_) -> dict:
    """``pairs``: (group, term, word) -> times ``word`` (a profile word) stands within
    ``window`` of ``term``; ``count``, ``docs``: (group, term) -> its uses and articles."""
    t, lower, vocab, keep = _lower_tokens(ann)
    labels = (group_labels(ann.docs[by]) if by is not None
              else pd.Series(["all"] * len(ann.docs), dtype="string"))
    group_codes, groups = pd.factorize(labels.to_numpy())
    idx = np.flatnonzero(keep)
    anchor, pos = _around(t, idx, idx, window)
    slots = np.bincount(anchor[keep[pos]], minlength=len(idx))  # context words of each use
    word_of = pd.Index(support).get_indexer(vocab)  # vocabulary code -> profile word or -1
    ok = keep[pos] & (word_of[lower[pos]] >= 0) if len(vocab) else np.zeros(0, bool)
    anchor, pos = idx[anchor[ok]], pos[ok]
    cell = group_codes[t.doc[anchor]].astype(np.int64) * len(vocab) + lower[anchor]
    keys, n = np.unique(cell * len(support) + word_of[lower[pos]], return_counts=True)
    cell, word = np.divmod(keys, len(support))
    pairs = pd.Series(n.astype(np.int64), index=pd.MultiIndex.from_arrays(
        [groups[cell // len(vocab)], vocab[cell % len(vocab)], np.asarray(support,
                                                                            object)[word]],
        names=["group", "term", "word"]))
    uses = group_codes[t.doc[idx]].astype(np.int64) * len(vocab) + lower[idx]
    cells, where, count = np.unique(uses, return_inverse=True, return_counts=True)
    doc_cells = np.unique(uses * len(ann.docs) + t.doc[idx]) // max(len(ann.docs), 1)
    docs = np.unique(doc_cells, return_counts=True)[1]
    index = pd.MultiIndex.from_arrays([groups[cells // len(vocab)], vocab[cells % len(vocab)]],
                                      names=["group", "term"])
    return {"pairs": pairs, "count": pd.Series(count.astype(np.int64), index=index),
            "docs": pd.Series(docs.astype(np.int64), index=index),
            "slots": pd.Series(np.bincount(where, weights=slots,
                                           minlength=len(cells)).astype(np.int64), index=index)}


def _candidates(total: dict, profile: pd.Series, slots: int, rows, *, by, top,
                min_count) -> pd.DataFrame:
    """Rank the (group, term) cells by the cosine of PPMI-weighted context vectors."""
    freq = total["count"].groupby(level="term").sum()  # each word in the corpus
    words = freq.sum()
    p_word = freq.reindex(profile.index).fillna(0).to_numpy(float) / words
    # P(word | x): a word's share of all the context words around x (its uses or matches)
    profile_w = _ppmi(profile.to_numpy(float) / slots, p_word)
    pairs = total["pairs"].rename("n").reset_index()
    at = pd.Index(profile.index).get_indexer(pairs["word"])
    table = pd.DataFrame({"count": total["count"], "docs": total["docs"]})
    context = total["slots"].reindex(pd.MultiIndex.from_frame(pairs[["group", "term"]]))
    weight = _ppmi(pairs["n"].to_numpy(float) / context.to_numpy(float), p_word[at])
    pairs["dot"] = weight * profile_w[at]
    pairs["sq"] = weight ** 2
    sums = pairs.groupby(["group", "term"], sort=False)[["dot", "sq"]].sum()
    table = table.join(sums, how="inner")
    uses = freq.reindex(table.index.get_level_values("term")).to_numpy()  # all groups
    table = table[(uses >= min_count) & ~_known(table.index.get_level_values(1), rows)]
    with np.errstate(invalid="ignore", divide="ignore"):
        table["similarity"] = (table["dot"] / np.sqrt(table["sq"])
                               / np.sqrt((profile_w ** 2).sum())).fillna(0.0)
    out = table.reset_index()[["group", "term", "similarity", "count", "docs"]]
    out = out.sort_values(["group", "similarity", "term"], ascending=[True, False, True],
                          kind="stable", ignore_index=True)
    if top is not None:
        out = out.groupby("group", sort=False).head(top).reset_index(drop=True)
    return out.rename(columns={"group": by}) if by is not None else out.drop(columns="group")


def _ppmi(p_given: np.ndarray, p_word: np.ndarray) -> np.ndarray:
    """Positive pointwise mutual information: max(0, log2(P(word | x) / P(word)))."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nan_to_num(np.maximum(np.log2(p_given / p_word), 0.0))


def _known(terms, rows) -> np.ndarray:
    """True for terms that a part of one of ``rows``' patterns matches."""
    parts = [p for _, _, pattern in rows for p in query_parts(pattern, False, True)]
    return np.array([any(p.fullmatch(w) for p in parts) for w in terms], dtype=bool)


def _empty_candidates(by) -> pd.DataFrame:
    return pd.DataFrame({**({by: pd.Series(dtype=object)} if by is not None else {}),
                         "term": pd.Series(dtype=object), "similarity": pd.Series(dtype=float),
                         "count": pd.Series(dtype=np.int64), "docs": pd.Series(dtype=np.int64)})


# --------------------------------------------------------------------------- lines
@checked
def variant_kwic(ann, concept: str, *, by: str = "source", top: int | None = 3,
                 window: int = 8) -> pd.DataFrame:
    """Keyword-in-context lines of each variant of a concept in each group: what a share
    of :func:`word_choice` is made of.

    Parameters
    ----------
    ann : Annotations
        In memory or partitioned.
    concept : str
        A concept of the lexicon (``"war"``).
    by : str, default "source"
        A column of the documents table defining the groups.
    top : int or None, default 3
        Lines per group and variant, each from another article (the first in corpus
        order); None: every line.
    window : int, default 8
        Tokens of context on each side.

    Returns
    -------
    pandas.DataFrame
        ``by, variant, doc_id, date, left, match, right``, groups sorted, variants in the
        lexicon's order. Each pattern is matched on its own, as :func:`~analysis.terms.kwic`
        does (where two variants overlap, :func:`word_choice` counts the first, longest).

    Examples
    --------
    >>> variant_kwic(ann, "Kyiv", window=2)[["source", "variant", "match"]].values.tolist()
    [['TDI', 'Kyiv', 'Kyiv'], ['WebIndia123', 'Kiev', 'Kiev']]
    """
    check_ann(ann)
    _check_by(ann, by)
    rows = _rows([concept], name="concept")
    order = list(dict.fromkeys(v for _, v, _ in rows))
    frames = []
    for _, variant, pattern in rows:
        lines = kwic(ann, pattern, regex=True, window=window)
        groups = ann.docs.set_index("doc_id")[by].reindex(lines["doc_id"])
        frames.append(lines.assign(group=group_labels(groups).to_numpy(), variant=variant))
    lines = pd.concat(frames, ignore_index=True)
    lines["rank"] = lines["variant"].map({v: i for i, v in enumerate(order)})
    lines = lines.sort_values(["group", "rank"], kind="stable", ignore_index=True)
    if top is not None:
        lines = (lines.drop_duplicates(["group", "variant", "doc_id"])
                 .groupby(["group", "variant"], sort=False).head(top))
    lines = lines[["group", "variant", "doc_id", "date", "left", "match", "right"]]
    return lines.rename(columns={"group": by}).reset_index(drop=True)
