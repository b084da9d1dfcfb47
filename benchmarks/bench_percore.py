"""Benchmark: per-core speed of word splitting, POS tagging and binary NE chunking, NLTK against analysis.fastnlp.

Run: ``.venv/bin/python benchmarks/bench_percore.py [--docs 200] [--repeat 3]``
(needs ../shared/corpus; exits 0 with a message when it is absent).

One process, models loaded once for both sides. The first ``--docs`` articles of
the sample (cleaned by ``load_corpus``) are split into sentences and words as
``annotate`` splits them (untimed); then, runs alternated, median of ``--repeat``:

1. tag + chunk, the step ``annotate_texts`` spends ~90 % of its time in:
   NLTK (per sentence ``tagger.tag``, ``chunker.parse``, annotation's span extraction)
   against ``FastTagger.tag_sents`` + ``FastChunker.spans_sents`` per ``CHUNK_DOCS``
   documents (a worker's task), against the one-sentence drop-ins ``FastTagger.tag``
   + ``FastChunker.parse``. The fast word caches are emptied before every timed run
   (cold, as a worker's first task); "warm" keeps them (a worker's later tasks).
   Identity: tokens with the same tag, sentences with the same tree, entities (sentence,
   span, label) found by both out of those found by either.
2. ``annotation.annotate_texts`` end to end (sentences, words, offsets included; it
   splits words with ``fastnlp.WordTokenizer`` and batches each task's sentences through
   the fast objects) against what it did before (``plain_annotate_texts`` below: NLTK's
   word tokenizer, tagger and chunker per sentence); outputs compared.
3. Loading: NLTK's ``Maxent_NE_Chunker`` against ``fastnlp.load_ne_chunker`` (same
   parameters, a plain file reader), and the word tokenizers alone.

Every speed is printed as a ratio against the NLTK baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import config  # noqa: E402


def _median_alternated(fns: dict, repeat: int, before=None) -> tuple[dict, dict]:
    """Run each of ``fns`` in turn, ``repeat`` rounds; median seconds and last result of each."""
    times = {k: [] for k in fns}
    results = {}
    for _ in range(repeat):
        for name, fn in fns.items():
            if before is not None:
                before(name)
            start = time.perf_counter()
            results[name] = fn()
            times[name].append(time.perf_counter() - start)
    return {k: statistics.median(v) for k, v in times.items()}, results


def plain_annotate_texts(items, multiclass: bool = False) -> dict[str, list]:
    """What ``annotation.annotate_texts`` did before ``analysis.fastnlp``: NLTK's
    objects (its word tokenizer, tagger and chunker), one sentence at a time (the
    baseline of part 2); same sentence splitting and columns."""
    from analysis.engine import _columns, chunk_entities, nltk_models, sentence_units

    from nltk.tokenize import NLTKWordTokenizer

    punkt, _, tagger, chunker = nltk_models(multiclass)
    units = sentence_units(items, punkt, NLTKWordTokenizer())  # NLTK's own word tokenizer
    tagged_all = [tagger.tag(unit[7]) for unit in units]
    spans_all = [chunk_entities(chunker.parse(t), 0, not multiclass) for t in tagged_all]
    return _columns(units, tagged_all, spans_all)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not config.SHARED_SAMPLE.exists():
        print(f"skipped: {config.SHARED_SAMPLE} is absent")
        return 0
    if not os.environ.get("NEWS_WORKBOOK_CACHE"):  # the corpus cache: not the working tree's
        scratch = tempfile.mkdtemp(prefix="bench-percore-")
        atexit.register(shutil.rmtree, scratch, True)
        os.environ["NEWS_WORKBOOK_CACHE"] = scratch
    from analysis import engine as A
    from analysis.engine import sentence_words
    from analysis.loading import load_corpus
    from analysis.vocabulary import UNTYPED

    docs = load_corpus(config.SHARED_SAMPLE, progress=False).docs.head(args.docs)
    t0 = time.perf_counter()
    punkt, words_tok, tagger, chunker = A.nltk_models(False)
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ft, fc = A.fast_models(False)
    t_fast = time.perf_counter() - t0
    per_doc = [sentence_words(text, punkt, words_tok) for text in docs["text"]]
    sents = [s for d in per_doc for s in d]
    n_words = sum(map(len, sents))
    batches, k = [], 0
    for i in range(0, len(per_doc), A.CHUNK_DOCS):
        n = sum(len(d) for d in per_doc[i:i + A.CHUNK_DOCS])
        batches.append(sents[k:k + n])
        k += n

    def per_sentence(tag, parse):
        def run():
            tags, spans = [], []
            for words in sents:
                tagged = tag(words)
                tags.append(tagged)
                spans.append(A.chunk_entities(parse(tagged), 0, True))
            return tags, spans
        return run

    nltk_run = per_sentence(tagger.tag, chunker.parse)
    fast_one_by_one = per_sentence(ft.tag, fc.parse)

    def fast_batched():
        tags, spans = [], []
        for batch in batches:
            tagged = ft.tag_sents(batch)
            tags += tagged
            spans += fc.spans_sents(tagged, untyped=UNTYPED)
        return tags, spans

    def cold(name):
        if name != "fast, batched, warm":
            ft._reset_caches()
            fc._reset_caches()

    fast_batched()  # so that the warm runs start warm
    times, results = _median_alternated(
        {"NLTK": nltk_run, "fast, batched": fast_batched, "fast, one by one": fast_one_by_one,
         "fast, batched, warm": fast_batched}, args.repeat, before=cold)
    ref_tags, ref_spans = results["NLTK"]
    print(f"{len(docs)} docs, {len(sents)} sentences, {n_words} words; NLTK models loaded in "
          f"{t_load:.1f} s, fast objects built from them in {t_fast:.1f} s (once per process)")
    print(f"[1] tag + chunk, median of {args.repeat} (alternated), per core:")
    base = times["NLTK"]
    for name, t in times.items():
        tags, spans = results[name]
        same_tok = sum(a == b for s, r in zip(tags, ref_tags) for a, b in zip(s, r))
        ent = {(i, *sp) for i, ss in enumerate(spans) for sp in ss}
        ref_ent = {(i, *sp) for i, ss in enumerate(ref_spans) for sp in ss}
        union = ent | ref_ent
        print(f"    {name:20s}: {n_words / t:9.0f} words/s = {base / t:5.2f}x NLTK   "
              f"identical tags {same_tok / n_words:.3%}, entities {len(ent & ref_ent)}/"
              f"{len(union)} = {len(ent & ref_ent) / max(1, len(union)):.3%}")
    ratio = base / times["fast, batched"]
    verdict = "met" if ratio >= 1.5 else "NOT met"
    print(f"    target >= 1.5x (batched, cold): {verdict} ({ratio:.2f}x)")

    items = list(zip(docs["doc_id"], docs["text"]))
    tasks = [items[i:i + A.CHUNK_DOCS] for i in range(0, len(items), A.CHUNK_DOCS)]

    def plain():
        return [plain_annotate_texts(t) for t in tasks]

    def as_is():
        return [A.annotate_texts(t) for t in tasks]

    times, results = _median_alternated(
        {"NLTK per sentence": plain, "annotate_texts": as_is}, args.repeat, before=cold)
    base = times["NLTK per sentence"]
    print(f"[2] annotate_texts end to end ({len(tasks)} tasks of {A.CHUNK_DOCS} docs), "
          f"median of {args.repeat}, cold caches:")
    for name, t in times.items():
        same = results[name] == results["NLTK per sentence"]
        print(f"    {name:20s}: {n_words / t:9.0f} words/s = {base / t:5.2f}x   "
              f"output identical: {same}")
    _loading(args.repeat, docs)
    return 0


def _loading(repeat: int, docs) -> None:
    """Part 3: the chunker's loading and the word tokenizer, NLTK against fastnlp."""
    from nltk.chunk.named_entity import Maxent_NE_Chunker
    from nltk.tokenize import NLTKWordTokenizer
    from nltk.tokenize.punkt import PunktTokenizer

    from analysis.fastnlp import WordTokenizer, load_ne_chunker

    times, loaded = _median_alternated({"NLTK": lambda: Maxent_NE_Chunker("binary"),
                                        "fastnlp": lambda: load_ne_chunker("binary")}, repeat)
    same = all(getattr(loaded["NLTK"]._tagger._classifier._encoding, a) ==
               getattr(loaded["fastnlp"]._tagger._classifier._encoding, a)
               for a in ("_mapping", "_labels", "_alwayson"))
    same &= list(loaded["NLTK"]._tagger._classifier._weights) == list(
        loaded["fastnlp"]._tagger._classifier._weights)
    print(f"[3] binary chunker loaded: NLTK {times['NLTK']:.2f} s, fastnlp "
          f"{times['fastnlp']:.2f} s = {times['NLTK'] / times['fastnlp']:.2f}x; "
          f"same parameters: {same}")
    punkt = PunktTokenizer("english")
    sents = [p.replace("\u2019", "'")[s:e] for text in docs["text"]
             for p in text.split("\n") for s, e in punkt.span_tokenize(p)]
    nltk_tok, fast_tok = NLTKWordTokenizer(), WordTokenizer()
    times, words = _median_alternated({
        "NLTK": lambda: [nltk_tok.tokenize(x) for x in sents],
        "fastnlp": lambda: [fast_tok.tokenize(x) for x in sents]}, repeat)
    print(f"    word tokenizer on {len(sents)} sentences: NLTK {times['NLTK']:.2f} s, "
          f"fastnlp {times['fastnlp']:.2f} s = {times['NLTK'] / times['fastnlp']:.2f}x; "
          f"identical: {words['NLTK'] == words['fastnlp']}")


if __name__ == "__main__":
    sys.exit(main())
