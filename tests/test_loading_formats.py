"""load_corpus on real-world input: bad rows, placeholder cells, two text columns, the export
shapes of NewsAPI / GDELT / Media Cloud, containers, saved web pages and web archives, and
decoding per file. Expected values are worked out by hand from the inputs built here."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile

import pandas as pd
import pytest

from analysis import containers, load_corpus
from analysis.records import cell_text, decode_file


def load(path, **kw):
    return load_corpus(path, progress=False, cache=False, **kw)


def skips(corpus) -> list[tuple]:
    return [(p.rsplit("/", 1)[-1], None if pd.isna(r) else int(r), why)
            for p, r, why in corpus.skipped.itertuples(index=False)]


def steps(corpus, step) -> dict:
    """``{doc_id: count}`` of a ledger step."""
    led = corpus.cleaning[corpus.cleaning["step"] == step]
    return dict(zip(led["doc_id"], led["count"]))


def assert_accounted(corpus):
    assert len(corpus.docs) + len(corpus.skipped) == corpus.found
    removed = corpus.cleaning.groupby("doc_id")["chars_removed"].sum()
    for _, doc in corpus.docs.iterrows():
        assert len(doc["text"]) == doc["raw_chars"] - removed.get(doc["doc_id"], 0)


# ---------------------------------------------------------------- table rows
def test_an_unquoted_comma_is_one_skipped_row_and_the_rest_loads(tmp_path):
    (tmp_path / "a.csv").write_text(
        "text,source,date\n"
        "Kyiv was shelled overnight.,BBC,2022-03-01\n"
        "Moscow, officials said, would respond.,RT,2022-03-02\n"  # 5 fields
        "\n"
        "Talks resumed in Belarus.,Reuters,2022-03-03\n"
        "Only two fields here.,CNN\n", encoding="utf-8")
    corpus = load(tmp_path / "a.csv")
    assert corpus.docs["text"].tolist() == ["Kyiv was shelled overnight.", "Talks resumed in Belarus."]
    assert corpus.docs["source"].tolist() == ["BBC", "Reuters"]
    assert skips(corpus) == [("a.csv", 2, "malformed row (line 3: 5 fields, the header has 3)"),
                             ("a.csv", 4, "malformed row (line 6: 2 fields, the header has 3)")]
    assert corpus.found == 4
    assert corpus.docs["path"].str.endswith(("a.csv#1", "a.csv#3")).all()


def test_tsv_and_semicolon_tables_and_a_quote_left_open_mid_file(tmp_path):
    (tmp_path / "a.tsv").write_text("text\tsource\nKyiv was shelled.\tBBC\nBad\trow\there\n"
                                    "Talks resumed.\tRT\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("text;source\nMinsk hosted talks, again.;BelTA\n",
                                    encoding="utf-8")
    # the quote of line 3 is never closed: it swallows the rest of the file, one skipped row
    (tmp_path / "c.csv").write_text('text,source\nFirst story.,A\n"Broken, story,B\nstill open,C\n'
                                    "Last story.,D\n", encoding="utf-8")
    # one column: the swallowed rest would have the right number of fields, still a skip
    (tmp_path / "d.csv").write_text('text\nOne.\n"Two, never closed.\nThree.\n', encoding="utf-8")
    corpus = load(tmp_path)
    assert corpus.docs["text"].tolist() == ["Kyiv was shelled.", "Talks resumed.",
                                            "Minsk hosted talks, again.", "First story.", "One."]
    assert skips(corpus) == [("a.tsv", 2, "malformed row (line 3: 3 fields, the header has 2)"),
                             ("c.csv", 2, "malformed row (lines 3-5: a quote opened on line 3 is never closed)"),
                             ("d.csv", 2, "malformed row (lines 3-4: a quote opened on line 3 is never closed)")]


@pytest.mark.parametrize("cell", ["NaN", "nan", "NULL", "N/A", "None", "-", "12345", "3.14",
                                  "[Removed]"])
def test_placeholder_cells_are_skips_not_articles(tmp_path, cell):
    pd.DataFrame({"text": [cell, "A real article about the war."], "source": ["NULL", "N/A"]}
                 ).to_csv(tmp_path / "p.csv", index=False)
    corpus = load(tmp_path / "p.csv")
    assert corpus.docs["text"].tolist() == ["A real article about the war."]
    assert corpus.docs["source"].tolist() == ["unknown"]  # "N/A" is no outlet either
    assert skips(corpus) == [("p.csv", 1, f"placeholder text {cell!r} in column 'text'")]


def test_placeholders_in_json_values(tmp_path):
    rows = [{"text": 12345}, {"text": None}, {"text": True}, {"text": "NULL"},
            {"text": "Shelling resumed near Kharkiv.", "date": "N/A"}]
    (tmp_path / "a.jsonl").write_text("\n".join(map(json.dumps, rows)), encoding="utf-8")
    corpus = load(tmp_path / "a.jsonl")
    assert [why for _, _, why in skips(corpus)] == [
        "placeholder text '12345' in column 'text'", "empty text",
        "placeholder text 'True' in column 'text'", "placeholder text 'NULL' in column 'text'"]
    assert corpus.docs["text"].tolist() == ["Shelling resumed near Kharkiv."]
    assert pd.isna(corpus.docs["date"][0]) and "date_unparsed" not in set(corpus.cleaning["step"])


def test_two_text_columns_the_first_with_text_wins_and_the_other_is_kept(tmp_path):
    rows = [["", "Only the capitalised column has text.", "BBC"],
            ["Both columns say the same.", "Both columns say the same.", "BBC"],
            ["The lower-case column's story.", "A different story in Text.", "BBC"],
            ["NULL", "The placeholder gives way.", "BBC"],
            ["", "", "BBC"]]
    pd.DataFrame(rows, columns=["text", "Text", "source"]).to_csv(tmp_path / "t.csv", index=False)
    corpus = load(tmp_path / "t.csv")
    assert corpus.docs["text"].tolist() == ["Only the capitalised column has text.",
                                            "Both columns say the same.",
                                            "The lower-case column's story.",
                                            "The placeholder gives way."]
    assert corpus.docs["other_Text"].tolist()[2] == "A different story in Text."
    differ = steps(corpus, "text_columns_differ")
    assert differ == {corpus.docs["doc_id"][2]: 1}  # only the row whose two texts differ
    assert skips(corpus) == [("t.csv", 5, "empty text")]
    assert_accounted(corpus)


def test_text_only_in_content_or_in_a_summary_column(tmp_path):
    pd.DataFrame({"text": ["", "The text column.", ""], "content": ["In content only.", "", ""],
                  "description": ["", "", "Only a description."]}).to_csv(tmp_path / "c.csv", index=False)
    corpus = load(tmp_path / "c.csv")
    assert corpus.docs["text"].tolist() == ["In content only.", "The text column.",
                                            "Only a description."]
    assert list(steps(corpus, "text_from_summary")) == [corpus.docs["doc_id"][2]]
    assert corpus.skipped.empty


def test_bad_json_lines_name_their_line(tmp_path):
    lines = ['{"text": "First story here."}', '{"text": "unterminated', "", "[1, 2]",
             '{"text": "Fifth line story."}']
    (tmp_path / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")
    corpus = load(tmp_path / "a.jsonl")
    assert corpus.docs["text"].tolist() == ["First story here.", "Fifth line story."]
    rows = skips(corpus)
    assert rows[0][:2] == ("a.jsonl", 2) and rows[0][2].startswith("invalid JSON line 2: ")
    assert rows[1:] == [("a.jsonl", 4, "JSON line 4 is an array, not an object")]
    assert corpus.docs["path"].str.rsplit("#").str[-1].tolist() == ["1", "5"]


# ---------------------------------------------------------------- shapes researchers export
def test_newsapi_response_json(tmp_path):
    response = {"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": "bbc-news", "name": "BBC News"}, "author": "BBC News",
         "title": "Ukraine war: Kyiv shelled", "description": "A short summary.",
         "url": "https://www.bbc.co.uk/news/world-europe-1", "urlToImage": None,
         "publishedAt": "2022-03-01T10:15:00Z", "content": "Explosions were heard in Kyiv."},
        {"source": {"id": None, "name": "Reuters"}, "title": "Talks", "url": "https://x.org/b",
         "publishedAt": "2022-03-02T08:00:00+02:00",
         "content": ["Delegations met in Belarus.", "No agreement was reached."]}]}
    (tmp_path / "newsapi.json").write_text(json.dumps(response), encoding="utf-8")
    docs = load(tmp_path / "newsapi.json").docs
    assert docs["source"].tolist() == ["BBC News", "Reuters"]  # not the dict's repr
    assert docs["date"].tolist() == [pd.Timestamp("2022-03-01 10:15"), pd.Timestamp("2022-03-02 06:00")]
    assert docs["title"].tolist() == ["Ukraine war: Kyiv shelled", "Talks"]
    assert docs["url"][0] == "https://www.bbc.co.uk/news/world-europe-1"
    # paragraphs joined (blank lines dropped by cleaning), never "['Delegations ...']"
    assert docs["text"].tolist() == ["Explosions were heard in Kyiv.",
                                     "Delegations met in Belarus.\nNo agreement was reached."]
    assert docs["source.id"].tolist()[0] == "bbc-news" and docs["description"][0] == "A short summary."


def test_parquet_with_nested_source_list_columns_and_placeholders(tmp_path):
    frame = pd.DataFrame({
        "source": [{"id": "bbc-news", "name": "BBC News"}, {"id": None, "name": "Reuters"},
                   {"id": None, "name": "CNN"}],
        "content": [["Kyiv was shelled.", "Sirens sounded."], ["Talks resumed."], ["NULL"]],
        "tags": [["war", "kyiv"], [], ["x"]]})
    frame.to_parquet(tmp_path / "a.parquet")
    pd.DataFrame({"text": pd.Series([], dtype=str)}).to_parquet(tmp_path / "empty.parquet")
    (tmp_path / "header.csv").write_text("text,source\n", encoding="utf-8")
    corpus = load(tmp_path)
    assert corpus.docs["source"].tolist() == ["BBC News", "Reuters"]
    assert corpus.docs["text"].tolist() == ["Kyiv was shelled.\nSirens sounded.", "Talks resumed."]
    assert corpus.docs["tags"].tolist() == ['["war", "kyiv"]', "[]"]
    assert skips(corpus) == [("a.parquet", 3, "placeholder text 'NULL' in column 'content'"),
                             ("empty.parquet", None, "no rows"),
                             ("header.csv", None, "no rows (a header only)")]


def test_newsapi_records_written_to_csv_by_pandas(tmp_path):
    # pd.DataFrame(response["articles"]).to_csv(...): `source` holds the dict's repr
    articles = [{"source": {"id": "bbc-news", "name": "BBC News"}, "publishedAt": "2022-03-01T10:15:00Z",
                 "content": "Explosions were heard in Kyiv."},
                {"source": {"id": None, "name": "Reuters"}, "publishedAt": "2022-03-02T08:00:00Z",
                 "content": "Talks resumed."}]
    pd.DataFrame(articles).to_csv(tmp_path / "n.csv", index=False)
    docs = load(tmp_path / "n.csv").docs
    assert docs["source"].tolist() == ["BBC News", "Reuters"]
    assert docs["date"].tolist() == [pd.Timestamp("2022-03-01 10:15"), pd.Timestamp("2022-03-02 08:00")]


def test_gdelt_and_media_cloud_exports(tmp_path):
    gdelt = {"articles": [
        {"url": "https://www.theguardian.com/world/2022/feb/24/a", "title": "Invasion begins",
         "seendate": "20220224T053000Z", "domain": "theguardian.com", "language": "English",
         "sourcecountry": "United Kingdom", "text": "Russian troops crossed the border."},
        {"title": "No URL", "seendate": "20220225T000000Z", "domain": "bbc.co.uk",
         "text": "Sirens sounded in Kyiv."}]}
    (tmp_path / "gdelt.json").write_text(json.dumps(gdelt), encoding="utf-8")
    pd.DataFrame({"stories_id": [1], "publish_date": ["2022-02-26 14:00:00"],
                  "title": ["Kharkiv"], "url": ["https://example.org/k"],
                  "media_name": ["Kyiv Independent"], "media_url": ["https://kyivindependent.com"],
                  "story_text": ["Fighting continued around Kharkiv."]}
                 ).to_csv(tmp_path / "mediacloud.csv", index=False)
    docs = load(tmp_path).docs.set_index("title")
    assert docs.loc["Invasion begins", "source"] == "The Guardian"  # from the URL
    assert docs.loc["No URL", "source"] == "BBC"  # from `domain`, via domains.csv
    assert docs.loc["Invasion begins", "date"] == pd.Timestamp("2022-02-24 05:30")
    assert docs.loc["Invasion begins", "sourcecountry"] == "United Kingdom"
    assert docs.loc["Kharkiv", "source"] == "Kyiv Independent"
    assert docs.loc["Kharkiv", "date"] == pd.Timestamp("2022-02-26 14:00")
    assert docs.loc["Kharkiv", "text"] == "Fighting continued around Kharkiv."


@pytest.mark.parametrize("payload, expected_rows", [
    ([{"text": "First."}, "a string", {"body": "Third."}], [1, 3]),
    ({"data": [{"text": "First."}, {"text": "Second."}], "meta": {"n": 2}}, [1, 2]),
    ({"response": {"docs": [{"headline": "H", "text": "Only one."}]}}, [1]),
    ({"hits": [{"_source": {"text": "From Elasticsearch."}}]}, [1]),
    ({"title": "One article", "text": "A single object is one article."}, [1]),
])
def test_json_arrays_and_objects_holding_records(tmp_path, payload, expected_rows):
    (tmp_path / "x.json").write_text(json.dumps(payload), encoding="utf-8")
    corpus = load(tmp_path / "x.json")
    assert corpus.docs["path"].str.rsplit("#").str[-1].astype(int).tolist() == expected_rows
    assert not corpus.docs["text"].str.contains(r"[\[\]{}]").any()
    if isinstance(payload, list):
        assert skips(corpus) == [("x.json", 2, "element 2 is a string, not an object")]


def test_json_lines_named_json_and_ndjson(tmp_path):
    lines = '{"text": "First story."}\n{"text": "Second story."}\n{broken\n'
    (tmp_path / "a.json").write_text(lines, encoding="utf-8")
    (tmp_path / "b.ndjson").write_text(lines.replace("story", "tale"), encoding="utf-8")
    corpus = load(tmp_path)
    assert corpus.docs["text"].tolist() == ["First story.", "Second story.", "First tale.",
                                            "Second tale."]
    assert [(p, r) for p, r, _ in skips(corpus)] == [("a.json", 3), ("b.ndjson", 3)]


def test_cell_text_joins_paragraphs_and_names_placeholders():
    assert cell_text(["One.", {"text": "Two."}, "", None]) == ("One.\n\nTwo.", None)
    assert cell_text("  N/A ") == ("", "placeholder text 'N/A'")
    assert cell_text("1,234") == ("", "placeholder text '1,234'")
    assert cell_text("In 2022 Russia invaded.") == ("In 2022 Russia invaded.", None)
    assert cell_text({"a": 1})[1] == "text is a JSON object, not text"


# ---------------------------------------------------------------- containers
def _zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def test_gzip_of_any_format(tmp_path):
    (tmp_path / "a.csv.gz").write_bytes(gzip.compress(b"text,source\nKyiv story.,BBC\n"))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b'{"text": "Moscow story."}\n'))
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress("Lviv story, ünïcode.".encode()))
    (tmp_path / "d.pdf.gz").write_bytes(gzip.compress(b"%PDF"))
    (tmp_path / "e.txt.gz").write_bytes(b"\x1f\x8b not really gzip")
    corpus = load(tmp_path)
    assert corpus.docs["text"].tolist() == ["Kyiv story.", "Moscow story.", "Lviv story, ünïcode."]
    assert corpus.docs["path"].str.rsplit("/").str[-1].tolist() == ["a.csv.gz#1", "b.jsonl.gz#1",
                                                                    "c.txt.gz"]
    reasons = dict((p, why) for p, _, why in skips(corpus))
    assert reasons["d.pdf.gz"].startswith("unsupported file type '.pdf'")
    assert reasons["e.txt.gz"].startswith("unreadable gz file (BadGzipFile")


def test_zip_and_tar_members_are_files_with_their_own_rows(tmp_path):
    members = {"a.csv": b"text,source\nKyiv story.,BBC\nBad,row,here\n",
               "sub/b.txt": b"Odesa story.", "notes.pdf": b"%PDF", ".hidden.txt": b"no",
               "__MACOSX/sub/._b.txt": b"junk"}
    _zip(tmp_path / "archive.zip", members)
    with tarfile.open(tmp_path / "archive.tar.gz", "w:gz") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name.replace("Kyiv", "Kherson"))
            data = data.replace(b"Kyiv", b"Kherson").replace(b"Odesa", b"Mariupol")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    inner = io.BytesIO()
    _zip(inner, {"deep.txt": b"A story inside a zip inside a zip."})
    _zip(tmp_path / "outer.zip", {"inner.zip": inner.getvalue()})
    corpus = load(tmp_path)
    paths = corpus.docs["path"].str.split(f"{tmp_path}/").str[-1].tolist()
    assert paths == ["archive.tar.gz!a.csv#1", "archive.tar.gz!sub/b.txt", "archive.zip!a.csv#1",
                     "archive.zip!sub/b.txt", "outer.zip!inner.zip!deep.txt"]
    assert corpus.docs["text"].tolist() == ["Kherson story.", "Mariupol story.", "Kyiv story.",
                                            "Odesa story.", "A story inside a zip inside a zip."]
    assert sorted(skips(corpus)) == [
        ("archive.tar.gz!a.csv", 2, "malformed row (line 3: 3 fields, the header has 2)"),
        ("archive.tar.gz!notes.pdf", None, _unsupported_pdf()),
        ("archive.zip!a.csv", 2, "malformed row (line 3: 3 fields, the header has 2)"),
        ("archive.zip!notes.pdf", None, _unsupported_pdf())]
    assert_accounted(corpus)


def _unsupported_pdf():
    from analysis.readers import SUFFIXES
    return f"unsupported file type '.pdf' (accepted: {', '.join(SUFFIXES)})"


def test_compression_bombs_are_ledgered_not_unpacked(tmp_path, monkeypatch):
    monkeypatch.setattr(containers, "MAX_MEMBER_BYTES", 1_000_000)
    zeros = b"0" * 5_000_000  # 5 MB that compress to a few kB
    _zip(tmp_path / "bomb.zip", {"big.txt": zeros, "small.txt": b"A small story."})
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(zeros))
    corpus = load(tmp_path)
    assert corpus.docs["text"].tolist() == ["A small story."]
    reasons = {p: why for p, _, why in skips(corpus)}
    assert reasons == {
        "bomb.txt.gz": "decompressed size over the limit of 1,000,000 bytes (a compression bomb?): not read",
        "bomb.zip!big.txt": "decompressed size (5,000,000 bytes) over the limit of 1,000,000 "
                            "bytes (a compression bomb?): not read"}


def test_a_zip_member_lying_about_its_size_is_still_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(containers, "MAX_MEMBER_BYTES", 1_000_000)
    _zip(tmp_path / "liar.zip", {"big.txt": b"0" * 3_000_000})
    data = bytearray((tmp_path / "liar.zip").read_bytes())
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local and central headers
        at = data.index(sig)
        data[at + offset:at + offset + 4] = (100).to_bytes(4, "little")  # "100 bytes"
    (tmp_path / "liar.zip").write_bytes(bytes(data))
    corpus = load(tmp_path)
    assert corpus.docs.empty
    [(path, _, why)] = skips(corpus)
    assert path == "liar.zip!big.txt" and ("over the limit" in why or "unreadable" in why)


# ---------------------------------------------------------------- decoding
def test_one_invalid_byte_keeps_utf8_and_is_counted(tmp_path):
    body = "Київ і Харків: обстріли тривали всю ніч, повідомили чиновники."
    (tmp_path / "uk.txt").write_bytes(body.encode()[:20] + b"\xff" + body.encode()[20:])
    (tmp_path / "cp.txt").write_bytes("Café owners in Kyiv said “no” to the décor.".encode("cp1252"))
    (tmp_path / "bom16.txt").write_bytes("Зеленський виступив.".encode("utf-16"))
    rows = "text,source\nПерша новина.,A\nДруга \xff новина.,B\n"
    (tmp_path / "t.csv").write_bytes(rows.encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    corpus = load(tmp_path)
    texts = dict(zip(corpus.docs["path"].str.rsplit("/").str[-1], corpus.docs["text"]))
    assert texts["uk.txt"] == body[:11] + "\ufffd" + body[11:]  # 20 bytes: "Київ і Харк"
    assert texts["cp.txt"] == "Café owners in Kyiv said “no” to the décor."
    assert texts["bom16.txt"] == "Зеленський виступив."
    assert texts["t.csv#1"] == "Перша новина." and texts["t.csv#2"] == "Друга \ufffd новина."
    ids = dict(zip(corpus.docs["path"].str.rsplit("/").str[-1], corpus.docs["doc_id"]))
    assert steps(corpus, "decode_replaced") == {ids["uk.txt"]: 1, ids["t.csv#2"]: 1}
    assert steps(corpus, "decode_cp1252") == {ids["cp.txt"]: 1}
    assert steps(corpus, "decode_utf16") == {ids["bom16.txt"]: 1}
    assert_accounted(corpus)


def test_stray_nul_bytes_in_a_table_are_replaced_and_counted_and_broken_archives_are_skips(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"text,source\nKyiv\x00 was shelled.,BBC\nTalks resumed.,RT\n")
    _zip(tmp_path / "cut.zip", {"a.txt": b"A story." * 100})
    (tmp_path / "cut.zip").write_bytes((tmp_path / "cut.zip").read_bytes()[:-30])  # truncated
    (tmp_path / "bad.tar.gz").write_bytes(gzip.compress(b"not a tar archive at all" * 40))
    corpus = load(tmp_path)
    assert corpus.docs["text"].tolist() == ["Kyiv\ufffd was shelled.", "Talks resumed."]
    assert steps(corpus, "decode_replaced") == {corpus.docs["doc_id"][0]: 1}
    reasons = {p: why for p, _, why in skips(corpus)}
    assert reasons["cut.zip"].startswith("unreadable zip file (BadZipFile")
    assert reasons["bad.tar.gz"].startswith("unreadable tar file (ReadError")
    assert len(reasons) == 2


def test_decode_file_rule():
    # as many valid multi-byte characters as invalid sequences: UTF-8, the bad bytes replaced
    assert decode_file("é".encode() + b"\xe9") == ("é\ufffd", [("decode_replaced", 0, 1)])
    # more invalid sequences than valid multi-byte characters: a cp1252 file
    assert decode_file("é".encode() + b" \xe9\xe8") == ("Ã© éè", [("decode_cp1252", 0, 1)])
    assert decode_file(b"\xef\xbb\xbftext") == ("text", [])
    assert decode_file(b"a\x81\xe9") == ("a\x81é", [("decode_latin1", 0, 1)])  # 0x81: not cp1252


def test_every_field_alias_is_documented():
    from analysis import config
    from analysis.records import FIELD_ALIASES

    page = (config.PROJECT_ROOT / "docs" / "loading.md").read_text(encoding="utf-8")
    for field, names in FIELD_ALIASES.items():
        row = next(line for line in page.splitlines() if line.startswith(f"| `{field}` |"))
        assert row.split(" | ")[1] == ", ".join(f"`{n}`" for n in names), field
