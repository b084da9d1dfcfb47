"""Types learned from the corpus itself: a context classifier trained on what the spelling
rules are sure of (Collins & Singer 1999, "Unsupervised models for named entity
classification": seed rules label the confident mentions, a context classifier learns from
them and labels the rest, a few rounds).

The seeds are the name rules of :mod:`.labels` (alias table, lexicon names, nationalities,
cue words, the place gazetteer, full names starting with a first name, acronyms); the
classifier sees only the context of a mention and its shape (neighbouring words, the word
pair before and after, the verb after it, the verb after a determiner ("the X said": no
person), the noun after a possessive ("X's spokesman"), an appositive, a removed title, the
shape of the last word), never the words of the name. Its weights are fitted
once on the shared corpus (:func:`fit_type_weights`, ``python -m analysis
fit-entity-types``) and shipped as ``data/lexicons/entity_type_weights.json``; at
annotation time every mention gets the class probabilities of its context, and
:func:`analysis.entities.labels._canonical_labels` types a name the rules leave open by the
mean over all its mentions in the corpus (one sense per name).
"""

from __future__ import annotations

import functools
import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config

TYPE_WEIGHTS_FILE = config.LEXICON_DIR / "entity_type_weights.json"
CLASSES = ("PERSON", "ORGANIZATION", "GPE", "NORP", "MISC")
SCORE_COLUMNS = tuple(f"s_{c}" for c in CLASSES)
_SEED_CLASS = {"PERSON": "PERSON", "PER": "PERSON", "ORGANIZATION": "ORGANIZATION",
               "ORG": "ORGANIZATION", "GPE": "GPE", "LOCATION": "GPE", "LOC": "GPE",
               "FACILITY": "GPE", "NORP": "NORP", "EVENT": "MISC", "LAW": "MISC",
               "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LANGUAGE": "MISC", "MISC": "MISC"}
_AUX = frozenset("has have had was were is are will would could should may might can did does "
                 "do also not n't then later still had been be already ,".split())
_DET = frozenset(("a", "an", "the"))


@functools.lru_cache(maxsize=100_000)
def _shape(word: str) -> str:
    if word.isupper():
        return "CAPS"
    if any(c.isdigit() for c in word):
        return "digit"
    if "-" in word:
        return "hyphen"
    if any(c.isupper() for c in word[1:]):
        return "mixed"
    return "title"


def mention_features(gs: np.ndarray, ge: np.ndarray, view, title: np.ndarray) -> dict:
    """The context and shape features of mentions at global token spans ``[gs, ge)`` of a
    :class:`~analysis.entities.tokens._TokenView`: ``{template: array of values}`` (one
    value per mention; ``""`` for none)."""
    text = view.text
    n, size = len(gs), len(text)
    if n == 0:
        return {}
    lower = _lower_words(view)

    def at(pos: np.ndarray, anchor: np.ndarray) -> np.ndarray:
        ok = (pos >= 0) & (pos < size)
        p = np.clip(pos, 0, max(size - 1, 0))
        ok &= view.sent[p] == view.sent[np.clip(anchor, 0, size - 1)]
        return np.where(ok, lower[p], "<s>")

    last = ge - 1
    p1, p2 = at(gs - 1, gs), at(gs - 2, gs)
    n1, n2, n3 = at(ge, last), at(ge + 1, last), at(ge + 2, last)
    verb = np.where(np.isin(n1, list(_AUX)), np.where(np.isin(n2, list(_AUX)), n3, n2), n1)
    appos = np.where((n1 == ",") & np.isin(n2, list(_DET)), n3, "")
    head = text[np.clip(last, 0, size - 1)]
    det = np.isin(p1, list(_DET))
    poss = np.where((n1 == "'s") | (n1 == "’s"), n2, "")
    return {"p1": p1, "p2": p2 + "_" + p1, "n1": n1, "n2": n1 + "_" + n2, "verb": verb,
            "appos": appos, "title": np.where(title, "yes", ""),
            "shape": pd.Series(head).map(_shape).to_numpy(object),
            "det_verb": np.where(det, verb, ""), "poss": poss}


ORG_NOUNS = frozenset("band company firm group club team label carrier airline retailer broadcaster "
                      "network channel newspaper magazine tabloid agency bank lender insurer "
                      "giant maker manufacturer chain brand startup start-up publisher operator "
                      "supermarket conglomerate charity organisation organization franchise "
                      "studio watchdog regulator corporation subsidiary orchestra".split())
PERSON_NOUNS = frozenset("guitarist singer songwriter musician rapper player footballer actor "
                         "actress politician writer author novelist poet painter composer "
                         "drummer bassist pianist journalist lawyer businessman businesswoman "
                         "economist scientist historian soldier pilot boxer striker midfielder "
                         "defender goalkeeper pitcher quarterback son daughter wife husband "
                         "widow".split())
PLACE_NOUNS = frozenset("village town city island river lake mountain province district county "
                        "municipality suburb neighbourhood neighborhood port settlement commune "
                        "parish hamlet".split())
ORG_POSS = frozenset("shares stock ceo board headquarters subsidiary subsidiaries shareholders "
                     "founder owner parent chairman chairwoman".split())
PERSON_POSS = frozenset("wife husband son daughter mother father brother sister widow parents "
                        "girlfriend boyfriend career life death birth childhood funeral "
                        "retirement wedding".split())
_NOUN_END = frozenset(", . ; : ) -- of in that which based from for with and who whose on at to "
                      "owned founded formed <s>".split())
_COPULA = frozenset("is are was were".split())
_NOUN_CLASS = {**dict.fromkeys(PLACE_NOUNS, "GPE"), **dict.fromkeys(PERSON_NOUNS, "PERSON"),
               **dict.fromkeys(ORG_NOUNS, "ORGANIZATION")}
_SAY = frozenset("said says told added explained insisted claimed stated noted wrote".split())


def context_evidence(gs: np.ndarray, ge: np.ndarray, view) -> np.ndarray:
    """Per mention the class its own context states outright, or ``""``: a class noun
    before it ("the band X", "the island of X"), in an appositive or after a copula ("X, a
    Danish retail chain,", "X is a village"), an age ("X, 45,": a person), ", who" (a
    person), "X (born", a possessive noun ("X's shares": an organisation; "X's wife": a
    person).

    Examples
    --------
    >>> from analysis.entities.tokens import _TokenView
    >>> words = "He joined the band Spirit , and Caloi 's shares".split()
    >>> toks = pd.DataFrame({"doc_id": "d", "sent_id": 0, "token_id": range(10),
    ...                      "text": words})
    >>> context_evidence(np.array([4, 7]), np.array([5, 8]), _TokenView(toks)).tolist()
    ['ORGANIZATION', 'ORGANIZATION']
    """
    n = len(view.text)
    if len(gs) == 0:
        return np.zeros(0, dtype=object)
    lower = _lower_words(view)
    last = ge - 1

    def at(pos: np.ndarray, anchor: np.ndarray) -> pd.Series:
        p = np.clip(pos, 0, n - 1)
        ok = (pos >= 0) & (pos < n) & (view.sent[p] == view.sent[np.clip(anchor, 0, n - 1)])
        return pd.Series(np.where(ok, lower[p], "<s>"))

    def noun(words: pd.Series) -> np.ndarray:
        return words.map(_NOUN_CLASS).fillna("").to_numpy(object)

    p1, p2 = at(gs - 1, gs), at(gs - 2, gs)
    n1, n2, n3 = at(ge, last), at(ge + 1, last), at(ge + 2, last)
    out = np.where(p1.isin(PLACE_NOUNS), "", noun(p1)).astype(object)
    out[(out == "") & (p1 == "of").to_numpy() & p2.isin(PLACE_NOUNS).to_numpy()] = "GPE"
    poss = (out == "") & n1.isin(["'s", "’s"]).to_numpy()
    out[poss & n2.isin(ORG_POSS).to_numpy()] = "ORGANIZATION"
    out[poss & n2.isin(PERSON_POSS).to_numpy()] = "PERSON"
    age = (n2.str.fullmatch(r"\d{1,2}") & (n3 == ",")).to_numpy(bool)
    comma = (n1 == ",").to_numpy()
    out[(out == "") & comma & ((n2 == "who").to_numpy() | age)] = "PERSON"
    out[(out == "") & (comma | (n1 == "(").to_numpy()) & (n2 == "born").to_numpy()] = "PERSON"
    said_he = n1.isin(_SAY).to_numpy() & n2.isin(["he", "she"]).to_numpy()  # "X said he"
    nxt = np.clip(np.searchsorted(view.sent, view.sent[np.clip(last, 0, n - 1)],
                                  side="right"), 0, n - 1)
    he = ((p1 == "<s>").to_numpy() & (view.doc[nxt] == view.doc[gs])
          & np.isin(lower[nxt], ["he", "she"]))  # "X won the race . He ..."
    out[(out == "") & (said_he | he)] = "PERSON"
    open_ = (out == "") & (comma | n1.isin(_COPULA).to_numpy()) & n2.isin(_DET).to_numpy()
    for step in range(2, 7):  # the class noun within 5 words after the determiner
        idx = np.flatnonzero(open_)
        if not len(idx):
            break
        w, after = at(ge[idx] + step, last[idx]), at(ge[idx] + step + 1, last[idx])
        cls = noun(w)
        end = (after.isin(_NOUN_END) | after.str.fullmatch(r"[a-z]{3,}(?:ed|ing)")).to_numpy(bool)
        hit = (cls != "") & end  # "a cable network operated by"
        out[idx[hit]] = cls[hit]
        open_[idx[hit | w.isin(["<s>", ",", "."]).to_numpy()]] = False
    return out


def _lower_words(view) -> np.ndarray:
    """The lower-cased token texts of a token view (built with the view, or once here)."""
    if getattr(view, "_lower", None) is None:
        view._lower = pd.Series(view.text).str.lower().to_numpy(object)
    return view._lower


EVIDENCE_WEIGHT = 5.0


def with_evidence(prob: np.ndarray, evidence: np.ndarray, *,
                  weight: float = EVIDENCE_WEIGHT) -> np.ndarray:
    """The class probabilities with each mention whose context states its class
    (:func:`context_evidence`) set to that class, counted ``weight`` times: the strongest
    evidence among a name's mentions decides (one sense per name), unless its other
    mentions outweigh it."""
    prob = prob.copy()
    for k, cls in enumerate(CLASSES):
        hit = evidence == cls
        if hit.any():
            prob[hit] = 0.0
            prob[hit, k] = weight
    return prob


def feature_keys(features: dict) -> list[np.ndarray]:
    """``template=value`` strings of :func:`mention_features` (empty values dropped later).

    Examples
    --------
    >>> [k.tolist() for k in feature_keys({"p1": np.array(["in", ""], dtype=object)})]
    [['p1=in', '']]
    """
    return [np.where(values == "", "", name + "=" + values.astype(object))
            for name, values in features.items()]


def _read_weights(path: Path) -> dict | None:
    """The fitted model: ``{"index": pandas.Index of features, "weights": (n+1) x K array
    (last row zeros, for unknown features), "bias": K array}``, or None without a file."""
    path = Path(path)
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    if tuple(raw["classes"]) != CLASSES:  # an older file: the rules alone until a re-fit
        warnings.warn(f"{path}: classes {raw['classes']} are not {list(CLASSES)}; learned "
                      "types are off until a re-fit: python -m analysis fit-entity-types")
        return None
    names = list(raw["weights"])
    weights = np.array([raw["weights"][f] for f in names] + [[0.0] * len(CLASSES)],
                       dtype=np.float64).reshape(-1, len(CLASSES)) / raw.get("scale", 1)
    return {"index": pd.Index(names), "weights": weights,
            "bias": np.asarray(raw["bias"], dtype=np.float64)}


def class_probabilities(features: dict, model: dict | None) -> np.ndarray:
    """Per mention the probabilities of :data:`CLASSES` (n x K; zeros without a model)."""
    n = len(next(iter(features.values()))) if features else 0
    if model is None or n == 0:
        return np.zeros((n, len(CLASSES)))
    index, weights = model["index"], model["weights"]
    score = np.tile(model["bias"], (n, 1))
    for keys in feature_keys(features):
        rows = index.get_indexer(keys)
        score += weights[rows]  # -1 (unknown feature) is the zero row at the end
    score -= score.max(axis=1, keepdims=True)
    prob = np.exp(score)
    return prob / prob.sum(axis=1, keepdims=True)


def seed_classes(names, rule_label) -> np.ndarray:
    """The seed class of each canonical name (``""`` when the spelling rules are not sure):
    ``rule_label(name)`` gives ``(label, rule)``; weak one-word first names are no seeds.

    Examples
    --------
    >>> rules = {"Kyiv": ("GPE", "gazetteer"), "George": ("PERSON", "first name"),
    ...          "Black Sea": ("LOCATION", "cue word"), "Zorro": (None, "")}
    >>> seed_classes(list(rules), rules.get).tolist()
    ['GPE', '', 'GPE', '']
    """
    out = []
    for name in names:
        label, rule = rule_label(name)
        weak = rule == "first name" and " " not in name
        out.append("" if weak or label is None else _SEED_CLASS.get(label, ""))
    return np.asarray(out, dtype=object)


def _design(keys: list[np.ndarray], vocab: dict | None = None):
    """A sparse mentions x features matrix of the ``template=value`` keys."""
    from scipy import sparse

    n = len(keys[0])
    flat = np.concatenate(keys)
    rows = np.tile(np.arange(n), len(keys))
    keep = flat != ""
    flat, rows = flat[keep], rows[keep]
    if vocab is None:
        uniq, counts = np.unique(flat, return_counts=True)
        vocab = {f: i for i, f in enumerate(uniq[counts >= 3])}
    cols = pd.Index(list(vocab)).get_indexer(flat)
    ok = cols >= 0
    matrix = sparse.csr_matrix((np.ones(ok.sum()), (rows[ok], cols[ok])), shape=(n, len(vocab)))
    return matrix, vocab


def fit_type_weights(keys: list[np.ndarray], names: np.ndarray, seeds: np.ndarray, *,
                     rounds: int = 3, confidence: float = 0.9, min_mentions: int = 2,
                     c: float = 0.5, spread: float = 1.1) -> tuple[dict, pd.DataFrame]:
    """Fit the context classifier by co-training rounds.

    Round 1 learns from the mentions of seeded names; each later round adds the names
    whose mean class probability over their mentions reaches ``confidence`` (with
    ``min_mentions`` or more mentions) as labelled, and learns again. Only features whose
    weights differ by ``spread`` or more between two classes are kept (a small file).

    Returns the model as stored (``classes, bias, weights``) and per round the number of
    names and mentions labelled and learned from.
    """
    from sklearn.linear_model import LogisticRegression

    x, vocab = _design(keys)
    names = np.asarray(names, dtype=object)
    labels = np.asarray(seeds, dtype=object).copy()
    codes, uniq_names = pd.factorize(names)
    log, model = [], None
    for r in range(rounds):
        train = labels != ""
        model = LogisticRegression(C=c, max_iter=300, class_weight=_class_weights(labels[train]))
        model.fit(x[train], labels[train])
        coef, bias = _per_class(model)
        log.append({"round": r + 1, "names": int(len(set(codes[train]))),
                    "mentions": int(train.sum())})
        score = np.asarray(x @ coef.T) + bias
        prob = np.exp(score - score.max(axis=1, keepdims=True))
        prob /= prob.sum(axis=1, keepdims=True)
        sums = np.zeros((len(uniq_names), len(CLASSES)))
        np.add.at(sums, codes, prob)
        count = np.bincount(codes, minlength=len(uniq_names))
        mean = sums / np.maximum(count, 1)[:, None]
        sure = (mean.max(axis=1) >= confidence) & (count >= min_mentions)
        learned = np.where(sure, np.asarray(CLASSES, dtype=object)[mean.argmax(axis=1)], "")
        labels = np.where(seeds != "", seeds, learned[codes])
    names_by_col = list(vocab)
    big = (coef.max(axis=0) - coef.min(axis=0)) >= spread
    scale = 100
    weights = {names_by_col[j]: [int(round(v * scale)) for v in coef[:, j]]
               for j in np.flatnonzero(big)}
    stored = {"classes": list(CLASSES), "bias": [round(float(b), 4) for b in bias],
              "scale": scale, "weights": weights}
    return stored, pd.DataFrame(log)


def _class_weights(labels: np.ndarray, cap: float = 3.0) -> dict:
    """Balanced class weights, none above ``cap``: a class with few seeds (the "other"
    names) is not blown up into a class that takes every odd context."""
    classes, counts = np.unique(labels, return_counts=True)
    return {k: min(len(labels) / (len(classes) * n), cap) for k, n in zip(classes, counts)}


def _per_class(model) -> tuple[np.ndarray, np.ndarray]:
    """K x features weights and K biases in the order of :data:`CLASSES` (a class the
    seeds never had gets a bias of -20: never chosen)."""
    classes = list(model.classes_)
    coef = np.zeros((len(CLASSES), model.coef_.shape[1]))
    bias = np.full(len(CLASSES), -20.0)
    if len(classes) == 2:  # one row: the log-odds of classes[1] against classes[0]
        rows = {classes[0]: (0 * model.coef_[0], 0.0),
                classes[1]: (model.coef_[0], model.intercept_[0])}
    else:
        rows = {k: (model.coef_[i], model.intercept_[i]) for i, k in enumerate(classes)}
    for k, (w, b) in rows.items():
        coef[CLASSES.index(k)], bias[CLASSES.index(k)] = w, b
    return coef, bias


def write_weights(stored: dict, path: Path = TYPE_WEIGHTS_FILE) -> Path:
    """Write a fitted model (:func:`fit_type_weights`) as JSON, one feature a line."""
    path = Path(path)
    lines = [f'{{"classes": {json.dumps(stored["classes"])}, "bias": '
             f'{json.dumps(stored["bias"])}, "scale": {stored["scale"]}, "weights": {{']
    items = sorted(stored["weights"].items())
    lines += [f"{json.dumps(k)}: {json.dumps(v)}" + ("," if i < len(items) - 1 else "")
              for i, (k, v) in enumerate(items)]
    lines.append("}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
