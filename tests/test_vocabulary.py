"""One vocabulary: every public function names, types, defaults and validates its options
from the one table, analysis.vocabulary.PARAMETERS."""

from __future__ import annotations

import inspect
import re
import types

import pandas as pd
import pytest

import analysis
from analysis import checks, config, vocabulary
from analysis.checks import REQUIRED, Anything, Rule
from analysis.vocabulary import COLUMNS, PARAMETERS

MODULES = {"plots", "display", "summary"}  # drawing and reading helpers


def public_callables():
    """(qualified name, function) for everything analysis.__all__ exposes."""
    for name in analysis.__all__:
        obj = getattr(analysis, name)
        if isinstance(obj, types.ModuleType):
            if name in MODULES:
                for fname, f in inspect.getmembers(obj, inspect.isfunction):
                    # its own functions: defined in the module, or in a package's submodules
                    if not fname.startswith("_") and (f.__module__ == obj.__name__ or
                                                      f.__module__.startswith(obj.__name__ + ".")):
                        yield f"{name}.{fname}", f
        elif inspect.isclass(obj):
            for fname, f in inspect.getmembers(obj, inspect.isfunction):
                if not fname.startswith("_"):
                    yield f"{name}.{fname}", f
        elif callable(obj):
            yield name, obj


CALLABLES = list(public_callables())
IDS = [q for q, _ in CALLABLES]


def options(func):
    return [p for p in inspect.signature(func).parameters.values()
            if p.name != "self" and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)]


def test_the_walk_sees_the_whole_api():
    names = set(IDS)
    assert {"term_frequencies", "cooccurrence", "keyness", "Annotations.filter",
            "Corpus.filter", "plots.plot_keyness", "render", "significant"} <= names
    plots = analysis.plots  # a package: its functions live in its submodules
    assert {f"plots.{n}" for n in plots.__all__ if inspect.isfunction(getattr(plots, n))} <= names
    assert len(names) > 70


def _annotation_parts(annotation) -> list[str]:
    """``"str | list[str] | None"`` -> ["str", "list[str]", "None"] (top-level ``|`` only)."""
    text, parts, depth, cur = str(annotation), [], 0, ""
    for ch in text:
        depth += ch in "[(" and 1 or 0
        depth -= ch in "])" and 1 or 0
        if ch == "|" and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return parts + [cur.strip()]


@pytest.mark.parametrize("qualname, func", CALLABLES, ids=IDS)
def test_every_parameter_follows_the_table(qualname, func):
    """In the table; annotated with types the table allows; defaulted as the table says;
    options keyword-only; the function validated by vocabulary.checked."""
    key = func.__qualname__
    assert hasattr(func, "__checks__") and hasattr(func, "__wrapped__"), (
        f"{qualname} is not decorated with analysis.vocabulary.checked")
    params = options(func)
    unknown = [p.name for p in params if p.name not in PARAMETERS]
    assert unknown == [], f"{qualname}: {unknown} have no row in analysis.vocabulary.PARAMETERS"
    for p in params:
        row = PARAMETERS[p.name]
        expected = row.default_for(key)
        assert p.default == expected or (p.default is p.empty and expected is REQUIRED), (
            f"{qualname}: {p.name} defaults to {p.default!r}, the table says {expected!r}")
        allowed = row.allowed_for(key)
        assert allowed is not REQUIRED, f"{qualname}: {p.name}: the table's allowed rule lacks it"
        if not any(type(c) is Anything for c in allowed):
            names = set().union(*(c.names for c in allowed))
            parts = _annotation_parts(p.annotation)
            assert p.annotation is not p.empty, f"{qualname}: {p.name} has no annotation"
            assert set(parts) <= names, (
                f"{qualname}: {p.name}: annotation {p.annotation} allows {set(parts) - names} "
                f"beyond the table's {sorted(names)}")
            if p.default is not p.empty:
                assert checks.Check(allowed).accepts(p.default), (qualname, p.name, p.default)
        if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is not p.empty and p is not params[0] \
                and qualname.split(".")[0] not in MODULES | {"Corpus", "Annotations"}:
            pytest.fail(f"{qualname}: option {p.name} must be keyword-only")


def test_rules_name_real_functions():
    """A rule's function names are functions that have the parameter (no stale entries)."""
    having = {}
    for _, f in CALLABLES:
        for p in options(f):
            having.setdefault(p.name, set()).add(f.__qualname__)
    helpers = {"association", "followed_terms", "default_query", "timeline_entities"}
    for name, row in PARAMETERS.items():
        for rule in (row.allowed, row.default):
            if isinstance(rule, Rule):
                stale = set(rule.by_function) - having.get(name, set()) - helpers
                assert not stale, f"{name}: the rule names {stale}, which lack the parameter"
                assert rule.why.strip(), name


def _data_value(name: str, qualname: str, example_ann, example_corpus):
    """A stand-in for a required argument the validator does not check (the data)."""
    return {"docs": example_corpus.docs, "corpus": example_corpus}.get(name, example_ann)


def _bad_cases():
    for qualname, func in CALLABLES:
        for name, check in func.__checks__.items():
            for constraint in check.constraints:
                for bad in constraint.bad_values():
                    if not check.accepts(bad):
                        yield pytest.param(qualname, func, name, bad,
                                           id=f"{qualname}-{name}-{bad!r}")


@pytest.mark.parametrize("qualname, func, name, bad", list(_bad_cases()))
def test_bad_values_raise_naming_the_parameter(qualname, func, name, bad, example_ann,
                                               example_corpus):
    """Each parameter's constraints give bad values; the call fails before any work."""
    args, kwargs = [], {}
    owner = qualname.split(".")[0]
    if owner in ("Corpus", "Annotations"):
        args.append(example_corpus if owner == "Corpus" else example_ann)
    for p in options(func):
        if p.name == name:
            kwargs[name] = bad
        elif p.default is p.empty:
            check = func.__checks__.get(p.name)
            good = (next(v for v in (1, "RT", ["RT"], True, pd.DataFrame(), "M")
                         if check.accepts(v)) if check is not None
                    else _data_value(p.name, qualname, example_ann, example_corpus))
            if p.kind is p.KEYWORD_ONLY:
                kwargs[p.name] = good
            else:
                args.append(good)
    with pytest.raises(ValueError, match=rf"^{re.escape(name)} must be "):
        func(*args, **kwargs)


def test_old_measure_name_says_to_use_g2(example_ann):
    pairs = analysis.cooccurrence(example_ann, min_count=1)
    for call in (lambda: analysis.collocations(example_ann, measure="llr"),
                 lambda: analysis.entity_network(pairs, measure="llr")):
        with pytest.raises(ValueError, match="now called 'g2'"):
            call()


def test_validation_is_cheap_and_transparent():
    """functools.wraps keeps the signature, the name (Dask pickles by it) and the docstring."""
    import pickle

    f = analysis.term_frequencies
    assert inspect.signature(f) == inspect.signature(f.__wrapped__)
    assert f.__name__ == "term_frequencies" and "Examples" in f.__doc__
    assert pickle.loads(pickle.dumps(f)) is f
    assert analysis.Corpus.filter.__qualname__ == "Corpus.filter"


def test_choice_literals_are_defined_once():
    from typing import get_args

    import analysis.evidence as evidence
    import analysis.terms as terms

    assert set(get_args(terms.CollocationMeasure)) == set(vocabulary.COLLOCATION_MEASURES)
    assert evidence.Freq is vocabulary.Freq and terms.Freq is vocabulary.Freq
    assert "g2" in vocabulary.PAIR_MEASURES and "llr" not in vocabulary.PAIR_MEASURES
    from analysis import entities
    assert entities.UNTYPED is vocabulary.UNTYPED


REFERENCE = config.PROJECT_ROOT / "docs" / "reference.md"
BEGIN = "<!-- vocabulary table: generated by analysis.vocabulary.markdown_table(); do not edit -->"
END = "<!-- end of the generated vocabulary table -->"


def test_reference_page_holds_the_vocabulary_table():
    """docs/reference.md holds markdown_table() between its markers, nothing else between them.

    After changing analysis/vocabulary.py, paste the output of
    ``python -c "from analysis import vocabulary; print(vocabulary.markdown_table())"``
    between the markers.
    """
    text = REFERENCE.read_text(encoding="utf-8")
    assert text.count(BEGIN) == 1 and text.count(END) == 1, "markers missing in docs/reference.md"
    between = text.split(BEGIN, 1)[1].split(END, 1)[0]
    assert between.strip() == vocabulary.markdown_table(), (
        "docs/reference.md: the vocabulary table differs from vocabulary.markdown_table()")


def test_every_parameter_is_used_and_documented():
    used = {p for _, f in CALLABLES for p in inspect.signature(f).parameters} - {"self"}
    assert set(PARAMETERS) - used == set(), "vocabulary entries nobody uses"
    for name, row in PARAMETERS.items():
        assert row.meaning.strip() and row.allowed, name


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
