"""The short articles the quote tests are written for (tests/test_quotes.py, test_voices.py)."""

from __future__ import annotations

import warnings

import pandas as pd

from analysis import annotate, quotes

ARTICLES = {
    "before": 'Russia will not attack anyone, officials in Moscow insisted on Monday.\n\n'
              '"We have no plans to invade Ukraine," Kremlin spokesman Dmitry Peskov said.',
    "after": "Ukrainian President Volodymyr Zelensky spoke in Kyiv on Friday.\n\n"
             "Zelensky said: “We will defend every meter of our land.”",
    "inside": "Foreign Minister Sergei Lavrov spoke to reporters in Moscow.\n\n"
              '"We are ready to talk to everyone," he said, "but not under threats from the West."',
    "pronoun": "Ursula von der Leyen arrived in Kyiv on Friday with a new aid package.\n\n"
               "“Europe stands with Ukraine today and tomorrow,” she said.",
    "spanning": "Boris Johnson addressed parliament on Tuesday.\n\n"
                "Johnson said: “The situation in the east is very difficult.\n\n"
                "“But we will keep sending help to Ukraine,” he added.",
    "according": "According to the embassy, the ambassador was summoned on Monday morning.\n\n"
                 "Russian troops have withdrawn from the city, according to Ukrainian officials.",
    "indirect": "Dmitry Peskov spoke on Monday.\n\n"
                "Peskov told reporters that the talks had stalled again in Istanbul.\n\n"
                "The talks will resume next week, a senior official said.",
    "none": "The river rose overnight. Farmers moved their cattle to higher ground before dawn.",
    "unbalanced": 'Antony Blinken said: "This is where the road ends for all of us.\n\n'
                  "Nothing more followed ” after that.",
}


def annotate_articles(cache_dir):
    """``(annotations, quotes)`` of :data:`ARTICLES` (AP, BBC and RT, three articles each)."""
    docs = pd.DataFrame({"doc_id": list(ARTICLES), "source": ["AP", "AP", "AP", "BBC", "BBC",
                                                              "BBC", "RT", "RT", "RT"],
                         "date": pd.Timestamp("2022-03-01"), "text": list(ARTICLES.values()),
                         "title": "", "url": ""})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(docs, n_jobs=1, progress=False, cache_dir=cache_dir)
    return ann, quotes(ann)
