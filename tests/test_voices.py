"""Who is quoted, by whom (analysis.speakers), on the short articles of tests/quote_articles.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from quote_articles import annotate_articles

from analysis import focus_speaker, sourcing, voices
from analysis.quotation import QUOTE_COLUMNS
from analysis.statistics import g2


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    return annotate_articles(tmp_path_factory.mktemp("q"))


def test_sourcing_and_voices_by_hand(found):
    _, q = found
    src = sourcing(q).set_index("source")
    # AP: 4 quotes (before: 1 indirect anonymous + 1 direct named; after 1; inside 2) -> 5 rows
    ap = q[q["source"] == "AP"]
    assert src.loc["AP", "quotes"] == len(ap) == 5
    assert src.loc["AP", "anonymous_share"] == pytest.approx(1 / 5)
    assert src.loc["AP", "named_share"] == pytest.approx(4 / 5)
    assert src.loc["RT", "anonymous_share"] == pytest.approx(1 / 3)  # of 3 RT quotes
    v = voices(q, top=None, min_count=1)
    lavrov = v[(v["source"] == "AP") & (v["speaker"] == "Sergey Lavrov")].iloc[0]
    # AP's named quotes: Peskov 1, Zelensky 1, Lavrov 2 (4); the rest: BBC 3 + RT 2 named (5)
    assert (lavrov["count"], lavrov["count_ref"]) == (2, 0)
    assert lavrov["quote_share"] == pytest.approx(2 / 4)
    # articles with a quote: AP's three; the others' five ("none" has no quote): Lavrov is
    # quoted in one ("inside", twice). Fisher: of 8 articles, 1 quotes him; the chance that
    # AP's 3 hold it is 3/8 = 0.375, that they do not 5/8: p = P(pmf <= 0.375) = 0.375
    assert lavrov[["docs", "group_docs", "docs_ref", "group_docs_ref"]].tolist() == [1, 3, 0, 5]
    assert lavrov["p_value"] == pytest.approx(0.375)
    assert lavrov["direction"] == "over"
    assert lavrov["log_ratio"] == pytest.approx(np.log2((1 / 3) / (0.5 / 5)))  # of articles
    assert set(v["speaker_label"]) <= {"PERSON", "ORGANIZATION", "GPE", "ENTITY"}
    assert focus_speaker(q) == "Boris Johnson" and focus_speaker(q, entity="lavrov") == \
        "Sergey Lavrov"
    with pytest.raises(ValueError, match="did you mean"):
        focus_speaker(q, entity="Lavrow")
    with pytest.raises(ValueError, match="by must be a column"):
        voices(q, by="agency")


def _quotes(rows) -> pd.DataFrame:
    """A quotes() table from ``(doc_id, source, speaker, times)``: named PERSON quotes."""
    out = [{**dict.fromkeys(QUOTE_COLUMNS, ""), "doc_id": d, "source": src, "speaker": who,
            "speaker_label": "PERSON", "kind": "direct"}
           for d, src, who, times in rows for _ in range(times)]
    return pd.DataFrame(out, columns=QUOTE_COLUMNS)


def test_voices_counts_articles_not_quotes():
    # A: 10 articles; X quoted 30 times in a0 only, Y once in each of the 10. B: 10 articles
    # quoting Z once each. All 20 articles have a quote.
    q = _quotes([("a0", "A", "X", 30)] + [(f"a{i}", "A", "Y", 1) for i in range(10)]
                + [(f"b{i}", "B", "Z", 1) for i in range(10)])
    v = voices(q, top=None).set_index(["source", "speaker"])
    x, y = v.loc[("A", "X")], v.loc[("A", "Y")]
    assert (x["count"], x["docs"], x["group_docs"], x["group_docs_ref"]) == (30, 1, 10, 10)
    # X: 1 of A's 10 articles, 0 of B's 10. Of the 20 articles one quotes X: A holds it
    # with p 10/20 = 0.5, or not (0.5): two-sided Fisher p = 1. One article is no pattern.
    assert x["p_value"] == pytest.approx(1.0)
    # Y: 10 of 10 against 0 of 10: P = 1 / C(20, 10) = 1 / 184,756 for this table and the
    # same for its mirror (0 of 10 against 10 of 10): p = 2 / 184,756 = 1.0825e-5
    assert y["p_value"] == pytest.approx(2 / 184756)
    # Benjamini-Hochberg over every speaker for A, Z included (0 of A's 10 articles against
    # 10 of 10: the same p as Y): Y and Z share ranks 1-2, p * 3 / 2; X p * 3 / 3
    assert y["p_adjusted"] == pytest.approx(1.5 * y["p_value"])
    assert x["p_adjusted"] == pytest.approx(x["p_value"])
    assert x["p_adjusted"] > 0.05 and y["p_adjusted"] < 0.001
    # the token test counted X's 30 quotes as 30 observations: G2 far above 3.84 (p < 0.05)
    a, b, c, d = 30, 0, 40, 10
    assert float(g2((a, b), (c * (a + b) / (c + d), d * (a + b) / (c + d)))) > 10
    # one article each side is all the test sees: the same result for 1 quote or 30 in a0
    once = voices(_quotes([("a0", "A", "X", 1)] + [(f"a{i}", "A", "Y", 1) for i in range(10)]
                          + [(f"b{i}", "B", "Z", 1) for i in range(10)]), top=None, min_count=1)
    assert once.set_index(["source", "speaker"]).loc[("A", "X"), "p_value"] == x["p_value"]


def test_voices_single_group_has_no_test():
    v = voices(_quotes([("a0", "A", "X", 2), ("a1", "A", "Y", 3)]), top=None)
    assert v["p_value"].isna().all() and v["p_adjusted"].isna().all()
    assert v["log_ratio"].isna().all() and (v["group_docs_ref"] == 0).all()


def test_voices_corrects_over_speakers_a_group_never_quotes():
    # A small outlet (3 articles) quotes 4 speakers, each in one article nobody else quotes;
    # a big one (30 articles) quotes 20 others, each in one article. For A alone a speaker's
    # p = 3 / 33 (its one article falls among A's 3 of 33); tested against all 24 speakers,
    # BH gives 3 / 33 * 24 / 4 = 0.545 for each: nothing is distinctive of A.
    rows = [(f"a{i}", "A", f"S{i}", 2) for i in range(3)] + [("a0", "A", "S3", 2)]
    rows += [(f"b{i}", "B", f"T{i}", 2) for i in range(20)]
    rows += [(f"b{i}", "B", "T0", 1) for i in range(20, 30)]  # B's other articles have a quote
    v = voices(_quotes(rows), top=None).set_index(["source", "speaker"])
    assert v.loc[("A", "S0"), "p_value"] == pytest.approx(3 / 33)
    assert v.loc[("A", "S0"), "p_adjusted"] == pytest.approx(3 / 33 * 24 / 4)
