"""The speaker phrase (issue 26, the phrase round): which words of the sentence name the
speaker. Each passage is written for the test in news style (not copied from an article or a
gold set); the expected speakers are worked out by hand from the grammar of the sentence:
the subject of the clause the cue heads, without adverbs, time phrases and appositions; the
noun phrase after "according to" up to its clause's end; an unnamed subject kept whole."""

from __future__ import annotations

import pytest
from quote_articles import annotate_texts_of

PASSAGES = {
    # an apposition after the head phrase: the head speaks
    "apposition_head": "Satellite images show a new line of trenches near the border.\n\n"
                       "A researcher for Maxar, the satellite imaging company, told reporters "
                       "the trenches were at least ten miles long.",
    # a name with an initial and an apposition after a quote: ten words before the cue
    "initial_apposition": "The city's mayor, Oleksandr Senkevych, said on Telegram that water "
                          "supplies had been restored.\n\n"
                          "“Winter will be the hardest test of this war for millions of "
                          "people,” Jean-Paul R. Martin, the Red Cross regional director for "
                          "Europe, said Friday.",
    # a description, then the name, after a quote
    "name_last": "Shelling went on through the night.\n\n"
                 "“The Russians are hitting homes and schools every hour,” the governor of "
                 "the eastern region of Kharkiv, Oleh Syniehubov, wrote on Telegram.",
    # words between the subject and its cue
    "time_between": "Moscow repeated its claim about the dam on Sunday.\n\n"
                    "The State Department on Monday again said that the Russian claims were "
                    "false.",
    "participle_between": "The Free Press Union representing journalists in the region even "
                          "announced that it would file a complaint against the ministry.",
    "scare_quote_between": "The Free Press Union representing the victims of “state "
                           "repression” even announced that it would take the case to the "
                           "European court.",
    # the quote's cue is a participle after it; the speaker is the subject before
    "adding": "Sauli Niinisto said Helsinki would apply to join Nato within weeks. "
              "Niinisto also said Moscow had “no grounds to object to the decision of a "
              "sovereign nation”, adding: “We have told the Kremlin so directly.”",
    # a participle cue: the subject after a participle opener; "while" + participle
    "buoyed": "Buoyed by the success of the recent attacks, the Ukrainian Defence Ministry has "
              "called on Russian troops to leave the city, warning that they will be "
              "“destroyed” if they stay.",
    "while_warning": "Pope Francis spoke to the editors of Jesuit journals in Rome.\n\n"
                     "The pontiff condemned the “cruelty of the troops in the east of the "
                     "country” while warning against a simple picture of good and evil.",
    "itself": "The Kremlin itself chimed in, praising the proposal but warning that Russia "
              "would not give up the four regions.",
    # a dash before the cue of a quote starts the speaker's clause
    "dash": "The bridge has served as the main supply route into the city - a western "
            "official said that commanders had “decided the city is no longer worth holding”.",
    # "Name, apposition, relative clause," after a quote
    "relative_apposition": "Drones hit the outskirts of the capital overnight.\n\n"
                           "“Air defence is working above the city, so stay in shelters,” "
                           "Olena Kovalenko, the mayor of Brovary, which lies east of the "
                           "capital, said on Facebook.",
    # a quote with no speech verb, the object of a clause of one verb
    "called_the": "The secretary general visited Odesa on Friday.\n\n"
                  "Guterres called the agreement “a beacon of hope for the hungry people of "
                  "the world”.",
    "colon_unnamed": "Reporters spoke to shoppers in Moscow on Saturday.\n\n"
                     "One woman said: \"Prices have doubled since the spring.\"\n\n"
                     "A young student vocalised: \"Nobody asked us what we wanted.\"",
    # "another": a new source, never the one before; alone, the noun of "One ..." before
    "another": "A neighbour told local radio: \"We all heard the blast at four o'clock.\"\n\n"
               "Another neighbour told the newspaper: \"The windows of the whole street were "
               "blown out.\"",
    "another_alone": "Two injured workers spoke to the BBC from hospital. One injured worker "
                     "described a loud blast near the gate. Another said he had lost the "
                     "hearing in one ear.",
    "described_as": "Rescuers searched the rubble through the night.\n\n"
                    "A woman described as tearful said: \"My whole street is gone and nobody "
                    "has come to help.\"",
    # "according to": the noun phrase up to its clause's end
    "according_after_quote": "The memorial honours “volunteers who came to defend the "
                             "country from the first day” and now includes him, according to "
                             "Reuters.",
    "according_while": "Russian officials began handing out passports in Melitopol on "
                       "Friday, according to the Institute for the Study of War, while "
                       "Ukraine's military said resistance was growing in the south.",
    "according_apposed": "The blast killed two men at a grain dryer, according to the local "
                         "mayor, Grzegorz Drewnik.",
    # two verbs sharing one subject
    "two_verbs": "Meanwhile, the leader of the Green Party, Maria Lindqvist, criticised “the "
                 "hysterical and cruel response” to the minister's remarks and said that he "
                 "“has every right to speak his mind” on the war.",
    "two_verbs_object": "The Ukrainian leader accused Moscow of using “nuclear” blackmail "
                        "tactics, and said the world must respond with force.",
    # a cue after a modal reports nothing; the "according to" before it does
    "modal": "According to the minister, the allies should tell Moscow: “Any strike on a "
             "nuclear plant will be answered.”",
    # a relative clause after a quote is no cue of it
    "relative_after": "The ambassador spoke at the Security Council on Friday.\n\n"
                      "Vassily Nebenzia said, “the only threat to Ukraine is its own "
                      "government,” which he claimed takes orders from abroad.",
}


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    return annotate_texts_of(PASSAGES, tmp_path_factory.mktemp("phrases"))[1]


def speakers(found, doc_id: str, kind: str | None = None) -> list[str]:
    rows = found[found["doc_id"] == doc_id]
    rows = rows if kind is None else rows[rows["kind"] == kind]
    return rows["speaker"].tolist()


def test_the_head_phrase_speaks_not_its_apposition(found):
    assert speakers(found, "apposition_head") == ["a researcher for Maxar"]


def test_a_name_with_an_initial_and_an_apposition_after_a_quote(found):
    assert speakers(found, "initial_apposition", "direct") == ["Jean-Paul Martin"]


def test_a_description_then_a_name_after_a_quote_is_the_name(found):
    assert speakers(found, "name_last") == ["Oleh Syniehubov"]


def test_time_phrases_and_adverbs_before_the_cue_are_left_out(found):
    assert speakers(found, "time_between") == ["State Department"]


def test_a_named_subject_speaks_without_its_participle_clause(found):
    assert speakers(found, "participle_between") == ["Free Press Union"]
    assert speakers(found, "scare_quote_between") == ["Free Press Union"]


def test_a_participle_cue_after_a_quote_speaks_for_the_subject_before(found):
    rows = found[found["doc_id"] == "adding"]
    direct = rows[rows["kind"] == "direct"]
    assert direct["text"].tolist() == [
        "no grounds to object to the decision of a sovereign nation",
        "We have told the Kremlin so directly."]
    assert set(rows["speaker"]) == {"Sauli Niinisto"}


def test_a_participle_cue_speaks_for_the_subject_after_a_participle_opener(found):
    assert speakers(found, "buoyed") == ["Ukrainian Defence Ministry"]
    assert speakers(found, "while_warning") == ["Francis"]
    assert speakers(found, "itself") == ["the Kremlin"]


def test_a_dash_before_the_cue_starts_the_speakers_clause(found):
    assert speakers(found, "dash", "direct") == ["a western official"]


def test_a_name_with_an_apposition_and_a_relative_clause_after_a_quote(found):
    assert speakers(found, "relative_apposition") == ["Olena Kovalenko"]


def test_a_quote_without_a_speech_verb_is_its_clauses_subjects(found):
    assert speakers(found, "called_the") == ["Guterres"]
    assert speakers(found, "colon_unnamed") == ["One woman", "a young student"]


def test_another_is_a_new_source(found):
    assert speakers(found, "another", "direct") == ["a neighbour", "Another neighbour"]
    assert speakers(found, "another_alone") == ["another injured worker"]


def test_an_unnamed_subject_with_a_participle_clause_is_kept_whole(found):
    assert speakers(found, "described_as") == ["a woman described as tearful"]


def test_according_to_runs_to_the_end_of_its_clause(found):
    assert speakers(found, "according_after_quote") == ["Reuters", "Reuters"]
    assert speakers(found, "according_while") == [  # the "while" clause is a second report
        "the Institute for the Study of War", "Ukraine's military"]
    assert speakers(found, "according_apposed") == ["Grzegorz Drewnik"]


def test_a_second_verb_shares_the_subject_of_the_first(found):
    assert set(speakers(found, "two_verbs")) == {"Maria Lindqvist"}
    assert len(speakers(found, "two_verbs", "direct")) == 2
    assert speakers(found, "two_verbs_object") == ["the Ukrainian leader"]


def test_a_cue_after_a_modal_reports_nothing(found):
    assert speakers(found, "modal", "direct") == ["the minister"]


def test_a_relative_clause_after_a_quote_is_no_cue(found):
    assert [s.split()[-1] for s in speakers(found, "relative_after", "direct")] == ["Nebenzia"]
