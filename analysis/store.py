"""The annotation store: annotations as a partitioned parquet dataset, built by Dask tasks.

With ``annotate(docs, dask=...)`` the annotation runs as Dask tasks on the
cluster's workers and its tables are written here, one file per part of
:data:`PART_DOCS` documents; :func:`open_annotations` opens a store lazily (only
the documents table is read into this process; every analysis then reads the
parts on the workers, :mod:`analysis.backend`). Layout of one store folder::

    manifest.json                written last: the store is complete when it exists
    docs/part-00000.parquet      the part's documents (doc_id, source, date, text, ...)
    sentences/ tokens/ entities/ the part's annotation tables (as Annotations has them)
    raw_entities/ stats/         the chunker's mentions and the part's corpus counts,
                                 inputs of the entity cleaning (analysis.entities)
    quotes/<quote key>/          the part's quotes (analysis.quotation.quote_table), under
                                 the key of the quote code and lexicons (:func:`quote_key`);
                                 ``done.json`` written last

Every worker must be able to read and write the folder (a path on a shared file
system when the workers run on several machines). Building a store takes four
passes; only the first is expensive, and it is resumable: a part whose ``stats``
file exists is not annotated again, and the documents of an unfinished part come
from the per-document cache (``data/processed/annotations``) when they were done.

1. per part: tokens, tags and raw mentions (cached per 64 documents), stop words,
   corpus counts (``stats``);
2. per part, with the counts of all parts added up: span repair, removals, short
   forms and aliases (:func:`analysis.entities.local_names`), and a table of names;
3. once, from the name tables added up: merges and types (``resolve_names``);
4. per part: canonical names and labels written to ``entities/``.

The quotes are a fifth pass (:func:`build_quotes`, per part), kept apart from the four:
editing a quote cue computes the quotes again, and nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pandas as pd

from . import entities as ent
from . import quotation
from .backend import SPLIT_EVERY, _progress_wanted, dask_tables, scatter
from .cache import ChunkStore, _atomic_write, source_hash
from .config import LEXICON_DIR
from .engine import annotate_chunks, assemble, stopword_set, token_features
from .model import Annotations, Part
from .vocabulary import checked

PART_DOCS = 256  # documents per part (each annotated in cache chunks of CHUNK_DOCS)
MANIFEST = "manifest.json"


def _write(store: Path, table: str, name: str, frame: pd.DataFrame) -> None:
    folder = store / table
    folder.mkdir(parents=True, exist_ok=True)
    _atomic_write(folder / f"{name}.parquet", lambda p: frame.to_parquet(p, index=False))


def _read(store: Path, table: str, name: str) -> pd.DataFrame:
    return pd.read_parquet(store / table / f"{name}.parquet")


def annotate_part(name: str, docs: pd.DataFrame, keys: list[str], store: str, raw: str,
                  settings: tuple) -> int:
    """Pass 1 for one part (a Dask task): annotate, write its tables; return documents
    annotated now (0 when the part was already done)."""
    store = Path(store)
    if (store / "stats" / f"{name}.parquet").exists():
        return 0
    engine, model, multiclass = settings
    keys = pd.Series(keys, index=docs.index)
    chunks = ChunkStore(raw, "")
    frames, found = chunks.read(set(keys))
    todo = docs.loc[~keys.isin(found), ["doc_id", "text"]]
    if len(todo):
        new = annotate_chunks(todo, keys, chunks, engine, model, multiclass, 1, False)
        for table in frames:
            frames[table] += new[table]
    tables = assemble(frames, docs, keys)
    tokens = token_features(tables["tokens"], stopword_set())
    for table, frame in (("docs", docs), ("sentences", tables["sentences"]), ("tokens", tokens),
                         ("raw_entities", tables["entities"])):
        _write(store, table, name, frame)
    _write(store, "stats", name, ent.mention_stats(tables["entities"], tokens))  # last
    return len(todo)


def _add_stats(*frames: pd.DataFrame) -> pd.DataFrame:
    both = pd.concat(frames, ignore_index=True)
    return both.groupby(["kind", "key"], sort=False, as_index=False)["n"].sum()


def clean_part(name: str, index: int, store: str, stats: dict) -> pd.DataFrame:
    """Pass 2 for one part: clean its mentions with the corpus counts; its name table."""
    store = Path(store)
    local, _ = ent.local_names(_read(store, "raw_entities", name), _read(store, "tokens", name),
                               stats)
    _write(store, "local_entities", name, local)
    return ent.name_table(local, first=index << 32)


def name_part(name: str, store: str, names: pd.DataFrame) -> int:
    """Pass 4 for one part: canonical names and labels; its number of mentions."""
    store = Path(store)
    out = ent.apply_names(_read(store, "local_entities", name), names)
    _write(store, "entities", name, out)
    return len(out)


def _tree(nodes: list, combine):
    import dask

    while len(nodes) > 1:
        nodes = [dask.delayed(combine)(*nodes[i:i + SPLIT_EVERY])
                 for i in range(0, len(nodes), SPLIT_EVERY)]
    return nodes[0]


def build_store(docs: pd.DataFrame, keys: pd.Series, store: Path, raw: Path,
                settings: tuple, *, progress: bool = True) -> int:
    """Run the four passes on the default Dask client (see the module notes); return the
    number of documents annotated now. Writes ``manifest.json`` last."""
    import dask

    store.mkdir(parents=True, exist_ok=True)
    names = [f"part-{i:05d}" for i in range(max(1, -(-len(docs) // PART_DOCS)))]
    slices = [slice(i * PART_DOCS, (i + 1) * PART_DOCS) for i in range(len(names))]
    todo = [(n, s) for n, s in zip(names, slices)
            if not (store / "stats" / f"{n}.parquet").exists()]
    texts = scatter([docs.iloc[s] for _, s in todo])  # straight to the workers
    done = run_all([dask.delayed(annotate_part)(n, t, keys.iloc[s].tolist(), str(store),
                                                str(raw), settings)
                    for (n, s), t in zip(todo, texts)], what="annotation", progress=progress)
    stats = _tree([dask.delayed(_read)(store, "stats", n) for n in names], _add_stats)
    stats = dask.delayed(ent.stats_dict)(stats)
    tables = [dask.delayed(clean_part)(n, i, str(store), stats) for i, n in enumerate(names)]
    resolved = dask.delayed(ent.resolve_names)(_tree(tables, ent.add_name_tables))
    rows = run_all([dask.delayed(name_part)(n, str(store), resolved) for n in names],
                   what="entity cleaning", progress=progress)
    manifest = {"parts": [{"name": n, "docs": len(docs.iloc[s]), "entities": r,
                           "doc_ids": docs["doc_id"].iloc[s].astype(str).tolist()}
                          for n, s, r in zip(names, slices, rows)],
                "engine": settings[0], "model": settings[1], "documents": len(docs)}
    _atomic_write(store / MANIFEST, lambda p: p.write_text(json.dumps(manifest, indent=1),
                                                           encoding="utf-8"))
    return int(sum(done))


def quote_key() -> str:
    """Key of the quotes: the code that finds them (every ``analysis/quot*.py``) and the lists
    it reads (each ``*_FILE`` path of those modules, and any ``data/lexicons/quote*``)."""
    modules = sorted(p.stem for p in Path(__file__).parent.glob("quot*.py"))
    files = {*LEXICON_DIR.glob("quote*"), *(v for m in modules for k, v in vars(
        sys.modules.get(f"analysis.{m}", quotation)).items()
        if k.endswith("_FILE") and isinstance(v, Path))}
    h = hashlib.sha1(source_hash(*modules).encode())
    for path in sorted(files):
        h.update(path.name.encode() + b"\x1f" + (path.read_bytes() if path.exists() else b""))
    return h.hexdigest()[:16]


def quote_part(name: str, store: str, folder: str, engine: str, model: str) -> int:
    """Pass 5 for one part (a Dask task): its quotes written to ``folder``; their number."""
    part = Part(name, store=store, engine=engine, model=model)
    table = quotation.quote_table(part.load())
    _write(Path(store), folder, name, table)
    return len(table)


def build_quotes(store: Path, *, progress: bool = True) -> str:
    """Find the quotes of every part of a complete store (Dask tasks on the default client)
    unless they are stored under the current :func:`quote_key`; return their folder."""
    import dask

    folder = f"quotes/{quote_key()}"
    if (store / folder / "done.json").exists():
        return folder
    manifest = json.loads((store / MANIFEST).read_text(encoding="utf-8"))
    names = [p["name"] for p in manifest["parts"]
             if not (store / folder / f"{p['name']}.parquet").exists()]
    run_all([dask.delayed(quote_part)(n, str(store), folder, manifest["engine"],
                                      manifest["model"]) for n in names],
            what="quotes", progress=progress)
    _atomic_write(store / folder / "done.json", lambda p: p.write_text("{}", encoding="utf-8"))
    return folder


def run_all(nodes: list, *, what: str, progress: bool = True) -> list:
    """Compute every node on the default client and wait for all of them, even when some
    fail (so the others' parts are written and a rerun does only the failed ones); then
    raise the first failure, saying how many parts failed."""
    from distributed import default_client, progress, wait

    client = default_client()
    futures = client.compute(nodes)
    if progress and _progress_wanted():
        try:
            wait(futures, timeout=3)
        except TimeoutError:
            progress(futures, notebook=False)
    wait(futures)
    failed = [f for f in futures if f.status != "finished"]
    if failed:
        exc = failed[0].exception()
        note = (f"{exc} ({len(failed)} of {len(futures)} parts failed in the {what}; "
                "the others are stored: run again to complete only those)")
        try:
            error = type(exc)(note)
        except Exception:  # noqa: BLE001 - an exception class that takes other arguments
            error = RuntimeError(note)
        raise error from exc
    return client.gather(futures)


@checked
def open_annotations(path: str | os.PathLike, *, docs: pd.DataFrame | None = None):
    """Open an annotation store lazily: partitioned ``Annotations`` over its parts.

    Parameters
    ----------
    path : path-like
        A store folder (``ann.cache["store"]`` of ``annotate(..., dask=...)``).
    docs : pandas.DataFrame, optional
        The documents table to attach (the corpus the store was built from);
        default: read from the store.

    Returns
    -------
    Annotations
        ``parts`` set; ``sentences``, ``tokens``, ``entities`` are Dask DataFrames. The parts
        hold their quotes when the store has them for the current quote code and lexicons
        (:func:`build_quotes`); else ``quotes(ann)`` finds them part by part.

    Raises
    ------
    ValueError
        When ``path`` is no complete store.

    Examples
    --------
    Not run by the tests (it needs a store, which ``annotate(..., dask=<scheduler>)``
    builds on a Dask cluster):

    >>> ann = open_annotations("data/processed/annotations/store/0c1d...")  # doctest: +SKIP
    >>> term_frequencies(ann, by="source")  # doctest: +SKIP
    """
    import pyarrow.parquet as pq

    path = Path(path)
    if not (path / MANIFEST).exists():
        raise ValueError(f"{path} is no complete annotation store (no {MANIFEST}); build one "
                         "with annotate(docs, dask=...)")
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    quotes = f"quotes/{quote_key()}"
    quotes = quotes if (path / quotes / "done.json").exists() else ""
    parts = [Part(p["name"], store=str(path), engine=manifest["engine"],
                  model=manifest["model"], ids=tuple(p["doc_ids"]), quotes=quotes)
             for p in manifest["parts"]]
    if docs is None:
        docs = pd.concat([_read(path, "docs", p.name) for p in parts], ignore_index=True)
    first = parts[0].name
    meta = {t: pq.read_schema(path / t / f"{first}.parquet").empty_table().to_pandas()
            for t in ("sentences", "tokens", "entities")}
    return Annotations(docs, **dask_tables(parts, meta), engine=manifest["engine"],
                       model=manifest["model"], parts=tuple(parts),
                       cache={"store": str(path), "from_cache": len(docs), "computed": 0})
