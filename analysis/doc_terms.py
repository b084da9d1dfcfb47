"""Document-term counts: every document's term counts as one sparse matrix, built once.

The analyses that take the article as the unit (keyness's document test, dispersion and
bootstrap; term frequencies, tf-idf and log-odds can reuse it) count terms per document
with :func:`doc_term_counts`, a ``partial`` step over one part's documents, and add parts
up with :func:`combine_doc_terms` (a document lives in one part: rows are stacked, the
vocabularies merged). Terms are as in :mod:`analysis.comparison`: the lower-cased forms of
alphabetic tokens, stop words and a document's own outlet names left out unless asked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .outlets import own_name_mask, own_phrase_mask


@dataclass
class DocTerms:
    """Term counts per document: ``counts[i, j]`` is term ``terms[j]`` in ``doc_ids[i]``.

    ``counts`` is a ``scipy.sparse.csr_matrix`` of int64 (documents x terms); ``terms``
    are sorted; every document of the documents table has a row, with or without terms.
    """

    doc_ids: np.ndarray
    terms: np.ndarray
    counts: object  # scipy.sparse.csr_matrix

    @property
    def totals(self) -> np.ndarray:
        """Terms counted in each document (the row sums)."""
        return np.asarray(self.counts.sum(axis=1)).ravel().astype(np.int64)

    def sorted_by_doc(self) -> "DocTerms":
        """The same counts with the rows in ``doc_id`` order (one order on every backend)."""
        order = np.argsort(self.doc_ids.astype(str), kind="stable")
        return DocTerms(self.doc_ids[order], self.terms, self.counts[order])


def term_tokens(ann, *, keep_stopwords: bool = False,
                keep_outlet_names: bool = False) -> tuple[pd.Series, pd.Series]:
    """``(doc_id, term)`` of every token of ``ann`` that counts as a term, in token order."""
    docs, tok = ann.docs, ann.tokens
    mask = tok["is_alpha"].to_numpy(bool, copy=True)
    if not keep_stopwords:
        mask &= ~tok["is_stop"].astype(bool).to_numpy()
    if not keep_outlet_names:  # names of several words need the tokens in order, unfiltered
        mask &= ~own_phrase_mask(docs, tok["doc_id"], tok["lower"])
    tok = tok.loc[mask, ["doc_id", "lower"]]
    if not keep_outlet_names:
        tok = tok[~own_name_mask(docs, tok["doc_id"], tok["lower"], kind="term")]
    return tok["doc_id"], tok["lower"]


def doc_term_counts(ann, *, keep_stopwords: bool = False, keep_outlet_names: bool = False,
                    **_) -> DocTerms:
    """The :class:`DocTerms` of ``ann``'s documents (tokens of other documents left out).

    Examples
    --------
    >>> dt = doc_term_counts(ann)
    >>> dt.counts.shape == (len(ann.docs), len(dt.terms)), int(dt.totals.sum()) > 0
    (True, True)
    """
    import scipy.sparse as sp

    doc_ids, words = term_tokens(ann, keep_stopwords=keep_stopwords,
                                 keep_outlet_names=keep_outlet_names)
    ids = ann.docs["doc_id"]
    rows = pd.Index(ids).get_indexer(doc_ids)
    known = rows >= 0
    cols, terms = pd.factorize(words[known], sort=True)
    counts = sp.csr_matrix((np.ones(len(cols), np.int64), (rows[known], cols)),
                           shape=(len(ids), len(terms)))
    counts.sum_duplicates()
    return DocTerms(np.asarray(ids, dtype=object), np.asarray(terms, dtype=object), counts)


def combine_doc_terms(*parts: DocTerms) -> DocTerms:
    """The combine step: the parts' rows one after the other, on their merged vocabulary."""
    import scipy.sparse as sp

    if len(parts) == 1:
        return parts[0]
    terms = np.unique(np.concatenate([p.terms.astype(str) for p in parts])).astype(object)
    blocks = []
    for p in parts:
        where = np.searchsorted(terms, p.terms.astype(str)) if len(p.terms) else \
            np.zeros(0, np.int64)
        coo = p.counts.tocoo()
        blocks.append(sp.csr_matrix((coo.data, (coo.row, where[coo.col])),
                                    shape=(p.counts.shape[0], len(terms))))
    return DocTerms(np.concatenate([p.doc_ids for p in parts]), terms,
                    sp.vstack(blocks, format="csr"))
