"""NLTK's maxent NE chunker, vectorised (:class:`FastChunker`), its quicker loader
(:func:`load_ne_chunker`) and the IOB-label helpers.

The chunker's features read only the previous label, so each token's decision is
tabulated for every possible previous label in one vectorised pass and a cheap walk
follows the sentence. The features are NLTK's own (same ``shape``/``simplify_pos``, same
quirks such as ``prevtag`` being the first *character* of the previous label at index 1);
scores are summed in NLTK's order; a tie goes to the larger label after NLTK's
log-normalisation, re-done with its ``DictionaryProbDist`` when two labels are within
rounding of each other. :func:`load_ne_chunker` reads the model's tab files with a plain
file reader instead of ``nltk.data``'s line-by-line stream reader (0.7 s to 0.3 s).
"""

from __future__ import annotations

import functools

import numpy as np

from .arrays import _MAX_TYPES, _Rows


def iob_to_tree(tagged, labels):
    """``NEChunkParser._tagged_to_parse`` over ``zip(tagged, labels)``: an ``S`` tree."""
    from nltk.tree import Tree

    sent = Tree("S", [])
    for tok, tag in zip(tagged, labels):
        if tag == "O":
            sent.append(tok)
        elif tag.startswith("B-"):
            sent.append(Tree(tag[2:], [tok]))
        elif tag.startswith("I-"):
            if sent and isinstance(sent[-1], Tree) and sent[-1].label() == tag[2:]:
                sent[-1].append(tok)
            else:
                sent.append(Tree(tag[2:], [tok]))
    return sent


def iob_to_spans(labels, offset: int = 0, untyped: str | None = None):
    """The chunks of :func:`iob_to_tree` as ``(start, end, label)`` token spans.

    ``end`` is exclusive; ``untyped`` replaces every label (``annotation.UNTYPED`` for
    the binary chunker): ``iob_to_spans(labels, offset, UNTYPED)`` equals
    ``engine.chunk_entities(iob_to_tree(tagged, labels), offset, True)``.
    """
    spans, i, cur = [], 0, None  # cur: [start, end, label] of the last node if a chunk
    for tag in labels:
        if tag == "O":
            cur = None
        elif tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != tag[2:])):
            cur = [i, i + 1, tag[2:]]
            spans.append(cur)
        elif tag.startswith("I-"):
            cur[1] = i + 1
        else:  # NLTK leaves the token out of the tree: no node, no index
            continue
        i += 1
    return [(offset + s, offset + e, untyped if untyped is not None else lab)
            for s, e, lab in spans]


class FastChunker:
    """NLTK's maxent NE chunker, vectorised; output identical to ``chunker.parse``.

    Parameters
    ----------
    chunker : nltk.chunk.named_entity.NEChunkParser
        A loaded chunker (``Maxent_NE_Chunker("binary")``); its classifier's weights
        and feature mapping are read once.

    Raises
    ------
    ValueError
        If the chunker is not the stock maxent one (another feature detector, a
        backoff tagger, a cut-off probability, unseen-value features): this class
        would not reproduce it.
    """

    #: labels whose scores differ by less than this (relative) are decided by NLTK's own
    #: normalisation and ``DictionaryProbDist.max`` (float rounding could tie them there)
    close_tol = 1e-9
    #: calls with at most this many sentences are scored in plain Python, larger ones
    #: with numpy, every token for every possible previous label at once
    small_batch = 1

    def __init__(self, chunker):
        from nltk.chunk.named_entity import NEChunkParserTagger
        from nltk.classify.maxent import BinaryMaxentFeatureEncoding

        tagger = chunker._tagger
        clf = tagger._classifier
        enc = getattr(clf, "_encoding", None)
        if (type(tagger)._feature_detector is not NEChunkParserTagger._feature_detector
                or "_feature_detector" in vars(tagger) or tagger._taggers != [tagger]
                or tagger._cutoff_prob is not None
                or not isinstance(enc, BinaryMaxentFeatureEncoding)
                or enc._unseen or not getattr(clf, "_logarithmic", False)):
            raise ValueError("FastChunker reproduces only the stock maxent NE chunker")
        self._chunker = chunker
        self.labels = list(enc.labels())
        L = len(self.labels)
        lab_index = {lab: i for i, lab in enumerate(self.labels)}
        weights = np.asarray(clf._weights, dtype=np.float64)
        # (fname, fval) -> row of per-label weights; row 0 is the zero row (unseen pair)
        self._rows: dict[str, dict] = {}
        cells, n_rows = [], 1  # (row, label, feature id); each triple is mapped once
        for (fname, fval, label), fid in enc._mapping.items():
            by_val = self._rows.setdefault(fname, {})
            r = by_val.get(fval)
            if r is None:
                r = by_val[fval] = n_rows
                n_rows += 1
            cells.append((r, lab_index[label], fid))
        cells = np.array(cells, dtype=np.int64).reshape(-1, 3)
        self._M = np.zeros((n_rows, L), dtype=np.float64)
        self._M[cells[:, 0], cells[:, 1]] = weights[cells[:, 2]]
        self._aon = np.zeros(L)
        if enc._alwayson:
            for label, fid in enc._alwayson.items():
                self._aon[lab_index[label]] = weights[fid]
        self._wordlist = tagger._english_wordlist()
        # argmax over labels in descending name order keeps the first maximum: the larger
        # label, as DictionaryProbDist.max() (max of (p, label) pairs)
        self._desc = np.array(sorted(range(L), key=lambda i: self.labels[i], reverse=True))
        # prevtag value for each previous label c, at index 0 / 1 / >= 2 (NLTK reads
        # history[0][0], the first character, at index 1)
        self._prevtag_vals = [[None] * L, [lab[0] for lab in self.labels], list(self.labels)]
        self._pt_rows = np.array([[self._row("prevtag", v) for v in vals]
                                  for vals in self._prevtag_vals], dtype=np.int64)  # 3 x L
        self._pt_rows_py = self._pt_rows.tolist()
        self._M_py = self._M.tolist()
        self._reset_caches()

    def _row(self, fname: str, fval) -> int:
        return self._rows.get(fname, {}).get(fval, 0)

    def _reset_caches(self) -> None:
        L = len(self.labels)
        self._word: dict[str, int] = {}
        # per word type: word-only score prefix (bias, shape, wordlen, prefix3, suffix3)
        self._word_pre = _Rows(L, np.float64)
        # per word type: rows of "word", "en-wordlist", "prevword", "nextword"; shape-of-lower code
        self._word_rows = _Rows(5, np.int64)
        self._word_lower: list[str] = []
        self._shape_memo: dict[str, str] = {}
        self._shape_code: dict = {None: 0}
        self._shape_rows = _Rows(3 * L, np.int64)  # per prevshape: shape+prevtag rows, 3 modes
        self._shape_rows.extend(self._shape_table(None))
        self._pos: dict = {}
        # per POS type: rows of "pos", "prevpos", "nextpos", then pos+prevtag for 3 modes x L
        self._pos_rows = _Rows(3 + 3 * L, np.int64)
        self._pos_lower: list = []

    def _shape_table(self, prevshape) -> list[int]:
        rows = []
        for m, vals in enumerate(self._prevtag_vals):
            shp = prevshape if m == 2 else None  # prevshape is None before index 2
            rows += [self._row("shape+prevtag", f"{shp}+{v}") for v in vals]
        return rows

    def _add_words(self, new: list[str]) -> None:
        """Per-word rows of the word types ``new`` (already numbered, in order)."""
        from nltk.chunk.named_entity import shape as nltk_shape

        memo = self._shape_memo
        if len(memo) > _MAX_TYPES:
            memo.clear()

        def shape(w):
            s = memo.get(w)
            if s is None:
                s = memo[w] = nltk_shape(w)
            return s

        rows, M = self._rows, self._M
        lower = [w.lower() for w in new]
        shp = [shape(w) for w in new]
        low_shp = [shape(w) for w in lower]
        codes = []
        for s in low_shp:
            code = self._shape_code.get(s)
            if code is None:
                code = self._shape_code[s] = len(self._shape_code)
                self._shape_rows.extend(self._shape_table(s))
            codes.append(code)

        def ids(fname, vals):
            get = rows.get(fname, {}).get
            return np.array([get(v, 0) for v in vals], dtype=np.int64)

        # bias, shape, wordlen, prefix3, suffix3: NLTK's order, one feature at a time
        pre = M[ids("bias", [True] * len(new))]
        pre += M[ids("shape", shp)]
        pre += M[ids("wordlen", [len(w) for w in new])]
        pre += M[ids("prefix3", [w[:3] for w in lower])]
        pre += M[ids("suffix3", [w[-3:] for w in lower])]
        self._word_pre.extend(pre)
        wl = self._wordlist
        self._word_rows.extend(np.stack([
            ids("word", new), ids("en-wordlist", [w in wl for w in new]),
            ids("prevword", lower), ids("nextword", lower), np.array(codes, dtype=np.int64)],
            axis=1))
        self._word_lower += lower

    def _pos_type(self, p) -> int:
        from nltk.chunk.named_entity import simplify_pos

        t = self._pos[p] = len(self._pos)
        row = self._row
        if p is None:  # the "no next token" type
            self._pos_rows.extend([0, 0, row("nextpos", None)] + [0] * (3 * len(self.labels)))
            self._pos_lower.append(None)
            return t
        sp = simplify_pos(p)
        rows = [row("pos", sp), row("prevpos", sp), row("nextpos", p.lower())]
        for vals in self._prevtag_vals:
            rows += [row("pos+prevtag", f"{sp}+{v}") for v in vals]
        self._pos_rows.extend(rows)
        self._pos_lower.append(p.lower())
        return t

    # ------------------------------------------------------------------ scoring
    def _types(self, sents):
        if len(self._word) > _MAX_TYPES:
            self._reset_caches()
        words, wget, pget = self._word, self._word.get, self._pos.get
        wts, pts, new = [], [], []
        for sent in sents:
            for w, p in sent:
                t = wget(w)
                if t is None:
                    t = words[w] = len(words)
                    new.append(w)
                wts.append(t)
                t = pget(p)
                pts.append(t if t is not None else self._pos_type(p))
        if new:
            self._add_words(new)
        return wts, pts

    def _scores(self, sents, lengths, types=None):
        """Scores ``[token, previous label, label]``, bit-identical to NLTK's totals."""
        L = len(self.labels)
        n_tok = int(lengths.sum())
        wt, pt = types if types is not None else self._types(sents)
        wt, pt = np.array(wt, dtype=np.int64), np.array(pt, dtype=np.int64)
        none_pos = self._pos.get(None)
        if none_pos is None:
            none_pos = self._pos_type(None)
        S = len(lengths)
        tok_start = np.zeros(S, dtype=np.int64)
        np.cumsum(lengths[:-1], out=tok_start[1:])
        sent_of = np.repeat(np.arange(S), lengths)
        pos_in = np.arange(n_tok) - tok_start[sent_of]
        first = pos_in == 0
        last = pos_in == lengths[sent_of] - 1
        mode = np.minimum(pos_in, 2)
        M = self._M
        WR = self._word_rows.array
        PR = self._pos_rows.array
        prev_w = np.roll(wt, 1)
        next_w = np.roll(wt, -1)
        prev_p = np.roll(pt, 1)
        next_p = np.where(last, none_pos, np.roll(pt, -1))
        # word+nextpos: one string per distinct (word, next POS) pair
        lower, plower = self._word_lower, self._pos_lower
        key = wt * len(self._pos) + next_p
        uniq, inv = np.unique(key, return_inverse=True)
        npos = len(self._pos)
        wn_rows = self._rows.get("word+nextpos", {})
        uv = []
        for k in uniq.tolist():
            w_, p_ = divmod(k, npos)
            uv.append(wn_rows.get(f"{lower[w_]}+{plower[p_]}", 0))
        wn = np.array(uv, dtype=np.int64)[inv]
        # history-free part, in NLTK's feature order:
        # bias shape wordlen prefix3 suffix3 | pos | word en-wordlist
        base = self._word_pre.array[wt] + M[PR[pt, 0]]
        base += M[WR[wt, 0]]
        base += M[WR[wt, 1]]
        # prevtag (per previous label c)
        tot = base[:, None, :] + M[self._pt_rows[mode]]  # n x L(c) x L
        none_row = self._row
        prevpos = np.where(first, none_row("prevpos", None), PR[prev_p, 1])
        tot += M[prevpos][:, None, :]
        tot += M[PR[next_p, 2]][:, None, :]  # nextpos (the None type: last token)
        prevword = np.where(first, none_row("prevword", None), WR[prev_w, 2])
        tot += M[prevword][:, None, :]
        nextword = np.where(last, none_row("nextword", None), WR[next_w, 3])
        tot += M[nextword][:, None, :]
        tot += M[wn][:, None, :]
        # pos+prevtag, shape+prevtag
        c = np.arange(L)
        tot += M[PR[pt[:, None], 3 + mode[:, None] * L + c]]
        shape_code = np.where(mode == 2, WR[prev_w, 4], 0)
        tot += M[self._shape_rows.array[shape_code[:, None], mode[:, None] * L + c]]
        tot += self._aon
        return tot, lengths, tok_start

    def iob_sents(self, sents) -> list[list[str]]:
        """IOB labels (``"B-NE"``, ``"I-NE"``, ``"O"``) of every token of the POS-tagged
        ``sents``: ``[[iob for _, iob in chunker._tagger.tag(s)] for s in sents]``."""
        sents = [list(s) for s in sents]
        lengths = np.fromiter((len(s) for s in sents), dtype=np.int64, count=len(sents))
        if int(lengths.sum()) == 0:
            return [[] for _ in sents]
        types = self._types(sents)
        if len(sents) <= self.small_batch:
            return self._iob_small(sents, *types)
        tot, lengths, tok_start = self._scores(sents, lengths, types)
        desc = self._desc
        ordered = tot[:, :, desc]
        best = desc[ordered.argmax(axis=2)]  # n x L(c)
        srt = np.sort(tot, axis=2)
        top, second = srt[:, :, -1], srt[:, :, -2] if tot.shape[2] > 1 else srt[:, :, -1] - 1
        # within rounding of each other: NLTK's log-normalisation could make them equal;
        # decide those with NLTK's own DictionaryProbDist
        close = (top - second) <= self.close_tol * (np.abs(top) + np.abs(second) + 8.0)
        best[close] = -1
        dec = best.ravel().tolist()  # flat ints: no per-token list for the collector to scan
        labels, L = self.labels, len(self.labels)
        out, pos = [], 0
        for n in lengths.tolist():
            seq, c = [], 0
            for i in range(pos * L, (pos + n) * L, L):
                d = dec[i + c]
                if d < 0:
                    d = self._exact(tot[i // L, c])
                seq.append(labels[d])
                c = d
            out.append(seq)
            pos += n
        return out

    def _exact(self, totals) -> int:
        from nltk.probability import DictionaryProbDist

        totals = [np.float64(x) for x in totals]  # NLTK's totals are numpy floats
        dist = DictionaryProbDist(dict(zip(self.labels, totals)), log=True, normalize=True)
        return self.labels.index(dist.max())

    def _iob_small(self, sents, wts: list[int], pts: list[int]) -> list[list[str]]:
        """The same scores token by token in plain Python, only for the previous label
        actually predicted (numpy's per-call cost dominates for a few sentences)."""
        labels, L, tol = self.labels, len(self.labels), self.close_tol
        M, aon, ptr = self._M_py, self._aon.tolist(), self._pt_rows_py
        wpre, wrows, wlow = self._word_pre.py, self._word_rows.py, self._word_lower
        if self._pos.get(None) is None:
            self._pos_type(None)
        prows, plow, srows = self._pos_rows.py, self._pos_lower, self._shape_rows.py
        wn_get = self._rows.get("word+nextpos", {}).get
        row = self._row
        first_pp, first_pw = row("prevpos", None), row("prevword", None)
        last_np, last_nw = row("nextpos", None), row("nextword", None)
        out, pos = [], 0
        for sent in sents:
            n = len(sent)
            ws, ps = wts[pos:pos + n], pts[pos:pos + n]
            pos += n
            seq, c = [], 0
            for i in range(n):
                wt, pr = ws[i], prows[ps[i]]
                wr = wrows[wt]
                m = i if i < 2 else 2
                if i:
                    prevpos, prevword = prows[ps[i - 1]][1], wrows[ws[i - 1]][2]
                else:
                    prevpos, prevword = first_pp, first_pw
                if i < n - 1:
                    nextpos, nextword = prows[ps[i + 1]][2], wrows[ws[i + 1]][3]
                    wn = wn_get(f"{wlow[wt]}+{plow[ps[i + 1]]}", 0)
                else:
                    nextpos, nextword = last_np, last_nw
                    wn = wn_get(f"{wlow[wt]}+None", 0)
                shp = srows[wrows[ws[i - 1]][4] if m == 2 else 0]
                tot = wpre[wt]
                # pos word en-wordlist prevtag prevpos nextpos prevword nextword word+nextpos
                # pos+prevtag shape+prevtag: NLTK's order
                for r in (pr[0], wr[0], wr[1], ptr[m][c], prevpos, nextpos, prevword, nextword,
                          wn, pr[3 + m * L + c], shp[m * L + c]):
                    if r:
                        tot = [a + b for a, b in zip(tot, M[r])]
                tot = [a + b for a, b in zip(tot, aon)]
                srt = sorted(tot)
                top, second = srt[-1], srt[-2] if L > 1 else srt[-1] - 1
                if top - second <= tol * (abs(top) + abs(second) + 8.0):
                    c = self._exact(tot)
                else:
                    c = tot.index(top)
                seq.append(labels[c])
            out.append(seq)
        return out

    def parse(self, tagged):
        """One sentence: ``chunker.parse(tagged)``."""
        return self.parse_sents([tagged])[0]

    def parse_sents(self, sents) -> list:
        """``[chunker.parse(s) for s in sents]``: ``nltk.Tree`` objects, identical."""
        sents = [list(s) for s in sents]
        return [iob_to_tree(s, labs) for s, labs in zip(sents, self.iob_sents(sents))]

    def spans_sents(self, sents, untyped: str | None = None) -> list[list[tuple[int, int, str]]]:
        """Per sentence, the ``(start, end, label)`` token spans of its chunks (end exclusive).

        ``spans_sents(tagged, untyped=UNTYPED)[k]`` equals
        ``engine.chunk_entities(chunker.parse(tagged[k]), 0, True)``.
        """
        return [iob_to_spans(labs, 0, untyped) for labs in self.iob_sents(sents)]


def load_ne_chunker(fmt: str = "binary"):
    """``nltk.chunk.named_entity.Maxent_NE_Chunker(fmt)``, its tab files read with a plain
    file reader (NLTK's decoder, the same parameters; NLTK's reader when the model sits
    in a zip file)."""
    return _quick_chunker_class()(fmt)


@functools.lru_cache(maxsize=1)
def _quick_chunker_class():
    import os

    from nltk.chunk.named_entity import Maxent_NE_Chunker, NEChunkParserTagger
    from nltk.classify import MaxentClassifier
    from nltk.classify.maxent import BinaryMaxentFeatureEncoding
    from nltk.tabdata import MaxentDecoder

    class QuickMaxentNEChunker(Maxent_NE_Chunker):
        def load_params(self):
            path = getattr(self._tab_dir, "path", None)
            if not isinstance(path, str) or not os.path.isdir(path):
                return super().load_params()
            dec = MaxentDecoder()

            def read(name, decode):
                with open(os.path.join(path, name), encoding="utf-8", newline="\n") as f:
                    return decode(f)

            wgt = read("weights.txt", lambda f: np.array(list(map(np.float64,
                                                                  dec.txt2list(f)))))
            mpg, lab = read("mapping.tab", dec.tupkey2dict), read("labels.txt", dec.txt2list)
            aon = read("alwayson.tab", dec.tab2ivdict)
            encoding = BinaryMaxentFeatureEncoding(lab, mpg, alwayson_features=aon)
            self._tagger = NEChunkParserTagger(classifier=MaxentClassifier(encoding, wgt))

    return QuickMaxentNEChunker
