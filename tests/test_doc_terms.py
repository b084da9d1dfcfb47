"""Shared intermediates: the own-name masks on word codes against the string-based rules of
analysis.outlets, the documents x terms counts built once per Annotations and never handed to
another view, and the memo that does not travel to Dask workers."""

from __future__ import annotations

import dataclasses
import gc
import pickle

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from analysis.doc_terms import (
    DocTerms,
    doc_term_counts,
    own_entity_mask,
    own_term_mask,
    shared_tokens,
)
from analysis.keyterms import keyness
from analysis.model import Memo
from analysis.outlets import own_name_mask, own_phrase_mask
from analysis.terms import term_frequencies
from analysis.tokens import token_arrays


def test_own_term_mask_by_hand():
    docs = pd.DataFrame({"doc_id": ["ap", "bbc", "cnn"],
                         "source": ["Associated Press", "BBC", "CNN"]})
    # ap: "the Associated Press said" | bbc: "BBC ap associated" | cnn: "press bbc"
    vocab = ["the", "Associated", "Press", "said", "BBC", "ap", "associated", "press", "bbc"]
    doc_pos = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2])
    codes = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8])
    mask = own_term_mask(docs, doc_pos, codes, vocab)
    # AP's two-word name (any case) in its own article; the BBC's name in the BBC's; "ap" in
    # a BBC article is a citation; the run "associated" | "press" crosses documents; CNN
    # citing the BBC is kept
    assert mask.tolist() == [False, True, True, False, True, False, False, False, False]
    assert not own_term_mask(docs.drop(columns="source"), doc_pos, codes, vocab).any()
    # a token of a document missing from docs (-1) has no outlet
    assert not own_term_mask(docs, np.full(9, -1), codes, vocab).any()


@pytest.mark.corpus
def test_own_term_mask_agrees_with_the_string_rules_on_the_sample(sample_ann):
    t = token_arrays(sample_ann)
    fast = own_term_mask(sample_ann.docs, t.doc, t.term, t.vocab)
    ids = sample_ann.docs["doc_id"].to_numpy()[t.doc]
    words = np.asarray(t.vocab, dtype=object)[t.term]
    slow = own_name_mask(sample_ann.docs, ids, words, kind="term") | \
        own_phrase_mask(sample_ann.docs, ids, words)
    assert fast.sum() > 100  # the sample's outlets name themselves often
    assert np.array_equal(fast, slow)


def test_by_group_against_pandas():
    counts = sp.csr_matrix(np.array([[2, 0, 1], [1, 1, 0], [0, 3, 0], [0, 0, 4]]))
    dt = DocTerms(np.array(["a", "b", "c", "d"]), np.array(["x", "y", "z"]), counts,
                  np.array([9, 9, 9, 9]))
    group, term, count, docs = dt.by_group(np.array([0, 0, 1, 1]), 2,
                                           drop=np.array([False, False, True]))
    long = pd.DataFrame({"g": [0, 0, 0, 0, 1, 1, 1], "t": [0, 2, 0, 1, 1, 2, 2],
                         "n": [2, 1, 1, 1, 3, 4, 0]})
    long = long[(long["n"] > 0) & (long["t"] != 2)]
    expected = long.groupby(["g", "t"])["n"].agg(["sum", "size"]).reset_index()
    assert group.tolist() == expected["g"].tolist() and term.tolist() == expected["t"].tolist()
    assert count.dtype == np.int64 and count.tolist() == expected["sum"].tolist()
    assert docs.tolist() == expected["size"].tolist()


def test_counts_are_built_once_and_never_given_to_another_view(example_ann):
    ann = dataclasses.replace(example_ann, memo=Memo())
    first = doc_term_counts(ann)
    assert doc_term_counts(ann) is first  # a second analysis reads it
    assert doc_term_counts(ann, keep_stopwords=True) is not first  # other options
    assert shared_tokens(ann) is shared_tokens(ann)
    with pytest.raises(ValueError):  # shared arrays are read-only
        shared_tokens(ann).term[0] = 1
    # a view with fewer documents shares the memo but gets its own counts
    fewer = dataclasses.replace(ann, docs=ann.docs.iloc[:1])
    assert fewer.memo is ann.memo
    one = doc_term_counts(fewer)
    assert one.counts.shape[0] == 1 and one is not first
    assert np.array_equal(one.counts.toarray().sum(axis=0)[one.counts.toarray().sum(axis=0) > 0],
                          first.counts[:1].toarray()[first.counts[:1].toarray() > 0])
    # other outlets for the same documents: other own names, so other counts (the token
    # arrays, which do not depend on outlets, are shared)
    relabelled = dataclasses.replace(ann, docs=ann.docs.assign(source="Somebody Else"))
    assert doc_term_counts(relabelled) is not first
    assert shared_tokens(relabelled) is shared_tokens(ann)
    # other tokens (a filtered copy, say) never hit; once they are gone, neither are their
    # entries
    copy = dataclasses.replace(ann, tokens=ann.tokens.copy())
    assert doc_term_counts(copy) is not first
    del copy
    gc.collect()  # a DataFrame may sit in a reference cycle
    assert any(ref() is None for ref, _ in ann.memo.values())
    doc_term_counts(ann, keep_outlet_names=True)  # storing drops the entries of gone tables
    assert all(ref() is not None for ref, _ in ann.memo.values())
    # results do not depend on the memo
    fresh = dataclasses.replace(ann, memo=Memo())
    pd.testing.assert_frame_equal(term_frequencies(ann, by="source"),
                                  term_frequencies(fresh, by="source"))
    key = keyness(ann, test="g2", min_count=1)  # after the document test's intervals
    keyness(fresh, min_count=1)
    pd.testing.assert_frame_equal(key, keyness(dataclasses.replace(ann, memo=Memo()),
                                               test="g2", min_count=1))


def test_memo_pickles_empty(example_ann):
    ann = dataclasses.replace(example_ann, memo=Memo())
    doc_term_counts(ann)
    assert len(ann.memo) == 2  # the counts and the token arrays behind them
    back = pickle.loads(pickle.dumps(ann))
    assert isinstance(back.memo, Memo) and len(back.memo) == 0


def test_own_entity_mask_is_the_string_rule_and_shared(example_ann):
    ann = dataclasses.replace(example_ann, memo=Memo())
    mask = own_entity_mask(ann)
    expected = own_name_mask(ann.docs, ann.entities["doc_id"], ann.entities["canonical"])
    assert np.array_equal(mask, expected)
    assert own_entity_mask(ann) is mask
    other = dataclasses.replace(ann, entities=ann.entities.iloc[:3].copy())
    assert len(own_entity_mask(other)) == 3
