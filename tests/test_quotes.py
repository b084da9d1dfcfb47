"""Quotes and their speakers (analysis.quotation), on short articles written for each case."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from quote_articles import annotate_articles

from analysis import annotate, quotes
from analysis.model import Annotations
from analysis.quotation import QUOTE_COLUMNS, quote_spans


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    return annotate_articles(tmp_path_factory.mktemp("q"))


def rows(found, doc_id):
    q = found[1]
    return [(r.kind, r.speaker, r.speaker_label, r.cue, r.text)
            for r in q[q["doc_id"] == doc_id].itertuples()]


def test_columns_and_offsets(found):
    ann, q = found
    assert list(q.columns) == QUOTE_COLUMNS
    text = dict(zip(ann.docs["doc_id"], ann.docs["text"]))
    assert all(text[d][s:e] == t for d, s, e, t in zip(q["doc_id"], q["start"], q["end"],
                                                       q["text"]))


def test_quote_before_the_cue(found):
    assert rows(found, "before")[1] == ("direct", "Dmitry Peskov", "PERSON", "said",
                                        "We have no plans to invade Ukraine,")


def test_quote_after_the_cue(found):
    assert rows(found, "after") == [("direct", "Volodymyr Zelensky", "PERSON", "said",
                                     "We will defend every meter of our land.")]


def test_cue_inside_the_quote_gives_two_rows(found):
    assert rows(found, "inside") == [
        ("direct", "Sergey Lavrov", "PERSON", "said", "We are ready to talk to everyone,"),
        ("direct", "Sergey Lavrov", "PERSON", "said", "but not under threats from the West.")]


def test_pronoun_is_the_person_named_before(found):
    assert rows(found, "pronoun")[0][:3] == ("direct", "Ursula von der Leyen", "PERSON")


def test_quote_spanning_paragraphs(found):
    """An opening mark without a closing one runs to its paragraph's end; the next continues."""
    got = rows(found, "spanning")
    assert got == [
        ("direct", "Boris Johnson", "PERSON", "said", "The situation in the east is very difficult."),
        ("direct", "Boris Johnson", "PERSON", "added", "But we will keep sending help to Ukraine,")]


def test_according_to_before_and_after(found):
    assert rows(found, "according") == [
        ("indirect", "the embassy", "DESCRIPTION", "according to",
         "the ambassador was summoned on Monday morning"),
        ("indirect", "Ukrainian officials", "ANONYMOUS", "according to",
         "Russian troops have withdrawn from the city")]


def test_indirect_quotes_and_unnamed_sources(found):
    assert rows(found, "indirect") == [
        ("indirect", "Dmitry Peskov", "PERSON", "told", "the talks had stalled again in Istanbul"),
        ("indirect", "a senior official", "ANONYMOUS", "said", "The talks will resume next week")]
    assert rows(found, "before")[0][:3] == ("indirect", "officials in Moscow", "ANONYMOUS")


def test_text_without_quotes(found):
    assert rows(found, "none") == []


def test_unbalanced_marks(found):
    """An unclosed quote ends with its paragraph; a stray closing mark starts nothing."""
    assert rows(found, "unbalanced") == [("direct", "Antony Blinken", "PERSON", "said",
                                          "This is where the road ends for all of us.")]


@pytest.mark.parametrize("text, spans", [
    ('He said: “We will not leave.” Then "we go," she said.', [(10, 28, True), (36, 42, True)]),
    ("‘We stay here for now,’ she said of the officials’ plan.", [(1, 22, True)]),
    ('“One. “Two', [(1, 5, False), (7, 10, False)]),  # a new opening mark ends the last quote
    ("no marks at all", []),
])
def test_quote_spans(text, spans):
    assert quote_spans(text) == spans


def _big_annotations(megabytes: int) -> tuple[Annotations, int]:
    """A document of ``megabytes`` MB: plain paragraphs, one quote paragraph in fifty."""
    quote = 'Officials said: "We have no plans to invade anyone at all." The rest is calm.'
    plain = "The river rose overnight and farmers moved their cattle to higher ground."
    block = [quote] + [plain] * 49
    paras = block * (megabytes * 1_000_000 // len("\n\n".join(block)) + 1)
    text = "\n\n".join(paras)
    starts = np.cumsum([0] + [len(p) + 2 for p in paras[:-1]])
    sents = []
    for i, (p, s0) in enumerate(zip(paras, starts)):
        for m in re.finditer(r"[^.]+\.[\"”]?", p):
            sents.append((i, len(sents), s0 + m.start(), s0 + m.end()))
    sent = pd.DataFrame(sents, columns=["paragraph_id", "sent_id", "start", "end"])
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", quote)]
    q_starts = starts[::50]
    tok = pd.DataFrame({"start": (q_starts[:, None] + [w[0] for w in words]).ravel(),
                        "end": (q_starts[:, None] + [w[1] for w in words]).ravel()})
    tok = tok.assign(doc_id="big", token_id=np.arange(len(tok)), pos="NNS")
    ents = pd.DataFrame(columns=["doc_id", "paragraph_id", "sent_id", "start_token", "end_token",
                                 "text", "label", "canonical"])
    docs = pd.DataFrame({"doc_id": ["big"], "source": ["X"], "date": [pd.Timestamp("2022-01-01")],
                         "text": [text]})
    return Annotations(docs=docs, sentences=sent.assign(doc_id="big", text=""), tokens=tok,
                       entities=ents), len(q_starts)


def test_a_10_mb_document():
    ann, n_quotes = _big_annotations(10)
    assert len(ann.docs["text"].iloc[0]) >= 10_000_000
    q = quotes(ann)
    assert (q["kind"] == "direct").sum() == n_quotes
    assert set(q["speaker"]) == {"Officials"} and set(q["speaker_label"]) == {"ANONYMOUS"}


def test_a_spacy_parse_gives_the_subject_of_the_cue(tmp_path):
    """With engine="spacy" and a pipeline that parses, the cue's nsubj is the speaker.

    The words next to the cue name Biden last; the subject of "said" is Zelensky. A toy
    parser (the test cannot download a trained one) marks the sentence's first word as the
    subject of each "said": what is tested is that quotes() uses the parse.
    """
    spacy = pytest.importorskip("spacy", reason="the spacy extra is not installed")
    from spacy.language import Language

    @Language.component("toy_subject_parser")
    def toy_parser(doc):
        for cue in (t for t in doc if t.lower_ == "said"):
            for tok in doc:
                tok.head, tok.dep_ = cue, "dep"
            cue.head, cue.dep_ = cue, "ROOT"
            doc[0].dep_ = "nsubj"
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "PERSON", "pattern": "Zelensky"}, {"label": "PERSON", "pattern": "Biden"}])
    nlp.add_pipe("toy_subject_parser")
    nlp.to_disk(tmp_path / "pipeline")
    text = 'Zelensky standing next to Biden at the White House said: "We need more air defence now."'
    docs = pd.DataFrame({"doc_id": ["a"], "source": ["AP"], "date": pd.Timestamp("2022-12-21"),
                         "text": [text]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        by_rules = quotes(annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path / "c1"))
        parsed = quotes(annotate(docs, engine="spacy", spacy_model=str(tmp_path / "pipeline"),
                                 n_jobs=1, progress=False, cache_dir=tmp_path / "c2"))
    assert by_rules["speaker"].tolist() == ["Joe Biden"]  # the person named last before "said"
    assert parsed["speaker"].tolist() == ["Volodymyr Zelensky"]
    assert parsed["text"].tolist() == ["We need more air defence now."]
