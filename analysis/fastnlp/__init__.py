"""Faster, output-identical stand-ins for NLTK's word tokenizer, POS tagger and binary
NE chunker: exactly NLTK's output, not an approximation (NLTK's own features, scores
summed in NLTK's order, ties broken as NLTK breaks them).

Speed comes from doing the string work once per distinct word (cached across calls)
and the arithmetic with numpy over many tokens at once: pass many sentences per call
(a worker's chunk of documents). :mod:`.tokenizer` splits words, :mod:`.tagger` tags
them, :mod:`.chunker` finds the named-entity chunks.

Examples
--------
>>> from analysis.engine import nltk_models
>>> _, _, tagger, chunker = nltk_models(False)
>>> ft, fc = FastTagger(tagger), FastChunker(chunker)
>>> tagged = ft.tag_sents([["Putin", "met", "Kishida", "."]])
>>> tagged
[[('Putin', 'NNP'), ('met', 'VBD'), ('Kishida', 'NNP'), ('.', '.')]]
>>> fc.spans_sents(tagged)
[[(0, 1, 'NE'), (2, 3, 'NE')]]
"""

from .chunker import FastChunker, iob_to_spans, iob_to_tree, load_ne_chunker
from .tagger import FastTagger
from .tokenizer import WordTokenizer

__all__ = ["FastTagger", "FastChunker", "WordTokenizer", "load_ne_chunker",
           "iob_to_spans", "iob_to_tree"]
