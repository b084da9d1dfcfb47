"""Document-term counts: every document's term counts as one sparse matrix, built once.

The analyses that take the article as the unit (keyness's document test, dispersion and
bootstrap; term frequencies, tf-idf and log-odds can reuse it) count terms per document
with :func:`doc_term_counts`, a ``partial`` step over one part's documents, and add parts
up with :func:`combine_doc_terms` (a document lives in one part: rows are stacked, the
vocabularies merged). Terms are as in :mod:`analysis.comparison`: the lower-cased forms of
alphabetic tokens, stop words and a document's own outlet names left out unless asked.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .outlets import outlet_names, own_name_mask
from .tokens import Tokens, token_arrays


@dataclass
class DocTerms:
    """Term counts per document: ``counts[i, j]`` is term ``terms[j]`` in ``doc_ids[i]``.

    ``counts`` is a ``scipy.sparse.csr_matrix`` of int64 (documents x terms); ``terms``
    are sorted; every document of the documents table has a row, with or without terms.
    ``tokens`` counts all tokens of each document (punctuation and stop words too: the
    denominator of rates per 10,000 tokens).
    """

    doc_ids: np.ndarray
    terms: np.ndarray
    counts: object  # scipy.sparse.csr_matrix
    tokens: np.ndarray
    #: what the analyses derive from these counts and share (the rows sorted, keyness's
    #: intervals...): the object is itself shared (:func:`doc_term_counts`)
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def totals(self) -> np.ndarray:
        """Terms counted in each document (the row sums)."""
        return np.asarray(self.counts.sum(axis=1)).ravel().astype(np.int64)

    def sorted_by_doc(self) -> "DocTerms":
        """The same counts with the rows in ``doc_id`` order (one order on every backend)."""
        if "sorted_by_doc" not in self.cache:
            order = np.argsort(self.doc_ids.astype(str), kind="stable")
            self.cache["sorted_by_doc"] = DocTerms(self.doc_ids[order], self.terms,
                                                   self.counts[order], self.tokens[order])
        return self.cache["sorted_by_doc"]

    def by_group(self, group_of_doc: np.ndarray, n_groups: int, *,
                 drop: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
        """``(group, term, count, docs)`` of every (group, term) with a count, as arrays.

        ``group_of_doc``: each row's group code (0 to ``n_groups - 1``); ``term`` indexes
        ``terms``; ``docs`` counts the group's documents with the term; ``drop`` (a bool
        per term) leaves terms out. Rows in group, then term order.

        Examples
        --------
        >>> import scipy.sparse as sp
        >>> dt = DocTerms(np.array(["a", "b", "c"]), np.array(["x", "y"]),
        ...               sp.csr_matrix(np.array([[2, 0], [1, 1], [0, 3]])), np.array([5, 5, 5]))
        >>> [v.tolist() for v in dt.by_group(np.array([0, 0, 1]), 2)]
        [[0, 0, 1], [0, 1, 1], [3, 1, 3], [2, 1, 1]]
        """
        import scipy.sparse as sp

        counts = self.counts if drop is None else \
            self.counts @ sp.diags((~drop).astype(np.int64), format="csr", dtype=np.int64)
        member = sp.csr_matrix((np.ones(len(group_of_doc), np.int64),
                                (group_of_doc, np.arange(len(group_of_doc)))),
                               shape=(n_groups, counts.shape[0]))
        total = (member @ counts).tocsr()
        docs = (member @ (counts > 0).astype(np.int64)).tocsr()
        total.eliminate_zeros()
        docs.eliminate_zeros()
        total.sort_indices()
        docs.sort_indices()  # a count > 0 in a group means a document with it: one pattern
        group = np.repeat(np.arange(n_groups), np.diff(total.indptr))
        return group, total.indices.astype(np.int64), total.data, docs.data


def own_term_mask(docs: pd.DataFrame, doc_pos: np.ndarray, codes: np.ndarray,
                  vocab) -> np.ndarray:
    """True for each token that is an own name of its document's outlet, on integer codes.

    The vectorised form of :func:`analysis.outlets.own_name_mask` (``kind="term"``) and
    :func:`analysis.outlets.own_phrase_mask` together: a token is own when its word is a
    one-word own term of its outlet, or when it is part of a run of tokens of one document
    spelling an own name of 2-4 words. The outlets' lists are looked up once per outlet and
    matched on word codes, not on a string per token.

    Parameters
    ----------
    docs : pandas.DataFrame
        ``ann.docs`` (``source``; without it nothing is own).
    doc_pos : numpy.ndarray of int
        Each token's row in ``docs`` (-1: a document not in ``docs``, whose source is "").
    codes : numpy.ndarray of int
        Each token's code into ``vocab`` (its text, matched case-insensitively).
    vocab : sequence of str

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["Associated Press", "BBC"]})
    >>> vocab = ["the", "associated", "press", "bbc"]
    >>> own_term_mask(docs, np.array([0, 0, 0, 1, 1, 1]), np.array([0, 1, 2, 1, 2, 3]),
    ...               vocab).tolist()
    [False, True, True, False, False, True]
    """
    n = len(codes)
    mask = np.zeros(n, dtype=bool)
    if "source" not in docs.columns or n == 0:
        return mask
    src_of_doc, sources = pd.factorize(docs["source"].astype("string").fillna("")
                                       .to_numpy(object))
    sources = [*sources, ""]  # doc_pos -1 (and a code -1) index the last entry
    tok_src = np.append(src_of_doc, len(sources) - 1)[doc_pos]
    keys = pd.Series(list(vocab) + [""], dtype=object).astype(str).str.lower().str.casefold()
    key_of_code, words = pd.factorize(keys)
    tok_key = key_of_code[codes]
    words = pd.Index(words)
    lists = [outlet_names(s) for s in sources]
    n_words = max(len(words), 1)
    # one-word own terms: pairs (source, word) looked up among the tokens of candidate words
    own_pairs = [i * n_words + w for i, (_, terms) in enumerate(lists)
                 for w in words.get_indexer(list(terms)) if w >= 0]
    cand = np.zeros(len(words), bool)
    cand[np.asarray(own_pairs, np.int64) % n_words] = True
    idx = np.flatnonzero(cand[tok_key])
    mask[idx] = np.isin(tok_src[idx] * n_words + tok_key[idx], own_pairs)
    # names of 2-4 words: runs of tokens of one document, starting at a candidate first word
    phrases = [(i, w) for i, (names, _) in enumerate(lists)
               for w in {tuple(words.get_indexer(name.split(" "))) for name in names
                         if 2 <= len(name.split(" ")) <= 4} if min(w) >= 0]
    if not phrases:
        return mask
    first = np.zeros(len(words), bool)
    first[[w[0] for _, w in phrases]] = True
    firsts = np.flatnonzero(first[tok_key])
    for i, w in phrases:
        k = len(w)
        start = firsts[(tok_key[firsts] == w[0]) & (tok_src[firsts] == i) & (firsts <= n - k)]
        for j in range(1, k):
            start = start[(tok_key[start + j] == w[j]) & (doc_pos[start + j] == doc_pos[start])]
        for j in range(k):
            mask[start + j] = True
    return mask


def _memo(ann) -> dict:
    """The memo of ``ann``'s shared intermediates (empty for objects without one)."""
    memo = getattr(ann, "memo", None)
    return memo if isinstance(memo, dict) else {}


def memoised(ann, name: str, options: tuple, build, *, table: str = "tokens",
             sources: bool = True):
    """``build()``, computed once per ``ann`` (its ``table`` and documents) and ``options``.

    The result is kept in ``ann.memo``, which views of ``ann`` made with
    ``dataclasses.replace`` share (a comparison restricted to some documents, say); the
    key holds the documents' ids and outlets, and a hit needs the same ``table`` object
    (``"tokens"`` or ``"entities"``), so a view with other tables or documents never gets
    another's result (``sources=False``: results that do not depend on the outlets are
    shared by views that only relabel them). Entries whose table is gone are dropped.
    Results are shared: callers must not modify them.
    """
    memo = _memo(ann)
    docs = ann.docs
    key = (name, options, tuple(docs["doc_id"].astype(str)),
           tuple(docs["source"].astype("string").fillna(""))
           if sources and "source" in docs else ())
    hit = memo.get(key)
    if hit is not None and hit[0]() is getattr(ann, table):
        return hit[1]
    value = build()
    if isinstance(getattr(ann, "memo", None), dict):
        for gone in [k for k, (ref, _) in memo.items() if ref() is None]:
            del memo[gone]
        memo[key] = (weakref.ref(getattr(ann, table)), value)
    return value


def own_entity_mask(ann) -> np.ndarray:
    """True for each row of ``ann.entities`` that names its document's own outlet
    (:func:`analysis.outlets.own_name_mask` of its ``canonical``), built once per ``ann``:
    entity frequencies, pairs and attention share it. Read-only."""
    def build():
        ents = ann.entities
        mask = own_name_mask(ann.docs, ents["doc_id"], ents["canonical"])
        mask.flags.writeable = False
        return mask

    return memoised(ann, "own_entity_mask", (), build, table="entities")


def shared_tokens(ann, *, column: str = "lower") -> Tokens:
    """:func:`analysis.tokens.token_arrays` of ``ann``, built once per ``ann`` and column
    (:func:`memoised`): term counts, collocations, trends, keyword in context and word
    choice on the same annotations share them. Read-only: callers copy before changing."""
    return memoised(ann, "token_arrays", (column,), lambda: _read_only(token_arrays(
        ann, column=column)), sources=False)


def _read_only(t: Tokens) -> Tokens:
    for value in vars(t).values():
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    return t


def term_tokens(ann, *, keep_stopwords: bool = False,
                keep_outlet_names: bool = False) -> tuple[pd.Series, pd.Series]:
    """``(doc_id, term)`` of every token of ``ann`` that counts as a term, in token order."""
    t = shared_tokens(ann)
    keep = _term_mask(ann, t, keep_stopwords, keep_outlet_names)
    ids = ann.docs["doc_id"].to_numpy()[t.doc[keep]]
    return (pd.Series(ids, name="doc_id"),
            pd.Series(np.asarray(t.vocab, dtype=object)[t.term[keep]], name="lower"))


def _term_mask(ann, t, keep_stopwords: bool, keep_outlet_names: bool) -> np.ndarray:
    """The tokens of ``t`` (:func:`token_arrays` of ``ann``) that count as terms."""
    mask = t.alpha.copy()
    if not keep_stopwords:
        mask &= ~t.stop
    if not keep_outlet_names:
        mask &= ~own_term_mask(ann.docs, t.doc, t.term, t.vocab)
    return mask


def doc_term_counts(ann, *, keep_stopwords: bool = False, keep_outlet_names: bool = False,
                    **_) -> DocTerms:
    """The :class:`DocTerms` of ``ann``'s documents (tokens of other documents left out).

    Built once per ``ann`` and options (:func:`memoised`): term frequencies, tf-idf,
    keyness and log-odds called on the same annotations share one matrix.

    Examples
    --------
    >>> dt = doc_term_counts(ann)
    >>> dt.counts.shape == (len(ann.docs), len(dt.terms)), int(dt.totals.sum()) > 0
    (True, True)
    """
    return memoised(ann, "doc_term_counts", (bool(keep_stopwords), bool(keep_outlet_names)),
                    lambda: _doc_term_counts(ann, keep_stopwords, keep_outlet_names))


def _doc_term_counts(ann, keep_stopwords: bool, keep_outlet_names: bool) -> DocTerms:
    import scipy.sparse as sp

    t = shared_tokens(ann)
    keep = _term_mask(ann, t, keep_stopwords, keep_outlet_names)
    rows, codes = t.doc[keep], t.term[keep]
    used = np.flatnonzero(np.bincount(codes, minlength=len(t.vocab)))
    terms = np.asarray(t.vocab, dtype=object)[used]
    order = np.argsort(terms, kind="stable")  # sorted terms, as pd.factorize(sort=True)
    col_of = np.zeros(len(t.vocab), np.int64)
    col_of[used[order]] = np.arange(len(used))
    counts = sp.csr_matrix((np.ones(len(codes), np.int64), (rows, col_of[codes])),
                           shape=(len(ann.docs), len(used)))
    counts.sum_duplicates()
    return DocTerms(np.asarray(ann.docs["doc_id"], dtype=object), terms[order], counts,
                    np.bincount(t.doc, minlength=len(ann.docs)).astype(np.int64))


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
                    sp.vstack(blocks, format="csr"), np.concatenate([p.tokens for p in parts]))
