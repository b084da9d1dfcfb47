"""Entity attention: the share of each group's articles that mention each entity, with an interval.

:func:`entity_attention` compares groups of documents as :mod:`analysis.comparison`
does (``by``, ``exclude_duplicates``, outlet names left out); the difference of
shares gets a bootstrap interval over articles (docs/source-comparison.md).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .backend import add_counts as _add
from .backend import map_reduce
from .comparison import _G, _finish, _prepare, group_labels
from .doc_terms import own_entity_mask
from .model import Annotations
from .model import check_ann as _check_ann
from .pairs import entity_labels
from .statistics import share_diff_interval
from .vocabulary import checked

ATTENTION_COLUMNS = [_G, "entity", "label", "docs", "group_docs", "share", "docs_ref",
                     "group_docs_ref", "share_ref", "share_diff", "share_diff_low",
                     "share_diff_high"]


@checked
def entity_attention(ann: Annotations, *, by: str = "source", min_docs: int = 1,
                     keep_outlet_names: bool = False, exclude_duplicates: bool = False,
                     duplicates: pd.DataFrame | None = None, resamples: int = 200,
                     seed: int = 0) -> pd.DataFrame:
    """Share of each group's documents that mention each (canonical) entity, with an interval.

    Reads as "RT mentions NATO in 41% of its articles, the other outlets in 18%":
    ``share`` = ``docs`` (documents of the group mentioning the entity) /
    ``group_docs`` (documents of the group, with or without entities), as a
    fraction; ``share_ref`` the same over all other groups pooled; ``share_diff``
    their difference (0.23 = 23 percentage points). ``share_diff_low`` and
    ``share_diff_high`` bound its 95% bootstrap interval: the group's articles and
    the others' are each resampled with replacement ``resamples`` times
    (:func:`analysis.statistics.bootstrap_weights`), and the 2.5th and 97.5th
    percentiles of the resampled differences are kept. An interval that includes 0
    does not show a gap. With a single article on a side there is nothing to
    resample (NaN). Every entity appears for every group (zeros included); its
    ``label`` is :func:`entity_labels`' (the same in every table).

    Parameters
    ----------
    ann : Annotations
        In memory or partitioned (:mod:`analysis.backend`).
    by : str, default "source"
        Documents-table column defining the groups.
    min_docs : int, default 1
        Keep entities mentioned in at least this many documents, all groups together.
    keep_outlet_names : bool, default False
        Count a document's mentions of its own outlet ("BBC" in BBC articles)
        too. By default they are left out; other outlets' mentions of the BBC stay.
    exclude_duplicates, duplicates
        As in :func:`analysis.comparison.keyness`.
    resamples : int, default 200
        Bootstrap resamples of the articles.
    seed : int, default 0
        Seed of the resampling: the same seed gives the same interval.

    Returns
    -------
    pandas.DataFrame
        ``<by>, entity, label, docs, group_docs, share, docs_ref, group_docs_ref,
        share_ref, share_diff, share_diff_low, share_diff_high`` (``share_ref`` is
        NaN with a single group), sorted by group and decreasing ``share_diff``.

    Examples
    --------
    >>> att = entity_attention(ann)
    >>> att.query("entity == 'Joe Biden'")[["source", "entity", "share", "share_ref", "share_diff"]]
             source     entity  share  share_ref  share_diff
    30          TDI  Joe Biden    0.0        1.0        -1.0
    41  WebIndia123  Joe Biden    1.0        0.0         1.0
    """
    _check_ann(ann)
    kept, _ = _prepare(ann, by, exclude_duplicates, duplicates)
    finish = functools.partial(_attention_finish, labels=entity_labels(ann))  # all documents'
    return map_reduce(kept, _mention_partial, _concat_mentions, finish, by=by,
                      min_docs=min_docs, keep_outlet_names=keep_outlet_names,
                      resamples=resamples, seed=seed)


def _mention_partial(ann: Annotations, *, by: str, keep_outlet_names: bool,
                     **_) -> tuple[pd.DataFrame, pd.Series]:
    """Partial step of :func:`entity_attention` over ``ann``'s documents: ``(one row per
    document and entity it mentions: doc_id, _group, entity; documents by group)``."""
    docs = ann.docs
    ent = ann.entities[["doc_id", "canonical"]]
    if not keep_outlet_names:  # one mask per annotations, shared with the entity counts
        ent = ent[~own_entity_mask(ann)]
    ent = ent.dropna(subset=["canonical"])
    ent = ent[ent["doc_id"].isin(docs["doc_id"])]
    ent = ent.drop_duplicates(["doc_id", "canonical"])
    groups = group_labels(docs[by])
    sizes = groups.value_counts().astype(np.int64).rename("docs")
    group_of = pd.Series(groups.to_numpy(), index=docs["doc_id"].astype(str).to_numpy())
    doc_ids = ent["doc_id"].astype(str)
    return pd.DataFrame({"doc_id": doc_ids.to_numpy(object),
                         _G: group_of.reindex(doc_ids).to_numpy(object),
                         "entity": ent["canonical"].astype(str).to_numpy(object)}), sizes


def _concat_mentions(*partials):
    """Combine step of :func:`entity_attention`: the rows one after the other, sizes added."""
    return (pd.concat([p[0] for p in partials], ignore_index=True),
            _add(*(p[1] for p in partials)))


def _attention_finish(total, *, by: str, min_docs: int, labels: pd.Series, resamples: int,
                      seed: int, **_) -> pd.DataFrame:
    """Finish step of :func:`entity_attention`: shares of every group for every entity kept."""
    rows, sizes = total
    counts = rows.groupby([_G, "entity"]).size()
    if counts.empty:
        return _finish([], ATTENTION_COLUMNS, [], [], by)
    counts = counts.unstack(fill_value=0)  # groups x entities
    counts = counts.loc[:, counts.sum(axis=0) >= min_docs]
    counts = counts.reindex(index=sorted(sizes.index), fill_value=0)
    if counts.shape[1] == 0:
        return _finish([], ATTENTION_COLUMNS, [], [], by)
    low, high = _attention_intervals(rows, sizes, counts.index, counts.columns,
                                     resamples=resamples, seed=seed)
    long = counts.stack().rename("docs").reset_index()
    long.columns = [_G, "entity", "docs"]
    long["group_docs"] = long[_G].map(sizes).astype(np.int64)
    long["docs_ref"] = long["entity"].map(counts.sum(axis=0)) - long["docs"]
    long["group_docs_ref"] = int(sizes.sum()) - long["group_docs"]
    long["share"] = long["docs"] / long["group_docs"]
    others = long["group_docs_ref"].where(long["group_docs_ref"] > 0)  # NaN: a single group
    long["share_ref"] = long["docs_ref"] / others
    long["share_diff"] = long["share"] - long["share_ref"]
    long["share_diff_low"], long["share_diff_high"] = low.ravel(), high.ravel()
    long["label"] = long["entity"].map(labels)
    return _finish([long], ATTENTION_COLUMNS, [_G, "share_diff", "entity"],
                   [True, False, True], by)


def _attention_intervals(rows: pd.DataFrame, sizes: pd.Series, groups: pd.Index,
                         entities: pd.Index, *, resamples: int, seed: int):
    """``(low, high)``, groups x entities: the 95% bootstrap interval of ``share_diff``.

    The documents that mention an entity kept are put in one order (group, then
    doc_id), whatever the parts, so both backends draw the same resamples: per group
    (sorted), the group's documents, then the others', from one generator. A document
    mentioning none of them adds nothing, so only its number matters (``sizes``).
    """
    from scipy import sparse

    rows = rows[rows["entity"].isin(entities)]
    rows = rows.assign(_g=groups.get_indexer(rows[_G])).sort_values(["_g", "doc_id"])
    doc, doc_ids = pd.factorize(rows["doc_id"])  # in the sorted order
    matrix = sparse.csr_matrix((np.ones(len(doc)), (doc, entities.get_indexer(rows["entity"]))),
                               shape=(len(doc_ids), len(entities)))
    return share_diff_interval(matrix, rows.drop_duplicates("doc_id")["_g"].to_numpy(),
                               sizes.reindex(groups).to_numpy(np.int64), resamples=resamples,
                               seed=seed)
