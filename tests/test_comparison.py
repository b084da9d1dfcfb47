"""Source comparison: keyness, log-odds, entity attention, coverage, near-duplicates."""

from __future__ import annotations

import copy
import itertools
import math
import re
import warnings
from collections import Counter
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.model import TOKEN_COLUMNS, Annotations
from analysis.attention import entity_attention
from analysis.comparison import adjust_pvalues, coverage, log_odds
from analysis.keyterms import keyness
from analysis.duplicates import deduplicate, duplicate_clusters, near_duplicates

STOPS = {"the", "a", "of"}


# --------------------------------------------------------------------------- fixtures
def _docs(rows) -> pd.DataFrame:
    """rows: (doc_id, source, date, text)."""
    frame = pd.DataFrame(rows, columns=["doc_id", "source", "date", "text"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["agency"] = ""
    for c in ("doc_id", "source", "text", "agency"):
        frame[c] = frame[c].astype("string")
    return frame


def _tokens(words_by_doc: dict[str, list[str]]) -> pd.DataFrame:
    rows = []
    for doc_id, words in words_by_doc.items():
        offset = 0  # the text is the words joined by single spaces
        for i, w in enumerate(words):
            rows.append((doc_id, 0, 0, i, offset, offset + len(w), w, w.lower(), "NN",
                         w.lower() in STOPS, w.isalpha()))
            offset += len(w) + 1
    frame = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    for c in ("text", "lower", "pos"):
        frame[c] = frame[c].astype("string")
    return frame


def _entities(rows) -> pd.DataFrame:
    """rows: (doc_id, canonical)."""
    frame = pd.DataFrame([(d, 0, 0, 0, 1, c, "ENTITY", c) for d, c in rows],
                         columns=["doc_id", "paragraph_id", "sent_id", "start_token", "end_token",
                                  "text", "label", "canonical"])
    return frame.astype({"doc_id": "string", "text": "string", "label": "string",
                         "canonical": "string"})


@pytest.fixture
def tiny() -> Annotations:
    """Source A: war x3, peace x1 (4 terms); source B: war x1, peace x5 (6 terms).

    Stop words, punctuation and case variants are in the tokens but are not terms.
    """
    docs = _docs([("a1", "A", "2022-03-01", "War war . the peace"),
                  ("a2", "A", "2022-03-02", "war of"),
                  ("b1", "B", "2022-03-01", "peace peace peace"),
                  ("b2", "B", "2022-03-09", "Peace , peace war")])
    tokens = _tokens({"a1": ["War", "war", ".", "the", "peace"], "a2": ["war", "of"],
                      "b1": ["peace", "peace", "peace"], "b2": ["Peace", ",", "peace", "war"]})
    entities = _entities([("a1", "NATO"), ("a1", "NATO"), ("a1", "Kyiv"), ("a2", "Kyiv"),
                          ("b1", "NATO")])
    empty = pd.DataFrame(columns=["doc_id", "paragraph_id", "sent_id", "start", "end", "text"])
    return Annotations(docs, empty, tokens, entities)


def _article(rng: np.random.Generator, vocab: list[str], paragraphs: int = 20,
             words: int = 40) -> list[str]:
    return [" ".join(rng.choice(vocab, size=words)) for _ in range(paragraphs)]


def _shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    """Independent reference shingling: tuples of lower-cased \\w+ words."""
    w = re.findall(r"\w+", text.lower())
    return {tuple(w[i:i + k]) for i in range(max(len(w) - k + 1, 1))} if w else set()


def _jaccard(x: str, y: str) -> float:
    a, b = _shingles(x), _shingles(y)
    return len(a & b) / len(a | b)


@pytest.fixture(scope="module")
def planted() -> pd.DataFrame:
    """An AP article, its republication (new headline, one paragraph changed), two
    other articles on the same story (same vocabulary, one shared quote), and noise."""
    rng = np.random.default_rng(7)
    story = [f"w{i}" for i in range(300)] + ["Kyiv", "Russia", "missile", "strike", "said"]
    original = _article(rng, story)
    copy_ = list(original)
    copy_[7] = " ".join(rng.choice(story, size=40))
    copy_text = "Missiles hit Kyiv again, officials say\n" + "\n".join(copy_)
    quote = original[3]
    same_story_1 = _article(rng, story)
    same_story_1[5] = quote
    same_story_2 = _article(rng, story)
    same_story_2[0] = quote
    partial = original[:10] + _article(rng, story, paragraphs=10)  # reuses half
    other = [_article(rng, [f"z{i}" for i in range(2000)]) for _ in range(30)]
    rows = [("orig", "Associated Press", "2022-03-01", "\n".join(original)),
            ("copy", "HuffPost", "2022-03-02", copy_text),
            ("same1", "BBC", "2022-03-01", "\n".join(same_story_1)),
            ("same2", "RT", "2022-03-01", "\n".join(same_story_2)),
            ("partial", "Daily Mail", "2022-03-04", "\n".join(partial))]
    rows += [(f"n{i}", "Reuters", "2022-03-03", "\n".join(t)) for i, t in enumerate(other)]
    return _docs(rows)


# --------------------------------------------------------------------------- keyness
def test_keyness_two_by_two_by_hand(tiny):
    key = keyness(tiny, min_count=1, test="g2")  # the token-level test
    assert list(key.columns) == ["source", "term", "count", "count_ref", "docs", "docs_ref",
                                 "total", "total_ref", "g2", "p_value", "p_adjusted",
                                 "log_ratio", "log_ratio_low", "log_ratio_high", "dp",
                                 "direction"]
    war_a = key[(key["source"] == "A") & (key["term"] == "war")].iloc[0]
    # a=3, b=1, c=4, d=6; E1 = 4*4/10 = 1.6, E2 = 6*4/10 = 2.4
    # G2 = 2*(3 ln(3/1.6) + 1 ln(1/2.4)) = 2*(1.8858260 - 0.8754687) = 2.0207145
    assert (war_a["count"], war_a["count_ref"]) == (3, 1)
    assert (war_a["total"], war_a["total_ref"]) == (4, 6)
    assert war_a["g2"] == pytest.approx(2.0207145, abs=1e-6)
    # Hardie's log ratio (no count is zero, so nothing is added; the old +0.5 on both
    # counts gave log2(3.5)): log2((3/4) / (1/6)) = log2(4.5) = 2.169925
    assert war_a["log_ratio"] == pytest.approx(math.log2(4.5))
    assert war_a["log_ratio"] == pytest.approx(2.169925, abs=1e-6)
    assert war_a["direction"] == "over"
    # chi2(1) survival = 2 * (1 - Phi(sqrt(G2))), computed another way
    assert war_a["p_value"] == pytest.approx(2 * (1 - NormalDist().cdf(math.sqrt(2.0207145))))
    peace_a = key[(key["source"] == "A") & (key["term"] == "peace")].iloc[0]
    # a=1, b=5: E1 = 2.4, E2 = 3.6; G2 = 2*(ln(1/2.4) + 5 ln(5/3.6)) = 1.5341032
    assert peace_a["g2"] == pytest.approx(1.5341032, abs=1e-6)
    # Hardie (raw counts, none zero): log2((1/4) / (5/6)) = log2(0.3) = -1.736966
    assert peace_a["log_ratio"] == pytest.approx(-1.736966, abs=1e-6)
    assert peace_a["direction"] == "under"
    war_b = key[(key["source"] == "B") & (key["term"] == "war")].iloc[0]
    assert war_b["g2"] == pytest.approx(war_a["g2"]) and war_b["direction"] == "under"
    assert set(key["term"]) == {"war", "peace"}  # no stop words, no punctuation


def test_keyness_log_ratio_is_hardies():
    # A: "x y y y" (c = 4 terms); B: x 411 times and z 89 times (d = 500 terms)
    words = {"a1": ["x", "y", "y", "y"], "b1": ["x"] * 411 + ["z"] * 89}
    docs = _docs([("a1", "A", "2022-03-01", " ".join(words["a1"])),
                  ("b1", "B", "2022-03-01", " ".join(words["b1"]))])
    ann = Annotations(docs, pd.DataFrame(), _tokens(words), _entities([]))
    key = keyness(ann, min_count=1).set_index(["source", "term"])
    x = key.loc[("A", "x")]
    assert (x["count"], x["count_ref"], x["total"], x["total_ref"]) == (1, 411, 4, 500)
    # no zero count: the raw counts, log2((1/4) / (411/500)) = -1.717210
    # (the old +0.5 on both counts gave log2((1.5/4) / (411.5/500)) = -1.134002)
    assert x["log_ratio"] == pytest.approx(math.log2((1 / 4) / (411 / 500)))
    assert x["log_ratio"] == pytest.approx(-1.717210, abs=1e-6)
    # G2 is unchanged: scipy's log-likelihood power divergence of the two cells
    from scipy.stats import power_divergence
    e1, e2 = 4 * 412 / 504, 500 * 412 / 504
    g2 = power_divergence([1, 411], [e1, e2], lambda_="log-likelihood").statistic
    assert x["g2"] == pytest.approx(g2)
    # a zero count becomes 0.5, the other count stays as it is:
    # y (3 in A, 0 in B): log2((3/4) / (0.5/500)) = log2(750) = 9.550747
    assert key.loc[("A", "y"), "log_ratio"] == pytest.approx(9.550747, abs=1e-6)
    # z (0 in A, 89 in B): log2((0.5/4) / (89/500)) = -0.509949
    assert key.loc[("A", "z"), "log_ratio"] == pytest.approx(-0.509949, abs=1e-6)
    assert key.loc[("A", "z"), "direction"] == "under"
    # B's side mirrors A's: log2((411/500) / (1/4)) and log2((0.5/500) / (3/4))
    assert key.loc[("B", "x"), "log_ratio"] == pytest.approx(1.717210, abs=1e-6)
    assert key.loc[("B", "y"), "log_ratio"] == pytest.approx(-9.550747, abs=1e-6)


def test_group_column_is_named_after_by(tiny):
    # the same grouping under another column name: the same tables, column renamed
    docs = tiny.docs.assign(agency=pd.Series(["AP", "AP", "X", "X"], dtype="string"))
    ann = Annotations(docs, tiny.sentences, tiny.tokens, tiny.entities)
    rename = {"A": "AP", "B": "X"}
    for fn in (lambda a, **k: keyness(a, min_count=1, **k), log_odds, entity_attention):
        by_source = fn(ann)
        by_agency = fn(ann, by="agency")
        assert by_agency.columns[0] == "agency" and "source" not in by_agency.columns
        expected = by_source.rename(columns={"source": "agency"})
        expected["agency"] = expected["agency"].map(rename).astype(by_agency["agency"].dtype)
        pd.testing.assert_frame_equal(by_agency.reset_index(drop=True),
                                      expected.reset_index(drop=True))
    cov = coverage(ann, by="agency")
    assert list(cov.columns) == ["period", "agency", "docs", "words"]
    assert cov.groupby("agency")["docs"].sum().to_dict() == {"AP": 2, "X": 2}


def test_keyness_target_reference_min_count_and_stopwords(tiny):
    key = keyness(tiny, target="B", reference="A", min_count=1)
    assert set(key["source"]) == {"B"}
    assert key.set_index("term").loc["peace", "count"] == 5
    assert keyness(tiny, reference="A", min_count=1)["source"].unique().tolist() == ["B"]
    assert keyness(tiny, min_count=5)["term"].unique().tolist() == ["peace"]  # war: 4 < 5
    with_stops = keyness(tiny, min_count=1, keep_stopwords=True)
    assert {"the", "of"} <= set(with_stops["term"])
    assert with_stops.set_index(["source", "term"]).loc[("A", "war"), "total"] == 6


def test_keyness_exclude_duplicates_counts_copies_once():
    docs = _docs([("a1", "A", "2022-03-01", "alpha beta gamma delta epsilon zeta"),
                  ("a2", "B", "2022-03-02", "alpha beta gamma delta epsilon zeta"),
                  ("b1", "B", "2022-03-01", "other words entirely here now")])
    tokens = _tokens({d: t.split() for d, t in zip(docs["doc_id"], docs["text"])})
    ann = Annotations(docs, pd.DataFrame(), tokens, _entities([]))
    both = keyness(ann, min_count=1).set_index(["source", "term"])
    assert both.loc[("B", "alpha"), "count"] == 1
    once = keyness(ann, min_count=1, exclude_duplicates=True).set_index(["source", "term"])
    assert once.loc[("B", "alpha"), "count"] == 0  # the later copy a2 is dropped
    assert once.loc[("A", "alpha"), "count"] == 1


def test_benjamini_hochberg_and_bonferroni_by_hand():
    p = [0.01, 0.011, 0.012, 0.5]
    # p*m/rank: 0.04, 0.022, 0.016, 0.5 -> running minimum from the largest: .016 .016 .016 .5
    assert adjust_pvalues(p, correction="fdr_bh") == pytest.approx([0.016, 0.016, 0.016, 0.5])
    p = [0.04, 0.001, 0.03, 0.5, 0.012]
    # sorted .001 .012 .03 .04 .5 -> *5/rank: .005 .03 .05 .05 .5
    assert adjust_pvalues(p, correction="fdr_bh") == pytest.approx(
        [0.05, 0.005, 0.05, 0.5, 0.03])
    assert adjust_pvalues(p, correction="bonferroni") == pytest.approx(
        [0.2, 0.005, 0.15, 1.0, 0.06])
    assert adjust_pvalues(p, correction="none") == pytest.approx(p)
    with pytest.raises(TypeError):
        adjust_pvalues(p, method="fdr_bh")  # the old keyword is gone


# --------------------------------------------------------------------------- log-odds
def test_log_odds_by_hand(tiny):
    lo = log_odds(tiny)
    assert list(lo.columns) == ["source", "term", "count", "count_ref", "docs", "docs_ref",
                                "delta", "variance", "z"]
    lo = lo.set_index(["source", "term"])
    # articles carrying each term: war in a1 (twice), a2 and b2; peace in a1, b1 (3x), b2 (2x)
    assert lo.loc[("A", "war"), ["count", "docs", "count_ref", "docs_ref"]].tolist() == [3, 2, 1, 1]
    assert lo.loc[("A", "peace"), ["count", "docs", "count_ref", "docs_ref"]].tolist() == [1, 1, 5, 2]
    assert lo.loc[("B", "peace"), ["docs", "docs_ref"]].tolist() == [2, 1]
    # corpus: war 4, peace 6, F = 10, G = 2 groups -> alpha0 = F/G = 5;
    # a_war = 5*4/10 = 2, a_peace = 3. Group A: war y_i=3 (n_i=4), rest y_j=1 (n_j=6):
    # delta = ln(5/(4+5-3-2)) - ln(3/(6+5-1-2)) = ln(5/4) - ln(3/8) = ln(10/3)
    # variance = 1/5 + 1/3; z = 1.2039728 / sqrt(0.5333333) = 1.2039728 / 0.7302967 = 1.6486077
    war = lo.loc[("A", "war")]
    assert (war["count"], war["count_ref"]) == (3, 1)
    assert war["delta"] == pytest.approx(math.log(10 / 3))
    assert war["variance"] == pytest.approx(1 / 5 + 1 / 3)
    assert war["z"] == pytest.approx(1.6486077, abs=1e-6)
    # peace: ln(4/(4+5-1-3)) - ln(8/(6+5-5-3)) = ln(0.8) - ln(8/3); variance 1/4 + 1/8
    peace = lo.loc[("A", "peace")]
    assert peace["delta"] == pytest.approx(math.log(0.8) - math.log(8 / 3))
    assert peace["z"] == pytest.approx(-1.2039728 / math.sqrt(0.375), abs=1e-6)
    assert lo.loc[("B", "war"), "z"] == pytest.approx(-war["z"])  # two groups: mirror image


def test_log_odds_alpha0_and_uniform_prior(tiny):
    # alpha0 = 10 (a_war = 4): delta = ln(7/(4+10-3-4)) - ln(5/(6+10-1-4)) = ln(1) - ln(5/11)
    lo = log_odds(tiny, alpha0=10).set_index(["source", "term"])
    assert lo.loc[("A", "war"), "delta"] == pytest.approx(-math.log(5 / 11))
    # uniform: a_w = 0.01, a0 = 0.02: ln(3.01/(4+0.02-3.01)) - ln(1.01/(6+0.02-1.01))
    uni = log_odds(tiny, prior="uniform").set_index(["source", "term"])
    assert uni.loc[("A", "war"), "delta"] == pytest.approx(
        math.log(3.01 / 1.01) - math.log(1.01 / 5.01))


# --------------------------------------------------------------------------- attention, coverage
def test_entity_attention_shares(tiny):
    att = entity_attention(tiny)
    assert list(att.columns) == ["source", "entity", "label", "docs", "group_docs", "share",
                                 "docs_ref", "group_docs_ref", "share_ref", "share_diff",
                                 "share_diff_low", "share_diff_high"]
    att = att.set_index(["source", "entity"])
    # shares are fractions now (they were percentages):
    # A: 2 documents, NATO in a1 only (twice: counted once) -> 1/2; B: 1 of 2 -> 1/2
    assert att.loc[("A", "NATO"), "share"] == pytest.approx(0.5)
    assert att.loc[("A", "NATO"), "share_ref"] == pytest.approx(0.5)
    assert att.loc[("A", "NATO"), "share_diff"] == pytest.approx(0.0)
    # Kyiv: both A documents (2/2 = 1), no B document (0/2 = 0) -> share_diff 1 - 0 = 1
    assert att.loc[("A", "Kyiv"), ["docs", "group_docs", "docs_ref", "group_docs_ref"]
                   ].tolist() == [2, 2, 0, 2]
    assert att.loc[("A", "Kyiv"), "share_diff"] == pytest.approx(1.0)
    assert att.loc[("B", "Kyiv"), "share"] == 0.0
    assert att.loc[("B", "Kyiv"), "share_diff"] == pytest.approx(-1.0)  # 0/2 - 2/2
    assert att["label"].eq("ENTITY").all()  # every mention of the fixture is untyped


def test_entity_attention_label_is_the_typed_one(tiny):
    # Kyiv is ENTITY in a1 and GPE in a2 (and ENTITY once more would not matter): a typed
    # label wins over ENTITY, as in entity_labels and every other table
    ents = tiny.entities.copy()
    ents.loc[(ents["doc_id"] == "a2") & (ents["canonical"] == "Kyiv"), "label"] = "GPE"
    ann = Annotations(tiny.docs, tiny.sentences, tiny.tokens, ents)
    att = entity_attention(ann).set_index(["source", "entity"])
    assert att.loc[("A", "Kyiv"), "label"] == "GPE"
    assert att.loc[("B", "Kyiv"), "label"] == "GPE"
    assert att.loc[("A", "NATO"), "label"] == "ENTITY"


def test_entity_attention_min_docs(tiny):
    att = entity_attention(tiny, min_docs=2)  # NATO: a1, b1; Kyiv: a1, a2
    assert sorted(att["entity"].unique()) == ["Kyiv", "NATO"]
    assert entity_attention(tiny, min_docs=3).empty


def test_coverage_weeks_zero_filled(tiny):
    cov = coverage(tiny.docs, freq="W")
    assert list(cov.columns) == ["period", "source", "docs", "words"]
    # weeks start Monday 2022-02-28 (a1, a2, b1) and 2022-03-07 (b2)
    assert cov["period"].drop_duplicates().tolist() == list(pd.to_datetime(["2022-02-28",
                                                                            "2022-03-07"]))
    table = cov.set_index(["period", "source"])
    # A's words: "War war . the peace" (5) + "war of" (2) = 7 whitespace words
    assert table.loc[(pd.Timestamp("2022-02-28"), "A"), ["docs", "words"]].tolist() == [2, 7]
    assert table.loc[(pd.Timestamp("2022-03-07"), "A"), "docs"] == 0
    assert table.loc[(pd.Timestamp("2022-03-07"), "B"), "words"] == 4


@pytest.mark.parametrize("freq", ["MS", "2W", "w", "week", "A"])
def test_coverage_freq_must_be_one_of_the_five(tiny, freq):
    with pytest.raises(ValueError, match="freq must be one of"):
        coverage(tiny.docs, freq=freq)


def test_coverage_freqs(tiny):
    # D, M, Q, Y all work; one month / quarter / year holds every document
    assert coverage(tiny.docs, freq="D")["period"].nunique() == 9  # 2022-03-01 .. 03-09
    for freq in ("M", "Q", "Y"):
        cov = coverage(tiny.docs, freq=freq)
        assert cov.groupby("source")["docs"].sum().to_dict() == {"A": 2, "B": 2}
        assert cov["period"].nunique() == 1


def test_inputs_not_modified_and_bad_arguments(tiny, planted):
    before = copy.deepcopy(tiny)
    docs_before = planted.copy()
    keyness(tiny, min_count=1, exclude_duplicates=True)
    log_odds(tiny, exclude_duplicates=True)
    entity_attention(tiny, exclude_duplicates=True)
    coverage(tiny.docs, exclude_duplicates=True)
    near_duplicates(planted)
    for name in ("docs", "tokens", "entities"):
        pd.testing.assert_frame_equal(getattr(tiny, name), getattr(before, name))
    pd.testing.assert_frame_equal(planted, docs_before)
    with pytest.raises(ValueError, match="by must be"):
        keyness(tiny, by="outlet")
    with pytest.raises(ValueError, match="correction"):
        keyness(tiny, correction="holm")
    with pytest.raises(ValueError, match="target"):
        keyness(tiny, target="C")
    with pytest.raises(ValueError, match="prior"):
        log_odds(tiny, prior="flat")
    with pytest.raises(ValueError, match="freq"):
        coverage(tiny.docs, freq="fortnight")
    with pytest.raises(ValueError, match="threshold"):
        near_duplicates(planted, threshold=1.5)
    with pytest.raises(ValueError, match="exclude_duplicates"):
        keyness(tiny, exclude_duplicates="yes")


def test_single_group_gives_empty_tables(tiny):
    one = Annotations(tiny.docs.assign(source="A"), tiny.sentences, tiny.tokens, tiny.entities)
    assert keyness(one, min_count=1).empty
    assert log_odds(one).empty
    # empty tables keep their columns, the group column named after by
    assert list(keyness(one, min_count=1).columns)[:3] == ["source", "term", "count"]
    assert list(log_odds(one).columns)[:3] == ["source", "term", "count"]


# --------------------------------------------------------------------------- near-duplicates
def test_planted_copy_found_same_story_not(planted):
    pairs = near_duplicates(planted)
    assert pairs[["doc_a", "doc_b"]].values.tolist() == [["orig", "copy"]]
    texts = planted.set_index("doc_id")["text"]
    expected = _jaccard(texts["orig"], texts["copy"])
    assert 0.8 < expected < 0.95  # the copy really was edited
    assert pairs["similarity"].iloc[0] == pytest.approx(expected)
    assert _jaccard(texts["orig"], texts["same1"]) < 0.1  # shares only a quote
    assert pairs.iloc[0][["source_a", "source_b"]].tolist() == ["Associated Press", "HuffPost"]
    pd.testing.assert_frame_equal(pairs, near_duplicates(planted))  # deterministic


def test_near_duplicates_match_all_pairs_brute_force(planted):
    pairs = near_duplicates(planted, threshold=0.25)
    found = {frozenset(p) for p in pairs[["doc_a", "doc_b"]].values.tolist()}
    texts = dict(zip(planted["doc_id"], planted["text"]))
    truth = {frozenset((a, b)) for a, b in itertools.combinations(texts, 2)
             if _jaccard(texts[a], texts[b]) >= 0.25}
    assert truth == {frozenset(p) for p in [("orig", "copy"), ("orig", "partial"),
                                            ("copy", "partial")]}
    assert found == truth


def test_duplicate_clusters_by_hand():
    pairs = pd.DataFrame({"doc_a": ["a", "b", "d"], "doc_b": ["b", "c", "e"],
                          "source_a": ["AP", "HuffPost", "BBC"],
                          "source_b": ["HuffPost", "Daily Mail", "BBC"],
                          "date_a": pd.to_datetime(["2022-03-01", "2022-03-02", None]),
                          "date_b": pd.to_datetime(["2022-03-02", "2022-03-03", "2022-01-01"]),
                          "similarity": [0.9, 0.85, 1.0]})
    clusters = duplicate_clusters(pairs)
    assert list(clusters.columns) == ["cluster", "docs", "sources", "first_doc", "first_source",
                                      "first_date", "last_date", "source_list", "doc_ids"]
    # sources is now the number of distinct outlets, source_list their "; "-joined names
    assert clusters[["cluster", "docs", "sources", "first_doc", "source_list", "doc_ids"]
                    ].values.tolist() == [
        [1, 3, 3, "a", "AP; Daily Mail; HuffPost", "a b c"], [2, 2, 1, "e", "BBC", "e d"]]
    members = duplicate_clusters(pairs, level="document")
    assert members.loc[members["is_first"], "doc_id"].tolist() == ["a", "e"]
    empty = duplicate_clusters(pairs.iloc[:0])
    assert empty.empty and list(empty.columns) == list(clusters.columns)


def test_deduplicate_keeps_copy_whose_original_is_absent(planted):
    assert "copy" not in set(deduplicate(planted)["doc_id"])
    without_ap = planted[planted["source"] != "Associated Press"]
    assert "copy" in set(deduplicate(without_ap)["doc_id"])
    pairs = near_duplicates(planted)
    assert len(deduplicate(planted, duplicates=pairs)) == len(planted) - 1


# --------------------------------------------------------------------------- real sample
@pytest.fixture(scope="module")
def sample():
    from analysis.annotation import annotate
    from analysis.loading import load_corpus

    docs = load_corpus(config.SHARED_SAMPLE, progress=False).docs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # binary NE chunker notice
        ann = annotate(docs, progress=False)
    return docs, ann


@pytest.mark.corpus
def test_sample_near_duplicates_equal_brute_force(sample):
    docs, _ = sample
    sets = [_shingles(t) for t in docs["text"]]
    ids = docs["doc_id"].tolist()
    truth = set()
    for i, j in itertools.combinations(range(len(sets)), 2):
        a, b = sets[i], sets[j]
        if len(a) > 0 and len(b) > 0 and min(len(a), len(b)) >= 0.5 * max(len(a), len(b)):
            inter = len(a & b)
            if inter and inter / (len(a) + len(b) - inter) >= 0.5:
                truth.add(frozenset((ids[i], ids[j])))
    pairs = near_duplicates(docs, threshold=0.5)
    assert {frozenset(p) for p in pairs[["doc_a", "doc_b"]].values.tolist()} == truth
    # an Associated Press story republished by HuffPost (credited to AP by the loader)
    agency = docs.set_index("doc_id")["agency"]
    cross = pairs[(pairs["source_a"] != pairs["source_b"])]
    assert any({"Associated Press", "HuffPost"} == {r.source_a, r.source_b}
               and "AP" in (agency[r.doc_a], agency[r.doc_b]) for r in cross.itertuples())


@pytest.mark.corpus
def test_sample_keyness_counts_match_counter(sample):
    _, ann = sample
    key = keyness(ann, min_count=5, keep_outlet_names=True)
    source_of = ann.docs.set_index("doc_id")["source"]
    tok = ann.tokens[ann.tokens["is_alpha"] & ~ann.tokens["is_stop"]]
    counts = Counter(zip(tok["doc_id"].map(source_of), tok["lower"]))
    totals = Counter(tok["doc_id"].map(source_of))
    rt = key[key["source"] == "RT"].set_index("term")
    for term in ("kiev", "kyiv", "war"):
        assert rt.loc[term, "count"] == counts[("RT", term)]
        rest = sum(v for (s, t), v in counts.items() if t == term and s != "RT")
        assert rt.loc[term, "count_ref"] == rest
    assert rt["total"].iloc[0] == totals["RT"]
    assert rt["total_ref"].iloc[0] == sum(totals.values()) - totals["RT"]
    assert rt.loc["kiev", "direction"] == "over" and rt.loc["kyiv", "direction"] == "under"
    assert key["source"].nunique() == ann.docs["source"].nunique()
    tested = key.dropna(subset=["p_value"])
    assert len(tested) > 0 and (tested["p_adjusted"] >= tested["p_value"] - 1e-15).all()
