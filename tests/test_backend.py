"""analysis/backend.py: partitioned Annotations behave as the in-memory ones."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.backend import is_partitioned, map_reduce
from analysis.model import partition
from analysis.workflow import source_overview


def test_partition_keeps_every_row_in_document_order(example_ann, dask_client):
    parts = partition(example_ann, parts=2)
    assert is_partitioned(parts) and not is_partitioned(example_ann)
    assert len(parts.parts) == 2 and parts.tokens.npartitions == 2
    assert repr(parts) == "Annotations(2 docs, 2 partitions (Dask); engine=nltk)"
    back = parts.compute()
    for table in ("sentences", "tokens", "entities"):
        pd.testing.assert_frame_equal(getattr(back, table), getattr(example_ann, table))
    assert parts.counts() == example_ann.counts()


def test_counts_by_hand(example_ann):
    counts = example_ann.counts()
    assert counts == {"docs": 2, "sentences": len(example_ann.sentences),
                      "tokens": len(example_ann.tokens), "entities": len(example_ann.entities),
                      "distinct_entities": example_ann.entities["canonical"].nunique()}


def test_filter_on_partitions_drops_parts_without_documents(example_ann, dask_client):
    parts = partition(example_ann, parts=2)
    source = example_ann.docs["source"].iloc[1]
    got = parts.filter(sources=[source])
    expected = example_ann.filter(sources=[source])
    assert len(got.parts) == 1
    assert got.counts() == expected.counts()
    pd.testing.assert_frame_equal(got.docs, expected.docs)
    none = parts.filter(start="2100-01-01")
    assert none.parts == () and none.counts()["tokens"] == 0


def test_source_overview_on_both_backends(example_corpus, example_ann, dask_client):
    parts = partition(example_ann, parts=2)
    pd.testing.assert_frame_equal(source_overview(example_corpus, parts),
                                  source_overview(example_corpus, example_ann))


def test_map_reduce_adds_partials_in_a_tree(example_ann, dask_client, monkeypatch):
    from analysis import backend

    monkeypatch.setattr(backend, "SPLIT_EVERY", 2)
    parts = partition(example_ann, parts=2)
    # a count per document, added up: equals the in-memory count
    got = map_reduce(parts, _tokens, _add)
    assert got == len(example_ann.tokens)


def _tokens(ann):
    return len(ann.tokens)


def _add(*counts):
    out = counts[0]
    for c in counts[1:]:
        out = out + c
    return out


def test_partition_checks_its_arguments(example_ann):
    with pytest.raises(ValueError, match="parts must be an integer >= 1"):
        partition(example_ann, parts=0)
    with pytest.raises(ValueError, match="already partitioned"):
        partition(partition(example_ann, parts=1), parts=2)


def test_the_callers_docs_table_reaches_the_parts(example_ann, dask_client):
    """Columns added to ann.docs (comparison_groups' ``span``) reach the partials, and
    documents dropped from ann.docs are left out, as in memory."""
    import dataclasses

    parts = partition(example_ann, parts=2)
    docs = example_ann.docs.assign(span=["early", "late"])
    assert map_reduce(dataclasses.replace(parts, docs=docs), _spans, _add) == ["early", "late"]
    first = dataclasses.replace(parts, docs=example_ann.docs.iloc[:1])
    in_first = (example_ann.tokens["doc_id"] == example_ann.docs["doc_id"].iloc[0]).sum()
    assert map_reduce(first, _tokens, _add) == in_first
    text = map_reduce(parts, _texts, _add)
    assert text == example_ann.docs["text"].tolist()  # the text comes from the parts


def _spans(ann):
    return ann.docs["span"].tolist()


def _texts(ann):
    return ann.docs["text"].tolist()
