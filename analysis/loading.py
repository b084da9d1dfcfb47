"""Load a folder or file of news articles into one clean, documented table.

``load_corpus`` reads text files, tables, JSON, saved web pages and web archives, compressed
or in archives (with :mod:`analysis.readers`; a folder is read recursively), cleans every text with
:mod:`analysis.cleaning`, and returns a :class:`Corpus` whose ``docs`` holds
one row per kept document, ``skipped`` one row per record that was not kept
(with the reason) and ``cleaning`` the ledger of what cleaning removed.
``len(docs) + len(skipped) == found`` always holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from . import config
from .cache import _atomic_write, source_hash
from .cleaning import (
    Lexicons,
    clean_text,
    find_recurring,
    ledger_frame,
    load_lexicons,
    remove_units,
)
from .documents import filter_docs  # noqa: F401 - part of this stage's API
from .lexicons import cached_on_files, read_table
from .folders import walk
from .outlets import fold_outlets, outlet_key
from .readers import _DATE8_RE, _ISO_RE, DOC_COLUMNS, _read_all, _Record
from .vocabulary import checked

_URL_YEAR_RE = re.compile(r"/((?:19|20)\d\d)(?:[/-](?:0[1-9]|1[0-2])\b|/)")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def _empty_boilerplate() -> pd.DataFrame:
    return find_recurring([], [], [])


def _empty_outlets() -> pd.DataFrame:
    return fold_outlets([])[1]


@dataclass
class Corpus:
    """A loaded corpus.

    Attributes
    ----------
    docs : pandas.DataFrame
        ``doc_id, source, date, title, url, text, agency, raw_chars, path`` and
        any extra columns of the input tables.
    skipped : pandas.DataFrame
        ``path, row, reason``: every record found but not kept.
    cleaning : pandas.DataFrame
        ``doc_id, step, chars_removed, count``: the cleaning ledger.
    found : int
        Records found in the input (``len(docs) + len(skipped) + excluded``).
    boilerplate : pandas.DataFrame
        ``source, text, docs, share``: the lines and sentences removed as recurring
        boilerplate (ledger step ``recurring``), with the number and share of the outlet's
        documents that carried them. Review it: anything here was cut from every document
        of that outlet.
    outlets : pandas.DataFrame
        ``source, spelling, docs``: every spelling of an outlet's name among the documents
        kept (outer spaces stripped) and the display name it was folded to (names equal up
        to case and white space are one outlet, shown in their most frequent spelling; see
        :func:`~analysis.outlets.fold_outlets`).
    """

    docs: pd.DataFrame
    skipped: pd.DataFrame
    cleaning: pd.DataFrame
    found: int
    path: str = ""
    boilerplate: pd.DataFrame = field(default_factory=_empty_boilerplate)
    excluded: int = 0
    outlets: pd.DataFrame = field(default_factory=_empty_outlets)

    @checked
    def filter(self, *, sources: list[str] | None = None, start: str | None = None,
               end: str | None = None) -> "Corpus":
        """A corpus of the documents of ``sources`` dated ``start`` to ``end`` (inclusive).

        Every table follows: the cleaning ledger keeps the kept documents' rows,
        and ``excluded`` counts the documents left out, so ``found`` still equals
        ``len(docs) + len(skipped) + excluded``. See :func:`filter_docs`.

        Examples
        --------
        >>> corpus.filter(sources=["TDI"], start="2022-02-01")  # doctest: +ELLIPSIS
        Corpus('.../data/raw': 1 documents kept, 0 skipped, 1 filtered out, 2 found)
        """
        docs = filter_docs(self.docs, sources=sources, start=start, end=end)
        keep = self.cleaning["doc_id"].isin(docs["doc_id"])
        return Corpus(docs=docs, skipped=self.skipped, cleaning=self.cleaning[keep].copy(),
                      found=self.found, path=self.path, boilerplate=self.boilerplate,
                      excluded=self.excluded + len(self.docs) - len(docs), outlets=self.outlets)

    @checked
    def summary(self) -> pd.DataFrame:
        """Documents per source with their date span and characters: ``source, docs,
        first_date, last_date, chars``, largest first."""
        d = self.docs
        return (d.groupby("source", dropna=False)
                 .agg(docs=("doc_id", "size"), first_date=("date", "min"),
                      last_date=("date", "max"), chars=("text", lambda s: int(s.str.len().sum())))
                 .reset_index().sort_values("docs", ascending=False, ignore_index=True))

    @checked
    def ledger_summary(self) -> pd.DataFrame:
        """The cleaning ledger per step over the documents kept: ``step, chars_removed,
        count, docs`` (documents the step changed), most characters first."""
        led = self.cleaning
        return (led.groupby("step").agg(chars_removed=("chars_removed", "sum"),
                                        count=("count", "sum"), docs=("doc_id", "nunique"))
                .sort_values("chars_removed", ascending=False).reset_index())

    def __repr__(self) -> str:
        left_out = f", {self.excluded} filtered out" if self.excluded else ""
        return (f"Corpus({self.path!r}: {len(self.docs)} documents kept, "
                f"{len(self.skipped)} skipped{left_out}, {self.found} found)")


@cached_on_files(lambda: (config.DOMAINS_FILE,))
def _domain_table() -> dict[str, str]:
    rows = read_table(config.DOMAINS_FILE, columns=("domain", "outlet"))
    return {r["domain"].lower(): r["outlet"] for r in rows}


@checked
def outlet_from_url(url: str) -> str:
    """Outlet name for a URL, from ``data/lexicons/domains.csv``; else the bare domain; else "".

    Examples
    --------
    >>> outlet_from_url("https://news.webindia123.com/news/Articles/World/x.html")
    'WebIndia123'
    """
    host = (urlsplit(url.strip()).hostname or "") if url else ""
    if not host:
        return ""
    table = _domain_table()
    parts = host.lower().removeprefix("www.").split(".")
    for i in range(len(parts) - 1):
        name = table.get(".".join(parts[i:]))
        if name:
            return name
    return ".".join(parts)


@checked
def parse_dates(values: pd.Series, *, dayfirst: bool = False) -> pd.Series:
    """Parse dates (``YYYYMMDD``, ISO, "18 February 2022", ...) to naive datetime64; NaT when unknown.

    Time-zone-aware values are converted to UTC first. ``dayfirst`` decides
    "04/03/2022" (False: April 3; True: 4 March). Numbers are not read as dates
    (epoch seconds and epoch nanoseconds cannot be told apart): NaT.

    Examples
    --------
    >>> parse_dates(pd.Series(["20220122", "2022-02-18", "18 February 2022", "soon"])).dt.day.tolist()
    [22.0, 18.0, 18.0, nan]
    >>> parse_dates(pd.Series(["04/03/2022"]), dayfirst=True).dt.month.tolist()
    [3]
    """
    def one(v) -> pd.Timestamp:
        if isinstance(v, pd.Timestamp) or hasattr(v, "isoformat"):  # a datetime column
            ts = pd.Timestamp(v)
        elif not isinstance(v, str) or not v.strip():
            return pd.NaT
        elif _DATE8_RE.match(v.strip()):
            return pd.to_datetime(v.strip(), format="%Y%m%d", errors="coerce")
        elif v.strip().isdigit():
            return pd.NaT  # epoch seconds? nanoseconds? not guessed
        else:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # "dayfirst=True but ISO format" notices
                    iso = _ISO_RE.match(v.strip()) is not None  # dateutil would swap it too
                    ts = pd.to_datetime(v.strip(), dayfirst=dayfirst and not iso)
            except (ValueError, TypeError, OverflowError):
                return pd.NaT
        if ts is pd.NaT:
            return pd.NaT
        return ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo is not None else ts

    parsed = [one(v) for v in values]
    return pd.Series(pd.to_datetime(parsed), index=values.index, dtype="datetime64[ns]")


def _doc_id(rec: _Record) -> str:
    f = rec.fields
    key = "\x1f".join(str(f.get(k, "")) for k in ("source", "url", "title", "date", "text"))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _clean_record(rec: _Record, lex: Lexicons, default_source: str | None) -> tuple[dict, list]:
    """Clean one record; return its docs row and its ledger rows (step, chars, count)."""
    f = rec.fields
    cleaned = clean_text(f["text"], lexicons=lex)
    url = str(f.get("url", "") or "").strip()
    source = str(f.get("source", "") or "").strip()
    site = str(f.get("source_url", "") or "").strip()  # a domain or homepage (GDELT, Media Cloud)
    source = (source or outlet_from_url(url) or outlet_from_url(_as_url(site))
              or cleaned.dateline_tag or (default_source or "") or "unknown")
    date = f.get("date", "") or _dateline_date(cleaned.dateline_date, url)
    ledger: dict[str, list[int]] = {}
    if rec.header_chars:
        ledger["header"] = [rec.header_chars, 1]
    for step, chars, count in ([("normalize", f.get("normalize_chars", 0), 1)]
                               if f.get("normalize_chars") else []) + rec.notes + cleaned.ledger:
        entry = ledger.setdefault(step, [0, 0])
        entry[0] += chars
        entry[1] += count
    row = {"doc_id": _doc_id(rec), "source": source, "date": date,
           "title": str(f.get("title", "") or "").strip(), "url": url, "text": cleaned.text,
           "agency": ", ".join(cleaned.agencies), "raw_chars": rec.raw_chars,
           "path": rec.path if rec.row is None else f"{rec.path}#{rec.row}",
           **f.get("extras", {})}
    return row, [(step, c, n) for step, (c, n) in ledger.items()], cleaned.sentences


def _as_url(site: str) -> str:
    """A bare domain (``bbc.co.uk``) as a URL, so its outlet can be looked up."""
    return site if not site or "://" in site else f"http://{site}"


def _dateline_date(date: str, url: str) -> str:
    """A dateline's date as a parseable string; a date without a year takes the year from the
    URL (``/2022/03/`` or ``/2022-03-03/``) or is dropped ("" : unknown), never guessed."""
    if not date or _YEAR_RE.search(date):
        return date
    m = _URL_YEAR_RE.search(url or "")
    return f"{date} {m.group(1)}" if m else ""


def _iter_progress(items, progress: bool, desc: str):
    if not progress or len(items) < 200:
        return items
    from tqdm.auto import tqdm
    return tqdm(items, desc=desc, unit="doc")


TABLES = ("docs", "skipped", "cleaning", "boilerplate", "outlets")
# Which documents keep their recurring lines (see _is_origin). Measured on the shared corpus:
# RT's stock paragraph takes 2-50 % of its articles (median 26 %); the Daily Mail story embedded
# in five other pages takes 4-7 % of them and 41 % of its own page.
RECURRING_MAX_CUT = 0.5
RECURRING_ORIGIN_CUT = 0.25
RECURRING_ORIGIN_RATIO = 3.0


def _corpus_key(root: Path, source: str | None, settings: tuple = ()) -> str:
    """Hash of everything a load depends on: files (name, size, mtime), lexicons, the source of
    the loading and cleaning code, and the settings that change the output (thresholds, dayfirst)."""
    code = source_hash("loading", "readers", "records", "containers", "webpages", "folders",
                       "cleaning", "characters", "boilerplate", "outlets",
                       "lexicons")  # edited code: a cache miss, not old output
    h = hashlib.sha1(f"{code}\x1f{root}\x1f{source}\x1f{settings!r}".encode())
    entries = walk(root) if root.is_dir() else [(root, root.stat(), None)]
    for file, st, why in entries:  # what could not be read is part of the key, so a fix reloads
        if st is None:
            h.update(f"\x1f{file}\x1f{why}".encode())
            continue
        readable = os.access(file, os.R_OK)
        h.update(f"\x1f{file}\x1f{st.st_size}\x1f{st.st_mtime_ns}\x1f{st.st_mode}\x1f"
                 f"{st.st_uid}\x1f{st.st_gid}\x1f{readable}".encode())
    for lex in (config.AGENCIES_FILE, config.DOMAINS_FILE, config.BOILERPLATE_FILE,
                config.CAMELCASE_FILE):
        h.update(lex.read_bytes())
    return h.hexdigest()[:20]


def _read_cached(folder: Path) -> Corpus | None:
    meta = folder / "meta.json"
    if not meta.exists():
        return None
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        tables = {t: pd.read_parquet(folder / f"{t}.parquet") for t in TABLES}
    except Exception as exc:  # noqa: BLE001 - unreadable cache: rebuild it
        warnings.warn(f"Corpus cache {folder} is corrupt ({exc}); loading again.", stacklevel=3)
        return None
    return Corpus(tables["docs"], tables["skipped"], tables["cleaning"], info["found"],
                  info["path"], tables["boilerplate"], outlets=tables["outlets"])


def _write_cache(folder: Path, corpus: Corpus) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for name in TABLES:
            frame = getattr(corpus, name)
            _atomic_write(folder / f"{name}.parquet", lambda p, f=frame: f.to_parquet(p, index=False))
    except Exception as exc:  # noqa: BLE001 - e.g. extra columns of mixed types: just don't cache
        warnings.warn(f"Corpus not cached ({exc}); it loads correctly but is re-read each time.",
                      stacklevel=3)
        return
    meta = json.dumps({"found": corpus.found, "path": corpus.path})
    _atomic_write(folder / "meta.json", lambda p: p.write_text(meta, encoding="utf-8"))


@checked
def load_corpus(path: str | os.PathLike, *, source: str | None = None,
                progress: bool = True, cache: bool = True, recurring_min_docs: int | None = 5,
                recurring_min_share: float = 0.02, dayfirst: bool = False) -> Corpus:
    """Load and clean a folder or file of news articles.

    Parameters
    ----------
    path : str or path-like
        A folder (read recursively; symlinks followed once) or one ``.txt``, ``.csv``,
        ``.tsv``, ``.jsonl``, ``.json``, ``.parquet``, ``.html``, ``.warc`` file, or one of
        these gzipped or in a ``.zip`` / ``.tar.gz`` (docs/loading.md). Relative paths are
        taken from the current folder, else from the project root.
    source : str, optional
        Outlet name for documents whose source cannot be found otherwise
        (no source column, no known URL, no dateline tag).
    progress : bool, default True
        Show a progress bar for corpora of 200 records or more.
    cache : bool, default True
        Keep the result as parquet under ``data/processed/corpus/``, keyed by
        the files' names, sizes, modification times and permissions, what could not be
        read, the lexicons, the
        recurring-line thresholds, ``dayfirst`` and the source code of loading and
        cleaning; an unchanged corpus is then read back in a second.
    recurring_min_docs : int or None, default 5
        After every document is cleaned, a line or sentence (3+ words) found in at
        least this many documents of the same outlet, and in at least
        ``recurring_min_share`` of them, is boilerplate (footers, sign-up and
        contact blurbs, stock paragraphs) and is removed (ledger step ``recurring``;
        listed in ``Corpus.boilerplate``). At least 2; ``None`` turns this off.
        Five documents: fewer is too often one story told twice (a quote reused in a
        follow-up); a footer is in dozens.
    recurring_min_share : float, default 0.02
        Share of the outlet's documents, in (0, 1]. 2 %: in a large outlet (RT,
        1,628 articles in the shared corpus: 33 documents) five repeats are still
        chance, while its boilerplate is in 10-20 % of its articles.
    dayfirst : bool, default False
        How to read a date such as "04/03/2022": False, April 3 (US order); True,
        4 March. ISO dates ("2022-03-04") are read the same either way. A date that
        cannot be read ("2022-13-45", "yesterday", a bare number such as epoch
        seconds) becomes NaT and is recorded in the ledger (step ``date_unparsed``).

    Returns
    -------
    Corpus
        ``docs``, ``skipped``, ``cleaning`` and ``boilerplate`` tables (see :class:`Corpus`).

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    ValueError
        When ``path`` is empty or not a path, when the only input cannot be read (a
        table without a text column: the message lists the columns found; a corrupt
        parquet), is a special file or has an unsupported type, or a threshold is out of
        range. In a folder, such a file is a skip (``Corpus.skipped`` names the file and
        the reason) and the rest loads; a malformed row is a skip and the rest of its
        file loads.
    MissingResourceError
        When NLTK's sentence splitter (``punkt_tab``) is not installed.

    Examples
    --------
    >>> corpus = load_corpus(config.EXAMPLE_CORPUS)
    >>> corpus.docs[["source", "title"]].shape
    (2, 2)
    """
    if isinstance(path, str) and not path.strip():
        raise ValueError(f"path must name a file or folder, got {path!r} (use '.' for the "
                         "current folder)")
    root = config.resolve(path)
    if not root.exists():
        raise FileNotFoundError(f"Corpus path does not exist: {root}")
    settings = ("recurring", recurring_min_docs, float(recurring_min_share), dayfirst)
    folder = (config.PROCESSED_DIR / "corpus" / _corpus_key(root, source, settings)
              if cache else None)
    cached = _read_cached(folder) if folder is not None else None
    if cached is not None:
        return cached
    records = _read_all(root)
    kept, skipped = _clean_records(records, load_lexicons(), source, progress)
    outlets = _fold_sources(kept)
    boilerplate = _empty_boilerplate()
    if recurring_min_docs is not None:
        boilerplate = _remove_recurring(kept, recurring_min_docs, recurring_min_share)
    rows, ledger = _keep_distinct(kept, skipped)
    skipped = [s[1:] for s in sorted(skipped, key=lambda s: s[0])]
    docs = _docs_frame(rows, dayfirst)
    ledger += _date_ledger(rows, docs["date"])
    corpus = Corpus(docs, _skipped_frame(skipped), ledger_frame(ledger),
                    found=len(records), path=str(root), boilerplate=boilerplate, outlets=outlets)
    assert len(corpus.docs) + len(corpus.skipped) == corpus.found
    if folder is not None:
        _write_cache(folder, corpus)
    return corpus


def _removed(steps: list) -> str:
    return ", ".join(f"{s} {c}" for s, c, _ in steps if c > 0)


def _skip_reason(row: dict, steps: list, by_key: dict) -> str | None:
    """Why a cleaned document is skipped (empty, or the same text as an earlier document of
    its outlet), else None; a kept document's text is registered in ``by_key``."""
    if not row["text"]:
        return f"empty after cleaning (removed: {_removed(steps)})"
    key = (outlet_key(row["source"]), row["text"])
    if key in by_key:
        return f"duplicate of {by_key[key]}"
    by_key[key] = row["doc_id"]
    return None


def _fold_sources(kept: list[list]) -> pd.DataFrame:
    """One spelling per outlet (:func:`~analysis.outlets.fold_outlets`), in place; a document
    whose source was respelt gets the ledger row ``outlet_name`` (0 characters, count 1)."""
    folded, spellings = fold_outlets([item[1]["source"] for item in kept])
    for item, name in zip(kept, folded):
        if item[1]["source"] != name:
            item[1]["source"] = name
            item[2] = item[2] + [("outlet_name", 0, 1)]
    return spellings


def _clean_records(records, lex, source, progress) -> tuple[list[list], list[tuple]]:
    """Clean every record; return the kept ``[index, row, steps, sentences, record]`` (exact
    duplicates of an outlet's earlier text dropped) and the ``(index, path, row, reason)``
    of the records skipped."""
    kept, skipped, by_key = [], [], {}
    for i, rec in enumerate(_iter_progress(records, progress, "Cleaning")):
        if rec.reason:
            skipped.append((i, rec.path, rec.row, rec.reason))
            continue
        row, steps, sentences = _clean_record(rec, lex, source)
        reason = _skip_reason(row, steps, by_key)
        if reason:
            skipped.append((i, rec.path, rec.row, reason))
            continue
        kept.append([i, row, steps, sentences, rec])
    return kept, skipped


def _remove_recurring(kept: list[list], min_docs: int, min_share: float) -> pd.DataFrame:
    """Find the lines/sentences recurring within an outlet and cut them from ``kept`` (in place:
    these are the loader's own rows), except from the documents they come from (see
    :func:`_is_origin`); return the table of what was found."""
    paragraphs = [item[1]["text"].split("\n") for item in kept]
    table = find_recurring([item[1]["source"] for item in kept], paragraphs,
                           [item[3] for item in kept], min_docs=min_docs, min_share=min_share)
    by_source: dict[str, set[str]] = {}
    for src, text in zip(table["source"], table["text"]):
        by_source.setdefault(src, set()).add(text)
    cuts, carriers = {}, {}  # doc index -> (paras, sentences, n, share cut); unit -> doc indexes
    for i, (item, paras) in enumerate(zip(kept, paragraphs)):
        units = by_source.get(item[1]["source"])
        if not units:
            continue
        before = len(item[1]["text"])
        new_paras, sentences, n = remove_units(paras, item[3], units)
        if n:
            cuts[i] = (new_paras, sentences, n, 1 - len("\n".join(new_paras)) / before)
            for unit in _units_in(paras, item[3], units):
                carriers.setdefault(unit, []).append(i)
    for i, (new_paras, sentences, n, share) in cuts.items():
        item = kept[i]
        if _is_origin(i, share, item, by_source[item[1]["source"]], cuts, carriers):
            continue
        before = len(item[1]["text"])
        item[1]["text"], item[3] = "\n".join(new_paras), sentences
        item[2] = item[2] + [("recurring", before - len(item[1]["text"]), n)]
    return table


def _units_in(paras: list[str], sentences: list[list[str]], units: set[str]) -> set[str]:
    return {p for p in paras if p in units} | {s for ss in sentences for s in ss if s in units}


def _is_origin(i: int, share: float, item: list, units: set[str], cuts: dict,
               carriers: dict) -> bool:
    """Whether document ``i`` keeps its recurring lines: they make up most of it (more than
    RECURRING_MAX_CUT: it is a version of the story they tell), or a large part of it
    (over RECURRING_ORIGIN_CUT) and several times the share they take in the other documents
    carrying them: it is the article they were copied from (the Daily Mail embeds whole
    other stories in its pages: the story's own page must stay whole)."""
    if share > RECURRING_MAX_CUT:
        return True
    if share <= RECURRING_ORIGIN_CUT:
        return False
    others = {j for u in _units_in(item[1]["text"].split("\n"), item[3], units)
              for j in carriers.get(u, ()) if j != i}
    shares = sorted(cuts[j][3] for j in others)
    return bool(shares) and share > RECURRING_ORIGIN_RATIO * shares[len(shares) // 2]


def _keep_distinct(kept: list[list], skipped: list[tuple]) -> tuple[list[dict], list[tuple]]:
    """Docs rows and ledger rows of the documents still non-empty and distinct within their
    outlet after the recurring lines are gone; the others are added to ``skipped``."""
    rows, ledger, by_key = [], [], {}
    for i, row, steps, _, rec in kept:
        reason = _skip_reason(row, steps, by_key)
        if reason:
            skipped.append((i, rec.path, rec.row, reason))
            continue
        rows.append(row)
        ledger += [(row["doc_id"], *s) for s in steps]
    return rows, ledger


def _date_ledger(rows: list[dict], dates: pd.Series) -> list[tuple]:
    """Ledger rows ``(doc_id, "date_unparsed", 0, 1)`` for documents whose date was given
    but could not be read (their ``date`` is NaT)."""
    given = pd.Series([r.get("date", "") for r in rows], dtype=object)
    bad = dates.isna().to_numpy() & given.map(lambda v: v is not None and str(v).strip() != ""
                                              and not (isinstance(v, float) and pd.isna(v))
                                              ).to_numpy(bool)
    return [(rows[i]["doc_id"], "date_unparsed", 0, 1) for i in bad.nonzero()[0]]


def _docs_frame(rows: list[dict], dayfirst: bool = False) -> pd.DataFrame:
    docs = pd.DataFrame(rows)
    for col in DOC_COLUMNS:
        if col not in docs:
            docs[col] = pd.Series(dtype="object")
    extras = [c for c in docs.columns if c not in DOC_COLUMNS]
    docs = docs[DOC_COLUMNS + extras]
    docs["date"] = parse_dates(docs["date"], dayfirst=dayfirst)
    docs["raw_chars"] = docs["raw_chars"].astype("int64")
    text_cols = ["doc_id", "source", "title", "url", "text", "agency", "path"]
    docs[text_cols] = docs[text_cols].astype("string")
    return docs.reset_index(drop=True)


def _skipped_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["path", "row", "reason"])
    return frame.astype({"path": "string", "row": "Int64", "reason": "string"})
