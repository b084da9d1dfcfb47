"""annotate: tables, seeds' entities, cache behaviour, parallel == serial, errors."""

from __future__ import annotations

import random
import shutil
import warnings

import pandas as pd
import pytest

from analysis import annotation, config, engine, model
from analysis.annotation import annotate
from conftest import SEED_000, SEED_001, doc_by_file


def quiet_annotate(docs, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return annotate(docs, progress=False, **kw)


def canon_of(ann, doc_id) -> set[str]:
    return set(ann.entities.loc[ann.entities["doc_id"] == doc_id, "canonical"])


def test_seed_000_entities(example_corpus, example_ann):
    doc_id = doc_by_file(example_corpus, SEED_000)["doc_id"]
    expected = {"Vladimir Putin", "Fumio Kishida", "Russia", "Japan", "Ukraine", "NATO",
                "United States"}
    assert expected <= canon_of(example_ann, doc_id)


def test_kiev_and_kyiv_share_one_name(example_corpus, example_ann):
    ents = example_ann.entities
    d000 = doc_by_file(example_corpus, SEED_000)["doc_id"]
    d001 = doc_by_file(example_corpus, SEED_001)["doc_id"]
    assert set(ents.loc[(ents["doc_id"] == d001) & (ents["text"] == "Kiev"), "canonical"]) == {"Kyiv"}
    assert set(ents.loc[(ents["doc_id"] == d000) & (ents["text"] == "Kyiv"), "canonical"]) == {"Kyiv"}


def test_us_president_joe_biden(example_corpus, example_ann):
    d001 = doc_by_file(example_corpus, SEED_001)["doc_id"]
    assert "Joe Biden" in canon_of(example_ann, d001)
    assert not any("President" in c for c in canon_of(example_ann, d001))


def test_short_form_resolves_to_full_name_in_the_same_document():
    docs = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": ["Japanese Prime Minister Fumio Kishida met reporters in Tokyo on Friday. "
                 "Kishida said Japan would coordinate closely with its allies.",
                 # Baerbock is not in the alias table: only the in-document rule resolves it
                 "German Foreign Minister Annalena Baerbock arrived in Kyiv on Monday. "
                 "Baerbock said Berlin would send more air defence systems.",
                 "Baerbock said nothing new."]})  # no full name earlier in this document
    ents = quiet_annotate(docs, n_jobs=1, cache_dir=None).entities
    canon = lambda d, t: set(ents.loc[(ents.doc_id == d) & (ents.text == t), "canonical"])  # noqa: E731
    assert canon("a", "Kishida") == {"Fumio Kishida"}
    assert canon("b", "Baerbock") == {"Annalena Baerbock"}
    assert canon("c", "Baerbock") == {"Baerbock"}


def test_tables_are_consistent(example_corpus, example_ann):
    texts = example_corpus.docs.set_index("doc_id")["text"]
    for row in example_ann.sentences.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text
    tok = example_ann.tokens
    for doc_id, group in tok.groupby("doc_id"):
        assert group["token_id"].tolist() == list(range(len(group)))
    assert list(tok.columns) == model.TOKEN_COLUMNS
    the = tok[tok["lower"] == "the"]
    assert the["is_stop"].all() and the["is_alpha"].all()
    assert not tok.loc[tok["text"] == ",", "is_alpha"].any()
    # character offsets: the text under each token is the token (the tokenizer writes
    # straight double quotes as `` and '', and curly apostrophes are read as straight)
    for row in tok.itertuples():
        under = texts[row.doc_id][row.start:row.end].replace("\u2019", "'")
        assert under == row.text or (row.text in ("``", "''") and under == '"'), row
    ents = example_ann.entities
    joined = [" ".join(tok[(tok.doc_id == e.doc_id) & (tok.token_id >= e.start_token)
                           & (tok.token_id < e.end_token)]["text"]) for e in ents.head(15).itertuples()]
    assert joined == ents.head(15)["text"].tolist()
    pd.testing.assert_frame_equal(example_ann.docs, example_corpus.docs)


def test_us_the_country_is_not_the_pronoun(tmp_path):
    text = ("The U.S. and the US sent aid, and so did the USA.\nLet us wait for them.\n"
            "JOIN US ON TELEGRAM NOW\nTalks with the U.K. and the UK resumed.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(pd.DataFrame({"doc_id": ["a"], "text": [text]}), n_jobs=1,
                       progress=False, cache_dir=tmp_path)
    tok = ann.tokens
    us = tok[tok["lower"].isin(["u.s.", "us"])]
    # U.S., US, USA: the country; "us" and the all-capitals "JOIN US ON TELEGRAM": the pronoun
    assert us["text"].tolist() == ["U.S.", "US", "USA", "us", "US"]
    assert us["lower"].tolist() == ["u.s.", "u.s.", "u.s.", "us", "us"]
    assert us["is_alpha"].all() and not us["is_stop"].iloc[:3].any()
    uk = tok[tok["text"].isin(["U.K.", "UK"])]
    assert uk["lower"].tolist() == ["uk", "uk"] and uk["is_alpha"].all()


def _synthetic_docs(n: int, seed: int = 7) -> pd.DataFrame:
    paragraphs = []
    for path in sorted(config.RAW_DIR.glob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 60]
    rng = random.Random(seed)
    return pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(n)],
                         "text": ["\n".join(rng.sample(paragraphs, 3)) for _ in range(n)]})


def test_parallel_equals_serial(tmp_path):
    docs = _synthetic_docs(engine.CHUNK_DOCS * 2 + 5)  # three chunks: the pool is used
    serial = quiet_annotate(docs, n_jobs=1, cache_dir=tmp_path / "a")
    parallel = quiet_annotate(docs, n_jobs=2, cache_dir=tmp_path / "b")
    for name in ("sentences", "tokens", "entities"):
        pd.testing.assert_frame_equal(getattr(serial, name), getattr(parallel, name))


def test_cache_hit_incremental_and_invalidation(tmp_path):
    docs = _synthetic_docs(10)
    first = quiet_annotate(docs, n_jobs=1, cache_dir=tmp_path)
    assert (first.cache["from_cache"], first.cache["computed"]) == (0, 10)
    again = quiet_annotate(docs, n_jobs=1, cache_dir=tmp_path)
    assert (again.cache["from_cache"], again.cache["computed"]) == (10, 0)
    pd.testing.assert_frame_equal(first.tokens, again.tokens)
    more = pd.concat([docs, _synthetic_docs(13, seed=8).tail(3).assign(
        doc_id=["n1", "n2", "n3"])], ignore_index=True)
    grown = quiet_annotate(more, n_jobs=1, cache_dir=tmp_path)
    assert (grown.cache["from_cache"], grown.cache["computed"]) == (10, 3)  # only new docs
    changed = docs.copy()
    changed.loc[0, "text"] = "A completely new text about Kyiv."
    redo = quiet_annotate(changed, n_jobs=1, cache_dir=tmp_path)
    assert (redo.cache["from_cache"], redo.cache["computed"]) == (9, 1)
    assert set(redo.tokens.loc[redo.tokens.doc_id == "d000", "text"]) >= {"Kyiv", "completely"}


def test_final_result_is_cached_and_keyed_by_lexicons(tmp_path, monkeypatch):
    docs = _synthetic_docs(4)
    first = quiet_annotate(docs, n_jobs=1, cache_dir=tmp_path)
    finals = list(tmp_path.rglob("final/*.json"))
    assert len(finals) == 1
    again = quiet_annotate(docs, n_jobs=1, cache_dir=tmp_path)
    for name in ("sentences", "tokens", "entities"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(again, name))
    extra = tmp_path / "stop.txt"
    extra.write_text("russia\n", encoding="utf-8")
    monkeypatch.setattr(config, "STOPWORDS_EXTRA_FILE", extra)
    changed = quiet_annotate(docs, n_jobs=1, cache_dir=tmp_path)
    assert len(list(tmp_path.rglob("final/*.json"))) == 2 and changed.cache["computed"] == 0
    russia = changed.tokens["lower"] == "russia"
    assert russia.any() and changed.tokens.loc[russia, "is_stop"].all()
    assert not first.tokens.loc[first.tokens["lower"] == "russia", "is_stop"].any()


def test_settings_change_recomputes(tmp_path, monkeypatch):
    docs = _synthetic_docs(3)
    quiet_annotate(docs, n_jobs=1, cache_dir=tmp_path)
    # editing the engine's code changes the key: the source hash stands for that edit
    real = annotation.source_hash
    monkeypatch.setattr(annotation, "source_hash",
                        lambda *names: real(*names) + ("x" if "engine" in names else ""))
    assert quiet_annotate(docs, n_jobs=1, cache_dir=tmp_path).cache["computed"] == 3


def test_corrupt_cache_is_reported_and_rebuilt(tmp_path):
    docs = _synthetic_docs(5)
    good = quiet_annotate(docs, n_jobs=1, cache_dir=tmp_path)
    for victim in tmp_path.rglob("*.tokens.parquet"):  # per-document chunks and final result
        victim.write_bytes(victim.read_bytes()[:100])  # truncated
    with pytest.warns(UserWarning, match="corrupt"):
        rebuilt = annotate(docs, n_jobs=1, cache_dir=tmp_path, progress=False)
    assert rebuilt.cache["computed"] == 5
    pd.testing.assert_frame_equal(good.tokens, rebuilt.tokens)
    assert not list(tmp_path.rglob("*.tmp"))


def test_alias_table_edits_apply_without_reannotating(tmp_path, monkeypatch):
    docs = pd.DataFrame({"doc_id": ["x"], "text": ["Officials in Kiev and Tokyo met."]})
    before = quiet_annotate(docs, n_jobs=1, cache_dir=tmp_path)
    aliases = tmp_path / "aliases.csv"
    shutil.copy(config.ALIASES_FILE, aliases)
    with open(aliases, "a", encoding="utf-8") as fh:
        fh.write("Tokyo,Tokyo Metropolis,GPE\n")
    monkeypatch.setattr(config, "ALIASES_FILE", aliases)
    after = quiet_annotate(docs, n_jobs=1, cache_dir=tmp_path)
    assert after.cache["computed"] == 0
    assert "Tokyo Metropolis" in set(after.entities["canonical"])
    assert "Tokyo Metropolis" not in set(before.entities["canonical"])


def test_input_not_modified(example_corpus):
    docs = example_corpus.docs.copy()
    quiet_annotate(docs, n_jobs=1)
    pd.testing.assert_frame_equal(docs, example_corpus.docs)


@pytest.mark.parametrize("kwargs, message", [
    ({"engine": "stanza"}, r"engine must be one of \['nltk', 'spacy'\]"),
    ({"n_jobs": 0}, r"n_jobs must be an integer >= 1 or None"),
    ({"engine": "spacy", "spacy_model": "xx_no_such_model"}, "install"),
])
def test_bad_arguments(example_corpus, kwargs, message):
    with pytest.raises(ValueError, match=message):
        annotate(example_corpus.docs, progress=False, **kwargs)


def test_bad_docs():
    with pytest.raises(ValueError, match="lacks column"):
        annotate(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(ValueError, match="must be unique"):
        annotate(pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]}))


def test_spacy_engine_with_a_pipeline_given_by_path(tmp_path):
    """Any installed spaCy pipeline works: here a rule-based one saved to disk, loaded by path."""
    spacy = pytest.importorskip("spacy", reason="the spacy extra is not installed")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": [{"TEXT": "Fumio"}, {"TEXT": "Kishida"}]},
                        {"label": "GPE", "pattern": "Kiev"}, {"label": "ORG", "pattern": "NATO"}])
    nlp.to_disk(tmp_path / "pipeline")
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Fumio Kishida spoke about Kiev and NATO. "
                                                    "Kishida said more."]})
    ann = quiet_annotate(docs, engine="spacy", spacy_model=str(tmp_path / "pipeline"),
                         n_jobs=1, cache_dir=tmp_path / "cache")
    ents = ann.entities
    # spans are on NLTK's tokens: "Fumio Kishida" is tokens 0-1, "Kiev" token 4, "NATO" token 6
    assert ents[["start_token", "end_token", "label", "canonical"]].values.tolist() == [
        [0, 2, "PERSON", "Fumio Kishida"], [4, 5, "GPE", "Kyiv"], [6, 7, "ORG", "NATO"]]
    assert ann.engine == "spacy"
