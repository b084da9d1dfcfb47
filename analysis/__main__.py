"""Command line: ``python -m analysis setup``, ``render`` and ``fit-entity-types``."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

from . import config
from .annotation import annotate
from .cache import ChunkStore
from .engine import assemble, doc_keys
from .entities.learned import TYPE_WEIGHTS_FILE
from .entities.typefit import fit_entity_types
from .loading import load_corpus
from .reports import add_render_parser
from .resources import MissingResourceError, ensure_nltk_resources


def _setup(args: argparse.Namespace) -> int:
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ensure_nltk_resources(download=not args.no_download)
    except MissingResourceError as exc:
        print(exc, file=sys.stderr)
        return 1
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    return 0


def _fit_entity_types(args: argparse.Namespace) -> int:
    """Annotate ``--corpus`` (cached), leave out the held-out articles, fit, write."""
    docs = load_corpus(args.corpus, progress=False).docs
    if args.exclude.exists():
        docs = docs[~docs["url"].isin(pd.read_csv(args.exclude, usecols=["url"])["url"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(docs, progress=False)
    keys = doc_keys(ann.docs)
    frames, _ = ChunkStore(Path(config.PROCESSED_DIR) / "annotations",
                           ann.cache["key"]).read(set(keys))
    tables = assemble(frames, ann.docs, keys)
    log = fit_entity_types(tables["entities"], tables["tokens"], out=args.out)
    print(f"{len(docs)} documents; weights written to {args.out}\n{log.to_string(index=False)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis",
                                     description="News-corpus analysis workbook")
    sub = parser.add_subparsers(dest="command", required=True)
    p_setup = sub.add_parser("setup", help="check (and download) the NLTK resources")
    p_setup.add_argument("--no-download", action="store_true",
                         help="only check; do not try nltk.download")
    p_setup.set_defaults(func=_setup)
    add_render_parser(sub)
    p_fit = sub.add_parser("fit-entity-types", help="re-fit the learned entity types "
                           "(docs/entities.md) on a corpus")
    p_fit.add_argument("--corpus", type=Path, default=config.SHARED_CORPUS)
    p_fit.add_argument("--exclude", type=Path,
                       default=config.PROJECT_ROOT / "tests" / "data" / "entities_heldout.csv",
                       help="a CSV whose url column lists articles to leave out (held out)")
    p_fit.add_argument("--out", type=Path, default=TYPE_WEIGHTS_FILE)
    p_fit.set_defaults(func=_fit_entity_types)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
