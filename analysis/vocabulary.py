"""The workbook's one vocabulary: parameter names, output columns and the literals they take.

Every public function names its options from :data:`PARAMETERS` and its output
columns from :data:`COLUMNS`; the tests walk ``analysis.__all__`` and check
both, and the vocabulary table of ``docs/reference.md`` is :func:`markdown_table` (a
test keeps them equal). The allowed values of the choice parameters are defined
here once (``Freq``, ``Unit``, ...) and imported by the modules.

Examples
--------
>>> FREQS
('D', 'W', 'M', 'Q', 'Y')
>>> PARAMETERS["min_count"].split(";")[0]
'keep an item (term, n-gram, pair, entity) only if it occurs at least this often in all the documents analysed, all groups together'
"""

from __future__ import annotations

from typing import Literal, get_args

Freq = Literal["D", "W", "M", "Q", "Y"]
Unit = Literal["sentence", "paragraph", "document"]
CollocationMeasure = Literal["llr", "pmi", "t", "chi2", "dice"]
PairMeasure = Literal["count", "docs", "pmi", "npmi", "llr", "dice"]
Correction = Literal["fdr_bh", "bonferroni", "none"]
Engine = Literal["nltk", "spacy"]

FREQS: tuple[str, ...] = get_args(Freq)
UNITS: tuple[str, ...] = get_args(Unit)
COLLOCATION_MEASURES: tuple[str, ...] = get_args(CollocationMeasure)
PAIR_MEASURES: tuple[str, ...] = get_args(PairMeasure)
CORRECTIONS: tuple[str, ...] = get_args(Correction)
ENGINES: tuple[str, ...] = get_args(Engine)
FREQ_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}

UNTYPED = "ENTITY"  # the label of an entity whose type is unknown
NO_GROUP = "(none)"  # the group of documents whose ``by`` value is missing or empty

# The literal type each choice parameter must be annotated with (checked by the tests).
CHOICES = {"freq": "Freq", "unit": "Unit", "correction": "Correction", "engine": "Engine"}

#: parameter -> "meaning; allowed values". Names used by one function only say so.
PARAMETERS: dict[str, str] = {
    # the data (first, positional)
    "ann": "the Annotations of annotate(); any",
    "data": "Annotations or a quotes() table (sourcing, voices); any",
    "docs": "a documents table (doc_id, source, date, text, ...) or a Corpus; any",
    "corpus": "a corpus folder or file (prepare, render; empty: the bundled example corpus); path",
    "pairs": "a pairs table: cooccurrence() for entity functions, near_duplicates() for "
             "duplicate_clusters; DataFrame",
    "df": "any table to show (show_table); DataFrame",
    "mentions": "an entity-mentions table (canonicalize); DataFrame",
    "tokens": "the tokens table of the same annotation (canonicalize); DataFrame",
    "graph": "a network from entity_network(); networkx.Graph",
    "raw": "one article's raw text (clean_text); str",
    "text": "one entity name as written (clean_surface); str",
    "url": "an article URL (outlet_from_url); str",
    "values": "date strings or numbers (parse_dates); Series",
    "p_values": "p-values to adjust (adjust_pvalues); array of float",
    "path": "a file or folder to read (load_corpus) or write (export_network); path",
    # grouping and selection
    "by": "a column of the documents table defining groups (source, agency, ...); the output's "
          "group column carries that name; None: the whole corpus",
    "sources": "keep only documents of these outlets; list of str or None (all)",
    "start": "first date kept, inclusive; ISO date str or None",
    "end": "last date kept, inclusive; ISO date str or None",
    "query": "a word or phrase matched against tokens (case-insensitive unless case=True); str",
    "terms": "words or phrases to follow (term_trends); list of str",
    "entity": "one entity: its canonical name, a surface form or a unique part of it; str",
    "a": "first entity of a pair, as for entity; str",
    "b": "second entity of a pair, as for entity; str",
    "entities": "entities to follow, as for entity; list of str or None (the top most mentioned)",
    "labels": "keep only entities with these labels (PERSON, GPE, ...); list of str or None",
    "target": "group(s) compared with the reference (keyness); str, list or None (each group)",
    "reference": "group(s) a target is compared with (keyness); str, list or None (the rest)",
    "exclude_duplicates": "drop later copies of near-duplicate documents first; bool",
    "duplicates": "precomputed near_duplicates() pairs reused by exclude_duplicates; DataFrame "
                  "or None",
    # what counts
    "ngram": "number of tokens per term; 1, 2 or 3",
    "dask": "where to run: a Dask scheduler address ('tcp://host:8786') or 'local' (a cluster "
            "on this machine); '' reads ANALYSIS_DASK, and when that is empty too, this "
            "process; str",
    "parts": "number of partitions of whole documents (partition); int >= 1",
    "keep_stopwords": "count stop words as terms too; bool, default False",
    "extra_stopwords": "more words treated as stop words (case-insensitive); list of str",
    "keep_outlet_names": "count a document's own outlet names too (BBC in BBC articles); bool, "
                         "default False",
    "alpha_only": "drop tokens that are not alphabetic (numbers, punctuation); bool",
    "lowercase": "count lower-cased forms (term_frequencies); bool",
    "window": "context in tokens on each side of a word (kwic: shown; collocations: how far "
              "after it a partner may stand, 1 = adjacent); int >= 0",
    "unit": "what counts as together for entities; sentence, paragraph or document",
    "freq": "length of a time period; D, W, M, Q or Y",
    # thresholds and sizes
    "min_count": "keep an item (term, n-gram, pair, entity) only if it occurs at least this "
                 "often in all the documents analysed, all groups together; int >= 1",
    "min_docs": "keep an item only if at least this many documents mention it, all groups "
                "together; int >= 1",
    "min_weight": "keep network edges whose measure is at least this (entity_network); float",
    "top": "keep the N highest-ranked items (terms, entities, rows shown); per group where each "
           "group is ranked separately; int >= 1",
    "limit": "return at most this many rows, in the table's own order; int or None",
    # scores
    "measure": "the association score to rank or weight by: collocations llr, pmi, t, chi2, "
               "dice; entity pairs count, docs, pmi, npmi, llr, dice",
    "correction": "multiple-testing correction of p-values; fdr_bh, bonferroni or none",
    "prior": "log-odds Dirichlet prior (log_odds); corpus or uniform",
    "alpha0": "log-odds prior strength (log_odds); float > 0 or None",
    "normalize": "add per_10k rates (term_trends); bool",
    "case": "match case exactly (kwic); bool",
    "regex": "read the query as regular expressions, one per token (kwic); bool",
    "threshold": "minimum Jaccard similarity of word shingles for near-duplicates; 0 < float <= 1",
    "shingle": "words per shingle for near-duplicates; int >= 1",
    "num_perm": "MinHash permutations for near-duplicates; int",
    "seed": "MinHash random seed; int",
    "level": "duplicate_clusters output: one row per cluster or per document",
    # loading and annotation
    "source": "outlet name for files that carry none (load_corpus); str or None",
    "dayfirst": "read 04/03/2022 as 4 March; bool, default False",
    "recurring_min_docs": "a line is boilerplate when in at least this many documents of one "
                          "outlet; int or None (off)",
    "recurring_min_share": "... and in at least this share of them; float",
    "cache": "reuse the cached result of the same input and code; bool",
    "cache_dir": "where annotation caches go; path or None (config.PROCESSED_DIR)",
    "engine": "named-entity engine; nltk or spacy",
    "spacy_model": "spaCy model name when engine=spacy; str",
    "n_jobs": "worker processes; int or None (all cores)",
    "progress": "show progress bars; bool",
    "lexicons": "cleaning lexicons (clean_text); Lexicons or None (the project's)",
    "titles": "words treated as titles (clean_surface); set or None",
    "extra": "more stop words (stopword_set); list of str",
    "download": "try nltk.download for missing resources; bool",
    "quiet": "print nothing (ensure_nltk_resources); bool",
    # reports and tables
    "out": "output folder (render: reports; show_table: CSV files); path or None",
    "params": "notebook parameters for render; dict",
    "notebooks": "notebooks to render (names or stems); list of str or None (all)",
    "show_code": "keep code cells in the HTML; bool",
    "name": "file stem of a table's CSV (show_table); str",
    "sort": "column to sort by before taking the top rows (show_table); str",
    "ascending": "sort ascending (show_table); bool",
    "columns": "columns shown (show_table); list of str",
    "rank": "show_table: one column per group listing this column's values in rank order; str",
    "rank_value": "show_table: the value shown in brackets in a rank table; str",
    "formats": "show_table: column -> format kind; dict",
    "note": "show_table: a sentence shown under the table; str",
}

#: parameters of the drawing and reading helpers (analysis.plots, display, summary)
PRESENTATION: dict[str, str] = {
    "key": "a keyness() table", "lo": "a log_odds() table", "att": "an entity_attention() table",
    "cov": "a coverage() table", "trends": "a term_trends() table",
    "timeline": "an entity_timeline() table", "freqs": "a term_frequencies() table",
    "overall": "term_frequencies() of the whole corpus", "distinctive": "a tfidf_terms() table",
    "colloc": "a collocations() table", "clusters": "a duplicate_clusters() table",
    "partners": "an entity_partners() table", "overview": "a source_overview() table",
    "title": "figure title", "ncols": "panels per row", "n": "number of panels",
    "panel": "size of one panel in inches", "sharex": "panels share the x axis",
    "sharey": "panels share the y axis", "label_room": "inches kept for long labels",
    "figsize": "figure size in inches", "ax": "a matplotlib Axes", "value": "the column drawn",
    "group": "one group to draw", "groups": "the groups to draw, in order",
    "alpha": "significance level of the p_adjusted cut", "z": "log-odds z cut",
    "background": "grey points drawn as context", "max_labels": "labels drawn at most",
    "max_groups": "panels drawn at most", "periods": "period start dates",
    "xy": "label anchor points", "fontsize": "label font size", "text_kw": "matplotlib text options",
    "order": "the groups' order", "single": "the one source, when periods are compared",
    "focus": "the focus entity", "common": "how many most-mentioned entities are 'usual'",
    "kind": "a display kind (display.KINDS)", "item": "the column ranked", "cell": "cell text",
    "heading": "a heading's text", "src": "a sourcing() table", "speakers": "a voices() table",
}

#: output column -> meaning. ``<by>`` stands for the group column, named after ``by``.
COLUMNS: dict[str, str] = {
    "<by>": "the group (named after the by parameter: source, agency, period, ...)",
    "count": "occurrences of the row's item in the row's group: tokens for terms, mentions for "
             "entities, windows with both for pairs",
    "docs": "documents of the row's group that contain the item (for pairs: with both in one "
            "window; for clusters: documents in it)",
    "group_docs": "documents in the row's group (with or without the item)",
    "share": "docs / group_docs, a fraction in [0, 1] (reports show it as a percentage)",
    "per_10k": "count per 10,000 tokens of the group (all tokens, stop words included)",
    "tokens": "NLTK tokens of the annotation (never whitespace words)",
    "words": "whitespace-separated words of the cleaned text (tables built without annotation)",
    "*_ref": "the same quantity in the reference: the documents a group is compared with (all "
             "other groups unless reference= says otherwise)",
    "*_a, *_b": "the two members of a pair (entity_a < entity_b; doc_a is the earlier document)",
    "share_diff": "share - share_ref (a difference of fractions; reports show percentage points)",
    "total": "keyness: terms counted in the group (non-stop alphabetic tokens unless "
             "keep_stopwords), the denominator of its rates; total_ref the same for the reference",
    "label": "the entity's type: its most frequent typed label; ENTITY only when never typed",
    "period": "start date of the time period (freq)",
    "sources": "number of distinct outlets (source_list: their names)",
    "quotes": "number of quotes (sourcing)",
    "quote_share": "a speaker's quotes / all attributed quotes of the group (voices)",
    "*_share (sourcing)": "named_share, anonymous_share, description_share, unattributed_share: "
                          "fractions of the group's quotes by kind of speaker",
}


def markdown_table() -> str:
    """The parameter vocabulary as a Markdown table (``docs/reference.md`` holds this text).

    Examples
    --------
    >>> markdown_table().splitlines()[0]
    '| parameter | meaning | allowed |'
    """
    rows = ["| parameter | meaning | allowed |", "| --- | --- | --- |"]
    for name, text in PARAMETERS.items():
        meaning, _, allowed = text.rpartition("; ")
        rows.append(f"| `{name}` | {meaning or text} | {allowed if meaning else ''} |")
    rows += ["", "| output column | meaning |", "| --- | --- |"]
    rows += [f"| `{name}` | {text} |" for name, text in COLUMNS.items()]
    return "\n".join(rows)
