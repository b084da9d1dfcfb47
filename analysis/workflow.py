"""The few steps every notebook starts with: load, filter, annotate; and table output.

Notebooks stay thin by calling these: :func:`prepare` returns the filtered
corpus and its annotations, :func:`show_table` writes a table's full CSV
beside the report and returns its top rows (per group when asked) as a
:class:`~analysis.display.Table` that shows itself formatted, escaped, with the
link to the CSV.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import warnings
import weakref
from pathlib import Path

import pandas as pd

from . import config
from .cache import read_tables, source_hash, write_tables
from .annotation import annotate
from .backend import map_reduce
from .checks import check_int
from .comparison import group_labels
from .display import Table, ranked_cells, top_per_group
from .loading import Corpus, load_corpus
from .model import Annotations, as_annotated
from .vocabulary import Engine
from .vocabulary import checked


@checked
def prepare(corpus: str = "", *, engine: Engine = "nltk", sources: list[str] | None = None,
            start: str | None = None, end: str | None = None, n_jobs: int | None = None,
            progress: bool = True, dask: str = "") -> tuple[Corpus, Annotations]:
    """Load ``corpus`` (default: the bundled example), filter it and annotate it.

    Returns ``(corpus, annotations)``, both filtered the same way
    (:meth:`Corpus.filter`): ``corpus.docs``, its cleaning ledger and
    ``corpus.excluded`` (documents the filter left out) agree with ``ann``.
    With ``dask`` (a scheduler address or ``"local"``; default: the
    ``ANALYSIS_DASK`` environment variable) the annotation and every analysis
    of ``ann`` run on that Dask cluster (see :func:`analysis.annotate`).

    Examples
    --------
    >>> corpus, ann = prepare("", progress=False)  # "": the bundled example corpus
    >>> ann
    Annotations(2 docs, 26 sentences, 716 tokens, 94 entities; engine=nltk)
    """
    loaded = load_corpus(corpus or config.EXAMPLE_CORPUS, progress=progress)
    loaded = loaded.filter(sources=sources, start=start, end=end)
    if loaded.docs.empty:
        raise ValueError(f"No documents left after filtering (sources={sources}, "
                         f"start={start}, end={end}); the corpus has {loaded.excluded}.")
    docs = loaded.docs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ann = annotate(docs, engine=engine, n_jobs=n_jobs, progress=progress, dask=dask)
    for message in dict.fromkeys(str(w.message) for w in caught):  # a plain note for the reader
        print(f"Note: {message}")
    _figures_as_drawn()
    return loaded, ann


RESULTS_KEEP = 64  # result-cache entries kept (least recently used dropped)


def cached(func, data, /, **options) -> pd.DataFrame:
    """``func(data, **options)``, read from the result cache when computed before.

    For the deterministic, expensive analyses a warm render repeats (near-duplicates,
    keyness with its document test, log-odds, entity attention, word choice). An entry
    under ``config.PROCESSED_DIR / "results"`` is keyed on the function, ``data`` (for
    annotations: their cache key and the whole documents table, plus the content of
    every table that is not the very object ``annotate`` or ``filter`` made, so a
    filtered or relabelled view has its own entries; for a table: its content), the
    options (tables among them by content), the source of every ``analysis`` module
    and the files of ``data/lexicons``: any change is a miss. Entries are written
    with checksums (:func:`analysis.cache.write_tables`); a damaged one warns and is
    computed again; the last ``RESULTS_KEEP`` used are kept. Annotations that did not
    come from :func:`analysis.annotate` (hand-made, partitioned on Dask) and results
    that are no plain table compute as before, uncached.

    Examples
    --------
    >>> from analysis import keyness
    >>> fresh = keyness(ann, min_count=2)
    >>> cached(keyness, ann, min_count=2).equals(fresh)  # computed, stored
    True
    >>> cached(keyness, ann, min_count=2).equals(fresh)  # read back
    True
    """
    try:
        key = _result_key(func, data, options)
    except TypeError:  # unhashable cells (lists) in a table: no key, computed as before
        key = None
    if key is None:
        return func(data, **options)
    entry = config.PROCESSED_DIR / "results" / key
    if (entry / "meta.json").exists():
        try:
            frame = read_tables(entry, ("result",))[0]["result"]
            os.utime(entry)  # recently used: kept longest
            return frame
        except (OSError, ValueError) as exc:  # CorruptCacheError is a ValueError
            warnings.warn(f"Cached result {entry} fails its check ({type(exc).__name__}: "
                          f"{exc}); it is computed again.", stacklevel=2)
            shutil.rmtree(entry, ignore_errors=True)
    result = func(data, **options)
    if _storable(result):
        write_tables(entry, {"result": result}, {"function": _qualname(func)})
        if not _reads_back(entry, result):  # e.g. a dtype parquet does not keep: not cached
            shutil.rmtree(entry, ignore_errors=True)
        _prune(entry.parent, keep=RESULTS_KEEP)
    return result


def _reads_back(entry: Path, result: pd.DataFrame) -> bool:
    try:
        pd.testing.assert_frame_equal(read_tables(entry, ("result",))[0]["result"], result)
        return True
    except (AssertionError, OSError, ValueError, TypeError):
        return False


def _qualname(func) -> str:
    return f"{getattr(func, '__module__', '')}.{getattr(func, '__qualname__', repr(func))}"


def _result_key(func, data, options: dict) -> str | None:
    """The hash naming the cache entry of ``func(data, **options)``; None: do not cache."""
    h = hashlib.sha1(_qualname(func).encode())
    if isinstance(data, Annotations):
        if data.parts is not None or not data.cache.get("key"):
            return None  # partitioned or hand-made: no key that follows its content
        h.update(json.dumps([data.cache["key"], data.engine, data.model]).encode())
        h.update(_table_hash(data, data.docs).encode())
        if not as_annotated(data):  # tables replaced by hand: their content is the key
            for table in (data.sentences, data.tokens, data.entities, data.quotes):
                h.update(b"-" if table is None else _table_hash(data, table).encode())
    elif isinstance(data, pd.DataFrame):
        h.update(_frame_hash(data).encode())
    else:
        return None
    for name in sorted(options):
        value = options[name]
        text = _frame_hash(value) if isinstance(value, pd.DataFrame) else repr(value)
        h.update(f"\x1e{name}\x1f{text}".encode())
    h.update(_code_and_lexicons().encode())
    return h.hexdigest()[:24]


def _table_hash(ann: Annotations, table: pd.DataFrame) -> str:
    """:func:`_frame_hash` of one of ``ann``'s tables (0.15 s for the full corpus's docs),
    kept in ``ann.memo`` for that very table object (tables are never modified in place)."""
    memo = ann.memo if isinstance(ann.memo, dict) else {}
    hit = memo.get(("result_table_hash", id(table)))
    if hit is not None and hit[0]() is table:
        return hit[1]
    value = _frame_hash(table)
    memo[("result_table_hash", id(table))] = (weakref.ref(table), value)
    return value


def _frame_hash(frame: pd.DataFrame) -> str:
    """A hash of a table's content: columns, dtypes, index and values."""
    h = hashlib.sha1(repr([(str(c), str(t)) for c, t in frame.dtypes.items()]).encode())
    h.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    return h.hexdigest()


def _code_and_lexicons() -> str:
    """Hash of every ``analysis`` module and package and every file of ``data/lexicons``."""
    here = Path(__file__).parent
    names = sorted(p.stem for p in here.glob("*.py")) + sorted(
        p.name for p in here.iterdir() if (p / "__init__.py").exists())
    h = hashlib.sha1(source_hash(*names).encode())
    for path in sorted(config.LEXICON_DIR.rglob("*")) if config.LEXICON_DIR.exists() else []:
        if path.is_file():
            h.update(path.name.encode() + b"\x1f" + path.read_bytes())
    return h.hexdigest()


def _storable(result) -> bool:
    """A plain table that parquet gives back as it was: string column names, default index."""
    return (isinstance(result, pd.DataFrame) and isinstance(result.index, pd.RangeIndex)
            and result.index.start == 0 and result.index.step == 1
            and all(isinstance(c, str) for c in result.columns) and not result.attrs)


def _prune(folder: Path, *, keep: int) -> None:
    entries = sorted((d for d in folder.iterdir() if d.is_dir()),
                     key=lambda d: d.stat().st_mtime_ns, reverse=True)
    for old in entries[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def _figures_as_drawn() -> None:
    """In a notebook, show figures as drawn instead of re-drawing each to find a tight box.

    The plots of :mod:`analysis.plots` lay themselves out (constrained layout or
    fixed margins), so IPython's default ``bbox_inches="tight"`` only costs a second
    drawing pass (about 0.5 s for a figure of small multiples). Outside IPython: nothing.
    """
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:
        return
    if get_ipython() is not None:
        set_matplotlib_formats("png", bbox_inches=None)


def output_dir(path: str = "", *, notebook: str = "report") -> Path:
    """The folder where a notebook writes its CSV/GEXF files (created)."""
    out = Path(path) if path else config.REPORTS_DIR / f"{notebook}_files"
    out.mkdir(parents=True, exist_ok=True)
    return out


def write_csv(df: pd.DataFrame, path: str | os.PathLike) -> None:
    """Write ``df`` without its index, as ``DataFrame.to_csv`` does, fast for large tables.

    Tables of 10,000 rows or more without date columns go through pyarrow's
    CSV writer (25 times faster than pandas on the 290,000 rows of the
    log-odds table; the same values when read back, quotes only where needed); anything pyarrow
    cannot write falls back to pandas.

    Examples
    --------
    >>> write_csv(pd.DataFrame({"a": [1, 2]}), tmp / "a.csv")
    >>> (tmp / "a.csv").read_text()
    'a\\n1\\n2\\n'
    """
    dates = any(pd.api.types.is_datetime64_any_dtype(t) for t in df.dtypes)
    if len(df) >= 10_000 and not dates:
        import pyarrow as pa
        import pyarrow.csv as pcsv

        try:
            table = pa.Table.from_pandas(df, preserve_index=False)
            pcsv.write_csv(table, str(path), pcsv.WriteOptions(quoting_style="needed"))
            return
        except (pa.ArrowException, TypeError, ValueError):
            pass  # e.g. lists or mixed types in a column: pandas writes them as text
    df.to_csv(path, index=False)


@checked
def show_table(df: pd.DataFrame, name: str, *, out: str | os.PathLike | None = None,
               top: int = 20, by: str | list[str] | None = None, sort: str | None = None,
               ascending: bool = False, columns: list[str] | None = None,
               rank: str | None = None, rank_value: str | None = None,
               formats: dict[str, str] | None = None, note: str = "") -> Table:
    """Write ``df`` in full to ``<out>/<name>.csv``; return the rows to show as a :class:`Table`.

    The table shows the first ``top`` rows, or with ``by`` the first ``top``
    rows *of every group* (so no group is hidden), numbers formatted for
    reading (:func:`analysis.display.format_frame`), no index, and a link to
    the CSV, which is complete whatever ``top`` is (``top=0``: only the link).

    Parameters
    ----------
    df : pandas.DataFrame
        The full table.
    name : str
        File name of the CSV (without ``.csv``).
    out : path-like, optional
        Folder of the CSV (none: nothing written, no link).
    top : int, default 20
        Rows shown (per group with ``by``).
    by, sort, ascending
        Group column(s) for a per-group top; ``sort`` ranks rows inside groups.
    columns : list of str, optional
        The columns shown (the CSV has them all).
    rank, rank_value : str, optional
        With ``by``: show a rank table instead (row ``rank`` 1..``top``, one
        column per group, the ``rank`` column in the cells, followed by the
        formatted ``rank_value`` in brackets).
    formats : dict, optional
        ``{column: kind}`` display overrides (see :mod:`analysis.display`).
    note : str
        Text before the row count.

    Examples
    --------
    >>> show_table(pd.DataFrame({"a": range(50)}), "demo", out=tmp, top=3)
    Showing 3 of 50 rows.
     a
     0
     1
     2
    """
    href = None
    if out is not None:
        path = Path(out) / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_csv(df, path)
        href = f"{Path(out).name}/{path.name}"
    if rank is not None:
        if not isinstance(by, str):
            raise ValueError(f"rank needs by= one group column, got by={by!r}")
        return Table(ranked_cells(df, by, rank, top=top, value=rank_value, sort=sort,
                                  ascending=ascending),
                     f"{note} The top {top} of each {by} (ranked by {sort or 'the table order'})."
                     .strip(), href, {"rank": "count"})
    if columns is not None:
        missing = [c for c in columns if c not in df.columns]
        if missing:
            raise ValueError(f"columns {missing} are not in the table; columns: {list(df.columns)}")
    if by is not None:
        shown = top_per_group(df, by, top=top, sort=sort, ascending=ascending)
        n_groups = len(df[[by] if isinstance(by, str) else by].drop_duplicates())
        count = (f"The top {top} of each of {n_groups:,} groups ({len(shown):,} of "
                 f"{len(df):,} rows)." if top else f"{len(df):,} rows.")
    else:
        shown = (df.sort_values(sort, ascending=ascending, kind="stable") if sort else df).head(top)
        count = (f"Showing {len(shown):,} of {len(df):,} rows." if top and len(shown) < len(df)
                 else f"{len(df):,} rows." if len(df) else "No rows.")
    shown = shown if columns is None else shown[list(columns)]
    return Table(shown.reset_index(drop=True), f"{note} {count}".strip(), href, formats)


def comparison_groups(ann: Annotations, *, by: str = "source",
                      periods: int = 4) -> tuple[str, Annotations, str]:
    """What to compare: the groups of ``by``; with one group only, its time periods instead.

    A comparison of one group with nothing is empty. When ``by`` has a single
    value, the documents are cut into ``periods`` stretches of time holding
    about as many documents each (column ``span`` added to a copy of
    ``ann.docs``, labelled ``"2022-02 to 2022-05"``), and those are compared.

    Returns
    -------
    (by, ann, single)
        The column to compare by (``"span"`` when one group was cut into
        stretches of time; ``by`` unchanged when its dates are too few to cut), the
        annotations (a copy when a column was added), and the name of the one
        group (``""`` when there are several groups).

    Examples
    --------
    >>> by, ann2, single = comparison_groups(ann)
    >>> by, single
    ('source', '')
    >>> by, ann2, single = comparison_groups(ann.filter(sources=["TDI"]))
    >>> by, single  # one document: too few dates to cut
    ('source', 'TDI')
    """
    import dataclasses

    if by not in ann.docs.columns:
        raise ValueError(f"by must be a column of the documents table {list(ann.docs.columns)}, "
                         f"got {by!r}")
    check_int("periods", periods, 2)
    values = ann.docs[by].astype("string").fillna("").unique()
    dated = ann.docs["date"].dropna()
    if len(values) != 1:
        return by, ann, ""
    if dated.nunique() < periods:
        return by, ann, str(values[0])
    docs = ann.docs.copy()
    ranks = docs["date"].rank(method="dense")
    cut = pd.qcut(ranks, periods, labels=False, duplicates="drop")
    bounds = docs.groupby(cut)["date"].agg(["min", "max"])
    names = {i: f"{lo:%Y-%m-%d} to {hi:%Y-%m-%d}" for i, (lo, hi) in bounds.iterrows()}
    docs["span"] = cut.map(names).astype("string")  # undated documents: no span
    return "span", dataclasses.replace(ann, docs=docs), str(values[0])


@checked
def followed_terms(freqs: pd.DataFrame, *, terms: list[str] | None = None,
                   top: int = 4) -> list[str]:
    """The terms a trend follows: ``terms`` when given, else the ``top`` terms of ``freqs``.

    Examples
    --------
    >>> followed_terms(pd.DataFrame({"term": ["war", "peace", "nato"]}), top=2)
    ['war', 'peace']
    """
    return list(terms) if terms else freqs["term"].head(top).tolist()


@checked
def default_query(freqs: pd.DataFrame, *, query: str = "") -> str:
    """The keyword-in-context query: ``query`` when given, else the top term ("" if none).

    Examples
    --------
    >>> default_query(pd.DataFrame({"term": ["war", "peace"]}))
    'war'
    """
    return query or (str(freqs["term"].iloc[0]) if len(freqs) else "")


@checked
def timeline_entities(entity_freqs: pd.DataFrame, partners: pd.DataFrame, *, entity: str = "",
                      top: int = 4) -> list[str]:
    """``top`` entities to follow over time: ``entity`` and its first partners, or, without an
    entity, the most mentioned ones.

    Examples
    --------
    >>> timeline_entities(pd.DataFrame({"entity": ["A", "B", "C"]}),
    ...                   pd.DataFrame({"partner": ["C"]}), entity="B")
    ['B', 'C']
    """
    if entity:
        return [entity] + partners["partner"].head(top - 1).tolist()
    return entity_freqs["entity"].head(top).tolist()


@checked
def source_overview(corpus: Corpus, ann: Annotations) -> pd.DataFrame:
    """Per outlet: ``source, docs, first_date, last_date, chars, tokens`` (NLTK tokens).

    The corpus and the annotations must hold the same documents (as
    :func:`prepare` returns them); largest outlet first.

    Examples
    --------
    >>> source_overview(corpus, ann).head(3)
            source  docs first_date  last_date  chars  tokens
    0          TDI     1 2022-02-18 2022-02-18   2373     405
    1  WebIndia123     1 2022-01-22 2022-01-22   1769     311
    """
    mismatch = set(corpus.docs["doc_id"]) ^ set(ann.docs["doc_id"])
    if mismatch:
        raise ValueError(f"corpus and ann hold different documents ({len(mismatch)} differ); "
                         "filter both the same way (prepare() does)")
    tokens = map_reduce(ann, _tokens_per_source, _add_series).rename("tokens")
    out = corpus.summary().merge(tokens, left_on="source", right_index=True, how="left")
    out["tokens"] = out["tokens"].fillna(0).astype("int64")
    return out


def _tokens_per_source(ann: Annotations) -> pd.Series:
    per_doc = ann.tokens["doc_id"].value_counts(sort=False).astype("int64")  # then per outlet:
    source_of = pd.Series(ann.docs["source"].to_numpy(), index=ann.docs["doc_id"].to_numpy())
    return per_doc.groupby(per_doc.index.map(source_of)).sum()  # 12x faster than map first


def _add_series(*parts: pd.Series) -> pd.Series:
    return pd.concat(parts).groupby(level=0).sum()


@checked
def group_sizes(docs: pd.DataFrame, *, by: str = "source") -> pd.Series:
    """Documents per group of ``by`` (missing or empty values: ``"(none)"``), largest first.

    Examples
    --------
    >>> group_sizes(pd.DataFrame({"source": ["RT", "BBC", "RT", None]})).to_dict()
    {'RT': 2, '(none)': 1, 'BBC': 1}
    """
    if by not in docs.columns:
        raise ValueError(f"by must be a column of the documents table {list(docs.columns)}, "
                         f"got {by!r}")
    groups = group_labels(docs[by])
    return groups.value_counts().sort_index(kind="stable").sort_values(
        ascending=False, kind="stable").rename("docs")


@checked
def guess_freq(docs: pd.DataFrame) -> str:
    """A period length for timelines: ``"M"`` when the dates span over 90 days, else ``"W"``.

    Examples
    --------
    >>> guess_freq(pd.DataFrame({"date": pd.to_datetime(["2022-01-01", "2022-06-01"])}))
    'M'
    """
    if "date" not in docs.columns:
        raise ValueError(f"docs must have a date column; columns: {list(docs.columns)}")
    dated = pd.to_datetime(docs["date"]).dropna()
    return "M" if len(dated) and (dated.max() - dated.min()).days > 90 else "W"
