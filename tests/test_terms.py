"""Term frequency: hand-counted small texts, the seeds, and the real sample.

The small corpus (``tiny``) is written out token by token below; every
expected number in the tests is counted by hand from it.
"""

from __future__ import annotations

import copy
import math
import re
import warnings
from collections import Counter

import matplotlib.figure
import pandas as pd
import pytest

from analysis import config, load_corpus, plots
from analysis.annotation import annotate
from analysis.engine import stopword_set
from analysis.model import Annotations
from analysis.terms import (association, collocations, kwic, term_frequencies, term_trends,
                            tfidf_terms)
from analysis.vocabulary import COLLOCATION_MEASURES as MEASURES

# doc_id -> (source, date, sentences); each sentence a list of tokens.
TINY = {
    "A": ("X", "2022-01-03", [  # Monday: week of 2022-01-03
        ["The", "prime", "minister", "of", "Japan", "met", "Putin", "."],  # 8 tokens
        ["Sanctions", "hit", "Russia", "."],  # 4 tokens  -> A has 12
    ]),
    "B": ("Y", "2022-01-05", [  # Wednesday: same week
        ["Russia", "rejected", "the", "sanctions", ",", "Russia", "said", "."],  # 8
        ["Minister", "of", "Defence", "spoke", "."],  # 5  -> B has 13
    ]),
    "C": ("X", "2022-01-12", [  # next week
        ["russia", "and", "Japan"],  # no full stop: the sentence boundary alone separates
        ["Sanctions", "matter", "."],  # 3 + 3 -> C has 6
    ]),
}
N_TOKENS = 31  # 12 + 13 + 6


def make_ann(spec: dict) -> Annotations:
    """Annotations built by hand from ``{doc_id: (source, date, sentences)}``."""
    stops = stopword_set()
    docs, sents, toks = [], [], []
    for doc_id, (source, date, sentences) in spec.items():
        docs.append({"doc_id": doc_id, "source": source, "date": pd.Timestamp(date),
                     "text": " ".join(" ".join(s) for s in sentences)})
        token_id = offset = 0  # the text is the tokens joined by single spaces
        for sent_id, words in enumerate(sentences):
            sents.append({"doc_id": doc_id, "paragraph_id": 0, "sent_id": sent_id,
                          "start": 0, "end": 0, "text": " ".join(words)})
            for w in words:
                toks.append({"doc_id": doc_id, "paragraph_id": 0, "sent_id": sent_id,
                             "token_id": token_id, "start": offset, "end": offset + len(w),
                             "text": w, "lower": w.lower(), "pos": "NN",
                             "is_stop": w.lower() in stops, "is_alpha": w.isalpha()})
                token_id += 1
                offset += len(w) + 1
    tokens = pd.DataFrame(toks).astype({"doc_id": "string", "text": "string", "lower": "string",
                                        "sent_id": "int32", "token_id": "int32"})
    entities = pd.DataFrame(columns=["doc_id", "paragraph_id", "sent_id", "start_token",
                                     "end_token", "text", "label", "canonical"])
    return Annotations(pd.DataFrame(docs).astype({"doc_id": "string"}), pd.DataFrame(sents),
                       tokens, entities)


@pytest.fixture
def tiny():
    return make_ann(TINY)


def as_dict(df: pd.DataFrame, key="term", value="count") -> dict:
    return dict(zip(df[key], df[value]))


# --------------------------------------------------------------------------- term_frequencies
def test_unigrams_hand_counted(tiny):
    tf = term_frequencies(tiny)
    # russia: A "Russia" + B "Russia" x2 + C "russia" = 4, in all 3 documents;
    # sanctions: A, B, C = 3; japan: A, C = 2; minister: A "minister" + B "Minister" = 2.
    # Stop words (the, of, and, said) and punctuation are not terms.
    assert as_dict(tf) == {"russia": 4, "sanctions": 3, "japan": 2, "minister": 2, "prime": 1,
                           "met": 1, "putin": 1, "hit": 1, "rejected": 1, "defence": 1,
                           "spoke": 1, "matter": 1}
    row = tf.set_index("term").loc["russia"]
    assert row["per_10k"] == pytest.approx(4 / N_TOKENS * 1e4)
    assert (row["docs"], row["share"]) == (3, 1.0)
    assert tf.set_index("term").loc["japan", "share"] == pytest.approx(2 / 3)
    assert tf["term"].iloc[0] == "russia"  # most frequent first
    assert list(tf.columns) == ["term", "count", "per_10k", "docs", "share"]


def test_unigrams_by_source(tiny):
    tf = term_frequencies(tiny, by="source").set_index(["source", "term"])
    # X = A + C: 12 + 6 = 18 tokens; russia 1 + 1 = 2 in both of X's 2 documents.
    assert tf.loc[("X", "russia"), "count"] == 2
    assert tf.loc[("X", "russia"), "per_10k"] == pytest.approx(2 / 18 * 1e4)
    assert tf.loc[("X", "russia"), "share"] == 1.0
    assert tf.loc[("X", "japan"), ["docs", "share"]].tolist() == [2, 1.0]  # A and C
    assert list(tf.columns) == ["count", "per_10k", "docs", "share"]
    # Y = B: 13 tokens; russia twice in its one document.
    assert tf.loc[("Y", "russia"), "count"] == 2
    assert tf.loc[("Y", "russia"), "per_10k"] == pytest.approx(2 / 13 * 1e4)
    assert ("Y", "japan") not in tf.index


def test_unigram_options(tiny):
    # lowercase=False: "Russia" (A, B, B) and "russia" (C) are different terms.
    cased = as_dict(term_frequencies(tiny, lowercase=False))
    assert (cased["Russia"], cased["russia"]) == (3, 1)
    # keep_stopwords=True: "The" (A) + "the" (B) = 2; "said" (B) = 1.
    everything = as_dict(term_frequencies(tiny, keep_stopwords=True))
    assert (everything["the"], everything["said"], everything["of"]) == (2, 1, 2)
    assert "the" not in as_dict(term_frequencies(tiny, keep_stopwords=False))  # the default
    with pytest.raises(TypeError):
        term_frequencies(tiny, stopwords=False)  # the old keyword is gone
    # alpha_only=False: "." ends A1, A2, B1, B2, C2 = 5; "," once in B.
    punct = as_dict(term_frequencies(tiny, alpha_only=False))
    assert (punct["."], punct[","]) == (5, 1)
    # extra stop words are matched case-insensitively.
    assert "russia" not in as_dict(term_frequencies(tiny, extra_stopwords=["RUSSIA"]))
    assert set(as_dict(term_frequencies(tiny, min_count=2))) == {"russia", "sanctions", "japan",
                                                                 "minister"}


def test_min_count_counts_all_groups_together(tiny):
    # by source: X = A + C, Y = B. sanctions: X 2 (A, C) + Y 1 (B) = 3 in all -> kept in
    # both groups' rows, Y's with its own count 1; russia: X 2 + Y 2 = 4 -> kept;
    # japan (X 2, total 2) and minister (X 1 + Y 1 = 2) do not reach 3.
    tf = term_frequencies(tiny, by="source", min_count=3)
    assert dict(zip(zip(tf["source"], tf["term"]), tf["count"])) == {
        ("X", "russia"): 2, ("X", "sanctions"): 2, ("Y", "russia"): 2, ("Y", "sanctions"): 1}
    # the kept rows are the rows of the unfiltered table (rates, documents unchanged)
    full = term_frequencies(tiny, by="source").set_index(["source", "term"])
    pd.testing.assert_frame_equal(tf.set_index(["source", "term"]),
                                  full.loc[tf.set_index(["source", "term"]).index])
    # min_count=2: japan (X 2) and minister (1 + 1) now survive, each in every group using it
    two = term_frequencies(tiny, by="source", min_count=2)
    assert set(zip(two["source"], two["term"])) == {
        ("X", "russia"), ("X", "sanctions"), ("X", "japan"), ("X", "minister"),
        ("Y", "russia"), ("Y", "sanctions"), ("Y", "minister")}
    # collocations(by=...): with window=2 the only pair found twice is sanctions-russia,
    # once in A (X) and once in B (Y): 2 in all, so min_count=2 keeps both groups' rows
    co = collocations(tiny, window=2, min_count=2, by="source")
    assert co[["source", "w1", "w2", "count"]].values.tolist() == [
        ["X", "sanctions", "russia", 1], ["Y", "sanctions", "russia", 1]]
    assert collocations(tiny, window=2, min_count=3, by="source").empty
    # tfidf_terms by document (A, B, C): japan (A 1 + C 1) and minister (A 1 + B 1) total 2;
    # russia and sanctions are in every document (idf 0); every other term occurs once
    tfidf = tfidf_terms(tiny, by="doc_id", min_count=2)
    assert sorted(zip(tfidf["doc_id"], tfidf["term"])) == [
        ("A", "japan"), ("A", "minister"), ("B", "minister"), ("C", "japan")]
    # A counts 8 terms (prime minister japan met putin sanctions hit russia): tf 1/8,
    # idf ln(3 documents / 2 using japan)
    a_japan = tfidf[(tfidf["doc_id"] == "A") & (tfidf["term"] == "japan")].iloc[0]
    assert a_japan["tf_idf"] == pytest.approx(1 / 8 * math.log(3 / 2))


def test_bigrams_respect_sentences_and_stopwords(tiny):
    bi = as_dict(term_frequencies(tiny, ngram=2))
    # Kept: both ends content words, all tokens alphabetic, inside one sentence.
    # Dropped e.g. "minister of" (ends with a stop word), "russia said" ("said" is a
    # stop word), "sanctions ," (punctuation) and "japan sanctions" (C's sentence boundary).
    assert bi == {"prime minister": 1, "japan met": 1, "met putin": 1, "sanctions hit": 1,
                  "hit russia": 1, "russia rejected": 1, "defence spoke": 1,
                  "sanctions matter": 1}
    everything = as_dict(term_frequencies(tiny, ngram=2, keep_stopwords=True, alpha_only=False))
    assert "japan sanctions" not in everything  # never across sentences
    assert everything["russia said"] == 1 and everything["putin ."] == 1
    # C has 6 tokens but only 2 + 2 bigrams: 31 tokens, 6 sentences -> 25 bigrams.
    assert sum(everything.values()) == N_TOKENS - 6


def test_trigrams_keep_inner_stopwords(tiny):
    tri = as_dict(term_frequencies(tiny, ngram=3))
    # A stop word may sit in the middle ("minister of japan"), not at an end.
    assert tri == {"minister of japan": 1, "japan met putin": 1, "sanctions hit russia": 1,
                   "rejected the sanctions": 1, "minister of defence": 1, "russia and japan": 1}


def test_by_period_and_missing_dates(tiny):
    by_week = term_frequencies(tiny, by="week")
    weeks = by_week.set_index(["week", "term"])["count"]
    assert weeks[(pd.Timestamp("2022-01-03"), "russia")] == 3  # A + B
    assert weeks[(pd.Timestamp("2022-01-10"), "russia")] == 1  # C


# --------------------------------------------------------------------------- seeds
def test_seed_001_russia_count_after_deduplication():
    corpus = load_corpus(config.EXAMPLE_CORPUS, progress=False)
    seed = corpus.docs[corpus.docs["path"].str.contains("001_")]
    raw = open(seed["path"].iloc[0], encoding="utf-8").read()
    text = seed["text"].iloc[0]
    # Token "russia" = "Russia" not glued to a letter or a hyphen ("NATO-Russia",
    # "Russia-Ukraine" and "Russian" are other tokens; "Russia's" is "Russia" + "'s").
    standalone = re.compile(r"(?<![\w-])russia(?![\w-])", re.IGNORECASE)
    # The raw file repeats its paragraphs (24 such mentions); the cleaned text keeps:
    #   paragraph 1: "Russia has repeatedly", "In late 2021, Russia presented",
    #                "On January 10, Russia and the US"                           -> 3
    #   paragraph 2: "development of Russia's neighbor"                            -> 1
    #   paragraph 3: "the challenges that Russia is presenting",
    #                "tried to threaten Russia with"                               -> 2
    #   total 6
    assert len(standalone.findall(raw)) == 24
    assert len(standalone.findall(text)) == 6
    ann = annotate(corpus.docs, progress=False)
    tf = term_frequencies(ann, by="doc_id").set_index(["doc_id", "term"])
    assert tf.loc[(seed["doc_id"].iloc[0], "russia"), "count"] == 6


# --------------------------------------------------------------------------- collocations
def test_association_matches_nltk_formulas():
    from nltk.metrics import BigramAssocMeasures as M

    nltk_fns = {"g2": M.likelihood_ratio, "pmi": M.pmi, "t": M.student_t, "chi2": M.chi_sq,
                "dice": M.dice}
    for measure in MEASURES:
        for n_ii, n_ix, n_xi, n_xx in [(3, 5, 7, 100), (1.5, 2, 9, 31), (10, 10, 10, 50)]:
            expected = nltk_fns[measure](n_ii, (n_ix, n_xi), n_xx)
            assert float(association(measure, n_ii, n_ix, n_xi, n_xx)) == pytest.approx(
                expected, rel=1e-12), measure


def test_collocations_hand_counted(tiny):
    co = collocations(tiny, measure="pmi", min_count=1).set_index(["w1", "w2"])
    # "prime minister": 1 pair; prime 1, minister 2 (A, B), N = 31 tokens
    assert co.loc[("prime", "minister"), "score"] == pytest.approx(math.log2(1 * 31 / (1 * 2)))
    assert ("japan", "sanctions") not in co.index  # C's sentence boundary
    # window=1 is the default: adjacent words only
    pd.testing.assert_frame_equal(collocations(tiny, measure="pmi", min_count=1, window=1),
                                  co.reset_index())
    assert ("minister", "japan") not in co.index  # 2 apart ("minister of Japan")
    # window now counts the tokens after w1 where w2 may stand (was window - 1):
    dice2 = collocations(tiny, measure="dice", window=2, min_count=1).set_index(["w1", "w2"])
    # window 2 (w2 up to 2 tokens after w1): "sanctions hit russia" (A) and
    # "sanctions , russia" (B) pair sanctions with russia: 2 co-occurrences, scaled by
    # 1/window = 1/2 (NLTK's 1/(window_size-1)): dice = 2 * (2/2) / (sanctions 3 + russia 4)
    # = 2/7
    assert dice2.loc[("sanctions", "russia"), "count"] == 2
    assert dice2.loc[("sanctions", "russia"), "score"] == pytest.approx(2 / 7)
    # "met Putin . | Sanctions": putin and sanctions are 2 apart but in different sentences
    assert ("putin", "sanctions") not in dice2.index
    assert ("minister", "japan") in dice2.index  # "minister of Japan" (filtered "of" skipped)
    # window 3: "prime minister of Japan" adds prime-japan (3 after); sanctions-russia
    # still 2 pairs, now divided by 3: dice = 2 * (2/3) / 7 = 4/21
    dice3 = collocations(tiny, measure="dice", window=3, min_count=1).set_index(["w1", "w2"])
    assert ("prime", "japan") in dice3.index and ("prime", "japan") not in dice2.index
    assert dice3.loc[("sanctions", "russia"), "score"] == pytest.approx(4 / 21)


def test_collocations_min_count_and_groups(tiny):
    assert collocations(tiny, min_count=2).empty  # every pair occurs once
    by = collocations(tiny, min_count=1, by="source")
    assert set(by.loc[by["source"] == "Y", "w1"]) == {"russia", "defence"}
    assert list(by.columns) == ["source", "w1", "w2", "count", "score"]


def _nltk_finder(ann: Annotations, window_size: int, min_count: int):
    """NLTK's own counting: sentences joined with window_size-1 ``None`` pads between them.

    ``from_words`` skips windows that start with ``None`` and pairs with ``None``,
    so no window crosses a sentence, and every real token is counted once in
    ``word_fd`` (N = all tokens). This shares no code with ``collocations``.
    """
    from nltk.collocations import BigramCollocationFinder

    words = []
    for _, sentence in ann.tokens.groupby(["doc_id", "sent_id"], sort=False)["lower"]:
        words.extend(sentence.tolist())
        words.extend([None] * (window_size - 1))
    finder = BigramCollocationFinder.from_words(words, window_size=window_size)
    stops = stopword_set()
    # a word is alphabetic, or the country's term "u.s." (US, U.S., USA: not the pronoun "us")
    finder.apply_word_filter(lambda w: w in stops or not (w.isalpha() or w == "u.s."))
    finder.apply_freq_filter(min_count)
    return finder


# collocations(window=w) is NLTK's window_size=w+1 (w tokens after w1; 1 = adjacent)
@pytest.mark.parametrize("window, window_size", [(1, 2), (2, 3), (3, 4)])
def test_collocations_match_nltk_on_tiny(tiny, window, window_size):
    from nltk.metrics import BigramAssocMeasures as M

    finder = _nltk_finder(tiny, window_size, 1)
    expected = dict(finder.score_ngrams(M.pmi))
    ours = collocations(tiny, measure="pmi", window=window, min_count=1)
    assert dict(zip(zip(ours["w1"], ours["w2"]), ours["score"])) == pytest.approx(expected)


# --------------------------------------------------------------------------- kwic
def test_kwic_words_phrases_and_case(tiny):
    hits = kwic(tiny, "russia", window=3)
    assert list(hits.columns) == ["doc_id", "source", "date", "left", "match", "right"]
    assert hits["doc_id"].tolist() == ["A", "B", "B", "C"]  # case-insensitive by default
    # A: "... Putin . Sanctions hit Russia ." then the document ends; the left context
    # crosses the sentence boundary, the right one stops at the end of the document.
    first = hits.iloc[0]
    assert (first["left"], first["match"], first["right"]) == (". Sanctions hit", "Russia", ".")
    assert hits.iloc[3]["left"] == ""  # C starts with "russia"
    assert len(kwic(tiny, "Russia", case=True)) == 3
    phrase = kwic(tiny, "Prime Minister", window=3)
    assert phrase[["left", "match", "right"]].values.tolist() == [
        ["The", "prime minister", "of Japan met"]]
    assert kwic(tiny, "japan sanctions").empty  # phrases stay inside a sentence


def test_kwic_regex(tiny):
    assert kwic(tiny, r"sanction\w*", regex=True)["doc_id"].tolist() == ["A", "B", "C"]
    # the whole token must match: "russ" alone matches nothing
    assert kwic(tiny, "russ", regex=True).empty
    assert len(kwic(tiny, re.compile(r"RUSS\w+"))) == 4  # compiled: case-insensitive too
    assert kwic(tiny, re.compile(r"RUSS\w+"), case=True).empty
    two = kwic(tiny, r"(prime|defence) \w+", regex=True)
    assert two["match"].tolist() == ["prime minister", "Defence spoke"]
    # without regex=True the query is a literal word: "russi." matches nothing
    assert kwic(tiny, "russi.").empty


def test_kwic_shows_the_original_text(tmp_path):
    text = ('He said "no" to Russia\u2019s plan.\nKYIV\u2019S mayor met   Russia\u2019s envoy on '
            "Monday.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(pd.DataFrame({"doc_id": ["a"], "source": ["S"], "date": [pd.NaT],
                                     "text": [text]}), n_jobs=1, progress=False,
                       cache_dir=tmp_path)
    hits = kwic(ann, "russia", window=6)
    # tokens: He said `` no '' to Russia 's plan . | KYIV 'S mayor met Russia 's envoy on
    # Monday . -- the cells show the text those tokens cover, not the tokens joined
    assert hits[["left", "match", "right"]].values.tolist() == [
        ['He said "no" to', "Russia", "\u2019s plan. KYIV\u2019S mayor"],
        # context crosses the paragraph break (shown as a space); runs of spaces are folded
        ["plan. KYIV\u2019S mayor met", "Russia", "\u2019s envoy on Monday."]]


def test_kwic_by_column(tiny):
    hits = kwic(tiny, "japan", by="week")
    assert hits["week"].tolist() == [pd.Timestamp("2022-01-03"), pd.Timestamp("2022-01-10")]
    assert list(kwic(tiny, "japan", by="source").columns).count("source") == 1


# --------------------------------------------------------------------------- trends
def test_term_trends_hand_counted(tiny):
    spec = dict(TINY, D=("Y", "NaT", [["Russia", "again"]]))  # undated: left out
    tr = term_trends(make_ann(spec), ["russia", "prime minister", "japan sanctions"], freq="W")
    cells = tr.set_index(["period", "source", "term"])
    w1, w2 = pd.Timestamp("2022-01-03"), pd.Timestamp("2022-01-10")
    # (week, source) cells with documents: (w1, X) = A, 12 tokens; (w1, Y) = B, 13;
    # (w2, X) = C, 6. (w2, Y) has no document: absent, not zero.
    assert sorted(set(zip(tr["period"], tr["source"]))) == [(w1, "X"), (w1, "Y"), (w2, "X")]
    assert cells.loc[(w1, "X", "russia"), "per_10k"] == pytest.approx(1 / 12 * 1e4)
    assert cells.loc[(w1, "Y", "russia"), "per_10k"] == pytest.approx(2 / 13 * 1e4)
    assert cells.loc[(w2, "X", "russia"), "count"] == 1
    assert cells.loc[(w1, "X", "prime minister"), "count"] == 1
    assert cells.loc[(w2, "X", "prime minister"), "count"] == 0  # zero: C exists
    assert tr.loc[tr["term"] == "japan sanctions", "count"].sum() == 0
    monthly = term_trends(tiny, "russia", freq="M", by=None, normalize=False)
    assert monthly[["count", "tokens"]].values.tolist() == [[4, N_TOKENS]]
    assert "per_10k" not in monthly


# --------------------------------------------------------------------------- tf-idf
def test_tfidf_terms(tiny):
    top = tfidf_terms(tiny, by="source", top=2)
    # X counts 12 terms (A: prime minister japan met putin sanctions hit russia;
    # C: russia japan sanctions matter); terms both sources use (russia, sanctions,
    # minister) have idf ln(2/2) = 0 and are left out. japan: tf 2/12, idf ln 2;
    # then the count-1 terms of X tie, alphabetically: hit, matter, met, prime, putin.
    x = top[top["source"] == "X"]
    assert x["term"].tolist() == ["japan", "hit"]
    assert x["tf_idf"].iloc[0] == pytest.approx(2 / 12 * math.log(2))
    assert x["rank"].tolist() == [1, 2]
    assert not top["term"].isin(["russia", "sanctions", "minister"]).any()


# --------------------------------------------------------------------------- contracts
def test_inputs_not_modified(tiny):
    before = copy.deepcopy(tiny)
    term_frequencies(tiny, by="week", ngram=2)
    collocations(tiny, window=3, min_count=1, by="source")
    kwic(tiny, "russia", by="month")
    term_trends(tiny, ["russia"], freq="W")
    tfidf_terms(tiny)
    for name in ("docs", "sentences", "tokens", "entities"):
        pd.testing.assert_frame_equal(getattr(tiny, name), getattr(before, name))


@pytest.mark.parametrize("call, word", [
    (lambda a: term_frequencies(a, ngram=4), "ngram"),
    (lambda a: term_frequencies(a, by="nope"), "by"),
    (lambda a: term_frequencies(a, min_count=0), "min_count"),
    (lambda a: term_frequencies(a, extra_stopwords="said"), "extra_stopwords"),
    (lambda a: collocations(a, measure="mi"), "measure"),
    (lambda a: collocations(a, window=0), "window"),
    (lambda a: collocations(a, window=2.0), "window"),
    (lambda a: collocations(a, window=True), "window"),
    (lambda a: kwic(a, ""), "query"),
    (lambda a: kwic(a, "(", regex=True), "query"),
    (lambda a: term_trends(a, ["russia"], freq="fortnight"), "freq"),
    (lambda a: term_trends(a, []), "terms"),
    (lambda a: tfidf_terms(a, by=None), "by"),
    (lambda a: tfidf_terms(a, top=0), "top"),
    (lambda a: term_frequencies("not annotations"), "ann"),
])
def test_bad_arguments_raise(tiny, call, word):
    with pytest.raises(ValueError, match=word):
        call(tiny)


def test_plots_return_figures(tiny):
    tf = term_frequencies(tiny, by="source")
    figs = [plots.plot_top_terms(tf, by="source"), plots.plot_top_terms(tf.iloc[:0]),
            plots.plot_term_trends(term_trends(tiny, ["russia", "japan"])),
            plots.plot_term_heatmap(tf, top=5)]
    assert all(isinstance(f, matplotlib.figure.Figure) for f in figs)


# --------------------------------------------------------------------------- real sample
@pytest.fixture(scope="module")
def sample_ann():
    corpus = load_corpus(config.SHARED_SAMPLE, progress=False)
    return annotate(corpus.docs, progress=False)


@pytest.mark.corpus
def test_sample_unigrams_equal_counter(sample_ann):
    tok = sample_ann.tokens.merge(sample_ann.docs[["doc_id", "source"]], on="doc_id")
    counter, docs_with = Counter(), Counter()
    seen = set()
    for source, doc, word, alpha, stop in zip(tok["source"], tok["doc_id"], tok["lower"],
                                              tok["is_alpha"], tok["is_stop"]):
        if alpha and not stop:
            counter[(source, word)] += 1
            if (doc, word) not in seen:
                seen.add((doc, word))
                docs_with[(source, word)] += 1
    tf = term_frequencies(sample_ann, by="source", keep_outlet_names=True)
    assert dict(zip(zip(tf["source"], tf["term"]), tf["count"])) == dict(counter)
    assert dict(zip(zip(tf["source"], tf["term"]), tf["docs"])) == dict(docs_with)


@pytest.mark.corpus
@pytest.mark.parametrize("window, window_size", [(1, 2), (4, 5)])  # window_size = window + 1
def test_sample_collocations_match_nltk(sample_ann, window, window_size):
    from nltk.metrics import BigramAssocMeasures as M

    finder = _nltk_finder(sample_ann, window_size, 3)
    nltk_fns = {"g2": M.likelihood_ratio, "pmi": M.pmi, "t": M.student_t, "chi2": M.chi_sq,
                "dice": M.dice}
    for measure, fn in nltk_fns.items():
        expected = dict(finder.score_ngrams(fn))
        ours = collocations(sample_ann, measure=measure, window=window, min_count=3,
                            keep_outlet_names=True)
        got = dict(zip(zip(ours["w1"], ours["w2"]), ours["score"]))
        assert got.keys() == expected.keys(), measure
        assert got == pytest.approx(expected, rel=1e-9), measure
