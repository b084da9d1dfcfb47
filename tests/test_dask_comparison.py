"""analysis.comparison, analysis.quotation and analysis.speakers on partitioned annotations (Dask)
equal the in-memory results.

Each case runs one function on the in-memory annotations and on the same
annotations split into parts (computed on the 2-worker ``dask_client``) and
compares the two results: same rows, order and dtypes, counts exact, scores
within 1e-9. The quotes of the sample are found once per backend (a module
fixture): :func:`sourcing` and :func:`voices` get those tables there, and
partitioned Annotations on the example corpus. The sample cases skip when the
shared corpus is absent.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analysis import comparison as cmp
from analysis.attention import entity_attention
from analysis.keyterms import keyness
from analysis.backend import is_partitioned, partitioned
from analysis.model import partition
from analysis.duplicates import near_duplicates
from analysis.quotation import _concat_quotes, quotes
from analysis.speakers import focus_speaker, sourcing, voices


def sources(ann) -> list[str]:
    """The outlets of ``ann``'s documents, in the order they first appear."""
    return ann.docs["source"].dropna().unique().tolist()


CASES = {
    # keyness: every group versus the rest, target/reference, corrections, stop words
    "keyness": lambda a: keyness(a),
    "keyness_target_reference": lambda a: keyness(
        a, target=sources(a)[0], reference=sources(a)[1:3], correction="bonferroni",
        min_count=2),
    "keyness_target_only": lambda a: keyness(a, target=sources(a)[-1], min_count=1,
                                                 correction="none"),
    "keyness_reference_stopwords": lambda a: keyness(a, reference=sources(a)[0],
                                                         keep_stopwords=True, min_count=3),
    "keyness_outlets_agency": lambda a: keyness(a, by="agency", keep_outlet_names=True,
                                                    min_count=1),
    # the token test; the document test with every term tested, another bootstrap
    "keyness_g2": lambda a: keyness(a, test="g2"),
    "keyness_documents_all_tested": lambda a: keyness(a, min_expected=0, min_count=2,
                                                      resamples=50, seed=7),
    # log-odds: both priors, alpha0, min_count
    "log_odds": lambda a: cmp.log_odds(a),
    "log_odds_uniform": lambda a: cmp.log_odds(a, prior="uniform", min_count=3),
    "log_odds_alpha0_agency": lambda a: cmp.log_odds(a, by="agency", alpha0=50.0,
                                                     keep_stopwords=True),
    # entity attention
    "attention": lambda a: entity_attention(a),
    "attention_min_docs": lambda a: entity_attention(a, min_docs=2),
    "attention_resamples_seed": lambda a: entity_attention(a, resamples=50, seed=3),
    "attention_outlets_agency": lambda a: entity_attention(a, by="agency", min_docs=2,
                                                               keep_outlet_names=True),
    # coverage (of the Annotations: its documents)
    "coverage_month": lambda a: cmp.coverage(a, freq="M"),
    "coverage_day_agency": lambda a: cmp.coverage(a, freq="D", by="agency"),
}
#: cases run again with missing groups (sources, dates) and on parts in another order
# the shared sample runs these cases (CI time); the example corpus runs all of CASES
SAMPLE = ["keyness", "keyness_target_reference", "keyness_g2", "log_odds", "attention_min_docs",
          "coverage_month"]
SOME = ["keyness", "attention_min_docs"]


def check(call, ann, parts, same):
    """``call`` on ``parts`` gives what it gives on ``ann`` (``same``: assert_same_result)."""
    assert is_partitioned(parts) and not is_partitioned(ann)
    expected = call(ann)
    same(call(parts), expected)
    return expected


# --------------------------------------------------------------------------- sample
@pytest.mark.corpus
@pytest.mark.parametrize("case", SAMPLE)
def test_sample_partitioned_equals_in_memory(case, sample_ann, sample_parts, dask_client,
                                             assert_same_result):
    assert len(sample_parts.parts) == 7
    expected = check(CASES[case], sample_ann, sample_parts, assert_same_result)
    assert len(expected) > 0  # a real comparison, not two empty tables


@pytest.fixture(scope="module")
def sample_duplicates(sample_ann):
    return near_duplicates(sample_ann)


@pytest.mark.corpus
@pytest.mark.parametrize("case", [
    lambda a, d: keyness(a, exclude_duplicates=True, duplicates=d),
    lambda a, d: cmp.log_odds(a, exclude_duplicates=True, duplicates=d, min_count=2),
    lambda a, d: entity_attention(a, exclude_duplicates=True, duplicates=d, min_docs=2),
    lambda a, d: cmp.coverage(a, freq="W", exclude_duplicates=True),  # pairs found again
], ids=["keyness", "log_odds", "attention", "coverage_found_again"])
def test_sample_exclude_duplicates(case, sample_ann, sample_parts, sample_duplicates,
                                   dask_client, assert_same_result):
    assert len(sample_duplicates) > 0  # the sample has copies: some documents are dropped
    expected = check(lambda a: case(a, sample_duplicates), sample_ann, sample_parts,
                     assert_same_result)
    assert len(expected) > 0


@pytest.mark.corpus
def test_sample_exclude_duplicates_changes_the_counts(sample_ann, sample_duplicates):
    # the case above compares something: the deduplicated counts are not the full ones
    full = cmp.coverage(sample_ann, freq="M")
    once = cmp.coverage(sample_ann, freq="M", exclude_duplicates=True,
                        duplicates=sample_duplicates)
    assert once["docs"].sum() < full["docs"].sum()


@pytest.mark.corpus
@pytest.mark.parametrize("case", SOME)
def test_sample_missing_groups(case, sample_gaps, dask_client, assert_same_result):
    ann, parts = sample_gaps
    assert ann.docs["date"].isna().any() and ann.docs["source"].isna().any()
    expected = check(CASES[case], ann, parts, assert_same_result)
    assert (expected["source"] == "(none)").any()  # the documents without a source: a group


@pytest.mark.corpus
@pytest.mark.parametrize("case", SOME)
def test_sample_parts_in_any_order(case, sample_ann, sample_parts, dask_client,
                                   assert_same_result):
    # the partials are added up in another order: the finished table may not change
    shuffled = partitioned(sample_parts, [sample_parts.parts[i] for i in (6, 2, 0, 5, 3, 1, 4)])
    check(CASES[case], sample_ann, shuffled, assert_same_result)


@pytest.mark.corpus
@pytest.mark.parametrize("case", ["keyness", "keyness_target_only", "log_odds", "attention",
                                  "coverage_month"])
def test_sample_filtered_by_sources(case, sample_ann, sample_parts, dask_client,
                                    assert_same_result):
    sources = ["BBC", "RT", "CNN"]
    ann, parts = sample_ann.filter(sources=sources), sample_parts.filter(sources=sources)
    assert set(parts.docs["source"]) == set(sources) and len(parts.docs) == len(ann.docs)
    assert len(check(CASES[case], ann, parts, assert_same_result)) > 0


@pytest.mark.parametrize("corpus, freq", [pytest.param("sample", "M", marks=pytest.mark.corpus),
                                           ("example", "D")])
def test_coverage_counts_words_in_the_parts(corpus, freq, request, dask_client,
                                            assert_same_result):
    # a partitioned documents table without the texts (as a store may keep it): the words
    # are counted part by part, from the parts' own documents tables
    ann = request.getfixturevalue(f"{corpus}_ann")
    full = request.getfixturevalue(f"{corpus}_parts")
    parts = dataclasses.replace(full, docs=full.docs.drop(columns="text"))
    for call in (lambda a: cmp.coverage(a, freq=freq),
                 lambda a: cmp.coverage(a, freq="W", by="agency", exclude_duplicates=True)):
        expected = call(ann)
        assert expected["words"].sum() > 0
        assert_same_result(call(parts), expected)


@pytest.mark.corpus
def test_sample_bad_target_raises_the_same_error(sample_ann, sample_parts, dask_client):
    for call in (lambda a: keyness(a, target="Pravda"),
                 lambda a: keyness(a, target="RT", reference=["RT", "BBC"]),
                 lambda a: keyness(a, reference=[])):
        with pytest.raises(ValueError) as memory:
            call(sample_ann)
        with pytest.raises(ValueError) as dask:
            call(sample_parts)
        assert str(dask.value) == str(memory.value)


# --------------------------------------------------------------------------- sample quotes
@pytest.fixture(scope="module")
def sample_quotes(sample_ann, sample_parts, dask_client):
    """``(in memory, partitioned)`` quotes of the sample (found once: the slowest step)."""
    return quotes(sample_ann), quotes(sample_parts)


@pytest.mark.corpus
def test_sample_quotes(sample_quotes, assert_same_result):
    expected, got = sample_quotes
    assert len(expected) > 1000 and expected["doc_id"].nunique() > 100
    assert_same_result(got, expected)


@pytest.mark.corpus
@pytest.mark.parametrize("call", [
    lambda q: sourcing(q),
    lambda q: voices(q),
    lambda q: voices(q, top=None, min_count=1),
    lambda q: voices(q, top=3, min_count=5),
    lambda q: pd.Series([focus_speaker(q),
                         focus_speaker(q, entity=focus_speaker(q).lower())]),
], ids=["sourcing", "voices", "voices_all", "voices_top3", "focus_speaker"])
def test_sample_voices_of_partitioned_quotes(call, sample_quotes, assert_same_result):
    expected, got = sample_quotes
    assert_same_result(call(got), call(expected))


# --------------------------------------------------------------------------- example corpus
QUOTE_CASES = {
    "quotes": lambda a: quotes(a),
    "sourcing": lambda a: sourcing(a),
    "sourcing_agency": lambda a: sourcing(a, by="agency"),
    "voices": lambda a: voices(a, top=None, min_count=1),
    "voices_agency": lambda a: voices(a, by="agency", top=2, min_count=1),
}


@pytest.mark.parametrize("case", [*CASES, *QUOTE_CASES])
def test_example_partitioned_equals_in_memory(case, example_ann, example_parts, dask_client,
                                              assert_same_result):
    assert len(example_parts.parts) == 2
    call = CASES.get(case) or QUOTE_CASES[case]
    assert len(check(call, example_ann, example_parts, assert_same_result)) > 0


@pytest.fixture(scope="module")
def example_gaps(example_ann):
    """The example with one document's source (NA) and the other's date (NaT) missing."""
    docs = example_ann.docs.copy()
    docs.loc[0, "date"] = pd.NaT
    docs.loc[1, "source"] = pd.NA
    ann = dataclasses.replace(example_ann, docs=docs)
    return ann, partition(ann, parts=2)


@pytest.mark.parametrize("case", [*SOME, "coverage_day_agency", *QUOTE_CASES])
def test_example_missing_groups(case, example_gaps, dask_client, assert_same_result):
    # a part whose sources are all missing: its quotes' source column has no type of its own
    ann, parts = example_gaps
    check(CASES.get(case) or QUOTE_CASES[case], ann, parts, assert_same_result)


@pytest.mark.parametrize("case", ["quotes", "voices"])
def test_example_quotes_keep_document_order_when_parts_do_not(case, example_ann,
                                                              example_parts, dask_client,
                                                              assert_same_result):
    backwards = partitioned(example_parts, example_parts.parts[::-1])
    expected = check(QUOTE_CASES[case], example_ann, backwards, assert_same_result)
    if case == "quotes":
        assert expected["doc_id"].iloc[0] == example_ann.docs["doc_id"].iloc[0]


def test_example_exclude_duplicates(example_ann, example_parts, dask_client,
                                    assert_same_result):
    # no copies among two documents: nothing is dropped, but the parts are restricted
    for call in (lambda a: keyness(a, min_count=1, exclude_duplicates=True),
                 lambda a: cmp.log_odds(a, exclude_duplicates=True),
                 lambda a: entity_attention(a, exclude_duplicates=True),
                 lambda a: cmp.coverage(a, freq="M", exclude_duplicates=True)):
        assert_same_result(call(example_parts), call(example_ann))


def test_example_single_group_and_empty_results(example_ann, example_parts, dask_client,
                                                assert_same_result):
    # one group: nothing to compare (keyness, log-odds), share_ref NaN (attention)
    source = example_ann.docs["source"].iloc[1]
    ann, parts = example_ann.filter(sources=[source]), example_parts.filter(sources=[source])
    assert len(parts.parts) == 1
    for call in (lambda a: keyness(a, min_count=1), cmp.log_odds):
        assert check(call, ann, parts, assert_same_result).empty
    expected = check(entity_attention, ann, parts, assert_same_result)
    assert len(expected) > 0 and expected["share_ref"].isna().all()
    # two groups, but every term or entity filtered out
    for call in (lambda a: keyness(a, min_count=10 ** 6),
                 lambda a: cmp.log_odds(a, min_count=10 ** 6),
                 lambda a: entity_attention(a, min_docs=3)):
        assert check(call, example_ann, example_parts, assert_same_result).empty


def test_example_no_documents(example_ann, example_parts, dask_client,
                              assert_same_result):
    # partitioned annotations of no part: the partial of no rows, finished
    nothing = example_ann.filter(query="xyzzy")
    parts = dataclasses.replace(example_parts, docs=nothing.docs, parts=())
    assert nothing.docs.empty and is_partitioned(parts)
    for call in (keyness, cmp.log_odds, entity_attention, cmp.coverage, quotes,
                 sourcing, lambda a: voices(a, top=None, min_count=1)):
        expected = call(nothing)
        assert expected.empty
        assert_same_result(call(parts), expected)


def test_example_quotes_of_a_part_without_quotes(example_ann, assert_same_result):
    # a part where nothing is quoted gives an untyped empty table: left out when added up
    q = quotes(example_ann)
    empty = quotes(example_ann.filter(query="xyzzy"))
    assert empty.empty and not q.empty
    assert_same_result(_concat_quotes(empty, q, empty), q)
    assert_same_result(_concat_quotes(empty, empty), empty)


def test_example_bad_arguments_raise_before_any_task(example_parts):
    # validation happens in the public function, on this process (no client needed)
    for call, word in [(lambda a: keyness(a, by="nope"), "by"),
                       (lambda a: keyness(a, by="text"), "by"),
                       (lambda a: keyness(a, min_count=0), "min_count"),
                       (lambda a: keyness(a, correction="holm"), "correction"),
                       (lambda a: keyness(a, target="Nobody"), "target"),
                       (lambda a: keyness(a, reference=["Nobody"]), "reference"),
                       (lambda a: keyness(a, keep_outlet_names=1), "keep_outlet_names"),
                       (lambda a: keyness(a, exclude_duplicates="yes"),
                        "exclude_duplicates"),
                       (lambda a: cmp.log_odds(a, prior="flat"), "prior"),
                       (lambda a: cmp.log_odds(a, alpha0=0), "alpha0"),
                       (lambda a: cmp.log_odds(a, keep_outlet_names="no"), "keep_outlet_names"),
                       (lambda a: entity_attention(a, min_docs=0), "min_docs"),
                       (lambda a: entity_attention(a, by="period"), "by"),
                       (lambda a: cmp.coverage(a, freq="fortnight"), "freq"),
                       (lambda a: cmp.coverage(a, by="nope"), "by"),
                       (lambda a: voices(a, top=0), "top"),
                       (lambda a: sourcing(a.docs), "data must be"),
                       (lambda a: focus_speaker(a), "data must be")]:
        with pytest.raises(ValueError, match=word):
            call(example_parts)
