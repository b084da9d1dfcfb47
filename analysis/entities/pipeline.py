"""The entity clean-up end to end (:func:`canonicalize`) and its steps, which
:mod:`analysis.store` runs part by part."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..vocabulary import UNTYPED
from .labels import _canonical_labels
from .learned import (SCORE_COLUMNS, class_probabilities, context_evidence, mention_features,
                      with_evidence)
from .lexicon import _key, _lexicons_pinned, lexicons
from .merges import _apply_merges
from .recall import _recall, _runs_missed
from .removal import _contexts, _removal
from .shortforms import _resolve_acronyms, _resolve_short_forms
from .spans import _check_entities, _repair
from .surface import _clean
from .tokens import _TokenView
from ..vocabulary import checked

SAY_WORDS = frozenset("said says told added wrote stated explained noted argued tweeted "
                      "claimed insisted warned announced replied recalled born died married "
                      "himself herself".split())
DETERMINERS = frozenset("the a an this that".split())
PLACE_PREPOSITIONS = frozenset("in near outside across throughout inside".split())


@checked
@_lexicons_pinned
def canonicalize(mentions: pd.DataFrame, *, tokens: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return a copy of the entity ``mentions`` with clean spans, ``canonical`` names and types.

    Parameters
    ----------
    mentions : pandas.DataFrame
        ``doc_id, ..., text, label`` in document order (as :func:`annotate` builds it);
        with ``tokens``, also ``start_token, end_token``.
    tokens : pandas.DataFrame, optional
        The tokens table (``doc_id, sent_id, token_id, text``). With it, spans are
        repaired (:func:`repair_spans`), sentence-initial common words are removed
        and the context types untyped names; without it, only the name rules apply.

    Returns
    -------
    pandas.DataFrame
        The rows that are entities, plus ``canonical``, ``variant`` and ``merge_rule``
        (the name before an automatic merge and the merge's rule; missing when
        none, see :func:`merge_table`); ``label`` typed as docs/entities.md says.

    Raises
    ------
    ValueError
        When a needed column is missing, or the tables do not fit together.

    Examples
    --------
    >>> ents = pd.DataFrame({"doc_id": ["d", "d"], "text": ["Fumio Kishida", "Kishida"],
    ...                      "label": ["ENTITY", "ENTITY"]})
    >>> canonicalize(ents)[["canonical", "label"]].values.tolist()
    [['Fumio Kishida', 'PERSON'], ['Fumio Kishida', 'PERSON']]
    """
    return _canonicalize(mentions, tokens)[0]


def _canonicalize(entities: pd.DataFrame, tokens) -> tuple[pd.DataFrame, dict]:
    """The whole corpus in one part: the stages that :mod:`analysis.store` runs part by part."""
    local, stats = local_names(entities, tokens)
    names = resolve_names(name_table(local))
    return apply_names(local, names), stats


def mention_stats(entities: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """The corpus counts the cleaning reads, for one part of a corpus: ``kind, key, n``.

    Kinds: ``word`` (token texts), ``start`` (sentence-initial token texts), ``chunk``
    (raw mention texts). They add up over parts; :func:`local_names` takes the sums.
    """
    view = _TokenView(tokens)
    frames = [pd.DataFrame({"kind": kind, "key": list(counts), "n": list(counts.values())})
              for kind, counts in (("word", view.counts), ("start", view.start_counts),
                                   ("chunk", Counter(entities["text"].astype(str))))]
    out = pd.concat(frames, ignore_index=True)
    return out.astype({"kind": "string", "key": "string", "n": "int64"})


def stats_dict(stats: pd.DataFrame) -> dict[str, dict]:
    """``{kind: {key: n}}`` of the summed :func:`mention_stats` of all parts."""
    stats = stats.groupby(["kind", "key"], sort=False)["n"].sum().reset_index()
    return {kind: dict(zip(stats.loc[stats["kind"] == kind, "key"].astype(str),
                           stats.loc[stats["kind"] == kind, "n"].astype(int)))
            for kind in ("word", "start", "chunk")}


@_lexicons_pinned
def local_names(entities: pd.DataFrame, tokens, stats: dict | None = None):
    """Repair, clean and remove mentions, resolve short forms and aliases (one part).

    Returns the kept mentions with ``_canon`` (the name before automatic merges)
    and their context ``_title``, ``_prev``, ``_next``; and the removal counts.
    ``stats`` (:func:`stats_dict`) gives the corpus counts when this is one part.
    """
    _check_entities(entities, {"doc_id", "text", "label"} |
                    ({"start_token", "end_token"} if tokens is not None else set()))
    lex = lexicons()
    out, title, view = entities.copy(), np.zeros(len(entities), bool), None
    if tokens is not None:
        view = _TokenView(tokens, stats)
        chunks = stats["chunk"] if stats is not None else Counter(entities["text"].astype(str))
        out = _runs_missed(out, view, lex)  # the chunk counts stay those of the raw chunks,
        out, title = _repair(out, view, chunks)  # as the store's corpus counts are
        out, title = _recall(out, title, view, lex)
    report = {"mentions_in": len(entities), "mentions_repaired": len(out)}
    cleaned = {s: _clean(s, lex) for s in out["text"].astype(str).unique()}
    names = out["text"].astype(str).map(cleaned).to_numpy(object)
    ctx = _contexts(out, view)
    memo: dict = {}
    reasons = []
    for name, st, prev in zip(names, ctx["at_start"], ctx["prev"]):
        k = (name, bool(st), prev.lower() == "the")
        if k not in memo:
            memo[k] = _removal(name, k[1], k[2], view, lex) if name else "empty"
        reasons.append(memo[k])
    reasons = pd.Series(reasons, dtype=object)
    report["removed"] = reasons.dropna().value_counts().to_dict()
    keep = reasons.isna().to_numpy()
    out, names, title = out[keep], names[keep], title[keep]
    ctx = {k: v[keep] for k, v in ctx.items()}
    names = _resolve_short_forms(out["doc_id"].tolist(), names,
                                 out["label"].astype(str).tolist(), lex)
    hits = {n: lex["aliases"].get(_key(n)) for n in set(names)}
    canon = np.array([hits[n][0] if hits[n] else n for n in names], dtype=object)
    keep = canon != ""
    report["removed"]["alias"] = int((~keep).sum())
    out = out[keep]
    canon = _resolve_acronyms(out["doc_id"].tolist(), canon[keep],
                              out["label"].astype(str).tolist(), lex)
    out = out.assign(_canon=canon, _title=title[keep], _prev=ctx["prev"][keep],
                     _next=ctx["next"][keep])
    prob = _context_types(out, view, lex)
    out = out.assign(**{f"_{c}": prob[:, k] for k, c in enumerate(SCORE_COLUMNS)})
    return out.reset_index(drop=True), report


def _global_spans(frame: pd.DataFrame, view) -> tuple[np.ndarray, np.ndarray]:
    base = frame["doc_id"].map(view.base).to_numpy(np.int64)
    return (base + frame["start_token"].to_numpy(np.int64),
            base + frame["end_token"].to_numpy(np.int64))


def _context_types(out: pd.DataFrame, view, lex: dict) -> np.ndarray:
    """Per mention the learned context class probabilities (zeros without tokens)."""
    if view is None or out.empty:
        return np.zeros((len(out), len(SCORE_COLUMNS)))
    gs, ge = _global_spans(out, view)
    feats = mention_features(gs, ge, view, out["_title"].to_numpy(bool))
    return with_evidence(class_probabilities(feats, lex["type_model"]),
                         context_evidence(gs, ge, view))


@_lexicons_pinned
def name_table(local: pd.DataFrame, *, first: int = 0) -> pd.DataFrame:
    """Per name before merges and engine label: ``mentions``, ``first`` (position of the
    first mention, from ``first`` on) and the ``person``/``place`` context votes.

    Adds up over parts (``first`` takes the minimum) for :func:`resolve_names`.
    """
    lex = lexicons()
    prev = local["_prev"].astype(str)
    said = (local["_next"].astype(str).str.lower().isin(SAY_WORDS).to_numpy()
            & ~prev.str.lower().isin(DETERMINERS).to_numpy())  # "the X said": no person
    person = local["_title"].to_numpy(bool) | prev.isin(lex["title_words"]).to_numpy() | said
    place = prev.str.lower().isin(PLACE_PREPOSITIONS).to_numpy()
    frame = pd.DataFrame({"name": local["_canon"].astype(str).to_numpy(object),
                          "label": local["label"].astype(str).to_numpy(object),
                          "first": np.arange(first, first + len(local), dtype=np.int64),
                          "person": person.astype(np.int64), "place": place.astype(np.int64),
                          **{c: (local[f"_{c}"].to_numpy(np.float64) if f"_{c}" in local
                                 else 0.0) for c in SCORE_COLUMNS}})
    return (frame.groupby(["name", "label"], sort=False)
            .agg(mentions=("first", "size"), first=("first", "min"), person=("person", "sum"),
                 place=("place", "sum"), **{c: (c, "sum") for c in SCORE_COLUMNS})
            .reset_index())


def add_name_tables(*tables: pd.DataFrame) -> pd.DataFrame:
    """The :func:`name_table` of several parts added up."""
    both = pd.concat(tables, ignore_index=True)
    return (both.groupby(["name", "label"], sort=False)
            .agg(mentions=("mentions", "sum"), first=("first", "min"),
                 person=("person", "sum"), place=("place", "sum"),
                 **{c: (c, "sum") for c in SCORE_COLUMNS}).reset_index())


@_lexicons_pinned
def resolve_names(table: pd.DataFrame) -> pd.DataFrame:
    """Merges and types of every name: ``name, canonical, variant, merge_rule, type``.

    ``table`` is the :func:`name_table` of the whole corpus (or its parts added up).
    ``type`` is the canonical name's label for mentions the engine left untyped.
    """
    lex = lexicons()
    table = table.sort_values("first", kind="stable")
    per_name = table.groupby("name", sort=False).agg(mentions=("mentions", "sum"),
                                                     first=("first", "min"))
    final = _apply_merges(Counter(dict(zip(per_name.index, per_name["mentions"]))))
    table = table.assign(canonical=table["name"].map(lambda n: final[n][0]))
    label = _canonical_labels(table, final, lex)
    names = list(per_name.index)
    return pd.DataFrame({"name": names, "canonical": [final[n][0] for n in names],
                         "variant": [final[n][1] for n in names],
                         "merge_rule": [final[n][2] for n in names],
                         "type": [label[final[n][0]] for n in names]}, dtype="string")


@_lexicons_pinned
def apply_names(local: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """The mentions of :func:`local_names` with ``canonical``, ``variant``, ``merge_rule``
    and ``label`` from :func:`resolve_names` (engine-typed mentions keep their label)."""
    names = names.set_index("name")
    key = local["_canon"].astype(str).to_numpy(object)
    out = local.drop(columns=["_canon", "_title", "_prev", "_next",
                              *(f"_{c}" for c in SCORE_COLUMNS if f"_{c}" in local)])
    for col in ("canonical", "variant", "merge_rule"):
        out[col] = pd.array(names[col].reindex(key).to_numpy(), dtype="string")
    engine = out["label"].astype(str).to_numpy(object)
    typed = names["type"].reindex(key).to_numpy(object)
    out["label"] = pd.Series(np.where(engine != UNTYPED, engine, typed), index=out.index,
                             dtype="string")
    return out.reset_index(drop=True)
