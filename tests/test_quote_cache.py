"""Quotes are an annotation table: found once by annotate, cached under the key of the quote
code and lexicons, filtered with the other tables, read by quotes(ann)."""

from __future__ import annotations

import dataclasses
import shutil
import sys
import warnings

import pandas as pd
import pytest

from analysis import annotation, quotation, quotes
from analysis.annotation import annotate

from quote_articles import ARTICLES

# one article whose only speech verb is "grumbled", which is no cue in the shipped list
GRUMBLED = ("Dmitry Peskov met reporters in Moscow on Monday.\n\n"
            "Dmitry Peskov grumbled that the talks had stalled again in Istanbul.")


def _docs() -> pd.DataFrame:
    texts = {**ARTICLES, "grumbled": GRUMBLED}
    sources = ["AP"] * 3 + ["BBC"] * 3 + ["RT"] * 3 + ["AP"]  # as in quote_articles, + 1
    return pd.DataFrame({"doc_id": list(texts), "source": sources,
                         "date": pd.Timestamp("2022-03-01"), "text": list(texts.values()),
                         "title": "", "url": ""})


def _annotate(docs, cache):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return annotate(docs, n_jobs=1, progress=False, cache_dir=cache)


def _row(q: pd.DataFrame, doc_id: str) -> list[tuple]:
    got = q[q["doc_id"] == doc_id]
    return list(got[["kind", "speaker", "cue", "text"]].itertuples(index=False, name=None))


def test_warm_cache_quotes_equal_a_fresh_computation(tmp_path, monkeypatch):
    docs = _docs()
    cold = _annotate(docs, tmp_path)
    assert cold.quotes is not None and "source" not in cold.quotes.columns
    assert len(list(tmp_path.rglob("quotes/*/quotes.parquet"))) == 1

    def no_quote_finding(ann):
        raise AssertionError("a warm annotate must read the quotes, not find them")

    monkeypatch.setattr(annotation, "quote_table", no_quote_finding)
    warm = _annotate(docs, tmp_path)
    monkeypatch.undo()
    assert warm.cache["computed"] == 0
    fresh = quotes(dataclasses.replace(warm, quotes=None))  # found now, from the tables
    pd.testing.assert_frame_equal(quotes(warm), fresh)
    pd.testing.assert_frame_equal(quotes(cold), fresh)
    # the values, checked by hand on the articles (tests/test_quotes.py has them all)
    assert _row(fresh, "indirect")[0] == ("indirect", "Dmitry Peskov", "told",
                                          "the talks had stalled again in Istanbul")
    assert _row(fresh, "grumbled") == []
    assert list(fresh["source"].unique()) == ["AP", "BBC", "RT"]


def test_a_quote_lexicon_edit_finds_the_quotes_again_and_nothing_else(tmp_path, monkeypatch):
    docs = _docs()
    cache = tmp_path / "cache"
    before = _annotate(docs, cache)
    cues = tmp_path / "quote_cues.txt"
    lists = sys.modules[quotation.lexicon.__module__]  # the module that reads the cue list
    shutil.copy(lists.CUES_FILE, cues)
    with open(cues, "a", encoding="utf-8") as fh:
        fh.write("grumbled\n")
    monkeypatch.setattr(lists, "CUES_FILE", cues)
    monkeypatch.setattr(annotation, "canonicalize", lambda *a, **k: pytest.fail("re-cleaned"))
    after = _annotate(docs, cache)
    assert after.cache["computed"] == 0
    assert len(list(cache.rglob("final/*.json"))) == 1  # sentences, tokens, entities: read
    assert len(list(cache.rglob("quotes/*/quotes.parquet"))) == 2  # quotes: found again
    assert _row(quotes(after), "grumbled") == [
        ("indirect", "Dmitry Peskov", "grumbled", "the talks had stalled again in Istanbul")]
    assert _row(quotes(before), "grumbled") == []
    others = quotes(after).query("doc_id != 'grumbled'").reset_index(drop=True)
    pd.testing.assert_frame_equal(others, quotes(before))


def test_filter_keeps_the_quotes_of_the_kept_documents(tmp_path):
    ann = _annotate(_docs(), tmp_path)
    bbc = ann.filter(sources=["BBC"])
    assert set(bbc.quotes["doc_id"]) == {"pronoun", "spanning", "according"}
    expected = ann.quotes[ann.quotes["doc_id"].isin(["pronoun", "spanning", "according"])]
    pd.testing.assert_frame_equal(bbc.quotes, expected.reset_index(drop=True))
    everything = quotes(ann)
    pd.testing.assert_frame_equal(quotes(bbc), everything[everything["source"] == "BBC"]
                                  .reset_index(drop=True))
    peskov = ann.filter(query="Peskov")  # a query filter too
    assert set(peskov.quotes["doc_id"]) == {"before", "indirect"}


def test_documents_reordered_or_dropped_after_annotation(tmp_path):
    """quotes(ann) follows ann.docs: its order, its documents, its sources."""
    ann = _annotate(_docs(), tmp_path)
    docs = ann.docs.iloc[::-1].reset_index(drop=True)
    docs = docs[docs["doc_id"] != "inside"].assign(source="ZZ")
    got = quotes(dataclasses.replace(ann, docs=docs))
    fresh = quotes(dataclasses.replace(ann, docs=docs, quotes=None))
    pd.testing.assert_frame_equal(got, fresh)
    assert "inside" not in set(got["doc_id"]) and set(got["source"]) == {"ZZ"}
    assert got["doc_id"].iloc[0] == "unbalanced"  # the last article with a quote comes first


def test_a_corrupt_quotes_cache_is_found_again_with_a_warning(tmp_path):
    docs = _docs()
    cold = _annotate(docs, tmp_path)
    (path,) = tmp_path.rglob("quotes/*/quotes.parquet")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped bit's worth of damage inside a page
    path.write_bytes(bytes(data))
    with pytest.warns(UserWarning, match="fail their check"):
        warm = annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(warm.quotes, cold.quotes)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # rebuilt: served without a warning now
        again = annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(again.quotes, cold.quotes)
