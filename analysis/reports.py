"""Render the notebooks to HTML reports: ``python -m analysis render``.

Each notebook in ``notebooks/`` is executed with papermill (the same
parameters are given to every notebook that declares them), exported to HTML
with nbconvert (code hidden unless ``--show-code``), and linked from
``index.html``. Files are written to a temporary name and moved into place,
so a crash never leaves a half-written report that looks complete.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .annotation import annotate
from .loading import load_corpus
from .vocabulary import checked

RESERVED = {"out"}  # set by the renderer, not by the user


@dataclass
class RenderResult:
    """What happened to one notebook."""

    notebook: str
    ok: bool
    html: Path | None = None
    error: str = ""
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)


def notebook_paths(names: list[str] | None = None) -> list[Path]:
    """The notebooks to render, in name order (``names`` filters by stem or file name)."""
    paths = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))
    if names:
        wanted = {Path(n).stem for n in names}
        unknown = wanted - {p.stem for p in paths}
        if unknown:
            raise ValueError(f"Unknown notebook(s) {sorted(unknown)}; available: "
                             f"{[p.stem for p in paths]}")
        paths = [p for p in paths if p.stem in wanted]
    return paths


def declared_parameters(path: Path) -> dict[str, dict]:
    """Parameters declared in a notebook's ``parameters`` cell (papermill's inspection)."""
    import papermill

    return papermill.inspect_notebook(str(path))


_TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
          "list": (list, tuple), "dict": (dict,)}


def _type_ok(value, type_name: str) -> bool:
    """``value`` fits a parameter declared as ``type_name`` (unknown types accept anything)."""
    allowed = _TYPES.get(type_name)
    if allowed is None:
        return True
    if isinstance(value, bool) and type_name != "bool":
        return False  # True is an int to Python, not to a reader of "top: int"
    return isinstance(value, allowed)


def check_parameters(params: dict, paths: list[Path]) -> dict[Path, dict]:
    """Map each notebook to the subset of ``params`` it declares, after checking them all.

    Raises ``ValueError``, before any kernel starts, for a name no notebook declares,
    a value whose type is not the declared one (``-p top abc``), and a name that
    notebooks declare with different types (it would not mean the same thing in
    each: choose the notebooks with ``--notebooks``).
    """
    declared = {p: declared_parameters(p) for p in paths}
    known = set().union(*(d.keys() for d in declared.values())) - RESERVED if declared else set()
    unknown = sorted(set(params) - known)
    if unknown:
        raise ValueError(f"Unknown parameter(s) {unknown}; the notebooks declare: {sorted(known)}")
    for name, value in params.items():
        types = {p.stem: d[name]["inferred_type_name"] for p, d in declared.items() if name in d}
        if len(set(types.values())) > 1:
            raise ValueError(f"parameter {name!r} has different types in {types}: it does not "
                             "mean the same thing in each; render one of them with --notebooks")
        expected = next(iter(types.values()))
        if not _type_ok(value, expected):
            shown = ", ".join(types)
            hint = f" (on the command line: -p {name} '[a, b]')" if expected == "list" else ""
            raise ValueError(f"parameter {name!r} must be of type {expected} as declared in "
                             f"{shown}, got {value!r} ({type(value).__name__}){hint}")
    return {p: {k: v for k, v in params.items() if k in d} for p, d in declared.items()}


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _export_html(executed: Path, target: Path, show_code: bool) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="report",
                            extra_template_basedirs=[str(Path(__file__).parent / "templates")])
    # No sanitize_html: it escapes the markup of Markdown cells and pandas tables into visible
    # text. Corpus text is escaped where it enters the notebook (pandas tables, text output,
    # matplotlib images); tests/test_reports.py renders an injection corpus to prove it.
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    nb = nbformat.read(executed, as_version=4)
    body, _ = exporter.from_notebook_node(nb)
    _atomic_write_text(target, body)


def _kernel_manager() -> dict:
    """Local kernels talk over unix sockets on POSIX (no TCP port, no encryption warning)."""
    if os.name != "posix":
        return {}
    from jupyter_client.manager import KernelManager

    class IPCKernelManager(KernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            super().__init__(**kwargs)

    return {"kernel_manager_class": IPCKernelManager}


def render_notebook(path: Path, out: Path, params: dict, *, show_code: bool = False) -> RenderResult:
    """Execute one notebook with papermill and export it to ``out/<stem>.html``.

    A failing notebook is kept (``<stem>.ipynb``, with the outputs up to the
    failing cell) and exported too; the result says which cell failed and why.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    out.mkdir(parents=True, exist_ok=True)
    files = out / f"{path.stem}_files"
    executed, target = out / f"{path.stem}.ipynb", out / f"{path.stem}.html"
    tmp_nb = out / f".{path.stem}.running.ipynb"
    declared = declared_parameters(path)
    params = {**params, "out": str(files)} if "out" in declared else params
    if "progress" in declared:  # headless: no progress bars in the report
        params = {**params, "progress": False}
    t0 = time.perf_counter()
    error = ""
    try:
        papermill.execute_notebook(str(path), str(tmp_nb), parameters=params, kernel_name="python3",
                                   progress_bar=False, cwd=str(config.PROJECT_ROOT),
                                   **_kernel_manager())
    except PapermillExecutionError as exc:
        error = f"cell {exc.exec_count} ({exc.ename}): {exc.evalue}"
    except Exception as exc:  # noqa: BLE001 - kernel death, bad notebook: report, go on
        error = f"{type(exc).__name__}: {exc}"
    t1 = time.perf_counter()
    if tmp_nb.exists():
        os.replace(tmp_nb, executed)
        _export_html(executed, target, show_code)
    return RenderResult(path.stem, not error, target if target.exists() else None, error,
                        time.perf_counter() - t0,
                        {"execute": t1 - t0, "export": time.perf_counter() - t1})


def _corpus_facts(corpus: str, engine: str, dask: str = "") -> dict:
    """Load (and annotate, warming the cache or building the store) the corpus once;
    facts for the index page."""
    import warnings

    loaded = load_corpus(corpus or config.EXAMPLE_CORPUS)
    print(f"Corpus: {loaded}", flush=True)
    if not loaded.docs["text"].fillna("").str.strip().astype(bool).any():
        reasons = loaded.skipped["reason"].value_counts().to_dict() if len(loaded.skipped) else {}
        why = "; ".join(f"{n} {r}" for r, n in reasons.items()) or "none"
        raise ValueError(f"the corpus {loaded.path} has no document with text to analyse "
                         f"({loaded.found} record(s) found, {len(loaded.docs)} loaded; "
                         f"skipped: {why})")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        annotate(loaded.docs, engine=engine, dask=dask)
    for message in dict.fromkeys(str(w.message) for w in caught):
        print(f"Note: {message}", flush=True)
    docs = loaded.docs
    return {
        "path": loaded.path,
        "per_source": docs["source"].value_counts().to_dict(),
        "first": str(docs["date"].min().date()) if docs["date"].notna().any() else "unknown",
        "last": str(docs["date"].max().date()) if docs["date"].notna().any() else "unknown",
        "found": loaded.found, "loaded": len(docs),
        "skipped": loaded.skipped["reason"].str.replace(r"duplicate of .*", "duplicate",
                                                        regex=True).value_counts().to_dict(),
    }


def notebook_title(path: Path) -> tuple[str, str]:
    """The first markdown heading of a notebook and the first sentence after it (plain text)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            head, _, rest = cell.source.strip().partition("\n")
            first = re.split(r"(?<=[.!?])\s", " ".join(rest.split()), maxsplit=1)[0]
            return head.lstrip("# ").strip(), re.sub(r"[*`]", "", first)
    return path.stem, ""


def _rows(mapping: dict) -> str:
    e = html.escape
    return "".join(f"<tr><td>{e(str(k))}</td><td>{e(str(v))}</td></tr>" for k, v in mapping.items())


def unusable_index(corpus: str, reason: str) -> str:
    """The HTML of ``index.html`` when nothing could be rendered: which corpus, and why."""
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>News corpus reports: nothing rendered</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}}</style></head>
<body><h1>News corpus reports: nothing rendered</h1>
<p>Corpus: <code>{e(corpus or str(config.EXAMPLE_CORPUS))}</code></p>
<p><strong>Why:</strong> {e(reason)}.</p>
<p>Give <code>--corpus</code> a folder or file whose records have text (see docs/loading.md).</p>
<p>Written {e(dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z'))}.</p>
</body></html>
"""


def build_index(results: list[RenderResult], facts: dict, params: dict, engine: str) -> str:
    """The HTML of ``index.html``: links, corpus facts, parameters, engine, time. All escaped."""
    e = html.escape
    items = []
    for r in results:
        title, blurb = notebook_title(config.NOTEBOOKS_DIR / f"{r.notebook}.ipynb")
        link = (f'<a href="{e(r.html.name)}">{e(title)}</a>' if r.html else e(title))
        status = ('<span class="ok">ok</span>' if r.ok else
                  f'<span class="failed">FAILED</span> <code>{e(r.error)}</code>')
        items.append(f'<li>{link} <small>({e(r.notebook)}, {status}, {r.seconds:.1f} s)</small>'
                     f'<br><span class="blurb">{e(blurb)}</span></li>')
    skipped = _rows(facts["skipped"]) or "<tr><td colspan=2>nothing skipped</td></tr>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>News corpus reports</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}}
td{{padding:2px 10px;border-bottom:1px solid #ddd}}.ok{{color:#1a7f37}}
.failed{{color:#cf222e;font-weight:bold}}code{{white-space:pre-wrap}}
li{{margin-bottom:.6em}}.blurb{{color:#555}}th{{text-align:left;padding:2px 10px}}</style></head>
<body><h1>News corpus reports</h1>
<ul>{''.join(items)}</ul>
<h2>Corpus</h2>
<p>Path: <code>{e(facts['path'])}</code><br>
{facts['loaded']} documents loaded of {facts['found']} found;
dates {e(facts['first'])} to {e(facts['last'])}.</p>
<h3>Documents per source</h3><table><tr><th>source</th><th>documents</th></tr>
{_rows(facts['per_source'])}</table>
<h3>Skipped while loading</h3><table><tr><th>reason</th><th>records</th></tr>{skipped}</table>
<h2>Settings</h2><p>Engine: {e(engine)}</p>
<table><tr><th>parameter</th><th>value</th></tr>
{_rows(params) or '<tr><td colspan=2>notebook defaults</td></tr>'}</table>
<p>Rendered {e(dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z'))}.</p>
</body></html>
"""


@checked
def render(*, corpus: str = "", out: str | os.PathLike | None = None, params: dict | None = None,
           notebooks: list[str] | None = None, show_code: bool = False,
           dask: str = "") -> list[RenderResult]:
    """Render every notebook (or those named) to HTML; write ``index.html``.

    Parameters
    ----------
    corpus : str
        Corpus path given to every notebook (default: the bundled example).
    out : path-like, optional
        Output folder (default ``reports/``).
    params : dict, optional
        Notebook parameters; a name no notebook declares is a ``ValueError``.
    notebooks : list of str, optional
        Notebook stems to render (default: all).
    show_code : bool, default False
        Keep code cells in the HTML.
    dask : str, default ""
        A Dask scheduler address (``"tcp://host:8786"``) or ``"local"``: the corpus is
        annotated on that cluster into an annotation store and every notebook runs
        its analyses there (its ``dask`` parameter). Default: the ``ANALYSIS_DASK``
        environment variable (the notebooks' kernels inherit it), else in-process.

    Returns
    -------
    list of RenderResult

    Raises
    ------
    ValueError
        For a bad argument (``out`` naming a file, unknown notebooks or parameters) and
        for a corpus that loads no document with text; then ``index.html`` says why.

    Examples
    --------
    Not run by the tests (it executes every notebook and writes the HTML reports;
    ``tests/test_reports.py`` renders them):

    >>> results = render(out="/tmp/reports")  # doctest: +SKIP
    """
    params = dict(params or {})
    if corpus:
        params["corpus"] = corpus
    if dask:
        params["dask"] = dask
    paths = notebook_paths(notebooks)
    per_nb = check_parameters(params, paths)
    out_dir = Path(out) if out else config.REPORTS_DIR
    if out_dir.exists() and not out_dir.is_dir():
        raise ValueError(f"out must be a folder, got {str(out_dir)!r}, which is a file; "
                         "name a new or an existing folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    engine = str(params.get("engine", "nltk"))
    try:
        facts = _corpus_facts(params.get("corpus", ""), engine, str(params.get("dask", "")))
    except (ValueError, OSError) as exc:  # an unusable corpus: an index that says why
        reason = " ".join(str(exc).split())
        _atomic_write_text(out_dir / "index.html", unusable_index(params.get("corpus", ""),
                                                                  reason))
        raise ValueError(f"nothing rendered: {reason} (see {out_dir / 'index.html'})") from None
    results = []
    before = os.environ.get("ANALYSIS_PROGRESS")
    os.environ["ANALYSIS_PROGRESS"] = "0"  # no Dask progress bars in the reports (kernels inherit it)
    try:
        for i, path in enumerate(paths, 1):
            print(f"[{i}/{len(paths)}] rendering {path.name} ...", flush=True)
            res = render_notebook(path, out_dir, per_nb[path], show_code=show_code)
            print(f"    {'ok' if res.ok else 'FAILED: ' + res.error} ({res.seconds:.1f} s)",
                  flush=True)
            results.append(res)
    finally:
        if before is None:
            os.environ.pop("ANALYSIS_PROGRESS", None)
        else:
            os.environ["ANALYSIS_PROGRESS"] = before
    _atomic_write_text(out_dir / "index.html", build_index(results, facts, params, engine))
    print(f"Index: {out_dir / 'index.html'}")
    return results


def _parse_value(text: str):
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def _render_cmd(args: argparse.Namespace) -> int:
    import yaml

    params = {}
    try:
        if args.params:
            params.update(yaml.safe_load(Path(args.params).read_text(encoding="utf-8")) or {})
        for name, value in args.p or []:
            params[name] = _parse_value(value)
        results = render(corpus=args.corpus or "", out=args.out, params=params,
                         notebooks=args.notebooks, show_code=args.show_code,
                         dask=args.dask or "")
    except (ValueError, OSError) as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)  # one line
        return 2
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"FAILED {r.notebook}: {r.error}", file=sys.stderr)
    return 1 if failed else 0


def add_render_parser(sub) -> None:
    """Register ``render`` on the ``python -m analysis`` command line."""
    p = sub.add_parser("render", help="execute the notebooks and export HTML reports")
    p.add_argument("--corpus", help="corpus folder or file (default: the bundled example)")
    p.add_argument("--out", help="output folder (default: reports/)")
    p.add_argument("--params", help="YAML file of notebook parameters")
    p.add_argument("-p", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="one notebook parameter (VALUE parsed as YAML)")
    p.add_argument("--notebooks", nargs="+", help="notebook names to render (default: all)")
    p.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run annotation and analyses on this Dask scheduler (tcp://host:8786, "
                        "or 'local'); default: $ANALYSIS_DASK, else in this process")
    p.set_defaults(func=_render_cmd)
