"""Restricting to some documents (every table follows) and the glue the notebooks call."""

from __future__ import annotations

import ast
import warnings

import pandas as pd
import pytest

from analysis import config, duplicates, summary, workflow
from analysis.annotation import annotate

TDI, WEBINDIA = "f9ebc3cd17e6558c", "40b96543176dc8f1"  # the two seed articles


def tables(ann):
    return {"docs": ann.docs, "sentences": ann.sentences, "tokens": ann.tokens,
            "entities": ann.entities}


def test_filter_by_source_restricts_every_table(example_ann):
    before = {k: len(v) for k, v in tables(example_ann).items()}
    part = example_ann.filter(sources=["TDI"])
    for name, table in tables(part).items():
        assert set(table["doc_id"]) == {TDI}, name
        expected = (example_ann.docs if name == "docs" else getattr(example_ann, name))
        assert len(table) == (expected["doc_id"] == TDI).sum(), name
    assert {k: len(v) for k, v in tables(example_ann).items()} == before  # input untouched
    text = repr(part)
    assert text.startswith("Annotations(1 docs, ") and "filtered by sources=['TDI']" in text
    assert f"{len(part.tokens)} tokens" in text


@pytest.mark.parametrize("kwargs, kept", [
    ({"query": "embassy"}, {WEBINDIA}),  # only the WebIndia123 copy mentions the embassy
    ({"query": "affable environment"}, {TDI}),  # a phrase: tokens in a row
    ({"query": "no such word"}, set()),
    ({"start": "2022-02-01"}, {TDI}),  # TDI 2022-02-18, WebIndia123 2022-01-22
    ({"end": "2022-01-22"}, {WEBINDIA}),  # inclusive
    ({"sources": ["TDI", "WebIndia123"], "query": "Russia"}, {TDI, WEBINDIA}),
])
def test_filter_by_date_and_query(example_ann, kwargs, kept):
    part = example_ann.filter(**kwargs)
    assert set(part.docs["doc_id"]) == kept
    assert set(part.tokens["doc_id"]) == kept and set(part.entities["doc_id"]) <= kept


def test_filters_compose_and_bad_values_raise(example_ann):
    twice = example_ann.filter(sources=["TDI", "WebIndia123"]).filter(query="embassy")
    assert set(twice.docs["doc_id"]) == {WEBINDIA}
    assert twice.filters == {"sources": ["TDI", "WebIndia123"], "query": "embassy"}
    with pytest.raises(ValueError, match="not in the corpus"):
        example_ann.filter(sources=["BBC"])
    with pytest.raises(ValueError, match="ISO date"):
        example_ann.filter(start="last week")


def test_corpus_filter_keeps_the_counts_consistent(example_corpus):
    part = example_corpus.filter(sources=["WebIndia123"])
    assert part.docs["doc_id"].tolist() == [WEBINDIA]
    assert set(part.cleaning["doc_id"]) == {WEBINDIA}
    assert len(part.cleaning) == (example_corpus.cleaning["doc_id"] == WEBINDIA).sum()
    assert part.excluded == 1 and part.found == 2
    assert part.found == len(part.docs) + len(part.skipped) + part.excluded
    assert "1 documents kept, 0 skipped, 1 filtered out, 2 found" in repr(part)
    assert example_corpus.excluded == 0 and len(example_corpus.docs) == 2  # untouched


def test_prepare_filters_corpus_and_annotations_alike():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus, ann = workflow.prepare("", sources=["TDI"], progress=False)
    assert corpus.docs["doc_id"].tolist() == ann.docs["doc_id"].tolist() == [TDI]
    ledger = corpus.ledger_summary()
    assert set(ledger["docs"]) == {1}  # steps counted over the kept document only
    assert ledger["chars_removed"].sum() == corpus.cleaning["chars_removed"].sum()
    overview = workflow.source_overview(corpus, ann)
    assert overview[["source", "docs", "tokens"]].values.tolist() == [["TDI", 1, len(ann.tokens)]]
    lines = [line for line, _ in summary.overview_summary(corpus, overview).lines]
    assert "2 record(s) found: 1 kept, 0 skipped while loading, 1 left out by the filters." in lines


def test_source_overview_refuses_mismatched_inputs(example_corpus, example_ann):
    with pytest.raises(ValueError, match="different documents"):
        workflow.source_overview(example_corpus.filter(sources=["TDI"]), example_ann)


def test_group_sizes_and_guess_freq():
    docs = pd.DataFrame({"source": ["RT", " BBC", "RT", None, ""],
                         "date": pd.to_datetime(["2022-01-01"] * 4 + ["2022-04-01"])})
    assert workflow.group_sizes(docs).to_dict() == {"(none)": 2, "RT": 2, "BBC": 1}
    with pytest.raises(ValueError, match="by must be a column"):
        workflow.group_sizes(docs, by="agency")
    assert workflow.guess_freq(docs) == "W"  # 90 days apart: not over 90
    later = docs.assign(date=docs["date"].where(docs.index < 4, pd.Timestamp("2022-04-02")))
    assert workflow.guess_freq(later) == "M"  # 91 days


def test_cross_outlet_copies_keeps_clusters_spanning_outlets():
    docs = pd.DataFrame({"doc_id": list("abcd"), "source": ["AP", "HuffPost", "RT", "RT"],
                         "date": pd.to_datetime(["2022-03-01", "2022-03-02", "2022-03-03",
                                                 "2022-03-04"]),
                         "text": ["x"] * 4, "agency": ["AP", "AP", "", ""],
                         "title": ["Original", "Copy", "RT one", "RT two"]})
    pairs = pd.DataFrame({"doc_a": ["a", "c"], "doc_b": ["b", "d"],
                          "source_a": ["AP", "RT"], "source_b": ["HuffPost", "RT"],
                          "date_a": docs["date"].iloc[[0, 2]].to_numpy(),
                          "date_b": docs["date"].iloc[[1, 3]].to_numpy(),
                          "similarity": [0.9, 0.95]})
    out = duplicates.cross_outlet_copies(pairs, docs)
    assert out[["doc_id", "source", "is_first", "title"]].values.tolist() == [
        ["a", "AP", True, "Original"], ["b", "HuffPost", False, "Copy"]]
    titled = duplicates.with_titles(pairs, docs)
    assert titled[["title_a", "title_b"]].values.tolist() == [["Original", "Copy"],
                                                              ["RT one", "RT two"]]


def test_no_module_level_caches_of_data():
    """Caches of data live in files keyed by content and code; no module keeps tables in a dict."""
    for path in sorted((config.PROJECT_ROOT / "analysis").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = ([t.id for t in node.targets if isinstance(t, ast.Name)]
                       if isinstance(node, ast.Assign) else
                       [node.target.id] if isinstance(node, ast.AnnAssign)
                       and isinstance(node.target, ast.Name) else [])
            for name in targets:
                assert "CACHE" not in name.upper(), f"{path.name}: module-level {name}"


def test_deduplicate_sees_edited_documents():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["AP", "RT"],
                         "date": pd.to_datetime(["2022-03-01", "2022-03-02"]),
                         "text": ["the very same words are here again today"] * 2})
    assert duplicates.deduplicate(docs)["doc_id"].tolist() == ["a"]
    edited = docs.assign(text=["the very same words are here again today",
                               "an entirely different article about other things"])
    assert duplicates.deduplicate(edited)["doc_id"].tolist() == ["a", "b"]


def test_annotations_of_a_filter_equal_annotating_the_subset(example_corpus, tmp_path):
    """Filtering the annotations equals annotating only those documents (same tables)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = annotate(example_corpus.docs, n_jobs=1, progress=False, cache_dir=tmp_path)
        alone = annotate(example_corpus.docs[example_corpus.docs["source"] == "TDI"],
                         n_jobs=1, progress=False, cache_dir=tmp_path)
    part = full.filter(sources=["TDI"])
    for name in ("sentences", "tokens", "entities"):
        pd.testing.assert_frame_equal(getattr(part, name), getattr(alone, name), check_dtype=False)


def test_focus_entity_and_partner_evidence(example_ann):
    from analysis import cooccurrence, entity_partners, focus_entity, partner_evidence

    pairs = cooccurrence(example_ann, min_count=1)
    ents = example_ann.entities
    in_pairs = set(pairs["entity_a"]) | set(pairs["entity_b"])
    people = ents[(ents["label"] == "PERSON") & ents["canonical"].isin(in_pairs)]
    counts = people["canonical"].value_counts()
    most = sorted(counts.index, key=lambda n: (-counts[n], n))[0]
    assert focus_entity(pairs) == most == "Vladimir Putin"  # 3 mentions, Kishida 2
    assert focus_entity(pairs, entity="kishida") == "Fumio Kishida"
    with pytest.raises(ValueError, match="did you mean"):
        focus_entity(pairs, entity="Kishda")
    evidence = partner_evidence(example_ann, pairs, "putin", top=2, limit=1)
    partners = entity_partners(pairs, "Vladimir Putin", top=2)["partner"].tolist()
    assert evidence["partner"].tolist() == partners
    assert evidence["text"].str.contains("Putin").all()


def test_evidence_hears_several_outlets_before_one_twice():
    from analysis.evidence import _spread

    evidence = pd.DataFrame({"source": ["HuffPost", "HuffPost", "HuffPost", "RT", "BBC", "RT"],
                             "date": pd.to_datetime(["2019-12-02", "2020-01-01", "2020-02-01",
                                                     "2022-03-01", "2022-03-02", "2022-03-05"])})
    got = _spread(evidence, 4)
    assert list(zip(got["source"], got["date"].dt.strftime("%Y-%m"))) == [
        ("HuffPost", "2019-12"), ("RT", "2022-03"), ("BBC", "2022-03"), ("HuffPost", "2020-01")]
