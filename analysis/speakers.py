"""Voices: who each outlet (or group) quotes, and how it attributes its quotes.

Tables built from the quotes of :func:`analysis.quotation.quotes`: :func:`sourcing` (named,
unnamed or unattributed), :func:`voices` (the speakers each group quotes most, and more
than the others) and :func:`focus_speaker` (the speaker a report follows).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .backend import add_counts, map_reduce
from .comparison import adjust_pvalues, group_labels
from .entities import resolve_entity
from .model import Annotations
from .quotation import ANONYMOUS, DESCRIPTION, QUOTE_COLUMNS, quotes
from .statistics import log_ratio
from .vocabulary import checked


def _quote_table(data, by: str) -> pd.DataFrame:
    """The quotes of ``data`` (Annotations or a quotes() table) with the group in ``_group``."""
    if isinstance(data, Annotations):
        table = quotes(data)
        if by not in table.columns:
            _check_quote_group_column(data.docs, by)
            table = table.merge(data.docs[["doc_id", by]], on="doc_id", how="left")
    elif isinstance(data, pd.DataFrame) and set(QUOTE_COLUMNS) <= set(data.columns):
        table = data
    else:
        raise ValueError(f"data must be Annotations or the table of quotes(), got "
                         f"{type(data).__name__}")
    _check_quote_group_column(table, by)
    groups = group_labels(table[by])
    return table.assign(_group=groups.to_numpy())


_GROUP_LABELS = ("ORGANIZATION", "GPE")


def _organisation_forms(ann) -> pd.Series:
    """Partial of :func:`_canonical_groups`: mentions per (case-folded form as written,
    canonical name) of the organisations and countries."""
    ents = ann.entities
    ents = ents[ents["label"].astype(str).isin(_GROUP_LABELS)]
    forms = ents["text"].astype(str).str.split().str.join(" ").str.casefold()
    return pd.DataFrame({"form": forms, "canonical": ents["canonical"].astype(str)}).value_counts()


def _most_common_canonical(counts: pd.Series) -> pd.Series:
    """Finish of :func:`_canonical_groups`: the canonical name each form most often has."""
    if not len(counts):
        return pd.Series(dtype=object)
    table = counts.rename("n").reset_index().sort_values(
        ["form", "n", "canonical"], ascending=[True, False, True], kind="stable")
    return table.drop_duplicates("form").set_index("form")["canonical"]


def _canonical_groups(table: pd.DataFrame, ann) -> pd.DataFrame:
    """``table`` with each organisation or country speaker, written as its article writes it
    ("Kiev", "Britain", "UN"), under the canonical name of the entity ("Kyiv", "United
    Kingdom", "United Nations"), so that outlets that spell it differently count together."""
    names = map_reduce(ann, _organisation_forms, add_counts, _most_common_canonical)
    rows = table["speaker_label"].isin(_GROUP_LABELS).to_numpy()
    if not rows.any() or not len(names):
        return table
    speakers = table["speaker"].astype(object).to_numpy().copy()
    keys = pd.Series(speakers[rows]).fillna("").astype(str).str.split().str.join(" ").str.casefold()
    speakers[rows] = keys.map(names).fillna(pd.Series(speakers[rows])).to_numpy()
    return table.assign(speaker=speakers)


def _check_quote_group_column(table: pd.DataFrame, by) -> None:
    """``by`` must name a column of the documents (in ``table``), not one of a quote's own
    columns (kind, speaker, text...)."""
    if not isinstance(by, str) or by not in table.columns or by in QUOTE_COLUMNS[5:]:
        allowed = [c for c in table.columns if c not in QUOTE_COLUMNS[5:]]
        raise ValueError(f"by must be a column of the documents {allowed}, got {by!r}")


@checked
def sourcing(data, *, by: str = "source") -> pd.DataFrame:
    """How each group attributes its quotes: named, unnamed (anonymous) or not at all.

    Parameters
    ----------
    data : Annotations or pandas.DataFrame
        Annotations, in memory or partitioned (quotes are found with :func:`quotes`),
        or a :func:`quotes` table.
    by : str, default "source"
        The column defining the groups.

    Returns
    -------
    pandas.DataFrame
        ``<by>, quotes, direct, docs, named_share, anonymous_share, description_share,
        unattributed_share``: quotes found, how many are direct, documents with a
        quote, and the shares (fractions of the group's quotes) whose speaker is a
        named entity, an unnamed source ("officials said"), another description
        ("the embassy") or nobody. Largest group first.

    Examples
    --------
    >>> sourcing(ann)[["source", "quotes", "direct", "named_share", "description_share"]]
            source  quotes  direct  named_share  description_share
    0  WebIndia123       6       3          0.5                0.5
    1          TDI       4       0          1.0                0.0
    """
    table = _quote_table(data, by)
    label = table["speaker_label"].fillna("")
    kind = np.select([label == "", label == ANONYMOUS, label == DESCRIPTION],
                     ["unattributed", "anonymous", "description"], "named")
    table = table.assign(_kind=kind)
    grouped = table.groupby("_group")
    out = pd.DataFrame({"quotes": grouped.size(),
                        "direct": grouped["kind"].agg(lambda k: int((k == "direct").sum())),
                        "docs": grouped["doc_id"].nunique()})
    shares = pd.crosstab(table["_group"], table["_kind"], normalize="index")
    for name in ("named", "anonymous", "description", "unattributed"):
        out[f"{name}_share"] = shares[name] if name in shares else 0.0
    out = out.astype({"quotes": "int64", "direct": "int64", "docs": "int64"})
    out = out.sort_values(["quotes"], ascending=False, kind="stable").reset_index(names=by)
    return out


@checked
def voices(data, *, by: str = "source", top: int | None = 10, min_count: int = 2
           ) -> pd.DataFrame:
    """Who each group quotes most, and whom it quotes in more of its articles than the others.

    Quotes of named speakers only (persons, organisations, places: "the ministry" in
    one article is not the ministry of another, so descriptions and unnamed sources
    are counted by :func:`sourcing` instead). ``count`` is the speaker's quotes in the
    group, ``quote_share`` their share of the group's named quotes, ``docs`` the
    articles quoting the speaker out of ``group_docs``, the group's articles with a
    quote (``*_ref``: the same in the other groups).

    The test takes the article as its unit, so an interview quoted 30 times in one
    article weighs as one article: Fisher's exact test (two-sided) on ``docs`` of
    ``group_docs`` against ``docs_ref`` of ``group_docs_ref``, Benjamini-Hochberg
    ``p_adjusted`` within the group over every speaker kept (those it never quotes too). ``direction`` says which share of articles is
    larger ("over": the group's); ``log_ratio`` is Hardie's ``log2((docs / group_docs)
    / (docs_ref / group_docs_ref))`` (0.5 for a zero). Why not the rank-sum test of
    the quotes per article: most articles quote a speaker zero times, and with so many
    ties its normal approximation fails (2 of 28 articles against 0 of 1,012 gets
    p = 2e-17 from it, 0.0007 exactly); see docs/voices.md.

    Parameters
    ----------
    data : Annotations or pandas.DataFrame
        Annotations (in memory or partitioned) or a :func:`quotes` table.
    by : str, default "source"
    top : int or None, default 10
        Speakers kept per group, most quoted first (None: all).
    min_count : int, default 2
        Keep speakers quoted at least this often in all groups together.

    Returns
    -------
    pandas.DataFrame
        ``<by>, speaker, speaker_label, count, quote_share, docs, group_docs,
        count_ref, docs_ref, group_docs_ref, p_value, p_adjusted, log_ratio,
        direction``, by group and decreasing count.

    Examples
    --------
    >>> voices(ann, top=5, min_count=1)[["source", "speaker", "count", "quote_share"]]
            source         speaker  count  quote_share
    0          TDI          Moscow      2     0.500000
    1          TDI            Kyiv      1     0.250000
    2          TDI  Vladimir Putin      1     0.250000
    3  WebIndia123     White House      2     0.666667
    4  WebIndia123          Moscow      1     0.333333
    """
    table = _quote_table(data, by)
    if isinstance(data, Annotations):  # one name for "Kiev" and "Kyiv" across outlets
        table = _canonical_groups(table, data)
    articles = table.groupby("_group")["doc_id"].nunique()  # articles with a quote
    named = ~table["speaker_label"].fillna("").isin(["", ANONYMOUS, DESCRIPTION])
    table = table[named & (table["speaker"].fillna("") != "")]
    counts = table.groupby(["_group", "speaker"]).agg(
        count=("doc_id", "size"), docs=("doc_id", "nunique"),
        speaker_label=("speaker_label", "first")).reset_index()
    total = counts.groupby("speaker")["count"].transform("sum")
    group_total = counts.groupby("_group")["count"].transform("sum")
    out = counts[total >= min_count].reset_index(drop=True)
    out["quote_share"] = out["count"] / group_total[total >= min_count].to_numpy()
    out["group_docs"] = out["_group"].map(articles).astype("int64")
    out["count_ref"] = (total[total >= min_count].to_numpy() - out["count"]).astype("int64")
    out["docs_ref"] = (counts.groupby("speaker")["docs"].sum().reindex(out["speaker"]).to_numpy()
                       - out["docs"]).astype("int64")
    out["group_docs_ref"] = (int(articles.sum()) - out["group_docs"]).astype("int64")
    out = _article_test(out, articles.sort_index())
    out = out.sort_values(["_group", "count", "speaker"], ascending=[True, False, True],
                          kind="stable")
    if top is not None:
        out = out.groupby("_group", sort=False).head(top)
    columns = ["_group", "speaker", "speaker_label", "count", "quote_share", "docs",
               "group_docs", "count_ref", "docs_ref", "group_docs_ref", "p_value",
               "p_adjusted", "log_ratio", "direction"]
    return out[columns].rename(columns={"_group": by}).reset_index(drop=True)


def _article_test(out: pd.DataFrame, articles: pd.Series) -> pd.DataFrame:
    """``out`` (rows of group and speaker) with Fisher's exact test on its article counts:
    ``docs`` of ``group_docs`` against ``docs_ref`` of ``group_docs_ref``.

    Each group is tested against every speaker kept, those it never quotes included,
    and Benjamini-Hochberg runs over all of them: testing only the speakers a group
    quotes would make every speaker of a single article "distinctive" of a small outlet
    (1 of its 28 articles against 0 of 1,012: p = 28 / 1,040 = 0.027).
    """
    docs = out.pivot(index="_group", columns="speaker", values="docs").reindex(
        articles.index).fillna(0).to_numpy(np.int64)  # groups x speakers
    n = articles.to_numpy(np.int64)[:, None]
    a, b = docs, docs.sum(axis=0)[None, :] - docs
    p = _fisher(a, np.broadcast_to(n, a.shape), b, np.broadcast_to(n.sum() - n, a.shape))
    adjusted = np.full(p.shape, np.nan)
    for g in range(len(p)):
        if np.isfinite(p[g]).all() and p.shape[1]:
            adjusted[g] = adjust_pvalues(p[g])
    at = (articles.index.get_indexer(out["_group"]),
          pd.Index(sorted(set(out["speaker"]))).get_indexer(out["speaker"]))
    out = out.assign(p_value=p[at], p_adjusted=adjusted[at])
    a, n, b, m = out[["docs", "group_docs", "docs_ref", "group_docs_ref"]].to_numpy(float).T
    out["direction"] = np.select([a * m > b * n, a * m < b * n], ["over", "under"], "equal")
    with np.errstate(divide="ignore", invalid="ignore"):
        out["log_ratio"] = np.where(m > 0, log_ratio(a, b, n, np.where(m > 0, m, 1)), np.nan)
    return out


def _fisher(a, n, b, m) -> np.ndarray:
    """Two-sided Fisher exact p-values of ``a`` of ``n`` against ``b`` of ``m``, element-wise
    (NaN where a side is empty); each distinct table is computed once."""
    from scipy.stats import fisher_exact

    cells = np.stack([a, n, b, m], axis=-1).reshape(-1, 4)
    tables, inverse = np.unique(cells, axis=0, return_inverse=True)
    p = np.array([fisher_exact([[x, k - x], [y, j - y]]).pvalue if k and j else np.nan
                  for x, k, y, j in tables.tolist()])
    return p[inverse.ravel()].reshape(np.shape(a))


@checked
def focus_speaker(data: pd.DataFrame, *, entity: str = "") -> str:
    """The speaker a report follows: ``entity`` resolved among the quoted speakers (as
    :func:`analysis.entities.resolve_entity` does), else the most quoted person.

    Examples
    --------
    >>> q = pd.DataFrame({c: [] for c in QUOTE_COLUMNS})
    >>> focus_speaker(q)
    ''
    """
    if not isinstance(data, pd.DataFrame) or not set(QUOTE_COLUMNS) <= set(data.columns):
        raise ValueError("data must be the table of quotes()")
    named = data[data["speaker"].fillna("") != ""]
    counts = _ranked(named["speaker"])
    if entity:
        return resolve_entity(entity, counts)
    people = _ranked(named.loc[named["speaker_label"] == "PERSON", "speaker"])
    return str(people.index[0]) if len(people) else (str(counts.index[0]) if len(counts) else "")


def _ranked(values: pd.Series) -> pd.Series:
    """Counts of ``values``, most first, ties in alphabetical order."""
    counts = values.value_counts()
    order = sorted(counts.index, key=lambda v: (-counts[v], str(v)))
    return counts.reindex(order)
