"""Summary lines say only what their tables support (analysis.summary)."""

from __future__ import annotations

import pandas as pd

from analysis import (duplicate_clusters, entity_attention, log_odds, near_duplicates, quotes,
                      sourcing, summary, voices)


def texts(result) -> list[str]:
    return [t for t, _ in result.lines]


# --------------------------------------------------------------------------- the example corpus
def test_example_corpus_comparison_says_two_articles_cannot_compare(example_ann):
    docs = example_ann.docs
    pairs = near_duplicates(docs)
    got = summary.comparison_summary(
        log_odds(example_ann, exclude_duplicates=True, duplicates=pairs),
        entity_attention(example_ann, min_docs=2, exclude_duplicates=True, duplicates=pairs),
        docs, clusters=duplicate_clusters(pairs), order=["TDI", "WebIndia123"])
    assert texts(got) == [
        "2 articles, one per outlet: too few to compare outlets; the tables below list what "
        "each says.",
        "0 near-duplicate cluster(s), 0 across outlets."]


def test_example_corpus_voices_summary(example_ann):
    q = quotes(example_ann)
    got = summary.voices_summary(sourcing(q), voices(q, top=None), order=["TDI", "WebIndia123"])
    # 7 of 10 by reading the two articles: Moscow 3, Kyiv, Putin and the White House 2 (the
    # quoted words inside its "according to the White House" clause); "the embassy" 3
    assert texts(got) == [
        "10 quotes in 2 documents; 70.0% attributed to a named person or organisation.",
        "2 articles with quotes, one per outlet: too few to compare outlets; the tables below "
        "list what each says.",
        "Most quoted by each outlet (quotes, articles):",
        "— TDI: Moscow (2, 1)",
        "— WebIndia123: White House (2, 1), Moscow (1, 1)"]


# --------------------------------------------------------------------------- hand-made tables
def _docs(sizes: dict[str, int]) -> pd.DataFrame:
    """``sizes`` articles per outlet, all on one day (no coverage gap)."""
    return pd.DataFrame({"source": [s for s, n in sizes.items() for _ in range(n)],
                         "date": pd.Timestamp("2022-03-01")})


def _att(rows) -> pd.DataFrame:
    """rows: (source, entity, share, share_ref, low, high)."""
    att = pd.DataFrame(rows, columns=["source", "entity", "share", "share_ref",
                                      "share_diff_low", "share_diff_high"])
    return att.assign(share_diff=att["share"] - att["share_ref"])


LO = pd.DataFrame({"source": ["A", "A", "A", "B", "C"],
                   "term": ["grain", "binance", "weak", "kiev", "tiny"],
                   "z": [4.0, 9.0, 1.5, 3.0, 5.0], "docs": [6, 1, 8, 2, 3]})


def test_comparison_lines_follow_the_intervals():
    docs = _docs({"A": 12, "B": 10, "C": 3})
    att = _att([("A", "NATO", 0.9, 0.3, -0.05, 0.8),  # biggest point, interval includes 0
                ("B", "Kyiv", 0.65, 0.2, 0.15, 0.7),
                ("A", "Kyiv", 0.2, 0.35, -0.4, 0.1),   # includes 0
                ("A", "Poland", 0.05, 0.3, -0.45, -0.05),
                ("B", "Poland", 0.5, 0.1, 0.1, 0.7),   # the same entity again: not repeated
                ("C", "Moscow", 1.0, 0.0, 1.0, 1.0)])  # C is too small to be compared
    got = texts(summary.comparison_summary(LO, att, docs, order=["A", "B", "C"]))
    assert got == [
        "Too few articles to compare (under 10): C (3); the lines below leave it out.",
        "Words each group favours most (weighted log-odds, z > 1.96, in two of its articles "
        "or more):",
        "— A: grain",  # binance: one article; weak: z below 1.96
        "— B: kiev",
        "Biggest attention gap: B mentions Kyiv in 65.0% of its articles, the others in "
        "20.0% (+45 points; 95% interval +15 to +70).",
        "Biggest attention gap: B mentions Poland in 50.0% of its articles, the others in "
        "10.0% (+40 points; 95% interval +10 to +70)."]


def test_comparison_says_when_nothing_is_supported():
    docs = _docs({"A": 12, "B": 10})
    att = _att([("A", "NATO", 0.9, 0.3, -0.05, 0.8), ("B", "NATO", 0.3, 0.9, -0.8, 0.05)])
    lo = LO.assign(z=1.0)
    got = texts(summary.comparison_summary(lo, att, docs))
    assert got == [
        "No word is favoured by any group at z > 1.96 in two of its articles or more "
        "(weighted log-odds).",
        "No attention gap is supported: for every entity, the 95% interval of the difference "
        "between a group's share of articles and the others' includes 0."]
    # a group without a word is named, not dropped
    got = texts(summary.comparison_summary(LO[LO["source"] == "A"], att, docs, order=["B", "A"]))
    assert got[1:3] == ["— A: grain", "— B: none"]


def _src(rows) -> pd.DataFrame:
    """rows: (source, quotes, docs, anonymous_share)."""
    src = pd.DataFrame(rows, columns=["source", "quotes", "docs", "anonymous_share"])
    return src.assign(direct=src["quotes"], named_share=0.5, description_share=0.0,
                      unattributed_share=0.5 - src["anonymous_share"])


SPEAKERS = pd.DataFrame({
    "source": ["A", "A", "B", "B"], "speaker": ["Putin", "Peskov", "Interview", "Zelensky"],
    "count": [20, 12, 30, 15], "docs": [15, 10, 1, 9], "p_value": [0.001, 0.2, 1.0, 0.01],
    "p_adjusted": [0.002, 0.2, 1.0, 0.02], "direction": ["over", "over", "over", "over"]})


def test_voices_lines_on_hand_made_tables():
    src = _src([("A", 40, 20, 0.0), ("B", 60, 12, 0.0), ("C", 5, 2, 0.4)])
    got = texts(summary.voices_summary(src, SPEAKERS, order=["A", "B"]))
    assert got == [
        "105 quotes in 34 documents; 50.0% attributed to a named person or organisation.",
        "Too few articles to compare (under 10): C (2); the lines below leave it out.",
        'No quote is attributed to an unnamed source ("officials said").',  # C left out
        "Most quoted by each outlet (quotes, articles):",
        "— A: Putin (20, 15), Peskov (12, 10)",
        "— B: Interview (30, 1), Zelensky (15, 9)",  # most quotes, in one article
        "Quoted in more of an outlet's articles than elsewhere (Fisher's exact test on articles, "
        "p_adjusted < 0.05):",
        "— A: Putin",
        "— B: Zelensky"]
    got = texts(summary.voices_summary(src, SPEAKERS.assign(p_adjusted=0.5)))
    assert got[-1] == ("No outlet quotes a speaker in significantly more of its articles than "
                       "the others do (Fisher's exact test on articles, p_adjusted < 0.05).")
