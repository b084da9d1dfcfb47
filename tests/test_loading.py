"""load_corpus: shapes of input, metadata, bad input, and the found = loaded + skipped rule."""

from __future__ import annotations

import csv
import collections
import json

import pandas as pd
import pytest

from analysis import config, load_corpus
from analysis.loading import outlet_from_url
from analysis.readers import decode_bytes, parse_header
from conftest import SEED_000, SEED_001, doc_by_file


# ---------------------------------------------------------------- the two seeds
def test_seed_001_header_fields(example_corpus):
    doc = doc_by_file(example_corpus, SEED_001)
    assert doc["title"] == ("Russian Embassy in Japan says Tokyos position on Ukraines issue "
                            "counterproductive")
    assert doc["date"] == pd.Timestamp("2022-01-22")
    assert doc["url"] == "https://news.webindia123.com/news/Articles/World/20220122/3898053.html"
    assert doc["source"] == "WebIndia123"  # from the URL's domain
    assert doc["agency"] == "ANI, Sputnik"  # the "ANISputnik" credit


def test_seed_000_dateline_fields(example_corpus):
    doc = doc_by_file(example_corpus, SEED_000)
    assert doc["title"] == "" and doc["url"] == ""
    assert doc["date"] == pd.Timestamp("2022-02-18")  # "Moscow, 18 February 2022 (TDI):"
    assert doc["source"] == "TDI"  # the dateline's tag
    assert doc["agency"] == ""
    assert doc["text"].startswith("Telephonic conversation has been held")


def test_docs_columns_and_types(example_corpus):
    docs = example_corpus.docs
    assert list(docs.columns) == ["doc_id", "source", "date", "title", "url", "text", "agency",
                                  "raw_chars", "path"]
    assert str(docs["date"].dtype) == "datetime64[ns]"
    # characters, not bytes: seed 001 is ASCII (6,839 bytes); seed 000 has 2,795 bytes of UTF-8
    # with 3-byte curly quotes and 4-byte emoji, which `wc -m` counts as 2,757 characters
    assert docs["raw_chars"].tolist() == [2757, 6839]


def test_doc_id_is_stable():
    a = load_corpus(config.EXAMPLE_CORPUS, progress=False).docs["doc_id"].tolist()
    b = load_corpus(config.EXAMPLE_CORPUS, progress=False).docs["doc_id"].tolist()
    assert a == b and len(set(a)) == 2


def test_ledger_accounts_for_every_character(example_corpus):
    removed = example_corpus.cleaning.groupby("doc_id")["chars_removed"].sum()
    for _, doc in example_corpus.docs.iterrows():
        assert len(doc["text"]) == doc["raw_chars"] - removed.get(doc["doc_id"], 0)


# ---------------------------------------------------------------- shapes of input
def test_parse_header_variants():
    fields, body, n = parse_header("Title here\n2022-02-18\nhttps://www.rt.com/news/1/\nBody")
    assert fields == {"title": "Title here", "date": "2022-02-18", "url": "https://www.rt.com/news/1/"}
    assert body == "Body" and n == len("Title here\n2022-02-18\nhttps://www.rt.com/news/1/\n")
    assert parse_header("Just a body line.\nAnother line.")[0] == {}


def test_folder_with_every_kind_of_trouble(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owners in Kyiv said \x93no\x94.".encode("latin-1"))
    (tmp_path / "bom.txt").write_bytes("\ufeffA title\n20220301\nSome body text here.".encode("utf-8"))
    (tmp_path / "crlf.txt").write_bytes(b"First paragraph here.\r\nSecond paragraph here.\r\n")
    (tmp_path / "sub" / "nodate.txt").write_text("Nothing dated in this one.", encoding="utf-8")
    (tmp_path / "sub" / "dup.txt").write_text("Nothing dated in this one.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    corpus = load_corpus(tmp_path, progress=False)
    reasons = {p.split("/")[-1]: r for p, r in zip(corpus.skipped["path"], corpus.skipped["reason"])}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blob.txt"].startswith("binary file")
    assert reasons["notes.pdf"].startswith("unsupported file type '.pdf'")
    kept = {p.split("/")[-1]: t for p, t in zip(corpus.docs["path"], corpus.docs["text"])}
    # dup.txt and nodate.txt have the same text and source: the first found (dup.txt) is kept
    assert reasons["nodate.txt"] == f"duplicate of {corpus.docs.set_index('text').loc['Nothing dated in this one.', 'doc_id']}"
    assert kept["latin.txt"] == "Café owners in Kyiv said “no”."  # cp1252 decoded, not skipped
    assert kept["bom.txt"] == "Some body text here."
    assert kept["crlf.txt"] == "First paragraph here.\nSecond paragraph here."
    dates = dict(zip(corpus.docs["path"].str.split("/").str[-1], corpus.docs["date"]))
    assert dates["bom.txt"] == pd.Timestamp("2022-03-01") and pd.isna(dates["dup.txt"])
    assert corpus.found == 8  # 8 files listed above; the hidden file is not a document
    assert len(corpus.docs) + len(corpus.skipped) == corpus.found


def test_unparseable_date_is_kept_as_nat(tmp_path):
    (tmp_path / "a.csv").write_text("text,date\nBody one is here.,not a date\nBody two.,2022-13-45\n",
                                    encoding="utf-8")
    docs = load_corpus(tmp_path / "a.csv", progress=False).docs
    assert len(docs) == 2 and docs["date"].isna().all()


def test_bad_files_in_a_folder_are_skips_naming_file_and_reason(tmp_path):
    (tmp_path / "good.csv").write_text("text,source\nKyiv was shelled overnight.,BBC\n",
                                       encoding="utf-8")
    (tmp_path / "quote.csv").write_text('text,source\n"Kyiv was shelled, officials said.,BBC\n',
                                        encoding="utf-8")  # the quote is never closed
    (tmp_path / "noise.csv").write_bytes(bytes(range(1, 256)) * 40)  # random bytes named .csv
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 this is not a parquet file")
    (tmp_path / "headlines.csv").write_text("headline,when\nx,2022-01-01\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("Moscow said the talks had failed.", encoding="utf-8")
    corpus = load_corpus(tmp_path, progress=False, cache=False)
    reasons = {p.split("/")[-1]: r for p, r in zip(corpus.skipped["path"], corpus.skipped["reason"])}
    assert sorted(reasons) == ["broken.parquet", "headlines.csv", "noise.csv", "quote.csv"]
    assert reasons["quote.csv"] == "malformed row (line 2: a quote opened on line 2 is never closed)"
    assert reasons["broken.parquet"].startswith("unreadable parquet file (")
    assert reasons["headlines.csv"].startswith("no text column. Columns found: ['headline', 'when']")
    assert reasons["noise.csv"].startswith(("unreadable csv file (", "no text column"))
    assert sorted(corpus.docs["text"]) == ["Kyiv was shelled overnight.",
                                           "Moscow said the talks had failed."]
    assert corpus.found == 6 == len(corpus.docs) + len(corpus.skipped)
    # the same file as the only input: its bad row is a skip (row-level recovery); a file
    # that cannot be read at all is an error that names it
    alone = load_corpus(tmp_path / "quote.csv", progress=False, cache=False)
    assert alone.docs.empty and alone.skipped["row"].tolist() == [1] and alone.found == 1
    with pytest.raises(ValueError, match="broken.parquet"):
        load_corpus(tmp_path / "broken.parquet", progress=False, cache=False)


def test_unreadable_dates_are_ledgered_and_dayfirst_decides(tmp_path):
    rows = [("One: a date that does not exist.", "2022-13-45"), ("Two: not a date.", "yesterday"),
            ("Three: epoch seconds are not guessed.", "1646092800"),
            ("Four: day and month order.", "04/03/2022"), ("Five: no date at all.", ""),
            ("Six: ISO is ISO either way.", "2022-03-04")]
    pd.DataFrame(rows, columns=["text", "date"]).to_csv(tmp_path / "d.csv", index=False)
    us = load_corpus(tmp_path / "d.csv", progress=False, cache=False)
    eu = load_corpus(tmp_path / "d.csv", progress=False, cache=False, dayfirst=True)
    assert us.docs["date"].tolist()[3:] == [pd.Timestamp("2022-04-03"), pd.NaT,
                                            pd.Timestamp("2022-03-04")]
    assert eu.docs["date"][3] == pd.Timestamp("2022-03-04") and eu.docs["date"][5] == us.docs["date"][5]
    unparsed = us.cleaning[us.cleaning["step"] == "date_unparsed"]
    assert sorted(unparsed["doc_id"]) == sorted(us.docs["doc_id"][:3])  # not the empty one
    assert unparsed[["chars_removed", "count"]].values.tolist() == [[0, 1]] * 3
    _assert_ledger_invariant(us)
    with pytest.raises(ValueError, match="dayfirst must be True or False"):
        load_corpus(tmp_path / "d.csv", progress=False, dayfirst="yes")


def test_missing_nltk_data_is_the_projects_error(tmp_path, monkeypatch):
    import nltk

    from analysis import cleaning, resources

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setattr(resources.config, "NLTK_DATA_DIR", tmp_path / "nltk_data")
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    cleaning._sentence_tokenizer.cache_clear()
    try:
        (tmp_path / "a.txt").write_text("Kyiv was shelled. Officials said so.", encoding="utf-8")
        with pytest.raises(resources.MissingResourceError) as info:
            load_corpus(tmp_path / "a.txt", progress=False, cache=False)
        assert "- punkt_tab" in str(info.value) and "python -m analysis setup" in str(info.value)
    finally:
        cleaning._sentence_tokenizer.cache_clear()  # the real tokenizer for the next tests


def test_csv_without_text_column_names_the_columns(tmp_path):
    (tmp_path / "a.csv").write_text("headline,when\nx,2022-01-01\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"no text column.*\['headline', 'when'\]"):
        load_corpus(tmp_path / "a.csv")


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_corpus(tmp_path / "nope")


def test_csv_synonyms_duplicates_and_extra_columns(tmp_path):
    rows = [["Outlet", "Published", "Headline", "Link", "Body", "Author"],
            ["RT", "2022-02-24", "H1", "https://www.rt.com/a", "Same text here.", "A"],
            ["RT", "2022-02-25", "H2", "https://www.rt.com/b", "Same text here.", "B"],
            ["BBC", "2022-02-25", "H3", "https://www.bbc.co.uk/c", "Same text here.", "C"],
            ["BBC", "2022-02-26", "H4", "", "", "D"]]
    with open(tmp_path / "t.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    corpus = load_corpus(tmp_path / "t.csv", progress=False)
    assert corpus.docs["source"].tolist() == ["RT", "BBC"]  # same text, other outlet: kept
    assert corpus.docs["Author"].tolist() == ["A", "C"]  # extra columns survive
    assert corpus.skipped["reason"].tolist() == [f"duplicate of {corpus.docs['doc_id'][0]}",
                                                 "empty text"]
    assert corpus.skipped["row"].tolist() == [2, 4]


def test_jsonl_and_parquet(tmp_path):
    lines = [json.dumps({"content": "Kyiv was shelled on Monday.", "outlet": "BBC",
                         "published": "2022-03-01T10:00:00Z"}), "{not json", ""]
    (tmp_path / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")
    pd.DataFrame({"TEXT": ["Moscow said it would respond."], "url": ["https://tass.com/x"]}
                 ).to_parquet(tmp_path / "b.parquet")
    corpus = load_corpus(tmp_path, progress=False)
    assert corpus.docs["source"].tolist() == ["BBC", "TASS"]
    assert corpus.docs["date"].iloc[0] == pd.Timestamp("2022-03-01 10:00:00")
    assert corpus.skipped["reason"].str.startswith("invalid JSON line").tolist() == [True]
    assert corpus.found == 3


def test_source_precedence(tmp_path):
    (tmp_path / "a.txt").write_text("T\n20220101\nhttps://www.unknown-site.org/x\nBody text.", "utf-8")
    (tmp_path / "b.txt").write_text("Paris, 3 March 2022 (XYZ): Body text two.", "utf-8")
    (tmp_path / "c.txt").write_text("Body text three.", "utf-8")
    docs = load_corpus(tmp_path, source="My Outlet", progress=False).docs
    assert docs["source"].tolist() == ["unknown-site.org", "XYZ", "My Outlet"]
    assert load_corpus(tmp_path / "c.txt", progress=False).docs["source"].tolist() == ["unknown"]


def test_helpers():
    assert decode_bytes("naïve".encode("utf-8")) == "naïve"
    assert outlet_from_url("https://www.theguardian.com/world/x") == "The Guardian"
    assert outlet_from_url("") == ""


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="source must be a string"):
        load_corpus(config.EXAMPLE_CORPUS, source=3)
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(ValueError, match="Unsupported file type '.docx'"):
        load_corpus(tmp_path / "x.docx")


# ---------------------------------------------------------------- the real sample
@pytest.mark.corpus
def test_sample_counts_per_source(sample_corpus):
    with open(config.SHARED_SAMPLE, encoding="utf-8", newline="") as fh:
        expected = collections.Counter(r["source"] for r in csv.DictReader(fh))
    assert sample_corpus.found == sum(expected.values()) == 1055
    # one CBS row is the same article as row 239 once its dateline "SAN FRANCISCO --" is gone
    assert sample_corpus.skipped["row"].tolist() == [241]
    assert sample_corpus.skipped["reason"].str.startswith("duplicate of").tolist() == [True]
    expected["CBS News"] -= 1
    assert collections.Counter(sample_corpus.docs["source"]) == expected


@pytest.mark.corpus
def test_sample_cleaning_steps_fire_on_real_articles(sample_corpus):
    ledger = sample_corpus.cleaning.merge(sample_corpus.docs[["doc_id", "source"]], on="doc_id")
    fired = ledger.groupby(["step", "source"])["count"].sum()
    assert fired.loc["glued_sentence"].get("RT", 0) > 0
    assert fired.loc["glued_sentence"].get("HuffPost", 0) > 0
    assert fired.loc["boilerplate"].get("The Guardian", 0) > 0
    guardian = sample_corpus.docs.loc[sample_corpus.docs["source"] == "The Guardian", "text"]
    assert not guardian.str.contains("Sign up to First Edition").any()
    assert not sample_corpus.docs["text"].str.contains(r"pic\.twitter\.com|https?://").any()


def test_corpus_cache_reads_back_and_notices_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "PROCESSED_DIR", tmp_path / "cache")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Kyiv said one thing.", encoding="utf-8")
    first = load_corpus(folder, progress=False)
    assert len(list((tmp_path / "cache" / "corpus").glob("*/meta.json"))) == 1
    again = load_corpus(folder, progress=False)
    for name in ("docs", "skipped", "cleaning", "boilerplate"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(again, name))
    assert again.found == first.found
    load_corpus(folder, progress=False, recurring_min_docs=6)  # other thresholds: another entry
    load_corpus(folder, progress=False, recurring_min_share=0.5)
    assert len(list((tmp_path / "cache" / "corpus").glob("*/meta.json"))) == 3
    (folder / "b.txt").write_text("Moscow said another.", encoding="utf-8")  # a new file
    assert len(load_corpus(folder, progress=False).docs) == 2
    (folder / "a.txt").write_text("Kyiv said something else entirely.", encoding="utf-8")
    texts = load_corpus(folder, progress=False).docs["text"].tolist()
    assert texts == ["Kyiv said something else entirely.", "Moscow said another."]
    for cached in (tmp_path / "cache" / "corpus").glob("*/docs.parquet"):
        cached.write_bytes(b"garbage")  # a corrupt cache is reported and rebuilt
    with pytest.warns(UserWarning, match="corrupt"):
        rebuilt = load_corpus(folder, progress=False)
    assert rebuilt.docs["text"].tolist() == texts


# ---------------------------------------------------------------- recurring lines per outlet
LINE = "Outlet A thanks all of its readers for their loyal support this year."  # not shaped like boilerplate


def _outlet_csv(tmp_path):
    """6 documents of outlet A ending in LINE, a 7th with LINE first and doc 1's story, one
    B document with the same LINE (syndication: stays), one A document without it."""
    stories = [f"The council of town number {i} met on Monday to discuss the repair of its bridge."
               for i in range(6)]
    rows = [("A", f"{story} {LINE}") for story in stories]
    rows.append(("A", f"{LINE}\n{stories[0]}"))  # the same story once LINE is gone
    rows.append(("B", f"Prices rose again in the capital this week, traders said. {LINE}"))
    rows.append(("A", "A quiet day in the town, with no news at all to report here."))
    path = tmp_path / "outlets.csv"
    pd.DataFrame(rows, columns=["source", "text"]).to_csv(path, index=False)
    return path, stories


def _assert_ledger_invariant(corpus):
    removed = corpus.cleaning.groupby("doc_id")["chars_removed"].sum()
    for _, doc in corpus.docs.iterrows():
        assert len(doc["text"]) == doc["raw_chars"] - removed.get(doc["doc_id"], 0)
    assert len(corpus.docs) + len(corpus.skipped) == corpus.found


def test_recurring_line_of_one_outlet_is_removed_but_syndication_stays(tmp_path):
    path, stories = _outlet_csv(tmp_path)
    corpus = load_corpus(path, progress=False, cache=False)
    docs = corpus.docs
    assert docs.loc[docs["source"] == "A", "text"].tolist() == stories + [
        "A quiet day in the town, with no news at all to report here."]
    assert docs.loc[docs["source"] == "B", "text"].tolist() == [
        f"Prices rose again in the capital this week, traders said. {LINE}"]
    # row 7 became the same text as row 1: a duplicate, found after the recurring step
    assert corpus.skipped["row"].tolist() == [7]
    assert corpus.skipped["reason"].tolist() == [f"duplicate of {docs['doc_id'][0]}"]
    recurring = corpus.cleaning[corpus.cleaning["step"] == "recurring"]
    assert recurring["chars_removed"].tolist() == [len(LINE) + 1] * 6  # the line and its space
    assert recurring["count"].tolist() == [1] * 6
    assert corpus.boilerplate.to_dict("records") == [
        {"source": "A", "text": LINE, "docs": 7, "share": 7 / 8}]
    _assert_ledger_invariant(corpus)


def test_recurring_thresholds(tmp_path):
    path, _ = _outlet_csv(tmp_path)
    off = load_corpus(path, progress=False, cache=False, recurring_min_docs=None)
    assert off.docs["text"].str.contains(LINE, regex=False).sum() == 8 and off.boilerplate.empty
    assert load_corpus(path, progress=False, cache=False, recurring_min_docs=8).boilerplate.empty
    assert load_corpus(path, progress=False, cache=False, recurring_min_share=0.9).boilerplate.empty
    assert len(load_corpus(path, progress=False, cache=False, recurring_min_docs=7,
                           recurring_min_share=0.875).boilerplate) == 1
    _assert_ledger_invariant(off)


@pytest.mark.parametrize("kwargs, message", [
    ({"recurring_min_docs": 1}, r"recurring_min_docs must be an integer >= 2 .*got 1"),
    ({"recurring_min_docs": 2.5}, r"recurring_min_docs must be an integer >= 2 .*got 2\.5"),
    ({"recurring_min_docs": True}, r"recurring_min_docs must be an integer"),
    ({"recurring_min_share": 0}, r"recurring_min_share must be a number in \(0, 1\], got 0"),
    ({"recurring_min_share": 1.5}, r"recurring_min_share must be a number in \(0, 1\], got 1\.5"),
    ({"recurring_min_share": "2%"}, r"recurring_min_share must be a number in \(0, 1\], got '2%'"),
])
def test_recurring_threshold_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        load_corpus(config.EXAMPLE_CORPUS, progress=False, **kwargs)


def test_a_document_mostly_made_of_recurring_lines_keeps_them(tmp_path):
    # outlet A embeds the same short story in 5 long pages; the story's own page stays whole
    story = "Three men were arrested at the arms factory. They were taken to a hospital nearby."
    rows = [("A", f"Page {i} tells a long and different tale about the floods in the valley "
                  f"of river number {i}, which rose for days. {story}") for i in range(5)]
    rows.append(("A", story))
    pd.DataFrame(rows, columns=["source", "text"]).to_csv(tmp_path / "a.csv", index=False)
    corpus = load_corpus(tmp_path / "a.csv", progress=False, cache=False)
    texts = corpus.docs["text"].tolist()
    assert texts[-1] == story and not any(story in t for t in texts[:-1])
    assert len(corpus.boilerplate) == 2  # its two sentences
    _assert_ledger_invariant(corpus)


# ---------------------------------------------------------------- dateline dates
def test_dateline_fills_date_and_agency(tmp_path):
    rows = [["MINSK, 28 January (BelTA) – Talks were held in Minsk.", "https://www.belta.by/2022/01/a", ""],
            ["MINSK, 28 January (BelTA) – Other talks were held.", "", ""],  # no year anywhere
            ["KYIV, Ukraine, March 3, 2022 (Reuters) - Russian forces advanced.", "", ""],
            ["LONDON (AP) — Boris Johnson spoke.", "", "2022-05-01"]]  # the column wins
    pd.DataFrame(rows, columns=["text", "url", "date"]).to_csv(tmp_path / "d.csv", index=False)
    docs = load_corpus(tmp_path / "d.csv", progress=False, cache=False, source="X").docs
    assert docs["text"].tolist() == ["Talks were held in Minsk.", "Other talks were held.",
                                     "Russian forces advanced.", "Boris Johnson spoke."]
    assert docs["date"].tolist()[:1] == [pd.Timestamp("2022-01-28")]
    assert pd.isna(docs["date"][1])
    assert docs["date"].tolist()[2:] == [pd.Timestamp("2022-03-03"), pd.Timestamp("2022-05-01")]
    assert docs["agency"].tolist() == ["BelTA", "BelTA", "Reuters", "AP"]


# ---------------------------------------------------------------- the real sample, cleaned
@pytest.mark.corpus
def test_sample_boilerplate_forms_are_gone(sample_corpus):
    raw = pd.read_csv(config.SHARED_SAMPLE, dtype=str, keep_default_na=False)["text"]
    text = sample_corpus.docs["text"]
    forms = {"Follow AP's coverage": r"Follow (?:the )?AP[’']s coverage", "(AP Photo": r"\(AP Photo",
             "Photograph:": r"Photograph:", "Related:": r"\bRelated:", "READ MORE:": r"READ MORE:",
             "BBC footer": r"The BBC is not responsible for the content of external sites"}
    for name, pattern in forms.items():
        assert raw.str.contains(pattern).sum() > 0, name  # present in the input ...
        assert text.str.contains(pattern).sum() == 0, name  # ... gone after cleaning
    dateline = r"^(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*)(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)?)? ?(?:--|—|–)"
    assert raw.str.match(dateline).sum() >= 30
    assert text.str.match(dateline).sum() == 0
    assert not text.str.startswith("LONDON --").any()
    _assert_ledger_invariant(sample_corpus)
    steps = set(sample_corpus.cleaning["step"])
    assert {"boilerplate", "dateline", "recurring"} <= steps


def test_the_page_a_recurring_story_comes_from_keeps_it(tmp_path):
    # the story is 1/3 of its own page (more than 25 % and over 3x the ~6 % it takes in the
    # five long pages that embed it): that page keeps it, the others lose it
    story = "Three men were arrested at the arms factory. They were taken to a hospital nearby."
    own = (f"{story} The factory in the town of Gramsh makes ammunition and employs many people. "
           "Its director confirmed there had been a physical clash at the gate on Saturday.")
    pages = [" ".join(f"Sentence {k} of page {i} describes the floods in the valley at length."
                      for k in range(16)) for i in range(5)]
    rows = [("A", f"{page} {story}") for page in pages] + [("A", own)]
    pd.DataFrame(rows, columns=["source", "text"]).to_csv(tmp_path / "a.csv", index=False)
    corpus = load_corpus(tmp_path / "a.csv", progress=False, cache=False)
    assert corpus.docs["text"].tolist() == pages + [own]
    assert corpus.cleaning.query("step == 'recurring'")["chars_removed"].tolist() == [len(story) + 1] * 5
    _assert_ledger_invariant(corpus)


def test_editing_the_cleaning_code_misses_the_cache(tmp_path, monkeypatch):
    import analysis.loading

    monkeypatch.setattr(config, "PROCESSED_DIR", tmp_path / "processed")
    first = load_corpus(config.EXAMPLE_CORPUS, progress=False)
    assert len(list((tmp_path / "processed" / "corpus").iterdir())) == 1
    load_corpus(config.EXAMPLE_CORPUS, progress=False)  # the same code: read back
    assert len(list((tmp_path / "processed" / "corpus").iterdir())) == 1
    real = analysis.loading.source_hash  # an edit of cleaning.py changes its source hash
    monkeypatch.setattr(analysis.loading, "source_hash",
                        lambda *names: real(*names) + ("edit" if "cleaning" in names else ""))
    again = load_corpus(config.EXAMPLE_CORPUS, progress=False)
    assert len(list((tmp_path / "processed" / "corpus").iterdir())) == 2
    pd.testing.assert_frame_equal(first.docs, again.docs)
