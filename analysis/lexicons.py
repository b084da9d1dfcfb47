"""The one reader of the editable lexicon files in ``data/lexicons/`` (lists and tables).

Every loader of a lexicon uses these helpers, so one line rule and one cache hold
everywhere: :func:`read_lines` (a ``.txt`` list: lines stripped, blank and ``#`` lines
skipped), :func:`read_table` (a ``.csv`` table, its needed columns checked) and
:func:`cached_on_files` (a result kept until one of its files changes date). A loader
names its files through a function, so a test that points ``config.X_FILE`` at a
temporary file is seen; the public function stays a plain one (doctests are found)::

    def stopword_set() -> frozenset[str]:
        return _stopwords()

    @cached_on_files(lambda: (config.STOPWORDS_EXTRA_FILE,))
    def _stopwords() -> frozenset[str]:
        return frozenset(read_lines(config.STOPWORDS_EXTRA_FILE, lower=True, missing_ok=True))
"""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Callable, Iterable
from pathlib import Path


def read_lines(path: str | os.PathLike, *, lower: bool = False,
               missing_ok: bool = False) -> tuple[str, ...]:
    """The entries of a list file: each line stripped, blank lines and comments skipped.

    A comment is a line whose first non-space character is ``#``. Entries keep the
    order of the file (duplicates too).

    Parameters
    ----------
    path : path-like
        A UTF-8 text file.
    lower : bool
        Lower-case every entry.
    missing_ok : bool
        Return ``()`` for a file that does not exist (else FileNotFoundError).

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> from analysis import config
    >>> read_lines(config.TITLES_FILE)[:2]
    ('President', 'Vice President')
    """
    path = Path(path)
    if missing_ok and not path.exists():
        return ()
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line.lower() if lower else line)
    return tuple(out)


def read_table(path: str | os.PathLike, *, columns: Iterable[str],
               missing_ok: bool = False) -> list[dict[str, str]]:
    """The rows of a CSV table with a header row, as dicts of stripped strings.

    Every column of the header is kept (not only ``columns``); a row shorter than the
    header gets ``""`` for the missing fields, and fields beyond the header are dropped.
    No row is skipped: comment rows, if a table allows them, are the caller's to skip.

    Parameters
    ----------
    path : path-like
        A UTF-8 CSV file.
    columns : iterable of str
        The columns the table must have.
    missing_ok : bool
        Return ``[]`` for a file that does not exist (else FileNotFoundError).

    Raises
    ------
    ValueError
        When a needed column is missing: the message names the file, the needed columns
        and the columns found.

    Examples
    --------
    >>> from analysis import config
    >>> read_table(config.DOMAINS_FILE, columns=["domain", "outlet"])[0]
    {'domain': 'webindia123.com', 'outlet': 'WebIndia123'}
    """
    path = Path(path)
    if missing_ok and not path.exists():
        return []
    columns = list(columns)
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        found = list(reader.fieldnames or [])
        if not set(columns) <= set(found):
            raise ValueError(f"{path} needs the columns {', '.join(columns)}; found "
                             f"{', '.join(found) if found else 'none'}")
        return [{k: (row[k] or "").strip() for k in found} for row in reader]


def file_stamps(paths: Iterable[str | os.PathLike]) -> tuple[tuple[str, int | None], ...]:
    """``(path, st_mtime_ns)`` of each file, ``None`` for a file that does not exist.

    Examples
    --------
    >>> from analysis import config
    >>> [(Path(p).name, t is None) for p, t in file_stamps([config.TITLES_FILE, "nope.txt"])]
    [('titles.txt', False), ('nope.txt', True)]
    """
    out = []
    for path in paths:
        try:
            out.append((str(path), os.stat(path).st_mtime_ns))
        except FileNotFoundError:
            out.append((str(path), None))
    return tuple(out)


def cached_on_files(files: Callable[[], Iterable[str | os.PathLike]], *, maxsize: int = 4):
    """Decorator: memoise a builder on its arguments and the dates of its files.

    Parameters
    ----------
    files : callable
        Called without arguments at every call of the builder; returns the files the
        builder reads (a function, not a list, so a test that monkeypatches the
        ``config`` path is seen).
    maxsize : int
        How many results (file versions times arguments) to keep.

    Returns
    -------
    callable
        The builder, now cached: called with the same (hashable) arguments while the
        files keep their dates, it returns the same object without reading anything
        but the dates (one :func:`file_stamps` call). ``.cache_clear()`` empties it.

    Notes
    -----
    A file's stamp is ``(path, st_mtime_ns)`` (``None`` for a missing file, so a file
    that appears or disappears is a change too); an edit within the file system's clock
    resolution may go unseen. An error of the builder is not cached. The returned
    function is defined here, so doctest does not collect a docstring example of a
    decorated builder: keep examples on a plain public function that calls it.

    Examples
    --------
    >>> from analysis import config
    >>> @cached_on_files(lambda: (config.TITLES_FILE,))
    ... def titles() -> frozenset[str]:
    ...     return frozenset(read_lines(config.TITLES_FILE))
    >>> titles() is titles()
    True
    """
    if not callable(files):
        raise ValueError(f"files must be a function that returns the paths, got {files!r}")

    def decorate(build):
        @functools.lru_cache(maxsize=maxsize)
        def cached(_stamps: tuple, args: tuple, kwargs: tuple):
            return build(*args, **dict(kwargs))

        @functools.wraps(build)
        def builder(*args, **kwargs):
            return cached(file_stamps(files()), args, tuple(sorted(kwargs.items())))

        builder.cache_clear = cached.cache_clear
        return builder
    return decorate
