"""The data model: :class:`Annotations` (the tables of ``annotate``) and :class:`Part`.

An ``Annotations`` holds its tables as pandas DataFrames (the default, in memory) or is
*partitioned*: its ``parts`` are :class:`Part` objects (whole documents with their tables,
in an annotation store or in memory) and its tables are Dask DataFrames over them. Every
analysis takes either (:mod:`analysis.backend` runs the same code on both).
"""

from __future__ import annotations

import dataclasses
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .backend import TABLES, compute, concat, is_partitioned, map_reduce, partitioned
from .documents import filter_docs
from .entities import merge_table
from .tokens import matching_docs, query_parts
from .vocabulary import checked

SENTENCE_COLUMNS = ["doc_id", "paragraph_id", "sent_id", "start", "end", "text"]
TOKEN_COLUMNS = ["doc_id", "paragraph_id", "sent_id", "token_id", "start", "end", "text", "lower",
                 "pos", "is_stop", "is_alpha"]
ENTITY_COLUMNS = ["doc_id", "paragraph_id", "sent_id", "start_token", "end_token", "text",
                  "label", "canonical"]


class Memo(dict):
    """A dict that pickles empty: shared intermediates are not shipped to Dask workers."""

    def __reduce__(self):
        return (Memo, ())


def _tables(ann: "Annotations") -> tuple:
    return (ann.sentences, ann.tokens, ann.entities, ann.quotes)


def mark_as_annotated(ann: "Annotations") -> "Annotations":
    """Record in ``ann.memo`` that its tables are the very objects :func:`annotate` (or
    :meth:`Annotations.filter` of such) made, so their content follows from the annotation
    cache key and the documents; returns ``ann``. See :func:`as_annotated`. The entry
    follows the memo's convention, ``key -> (weakref to the tokens, value)``."""
    refs = tuple(None if t is None else weakref.ref(t) for t in _tables(ann))
    ann.memo[("annotated_tables", id(ann.tokens))] = (weakref.ref(ann.tokens), refs)
    return ann


def as_annotated(ann: "Annotations") -> bool:
    """True when ``ann``'s tables are the objects :func:`mark_as_annotated` recorded: not
    replaced by hand (a table built otherwise, or ``dataclasses.replace`` with new tables)."""
    hit = ann.memo.get(("annotated_tables", id(ann.tokens)))
    if hit is None or hit[0]() is not ann.tokens:
        return False
    return all((r is None and t is None) or (r is not None and r() is t)
               for r, t in zip(hit[1], _tables(ann)))


@dataclass
class Annotations:
    """Annotation tables for a set of documents.

    Attributes
    ----------
    docs : pandas.DataFrame
        The documents table the annotations were computed from.
    sentences : pandas.DataFrame
        ``doc_id, paragraph_id, sent_id, start, end, text``; ``start``/``end``
        are character offsets into the document's cleaned ``text``.
    tokens : pandas.DataFrame
        ``doc_id, paragraph_id, sent_id, token_id, text, lower, pos, is_stop, is_alpha``.
    entities : pandas.DataFrame
        ``doc_id, paragraph_id, sent_id, start_token, end_token, text, label, canonical,
        variant, merge_rule``; ``end_token`` is exclusive; token ids are the document's
        ``token_id``; ``variant``/``merge_rule``: the name before an automatic merge and
        the merge's rule (missing when none; see :attr:`merges`).
    engine : str
        ``"nltk"`` or ``"spacy"``.
    cache : dict
        ``{"key", "from_cache", "computed"}``: how many documents were read
        from the cache and how many were annotated now.
    filters : dict
        The filters applied with :meth:`filter` (empty: all documents annotated).
    quotes : pandas.DataFrame, optional
        The quotes found at annotation (:func:`analysis.quotation.quote_table`): the
        columns of :func:`analysis.quotes` but ``source``/``date``, which ``quotes(ann)``
        joins from ``docs``. None when the annotations were made without them (then
        ``quotes(ann)`` finds them) and when they are partitioned (each part holds its own).
    parts : tuple of analysis.backend.Part, optional
        Set when the annotations are partitioned (an annotation store opened with
        :func:`analysis.open_annotations`, or :func:`annotate` with ``dask=``):
        ``sentences``, ``tokens`` and ``entities`` are then Dask DataFrames with one
        partition per part, ``docs`` stays a pandas DataFrame, and every analysis
        aggregates part by part (:mod:`analysis.backend`). None: pandas tables.
    memo : dict
        Intermediates shared by analyses (the documents x terms counts of
        :func:`analysis.doc_terms.doc_term_counts`...), kept by
        :func:`analysis.doc_terms.memoised`; views made with ``dataclasses.replace`` share it.
    """

    docs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    entities: pd.DataFrame
    engine: str = "nltk"
    model: str = ""
    quotes: pd.DataFrame | None = field(default=None, repr=False)
    cache: dict = field(default_factory=dict)
    filters: dict = field(default_factory=dict)
    parts: tuple | None = field(default=None, repr=False)
    memo: dict = field(default_factory=Memo, compare=False, repr=False)

    @property
    def merges(self) -> pd.DataFrame:
        """Every automatic merge of entity names: ``variant, canonical, rule, mentions``.

        Review it; veto a merge with an ``aliases.csv`` row whose alias and canonical
        are the variant (see :mod:`analysis.entities`).
        """
        return merge_table(self.entities)

    @checked
    def filter(self, *, sources: list[str] | None = None, start: str | None = None,
               end: str | None = None, query: str | list[str] | None = None) -> "Annotations":
        """The annotations of some documents only: every table is restricted to them.

        Parameters
        ----------
        sources, start, end
            As in :func:`analysis.loading.filter_docs` (outlets; inclusive ISO dates).
        query : str or list of str, optional
            Keep documents containing this word or phrase, matched on tokens as
            :func:`analysis.terms.kwic` matches it (case-insensitive).

        Returns
        -------
        Annotations
            A new object (this one is unchanged) whose repr shows the new counts
            and the filter.

        Examples
        --------
        >>> ann.filter(sources=["TDI"], query="prime minister")  # doctest: +NORMALIZE_WHITESPACE
        Annotations(1 docs, 17 sentences, 405 tokens, 52 entities; engine=nltk;
                    filtered by sources=['TDI'], query='prime minister')
        """
        docs = filter_docs(self.docs, sources=sources, start=start, end=end)
        if query is not None:
            hits = map_reduce(self, matching_docs, concat, query=query_parts(query, False, False),
                              case=False)["doc_id"].astype(str)
            docs = docs[docs["doc_id"].astype(str).isin(set(hits))].reset_index(drop=True)
        keep = set(docs["doc_id"].astype(str))
        given = {"sources": sources, "start": start, "end": end, "query": query}
        filters = {**self.filters, **{k: v for k, v in given.items() if v is not None}}
        if self.parts is not None:
            parts = [p.restrict(keep) for p in self.parts]
            out = partitioned(self, [p for p in parts if p is not None])
            return dataclasses.replace(out, docs=docs, filters=filters)
        tables = {name: getattr(self, name) for name in (*TABLES, "quotes")
                  if getattr(self, name) is not None}
        tables = {name: t[t["doc_id"].astype(str).isin(keep)].reset_index(drop=True)
                  for name, t in tables.items()}
        out = dataclasses.replace(self, docs=docs, filters=filters, **tables)
        return mark_as_annotated(out) if as_annotated(self) else out

    @checked
    def compute(self) -> "Annotations":
        """These annotations with pandas tables (itself when they are not partitioned).

        Reads every partition into this process: for corpora that fit in memory.
        """
        if self.parts is None:
            return self
        tables = {name: compute(getattr(self, name)).reset_index(drop=True)
                  for name in ("sentences", "tokens", "entities")}
        if self.parts and all(p.has_quotes() for p in self.parts):
            tables["quotes"] = map_reduce(self, _own_quotes, concat).reset_index(drop=True)
        return dataclasses.replace(self, parts=None, **tables)

    @checked
    def counts(self) -> dict[str, int]:
        """``docs, sentences, tokens, entities`` (mentions) and ``distinct_entities``.

        Counted part by part when the annotations are partitioned.

        Examples
        --------
        >>> ann.counts()
        {'docs': 2, 'sentences': 26, 'tokens': 716, 'entities': 94, 'distinct_entities': 35}
        """
        got = map_reduce(self, _count_rows, _add_counts)
        return {"docs": len(self.docs), **{t: int(got[t]) for t in TABLES},
                "distinct_entities": int(got["names"].nunique())}

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.filters.items())
        if self.parts is not None:
            sizes = f"{len(self.parts)} partitions (Dask)"
        else:
            sizes = (f"{len(self.sentences)} sentences, {len(self.tokens)} tokens, "
                     f"{len(self.entities)} entities")
        return (f"Annotations({len(self.docs)} docs, {sizes}; engine={self.engine}"
                + (f"; filtered by {shown})" if shown else ")"))


def _own_quotes(ann: Annotations) -> pd.DataFrame:
    return ann.quotes


def _count_rows(ann: Annotations) -> dict:
    out = {t: len(getattr(ann, t)) for t in TABLES}
    return {**out, "names": pd.Series(ann.entities["canonical"].astype(str).unique())}


def _add_counts(*parts: dict) -> dict:
    out = {t: sum(p[t] for p in parts) for t in TABLES}
    return {**out, "names": pd.Series(pd.concat([p["names"] for p in parts]).unique())}


@dataclass(frozen=True, eq=False)
class Part:
    """One partition of an annotation: whole documents and their tables.

    ``store``/``name`` locate it in an annotation store; ``data`` holds it in
    memory instead (:func:`partition`). ``quotes``: the store's folder of quote tables
    (``quotes/<key>``) when it has the current ones. ``doc_ids`` restricts it to some
    documents (after :meth:`Annotations.filter`). Parts are small and picklable:
    Dask ships them to the workers, which read their own tables.
    """

    name: str
    store: str | None = None
    doc_ids: frozenset | None = None
    data: dict | None = field(default=None, repr=False)
    engine: str = "nltk"
    model: str = ""
    ids: tuple = field(default=(), repr=False)  # every document of the part, in order
    quotes: str = ""

    def has_quotes(self) -> bool:
        """Whether this part holds its quotes table."""
        return "quotes" in self.data if self.data is not None else bool(self.quotes)

    def table(self, name: str) -> pd.DataFrame:
        """One table (``docs``, ``sentences``, ``tokens``, ``entities``, ``quotes``) of this part."""
        if self.data is not None:
            frame = self.data[name]
        else:
            folder = self.quotes if name == "quotes" else name
            frame = pd.read_parquet(Path(self.store) / folder / f"{self.name}.parquet")
        if self.doc_ids is not None:
            frame = frame[frame["doc_id"].astype(str).isin(self.doc_ids)].reset_index(drop=True)
        return frame

    def load(self, docs: pd.DataFrame | None = None, columns: list | None = None):
        """This part as an in-memory :class:`~analysis.annotation.Annotations`.

        ``docs``: the caller's documents table for this part, without ``text`` (taken
        from the part), with ``columns`` its column order: columns the caller added
        (``span``, ...) reach the analysis, and documents it dropped are left out.
        """
        stored = self.table("docs")
        if docs is not None:
            if "text" in columns:
                docs = docs.merge(stored[["doc_id", "text"]], on="doc_id", how="left")
            stored = docs[columns].reset_index(drop=True)
        keep = set(stored["doc_id"].astype(str))
        tables = [self.table(t) for t in (*TABLES, "quotes")[:3 + self.has_quotes()]]
        tables = [t if len(keep) == len(self.ids) and self.doc_ids is None
                  else t[t["doc_id"].astype(str).isin(keep)].reset_index(drop=True)
                  for t in tables]
        return Annotations(stored, *tables[:3], engine=self.engine, model=self.model,
                           quotes=tables[3] if len(tables) > 3 else None)

    def restrict(self, doc_ids: set[str]) -> "Part | None":
        """This part limited to ``doc_ids`` (None when it keeps no document)."""
        mine = set(self.ids) if self.doc_ids is None else set(self.doc_ids)
        keep = frozenset(mine & doc_ids)
        return dataclasses.replace(self, doc_ids=keep) if keep else None


@checked
def partition(ann, *, parts: int):
    """Split an in-memory ``Annotations`` into ``parts`` partitions of whole documents.

    The result runs every analysis through Dask (on the default client, if any);
    it gives the same results as ``ann``. Mostly for tests and small experiments:
    a corpus that does not fit in memory is annotated into a store instead
    (``annotate(..., dask=...)``).

    Examples
    --------
    >>> part_ann = partition(ann, parts=2)  # Dask on threads: no client needed
    >>> part_ann
    Annotations(2 docs, 2 partitions (Dask); engine=nltk)
    >>> term_frequencies(part_ann).equals(term_frequencies(ann))
    True
    """
    if is_partitioned(ann):
        raise ValueError("ann is already partitioned; pass the in-memory Annotations")
    ids = ann.docs["doc_id"].astype(str).tolist()
    size = -(-len(ids) // parts) if ids else 1
    out = []
    for i in range(0, max(len(ids), 1), size):
        keep = set(ids[i:i + size])
        data = {name: frame[frame["doc_id"].astype(str).isin(keep)].reset_index(drop=True)
                for name, frame in (("docs", ann.docs),
                                    *((t, getattr(ann, t)) for t in (*TABLES, "quotes")))
                if frame is not None}
        out.append(Part(f"part-{len(out):05d}", data=data, engine=ann.engine, model=ann.model,
                        ids=tuple(ids[i:i + size])))
    return dataclasses.replace(partitioned(ann, out), quotes=None)


def check_ann(ann) -> None:
    """``ann`` must be the :class:`Annotations` of ``annotate()``.

    Examples
    --------
    >>> check_ann("not annotations")
    Traceback (most recent call last):
    ...
    ValueError: ann must be the Annotations returned by annotate(), got str
    """
    if not isinstance(ann, Annotations):
        raise ValueError(f"ann must be the Annotations returned by annotate(), "
                         f"got {type(ann).__name__}")
