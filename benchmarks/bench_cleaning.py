"""Benchmark: what the shape rules and the invisible-character step cost inside clean_text.

On the articles of the shared corpus (``--limit`` of them, a fixed random sample), in one run:

* ``clean_text`` on every article (all steps: the baseline);
* the same texts through ``normalize_invisible`` and ``remove_shapes`` for the four classes
  (signup, caption, prompt, link_list) alone.

Both are the median of ``--repeat`` runs; the share of cleaning time spent in the new steps
is printed, with the articles per second.

Run: ``.venv/bin/python benchmarks/bench_cleaning.py [--corpus PATH] [--limit 1500] [--repeat 3]``.
Skips (exit 0) when the shared corpus is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
from _common import corpus_args, median_time

from analysis.boilerplate import CLASSES, remove_shapes
from analysis.characters import normalize_invisible
from analysis.cleaning import clean_text, load_lexicons


def main(argv: list[str] | None = None) -> int:
    def add(parser):
        parser.add_argument("--limit", type=int, default=1500)

    args = corpus_args(__doc__, argv, add=add)
    if args is None:
        return 0
    path = Path(args.corpus)
    frame = pd.read_csv(path)
    texts = frame["text"].fillna("").astype(str)
    texts = texts.sample(min(args.limit, len(texts)), random_state=24).tolist()
    lex = load_lexicons()
    clean_text("Warm up.", lexicons=lex)

    def everything():
        for t in texts:
            clean_text(t, lexicons=lex)

    def new_steps():
        for t in texts:
            paras = normalize_invisible(t)[0].split("\n")
            for cls in CLASSES:
                paras = remove_shapes(paras, cls)[0]

    total = median_time(everything, args.repeat)
    new = median_time(new_steps, args.repeat)
    print(f"{len(texts)} articles: clean_text {total:.2f} s ({len(texts) / total:,.0f} articles/s); "
          f"invisible characters + shape rules alone {new:.2f} s = {new / total:.0%} of it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
