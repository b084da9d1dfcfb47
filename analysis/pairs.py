"""Named-entity co-occurrence: which entities are mentioned in the same sentence,
paragraph or document, and how far beyond chance (PMI, NPMI, G2, Dice).

Built on the ``canonical`` names of the ``entities`` table, so aliases count as one
entity. Windows, scores and how the counts run on partitioned annotations are
described in ``docs/cooccurrence.md``. Networks of the pairs are in
:mod:`analysis.network`; the sentences behind a pair and timelines in :mod:`analysis.evidence`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .backend import add_counts as _add
from .backend import map_reduce
from .doc_terms import own_entity_mask
from .entities import resolve_entity
from .model import Annotations
from .model import check_ann as _check_ann
from .statistics import g2_2x2
from .vocabulary import UNTYPED, PairMeasure, Unit
from .vocabulary import checked

SCORE_COLUMNS = ["count", "docs", "expected", "pmi", "npmi", "g2", "dice"]
PAIR_COLUMNS = (["entity_a", "entity_b", "label_a", "label_b"] + SCORE_COLUMNS
                + ["windows_a", "windows_b", "windows", "mentions_a", "mentions_b"])
_GROUP = "_group"
_CHUNK_PAIRS = 4_000_000  # pair incidences generated at once (bounds peak memory)


# --------------------------------------------------------------------------- checks
def _check_docs_group_column(ann: Annotations, by) -> None:
    """``by`` must be None or a column of ``ann.docs`` (not doc_id or text) whose name
    does not clash with a column of the results."""
    if by is None:
        return
    if not isinstance(by, str) or by not in ann.docs.columns or by in ("doc_id", "text"):
        allowed = [c for c in ann.docs.columns if c not in ("doc_id", "text")]
        raise ValueError(f"by must be None or a column of ann.docs {allowed}, got {by!r}")
    if by in PAIR_COLUMNS or by in ("entity", "label", "partner", "group_docs", "share",
                                   "period"):
        raise ValueError(f"by={by!r} clashes with an output column name; rename that column")


def _check_pairs(pairs) -> None:
    """``pairs`` must be a table of :func:`cooccurrence` (every pair column present)."""
    if not isinstance(pairs, pd.DataFrame):
        raise ValueError(f"pairs must be the DataFrame returned by cooccurrence(), "
                         f"got {type(pairs).__name__}")
    missing = [c for c in PAIR_COLUMNS if c not in pairs.columns]
    if missing:
        raise ValueError(f"pairs lacks column(s) {missing}; pass the result of cooccurrence()")


# --------------------------------------------------------------------------- mentions
@checked
def entity_labels(ann: Annotations) -> pd.Series:
    """The label of each canonical entity: its most frequent typed label.

    A typed label (PERSON, GPE...) wins over the untyped ``ENTITY`` whatever
    the counts (``ENTITY`` only means "type unknown"; "Putin" resolved to
    "Vladimir Putin" may keep it); ties go to alphabetical order.

    Examples
    --------
    >>> entity_labels(ann)["Vladimir Putin"]
    'PERSON'
    """
    _check_ann(ann)
    return map_reduce(ann, _label_counts, _add, _best_labels)


def _label_counts(ann: Annotations) -> pd.Series:
    """Partial of :func:`entity_labels`: mentions per (entity, label)."""
    ents = ann.entities
    return pd.DataFrame({"entity": ents["canonical"].astype(str),
                         "label": ents["label"].fillna(UNTYPED).astype(str)}).value_counts()


def _best_labels(counts: pd.Series) -> pd.Series:
    """Finish of :func:`entity_labels`: the best label of each entity, by name."""
    counts = counts.rename("n").reset_index()
    counts["untyped"] = counts["label"] == UNTYPED
    best = counts.sort_values(["untyped", "n", "label"], ascending=[True, False, True],
                              kind="stable").drop_duplicates("entity")
    return pd.Series(best["label"].to_numpy(), index=best["entity"].to_numpy(),
                     name="label").sort_index()


def _label_filter(ann: Annotations, labels) -> pd.Series | None:
    """The global entity labels when ``labels`` filters (checked against them), else None."""
    if labels is None:
        return None
    if isinstance(labels, str) or not all(isinstance(x, str) for x in labels):
        raise ValueError(f"labels must be None or a list of label names, got {labels!r}")
    label_of = entity_labels(ann)
    unknown = sorted(set(labels) - set(label_of))
    if unknown:
        raise ValueError(f"labels {unknown} do not occur; available: {sorted(set(label_of))}")
    return label_of


def _mentions(ann: Annotations, by, keep_outlet_names: bool = True, label_of=None,
              labels=None) -> pd.DataFrame:
    """Entity mentions with ``entity`` (canonical) and ``_group``: those of entities whose
    label (``label_of``) is in ``labels``, without each document's mentions of its own
    outlet unless ``keep_outlet_names``."""
    ents = ann.entities
    own = own_entity_mask(ann) if not keep_outlet_names else None
    out = pd.DataFrame({"doc_id": ents["doc_id"].astype(str).to_numpy(),
                        "paragraph_id": ents["paragraph_id"].to_numpy(),
                        "sent_id": ents["sent_id"].to_numpy(),
                        "entity": ents["canonical"].astype(str).to_numpy()})
    if labels is not None:
        out = out[out["entity"].map(label_of).isin(list(labels)).to_numpy()]
    out = out[out["doc_id"].isin(set(ann.docs["doc_id"].astype(str)))]
    if own is not None:  # rows of ``out`` keep the positions of ``ents`` as their index
        out = out[~own[out.index.to_numpy()]]
    return out.assign(**{_GROUP: _group_of(ann, by, out["doc_id"])}).reset_index(drop=True)


def _group_of(ann: Annotations, by, doc_ids: pd.Series):
    """The ``by`` value of each document of ``doc_ids``, typed by the column, not the values
    (so that every part gives its groups the same dtype; text columns as ``str``)."""
    if by is None:
        return np.zeros(len(doc_ids), dtype=np.int8)
    values = ann.docs[by]
    if isinstance(values.dtype, pd.CategoricalDtype):  # groups are values, as before
        values = values.astype(values.dtype.categories.dtype)
    if isinstance(values.dtype, pd.StringDtype):
        values = values.astype("str")
    mapping = values.set_axis(ann.docs["doc_id"].astype(str).to_numpy())
    return mapping.reindex(np.asarray(doc_ids, dtype=object)).array


def _window_table(frame: pd.DataFrame, window: str) -> pd.DataFrame:
    """``frame`` (doc_id, paragraph_id, sent_id, ...) with integer ``win`` ids, doc ``dcode``."""
    dcode = pd.factorize(frame["doc_id"], sort=True)[0].astype(np.int64)
    if window == "document":
        win = dcode
    else:
        sub = frame["sent_id" if window == "sentence" else "paragraph_id"].to_numpy(np.int64)
        win = dcode * (int(sub.max(initial=0)) + 1) + sub
    return frame.assign(win=win, dcode=dcode)


def _window_totals(ann: Annotations, window: str, by) -> pd.Series:
    """Number of windows per group (all windows, whether or not they mention an entity)."""
    if window == "document":
        frame = pd.DataFrame({"doc_id": ann.docs["doc_id"].astype(str).to_numpy()})
        frame[["paragraph_id", "sent_id"]] = 0
    else:
        sents = ann.sentences
        frame = pd.DataFrame({"doc_id": sents["doc_id"].astype(str).to_numpy(),
                              "paragraph_id": sents["paragraph_id"].to_numpy(),
                              "sent_id": sents["sent_id"].to_numpy()})
        frame = frame[frame["doc_id"].isin(set(ann.docs["doc_id"].astype(str)))]
    frame = _window_table(frame.reset_index(drop=True), window)
    frame[_GROUP] = _group_of(ann, by, frame["doc_id"])
    return frame.drop_duplicates("win").groupby(_GROUP, dropna=False).size()


# --------------------------------------------------------------------------- combining
def _labelled(keys: list, names: list[str]) -> pd.MultiIndex:
    """A MultiIndex of labels from ``(uniques, codes)`` pairs, without hashing the rows."""
    levels, codes = [], []
    for uniques, code in keys:
        uniques, code = pd.Index(uniques), np.asarray(code, dtype=np.int64)
        missing = np.asarray(uniques.isna())
        if missing.any():  # a missing value is code -1 in a MultiIndex
            code = np.where(missing[code], -1, (np.cumsum(~missing) - 1)[code])
            uniques = uniques[~missing]
        levels.append(uniques)
        codes.append(code)
    return pd.MultiIndex(levels=levels, codes=codes, names=names, verify_integrity=False)


# --------------------------------------------------------------------------- pair counting
def _chunk_bounds(after: np.ndarray, dcode: np.ndarray):
    """Yield (lo, hi) row ranges ending at document boundaries, ~_CHUNK_PAIRS pairs each."""
    n = len(after)
    cum = np.cumsum(after)
    before = cum - after
    doc_starts = np.flatnonzero(dcode[1:] != dcode[:-1]) + 1
    ends = np.r_[doc_starts, n]
    ends_before = np.r_[before[doc_starts], cum[-1]]
    lo = 0
    while lo < n:
        j = np.searchsorted(ends_before, before[lo] + _CHUNK_PAIRS, side="right") - 1
        k = np.searchsorted(ends, lo, side="right")
        hi = int(ends[max(j, k)])
        yield lo, hi
        lo = hi


def _count_pairs(win, ent, dcode, gcode, n_ent: int) -> pd.DataFrame:
    """Count windows and documents per (group, pair) from unique (window, entity) rows.

    Rows must be sorted by (win, ent) with windows nested in documents. Every
    row is paired with the rows after it in its window (so ``a < b``), chunk
    by chunk, never forming an entity-by-entity matrix.
    """
    n = len(win)
    empty = pd.DataFrame({"g": [], "k": [], "count": [], "docs": []}, dtype=np.int64)
    if n == 0:
        return empty
    starts = np.flatnonzero(np.r_[True, win[1:] != win[:-1]])
    sizes = np.diff(np.r_[starts, n])
    after = np.repeat(starts + sizes, sizes) - np.arange(n) - 1  # partners after each row
    parts = []
    for lo, hi in _chunk_bounds(after, dcode):
        cnt = after[lo:hi]
        total = int(cnt.sum())
        if total == 0:
            continue
        left = np.repeat(np.arange(lo, hi), cnt)
        right = left + np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt) + 1
        inc = pd.DataFrame({"g": gcode[left], "k": ent[left] * np.int64(n_ent) + ent[right],
                            "d": dcode[left]})
        del left, right
        count = inc.groupby(["g", "k"], sort=False).size().rename("count")
        docs = inc.drop_duplicates().groupby(["g", "k"], sort=False).size().rename("docs")
        parts.append(pd.concat([count, docs], axis=1).reset_index())
    if not parts:
        return empty
    out = pd.concat(parts, ignore_index=True)
    if len(parts) > 1:  # chunks split at documents: counts and document counts add up
        out = out.groupby(["g", "k"], sort=False, as_index=False)[["count", "docs"]].sum()
    return out


def _entity_stats(table: pd.DataFrame, uniq: pd.DataFrame, gvalues, names) -> pd.DataFrame:
    """Windows and mentions per (group, entity), indexed by their labels."""
    stats = pd.DataFrame({"windows": uniq.groupby(["g", "e"]).size(),
                          "mentions": table.groupby(["g", "e"]).size()})
    level = stats.index.get_level_values
    return stats.set_axis(_labelled([(gvalues, level(0)), (names, level(1))],
                                    [_GROUP, "entity"]))


def _scores(c, na, nb, n) -> dict[str, np.ndarray]:
    """expected, pmi, npmi, g2 (G2), dice for arrays of pair/entity/window counts."""
    c, na, nb, n = (np.asarray(x, dtype=float) for x in (c, na, nb, n))
    expected = na * nb / n
    pmi = np.log2(c * n / (na * nb))
    denom = -np.log2(c / n)
    npmi = np.where(denom > 0, pmi / np.where(denom > 0, denom, 1.0), 1.0)
    return {"expected": expected, "pmi": pmi, "npmi": npmi, "g2": g2_2x2(c, na, nb, n),
            "dice": 2.0 * c / (na + nb)}


# --------------------------------------------------------------------------- public tables
@checked
def cooccurrence(ann: Annotations, *, unit: Unit = "sentence", min_count: int = 2,
                 labels: list[str] | None = None, by: str | None = None,
                 keep_outlet_names: bool = False) -> pd.DataFrame:
    """Pairs of entities mentioned in the same window, with association scores.

    Parameters
    ----------
    ann : Annotations
        From :func:`analysis.annotation.annotate`; entities are taken by their
        ``canonical`` name and labelled by :func:`entity_labels`.
    unit : {"sentence", "paragraph", "document"}, default "sentence"
        What counts as "together": the same sentence ``(doc_id, sent_id)``,
        paragraph ``(doc_id, paragraph_id)`` or document.
    min_count : int, default 2
        Keep pairs found together in at least this many windows, all groups together.
    labels : list of str, optional
        Keep only entities with these labels (e.g. ``["PERSON", "GPE"]``).
    by : str, optional
        A column of ``ann.docs`` (e.g. ``"source"``): compute everything
        separately per value; the column comes first in the result.
    keep_outlet_names : bool, default False
        Keep each document's mentions of its own outlet ("BBC" in BBC
        articles; :mod:`analysis.outlets`). By default they are left out, as
        they say who published the text, not what it is about.

    Returns
    -------
    pandas.DataFrame
        One row per unordered pair (``entity_a < entity_b``; no self-pairs):
        ``entity_a, entity_b, label_a, label_b``; ``count`` windows with both;
        ``docs`` documents with both in one window; ``expected, pmi, npmi,
        g2, dice`` (see ``docs/cooccurrence.md``); ``windows_a, windows_b`` windows
        mentioning each entity; ``windows`` = N, the number of windows of that
        unit in the corpus (or group), including windows without any entity
        (all sentences / paragraphs with text / documents); ``mentions_a,
        mentions_b``. An entity counts once per window however often it is
        mentioned there. Sorted by count, then npmi (descending).

    Raises
    ------
    ValueError
        For an unknown unit, a bad ``min_count``, labels that do not occur
        or ``by`` not a column of ``ann.docs``.

    Examples
    --------
    >>> pairs = cooccurrence(ann, unit="sentence", min_count=1)
    >>> with_putin = pairs.query("entity_b == 'Vladimir Putin'")
    >>> with_putin[["entity_a", "count", "expected", "npmi"]].head()
               entity_a  count  expected      npmi
    19           Russia      2  1.269231  0.177289
    55         Measures      1  0.115385  0.662805
    57    Minsk Package      1  0.115385  0.662805
    59  Normandy Format      1  0.115385  0.662805
    67    Fumio Kishida      1  0.230769  0.450059
    """
    _check_ann(ann)
    _check_docs_group_column(ann, by)
    label_of = _label_filter(ann, labels)
    return map_reduce(ann, _cooc_partial, _add, _cooc_finish, unit=unit, min_count=min_count,
                      labels=labels, by=by, keep_outlet_names=keep_outlet_names,
                      label_of=label_of)


def _cooc_partial(ann: Annotations, *, unit, labels, by, keep_outlet_names, label_of,
                  **_) -> dict:
    """Partial of :func:`cooccurrence`: windows and documents per (group, pair), windows
    and mentions per (group, entity), windows per group, all keyed by names; the
    (entity, label) counts unless the labels were given."""
    table = _window_table(_mentions(ann, by, keep_outlet_names, label_of, labels), unit)
    gcode, gvalues = pd.factorize(table[_GROUP], sort=True, use_na_sentinel=False)
    ecode, names = pd.factorize(table["entity"], sort=True)
    n_ent = max(len(names), 1)
    table = table.assign(g=gcode.astype(np.int64), e=ecode.astype(np.int64))
    uniq = table.drop_duplicates(["win", "e"]).sort_values(["win", "e"], kind="stable")
    pairs = _count_pairs(*(uniq[c].to_numpy() for c in ("win", "e", "dcode", "g")), n_ent)
    k = pairs["k"].to_numpy(np.int64)
    index = _labelled([(gvalues, pairs["g"]), (names, k // n_ent), (names, k % n_ent)],
                      [_GROUP, "entity_a", "entity_b"])
    return {"pairs": pairs[["count", "docs"]].set_axis(index),
            "stats": _entity_stats(table, uniq, gvalues, names),
            "totals": _window_totals(ann, unit, by),
            "labels": _label_counts(ann) if label_of is None else None}


def _cooc_finish(total: dict, *, min_count, by, label_of, **_) -> pd.DataFrame:
    """Finish of :func:`cooccurrence`: ``min_count`` over all groups, scores, sort, labels."""
    if label_of is None:
        label_of = _best_labels(total["labels"])
    pairs, stats, totals = total["pairs"], total["stats"], total["totals"]
    n_p, n_s = len(pairs), len(stats)
    p_level, s_level = pairs.index.get_level_values, stats.index.get_level_values
    # codes in sorted order of group values and of names (groups without pairs included)
    gcode, gvalues = pd.factorize(p_level(0).append([s_level(0), totals.index]), sort=True,
                                  use_na_sentinel=False)
    ecode, names = pd.factorize(p_level(1).append([p_level(2), s_level(1)]), sort=True)
    gcode, ecode, n_ent = gcode.astype(np.int64), ecode.astype(np.int64), max(len(names), 1)
    g, a, b = gcode[:n_p], ecode[:n_p], ecode[n_p:2 * n_p]
    count = pairs["count"].to_numpy(np.int64)
    keep = pd.Series(count).groupby(a * n_ent + b).transform("sum").to_numpy() >= min_count
    cols = {"g": g[keep], "a": a[keep], "b": b[keep], "count": count[keep],
            "docs": pairs["docs"].to_numpy(np.int64)[keep]}
    where = pd.Index(gcode[n_p:n_p + n_s] * n_ent + ecode[2 * n_p:])
    for side in ("a", "b"):
        rows = where.get_indexer(cols["g"] * n_ent + cols[side])
        cols[f"windows_{side}"] = stats["windows"].to_numpy(np.int64)[rows]
        cols[f"mentions_{side}"] = stats["mentions"].to_numpy(np.int64)[rows]
    windows = np.zeros(len(gvalues), dtype=np.int64)
    windows[gcode[n_p + n_s:]] = totals.to_numpy(np.int64)
    cols["windows"] = windows[cols["g"]]
    cols.update(_scores(cols["count"], cols["windows_a"], cols["windows_b"], cols["windows"]))
    # sort on codes (names were factorized in sorted order), strings come last
    order = np.lexsort((cols["b"], cols["a"], -cols["npmi"], -cols["count"], cols["g"]))
    cols = {c: v[order] for c, v in cols.items()}
    names = np.asarray(names, dtype=object)
    labels_of = label_of.reindex(names).to_numpy(dtype=object)
    out = pd.DataFrame({"entity_a": names[cols["a"]], "entity_b": names[cols["b"]],
                        "label_a": labels_of[cols["a"]], "label_b": labels_of[cols["b"]],
                        **{c: cols[c] for c in PAIR_COLUMNS[4:]}})
    if by is not None:
        out.insert(0, by, gvalues.take(cols["g"]))
    return out


@checked
def entity_frequencies(ann: Annotations, *, by: str | None = None,
                       keep_outlet_names: bool = False) -> pd.DataFrame:
    """Mentions and documents per canonical entity (and group).

    Parameters
    ----------
    ann : Annotations
        From :func:`analysis.annotation.annotate`.
    by : str, optional
        A column of ``ann.docs`` (e.g. ``"source"``) to count per value.
    keep_outlet_names : bool, default False
        Count each document's mentions of its own outlet too (see :func:`cooccurrence`).

    Returns
    -------
    pandas.DataFrame
        ``[by,] entity, label, count, docs, share``: ``count`` mentions,
        ``docs`` documents mentioning the entity, ``share`` their fraction of
        the documents (of the group); sorted by count (descending) within each group.

    Examples
    --------
    >>> entity_frequencies(ann).head(3)
        entity         label  count  docs  share
    0  Ukraine           GPE     14     2    1.0
    1   Russia           GPE     12     2    1.0
    2     NATO  ORGANIZATION      8     2    1.0
    """
    _check_ann(ann)
    _check_docs_group_column(ann, by)
    return map_reduce(ann, _freq_partial, _add, _freq_finish, by=by,
                      keep_outlet_names=keep_outlet_names)


def _freq_partial(ann: Annotations, *, by, keep_outlet_names) -> dict:
    """Partial of :func:`entity_frequencies`: mentions and documents per (group, entity),
    documents per group, mentions per (entity, label)."""
    ments = _mentions(ann, by, keep_outlet_names)
    counts = ments.groupby([_GROUP, "entity"], dropna=False).agg(
        count=("doc_id", "size"), docs=("doc_id", "nunique"))
    n_docs = pd.Series(_group_of(ann, by, ann.docs["doc_id"].astype(str))).value_counts(
        dropna=False)
    return {"counts": counts, "n_docs": n_docs, "labels": _label_counts(ann)}


def _freq_finish(total: dict, *, by, **_) -> pd.DataFrame:
    """Finish of :func:`entity_frequencies`: labels, shares, sorted by count in each group."""
    out = total["counts"].reset_index()
    out.insert(2, "label", out["entity"].map(_best_labels(total["labels"])))
    out["share"] = out["docs"] / total["n_docs"].reindex(out[_GROUP]).to_numpy()
    out = out.sort_values([_GROUP, "count", "entity"], ascending=[True, False, True],
                          kind="stable", ignore_index=True)
    out[["count", "docs"]] = out[["count", "docs"]].astype(np.int64)
    return out.drop(columns=_GROUP) if by is None else out.rename(columns={_GROUP: by})


# --------------------------------------------------------------------------- partners
def _pair_entities(pairs: pd.DataFrame) -> pd.Series:
    """Mentions of each entity of ``pairs`` (the largest value over its rows), most first."""
    both = pd.concat([pd.Series(pairs["mentions_a"].to_numpy(), index=pairs["entity_a"]),
                      pd.Series(pairs["mentions_b"].to_numpy(), index=pairs["entity_b"])])
    return both.groupby(level=0).max().sort_values(ascending=False, kind="stable")


@checked
def entity_partners(pairs: pd.DataFrame, entity: str, *, measure: PairMeasure = "g2",
                    top: int | None = None) -> pd.DataFrame:
    """The pairs of ``pairs`` involving ``entity``, seen from its side.

    Parameters
    ----------
    pairs : pandas.DataFrame
        From :func:`cooccurrence`.
    entity : str
        A canonical entity name, the same ignoring case, or a word only one
        entity's name has ("Putin"); anything else raises with suggestions.
    measure : {"count", "docs", "pmi", "npmi", "g2", "dice"}, default "g2"
        Sort key (descending; ties by count). G2 ranks partners by evidence; npmi and
        pmi put partners seen in one article first.
    top : int, optional
        Keep the first ``top`` partners (per group when ``pairs`` has one).

    Returns
    -------
    pandas.DataFrame
        ``[<by>,] partner, label`` and the score columns of ``pairs``.

    Examples
    --------
    >>> pairs = cooccurrence(ann, min_count=1)
    >>> partners = entity_partners(pairs, "Vladimir Putin", measure="g2", top=5)
    >>> partners[["partner", "label", "count", "g2"]]
               partner   label  count        g2
    0         Measures     GPE      1  4.658144
    1    Minsk Package   EVENT      1  4.658144
    2  Normandy Format   EVENT      1  4.658144
    3    Fumio Kishida  PERSON      1  2.055896
    4            Japan     GPE      1  2.055896
    """
    _check_pairs(pairs)
    entity = resolve_entity(entity, _pair_entities(pairs))
    groups = [c for c in pairs.columns if c not in PAIR_COLUMNS]
    rows = []
    for side, other in (("a", "b"), ("b", "a")):
        sel = pairs[pairs[f"entity_{side}"] == entity]
        rows.append(sel[groups].assign(partner=sel[f"entity_{other}"],
                                       label=sel[f"label_{other}"],
                                       **{c: sel[c] for c in SCORE_COLUMNS}))
    out = pd.concat(rows, ignore_index=True)
    out = out.sort_values(groups + [measure, "count", "partner"],
                          ascending=[True] * len(groups) + [False, False, True],
                          kind="stable", ignore_index=True)
    if top is not None:
        out = out.groupby(groups).head(top) if groups else out.head(top)
    return out.reset_index(drop=True)


@checked
def focus_entity(pairs: pd.DataFrame, *, entity: str = "") -> str:
    """The entity a report focuses on: ``entity`` resolved, else the most mentioned person.

    Parameters
    ----------
    pairs : pandas.DataFrame
        From :func:`cooccurrence`; the focus must be in one of its pairs.
    entity : str, default ""
        A name as :func:`entity_partners` takes it; empty: the most mentioned
        PERSON of the pairs (or the most mentioned entity when there is none).

    Returns
    -------
    str
        A canonical name, or ``""`` when ``pairs`` is empty and no entity is asked for.

    Examples
    --------
    >>> focus_entity(cooccurrence(ann, min_count=1), entity="putin")
    'Vladimir Putin'
    """
    _check_pairs(pairs)
    known = _pair_entities(pairs)
    if entity:
        return resolve_entity(entity, known)
    labels = pd.concat([pd.Series(pairs["label_a"].to_numpy(), index=pairs["entity_a"]),
                        pd.Series(pairs["label_b"].to_numpy(), index=pairs["entity_b"])])
    labels = labels[~labels.index.duplicated()]
    people = [e for e in known.index if labels.get(e) == "PERSON"]
    return str((people or list(known.index) or [""])[0])
