"""Read corpus files into records: ``.txt`` (with an optional title / date / URL header),
``.csv``, ``.jsonl`` and ``.parquet``, columns mapped by name, a folder walked recursively
(hidden files ignored). :func:`analysis.loading.load_corpus` cleans what they return.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

SUFFIXES = (".txt", ".csv", ".jsonl", ".parquet")
DOC_COLUMNS = ["doc_id", "source", "date", "title", "url", "text", "agency", "raw_chars", "path"]
SYNONYMS = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "story"),
    "source": ("source", "outlet", "publisher", "publication", "site", "media", "newspaper"),
    "date": ("date", "published", "published_at", "publish_date", "pubdate", "date_published",
             "datetime", "timestamp", "time"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "href", "permalink"),
}
_DATE8_RE = re.compile(r"^\d{8}$")
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_URL_LINE_RE = re.compile(r"^https?://\S+$")


@dataclass
class _Record:
    path: str
    row: int | None
    fields: dict | None = None  # text/title/date/url/source (+ extras)
    reason: str | None = None  # set when the record is skipped while reading
    raw_chars: int = 0
    header_chars: int = 0


def decode_bytes(data: bytes) -> str:
    """Decode file bytes: UTF-8 (with or without BOM), else cp1252, else latin-1.

    Examples
    --------
    >>> decode_bytes("café".encode("cp1252"))
    'café'
    """
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse_header(text: str) -> tuple[dict, str, int]:
    """Split a ``title / date / URL`` header off a text file.

    Returns ``(fields, body, header_chars)``; ``fields`` is empty and ``body``
    is ``text`` when the file has no such header.

    Examples
    --------
    >>> fields, body, n = parse_header("A title\\n20220122\\nhttps://x.org/a\\nBody.")
    >>> fields["date"], fields["url"], body
    ('20220122', 'https://x.org/a', 'Body.')
    """
    lines = text.split("\n")
    firsts = [ln.strip() for ln in lines[:3]]
    if len(firsts) < 2 or not firsts[0]:
        return {}, text, 0
    is_date = lambda s: bool(_DATE8_RE.match(s) or _ISO_RE.match(s))  # noqa: E731
    fields, used = {"title": firsts[0]}, 1
    for line in firsts[1:]:
        if "date" not in fields and "url" not in fields and is_date(line):
            fields["date"] = line
        elif "url" not in fields and _URL_LINE_RE.match(line):
            fields["url"] = line
        else:
            break
        used += 1
    if used == 1:
        return {}, text, 0
    body = "\n".join(lines[used:])
    return fields, body, len(text) - len(body)


def _read_text_file(path: Path) -> _Record:
    data = path.read_bytes()
    if not data.strip():
        return _Record(str(path), None, reason="empty file")
    if b"\x00" in data[:8192]:
        return _Record(str(path), None, reason="binary file (contains NUL bytes)")
    raw = decode_bytes(data)
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    fields, body, header_chars = parse_header(text)
    fields["text"] = body
    rec = _Record(str(path), None, fields, raw_chars=len(raw), header_chars=header_chars)
    rec.fields["normalize_chars"] = len(raw) - len(text)  # BOM and carriage returns
    return rec


class _NoTextColumn(ValueError):
    """A table without a text column (a skip in a folder, an error when it is the input)."""


def _map_columns(columns: list[str], path: Path) -> dict[str, str]:
    lower = {str(c).strip().lower(): c for c in columns}
    mapping = {}
    for field, names in SYNONYMS.items():
        for name in names:
            if name in lower:
                mapping[field] = lower[name]
                break
    if "text" not in mapping:
        raise _NoTextColumn(
            f"{path}: no text column. Columns found: {list(map(str, columns))}; "
            f"one of them must be named {', '.join(SYNONYMS['text'])} (case-insensitive).")
    return mapping


def _records_from_table(frame: pd.DataFrame, path: Path) -> list[_Record]:
    mapping = _map_columns(list(frame.columns), path)
    used = set(mapping.values())
    extras = [c for c in frame.columns if c not in used and str(c).lower() not in DOC_COLUMNS]
    records = []
    for i, row in enumerate(frame.to_dict("records")):
        fields = {f: row[c] for f, c in mapping.items()}
        fields = {k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
                  for k, v in fields.items()}
        text = fields["text"]
        if not isinstance(text, str):
            text = "" if text == "" else str(text)
        fields["text"] = text
        fields["extras"] = {c: row[c] for c in extras}
        rec = _Record(str(path), i + 1, fields, raw_chars=len(text))
        if not text.strip():
            rec.fields, rec.reason = None, "empty text"
        records.append(rec)
    return records


def _read_csv(path: Path) -> list[_Record]:
    text = decode_bytes(path.read_bytes())
    if not text.strip():
        return [_Record(str(path), None, reason="empty file")]
    frame = pd.read_csv(pd.io.common.StringIO(text), dtype=str, keep_default_na=False,
                        quoting=csv.QUOTE_MINIMAL)
    return _records_from_table(frame, path)


def _read_jsonl(path: Path) -> list[_Record]:
    rows, bad = [], []
    for lineno, line in enumerate(decode_bytes(path.read_bytes()).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not an object")
            rows.append((lineno, obj))
        except ValueError as exc:
            bad.append(_Record(str(path), lineno, reason=f"invalid JSON line: {exc}"))
    if not rows:
        return bad or [_Record(str(path), None, reason="empty file")]
    frame = pd.DataFrame([obj for _, obj in rows])
    records = _records_from_table(frame, path)
    for rec, (lineno, _) in zip(records, rows):
        rec.row = lineno  # JSONL rows are numbered by line
    return sorted(records + bad, key=lambda r: r.row)


def _read_parquet(path: Path) -> list[_Record]:
    return _records_from_table(pd.read_parquet(path), path)


_READERS = {".txt": lambda p: [_read_text_file(p)], ".csv": _read_csv,
            ".jsonl": _read_jsonl, ".parquet": _read_parquet}


def _discover(path: Path) -> list[Path]:
    if not path.exists():
        raise FileNotFoundError(f"Corpus path does not exist: {path}")
    if path.is_file():
        return [path]
    files = []
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [Path(root) / n for n in sorted(names) if not n.startswith(".")]
    return files


def _read_all(path: Path) -> list[_Record]:
    records = []
    single = path.is_file()
    for file in _discover(path):
        suffix = file.suffix.lower()
        if suffix not in _READERS:
            if single:
                raise ValueError(f"Unsupported file type {suffix!r} for {file}; "
                                 f"accepted: {', '.join(SUFFIXES)}")
            records.append(_Record(str(file), None, reason=f"unsupported file type {suffix!r} "
                                   f"(accepted: {', '.join(SUFFIXES)})"))
            continue
        try:
            records.extend(_READERS[suffix](file))
        except (ValueError, OSError, UnicodeError) as exc:  # pandas/pyarrow parse errors too
            if single:  # the only input: an error that names the file
                raise ValueError(_unreadable(file, exc)) from exc
            records.append(_Record(str(file), None, reason=_unreadable(file, exc)))
    return records


def _unreadable(file: Path, exc: Exception) -> str:
    """Why ``file`` could not be read, in one line (the file named once)."""
    message = " ".join(str(exc).split()).replace(f"{file}: ", "")
    if isinstance(exc, _NoTextColumn):
        return message
    return f"unreadable {file.suffix.lower().lstrip('.')} file ({type(exc).__name__}: {message[:200]})"
