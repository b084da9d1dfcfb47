"""clean_text: every step on small texts written for the purpose, then on the seeds."""

from __future__ import annotations

import re

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
