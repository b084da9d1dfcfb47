"""Word choice: shares of a concept's variants per outlet, worked out by hand; the bootstrap
interval over articles; variant candidates and lines; Dask equals memory; the real sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import config, plots
from analysis.model import TOKEN_COLUMNS, Annotations, partition
from analysis.naming import variant_candidates, variant_kwic, word_choice, word_choice_lexicon

LEXICON = """concept,variant,pattern
# a comment row,,
Kyiv,Kyiv,kyiv
Kyiv,Kiev,kiev
war,war,war
war,special military operation,special military operation
war,military operation,military operation
"""
STOPS = {"the", "a", "and", "of", "in"}


@pytest.fixture
def lexicon(tmp_path, monkeypatch):
    path = tmp_path / "word_choice.csv"
    path.write_text(LEXICON, encoding="utf-8")
    monkeypatch.setattr(config, "WORD_CHOICE_FILE", path)
    return path


def make_ann(texts: dict[str, tuple[str, str]]) -> Annotations:
    """``{doc_id: (source, text)}``: one sentence per document, tokens split on spaces."""
    docs = pd.DataFrame({"doc_id": list(texts), "source": [s for s, _ in texts.values()],
                         "date": pd.Timestamp("2022-03-01"),
                         "text": [t for _, t in texts.values()]})
    rows = []
    for doc_id, (_, text) in texts.items():
        offset = 0
        for i, w in enumerate(text.split()):
            rows.append((doc_id, 0, 0, i, offset, offset + len(w), w, w.lower(), "NN",
                         w.lower() in STOPS, w.isalpha()))
            offset += len(w) + 1
    tokens = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    for c in ("text", "lower", "pos"):
        tokens[c] = tokens[c].astype("string")
    sentences = pd.DataFrame({"doc_id": list(texts), "paragraph_id": 0, "sent_id": 0,
                              "start": 0, "end": [len(t) for _, t in texts.values()],
                              "text": [t for _, t in texts.values()]})
    entities = pd.DataFrame(columns=["doc_id", "paragraph_id", "sent_id", "start_token",
                                     "end_token", "text", "label", "canonical"])
    return Annotations(docs, sentences, tokens, entities)


@pytest.fixture
def toy() -> Annotations:
    """A: a1 Kyiv x2 + Kiev x1, a2 Kyiv x1 and the special military operation and the war,
    a3 nothing. B: b1 Kiev x20 (one article), b2 Kyiv x1. C: nothing."""
    return make_ann({
        "a1": ("A", "Kyiv said Kyiv and Kiev agreed"),
        "a2": ("A", "in Kyiv the special military operation and the war went on"),
        "a3": ("A", "peace talks"),
        "b1": ("B", " ".join(["Kiev"] * 20)),
        "b2": ("B", "Kyiv today"),
        "c1": ("C", "nothing to see"),
    })


def row(table, group, concept, variant, by="source"):
    got = table[(table[by] == group) & (table["concept"] == concept)
                & (table["variant"] == variant)]
    assert len(got) == 1, (group, concept, variant)
    return got.iloc[0]


# --------------------------------------------------------------------------- shares by hand
def test_shares_and_docs_by_hand(lexicon, toy):
    wc = word_choice(toy)
    assert list(wc.columns) == ["source", "concept", "variant", "count", "docs", "share",
                                "share_low", "share_high"]
    # A: Kyiv 3 uses in 2 articles, Kiev 1 in 1 -> 3/4 and 1/4
    assert row(wc, "A", "Kyiv", "Kyiv")[["count", "docs", "share"]].tolist() == [3, 2, 0.75]
    assert row(wc, "A", "Kyiv", "Kiev")[["count", "docs", "share"]].tolist() == [1, 1, 0.25]
    # B: 20 uses of Kiev in one article are one article in docs; the share counts mentions
    assert row(wc, "B", "Kyiv", "Kiev")[["count", "docs"]].tolist() == [20, 1]
    assert row(wc, "B", "Kyiv", "Kiev")["share"] == pytest.approx(20 / 21)
    assert row(wc, "B", "Kyiv", "Kyiv")["share"] == pytest.approx(1 / 21)
    # war in A: "special military operation" claims its tokens, so "military operation"
    # inside it is not counted again; war 1 -> 1/2 each, the unused variant 0
    assert row(wc, "A", "war", "special military operation")["share"] == 0.5
    assert row(wc, "A", "war", "war")["share"] == 0.5
    assert row(wc, "A", "war", "military operation")[["count", "docs", "share"]].tolist() \
        == [0, 0, 0.0]
    # C never names a concept and B never the war: no rows for them
    assert "C" not in set(wc["source"])
    assert set(wc.loc[wc["source"] == "B", "concept"]) == {"Kyiv"}
    # shares of a concept in a group add up to 1
    assert np.allclose(wc.groupby(["source", "concept"])["share"].sum(), 1.0)


def test_concepts_selects_in_lexicon_order_and_unknown_ones_raise(lexicon, toy):
    wc = word_choice(toy, concepts=["war"])
    assert set(wc["concept"]) == {"war"}
    assert list(dict.fromkeys(wc["variant"])) == ["war", "special military operation",
                                                  "military operation"]
    with pytest.raises(ValueError, match=r"concepts must name concepts .*'Kiew'.*"
                                         r"known: \['Kyiv', 'war'\]"):
        word_choice(toy, concepts=["Kiew"])
    with pytest.raises(ValueError, match="by must be a column"):
        word_choice(toy, by="outlet")


def test_lexicon_skips_comments_and_checks_rows(lexicon, tmp_path, monkeypatch):
    assert word_choice_lexicon()["concept"].tolist() == ["Kyiv", "Kyiv", "war", "war", "war"]
    bad = tmp_path / "bad.csv"
    bad.write_text("concept,variant,pattern\nKyiv,Kyiv,\n", encoding="utf-8")
    monkeypatch.setattr(config, "WORD_CHOICE_FILE", bad)
    with pytest.raises(ValueError, match="line 2: concept, variant and pattern"):
        word_choice_lexicon()
    bad.write_text("concept,variant,pattern\nKyiv,Kyiv,ky(iv\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a valid regular expression"):
        word_choice_lexicon()


def test_the_shipped_lexicon_has_the_concepts_this_corpus_needs():
    lex = word_choice_lexicon()
    concepts = set(lex["concept"])
    assert {"Kyiv", "war", "Donbas", "separatists", "Zelensky", "Lukashenko"} <= concepts
    assert {"invasion", "war", "special military operation", "conflict"} <= set(
        lex.loc[lex["concept"] == "war", "variant"])
    assert {"Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii"} <= set(
        lex.loc[lex["concept"] == "Zelensky", "variant"])


# --------------------------------------------------------------------------- the interval
def test_two_articles_resampled_by_hand(lexicon):
    # one article says Kyiv, the other Kiev: a resample holds both (share 1/2, chance 1/2),
    # only the first (share 1, chance 1/4) or only the second (0, 1/4): the 2.5 and 97.5
    # percentiles of the shares are 0 and 1
    ann = make_ann({"x1": ("A", "Kyiv"), "x2": ("A", "Kiev")})
    wc = word_choice(ann, concepts="Kyiv", resamples=2000)
    kyiv = row(wc, "A", "Kyiv", "Kyiv")
    assert kyiv["share"] == 0.5 and kyiv["share_low"] == 0.0 and kyiv["share_high"] == 1.0


def test_interval_holds_the_share_and_narrows_with_more_articles(lexicon):
    def group(n):  # n articles, half Kyiv and half Kiev, plus n articles saying neither
        texts = {f"k{i}": ("A", "Kyiv" if i % 2 else "Kiev Kiev") for i in range(n)}
        texts.update({f"z{i}": ("A", "peace") for i in range(n)})
        return row(word_choice(make_ann(texts), concepts="Kyiv", seed=3), "A", "Kyiv", "Kyiv")

    small, large = group(10), group(80)
    for r in (small, large):
        assert r["share"] == pytest.approx(1 / 3)  # 1 Kyiv per 2 Kiev
        assert r["share_low"] < r["share"] < r["share_high"]
    assert large["share_high"] - large["share_low"] < 0.6 * (small["share_high"]
                                                            - small["share_low"])


def test_one_article_gives_no_interval_and_the_seed_fixes_it(lexicon, toy):
    wc = word_choice(toy)
    one = row(wc, "A", "war", "war")  # only a2 names the war in A
    assert np.isnan(one["share_low"]) and np.isnan(one["share_high"])
    pd.testing.assert_frame_equal(word_choice(toy, seed=5), word_choice(toy, seed=5))
    # 20 uses in one article do not make B's Kiev share certain: the article may be missed
    b = row(wc, "B", "Kyiv", "Kiev")
    assert b["share_low"] == 0.0 and b["share_high"] == 1.0


# --------------------------------------------------------------------------- candidates, lines
def test_variant_candidates_find_the_spelling_the_lexicon_lacks(tmp_path, monkeypatch):
    path = tmp_path / "wc.csv"
    path.write_text("concept,variant,pattern\nKyiv,Kyiv,kyiv\n", encoding="utf-8")
    monkeypatch.setattr(config, "WORD_CHOICE_FILE", path)
    texts = {}
    for i in range(6):  # A writes Kyiv, B writes Kiev, in the same contexts
        texts[f"a{i}"] = ("A", "missiles struck the capital Kyiv overnight officials said")
        texts[f"b{i}"] = ("B", "missiles struck the capital Kiev overnight officials said")
        texts[f"n{i}"] = ("B", "football results tonight surprised many fans")
    got = variant_candidates(make_ann(texts), "Kyiv", top=3)
    assert list(got.columns) == ["source", "term", "similarity", "count", "docs"]
    best = got[got["source"] == "B"].iloc[0]
    assert best["term"] == "kiev" and best[["count", "docs"]].tolist() == [6, 6]
    assert best["similarity"] == pytest.approx(1.0)  # the very same contexts
    assert "kyiv" not in set(got["term"])  # a variant already in the lexicon
    with pytest.raises(ValueError, match="concept must name concepts"):
        variant_candidates(make_ann(texts), "Kiew")


def test_variant_kwic_shows_lines_from_different_articles(lexicon, toy):
    lines = variant_kwic(toy, "Kyiv", top=1, window=1)
    assert list(lines.columns) == ["source", "variant", "doc_id", "date", "left", "match",
                                   "right"]
    assert lines[["source", "variant", "doc_id", "match"]].values.tolist() == [
        ["A", "Kyiv", "a1", "Kyiv"], ["A", "Kiev", "a1", "Kiev"],
        ["B", "Kyiv", "b2", "Kyiv"], ["B", "Kiev", "b1", "Kiev"]]
    assert variant_kwic(toy, "Kyiv", top=2)["doc_id"].tolist() == ["a1", "a2", "a1", "b2",
                                                                   "b1"]


def test_plot_word_choice(lexicon, toy):
    wc = word_choice(toy)
    fig = plots.plot_word_choice(wc, concepts="Kyiv")
    assert fig.axes[0].get_title() == "Kyiv"
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["A (4)", "B (21)"]  # each group's mentions of the concept
    assert len(plots.plot_word_choice(wc).axes) == 2  # a panel per concept
    empty = plots.plot_word_choice(wc.iloc[:0])
    assert "no group mentions" in empty.axes[0].texts[0].get_text()
    with pytest.raises(ValueError, match="choice must be a table of word_choice"):
        plots.plot_word_choice(wc.drop(columns="share_low"))


# --------------------------------------------------------------------------- Dask
def test_partitioned_equals_in_memory(lexicon, toy, dask_client, assert_same_result):
    parts = partition(toy, parts=3)
    assert_same_result(word_choice(parts), word_choice(toy))
    assert_same_result(variant_candidates(parts, "Kyiv", min_count=1),
                       variant_candidates(toy, "Kyiv", min_count=1))
    assert_same_result(variant_kwic(parts, "Kyiv"), variant_kwic(toy, "Kyiv"))


@pytest.mark.corpus
def test_sample_partitioned_equals_in_memory(sample_ann, sample_parts, dask_client,
                                             assert_same_result):
    expected = word_choice(sample_ann)
    assert len(expected) > 100
    assert_same_result(word_choice(sample_parts), expected)


# --------------------------------------------------------------------------- the sample
@pytest.mark.corpus
def test_sample_rt_writes_kiev_the_bbc_kyiv(sample_ann):
    wc = word_choice(sample_ann, concepts=["Kyiv", "war"])
    rt, bbc = row(wc, "RT", "Kyiv", "Kiev"), row(wc, "BBC", "Kyiv", "Kiev")
    assert rt["share"] > 0.9 and rt["docs"] > 30  # RT: Kiev, in dozens of articles
    assert bbc["share"] < 0.05
    assert rt["share_low"] > bbc["share_high"]  # the intervals do not overlap
    # RT calls it a conflict far more often than the BBC, which says invasion
    assert row(wc, "RT", "war", "conflict")["share_low"] > \
        row(wc, "BBC", "war", "conflict")["share_high"]
    assert row(wc, "BBC", "war", "invasion")["share_low"] > \
        row(wc, "RT", "war", "invasion")["share_high"]
