"""Who speaks and what counts as a quote, on short articles written for each class of the
constructions issue 26 lists: descriptions and roles, pronouns and gender, the cue's side,
dash-introduced speech, short quotes, two reports in one sentence, mismatched marks."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis import annotate, quotes

ARTICLES = {
    "role_before": "British Prime Minister Boris Johnson met Nato Secretary General Jens "
                   "Stoltenberg in London on Monday.\n\n"
                   "Stoltenberg said the alliance would send more air defence systems to "
                   "Ukraine.\n\n"
                   "“We will not abandon Kyiv to its fate,” the prime minister said.",
    "role_after": "Dmytro Kuleba, Ukraine's foreign minister, arrived in Brussels on Tuesday "
                  "with Antony Blinken.\n\n"
                  "“We need tanks now, not in six months,” the minister told reporters.",
    "gender": "Liz Truss met Boris Johnson in London on Monday. Johnson praised the aid "
              "package.\n\n"
              "“We must keep our promises to Ukraine,” she said.",
    "possessive": "Brittney Griner appeared in a court near Moscow on Tuesday.\n\n"
                  "Her lawyer said the verdict would be appealed next week.",
    "dash_tail": "Russia could use any weapon to defend its territory, senior Russian official "
                 "Dmitry Medvedev said Sunday – the latest in a series of nuclear threats from "
                 "Moscow.",
    "aside": "Prime Minister Naftali Bennett spoke to reporters on Sunday.\n\n"
             "At the same time, he said, Israel needed to keep its channel to Moscow open.\n\n"
             "'If necessary, we will respond,' Bennett said, adding that he had spoken to "
             "Moscow about the situation.",
    "dash_speech": "Sergei Lavrov spoke after the talks in Antalya.\n\n"
                   "- We were dealing with compromise on the Russian side, and we saw no such "
                   "thing from Kyiv - he emphasized.",
    "short": "Volodymyr Zelensky visited troops in Bakhmut on Tuesday.\n\n"
             '"Ukraine will win," he said.\n\n'
             'Moscow calls the war a "special operation" in all its statements.',
    "two_reports": "Emmanuel Macron has said he would keep talking to Moscow, and David "
                   "Cameron said it was up to Kyiv to decide on any talks.",
    "it": "The Pentagon announced a new package of aid for Ukraine on Friday.\n\n"
          "It said the rockets would arrive within weeks.",
    "single": "Alexander Lukashenko met Vladimir Putin in St Petersburg on Monday.\n\n"
              "'We have been preparing for this for decades and we will respond,' Lukashenko "
              "said. The officials' statement gave no details.",
    "mismatched": 'Volodymyr Zelensky spoke in Kherson on Monday.\n\n'
                  '"We will rebuild every town and every village,” Zelensky said. '
                  '“The enemy will not break us, not this winter."',
}


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    docs = pd.DataFrame({"doc_id": list(ARTICLES), "source": "AP",
                         "date": pd.Timestamp("2022-11-14"), "text": list(ARTICLES.values()),
                         "title": "", "url": ""})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(docs, n_jobs=1, progress=False,
                       cache_dir=tmp_path_factory.mktemp("qs"))
    return quotes(ann)


def rows(found, doc_id):
    q = found[found["doc_id"] == doc_id]
    return [(r.kind, r.speaker, r.text) for r in q.itertuples()]


def test_a_role_named_before_is_that_person_not_the_one_named_last(found):
    assert rows(found, "role_before")[-1] == (
        "direct", "Boris Johnson", "We will not abandon Kyiv to its fate,")


def test_a_role_in_apposition_is_that_person(found):
    assert rows(found, "role_after") == [
        ("direct", "Dmytro Kuleba", "We need tanks now, not in six months,")]


def test_she_skips_the_man_named_last(found):
    assert rows(found, "gender") == [
        ("direct", "Liz Truss", "We must keep our promises to Ukraine,")]


def test_her_lawyer_is_a_description_not_a_name(found):
    assert rows(found, "possessive") == [
        ("indirect", "Her lawyer", "the verdict would be appealed next week")]


def test_the_words_after_a_dash_are_the_writers(found):
    assert rows(found, "dash_tail") == [
        ("indirect", "Dmitry Medvedev", "Russia could use any weapon to defend its territory")]


def test_a_cue_set_off_by_commas_reports_what_follows(found):
    assert rows(found, "aside") == [
        ("indirect", "Naftali Bennett", "Israel needed to keep its channel to Moscow open"),
        ("direct", "Naftali Bennett", "If necessary, we will respond,"),
        ("indirect", "Naftali Bennett", "he had spoken to Moscow about the situation")]


def test_speech_between_dashes(found):
    assert rows(found, "dash_speech") == [
        ("direct", "Sergey Lavrov",
         "We were dealing with compromise on the Russian side, and we saw no such thing from Kyiv")]


def test_a_short_quote_with_a_cue_but_no_scare_quote(found):
    assert rows(found, "short") == [("direct", "Volodymyr Zelensky", "Ukraine will win,")]


def test_two_reports_in_one_sentence(found):
    assert rows(found, "two_reports") == [
        ("indirect", "Emmanuel Macron", "he would keep talking to Moscow"),
        ("indirect", "David Cameron", "it was up to Kyiv to decide on any talks")]


def test_mismatched_marks_close_each_other(found):
    assert rows(found, "mismatched") == [
        ("direct", "Volodymyr Zelensky", "We will rebuild every town and every village,"),
        ("direct", "Volodymyr Zelensky", "The enemy will not break us, not this winter.")]


def test_it_is_the_organisation_that_starts_the_sentence_before(found):
    assert rows(found, "it") == [
        ("indirect", "Pentagon", "the rockets would arrive within weeks")]


def test_straight_single_marks_are_quotes_and_apostrophes_are_not(found):
    assert rows(found, "single") == [
        ("direct", "Alexander Lukashenko",
         "We have been preparing for this for decades and we will respond,")]
