"""Fitting the learned context types (:mod:`.learned`) on an annotated corpus."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .labels import _type_name
from .learned import (TYPE_WEIGHTS_FILE, feature_keys, fit_type_weights, mention_features,
                      seed_classes, write_weights)
from .lexicon import _key, _lexicons_pinned, lexicons
from .pipeline import _global_spans, local_names
from .tokens import _TokenView


@_lexicons_pinned
def type_training_table(entities: pd.DataFrame, tokens: pd.DataFrame):
    """The mentions as :func:`local_names` keeps them, with their feature keys and the
    seed class of their name (``""`` when the spelling rules are not sure)."""
    lex = lexicons()
    local, _ = local_names(entities, tokens)
    view = _TokenView(tokens)
    gs, ge = _global_spans(local, view)
    keys = feature_keys(mention_features(gs, ge, view, local["_title"].to_numpy(bool)))
    names = local["_canon"].astype(str).to_numpy(object)

    def rule(name: str) -> tuple:
        hit = lex["aliases"].get(_key(name))
        return (hit[1], "alias") if hit and hit[1] else _type_name(name, lex["stamp"])

    uniq = pd.unique(names)
    seed = dict(zip(uniq, seed_classes(uniq, rule)))
    return keys, names, np.array([seed[n] for n in names], dtype=object)


def fit_entity_types(entities: pd.DataFrame, tokens: pd.DataFrame, *, rounds: int = 3,
                     out: Path | None = TYPE_WEIGHTS_FILE) -> pd.DataFrame:
    """Fit the learned context types on raw mentions and tokens (as the engine writes
    them, before the clean-up) and write the weights to ``out`` (None: do not write).

    Returns one row per co-training round (names and mentions learned from), with
    ``features`` (kept in the file) and ``seeded`` (mentions of seeded names).
    """
    keys, names, seeds = type_training_table(entities, tokens)
    stored, log = fit_type_weights(keys, names, seeds, rounds=rounds)
    if out is not None:
        write_weights(stored, out)
    return log.assign(features=len(stored["weights"]), seeded=int((seeds != "").sum()))
