"""Edges of issue 24: annotate on zero documents, render of an unusable corpus, ``--out``
naming a file, one notebook name as a string, and names with mathtext characters in plots."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import warnings

import matplotlib
import pandas as pd
import pytest

import analysis
from analysis import config, plots
from analysis.annotation import annotate
from analysis.reports import render

MATH_NAME = r"$\frac{ Daily$ News_2^x"  # mathtext would fail on it ("Expected \frac{num}{den}")


def test_annotate_on_zero_documents_returns_empty_annotations(example_corpus, example_ann,
                                                              tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = annotate(example_corpus.docs.iloc[:0], progress=False, cache_dir=tmp_path)
    assert len(got.docs) == 0
    for table in ("sentences", "tokens", "entities"):
        frame, real = getattr(got, table), getattr(example_ann, table)
        assert len(frame) == 0
        assert dict(frame.dtypes) == dict(real.dtypes)  # the columns a real annotation has
    assert not any(tmp_path.iterdir())  # nothing cached
    assert analysis.term_frequencies(got).empty  # and analyses run on it


def _cli(*args, cache):
    env = {**os.environ, "NEWS_WORKBOOK_CACHE": str(cache), "PYTHONPATH": str(config.PROJECT_ROOT)}
    return subprocess.run([sys.executable, "-m", "analysis", "render", *args],
                          cwd=config.PROJECT_ROOT, capture_output=True, text=True, timeout=300,
                          env=env)


@pytest.mark.parametrize("content", [
    "doc_id,source,date,text\n1,BBC,2022-03-01,\n2,CNN,2022-03-02,\"   \"\n",  # empty texts
    None])                                                                    # no file at all
def test_render_of_an_unusable_corpus_fails_in_one_line_with_an_index(tmp_path, content):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    if content is not None:
        (corpus / "empty.csv").write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    proc = _cli("--corpus", str(corpus), "--out", str(out), cache=tmp_path / "cache")
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert lines[0].startswith("error: nothing rendered: the corpus")
    assert "no document with text" in lines[0]
    if content is not None:
        assert "2 record(s) found, 0 loaded; skipped: 2 empty text" in lines[0]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "nothing rendered" in index and "no document with text" in index
    assert str(corpus) in index
    assert not list(out.glob("*.ipynb"))  # no notebook ran


def test_out_naming_a_file_is_one_clear_error(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("keep me")
    proc = _cli("--out", str(target), cache=tmp_path / "cache")
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"error: out must be a folder, got '{target}', which is a "
                                   "file; name a new or an existing folder")
    assert target.read_text() == "keep me"


def test_one_notebook_name_as_a_string_says_to_pass_a_list(tmp_path):
    with pytest.raises(ValueError, match=r"notebooks must be a list of strings or None, got "
                                         r"'01_term_frequency' \(one string: pass a list, "
                                         r"\['01_term_frequency'\]\)"):
        render(notebooks="01_term_frequency", out=tmp_path)
    assert not any(tmp_path.iterdir())


def _drawn_texts(fig) -> list[str]:
    fig.savefig(io.BytesIO(), format="png")  # mathtext would raise here
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


@pytest.fixture(scope="module")
def math_ann(example_ann):
    docs = example_ann.docs.assign(source=[MATH_NAME, "$5bn Fund$"][:len(example_ann.docs)])
    return example_ann.__class__(docs, example_ann.sentences, example_ann.tokens,
                                 example_ann.entities, engine=example_ann.engine,
                                 model=example_ann.model)


def test_names_with_mathtext_characters_render_as_text(math_ann):
    figures = {
        "documents": plots.plot_documents_per_source(math_ann.docs),
        "top_terms": plots.plot_top_terms(analysis.term_frequencies(math_ann, by="source"),
                                          by="source"),
        "coverage": plots.plot_coverage(analysis.coverage(math_ann.docs, freq="M")),
    }
    for name, fig in figures.items():
        texts = _drawn_texts(fig)
        assert any(MATH_NAME in t for t in texts), (name, texts[:20])


def test_every_plot_function_draws_plain_text():
    names = [n for n in plots.__all__ if n.startswith("plot_")]
    assert len(names) >= 15
    plain = plots.common.plain_text(lambda: None).__code__  # the decorator's wrapper
    for name in names:
        func, codes = getattr(plots, name), []
        while func is not None:
            codes.append(func.__code__)
            func = getattr(func, "__wrapped__", None)
        assert plain in codes, name
