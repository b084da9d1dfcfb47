"""Rendering: every notebook to HTML, the index page, failures, injection, a real browser, JupyterLab."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from analysis import config, reports
from analysis.reports import render

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))
INJECTION = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def notebook_headings(path: Path) -> list[str]:
    """Markdown headings of a notebook: the sections its report must show."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [m.group(1).strip() for c in nb["cells"] if c["cell_type"] == "markdown"
            for m in re.finditer(r"^#{1,3}\s+(.+)$", "".join(c["source"]), re.M)]


def injection_corpus(folder: Path) -> Path:
    """A small corpus: three outlets, and one document that tries to inject markup."""
    base = ("Russian President Vladimir Putin met NATO officials in Brussels on {d}. "
            "Ukraine's President Volodymyr Zelensky said Kyiv would not yield. "
            "The United States and the European Union announced sanctions against Russia.")
    rows = []
    for i, (source, day) in enumerate([("RT", 1), ("BBC", 2), ("CNN", 3), ("RT", 8), ("BBC", 9)]):
        rows.append({"source": source, "date": f"2022-03-{day:02d}", "title": f"Story {i}",
                     "url": f"https://example.org/{i}", "text": base.format(d=f"March {day}")
                     + f" Officials met {i + 1} times in Geneva and Warsaw."})
    rows.append({"source": "CNN", "date": "2022-03-10", "title": " ".join(INJECTION),
                 "url": "javascript:alert(1)",
                 "text": f"Kyiv was shelled. {INJECTION[0]} NATO said {INJECTION[1]} it would help Ukraine."})
    path = folder / "injection.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports-example")
    results = render(out=out)
    return out, results


@pytest.fixture(scope="module")
def injection_reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports-injection")
    corpus = injection_corpus(tmp_path_factory.mktemp("corpus"))
    return out, render(corpus=str(corpus), out=out)


@pytest.mark.parametrize("which", ["example_reports", "injection_reports"])
def test_every_report_exists_with_figures_and_headings(which, request):
    out, results = request.getfixturevalue(which)
    assert [r.notebook for r in results] == [p.stem for p in NOTEBOOKS]
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    for path in NOTEBOOKS:
        page = (out / f"{path.stem}.html").read_text(encoding="utf-8")
        assert (out / f"{path.stem}.ipynb").exists()
        assert page.count('src="data:image/png;base64,') >= 1, path.stem
        for heading in notebook_headings(path):  # rendered as headings, not as escaped text
            text = re.escape(re.sub(r"[`*]", "", heading))
            assert re.search(rf"<h[1-3][^>]*>\s*{text}", re.sub(r"</?code>", "", page)), heading
        for escaped_markup in ("&lt;h1", "&lt;h2", "&lt;p&gt;", "&lt;table", "&lt;style"):
            assert escaped_markup not in page, (path.stem, escaped_markup)
        assert "cdnjs" not in page and "<script" not in page  # nothing fetched, nothing run
        assert len(page) < 3_000_000, f"{path.stem} report is {len(page)} bytes"
    index = (out / "index.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f'href="{path.stem}.html"' in index
    assert "Documents per source" in index and "Engine: nltk" in index


def test_index_states_the_corpus(example_reports):
    out, _ = example_reports
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "2 documents loaded of 2 found" in index
    assert "dates 2022-01-22 to 2022-02-18" in index
    assert "<td>WebIndia123</td><td>1</td>" in index and "<td>TDI</td><td>1</td>" in index


def test_injection_is_escaped_everywhere(injection_reports):
    out, _ = injection_reports
    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text, page.name
        assert "<img src=x onerror" not in text, page.name
        assert 'href="javascript:' not in text, page.name
    overview = (out / "00_corpus_overview.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in overview  # shown as text


def run_cli(*args, cwd=config.PROJECT_ROOT):
    return subprocess.run([sys.executable, "-m", "analysis", "render", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def test_failing_notebook_is_marked_and_exit_is_nonzero(tmp_path):
    proc = run_cli("--out", str(tmp_path), "-p", "start", "not-a-date",
                   "--notebooks", NOTEBOOKS[0].stem)
    assert proc.returncode == 1, proc.stderr
    assert "FAILED" in proc.stderr and "ValueError" in proc.stderr and "not-a-date" in proc.stderr
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "FAILED" in index and "cell" in index
    partial = json.loads((tmp_path / f"{NOTEBOOKS[0].stem}.ipynb").read_text(encoding="utf-8"))
    assert any(o.get("output_type") == "error" for c in partial["cells"] for o in c.get("outputs", []))


def test_unknown_parameter_stops_before_anything_runs(tmp_path):
    proc = run_cli("--out", str(tmp_path), "-p", "no_such_param", "1")
    assert proc.returncode == 2
    assert "Unknown parameter(s) ['no_such_param']" in proc.stderr
    assert not (tmp_path / "index.html").exists()


@pytest.mark.parametrize("args, message", [
    (("-p", "top", "abc"), "parameter 'top' must be of type int"),
    (("-p", "window", "paragraph"), "parameter 'window' must be of type int as declared in "
                                    "01_term_frequency"),
    (("-p", "sources", "RT"), "-p sources '[a, b]'"),
])
def test_bad_parameter_types_stop_before_any_kernel(tmp_path, args, message):
    proc = run_cli("--out", str(tmp_path), *args)
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr
    assert "rendering" not in proc.stdout and not (tmp_path / "index.html").exists()


def test_a_parameter_reaches_only_the_notebooks_declaring_it():
    paths = reports.notebook_paths()
    per_nb = reports.check_parameters({"window": 3, "unit": "paragraph", "freq": "W"}, paths)
    got = {p.stem: v for p, v in per_nb.items()}
    assert got == {"00_corpus_overview": {}, "01_term_frequency": {"window": 3, "freq": "W"},
                   "02_entity_cooccurrence": {"unit": "paragraph"},
                   "03_source_comparison": {"freq": "W"}, "04_voices": {}}


def test_a_name_declared_with_two_types_is_refused(tmp_path, monkeypatch):
    import papermill

    def fake(path):  # two notebooks where "window" means different things
        kind = "int" if path.endswith("a.ipynb") else "str"
        return {"window": {"name": "window", "inferred_type_name": kind}}

    monkeypatch.setattr(papermill, "inspect_notebook", fake)
    with pytest.raises(ValueError, match="different types"):
        reports.check_parameters({"window": 3}, [Path("a.ipynb"), Path("b.ipynb")])
    assert reports.check_parameters({}, [Path("a.ipynb"), Path("b.ipynb")])  # unused: fine


def test_shared_notebook_parameters_have_one_type():
    declared = {p.stem: reports.declared_parameters(p) for p in reports.notebook_paths()}
    types: dict[str, set] = {}
    for params in declared.values():
        for name, info in params.items():
            types.setdefault(name, set()).add(info["inferred_type_name"])
    assert {n: t for n, t in types.items() if len(t) > 1} == {}


# ---------------------------------------------------------------- a real browser
@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium (``make browser`` installs it; ``make test`` runs that first)."""
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("chromium is not installed: run `make browser` (as root on Debian) or "
                    "`sudo apt-get install chromium` to enable the browser tests")
    return path


def open_in_browser(chromium, pages: list[Path], tmp_path: Path, screenshot: Path | None = None):
    """Load each page; return {page: (console errors, dialogs, broken images, body text)}."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, headless=True,
            args=[f for f in CHROMIUM_FLAGS if f != "--headless"])
        for page_path in pages:
            page = context.new_page()
            errors, dialogs = [], []
            page.on("console", lambda m, e=errors: m.type == "error" and e.append(m.text))
            page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
            page.on("dialog", lambda d, ds=dialogs: (ds.append(d.message), d.dismiss()))
            page.goto(page_path.as_uri(), wait_until="load")
            page.wait_for_timeout(300)
            broken = page.evaluate("[...document.images].filter(i => !(i.complete && "
                                   "i.naturalWidth > 0)).map(i => i.src.slice(0, 60))")
            found[page_path.name] = (errors, dialogs, broken, page.inner_text("body"))
            if screenshot is not None and page_path.name == "index.html":
                page.set_viewport_size({"width": 1000, "height": 700})
                page.screenshot(path=str(screenshot))
            page.close()
        context.close()
    return found


def test_reports_in_headless_chromium(chromium, example_reports, tmp_path):
    out, _ = example_reports
    shot = tmp_path / "index-screenshot.png"
    pages = [out / "index.html"] + [out / f"{p.stem}.html" for p in NOTEBOOKS]
    for name, (errors, dialogs, broken, body) in open_in_browser(chromium, pages, tmp_path,
                                                                 shot).items():
        assert errors == [] and dialogs == [] and broken == [], name
        assert body.strip(), name
    assert shot.stat().st_size > 10_000


def test_injection_corpus_in_headless_chromium(chromium, injection_reports, tmp_path):
    out, _ = injection_reports
    pages = [out / "index.html"] + sorted(out.glob("0*.html"))
    seen = open_in_browser(chromium, pages, tmp_path)
    for name, (errors, dialogs, broken, body) in seen.items():
        assert dialogs == [] and errors == [] and broken == [], name
    assert "<script>alert(1)</script>" in seen["00_corpus_overview.html"][3]  # visible as text


# ---------------------------------------------------------------- JupyterLab
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_notebooks_open_in_jupyterlab(tmp_path):
    port, token = _free_port(), "workbook-test-token"
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
           "--ip=127.0.0.1", f"--ServerApp.token={token}", "--allow-root",
           f"--ServerApp.root_dir={config.PROJECT_ROOT}"]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "JUPYTER_CONFIG_DIR": str(tmp_path)}
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"

    def get(path):
        req = urllib.request.Request(base + path, headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    try:
        for _ in range(120):
            try:
                get("/api/status")
                break
            except OSError:
                time.sleep(0.5)
        for path in NOTEBOOKS:
            model = get(f"/api/contents/notebooks/{path.name}?content=1")
            assert model["type"] == "notebook" and model["format"] == "json"
            on_disk = json.loads(path.read_text(encoding="utf-8"))
            assert len(model["content"]["cells"]) == len(on_disk["cells"])
        assert get("/lab/api/settings")  # the JupyterLab application itself answers
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def sample_reports(tmp_path_factory):
    if not config.SHARED_SAMPLE.exists():
        pytest.skip("shared corpus absent")
    out = tmp_path_factory.mktemp("reports-sample")
    return out, render(corpus=str(config.SHARED_SAMPLE), out=out)


@pytest.mark.corpus
def test_every_notebook_runs_on_the_real_sample(sample_reports):
    out, results = sample_reports
    assert all(r.ok for r in results), [(r.notebook, r.error) for r in results if not r.ok]
    index = (out / "index.html").read_text(encoding="utf-8")
    # one CBS article repeats another once its dateline is gone (see test_loading)
    assert "1054 documents loaded of 1055 found" in index
    for r in results:  # every table shown has its full CSV beside the report
        assert list((out / f"{r.notebook}_files").glob("*.csv")), r.notebook
        # headless: the renderer passes progress=False as a parameter (no environment handshake)
        injected = [c for c in json.loads((out / f"{r.notebook}.ipynb").read_text())["cells"]
                    if "injected-parameters" in c["metadata"].get("tags", [])]
        assert "progress = False" in "".join(injected[0]["source"]), r.notebook


# What a reader at 1280 px must never meet; measured in the page by the browser.
READING_PROBLEMS = r"""() => {
  const problems = [];
  const width = document.documentElement.scrollWidth;
  if (width > 1280) problems.push(`page is ${width} px wide`);
  if (document.querySelectorAll("table.dataframe, tbody th").length)
    problems.push("a pandas table with its index column");
  for (const table of document.querySelectorAll("table")) {
    const block = table.closest(".report-table-block");
    const link = block && block.querySelector("a.csv-link[href$='.csv']");
    if (!link) problems.push(`table without CSV link: ${table.innerText.slice(0, 60)}`);
    const box = (table.closest(".table-scroll") || table).getBoundingClientRect();
    if (box.right > 1280) problems.push(`table cut at ${box.right | 0} px`);
    const heads = [...table.querySelectorAll("thead th")].map(th => th.innerText.replace(/\s/g, ""));
    heads.forEach((name, col) => {
      if (!/^p(_value|_adjusted)?$/.test(name)) return;
      for (const row of table.querySelectorAll("tbody tr")) {
        const text = row.cells[col].innerText.trim();
        const digits = text.replace(/^</, "").split("e")[0].replace(/[^0-9]/g, "")
                           .replace(/^0+/, "");
        if (digits.length > 4) problems.push(`p-value with ${digits.length} digits: ${text}`);
      }
    });
  }
  for (const a of document.querySelectorAll("a.section-link")) {
    const id = decodeURIComponent(a.getAttribute("href").slice(1));
    if (!document.getElementById(id)) problems.push(`summary link to a missing section: ${id}`);
  }
  for (const pre of document.querySelectorAll("pre")) {
    if (pre.scrollWidth > pre.clientWidth + 1) problems.push("a text line runs off the page");
  }
  return problems;
}"""


def reading_problems(chromium, pages: list[Path], tmp_path: Path) -> dict[str, list[str]]:
    """For each page opened at 1280 px: the reading problems found (READING_PROBLEMS)."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, headless=True,
            viewport={"width": 1280, "height": 900},
            args=[f for f in CHROMIUM_FLAGS if f != "--headless"])
        for page_path in pages:
            page = context.new_page()
            page.goto(page_path.as_uri(), wait_until="load")
            found[page_path.name] = (page.evaluate(READING_PROBLEMS),
                                     page.locator(".report-summary li").count(),
                                     page.locator("table").count())
            page.close()
        context.close()
    return found


@pytest.mark.corpus
def test_sample_reports_read_at_1280_px(chromium, sample_reports, tmp_path):
    out, _ = sample_reports
    pages = [out / f"{p.stem}.html" for p in NOTEBOOKS]
    for name, (problems, summary_lines, tables) in reading_problems(chromium, pages,
                                                                    tmp_path).items():
        assert problems == [], name
        assert summary_lines >= 3 and tables >= 2, name  # a summary block, tables checked


def single_source_corpus(folder: Path) -> Path:
    """Eight BBC articles over eight weeks: one source, dates enough to compare periods."""
    words = ["sanctions", "grain", "energy", "refugees"]
    rows = [{"source": "BBC", "date": f"2022-03-{1 + 7 * (i % 4):02d}" if i < 4 else
             f"2022-05-{1 + 7 * (i % 4):02d}", "title": f"Story {i}",
             "text": f"Ukraine's President Volodymyr Zelensky spoke about {words[i % 4]} in Kyiv. "
                     f"NATO and Russia discussed {words[(i + i // 4) % 4]} and "
                     f"{words[(i + 1) % 4]} with the European Union in Brussels."}
            for i in range(8)]
    path = folder / "single.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_single_source_comparison_says_so(tmp_path):
    corpus = single_source_corpus(tmp_path)
    [result] = render(corpus=str(corpus), out=tmp_path / "out",
                      notebooks=["03_source_comparison"])
    assert result.ok, result.error
    page = (tmp_path / "out" / "03_source_comparison.html").read_text(encoding="utf-8")
    assert "One source only (BBC)" in page and "compare its time periods" in page
    assert "too small or too alike" not in page
    assert "Longest coverage gap" not in page  # periods follow each other: no gap to report
