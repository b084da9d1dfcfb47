"""The few steps every notebook starts with: load, filter, annotate; and table output.

Notebooks stay thin by calling these: :func:`prepare` returns the filtered
corpus and its annotations, :func:`show_table` writes a table's full CSV
beside the report and returns its top rows for display (HTML-escaped by pandas).
"""

from __future__ import annotations

import html
import os
import warnings
from pathlib import Path

import pandas as pd

from . import config
from .annotation import Annotations, annotate
from .loading import Corpus, load_corpus


def filter_docs(docs: pd.DataFrame, *, sources: list[str] | None = None,
                start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Keep documents of the given sources and date range (inclusive); a copy.

    Parameters
    ----------
    docs : pandas.DataFrame
        ``Corpus.docs``.
    sources : list of str, optional
        Outlet names to keep (``None`` or empty keeps all).
    start, end : str, optional
        ISO dates (``"2022-02-24"``); documents without a date are dropped
        when either bound is given.

    Examples
    --------
    >>> docs = pd.DataFrame({"source": ["RT", "BBC"], "date": pd.to_datetime(["2022-01-01", None])})
    >>> filter_docs(docs, sources=["RT"])["source"].tolist()
    ['RT']
    """
    if sources:
        if isinstance(sources, str):
            raise ValueError("sources must be a list of outlet names, e.g. ['RT', 'BBC']")
        unknown = sorted(set(sources) - set(docs["source"]))
        if unknown:
            raise ValueError(f"sources {unknown} are not in the corpus; "
                             f"available: {sorted(docs['source'].unique())}")
        docs = docs[docs["source"].isin(sources)]
    bounds = {}
    for name, value in (("start", start), ("end", end)):
        if value:
            try:
                bounds[name] = pd.Timestamp(value)
            except ValueError:
                raise ValueError(f"{name} must be an ISO date like '2022-02-24', "
                                 f"got {value!r}") from None
    if "start" in bounds:
        docs = docs[docs["date"] >= bounds["start"]]
    if "end" in bounds:
        docs = docs[docs["date"] < bounds["end"] + pd.Timedelta(days=1)]
    return docs.reset_index(drop=True).copy()


def prepare(corpus: str = "", *, engine: str = "nltk", sources: list[str] | None = None,
            start: str | None = None, end: str | None = None, n_jobs: int | None = None,
            progress: bool = True) -> tuple[Corpus, Annotations]:
    """Load ``corpus`` (default: the bundled example), filter it and annotate it.

    Returns ``(corpus, annotations)``; ``corpus.docs`` is the filtered table.

    Examples
    --------
    >>> corpus, ann = prepare("", progress=False)  # doctest: +SKIP
    """
    progress = progress and not os.environ.get("NEWS_WORKBOOK_RENDERING")
    loaded = load_corpus(corpus or config.EXAMPLE_CORPUS, progress=progress)
    docs = filter_docs(loaded.docs, sources=sources, start=start, end=end)
    if docs.empty:
        raise ValueError(f"No documents left after filtering (sources={sources}, "
                         f"start={start}, end={end}); the corpus has {len(loaded.docs)}.")
    loaded.docs = docs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ann = annotate(docs, engine=engine, n_jobs=n_jobs, progress=progress)
    for message in dict.fromkeys(str(w.message) for w in caught):  # a plain note for the reader
        print(f"Note: {message}")
    return loaded, ann


def output_dir(path: str = "", *, notebook: str = "report") -> Path:
    """The folder where a notebook writes its CSV/GEXF files (created)."""
    out = Path(path) if path else config.REPORTS_DIR / f"{notebook}_files"
    out.mkdir(parents=True, exist_ok=True)
    return out


def show_table(df: pd.DataFrame, name: str, *, out: str | os.PathLike | None = None,
               top: int = 20) -> pd.DataFrame:
    """Write ``df`` in full to ``<out>/<name>.csv`` and return its first ``top`` rows.

    In a notebook, a link to the CSV is shown above the table (``top=0``: only
    the link). The CSV is complete whatever ``top`` is.

    Examples
    --------
    >>> show_table(pd.DataFrame({"a": range(50)}), "demo", out=tmp, top=3)  # doctest: +SKIP
    """
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"df must be a DataFrame, got {type(df).__name__}")
    if not isinstance(top, int) or isinstance(top, bool) or top < 0:
        raise ValueError(f"top must be a non-negative integer, got {top!r}")
    if out is not None:
        path = Path(out) / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        df.to_csv(path, index=False)
        _display_link(f"{Path(out).name}/{path.name}", len(df), min(top, len(df)))
    return df.head(top)


def _display_link(href: str, rows: int, shown: int) -> None:
    """In a notebook, show a link to the full CSV (relative to the rendered report)."""
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:
        return
    if get_ipython() is None:
        return
    e = html.escape
    link = f'<a href="{e(href)}">{e(href.rsplit("/", 1)[-1])}</a>'
    note = (f"Showing {shown} of {rows:,} rows; full table: {link}" if shown
            else f"Full table ({rows:,} rows): {link}")
    display(HTML(f'<p class="table-note">{note}</p>'))
