"""NLTK's averaged-perceptron POS tagger, batched (:class:`FastTagger`).

The tagger is greedy left to right (its features read the two previous predicted tags),
so a batch of sentences advances one position at a time, all sentences together. Every
class sums its weights in NLTK's feature order (``+ 0.0`` for a feature it has no weight
for: an exact no-op), so the scores are bit-identical; a tie goes to the larger class
name, as in NLTK.
"""

from __future__ import annotations

import numpy as np

from .arrays import _MAX_TYPES, _Rows


class FastTagger:
    """NLTK's averaged-perceptron POS tagger, batched; output identical to ``tagger.tag``.

    Parameters
    ----------
    tagger : nltk.tag.perceptron.PerceptronTagger
        A loaded tagger; its ``model.weights``, ``classes`` and ``tagdict`` are read
        once (a dense float64 copy of the weights, about 27 MB for the English model).
    use_tagdict : bool, default True
        As ``PerceptronTagger.tag(use_tagdict=...)``.
    """

    #: calls with at most this many sentences are tagged in plain Python, larger ones
    #: with numpy, all sentences advancing one position per step
    small_batch = 4

    def __init__(self, tagger, use_tagdict: bool = True):
        self._tagger = tagger
        weights = tagger.model.weights
        classes = sorted(tagger.model.classes, reverse=True)  # argmax keeps the first max:
        self.classes = classes                                # the larger name, as NLTK
        self.start, self.end = list(tagger.START), list(tagger.END)
        extra = []
        for t in list(self.start) + sorted(set(tagger.tagdict.values())):
            if t not in classes and t not in extra:
                extra.append(t)
        self.tags = classes + extra  # tag space: classes first (argmax index == tag index)
        self._tag_index = {t: i for i, t in enumerate(self.tags)}
        n_cls = len(classes)
        col = {c: i for i, c in enumerate(classes)}

        feats = list(weights)
        self._fid = {f: i + 1 for i, f in enumerate(feats)}  # row 0: the zero row (unknown)
        W = np.zeros((len(feats) + 1, n_cls), dtype=np.float64)
        for f, i in self._fid.items():
            for label, w in weights[f].items():
                j = col.get(label)
                if j is not None:  # NLTK's argmax only looks at the classes
                    W[i, j] = w
        self._W = W

        fid, T = self._fid, len(self.tags)
        self._h1 = np.array([fid.get(f"i-1 tag {t}", 0) for t in self.tags], dtype=np.int64)
        self._h2 = np.array([fid.get(f"i-2 tag {t}", 0) for t in self.tags], dtype=np.int64)
        self._h12 = np.array([[fid.get(f"i tag+i-2 tag {a} {b}", 0) for b in self.tags]
                              for a in self.tags], dtype=np.int64)
        # "i-1 tag+i word {prev} {word}": a dense table word code x prev tag -> row
        by_word: dict[str, dict[int, int]] = {}
        prefix = "i-1 tag+i word "
        for f, i in fid.items():
            if f.startswith(prefix):
                prev, _, word = f[len(prefix):].partition(" ")
                if prev in self._tag_index:
                    by_word.setdefault(word, {})[self._tag_index[prev]] = i
        self._iw_code = {w: k + 1 for k, w in enumerate(by_word)}  # code 0: no such feature
        iw = np.zeros((len(by_word) + 1, T), dtype=np.int64)
        for w, k in self._iw_code.items():
            for t, i in by_word[w].items():
                iw[k, t] = i
        self._iw = iw
        self._bias = fid.get("bias", 0)
        self._h1_list, self._h2_list = self._h1.tolist(), self._h2.tolist()
        self._h12_list = self._h12.tolist()
        self.use_tagdict = use_tagdict
        self._reset_caches()

    def _reset_caches(self) -> None:
        # raw word -> type id; per raw type: norm type, suffix row, pref1 row, fixed tag
        self._raw: dict[str, int] = {}
        self._raw_rows = _Rows(4, np.int64)
        # normalised context string -> type id; per type the rows of the features that
        # read context[i], context[i-1], context[i-2], context[i+1], context[i+2]
        self._norm: dict[str, int] = {}
        self._norm_rows = _Rows(8, np.int64)
        self._pre: dict[int, list] = {}  # raw type -> bias + suffix + pref1 scores
        self._sp: dict[int, tuple] = {}  # feature row -> its non-zero (class, weight) pairs
        self._start_types = self._norm_types(self.start)
        self._end_types = self._norm_types(self.end)

    def _norm_types(self, ctxs: list[str]) -> list[int]:
        """Type ids of normalised context strings, new ones added in one block."""
        norm, out, new = self._norm, [], []
        for ctx in ctxs:
            t = norm.get(ctx)
            if t is None:
                t = norm[ctx] = len(norm)
                new.append(ctx)
            out.append(t)
        if new:
            get, iw = self._fid.get, self._iw_code.get
            rows = [(get("i word " + c, 0), get("i-1 word " + c, 0),
                     get("i-1 suffix " + c[-3:], 0), get("i-2 word " + c, 0),
                     get("i+1 word " + c, 0), get("i+1 suffix " + c[-3:], 0),
                     get("i+2 word " + c, 0), iw(c, 0)) for c in new]
            self._norm_rows.extend(rows)
        return out

    def _raw_types(self, sents) -> list[int]:
        raw, out = self._raw, []
        if len(raw) > _MAX_TYPES:
            self._reset_caches()
            raw = self._raw
        append, get = out.append, raw.get
        new = []
        for sent in sents:
            for w in sent:
                t = get(w)
                if t is None:
                    t = raw[w] = len(raw)
                    new.append(w)
                append(t)
        if new:
            norm, fid, idx = self._tagger.normalize, self._fid.get, self._tag_index
            tagdict = self._tagger.tagdict if self.use_tagdict else {}
            norm_t = self._norm_types([norm(w) for w in new])
            fixed = [tagdict.get(w) for w in new]
            rows = [(nt, fid("i suffix " + w[-3:], 0), fid("i pref1 " + (w[0] if w else ""), 0),
                     idx[f] if f else -1) for w, nt, f in zip(new, norm_t, fixed)]
            self._raw_rows.extend(rows)
        return out

    def tag(self, tokens: list[str]) -> list[tuple[str, str]]:
        """Tag one sentence: ``PerceptronTagger.tag(tokens)``."""
        return self.tag_sents([tokens])[0]

    def tag_sents(self, sents: list[list[str]]) -> list[list[tuple[str, str]]]:
        """Tag many sentences at once: ``[tagger.tag(s) for s in sents]``, faster."""
        sents = [list(s) for s in sents]
        idx = self.tag_indices(sents)
        tags = self.tags
        out, pos = [], 0
        for s in sents:
            n = len(s)
            out.append(list(zip(s, [tags[i] for i in idx[pos:pos + n]])))
            pos += n
        return out

    def tag_indices(self, sents) -> list[int]:
        """Tag indices (into :attr:`tags`) of every token, sentences concatenated."""
        lengths = np.fromiter((len(s) for s in sents), dtype=np.int64, count=len(sents))
        n_tok = int(lengths.sum())
        if n_tok == 0:
            return []
        raw = self._raw_types(sents)  # sentence-major
        if len(sents) <= self.small_batch:
            return self._tag_small(sents, raw)
        R = self._raw_rows.array[np.array(raw, dtype=np.int64)]
        norm_t, suf, pref, fixed = R[:, 0], R[:, 1], R[:, 2], R[:, 3]
        # the padded context of every sentence: START START words END END
        S = len(lengths)
        tok_start = np.zeros(S, dtype=np.int64)
        np.cumsum(lengths[:-1], out=tok_start[1:])
        ctx_start = tok_start + 4 * np.arange(S)
        ctx = np.empty(n_tok + 4 * S, dtype=np.int64)
        sent_of = np.repeat(np.arange(S), lengths)
        pos_in = np.arange(n_tok) - tok_start[sent_of]
        j = ctx_start[sent_of] + 2 + pos_in  # each token's place in ctx
        ctx[j] = norm_t
        ctx[ctx_start] = self._start_types[0]
        ctx[ctx_start + 1] = self._start_types[1]
        ctx[ctx_start + 2 + lengths] = self._end_types[0]
        ctx[ctx_start + 3 + lengths] = self._end_types[1]
        N = self._norm_rows.array
        W = self._W
        # position-major order: step t holds the t-th token of every sentence longer than t,
        # sentences sorted longest first, so each step is a contiguous slice and the live
        # sentences are a prefix of the state arrays
        order = np.argsort(-lengths, kind="stable")
        rank = np.empty(S, dtype=np.int64)
        rank[order] = np.arange(S)
        perm = np.argsort(pos_in * S + rank[sent_of], kind="stable")
        jp = j[perm]
        pre = W[self._bias] + W[suf[perm]]  # bias, "i suffix", "i pref1": read no history
        pre += W[pref[perm]]
        iword = N[ctx[jp], 0]
        iwcode = N[ctx[jp], 7]
        after = [N[ctx[jp - 1], 1], N[ctx[jp - 1], 2], N[ctx[jp - 2], 3],
                 N[ctx[jp + 1], 4], N[ctx[jp + 1], 5], N[ctx[jp + 2], 6]]
        fix = fixed[perm]
        counts = np.bincount(pos_in, minlength=int(lengths.max()))  # live sentences per step
        prev = np.full(S, self._tag_index[self.start[0]], dtype=np.int64)
        prev2 = np.full(S, self._tag_index[self.start[1]], dtype=np.int64)
        out = np.empty(n_tok, dtype=np.int64)
        h1, h2, h12, iw = self._h1, self._h2, self._h12, self._iw
        a = 0
        for k in counts.tolist():
            b = a + k
            f = fix[a:b]
            todo = np.flatnonzero(f < 0)
            tags = f.copy()
            if len(todo):
                p1, p2 = prev[todo], prev2[todo]
                g = todo + a
                acc = pre[g]
                acc += W[h1[p1]]              # i-1 tag
                acc += W[h2[p2]]              # i-2 tag
                acc += W[h12[p1, p2]]         # i tag+i-2 tag
                acc += W[iword[g]]            # i word
                acc += W[iw[iwcode[g], p1]]   # i-1 tag+i word
                for rows in after:            # i-1 word ... i+2 word
                    acc += W[rows[g]]
                tags[todo] = acc.argmax(axis=1)
            prev2[:k] = prev[:k]
            prev[:k] = tags
            out[a:b] = tags
            a = b
        result = np.empty(n_tok, dtype=np.int64)
        result[perm] = out
        return result.tolist()

    def _sparse(self, row: int) -> tuple:
        w = self._W[row]
        cols = np.flatnonzero(w)
        sp = self._sp[row] = tuple(zip(cols.tolist(), w[cols].tolist()))
        return sp

    def _tag_small(self, sents, raw: list[int]) -> list[int]:
        """The same greedy decoding token by token in plain Python over sparse rows
        (numpy's per-call cost dominates for a few sentences). Each class still sums
        its weights in NLTK's feature order."""
        rawp, normp, pre_of, sparse, get_sp = self._raw_rows.py, self._norm_rows.py, self._pre, \
            self._sparse, self._sp.get
        h1, h2, h12, iw, W = self._h1_list, self._h2_list, self._h12_list, self._iw, self._W
        s0, s1 = self._start_types
        e0, e1 = self._end_types
        t0, t1 = self._tag_index[self.start[0]], self._tag_index[self.start[1]]
        out, pos = [], 0
        for sent in sents:
            n = len(sent)
            types = raw[pos:pos + n]
            pos += n
            ctx = [normp[s0], normp[s1]] + [normp[rawp[t][0]] for t in types] \
                + [normp[e0], normp[e1]]
            p1, p2 = t0, t1
            for i, t in enumerate(types):
                _, suf, pref, tag = rawp[t]
                if tag < 0:
                    sc = pre_of.get(t)
                    if sc is None:
                        sc = pre_of[t] = ((W[self._bias] + W[suf]) + W[pref]).tolist()
                    sc = sc.copy()
                    cur, before, after = ctx[i + 2], ctx[i + 1], ctx[i + 3]
                    for r in (h1[p1], h2[p2], h12[p1][p2], cur[0], int(iw[cur[7], p1]),
                              before[1], before[2], ctx[i][3], after[4], after[5],
                              ctx[i + 4][6]):
                        if r:
                            sp = get_sp(r)
                            for c, w in (sp if sp is not None else sparse(r)):
                                sc[c] += w
                    tag = sc.index(max(sc))  # the first maximum: the larger class name
                out.append(tag)
                p2, p1 = p1, tag
        return out
