"""The annotation engine: sentences, tokens, tags and raw entity spans of texts.

:func:`annotate_texts` is the unit of work (one chunk of documents, in a worker process or a
Dask task); :func:`annotate_chunks` runs it over documents and writes each chunk to the
per-document cache; :func:`assemble` and :func:`token_features` turn the cached chunks into the
tables of :class:`~analysis.model.Annotations`. :func:`analysis.annotate` (in memory) and
:mod:`analysis.store` (on Dask) both call these, so both give the same tables.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re

import numpy as np
import pandas as pd

from . import config
from .fastnlp import FastChunker, FastTagger, WordTokenizer, load_ne_chunker
from .lexicons import cached_on_files, read_lines
from .model import ENTITY_COLUMNS, SENTENCE_COLUMNS, TOKEN_COLUMNS
from .resources import register_project_nltk_dir
from .vocabulary import UNTYPED
from .vocabulary import checked

CHUNK_DOCS = 64  # documents per worker task and per cache file


# --------------------------------------------------------------------------- models
@functools.lru_cache(maxsize=1)
def nltk_models(multiclass: bool):
    from nltk.tag.perceptron import PerceptronTagger
    from nltk.tokenize.punkt import PunktTokenizer

    register_project_nltk_dir()
    chunker = load_ne_chunker("multiclass" if multiclass else "binary")
    return PunktTokenizer("english"), WordTokenizer(), PerceptronTagger(), chunker


@functools.lru_cache(maxsize=2)
def fast_models(multiclass: bool):
    """:class:`~analysis.fastnlp.FastTagger` and, for the binary model,
    :class:`~analysis.fastnlp.FastChunker` (None for the multiclass one), built once."""
    _, _, tagger, chunker = nltk_models(multiclass)
    return FastTagger(tagger), (None if multiclass else FastChunker(chunker))


@functools.lru_cache(maxsize=2)
def spacy_pipeline(model: str):
    try:
        import spacy
    except ImportError:
        raise ValueError("engine='spacy' needs spaCy: pip install -e '.[spacy]' and then "
                         f"python -m spacy download {model}") from None
    try:
        return spacy.load(model)
    except OSError:
        raise ValueError(f"spaCy model {model!r} is not installed. Install it with: "
                         f"python -m spacy download {model}  (or pass spacy_model= the name "
                         "or path of an installed pipeline)") from None


def chunk_entities(tree, offset: int, binary: bool) -> list[tuple[int, int, str]]:
    spans, i = [], 0
    for node in tree:
        if hasattr(node, "label"):
            n = len(node)
            spans.append((offset + i, offset + i + n, UNTYPED if binary else node.label()))
            i += n
        else:
            i += 1
    return spans


def spacy_entities(nlp, words: list[str], offset: int) -> list[tuple[int, int, str]]:
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return [(offset + e.start, offset + e.end, e.label_) for e in doc.ents]


# --------------------------------------------------------------------------- worker
def annotate_texts(items: list[tuple[str, str]], engine: str = "nltk", model: str = "",
                   multiclass: bool = False) -> dict[str, list]:
    """Annotate ``(doc_id, text)`` pairs; return raw column lists (no stop words, no canonical).

    This is the unit of work sent to a worker process. Paragraphs are the
    lines of ``text``; sentences come from punkt over each paragraph, tokens
    from NLTK's word tokenizer, tags from the perceptron tagger, entities from
    the chosen engine. Tagging and binary chunking go through
    :mod:`analysis.fastnlp` (NLTK's models and output, all sentences of the task
    in one batch: about 7x faster than NLTK's objects one sentence at a time).
    """
    punkt, words_tok, tagger, chunker = nltk_models(multiclass)
    units = sentence_units(items, punkt, words_tok)
    fast_tagger, fast_chunker = fast_models(multiclass)
    tagged_all = fast_tagger.tag_sents([u[7] for u in units])
    if engine == "spacy":
        nlp = spacy_pipeline(model)
        spans_all = [spacy_entities(nlp, u[7], 0) for u in units]
    elif fast_chunker is not None:
        spans_all = fast_chunker.spans_sents(tagged_all, untyped=UNTYPED)
    else:  # the multiclass model: NLTK's own chunker (the fast one is checked on binary only)
        spans_all = [chunk_entities(chunker.parse(t), 0, False) for t in tagged_all]
    return _columns(units, tagged_all, spans_all)


def sentence_units(items: list[tuple[str, str]], punkt, words_tok) -> list[tuple]:
    """``(doc_id, par_id, pos, para, flat, start, end, words)`` of every sentence with words:
    paragraphs are the lines (``pos`` their offset), sentences punkt's, words NLTK's."""
    units = []
    for doc_id, text in items:
        pos = 0
        for par_id, para in enumerate(text.split("\n")):
            # the tokenizer knows "'s" and "n't" but not their curly forms: same length,
            # so offsets into the original text stay valid
            flat = para.replace("\u2019", "'")
            for start, end in punkt.span_tokenize(para):
                words = words_tok.tokenize(flat[start:end])
                if words:
                    units.append((doc_id, par_id, pos, para, flat, start, end, words))
            pos += len(para) + 1
    return units


def sentence_words(text: str, punkt, words_tok) -> list[list[str]]:
    """The word lists of ``text`` exactly as :func:`annotate_texts` makes them
    (:func:`sentence_units`)."""
    return [unit[7] for unit in sentence_units([("", text)], punkt, words_tok)]


def _columns(units: list, tagged_all: list, spans_all: list) -> dict[str, dict[str, list]]:
    """The sentence, token and entity columns of the annotated ``units`` (in order)."""
    sents = {c: [] for c in SENTENCE_COLUMNS}
    toks = {c: [] for c in ("doc_id", "paragraph_id", "sent_id", "token_id", "start", "end",
                            "text", "pos")}
    ents = {c: [] for c in ("doc_id", "paragraph_id", "sent_id", "start_token", "end_token")}
    ents["label"], ents["text"] = [], []
    last_doc = object()
    for (doc_id, par_id, pos, para, flat, start, end, words), tagged, spans in zip(
            units, tagged_all, spans_all):
        if doc_id != last_doc:
            sent_id = token_id = 0
            last_doc = doc_id
        for col, val in zip(SENTENCE_COLUMNS, (doc_id, par_id, sent_id, pos + start, pos + end,
                                               para[start:end])):
            sents[col].append(val)
        n = len(words)
        toks["doc_id"] += [doc_id] * n
        toks["paragraph_id"] += [par_id] * n
        toks["sent_id"] += [sent_id] * n
        toks["token_id"] += range(token_id, token_id + n)
        for a, b in _token_spans(words, flat[start:end]):
            toks["start"].append(pos + start + a)
            toks["end"].append(pos + start + b)
        toks["text"] += words
        toks["pos"] += [t for _, t in tagged]
        for s, e, label in spans:
            for col, val in zip(ents, (doc_id, par_id, sent_id, token_id + s, token_id + e,
                                       label, " ".join(words[s:e]))):
                ents[col].append(val)
        token_id += n
        sent_id += 1
    return {"sentences": sents, "tokens": toks, "entities": ents}


_QUOTE_TOKEN_RE = re.compile(r"``|''|\"")


def _token_spans(words: list[str], text: str) -> list[tuple[int, int]]:
    r"""Character spans of the treebank tokens ``words`` in ``text`` (as NLTK's
    ``span_tokenize``, without tokenizing twice): the tokenizer writes straight
    double quotes as ``\`\``` or ``''``, so those tokens are matched to the quote
    characters of the text in order. A token that cannot be found (should not
    happen) gets the empty span at the current position, so offsets stay monotone.
    """
    quotes = [m.group() for m in _QUOTE_TOKEN_RE.finditer(text)] if '"' in text or "''" in text \
        else []
    spans, point = [], 0
    for word in words:
        if quotes and word in ('"', "``", "''"):
            word = quotes.pop(0)
        found = text.find(word, point)
        if found < 0:
            spans.append((point, point))
            continue
        point = found + len(word)
        spans.append((found, point))
    return spans


def _frames(raw: dict[str, dict[str, list]]) -> dict[str, pd.DataFrame]:
    int_cols = {"paragraph_id", "sent_id", "token_id", "start", "end", "start_token", "end_token"}
    out = {}
    for name, cols in raw.items():
        frame = pd.DataFrame(cols)
        for c in frame.columns:
            frame[c] = frame[c].astype("int32" if c in int_cols else "string")
        out[name] = frame
    return out


def doc_keys(docs: pd.DataFrame) -> pd.Series:
    return pd.Series([hashlib.sha1(f"{d}\x1f{t}".encode()).hexdigest()[:20]
                      for d, t in zip(docs["doc_id"], docs["text"])], index=docs.index)


def _work(args: tuple) -> dict[str, dict[str, list]]:
    items, engine, model, multiclass = args
    return annotate_texts(items, engine, model, multiclass)


def annotate_chunks(todo: pd.DataFrame, keys: pd.Series, store, engine: str, model: str,
             multiclass: bool, n_jobs: int, progress: bool) -> dict[str, list]:
    """Annotate the documents in ``todo`` chunk by chunk, writing each chunk to the cache."""
    chunks = [todo.iloc[i:i + CHUNK_DOCS] for i in range(0, len(todo), CHUNK_DOCS)]
    tasks = [(list(zip(c["doc_id"], c["text"])), engine, model, multiclass) for c in chunks]
    out = {"sentences": [], "tokens": [], "entities": []}
    bar = _progress_bar(len(todo), progress)
    pool = None
    if n_jobs > 1 and len(chunks) > 1:
        import multiprocessing as mp
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        pool = ctx.Pool(min(n_jobs, len(chunks)))
        results = _bounded_map(pool, tasks, ahead=2 * min(n_jobs, len(chunks)))
    else:
        results = map(_work, tasks)
    try:
        for chunk, raw in zip(chunks, results):
            frames = _frames(raw)
            key_of = dict(zip(chunk["doc_id"], keys.loc[chunk.index]))
            for name, frame in frames.items():
                frame["doc_key"] = frame["doc_id"].map(key_of).astype("string")
                out[name].append(frame)
            store.write(list(key_of.values()), frames)
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if pool is not None:
            pool.terminate()
        if bar is not None:
            bar.close()
    return out


def _bounded_map(pool, tasks: list, *, ahead: int):
    """``pool.imap(_work, tasks)`` with at most ``ahead`` tasks in flight: finished results
    never pile up in the parent faster than it stores them (``imap`` queues them all)."""
    from collections import deque

    pending, rest = deque(), iter(tasks)
    for task in itertools.islice(rest, ahead):
        pending.append(pool.apply_async(_work, (task,)))
    while pending:
        result = pending.popleft().get()
        task = next(rest, None)
        if task is not None:
            pending.append(pool.apply_async(_work, (task,)))
        yield result


def _progress_bar(total: int, progress: bool):
    if not progress or total == 0:
        return None
    from tqdm.auto import tqdm
    return tqdm(total=total, desc="Annotating", unit="doc")


def assemble(frames: dict[str, list], docs: pd.DataFrame, keys: pd.Series) -> dict:
    order = {d: i for i, d in enumerate(docs["doc_id"])}
    sort_by = {"sentences": ["sent_id"], "tokens": ["token_id"], "entities": ["start_token"]}
    columns = {"sentences": SENTENCE_COLUMNS, "tokens": TOKEN_COLUMNS[:7] + ["pos"],
               "entities": ENTITY_COLUMNS[:-1]}
    out = {}
    for name, parts in frames.items():
        parts = [p for p in parts if len(p)]
        if not parts:
            frame = _frames({name: {c: [] for c in columns[name]}})[name]
        else:
            frame = pd.concat(parts, ignore_index=True)
        frame = frame.drop(columns=["doc_key"], errors="ignore")
        frame["_order"] = frame["doc_id"].map(order)
        frame = frame.sort_values(["_order"] + sort_by[name], kind="stable", ignore_index=True)
        out[name] = frame.drop(columns="_order")[columns[name]]
    return out


@checked
def stopword_set(*, extra: list[str] | tuple[str, ...] = ()) -> frozenset[str]:
    """NLTK's English stop words, plus ``data/lexicons/stopwords_extra.txt``, plus ``extra``.

    Examples
    --------
    >>> {"the", "said"} <= stopword_set()
    True
    """
    return _stopwords(tuple(sorted(set(extra))))


@cached_on_files(lambda: (config.STOPWORDS_EXTRA_FILE,), maxsize=8)
def _stopwords(extra: tuple[str, ...]) -> frozenset[str]:
    from nltk.corpus import stopwords

    register_project_nltk_dir()
    words = set(stopwords.words("english"))
    words.update(read_lines(config.STOPWORDS_EXTRA_FILE, lower=True, missing_ok=True))
    return frozenset(words | {w.lower() for w in extra})


#: spellings of the country that would otherwise lower-case to the pronoun "us"
US_FORMS = frozenset({"US", "U.S.", "U.S", "USA", "U.S.A.", "U.S.A"})
US_TERM = "u.s."  # the country's term; "us" stays the pronoun
_ABBREV_RE = r"^(?:[A-Za-z]\.)+[A-Za-z]\.?$"  # U.K., U.N, E.U.


def token_features(tokens: pd.DataFrame, stops: frozenset[str]) -> pd.DataFrame:
    """Add ``lower``, ``is_stop``, ``is_alpha``.

    ``lower`` is the lower-cased token, with two exceptions that keep terms
    apart which lower-casing would merge or lose: the United States written
    ``US``/``U.S.``/``USA`` becomes ``u.s.`` (not the pronoun ``us``; a bare
    ``US`` in an all-capitals sentence such as "JOIN US ON TELEGRAM" stays the
    pronoun), and dotted abbreviations lose their dots (``U.K.`` -> ``uk``, as
    ``UK``) and count as words (``is_alpha``).
    """
    tokens = tokens.copy()
    text = tokens["text"].astype("string")
    lower = text.str.lower()
    abbrev = text.str.match(_ABBREV_RE).fillna(False).to_numpy(bool)
    lower = lower.mask(abbrev, lower.str.replace(".", "", regex=False))
    country = text.isin(US_FORMS).to_numpy(bool) & ~((text == "US").to_numpy(bool)
                                                      & _shouting(tokens, text))
    lower = lower.mask(country, US_TERM)
    tokens["lower"] = lower
    tokens["is_stop"] = lower.isin(stops).to_numpy(bool) & ~country
    tokens["is_alpha"] = text.str.isalpha().fillna(False).to_numpy(bool) | abbrev | country
    return tokens[TOKEN_COLUMNS]


def _shouting(tokens: pd.DataFrame, text: pd.Series) -> np.ndarray:
    """True for tokens of sentences written mostly in capitals (3+ words, >= 60% all-caps)."""
    word = text.str.len().fillna(0).to_numpy() >= 2
    word &= text.str.isalpha().fillna(False).to_numpy(bool)
    upper = word & text.str.isupper().fillna(False).to_numpy(bool)
    keys = [tokens["doc_id"].to_numpy(), tokens["sent_id"].to_numpy()]
    n_words = pd.Series(word).groupby(keys).transform("sum").to_numpy()
    n_upper = pd.Series(upper).groupby(keys).transform("sum").to_numpy()
    return (n_words >= 3) & (n_upper >= 0.6 * n_words)
