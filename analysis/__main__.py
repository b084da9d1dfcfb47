"""Command line: ``python -m analysis setup`` and ``python -m analysis render``."""

from __future__ import annotations

import argparse
import sys
import warnings

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis",
                                     description="News-corpus analysis workbook")
    sub = parser.add_subparsers(dest="command", required=True)
    p_setup = sub.add_parser("setup", help="check (and download) the NLTK resources")
    p_setup.add_argument("--no-download", action="store_true",
                         help="only check; do not try nltk.download")
    p_setup.set_defaults(func=_setup)
    add_render_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
