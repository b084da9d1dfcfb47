"""entity_attention's interval: a bootstrap over articles (group and reference resampled apart)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binom

from analysis.attention import entity_attention
from analysis.model import Annotations
from test_comparison import _docs, _entities, _tokens, tiny  # noqa: F401 (a fixture)


def _ann(mentions: dict[str, list[bool]]) -> Annotations:
    """One article per element: ``{"A": [True, False]}`` is two A articles, the first
    mentioning NATO. Every article has one token (entity_attention reads entities only)."""
    rows, ents = [], []
    for source, flags in mentions.items():
        for i, flag in enumerate(flags):
            doc = f"{source}{i}"
            rows.append((doc, source, "2022-03-01", "word"))
            if flag:
                ents.append((doc, "NATO"))
    docs = _docs(rows)
    tokens = _tokens({d: ["word"] for d in docs["doc_id"]})
    empty = pd.DataFrame(columns=["doc_id", "paragraph_id", "sent_id", "start", "end", "text"])
    return Annotations(docs, empty, tokens, _entities(ents))


def _row(att: pd.DataFrame, source: str, entity: str = "NATO") -> pd.Series:
    return att.set_index(["source", "entity"]).loc[(source, entity)]


def test_identical_articles_give_a_point_interval(tiny):  # noqa: F811
    # Kyiv: in both A articles, in neither B article: every resample gives 1 - 0
    row = _row(entity_attention(tiny), "A", "Kyiv")
    assert (row["share_diff_low"], row["share_diff"], row["share_diff_high"]) == (1.0, 1.0, 1.0)
    row = _row(entity_attention(tiny), "B", "Kyiv")
    assert (row["share_diff_low"], row["share_diff_high"]) == (-1.0, -1.0)


def test_interval_by_hand_two_against_two(tiny):  # noqa: F811
    # NATO: a1 of A's two articles, b1 of B's two. A resample of two articles holds the
    # NATO one 0, 1 or 2 times (p 1/4, 1/2, 1/4): share* 0, 0.5, 1 on each side, so
    # share_diff* is -1 with p 1/16 = 6.25% > 2.5%, and +1 with p 1/16: the interval is
    # [-1, 1] around the point 0. 1,000 resamples hold about 62 of each end.
    row = _row(entity_attention(tiny, resamples=1000), "A", "NATO")
    assert row["share_diff"] == 0.0
    assert (row["share_diff_low"], row["share_diff_high"]) == (-1.0, 1.0)


def test_interval_follows_the_exact_bootstrap_distribution():
    # A: 6 of 10 articles mention NATO, B: 4 of 20. A resample of A's articles holds
    # Binomial(10, 0.6) NATO articles, B's Binomial(20, 0.2): the exact distribution of
    # share_diff* is their convolution, whose 2.5th and 97.5th percentiles the interval
    # approaches with many resamples.
    att = entity_attention(_ann({"A": [True] * 6 + [False] * 4,
                                 "B": [True] * 4 + [False] * 16}), resamples=20000)
    a, b = np.arange(11), np.arange(21)
    diff = (a[:, None] / 10 - b[None, :] / 20).ravel()
    prob = (binom.pmf(a, 10, 0.6)[:, None] * binom.pmf(b, 20, 0.2)[None, :]).ravel()
    order = np.argsort(diff)
    cdf = np.cumsum(prob[order])
    low, high = diff[order][np.searchsorted(cdf, 0.025)], diff[order][np.searchsorted(cdf, 0.975)]
    assert (round(low, 2), round(high, 2)) == (0.05, 0.75)  # the normal approximation: 0.049
    row = _row(att, "A")
    assert row["share_diff"] == pytest.approx(0.6 - 0.2)
    assert row["share_diff_low"] == pytest.approx(low, abs=0.026)
    assert row["share_diff_high"] == pytest.approx(high, abs=0.026)


def test_interval_holds_the_point_and_is_reproducible(tiny):  # noqa: F811
    ann = _ann({"A": [True, True, False, True, False], "B": [False, True, False, False],
                "C": [True, False, False]})
    att = entity_attention(ann)
    assert (att["share_diff_low"] <= att["share_diff"]).all()
    assert (att["share_diff"] <= att["share_diff_high"]).all()
    pd.testing.assert_frame_equal(entity_attention(ann), att)  # seed 0 by default
    pd.testing.assert_frame_equal(entity_attention(ann, seed=7), entity_attention(ann, seed=7))
    assert not entity_attention(ann, seed=7)["share_diff_low"].equals(att["share_diff_low"])


def test_interval_narrows_with_more_articles():
    flags = {"A": [True, True, False, False], "B": [True, False, False, False]}
    small = _row(entity_attention(_ann(flags)), "A")
    big = _row(entity_attention(_ann({k: v * 25 for k, v in flags.items()})), "A")
    assert small["share_diff"] == big["share_diff"] == 0.25  # 2/4 - 1/4, 50/100 - 25/100
    width = big["share_diff_high"] - big["share_diff_low"]
    assert width < (small["share_diff_high"] - small["share_diff_low"]) / 3  # ~ 1/sqrt(25)


def test_one_article_on_a_side_has_no_interval():
    att = entity_attention(_ann({"A": [True], "B": [False, True]}))
    # A: one article, nothing to resample; B's reference (A) is one article too
    assert att["share_diff_low"].isna().all() and att["share_diff_high"].isna().all()
    one = entity_attention(_ann({"A": [True, False]}))  # a single group: no reference
    assert one["share_ref"].isna().all() and one["share_diff_low"].isna().all()


@pytest.mark.parametrize("bad", [9, 0, 2.5])
def test_resamples_must_be_at_least_ten(tiny, bad):  # noqa: F811
    with pytest.raises(ValueError, match="resamples"):
        entity_attention(tiny, resamples=bad)
