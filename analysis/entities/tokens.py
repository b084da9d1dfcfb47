"""A flat view over the tokens table, and the corpus's notion of a common word."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..gazetteers import english_words
from .lexicon import PARTICLES


class _TokenView:
    """Flat arrays over the tokens table: text, sentence starts, corpus word counts."""

    def __init__(self, tokens: pd.DataFrame, stats: dict | None = None):
        missing = {"doc_id", "sent_id", "token_id", "text"} - set(tokens.columns)
        if missing:
            raise ValueError(f"tokens lacks column(s) {sorted(missing)}")
        docs = tokens["doc_id"].to_numpy()
        tid = tokens["token_id"].to_numpy()
        first = np.r_[True, docs[1:] != docs[:-1]] if len(docs) else np.zeros(0, bool)
        starts = np.flatnonzero(first)
        if len(set(docs[starts])) != len(starts) or \
                not np.array_equal(tid, np.arange(len(tid)) - np.repeat(starts, np.diff(
                    np.r_[starts, len(tid)]))):
            raise ValueError("tokens must be grouped by document with token_id 0, 1, 2, ... "
                             "in each (as annotate builds them)")
        self.base = dict(zip(docs[starts], starts))
        self.doc = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(tid)]))
        self.raw = {c: tokens[c].to_numpy() for c in ("sent_id", "paragraph_id")
                    if c in tokens}
        self.text = tokens["text"].astype(object).to_numpy()
        sent = tokens["sent_id"].to_numpy()
        self.sent = np.cumsum(first | np.r_[True, sent[1:] != sent[:-1]])
        begin = np.r_[True, self.sent[1:] != self.sent[:-1]]
        series = pd.Series(self.text)
        opener = series.isin(["``", '"', "'", "“", "‘", "«", "(", "-", "--", ":", "—", "–", "|",
                                "•", "*"]).to_numpy().copy()
        opener |= series.str.fullmatch(r"[_\-—*•]+").fillna(False).to_numpy(bool)
        lower = series.str.lower()
        self._lower = lower.to_numpy(object)  # shared with the learned types' features
        self.joiner = (lower.isin(PARTICLES) | series.str.fullmatch(r"(?:[A-Z]\.){1,2}")
                       .fillna(False) | series.isin(["People"])).to_numpy(bool)
        self.at_start = begin | (np.r_[False, opener[:-1]] & np.r_[False, begin[:-1]])
        if stats is not None:  # counts of the whole corpus, this view being one part of it
            self.counts, self.start_counts = stats["word"], stats["start"]
        else:
            self.counts = pd.Series(self.text).value_counts().to_dict()
            self.start_counts = pd.Series(self.text[self.at_start]).value_counts().to_dict()

    def possessive_only(self) -> set:
        """``(document, word)`` of the capitalised words that every time they occur in their
        document come before "'s" ("McDonald 's", "Moody 's"): a name that ends in it."""
        if not hasattr(self, "_possessive"):
            words = pd.Series(self.text, dtype=object)
            nxt = np.append(words.iloc[1:].isin(["'s", "’s"]).to_numpy(bool), False)
            some = words.isin({w for w in self.text[nxt] if w[:1].isupper()}).to_numpy(bool)
            frame = pd.DataFrame({"doc": self.doc[some], "word": self.text[some],
                                  "poss": nxt[some]})
            alls = frame.groupby(["doc", "word"], sort=False)["poss"].all()
            self._possessive = set(alls.index[alls.to_numpy(bool)])
        return self._possessive

    def word(self, g: int) -> str:
        return self.text[g] if 0 <= g < len(self.text) else ""

    def same_sentence(self, a: int, b: int) -> bool:
        return 0 <= a < len(self.text) and 0 <= b < len(self.text) and self.sent[a] == self.sent[b]


def _is_common(word: str, view: _TokenView | None) -> bool:
    """A common word: lower-case more often than capitalised mid-sentence in the corpus
    (3+ occurrences), else a lower-case word of NLTK's ``words`` list."""
    low = word.lower()
    if view is not None:
        cap = word[:1].upper() + word[1:].lower()
        n_low = view.counts.get(low, 0)
        n_cap = view.counts.get(cap, 0) - view.start_counts.get(cap, 0)
        if n_low + n_cap >= 3:
            return n_low > n_cap
    return low in english_words() or (low.endswith("s") and low[:-1] in english_words())
