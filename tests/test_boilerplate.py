"""Boilerplate found by its shape, on articles written in the style of outlets that are not in
the corpus and that no lexicon entry names (Al Jazeera, Kyiv Independent, TASS, Politico, The
New York Times): every expected text below was worked out by hand from the article."""

from __future__ import annotations

import pytest

from analysis.boilerplate import CLASSES, remove_shapes
from analysis.cleaning import clean_text


def steps(cleaned) -> dict[str, tuple[int, int]]:
    return {step: (chars, count) for step, chars, count in cleaned.ledger}


AL_JAZEERA = """Kyiv, Ukraine – Air raid sirens sounded across the capital early on Tuesday as Russia launched another wave of drones.
The Ukrainian air force said it had shot down 28 of the 31 drones.
“We heard at least six explosions,” said Olena Hnatiuk, a resident of the Solomianskyi district.
Follow Al Jazeera English:
Source: Al Jazeera and news agencies"""

KYIV_INDEPENDENT = ("Russian forces attacked Kharkiv Oblast 42 times over the past day, killing two "
                    "civilians, Governor Oleh Syniehubov reported on Feb. 3. A 67-year-old man was "
                    "wounded in Kupiansk. We've been covering the war since day one. Support "
                    "independent journalism in Ukraine. Join us today. Ukraine war latest: "
                    "Zelensky meets Nordic leaders in Kyiv Related: Russia hits Odesa port "
                    "overnight")

TASS = ("MOSCOW, March 3. /TASS/. Russian Foreign Minister Sergey Lavrov will hold talks with "
        "his Turkish counterpart in Antalya, the ministry said on Thursday. The meeting was "
        "agreed last week. Follow TASS on Telegram and VK to stay up to date with the news.")

POLITICO = """BRUSSELS — EU leaders agreed on Thursday to open accession talks with Ukraine.
“We will stand by Ukraine for as long as it takes,” Commission President Ursula von der Leyen said.
Sign up for POLITICO Europe’s Brussels Playbook newsletter, delivered every weekday morning.
Hungary’s Viktor Orbán left the room before the vote.
More from Politico Europe
EU unveils 12th sanctions package against Russia
Orbán’s veto threat hangs over Ukraine aid
What to watch at the December summit
Share this article
Copy link"""

NYT = """Advertisement
Supported by
KYIV, Ukraine — Russian missiles struck power stations across Ukraine on Monday, officials said.
Image
Firefighters worked at the site of a strike in Kyiv on Monday.Credit...Nicole Tung for The New York Times
The attacks left hundreds of thousands of people without electricity.
Share full article
Read 312 Comments
A version of this article appears in print on Oct. 18, 2022, Section A, Page 1 of the New York edition with the headline: Russian Strikes Hit Power Plants."""


@pytest.mark.parametrize("raw, text, ledger", [
    (AL_JAZEERA,
     "Air raid sirens sounded across the capital early on Tuesday as Russia launched another "
     "wave of drones.\nThe Ukrainian air force said it had shot down 28 of the 31 drones.\n"
     "“We heard at least six explosions,” said Olena Hnatiuk, a resident of the Solomianskyi "
     "district.",
     {"prompt": 1, "caption": 1}),
    (KYIV_INDEPENDENT,
     "Russian forces attacked Kharkiv Oblast 42 times over the past day, killing two civilians, "
     "Governor Oleh Syniehubov reported on Feb. 3. A 67-year-old man was wounded in Kupiansk. "
     "We've been covering the war since day one.",
     {"prompt": 1, "link_list": 1}),
    (TASS,
     "Russian Foreign Minister Sergey Lavrov will hold talks with his Turkish counterpart in "
     "Antalya, the ministry said on Thursday. The meeting was agreed last week.",
     {"prompt": 1}),
    (POLITICO,
     "EU leaders agreed on Thursday to open accession talks with Ukraine.\n“We will stand by "
     "Ukraine for as long as it takes,” Commission President Ursula von der Leyen said.\n"
     "Hungary’s Viktor Orbán left the room before the vote.",
     # "Share this article" is a pattern of boilerplate.txt (ledger step "boilerplate")
     {"signup": 1, "link_list": 4, "prompt": 1}),
    (NYT,
     "Russian missiles struck power stations across Ukraine on Monday, officials said.\n"
     "Firefighters worked at the site of a strike in Kyiv on Monday.\n"
     "The attacks left hundreds of thousands of people without electricity.",
     {"caption": 2, "prompt": 4}),  # "Advertisement": boilerplate.txt
], ids=["al_jazeera", "kyiv_independent", "tass", "politico", "nyt"])
def test_boilerplate_of_outlets_never_seen(raw, text, ledger):
    c = clean_text(raw)
    assert c.text == text
    got = steps(c)
    assert {cls: got[cls][1] for cls in CLASSES if cls in got} == ledger
    # nothing lost silently: the ledger accounts for every character
    assert len(c.text) == len(raw) - sum(chars for chars, _ in got.values())
    assert sorted(cls for cls, _ in c.removed_lines) == sorted(
        cls for cls, n in ledger.items() for _ in range(n))


def test_tass_dateline_gives_the_tag():
    c = clean_text(TASS)
    assert (c.dateline_place, c.dateline_date, c.dateline_tag) == ("MOSCOW", "March 3", "TASS")


def test_ap_dateline_without_space_after_the_dash():
    c = clean_text("KYIV, Ukraine (AP)—The Ukrainian military said Sunday it had retaken a village.")
    assert c.text == "The Ukrainian military said Sunday it had retaken a village."
    assert c.dateline_tag == "AP"
    # without a tag, a dash with no space is a compound, not a dateline
    assert clean_text("NATO—Russia talks ended.").text == "NATO—Russia talks ended."


@pytest.mark.parametrize("cls, raw, kept, cut", [
    ("signup", "Kyiv was hit overnight. Sign up to our free Europe Daily newsletter. The mayor spoke.",
     "Kyiv was hit overnight. The mayor spoke.", ["Sign up to our free Europe Daily newsletter."]),
    ("signup", "Talks stalled. Subscribe to the Morning Briefing email The talks resume on Monday.",
     "Talks stalled. The talks resume on Monday.", ["Subscribe to the Morning Briefing email"]),
    ("signup", "Prices rose. By signing up you agree to our privacy notice and terms of service. "
     "Gas fell.", "Prices rose. Gas fell.",
     ["By signing up you agree to our privacy notice and terms of service."]),
    ("link_list", "The war goes on. Other Topics of Interest Russia's economy Nato summit in Vilnius",
     "The war goes on.", ["Other Topics of Interest Russia's economy Nato summit in Vilnius"]),
    ("caption", "View image in fullscreen Rescuers search the rubble in Dnipro. Photograph: Jane "
     "Doe/Reuters", "Rescuers search the rubble in Dnipro.",
     ["View image in fullscreen", "Photograph: Jane Doe/Reuters"]),
    ("caption", "Image caption, Residents queue for water in Mykolaiv (Image: Getty Images) Water "
     "is scarce.", "Residents queue for water in Mykolaiv Water is scarce.",
     ["Image caption,", "(Image: Getty Images)"]),
    ("prompt", "Prices fell. This story was republished from the Kyiv Post under a licence agreement.",
     "Prices fell.", ["This story was republished from the Kyiv Post under a licence agreement."]),
    ("prompt", 'WEEKLY BRIEF Download the Example News app and choose "World" to get alerts. Talks '
     "resume.", "WEEKLY BRIEF Talks resume.",
     ['Download the Example News app and choose "World" to get alerts.']),
    ("prompt", "The ship sank. Share Facebook Twitter WhatsApp Email It had 500 crew.",
     "The ship sank. It had 500 crew.", ["Share Facebook Twitter WhatsApp Email"]),
])
def test_each_shape_cuts_the_junk_and_keeps_the_sentences(cls, raw, kept, cut):
    paras, removed = remove_shapes([raw], cls)
    assert paras == [kept]
    assert removed == cut


@pytest.mark.parametrize("text", [
    # news that uses the words of boilerplate
    "Russians are being urged to sign up for the volunteer battalion, the governor said.",
    "Meta changed its privacy policy in 2021 after a ruling in Brussels.",
    "Related talks were held in Istanbul.",
    "Follow-up talks will be held in Geneva.",
    "Like Trump on Twitter, Musk has attacked Zelensky. The photo by the agency was staged.",
    "The government needs to share this vital information to help people use less energy.",
    "He said the image caption was misleading and the footage was from 2014.",
    "Officials told residents to download the air-raid app before winter.",
    "This article was the first to report the strike.",
    "Photographs of the site were published by the ministry.",
    "Subscribers to the Kremlin-backed channel grew by a third. Read the statement carefully.",
])
def test_news_sentences_are_not_boilerplate(text):
    for cls in CLASSES:
        assert remove_shapes([text], cls) == ([text], [])


def test_a_list_inside_an_article_stays_a_trailing_run_of_titles_goes():
    items = ["The package includes:", "Stinger anti-aircraft systems", "Javelin anti-armor systems",
             "Night vision devices", "The Pentagon said more would follow."]
    assert remove_shapes(items, "link_list") == (items, [])
    article = ["The Pentagon said more would follow.", "Russia hits Kyiv again",
               "Who is Yevgeny Prigozhin", "Inside the battle for Bakhmut"]
    assert remove_shapes(article, "link_list") == (article[:1], article[1:])
    # a text of short lines only (a list, a poem) is not emptied
    assert remove_shapes(article[1:], "link_list") == (article[1:], [])


def test_unknown_class_is_refused():
    with pytest.raises(ValueError, match="cls must be one of"):
        remove_shapes(["x"], "footer")


@pytest.mark.parametrize("text, kept", [
    ('He said it was over." ___ Follow AP´s coverage of the war in Ukraine at '
     'https://apnews.com/hub/russia-ukraine Villagers gather on Monday.',
     'He said it was over." Villagers gather on Monday.'),
    ("The news was out. ___ Follow all AP stories on the war in Ukraine at https;// Russian "
     "missiles hit Kyiv on Monday.", "The news was out. ___ Russian missiles hit Kyiv on Monday."),
    ("The talks ended. ___ Follow Jon Gambrell on Twitter at www.twitter.com/jgambrell. "
     "Russia said no.", "The talks ended. ___ Russia said no."),
    # news that merely uses the verb stays
    ("Erdogan said he would follow up with Putin.", "Erdogan said he would follow up with Putin."),
    ("Officials follow the stories of the war closely at the ministry.",
     "Officials follow the stories of the war closely at the ministry."),
])
def test_follow_prompts_after_a_separator_rule(text, kept):
    assert clean_text(text).text == kept
