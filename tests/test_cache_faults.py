"""Caches that prove themselves (issue 24): flipped bits, truncated files and manifests
holding ``null`` or garbage in the real cache files are detected on read, rebuilt with a
warning, never served, and never fail a later run."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from analysis import config
from analysis.annotation import annotate
from analysis.cache import ChunkStore, CorruptCacheError, seal, unseal
from analysis.loading import load_corpus


def _annotate(docs, cache):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return annotate(docs, n_jobs=1, progress=False, cache_dir=cache)


def _flip(path, at: float = 0.5) -> None:
    """Flip one bit of ``path`` at the relative position ``at``."""
    data = bytearray(path.read_bytes())
    data[int(len(data) * at)] ^= 0x10
    path.write_bytes(bytes(data))


def _assert_same(got, expected):
    for table in ("sentences", "tokens", "entities"):
        pd.testing.assert_frame_equal(getattr(got, table), getattr(expected, table))


@pytest.fixture
def docs(example_corpus):
    return example_corpus.docs


@pytest.mark.parametrize("table", ["tokens", "sentences", "entities"])
def test_a_flipped_bit_in_any_cached_table_is_rebuilt_not_served(docs, tmp_path, table):
    good = _annotate(docs, tmp_path)
    victims = sorted(tmp_path.rglob(f"*.{table}.parquet"))
    assert len(victims) == 2  # the per-document chunk and the final result
    for victim in victims:
        _flip(victim, 0.4)  # in the data pages: parquet itself would read it back
    with pytest.warns(UserWarning, match="corrupt .*checksum differs"):
        again = annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path)
    assert again.cache["computed"] == len(docs)
    _assert_same(again, good)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the rebuilt cache is clean: no warning, no work
        third = annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path)
    assert third.cache["computed"] == 0
    _assert_same(third, good)


@pytest.mark.parametrize("content", ["null", "[]", "{\"doc_keys\": 5}", "\x00garbage{",
                                     ""])
def test_a_manifest_holding_null_or_garbage_is_rebuilt(docs, tmp_path, content):
    good = _annotate(docs, tmp_path)
    for manifest in tmp_path.rglob("*.json"):
        manifest.write_text(content, encoding="utf-8")
    with pytest.warns(UserWarning, match="corrupt"):
        again = annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path)
    assert again.cache["computed"] == len(docs)
    _assert_same(again, good)
    assert _annotate(docs, tmp_path).cache["computed"] == 0  # and the next run is served


def test_an_edited_manifest_fails_its_own_checksum(docs, tmp_path):
    _annotate(docs, tmp_path)
    manifest = next(p for p in tmp_path.rglob("*.json") if p.parent.name != "final")
    record = json.loads(manifest.read_text())
    record["rows"]["tokens"] += 1  # valid JSON, plausible, wrong
    manifest.write_text(json.dumps(record))
    with pytest.warns(UserWarning, match="manifest checksum differs"):
        frames, found = ChunkStore(manifest.parent.parent, manifest.parent.name).read(
            set(record["doc_keys"]))
    assert found == set() and frames["tokens"] == []
    assert not list(manifest.parent.glob(f"{manifest.stem}.*"))  # deleted


def test_a_truncated_file_is_rebuilt(docs, tmp_path):
    good = _annotate(docs, tmp_path)
    for victim in tmp_path.rglob("*.entities.parquet"):
        victim.write_bytes(victim.read_bytes()[:-9])
    with pytest.warns(UserWarning, match="checksum differs"):
        again = annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path)
    _assert_same(again, good)


def test_seal_detects_each_single_bit_flip():
    text = seal({"doc_keys": ["a1", "b2"], "rows": {"tokens": 12}})
    assert unseal(text) == {"doc_keys": ["a1", "b2"], "rows": {"tokens": 12}}
    data = text.encode()
    for i in range(len(data)):
        for bit in (0x01, 0x10):
            flipped = bytearray(data)
            flipped[i] ^= bit
            try:
                result = unseal(flipped.decode("utf-8", "replace"))
            except CorruptCacheError:
                continue
            # a flip that leaves the same record (e.g. inside JSON whitespace) is harmless
            assert result == {"doc_keys": ["a1", "b2"], "rows": {"tokens": 12}}


@pytest.mark.parametrize("fault", ["flip", "truncate", "null"])
def test_corpus_cache_is_checked_and_rebuilt(tmp_path, monkeypatch, fault):
    monkeypatch.setattr(config, "PROCESSED_DIR", tmp_path)
    first = load_corpus(config.EXAMPLE_CORPUS, progress=False)
    folder = next((tmp_path / "corpus").iterdir())
    docs = folder / "docs.parquet"
    if fault == "flip":
        _flip(docs, 0.3)
    elif fault == "truncate":
        docs.write_bytes(docs.read_bytes()[:-20])
    else:
        (folder / "meta.json").write_text("null")
    with pytest.warns(UserWarning, match="Corpus cache .* is corrupt"):
        again = load_corpus(config.EXAMPLE_CORPUS, progress=False)
    pd.testing.assert_frame_equal(again.docs, first.docs)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # rewritten: the next load is served cleanly
        third = load_corpus(config.EXAMPLE_CORPUS, progress=False)
    pd.testing.assert_frame_equal(third.docs, first.docs)


def test_chunks_of_an_older_version_are_rebuilt_with_one_warning(tmp_path):
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(3)],
                         "text": [f"Talks {i} were held in Kyiv." for i in range(3)]})
    store = ChunkStore(tmp_path, "key")
    one = _annotate(docs, tmp_path / "src")
    tables = {t: getattr(one, t).assign(doc_key=getattr(one, t)["doc_id"]) for t in
              ("sentences", "tokens", "entities")}
    for doc_id in docs["doc_id"]:  # three chunks, then their manifests as older versions wrote
        part = {t: f[f["doc_id"] == doc_id] for t, f in tables.items()}
        chunk = store.write([doc_id], part)
        (store.dir / f"{chunk}.json").write_text(json.dumps(
            {"doc_keys": [doc_id], "rows": {t: len(f) for t, f in part.items()}}))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frames, found = store.read(set(docs["doc_id"]))
    assert [str(w.message) for w in caught] == [
        f"3 annotation cache chunk(s) in {store.dir} were written without checksums (an older "
        "version); they are deleted and their documents annotated again."]
    assert found == set() and not list(store.dir.iterdir())
