"""Who is quoted, by whom (analysis.speakers), on the short articles of tests/quote_articles.py."""

from __future__ import annotations

import numpy as np
import pytest
from quote_articles import annotate_articles

from analysis import focus_speaker, sourcing, voices


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
    assert lavrov["log_ratio"] == pytest.approx(np.log2((2 / 4) / (0.5 / 5)))
    assert set(v["speaker_label"]) <= {"PERSON", "ORGANIZATION", "GPE", "ENTITY"}
    assert focus_speaker(q) == "Boris Johnson" and focus_speaker(q, entity="lavrov") == \
        "Sergey Lavrov"
    with pytest.raises(ValueError, match="did you mean"):
        focus_speaker(q, entity="Lavrow")
    with pytest.raises(ValueError, match="by must be a column"):
        voices(q, by="agency")
