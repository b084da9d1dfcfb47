"""Annotation: sentences, tokens, POS tags, named entities and quotes, computed once and cached.

:func:`annotate` turns the documents table of :func:`analysis.load_corpus`
into tidy tables (:class:`Annotations`). The expensive part (sentence
splitting, tokenising, tagging, NE chunking) is cached per document as
parquet under ``data/processed/annotations/`` and streamed in chunks over
worker processes; the cheap, editable part (stop words, canonical entity
names from the alias table) is applied after reading the cache, so editing
``data/lexicons/aliases.csv`` or ``stopwords_extra.txt`` takes effect at once
without re-annotating. The quotes (:mod:`analysis.quotation`) are found last, from the
final tables, and cached beside them under their own key (:func:`analysis.store.quote_key`):
editing a quote cue finds the quotes again and nothing else.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import warnings
from pathlib import Path

import pandas as pd

from . import config
from .backend import connect
from .cache import ChunkStore, read_tables, source_hash, write_tables
from .documents import check_docs
from .engine import (
    annotate_chunks,
    assemble,
    doc_keys,
    spacy_pipeline,
    stopword_set,
    token_features,
)
from .entities import canonicalize, lexicon_files
from .gazetteers import gazetteer_version
from .model import Annotations, mark_as_annotated
from .quotation import quote_table
from .resources import has_multiclass_chunker
from .store import (
    build_quotes,
    build_store,
    open_annotations,
    quote_key,
    store_complete,
)
from .vocabulary import Engine, checked

FINAL_KEEP = 8  # assembled results kept per settings (one per corpus/filter/lexicon state)


def _settings_key(engine: str, model: str) -> str:
    from importlib.metadata import version  # not `import nltk`: 1.5 s on a cache hit

    parts = (source_hash("engine", "fastnlp"), engine, model, version("nltk"))
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


@checked
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
    >>> ann = annotate(load_corpus(config.EXAMPLE_CORPUS, progress=False).docs, progress=False)
    >>> ann
    Annotations(2 docs, 26 sentences, 716 tokens, 94 entities; engine=nltk)
    >>> ann.entities[["text", "label", "canonical"]].head(3)
                 text   label       canonical
    0          Russia     GPE          Russia
    1  Vladimir Putin  PERSON  Vladimir Putin
    2           Japan     GPE           Japan
    """
    docs = check_docs(docs)
    multiclass = engine == "nltk" and has_multiclass_chunker(warn=True)
    if engine == "spacy":
        meta = spacy_pipeline(spacy_model).meta  # fails early, with install instructions
        model_key = f"{spacy_model}@{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    model = spacy_model if engine == "spacy" else ("multiclass" if multiclass else "binary")
    if docs.empty:  # zero documents: empty tables with every column, nothing to cache
        return _no_annotations(docs, engine, model)
    key = _settings_key(engine, model_key if engine == "spacy" else model)
    root = Path(cache_dir or config.PROCESSED_DIR / "annotations")
    keys = doc_keys(docs)
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
    ann = Annotations(docs.copy(), tables["sentences"], tables["tokens"], tables["entities"],
                      engine=engine, model=model,
                      cache={"key": key, "from_cache": int(len(docs) - computed),
                             "computed": int(computed)})
    ann.quotes = _cached_quotes(ann, root / key / "quotes", final_key)
    return mark_as_annotated(ann)


def _cached_quotes(ann: Annotations, folder: Path, final_key: str) -> pd.DataFrame:
    """The quotes of ``ann`` (:func:`analysis.quotation.quote_table`), read from ``folder``
    when found there, with their checksum, for these final tables and the current quote code
    and lexicons; found again (with a warning) when the cached file fails its check."""
    entry = folder / f"{final_key}-{quote_key()}"
    if (entry / "meta.json").exists():
        try:
            return read_tables(entry, ("quotes",))[0]["quotes"]
        except (OSError, ValueError) as exc:  # CorruptCacheError is a ValueError
            warnings.warn(f"Cached quotes {entry} fail their check ({type(exc).__name__}: "
                          f"{exc}); they are found again.", stacklevel=3)
    table = quote_table(ann)
    write_tables(entry, {"quotes": table}, {})
    for old in sorted((d for d in folder.iterdir() if d.is_dir()),
                      key=lambda d: d.stat().st_mtime_ns, reverse=True)[FINAL_KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
    return table


def _annotate_store(docs: pd.DataFrame, keys: pd.Series, root: Path, key: str,
                    settings: tuple, progress: bool) -> Annotations:
    """Annotate into the store of these documents and settings (Dask tasks on the
    default client) unless it is complete; open it."""
    store = root / "store" / f"{key}-{_final_key(keys)}-{source_hash('store', 'backend', 'model')[:8]}"
    computed = 0
    if not store_complete(store):  # checksums of every part checked
        computed = build_store(docs.reset_index(drop=True), keys.reset_index(drop=True),
                               store, root / key, settings, progress=progress)
    build_quotes(store, progress=progress)
    ann = open_annotations(store, docs=docs.copy())
    ann.cache.update(key=key, from_cache=int(len(docs) - computed), computed=computed)
    return ann


def _no_annotations(docs: pd.DataFrame, engine: str, model: str) -> Annotations:
    """Annotations of zero documents: each table with its columns and dtypes, no rows."""
    tables = assemble({name: [] for name in ("sentences", "tokens", "entities")}, docs,
                      doc_keys(docs))
    tokens = token_features(tables["tokens"], set())
    names = {c: pd.Series([], dtype="string") for c in ("canonical", "variant", "merge_rule")}
    return Annotations(docs.copy(), tables["sentences"], tokens,
                       tables["entities"].assign(**names), engine=engine, model=model,
                       cache={"key": "", "from_cache": 0, "computed": 0})


def _final_key(keys: pd.Series) -> str:
    """Hash of the documents and of every editable list that post-processing reads."""
    h = hashlib.sha1("\n".join(keys).encode())
    for path in (*lexicon_files(), config.STOPWORDS_EXTRA_FILE):
        h.update(path.read_bytes() if path.exists() else b"")
    h.update(gazetteer_version().encode())  # gazetteer packages
    # the code itself: assembling, stop words and token features, entity cleaning
    h.update(source_hash("annotation", "engine", "entities", "gazetteers", "lexicons").encode())  # the code itself
    return h.hexdigest()[:20]


def _annotated_tables(docs, keys, store, engine, model, multiclass, n_jobs, progress):
    """Per-document chunks from the cache or computed now, assembled and post-processed."""
    frames, found = store.read(set(keys))
    todo = docs.loc[~keys.isin(found), ["doc_id", "text"]]
    if len(todo):
        new = annotate_chunks(todo, keys, store, engine, model, multiclass,
                       n_jobs or os.cpu_count() or 1, progress)
        for name in frames:
            frames[name] += new[name]
    tables = assemble(frames, docs, keys)
    tables["tokens"] = token_features(tables["tokens"], stopword_set())
    # span repair, removals, types and merges read the tokens: the raw per-document
    # chunker output stays cached as it is, so lexicon edits never re-annotate
    tables["entities"] = canonicalize(tables["entities"], tokens=tables["tokens"])
    return tables, len(todo)
