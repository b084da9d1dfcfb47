"""An outlet's own names are not counted as news about it (analysis.outlets).

The small corpus below is written out by hand; every expected number is
counted from it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.engine import stopword_set
from analysis.model import TOKEN_COLUMNS, Annotations
from analysis.attention import entity_attention
from analysis.comparison import log_odds
from analysis.keyterms import keyness
from analysis.pairs import cooccurrence, entity_frequencies
from analysis.outlets import outlet_names, own_name_mask, own_phrase_mask
from analysis.terms import collocations, term_frequencies, tfidf_terms

# doc_id -> (source, text, entities); text tokens are its words, one sentence per document
SPEC = {
    "b1": ("BBC", "BBC News warns war", ["BBC News", "Kyiv"]),
    "b2": ("BBC", "peace talks", ["Kyiv"]),
    "c1": ("CNN", "BBC reported war", ["BBC"]),
    "c2": ("CNN", "CNN war", ["CNN", "Kyiv"]),
}


@pytest.fixture
def ann() -> Annotations:
    stops = stopword_set()
    docs, toks, ents = [], [], []
    for doc_id, (source, text, names) in SPEC.items():
        docs.append((doc_id, source, pd.Timestamp("2022-03-01"), text))
        offset = 0
        for i, w in enumerate(text.split()):
            toks.append((doc_id, 0, 0, i, offset, offset + len(w), w, w.lower(), "NNP",
                         w.lower() in stops, w.isalpha()))
            offset += len(w) + 1
        ents += [(doc_id, 0, 0, 0, 1, n, "ENTITY", n) for n in names]
    docs = pd.DataFrame(docs, columns=["doc_id", "source", "date", "text"])
    tokens = pd.DataFrame(toks, columns=TOKEN_COLUMNS)
    entities = pd.DataFrame(ents, columns=["doc_id", "paragraph_id", "sent_id", "start_token",
                                           "end_token", "text", "label", "canonical"])
    sentences = pd.DataFrame({"doc_id": list(SPEC), "paragraph_id": 0, "sent_id": 0, "start": 0,
                              "end": 0, "text": [v[1] for v in SPEC.values()]})
    return Annotations(docs, sentences, tokens, entities)


def test_outlet_names_from_the_lexicons():
    names, terms = outlet_names("The Guardian")
    assert {"the guardian", "guardian", "theguardian com"} <= names and terms == {"guardian"}
    assert outlet_names("guardian") == (names, terms)  # any variant finds the outlet
    names, terms = outlet_names("Daily Mail")
    assert "mail" in names and "mail" not in terms  # a common word stays a term
    assert outlet_names("Kyiv Post") == ({"kyiv post"}, frozenset())  # unknown: itself only
    assert outlet_names("Meduza") == ({"meduza"}, {"meduza"})
    with pytest.raises(ValueError, match="source must be a string"):
        outlet_names(None)


def test_own_name_mask_entities_and_terms():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["BBC", "CNN"]})
    ents = own_name_mask(docs, ["a"] * 4 + ["b"], ["BBC Radio 4", "BBCX", "the", "BBC", "BBC"])
    assert ents.tolist() == [True, False, False, True, False]  # prefix + space; CNN's BBC stays
    terms = own_name_mask(docs, ["a", "a", "b"], ["bbc", "news", "cnn"], kind="term")
    assert terms.tolist() == [True, False, True]
    assert not own_name_mask(docs.drop(columns="source"), ["a"], ["BBC"]).any()
    with pytest.raises(ValueError, match="kind must be"):
        own_name_mask(docs, ["a"], ["BBC"], kind="token")


def test_entity_attention_leaves_out_the_outlets_own_name(ann):
    att = entity_attention(ann).set_index(["source", "entity"])
    # "BBC News" occurs only in BBC's own b1 and "CNN" only in CNN's own c2: both gone
    assert set(att.index.get_level_values("entity")) == {"BBC", "Kyiv"}
    # CNN's c1 mentions the BBC: a real citation, kept (1 of CNN's 2 documents: a share
    # of 1/2, now a fraction, not 50 percent)
    assert att.loc[("CNN", "BBC"), "share"] == pytest.approx(0.5)
    kept = entity_attention(ann, keep_outlet_names=True).set_index(["source", "entity"])
    assert kept.loc[("BBC", "BBC News"), "share"] == pytest.approx(0.5)
    assert kept.loc[("CNN", "CNN"), "docs"] == 1
    with pytest.raises(ValueError, match="keep_outlet_names must be True or False"):
        entity_attention(ann, keep_outlet_names="no")


def test_entity_frequencies_and_pairs(ann):
    freq = entity_frequencies(ann, by="source")
    assert dict(zip(zip(freq["source"], freq["entity"]), freq["count"])) == {
        ("BBC", "Kyiv"): 2, ("CNN", "BBC"): 1, ("CNN", "Kyiv"): 1}
    assert len(entity_frequencies(ann, by="source", keep_outlet_names=True)) == 5
    # the only pairs are (BBC News, Kyiv) in b1 and (CNN, Kyiv) in c2: both own mentions
    assert cooccurrence(ann, min_count=1).empty
    kept = cooccurrence(ann, min_count=1, keep_outlet_names=True)
    assert sorted(zip(kept["entity_a"], kept["entity_b"])) == [("BBC News", "Kyiv"),
                                                                ("CNN", "Kyiv")]


def test_terms_keyness_and_log_odds_leave_out_own_names(ann):
    tf = term_frequencies(ann, by="source")
    counts = dict(zip(zip(tf["source"], tf["term"]), tf["count"]))
    # b1 "BBC News warns war" loses "bbc" (BBC's own) and "news" (in the run "BBC News");
    # c2 "CNN war" loses "cnn"
    assert counts == {("BBC", "warns"): 1, ("BBC", "war"): 1,
                      ("BBC", "peace"): 1, ("BBC", "talks"): 1, ("CNN", "bbc"): 1,
                      ("CNN", "reported"): 1, ("CNN", "war"): 2}
    bigrams = term_frequencies(ann, by="source", ngram=2)
    assert "bbc news" not in set(bigrams["term"])
    assert "bbc news" in set(term_frequencies(ann, ngram=2, keep_outlet_names=True)["term"])
    key = keyness(ann, min_count=1).set_index(["source", "term"])
    assert key.loc[("BBC", "bbc"), ["count", "count_ref", "total", "total_ref"]
                   ].tolist() == [0, 1, 4, 4]
    assert "cnn" not in set(key.index.get_level_values("term"))
    kept = keyness(ann, min_count=1, keep_outlet_names=True).set_index(["source", "term"])
    assert kept.loc[("BBC", "bbc"), ["count", "count_ref"]].tolist() == [1, 1]
    assert "cnn" not in set(log_odds(ann)["term"])
    assert "cnn" in set(log_odds(ann, keep_outlet_names=True)["term"])
    assert "bbc" not in set(tfidf_terms(ann).query("source == 'BBC'")["term"])
    pairs = set(zip(*collocations(ann, min_count=1)[["w1", "w2"]].T.values))
    assert ("warns", "war") in pairs and ("bbc", "news") not in pairs
    assert ("news", "warns") not in pairs
    kept = collocations(ann, min_count=1, keep_outlet_names=True)
    assert ("bbc", "news") in set(zip(kept["w1"], kept["w2"]))


def test_own_names_of_several_words_are_found_as_runs_of_tokens():
    docs = pd.DataFrame({"doc_id": ["ap", "cnn"], "source": ["Associated Press", "CNN"]})
    words = "Biden told The Associated Press at a press conference".lower().split()
    mask = own_phrase_mask(docs, ["ap"] * len(words) + ["cnn"] * 2,
                           words + ["associated", "press"])
    # AP's own name in AP's article; "press conference" and CNN's citation of AP stay
    assert mask.tolist() == [False, False, False, True, True, False, False, False, False,
                             False, False]
    # a run must not cross documents: "associated" ends ap, "press" starts cnn
    assert not own_phrase_mask(docs, ["ap", "ap", "cnn"], ["the", "associated", "press"]).any()


@pytest.mark.corpus
def test_sample_outlets_do_not_lead_with_themselves(sample_ann):
    att = entity_attention(sample_ann)
    for source in sample_ann.docs["source"].unique():
        names, terms = outlet_names(source)
        top = att[att["source"] == source].head(20)
        assert not top["entity"].str.casefold().isin(names).any(), source
    key = keyness(sample_ann)
    top = key[key["direction"] == "over"].groupby("source").head(20)
    own = {t for s in sample_ann.docs["source"].unique() for t in outlet_names(s)[1]}
    leaked = top[top.apply(lambda r: r["term"] in outlet_names(r["source"])[1], axis=1)]
    assert leaked.empty, leaked[["source", "term"]]
    assert {"bbc", "reuters", "guardian"} <= own


# ---- one spelling per outlet (issue 24)

def test_fold_outlets_keeps_the_most_frequent_spelling():
    from analysis.outlets import fold_outlets

    given = ["bbc", "BBC", " BBC ", "Bbc", "BBC", "The  Guardian", "the guardian", "The Guardian",
             "CNN", "B.B.C."]
    folded, spellings = fold_outlets(given)
    # BBC 2 + " BBC " (the same once its spaces are collapsed) = 3 beat bbc 1 and Bbc 1;
    # "The  Guardian" and "The Guardian" are one spelling shown once white space is collapsed
    assert folded == ["BBC"] * 5 + ["The Guardian"] * 3 + ["CNN", "B.B.C."]
    assert spellings.values.tolist() == [
        ["B.B.C.", "B.B.C.", 1], ["BBC", "BBC", 2], ["BBC", " BBC ", 1], ["BBC", "Bbc", 1],
        ["BBC", "bbc", 1], ["CNN", "CNN", 1], ["The Guardian", "The  Guardian", 1],
        ["The Guardian", "The Guardian", 1], ["The Guardian", "the guardian", 1]]


def test_fold_outlets_tie_goes_to_the_first_seen_and_format_characters_do_not_split():
    from analysis.outlets import fold_outlets

    folded, _ = fold_outlets(["Daily Mail", "DAILY MAIL", "Daily\u200b Mail", "DAILY MAIL", "Daily Mail"])
    assert folded == ["Daily Mail"] * 5  # 2 against 2 (the ZWSP spelling is its own): first seen
    assert fold_outlets([]) [0] == []


def test_load_corpus_folds_outlet_spellings_and_lists_them(tmp_path):
    from analysis import load_corpus

    rows = [("bbc", "Kyiv was shelled overnight, officials said."),
            ("BBC", "Talks resumed in Istanbul on Tuesday."),
            (" BBC ", "Grain ships left Odesa on Monday."),
            ("Bbc", "Kyiv was shelled overnight, officials said."),  # same text, same outlet
            ("BBC", "Prices rose in March, the agency said."),
            ("Reuters", "Kyiv was shelled overnight, officials said.")]  # syndication: kept
    pd.DataFrame(rows, columns=["source", "text"]).to_csv(tmp_path / "a.csv", index=False)
    corpus = load_corpus(tmp_path / "a.csv", progress=False, cache=False)
    assert corpus.docs["source"].tolist() == ["BBC", "BBC", "BBC", "BBC", "Reuters"]
    assert corpus.skipped["reason"].str.startswith("duplicate of").tolist() == [True]
    # the loader strips a cell's outer spaces; "Bbc" was skipped as a duplicate of "bbc"'s
    # text before the spellings are counted (of the documents kept)
    assert corpus.outlets.values.tolist() == [["BBC", "BBC", 3], ["BBC", "bbc", 1],
                                              ["Reuters", "Reuters", 1]]
    # the respelt document carries a ledger row; the summary counts one outlet
    led = corpus.cleaning[corpus.cleaning["step"] == "outlet_name"]
    assert led["doc_id"].tolist() == corpus.docs["doc_id"].iloc[:1].tolist()
    assert led[["chars_removed", "count"]].values.tolist() == [[0, 1]]
    assert corpus.summary()["source"].tolist() == ["BBC", "Reuters"]
