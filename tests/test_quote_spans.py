"""Reported clauses found and cut where the writer's grammar puts them (issue 26, second
round): a report before its cue with a place phrase or an apposed speaker after it, an
"as X said" aside inside a relative clause, a "that" that belongs to the reported clause,
an adverbial after the cue, and an apposition with its own relative clause that ends the
sentence.

The passages are written for these tests in newswire style (not copied from any article
or gold set); the expected spans were worked out by reading them.
"""

from __future__ import annotations

import pytest

from quote_articles import indirect_reports

ARTICLES = {
    "place_after_cue": "The harvest will be a third smaller than last year, Romania's "
                       "agriculture minister said at the annual farm fair in the capital "
                       "Bucharest.",
    "apposed_writer": "Nobody in the ministry expected the drought to last into October, "
                      "Petra Lind, a climate scientist at Lund University, wrote in the "
                      "Financial Times.",
    "as_aside": "The council approved a plan that, as the mayor claimed, would cut bus "
                "fares in half.",
    "embedded_that": "The economist Jonas Weber said it was striking that the central bank "
                     "had kept its rates unchanged.",
    "pronoun_they": "Port officials have said they see no sign that the strike will end "
                    "soon.",
    "in_reality": "Several economists said in reality the new tariff would hurt farmers "
                  "more than traders.",
    "on_telegram": "The regional governor wrote on Telegram the water supply had been "
                   "restored in most districts.",
    "apposition_relative": "The governor told local radio that troops had pulled back from "
                           "the town, the largest held by the army in the valley, where "
                           "fighting has raged for weeks.",
    "including": "Officials said the storm had damaged dozens of buildings, including a "
                 "school and two hospitals.",
    "agency_reported": "Two people were injured when a shell hit a market in the north of the "
                       "city, Ukraine's Ukrinform agency reported, citing local officials.",
    "agency_reports": "The navy will send two more frigates to the region next month, "
                      "reports Reuters.",
    "reported_object": "The agency reported a sharp rise in grain prices in the first week "
                       "of May.",
    "aside_quote": "The governor, Maria Olsen, spoke to the bankers in Oslo. Ten years "
                   "after the crisis, she said, “the banks are still not safe enough for "
                   "the savers who trust them.”",
    "aside_and": "The talks are at an early stage, two diplomats said, and a third told "
                 "reporters no date had been set.",
    "late_that": "The president warned the Security Council on the first anniversary of the "
                 "flood that the dams would fail again.",
    "late_that_relative": "The agency warned in a long bulletin about the tropical storm "
                          "that reached the coast overnight.",
    "relative_that": "The governor said a drone that hit the depot overnight had been "
                     "launched from the sea.",
    "that_subject": "The minister said that was a mistake the government would not repeat.",
    "told_place": "The city will run out of water by May, the mayor told the broadcasters "
                  "CBC and CTV in an interview this week.",
    "told_apposed": "Retaking the port would be a major blow to the rebels, Anna Holm, a "
                    "professor of history at Lund University, told the BBC.",
    "dash_pair_participle": "Lindqvist said Sweden and Norway – criticised for slow "
                            "deliveries – should not be blamed for the delay.",
    "clause_end_in_quote": "The envoy told the council that since May “the treaty faces many "
                           "challenges, the scope of which is unlike anything before.”",
    "apposition_after_quote": "Lindqvist has said that “a trade war cannot be won and must "
                              "never be fought,” a message repeated by her deputy on Monday.",
    "at_least": "Officials said at least four people were killed when the drones struck the "
                "city.",
    "colon_after_cue": "Asked whether the council was considering ending the freeze on new "
                       "permits, city planning chief Maria Olsen did not directly address the "
                       "question but told reporters on Monday: \"Right now, there is nothing "
                       "on the table to lift that freeze.\" \"Right now, we are focused on the "
                       "harbour project,\" she said.",
    "website_listener": "The villagers gathered at the church. Another neighbour told "
                        "interia.pl: \"Jan went to work as usual and at around 4pm his wife "
                        "realised that something bad had happened.\"",
    "gerund_object": "Zelensky blamed Moscow for the strike. The Russian army denied "
                     "targeting the rail depot and insisted the whole thing was a “completely "
                     "staged provocation.”",
    "past_act": "The minister also noted the drought is making the north more dangerous for "
                "farmers and welcomed the new aid package from Brussels.",
    "past_and_past": "The minister said the drought made the north more dangerous and forced "
                     "farmers to leave.",
    "past_in_quote": "Commissioner Anna Lind said the union will implement an “immediate, "
                     "united and coordinated” response to the tariffs.",
}


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    return {d: [span for span, _ in rows] for d, rows in
            indirect_reports(ARTICLES, tmp_path_factory.mktemp("spans")).items()}


def test_a_report_before_its_cue_with_a_place_phrase_after_it(found):
    assert found["place_after_cue"] == [
        "The harvest will be a third smaller than last year"]


def test_a_report_before_an_apposed_speaker_with_a_place_phrase(found):
    """The clause before the speaker's name is the report, not the words after the cue."""
    assert found["apposed_writer"] == [
        "Nobody in the ministry expected the drought to last into October"]


def test_an_as_aside_after_a_relative_pronoun_reports_the_rest_of_the_clause(found):
    assert found["as_aside"] == ["would cut bus fares in half"]


def test_a_that_after_a_pronoun_and_verb_belongs_to_the_report(found):
    assert found["embedded_that"] == [
        "it was striking that the central bank had kept its rates unchanged"]
    assert found["pronoun_they"] == ["they see no sign that the strike will end soon"]


def test_a_sentence_adverbial_or_a_platform_after_the_cue_is_skipped(found):
    assert found["in_reality"] == [
        "the new tariff would hurt farmers more than traders"]
    assert found["on_telegram"] == [
        "the water supply had been restored in most districts"]


def test_an_apposition_with_its_relative_clause_ends_the_report(found):
    assert found["apposition_relative"] == ["troops had pulled back from the town"]


def test_including_is_no_participle_clause(found):
    assert found["including"] == [
        "the storm had damaged dozens of buildings, including a school and two hospitals"]


def test_an_agency_report_after_its_content(found):
    """"reported"/"reports" after a comma and before only its agency closes a report."""
    assert found["agency_reported"] == [
        "Two people were injured when a shell hit a market in the north of the city"]
    assert found["agency_reports"] == [
        "The navy will send two more frigates to the region next month"]
    assert "reported_object" not in found  # "reported a sharp rise": an object, no report


def test_an_aside_cue_before_a_quotation_gives_no_indirect_report(found):
    """The words before the aside are the writer's; the quotation is direct speech."""
    assert "aside_quote" not in found


def test_a_cue_set_off_by_commas_before_and_gives_two_reports(found):
    assert found["aside_and"] == ["The talks are at an early stage", "no date had been set"]


def test_a_that_after_a_listener_and_a_prepositional_phrase(found):
    assert found["late_that"] == ["the dams would fail again"]
    assert "late_that_relative" not in found  # "that reached": a relative clause, no report


def test_a_that_before_a_verb_is_no_complementiser(found):
    """After a noun it is a relative pronoun and the report starts after the cue; right
    after the cue it is the report's subject."""
    assert found["relative_that"] == [
        "a drone that hit the depot overnight had been launched from the sea"]
    assert found["that_subject"] == ["that was a mistake the government would not repeat"]


def test_a_report_before_told_with_a_listener_and_a_place_phrase(found):
    assert found["told_place"] == ["The city will run out of water by May"]


def test_a_report_before_an_apposed_speaker_and_told_with_only_a_listener(found):
    assert found["told_apposed"] == ["Retaking the port would be a major blow to the rebels"]


def test_a_pair_of_dashes_around_a_participle_stays_in_the_report(found):
    assert found["dash_pair_participle"] == [
        "Sweden and Norway – criticised for slow deliveries – should not be blamed for the "
        "delay"]


def test_a_clause_end_inside_quoted_words_is_the_speakers(found):
    (span,) = found["clause_end_in_quote"]
    assert span.startswith("since May “the treaty faces many challenges, the scope of which")


def test_an_apposition_after_a_quotation_is_the_writers(found):
    """The report is then only the quotation: a direct quote, no indirect row."""
    assert "apposition_after_quote" not in found


def test_at_least_after_the_cue_starts_a_clause(found):
    """"at least"/"at most" is a quantity, not a place preposition."""
    assert found["at_least"] == [
        "at least four people were killed when the drones struck the city"]


def test_a_colon_after_the_cue_leaves_no_report_before_it(found):
    """'told reporters on Monday: "..."' introduces a direct quote; the question before the
    comma is no report."""
    assert "colon_after_cue" not in found


def test_a_listener_with_a_dot_before_a_colon_introduces_a_direct_quote(found):
    assert "website_listener" not in found


def test_a_gerund_after_a_cue_is_an_object_not_a_report(found):
    """"denied targeting the rail depot": no report; "insisted" reports its own clause."""
    assert found["gerund_object"] == ["the whole thing was a “completely staged provocation"]


def test_another_act_in_the_cues_past_tense_ends_a_present_tense_report(found):
    assert found["past_act"] == ["the drought is making the north more dangerous for farmers"]
    # the same tense in both verbs: "forced" may be the report's, which goes on
    assert found["past_and_past"] == [
        "the drought made the north more dangerous and forced farmers to leave"]
    assert found["past_in_quote"] == [  # "and coordinated" inside quoted words
        "the union will implement an “immediate, united and coordinated” response to the "
        "tariffs"]
