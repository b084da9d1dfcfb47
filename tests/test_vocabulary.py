"""One vocabulary: every public function names its options from analysis.vocabulary."""

from __future__ import annotations

import inspect
import types

import pandas as pd
import pytest

import analysis
from analysis import config, vocabulary
from analysis.vocabulary import CHOICES, COLUMNS, PARAMETERS, PRESENTATION

MODULES = {"plots", "display", "summary"}  # drawing and reading helpers


def public_callables():
    """(qualified name, function, vocabulary) for everything analysis.__all__ exposes."""
    for name in analysis.__all__:
        obj = getattr(analysis, name)
        if isinstance(obj, types.ModuleType):
            if name in MODULES:
                for fname, f in inspect.getmembers(obj, inspect.isfunction):
                    if not fname.startswith("_") and f.__module__ == obj.__name__:
                        yield f"{name}.{fname}", f, {**PARAMETERS, **PRESENTATION}
        elif inspect.isclass(obj):
            for fname, f in inspect.getmembers(obj, inspect.isfunction):
                if not fname.startswith("_"):
                    yield f"{name}.{fname}", f, PARAMETERS
        elif callable(obj):
            yield name, obj, PARAMETERS


CALLABLES = list(public_callables())


def test_the_walk_sees_the_whole_api():
    names = {q for q, _, _ in CALLABLES}
    assert {"term_frequencies", "cooccurrence", "keyness", "Annotations.filter",
            "Corpus.filter", "plots.plot_keyness", "render"} <= names
    assert len(names) > 70


@pytest.mark.parametrize("qualname, func, vocab", CALLABLES, ids=[c[0] for c in CALLABLES])
def test_parameter_names_are_in_the_vocabulary(qualname, func, vocab):
    params = [p for p in inspect.signature(func).parameters.values() if p.name != "self"]
    unknown = [p.name for p in params if p.name not in vocab]
    assert unknown == [], f"{qualname}: {unknown} are not in analysis.vocabulary"
    for p in params:
        if p.name in CHOICES and qualname.split(".")[0] not in MODULES:
            assert CHOICES[p.name] in str(p.annotation), (qualname, p.name, p.annotation)
        if p.name.startswith("keep_"):
            assert p.default is False, f"{qualname}: {p.name} must default to False"
        if p.name in ("min_count", "min_docs") or (p.name == "top" and p.default not in
                                                    (None, p.empty)):
            assert isinstance(p.default, int), (qualname, p.name)
        if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is not p.empty and p is not params[0] \
                and qualname.split(".")[0] not in MODULES | {"Corpus", "Annotations"}:
            pytest.fail(f"{qualname}: option {p.name} must be keyword-only")


def test_choice_literals_are_defined_once():
    import analysis.comparison as comparison
    import analysis.evidence as evidence
    import analysis.network as network
    import analysis.terms as terms
    from analysis.cooccurrence import MEASURES

    assert terms.FREQS is vocabulary.FREQS and evidence.FREQS is vocabulary.FREQS
    assert MEASURES is vocabulary.PAIR_MEASURES and network.MEASURES is vocabulary.PAIR_MEASURES
    assert terms.MEASURES is vocabulary.COLLOCATION_MEASURES
    assert comparison.CORRECTIONS is vocabulary.CORRECTIONS
    from analysis import entities
    assert entities.UNTYPED is vocabulary.UNTYPED


def test_readme_holds_the_vocabulary_table():
    readme = (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert vocabulary.markdown_table() in readme


def test_every_parameter_is_used_and_documented():
    used = {p for _, f, _ in CALLABLES for p in inspect.signature(f).parameters} - {"self"}
    assert set(PARAMETERS) - used == set(), "vocabulary entries nobody uses"
    for name, text in PARAMETERS.items():
        assert text.strip(), name


def test_output_columns_follow_the_vocabulary(example_ann):
    """Count-like columns of every analysis table are named from COLUMNS."""
    ann = example_ann
    pairs = analysis.cooccurrence(ann, min_count=1, by="source")
    tables = {
        "term_frequencies": analysis.term_frequencies(ann, by="source"),
        "tfidf_terms": analysis.tfidf_terms(ann, by="source"),
        "entity_frequencies": analysis.entity_frequencies(ann, by="source"),
        "entity_timeline": analysis.entity_timeline(ann, top=2),
        "cooccurrence": pairs,
        "keyness": analysis.keyness(ann, min_count=1),
        "log_odds": analysis.log_odds(ann),
        "entity_attention": analysis.entity_attention(ann),
        "coverage": analysis.coverage(ann.docs, freq="M"),
    }
    banned = {"group", "documents", "doc_count", "doc_share", "share_docs", "n_docs",
              "mentions", "difference_pp", "documents_total", "group_docs_other"}
    for name, table in tables.items():
        assert not banned & set(table.columns), (name, list(table.columns))
        if name != "cooccurrence" and "entity_timeline" != name:
            assert "source" in table.columns, name  # the group column is named after by
        for col in ("docs", "group_docs", "count"):
            if col in table:
                assert pd.api.types.is_integer_dtype(table[col]), (name, col)
        for col in [c for c in table.columns if c == "share" or c.startswith("share_")]:
            values = table[col].dropna()
            low = -1 if col == "share_diff" else 0
            assert values.between(low, 1).all(), (name, col)  # fractions, never percent
    assert {"<by>", "count", "docs", "share", "share_diff", "tokens", "words"} <= set(COLUMNS)


def test_one_label_per_entity_in_every_table(example_ann):
    labels = analysis.entity_labels(example_ann)
    att = analysis.entity_attention(example_ann)
    freq = analysis.entity_frequencies(example_ann)
    for table in (att, freq):
        got = table.drop_duplicates("entity").set_index("entity")["label"]
        assert (got == labels.reindex(got.index)).all()
