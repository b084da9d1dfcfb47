"""Keyness with the article as the unit: the Mann-Whitney test by hand and against scipy,
Gries' DP, the bootstrap interval, a burst in one article, and shuffled outlet labels."""

from __future__ import annotations

import dataclasses
import itertools
import math
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest
from scipy.stats import mannwhitneyu

from analysis.comparison import significant
from analysis.doc_terms import combine_doc_terms, doc_term_counts
from analysis.keyterms import keyness
from analysis.model import TOKEN_COLUMNS, Annotations

STOPS = {"the", "of"}


def make_ann(articles: dict[str, tuple[str, str]]) -> Annotations:
    """``{doc_id: (source, text)}``: one sentence per article, tokens split on spaces."""
    docs = pd.DataFrame([(d, s, "2022-03-01", t) for d, (s, t) in articles.items()],
                        columns=["doc_id", "source", "date", "text"])
    docs["date"] = pd.to_datetime(docs["date"])
    docs = docs.astype({"doc_id": "string", "source": "string", "text": "string"})
    rows = []
    for doc_id, (_, text) in articles.items():
        offset = 0
        for i, w in enumerate(text.split()):
            rows.append((doc_id, 0, 0, i, offset, offset + len(w), w, w.lower(), "NN",
                         w.lower() in STOPS, w.isalpha()))
            offset += len(w) + 1
    tokens = pd.DataFrame(rows, columns=TOKEN_COLUMNS).astype(
        {"text": "string", "lower": "string", "pos": "string"})
    entities = pd.DataFrame(columns=["doc_id", "paragraph_id", "sent_id", "start_token",
                                     "end_token", "text", "label", "canonical"])
    return Annotations(docs, pd.DataFrame(), tokens, entities)


@pytest.fixture
def seven() -> Annotations:
    """A: three articles, B: four. Rates of "war" per article: A 2/3, 1/2, 0; B 0, 1/4, 0, 0."""
    return make_ann({"a1": ("A", "war war peace"), "a2": ("A", "war calm"),
                     "a3": ("A", "peace calm calm"), "b1": ("B", "peace peace"),
                     "b2": ("B", "war peace peace peace"), "b3": ("B", "calm"),
                     "b4": ("B", "peace the calm")})


# --------------------------------------------------------------------------- worked example
def test_mann_whitney_by_hand_and_against_scipy(seven):
    key = keyness(seven, min_count=1, min_expected=0)
    assert list(key.columns) == ["source", "term", "count", "count_ref", "docs", "docs_ref",
                                 "total", "total_ref", "u", "p_value", "p_adjusted", "g2",
                                 "log_ratio", "log_ratio_low", "log_ratio_high", "dp",
                                 "direction"]
    war = key.set_index(["source", "term"]).loc[("A", "war")]
    # ranks of the 7 rates: the four zeros (a3, b1, b3, b4) tie at 2.5; 1/4 -> 5, 1/2 -> 6,
    # 2/3 -> 7. R_A = 7 + 6 + 2.5 = 15.5, U_A = 15.5 - 3*4/2 = 9.5, mean n1 n2 / 2 = 6
    assert war["u"] == 9.5
    # tie-corrected variance: n1 n2 / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1)))
    #                       = 1 * (8 - (64 - 4) / 42) = 6.5714286
    z = (abs(9.5 - 6) - 0.5) / math.sqrt(8 - 60 / 42)  # continuity correction 0.5
    assert z == pytest.approx(1.1702835, abs=1e-6)
    assert war["p_value"] == pytest.approx(2 * (1 - NormalDist().cdf(z)), rel=1e-12)
    scipy = mannwhitneyu([2 / 3, 1 / 2, 0], [0, 1 / 4, 0, 0], method="asymptotic",
                         use_continuity=True)
    assert (war["u"], war["p_value"]) == (scipy.statistic, pytest.approx(scipy.pvalue))
    assert (war["count"], war["count_ref"], war["docs"], war["docs_ref"]) == (3, 1, 2, 1)
    assert (war["total"], war["total_ref"]) == (8, 9)  # "the" is a stop word
    # B's side is the mirror: U_B = n1 n2 - U_A, the same p
    war_b = key.set_index(["source", "term"]).loc[("B", "war")]
    assert war_b["u"] == 12 - 9.5 and war_b["p_value"] == pytest.approx(war["p_value"])
    # every term of every side against scipy
    rates = {d: t.split() for d, t in {"a1": "war war peace", "a2": "war calm",
                                       "a3": "peace calm calm", "b1": "peace peace",
                                       "b2": "war peace peace peace", "b3": "calm",
                                       "b4": "peace calm"}.items()}
    for row in key.itertuples():
        mine = [d for d in rates if d.startswith(row.source.lower())]
        rest = [d for d in rates if d not in mine]
        rate = {d: rates[d].count(row.term) / len(rates[d]) for d in rates}
        ref = mannwhitneyu([rate[d] for d in mine], [rate[d] for d in rest],
                           method="asymptotic", use_continuity=True)
        assert row.u == ref.statistic and row.p_value == pytest.approx(ref.pvalue), row.term


def test_dp_and_interval_by_hand(seven):
    key = keyness(seven, min_count=1, min_expected=0).set_index(["source", "term"])
    # A's terms per article: 3, 2, 3 (s = 3/8, 2/8, 3/8); war 2, 1, 0 of 3 (v = 2/3, 1/3, 0)
    # DP = 0.5 * (|2/3 - 3/8| + |1/3 - 2/8| + |0 - 3/8|) = 0.5 * 0.75 = 0.375
    assert key.loc[("A", "war"), "dp"] == pytest.approx(0.375)
    # calm in A: 0, 1, 2 of 3 -> 0.5 * (3/8 + |1/3 - 1/4| + |2/3 - 3/8|) = 0.375
    assert key.loc[("A", "calm"), "dp"] == pytest.approx(0.375)
    low, high, ratio = key.loc[("A", "war"), ["log_ratio_low", "log_ratio_high", "log_ratio"]]
    assert low <= ratio <= high and low < high
    # the interval is the bootstrap's: another seed moves it, the same seed repeats it
    again = keyness(seven, min_count=1, min_expected=0).set_index(["source", "term"])
    assert again.loc[("A", "war"), "log_ratio_low"] == low
    other = keyness(seven, min_count=1, min_expected=0, seed=5, resamples=50)
    assert not other["log_ratio_low"].equals(key["log_ratio_low"].reset_index(drop=True))


def test_min_expected_leaves_rare_terms_untested(seven):
    # war is in 3 of 7 articles: expected in 3*3/7 = 1.29 of A's, 3*4/7 = 1.71 of B's
    key = keyness(seven, min_count=1, min_expected=1.5).set_index(["source", "term"])
    assert math.isnan(key.loc[("A", "war"), "p_value"])
    assert math.isnan(key.loc[("A", "war"), "p_adjusted"])
    # peace is in 5: 2.14 and 2.86 expected, tested; untested rows come last
    assert not math.isnan(key.loc[("A", "peace"), "p_value"])
    order = keyness(seven, min_count=1, min_expected=1.5).query("source == 'A'")["term"]
    assert order.tolist()[-1] == "war"


def test_doc_term_counts_parts_add_up(seven):
    whole = doc_term_counts(seven)
    first = dataclasses.replace(seven, docs=seven.docs.iloc[:3])
    second = dataclasses.replace(seven, docs=seven.docs.iloc[3:])
    parts = combine_doc_terms(doc_term_counts(second), doc_term_counts(first)).sorted_by_doc()
    assert parts.terms.tolist() == whole.terms.tolist() == ["calm", "peace", "war"]
    assert parts.doc_ids.tolist() == whole.doc_ids.tolist()
    assert (parts.counts != whole.counts).nnz == 0
    assert whole.totals.tolist() == [3, 2, 3, 2, 4, 1, 2]


# --------------------------------------------------------------------------- a burst
def burst_corpus() -> Annotations:
    """Two outlets of 40 articles. In A, "binance" 30 times in one article; "sanctions" once
    in 20 of A's articles and in 3 of B's. Background words everywhere."""
    rng = np.random.default_rng(0)
    background = [f"w{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(60)]  # waa, wab
    articles = {}
    for outlet in ("A", "B"):
        for i in range(40):
            words = list(rng.choice(background, size=80))
            if outlet == "A" and i < 20 or outlet == "B" and i < 3:
                words.append("sanctions")
            if outlet == "A" and i == 39:
                words += ["binance"] * 30
            articles[f"{outlet.lower()}{i}"] = (outlet, " ".join(words))
    return make_ann(articles)


def test_a_term_of_one_article_is_never_a_top_key_term():
    ann = burst_corpus()
    g2 = keyness(ann, test="g2").query("source == 'A' and direction == 'over'")
    # the token test puts the burst first: 30 occurrences, one article
    assert g2["term"].iloc[0] == "binance" and g2["p_adjusted"].iloc[0] < 1e-6
    docs = keyness(ann).query("source == 'A' and direction == 'over'")
    assert docs["term"].iloc[0] == "sanctions"  # 20 articles against 3
    assert docs["p_adjusted"].iloc[0] < 0.01
    binance = docs.set_index("term").loc["binance"]
    assert binance["docs"] == 1 and binance["dp"] > 0.95  # all of it in one article of 40
    assert not binance["p_adjusted"] < 0.05  # untested (NaN) or not significant
    assert "binance" not in significant(docs)["term"].tolist()
    # even tested (min_expected=0), one article among forty is no finding
    loose = keyness(ann, min_expected=0).set_index(["source", "term"])
    assert loose.loc[("A", "binance"), "p_adjusted"] > 0.05
    assert significant(loose.reset_index()).query("source == 'A'")["docs"].min() > 2


def test_longer_articles_alone_make_no_finding():
    """Two outlets drawing words from one distribution, one with articles four times longer:
    a long article uses more of the words at all, so the rank test (zeros tie lowest) says
    "over" for many words; the pooled rates do not differ, and the interval says so."""
    rng = np.random.default_rng(7)
    vocab = ["".join(p) for p in itertools.islice(itertools.product("bcdfghk", repeat=3), 200)]
    prob = 1 / np.arange(1, 201)
    articles = {}
    for outlet, length, rate in (("A", 600, 6), ("B", 150, 0.5)):
        for i in range(40):
            words = list(rng.choice(vocab, size=length, p=prob / prob.sum()))
            words += ["sanctions"] * int(rng.poisson(rate))  # 2.5x A's rate per word in B
            articles[f"{outlet.lower()}{i}"] = (outlet, " ".join(words))
    key = keyness(make_ann(articles)).query("source == 'A'")
    passed = key[key["p_adjusted"] < 0.05]
    found = significant(key)
    assert len(passed) > 50 and (passed["direction"] == "over").mean() > 0.9  # length alone
    assert "sanctions" in found["term"].tolist()  # a real difference stays a finding
    assert len(found) < len(passed) / 5
    spans = passed[(passed["log_ratio_low"] <= 0) & (passed["log_ratio_high"] >= 0)]
    assert not set(spans["term"]) & set(found["term"])


# --------------------------------------------------------------------------- the sample
def n_significant(key: pd.DataFrame) -> int:
    """Findings: the document test and, for keyness tables, the log-ratio interval agree."""
    return len(significant(key))


def n_passed(key: pd.DataFrame) -> int:
    return int((key["p_adjusted"] < 0.05).sum())


def shuffled(ann: Annotations, seed: int) -> Annotations:
    """``ann`` with its outlet labels shuffled across the articles (group sizes kept)."""
    docs = ann.docs.copy()
    docs["source"] = docs["source"].sample(frac=1, random_state=seed).to_numpy()
    return dataclasses.replace(ann, docs=docs)


@pytest.mark.corpus
def test_sample_real_labels_find_many_and_no_top_term_of_one_or_two_articles(sample_ann):
    key = keyness(sample_ann)
    assert n_significant(key) >= 100
    top = key[key["direction"] == "over"].groupby("source").head(10)
    assert top["source"].nunique() == sample_ann.docs["source"].nunique()
    assert (top["docs"] > 2).all(), top[top["docs"] <= 2][["source", "term", "docs"]]
    g2 = keyness(sample_ann, test="g2")  # the token test claims more; a test of its own
    assert n_passed(g2) > n_passed(key) > n_significant(key)


@pytest.mark.corpus
def test_sample_shuffled_labels_find_about_nothing(sample_ann):
    found, g2_found = [], []
    for seed in (1, 2, 3):
        ann = shuffled(sample_ann, seed)
        found.append(n_significant(keyness(ann)))
        g2_found.append(n_passed(keyness(ann, test="g2", resamples=10)))  # the test alone
    print(f"significant terms with shuffled labels: documents {found}, g2 {g2_found}")
    assert np.mean(found) <= 3, found
    assert min(g2_found) > 100  # the token test finds "distinctive" words in random groups


def test_the_keyness_plot_draws_findings_only():
    """A term that passes the test but whose log-ratio interval spans 0 is no finding: it is
    not drawn (the bars are the rows of ``significant``)."""
    from analysis.plots import plot_keyness

    key = pd.DataFrame({
        "source": ["A", "A", "A"], "term": ["grain", "longword", "faint"],
        "direction": ["over", "over", "over"], "log_ratio": [1.5, 0.6, 2.0],
        "log_ratio_low": [0.8, -0.2, 0.5], "log_ratio_high": [2.1, 1.3, 3.0],
        "p_adjusted": [0.001, 0.004, 0.2]})
    fig = plot_keyness(key, group="A")
    drawn = [t.get_text() for t in fig.axes[1].get_yticklabels()]  # the over-used panel
    assert drawn == ["grain"]
