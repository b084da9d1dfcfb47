"""What every plot shares: figure size, the empty-figure placeholder, plain-text labels,
small-multiple grids, date axes with gaps, and labels placed without overlaps."""

from __future__ import annotations

import functools
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.transforms import Bbox

from ..vocabulary import Freq, checked

FIGSIZE = (8, 4.5)
DPI = 100


def _new_figure(figsize=FIGSIZE):
    fig, ax = plt.subplots(figsize=figsize, dpi=DPI, layout="constrained")
    return fig, ax


def _empty_figure(title: str, message: str):
    """A small figure that says why there is nothing to plot (instead of an error)."""
    fig, ax = _new_figure((6, 2))
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#555555",
            transform=ax.transAxes)
    ax.set_axis_off()
    ax.set_title(textwrap.fill(str(title), 70))  # the figure is small: long titles wrap
    plt.close(fig)
    return fig


FREQ_DAYS = {"D": 1, "W": 7, "M": 31, "Q": 92, "Y": 366}


@checked
def infer_freq(periods) -> str:
    """The period length (``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``) of sorted period starts.

    Examples
    --------
    >>> infer_freq(pd.to_datetime(["2022-01-01", "2022-02-01", "2022-04-01"]))
    'M'
    """
    days = pd.Series(pd.to_datetime(pd.Series(periods)).dropna().unique()).sort_values().diff()
    step = days.dt.days.min() if len(days) > 1 else 1
    for code, limit in (("Y", 365), ("Q", 89), ("M", 28), ("W", 7)):
        if step >= limit:
            return code
    return "D"


@checked
def break_gaps(periods, values, *, freq: Freq):
    """``(x, y)`` with a NaN between periods more than one ``freq`` apart: lines break there.

    Examples
    --------
    >>> x, y = break_gaps(pd.to_datetime(["2022-01-01", "2022-02-01", "2022-06-01"]),
    ...                   [1, 2, 3], freq="M")
    >>> [str(v) for v in y]
    ['1.0', '2.0', 'nan', '3.0']
    """
    import numpy as np

    frame = (pd.DataFrame({"x": pd.to_datetime(pd.Series(list(periods))),
                           "y": pd.Series(list(values), dtype=float)})
             .dropna(subset=["x"]).sort_values("x"))
    gap = frame["x"].diff().dt.days > FREQ_DAYS[freq]
    x, y = [], []
    for (px, py), jump in zip(frame[["x", "y"]].itertuples(index=False), gap):
        if jump:
            x.append(px - pd.Timedelta(days=1))
            y.append(np.nan)
        x.append(px)
        y.append(py)
    return pd.DatetimeIndex(x), np.array(y, dtype=float)


@checked
def date_axis(ax, freq: Freq) -> None:
    """Date ticks that follow ``freq`` (call after plotting): no day ticks on a monthly axis.

    Monthly and quarterly data get ticks on month starts (every 1, 2, 3, 6 or
    12 months, at most about 7 ticks), yearly data on years; daily and weekly
    data matplotlib's automatic ticks.

    Examples
    --------
    >>> fig, ax = plt.subplots(); _ = ax.plot(pd.to_datetime(["2022-01-01", "2022-03-01"]), [1, 2])
    >>> date_axis(ax, "M"); plt.close(fig)
    """
    import matplotlib.dates as mdates

    lo, hi = sorted(mdates.num2date(v) for v in ax.get_xlim())  # shared axes: the full span
    months = max(1, (hi.year - lo.year) * 12 + hi.month - lo.month)
    if freq in ("D", "W"):
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    elif freq == "Y" or months > 6 * 12:
        years = max(1, months // 12)
        locator = mdates.YearLocator(base=next(k for k in (1, 2, 5, 10, 20, 50) if years / k <= 7))
    else:
        step = next(k for k in (1, 2, 3, 6, 12) if months / k <= 7
                    and (freq != "Q" or k % 3 == 0))
        locator = mdates.MonthLocator(bymonth=range(1, 13, step) if 12 % step == 0 else None)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


@checked
def place_labels(ax, xy, labels, *, fontsize: float = 8, **text_kw) -> int:
    """Label points without overlaps: each label tries 8 spots around its point, in order.

    A label that fits nowhere (every spot overlaps a placed label or leaves
    the axes) is left out; labels earlier in ``labels`` win. Returns how many
    were placed. The figure's layout is fixed first (it must not move after).

    Examples
    --------
    >>> fig, ax = plt.subplots(); place_labels(ax, [(0.5, 0.5)], ["a"])
    1
    """
    fig = ax.figure
    engine = fig.get_layout_engine()
    if engine is not None and type(engine).__name__ != "PlaceHolderLayoutEngine":
        fig.draw_without_rendering()  # the final layout, then frozen (labels must not move)
        fig.set_layout_engine("none")
    renderer = fig.canvas.get_renderer()
    box = ax.get_window_extent(renderer)
    scale = fig.dpi / 72  # offset points -> pixels
    spots = [(6, 0, "left", "center"), (-6, 0, "right", "center"), (0, 6, "center", "bottom"),
             (0, -6, "center", "top"), (5, 5, "left", "bottom"), (-5, 5, "right", "bottom"),
             (5, -5, "left", "top"), (-5, -5, "right", "top")]
    shift = {"left": 0.0, "center": -0.5, "right": -1.0, "bottom": 0.0, "top": -1.0}
    placed = []
    xy = np.asarray(list(xy), dtype=float).reshape(-1, 2)
    for (x, y), (px, py), label in zip(xy, ax.transData.transform(xy), labels):
        # a label's size does not depend on where it goes: measure once, then try the spots
        probe = ax.text(0, 0, _tf_label(label), fontsize=fontsize, **text_kw)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        w, h = extent.width + 3, extent.height + 3  # padded by 1.5 px on each side
        for dx, dy, ha, va in spots:
            bb = Bbox.from_bounds(px + dx * scale + shift[ha] * w, py + dy * scale + shift[va] * h,
                                  w, h)
            inside = box.x0 <= bb.x0 and bb.x1 <= box.x1 and box.y0 <= bb.y0 and bb.y1 <= box.y1
            if inside and not any(bb.overlaps(other) for other in placed):
                ax.annotate(_tf_label(label), (x, y), xytext=(dx, dy), ha=ha, va=va,
                            textcoords="offset points", fontsize=fontsize, **text_kw)
                placed.append(bb)
                break
    return len(placed)


def _line_panels(axes, frame: pd.DataFrame, by: str | None, groups: list, series: str,
                 names: list, value: str, freq: str) -> None:
    """One panel per group (``None``: the whole frame), one line per ``series`` value, each
    broken where periods are missing (:func:`break_gaps`), the same colour in every panel."""
    colors = plt.get_cmap("tab10").colors
    for ax, group in zip(axes, groups):
        part = frame if group is None else frame[frame[by] == group]
        for i, name in enumerate(names):
            rows = part[part[series] == name]
            x, y = break_gaps(rows["period"], rows[value], freq=freq)
            ax.plot(x, y, marker="o", markersize=2.5, linewidth=1, color=colors[i % 10],
                    label=_tf_label(name))
        if group is not None:
            ax.set_title(_tf_label(group), fontsize=9, loc="left")
        ax.tick_params(labelsize=7)


@checked
def group_grid(n: int, *, ncols: int = 3, panel=(4.0, 2.2), sharex=True, sharey=True,
               label_room: float = 0.5):
    """A grid of ``n`` panels (small multiples), the unused ones hidden; ``(fig, axes)``.

    Fixed margins, not matplotlib's constrained layout (which costs seconds
    with a dozen panels): ``label_room`` inches are kept left of each panel
    for its y tick labels (of the first column only with ``sharey``).

    Examples
    --------
    >>> fig, axes = group_grid(13); len(axes)
    13
    """
    import math

    ncols = max(1, min(ncols, n))
    nrows = max(1, math.ceil(n / ncols))
    size = (panel[0] * ncols + 0.5, panel[1] * nrows + 1.4)
    fig, axes = plt.subplots(nrows, ncols, figsize=size, dpi=DPI, squeeze=False, sharex=sharex,
                             sharey=sharey)
    gap = 0.15 if sharey else label_room + 0.1  # inches between panels
    width = (size[0] - 0.75 - label_room - gap * (ncols - 1)) / ncols
    fig.subplots_adjust(left=(0.5 + label_room) / size[0], right=1 - 0.25 / size[0],
                        bottom=0.8 / size[1], top=1 - 0.75 / size[1],
                        wspace=gap / width, hspace=0.45 * 2.2 / panel[1])
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n])


def _tf_label(text) -> str:
    """Corpus text as a label (plain text: the plot functions wear :func:`plain_text`)."""
    return str(text)


def plain_text(func):
    """Decorator of every plot function: the figure's texts are plain text, never mathtext,
    so a name from the data such as ``$5bn Fund$`` or ``a_b^c`` shows as written (with
    ``$...$`` it would be parsed as math: garbled, or an error when drawn). Texts made
    while the function runs keep this, also when the figure is drawn later.

    Examples
    --------
    >>> fig = plain_text(lambda: plt.figure())()
    >>> fig.text(0, 0, "$x$").get_parse_math()  # made after: matplotlib's default
    True
    """
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with plt.rc_context({"text.parse_math": False}):
            return func(*args, **kwargs)

    return wrapper


def _tf_grid(n: int, ncols: int, panel=(4.0, 3.0)):
    import math

    ncols = max(1, min(ncols, n))
    nrows = max(1, math.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel[0] * ncols, panel[1] * nrows),
                             dpi=DPI, layout="constrained", squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, axes.flat
