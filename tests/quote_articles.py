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


def annotate_texts_of(articles: dict, cache_dir, *, source="AP", date="2022-03-01"):
    """``(annotations, quotes)`` of ``articles`` (doc_id -> text; ``source`` one outlet or
    one per article)."""
    docs = pd.DataFrame({"doc_id": list(articles), "source": source,
                         "date": pd.Timestamp(date), "text": list(articles.values()),
                         "title": "", "url": ""})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(docs, n_jobs=1, progress=False, cache_dir=cache_dir)
    return ann, quotes(ann)


def indirect_reports(articles: dict, cache_dir) -> dict:
    """doc_id -> ``[(span text, speaker)]`` of the indirect quotes found in ``articles``."""
    ann, q = annotate_texts_of(articles, cache_dir)
    texts = dict(zip(ann.docs["doc_id"], ann.docs["text"]))
    rows = q[q["kind"] == "indirect"]
    return {d: [(texts[d][s:e], sp) for s, e, sp in zip(g["start"], g["end"], g["speaker"])]
            for d, g in rows.groupby("doc_id")}


def kinds_and_speakers(found, doc_id: str) -> list[tuple[str, str]]:
    """``(kind, speaker)`` of the quotes of ``doc_id`` (``found``: what
    :func:`annotate_texts_of` returns), in document order."""
    q = found[1]
    return [(r.kind, r.speaker) for r in q[q["doc_id"] == doc_id].itertuples()]


def annotate_articles(cache_dir):
    """``(annotations, quotes)`` of :data:`ARTICLES` (AP, BBC and RT, three articles each)."""
    return annotate_texts_of(ARTICLES, cache_dir, source=["AP"] * 3 + ["BBC"] * 3 + ["RT"] * 3)


# Passages for the third round of issue 26 (tests/test_quotes.py): one construction each,
# written in newswire style for the test (not copied from any article or gold set).
NEWSWIRE = {
    "before_participle": "Western sanctions will cost Europe more than Russia, Putin said, "
                         "pointing to gas prices that had tripled since the spring.",
    "before_which": "The bridge, which links the peninsula to the mainland, was badly damaged "
                    "on Saturday, according to the Associated Press.",
    "fronted": "Interior minister Anna Berg spoke in Oslo on Monday.\n\n"
               "The two main threats, she said, are cyber attacks and disinformation spread "
               "online.",
    "noun_object": "Russia has denied repeated requests by the Red Cross to visit the camp.",
    "clause_object": "The ministry announced all four regions had voted to join the federation.",
    "listener": "Dmitry Peskov told NBC News senior correspondent Keir Simmons when he was "
                "asked whether the two men would face trial.",
    "what_said": "The pope warned against what he said was a naive view of the war as a "
                 "fairy tale.\n\n"
                 "Officials were vague in what they said and did not take questions.\n\n"
                 "Russian commanders are said to be facing a shortage of shells.",
    "and_claimed": "Yulia Tymoshenko described the Russian leader as “cold and cruel” and "
                   "claimed he wanted to rebuild the Soviet empire.",
    "and_urged": "Retired general Mark Hollis said on Sunday the Russian leader was “a cornered "
                 "animal” and urged Washington to push both sides toward talks.",
    "comma_as": "Putin said that Russia did not seek to destroy Ukraine, as Western leaders "
                "have claimed for months.",
    "own_words": "Kirill Stremousov said Moscow’s forces were “holding back the daily attempts "
                 "of the enemy to break through.”",
    "apposition": "In May, former space agency head Dmitry Rogozin, a close ally of the "
                  "president, said almost 50 missiles were in mass production.",
    "cited_as": '"A diplomat was detained while receiving secret documents," the FSB, the '
                "security service, was cited as saying.",
    "apposition_end": "On Saturday, the army confirmed it had retaken Kupiansk, a vital supply hub "
                      "for Russian forces.\n\n"
                      "Mr Rodman said he planned to visit Moscow to seek the release of Brittney "
                      "Griner, the basketball star who was jailed in August.",
    "adjective": "The displacement of an estimated 7 million people has overwhelmed clinics, "
                 "according to United Nations officials.",
    "quote_then_cue": "Defence Secretary Ben Wallace called his Russian counterpart on Sunday."
                      "\n\nWallace “rejected these claims” and warned his counterpart that “such "
                      "allegations must not be used as a pretext for escalation,” the ministry said.",
    "colon": "The ministry published a readout of the call: Earlier, in an interview with a German "
             "broadcaster, NATO chief Jens Stoltenberg said that any use of nuclear weapons would "
             "have severe consequences.",
    "while_said": "The soldier's mother said he was proud to serve his country, while his "
                  "fiancee said they had talked about it before the wedding.",
    "reportedly": "The FSB said the diplomat had broken Russian law, and reportedly said Moscow "
                  "had lodged a protest with Tokyo.",
}


def annotate_newswire(cache_dir):
    """``(annotations, quotes)`` of :data:`NEWSWIRE` (all AP)."""
    return annotate_texts_of(NEWSWIRE, cache_dir, date="2022-10-01")
