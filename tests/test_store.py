"""The annotation store (analysis/store.py): built by Dask tasks, equal to the in-memory
annotation, resumable after a failure, opened lazily."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis import annotation, engine, quotation, quotes, store
from analysis.annotation import annotate
from analysis.store import open_annotations
from analysis.terms import term_frequencies


def _six_docs(example_corpus) -> pd.DataFrame:
    """Six documents: the two examples, each three times with its own first sentence."""
    rows = []
    for i in range(3):
        for _, row in example_corpus.docs.iterrows():
            rows.append({**row.to_dict(), "doc_id": f"{row['doc_id']}-{i}",
                         "text": f"Copy number {i} was filed by Anna Petrova.\n{row['text']}"})
    return pd.DataFrame(rows).astype({c: example_corpus.docs[c].dtype
                                      for c in example_corpus.docs.columns})


def _annotate(docs, cache, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return annotate(docs, n_jobs=1, progress=False, cache_dir=cache, **kw)


def test_store_equals_in_memory_annotation(example_corpus, dask_client, tmp_path, monkeypatch,
                                            assert_same_result):
    monkeypatch.setattr(store, "PART_DOCS", 2)
    docs = _six_docs(example_corpus)
    expected = _annotate(docs, tmp_path / "mem")
    got = _annotate(docs, tmp_path / "dask", dask=dask_client.scheduler.address)
    assert got.parts is not None and len(got.parts) == 3
    assert got.cache["computed"] == 6
    pd.testing.assert_frame_equal(got.docs, expected.docs)
    computed = got.compute()
    for table in ("sentences", "tokens", "entities"):
        pd.testing.assert_frame_equal(getattr(computed, table), getattr(expected, table))
    # merges span the parts: "Anna Petrova" of every copy has one canonical name
    assert set(computed.entities.loc[computed.entities["text"] == "Anna Petrova", "canonical"]) \
        == {"Anna Petrova"}
    # opened again, nothing is annotated; the store alone opens too
    again = _annotate(docs, tmp_path / "dask", dask=dask_client.scheduler.address)
    assert again.cache["computed"] == 0
    reopened = open_annotations(got.cache["store"])
    assert_same_result(term_frequencies(reopened, by="source"),
                       term_frequencies(expected, by="source"))
    manifest = json.loads((Path(got.cache["store"]) / "manifest.json").read_text())
    assert [p["docs"] for p in manifest["parts"]] == [2, 2, 2]


def test_store_holds_the_quotes_per_part(example_corpus, dask_client, tmp_path, monkeypatch,
                                         assert_same_result):
    monkeypatch.setattr(store, "PART_DOCS", 2)
    docs = _six_docs(example_corpus)
    expected = _annotate(docs, tmp_path / "mem")
    got = _annotate(docs, tmp_path / "dask", dask=dask_client.scheduler.address)
    folder = Path(got.cache["store"])
    assert len(list(folder.glob("quotes/*/part-*.parquet"))) == 3
    assert all(p.has_quotes() for p in got.parts)
    fresh = quotes(dataclasses.replace(expected, quotes=None))  # found now, in memory
    assert len(fresh) > 0
    assert_same_result(quotes(got), fresh)
    assert_same_result(quotes(expected), fresh)
    pd.testing.assert_frame_equal(got.compute().quotes, expected.quotes)
    source = docs["source"].iloc[0]
    assert_same_result(quotes(got.filter(sources=[source])),
                       fresh[fresh["source"] == source].reset_index(drop=True))
    # a store without the current quotes: found part by part, the same
    (next(folder.glob("quotes/*")) / "done.json").unlink()
    bare = open_annotations(folder, docs=docs)
    assert not any(p.has_quotes() for p in bare.parts)
    assert_same_result(quotes(bare), fresh)
    # a quote-cue edit runs the quotes pass again, and nothing else
    cues = tmp_path / "quote_cues.txt"
    lists = sys.modules[quotation.lexicon.__module__]  # the module that reads the cue list
    shutil.copy(lists.CUES_FILE, cues)
    cues.write_text(cues.read_text(encoding="utf-8") + "grumbled\n", encoding="utf-8")
    monkeypatch.setattr(lists, "CUES_FILE", cues)
    monkeypatch.setattr(annotation, "build_store", lambda *a, **k: pytest.fail("store rebuilt"))
    again = _annotate(docs, tmp_path / "dask", dask=dask_client.scheduler.address)
    assert again.cache["computed"] == 0 and again.cache["store"] == str(folder)
    assert len(list(folder.glob("quotes/*/done.json"))) == 1  # the new key's
    assert len(list(folder.glob("quotes/*"))) == 2
    assert_same_result(quotes(again), fresh)  # no article says "grumbled"


def test_failed_annotation_resumes_with_the_missing_parts_only(example_corpus, dask_client,
                                                                tmp_path, monkeypatch):
    monkeypatch.setattr(store, "PART_DOCS", 2)
    monkeypatch.setattr(engine, "CHUNK_DOCS", 1)
    docs = _six_docs(example_corpus)
    bad = docs["doc_id"].iloc[4]  # in the third part
    real = engine.annotate_texts

    def failing(items, *args, **kwargs):
        if any(doc_id == bad for doc_id, _ in items):
            raise RuntimeError("worker lost")
        return real(items, *args, **kwargs)

    monkeypatch.setattr(engine, "annotate_texts", failing)
    with pytest.raises(RuntimeError, match="worker lost .1 of 3 parts failed"):
        _annotate(docs, tmp_path, dask=dask_client.scheduler.address)
    folder = next((tmp_path / "store").iterdir())
    assert not (folder / "manifest.json").exists()
    done = sorted(p.stem for p in (folder / "stats").glob("*.parquet"))
    assert done == ["part-00000", "part-00001"]  # the others were finished and stored
    monkeypatch.setattr(engine, "annotate_texts", real)
    got = _annotate(docs, tmp_path, dask=dask_client.scheduler.address)
    # only the documents of the unfinished parts are annotated again
    assert got.cache["computed"] == 2
    expected = _annotate(docs, tmp_path / "mem")
    computed = got.compute()
    for table in ("sentences", "tokens", "entities"):
        pd.testing.assert_frame_equal(getattr(computed, table), getattr(expected, table))


def test_open_annotations_says_what_is_missing(tmp_path):
    with pytest.raises(ValueError, match="no complete annotation store"):
        open_annotations(tmp_path)


def test_connect_refuses_a_bad_address(monkeypatch):
    from analysis.backend import connect

    with pytest.raises(ValueError, match="scheduler address"):
        connect("nonsense")
    monkeypatch.setenv("ANALYSIS_DASK", "")
    assert connect("") is None  # nothing asked: the in-memory default
