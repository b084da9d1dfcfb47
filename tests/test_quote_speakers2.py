"""Organisations, groups and unnamed sources as speakers (issue 26, second round; "Who the
speaker is" in docs/quotes.md): passages written for these tests in newswire style (not
copied from any article or gold set), the expected speakers worked out by reading them."""

from __future__ import annotations

import pytest

from quote_articles import annotate_texts_of, kinds_and_speakers

ARTICLES = {
    # an organisation that speaks is not the spokesman the article names with its name
    "kremlin": "Dmitry Peskov spoke to reporters on Monday. The Kremlin has insisted that its "
               "offer of talks should be taken seriously. Kremlin spokesman Dmitry Peskov said: "
               "“The refusal of our offer is a mistake that Europe will come to regret.”",
    "white_house": "The White House on Thursday welcomed the deal but said the real test was "
                   "whether it would hold through the winter. “We are cautiously optimistic about "
                   "what was signed today,” said John Kirby, the White House spokesman.",
    "department": "Ned Price, the State Department spokesman, declined to comment on Monday. "
                  "The two men had been held since March, the State Department has said.",
    # the noun phrase after "with" or a verb of quoting speaks the participle after it
    "with": "Tensions on the border rose again on Wednesday. The standoff continues with "
            "Lithuania saying that two drones had crossed into its airspace overnight.",
    "quoted": "Few of the deputies are women, reported the Times, which quoted analysts saying "
              "that the attacks on the minister were part of a wider campaign.",
    "filled": "Governor Ivan Petrenko was filmed in the back of a van filled with boxes and "
              "bags saying that the evacuation of the city was going to plan.",
    # an unnamed noun phrase with a participle clause speaks whole
    "one_source": "Two officials familiar with the talks said a deal was close. It was not "
                  "clear when it would be signed. One official briefed on the talks said the "
                  "two sides still disagreed over the grain corridor.",
    "those": "Her brother arrived at the site of the strike on Tuesday. Later, those helping "
             "clear the debris told him that she had died in the blast.",
    "analysts": "Military analysts doubting the official figures have pointed out that the new "
                "missile was tested only twice before it was put into service.",
    "released": "Volunteers from several countries were also fighting near the city, according "
                "to a video report released on Sunday.",
    "made_by": "Two Texas men who went to fight in Ukraine have gone missing, according to "
               "statements made by their families amid fears they were captured.",
    # a possessive phrase with a modifier of its own is not the organisation named before
    "special": "Ukrainian Armed Forces said they had retaken the village on Monday. Later, "
               "Ukraine's special forces admitted that their reports of a southern offensive "
               "had been a deception.",
    # the subject of "as ..." after "It comes" speaks, with its prepositional phrase
    "comes_as": "One resident said that the windows of her flat were blown out by the blast. "
                "Rescue teams worked through the night. It comes as a confidential report from "
                "the country's top generals warns that the army is short of ammunition.",
    # a clip or a video showing someone speaking: that someone
    "clip": "The checkpoints were left unmanned on Friday. A clip on Telegram also showed a "
            "local official telling residents “there is no reason at all to panic” before he "
            "drove off.",
    "comes_after": "The White House called the claims absurd. The council met again on "
                   "Friday. It comes after Russia's ambassador to the UN Ivan Sorokin claimed "
                   "in March that the grain deal had been broken by the West.",
    # the object of a verb before "for"/"of" speaks the participle after it
    "for_saying": "Former admiral James Cole spoke on Sunday. Cole also criticized President "
                  "Joe Biden for saying last week that the risk of a nuclear war was at its "
                  "highest in sixty years.",
    # an untyped name with an apposition that ends in a word for a person is a person
    "apposed": "“Nobody should be allowed to treat prisoners of war like this,” Robert Jenrick "
               "said.\n\nZoltar Amberly, the charity's regional crisis response manager, "
               "called the sentences “grotesque”.\n\n“This trial always looked like a show "
               "trial designed to put pressure on the government in London,” he said.",
    # a lead that describes its speaker, who is named as the subject of a cue right after
    "lede": "The shelling of the port was a deliberate crime, a close aide of the governor "
            "has said. “They knew there were only civilians there,” Mykola Hrytsenko told "
            "reporters on Tuesday.",
    # ... but not a person named after it who reports nothing
    "lede_anon": "Russia has lost half of its tanks, a senior Western official said on Friday. "
                 "President Joe Biden met his advisers at the White House later in the day.",
}


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    return annotate_texts_of(ARTICLES, tmp_path_factory.mktemp("qs2"), date="2022-11-14")


speakers = kinds_and_speakers


def norm(speaker: str) -> str:
    return speaker.lower().removeprefix("the ")


@pytest.mark.parametrize("doc_id, organisation, spokesman", [
    ("kremlin", "kremlin", "Dmitry Peskov"),
    ("white_house", "white house", "John Kirby"),
    ("department", "state department", None)])
def test_an_organisation_is_not_its_spokesman(annotated, doc_id, organisation, spokesman):
    found = speakers(annotated, doc_id)
    assert [norm(s) for k, s in found if k == "indirect"] == [organisation]
    assert [s for k, s in found if k == "direct"] == ([spokesman] if spokesman else [])


def test_the_noun_phrase_after_with_or_quoted_speaks_the_participle(annotated):
    assert speakers(annotated, "with") == [("indirect", "Lithuania")]
    # the clause before ", reported the Times," is the Times' report; the one after
    # "which quoted analysts saying that" the analysts'
    assert speakers(annotated, "quoted") == [("indirect", "Times"), ("indirect", "analysts")]
    # ... but not after a participle: "a van filled with boxes and bags announcing"
    assert speakers(annotated, "filled") == [("indirect", "Ivan Petrenko")]


@pytest.mark.parametrize("doc_id, expected", [
    ("one_source", ["two officials familiar with the talks",
                    "one official briefed on the talks"]),
    ("analysts", ["military analysts doubting the official figures"]),
    ("released", ["a video report released on sunday"])])
def test_an_unnamed_noun_phrase_with_a_participle_clause_speaks_whole(annotated, doc_id,
                                                                      expected):
    assert [s.lower() for _, s in speakers(annotated, doc_id)] == expected


def test_those_with_a_participle_clause_speak_whole_but_a_report_made_by_someone_is_theirs(
        annotated):
    assert [s.lower() for _, s in speakers(annotated, "those")] == [
        "those helping clear the debris"]
    assert [s.lower() for _, s in speakers(annotated, "made_by")] == ["their families"]


def test_a_phrase_with_a_modifier_the_earlier_name_lacks_is_another_organisation(annotated):
    assert speakers(annotated, "special") == [("indirect", "Ukrainian Armed Forces"),
                                              ("indirect", "Ukraine's special forces")]


def test_the_subject_of_as_after_it_comes_speaks_not_the_unnamed_person_before(annotated):
    assert [s.lower() for _, s in speakers(annotated, "comes_as")] == [
        "one resident", "a confidential report from the country's top generals"]


def test_a_clip_showing_someone_speaking_is_theirs(annotated):
    assert ("direct", "a local official") in speakers(annotated, "clip")


def test_a_person_after_it_comes_after_speaks(annotated):
    assert speakers(annotated, "comes_after")[-1] == ("indirect", "Ivan Sorokin")


def test_the_object_of_criticized_for_saying_speaks(annotated):
    assert speakers(annotated, "for_saying") == [("indirect", "Joe Biden")]


def test_he_after_a_name_with_a_person_apposition_is_that_name(annotated):
    found = speakers(annotated, "apposed")
    assert found[0] == ("direct", "Robert Jenrick")
    assert found[-1] == ("direct", "Zoltar Amberly")


def test_a_description_in_the_lead_is_the_person_named_as_a_speaker_next(annotated):
    assert speakers(annotated, "lede") == [("indirect", "Mykola Hrytsenko"),
                                           ("direct", "Mykola Hrytsenko")]
    assert speakers(annotated, "lede_anon") == [("indirect", "a senior Western official")]
