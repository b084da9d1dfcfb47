"""analysis.pairs and analysis.evidence on partitioned annotations (Dask) equal the
in-memory results.

Each case runs one function on the in-memory annotations and on the same
annotations split into parts (computed on the 2-worker ``dask_client``) and
compares the two results: same rows, order and dtypes, counts exact, scores
within 1e-9. Entity names a case needs (a pair that occurs, the most mentioned
entities...) are taken from the in-memory annotations. The sample cases skip
when the shared corpus is absent.
"""

from __future__ import annotations

import dataclasses

import pytest

from analysis.backend import is_partitioned, partitioned
from analysis.pairs import cooccurrence, entity_frequencies, entity_labels, focus_entity
from analysis.evidence import cooccurrence_evidence, entity_timeline, partner_evidence

CASES = {
    # entity_labels, entity_frequencies
    "labels": lambda a, n: entity_labels(a),
    "freq": lambda a, n: entity_frequencies(a),
    "freq_source": lambda a, n: entity_frequencies(a, by="source"),
    "freq_source_outlets": lambda a, n: entity_frequencies(a, by="source",
                                                           keep_outlet_names=True),
    # cooccurrence
    "cooc_sentence": lambda a, n: cooccurrence(a),
    "cooc_sentence_all": lambda a, n: cooccurrence(a, min_count=1),
    "cooc_sentence_source": lambda a, n: cooccurrence(a, by="source", min_count=1),
    "cooc_paragraph": lambda a, n: cooccurrence(a, unit="paragraph", min_count=1),
    "cooc_paragraph_outlets": lambda a, n: cooccurrence(a, unit="paragraph",
                                                        keep_outlet_names=True),
    "cooc_document_source_min3": lambda a, n: cooccurrence(a, unit="document", by="source",
                                                           min_count=3),
    "cooc_document": lambda a, n: cooccurrence(a, unit="document", min_count=1),
    "cooc_labels_source": lambda a, n: cooccurrence(a, labels=["PERSON", "GPE"],
                                                    by="source", min_count=2),
    "cooc_labels_paragraph": lambda a, n: cooccurrence(a, unit="paragraph", min_count=1,
                                                       labels=["GPE"]),
    # cooccurrence_evidence (a pair that occurs; names as written resolve)
    "evidence": lambda a, n: cooccurrence_evidence(a, n["a"], n["b"]),
    "evidence_all": lambda a, n: cooccurrence_evidence(a, n["b"], n["a"], limit=None),
    "evidence_paragraph": lambda a, n: cooccurrence_evidence(a, n["a"], n["b"],
                                                             unit="paragraph", limit=None),
    "evidence_document_3": lambda a, n: cooccurrence_evidence(a, n["a"], n["b"],
                                                              unit="document", limit=3),
    "evidence_lowercase": lambda a, n: cooccurrence_evidence(a, n["a"].lower(),
                                                             n["b"].upper()),
    # entity_timeline
    "timeline_top": lambda a, n: entity_timeline(a),
    "timeline_top3_quarter": lambda a, n: entity_timeline(a, top=3, freq="Q"),
    "timeline_list_week": lambda a, n: entity_timeline(a, entities=n["top"], by=None,
                                                       freq="W"),
    "timeline_list_source": lambda a, n: entity_timeline(a, entities=n["top"][::-1] + [
        n["top"][0].lower()], by="source", freq="Y"),
    # partner_evidence
    "partners": lambda a, n: partner_evidence(a, n["pairs"], n["focus"]),
    "partners_paragraph": lambda a, n: partner_evidence(a, n["pairs"], n["focus"],
                                                        measure="count", top=5,
                                                        unit="paragraph", limit=2),
    "partners_document": lambda a, n: partner_evidence(a, n["pairs"], n["a"], measure="g2",
                                                       unit="document", limit=10),
}
#: cases run again with missing groups (sources, dates) and on parts in another order
# the shared sample runs these cases (CI time); the example corpus runs all of CASES
SAMPLE = ["freq_source", "cooc_sentence", "cooc_paragraph", "cooc_document_source_min3", "cooc_labels_source", "evidence", "timeline_top", "partners"]
SOME = ["cooc_sentence_source", "timeline_top"]


def names_of(ann) -> dict:
    """Entity names the cases need, from the in-memory annotations."""
    pairs = cooccurrence(ann, min_count=1)
    first = pairs.iloc[0]  # the pair found together most often
    return {"pairs": pairs, "a": first["entity_a"], "b": first["entity_b"],
            "top": entity_frequencies(ann)["entity"].head(3).tolist(),
            "focus": focus_entity(pairs)}


def check(case: str, ann, parts, names: dict, assert_same_result):
    assert is_partitioned(parts) and not is_partitioned(ann)
    expected = CASES[case](ann, names)
    assert_same_result(CASES[case](parts, names), expected)
    return expected


# --------------------------------------------------------------------------- sample
@pytest.fixture(scope="module")
def sample_names(sample_ann):
    return names_of(sample_ann)


@pytest.mark.corpus
@pytest.mark.parametrize("case", SAMPLE)
def test_sample_partitioned_equals_in_memory(case, sample_ann, sample_parts, sample_names,
                                             dask_client, assert_same_result):
    assert len(sample_parts.parts) == 7
    expected = check(case, sample_ann, sample_parts, sample_names, assert_same_result)
    assert len(expected) > 0  # a real comparison, not two empty tables


@pytest.fixture(scope="module")
def sample_gaps_names(sample_gaps):
    """``sample_gaps`` and the names of its entities."""
    ann, parts = sample_gaps
    return ann, parts, names_of(ann)


@pytest.mark.corpus
@pytest.mark.parametrize("case", SOME)
def test_sample_missing_groups(case, sample_gaps_names, dask_client, assert_same_result):
    ann, parts, names = sample_gaps_names
    assert ann.docs["date"].isna().any() and ann.docs["source"].isna().any()
    expected = check(case, ann, parts, names, assert_same_result)
    if "source" in expected.columns:  # the documents without a source form a group
        assert expected["source"].isna().any()


@pytest.mark.corpus
@pytest.mark.parametrize("case", SOME)
def test_sample_parts_in_any_order(case, sample_ann, sample_parts, sample_names, dask_client,
                                   assert_same_result):
    # the partials are added up in another order: the finished table may not change
    shuffled = partitioned(sample_parts, [sample_parts.parts[i] for i in (6, 2, 0, 5, 3, 1, 4)])
    check(case, sample_ann, shuffled, sample_names, assert_same_result)


@pytest.mark.corpus
@pytest.mark.parametrize("case", ["freq_source", "cooc_sentence_source", "cooc_paragraph",
                                  "evidence_all", "timeline_top", "partners"])
def test_sample_filtered_by_sources(case, sample_ann, sample_parts, dask_client,
                                    assert_same_result):
    sources = ["BBC", "RT", "CNN"]
    ann, parts = sample_ann.filter(sources=sources), sample_parts.filter(sources=sources)
    assert set(parts.docs["source"]) == set(sources) and len(parts.docs) == len(ann.docs)
    expected = check(case, ann, parts, names_of(ann), assert_same_result)
    assert len(expected) > 0


@pytest.mark.corpus
def test_sample_unknown_names_raise_the_same_error(sample_ann, sample_parts, dask_client):
    # suggestions (close names, most mentioned first) come from every part's names
    for call, word in [
            (lambda a: cooccurrence_evidence(a, "Vladimir Putin", "Zelenskky"), "did you"),
            (lambda a: entity_timeline(a, entities=["Kyiv", "Putn"]), "did you"),
            (lambda a: partner_evidence(a, cooccurrence(sample_ann), "Xyzzy Nobody"),
             "not an entity"),
            (lambda a: cooccurrence(a, labels=["PERSN"]), "do not occur")]:
        with pytest.raises(ValueError, match=word) as memory:
            call(sample_ann)
        with pytest.raises(ValueError) as dask:
            call(sample_parts)
        assert str(dask.value) == str(memory.value)


# --------------------------------------------------------------------------- example corpus
@pytest.fixture(scope="module")
def example_names(example_ann):
    return names_of(example_ann)


@pytest.mark.parametrize("case", list(CASES))
def test_example_partitioned_equals_in_memory(case, example_ann, example_parts, example_names,
                                              dask_client, assert_same_result):
    assert len(example_parts.parts) == 2
    check(case, example_ann, example_parts, example_names, assert_same_result)


def test_example_unknown_names_raise_the_same_error(example_ann, example_parts, dask_client):
    calls = [lambda a: cooccurrence_evidence(a, "Vladimir Putin", "Xyzzy"),
             lambda a: cooccurrence_evidence(a, "Kishida", "Kishida"),  # the same entity
             lambda a: entity_timeline(a, entities=["Putin", "Zelenskyy"]),
             lambda a: cooccurrence(a, labels=["PERSON", "PERSN"])]
    for call in calls:
        with pytest.raises(ValueError) as memory:
            call(example_ann)
        with pytest.raises(ValueError) as dask:
            call(example_parts)
        assert str(dask.value) == str(memory.value)
    assert "did you mean" in str(memory.value) or "do not occur" in str(memory.value)


def test_example_bad_arguments_raise_before_any_task(example_parts):
    # validation happens in the public function, on this process (no client needed)
    for call, word in [(lambda a: cooccurrence(a, unit="clause"), "unit"),
                       (lambda a: cooccurrence(a, min_count=0), "min_count"),
                       (lambda a: cooccurrence(a, labels="GPE"), "labels"),
                       (lambda a: cooccurrence(a, by="nope"), "by"),
                       (lambda a: cooccurrence(a, keep_outlet_names=1), "keep_outlet_names"),
                       (lambda a: entity_frequencies(a, keep_outlet_names="no"),
                        "keep_outlet_names"),
                       (lambda a: entity_frequencies(a, by="text"), "by"),
                       (lambda a: cooccurrence_evidence(a, "X", "Y", unit="clause"), "unit"),
                       (lambda a: cooccurrence_evidence(a, "X", "Y", limit=0), "limit"),
                       (lambda a: entity_timeline(a, freq="H"), "freq"),
                       (lambda a: entity_timeline(a, top=0), "top"),
                       (lambda a: entity_timeline(a, entities="Putin"), "entities")]:
        with pytest.raises(ValueError, match=word):
            call(example_parts)


def test_example_empty_results(example_ann, example_parts, dask_client, assert_same_result):
    # documents remain, but nothing matches: empty tables with the same columns and dtypes
    docs = example_ann.entities.groupby("canonical")["doc_id"].agg(frozenset)
    first, second = example_ann.docs["doc_id"]
    apart = (docs[docs == {first}].index[0], docs[docs == {second}].index[0])  # never together
    for call in (lambda a: cooccurrence(a, min_count=10 ** 6, by="source"),
                 lambda a: cooccurrence(a, labels=["NORP"], unit="sentence", min_count=3),
                 lambda a: cooccurrence_evidence(a, *apart, unit="paragraph"),
                 lambda a: cooccurrence_evidence(a, *apart, unit="document")):
        expected = call(example_ann)
        assert expected.empty
        assert_same_result(call(example_parts), expected)


def test_example_no_documents(example_ann, example_parts, dask_client, assert_same_result):
    # partitioned annotations of no part: the partial of no rows, finished
    nothing = example_ann.filter(query="xyzzy")
    parts = dataclasses.replace(example_parts, docs=nothing.docs, parts=())
    assert nothing.docs.empty and is_partitioned(parts)
    for call in (entity_labels, entity_frequencies,
                 lambda a: entity_frequencies(a, by="source"),
                 lambda a: cooccurrence(a, min_count=1, by="source"),
                 lambda a: cooccurrence(a, unit="document")):
        expected = call(nothing)
        assert expected.empty
        assert_same_result(call(parts), expected)


def test_example_filtered_to_one_part(example_ann, example_parts, dask_client,
                                      assert_same_result):
    source = example_ann.docs["source"].iloc[1]
    ann, parts = example_ann.filter(sources=[source]), example_parts.filter(sources=[source])
    assert len(parts.parts) == 1 and len(parts.docs) == 1
    names = names_of(ann)
    for case in ("labels", "freq_source", "cooc_sentence_source", "cooc_document",
                 "evidence_all", "timeline_top", "partners_paragraph"):
        check(case, ann, parts, names, assert_same_result)


def test_example_evidence_keeps_corpus_order_when_parts_do_not(example_ann, example_parts,
                                                               example_names, dask_client,
                                                               assert_same_result):
    backwards = partitioned(example_parts, list(reversed(example_parts.parts)))
    for case in ("evidence_all", "evidence_paragraph", "partners", "timeline_top",
                 "cooc_sentence_source"):
        check(case, example_ann, backwards, example_names, assert_same_result)
