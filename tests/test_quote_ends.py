"""Where a reported clause ends (issue 26): parallel "that" clauses are two reports, and
the writer's words after an unpaired spaced dash are not the speaker's; and what is no
reported clause at all (a direct quote's introduction, a cue word used as a noun, "say
goodbye").

The passages are written for these tests in newswire style (not copied from any article
or gold set); the expected spans were worked out by reading them.
"""

from __future__ import annotations

import pytest

from quote_articles import indirect_reports

ARTICLES = {
    "and_that": "The finance minister, Erik Lund, said on Tuesday that grain exports had "
                "doubled since the spring and that the port of Gdansk would stay open all "
                "winter.",
    "and_that_no_that": "Lund said grain exports had doubled and that was enough for now.",
    "and_that_second_only": "Lund said grain exports had doubled and that this would "
                            "keep prices down.",
    "dash_writer": "The mayor, Anna Berg, said the shelter would open on Monday - a promise "
                   "she had made twice before.",
    "dash_pair": "Berg said the two bridges - both damaged in the storm - would be rebuilt "
                 "by the summer.",
    "dash_in_quote": "Berg said the flood “which nobody here expected – has changed the "
                     "town for good”.",
    "dash_next_report": "Norway says the cable was cut by a ship's anchor - although the "
                        "Danish navy said it had found no ship in the area.",
    "colon_listener": "A neighbour told local radio: \"We all know each other here, it is a "
                      "small village.\"",
    "such_claims": "Kyiv said it had retaken two villages. Such claims are hard to verify "
                   "amid the heavy fighting in the region.",
    "goodbye": "The prime minister and the general say goodbye at the air base in the north "
               "of the country on Friday.",
}


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    return indirect_reports(ARTICLES, tmp_path_factory.mktemp("ends"))


def test_parallel_that_clauses_are_two_reports(found):
    assert found["and_that"] == [
        ("grain exports had doubled since the spring", "Erik Lund"),
        ("the port of Gdansk would stay open all winter", "Erik Lund")]


def test_and_that_without_an_opening_that_stays_one_clause(found):
    """No "that" after the cue: one report, which starts after the cue (it used to start
    after "and that", six words on, as if "that" were the first clause's complementiser)."""
    assert [s for s, _ in found["and_that_no_that"]] == [
        "grain exports had doubled and that was enough for now"]
    assert [s for s, _ in found["and_that_second_only"]] == [
        "grain exports had doubled and that this would keep prices down"]


def test_an_unpaired_dash_ends_the_report(found):
    assert found["dash_writer"] == [("the shelter would open on Monday", "Anna Berg")]


def test_a_pair_of_dashes_is_an_aside_inside_the_report(found):
    assert found["dash_pair"] == [
        ("the two bridges - both damaged in the storm - would be rebuilt by the summer",
         "Berg")]


def test_a_dash_inside_quoted_words_is_the_speakers(found):
    (span, _), = found["dash_in_quote"]  # the final closing mark is trimmed (as before)
    assert span.startswith("the flood “which nobody here expected – has changed the town")


def test_a_report_after_the_dash_is_found_with_its_own_speaker(found):
    assert found["dash_next_report"] == [
        ("the cable was cut by a ship's anchor", "Norway"),
        ("it had found no ship in the area", "the Danish navy")]


def test_a_colon_after_the_listener_introduces_a_direct_quote_only(found):
    assert "colon_listener" not in found  # the quoted words are a direct quote, no report


def test_a_cue_word_after_such_is_a_noun(found):
    assert [s for s, _ in found["such_claims"]] == ["it had retaken two villages"]


def test_saying_goodbye_reports_nothing(found):
    assert "goodbye" not in found
