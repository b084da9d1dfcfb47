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
    checks/part-00000.json       written last by pass 1: the digests of the part's files
    quotes/<quote key>/          the part's quotes (analysis.quotation.quote_table), under
                                 the key of the quote code and lexicons (:func:`quote_key`);
                                 ``done.json`` written last

Every worker, and this process, must be able to read and write the folder (a path
on a shared file system when the workers run on several machines). Building a
store takes four passes; only the first is expensive, and it is resumable: a part
whose ``checks`` record exists, and whose files have the digests it lists, is not
annotated again (one that differs is, with a warning), and the documents of an
unfinished part come from the per-document cache (``data/processed/annotations``)
when they were done.

Faults: this process writes each part's documents (``docs/``) first and the tasks
read them from there, so no input lives only in one worker's memory: when a worker
dies, the scheduler runs its tasks again elsewhere and the build completes. When it
cannot (no worker for :data:`NO_WORKERS_GRACE` seconds, a task that killed workers
repeatedly) it fails naming the parts left; running the same call again resumes.
The manifest is sealed (:func:`analysis.cache.seal`) and lists the SHA-1 of every
part file; :func:`store_complete` checks them before a store is reused, and a part
that fails is deleted (with a warning) and annotated again.

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
import os
import sys
import warnings
from pathlib import Path

import pandas as pd

from . import entities as ent
from . import quotation
from .backend import (
    SPLIT_EVERY,
    NoWorkersError,
    _progress_wanted,
    dask_tables,
    wait_for,
)
from .cache import (
    ChunkStore,
    CorruptCacheError,
    _atomic_write,
    digest,
    seal,
    source_hash,
    unseal,
    write_parquet,
)
from .config import LEXICON_DIR
from .engine import annotate_chunks, assemble, stopword_set, token_features
from .model import Annotations, Part
from .vocabulary import checked

PART_DOCS = 256  # documents per part (each annotated in cache chunks of CHUNK_DOCS)
MANIFEST = "manifest.json"
NO_WORKERS_GRACE = 30.0  # seconds without any worker before a build gives up
PART_TABLES = ("docs", "sentences", "tokens", "entities")  # read after the build: checked
CHECKS = "checks"  # per part, written last by pass 1: the digests of its files


def _write(store: Path, table: str, name: str, frame: pd.DataFrame) -> str:
    """Write one table of one part atomically; return the digest of its bytes."""
    folder = store / table
    folder.mkdir(parents=True, exist_ok=True)
    return write_parquet(folder / f"{name}.parquet", frame)


def _read(store: Path, table: str, name: str) -> pd.DataFrame:
    return pd.read_parquet(store / table / f"{name}.parquet")


def annotate_part(name: str, keys: list[str], store: str, raw: str, settings: tuple) -> int:
    """Pass 1 for one part (a Dask task): annotate the documents stored in ``docs/`` (so
    any worker can run it again), write its tables; return documents annotated now (0
    when the part was already done)."""
    store = Path(store)
    if (store / CHECKS / f"{name}.json").exists():
        return 0
    docs = _read(store, "docs", name)
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
    files = {"docs": digest((store / "docs" / f"{name}.parquet").read_bytes())}
    for table, frame in (("sentences", tables["sentences"]), ("tokens", tokens),
                         ("raw_entities", tables["entities"]),
                         ("stats", ent.mention_stats(tables["entities"], tokens))):
        files[table] = _write(store, table, name, frame)
    (store / CHECKS).mkdir(exist_ok=True)  # last: the part is done, with its digests
    _atomic_write(store / CHECKS / f"{name}.json",
                  lambda p: p.write_text(seal({"files": files}), encoding="utf-8"))
    return len(todo)


def _part_done(store: Path, name: str) -> bool:
    """Pass 1 of part ``name`` is done and its files have their digests; a part that fails
    its check is deleted with a warning (False: it is annotated again)."""
    check = store / CHECKS / f"{name}.json"
    if not check.exists():
        return False
    try:
        files = unseal(check.read_text(encoding="utf-8"))["files"]
        bad = [t for t, d in files.items()
               if digest((store / t / f"{name}.parquet").read_bytes()) != d]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        bad = [f"{type(exc).__name__}: {exc}"]
    if not bad:
        return True
    warnings.warn(f"Annotation store {store}: part {name} is corrupt ({', '.join(bad)}); it is "
                  "annotated again.", stacklevel=3)
    check.unlink(missing_ok=True)
    return False


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
    todo = [(n, s) for n, s in zip(names, slices) if not _part_done(store, n)]
    for n, s in todo:  # inputs in storage, not in one worker's memory: recomputable
        _write(store, "docs", n, docs.iloc[s])
    done = run_all([dask.delayed(annotate_part)(n, keys.iloc[s].tolist(), str(store),
                                                str(raw), settings)
                    for n, s in todo], what="annotation", progress=progress,
                   names=[n for n, _ in todo], store=store)
    stats = _tree([dask.delayed(_read)(store, "stats", n) for n in names], _add_stats)
    stats = dask.delayed(ent.stats_dict)(stats)
    tables = [dask.delayed(clean_part)(n, i, str(store), stats) for i, n in enumerate(names)]
    resolved = dask.delayed(ent.resolve_names)(_tree(tables, ent.add_name_tables))
    rows = run_all([dask.delayed(name_part)(n, str(store), resolved) for n in names],
                   what="entity cleaning", progress=progress, names=names, store=store)
    manifest = {"parts": [{"name": n, "docs": len(docs.iloc[s]), "entities": r,
                           "doc_ids": docs["doc_id"].iloc[s].astype(str).tolist(),
                           "files": {t: digest((store / t / f"{n}.parquet").read_bytes())
                                     for t in PART_TABLES}}
                          for n, s, r in zip(names, slices, rows)],
                "engine": settings[0], "model": settings[1], "documents": len(docs)}
    _atomic_write(store / MANIFEST, lambda p: p.write_text(seal(manifest), encoding="utf-8"))
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
    if quotes_complete(store, folder):
        return folder
    manifest = _manifest(store)
    names = [p["name"] for p in manifest["parts"]
             if not (store / folder / f"{p['name']}.parquet").exists()]
    run_all([dask.delayed(quote_part)(n, str(store), folder, manifest["engine"],
                                      manifest["model"]) for n in names],
            what="quotes", progress=progress)
    files = {n: digest((store / folder / f"{n}.parquet").read_bytes())
             for n in (p["name"] for p in manifest["parts"])}
    _atomic_write(store / folder / "done.json",
                  lambda p: p.write_text(seal({"files": files}), encoding="utf-8"))
    return folder


def quotes_complete(store: Path, folder: str) -> bool:
    """True when the quotes under ``folder`` are all there with the digests ``done.json``
    recorded; otherwise False, after a warning when they were there but differ (they are
    then found again)."""
    done = store / folder / "done.json"
    if not done.exists():
        return False
    try:
        files = unseal(done.read_text(encoding="utf-8"))["files"]
        if all(digest((store / folder / f"{n}.parquet").read_bytes()) == d
               for n, d in files.items()):
            return True
    except (OSError, ValueError, KeyError, TypeError):
        pass
    warnings.warn(f"The quotes of annotation store {store} are corrupt; they are found again.",
                  stacklevel=3)
    done.unlink(missing_ok=True)
    for path in (store / folder).glob("*.parquet"):
        path.unlink(missing_ok=True)
    return False




def _manifest(store: Path) -> dict:
    """The sealed manifest of ``store``; ``CorruptCacheError`` when it fails its checks."""
    manifest = unseal((store / MANIFEST).read_text(encoding="utf-8"))
    parts = manifest.get("parts")
    if not (isinstance(parts, list) and parts and all(
            isinstance(p, dict) and isinstance(p.get("files"), dict) for p in parts)):
        raise CorruptCacheError("manifest lists no parts")
    return manifest


def store_complete(store: Path) -> bool:
    """True when ``store`` has a valid manifest and every part file has its recorded digest.

    Otherwise False, after a warning: the manifest is removed, and so is every file of a
    part that failed (its ``stats`` too), so building again re-annotates only those parts.
    """
    if not (store / MANIFEST).exists():
        return False
    try:
        manifest = _manifest(store)
    except (OSError, ValueError) as exc:
        bad, why = [], f"{type(exc).__name__}: {exc}"
    else:
        bad = [p["name"] for p in manifest["parts"] if not _part_ok(store, p)]
        if not bad:
            return True
        why = f"{len(bad)} part(s) differ from their checksums: {', '.join(bad[:5])}"
    warnings.warn(f"Annotation store {store} is corrupt ({why}); it is rebuilt (only the "
                  "parts that failed are annotated again).", stacklevel=3)
    (store / MANIFEST).unlink(missing_ok=True)
    for name in bad:
        for path in store.glob(f"*/{name}.*"):
            path.unlink(missing_ok=True)
    return False


def _part_ok(store: Path, part: dict) -> bool:
    try:
        return all(digest((store / t / f"{part['name']}.parquet").read_bytes())
                   == part["files"].get(t) for t in PART_TABLES)
    except (OSError, KeyError, TypeError):
        return False


def run_all(nodes: list, *, what: str, progress: bool = True, names: list | None = None,
            store: Path | None = None) -> list:
    """Compute every node on the default client and wait for all of them, even when some
    fail (so the others' parts are written and a rerun does only the failed ones); then
    raise the first failure, saying how many parts failed. A worker lost mid-task is
    replaced by the scheduler (the task runs again elsewhere); with no worker at all for
    :data:`NO_WORKERS_GRACE` seconds, fail naming the parts left (``names``)."""
    import threading

    from distributed import default_client, wait
    from distributed import progress as progress_bar

    client = default_client()
    futures = client.compute(nodes)
    names = names or [f"task {i}" for i in range(len(futures))]
    if progress and _progress_wanted():
        try:
            wait(futures, timeout=3)
        except TimeoutError:  # the bar blocks until done: beside the wait that can give up
            threading.Thread(target=progress_bar, args=(futures,), kwargs={"notebook": False},
                             daemon=True).start()
    _wait_for_workers(client, futures, what, names, store)
    failed = [(n, f) for n, f in zip(names, futures) if f.status != "finished"]
    if failed:
        exc = _exception(failed[0][1])
        note = (f"{exc} ({len(failed)} of {len(futures)} parts failed in the {what}: "
                f"{_listed(n for n, _ in failed)}; the others are stored: run the same call "
                "again to complete only those)")
        try:
            error = type(exc)(note)
        except Exception:  # noqa: BLE001 - an exception class that takes other arguments
            error = RuntimeError(note)
        raise error from exc
    return client.gather(futures)


def _exception(future) -> BaseException:
    try:
        return future.exception(timeout=5) or RuntimeError(f"task {future.status}")
    except BaseException as exc:  # noqa: BLE001 - cancelled, or the scheduler is gone
        return RuntimeError(f"task {future.status} ({type(exc).__name__}: {exc})")


def _listed(names) -> str:
    names = list(names)
    return ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")


def _wait_for_workers(client, futures: list, what: str, names: list, store) -> None:
    """Wait for ``futures``; raise when the cluster has had no worker for the grace time."""
    try:
        wait_for(client, futures, grace=NO_WORKERS_GRACE)
    except NoWorkersError as exc:
        left = [n for n, f in zip(names, futures) if f.status != "finished"]
        raise RuntimeError(
            f"The {what} cannot complete: {exc}; {len(left)} of {len(futures)} parts are left "
            f"({_listed(left)}). The parts done are kept in {store}: start workers "
            "(`dask worker <scheduler address>`) and run the same call again to resume.") from None


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

    if not str(path):
        raise ValueError("path must name an annotation store folder, got ''")
    path = Path(path)
    if not (path / MANIFEST).exists():
        raise ValueError(f"{path} is no complete annotation store (no {MANIFEST}); build one "
                         "with annotate(docs, dask=...)")
    try:
        manifest = _manifest(path)
    except CorruptCacheError as exc:
        raise ValueError(f"{path} is no complete annotation store ({MANIFEST}: {exc}); "
                         "build it again with annotate(docs, dask=...)") from None
    quotes = f"quotes/{quote_key()}"
    quotes = quotes if quotes_complete(path, quotes) else ""
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
