"""fastnlp: FastTagger and FastChunker give exactly NLTK's tags, trees and entity spans."""

from __future__ import annotations

import random

import numpy as np
import pytest

from analysis import config
from analysis.engine import sentence_words
from analysis.fastnlp import FastChunker, FastTagger, iob_to_spans, iob_to_tree
from analysis.vocabulary import UNTYPED

EDGE_SENTENCES = [
    [],
    ["Hello"],
    ["."],
    ["...", "!", "?", ",", "--", "''", "``"],  # punctuation only
    ["THE", "KREMLIN", "SAID", "ON", "MONDAY", "THAT", "NATO", "WAS", "TO", "BLAME", "."],
    ["Zxqvbn", "flurbed", "the", "Qwertyvich", "of", "Blarghistan", "."],  # unknown words
    ["U.S.", "President", "Joe", "Biden", "met", "Volodymyr", "Zelensky", "in", "Kyiv", "."],
    ["COVID-19", "cases", "rose", "3.5", "%", "in", "1999", "and", "2022", "."],
    ["Élan", "Müller", "visited", "São", "Paulo", "and", "日本", "."],
    ["-START-", "-END-", "I-NE", "B", "O", "None", "None+None"],  # strings that look like features
    ["a b", " ", "", "x\u0301y", "http://example.com/a?b=c"],  # spaces, empty, combining mark
    ["Putin"] * 40,  # long repetitive
]


@pytest.fixture(scope="module")
def models():
    from analysis.engine import nltk_models

    try:
        punkt, words_tok, tagger, chunker = nltk_models(False)
    except LookupError as exc:  # pragma: no cover - resources are set up by `make test`
        pytest.skip(f"NLTK resources missing: {exc}")
    return punkt, words_tok, tagger, chunker


@pytest.fixture(scope="module")
def fast(models):
    _, _, tagger, chunker = models
    return FastTagger(tagger), FastChunker(chunker)


def nltk_spans(chunker, tagged):
    from analysis.engine import chunk_entities

    return chunk_entities(chunker.parse(tagged), 0, True)


def assert_identical(models, fast, sents):
    """Tags, trees and annotation's entity spans of ``sents`` equal NLTK's, by both code
    paths (numpy for batches, plain Python for a few sentences) and by the default one."""
    _, _, tagger, chunker = models
    ft, fc = fast
    ref_tags = [tagger.tag(s) for s in sents]
    ref_trees = [chunker.parse(t) for t in ref_tags]
    ref_spans = [nltk_spans(chunker, t) for t in ref_tags]
    defaults = ft.small_batch, fc.small_batch
    try:
        for small in (None, 0, 10**9):  # default, numpy only, Python only
            if small is not None:
                ft.small_batch = fc.small_batch = small
            assert ft.tag_sents(sents) == ref_tags
            assert fc.parse_sents(ref_tags) == ref_trees
            assert fc.spans_sents(ref_tags, untyped=UNTYPED) == ref_spans
    finally:
        ft.small_batch, fc.small_batch = defaults
    return ref_tags, ref_trees


def test_edge_cases_batched_and_one_by_one(models, fast):
    ref_tags, ref_trees = assert_identical(models, fast, EDGE_SENTENCES)
    ft, fc = fast
    for words, tags, tree in zip(EDGE_SENTENCES, ref_tags, ref_trees):
        assert ft.tag(words) == tags
        assert fc.parse(tags) == tree
    assert ft.tag_sents([]) == [] and fc.parse_sents([]) == [] and fc.iob_sents([[]]) == [[]]


def test_seeds_identical(models, fast, example_corpus):
    punkt, words_tok, _, _ = models
    sents = [s for text in example_corpus.docs["text"]
             for s in sentence_words(text, punkt, words_tok)]
    assert len(sents) > 20
    _, trees = assert_identical(models, fast, sents)
    assert sum(1 for t in trees for n in t if hasattr(n, "label")) > 10  # entities were found


def _sample_sentences(models, n_sents=400):
    import pandas as pd

    punkt, words_tok, _, _ = models
    texts = pd.read_csv(config.SHARED_SAMPLE, usecols=["text"], nrows=40)["text"].astype(str)
    sents = [s for text in texts for s in sentence_words(text, punkt, words_tok)]
    return random.Random(7).sample(sents, min(n_sents, len(sents)))


@pytest.mark.corpus
def test_sample_sentences_identical(models, fast):
    sents = _sample_sentences(models)
    assert len(sents) >= 300
    assert_identical(models, fast, sents)


@pytest.mark.corpus
def test_sample_mixed_with_odd_tags_identical(models, fast):
    """Shuffled tokens and POS tags the tagger never gives still chunk as NLTK does."""
    _, _, tagger, chunker = models
    rng = random.Random(3)
    vocab = [w for s in _sample_sentences(models, 150) for w in s]
    odd = sorted(tagger.classes) + ["-NONE-", "X", "VBZ-HL", "nn", "A+B"]
    sents = [[rng.choice(vocab) for _ in range(rng.choice([1, 2, 3, 7, 25]))] for _ in range(300)]
    assert_identical(models, fast, sents + EDGE_SENTENCES)
    tagged = [[(w, rng.choice(odd) if rng.random() < 0.3 else t) for w, t in tagger.tag(s)]
              for s in sents]
    assert fast[1].parse_sents(tagged) == [chunker.parse(t) for t in tagged]


def test_tagdict_off(models, fast):
    _, _, tagger, _ = models
    plain = FastTagger(tagger, use_tagdict=False)
    sents = EDGE_SENTENCES + [["The", "war", "in", "Ukraine", "began", "in", "2022", "."]]
    assert plain.tag_sents(sents) == [tagger.tag(s, use_tagdict=False) for s in sents]


def test_chunker_scores_are_nltks_bit_for_bit(models, fast, example_corpus):
    """Every score FastChunker computes equals NLTK's MaxentClassifier total, exactly."""
    punkt, words_tok, tagger, chunker = models
    fc = fast[1]
    sents = [s for text in example_corpus.docs["text"][:1]
             for s in sentence_words(text, punkt, words_tok)][:30]
    tagged = [tagger.tag(s) for s in sents] + [tagger.tag(s) for s in EDGE_SENTENCES if s]
    lengths = np.array([len(t) for t in tagged])
    tot = fc._scores(tagged, lengths)[0]
    ne = chunker._tagger
    clf, enc = ne._classifier, ne._classifier._encoding
    k = 0
    for sent in tagged:
        labels = [tag for _, tag in ne.tag(sent)]
        for i in range(len(sent)):
            feats = ne.feature_detector(sent, i, labels)
            c = fc.labels.index(labels[i - 1]) if i else 0
            for j, label in enumerate(fc.labels):  # MaxentClassifier.prob_classify's loop
                total = 0.0
                for f_id, f_val in enc.encode(feats, label):
                    total += clf._weights[f_id] * f_val
                assert tot[k, c, j] == total
            k += 1
    assert k == len(tot)


def test_exact_fallback_path_agrees(models, fast):
    """With every decision sent through NLTK's normalisation, the output is the same."""
    _, _, tagger, chunker = models
    fc = FastChunker(chunker)
    fc.close_tol = np.inf
    tagged = [tagger.tag(s) for s in EDGE_SENTENCES]
    ref = [chunker.parse(t) for t in tagged]
    assert fc.parse_sents(tagged) == ref  # numpy path
    assert [fc.parse(t) for t in tagged] == ref  # plain Python path
    # a tie goes to the larger label, as DictionaryProbDist.max()
    assert fc.labels[fc._exact(np.zeros(len(fc.labels)))] == max(fc.labels)


def test_caches_rebuilt_when_full(models, fast, monkeypatch):
    from analysis.fastnlp import chunker as chunker_module, tagger as tagger_module

    _, _, tagger, chunker = models
    ft, fc = FastTagger(tagger), FastChunker(chunker)
    monkeypatch.setattr(tagger_module, "_MAX_TYPES", 5)
    monkeypatch.setattr(chunker_module, "_MAX_TYPES", 5)
    for _ in range(2):
        assert_identical(models, (ft, fc), EDGE_SENTENCES)


@pytest.mark.parametrize("labels", [
    ["O", "B-NE", "I-NE", "O", "I-NE", "I-NE", "B-NE", "B-NE"],
    ["I-NE", "I-NE", "O"],
    ["B-PER", "I-ORG", "I-ORG", "B-GPE", "O", "I-GPE"],
    ["B-NE", "X", "I-NE", "O", "Z", "B-NE"],  # labels NLTK drops from the tree
    [],
])
def test_iob_helpers_match_nltk(labels):
    from nltk.chunk.named_entity import NEChunkParser

    from analysis.engine import chunk_entities

    tagged = [(f"w{i}", "NN") for i in range(len(labels))]
    tree = NEChunkParser._tagged_to_parse(None, list(zip(tagged, labels)))
    assert iob_to_tree(tagged, labels) == tree
    assert iob_to_spans(labels, 5, UNTYPED) == chunk_entities(tree, 5, True)
    assert iob_to_spans(labels, 5) == chunk_entities(tree, 5, False)


def test_rejects_a_chunker_it_cannot_reproduce(models):
    import copy

    chunker = copy.copy(models[3])
    chunker._tagger = copy.copy(chunker._tagger)
    chunker._tagger._cutoff_prob = 0.5
    with pytest.raises(ValueError, match="stock maxent"):
        FastChunker(chunker)


# ------------------------------------------------------------------ word tokenizer, loading
TRICKY_TEXTS = [
    "",
    "   ",
    '"Hello," she said. "It\'s over -- isn\'t it?"',
    "They can't, won't and shouldn't; gonna wanna gimme 'em.",
    "«Quoted» „German“ ‘single’ “double” ``tex'' '' \" ' x' 'y",
    "Prices rose 3.5% (from $3.88) to €4 [est.] {draft} <tag> on 1/2/2022...",
    "Wait... what?! Really?? Yes!!! U.S.-led NATO, i.e. the West: e.g. 'Kyiv'.",
    "Em—dash – en-dash ‒ figure ― bar *stars* #tag @user & co; a:b 1:2 a,b 1,000",
    "He said: 'I'm here' and ended with a period.",
    "Sentence ending with quote.'",
    "x\u0301y Élan São 日本 'll 're 've n't 'S 'M 'D CANNOT Gotta Lemme",
    "D'ye know more'n 'tis or 'twas? a--b, John's\tcar and a list:",
]


@pytest.fixture(scope="module")
def word_tokenizers(models):
    from nltk.tokenize import NLTKWordTokenizer

    from analysis.fastnlp import WordTokenizer

    return NLTKWordTokenizer(), WordTokenizer()


def assert_same_words(word_tokenizers, texts):
    nltk_tok, fast_tok = word_tokenizers
    for text in texts:
        assert fast_tok.tokenize(text) == nltk_tok.tokenize(text), text


def test_word_tokenizer_is_nltks_on_tricky_text(word_tokenizers):
    assert_same_words(word_tokenizers, TRICKY_TEXTS)
    # what the tokenizer is for: a contraction split, parentheses and the final period
    assert word_tokenizers[1].tokenize("They can't stop (yet).") == [
        "They", "ca", "n't", "stop", "(", "yet", ")", "."]


def test_word_tokenizer_is_nltks_on_the_seed_sentences(models, word_tokenizers,
                                                        example_corpus):
    punkt = models[0]
    sents = [para.replace("\u2019", "'")[s:e] for text in example_corpus.docs["text"]
             for para in text.split("\n") for s, e in punkt.span_tokenize(para)]
    assert len(sents) > 20
    assert_same_words(word_tokenizers, sents)


@pytest.mark.corpus
def test_word_tokenizer_is_nltks_on_the_sample(models, word_tokenizers):
    import pandas as pd

    punkt = models[0]
    texts = pd.read_csv(config.SHARED_SAMPLE, usecols=["text"], nrows=150)["text"].astype(str)
    sents = [para.replace("\u2019", "'")[s:e] for text in texts
             for para in text.split("\n") for s, e in punkt.span_tokenize(para)]
    assert len(sents) > 2000
    assert_same_words(word_tokenizers, sents)


def test_word_tokenizer_refuses_a_pattern_it_cannot_carry_over():
    import regex

    from analysis.fastnlp.tokenizer import _stdlib_pattern

    assert _stdlib_pattern(regex.compile(r"(?i)\bcan\b")).pattern == r"(?i)\bcan\b"
    with pytest.raises(ValueError, match="flags"):
        _stdlib_pattern(regex.compile(r"a", regex.VERSION1))


def test_quick_chunker_loads_nltks_parameters(models):
    from nltk.chunk.named_entity import Maxent_NE_Chunker

    from analysis.fastnlp import load_ne_chunker
    from analysis.resources import has_multiclass_chunker

    for fmt in ("binary", "multiclass") if has_multiclass_chunker(warn=False) else ("binary",):
        ref, quick = Maxent_NE_Chunker(fmt), load_ne_chunker(fmt)
        assert type(quick).load_params is not Maxent_NE_Chunker.load_params
        a, b = ref._tagger._classifier, quick._tagger._classifier
        assert b._encoding._mapping == a._encoding._mapping
        assert b._encoding._labels == a._encoding._labels
        assert b._encoding._alwayson == a._encoding._alwayson
        assert np.array_equal(b._weights, a._weights)
        tagged = [("Putin", "NNP"), ("met", "VBD"), ("Scholz", "NNP"), ("in", "IN"),
                  ("Moscow", "NNP"), (".", ".")]
        assert quick.parse(tagged) == ref.parse(tagged)
