"""Benchmark: render every report on the full real corpus, cold and warm.

Run: ``.venv/bin/python benchmarks/bench_render.py [--corpus PATH]`` (default
../shared/corpus/ukraine_media/articles.csv; exits 0 with a message when absent).

Cold: an empty cache (``NEWS_WORKBOOK_CACHE`` points at a fresh folder), so the
corpus is loaded, cleaned and annotated. Warm: the same again with that cache
present. The warm time is split into the renderer's own pass (load + annotate
from cache, for the index page), kernel start-up, analysis inside the
notebooks, and HTML export. Kernel start-up is measured in the same run by
executing an empty notebook (the baseline), median of 3. Per notebook, the warm
and the cold execution times. Targets (issue 27): warm <= 0.30 x cold, warm <= 45 s
on the 2-core machine, cold no slower than before. ``--keep-cache DIR`` keeps the
cache the two renders made (e.g. to profile warm notebooks on it afterwards).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def kernel_startup_seconds(repeat: int = 3) -> float:
    import nbformat
    import papermill

    from analysis.reports import _kernel_manager

    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("pass")]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, empty)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            papermill.execute_notebook(str(empty), str(Path(tmp) / "out.ipynb"),
                                       kernel_name="python3", progress_bar=False,
                                       **_kernel_manager())  # the same kernels as render()
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def render_once(corpus: str, cache: str, out: str) -> dict:
    """Run the renderer in a fresh process (as `make reports` does); return its timings."""
    code = ("import json, sys, time, warnings; warnings.simplefilter('ignore');"
            "from analysis.reports import render; t=time.perf_counter();"
            f"r=render(corpus={corpus!r}, out={out!r}); total=time.perf_counter()-t;"
            "print('RESULT', json.dumps({'total': total, 'ok': all(x.ok for x in r),"
            "'notebooks': {x.notebook: x.timings for x in r}}))")
    env = {**os.environ, "NEWS_WORKBOOK_CACHE": cache}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)
    wall = time.perf_counter() - t0
    import json

    line = next(l for l in proc.stdout.splitlines() if l.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["wall"] = wall
    return result


def main() -> int:
    from analysis import config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(config.SHARED_CORPUS))
    parser.add_argument("--keep-cache", metavar="DIR", default=None,
                        help="use this (empty or absent) folder as the cache and keep it")
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        print(f"skipped: {args.corpus} is absent")
        return 0
    kernel = kernel_startup_seconds()
    with tempfile.TemporaryDirectory() as tmp_cache, tempfile.TemporaryDirectory() as out:
        cache = args.keep_cache or tmp_cache
        if Path(cache).exists() and any(Path(cache).iterdir()):
            raise SystemExit(f"{cache} is not empty: the cold render needs an empty cache")
        cold = render_once(args.corpus, cache, out)
        warm = render_once(args.corpus, cache, out)
    n = len(warm["notebooks"])
    execute = sum(t["execute"] for t in warm["notebooks"].values())
    export = sum(t["export"] for t in warm["notebooks"].values())
    own = warm["total"] - execute - export
    print(f"corpus: {args.corpus}; {n} notebooks; all ok: cold {cold['ok']}, warm {warm['ok']}")
    print(f"cold (empty cache): {cold['wall']:.1f} s")
    print(f"warm (cache present): {warm['wall']:.1f} s  (target <= 45 s)")
    print(f"warm/cold = {warm['wall'] / cold['wall']:.2f}  (target <= 0.30)")
    print(f"  renderer pass (load + annotate from cache, index): {own:.1f} s")
    print(f"  kernel start-up: {n} x {kernel:.1f} s = {n * kernel:.1f} s (empty-notebook baseline)")
    print(f"  analysis in notebooks: {execute - n * kernel:.1f} s")
    print(f"  HTML export: {export:.1f} s")
    print(f"  process start and imports: {warm['wall'] - warm['total']:.1f} s")
    for name, t in warm["notebooks"].items():
        c = cold["notebooks"].get(name, {})
        print(f"    {name}: warm execute {t['execute']:.1f} s, export {t['export']:.1f} s"
              f"  (cold execute {c.get('execute', float('nan')):.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
