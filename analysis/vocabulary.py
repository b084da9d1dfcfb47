"""The workbook's one vocabulary: every parameter's meaning, allowed values and default.

:data:`PARAMETERS` is one table (as scikit-learn's ``_parameter_constraints``):
parameter -> :class:`~analysis.checks.Param` ``(meaning, allowed, default)``;
:func:`checked` validates every public function's arguments against it, and
``tests/test_vocabulary.py`` walks ``analysis.__all__`` checking names, types and
defaults. :data:`COLUMNS` names the output columns. The reference page's table is
:func:`markdown_table` (a test keeps them equal). The literal types (``Freq``,
``Unit``, ...) are defined here once and imported by the modules.

Examples
--------
>>> FREQS
('D', 'W', 'M', 'Q', 'Y')
>>> PARAMETERS["min_count"].allowed[0].description
'an integer >= 1'
"""

from __future__ import annotations

from typing import Literal, get_args

import pandas as pd

from .checks import (REQUIRED, Anything, Boolean, Frame, Instance, Interval, Options, Param,
                     PathLike, Rule, Text, TextList, is_annotations, is_corpus, is_docs,
                     is_graph, is_numbers, is_table, is_values, validator)

Freq = Literal["D", "W", "M", "Q", "Y"]
Unit = Literal["sentence", "paragraph", "document"]
CollocationMeasure = Literal["g2", "pmi", "t", "chi2", "dice"]
PairMeasure = Literal["count", "docs", "pmi", "npmi", "g2", "dice"]
Correction = Literal["fdr_bh", "bonferroni", "none"]
Engine = Literal["nltk", "spacy"]
KeynessTest = Literal["documents", "g2"]

FREQS: tuple[str, ...] = get_args(Freq)
UNITS: tuple[str, ...] = get_args(Unit)
COLLOCATION_MEASURES: tuple[str, ...] = get_args(CollocationMeasure)
PAIR_MEASURES: tuple[str, ...] = get_args(PairMeasure)
CORRECTIONS: tuple[str, ...] = get_args(Correction)
ENGINES: tuple[str, ...] = get_args(Engine)
KEYNESS_TESTS: tuple[str, ...] = get_args(KeynessTest)
FREQ_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}

UNTYPED = "ENTITY"  # the label of an entity whose type is unknown
NO_GROUP = "(none)"  # the group of documents whose ``by`` value is missing or empty

RENAMED = {"llr": "g2"}  # old measure names, for the error message

_INT1 = Interval(int, 1)
_FREQ = Options(FREQS, name="Freq")
_PAIR = Options(PAIR_MEASURES, name="PairMeasure", renamed=RENAMED)
_PLOT_TITLE = ("each figure names itself; None: a title built from the data (the measure, "
               "the groups shown)")

#: parameter -> Param(meaning, allowed, default): the one table of the public API.
PARAMETERS: dict[str, Param] = {
    # ------------------------------------------------------------ the data (first, positional)
    "ann": Param("the Annotations of annotate()", [Anything("Annotations (of annotate())",
                                                             kind=is_annotations)]),
    "data": Param("Annotations or a quotes() table (sourcing, voices)", [Anything(
        "Annotations or a quotes() table (a DataFrame)",
        kind=lambda v: is_annotations(v) or is_table(v))]),
    "docs": Param(
        "a documents table (doc_id, source, date, text, ...) or a Corpus",
        [Anything("a documents table (a DataFrame), a Corpus or Annotations", kind=is_docs)],
        Rule("the data argument, except open_annotations, where the store holds the "
             "documents and docs only replaces them", {"open_annotations": None})),
    "corpus": Param(
        "prepare, render: a corpus folder or file (empty: the bundled example corpus); "
        "source_overview, overview_summary: a Corpus of load_corpus()",
        Rule("a path where the corpus is read, a Corpus where it is summarised",
             {"source_overview": [Anything("a Corpus (of load_corpus())", kind=is_corpus)],
              "overview_summary": [Anything("a Corpus (of load_corpus())", kind=is_corpus)]},
             [PathLike()]),
        Rule("prepare and render read the example corpus by default; the summaries need one",
             {"prepare": "", "render": ""})),
    "pairs": Param("a pairs table: cooccurrence() for entity functions, near_duplicates() for "
                   "the duplicate functions",
                   [Anything("a pairs table (a DataFrame)", kind=is_table)]),
    "df": Param("any table to show or format (show_table, display)", [Frame()]),
    "table": Param("a table with a p_adjusted column (keyness, voices)", [Frame()]),
    "mentions": Param("an entity-mentions table (canonicalize)", [Frame()]),
    "tokens": Param("the tokens table of the same annotation (canonicalize)", [Frame(), None],
                    None),
    "graph": Param("a network from entity_network()", [Anything("a networkx graph",
                                                                  kind=is_graph)]),
    "raw": Param("one article's raw text (clean_text)", [Text()]),
    "text": Param("one entity name as written (clean_surface)", [Text()]),
    "url": Param("an article URL (outlet_from_url)", [Text()]),
    "values": Param("date strings or numbers (parse_dates); x values (break_gaps)", Rule(
        "parse_dates keeps the index of its Series; the plot helpers take any sequence",
        {"parse_dates": [Anything("a pandas Series of dates (pd.Series(values) for a list)",
                                  kind=lambda v: isinstance(v, pd.Series))]},
        [Anything("a sequence of values (Series, list, tuple, array)", kind=is_values)])),
    "p_values": Param("p-values to adjust (adjust_pvalues)", [Anything(
        "an array (or Series, list) of numbers", kind=is_numbers)]),
    "path": Param("a file or folder to read (load_corpus, open_annotations) or write "
                  "(export_network)", [PathLike()]),
    # ------------------------------------------------------------ grouping and selection
    "by": Param(
        "a column of the documents table defining groups (source, agency, ...); the output's "
        "group column carries that name; None: the whole corpus",
        Rule("a list of columns only where a table is cut by several columns",
             {"show_table": [Text(), TextList(), None],
              "top_per_group": [Text(), TextList(), None]}, [Text(), None]),
        Rule("'source' where the result compares groups (comparison, voices, tf-idf, trends, "
             "timelines, their plots and summaries); None where it counts the whole corpus "
             "(frequencies, collocations, kwic, pairs, plot_top_terms, show_table); required "
             "where a table is cut into groups (display)",
             {"term_frequencies": None, "collocations": None, "kwic": None,
              "cooccurrence": None, "entity_frequencies": None, "plot_top_terms": None,
              "show_table": None, "rank_table": REQUIRED, "ranked_cells": REQUIRED,
              "top_per_group": REQUIRED}, "source")),
    "sources": Param("keep only documents of these outlets; None: all", [TextList(), None],
                     None),
    "start": Param("first date kept, inclusive (ISO date); None: no lower bound",
                   [Text(), None], None),
    "end": Param("last date kept, inclusive (ISO date); None: no upper bound", [Text(), None],
                 None),
    "query": Param(
        "a word or phrase matched against tokens (case-insensitive unless case=True); a str, "
        "a list of them (Annotations.filter) or a compiled re.Pattern (kwic)",
        [Anything("a word, phrase or pattern")],
        Rule("kwic needs a query; Annotations.filter keeps every document without one; "
             "default_query falls back to the top term",
             {"kwic": REQUIRED, "Annotations.filter": None, "default_query": ""})),
    "terms": Param(
        "words or phrases to follow (term_trends) or show (plot_term_heatmap; None: the top)",
        [Text(), TextList(), None],
        Rule("term_trends needs them; the heatmap and followed_terms pick the top terms "
             "without them", {"term_trends": REQUIRED, "plot_term_heatmap": None,
                              "followed_terms": None})),
    "entity": Param(
        "one entity: its canonical name, a surface form or a unique part of it",
        [Text()],
        Rule("required where the entity is the subject; the focus helpers fall back to the "
             "most mentioned person (or most quoted speaker) when it is empty",
             {"entity_partners": REQUIRED, "partner_evidence": REQUIRED, "focus_entity": "",
              "focus_speaker": "", "timeline_entities": ""})),
    "a": Param("first entity of a pair, as for entity", [Text()]),
    "b": Param("second entity of a pair, as for entity", [Text()]),
    "entities": Param("entities to follow, as for entity; None: the top most mentioned",
                      [TextList(), None], None),
    "labels": Param(
        "cooccurrence: keep only entities with these labels (PERSON, GPE, ...), None: all; "
        "place_labels: the label texts drawn",
        Rule("entity types in cooccurrence, any texts in place_labels",
             {"place_labels": [Anything("label texts")]}, [TextList(), None]),
        Rule("optional filter in cooccurrence; the drawing helper needs them",
             {"cooccurrence": None, "place_labels": REQUIRED})),
    "target": Param("group(s) compared with the reference (keyness); None: each group",
                    [Text(), TextList(), None], None),
    "reference": Param("group(s) a target is compared with (keyness); None: the rest",
                       [Text(), TextList(), None], None),
    "exclude_duplicates": Param("drop later copies of near-duplicate documents first",
                                [Boolean()], False),
    "duplicates": Param("precomputed near_duplicates() pairs reused by exclude_duplicates",
                        [Frame(), None], None),
    "concepts": Param("concepts of data/lexicons/word_choice.csv (Kyiv, war, ...); None: all",
                      [Text(), TextList(), None], None),
    "concept": Param("one concept of data/lexicons/word_choice.csv (Kyiv, war, ...)", [Text()]),
    # ------------------------------------------------------------ what counts
    "ngram": Param("number of tokens per term", [Options((1, 2, 3))], 1),
    "dask": Param("where to run: a Dask scheduler address ('tcp://host:8786') or 'local' (a "
                  "cluster on this machine); '' reads ANALYSIS_DASK, and when that is empty "
                  "too, this process", [Text()], ""),
    "parts": Param("number of partitions of whole documents (partition)", [_INT1]),
    "keep_stopwords": Param("count stop words as terms too", [Boolean()], False),
    "extra_stopwords": Param("more words treated as stop words (case-insensitive)",
                             [TextList()], ()),
    "keep_outlet_names": Param("count a document's own outlet names too (BBC in BBC articles)",
                               [Boolean()], False),
    "alpha_only": Param("drop tokens that are not alphabetic (numbers, punctuation)",
                        [Boolean()], True),
    "lowercase": Param("count lower-cased forms (term_frequencies)", [Boolean()], True),
    "window": Param(
        "context in tokens on each side of a word (kwic: shown; collocations: how far after "
        "it a partner may stand, 1 = adjacent)",
        Rule("kwic may show no context (0); a collocation or a context needs a partner (>= 1)",
             {"kwic": [Interval(int, 0)], "variant_kwic": [Interval(int, 0)],
              "collocations": [_INT1], "variant_candidates": [_INT1]}),
        Rule("kwic shows a readable line (8 tokens each side); collocations count adjacent "
             "pairs (1), the classic collocation; a variant's context is a short phrase "
             "either side (5)",
             {"kwic": 8, "variant_kwic": 8, "collocations": 1, "variant_candidates": 5})),
    "unit": Param("what counts as together for entities",
                  [Options(UNITS, name="Unit")], "sentence"),
    "freq": Param(
        "length of a time period",
        [_FREQ, None],
        Rule("weekly where counts are dense enough (term_trends, coverage); monthly for "
             "entity timelines, whose per-entity shares are sparser; the plots infer it "
             "from their table (None); the axis helpers need it",
             {"term_trends": "W", "coverage": "W", "entity_timeline": "M",
              "plot_coverage": None, "plot_entity_timelines": None, "plot_term_trends": None,
              "break_gaps": REQUIRED, "date_axis": REQUIRED})),
    # ------------------------------------------------------------ thresholds and sizes
    "min_count": Param(
        "keep an item (term, n-gram, pair, entity) only if it occurs at least this often in "
        "all the documents analysed, all groups together",
        [_INT1],
        Rule("1 where every item counts (frequencies, tf-idf, log-odds: the prior smooths "
             "rare ones); 2 for pairs and speakers (a single co-occurrence or quote is "
             "anecdote); 3 for collocations (their scores are unstable below); 5 for keyness "
             "(G2 p-values are unreliable for rarer terms); 3 for variant candidates (a context "
             "vector of fewer uses is noise)",
             {"term_frequencies": 1, "tfidf_terms": 1, "log_odds": 1, "cooccurrence": 2,
              "variant_candidates": 3,
              "entity_network": 2, "voices": 2, "collocations": 3, "keyness": 5})),
    "min_docs": Param("keep an item only if at least this many documents mention it, all "
                      "groups together", [_INT1], 1),
    "min_weight": Param("keep network edges whose measure is at least this (entity_network); "
                        "None: no cut", [Interval(float), None], None),
    "top": Param(
        "keep the N highest-ranked items (terms, entities, rows shown); per group where each "
        "group is ranked separately; None: all",
        Rule("tables shown may show no rows (0: only the CSV link)",
             {"show_table": [Interval(int, 0)], "top_per_group": [Interval(int, 0)],
              "rank_table": [Interval(int, 0)], "ranked_cells": [Interval(int, 0)]},
             [_INT1, None]),
        Rule("sized for what is shown: 20 rows for tables and heatmaps of terms and "
             "attention; 15 bars/cells for keyness and the pair and voices heatmaps; 10 for "
             "per-group panels and rank tables, and speakers per outlet; 5 entities on a "
             "timeline, 3 partners with evidence and 3 gaps (each adds a block of text), 4 "
             "lines in a notebook's trend or timeline panels; 10 variant candidates per "
             "group and 3 lines per group and variant (each a line to read); "
             "None where every row is kept (partners, the network's nodes). Unexplained "
             "difference, kept: plot_fightin_words 10 against plot_keyness 15",
             {"tfidf_terms": 20, "show_table": 20, "plot_attention_heatmap": 20,
              "plot_term_heatmap": 20, "plot_keyness": 15, "plot_pair_heatmap": 15,
              "plot_voices_heatmap": 15, "plot_fightin_words": 10, "plot_top_terms": 10,
              "rank_table": 10, "ranked_cells": 10, "voices": 10, "entity_timeline": 5,
              "partner_evidence": 3, "longest_gaps": 3, "entity_network": None,
              "entity_partners": None, "plot_entity_network": None,
              "top_per_group": REQUIRED, "followed_terms": 4, "timeline_entities": 4,
              "variant_candidates": 10, "variant_kwic": 3})),
    "limit": Param(
        "return at most this many rows, in the table's own order; None: all",
        [_INT1, None],
        Rule("evidence is read by a person: 20 sentences for one pair, 5 per partner for "
             "several; the network keeps every edge unless asked",
             {"cooccurrence_evidence": 20, "partner_evidence": 5, "entity_network": None})),
    # ------------------------------------------------------------ scores
    "measure": Param(
        "the association score to rank or weight by: collocations g2, pmi, t, chi2, dice; "
        "entity pairs count, docs, pmi, npmi, g2, dice ('llr' is now 'g2')",
        Rule("collocations and entity pairs have their own scores; the heatmap and the "
             "summary take any score column of the pairs table",
             {"collocations": [Options(COLLOCATION_MEASURES, name="CollocationMeasure",
                                       renamed=RENAMED)],
              "entity_network": [_PAIR], "entity_partners": [_PAIR],
              "partner_evidence": [_PAIR], "plot_pair_heatmap": [Text()],
              "association": [Options(COLLOCATION_MEASURES, renamed=RENAMED)],
              "cooccurrence_summary": [Text()]}),
        Rule("what is ranked is ranked by G2 (collocations, entity pairs, partners, the "
             "summary): it weighs a pair by its evidence, where pmi and npmi put pairs seen "
             "in one article first (on the shared sample 18 of the top 20 npmi pairs come "
             "from one or two articles); the heatmap of the most mentioned entities shows "
             "npmi, bounded and diverging around 0",
             {"collocations": "g2", "entity_network": "g2", "entity_partners": "g2",
              "partner_evidence": "g2", "plot_pair_heatmap": "npmi",
              "cooccurrence_summary": "g2"})),
    "test": Param(
        "keyness's significance test: 'documents' compares the articles (Mann-Whitney U on "
        "each term's rate per article, the article as the unit); 'g2' the token counts "
        "(log-likelihood G2, as AntConc and quanteda)",
        [Options(KEYNESS_TESTS, name="KeynessTest")], "documents"),
    "min_expected": Param(
        "keyness's document test: test a term only where it would be expected in at least "
        "this many articles of the target and of the reference were the labels random "
        "(Cochran's rule for the normal approximation); other rows keep p_value NaN",
        [Interval(float, 0)], 5.0),
    "correction": Param("multiple-testing correction of p-values",
                        [Options(CORRECTIONS, name="Correction")], "fdr_bh"),
    "alpha": Param("significance level: rows with p_adjusted below it are significant",
                   [Interval(float, 0, 1, closed="neither")], 0.05),
    "prior": Param("log-odds Dirichlet prior (log_odds)", [Options(("corpus", "uniform"))],
                   "corpus"),
    "alpha0": Param("log-odds prior strength (log_odds); None: the corpus size per group",
                    [Interval(float, 0, closed="neither"), None], None),
    "normalize": Param("add per_10k rates (term_trends)", [Boolean()], True),
    "case": Param("match case exactly (kwic)", [Boolean()], False),
    "regex": Param("read the query as regular expressions, one per token (kwic)",
                   [Boolean()], False),
    "threshold": Param("minimum Jaccard similarity of word shingles for near-duplicates",
                       [Interval(float, 0, 1, closed="right")], 0.8),
    "shingle": Param("words per shingle for near-duplicates", [_INT1], 5),
    "num_perm": Param("MinHash permutations for near-duplicates", [_INT1], 128),
    "seed": Param("random seed: MinHash (near_duplicates), layout (plot_entity_network), "
                  "bootstrap over articles (keyness, entity_attention, word_choice)",
                  [Interval(int)],
                  Rule("unrelated random streams, each fixed for reproducible output",
                       {"near_duplicates": 1, "plot_entity_network": 42, "keyness": 0,
                        "entity_attention": 0, "word_choice": 0})),
    "resamples": Param("bootstrap resamples of the articles behind an interval "
                       "(keyness's log_ratio_low/high, entity_attention's share_diff_low/high, "
                       "word_choice's share_low/high)",
                       [Interval(int, 10)], 200),
    "level": Param("duplicate_clusters output: one row per cluster or per document",
                   [Options(("cluster", "document"))], "cluster"),
    # ------------------------------------------------------------ loading and annotation
    "source": Param("outlet name for files that carry none (load_corpus); None: from the "
                    "file", [Text(), None], None),
    "dayfirst": Param("read 04/03/2022 as 4 March", [Boolean()], False),
    "recurring_min_docs": Param("a line is boilerplate when in at least this many documents "
                                "of one outlet; None: off", [Interval(int, 2), None], 5),
    "recurring_min_share": Param("... and in at least this share of them",
                                 [Interval(float, 0, 1, closed="right")], 0.02),
    "cache": Param("reuse the cached result of the same input and code", [Boolean()], True),
    "cache_dir": Param("where annotation caches go; None: config.PROCESSED_DIR",
                       [PathLike(), None], None),
    "engine": Param("named-entity engine", [Options(ENGINES, name="Engine")], "nltk"),
    "spacy_model": Param("spaCy model name when engine=spacy", [Text()], "en_core_web_sm"),
    "n_jobs": Param("worker processes; None: all cores", [_INT1, None], None),
    "progress": Param("show progress bars", [Boolean()], True),
    "lexicons": Param("cleaning lexicons (clean_text); None: the project's",
                      [Anything("Lexicons or None")], None),
    "titles": Param("words treated as titles (clean_surface); None: the project's",
                    [Anything("a set of words or None")], None),
    "extra": Param("more stop words (stopword_set)", [TextList()], ()),
    "download": Param("try nltk.download for missing resources", [Boolean()], True),
    "quiet": Param("print nothing (ensure_nltk_resources)", [Boolean()], False),
    # ------------------------------------------------------------ reports and tables
    "out": Param("output folder (render: reports; show_table: CSV files); None: render's "
                 "reports/, no CSV for show_table", [PathLike(), None], None),
    "params": Param("notebook parameters for render", [Instance(dict), None], None),
    "notebooks": Param("notebooks to render (names or stems); None: all", [TextList(), None],
                       None),
    "show_code": Param("keep code cells in the HTML", [Boolean()], False),
    "name": Param("file stem of a table's CSV (show_table)", [Text()]),
    "sort": Param("column to sort by before taking the top rows; None: the table's order",
                  [Text(), None], None),
    "ascending": Param("sort ascending", [Boolean()], False),
    "columns": Param("columns shown (show_table); None: all", [TextList(), None], None),
    "rank": Param("show_table: one column per group listing this column's values in rank "
                  "order", [Text(), None], None),
    "rank_value": Param("show_table: the value shown in brackets in a rank table",
                        [Text(), None], None),
    "formats": Param("column -> format kind (display.KINDS)", [Instance(dict), None], None),
    "note": Param("show_table: a sentence shown under the table", [Text()], ""),
    # ------------------------------------------------------------ drawing and reading helpers
    "key": Param("a keyness() table", [Frame()]),
    "lo": Param("a log_odds() table", [Frame()]),
    "att": Param("an entity_attention() table", [Frame()]),
    "choice": Param("a word_choice() table", [Frame()]),
    "cov": Param("a coverage() table", [Frame()]),
    "trends": Param("a term_trends() table", [Frame()]),
    "timeline": Param("an entity_timeline() table", [Frame()]),
    "freqs": Param("a term_frequencies() table", [Frame()]),
    "entity_freqs": Param("an entity_frequencies() table", [Frame()]),
    "overall": Param("term_frequencies() of the whole corpus", [Frame()]),
    "distinctive": Param("a tfidf_terms() table", [Frame()]),
    "colloc": Param("a collocations() table; None: no collocation line", [Frame(), None],
                    None),
    "clusters": Param("a duplicate_clusters() table; None: no duplicates line",
                      [Frame(), None], None),
    "partners": Param("an entity_partners() table; None: no focus line", [Frame(), None],
                      Rule("optional in the summary; the timeline helper needs it",
                           {"cooccurrence_summary": None, "timeline_entities": REQUIRED})),
    "overview": Param("a source_overview() table", [Frame()]),
    "src": Param("a sourcing() table", [Frame()]),
    "speakers": Param("a voices() table", [Frame()]),
    "title": Param("figure title", [Text(), None],
                   Rule(_PLOT_TITLE, {"plot_attention_heatmap": "Share of each group's "
                                      "documents mentioning the entity (%)",
                                      "plot_coverage": "Coverage over time",
                                      "plot_documents_per_source": "Documents per source",
                                      "plot_duplicate_matrix": "Near-duplicate pairs: earlier "
                                      "outlet -> later outlet",
                                      "plot_entity_network": "Entity co-occurrence network",
                                      "plot_entity_timelines": "Entity mentions over time",
                                      "plot_fightin_words": None, "plot_keyness": None,
                                      "plot_pair_heatmap": None,
                                      "plot_sourcing": "How each outlet attributes its quotes",
                                      "plot_term_heatmap": "Terms by group",
                                      "plot_term_trends": "Term trends",
                                      "plot_top_terms": "Top terms",
                                      "plot_voices_heatmap": "Share of each outlet's quotes, "
                                      "most quoted speakers", "plot_word_choice": None})),
    "ncols": Param("panels per row", [_INT1], 3),
    "n": Param("number of panels", [Interval(int, 0)]),
    "panel": Param("size of one panel in inches (width, height)",
                   [Anything("a (width, height) pair")], (4.0, 2.2)),
    "sharex": Param("panels share the x axis (matplotlib's sharex)", [Anything("True, False, "
                    "'row' or 'col'")], True),
    "sharey": Param("panels share the y axis (matplotlib's sharey)", [Anything("True, False, "
                    "'row' or 'col'")], True),
    "label_room": Param("inches kept for long labels", [Interval(float, 0)], 0.5),
    "figsize": Param("figure size in inches (width, height)", [Anything("a (width, height) "
                     "pair")], (10, 8)),
    "ax": Param("a matplotlib Axes", [Anything("a matplotlib Axes")]),
    "value": Param(
        "the column drawn or ranked (plots, ranked_cells); format_number: the number formatted",
        Rule("a column name, except format_number's number",
             {"format_number": [Anything("a number")],
              "plot_coverage": [Options(("docs", "words"))],
              "plot_entity_timelines": [Options(("share", "docs", "count"))]}, [Text(), None]),
        Rule("each figure draws its table's main quantity: share for attention and "
             "timelines, per_10k for terms, docs for coverage; ranked_cells shows no value "
             "unless asked",
             {"plot_attention_heatmap": "share", "plot_entity_timelines": "share",
              "plot_coverage": "docs", "plot_term_heatmap": "per_10k",
              "plot_term_trends": "per_10k", "plot_top_terms": "per_10k",
              "ranked_cells": None, "format_number": REQUIRED})),
    "group": Param("one group to draw; None: all", [Text(), None], None),
    "groups": Param("the groups to draw, in order; None: all", [Anything("a list of groups")],
                    None),
    "z": Param("log-odds z cut", [Interval(float)], 1.96),
    "background": Param("grey points drawn as context", [Interval(int, 0)], 1500),
    "max_labels": Param("labels drawn at most", [Interval(int, 0)], 40),
    "max_groups": Param("panels drawn at most; None: all", [_INT1, None], None),
    "periods": Param("period start dates", [Anything("dates")]),
    "xy": Param("label anchor points", [Anything("points")]),
    "fontsize": Param("label font size", [Interval(float, 0, closed="neither")], 8),
    "text_kw": Param("matplotlib text options", [Anything("text options")]),
    "order": Param("the groups' order; None: as they come", [Anything("a list of groups")],
                   None),
    "single": Param("the one source, when periods are compared", [Text()], ""),
    "focus": Param("the focus entity; empty: no focus line", [Text()], ""),
    "common": Param("how many most-mentioned entities are 'usual'", [Interval(int, 0)], 10),
    "kind": Param("a display kind (display.KINDS)", [Text()]),
    "item": Param("the column ranked", [Text()]),
    "cell": Param("cell text column", [Text()]),
    "heading": Param("a heading's text", [Text()]),
}

checked = validator(PARAMETERS)  # the decorator of every public function

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
    "*_low, *_high": "the 95% interval of the column named before _low: 2.5th and 97.5th "
                     "percentiles of the value over bootstrap resamples of the articles",
    "total": "keyness: terms counted in the group (non-stop alphabetic tokens unless "
             "keep_stopwords), the denominator of its rates; total_ref the same for the reference",
    "dp": "Gries' DP of a term within the group: 0.5 * sum over its articles of |the article's "
          "share of the term's occurrences - its share of the group's terms|; 0 even, near 1 "
          "in one article",
    "u": "keyness (test='documents'): the Mann-Whitney U of the group's articles against the "
         "reference's, on the term's rate per article; p_value is its two-sided p",
    "log_ratio_low, log_ratio_high": "2.5 and 97.5 percentiles of log_ratio over bootstrap "
                                     "resamples of the articles (each side resampled)",
    "label": "the entity's type: its most frequent typed label; ENTITY only when never typed",
    "period": "start date of the time period (freq)",
    "sources": "number of distinct outlets (source_list: their names)",
    "quotes": "number of quotes (sourcing)",
    "concept, variant": "word_choice: the thing named and one way of naming it "
                        "(data/lexicons/word_choice.csv)",
    "share (word_choice)": "count / the concept's mentions in the group (all its variants)",
    "share_low, share_high": "2.5 and 97.5 percentiles of share over resamples of the "
                             "group's articles (bootstrap)",
    "similarity": "variant_candidates: cosine of a term's context counts and the concept's",
    "quote_share": "a speaker's quotes / all attributed quotes of the group (voices)",
    "*_share (sourcing)": "named_share, anonymous_share, description_share, unattributed_share: "
                          "fractions of the group's quotes by kind of speaker",
}


def _allowed_text(row: Param) -> str:
    def text(constraints):
        return " or ".join("None" if c is None else c.description for c in constraints)
    if isinstance(row.allowed, Rule):
        parts = [f"{f}: {text(v)}" for f, v in row.allowed.by_function.items()]
        if row.allowed.otherwise is not REQUIRED:
            parts.append(f"others: {text(row.allowed.otherwise)}")
        return "; ".join(parts)
    return text(row.allowed)


def _value_text(value) -> str:
    return "required" if value is REQUIRED else f"`{value!r}`"


def _default_text(row: Param) -> str:
    if not isinstance(row.default, Rule):
        return _value_text(row.default)
    parts = [f"{f} {_value_text(v)}" for f, v in row.default.by_function.items()]
    if row.default.otherwise is not REQUIRED:
        parts.append(f"others {_value_text(row.default.otherwise)}")
    return f"{row.default.why}: {', '.join(parts)}"


def markdown_table() -> str:
    """The parameter vocabulary as a Markdown table (``docs/reference.md`` holds this text).

    Examples
    --------
    >>> markdown_table().splitlines()[0]
    '| parameter | meaning | allowed | default |'
    """
    rows = ["| parameter | meaning | allowed | default |", "| --- | --- | --- | --- |"]
    for name, row in PARAMETERS.items():
        cells = (row.meaning, _allowed_text(row), _default_text(row))
        rows.append(f"| `{name}` | " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    rows += ["", "| output column | meaning |", "| --- | --- |"]
    rows += [f"| `{name}` | {text} |" for name, text in COLUMNS.items()]
    return "\n".join(rows)
