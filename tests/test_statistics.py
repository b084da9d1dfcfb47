"""The shared scores: one G2 for collocations, entity pairs and keyness; Hardie's log ratio."""

from __future__ import annotations

import importlib
import math

import numpy as np
import pytest
from nltk.metrics.association import BigramAssocMeasures

from analysis import comparison, statistics, terms

cooccurrence = importlib.import_module("analysis.pairs")
keyterms = importlib.import_module("analysis.keyterms")


@pytest.mark.parametrize("n_ii, n_ix, n_xi, n_xx", [
    (2, 4, 4, 64), (10, 30, 50, 10_000), (1, 1, 1, 3), (5, 5, 9, 20), (0, 3, 4, 50)])
def test_g2_2x2_equals_nltk(n_ii, n_ix, n_xi, n_xx):
    expected = BigramAssocMeasures.likelihood_ratio(n_ii, (n_ix, n_xi), n_xx)
    assert statistics.g2_2x2(n_ii, n_ix, n_xi, n_xx) == pytest.approx(expected, rel=1e-9,
                                                                       abs=1e-9)


def test_two_cell_g2_by_hand():
    """Rayson's calculator: 10 in 1,000 words against 5 in 2,000."""
    e1, e2 = 1000 * 15 / 3000, 2000 * 15 / 3000
    by_hand = 2 * (10 * math.log(10 / e1) + 5 * math.log(5 / e2))
    assert statistics.g2([10, 5], [e1, e2]) == pytest.approx(by_hand)
    assert statistics.g2([0, 5], [2.5, 2.5]) == pytest.approx(2 * 5 * math.log(2))  # 0 ln 0 = 0


def test_log_ratio_is_hardies():
    # the example: counts 1 vs 411; 0.5 replaces zero counts only
    assert statistics.log_ratio(1, 411, 1000, 20000) == pytest.approx(
        math.log2((1 / 1000) / (411 / 20000)))
    assert statistics.log_ratio(0, 4, 100, 100) == pytest.approx(math.log2(0.5 / 4))
    assert statistics.log_ratio(4, 0, 100, 100) == pytest.approx(math.log2(4 / 0.5))
    np.testing.assert_allclose(statistics.log_ratio(np.array([2, 0]), np.array([1, 3]), 10, 10),
                               [1.0, math.log2(0.5 / 3)])


def test_one_g2_implementation(monkeypatch):
    """Collocations, entity pairs and keyness all compute G2 through analysis.statistics."""
    calls = []

    def spy(*args):
        calls.append(len(args))
        return statistics.g2_2x2(*args)

    monkeypatch.setattr(terms, "g2_2x2", spy)
    monkeypatch.setattr(cooccurrence, "g2_2x2", spy)
    g2 = terms.association("g2", 2, 4, 4, 64)
    scores = cooccurrence._scores(np.array([2]), np.array([4]), np.array([4]), np.array([64]))
    assert calls == [4, 4] and g2 == pytest.approx(scores["g2"][0])
    assert keyterms._g2 is statistics.g2 and keyterms._log_ratio is statistics.log_ratio
    assert not hasattr(comparison, "CORRECTIONS") or comparison.CORRECTIONS == ("fdr_bh",
                                                                              "bonferroni", "none")
