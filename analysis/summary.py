""""What this corpus shows": a few lines computed from a report's tables, each linking to its section.

One function per report; each takes the tables the report shows and returns a
:class:`~analysis.display.Summary` (a list of ``(text, section heading)``).
The section headings are those of the notebooks (``SECTIONS``); a test checks
that every link of a rendered report finds its heading.
"""

from __future__ import annotations

import pandas as pd

from .comparison import group_labels
from .display import Summary, format_number
from .vocabulary import checked

SECTIONS = {
    "overview": {"sources": "Documents per source", "skipped": "What was skipped while loading",
                 "cleaning": "What cleaning removed"},
    "terms": {"top": "Top terms overall", "distinctive": "Distinctive terms per source",
              "colloc": "Collocations", "trends": "Trends"},
    "entities": {"top": "Most mentioned entities", "pairs": "Strongest pairs",
                 "focus": "Focus entity: partners and evidence"},
    "comparison": {"dups": "Near-duplicates: syndicated and republished articles",
                   "coverage": "Coverage over time", "words": "Fightin' words (weighted log-odds)",
                   "attention": "Entity attention"},
    "voices": {"sourcing": "How each outlet attributes its quotes",
               "top": "Who each outlet quotes most", "distinctive": "Whom each outlet quotes more than the others",
               "speaker": "What the focus speaker says, outlet by outlet"},
}


def _names(values, n: int = 3) -> str:
    return ", ".join(str(v) for v in list(values)[:n])


def _per_group(df: pd.DataFrame, group: str, item: str, *, n: int = 3,
               order: list | None = None) -> list[str]:
    """``"group: a, b, c"`` for each group (rows in ``df``'s order)."""
    lists = df.groupby(group, sort=False)[item].agg(lambda s: _names(s, n))
    keys = [g for g in (order or lists.index) if g in lists.index]
    return [f"{g}: {lists[g]}" for g in keys]


@checked
def overview_summary(corpus, overview: pd.DataFrame) -> Summary:
    """Size, span, largest and smallest outlet, what loading skipped, what cleaning removed most.

    ``corpus`` is the (filtered) :class:`~analysis.loading.Corpus`; ``overview``
    the per-source table of :func:`analysis.workflow.source_overview`.

    Examples
    --------
    >>> overview_summary(corpus, source_overview(corpus, ann))  # doctest: +NORMALIZE_WHITESPACE
    - 2 documents from 2 source(s), 2022-01-22 to 2022-02-18. [Documents per source]
    - Largest: TDI (405 tokens); smallest: WebIndia123 (311 tokens): its rates are the
      noisiest. [Documents per source]
    - 2 record(s) found: 2 kept, 0 skipped while loading. [What was skipped while loading]
    - Cleaning removed most with duplicate_sentence (4,856 characters). [What cleaning removed]
    """
    sec = SECTIONS["overview"]
    docs = corpus.docs
    dated = docs["date"].dropna()
    span = (f", {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}" if len(dated) else
            ", no dates")
    lines = [(f"{len(docs):,} documents from {docs['source'].nunique()} source(s){span}.",
              sec["sources"])]
    if len(overview) > 1 and "tokens" in overview:
        ranked = overview.sort_values("tokens", ascending=False)
        big, small = ranked.iloc[0], ranked.iloc[-1]
        lines.append((f"Largest: {big['source']} ({format_number(big['tokens'], 'count')} tokens); "
                      f"smallest: {small['source']} ({format_number(small['tokens'], 'count')}"
                      f" tokens): its rates are the noisiest.", sec["sources"]))
    left_out = f", {corpus.excluded:,} left out by the filters" if corpus.excluded else ""
    lines.append((f"{corpus.found:,} record(s) found: {len(docs):,} kept, "
                  f"{len(corpus.skipped):,} skipped while loading{left_out}.", sec["skipped"]))
    ledger = corpus.ledger_summary()
    if len(ledger):
        top = ledger.iloc[0]
        lines.append((f"Cleaning removed most with {top['step']} "
                      f"({format_number(top['chars_removed'], 'count')} characters).",
                      sec["cleaning"]))
    return Summary(tuple(lines))


@checked
def terms_summary(overall: pd.DataFrame, distinctive: pd.DataFrame,
                  colloc: pd.DataFrame | None = None, *, by: str = "source",
                  order: list | None = None) -> Summary:
    """Top terms, the three most distinctive terms of each group, the strongest collocations.

    Examples
    --------
    >>> terms_summary(term_frequencies(ann), tfidf_terms(ann))
    - Most frequent terms: ukraine, russia, nato, russian, president. [Top terms overall]
    - Most distinctive terms of each source (tf-idf): [Distinctive terms per source]
    - — TDI: putin, vladimir, claiming []
    - — WebIndia123: u.s., embassy, japanese []
    """
    sec = SECTIONS["terms"]
    lines = []
    if len(overall):
        lines.append((f"Most frequent terms: {_names(overall['term'], 5)}.", sec["top"]))
    if len(distinctive):
        lines.append(("Most distinctive terms of each source (tf-idf):", sec["distinctive"]))
        lines += [(f"— {line}", "") for line in
                  _per_group(distinctive, by, "term", order=order)]
    else:
        lines.append(("No distinctive terms: tf-idf needs two sources or more.",
                      sec["distinctive"]))
    if colloc is not None and len(colloc):
        pairs = [f"{a} {b}" for a, b in zip(colloc["w1"], colloc["w2"])]
        lines.append((f"Strongest collocations: {_names(pairs, 4)}.", sec["colloc"]))
    return Summary(tuple(lines))


def _pair_text(row, measure: str) -> str:
    return (f"{row['entity_a']} – {row['entity_b']} ({measure} "
            f"{format_number(row[measure], 'count' if measure in ('count', 'docs') else 'score')}"
            f", together {format_number(row['count'], 'count')} times)")


@checked
def cooccurrence_summary(entity_freqs: pd.DataFrame, pairs: pd.DataFrame, *,
                         measure: str = "g2", focus: str = "", partners: pd.DataFrame | None = None,
                         common: int = 10) -> Summary:
    """Most mentioned entities, strongest pairs, strongest pairs beyond the ``common`` most mentioned.

    ``pairs`` sorted by ``measure`` (descending), as the report shows them.

    Examples
    --------
    >>> cooccurrence_summary(entity_frequencies(ann), cooccurrence(ann))  # doctest: +ELLIPSIS
    - Most mentioned: Ukraine (100.0% of articles), Russia (100.0% of articles), NATO (...). [...]
    - Strongest pairs: Russia – United States (g2 7.78, together 6 times); ... [Strongest pairs]
    """
    sec = SECTIONS["entities"]
    lines = []
    if len(entity_freqs):
        top = [f"{e} ({format_number(s, 'share')} of articles)"
               for e, s in zip(entity_freqs["entity"], entity_freqs["share"])]
        lines.append((f"Most mentioned: {_names(top)}.", sec["top"]))
    if len(pairs):
        lines.append((f"Strongest pairs: {'; '.join(_pair_text(r, measure) for _, r in pairs.head(2).iterrows())}.",
                      sec["pairs"]))
        usual = set(entity_freqs["entity"].head(common))
        rare = pairs[~pairs["entity_a"].isin(usual) & ~pairs["entity_b"].isin(usual)]
        if len(rare):
            lines.append((f"Strongest pairs beyond the {common} most mentioned entities: "
                          f"{'; '.join(_pair_text(r, measure) for _, r in rare.head(3).iterrows())}.",
                          sec["pairs"]))
    else:
        lines.append(("No pair of entities passes the filters.", sec["pairs"]))
    if focus and partners is not None and len(partners):
        lines.append((f"{focus} appears most with {_names(partners['partner'])}.", sec["focus"]))
    return Summary(tuple(lines))


@checked
def longest_gaps(docs: pd.DataFrame, *, by: str = "source", top: int = 3) -> pd.DataFrame:
    """The longest stretches without documents inside each group's own date range.

    Returns ``<by>, after, before, days`` (``after``: last date before the gap,
    ``before``: first date after it), longest first, ``top`` rows.

    Examples
    --------
    >>> d = pd.DataFrame({"source": ["A", "A", "A"],
    ...                   "date": pd.to_datetime(["2022-01-01", "2022-01-02", "2022-03-01"])})
    >>> longest_gaps(d)["days"].tolist()
    [58, 1]
    """
    if by not in docs.columns or "date" not in docs.columns:
        raise ValueError(f"docs needs the columns 'date' and {by!r}; got {list(docs.columns)}")
    dated = docs.dropna(subset=["date"]).sort_values([by, "date"])
    gap = dated.groupby(by)["date"].diff()
    rows = dated.assign(before=dated["date"], after=dated["date"] - gap, days=gap.dt.days)
    rows = rows.dropna(subset=["days"]).nlargest(top, "days")
    return (rows[[by, "after", "before", "days"]]
            .astype({"days": int}).reset_index(drop=True))


#: articles a group needs before a summary line compares it with the others
MIN_ARTICLES = 10


def _units(by: str, single: str = "") -> tuple[str, str]:
    """What a group is called in a sentence: ``(one, many)``."""
    if single and by == "span":
        return "period", "periods"
    return ("outlet", "outlets") if by == "source" else ("group", "groups")


def _too_few(sizes: pd.Series, unit: tuple[str, str], what: str = "articles") -> str:
    """The sentence for groups too small to compare, or "" when two groups can be compared."""
    if (sizes >= MIN_ARTICLES).sum() >= 2:
        return ""
    one, many = unit
    n = format_number(sizes.sum(), "count")
    if len(sizes) and (sizes == 1).all():
        return (f"{n} {what}, one per {one}: too few to compare {many}; the tables below "
                "list what each says.")
    return (f"{n} {what} in {len(sizes)} {many}, at most {format_number(sizes.max(), 'count')} "
            f"per {one}: too few to compare {many} (a line here needs {MIN_ARTICLES} per "
            f"{one}); the tables below list what each says.")


def _small(sizes: pd.Series, unit: tuple[str, str]) -> list[tuple[str, str]]:
    """A line naming the groups left out of the comparisons for their size (if any)."""
    small = sizes[sizes < MIN_ARTICLES]
    if not len(small):
        return []
    names = ", ".join(f"{g} ({n})" for g, n in small.items())
    return [(f"Too few articles to compare (under {MIN_ARTICLES}): {names}; the lines below "
             f"leave {'it' if len(small) == 1 else 'them'} out.", "")]


def _gap_lines(att: pd.DataFrame, by: str, keep, section: str) -> list[tuple[str, str]]:
    """The two biggest attention gaps whose 95% interval excludes 0 (one per entity)."""
    rows = att[att[by].isin(keep)].dropna(subset=["share_diff_low", "share_diff_high"])
    rows = rows[(rows["share_diff_low"] > 0) | (rows["share_diff_high"] < 0)]
    if rows.empty:
        return [("No attention gap is supported: for every entity, the 95% interval of the "
                 "difference between a group's share of articles and the others' includes 0.",
                 section)]
    rows = rows.reindex(rows["share_diff"].abs().sort_values(ascending=False, kind="stable")
                        .index).drop_duplicates("entity")

    def points(x):
        return f"{100 * x:+.0f}"

    return [(f"Biggest attention gap: {r[by]} mentions {r['entity']} in "
             f"{format_number(r['share'], 'share')} of its articles, the others in "
             f"{format_number(r['share_ref'], 'share')} ({points(r['share_diff'])} points; "
             f"95% interval {points(r['share_diff_low'])} to {points(r['share_diff_high'])}).",
             section) for _, r in rows.head(2).iterrows()]


def _word_lines(lo: pd.DataFrame, by: str, keep, order, noun: str,
                section: str) -> list[tuple[str, str]]:
    """Words each group favours (z > 1.96), carried by two articles or more."""
    rows = lo[lo[by].isin(keep) & (lo["z"] > 1.96)]
    if "docs" in rows:
        rows = rows[rows["docs"] >= 2]
    if rows.empty:
        return [(f"No word is favoured by any {noun} at z > 1.96 in two of its articles or "
                 "more (weighted log-odds).", section)]
    found = _per_group(rows.sort_values("z", ascending=False), by, "term", order=order)
    lines = [(f"Words each {noun} favours most (weighted log-odds, z > 1.96, in two of its "
              "articles or more):", section)]
    listed = set(rows[by])
    missing = [g for g in (order or sorted(keep)) if g in set(keep) - listed]
    lines += [(f"— {line}", "") for line in found]
    lines += [(f"— {g}: none", "") for g in missing]
    return lines


@checked
def comparison_summary(lo: pd.DataFrame, att: pd.DataFrame, docs: pd.DataFrame, *,
                       by: str = "source", clusters: pd.DataFrame | None = None,
                       order: list | None = None, single: str = "") -> Summary:
    """Distinctive words per group, attention gaps its interval supports, coverage gaps.

    A line compares groups only when they can be compared: groups of fewer than
    ``MIN_ARTICLES`` articles are left out (and named), and with fewer than two
    groups that large the summary says so instead. An attention gap is claimed only
    when the 95% interval of ``share_diff`` excludes 0; words only with z > 1.96 in
    two of the group's articles or more. ``single``: the name of the only source,
    when the groups are time periods of one source.

    Examples
    --------
    >>> comparison_summary(log_odds(ann), entity_attention(ann), ann.docs)  # doctest: +ELLIPSIS
    - 2 articles, one per outlet: too few to compare outlets; the tables below list what each says. []
    """
    sec = SECTIONS["comparison"]
    lines = []
    if single and by == "span":
        lines.append((f"One source only ({single}): there are no outlets to compare, so the "
                      f"sections below compare its time periods ({', '.join(order or [])}).",
                      ""))
    elif single:
        lines.append((f"One source only ({single}), with too few dates to compare time "
                      "periods: there is nothing to compare.", ""))
    sizes = group_labels(docs[by]).value_counts() if by in docs else pd.Series(dtype=int)
    unit = _units(by, single)
    too_few = _too_few(sizes, unit)
    if too_few and not (single and by != "span"):
        lines.append((too_few, ""))
    elif not too_few:
        keep = sizes.index[sizes >= MIN_ARTICLES]
        lines += _small(sizes, unit)
        lines += _word_lines(lo, by, keep, order, "period" if single else "group", sec["words"])
        lines += _gap_lines(att, by, keep, sec["attention"])
    gaps = longest_gaps(docs, by=by, top=len(docs)).drop_duplicates(by)
    gaps = gaps[gaps["days"] > 1]  # articles on the same or the next day: no gap
    if single and by == "span":  # stretches of time cut to follow each other: no gaps
        gaps = gaps.iloc[:0]
    for _, g in gaps.head(2).iterrows():  # the longest gaps of two different groups
        lines.append((f"Longest coverage gap: {g[by]} has no document from "
                      f"{g['after']:%Y-%m-%d} to {g['before']:%Y-%m-%d} ({g['days']:,} days); "
                      "lines over time are broken there.", sec["coverage"]))
    if clusters is not None:
        across = int((clusters["sources"] > 1).sum()) if len(clusters) else 0
        lines.append((f"{len(clusters):,} near-duplicate cluster(s), {across} across outlets.",
                      sec["dups"]))
    return Summary(tuple(lines))


@checked
def voices_summary(src: pd.DataFrame, speakers: pd.DataFrame, *, by: str = "source",
                   order: list | None = None, alpha: float = 0.05) -> Summary:
    """How many quotes, who leans most on unnamed sources, the most quoted speakers, and
    whom an outlet quotes in more of its articles than the others (the article-level test).

    ``src`` is :func:`analysis.speakers.sourcing`, ``speakers`` :func:`voices`. Lines
    comparing outlets need ``MIN_ARTICLES`` articles with a quote in two outlets at least.

    Examples
    --------
    >>> q = quotes(ann)
    >>> voices_summary(sourcing(q), voices(q))  # doctest: +NORMALIZE_WHITESPACE
    - 10 quotes in 2 documents; 70.0% attributed to a named person or organisation.
      [How each outlet attributes its quotes]
    - 2 articles with quotes, one per outlet: too few to compare outlets; the tables below
      list what each says. []
    - Most quoted by each outlet (quotes, articles): [Who each outlet quotes most]
    - — TDI: Moscow (2, 1) []
    - — WebIndia123: White House (2, 1), Moscow (1, 1) []
    """
    sec = SECTIONS["voices"]
    if src.empty:
        return Summary((("No quotes found: no quotation marks and no speech cues "
                         "(said, told, according to) in these documents.", sec["sourcing"]),))
    lines = [(f"{format_number(src['quotes'].sum(), 'count')} quotes in "
              f"{format_number(src['docs'].sum(), 'count')} documents; "
              f"{format_number((src['quotes'] * src['named_share']).sum() / src['quotes'].sum(), 'share')}"
              " attributed to a named person or organisation.", sec["sourcing"])]
    sizes = src.set_index(by)["docs"]
    unit = _units(by)
    too_few = _too_few(sizes, unit, "articles with quotes") if len(sizes) > 1 else ""
    if too_few:
        lines.append((too_few, ""))
    elif len(src) > 1:
        lines += _small(sizes, unit)
        big = src[src[by].isin(sizes.index[sizes >= MIN_ARTICLES])]
        most = big.sort_values("anonymous_share", ascending=False, kind="stable").iloc[0]
        lines.append((f"Most reliant on unnamed sources: {most[by]} "
                      f"({format_number(most['anonymous_share'], 'share')} of its quotes)."
                      if most["anonymous_share"] > 0 else
                      "No quote is attributed to an unnamed source (\"officials said\").",
                      sec["sourcing"]))
    if len(speakers):
        lines.append(("Most quoted by each outlet (quotes, articles):", sec["top"]))
        named = speakers.assign(_item=[f"{s} ({c:,}, {d:,})" for s, c, d in
                                       zip(speakers["speaker"], speakers["count"],
                                           speakers["docs"])])
        lines += [(f"— {line}", "") for line in _per_group(named, by, "_item", order=order)]
    if not too_few and len(src) > 1 and "p_adjusted" in speakers:
        lines += _distinctive_speakers(speakers, by, sizes, order, alpha, sec["distinctive"])
    return Summary(tuple(lines))


def _distinctive_speakers(speakers, by, sizes, order, alpha, section):
    """Speakers an outlet quotes in significantly more of its articles (p_adjusted < alpha)."""
    rows = speakers[speakers[by].isin(sizes.index[sizes >= MIN_ARTICLES])
                    & (speakers["p_adjusted"] < alpha) & (speakers["direction"] == "over")]
    if rows.empty:
        return [(f"No outlet quotes a speaker in significantly more of its articles than the "
                 f"others do (Fisher's exact test on articles, p_adjusted < {alpha}).", section)]
    lines = [(f"Quoted in more of an outlet's articles than elsewhere (Fisher's exact test on "
              f"articles, p_adjusted < {alpha}):", section)]
    rows = rows.sort_values("p_value", kind="stable")
    return lines + [(f"— {line}", "") for line in _per_group(rows, by, "speaker", order=order)]
