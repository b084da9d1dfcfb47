"""Quotes and their speakers: :func:`quotes` finds the direct and indirect quotes of each
document and resolves who speaks them.

The rules (quote marks, dashes, speech cues, pronouns, titles, unnamed sources) are described
in ``docs/quotes.md`` and live in :mod:`analysis.quote_rules` (where the quotes are) and
:mod:`analysis.quote_speakers` (who speaks them); the cues and unnamed-source nouns are the
editable lists ``data/lexicons/quote_cues.txt`` and ``anonymous_sources.txt``. The tables
built from the quotes (who is quoted, by whom) are in :mod:`analysis.speakers`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .backend import concat, is_partitioned, map_reduce
from .engine import spacy_pipeline
from .model import check_ann as _check_ann
from .quote_marks import quote_spans  # noqa: F401  (re-exported)
from .quote_rules import MIN_WORDS, find_quotes  # noqa: F401  (MIN_WORDS re-exported)
from .quote_speakers import ANONYMOUS, DESCRIPTION, PRONOUNS, _Doc, lexicon  # noqa: F401
from .vocabulary import checked

QUOTE_COLUMNS = ["doc_id", "source", "date", "paragraph_id", "sent_id", "kind", "speaker",
                 "speaker_label", "cue", "text", "start", "end"]


def _entity_spans(ann) -> pd.DataFrame:
    """Entity mentions with character offsets ``cstart``/``cend`` into the cleaned text."""
    tok = ann.tokens[["doc_id", "token_id", "start", "end"]]
    ents = ann.entities[["doc_id", "start_token", "end_token", "canonical", "label"]]
    first = tok.rename(columns={"token_id": "start_token", "start": "cstart"})[
        ["doc_id", "start_token", "cstart"]]
    last = tok.assign(end_token=tok["token_id"] + 1).rename(columns={"end": "cend"})[
        ["doc_id", "end_token", "cend"]]
    out = ents.merge(first, on=["doc_id", "start_token"]).merge(last, on=["doc_id", "end_token"])
    return out.sort_values(["doc_id", "cstart"], kind="stable", ignore_index=True)


def _parser(ann):
    """The annotation's spaCy pipeline when it was made with ``engine="spacy"`` (its parse
    is then used where it has one), else None."""
    spacy = getattr(ann, "engine", "nltk") == "spacy" and ann.model
    return spacy_pipeline(ann.model) if spacy else None


@checked
def quotes(ann) -> pd.DataFrame:
    """Direct and indirect quotes with their speakers, one row per quote.

    What counts as a quote and how speakers are found: ``docs/quotes.md``.
    With annotations made by ``engine="spacy"`` whose pipeline has a dependency parser,
    the subject of each speech cue (its ``nsubj``; the object of "according to") is the
    speaker phrase, instead of the words next to the cue.

    Parameters
    ----------
    ann : Annotations
        From :func:`analysis.annotation.annotate` (any engine), in memory or
        partitioned (the quotes are then found part by part, as Dask tasks).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, source, date, paragraph_id, sent_id, kind`` ("direct" or
        "indirect"), ``speaker`` (canonical entity, noun phrase, or "" when
        unattributed), ``speaker_label`` (the entity's label, ``ANONYMOUS``,
        ``DESCRIPTION`` or ""), ``cue`` (said, told, according to, ...; "" for
        a quote continuing the previous speaker's), ``text`` (the quoted words)
        and ``start``/``end``, character offsets into the document's cleaned
        ``text`` (``text == docs.text[start:end]``). In document order.

    Examples
    --------
    >>> q = quotes(ann)
    >>> q["kind"].value_counts()
    kind
    indirect    7
    direct      3
    Name: count, dtype: int64
    >>> q.query("speaker == 'Vladimir Putin'")[["source", "cue", "text"]]
      source     cue                                         text
    3    TDI  stated  Ukraine’s desire to join NATO is a red line
    """
    _check_ann(ann)
    out = map_reduce(ann, _quotes_partial, _concat_quotes)
    if is_partitioned(ann):  # parts in another order than the documents: back to theirs
        position = pd.Series(np.arange(len(ann.docs)), index=ann.docs["doc_id"].to_numpy())
        order = np.argsort(out["doc_id"].map(position).to_numpy(dtype=float), kind="stable")
        out = out.iloc[order].reset_index(drop=True)
    return out


def document_quotes(text: str, sents: pd.DataFrame, ents: pd.DataFrame, toks: pd.DataFrame,
                    *, nlp=None, lex: dict | None = None) -> list[dict]:
    """The quotes of one document, in document order: dicts with ``paragraph_id, sent_id,
    kind, speaker, speaker_label, cue, start, end, text``.

    ``sents``/``toks`` are the document's sentences and tokens, ``ents`` its entity
    mentions with character offsets (``cstart``/``cend``, as :func:`_entity_spans` gives);
    ``nlp`` a spaCy pipeline whose parse is used where it has one.
    """
    doc = _Doc(text, sents, ents, toks)
    doc.nlp = nlp
    found = find_quotes(doc, lex or lexicon())
    return [{**r, "text": text[r["start"]:r["end"]]} for r in found]


def quote_table(ann) -> pd.DataFrame:
    """The quotes of ``ann``'s documents (in memory), in their order: the annotation table
    ``Annotations.quotes``, i.e. the columns of :func:`quotes` without ``source``/``date``."""
    lex, nlp = lexicon(), _parser(ann)
    by_doc_s = dict(tuple(ann.sentences.sort_values(["doc_id", "start"], kind="stable")
                          .groupby("doc_id", sort=False)))
    ents = _entity_spans(ann)
    by_doc_e = dict(tuple(ents.groupby("doc_id", sort=False)))
    by_doc_t = dict(tuple(ann.tokens[["doc_id", "start", "end", "pos"]].groupby("doc_id",
                                                                                 sort=False)))
    rows = [{"doc_id": d, **r} for d, text in ann.docs[["doc_id", "text"]].itertuples(index=False)
            if d in by_doc_s for r in document_quotes(str(text), by_doc_s[d], by_doc_e.get(
                d, ents.iloc[:0]), by_doc_t[d], nlp=nlp, lex=lex)]
    out = pd.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c not in ("source", "date")])
    return out.astype({"paragraph_id": "int64", "sent_id": "int64", "start": "int64",
                       "end": "int64"})


def _quotes_partial(ann, **_) -> pd.DataFrame:
    """Partial step of :func:`quotes`: the quotes of ``ann``'s documents, in their order
    (its ``quotes`` table when it has one, else found now), with ``source``/``date``."""
    table = ann.quotes if isinstance(getattr(ann, "quotes", None), pd.DataFrame) \
        else quote_table(ann)
    docs = ann.docs[["doc_id", "source", "date"]]
    where = table["doc_id"].map(pd.Series(np.arange(len(docs)), index=docs["doc_id"].to_numpy()))
    table = table[where.notna().to_numpy()].iloc[np.argsort(where.dropna().to_numpy(),
                                                            kind="stable")]
    out = table.merge(docs.astype({"doc_id": object}), on="doc_id", how="left")[QUOTE_COLUMNS]
    if not len(out):  # as a table built from no rows: untyped but for the offsets
        return out.astype({c: object for c in out.columns if out[c].dtype != "int64"})
    joined = pd.DataFrame({c: out[c].tolist() for c in ("doc_id", "source", "date")})
    return out.reset_index(drop=True).assign(**joined)  # typed as values (as rows give them)


def _concat_quotes(*frames: pd.DataFrame) -> pd.DataFrame:
    """Combine step of :func:`quotes`: the parts' quotes one after the other. Parts without
    quotes are left out (their empty columns have no type and would turn the others' into
    ``object``); a column typed differently in two parts gets the type of all its values."""
    found = [f for f in frames if len(f)] or list(frames[:1])
    return concat(*found).infer_objects() if len(found) > 1 else found[0]
