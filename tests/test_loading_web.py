"""Saved web pages and web archives: main text without navigation and footers, title, date,
site name; one record per HTML response of a WARC; reports rendered from a folder of pages."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from analysis import load_corpus, render

NAV = ('<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World'
       '</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>'
       '</ul></nav><div class="cookie">We use cookies to improve your experience.</div></header>')
FOOTER = ('<footer><p>Copyright 2022 {site}. All rights reserved.</p><ul><li><a href="/privacy">'
          'Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul>'
          '<p>Sign up to our newsletter for the morning briefing.</p></footer>')
STORIES = [
    ("Kyiv residents shelter as shelling resumes", "The Daily Example", "2022-03-01",
     ["Russian forces shelled the outskirts of Kyiv overnight, officials said on Tuesday, as "
      "thousands of residents sheltered in metro stations across the city.",
      "The mayor said water and power had been cut in several districts and urged people to "
      "stay indoors until the curfew was lifted in the morning.",
      "Ukraine's foreign minister called for more sanctions at a meeting with his European "
      "counterparts in Brussels later in the day."]),
    ("Talks in Belarus end without agreement", "World Wire", "2022-03-03",
     ["Ukrainian and Russian delegations met for a second round of talks near the border with "
      "Belarus on Thursday, but no ceasefire was agreed.",
      "Both sides said humanitarian corridors for civilians would be discussed again at the "
      "next meeting, which had not yet been scheduled.",
      "NATO said it would not send troops into Ukraine but would continue to supply weapons "
      "to its army."]),
    ("Grain exports stall at Odesa port", "Harbour Times", "2022-03-05",
     ["Ships carrying grain have been unable to leave the port of Odesa for a week, traders "
      "said, as mines were laid in the waters of the Black Sea.",
      "The United Nations warned that prices of wheat could rise sharply in countries of "
      "Africa and the Middle East that depend on Ukrainian exports.",
      "Officials in Kyiv said they were working with Turkey on a way to let the ships pass "
      "safely through the straits."]),
]


def page(title, site, date, paragraphs, *, meta=True, canonical=""):
    head = [f"<title>{title} | {site}</title>"]
    if meta:
        head += [f'<meta property="og:site_name" content="{site}">',
                 f'<meta property="article:published_time" content="{date}T09:00:00Z">']
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    related = ('<aside class="related"><h3>More stories</h3><ul><li><a href="/a">Markets fall'
               '</a></li><li><a href="/b">Weather</a></li></ul></aside>')
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{"".join(head)}</head><body>'
            f'{NAV}<main><article><h1>{title}</h1><p class="byline">By Staff Reporter</p>'
            f'{body}</article>{related}</main>{FOOTER.format(site=site)}</body></html>')


def pages_folder(folder):
    folder.mkdir(exist_ok=True)
    for i, story in enumerate(STORIES):
        (folder / f"page{i}.html").write_text(page(*story), encoding="utf-8")
    return folder


NOT_ARTICLE = ("Home", "Sport", "cookies", "Copyright", "Privacy policy", "Sign up to our",
               "More stories", "Markets fall")


def test_saved_pages_give_main_text_title_date_and_site(tmp_path):
    corpus = load_corpus(pages_folder(tmp_path / "pages"), progress=False, cache=False)
    docs = corpus.docs
    assert docs["title"].tolist() == [s[0] for s in STORIES]
    assert docs["source"].tolist() == [s[1] for s in STORIES]
    assert docs["date"].tolist() == [pd.Timestamp(s[2]) for s in STORIES]
    for text, story in zip(docs["text"], STORIES):
        for paragraph in story[3]:
            assert paragraph in text
        for junk in NOT_ARTICLE:
            assert junk not in text, junk
    # the HTML around the text is accounted for in the ledger
    web = corpus.cleaning[corpus.cleaning["step"] == "web_page"].set_index("doc_id")
    for _, doc in docs.iterrows():
        html = (tmp_path / "pages" / doc["path"].rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        assert doc["raw_chars"] == len(html)
        assert web.loc[doc["doc_id"], "chars_removed"] > len(html) - len(doc["text"]) - 200
    removed = corpus.cleaning.groupby("doc_id")["chars_removed"].sum()
    assert (docs["text"].str.len() == docs["raw_chars"] - docs["doc_id"].map(removed)).all()
    assert len(docs) + len(corpus.skipped) == corpus.found == 3


def test_a_page_without_site_name_takes_the_outlet_of_its_url_and_the_source_argument(tmp_path):
    title, _, _, paragraphs = STORIES[0]
    (tmp_path / "a.htm").write_text(page(title, "X", "2022-03-01", paragraphs, meta=False,
                                         canonical="https://www.theguardian.com/world/2022/mar/01/k"),
                                    encoding="utf-8")
    (tmp_path / "b.html").write_text(page(title + " again", "X", "2022-03-01",
                                          [p.replace("Kyiv", "Lviv") for p in paragraphs], meta=False),
                                     encoding="utf-8")
    (tmp_path / "empty.html").write_text("<html><head><title>Loading</title><script>var x = 1;"
                                         "</script></head><body></body></html>", encoding="utf-8")
    corpus = load_corpus(tmp_path, progress=False, cache=False, source="My Outlet")
    assert corpus.docs["source"].tolist() == ["The Guardian", "My Outlet"]
    assert corpus.skipped["reason"].tolist() == ["no article text found in the page (trafilatura)"]


def test_a_windows_1251_page_stays_cyrillic(tmp_path):
    text = ("Російські війська обстріляли околиці Києва вночі, повідомили посадовці у "
            "вівторок, тисячі мешканців ховалися у метро по всьому місту.")
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            f'<title>Обстріл</title></head><body><article><p>{text}</p><p>{text[::-1]}</p>'
            f'</article></body></html>')
    (tmp_path / "uk.html").write_bytes(html.encode("cp1251"))
    corpus = load_corpus(tmp_path, progress=False, cache=False)
    assert text in corpus.docs["text"][0]
    assert set(corpus.cleaning["step"]) >= {"decode_cp1251", "web_page"}


def _warc(path, gz: bool):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)

        def response(url, status, ctype, body: bytes):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))

        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
        writer.write_record(writer.create_warc_record("https://news.example/a", "request",
                                                      payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))
        response("https://www.bbc.co.uk/news/a", "200 OK", "text/html; charset=utf-8",
                 page(*STORIES[0][:3], STORIES[0][3], meta=False).encode())
        response("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG....")
        response("https://news.example/style.css", "200 OK", "text/css", b"body{}")
        response("https://news.example/gone", "404 Not Found", "text/html", b"<p>Not found</p>")
        response("https://news.example/moved", "301 Moved Permanently", "text/html", b"")
        response("https://harbour.example/odesa", "200 OK", "text/html",
                 page(*STORIES[2]).encode())


@pytest.mark.parametrize("name, gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_a_web_archive_gives_one_record_per_html_response(tmp_path, name, gz):
    _warc(tmp_path / name, gz)
    corpus = load_corpus(tmp_path / name, progress=False, cache=False)
    docs = corpus.docs
    assert docs["url"].tolist() == ["https://www.bbc.co.uk/news/a", "https://harbour.example/odesa"]
    assert docs["source"].tolist() == ["BBC", "Harbour Times"]  # the URL's outlet; the site name
    assert docs["title"].tolist() == [STORIES[0][0], STORIES[2][0]]
    assert STORIES[2][3][1] in docs["text"][1] and "Copyright" not in docs["text"][1]
    assert docs["crawled_at"].str.match(r"^\d{4}-\d\d-\d\dT").all()
    assert docs["path"].str.rsplit("#").str[-1].tolist() == ["3", "8"]  # records 3 and 8
    assert sorted(corpus.skipped["reason"]) == [
        "2 responses not HTML (image/png 1, text/css 1): not articles",
        "2 responses with an HTTP status other than 200 (404 1, 301 1): not articles"]
    assert corpus.found == 4


def test_a_damaged_or_fake_web_archive_is_a_skip_without_noise(tmp_path, capfd):
    (tmp_path / "fake.warc").write_bytes(b"this is not a web archive\n" * 5)
    _warc(tmp_path / "cut.warc", False)
    data = (tmp_path / "cut.warc").read_bytes()
    at = data.index(b"WARC/1.0", data.index(b"harbour.example") - 400)
    (tmp_path / "cut.warc").write_bytes(data[:at] + data[at + 40:])  # the last record's head cut
    corpus = load_corpus(tmp_path, progress=False, cache=False)
    assert corpus.docs["url"].tolist() == ["https://www.bbc.co.uk/news/a"]
    reasons = dict(zip(corpus.skipped["path"].str.rsplit("/").str[-1] + ":" +
                       corpus.skipped["reason"].str[:30], corpus.skipped["reason"]))
    assert any(k.startswith("fake.warc:") for k in reasons)
    assert any(k.startswith("cut.warc:") and ("damaged" in r or "unreadable" in r)
               for k, r in reasons.items())
    assert "WARNING" not in capfd.readouterr().err


def test_reports_render_from_a_folder_of_saved_pages(tmp_path):
    folder = pages_folder(tmp_path / "pages")
    more = [(f"{t} (update {k})", s, d, [p.replace("said", "reported") + f" Update {k}." for p in ps])
            for k in range(3) for t, s, d, ps in STORIES]
    for i, story in enumerate(more):
        (folder / f"more{i}.html").write_text(page(*story), encoding="utf-8")
    results = render(corpus=str(folder), out=tmp_path / "out", notebooks=["00_corpus_overview"])
    assert [r.ok for r in results] == [True], [r.error for r in results]
    html = (tmp_path / "out" / "00_corpus_overview.html").read_text(encoding="utf-8")
    for site in ("The Daily Example", "World Wire", "Harbour Times"):
        assert site in html
