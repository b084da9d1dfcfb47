"""Scoring harness of the quote-attribution benchmark (``benchmarks/quote_scoring.py``).

Hand-made examples with figures worked out by hand, then (when ../shared is present)
the real gold sets (tuning and held-out): every checksum verifies and the aligned gold,
fed back as predictions, scores 1. Nothing here needs ``analysis.quotes``.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis import config

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import quote_scoring as qs  # noqa: E402

DOC = "x" * 300  # letters only: trimming changes nothing
TEXTS = {"d": DOC}


def spans(rows, kind="direct", speaker="", speaker_type="named", source="Outlet", doc="d"):
    """A quotes-like frame from (start, end) pairs."""
    return pd.DataFrame({
        "doc_id": doc, "source": source, "kind": kind, "start": [s for s, _ in rows],
        "end": [e for _, e in rows], "speaker": speaker, "speaker_type": speaker_type})


# --- span matching ----------------------------------------------------------------------

def test_three_gold_four_predictions():
    gold = spans([(0, 100), (150, 200), (250, 300)])
    # IoU: 90/100 = 0.9 (match), 30/50 = 0.6 (match), 10/50 = 0.2 (no), 0 (no)
    pred = spans([(0, 90), (150, 180), (260, 270), (100, 140)])
    m = qs.match_spans(pred, gold, texts=TEXTS)
    assert sorted(zip(m["pred"], m["gold"])) == [(0, 0), (1, 1)]
    assert m["overlap"].round(6).tolist() == [0.9, 0.6]
    assert not m["exact"].any()
    r = qs.score(pred, gold, texts=TEXTS)["all"]
    assert (r["n_pred"], r["n_gold"], r["matched"]) == (4, 3, 2)
    assert r["precision"] == pytest.approx(0.5)
    assert r["recall"] == pytest.approx(2 / 3)
    assert r["f1"] == pytest.approx(4 / 7)  # 2 * 1/2 * 2/3 / (1/2 + 2/3)
    assert r["exact"] == 0 and r["exact_f1"] == 0


def test_overlap_threshold_is_inclusive():
    gold = spans([(0, 100)])
    assert len(qs.match_spans(spans([(0, 50)]), gold, texts=TEXTS)) == 1  # IoU 0.5
    assert len(qs.match_spans(spans([(0, 49)]), gold, texts=TEXTS)) == 0  # IoU 0.49
    assert len(qs.match_spans(spans([(0, 49)]), gold, 0.4, texts=TEXTS)) == 1
    assert len(qs.match_spans(spans([(150, 200)]), gold, texts=TEXTS)) == 0  # other place
    assert len(qs.match_spans(spans([(0, 100)], doc="e"), gold, texts=TEXTS)) == 0  # other doc


def test_greedy_one_to_one_by_highest_overlap():
    gold = spans([(0, 100), (100, 200)])
    # pred 0 overlaps gold 0 by 0.6 and nothing else; pred 1 overlaps gold 0 by 0.9
    pred = spans([(40, 100), (0, 90), (110, 200)])
    m = qs.match_spans(pred, gold, texts=TEXTS)
    assert sorted(zip(m["pred"], m["gold"])) == [(1, 0), (2, 1)]  # pred 0 loses gold 0
    r = qs.score(pred, gold, texts=TEXTS)["all"]
    assert (r["matched"], r["precision"], r["recall"]) == (2, pytest.approx(2 / 3), 1.0)


def test_trimming_quote_marks_and_punctuation_makes_exact():
    text = 'He said: “Russia will pay,” and left.'
    a = text.index("“")
    b = text.index("”") + 1
    inner = text.index("R"), text.index(",")
    assert qs.trim_range(text[a:b], a, b) == inner
    gold = pd.DataFrame({"doc_id": ["t"], "kind": ["direct"], "start": [a + 1],
                         "end": [b - 1], "text": [text[a + 1:b - 1]]})
    pred = pd.DataFrame({"doc_id": ["t"], "kind": ["direct"], "start": [a - 1], "end": [b],
                         "text": [text[a - 1:b]]})
    m = qs.match_spans(pred, gold)  # spans read from the text columns
    assert m["exact"].tolist() == [True] and m["overlap"].tolist() == [1.0]
    assert qs.match_spans(pred, gold, texts={"t": text})["exact"].tolist() == [True]
    assert qs.trim_range(' “,” ', 0, 5) == (0, 5)  # nothing left: the range is kept


def test_exact_counts_among_matches():
    gold = spans([(0, 100), (150, 200)])
    pred = spans([(0, 100), (150, 190)])
    r = qs.score(pred, gold, texts=TEXTS)["all"]
    assert (r["matched"], r["exact"]) == (2, 1)
    assert r["f1"] == 1.0
    assert r["exact_precision"] == r["exact_recall"] == r["exact_f1"] == pytest.approx(0.5)


def test_nested_direct_inside_indirect():
    # an indirect "mixed" clause [0, 100) with a direct fragment nested in it [60, 90)
    # (IoU 30/100 = 0.3 with the clause)
    gold = pd.concat([spans([(0, 100)], kind="indirect"), spans([(60, 90)], kind="direct"),
                      spans([(200, 250)], kind="direct")], ignore_index=True)
    units = qs.nesting_units(gold)
    assert units[0] == units[1] != units[2]

    # only the outer clause predicted (plus the other quote): no false positive,
    # recall counted over the 3 gold rows -> 2/3; as units, 2/2
    pred = pd.concat([spans([(0, 100)], kind="indirect"), spans([(200, 250)])],
                     ignore_index=True)
    r = qs.score(pred, gold, texts=TEXTS)
    assert (r["all"]["precision"], r["all"]["recall"]) == (1.0, pytest.approx(2 / 3))
    assert r["all"]["f1"] == pytest.approx(0.8)
    assert (r["all_units"]["n_gold"], r["all_units"]["matched"]) == (2, 2)
    assert r["all_units"]["f1"] == 1.0
    assert (r["indirect"]["precision"], r["indirect"]["recall"]) == (1.0, 1.0)
    assert (r["direct"]["precision"], r["direct"]["recall"]) == (1.0, 0.5)

    # only the nested fragment predicted, with the wrong kind: still no false positive in
    # "all" (kind ignored); per kind it counts against "indirect" on both sides
    pred = pd.concat([spans([(60, 90)], kind="indirect"), spans([(200, 250)])],
                     ignore_index=True)
    r = qs.score(pred, gold, texts=TEXTS)
    assert (r["all"]["precision"], r["all"]["recall"]) == (1.0, pytest.approx(2 / 3))
    assert (r["indirect"]["precision"], r["indirect"]["recall"]) == (0.0, 0.0)

    # both predicted: everything 1
    pred = pd.concat([spans([(0, 100)], kind="indirect"), spans([(60, 90), (200, 250)])],
                     ignore_index=True)
    r = qs.score(pred, gold, texts=TEXTS)
    for block in ("all", "all_units", "direct", "indirect"):
        assert r[block]["f1"] == 1.0 and r[block]["exact_f1"] == 1.0, block


def test_nested_fragment_overlapping_its_clause_by_half():
    # the direct fragment [50, 100) overlaps the clause [0, 100) by 0.5: a prediction of the
    # fragment alone may match either gold row, and is a true positive either way
    gold = pd.concat([spans([(0, 100)], kind="indirect"), spans([(50, 100)], kind="direct")],
                     ignore_index=True)
    r = qs.score(spans([(50, 100)]), gold, texts=TEXTS)
    assert (r["all"]["precision"], r["all"]["recall"], r["all_units"]["recall"]) == (1.0, 0.5, 1.0)
    both = pd.concat([spans([(0, 100)], kind="indirect"), spans([(50, 100)])], ignore_index=True)
    m = qs.match_spans(both, gold, texts=TEXTS)
    assert sorted(zip(m["pred"], m["gold"])) == [(0, 0), (1, 1)]  # the exact pairs first


def test_unaligned_gold_and_other_documents_are_not_scored():
    gold = spans([(0, 100), (150, 200)]).assign(aligned=[True, False])
    pred = pd.concat([spans([(0, 100)]), spans([(0, 50)], doc="no-gold")], ignore_index=True)
    r = qs.score(pred, gold, texts=TEXTS)
    assert (r["n_gold_rows"], r["all"]["n_pred"], r["all"]["f1"]) == (1, 1, 1.0)


def test_per_outlet_recall():
    gold = pd.concat([spans([(0, 100), (150, 200)], source="A"),
                      spans([(0, 100)], source="B", doc="e")], ignore_index=True)
    pred = spans([(0, 100)])
    r = qs.score(pred, gold, texts={"d": DOC, "e": DOC})["by_source"]
    assert r == {"A": {"n_gold": 2, "matched": 1, "recall": 0.5},
                 "B": {"n_gold": 1, "matched": 0, "recall": 0.0}}


# --- the Gender Gap Tracker's way -------------------------------------------------------

def test_coverage_is_the_share_of_the_gold_span():
    assert qs.coverage((0, 100), (0, 30)) == pytest.approx(0.3)
    assert qs.coverage((0, 100), (0, 200)) == 1.0  # longer prediction: nothing lost (IoU 0.5)
    assert qs.coverage((0, 50), (0, 100)) == 1.0 and qs.coverage((0, 100), (0, 50)) == 0.5
    assert qs.coverage((0, 100), (100, 150)) == 0.0
    assert qs.coverage((10, 10), (0, 100)) == 0.0  # empty gold range


def ggt_example():
    """Gold G0 [0,100) G1 [150,200) G2 [250,300); predictions P0 [0,35) (covers 0.35 of
    G0), P1 [140,300) (covers all of G1 and all of G2), P2 [260,300) (0.8 of G2),
    P3 [100,140) (covers nothing)."""
    gold = spans([(0, 100), (150, 200), (250, 300)]).assign(
        speaker=["Volodymyr Zelenskyy", "Vladimir Putin", ""],
        speaker_type=["named", "named", "none"])
    pred = spans([(0, 35), (140, 300), (260, 300), (100, 140)]).assign(
        speaker=["Zelensky", "Dmitry Peskov", "Biden", "Putin"])
    return pred, gold


def test_ggt_matching_at_0_3():
    pred, gold = ggt_example()
    m = qs.ggt_match_spans(pred, gold, 0.3, texts=TEXTS)
    # G0 takes P0 (0.35); G1 takes P1 (1.0); P1 is gone, so G2 takes P2 (0.8)
    assert list(zip(m["gold"], m["pred"])) == [(0, 0), (1, 1), (2, 2)]
    assert m["overlap"].round(6).tolist() == [0.35, 1.0, 0.8]
    r = qs.ggt_score(pred, gold, threshold=0.3, texts=TEXTS)
    # TP 3, FP 1 (P3), FN 0: P 3/4, R 1, F1 2 * 3/4 / (7/4) = 6/7
    assert (r["all"]["matched"], r["all"]["n_pred"], r["all"]["n_gold"]) == (3, 4, 3)
    assert r["all"]["precision"] == pytest.approx(0.75) and r["all"]["recall"] == 1.0
    assert r["all"]["f1"] == pytest.approx(6 / 7)
    # speakers: G0 right (Zelensky), G1 wrong (Peskov), G2 has no gold speaker: 1 of 2
    assert r["speaker"] == {"pairs": 2, "correct": 1, "accuracy": 0.5}


def test_ggt_matching_at_0_8():
    pred, gold = ggt_example()
    r = qs.ggt_score(pred, gold, threshold=0.8, texts=TEXTS)
    # G0 unmatched (0.35 < 0.8); G1 - P1 (1.0); G2 - P2 (0.8, inclusive):
    # TP 2 of 4 predictions and 3 gold: P 1/2, R 2/3, F1 2 * 1/3 / (7/6) = 4/7
    assert sorted(zip(r["matches"]["gold"], r["matches"]["pred"])) == [(1, 1), (2, 2)]
    assert (r["all"]["precision"], r["all"]["recall"]) == (0.5, pytest.approx(2 / 3))
    assert r["all"]["f1"] == pytest.approx(4 / 7)
    assert r["speaker"] == {"pairs": 1, "correct": 0, "accuracy": 0.0}
    # with intersection over union >= 0.5 only P2 - G2 (40/50) matches: P1 - G1 is 50/160
    assert qs.score(pred, gold, texts=TEXTS)["all"]["matched"] == 1


def test_ggt_threshold_inclusive_unless_strict():
    gold = spans([(0, 100)])
    pred = spans([(70, 130)])  # covers 30 of the 100 gold characters: exactly 0.3
    assert len(qs.ggt_match_spans(pred, gold, 0.3, texts=TEXTS)) == 1
    assert len(qs.ggt_match_spans(pred, gold, 0.3, texts=TEXTS, strict=True)) == 0
    assert len(qs.ggt_match_spans(spans([(69, 130)]), gold, 0.3, texts=TEXTS,
                                  strict=True)) == 1  # 0.31
    assert len(qs.ggt_match_spans(pred, gold, 0.8, texts=TEXTS)) == 0
    assert len(qs.ggt_match_spans(pred.assign(doc_id="e"), gold, 0.3,
                                  texts={"d": DOC, "e": DOC})) == 0  # other document


def test_ggt_ties_go_to_the_earlier_prediction_and_each_is_used_once():
    gold = spans([(0, 100), (0, 100)])
    pred = spans([(50, 100), (0, 50)])  # both cover 0.5 of either gold row
    m = qs.ggt_match_spans(pred, gold, 0.3, texts=TEXTS)
    assert list(zip(m["gold"], m["pred"])) == [(0, 0), (1, 1)]


def test_ggt_nested_gold_and_kinds():
    # an indirect clause [0, 100) with a direct fragment [60, 90) nested in it
    gold = pd.concat([spans([(0, 100)], kind="indirect"), spans([(60, 90)], kind="direct")],
                     ignore_index=True)
    # one prediction of the clause: it covers both rows, but the clause (first) takes it
    r = qs.ggt_score(spans([(0, 100)], kind="indirect"), gold, threshold=0.8, texts=TEXTS)
    assert (r["all"]["precision"], r["all"]["recall"]) == (1.0, 0.5)
    assert (r["indirect"]["f1"], r["direct"]["recall"]) == (1.0, 0.0)
    # both predicted: the clause takes its own prediction (coverage 1.0; the fragment's
    # prediction covers only 0.3 of the clause), the fragment the other one
    both = pd.concat([spans([(0, 100)], kind="indirect"), spans([(60, 90)])],
                     ignore_index=True)
    r = qs.ggt_score(both, gold, threshold=0.8, texts=TEXTS)
    assert sorted(zip(r["matches"]["gold"], r["matches"]["pred"])) == [(0, 0), (1, 1)]
    for block in ("all", "direct", "indirect"):
        assert r[block]["f1"] == 1.0, block
    # a prediction of the wrong kind counts in "all" only
    r = qs.ggt_score(spans([(0, 100)]), gold.iloc[:1], threshold=0.3, texts=TEXTS)
    assert (r["all"]["f1"], r["direct"]["precision"], r["indirect"]["recall"]) == (1.0, 0, 0)


def test_ggt_trims_like_the_rest():
    text = 'He said: “Russia will pay,” and left.'
    a, b = text.index("“"), text.index("”") + 1
    gold = pd.DataFrame({"doc_id": ["t"], "kind": ["direct"], "start": [a + 1], "end": [b - 1]})
    pred = pd.DataFrame({"doc_id": ["t"], "kind": ["direct"], "start": [a], "end": [b]})
    m = qs.ggt_match_spans(pred, gold, 0.8, texts={"t": text})
    assert m["overlap"].tolist() == [1.0] and m["exact"].tolist() == [True]


# --- speakers ---------------------------------------------------------------------------

@pytest.mark.parametrize("pred, gold", [
    ("Zelensky", "Volodymyr Zelenskyy"),          # single surname vs full name, translit
    ("Zelenskiy", "Volodymyr Zelensky"),
    ("Vladimir Zelensky", "Volodymyr Zelensky"),  # both multi-word, same surname
    ("Sergei Lavrov", "Sergey Lavrov"),
    ("the Kremlin", "Kremlin"),
    ("THE   kremlin ", "The Kremlin"),
    ("officials", "Officials"),
    ("the U.S. embassy", "US Embassy"),
    ("Jean-Pierre", "Karine Jean-Pierre"),
])
def test_same_speaker(pred, gold):
    assert qs.same_speaker(pred, gold)
    assert qs.same_speaker(gold, pred)


@pytest.mark.parametrize("pred, gold", [
    ("Putin", "Volodymyr Zelensky"),
    ("", "Vladimir Putin"),
    (None, "Vladimir Putin"),
    ("Vladimir Putin", ""),
    ("officials", "Ukrainian officials"),         # common noun: no surname rule
    ("the embassy", "the US embassy"),
    ("Zelensky's office", "Volodymyr Zelensky"),
    ("Britain", "Russia"),
])
def test_different_speaker(pred, gold):
    assert not qs.same_speaker(pred, gold)


def test_normalize_speaker():
    assert qs.normalize_speaker("  The   Kremlin ") == "kremlin"
    assert qs.normalize_speaker("Theresa May") == "theresa may"  # "the" only as a word
    assert qs.normalize_speaker(float("nan")) == ""
    assert qs.speaker_key("Volodymyr Zelenskyy") == qs.speaker_key("volodymyr  zelenskiy")


def test_speaker_accuracy():
    gold = pd.DataFrame({
        "doc_id": "d", "source": "A", "kind": "direct",
        "start": [0, 50, 100, 150, 200, 250], "end": [40, 90, 140, 190, 240, 290],
        "speaker": ["Volodymyr Zelenskyy", "Vladimir Putin", "officials", "the Kremlin",
                    "", "Liz Truss"],
        "speaker_type": ["named", "pronoun_resolved", "anonymous", "group", "none",
                         "named"]})
    pred = pd.DataFrame({
        "doc_id": "d", "kind": "direct",
        "start": [0, 50, 100, 150, 200], "end": [40, 90, 140, 190, 240],  # Truss missed
        "speaker": ["Zelensky", "Dmitry Peskov", "Ukrainian officials", "Kremlin", "Biden"]})
    sp = qs.score(pred, gold, texts=TEXTS)["speaker"]
    # 5 matched pairs, one with an empty gold speaker: 4 attributed, 2 right
    assert (sp["pairs"], sp["correct"], sp["accuracy"]) == (4, 2, 0.5)
    assert sp["by_type"]["named"] == {"pairs": 1, "correct": 1, "accuracy": 1.0}
    assert sp["by_type"]["pronoun_resolved"] == {"pairs": 1, "correct": 0, "accuracy": 0.0}
    assert sp["by_type"]["anonymous"] == {"pairs": 1, "correct": 0, "accuracy": 0.0}
    assert sp["by_type"]["group"] == {"pairs": 1, "correct": 1, "accuracy": 1.0}
    assert sp["by_type"]["none"]["pairs"] == 0


# --- gold alignment ---------------------------------------------------------------------

RAW = ('  LONDON -- The minister said Russia\u00b4s army  was "losing ground".Caption: '
       'Smoke rises, an official said. It went on. Caption: Smoke rises, an official said. '
       'READ MORE: Boilerplate headline says something')
CLEAN = ('The minister said Russia’s army was “losing ground”. Caption: Smoke rises, '
         'an official said. It went on.')


def gold_rows(raw, parts):
    rows = []
    for text, occurrence in parts:
        start = -1
        for _ in range(occurrence):
            start = raw.index(text, start + 1)
        rows.append({"url": "u", "source": "S", "kind": "indirect", "start": start,
                     "end": start + len(text), "checksum": qs.checksum(text),
                     "speaker": "x", "speaker_type": "named", "cue": "said",
                     "paragraph_note": ""})
    return pd.DataFrame(rows, columns=qs.GOLD_COLUMNS)


def test_align_gold():
    gold = gold_rows(RAW, [('Russia\u00b4s army  was "losing ground"', 1),
                           ("Smoke rises", 1), ("Smoke rises", 2),
                           ("Boilerplate headline", 1), ("losing ground", 1)])
    clean = pd.DataFrame({"doc_id": ["D"], "url": ["u"], "text": [CLEAN]})
    out = qs.align_gold(gold, {"u": RAW}, clean)
    assert out["aligned"].tolist() == [True, True, False, False, True]
    assert out["doc_id"].tolist() == ["D"] * 5
    assert out.loc[0, "text"] == "Russia’s army was “losing ground”"
    assert out.loc[4, "text"] == "losing ground"
    assert out.loc[1, "text"] == "Smoke rises"  # the first copy, the one cleaning kept
    for _, r in out[out["aligned"]].iterrows():
        assert CLEAN[r["start"]:r["end"]] == r["text"]
    assert (out.loc[~out["aligned"], ["start", "end"]] == -1).all().all()
    assert "copy removed" in out.loc[2, "align_note"]
    assert "not in the cleaned" in out.loc[3, "align_note"]
    assert out["raw_start"].tolist() == gold["start"].tolist()


def test_align_gold_repeats_by_order_and_missing_document():
    raw = "A said it would rain. B said it would rain. C said it would rain."
    gold = gold_rows(raw, [("it would rain", 2), ("it would rain", 3)])
    clean = pd.DataFrame({"doc_id": ["D"], "url": ["u"], "text": [raw]})
    out = qs.align_gold(gold, {"u": raw}, clean)
    assert out["start"].tolist() == gold["start"].tolist()
    none = qs.align_gold(gold, {"u": raw}, clean.assign(url="other"))
    assert not none["aligned"].any() and (none["doc_id"] == "").all()


def test_align_gold_rejects_a_stale_row():
    gold = gold_rows(RAW, [("Smoke rises", 1), ("It went on", 1)])
    gold.loc[1, "checksum"] = "0000000000"
    clean = pd.DataFrame({"doc_id": ["D"], "url": ["u"], "text": [CLEAN]})
    with pytest.raises(qs.GoldChecksumError, match=r"(?s)^1 gold row.*row 1: checksum"):
        qs.align_gold(gold, {"u": RAW}, clean)
    with pytest.raises(qs.GoldChecksumError, match="url not in the corpus"):
        qs.align_gold(gold.iloc[:1], {}, clean)


# --- the real gold sets -----------------------------------------------------------------

REAL_SETS = [
    pytest.param("GOLD", config.SHARED_SAMPLE, 438, id="tuning"),
    pytest.param("DEV", config.SHARED_CORPUS, 556, id="dev"),
    pytest.param("DEV2", config.SHARED_CORPUS, 462, id="dev2"),
    pytest.param("HELDOUT", config.SHARED_CORPUS, 454, id="heldout"),
]


@pytest.mark.corpus
@pytest.mark.parametrize("which, corpus_path, n_rows", REAL_SETS)
def test_real_gold_verifies_and_scores_itself(which, corpus_path, n_rows, tmp_path):
    if not corpus_path.exists():
        pytest.skip(f"shared corpus absent ({corpus_path})")
    import bench_quotes

    gold = bench_quotes.read_gold(getattr(bench_quotes, which))
    assert len(gold) == n_rows
    table = bench_quotes.read_table(corpus_path)
    raw = dict(zip(table["url"], table["text"]))
    qs.verify_checksums(gold, raw)  # every row
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, corpus = bench_quotes.load_gold_articles(table, set(gold["url"]), tmp_path)
    aligned = qs.align_gold(gold, raw, corpus.docs)
    ok = aligned[aligned["aligned"]]
    assert len(ok) >= 0.95 * len(gold)
    texts = dict(zip(corpus.docs["doc_id"], corpus.docs["text"]))
    for _, r in ok.iterrows():  # the cleaned span is the raw span up to spaces and marks
        assert texts[r["doc_id"]][r["start"]:r["end"]] == r["text"]
        assert qs._folded(r["text"])[0] == qs._folded(raw[r["url"]][r["raw_start"]:r["raw_end"]])[0]

    pred = ok[["doc_id", "source", "kind", "start", "end", "speaker", "text"]]
    result = qs.score(pred.reset_index(drop=True), aligned, texts=texts)
    for block in ("all", "all_units", "direct", "indirect"):
        assert result[block]["f1"] == 1.0, block
        assert result[block]["exact_f1"] == 1.0, block
    assert result["speaker"]["accuracy"] == 1.0
    assert result["speaker"]["pairs"] == int((ok["speaker"] != "").sum())
    assert all(b["recall"] == 1.0 for b in result["by_source"].values())
    for t in qs.GGT_THRESHOLDS:
        ggt = qs.ggt_score(pred.reset_index(drop=True), aligned, threshold=t, texts=texts)
        assert [ggt[b]["f1"] for b in ("all", "direct", "indirect")] == [1.0] * 3, t
        assert ggt["speaker"]["accuracy"] == 1.0
