"""A parquet cache of per-document annotation tables, safe against crashes.

Layout: ``<root>/<settings key>/<chunk>.<table>.parquet`` plus
``<chunk>.json``, the chunk's manifest (its document keys, the row count and
the SHA-1 of each table file, and a checksum of the manifest itself). A manifest
is written last, by write-then-rename, so a chunk without one is invisible.
Every read proves itself: the bytes of each file are hashed as they are read
(no second read) and compared with the manifest; a chunk whose manifest is no
valid sealed record (``null``, garbage, a flipped bit) or whose files differ
from it (a flipped bit, a truncated file) or do not read back is reported with
a warning, deleted and recomputed: never served, never an error on later runs.
Only parquet and JSON are written: no pickle.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import uuid
import warnings
from pathlib import Path

import pandas as pd

TABLES = ("sentences", "tokens", "entities")


def source_hash(*modules: str) -> str:
    """Hash of the source code of the named ``analysis`` modules or packages (``"loading"``,
    ``"entities"`` ...).

    Cache keys include it, so editing the code that produces cached data makes the
    cache miss instead of returning what the old code made (no version to bump by hand).
    A module ``analysis/<name>.py`` adds its name and its bytes; a package
    ``analysis/<name>/`` adds every ``.py`` file under it, in sorted order, each with its
    path relative to ``analysis/``.

    Examples
    --------
    >>> len(source_hash("cache"))
    16
    >>> source_hash("entities") != source_hash("cache")
    True
    """
    here = Path(__file__).parent
    h = hashlib.sha1()
    for name in modules:
        path, package = here / f"{name}.py", here / name
        if path.exists():
            h.update(name.encode() + b"\x1f" + path.read_bytes())
        elif (package / "__init__.py").exists():
            files = {p.relative_to(here).as_posix(): p for p in package.rglob("*.py")}
            for rel in sorted(files):
                h.update(rel.encode() + b"\x1f" + files[rel].read_bytes())
        else:
            raise ValueError(f"no module analysis/{name}.py or package analysis/{name}/ to hash")
    return h.hexdigest()[:16]


class CorruptCacheError(ValueError):
    """A cache file or manifest that fails its check (the caller rebuilds the entry)."""


def digest(data: bytes) -> str:
    """The checksum recorded for a cache file: SHA-1 of its bytes (about 1 ms per MB).

    Examples
    --------
    >>> digest(b"abc")
    'a9993e364706816aba3e25717850c26c9cd0d89d'
    """
    return hashlib.sha1(data).hexdigest()


def seal(record: dict) -> str:
    """``record`` as JSON with a ``check`` field: the digest of the rest (see :func:`unseal`).

    Examples
    --------
    >>> unseal(seal({"rows": 3}))
    {'rows': 3}
    """
    body = json.dumps(record, sort_keys=True)
    return json.dumps({**record, "check": digest(body.encode())}, sort_keys=True)


def unseal(text: str) -> dict:
    """The record of a :func:`seal`-ed JSON text; ``CorruptCacheError`` when it is no JSON
    object, has no ``check`` or its ``check`` does not match (``null``, garbage, a flip).

    Examples
    --------
    >>> unseal("null")
    Traceback (most recent call last):
    ...
    analysis.cache.CorruptCacheError: manifest is no JSON object (got NoneType)
    """
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise CorruptCacheError(f"manifest is no JSON ({exc})") from None
    if not isinstance(record, dict):
        raise CorruptCacheError(f"manifest is no JSON object (got {type(record).__name__})")
    check = record.pop("check", None)
    if check != digest(json.dumps(record, sort_keys=True).encode()):
        raise CorruptCacheError("manifest checksum differs (written without one, or altered)")
    return record


def write_parquet(path: Path, frame: pd.DataFrame) -> str:
    """Write ``frame`` to ``path`` atomically; return the digest of the bytes written."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    data = buffer.getvalue()
    _atomic_write(path, lambda p: p.write_bytes(data))
    return digest(data)


def read_parquet(path: Path, expected: str) -> pd.DataFrame:
    """Read ``path`` if its bytes have the digest ``expected``, else ``CorruptCacheError``."""
    data = Path(path).read_bytes()
    if digest(data) != expected:
        raise CorruptCacheError(f"{Path(path).name}: checksum differs ({len(data)} bytes)")
    import pyarrow as pa  # pandas' own dependency for parquet

    return pd.read_parquet(pa.BufferReader(data))  # the bytes hashed: no second read


def write_tables(folder: Path, frames: dict[str, pd.DataFrame], meta: dict,
                 name: str = "meta.json") -> None:
    """Write ``frames`` as ``<table>.parquet`` and then the sealed manifest ``name``
    (``meta`` plus each file's digest and row count)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {t: write_parquet(folder / f"{t}.parquet", f) for t, f in frames.items()}
    record = {**meta, "files": files, "rows": {t: len(f) for t, f in frames.items()}}
    _atomic_write(folder / name, lambda p: p.write_text(seal(record), encoding="utf-8"))


def read_tables(folder: Path, tables: tuple, name: str = "meta.json") -> tuple[dict, dict]:
    """``(frames, meta)`` written by :func:`write_tables`, each file checked against its
    digest; ``CorruptCacheError`` (or an OSError) when anything fails its check."""
    meta = unseal((folder / name).read_text(encoding="utf-8"))
    files, rows = meta.get("files"), meta.get("rows")
    if not isinstance(files, dict) or not isinstance(rows, dict):
        raise CorruptCacheError("manifest lists no files")
    frames = {}
    for t in tables:
        frames[t] = read_parquet(folder / f"{t}.parquet", files.get(t))
        if len(frames[t]) != rows.get(t):
            raise CorruptCacheError(f"{t}: row count differs from the manifest")
    return frames, meta


def _atomic_write(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


class ChunkStore:
    """Per-document annotation chunks under one settings key.

    Parameters
    ----------
    root : path-like
        Cache folder (e.g. ``data/processed/annotations``).
    key : str
        Hash of every setting that changes the cached output.

    Examples
    --------
    >>> store = ChunkStore(tmp, "abc")
    >>> one = ann.filter(sources=["TDI"])
    >>> store.write(["k1"], {"sentences": one.sentences, "tokens": one.tokens,
    ...                      "entities": one.entities})
    'a2ab1959c1c3bfa295b0'
    >>> frames, found = store.read({"k1", "k2"})
    >>> found, len(frames["tokens"][0])
    ({'k1'}, 405)
    """

    def prune(self, *, keep: int) -> None:
        """Delete all but the ``keep`` most recently written chunks."""
        manifests = sorted(self.dir.glob("*.json"), key=lambda p: p.stat().st_mtime_ns,
                           reverse=True)
        for old in manifests[keep:]:
            for path in self.dir.glob(f"{old.stem}.*"):
                path.unlink(missing_ok=True)

    def __init__(self, root: str | os.PathLike, key: str):
        self.dir = Path(root) / key
        self.dir.mkdir(parents=True, exist_ok=True)

    def manifests(self) -> dict[str, dict]:
        """Chunk name -> manifest, for every valid manifest (the others are discarded)."""
        out, old = {}, []
        for path in sorted(self.dir.glob("*.json")):
            try:
                text = path.read_text(encoding="utf-8")
                manifest = unseal(text)
                _check_manifest(manifest, path.stem)
            except (OSError, ValueError) as exc:
                if _unsealed_format(text if not isinstance(exc, OSError) else ""):
                    old.append(path.stem)
                else:
                    self._discard(path.stem, f"{type(exc).__name__}: {exc}")
                continue
            out[path.stem] = manifest
        if old:  # one warning, not one per chunk
            warnings.warn(f"{len(old)} annotation cache chunk(s) in {self.dir} were written "
                          "without checksums (an older version); they are deleted and their "
                          "documents annotated again.", stacklevel=2)
            for chunk in old:
                self._delete(chunk)
        return out

    def _discard(self, chunk: str, why: str) -> None:
        warnings.warn(f"Annotation cache chunk {chunk} in {self.dir} is corrupt ({why}); "
                      "it is deleted and its documents are annotated again.", stacklevel=3)
        self._delete(chunk)

    def _delete(self, chunk: str) -> None:
        for path in self.dir.glob(f"{chunk}.*"):
            try:
                path.unlink(missing_ok=True)
            except OSError:  # e.g. read-only: still never served (its check keeps failing)
                pass

    def read(self, wanted: set[str], doc_key_col: str = "doc_key") -> tuple[dict, set[str]]:
        """Read the cached rows of the ``wanted`` document keys.

        Returns ``(frames, found_keys)``; ``frames`` maps table name to a list
        of DataFrames (filtered to the wanted keys).
        """
        frames = {t: [] for t in TABLES}
        found: set[str] = set()
        for chunk, manifest in self.manifests().items():
            keys = set(manifest["doc_keys"])
            hit = keys & wanted - found
            if not hit:
                continue
            try:
                parts = {t: read_parquet(self.dir / f"{chunk}.{t}.parquet", manifest["files"][t])
                         for t in TABLES}
                if any(len(parts[t]) != manifest["rows"][t] for t in TABLES):
                    raise ValueError("row counts differ from the manifest")
            except Exception as exc:  # noqa: BLE001 - any read failure means corrupt
                self._discard(chunk, f"{type(exc).__name__}: {exc}")
                continue
            for t in TABLES:
                part = parts[t]
                if len(hit) < len(keys):
                    part = part[part[doc_key_col].isin(hit)]
                frames[t].append(part)
            found |= hit
        return frames, found

    def write(self, doc_keys: list[str], tables: dict[str, pd.DataFrame]) -> str:
        """Write one chunk atomically; return its name."""
        chunk = _chunk_name(doc_keys)
        files = {t: write_parquet(self.dir / f"{chunk}.{t}.parquet", tables[t]) for t in TABLES}
        manifest = {"doc_keys": sorted(doc_keys), "rows": {t: len(tables[t]) for t in TABLES},
                    "files": files}
        _atomic_write(self.dir / f"{chunk}.json",
                      lambda p: p.write_text(seal(manifest), encoding="utf-8"))
        return chunk


def _unsealed_format(text: str) -> bool:
    """A manifest as versions before the checksums wrote it: doc_keys and rows only."""
    try:
        record = json.loads(text)
    except ValueError:
        return False
    return (isinstance(record, dict) and set(record) == {"doc_keys", "rows"}
            and isinstance(record["doc_keys"], list) and isinstance(record["rows"], dict))


def _chunk_name(doc_keys: list[str]) -> str:
    return hashlib.sha1("\n".join(sorted(doc_keys)).encode()).hexdigest()[:20]


def _check_manifest(manifest: dict, chunk: str) -> None:
    """A chunk manifest has the shape :meth:`ChunkStore.write` gives it, and its chunk's name."""
    keys, rows, files = (manifest.get(k) for k in ("doc_keys", "rows", "files"))
    if not (isinstance(keys, list) and all(isinstance(k, str) for k in keys)
            and isinstance(rows, dict) and isinstance(files, dict)
            and all(isinstance(rows.get(t), int) and isinstance(files.get(t), str)
                    for t in TABLES)):
        raise CorruptCacheError("manifest lacks doc_keys, rows or files")
    if _chunk_name(keys) != chunk:
        raise CorruptCacheError("manifest's documents are not the chunk's")
