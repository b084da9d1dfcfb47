"""analysis.terms on partitioned annotations (Dask) equals the in-memory result.

Each case runs one function on the in-memory annotations and on the same
annotations split into parts (computed on the 2-worker ``dask_client``) and
compares the two tables: same rows, order and dtypes, counts exact, scores
within 1e-9. The sample cases skip when the shared corpus is absent.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest

from analysis.backend import is_partitioned, partitioned
from analysis.terms import collocations, kwic, term_frequencies, term_trends, tfidf_terms

# parts made by partition() carry their tables, so the graphs are large: expected here
pytestmark = pytest.mark.filterwarnings("ignore:Sending large graph:UserWarning")

CASES = {
    # term_frequencies
    "tf": lambda a: term_frequencies(a),
    "tf_source": lambda a: term_frequencies(a, by="source"),
    "tf_month_bigrams": lambda a: term_frequencies(a, by="month", ngram=2),
    "tf_trigrams_stopwords": lambda a: term_frequencies(a, ngram=3, keep_stopwords=True),
    "tf_source_min_count": lambda a: term_frequencies(a, by="source", min_count=5),
    "tf_week_bigrams_min_count": lambda a: term_frequencies(a, by="week", ngram=2, min_count=2),
    "tf_cased_punct": lambda a: term_frequencies(a, lowercase=False, alpha_only=False,
                                                 extra_stopwords=["Russia", "said"]),
    "tf_outlet_names": lambda a: term_frequencies(a, by="source", keep_outlet_names=True),
    # collocations
    "coll_llr": lambda a: collocations(a),
    "coll_pmi_w3_source": lambda a: collocations(a, measure="pmi", window=3, by="source"),
    "coll_t_month": lambda a: collocations(a, measure="t", by="month", min_count=2),
    "coll_chi2_w3": lambda a: collocations(a, measure="chi2", window=3, min_count=5),
    "coll_dice_stopwords": lambda a: collocations(a, measure="dice", keep_stopwords=True,
                                                  min_count=1),
    # kwic
    "kwic_phrase": lambda a: kwic(a, "prime minister", by="month"),
    "kwic_regex": lambda a: kwic(a, r"sanction\w*", regex=True, window=3),
    "kwic_pattern_case": lambda a: kwic(a, re.compile(r"Russia\w*"), case=True, by="source"),
    "kwic_window0": lambda a: kwic(a, "ukraine", window=0),
    # term_trends
    "trends_month_source": lambda a: term_trends(a, ["sanctions", "peace talks", "russia"],
                                                 freq="M"),
    "trends_month_corpus": lambda a: term_trends(a, ["ukraine", "grain deal"], freq="M",
                                                 by=None),
    "trends_week_counts": lambda a: term_trends(a, ["russia", "nato", "russia"], freq="W",
                                                normalize=False),
    # tfidf_terms
    "tfidf_top5": lambda a: tfidf_terms(a, top=5),
    "tfidf_month_bigrams": lambda a: tfidf_terms(a, by="month", ngram=2, min_count=2),
    "tfidf_doc": lambda a: tfidf_terms(a, by="doc_id", top=3, keep_stopwords=True),
}
#: cases grouping by a column the caller added to ann.docs
BY_REGION = {
    "tf_region": lambda a: term_frequencies(a, by="region", ngram=2, min_count=2),
    "coll_region": lambda a: collocations(a, by="region", measure="pmi", window=3),
    "kwic_region": lambda a: kwic(a, "sanctions", by="region"),
    "trends_region": lambda a: term_trends(a, ["sanctions", "russia"], freq="M", by="region"),
    "tfidf_region": lambda a: tfidf_terms(a, by="region", top=5),
}
#: cases run again with missing group labels and on parts in reverse order
# the shared sample runs these cases (CI time); the example corpus runs all of CASES
SAMPLE = ["tf_source", "tf_month_bigrams", "tf_trigrams_stopwords", "coll_llr", "coll_pmi_w3_source", "kwic_phrase", "kwic_regex", "trends_month_source", "tfidf_top5"]
SOME = ["tf_source", "coll_pmi_w3_source"]


def check(case: str, ann, parts, assert_same_result):
    assert is_partitioned(parts) and not is_partitioned(ann)
    call = CASES.get(case) or BY_REGION[case]
    expected = call(ann)
    assert_same_result(call(parts), expected)
    return expected


# --------------------------------------------------------------------------- sample
@pytest.mark.corpus
@pytest.mark.parametrize("case", SAMPLE)
def test_sample_partitioned_equals_in_memory(case, sample_ann, sample_parts, dask_client,
                                             assert_same_result):
    expected = check(case, sample_ann, sample_parts, assert_same_result)
    assert len(expected) > 0  # a real comparison, not two empty tables


@pytest.mark.corpus
@pytest.mark.parametrize("case", SOME)
def test_sample_missing_group_labels(case, sample_gaps, dask_client, assert_same_result):
    ann, parts = sample_gaps
    assert ann.docs["date"].isna().any() and ann.docs["source"].isna().any()
    check(case, ann, parts, assert_same_result)


@pytest.mark.corpus
@pytest.mark.parametrize("case", SOME)
def test_sample_parts_in_any_order(case, sample_ann, sample_parts, dask_client,
                                   assert_same_result):
    # the combine order differs, the finished table may not
    shuffled = partitioned(sample_parts, [sample_parts.parts[i] for i in (6, 2, 0, 5, 3, 1, 4)])
    check(case, sample_ann, shuffled, assert_same_result)


@pytest.mark.corpus
@pytest.mark.parametrize("case", ["tf_source", "coll_pmi_w3_source", "kwic_regex",
                                  "trends_month_source", "tfidf_top5"])
def test_sample_filtered_by_sources(case, sample_ann, sample_parts, dask_client,
                                    assert_same_result):
    sources = ["BBC", "RT", "CNN"]
    ann, parts = sample_ann.filter(sources=sources), sample_parts.filter(sources=sources)
    assert set(parts.docs["source"]) == set(sources) and len(parts.docs) == len(ann.docs)
    check(case, ann, parts, assert_same_result)


@pytest.mark.corpus
def test_sample_filtered_by_query(sample_ann, sample_parts, dask_client, assert_same_result):
    ann, parts = sample_ann.filter(query="grain deal"), sample_parts.filter(query="grain deal")
    assert_same_result(parts.docs, ann.docs)
    assert 0 < len(parts.parts) <= 7
    for case in ("tf_source", "coll_llr", "kwic_phrase", "trends_month_corpus", "tfidf_top5"):
        check(case, ann, parts, assert_same_result)


def _with_docs(ann, parts, docs):
    return dataclasses.replace(ann, docs=docs), dataclasses.replace(parts, docs=docs)


@pytest.mark.corpus
@pytest.mark.parametrize("case", ["tf_region", "coll_region", "kwic_region", "trends_region",
                                  "tfidf_region", "kwic_phrase", "tf_month_bigrams"])
def test_sample_callers_docs_table(case, sample_ann, sample_parts, dask_client,
                                   assert_same_result):
    # a column added to ann.docs, every third document dropped, the rest newest first
    docs = sample_ann.docs.assign(region=np.where(
        sample_ann.docs["source"].isin(["BBC", "The Guardian", "Daily Mail", "Daily Express",
                                        "Daily Mirror", "Reuters"]), "UK", "US"))
    docs = docs[docs.index % 3 != 0].sort_values(["date", "doc_id"], ascending=False)
    ann, parts = _with_docs(sample_ann, sample_parts, docs)
    check(case, ann, parts, assert_same_result)


# --------------------------------------------------------------------------- example corpus
@pytest.mark.parametrize("case", list(CASES))
def test_example_partitioned_equals_in_memory(case, example_ann, example_parts, dask_client,
                                              assert_same_result):
    assert len(example_parts.parts) == 2
    check(case, example_ann, example_parts, assert_same_result)


def test_example_callers_docs_table(example_ann, example_parts, dask_client,
                                   assert_same_result):
    docs = example_ann.docs.assign(region=["north", "south"]).iloc[::-1]
    ann, parts = _with_docs(example_ann, example_parts, docs)
    for case in ("tf_region", "coll_region", "trends_region", "tfidf_region", "kwic_window0"):
        check(case, ann, parts, assert_same_result)
    assert kwic(parts, "the")["doc_id"].iloc[0] == docs["doc_id"].iloc[0]  # ann.docs order


def test_example_empty_results(example_ann, example_parts, dask_client, assert_same_result):
    # documents remain, but nothing matches: empty tables with the same columns and dtypes
    for call in (lambda a: kwic(a, "no such phrase anywhere"),
                 lambda a: collocations(a, min_count=10 ** 6, by="source"),
                 lambda a: term_frequencies(a, by="month", min_count=10 ** 6),
                 lambda a: tfidf_terms(a, by="source", min_count=10 ** 6)):
        expected = call(example_ann)
        assert expected.empty
        assert_same_result(call(example_parts), expected)
    zero = term_trends(example_parts, ["no such phrase"], freq="M")
    assert_same_result(zero, term_trends(example_ann, ["no such phrase"], freq="M"))
    assert len(zero) > 0 and (zero["count"] == 0).all()


def test_example_filtered_to_no_documents(example_ann, example_parts, dask_client,
                                          assert_same_result):
    ann, parts = example_ann.filter(query="xyzzy"), example_parts.filter(query="xyzzy")
    assert ann.docs.empty and parts.docs.empty and parts.parts == ()
    for case in CASES:
        expected = CASES[case](ann)
        assert expected.empty, case
        assert_same_result(CASES[case](parts), expected)


def test_example_filtered_to_one_part(example_ann, example_parts, dask_client,
                                      assert_same_result):
    source = example_ann.docs["source"].iloc[1]
    ann, parts = example_ann.filter(sources=[source]), example_parts.filter(sources=[source])
    assert len(parts.parts) == 1 and len(parts.docs) == 1
    for case in ("tf_source", "coll_dice_stopwords", "kwic_window0", "trends_week_counts"):
        check(case, ann, parts, assert_same_result)


def test_example_bad_arguments_raise_before_any_task(example_parts):
    # validation happens in the public function, on this process (no client needed)
    for call, word in [(lambda a: term_frequencies(a, by="nope"), "by"),
                       (lambda a: term_frequencies(a, keep_stopwords=1), "keep_stopwords"),
                       (lambda a: collocations(a, keep_outlet_names="no"), "keep_outlet_names"),
                       (lambda a: kwic(a, "(", regex=True), "query"),
                       (lambda a: kwic(a, "x", by="nope"), "by"),
                       (lambda a: term_trends(a, ["x"], by="month"), "by"),
                       (lambda a: tfidf_terms(a, ngram=4), "ngram")]:
        with pytest.raises(ValueError, match=word):
            call(example_parts)


def test_kwic_keeps_corpus_order_when_parts_do_not(example_ann, example_parts, dask_client):
    backwards = partitioned(example_parts, list(reversed(example_parts.parts)))
    got = kwic(backwards, "the", window=2)
    order = pd.Index(example_ann.docs["doc_id"]).get_indexer(got["doc_id"])
    assert len(got) > 0 and (np.diff(order) >= 0).all()
    pd.testing.assert_frame_equal(got, kwic(example_ann, "the", window=2))
