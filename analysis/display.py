"""Tables for reading: formatted numbers, no index, top rows per group, the CSV link kept.

Every table of a report goes through :func:`analysis.workflow.show_table`, which
writes the full CSV and returns a :class:`Table` built here. A ``Table`` shows
itself in a notebook as plain HTML (no JavaScript): no pandas index, numbers
formatted for reading (:func:`format_frame`), headers that wrap, and a box that
scrolls sideways when a table is wider than the page.

Formats (chosen from the column's name and type; ``formats=`` overrides):

========  =====================================================  =================
kind      columns                                                shown as
========  =====================================================  =================
count     integers (``count``, ``docs``, ``tokens``...)          ``12,345``
rate      ``per_10k``, ``*_pp``, percentages                     ``195.5``
share     ``share``, ``share_ref`` (fractions, 0 to 1)           ``90.5%``
points    ``share_diff`` (a difference of fractions)             ``+12.3 pp``
pvalue    ``p_value``, ``p_adjusted``, ``p``                     ``0.0123``, ``1.2e-45``
score     any other number (``g2``, ``z``, ``pmi``, ``npmi``...)  ``1,037``, ``2.63``
date      datetimes                                              ``2022-03-01``
text      everything else (HTML-escaped)
========  =====================================================  =================
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from urllib.parse import quote

import numpy as np
import pandas as pd

from .vocabulary import checked

KINDS = ("count", "rate", "share", "points", "pvalue", "score", "date", "text")
_PVALUE = re.compile(r"^(p|p_value|p_adjusted|pvalue|p_adj|q_value)$")
_RATE = re.compile(r"(per_\d+k?|_pp|pct|percent)$")
_POINTS = re.compile(r"^share_diff$")
_SHARE = re.compile(r"(^|_)share($|_)")


# ----------------------------------------------------------------- single values
@checked
def format_number(value, kind: str) -> str:
    """One value as text for reading (``""`` for missing values).

    Examples
    --------
    >>> format_number(195.530726, "rate"), format_number(6.877439e-104, "pvalue")
    ('195.5', '6.9e-104')
    >>> format_number(1036.77, "score"), format_number(0.25117, "score"), format_number(1234, "count")
    ('1,037', '0.251', '1,234')
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {list(KINDS)}, got {kind!r}")
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if kind == "text":
        return str(value)
    if kind == "date":
        stamp = pd.Timestamp(value)
        return f"{stamp:%Y-%m-%d}" if stamp == stamp.normalize() else f"{stamp:%Y-%m-%d %H:%M}"
    value = float(value)
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if kind == "count":
        return f"{value:,.0f}"
    if kind == "rate":
        return f"{value:,.1f}"
    if kind == "share":
        return f"{100 * value:.1f}%"
    if kind == "points":
        return f"{100 * value:+.1f} pp"
    if kind == "pvalue":
        if value == 0:
            return "< 1e-300"
        return f"{value:.2g}" if value >= 0.001 else f"{value:.1e}".replace("e-0", "e-")
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


@checked
def column_kind(name: str, values: pd.Series) -> str:
    """The display kind of a column, from its name and type (see the module table).

    Examples
    --------
    >>> column_kind("p_adjusted", pd.Series([0.5])), column_kind("per_10k", pd.Series([1.5]))
    ('pvalue', 'rate')
    """
    name = str(name).lower()
    if pd.api.types.is_bool_dtype(values):
        return "text"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    if not pd.api.types.is_numeric_dtype(values):
        return "text"
    if _PVALUE.match(name):
        return "pvalue"
    if _RATE.search(name):
        return "rate"
    if _POINTS.search(name):
        return "points"
    finite = values[np.isfinite(values.astype(float))]
    if _SHARE.search(name) and (finite.empty or finite.between(0, 1).all()):
        return "share"
    if pd.api.types.is_integer_dtype(values):
        return "count"
    if len(finite) and (finite == finite.round()).all() and re.search(
            r"(count|docs|documents|tokens|mentions|windows|chars|rows|n_)", name):
        return "count"
    return "score"


@checked
def format_frame(df: pd.DataFrame, *, formats: dict[str, str] | None = None) -> pd.DataFrame:
    """A copy of ``df`` with every cell as display text (index dropped).

    Parameters
    ----------
    df : pandas.DataFrame
        Any table.
    formats : dict, optional
        ``{column: kind}`` to override the automatic choice (kinds: ``KINDS``).

    Examples
    --------
    >>> format_frame(pd.DataFrame({"term": ["nato"], "per_10k": [195.530726]})).iloc[0].tolist()
    ['nato', '195.5']
    """
    formats = dict(formats or {})
    unknown = sorted(set(formats) - set(map(str, df.columns)))
    if unknown:
        raise ValueError(f"formats names columns {unknown} that df lacks; columns: "
                         f"{[str(c) for c in df.columns]}")
    out = {}
    for col in df.columns:
        values = df[col].reset_index(drop=True)
        kind = formats.get(str(col)) or column_kind(col, values)
        out[str(col)] = [format_number(v, kind) for v in values]
    return pd.DataFrame(out, columns=[str(c) for c in df.columns])


# ----------------------------------------------------------------- shaping
@checked
def top_per_group(df: pd.DataFrame, by: str | list[str], *, top: int,
                  sort: str | None = None, ascending: bool = False) -> pd.DataFrame:
    """The first ``top`` rows of every group (groups in order of first appearance); a copy.

    ``sort`` ranks rows inside each group first (default: keep ``df``'s order).

    Examples
    --------
    >>> df = pd.DataFrame({"g": ["a", "a", "b"], "x": [1, 2, 3]})
    >>> top_per_group(df, "g", top=1)["x"].tolist()
    [1, 3]
    """
    keys = [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys + ([sort] if sort else []) if k not in df.columns]
    if missing:
        raise ValueError(f"columns {missing} are not in the table; columns: {list(df.columns)}")
    if sort:
        df = df.sort_values(sort, ascending=ascending, kind="stable")
    grouped = df.groupby(keys, sort=False, dropna=False)
    keep = (grouped.cumcount() < top).to_numpy()
    first_seen = grouped.ngroup().to_numpy()[keep]  # groups numbered by first appearance
    return df[keep].iloc[np.argsort(first_seen, kind="stable")].reset_index(drop=True)


@checked
def rank_table(df: pd.DataFrame, by: str, cell: str, *, top: int = 10,
               order: list | None = None) -> pd.DataFrame:
    """Rank-and-pivot: row ``rank`` 1..``top``, one column per group, ``cell`` in each cell.

    Rows inside a group are taken in ``df``'s order; ``order`` sets the
    columns (default: order of first appearance). No stray column header.

    Examples
    --------
    >>> df = pd.DataFrame({"source": ["RT", "RT", "BBC"], "term": ["nato", "war", "kyiv"]})
    >>> rank_table(df, "source", "term", top=2).to_dict("list")
    {'rank': [1, 2], 'RT': ['nato', 'war'], 'BBC': ['kyiv', '']}
    """
    for col in (by, cell):
        if col not in df.columns:
            raise ValueError(f"{col!r} is not a column of the table; columns: {list(df.columns)}")
    ranked = top_per_group(df, by, top=top)
    ranked = ranked.assign(rank=ranked.groupby(by, sort=False).cumcount() + 1)
    groups = list(order) if order is not None else list(dict.fromkeys(ranked[by]))
    wide = (ranked.pivot(index="rank", columns=by, values=cell)
            .reindex(columns=groups).reindex(range(1, top + 1)).fillna(""))
    wide = wide.loc[(wide != "").any(axis=1)]
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index()


@checked
def ranked_cells(df: pd.DataFrame, by: str, item: str, *, top: int = 10,
                 value: str | None = None, sort: str | None = None,
                 ascending: bool = False) -> pd.DataFrame:
    """A :func:`rank_table` of ``item`` per ``by`` group, ``value`` formatted in brackets.

    Examples
    --------
    >>> df = pd.DataFrame({"source": ["RT", "RT"], "entity": ["NATO", "Kyiv"],
    ...                    "share": [0.41, 0.2]})
    >>> ranked_cells(df, "source", "entity", value="share")["RT"].tolist()
    ['NATO (41.0%)', 'Kyiv (20.0%)']
    """
    for col in [by, item] + [c for c in (value, sort) if c]:
        if col not in df.columns:
            raise ValueError(f"{col!r} is not a column of the table; columns: {list(df.columns)}")
    order = list(dict.fromkeys(df[by]))  # columns: the groups in the table's order
    if sort:
        df = df.sort_values(sort, ascending=ascending, kind="stable")
    cells = df[item].astype(str)
    if value:
        kind = column_kind(value, df[value])
        formatted = df[value].map(lambda v: format_number(v, kind)).astype(str)  # empty: float
        cells = cells + " (" + formatted + ")"
    return rank_table(df.assign(_cell=cells.to_numpy()), by, "_cell", top=top, order=order)


# ----------------------------------------------------------------- HTML
def _header(name: str) -> str:
    """An escaped header that may wrap after its underscores."""
    return "_<wbr>".join(html.escape(part) for part in str(name).split("_"))


@checked
def table_html(df: pd.DataFrame, *, formats: dict[str, str] | None = None) -> str:
    """``df`` as a plain HTML table: no index, formatted, escaped, numbers right-aligned.

    Examples
    --------
    >>> "<th" in table_html(pd.DataFrame({"a": [1]}))
    True
    """
    text = format_frame(df, formats=formats)
    numeric = {str(c) for c in df.columns
               if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])}
    head = "".join(f'<th class="{"num" if c in numeric else "txt"}">{_header(c)}</th>'
                   for c in text.columns)
    rows = []
    for values in text.itertuples(index=False):
        cells = "".join(f'<td class="{"num" if c in numeric else "txt"}">{html.escape(v)}</td>'
                        for c, v in zip(text.columns, values))
        rows.append(f"<tr>{cells}</tr>")
    return (f'<div class="table-scroll"><table class="report-table"><thead><tr>{head}</tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table></div>')


@dataclass(frozen=True)
class Table:
    """A table as a report shows it: its rows, a note, and the link to the full CSV.

    ``data`` holds the rows shown (raw values); in a notebook the object
    displays as HTML (:func:`table_html` plus the note and link).
    """

    data: pd.DataFrame
    note: str = ""
    href: str | None = None
    formats: dict | None = None

    def _repr_html_(self) -> str:
        e = html.escape
        link = (f' Full table: <a class="csv-link" href="{e(self.href)}">'
                f'{e(self.href.rsplit("/", 1)[-1])}</a>' if self.href else "")
        note = f'<p class="table-note">{e(self.note)}{link}</p>'
        body = table_html(self.data, formats=self.formats) if len(self.data.columns) and len(
            self.data) else ""
        return f'<div class="report-table-block">{note}{body}</div>'

    def __repr__(self) -> str:
        return f"{self.note}\n{self.data.to_string(index=False)}"


# ----------------------------------------------------------------- summary block
@checked
def anchor(heading: str) -> str:
    """The id nbconvert gives a markdown heading (``"Key terms"`` -> ``"Key-terms"``).

    Examples
    --------
    >>> anchor("Key terms (keyness)")
    'Key-terms-(keyness)'
    """
    return quote(str(heading).replace(" ", "-"), safe="?/:@!$&'()*+,;=")


@dataclass(frozen=True)
class Summary:
    """A "what this corpus shows" block: lines of ``(text, section heading)``.

    Displays as a short list; each line links to the section it comes from.
    """

    lines: tuple

    def _repr_html_(self) -> str:
        e = html.escape
        items = "".join(
            f'<li>{e(text)} <a class="section-link" href="#{e(anchor(section))}">'
            f'&rarr;&nbsp;{e(section)}</a></li>' if section else f"<li>{e(text)}</li>"
            for text, section in self.lines)
        return f'<ul class="report-summary">{items}</ul>'

    def __repr__(self) -> str:
        return "\n".join(f"- {text} [{section}]" for text, section in self.lines)
