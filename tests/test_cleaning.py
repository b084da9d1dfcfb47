"""clean_text: every step on small texts written for the purpose, then on the seeds."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.cleaning import clean_text
from conftest import SEED_000, SEED_001, doc_by_file


def steps(cleaned) -> dict[str, tuple[int, int]]:
    return {step: (chars, count) for step, chars, count in cleaned.ledger}


def test_heading_on_its_own_line_stays_a_paragraph():
    c = clean_text("Both leaders promised to keep in touch.\nCore Conflict\nUkraine gained independence.")
    assert c.paragraphs == ["Both leaders promised to keep in touch.", "Core Conflict",
                            "Ukraine gained independence."]


def test_repeated_paragraphs_and_sentences_keep_the_first():
    raw = ("Alpha beta gamma delta. Second sentence is here.\n"
           "Alpha beta gamma delta. Second sentence is here.\n"  # exact paragraph repeat
           "New one starts here. Second sentence is here.\n"  # sentence repeat inside
           "Yes. Yes.")  # short sentences may repeat
    c = clean_text(raw)
    assert c.paragraphs == ["Alpha beta gamma delta. Second sentence is here.",
                            "New one starts here.", "Yes. Yes."]
    # 48 chars + newline for the paragraph; " Second sentence is here." (25) for the sentence
    assert steps(c)["duplicate_paragraph"] == (49, 1)
    assert steps(c)["duplicate_sentence"] == (25, 1)


def test_glued_sentences_are_split_but_names_are_not():
    raw = ("The old world order is gone with the windWhen the US declared victory, "
           "McDonald and JavaScript fans bought an iPhone on eBay, said an eyeWitness. "
           "It was over.Then it began.")
    c = clean_text(raw)
    assert c.paragraphs == [
        "The old world order is gone with the wind",
        "When the US declared victory, McDonald and JavaScript fans bought an iPhone on eBay, "
        "said an eyeWitness. It was over. Then it began."]
    assert steps(c)["glued_sentence"] == (-2, 2)  # one newline and one space inserted


def test_glued_quote_goes_with_the_right_sentence():
    c = clean_text('He spoke at the White House."We were puzzled," he said.The end came "soon."Then')
    assert c.text == 'He spoke at the White House. "We were puzzled," he said. The end came "soon." Then'


def test_tweet_block_is_removed_without_touching_the_article():
    raw = ("In response to the question, the minister spoke.\n"
           "🇷🇺🇯🇵📞 On February 17, the President spoke to @kishida230.\n"
           "He shared details with the #USA & its #NATO allies.\n"
           "🔗https://t.co/Yblyn4VFEq pic.twitter.com/onI1fuozTm\n"
           "— MFA Russia 🇷🇺 (@mfa_russia) February 17, 2022\n"
           "Furthermore, the talks went on.")
    c = clean_text(raw)
    assert c.paragraphs == ["In response to the question, the minister spoke.",
                            "Furthermore, the talks went on."]
    assert steps(c)["tweet"][1] == 1


def test_urls_and_emoji_inline():
    c = clean_text("Officials said so 🙏 in a post https://t.co/abc123 pic.twitter.com/XyZ and www.gov.uk/x today.")
    assert c.text == "Officials said so in a post and today."
    assert steps(c)["url"][1] == 3 and steps(c)["emoji"][1] == 1


def test_boilerplate_lines_and_inline_patterns():
    raw = ("Kyiv was shelled overnight.\nRead more\n"
           "Officials said.   Sign up to First Edition, our free daily newsletter – every weekday "
           "morning at 7am BST  Prices rose. A man walks (AP Photo/Evgeniy Maloletka)")
    c = clean_text(raw)
    assert c.paragraphs == ["Kyiv was shelled overnight.", "Officials said. Prices rose. A man walks"]
    assert steps(c)["boilerplate"][1] == 3


def test_agency_credits_are_recorded_and_removed_but_told_reuters_is_not():
    c = clean_text("Talks were high on the agenda. ANISputnik\nThe official told Reuters.\n(AFP)")
    assert c.paragraphs == ["Talks were high on the agenda.", "The official told Reuters."]
    assert c.agencies == ["ANI", "Sputnik", "AFP"]


def test_datelines():
    c = clean_text("KYIV, Ukraine (AP) — Russian forces advanced.")
    assert (c.text, c.dateline_place, c.dateline_tag, c.agencies) == (
        "Russian forces advanced.", "KYIV, Ukraine", "AP", ["AP"])
    c = clean_text("Moscow, 18 February 2022 (TDI): Talks were held.")
    assert (c.dateline_date, c.dateline_tag, c.agencies) == ("18 February 2022", "TDI", [])


def test_bad_input():
    with pytest.raises(ValueError, match="raw must be a str"):
        clean_text(None)
    assert clean_text("  \n\n ").text == ""


# ---------------------------------------------------------------- seeds
def test_seed_001_every_paragraph_once(example_corpus):
    doc = doc_by_file(example_corpus, SEED_001)
    text = doc["text"]
    # The raw body has six lines built from nine distinct sentences (worked out by reading the
    # file): line 1 = S1..S5, line 2 = S6 + S1..S5, line 3 = S7 S8 S9 S6 S1..S5, lines 4-6 repeat.
    firsts = ["Russia has repeatedly rejected accusations", "The allegations might be used",
              "In late 2021, Russia presented", "On January 10, Russia and the US",
              "Russia-Ukraine relations were high", '"We would sincerely advise',
              "On Friday, US President Joe Biden", '"We were puzzled to read',
              "Obviously, those statements"]
    for first in firsts:
        assert text.count(first) == 1, first
    assert len(text.split("\n")) == 3
    assert "ANISputnik" not in text and "Sputnik" not in text
    assert doc["raw_chars"] / len(text) > 3.5  # several times shorter than the raw file


def test_seed_000_tweet_gone_heading_kept(example_corpus):
    text = doc_by_file(example_corpus, SEED_000)["text"]
    paragraphs = text.split("\n")
    assert "Core Conflict" in paragraphs
    assert not re.search(r"t\.co|pic\.twitter|@mfa_russia|@kishida230|#NATO|🇷", text)
    assert paragraphs[1].startswith("In response to the Prime Minister of Japan’s interest")
    assert paragraphs[2].startswith("Furthermore, Vladimir Putin spoke in-depth")
    assert len(paragraphs) == 10  # 14 body lines - 4 tweet lines


def test_ap_caption_credits():
    raw = ("FILE - Paul Whelan stands in a cage in Moscow, June 15, 2020. "
           "(Ukrainian Presidential Press Office via AP) Zelensky spoke. (AP Photo/Jeff Dean, File)")
    c = clean_text(raw)
    assert c.text == "Paul Whelan stands in a cage in Moscow, June 15, 2020. Zelensky spoke."
    assert steps(c)["boilerplate"][1] == 3


# ---------------------------------------------------------------- boilerplate inside paragraphs
# Each form is checked twice: inside one long paragraph of running text (a one-line scrape)
# and where it closes the text; the news sentences around it must come out intact.
BEFORE, AFTER = "Kyiv was shelled overnight, officials said.", "Residents fled the city on Monday."


@pytest.mark.parametrize("junk", [
    "___ Follow AP's coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine",
    "___ Follow the AP’s coverage of the war at https://apnews.com/hub/russia-ukraine.",
    "Follow AP’s coverage of the Russia-Ukraine war at https://apnews.com/hub/russia-ukraine",
    "____ Follow the AP´s coverage of the war at https://apnews.com/hub/russia-ukraine",
    "(AP Photo, File)",
    "(Sofia Sandurskaya, Moscow News Agency photo via AP, File)",
    "___ Associated Press writers Ellen Knickmeyer and Michael Biesecker in Washington "
    "contributed to this report.",
    "____ Associated Press coverage of philanthropy and nonprofits receives support through the "
    "AP’s collaboration with The Conversation US, with funding from Lilly Endowment Inc. The AP "
    "is solely responsible for all content.",
    "(AP Photo)",
    "(AP Photo/Evgeniy Maloletka, File)",
    "Photograph: Alessio Mamo/The Guardian   ",  # the scraper's gap closes the credit
    "Photograph: Bernat Armangué/AP",  # no gap: a credit ending in a picture agency
    "Photograph: Sergei Supinsky/AFP/Getty Images",
    "Related: Russia-Ukraine war: what we know on day 96 of the invasion   ",
    "© 2022 BBC. The BBC is not responsible for the content of external sites. "
    "Read about our approach to external linking.",
    "Follow BBC West Midlands on Facebook, Twitter and Instagram. "
    "Send your story ideas to: newsonline.westmidlands@bbc.co.uk",
    "JOIN US ON TELEGRAM!",
    "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
    "Sign up to First Edition, our free daily newsletter – every weekday morning at 7am BST",
    "Subscribe to our free morning newsletter for the latest news.",
    "Read more about the court appearance here.",
])
def test_boilerplate_is_cut_inside_running_text_and_at_the_end(junk):
    inside = clean_text(f"{BEFORE} {junk} {AFTER}")
    assert inside.text == f"{BEFORE} {AFTER}"
    at_end = clean_text(f"{BEFORE} {junk}")
    assert at_end.text == BEFORE
    for c, raw in ((inside, f"{BEFORE} {junk} {AFTER}"), (at_end, f"{BEFORE} {junk}")):
        assert len(c.text) == len(raw) - sum(chars for _, chars, _ in c.ledger)
        assert "boilerplate" in steps(c)


def test_link_lines_take_their_headline_but_not_the_next_sentence():
    # one-line scrape without a gap: the headline ends before the capitalised "The"/"In"
    c = clean_text("Sanctions were tightened on Friday. Related: Tory MP’s son among UK "
                   "ex-servicemen heading to Ukrainian front line The government advised against travel.")
    assert c.text == "Sanctions were tightened on Friday. The government advised against travel."
    c = clean_text("Russia could run out of weapons, he said. READ MORE: Weakened Putin 'running out "
                   "of weapons' - could be level with Ukraine In June, tanks were paraded in Kyiv.")
    assert c.text == "Russia could run out of weapons, he said. In June, tanks were paraded in Kyiv."
    # no headline shape (the next words are a real sentence ending in a full stop): only the marker goes
    c = clean_text("It failed, he said. READ MORE: Since the invasion Sweden and Finland have applied to join NATO.")
    assert c.text == "It failed, he said. Since the invasion Sweden and Finland have applied to join NATO."
    # a link line of its own
    c = clean_text("Sanctions were tightened.\nRelated: Fight for Sievierodonetsk will decide fate of "
                   "eastern Ukraine, says Zelenskiy\nThe city was shelled.")
    assert c.paragraphs == ["Sanctions were tightened.", "The city was shelled."]


def test_boilerplate_patterns_leave_news_alone():
    news = ("The photograph: a girl in Bucha. Related: he said, to the talks. Follow the money, "
            "officials said. The Guardian/Observer poll found support. Interactive maps help. "
            "A person walks past a billboard reading Sign up for a volunteer team.")
    assert clean_text(news).text == news


# ---------------------------------------------------------------- datelines
@pytest.mark.parametrize("raw, place, date, tag, agencies, rest", [
    ("LONDON -- Liz Truss resigned on Thursday.", "LONDON", "", "", [], "Liz Truss resigned on Thursday."),
    ("KHARKIV, Ukraine -- The commander warned.", "KHARKIV, Ukraine", "", "", [], "The commander warned."),
    ("Kyiv, Ukraine — Voting began on Friday.", "Kyiv, Ukraine", "", "", [], "Voting began on Friday."),
    ("United Nations — Zelenskyy spoke by video.", "United Nations", "", "", [], "Zelenskyy spoke by video."),
    ("LONDON (AP) — Boris Johnson spoke.", "LONDON", "", "AP", ["AP"], "Boris Johnson spoke."),
    ("(CNN) -- Russian troops withdrew.", "", "", "CNN", [], "Russian troops withdrew."),
    ("MINSK, 28 January (BelTA) – Talks were held.", "MINSK", "28 January", "BelTA", ["BelTA"],
     "Talks were held."),
    ("Moscow, 18 February 2022 (TDI): Talks were held.", "Moscow", "18 February 2022", "TDI", [],
     "Talks were held."),
    ("KYIV, Ukraine, March 3, 2022 (Reuters) - Russian forces advanced.", "KYIV, Ukraine",
     "March 3, 2022", "Reuters", ["Reuters"], "Russian forces advanced."),
    ("MOSCOW, Dec 9 (Reuters) — A court ruled.", "MOSCOW", "Dec 9", "Reuters", ["Reuters"], "A court ruled."),
])
def test_dateline_forms(raw, place, date, tag, agencies, rest):
    c = clean_text(raw)
    assert (c.text, c.dateline_place, c.dateline_date, c.dateline_tag, c.agencies) == (
        rest, place, date, tag, agencies)
    assert steps(c)["dateline"] == (len(raw) - len(rest), 1)


@pytest.mark.parametrize("raw", [
    "Russia said on Monday -- talks had failed.",
    "Rostech – the Russian state-owned giant – has vowed to expand.",
    "Vladimir Putin — the Russian president — spoke.",
    "Russian TV personality Ksenia Sobchak — the daughter of a mayor — fled.",
    "Warning: This story contains distressing details.",
    "Update (June 28, 10:50 a.m. ET): The story was updated.",
])
def test_a_normal_first_sentence_is_not_a_dateline(raw):
    c = clean_text(raw)
    assert c.text == raw and "dateline" not in steps(c)


# ---------------------------------------------------------------- HTML
def test_html_markup_is_removed_and_ledgered():
    raw = ('<p>Kyiv &amp; Lviv were shelled.</p><script>var x = "<b>";</script>'
           '<style>p {color: red}</style><p>Officials said it was <a href="https://x.org/a">'
           'a war crime</a>.<br/>More&#8217;s to come.</p>')
    c = clean_text(raw)
    assert c.paragraphs == ["Kyiv & Lviv were shelled.", "Officials said it was a war crime.",
                            "More’s to come."]
    # 9 tags (p, /p, p, a, /a, br, /p and the script and style blocks) + 2 entities
    untagged = "\nKyiv & Lviv were shelled.\n\nOfficials said it was a war crime.\nMore’s to come.\n"
    assert steps(c)["html"] == (len(raw) - len(untagged), 11)
    assert steps(c)["normalize"] == (3, 1)  # the leading, doubled and trailing line breaks
    assert len(c.text) == len(raw) - sum(chars for _, chars, _ in c.ledger)


def test_prose_with_angle_brackets_is_not_markup():
    raw = "If a < b and c > d, then x<y holds; AT&T said <b and c> &notanentity; too."
    c = clean_text(raw)
    assert c.text == raw and "html" not in steps(c)


def test_acute_accent_as_apostrophe_becomes_an_apostrophe():
    # AP's scrapes write "Putin´s": one token for the tokenizer unless it is an apostrophe
    c = clean_text("It is Putin´s war, the AP´s source said. An accent alone ´ stays.")
    assert c.text == "It is Putin’s war, the AP’s source said. An accent alone ´ stays."
    assert steps(c)["normalize"] == (0, 1)  # same length: nothing removed, but recorded


# ---- invisible and format characters (issue 24)

def test_format_characters_are_removed_and_ledgered_so_words_are_whole():
    raw = "Mos\u200ccow and Ky\u00adiv\u2060 met\ufeff in Kharkiv.\u200f\nRussia\u200b\u200bn forces left."
    c = clean_text(raw)
    assert c.text == "Moscow and Kyiv met in Kharkiv.\nRussian forces left."
    # ZWNJ, soft hyphen, word joiner, mid-text BOM, RLM and two zero-width spaces: 7
    assert steps(c)["format_chars"] == (7, 7)
    assert len(c.text) == len(raw) - sum(chars for chars, _ in steps(c).values())


def test_space_variants_become_plain_spaces_and_are_counted():
    raw = "Kyiv\u00a0and\u2009Lviv\u202fwere\u3000hit.\u2028Then quiet."
    c = clean_text(raw)
    assert c.text == "Kyiv and Lviv were hit.\nThen quiet."
    assert steps(c)["space_chars"] == (0, 5)  # four spaces and a line separator, none removed
    assert "format_chars" not in steps(c)


def test_format_characters_from_html_entities_and_nfc():
    c = clean_text("Mos&zwnj;cow and Kie\u0301v")  # the entity decodes to a ZWNJ; e + acute -> é
    assert c.text == "Moscow and Kiév"
    assert steps(c)["format_chars"] == (1, 1)


def test_joiners_stay_inside_scripts_that_need_them_emoji_sequences_go():
    # Persian "mikhaham" is written with a ZWNJ; a family emoji is joined by ZWJs
    c = clean_text("Talks in Tehran: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 "
                   "\U0001F468\u200d\U0001F469\u200d\U0001F467 ended.")
    assert c.text == "Talks in Tehran: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 ended."
    assert steps(c)["format_chars"] == (2, 2)  # the two ZWJs of the emoji


def test_every_unicode_format_character_is_covered():
    import unicodedata

    from analysis.characters import _FORMAT_RE
    missing = [hex(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"
               and not _FORMAT_RE.fullmatch(chr(c))]
    assert missing == []
    assert not _FORMAT_RE.search("a b\u00a0c\u200a\n\t")


def test_kwic_finds_a_word_split_by_a_format_character():
    from analysis import annotate, kwic

    c = clean_text("Troops left Mos\u200ccow on Friday.")
    docs = pd.DataFrame({"doc_id": ["d1"], "source": ["X"], "date": [pd.Timestamp("2022-03-01")],
                         "title": [""], "text": [c.text]})
    hits = kwic(annotate(docs, progress=False), "Moscow")
    assert hits[["left", "match", "right"]].values.tolist() == [["Troops left", "Moscow", "on Friday."]]
