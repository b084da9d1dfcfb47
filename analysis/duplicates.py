"""Near-duplicate documents (syndicated copies) with MinHash and LSH.

:func:`near_duplicates` finds the pairs of documents whose sets of word
shingles overlap by at least ``threshold`` (Jaccard similarity) without
comparing every pair: each document gets a MinHash signature, signatures are
cut into bands, documents sharing a band become candidates (locality-sensitive
hashing), and every candidate pair is then checked with the exact Jaccard
similarity of its shingle sets, so no pair below ``threshold`` is reported.
Time and memory grow with the number of words, not with the number of pairs.

:func:`duplicate_clusters` groups the pairs into clusters (connected
components) with each cluster's earliest document; :func:`deduplicate` keeps
that earliest document and drops the later copies, which is what the
``exclude_duplicates=True`` option of the comparison functions does.

Every hash is a fixed function of the text (crc32 of each word, seeded
multilinear and multiply-shift hashes), never of the order in which words were
seen nor of Python's per-process ``hash``: results are deterministic, and the
same in every process. That is what lets a *partitioned*
:class:`~analysis.annotation.Annotations` (:mod:`analysis.backend`) be processed
part by part with Dask: each part's documents get their signatures and band
buckets in a task of their own, documents sharing a bucket are paired by a
groupby on ``(band, bucket)``, and only the candidate documents' shingle sets
travel to be joined to their pairs for the exact similarity; the pairs found
are those of the in-memory path, with the same similarities.
"""

from __future__ import annotations

import functools
import re
import shutil
import zlib
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from .backend import compute, concat, is_partitioned
from .documents import check_docs
from .vocabulary import checked

PAIR_COLUMNS = ["doc_a", "doc_b", "source_a", "source_b", "date_a", "date_b", "similarity"]
CLUSTER_COLUMNS = ["cluster", "docs", "sources", "first_doc", "first_source", "first_date",
                   "last_date", "source_list", "doc_ids"]
MEMBER_COLUMNS = ["cluster", "doc_id", "source", "date", "is_first"]
_WORD_RE = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)
_BATCH_DOCS = 1000  # documents shingled at once
_CHUNK_SHINGLES = 1 << 12  # shingles hashed at once (x num_perm uint64 = 4 MB at 128)
_RECALL_AT_THRESHOLD = 0.99


def _as_docs(docs) -> pd.DataFrame:
    needed = {"doc_id", "source", "date", "text"}
    if hasattr(docs, "docs") and is_partitioned(docs):  # texts read from the parts
        needed.discard("text")
    return check_docs(docs, columns=needed, accepts="Corpus.docs, a Corpus or Annotations")


# --------------------------------------------------------------------------- shingles
class _WordHashes(dict):
    """Word -> 32-bit crc32 + 1 (never 0), computed once per distinct word.

    A cache only: the value depends on the word alone (not on the order words are
    seen in), so every process and every part hashes a word alike.
    """

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode()) + 1
        return value


def _shingle_sets(texts: list[str], shingle: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique 64-bit shingle hashes of every text, concatenated.

    Returns ``(hashes, offsets)``: document ``i`` owns ``hashes[offsets[i]:offsets[i+1]]``.
    A shingle is ``shingle`` consecutive lower-cased words (``\\w+``); a text
    shorter than that is one shingle; an empty text has none. Texts are
    processed in batches so that temporary memory stays bounded.
    """
    word_hash = _WordHashes()
    coef = np.random.default_rng(12345).integers(1, 2**63, size=shingle, dtype=np.uint64) | 1
    parts, counts = [], []
    for lo in range(0, len(texts), _BATCH_DOCS):
        h, n = _batch_shingles(texts[lo:lo + _BATCH_DOCS], coef, word_hash)
        parts.append(h)
        counts.append(n)
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    if parts:
        offsets[1:] = np.cumsum(np.concatenate(counts))
    return (np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)), offsets


def _batch_shingles(texts: list[str], coef: np.ndarray, word_hash: dict):
    """``(hashes sorted within each document, shingles per document)`` for a batch."""
    shingle = len(coef)
    lengths = np.zeros(len(texts), dtype=np.int64)
    parts = []
    for i, text in enumerate(texts):
        words = _WORD_RE.findall(text.lower())
        parts.append(np.fromiter(map(word_hash.__getitem__, words), dtype=np.uint64,
                                 count=len(words)))
        lengths[i] = len(words)
    words = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
    ends = np.cumsum(lengths)
    doc_of = np.repeat(np.arange(len(texts)), lengths)
    pos = np.arange(len(words)) - (ends - lengths)[doc_of]
    idx = np.flatnonzero(pos <= np.maximum(lengths - shingle, 0)[doc_of])  # shingle starts
    doc, stop = doc_of[idx], ends[doc_of[idx]]
    h = np.zeros(len(idx), dtype=np.uint64)
    for j in range(shingle):  # multilinear hash of the words in the window, wrapping mod 2**64
        k = idx + j
        h += np.where(k < stop, words[np.minimum(k, len(words) - 1)] * coef[j], np.uint64(0))
    h ^= h >> np.uint64(29)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(32)
    order = np.lexsort((h, doc))
    h, doc = h[order], doc[order]
    keep = np.ones(len(h), dtype=bool)
    keep[1:] = (h[1:] != h[:-1]) | (doc[1:] != doc[:-1])
    return h[keep], np.bincount(doc[keep], minlength=len(texts))


def _minhash(hashes: np.ndarray, offsets: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """MinHash signatures (documents x ``num_perm``, uint32).

    Permutation ``i`` is the multiply-add-shift hash ``(a_i * x + b_i) mod 2**64 >> 32``
    of the upper 32 bits ``x`` of each shingle hash (a 2-universal family).
    Documents without shingles get the maximal signature and never match.
    """
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    n_docs = len(offsets) - 1
    sig = np.full((n_docs, num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    sizes = np.diff(offsets)
    doc = 0
    while doc < n_docs:
        stop = int(np.searchsorted(offsets, offsets[doc] + _CHUNK_SHINGLES, side="right")) - 1
        stop = min(max(stop, doc + 1), n_docs)
        lo, hi = offsets[doc], offsets[stop]
        if hi > lo:
            vals = (hashes[lo:hi] >> np.uint64(32))[:, None] * a  # in place from here on
            vals += b
            vals >>= np.uint64(32)
            nonempty = np.flatnonzero(sizes[doc:stop] > 0)
            sig[doc + nonempty] = np.minimum.reduceat(vals, offsets[doc:stop][nonempty] - lo,
                                                      axis=0)
        doc = stop
    return sig


def _bands(num_perm: int, threshold: float) -> tuple[int, int]:
    """``(bands, rows)``: the most rows per band that still makes a pair at
    exactly ``threshold`` a candidate with probability >= 0.99."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if 1 - (1 - threshold ** rows) ** bands >= _RECALL_AT_THRESHOLD:
            best = (bands, rows)
    return best


@functools.lru_cache(maxsize=64)
def _triu(m: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(m, 1)


def _band_coef(rows: int) -> np.ndarray:
    return np.random.default_rng(54321).integers(1, 2**63, size=rows, dtype=np.uint64) | 1


def _band_key(block: np.ndarray, coef: np.ndarray) -> np.ndarray:
    """The bucket of each row of ``block`` (one band of signatures): a stable uint64 hash."""
    return (block.astype(np.uint64) * coef).sum(axis=1)


def _pair_codes(key: np.ndarray, docs: np.ndarray, n: int) -> list[np.ndarray]:
    """Codes ``i * n + j`` (``i < j``) of the documents ``docs`` sharing a ``key``.

    ``key`` is sorted and ``docs`` (integers below ``n``) aligned with it.
    """
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    sizes = np.diff(np.r_[starts, len(key)])
    first, second = docs[starts[sizes == 2]], docs[starts[sizes == 2] + 1]  # vectorised
    found = [np.minimum(first, second) * n + np.maximum(first, second)]
    for s, m in zip(starts[sizes > 2], sizes[sizes > 2]):
        run = np.sort(docs[s:s + m])
        ii, jj = _triu(int(m))
        found.append(run[ii] * n + run[jj])
    return found


def _candidates(sig: np.ndarray, valid: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Candidate pairs ``(i, j)``, ``i < j``: documents equal on all rows of some band.

    ``valid`` marks the documents that have shingles (the others never match).
    """
    n = len(sig)
    found = []
    coef = _band_coef(rows)
    idx = np.flatnonzero(valid)
    for band in range(bands):
        key = _band_key(sig[idx, band * rows:(band + 1) * rows], coef)
        order = np.argsort(key, kind="stable")
        found.extend(_pair_codes(key[order], idx[order], n))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.column_stack([codes // n, codes % n])


def _jaccard(hashes: np.ndarray, offsets: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    out = np.empty(len(pairs))
    for k, (i, j) in enumerate(pairs):
        a, b = hashes[offsets[i]:offsets[i + 1]], hashes[offsets[j]:offsets[j + 1]]
        inter = len(np.intersect1d(a, b, assume_unique=True))
        out[k] = inter / (len(a) + len(b) - inter)
    return out


# --------------------------------------------------------------------------- partitioned (Dask)
# The same steps as in memory, spread over the parts of a partitioned Annotations:
# per part, MinHash signatures and one bucket row per (document, band); a groupby on
# (band, bucket) to pair the documents sharing a bucket; then, per part, the exact
# Jaccard similarity of its pairs from the shingle sets of the candidate documents only.
_ID = pd.StringDtype("pyarrow")  # what Dask turns object columns into
_BUCKET_META = pd.DataFrame({"doc_id": pd.Series(dtype=_ID), "part": pd.Series(dtype="int64"),
                             "band": pd.Series(dtype="int64"),
                             "bucket": pd.Series(dtype="uint64")})
_CANDIDATE_META = pd.DataFrame({"doc_a": pd.Series(dtype=_ID), "part_a": pd.Series(dtype="int64"),
                                "doc_b": pd.Series(dtype=_ID), "part_b": pd.Series(dtype="int64")})
_VERIFIED_META = pd.DataFrame({"doc_a": pd.Series(dtype=_ID), "doc_b": pd.Series(dtype=_ID),
                               "similarity": pd.Series(dtype="float64")})


def _part_texts(part, doc_ids=None) -> tuple[np.ndarray, list[str]]:
    """``(doc_ids, texts)`` of a part's documents (only ``doc_ids`` when given)."""
    docs = part.table("docs")
    ids = docs["doc_id"].astype(str).to_numpy(dtype=object)
    if doc_ids is not None:
        keep = pd.Index(ids).isin(pd.Index(doc_ids, dtype=object).astype(str))
        docs, ids = docs[keep], ids[keep]
    return ids, docs["text"].fillna("").astype(str).tolist()


def _docs_only(part):
    """``part`` without its annotation tables when it holds them in memory: only the
    documents travel to the workers (a part in a store is read there)."""
    if getattr(part, "data", None) is None:
        return part
    import dataclasses

    return dataclasses.replace(part, data={"docs": part.data["docs"]})


def _part_buckets(part, index: int, *, shingle: int, num_perm: int, seed: int, bands: int,
                  rows: int) -> pd.DataFrame:
    """One row ``doc_id, part, band, bucket`` per band of each document (with shingles)
    of ``part`` (the ``index``-th): MinHash signatures computed as in memory."""
    ids, texts = _part_texts(part)
    hashes, offsets = _shingle_sets(texts, shingle)
    sig = _minhash(hashes, offsets, num_perm, seed)
    valid = np.flatnonzero(np.diff(offsets) > 0)
    coef = _band_coef(rows)
    keys = np.column_stack([_band_key(sig[valid, band * rows:(band + 1) * rows], coef)
                            for band in range(bands)])  # as _candidates: the same buckets
    return pd.DataFrame({"doc_id": pd.array(np.repeat(ids[valid], bands), dtype=_ID),
                         "part": np.full(len(valid) * bands, index, dtype=np.int64),
                         "band": np.tile(np.arange(bands, dtype=np.int64), len(valid)),
                         "bucket": keys.astype(np.uint64).ravel()})


def _bucket_pairs(rows: pd.DataFrame) -> pd.DataFrame:
    """The pairs of documents sharing a (band, bucket) within one partition of the bucket
    rows shuffled on those keys (so every bucket is whole here): a vectorised groupby."""
    if rows.empty:
        return _CANDIDATE_META.copy()
    grouped = rows.groupby(["band", "bucket"], sort=False)
    shared = (grouped["doc_id"].transform("size") > 1).to_numpy()
    rows = rows[shared]
    group = rows.groupby(["band", "bucket"], sort=False).ngroup().to_numpy()
    codes, ids = pd.factorize(rows["doc_id"].astype(str), sort=True)
    ids = np.asarray(ids, dtype=object)
    part = np.zeros(len(ids), dtype=np.int64)
    part[codes] = rows["part"].to_numpy()
    order = np.lexsort((codes, group))
    found = _pair_codes(group[order], codes[order].astype(np.int64), len(ids))
    pairs = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    a, b = pairs // max(len(ids), 1), pairs % max(len(ids), 1)
    return pd.DataFrame({"doc_a": pd.array(ids[a], dtype=_ID), "part_a": part[a],
                         "doc_b": pd.array(ids[b], dtype=_ID), "part_b": part[b]})


def _load(table):
    """``table`` itself, or the table stored at ``table`` (a parquet path: see
    :func:`_task_inputs`)."""
    return pd.read_parquet(table) if isinstance(table, str) else table


def _part_sets(part, doc_ids, shingle: int) -> tuple:
    """``(doc_ids, hashes, offsets)``: the shingle sets (as :func:`_shingle_sets`) of the
    documents of ``part`` listed in ``doc_ids`` (its candidate documents: a table with a
    ``doc_id`` column, or the path of one)."""
    ids, texts = _part_texts(part, _load(doc_ids)["doc_id"].astype(str).to_numpy(object))
    return (ids, *_shingle_sets(texts, shingle))


def _verify_part(pairs: pd.DataFrame, threshold: float, *sets: tuple) -> pd.DataFrame:
    """``doc_a, doc_b, similarity`` of the candidate ``pairs`` whose exact Jaccard
    similarity reaches ``threshold``; ``sets``: the :func:`_part_sets` of the parts
    holding their documents. ``pairs`` may be the path of the table."""
    pairs = _load(pairs)
    ids = np.concatenate([s[0] for s in sets])
    hashes = np.concatenate([s[1] for s in sets])
    starts = np.cumsum([0] + [s[2][-1] for s in sets[:-1]])
    offsets = np.concatenate([[0]] + [s[2][1:] + start for s, start in zip(sets, starts)])
    where = pd.Index(ids)
    ends = [where.get_indexer(pairs[f"doc_{x}"].astype(str).to_numpy(object)) for x in "ab"]
    sim = _jaccard(hashes, offsets.astype(np.int64), np.column_stack(ends))
    keep = sim >= threshold
    return pd.DataFrame({"doc_a": pd.array(pairs["doc_a"].to_numpy()[keep], dtype=_ID),
                         "doc_b": pd.array(pairs["doc_b"].to_numpy()[keep], dtype=_ID),
                         "similarity": sim[keep]})


def _partitioned_pairs(ann, threshold: float, shingle: int, num_perm: int,
                       seed: int) -> pd.DataFrame:
    """``doc_a, doc_b, similarity`` of the near-duplicate pairs of a partitioned ``ann``,
    computed part by part as Dask tasks; only the candidate pairs (document ids) and this
    table reach this process, never texts or shingle sets."""
    import uuid

    import dask
    import dask.dataframe as dd

    if not ann.parts:
        return _VERIFIED_META.copy()
    run = uuid.uuid4().hex  # each part enters a graph once, however many tasks read it
    parts = [dask.delayed(_docs_only(part), name=f"near-duplicates-part-{i}-{run}",
                          traverse=False) for i, part in enumerate(ann.parts)]
    bands, rows = _bands(num_perm, threshold)
    buckets = dd.from_delayed(
        [dask.delayed(_part_buckets)(part, i, shingle=shingle, num_perm=num_perm, seed=seed,
                                     bands=bands, rows=rows) for i, part in enumerate(parts)],
        meta=_BUCKET_META, verify_meta=False)
    # groupby (band, bucket): shuffle so that every bucket is whole in one partition,
    # then pair its documents there (as Dask's groupby-apply, without a call per bucket)
    candidates = (buckets.shuffle(on=["band", "bucket"])
                  .map_partitions(_bucket_pairs, meta=_CANDIDATE_META)
                  .drop_duplicates(subset=["doc_a", "doc_b"]))
    candidates = compute(candidates)  # pairs of document ids: a small table
    if candidates.empty:
        return _VERIFIED_META.copy()
    # the shingle sets of each part's candidate documents, made once on a worker; the
    # pairs whose first document is in part i verified there with the sets of the
    # parts of both documents (shipping sets once per part, not once per pair)
    ids, pairs, folder = _task_inputs(ann.parts, candidates, run)
    try:
        sets = {i: dask.delayed(_part_sets)(parts[i], table, shingle) for i, table in ids.items()}
        verified = [dask.delayed(_verify_part)(table, threshold, *(sets[j] for j in needs))
                    for table, needs in pairs]
        return compute(dask.delayed(concat)(*verified))
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _task_inputs(parts: list, candidates: pd.DataFrame, run: str) -> tuple:
    """``(ids, pairs, folder)``: ``ids[i]``, the ids of part ``i``'s candidate documents;
    ``pairs``, per part, the pairs whose first document it holds and the parts holding
    their documents. Parts in a store get these as files in ``folder`` (under the store,
    removed after the run): the tasks read them there, so a worker lost mid-run loses
    nothing its tasks cannot be run again from (scattered to one worker, they were lost
    with it). Parts held in memory travel in the graph, and these with them."""
    ends = pd.concat([candidates[[f"doc_{x}", f"part_{x}"]].set_axis(["doc_id", "part"], axis=1)
                      for x in "ab"])
    ids = {i: pd.DataFrame({"doc_id": np.unique(g.astype(str))})
           for i, g in ends.groupby("part")["doc_id"]}
    pairs = [(g.reset_index(drop=True), np.union1d([i], g["part_b"]))
             for i, g in candidates.groupby("part_a")]
    stored = {p.store for p in parts if p.data is None}
    if len(stored) != 1 or any(p.data is not None for p in parts):
        return ids, pairs, None
    folder = Path(stored.pop()) / f"near-duplicates-{run}"
    folder.mkdir(parents=True)
    for i, table in ids.items():
        table.to_parquet(folder / f"ids-{i:05d}.parquet")
        ids[i] = str(folder / f"ids-{i:05d}.parquet")
    for k, (table, needs) in enumerate(pairs):
        table.to_parquet(folder / f"pairs-{k:05d}.parquet")
        pairs[k] = (str(folder / f"pairs-{k:05d}.parquet"), needs)
    return ids, pairs, folder


# --------------------------------------------------------------------------- public
@checked
def near_duplicates(docs, *, threshold: float = 0.8, shingle: int = 5, num_perm: int = 128,
                    seed: int = 1) -> pd.DataFrame:
    """Pairs of documents whose word-shingle Jaccard similarity reaches ``threshold``.

    Each text becomes the set of its ``shingle``-word windows (lower-cased
    ``\\w+`` words, so case and punctuation do not matter). MinHash signatures
    of ``num_perm`` permutations are banded for locality-sensitive hashing so
    that a pair at exactly ``threshold`` becomes a candidate with probability
    >= 0.99 (higher above it); candidates are then verified with the *exact*
    Jaccard similarity of their shingle sets. Cost grows with corpus size,
    not with the number of document pairs.

    A partitioned ``Annotations`` is processed part by part as Dask tasks (on
    the default client, if any): signatures and band buckets per part, a
    groupby on (band, bucket) for the candidates, then the exact similarity of
    each candidate pair from the shingle sets of its two documents only. The
    result is the same table as in memory.

    Parameters
    ----------
    docs : pandas.DataFrame, Corpus or Annotations
        Documents with ``doc_id, source, date, text`` (``Corpus.docs``); of an
        ``Annotations``, its ``docs`` (of a partitioned one, the texts are read
        from its parts, where they stay).
    threshold : float, default 0.8
        Minimum Jaccard similarity, in (0, 1].
    shingle : int, default 5
        Words per shingle.
    num_perm : int, default 128
        MinHash permutations (more: better recall near ``threshold``, slower).
    seed : int, default 1
        Seed of the hash functions (results are deterministic for a seed).

    Returns
    -------
    pandas.DataFrame
        ``doc_a, doc_b, source_a, source_b, date_a, date_b, similarity``; ``doc_a``
        is the earlier document (by date, undated last, then by ``doc_id``);
        sorted by decreasing similarity.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["AP", "Daily Mail"],
    ...                      "date": pd.to_datetime(["2022-03-01", "2022-03-02"]),
    ...                      "text": ["the same words here"] * 2})
    >>> near_duplicates(docs)[["doc_a", "doc_b", "similarity"]].values.tolist()
    [['a', 'b', 1.0]]
    >>> near_duplicates(partition(ann, parts=2)).equals(near_duplicates(ann))
    True
    """
    table = _as_docs(docs)
    if is_partitioned(docs):
        found = _partitioned_pairs(docs, threshold, shingle, num_perm, seed)
        position = pd.Index(table["doc_id"].astype(str))
        pairs = np.column_stack([position.get_indexer(found["doc_a"].astype(str)),
                                 position.get_indexer(found["doc_b"].astype(str))])
        inside = (pairs >= 0).all(axis=1)  # both documents in docs (always, unless edited)
        return _pairs_table(table, pairs[inside], found["similarity"].to_numpy()[inside])
    texts = table["text"].fillna("").astype(str).tolist()
    hashes, offsets = _shingle_sets(texts, shingle)
    sig = _minhash(hashes, offsets, num_perm, seed)
    pairs = _candidates(sig, np.diff(offsets) > 0, *_bands(num_perm, threshold))
    sim = _jaccard(hashes, offsets, pairs)
    keep = sim >= threshold
    return _pairs_table(table, pairs[keep], sim[keep])


def _pairs_table(docs: pd.DataFrame, pairs: np.ndarray, sim: np.ndarray) -> pd.DataFrame:
    """The pairs table of :func:`near_duplicates` from row positions ``pairs`` (n x 2)
    in ``docs`` and their similarities: earlier document first, most similar first."""
    pairs = pairs.reshape(-1, 2).astype(np.int64)
    rank = _earliest_rank(docs)
    swap = rank[pairs[:, 0]] > rank[pairs[:, 1]]
    pairs[swap] = pairs[swap][:, ::-1]
    meta = docs[["doc_id", "source", "date"]]
    a, b = meta.iloc[pairs[:, 0]], meta.iloc[pairs[:, 1]]
    out = pd.DataFrame({"doc_a": a["doc_id"].to_numpy(), "doc_b": b["doc_id"].to_numpy(),
                        "source_a": a["source"].to_numpy(), "source_b": b["source"].to_numpy(),
                        "date_a": a["date"].to_numpy(), "date_b": b["date"].to_numpy(),
                        "similarity": np.asarray(sim, dtype=np.float64)})
    for col in ("doc_a", "doc_b", "source_a", "source_b"):
        out[col] = out[col].astype("string")
    for col in ("date_a", "date_b"):
        out[col] = pd.to_datetime(out[col])
    return out.sort_values(["similarity", "doc_a", "doc_b"], ascending=[False, True, True],
                           ignore_index=True)


def _earliest_rank(docs: pd.DataFrame) -> np.ndarray:
    """Rank of each row when documents are ordered by date (undated last), then doc_id."""
    order = pd.DataFrame({"date": pd.to_datetime(docs["date"]).to_numpy(),
                          "doc_id": docs["doc_id"].astype(str).to_numpy()})
    order = order.sort_values(["date", "doc_id"], na_position="last", kind="stable")
    rank = np.empty(len(docs), dtype=np.int64)
    rank[order.index.to_numpy()] = np.arange(len(docs))
    return rank


def _members(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per document of ``pairs`` with its cluster (connected component; ``root`` is
    its smallest doc_id)."""
    import networkx as nx

    graph = nx.Graph(zip(pairs["doc_a"].astype(str), pairs["doc_b"].astype(str)))
    root_of = {d: min(c) for c in nx.connected_components(graph) for d in c}
    side = [pairs[[f"doc_{s}", f"source_{s}", f"date_{s}"]].set_axis(
        ["doc_id", "source", "date"], axis=1) for s in "ab"]
    docs = pd.concat(side, ignore_index=True).drop_duplicates("doc_id", ignore_index=True)
    docs["root"] = [root_of[d] for d in docs["doc_id"].astype(str)]
    docs["date"] = pd.to_datetime(docs["date"])
    docs = docs.sort_values(["date", "doc_id"], na_position="last", kind="stable")
    docs["is_first"] = ~docs["root"].duplicated()
    return docs


@checked
def duplicate_clusters(pairs: pd.DataFrame, *,
                       level: Literal["cluster", "document"] = "cluster") -> pd.DataFrame:
    """Group near-duplicate pairs into clusters, each with its earliest document.

    A cluster is a connected component of the pairs: if A~B and B~C, then A, B
    and C form one cluster even when A and C are below the threshold. The
    earliest document is the one with the earliest date (undated last; ties
    by ``doc_id``): usually the original, the others its copies.

    Parameters
    ----------
    pairs : pandas.DataFrame
        The output of :func:`near_duplicates`.
    level : {"cluster", "document"}, default "cluster"
        ``"cluster"``: one row per cluster, ``cluster, docs, sources,
        first_doc, first_source, first_date, last_date, source_list, doc_ids``
        (``docs`` and ``sources``: how many documents and outlets;
        ``source_list``: the distinct outlets, sorted, joined by "; ";
        ``doc_ids``: members from earliest, joined by " ").
        ``"document"``: one row per member, ``cluster, doc_id, source, date, is_first``.
        Clusters are numbered from 1, largest first.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> pairs = pd.DataFrame({"doc_a": ["a", "b"], "doc_b": ["b", "c"],
    ...                       "source_a": ["AP", "HuffPost"], "source_b": ["HuffPost", "RT"],
    ...                       "date_a": pd.to_datetime(["2022-03-01", "2022-03-02"]),
    ...                       "date_b": pd.to_datetime(["2022-03-02", "2022-03-05"]),
    ...                       "similarity": [0.9, 0.85]})
    >>> duplicate_clusters(pairs)[["docs", "first_doc", "source_list"]].values.tolist()
    [[3, 'a', 'AP; HuffPost; RT']]
    """
    missing = set(PAIR_COLUMNS[:-1]) - set(pairs.columns)
    if missing:
        raise ValueError(f"pairs lacks column(s) {sorted(missing)}; pass near_duplicates() output")
    if pairs.empty:
        cols = CLUSTER_COLUMNS if level == "cluster" else MEMBER_COLUMNS
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    members = _members(pairs)
    grouped = members.groupby("root", sort=False)
    clusters = pd.DataFrame({
        "docs": grouped.size(),
        "sources": grouped["source"].nunique(),
        "first_doc": grouped["doc_id"].first(),
        "first_source": grouped["source"].first(),
        "first_date": grouped["date"].first(),
        "last_date": grouped["date"].max(),
        "source_list": grouped["source"].agg(lambda s: "; ".join(sorted(set(map(str, s))))),
        "doc_ids": grouped["doc_id"].agg(lambda s: " ".join(map(str, s))),
    })
    clusters = clusters.sort_values(["docs", "first_date", "first_doc"],
                                    ascending=[False, True, True], na_position="last")
    clusters["cluster"] = np.arange(1, len(clusters) + 1)
    if level == "document":
        out = members.assign(cluster=members["root"].map(clusters["cluster"]))
        return out.sort_values(["cluster", "date", "doc_id"], na_position="last",
                               ignore_index=True)[MEMBER_COLUMNS]
    return clusters.reset_index(drop=True)[CLUSTER_COLUMNS]


@checked
def deduplicate(docs, *, duplicates: pd.DataFrame | None = None, threshold: float = 0.8,
                shingle: int = 5) -> pd.DataFrame:
    """``docs`` without the later copies of each near-duplicate cluster (a copy).

    Only pairs between documents of ``docs`` count, so a copy whose original
    is not in ``docs`` (for instance filtered out by outlet) is kept.

    Parameters
    ----------
    docs : pandas.DataFrame, Corpus or Annotations
        Documents with ``doc_id, source, date, text``; of an ``Annotations``, its
        ``docs`` (the pairs of a partitioned one are computed part by part, see
        :func:`near_duplicates`).
    duplicates : pandas.DataFrame, optional
        Pairs from :func:`near_duplicates`, computed once and reused. When
        omitted they are computed with ``threshold`` and ``shingle`` (each
        call: pass them to several calls to compute them once).
    threshold, shingle
        Passed to :func:`near_duplicates` when ``duplicates`` is omitted.

    Returns
    -------
    pandas.DataFrame
        The kept rows of the documents table (of ``Annotations.docs`` for an
        ``Annotations``).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["AP", "Daily Mail"],
    ...                      "date": pd.to_datetime(["2022-03-01", "2022-03-02"]),
    ...                      "text": ["the same words here"] * 2})
    >>> deduplicate(docs)["doc_id"].tolist()
    ['a']
    """
    given, docs = docs, _as_docs(docs)
    if duplicates is None:
        duplicates = near_duplicates(given if is_partitioned(given) else docs,
                                     threshold=threshold, shingle=shingle)
    ids = set(docs["doc_id"].astype(str))
    inside = duplicates["doc_a"].astype(str).isin(ids) & duplicates["doc_b"].astype(str).isin(ids)
    members = duplicate_clusters(duplicates[inside], level="document")
    drop = set(members.loc[~members["is_first"].astype(bool), "doc_id"].astype(str))
    return docs[~docs["doc_id"].astype(str).isin(drop)].reset_index(drop=True).copy()


@checked
def cross_outlet_copies(pairs: pd.DataFrame, docs) -> pd.DataFrame:
    """The members of near-duplicate clusters that span several outlets: who copies whom.

    Parameters
    ----------
    pairs : pandas.DataFrame
        From :func:`near_duplicates`.
    docs : pandas.DataFrame or Corpus
        The documents (for ``agency`` and ``title``).

    Returns
    -------
    pandas.DataFrame
        ``cluster, doc_id, source, date, is_first, agency, title``: one row per
        member, earliest first within each cluster (``is_first``: the probable
        original).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["AP", "Daily Mail", "AP"],
    ...                      "date": pd.to_datetime(["2022-03-01", "2022-03-02", "2022-03-02"]),
    ...                      "text": ["the same words here"] * 3})
    >>> cross_outlet_copies(near_duplicates(docs), docs)
       cluster doc_id      source       date  is_first  agency  title
    0        1      a          AP 2022-03-01      True     NaN    NaN
    1        1      b  Daily Mail 2022-03-02     False     NaN    NaN
    2        1      c          AP 2022-03-02     False     NaN    NaN
    """
    docs = _as_docs(docs)
    members = duplicate_clusters(pairs, level="document")
    extra = docs.reindex(columns=["doc_id", "agency", "title"])
    out = members.merge(extra, on="doc_id", how="left")
    if out.empty:
        return out
    spanning = out.groupby("cluster")["source"].transform("nunique") > 1
    return out[spanning].reset_index(drop=True)


@checked
def with_titles(pairs: pd.DataFrame, docs) -> pd.DataFrame:
    """``pairs`` of :func:`near_duplicates` with ``title_a`` and ``title_b`` from ``docs``.

    Examples
    --------
    >>> pairs = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["First", "Copy"]})
    >>> with_titles(pairs, docs)[["title_a", "title_b"]].values.tolist()
    [['First', 'Copy']]
    """
    if hasattr(docs, "docs") and isinstance(docs.docs, pd.DataFrame):
        docs = docs.docs
    for name, table, needed in (("pairs", pairs, {"doc_a", "doc_b"}),
                                ("docs", docs, {"doc_id", "title"})):
        if not needed <= set(table.columns):
            raise ValueError(f"{name} lacks column(s) {sorted(needed - set(table.columns))}; "
                             f"columns: {list(table.columns)}")
    title = pd.Series(docs["title"].to_numpy(), index=docs["doc_id"].to_numpy())
    return pairs.assign(title_a=pairs["doc_a"].map(title), title_b=pairs["doc_b"].map(title))
