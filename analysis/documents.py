"""The documents table (``Corpus.docs``): the one check of it, and filtering it.

Every function that takes documents (``annotate``, ``near_duplicates``, ...) checks them
with :func:`check_docs`, so a wrong table gets the same message everywhere.
"""

from __future__ import annotations

import pandas as pd

from .vocabulary import checked


def check_docs(docs, *, columns=("doc_id", "text"), accepts: str = "Corpus.docs"
               ) -> pd.DataFrame:
    """The documents table of ``docs`` (a DataFrame, or an object with a ``docs`` table
    such as a ``Corpus``), checked: the ``columns`` are there and ``doc_id`` is unique.

    Parameters
    ----------
    docs : pandas.DataFrame, Corpus or Annotations
        The documents.
    columns : iterable of str, default ("doc_id", "text")
        Columns the caller needs.
    accepts : str, default "Corpus.docs"
        What the caller accepts, as said in the error for a wrong type.

    Returns
    -------
    pandas.DataFrame
        The table itself (not a copy).

    Raises
    ------
    ValueError
        For a wrong type, missing columns or a repeated ``doc_id``.

    Examples
    --------
    >>> check_docs(pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]}))
    Traceback (most recent call last):
    ...
    ValueError: doc_id must be unique; 'a' appears more than once
    """
    if hasattr(docs, "docs") and isinstance(docs.docs, pd.DataFrame):
        docs = docs.docs
    if not isinstance(docs, pd.DataFrame):
        raise ValueError(f"docs must be a DataFrame ({accepts}), got {type(docs).__name__}")
    missing = set(columns) - set(docs.columns)
    if missing:
        raise ValueError(f"docs lacks column(s) {sorted(missing)}; found {list(docs.columns)}")
    if docs["doc_id"].duplicated().any():
        dup = docs.loc[docs["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise ValueError(f"doc_id must be unique; {dup!r} appears more than once")
    return docs


@checked
def filter_docs(docs: pd.DataFrame, *, sources: list[str] | None = None,
                start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Keep documents of the given sources and date range (inclusive); a copy.

    Parameters
    ----------
    docs : pandas.DataFrame
        ``Corpus.docs`` (or any table with ``source`` and ``date``).
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
