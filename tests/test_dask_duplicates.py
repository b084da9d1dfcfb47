"""near_duplicates on partitioned annotations (Dask) equals the in-memory result."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis import duplicates
from analysis.annotation import annotate
from analysis.backend import is_partitioned
from analysis.model import partition
from analysis.duplicates import deduplicate, duplicate_clusters, near_duplicates

STORY = ("President Zelensky met Antonio Guterres in Kyiv on Monday to discuss the grain "
         "corridor, the shelling near the Zaporizhzhia plant and the exchange of prisoners, "
         "officials in Kyiv said after the talks, which lasted more than three hours. "
         "The United Nations chief later travelled to Odesa, where ships loaded with wheat "
         "and maize are waiting to leave for ports in Turkey, Egypt and Lebanon, and he "
         "called on both sides to keep the nuclear plant out of the fighting.")


@pytest.mark.corpus
@pytest.mark.parametrize("threshold, shingle", [(0.8, 5), (0.5, 3)])
def test_sample_partitioned_equals_in_memory(sample_ann, sample_parts, dask_client,
                                             assert_same_result, threshold, shingle):
    assert is_partitioned(sample_parts) and len(sample_parts.parts) == 7
    expected = near_duplicates(sample_ann, threshold=threshold, shingle=shingle)
    assert len(expected) > 0  # the sample has near-duplicates at these thresholds
    got = near_duplicates(sample_parts, threshold=threshold, shingle=shingle)
    assert_same_result(got, expected)
    assert_same_result(duplicate_clusters(got), duplicate_clusters(expected))
    assert_same_result(duplicate_clusters(got, level="document"),
                       duplicate_clusters(expected, level="document"))


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Six documents in 3 parts of 2: ``orig`` (part 0) is copied by ``copy`` (part 2,
    Jaccard 0.875) and, less closely, by ``partial`` (part 1, about 0.7 with both);
    ``empty`` has no words."""
    docs = pd.DataFrame({
        "doc_id": ["orig", "other", "partial", "third", "copy", "empty"],
        "source": ["Associated Press", "BBC", "RT", "BBC", "HuffPost", "RT"],
        "date": pd.to_datetime(["2022-03-01", "2022-03-02", "2022-03-04", "2022-03-03",
                                "2022-03-02", None]),
        "text": [STORY,
                 "Vladimir Putin spoke in Moscow about sanctions and the price of gas.",
                 STORY.replace("more than three hours", "nearly two hours, Reuters reported")
                 + " Ukraine says Russia shelled Kharkiv overnight, killing two people.",
                 "Joe Biden announced new aid for Ukraine in Washington on Tuesday.",
                 STORY.replace("Monday", "Tuesday"),
                 ""],
    }).astype({"doc_id": "string", "source": "string", "text": "string"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path_factory.mktemp("dup"))
    return ann, partition(ann, parts=3)


def _part_of(parts) -> dict[str, int]:
    return {d: i for i, p in enumerate(parts.parts) for d in p.table("docs")["doc_id"]}


@pytest.mark.parametrize("threshold", [0.8, 0.5, 1.0])
def test_pairs_across_parts_equal_in_memory(small, dask_client, assert_same_result, threshold):
    ann, parts = small
    part_of = _part_of(parts)
    assert len({part_of["orig"], part_of["copy"], part_of["partial"]}) == 3  # all apart
    expected = near_duplicates(ann, threshold=threshold)
    got = near_duplicates(parts, threshold=threshold)
    assert_same_result(got, expected)
    assert_same_result(duplicate_clusters(got), duplicate_clusters(expected))
    pairs = {tuple(p) for p in got[["doc_a", "doc_b"]].values.tolist()}
    if threshold == 0.8:
        assert ("orig", "copy") in pairs
    if threshold == 0.5:
        assert pairs == {("orig", "copy"), ("orig", "partial"), ("copy", "partial")}
    if threshold == 1.0:
        assert got.empty and list(got.columns) == duplicates.PAIR_COLUMNS


def test_each_task_shingles_one_part_only(small, dask_client, monkeypatch):
    ann, parts = small
    seen = []
    shingle_sets = duplicates._shingle_sets

    def recording(texts, shingle):
        seen.append(len(texts))
        return shingle_sets(texts, shingle)

    monkeypatch.setattr(duplicates, "_shingle_sets", recording)
    near_duplicates(parts, threshold=0.5)
    sizes = [len(p.table("docs")) for p in parts.parts]
    # one call per part for the signatures, one per part for the candidates' shingle sets
    assert len(seen) == 2 * len(parts.parts) and max(seen) <= max(sizes) < len(ann.docs)


def test_deduplicate_and_filter_partitioned(small, dask_client, assert_same_result):
    ann, parts = small
    kept = deduplicate(parts, threshold=0.5)
    assert_same_result(kept, deduplicate(ann, threshold=0.5))
    assert kept["doc_id"].tolist() == ["orig", "other", "third", "empty"]
    # filtered parts: only the pairs between the documents left
    sources = ["HuffPost", "RT", "BBC"]
    got = near_duplicates(parts.filter(sources=sources), threshold=0.5)
    assert_same_result(got, near_duplicates(ann.filter(sources=sources), threshold=0.5))
    assert got[["doc_a", "doc_b"]].values.tolist() == [["copy", "partial"]]
