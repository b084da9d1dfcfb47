"""A parquet cache of per-document annotation tables, safe against crashes.

Layout: ``<root>/<settings key>/<chunk>.<table>.parquet`` plus
``<chunk>.json``, the chunk's manifest (its document keys and the row count
of each table). A manifest is written last, by write-then-rename, so a chunk
without one is invisible; a chunk whose files do not read back, or whose row
counts differ from its manifest, is reported, deleted and recomputed. Only
parquet and JSON are written: no pickle.
"""

from __future__ import annotations

import hashlib
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
        """Chunk name -> manifest, for every readable manifest."""
        out = {}
        for path in sorted(self.dir.glob("*.json")):
            try:
                out[path.stem] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._discard(path.stem, "unreadable manifest")
        return out

    def _discard(self, chunk: str, why: str) -> None:
        warnings.warn(f"Annotation cache chunk {chunk} in {self.dir} is corrupt ({why}); "
                      "it is deleted and its documents are annotated again.", stacklevel=3)
        for path in self.dir.glob(f"{chunk}.*"):
            path.unlink(missing_ok=True)

    def read(self, wanted: set[str], doc_key_col: str = "doc_key") -> tuple[dict, set[str]]:
        """Read the cached rows of the ``wanted`` document keys.

        Returns ``(frames, found_keys)``; ``frames`` maps table name to a list
        of DataFrames (filtered to the wanted keys).
        """
        frames = {t: [] for t in TABLES}
        found: set[str] = set()
        for chunk, manifest in self.manifests().items():
            keys = set(manifest.get("doc_keys", []))
            hit = keys & wanted - found
            if not hit:
                continue
            try:
                parts = {t: pd.read_parquet(self.dir / f"{chunk}.{t}.parquet") for t in TABLES}
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
        chunk = hashlib.sha1("\n".join(sorted(doc_keys)).encode()).hexdigest()[:20]
        for t in TABLES:
            _atomic_write(self.dir / f"{chunk}.{t}.parquet",
                          lambda p, t=t: tables[t].to_parquet(p, index=False))
        manifest = {"doc_keys": sorted(doc_keys), "rows": {t: len(tables[t]) for t in TABLES}}
        _atomic_write(self.dir / f"{chunk}.json",
                      lambda p: p.write_text(json.dumps(manifest), encoding="utf-8"))
        return chunk
