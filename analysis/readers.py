"""Read corpus files into records: ``.txt`` (with an optional title / date / URL header),
``.csv`` / ``.tsv``, ``.jsonl``, ``.json`` (an array, or an object holding a list of
records), ``.parquet``, saved web pages and web archives (:mod:`analysis.webpages`), and
any of these compressed or in archives (:mod:`analysis.containers`). Columns are mapped by
the one table of field aliases (:data:`analysis.records.FIELD_ALIASES`); a folder is walked
by :func:`analysis.folders.walk`. :func:`analysis.loading.load_corpus` cleans what they return.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd

from .containers import ARCHIVE_ERRORS, container_kind, gunzip, members
from .folders import special_kind, walk
from .records import (  # noqa: F401 - decode_bytes, SYNONYMS: this module's former API
    DOC_COLUMNS,
    FIELD_ALIASES,
    SYNONYMS,
    _NoTextColumn,
    _Record,
    decode_bytes,
    decode_file,
    flatten,
    records_from_rows,
)
from .webpages import read_html, read_warc

KINDS = {".txt": "text", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
         ".ndjson": "jsonl", ".json": "json", ".parquet": "parquet", ".html": "html",
         ".htm": "html", ".xhtml": "html", ".warc": "warc"}
SUFFIXES = tuple(KINDS) + (".warc.gz", ".gz", ".zip", ".tar.gz", ".tgz", ".tar")
MAX_DEPTH = 3  # archives inside archives inside archives, no deeper
_DATE8_RE = re.compile(r"^\d{8}$")
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_URL_LINE_RE = re.compile(r"^https?://\S+$")
_RECORD_KEYS = ("articles", "data", "results", "items", "records", "stories", "documents",
                "docs", "entries", "posts", "hits", "response", "rows")
csv.field_size_limit(2**31 - 1)  # an article may be longer than the csv module's 128 KiB


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


def _read_text(path: str, data: bytes) -> list[_Record]:
    if not data.strip():
        return [_Record(path, None, reason="empty file")]
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [_Record(path, None, reason="binary file (contains NUL bytes)")]
    raw, notes = decode_file(data)
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    fields, body, header_chars = parse_header(text)
    fields["text"] = body
    rec = _Record(path, None, fields, raw_chars=len(raw), header_chars=header_chars, notes=notes)
    rec.fields["normalize_chars"] = len(raw) - len(text)  # BOM and carriage returns
    return [rec]


def _table_records(path: str, rows: list, notes: list) -> list[_Record]:
    """Records of ``(row number, row)`` pairs; the file's decoding notes go to each row (the
    count of replaced bytes per row, where they are)."""
    replaced = any(step == "decode_replaced" for step, _, _ in notes)
    notes = [n for n in notes if n[0] != "decode_replaced"]
    return records_from_rows(path, rows, notes=notes, replaced=replaced)


def _delimiter(header_line: str, default: str) -> str:
    """``,`` for a CSV unless its header has no comma but semicolons, tabs or bars."""
    if default != "," or "," in header_line:
        return default
    counts = {d: header_line.count(d) for d in (";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else default


def _read_delimited(path: str, data: bytes, delimiter: str) -> list[_Record]:
    head = data[:65536]
    if head.count(b"\x00") > max(3, len(head) // 100) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary data (over 1 % NUL bytes), not a table")
    text, notes = decode_file(data)
    if not text.strip():
        return [_Record(path, None, reason="empty file")]
    text = text.lstrip("\ufeff")
    if "\x00" in text:  # a few stray NUL bytes in cells: replaced and counted like bad bytes
        text = text.replace("\x00", "\ufffd")
        notes = notes + [("decode_replaced", 0, 1)]
    delimiter = _delimiter(text.split("\n", 1)[0], delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header, rows, bad, last, n = None, [], [], 0, 0
    n_lines = text.count("\n") + (not text.endswith("\n"))
    for cells in reader:
        first, last = last + 1, reader.line_num
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        if header is None:
            header = _unique([c.strip() for c in cells])
            continue
        n += 1
        while len(cells) > len(header) and not cells[-1].strip():
            cells = cells[:-1]  # trailing empty cells: "a,b,c,"
        unclosed = (last >= n_lines and any("\n" in c for c in cells)
                    and "\n".join(text.split("\n")[first - 1:]).count('"') % 2 == 1)
        if unclosed or len(cells) != len(header):
            lines = f"line {first}" if first == last else f"lines {first}-{last}"
            what = (f"a quote opened on line {first} is never closed" if unclosed
                    else f"{len(cells)} fields, the header has {len(header)}")
            bad.append(_Record(path, n, reason=f"malformed row ({lines}: {what})"))
            continue
        rows.append((n, dict(zip(header, cells))))
    if header is None:
        return [_Record(path, None, reason="empty file")]
    if not rows:  # still check the columns: a table without a text column is an error
        records_from_rows(path, [(0, dict.fromkeys(header, ""))])
        return bad or [_Record(path, None, reason="no rows (a header only)")]
    return sorted(_table_records(path, rows, notes) + bad, key=lambda r: r.row)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        k = seen.get(name, 0)
        seen[name] = k + 1
        out.append(name if not k else f"{name}.{k}")
    return out


def _read_jsonl(path: str, data: bytes) -> list[_Record]:
    text, notes = decode_file(data)
    rows, bad = [], []
    for lineno, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            bad.append(_Record(path, lineno, reason=f"invalid JSON line {lineno}: {exc}"))
            continue
        if not isinstance(obj, dict):
            bad.append(_Record(path, lineno, reason=f"JSON line {lineno} is {_json_type(obj)}, "
                                                    "not an object"))
            continue
        rows.append((lineno, flatten(obj)))
    if not rows:
        return bad or [_Record(path, None, reason="empty file")]
    return sorted(_table_records(path, rows, notes) + bad, key=lambda r: r.row)


def _json_type(value) -> str:
    names = {str: "a string", list: "an array", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _find_records(obj) -> list | None:
    """The list of records in a parsed ``.json``: the array itself, or the list under a key
    such as ``articles``/``data``/``results`` (nested up to 3 deep, ``response.docs``)."""
    if isinstance(obj, list):
        return obj
    if not isinstance(obj, dict):
        return None
    lists = [k for k, v in obj.items() if isinstance(v, list) and any(isinstance(x, dict) for x in v)]
    keys = [k for k in _RECORD_KEYS if k in lists] + lists
    if keys:
        return obj[keys[0]]
    for key in [k for k in _RECORD_KEYS if isinstance(obj.get(k), dict)]:
        found = _find_records(obj[key])
        if found is not None:
            return found
    return None


def _read_json(path: str, data: bytes) -> list[_Record]:
    text, notes = decode_file(data)
    if not text.strip():
        return [_Record(path, None, reason="empty file")]
    try:
        obj = json.loads(text.lstrip("\ufeff"))
    except RecursionError as exc:
        raise ValueError("JSON nested too deep to read") from exc
    except ValueError as exc:
        if text.strip().startswith("{") and "\n{" in text:  # JSON lines named .json
            return _read_jsonl(path, data)
        raise ValueError(f"invalid JSON: {exc}") from exc
    items = _find_records(obj)
    if items is None or (isinstance(obj, dict) and _looks_like_article(obj)):
        items = [obj]  # one article as one object
    rows, bad = [], []
    for i, item in enumerate(items, start=1):
        item = item.get("_source", item) if isinstance(item, dict) else item  # Elasticsearch
        if isinstance(item, dict):
            rows.append((i, flatten(item)))
        else:
            bad.append(_Record(path, i, reason=f"element {i} is {_json_type(item)}, not an object"))
    if not rows:
        return bad or [_Record(path, None, reason="empty file (no records)")]
    return sorted(_table_records(path, rows, notes) + bad, key=lambda r: r.row)


def _looks_like_article(obj: dict) -> bool:
    keys = {k.lower() for k in flatten(obj)}
    return any(a in keys for a in FIELD_ALIASES["text"])


def _read_parquet(path: str, data: bytes) -> list[_Record]:
    frame = pd.read_parquet(io.BytesIO(data))
    rows = [(i, flatten(r)) for i, r in enumerate(frame.to_dict("records"), start=1)]
    if not rows:
        records_from_rows(path, [(0, dict.fromkeys(frame.columns, ""))])
        return [_Record(path, None, reason="no rows")]
    return records_from_rows(path, rows)


_BYTE_READERS = {
    "text": _read_text, "csv": lambda p, d: _read_delimited(p, d, ","),
    "tsv": lambda p, d: _read_delimited(p, d, "\t"), "jsonl": _read_jsonl, "json": _read_json,
    "parquet": _read_parquet, "html": lambda p, d: [read_html(p, d)],
}


def file_kind(name: str) -> str | None:
    """What a file is by its name: a reader's kind, ``warc``, ``zip``, ``tar``, ``gz`` or None.

    Examples
    --------
    >>> [file_kind(n) for n in ("a.TXT", "b.csv.gz", "c.warc.gz", "d.tgz", "e.pdf")]
    ['text', 'gz', 'warc', 'tar', None]
    """
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz")):
        return "warc"
    return container_kind(lower) or KINDS.get(Path(lower).suffix)


def _unsupported(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return f"unsupported file type {suffix!r} (accepted: {', '.join(SUFFIXES)})"


def _read_one(path: str, kind: str, opener, depth: int = 0) -> list[_Record]:
    """Records of one file or member: ``opener()`` gives its binary stream."""
    if kind == "warc":
        with opener() as stream:
            return read_warc(path, stream)
    if kind in ("zip", "tar"):
        if depth >= MAX_DEPTH:
            return [_Record(path, None, reason=f"archive nested more than {MAX_DEPTH} deep: not read")]
        with opener() as stream:
            return _read_archive(path, kind, stream, depth)
    if kind == "gz":
        with opener() as stream:
            data, why = gunzip(stream)
        inner = path[: -len(".gz")]
        inner_kind = file_kind(inner)
        if why or inner_kind is None or inner_kind == "gz":
            return [_Record(path, None, reason=why or _unsupported(inner))]
        return _read_one(path, inner_kind, lambda: io.BytesIO(data), depth + 1)
    with opener() as stream:
        data = stream.read()
    return _BYTE_READERS[kind](path, data)


def _read_archive(path: str, kind: str, stream, depth: int) -> list[_Record]:
    records = []
    for name, data, why in members(kind, stream):
        member = f"{path}!{name}"
        member_kind = file_kind(name)
        if why or member_kind is None:
            records.append(_Record(member, None, reason=why or _unsupported(name)))
            continue
        try:
            records += _read_one(member, member_kind, lambda d=data: io.BytesIO(d), depth + 1)
        except (ValueError, OSError, UnicodeError, *ARCHIVE_ERRORS) as exc:
            records.append(_Record(member, None, reason=_unreadable(member, exc)))
    return records or [_Record(path, None, reason="empty archive")]


def _read_all(path: Path) -> list[_Record]:
    """The records of a file or folder (see the module docstring); in a folder a file that
    cannot be read is a record with the reason, the only input raises ``ValueError``."""
    single = not path.is_dir()
    if single:
        mode = path.stat().st_mode
        if special_kind(mode):
            raise ValueError(f"{path} is a {special_kind(mode)}, not a file or folder: not opened")
        entries = [(path, None, None)]
    else:
        entries = walk(path)
    records = []
    for file, _, why in entries:
        kind = file_kind(file.name)
        if why or kind is None:
            if single:
                raise ValueError(f"Unsupported file type {file.suffix.lower()!r} for {file}; "
                                 f"accepted: {', '.join(SUFFIXES)}")
            records.append(_Record(str(file), None, reason=why or _unsupported(file.name)))
            continue
        try:
            records.extend(_read_one(str(file), kind, lambda f=file: open(f, "rb")))
        except (ValueError, OSError, UnicodeError, *ARCHIVE_ERRORS) as exc:  # pandas/pyarrow too
            if single:  # the only input: an error that names the file
                raise ValueError(f"{file}: {_unreadable(str(file), exc)}") from exc
            records.append(_Record(str(file), None, reason=_unreadable(str(file), exc)))
    return records


def _unreadable(file: str, exc: Exception) -> str:
    """Why ``file`` could not be read, in one line (the file named once)."""
    message = " ".join(str(exc).split()).replace(f"{file}: ", "")
    if isinstance(exc, _NoTextColumn):
        return message
    kind = file_kind(file.rsplit("!", 1)[-1]) or Path(file).suffix.lower().lstrip(".")
    kind = {"text": "txt"}.get(kind, kind)
    return f"unreadable {kind} file ({type(exc).__name__}: {message[:200]})"
