"""Tables for reading (analysis.display, show_table), report summaries, plot helpers."""

from __future__ import annotations

import re

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from analysis import display, plots, summary, workflow  # noqa: E402


# ---------------------------------------------------------------- number formats
@pytest.mark.parametrize("value, kind, text", [
    (195.530726, "rate", "195.5"),
    (1234567, "count", "1,234,567"),
    (0.905213, "share", "90.5%"),
    (0.123, "points", "+12.3 pp"),  # share_diff: a difference of fractions
    (-0.05, "points", "-5.0 pp"),
    (0.0, "points", "+0.0 pp"),
    (6.877439e-104, "pvalue", "6.9e-104"),
    (0.0123456, "pvalue", "0.012"),
    (0.5, "pvalue", "0.5"),
    (0.0, "pvalue", "< 1e-300"),
    (1036.77, "score", "1,037"),
    (0.251179, "score", "0.251"),
    (-2.6789, "score", "-2.68"),
    (float("nan"), "score", ""),
    (pd.Timestamp("2022-03-01"), "date", "2022-03-01"),
    ("<b>x</b>", "text", "<b>x</b>"),  # escaped later, by table_html
])
def test_format_number(value, kind, text):
    assert display.format_number(value, kind) == text


def test_format_number_rejects_unknown_kind():
    with pytest.raises(ValueError, match="kind must be one of"):
        display.format_number(1, "percentage")


def test_column_kinds_follow_names_and_types():
    df = pd.DataFrame({"count": [1, 2], "per_10k": [1.5, 2.5], "share": [0.1, 0.2],
                       "share_ref": [0.41, 0.18], "share_diff": [0.23, -0.05],
                       "difference_pp": [23.0, -5.0], "p_adjusted": [1e-5, 0.2],
                       "g2": [3.2, 1.0], "docs": [3, 4],
                       "date": pd.to_datetime(["2022-01-01", "2022-01-02"]), "term": ["a", "b"]})
    kinds = {c: display.column_kind(c, df[c]) for c in df.columns}
    # shares are fractions (shown 10.0%); share_diff is their difference in points;
    # a *_pp column is still a rate
    assert kinds == {"count": "count", "per_10k": "rate", "share": "share",
                     "share_ref": "share", "share_diff": "points", "difference_pp": "rate",
                     "p_adjusted": "pvalue", "g2": "score", "docs": "count",
                     "date": "date", "term": "text"}
    # the old percentage columns are gone: their names are no longer rates
    assert display.column_kind("share_group", pd.Series([41.0, 18.0])) != "rate"
    assert display.column_kind("share_other", pd.Series([41.0, 18.0])) != "rate"
    shown = display.format_frame(df[["share", "share_ref", "share_diff", "difference_pp"]])
    assert shown.values.tolist() == [["10.0%", "41.0%", "+23.0 pp", "23.0"],
                                     ["20.0%", "18.0%", "-5.0 pp", "-5.0"]]


def test_format_frame_keeps_input_and_drops_index():
    df = pd.DataFrame({"per_10k": [195.530726]}, index=[7])
    before = df.copy()
    out = display.format_frame(df, formats={"per_10k": "score"})
    assert out.index.tolist() == [0] and out.iloc[0, 0] == "196"
    pd.testing.assert_frame_equal(df, before)
    with pytest.raises(ValueError, match="lacks"):
        display.format_frame(df, formats={"nope": "score"})


# ---------------------------------------------------------------- per-group tops, rank tables
def test_top_per_group_keeps_every_group():
    df = pd.DataFrame({"g": list("aaabbc"), "x": [5, 4, 3, 9, 8, 1]})
    out = display.top_per_group(df, "g", top=2)
    assert out["g"].tolist() == ["a", "a", "b", "b", "c"] and out["x"].tolist() == [5, 4, 9, 8, 1]
    ranked = display.top_per_group(df, "g", top=1, sort="x", ascending=True)
    assert dict(zip(ranked["g"], ranked["x"])) == {"c": 1, "a": 3, "b": 8}
    with pytest.raises(ValueError, match="not in the table"):
        display.top_per_group(df, "h", top=1)
    with pytest.raises(ValueError, match="top must be"):
        display.top_per_group(df, "g", top=-1)


def test_rank_table_has_no_stray_header_and_every_group():
    df = pd.DataFrame({"source": ["RT", "RT", "BBC", "CNN"], "term": ["nato", "war", "kyiv", "x"],
                       "z": [3.0, 2.0, 5.0, 1.0]})
    wide = display.rank_table(df, "source", "term", top=2)
    assert list(wide.columns) == ["rank", "RT", "BBC", "CNN"] and wide.columns.name is None
    assert wide["rank"].tolist() == [1, 2] and wide["BBC"].tolist() == ["kyiv", ""]
    cells = display.ranked_cells(df, "source", "term", value="z", sort="z")
    assert list(cells.columns) == ["rank", "RT", "BBC", "CNN"]  # the table's group order
    assert cells.loc[0, "RT"] == "nato (3)"
    # nothing significant in a small corpus: an empty rank table, not a type error
    empty = display.ranked_cells(df.iloc[:0].astype({"term": "string"}), "source", "term",
                                 value="z")
    assert list(empty.columns) == ["rank"] and empty.empty


# ---------------------------------------------------------------- show_table and its HTML
def test_show_table_writes_all_and_shows_top_per_group(tmp_path):
    df = pd.DataFrame({"group": ["A"] * 30 + ["B"] * 3, "term": [f"t{i}" for i in range(33)],
                       "p_value": np.linspace(1e-50, 0.5, 33)})
    table = workflow.show_table(df, "demo", out=tmp_path, top=5, by="group")
    assert len(pd.read_csv(tmp_path / "demo.csv")) == 33  # the CSV is complete
    assert table.data["group"].value_counts().to_dict() == {"A": 5, "B": 3}
    page = table._repr_html_()
    assert 'href="' + tmp_path.name + '/demo.csv"' in page and "each of 2 groups" in page
    assert "<tbody><tr><th" not in page and "<th></th>" not in page  # no index column
    pvalues = re.findall(r'<td class="num">([^<]*)</td>', page)
    assert pvalues and all(len(re.sub(r"[^0-9]|e-?\d+$", "", p.split("e")[0])) <= 4
                           for p in pvalues)


def test_show_table_escapes_and_checks(tmp_path):
    df = pd.DataFrame({"title": ["<script>alert(1)</script>"], "count": [1234]})
    page = workflow.show_table(df, "x", out=tmp_path)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "1,234" in page
    with pytest.raises(ValueError, match="columns"):
        workflow.show_table(df, "x", columns=["nope"])
    with pytest.raises(ValueError, match="rank needs"):
        workflow.show_table(df, "x", rank="title")
    with pytest.raises(ValueError, match="top must be"):
        workflow.show_table(df, "x", top=-1)


def test_anchor_matches_nbconvert():
    from nbconvert.filters.strings import add_anchor

    for heading in ["Key terms (keyness)", "Fightin' words (weighted log-odds)",
                    "Near-duplicates: syndicated and republished articles"]:
        html = add_anchor(f"<h2>{heading}</h2>")
        assert f'id="{display.anchor(heading)}"' in html


# ---------------------------------------------------------------- summaries and groups
def test_longest_gaps_and_comparison_summary():
    docs = pd.DataFrame({"source": ["A", "A", "A", "B", "B"],
                         "date": pd.to_datetime(["2022-01-01", "2022-01-02", "2022-03-01",
                                                 "2022-01-01", "2022-01-05"])})
    gaps = summary.longest_gaps(docs)
    assert list(gaps.columns) == ["source", "after", "before", "days"]
    assert gaps.iloc[0].to_dict()["source"] == "A" and gaps["days"].tolist()[:2] == [58, 4]
    outlet = summary.longest_gaps(docs.rename(columns={"source": "outlet"}), by="outlet")
    assert list(outlet.columns) == ["outlet", "after", "before", "days"]
    lo = pd.DataFrame({"source": ["A", "A", "B"], "term": ["x", "y", "z"], "z": [5.0, 3.0, 4.0]})
    att = pd.DataFrame({"source": ["A"], "entity": ["NATO"], "share": [0.41],
                        "share_ref": [0.18], "share_diff": [0.23], "share_diff_low": [0.1],
                        "share_diff_high": [0.3]})
    # clusters: "sources" is the number of outlets; one of the two clusters crosses outlets
    clusters = pd.DataFrame({"cluster": [1, 2], "docs": [3, 2], "sources": [3, 1],
                             "source_list": ["A; B; C", "A"]})
    lines = summary.comparison_summary(lo, att, docs, order=["B", "A"], clusters=clusters).lines
    texts = [t for t, _ in lines]
    # five articles: no words, no attention gap; the coverage gaps are facts, not comparisons
    assert texts[0] == ("5 articles in 2 outlets, at most 3 per outlet: too few to compare "
                        "outlets (a line here needs 10 per outlet); the tables below list what "
                        "each says.")
    assert not any("favours" in t or "attention" in t for t in texts)
    assert "2 near-duplicate cluster(s), 1 across outlets." in texts
    assert all(s in summary.SECTIONS["comparison"].values() for _, s in lines if s)


def test_comparison_groups_cuts_one_source_into_periods(example_ann):
    import dataclasses

    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(8)], "source": ["BBC"] * 8,
                         "date": pd.date_range("2022-01-01", periods=8, freq="MS")})
    ann = dataclasses.replace(example_ann, docs=docs)
    by, ann2, single = workflow.comparison_groups(ann, periods=4)
    assert (by, single) == ("span", "BBC") and "span" not in ann.docs  # input untouched
    assert "period" not in ann2.docs  # the added column is "span" now
    assert ann2.docs["span"].value_counts().tolist() == [2, 2, 2, 2]
    assert ann2.docs["span"].iloc[0] == "2022-01-01 to 2022-02-01"
    two = dataclasses.replace(example_ann, docs=docs.assign(source=["A", "B"] * 4))
    assert workflow.comparison_groups(two)[::2] == ("source", "")
    with pytest.raises(ValueError, match="periods must be"):
        workflow.comparison_groups(ann, periods=1)


# ---------------------------------------------------------------- plot helpers
def test_break_gaps_and_freq():
    x, y = plots.break_gaps(pd.to_datetime(["2022-01-03", "2022-01-10", "2022-03-07"]),
                            [1, 2, 3], freq="W")
    assert np.isnan(y[2]) and len(x) == 4
    assert plots.infer_freq(pd.to_datetime(["2022-01-03", "2022-01-10"])) == "W"
    with pytest.raises(ValueError, match="freq must be"):
        plots.break_gaps([], [], freq="H")


def test_monthly_axis_has_no_day_ticks():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot(pd.to_datetime(["2022-01-01", "2022-02-01", "2022-03-01"]), [1, 2, 3])
    plots.date_axis(ax, "M")
    fig.canvas.draw()
    ticks = [matplotlib.dates.num2date(t) for t in ax.get_xticks()]
    assert ticks and all(t.day == 1 for t in ticks)
    plt.close(fig)


def test_place_labels_never_overlap():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 3))
    ax.set_xlim(0, 1), ax.set_ylim(0, 1)
    xy = [(0.5, 0.5)] * 12  # all on one point: a few fit around it, the rest are left out
    placed = plots.place_labels(ax, xy, [f"label {i}" for i in range(12)])
    boxes = [t.get_window_extent() for t in ax.texts]
    assert 1 <= placed == len(boxes) < 12
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    plt.close(fig)


def test_top_terms_never_drops_a_group_silently():
    freqs = pd.DataFrame({"source": [f"S{i}" for i in range(13) for _ in range(2)],
                          "term": ["a", "b"] * 13, "count": list(range(26)),
                          "per_10k": [1.0] * 26})
    fig = plots.plot_top_terms(freqs, by="source", top=2)
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert len(titles) == 13 and titles[0] == "S12"  # largest (most counted) first
    capped = plots.plot_top_terms(freqs, by="source", top=2, max_groups=12)
    assert "not shown: S0" in capped._suptitle.get_text()


def test_comparison_plots_find_their_group_column():
    cov = pd.DataFrame({"period": pd.to_datetime(["2022-01-03", "2022-01-10"] * 2),
                        "agency": ["AP", "AP", "X", "X"], "docs": [2, 1, 0, 4],
                        "words": [10, 5, 0, 20]})
    fig = plots.plot_coverage(cov)
    # one panel per agency, the largest first: X 0 + 4 = 4 documents, AP 2 + 1 = 3
    assert [ax.get_title(loc="left") for ax in fig.axes if ax.get_visible()][:2] == [
        "X (4)", "AP (3)"]
    words = plots.plot_coverage(cov, value="words")
    assert [ax.get_title(loc="left") for ax in words.axes if ax.get_visible()][:2] == [
        "X (20)", "AP (15)"]
    with pytest.raises(ValueError, match="value"):
        plots.plot_coverage(cov, value="documents")
    att = pd.DataFrame({"agency": ["AP", "X"], "entity": ["NATO", "NATO"],
                        "label": ["ORGANIZATION"] * 2, "docs": [41, 18],
                        "group_docs": [100, 100], "share": [0.41, 0.18], "docs_ref": [18, 41],
                        "group_docs_ref": [100, 100], "share_ref": [0.18, 0.41],
                        "share_diff": [0.23, -0.23]})
    heat = plots.plot_attention_heatmap(att)
    assert [t.get_text() for t in heat.axes[0].get_xticklabels()] == ["AP", "X"]
    assert [t.get_text() for t in heat.axes[0].texts] == ["41", "18"]  # shares in %


def test_pair_heatmap_scales():
    pairs = pd.DataFrame({"entity_a": ["A", "A", "B"], "entity_b": ["B", "C", "C"],
                          "g2": [1000.0, 5.0, 2.0], "npmi": [0.5, -0.2, 0.1],
                          "count": [100, 3, 2], "mentions_a": [9, 9, 5], "mentions_b": [5, 2, 2]})
    log = plots.plot_pair_heatmap(pairs, measure="g2")
    assert type(log.axes[0].images[0].norm).__name__ == "LogNorm"
    assert "log scale" in log.axes[1].get_ylabel()
    npmi = plots.plot_pair_heatmap(pairs)
    assert type(npmi.axes[0].images[0].norm).__name__ == "TwoSlopeNorm"
    with pytest.raises(ValueError, match="measure"):
        plots.plot_pair_heatmap(pairs, measure="nope")
