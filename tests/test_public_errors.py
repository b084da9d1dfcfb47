"""Every public function (``analysis.__all__``) answers a wrong-typed or empty first argument
with a ``ValueError`` that names the argument (issue 24), never a raw ``TypeError``,
``KeyError``, ``IndexError`` or ``AttributeError`` from deep inside. An empty input may also
give an empty result: what it must not do is fail with a raw error."""

from __future__ import annotations

import inspect
import warnings

import networkx as nx
import pandas as pd
import pytest

import analysis
from analysis import annotate

# functions whose first parameter is no data argument (keyword-only options or none)
NO_DATA_ARGUMENT = {"ensure_nltk_resources", "load_lexicons", "stopword_set",
                    "word_choice_lexicon", "render", "connect"}
# wrong types: a number and a string where a table or Annotations is meant, and a list
WRONG = {"ann": [123, "tokens", []], "data": [123, "quotes"], "docs": [123, "text", [], {}],
         "pairs": [123, [("a", "b")]], "df": [123, [1, 2]], "table": [123, "t"],
         "mentions": [123, ["Putin"]], "corpus": [123], "graph": [123, "g", pd.DataFrame()],
         "raw": [123, b"bytes"], "text": [123, None], "url": [123, b"http://x"],
         "values": [123, "2022-01-01", {"a": 1}, ["2022-01-01"]],
         "p_values": [123, "0.05", {"p": 0.1}],
         "path": [123, None, 1.5]}


def _public_functions():
    out = []
    for name in analysis.__all__:
        func = getattr(analysis, name)
        if inspect.isclass(func) or inspect.ismodule(func) or not callable(func):
            continue
        if name in NO_DATA_ARGUMENT:
            continue
        first = next(iter(inspect.signature(func).parameters.values()))
        out.append((name, first.name))
    return out


FUNCTIONS = _public_functions()


def test_every_public_function_with_a_data_argument_is_listed():
    assert {p for _, p in FUNCTIONS} <= set(WRONG)
    assert len(FUNCTIONS) >= 45


def _call(name, value):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(analysis, name)(value)


@pytest.mark.parametrize("name, param", FUNCTIONS, ids=[n for n, _ in FUNCTIONS])
def test_a_wrong_type_is_a_value_error_naming_the_argument(name, param):
    for value in WRONG[param]:
        with pytest.raises(ValueError, match=rf"\b{param}\b") as info:
            _call(name, value)
        assert type(value).__name__ in str(info.value) or repr(value)[:20] in str(info.value)


@pytest.fixture(scope="module")
def empties(example_corpus):
    docs = example_corpus.docs.iloc[:0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(docs, progress=False)
    return {"ann": [ann], "data": [ann, pd.DataFrame()], "docs": [docs, pd.DataFrame()],
            "pairs": [pd.DataFrame()], "df": [pd.DataFrame()], "table": [pd.DataFrame()],
            "mentions": [pd.DataFrame()], "corpus": [pd.DataFrame()], "graph": [nx.Graph()],
            "raw": [""], "text": [""], "url": [""], "values": [pd.Series([], dtype=object)],
            "p_values": [[], pd.Series([], dtype=float)], "path": [""]}


def _others(name, tmp_path, example_corpus) -> dict:
    """Realistic values of the other required arguments."""
    pairs = pd.DataFrame({"a": ["Russia"], "b": ["Ukraine"], "count": [2]})
    return {"kwic": {"query": "Putin"}, "term_trends": {"terms": ["war"]},
            "export_network": {"path": tmp_path / "net.graphml"},
            "cooccurrence_evidence": {"a": "Russia", "b": "Ukraine"},
            "entity_partners": {"entity": "Russia"},
            "partner_evidence": {"pairs": pairs, "entity": "Russia"},
            "cross_outlet_copies": {"docs": example_corpus.docs},
            "with_titles": {"docs": example_corpus.docs},
            "variant_candidates": {"concept": "Kyiv"}, "variant_kwic": {"concept": "Kyiv"},
            "show_table": {"name": "empty", "out": tmp_path}, "partition": {"parts": 2},
            "focus_speaker": {"entity": "Putin"}}.get(name, {})


@pytest.mark.parametrize("name, param", FUNCTIONS, ids=[n for n, _ in FUNCTIONS])
def test_an_empty_input_is_an_empty_result_or_a_value_error_naming_it(name, param, empties,
                                                                      tmp_path, example_corpus):
    """A table without rows, or without the columns it needs, empty Annotations, "" ..."""
    others = _others(name, tmp_path, example_corpus)
    for value in empties[param]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                getattr(analysis, name)(value, **others)
        except ValueError as exc:  # naming an argument, or the column the table lacks
            named = [p for p in inspect.signature(getattr(analysis, name)).parameters
                     if p in str(exc)]
            assert named or "column" in str(exc), f"{name}({value!r}): {exc}"
