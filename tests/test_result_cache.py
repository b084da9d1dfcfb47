"""The result cache of :func:`analysis.workflow.cached`: a hit is the fresh result; a changed
option, changed documents, a filtered view or a damaged file is a miss."""

from __future__ import annotations

import dataclasses
import warnings

import pandas as pd
import pytest

from analysis import attention, comparison, duplicates, keyterms, model, workflow

CALLS: list[str] = []


def counted_keyness(ann, **options):
    """``keyness`` that records each real computation (a cache hit records nothing)."""
    CALLS.append("keyness")
    return keyterms.keyness(ann, **options)


def counted_duplicates(docs, **options):
    CALLS.append("near_duplicates")
    return duplicates.near_duplicates(docs, **options)


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_WORKBOOK_CACHE", str(tmp_path / "processed"))
    CALLS.clear()
    return tmp_path / "processed" / "results"


def entries(folder):
    return sorted(d.name for d in folder.iterdir()) if folder.exists() else []


def test_hit_equals_fresh_result_and_computes_once(example_ann, own_cache):
    fresh = keyterms.keyness(example_ann, min_count=1, test="g2")
    first = workflow.cached(counted_keyness, example_ann, min_count=1, test="g2")
    second = workflow.cached(counted_keyness, example_ann, min_count=1, test="g2")
    assert CALLS == ["keyness"]  # the second call read the stored table
    assert len(entries(own_cache)) == 1
    assert len(fresh) > 0
    pd.testing.assert_frame_equal(first, fresh)
    pd.testing.assert_frame_equal(second, fresh)


@pytest.mark.parametrize("func, options", [
    (comparison.log_odds, {"min_count": 1}),
    (attention.entity_attention, {"min_docs": 1}),
    (keyterms.keyness, {"min_count": 1}),  # the document test with its bootstrap interval
])
def test_every_cached_analysis_reads_back_identical(example_ann, own_cache, func, options):
    fresh = func(example_ann, **options)
    workflow.cached(func, example_ann, **options)
    assert len(entries(own_cache)) == 1  # stored (it reads back identical, else not kept)
    pd.testing.assert_frame_equal(workflow.cached(func, example_ann, **options), fresh)


def test_changed_option_is_a_miss(example_ann, own_cache):
    a = workflow.cached(counted_keyness, example_ann, min_count=1, test="g2")
    b = workflow.cached(counted_keyness, example_ann, min_count=3, test="g2")
    assert CALLS == ["keyness", "keyness"]
    assert len(entries(own_cache)) == 2
    pd.testing.assert_frame_equal(b, keyterms.keyness(example_ann, min_count=3, test="g2"))
    assert len(a) > len(b)  # a higher minimum keeps fewer terms: really another result


def test_filtered_or_relabelled_annotations_have_their_own_entries(example_ann, own_cache):
    workflow.cached(counted_keyness, example_ann, min_count=1, test="g2")
    docs = example_ann.docs.copy()
    docs["source"] = ["A"] * len(docs)
    relabelled = dataclasses.replace(example_ann, docs=docs)
    got = workflow.cached(counted_keyness, relabelled, min_count=1, test="g2")
    assert CALLS == ["keyness", "keyness"]
    pd.testing.assert_frame_equal(got, keyterms.keyness(relabelled, min_count=1, test="g2"))
    one = example_ann.filter(sources=[example_ann.docs["source"].iloc[0]])
    workflow.cached(counted_keyness, one, min_count=1, test="g2")
    assert CALLS == ["keyness"] * 3
    assert len(entries(own_cache)) == 3


def test_tables_replaced_by_hand_are_keyed_on_their_content(example_ann, own_cache):
    """Same documents, same row counts, other entity labels: another result, never the
    stored one (the key once held the row counts only)."""
    first = workflow.cached(attention.entity_attention, example_ann, min_docs=1)
    entities = example_ann.entities.copy()
    entities["canonical"] = entities["canonical"].where(
        entities["canonical"] != first["entity"].iloc[0], "Somebody Else")
    assert len(entities) == len(example_ann.entities)
    edited = dataclasses.replace(example_ann, entities=entities)
    got = workflow.cached(attention.entity_attention, edited, min_docs=1)
    assert len(entries(own_cache)) == 2
    pd.testing.assert_frame_equal(got, attention.entity_attention(edited, min_docs=1))
    assert "Somebody Else" in set(got["entity"]) and not got.equals(first)
    again = workflow.cached(attention.entity_attention, edited, min_docs=1)  # its own entry
    pd.testing.assert_frame_equal(again, got)
    assert len(entries(own_cache)) == 2


def test_annotate_and_filter_mark_their_tables(example_ann):
    assert model.as_annotated(example_ann)
    assert model.as_annotated(example_ann.filter(sources=[example_ann.docs["source"].iloc[0]]))
    assert not model.as_annotated(dataclasses.replace(example_ann,
                                                      tokens=example_ann.tokens.copy()))


def test_changed_documents_are_a_miss(own_cache):
    text = " ".join(f"word{i}" for i in range(40))
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["X", "Y", "Z"],
                         "date": pd.to_datetime(["2022-01-01"] * 3),
                         "text": [text, text + " end", "something else entirely here"]})
    first = workflow.cached(counted_duplicates, docs, threshold=0.8)
    assert list(zip(first["doc_a"], first["doc_b"])) == [("a", "b")]  # 36 of 37 word 5-shingles shared
    workflow.cached(counted_duplicates, docs, threshold=0.8)
    assert CALLS == ["near_duplicates"]
    changed = docs.assign(text=[text, "quite another text now", docs["text"][2]])
    second = workflow.cached(counted_duplicates, changed, threshold=0.8)
    assert CALLS == ["near_duplicates"] * 2
    assert second.empty


def test_damaged_entry_warns_and_is_computed_again(example_ann, own_cache):
    fresh = workflow.cached(counted_keyness, example_ann, min_count=1, test="g2")
    (entry,) = own_cache.iterdir()
    data = bytearray((entry / "result.parquet").read_bytes())
    data[len(data) // 2] ^= 0x01  # one flipped bit
    (entry / "result.parquet").write_bytes(bytes(data))
    with pytest.warns(UserWarning, match="fails its check"):
        again = workflow.cached(counted_keyness, example_ann, min_count=1, test="g2")
    assert CALLS == ["keyness", "keyness"]
    pd.testing.assert_frame_equal(again, fresh)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # rewritten: read without a warning
        pd.testing.assert_frame_equal(
            workflow.cached(counted_keyness, example_ann, min_count=1, test="g2"), fresh)
    assert CALLS == ["keyness", "keyness"]


def test_hand_made_annotations_are_not_cached(example_ann, own_cache):
    hand_made = dataclasses.replace(example_ann, cache={"key": "", "from_cache": 0,
                                                        "computed": 0})
    workflow.cached(counted_keyness, hand_made, min_count=1, test="g2")
    workflow.cached(counted_keyness, hand_made, min_count=1, test="g2")
    assert CALLS == ["keyness", "keyness"]
    assert entries(own_cache) == []


def test_only_the_last_entries_are_kept(example_ann, own_cache, monkeypatch):
    monkeypatch.setattr(workflow, "RESULTS_KEEP", 2)
    for n in (1, 2, 3):
        workflow.cached(counted_keyness, example_ann, min_count=n, test="g2")
    assert len(entries(own_cache)) == 2
    workflow.cached(counted_keyness, example_ann, min_count=3, test="g2")  # kept: a hit
    workflow.cached(counted_keyness, example_ann, min_count=1, test="g2")  # dropped: a miss
    assert CALLS == ["keyness"] * 4
