"""Annotation: sentences, tokens, POS tags and named entities, computed once and cached.

:func:`annotate` turns the documents table of :func:`analysis.load_corpus`
into four tidy tables (:class:`Annotations`). The expensive part (sentence
splitting, tokenising, tagging, NE chunking) is cached per document as
parquet under ``data/processed/annotations/`` and streamed in chunks over
worker processes; the cheap, editable part (stop words, canonical entity
names from the alias table) is applied after reading the cache, so editing
``data/lexicons/aliases.csv`` or ``stopwords_extra.txt`` takes effect at once
without re-annotating.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .resources import has_multiclass_chunker, register_project_nltk_dir

from .vocabulary import ENGINES, UNTYPED, Engine

CHUNK_DOCS = 64  # documents per worker task and per cache file
TABLES = ("sentences", "tokens", "entities")
FINAL_KEEP = 8  # assembled results kept per settings (one per corpus/filter/lexicon state)

SENTENCE_COLUMNS = ["doc_id", "paragraph_id", "sent_id", "start", "end", "text"]
TOKEN_COLUMNS = ["doc_id", "paragraph_id", "sent_id", "token_id", "start", "end", "text", "lower",
                 "pos", "is_stop", "is_alpha"]
ENTITY_COLUMNS = ["doc_id", "paragraph_id", "sent_id", "start_token", "end_token", "text",
                  "label", "canonical"]


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
    parts : tuple of analysis.backend.Part, optional
        Set when the annotations are partitioned (an annotation store opened with
        :func:`analysis.open_annotations`, or :func:`annotate` with ``dask=``):
        ``sentences``, ``tokens`` and ``entities`` are then Dask DataFrames with one
        partition per part, ``docs`` stays a pandas DataFrame, and every analysis
        aggregates part by part (:mod:`analysis.backend`). None: pandas tables.
    """

    docs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    entities: pd.DataFrame
    engine: str = "nltk"
    model: str = ""
    cache: dict = field(default_factory=dict)
    filters: dict = field(default_factory=dict)
    parts: tuple | None = field(default=None, repr=False)

    @property
    def merges(self) -> pd.DataFrame:
        """Every automatic merge of entity names: ``variant, canonical, rule, mentions``.

        Review it; veto a merge with an ``aliases.csv`` row whose alias and canonical
        are the variant (see :mod:`analysis.entities`).
        """
        from .entities import merge_table

        return merge_table(self.entities)

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
        >>> ann.filter(sources=["RT", "BBC"], query="grain deal")  # doctest: +SKIP
        Annotations(4 docs, 48 sentences, 1499 tokens, 128 entities; engine=nltk; filtered by sources=['RT', 'BBC'], query='grain deal')
        """
        import dataclasses

        from .loading import filter_docs
        from .terms import kwic

        docs = filter_docs(self.docs, sources=sources, start=start, end=end)
        if query is not None:
            hits = kwic(self, query, window=0)["doc_id"].astype(str)
            docs = docs[docs["doc_id"].astype(str).isin(set(hits))].reset_index(drop=True)
        keep = set(docs["doc_id"].astype(str))
        given = {"sources": sources, "start": start, "end": end, "query": query}
        filters = {**self.filters, **{k: v for k, v in given.items() if v is not None}}
        if self.parts is not None:
            from .backend import partitioned

            parts = [p.restrict(keep) for p in self.parts]
            out = partitioned(self, [p for p in parts if p is not None])
            return dataclasses.replace(out, docs=docs, filters=filters)
        tables = {name: getattr(self, name) for name in ("sentences", "tokens", "entities")}
        tables = {name: t[t["doc_id"].astype(str).isin(keep)].reset_index(drop=True)
                  for name, t in tables.items()}
        return dataclasses.replace(self, docs=docs, filters=filters, **tables)

    def compute(self) -> "Annotations":
        """These annotations with pandas tables (itself when they are not partitioned).

        Reads every partition into this process: for corpora that fit in memory.
        """
        if self.parts is None:
            return self
        import dataclasses

        from .backend import compute

        tables = {name: compute(getattr(self, name)).reset_index(drop=True)
                  for name in ("sentences", "tokens", "entities")}
        return dataclasses.replace(self, parts=None, **tables)

    def counts(self) -> dict[str, int]:
        """``docs, sentences, tokens, entities`` (mentions) and ``distinct_entities``.

        Counted part by part when the annotations are partitioned.

        Examples
        --------
        >>> ann.counts()  # doctest: +SKIP
        {'docs': 2, 'sentences': 26, 'tokens': 716, 'entities': 87, 'distinct_entities': 41}
        """
        from .backend import map_reduce

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


def _count_rows(ann: Annotations) -> dict:
    out = {t: len(getattr(ann, t)) for t in TABLES}
    return {**out, "names": pd.Series(ann.entities["canonical"].astype(str).unique())}


def _add_counts(*parts: dict) -> dict:
    out = {t: sum(p[t] for p in parts) for t in TABLES}
    return {**out, "names": pd.Series(pd.concat([p["names"] for p in parts]).unique())}


# --------------------------------------------------------------------------- engines
@functools.lru_cache(maxsize=1)
def _nltk_models(multiclass: bool):
    from nltk.tag.perceptron import PerceptronTagger
    from nltk.tokenize.punkt import PunktTokenizer

    from .fastnlp import WordTokenizer, load_ne_chunker

    register_project_nltk_dir()
    chunker = load_ne_chunker("multiclass" if multiclass else "binary")
    return PunktTokenizer("english"), WordTokenizer(), PerceptronTagger(), chunker


@functools.lru_cache(maxsize=2)
def _fast_models(multiclass: bool):
    """:class:`~analysis.fastnlp.FastTagger` and, for the binary model,
    :class:`~analysis.fastnlp.FastChunker` (None for the multiclass one), built once."""
    from .fastnlp import FastChunker, FastTagger

    _, _, tagger, chunker = _nltk_models(multiclass)
    return FastTagger(tagger), (None if multiclass else FastChunker(chunker))


@functools.lru_cache(maxsize=2)
def _spacy_pipeline(model: str):
    try:
        import spacy
    except ImportError:
        raise ValueError("engine='spacy' needs spaCy: pip install -e '.[spacy]' and then "
                         f"python -m spacy download {model}") from None
    try:
        return spacy.load(model)
    except OSError:
        raise ValueError(f"spaCy model {model!r} is not installed. Install it with: "
                         f"python -m spacy download {model}  (or pass spacy_model= the name "
                         "or path of an installed pipeline)") from None


def _chunk_entities(tree, offset: int, binary: bool) -> list[tuple[int, int, str]]:
    spans, i = [], 0
    for node in tree:
        if hasattr(node, "label"):
            n = len(node)
            spans.append((offset + i, offset + i + n, UNTYPED if binary else node.label()))
            i += n
        else:
            i += 1
    return spans


def _spacy_entities(nlp, words: list[str], offset: int) -> list[tuple[int, int, str]]:
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return [(offset + e.start, offset + e.end, e.label_) for e in doc.ents]


# --------------------------------------------------------------------------- worker
def annotate_texts(items: list[tuple[str, str]], engine: str = "nltk", model: str = "",
                   multiclass: bool = False) -> dict[str, list]:
    """Annotate ``(doc_id, text)`` pairs; return raw column lists (no stop words, no canonical).

    This is the unit of work sent to a worker process. Paragraphs are the
    lines of ``text``; sentences come from punkt over each paragraph, tokens
    from NLTK's word tokenizer, tags from the perceptron tagger, entities from
    the chosen engine. Tagging and binary chunking go through
    :mod:`analysis.fastnlp` (NLTK's models and output, all sentences of the task
    in one batch: about 7x faster than NLTK's objects one sentence at a time).
    """
    punkt, words_tok, tagger, chunker = _nltk_models(multiclass)
    units = sentence_units(items, punkt, words_tok)
    fast_tagger, fast_chunker = _fast_models(multiclass)
    tagged_all = fast_tagger.tag_sents([u[7] for u in units])
    if engine == "spacy":
        nlp = _spacy_pipeline(model)
        spans_all = [_spacy_entities(nlp, u[7], 0) for u in units]
    elif fast_chunker is not None:
        spans_all = fast_chunker.spans_sents(tagged_all, untyped=UNTYPED)
    else:  # the multiclass model: NLTK's own chunker (the fast one is checked on binary only)
        spans_all = [_chunk_entities(chunker.parse(t), 0, False) for t in tagged_all]
    return _columns(units, tagged_all, spans_all)


def sentence_units(items: list[tuple[str, str]], punkt, words_tok) -> list[tuple]:
    """``(doc_id, par_id, pos, para, flat, start, end, words)`` of every sentence with words:
    paragraphs are the lines (``pos`` their offset), sentences punkt's, words NLTK's."""
    units = []
    for doc_id, text in items:
        pos = 0
        for par_id, para in enumerate(text.split("\n")):
            # the tokenizer knows "'s" and "n't" but not their curly forms: same length,
            # so offsets into the original text stay valid
            flat = para.replace("\u2019", "'")
            for start, end in punkt.span_tokenize(para):
                words = words_tok.tokenize(flat[start:end])
                if words:
                    units.append((doc_id, par_id, pos, para, flat, start, end, words))
            pos += len(para) + 1
    return units


def _columns(units: list, tagged_all: list, spans_all: list) -> dict[str, dict[str, list]]:
    """The sentence, token and entity columns of the annotated ``units`` (in order)."""
    sents = {c: [] for c in SENTENCE_COLUMNS}
    toks = {c: [] for c in ("doc_id", "paragraph_id", "sent_id", "token_id", "start", "end",
                            "text", "pos")}
    ents = {c: [] for c in ("doc_id", "paragraph_id", "sent_id", "start_token", "end_token")}
    ents["label"], ents["text"] = [], []
    last_doc = object()
    for (doc_id, par_id, pos, para, flat, start, end, words), tagged, spans in zip(
            units, tagged_all, spans_all):
        if doc_id != last_doc:
            sent_id = token_id = 0
            last_doc = doc_id
        for col, val in zip(SENTENCE_COLUMNS, (doc_id, par_id, sent_id, pos + start, pos + end,
                                               para[start:end])):
            sents[col].append(val)
        n = len(words)
        toks["doc_id"] += [doc_id] * n
        toks["paragraph_id"] += [par_id] * n
        toks["sent_id"] += [sent_id] * n
        toks["token_id"] += range(token_id, token_id + n)
        for a, b in _token_spans(words, flat[start:end]):
            toks["start"].append(pos + start + a)
            toks["end"].append(pos + start + b)
        toks["text"] += words
        toks["pos"] += [t for _, t in tagged]
        for s, e, label in spans:
            for col, val in zip(ents, (doc_id, par_id, sent_id, token_id + s, token_id + e,
                                       label, " ".join(words[s:e]))):
                ents[col].append(val)
        token_id += n
        sent_id += 1
    return {"sentences": sents, "tokens": toks, "entities": ents}


_QUOTE_TOKEN_RE = re.compile(r"``|''|\"")


def _token_spans(words: list[str], text: str) -> list[tuple[int, int]]:
    r"""Character spans of the treebank tokens ``words`` in ``text`` (as NLTK's
    ``span_tokenize``, without tokenizing twice): the tokenizer writes straight
    double quotes as ``\`\``` or ``''``, so those tokens are matched to the quote
    characters of the text in order. A token that cannot be found (should not
    happen) gets the empty span at the current position, so offsets stay monotone.
    """
    quotes = [m.group() for m in _QUOTE_TOKEN_RE.finditer(text)] if '"' in text or "''" in text \
        else []
    spans, point = [], 0
    for word in words:
        if quotes and word in ('"', "``", "''"):
            word = quotes.pop(0)
        found = text.find(word, point)
        if found < 0:
            spans.append((point, point))
            continue
        point = found + len(word)
        spans.append((found, point))
    return spans


def _frames(raw: dict[str, dict[str, list]]) -> dict[str, pd.DataFrame]:
    int_cols = {"paragraph_id", "sent_id", "token_id", "start", "end", "start_token", "end_token"}
    out = {}
    for name, cols in raw.items():
        frame = pd.DataFrame(cols)
        for c in frame.columns:
            frame[c] = frame[c].astype("int32" if c in int_cols else "string")
        out[name] = frame
    return out


# --------------------------------------------------------------------------- annotate
def _settings_key(engine: str, model: str) -> str:
    from importlib.metadata import version  # not `import nltk`: 1.5 s on a cache hit

    from .cache import source_hash

    parts = (source_hash("annotation", "fastnlp"), engine, model, version("nltk"))
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def _doc_keys(docs: pd.DataFrame) -> pd.Series:
    return pd.Series([hashlib.sha1(f"{d}\x1f{t}".encode()).hexdigest()[:20]
                      for d, t in zip(docs["doc_id"], docs["text"])], index=docs.index)


def _work(args: tuple) -> dict[str, dict[str, list]]:
    items, engine, model, multiclass = args
    return annotate_texts(items, engine, model, multiclass)


def _compute(todo: pd.DataFrame, keys: pd.Series, store, engine: str, model: str,
             multiclass: bool, n_jobs: int, progress: bool) -> dict[str, list]:
    """Annotate the documents in ``todo`` chunk by chunk, writing each chunk to the cache."""
    chunks = [todo.iloc[i:i + CHUNK_DOCS] for i in range(0, len(todo), CHUNK_DOCS)]
    tasks = [(list(zip(c["doc_id"], c["text"])), engine, model, multiclass) for c in chunks]
    out = {"sentences": [], "tokens": [], "entities": []}
    bar = _progress_bar(len(todo), progress)
    pool = None
    if n_jobs > 1 and len(chunks) > 1:
        import multiprocessing as mp
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        pool = ctx.Pool(min(n_jobs, len(chunks)))
        results = _bounded_map(pool, tasks, ahead=2 * min(n_jobs, len(chunks)))
    else:
        results = map(_work, tasks)
    try:
        for chunk, raw in zip(chunks, results):
            frames = _frames(raw)
            key_of = dict(zip(chunk["doc_id"], keys.loc[chunk.index]))
            for name, frame in frames.items():
                frame["doc_key"] = frame["doc_id"].map(key_of).astype("string")
                out[name].append(frame)
            store.write(list(key_of.values()), frames)
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if pool is not None:
            pool.terminate()
        if bar is not None:
            bar.close()
    return out


def _bounded_map(pool, tasks: list, *, ahead: int):
    """``pool.imap(_work, tasks)`` with at most ``ahead`` tasks in flight: finished results
    never pile up in the parent faster than it stores them (``imap`` queues them all)."""
    from collections import deque

    pending, rest = deque(), iter(tasks)
    for task in itertools.islice(rest, ahead):
        pending.append(pool.apply_async(_work, (task,)))
    while pending:
        result = pending.popleft().get()
        task = next(rest, None)
        if task is not None:
            pending.append(pool.apply_async(_work, (task,)))
        yield result


def _progress_bar(total: int, progress: bool):
    if not progress or total == 0:
        return None
    from tqdm.auto import tqdm
    return tqdm(total=total, desc="Annotating", unit="doc")


def _validate(docs, engine, n_jobs) -> pd.DataFrame:
    if hasattr(docs, "docs") and isinstance(docs.docs, pd.DataFrame):
        docs = docs.docs  # a Corpus
    if not isinstance(docs, pd.DataFrame):
        raise ValueError(f"docs must be a DataFrame (Corpus.docs), got {type(docs).__name__}")
    missing = {"doc_id", "text"} - set(docs.columns)
    if missing:
        raise ValueError(f"docs lacks column(s) {sorted(missing)}; found {list(docs.columns)}")
    if docs["doc_id"].duplicated().any():
        dup = docs.loc[docs["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise ValueError(f"doc_id must be unique; {dup!r} appears more than once")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    if n_jobs is not None and (not isinstance(n_jobs, int) or isinstance(n_jobs, bool)
                               or n_jobs < 1):
        raise ValueError(f"n_jobs must be a positive integer or None (all cores), got {n_jobs!r}")
    return docs


def annotate(docs, *, engine: Engine = "nltk", n_jobs: int | None = None,
             cache_dir: str | os.PathLike | None = None, progress: bool = True,
             spacy_model: str = "en_core_web_sm", dask: str = "") -> Annotations:
    """Split sentences, tokenise, tag and find named entities, with a per-document cache.

    Parameters
    ----------
    docs : pandas.DataFrame or Corpus
        Documents with unique ``doc_id`` and cleaned ``text`` (``Corpus.docs``).
    engine : {"nltk", "spacy"}, default "nltk"
        Named-entity engine. ``"nltk"`` uses the typed (multiclass) chunker
        when installed, else the binary one (label ``ENTITY``, one warning).
        ``"spacy"`` uses the pipeline named by ``spacy_model``.
    n_jobs : int, optional
        Worker processes (default: all cores). Results are identical for any value.
    cache_dir : path-like, optional
        Cache folder; default ``data/processed/annotations``.
    progress : bool, default True
        Show a progress bar while documents are annotated.
    spacy_model : str, default "en_core_web_sm"
        Name or path of an installed spaCy pipeline (``engine="spacy"`` only).
    dask : str, default ""
        A Dask scheduler address (``"tcp://host:8786"``) or ``"local"``: annotate as
        Dask tasks on that cluster's workers into an annotation store under
        ``cache_dir`` (:mod:`analysis.store`; a folder every worker can read and
        write) and return partitioned annotations whose analyses run there too.
        Default: the ``ANALYSIS_DASK`` environment variable; when that is empty too,
        everything runs in this process (``n_jobs`` worker processes) and the
        tables are pandas DataFrames. Both give the same numbers.

    Returns
    -------
    Annotations

    Raises
    ------
    ValueError
        For a bad argument, or an engine whose model is not installed.

    Examples
    --------
    >>> ann = annotate(load_corpus(config.EXAMPLE_CORPUS).docs, progress=False)  # doctest: +SKIP
    >>> ann.entities.query("canonical == 'Vladimir Putin'").shape[0] > 0  # doctest: +SKIP
    True
    """
    docs = _validate(docs, engine, n_jobs)
    multiclass = engine == "nltk" and has_multiclass_chunker(warn=True)
    if engine == "spacy":
        meta = _spacy_pipeline(spacy_model).meta  # fails early, with install instructions
        model_key = f"{spacy_model}@{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    model = spacy_model if engine == "spacy" else ("multiclass" if multiclass else "binary")
    from .cache import ChunkStore

    key = _settings_key(engine, model_key if engine == "spacy" else model)
    root = Path(cache_dir or config.PROCESSED_DIR / "annotations")
    keys = _doc_keys(docs)
    from .backend import connect

    if connect(dask) is not None:
        return _annotate_store(docs, keys, root, key, (engine, model, multiclass), progress)
    final = ChunkStore(root / key, "final")  # whole result, post-processing included
    final_key = _final_key(keys)
    frames, found = final.read({final_key})
    computed = 0
    if found:
        tables = {name: parts[0] for name, parts in frames.items()}
    else:
        tables, computed = _annotated_tables(docs, keys, ChunkStore(root, key), engine, model,
                                             multiclass, n_jobs, progress)
        final.write([final_key], tables)
        final.prune(keep=FINAL_KEEP)
    return Annotations(docs.copy(), tables["sentences"], tables["tokens"], tables["entities"],
                       engine=engine, model=model,
                       cache={"key": key, "from_cache": int(len(docs) - computed),
                              "computed": int(computed)})


def _annotate_store(docs: pd.DataFrame, keys: pd.Series, root: Path, key: str,
                    settings: tuple, progress: bool) -> Annotations:
    """Annotate into the store of these documents and settings (Dask tasks on the
    default client) unless it is complete; open it."""
    from .store import MANIFEST, build_store, open_annotations

    from .cache import source_hash

    store = root / "store" / f"{key}-{_final_key(keys)}-{source_hash('store', 'backend')[:8]}"
    computed = 0
    if not (store / MANIFEST).exists():
        computed = build_store(docs.reset_index(drop=True), keys.reset_index(drop=True),
                               store, root / key, settings, progress=progress)
    ann = open_annotations(store, docs=docs.copy())
    ann.cache.update(key=key, from_cache=int(len(docs) - computed), computed=computed)
    return ann


def _final_key(keys: pd.Series) -> str:
    """Hash of the documents and of every editable list that post-processing reads."""
    h = hashlib.sha1("\n".join(keys).encode())
    from .entities import lexicon_files
    from .gazetteers import gazetteer_version

    for path in (*lexicon_files(), config.STOPWORDS_EXTRA_FILE):
        h.update(path.read_bytes() if path.exists() else b"")
    h.update(gazetteer_version().encode())  # gazetteer packages
    from .cache import source_hash

    h.update(source_hash("annotation", "entities", "gazetteers").encode())  # the code itself
    return h.hexdigest()[:20]


def _annotated_tables(docs, keys, store, engine, model, multiclass, n_jobs, progress):
    """Per-document chunks from the cache or computed now, assembled and post-processed."""
    from .entities import canonicalize

    frames, found = store.read(set(keys))
    todo = docs.loc[~keys.isin(found), ["doc_id", "text"]]
    if len(todo):
        new = _compute(todo, keys, store, engine, model, multiclass,
                       n_jobs or os.cpu_count() or 1, progress)
        for name in frames:
            frames[name] += new[name]
    tables = _assemble(frames, docs, keys)
    tables["tokens"] = _token_features(tables["tokens"], stopword_set())
    # span repair, removals, types and merges read the tokens: the raw per-document
    # chunker output stays cached as it is, so lexicon edits never re-annotate
    tables["entities"] = canonicalize(tables["entities"], tokens=tables["tokens"])
    return tables, len(todo)


def _assemble(frames: dict[str, list], docs: pd.DataFrame, keys: pd.Series) -> dict:
    order = {d: i for i, d in enumerate(docs["doc_id"])}
    sort_by = {"sentences": ["sent_id"], "tokens": ["token_id"], "entities": ["start_token"]}
    columns = {"sentences": SENTENCE_COLUMNS, "tokens": TOKEN_COLUMNS[:7] + ["pos"],
               "entities": ENTITY_COLUMNS[:-1]}
    out = {}
    for name, parts in frames.items():
        parts = [p for p in parts if len(p)]
        if not parts:
            frame = _frames({name: {c: [] for c in columns[name]}})[name]
        else:
            frame = pd.concat(parts, ignore_index=True)
        frame = frame.drop(columns=["doc_key"], errors="ignore")
        frame["_order"] = frame["doc_id"].map(order)
        frame = frame.sort_values(["_order"] + sort_by[name], kind="stable", ignore_index=True)
        out[name] = frame.drop(columns="_order")[columns[name]]
    return out


def stopword_set(*, extra: list[str] | tuple[str, ...] = ()) -> frozenset[str]:
    """NLTK's English stop words, plus ``data/lexicons/stopwords_extra.txt``, plus ``extra``.

    Examples
    --------
    >>> {"the", "said"} <= stopword_set()
    True
    """
    return _stopwords_cached(tuple(sorted(set(extra))), _mtime(config.STOPWORDS_EXTRA_FILE))


def _mtime(path) -> int:
    return path.stat().st_mtime_ns if path.exists() else 0


@functools.lru_cache(maxsize=8)
def _stopwords_cached(extra: tuple[str, ...], _mtime_ns: int) -> frozenset[str]:
    from nltk.corpus import stopwords

    register_project_nltk_dir()
    words = set(stopwords.words("english"))
    if config.STOPWORDS_EXTRA_FILE.exists():
        for line in config.STOPWORDS_EXTRA_FILE.read_text(encoding="utf-8").splitlines():
            line = line.strip().lower()
            if line and not line.startswith("#"):
                words.add(line)
    return frozenset(words | {w.lower() for w in extra})


#: spellings of the country that would otherwise lower-case to the pronoun "us"
US_FORMS = frozenset({"US", "U.S.", "U.S", "USA", "U.S.A.", "U.S.A"})
US_TERM = "u.s."  # the country's term; "us" stays the pronoun
_ABBREV_RE = r"^(?:[A-Za-z]\.)+[A-Za-z]\.?$"  # U.K., U.N, E.U.


def _token_features(tokens: pd.DataFrame, stops: frozenset[str]) -> pd.DataFrame:
    """Add ``lower``, ``is_stop``, ``is_alpha``.

    ``lower`` is the lower-cased token, with two exceptions that keep terms
    apart which lower-casing would merge or lose: the United States written
    ``US``/``U.S.``/``USA`` becomes ``u.s.`` (not the pronoun ``us``; a bare
    ``US`` in an all-capitals sentence such as "JOIN US ON TELEGRAM" stays the
    pronoun), and dotted abbreviations lose their dots (``U.K.`` -> ``uk``, as
    ``UK``) and count as words (``is_alpha``).
    """
    tokens = tokens.copy()
    text = tokens["text"].astype("string")
    lower = text.str.lower()
    abbrev = text.str.match(_ABBREV_RE).fillna(False).to_numpy(bool)
    lower = lower.mask(abbrev, lower.str.replace(".", "", regex=False))
    country = text.isin(US_FORMS).to_numpy(bool) & ~((text == "US").to_numpy(bool)
                                                      & _shouting(tokens, text))
    lower = lower.mask(country, US_TERM)
    tokens["lower"] = lower
    tokens["is_stop"] = lower.isin(stops).to_numpy(bool) & ~country
    tokens["is_alpha"] = text.str.isalpha().fillna(False).to_numpy(bool) | abbrev | country
    return tokens[TOKEN_COLUMNS]


def _shouting(tokens: pd.DataFrame, text: pd.Series) -> np.ndarray:
    """True for tokens of sentences written mostly in capitals (3+ words, >= 60% all-caps)."""
    word = text.str.len().fillna(0).to_numpy() >= 2
    word &= text.str.isalpha().fillna(False).to_numpy(bool)
    upper = word & text.str.isupper().fillna(False).to_numpy(bool)
    keys = [tokens["doc_id"].to_numpy(), tokens["sent_id"].to_numpy()]
    n_words = pd.Series(word).groupby(keys).transform("sum").to_numpy()
    n_upper = pd.Series(upper).groupby(keys).transform("sum").to_numpy()
    return (n_words >= 3) & (n_upper >= 0.6 * n_words)
