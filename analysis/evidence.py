"""Evidence and timelines for entities: the sentences (or paragraphs) where two entities
meet (:func:`cooccurrence_evidence`, :func:`partner_evidence`) and their mentions over time
(:func:`entity_timeline`). Names are resolved as written in the articles ("Putin").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .backend import add_counts as _add
from .backend import concat as _concat
from .backend import map_reduce
from .entities import resolve_entity
from .model import Annotations
from .model import check_ann as _check_ann
from .pairs import (
    _GROUP,
    _check_docs_group_column,
    _group_of,
    _mentions,
    _pair_entities,
    entity_frequencies,
    entity_partners,
)
from .vocabulary import Freq, PairMeasure, Unit
from .vocabulary import checked


# --------------------------------------------------------------------------- names
def _surface_counts(ann: Annotations) -> dict:
    """Partial of :func:`_resolver`: mentions per canonical name and per (case-folded
    surface form, canonical name)."""
    ents = ann.entities
    canonical = ents["canonical"].astype(str)
    forms = pd.DataFrame({"form": ents["text"].astype(str).str.split().str.join(" ")
                          .str.casefold(), "canonical": canonical})
    return {"known": canonical.value_counts(), "forms": forms.value_counts()}


def _surfaces(total: dict) -> tuple[pd.Series, pd.Series]:
    """Finish of :func:`_resolver`: mentions per canonical name, most first (ties by name),
    and the canonical name each surface form most often resolves to (ties by name)."""
    known = total["known"].sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    counts = total["forms"].rename("n").reset_index()
    counts = counts.sort_values(["form", "n", "canonical"], ascending=[True, False, True],
                                kind="stable")
    return known, counts.drop_duplicates("form").set_index("form")["canonical"]


def _resolver(ann: Annotations):
    """``resolve(name, arg)``: :func:`resolve_entity` against every entity of ``ann``."""
    known, surfaces = map_reduce(ann, _surface_counts, _add, _surfaces)
    return lambda name, arg: resolve_entity(name, known, surfaces=surfaces, arg=arg)


# --------------------------------------------------------------------------- evidence
@checked
def cooccurrence_evidence(ann: Annotations, a: str, b: str, *, unit: Unit = "sentence",
                          limit: int | None = 20) -> pd.DataFrame:
    """The sentences (or paragraphs) where entities ``a`` and ``b`` are both mentioned.

    Parameters
    ----------
    ann : Annotations
        From :func:`analysis.annotation.annotate`.
    a, b : str
        Entities: canonical names, or names as written in the articles
        ("Putin" -> "Vladimir Putin"; see :func:`resolve_entity`).
    unit : {"sentence", "paragraph", "document"}, default "sentence"
        The window; for ``"document"`` the paragraphs mentioning both are shown, so a
        pair counted in two documents may show fewer rows (its names in different
        paragraphs of a document show none).
    limit : int or None, default 20
        Return at most this many windows (None: all).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, source, date, paragraph_id, [sent_id,] text`` ordered by
        date (undated last), then document order and position; ``text`` is
        the sentence, or the paragraph as it stands in the cleaned document.

    Examples
    --------
    >>> import textwrap
    >>> ev = cooccurrence_evidence(ann, "Fumio Kishida", "Putin")
    >>> ev[["source", "date", "sent_id"]]
      source       date  sent_id
    0    TDI 2022-02-18        0
    >>> print(textwrap.fill(ev["text"][0], 80))
    Telephonic conversation has been held between the President of Russia, Vladimir
    Putin, and Prime Minister of Japan, Fumio Kishida.
    """
    _check_ann(ann)
    resolve = _resolver(ann)
    a, b = resolve(a, "a"), resolve(b, "b")
    if a == b:
        raise ValueError(f"a and b must be different entities, got {a!r} twice")
    return _evidence(ann, [(a, b)], unit=unit, limit=limit, spread=False)


@checked
def partner_evidence(ann: Annotations, pairs: pd.DataFrame, entity: str, *,
                     measure: PairMeasure = "g2", top: int = 3, unit: Unit = "sentence",
                     limit: int = 5) -> pd.DataFrame:
    """Where ``entity`` meets its strongest partners: evidence for the ``top`` partners.

    Parameters
    ----------
    ann : Annotations
    pairs : pandas.DataFrame
        From :func:`cooccurrence` (one group).
    entity : str
        As in :func:`entity_partners`.
    measure : {"count", "docs", "pmi", "npmi", "g2", "dice"}, default "g2"
        Ranks the partners (G2: by evidence, as :func:`entity_partners`).
    top : int, default 3
        Partners shown.
    unit : {"sentence", "paragraph", "document"}, default "sentence"
        As in :func:`cooccurrence_evidence`.
    limit : int, default 5
        Windows shown per partner: the earliest of each outlet first, so that several
        outlets are heard before one outlet twice.

    Returns
    -------
    pandas.DataFrame
        ``partner`` and the columns of :func:`cooccurrence_evidence`, partners
        strongest first.

    Examples
    --------
    >>> pairs = cooccurrence(ann, min_count=1)
    >>> partner_evidence(ann, pairs, "Vladimir Putin", top=2)[["partner", "source", "sent_id"]]
             partner source  sent_id
    0       Measures    TDI        3
    1  Minsk Package    TDI        3
    """
    partners = entity_partners(pairs, entity, measure=measure, top=top)["partner"]
    entity = resolve_entity(entity, _pair_entities(pairs))
    if partners.empty:
        return pd.DataFrame(columns=["partner", "doc_id", "source", "date", "paragraph_id", "text"])
    _check_ann(ann)
    resolve = _resolver(ann)
    found = [(resolve(entity, "a"), resolve(p, "b")) for p in partners]
    for a, b in found:
        if a == b:
            raise ValueError(f"a and b must be different entities, got {a!r} twice")
    return _evidence(ann, found, unit=unit, limit=limit, spread=True)


def _evidence(ann: Annotations, pairs: list[tuple[str, str]], *, unit, limit, spread):
    """The evidence for each pair of canonical names: its first ``limit`` windows
    (``spread``: taking each outlet's in turn, with ``partner``: the pair's second name)."""
    order = pd.Series(np.arange(len(ann.docs)), index=ann.docs["doc_id"].astype(str).to_numpy())
    return map_reduce(ann, _evidence_partial, _concat, _evidence_finish, pairs=tuple(pairs),
                      unit=unit, order=order, limit=limit, spread=spread)


def _evidence_keys(unit: str) -> list[str]:
    return ["doc_id", "paragraph_id"] + (["sent_id"] if unit == "sentence" else [])


def _evidence_partial(ann: Annotations, *, pairs, unit, **_) -> pd.DataFrame:
    """Partial of the evidence: this part's windows mentioning both names of a pair, with
    ``_pair`` (the pair's position), the document's source and date, and the text."""
    keys = _evidence_keys(unit)
    ents = ann.entities[ann.entities["canonical"].isin({n for pair in pairs for n in pair})]
    found = []
    for i, pair in enumerate(pairs):
        both = ents[ents["canonical"].isin(pair)].groupby(keys)["canonical"].nunique()
        found.append(both[both == 2].reset_index()[keys].assign(_pair=i))
    sents = ann.sentences.merge(pd.concat(found, ignore_index=True), on=keys)
    if unit != "sentence":
        sents = sents.groupby(["_pair"] + keys, as_index=False).agg(start=("start", "min"),
                                                                     end=("end", "max"))
    out = sents.merge(ann.docs.reindex(columns=["doc_id", "source", "date"]), on="doc_id")
    if unit != "sentence":
        text_of = dict(zip(ann.docs["doc_id"], ann.docs["text"]))
        out["text"] = pd.Series([text_of[d][s:e] for d, s, e in
                                 zip(out["doc_id"], out["start"], out["end"])],
                                index=out.index, dtype="str")
    return out[["_pair", "doc_id", "source", "date"] + keys[1:] + ["text"]]


def _evidence_finish(rows: pd.DataFrame, *, pairs, unit, order, limit, spread) -> pd.DataFrame:
    """Finish of the evidence: each pair's windows by date (undated last), then document
    order (``order``: position of each doc_id) and position; at most ``limit`` of them."""
    keys = _evidence_keys(unit)
    rows = rows.assign(_order=rows["doc_id"].astype(str).map(order).to_numpy())
    rows = rows.sort_values(["_pair", "date", "_order"] + keys[1:], na_position="last",
                            kind="stable")
    pair = rows["_pair"].to_numpy()
    found = [rows[pair == i][["doc_id", "source", "date"] + keys[1:] + ["text"]]
             .reset_index(drop=True) for i in range(len(pairs))]
    if not spread:
        return found[0] if limit is None else found[0].head(limit)
    out = pd.concat([_spread(ev, limit).assign(partner=b) for ev, (_, b) in zip(found, pairs)],
                    ignore_index=True)
    return out[["partner"] + [c for c in out.columns if c != "partner"]]


def _spread(evidence: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The first ``limit`` rows taking each outlet's earliest row first, then its second..."""
    turn = evidence.groupby("source", sort=False, dropna=False).cumcount()
    order = np.lexsort((np.arange(len(evidence)), turn.to_numpy()))
    return evidence.iloc[order[:limit]].reset_index(drop=True)


# --------------------------------------------------------------------------- timelines
@checked
def entity_timeline(ann: Annotations, *, entities: list[str] | None = None, top: int = 5,
                    by: str | None = "source", freq: Freq = "M") -> pd.DataFrame:
    """Mentions of a few entities per period (and group), with the share of documents.

    Parameters
    ----------
    ann : Annotations
        From :func:`analysis.annotation.annotate`; undated documents are left out.
    entities : list of str, optional
        Entities (canonical names or names as written, as in
        :func:`cooccurrence_evidence`); default: the ``top`` most mentioned.
    top : int, default 5
        How many entities when ``entities`` is not given.
    by : str or None, default "source"
        A column of ``ann.docs`` for one line per value (None: corpus-wide).
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        Period length.

    Returns
    -------
    pandas.DataFrame
        ``period`` (start date), ``[by,] entity, count, docs, group_docs,
        share`` for every period and group that has dated documents (zeros
        included): ``count`` mentions, ``docs`` documents mentioning the
        entity, ``group_docs`` documents of that period and group,
        ``share = docs / group_docs``; entities in the order given.

    Examples
    --------
    >>> entity_timeline(ann, entities=["Vladimir Putin"], freq="W")
          period       source          entity  count  docs  group_docs  share
    0 2022-01-17  WebIndia123  Vladimir Putin      0     0           1    0.0
    1 2022-02-14          TDI  Vladimir Putin      3     1           1    1.0
    """
    _check_ann(ann)
    _check_docs_group_column(ann, by)
    if entities is None:
        entities = entity_frequencies(ann)["entity"].head(top).tolist()
    resolve = _resolver(ann)
    entities = list(dict.fromkeys(resolve(name, "entities") for name in entities))
    return map_reduce(ann, _timeline_partial, _add, _timeline_finish, entities=entities, by=by,
                      freq=freq)


def _timeline_partial(ann: Annotations, *, entities, by, freq) -> dict:
    """Partial of :func:`entity_timeline`: dated documents per (period, group); mentions
    and documents per (period, group, entity)."""
    docs = pd.DataFrame({"doc_id": ann.docs["doc_id"].astype(str).to_numpy(),
                         "period": pd.to_datetime(ann.docs["date"]).dt.to_period(freq)
                         .dt.start_time.to_numpy(),
                         _GROUP: _group_of(ann, by, ann.docs["doc_id"].astype(str))})
    docs = docs.dropna(subset=["period"])
    ments = _mentions(ann, None)
    ments = ments[ments["entity"].isin(entities)].drop(columns=_GROUP).merge(docs, on="doc_id")
    keys = ["period", _GROUP]
    return {"group_docs": docs.groupby(keys, dropna=False).size(),
            "counts": ments.groupby(keys + ["entity"], dropna=False).agg(
                count=("doc_id", "size"), docs=("doc_id", "nunique"))}


def _timeline_finish(total: dict, *, entities, by, **_) -> pd.DataFrame:
    """Finish of :func:`entity_timeline`: every (period, group) x entity, shares, sorted."""
    keys = ["period", _GROUP]
    totals = total["group_docs"].rename("group_docs").reset_index()
    grid = totals.merge(pd.DataFrame({"entity": entities}), how="cross")
    out = grid.merge(total["counts"].reset_index(), on=keys + ["entity"], how="left")
    out[["count", "docs"]] = out[["count", "docs"]].fillna(0).astype(np.int64)
    out["share"] = out["docs"] / out["group_docs"]
    out = out[keys + ["entity", "count", "docs", "group_docs", "share"]]
    rank = {name: i for i, name in enumerate(entities)}
    out = out.sort_values(keys + ["entity"], key=lambda c: c.map(rank) if c.name == "entity"
                          else c, kind="stable", ignore_index=True)
    return out.drop(columns=_GROUP) if by is None else out.rename(columns={_GROUP: by})
