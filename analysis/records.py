"""What a reader hands to the loader: one ``_Record`` per article found (or per record that
was not kept, with the reason), the one table of field aliases that maps the columns and
keys researchers' exports use (NewsAPI, GDELT, Media Cloud, ...) onto the documents table,
placeholder cells, and decoding a file's bytes.

Every reader (:mod:`analysis.readers`, :mod:`analysis.webpages`) builds its records here,
so a new note in the cleaning ledger is one :func:`add_note` call.
"""

from __future__ import annotations

import ast
import codecs
import json
import math
import re
from dataclasses import dataclass, field

DOC_COLUMNS = ["doc_id", "source", "date", "title", "url", "text", "agency", "raw_chars", "path"]

# One table of field aliases, in order of preference (names compared case-insensitively;
# nested keys flattened with dots: NewsAPI's ``source: {id, name}`` is ``source.name``).
FIELD_ALIASES = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext",
             "maintext", "story_text", "story", "fields.bodytext", "bodytext"),
    # used only when no text column has text (ledger note ``text_from_summary``)
    "summary": ("description", "summary", "abstract", "snippet", "lead"),
    "source": ("source", "source.name", "outlet", "publisher", "publication", "media_name",
               "site", "site_name", "sitename", "source_name", "media", "newspaper"),
    # a domain or homepage: the outlet via data/lexicons/domains.csv when no source is given
    "source_url": ("domain", "media_url", "source.url", "source_domain", "hostname"),
    "date": ("date", "published", "published_at", "publishedat", "publish_date",
             "publication_date", "pubdate", "date_published", "webpublicationdate",
             "datetime", "timestamp", "time", "seendate", "date_publish", "created_at"),
    "title": ("title", "headline", "heading", "webtitle"),
    "url": ("url", "link", "href", "permalink", "canonical_url", "weburl"),
}
SYNONYMS = FIELD_ALIASES  # the former name
# Cells that stand for "no value" (compared case-insensitively): as text they are skips.
PLACEHOLDERS = frozenset({"nan", "null", "none", "n/a", "na", "nil", "undefined", "-", "--",
                          "—", "?", "#n/a", "[removed]", "[deleted]", "(none)", "empty"})
_NUMBER_RE = re.compile(r"^[-+]?[\d.,\s]*\d[\d.,\s]*(?:e[-+]?\d+)?$", re.IGNORECASE)
_SEENDATE_RE = re.compile(r"^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$")  # GDELT


@dataclass
class _Record:
    path: str
    row: int | None
    fields: dict | None = None  # text/title/date/url/source (+ extras)
    reason: str | None = None  # set when the record is skipped while reading
    raw_chars: int = 0
    header_chars: int = 0
    notes: list = field(default_factory=list)  # cleaning-ledger rows (step, chars, count)


def add_note(rec: _Record, step: str, count: int = 1, chars: int = 0) -> _Record:
    """Add a row ``step`` (``chars`` removed, ``count`` times) to the cleaning ledger of the
    document ``rec`` becomes; returns ``rec``.

    Examples
    --------
    >>> add_note(_Record("a.txt", None, {"text": "x"}), "decode_replaced", 2).notes
    [('decode_replaced', 0, 2)]
    """
    if count:
        rec.notes.append((step, chars, count))
    return rec


class _NoTextColumn(ValueError):
    """A table without a text column (a skip in a folder, an error when it is the input)."""


# ------------------------------------------------------------------ decoding
def decode_file(data: bytes) -> tuple[str, list[tuple[str, int, int]]]:
    """Decode a file's bytes; return the text and its ledger notes.

    UTF-8 (a UTF-8 BOM dropped; UTF-16 when it opens with a UTF-16 BOM). Bytes that are not
    UTF-8 are replaced by U+FFFD and counted (note ``decode_replaced``) as long as the file has
    at least as many valid multi-byte characters as invalid sequences; a file with more
    invalid sequences (cp1252/latin-1 text: "café" as one byte ``E9``) is decoded as cp1252,
    else latin-1 (note ``decode_cp1252`` / ``decode_latin1``).

    Examples
    --------
    >>> decode_file("Київ".encode() + b"\\xff")
    ('Київ\\ufffd', [('decode_replaced', 0, 1)])
    >>> decode_file("café".encode("cp1252"))
    ('café', [('decode_cp1252', 0, 1)])
    """
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF32_LE):
            text = data[2:].decode(codec, errors="replace")
            return text, [("decode_utf16", 0, 1)]
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - invalid
    if multibyte >= invalid:
        return text, [("decode_replaced", 0, invalid)]
    try:
        return data.decode("cp1252"), [("decode_cp1252", 0, 1)]
    except UnicodeDecodeError:
        return data.decode("latin-1"), [("decode_latin1", 0, 1)]


def decode_bytes(data: bytes) -> str:
    """Decode file bytes (see :func:`decode_file`); the text only.

    Examples
    --------
    >>> decode_bytes("café".encode("cp1252"))
    'café'
    """
    return decode_file(data)[0]


# ------------------------------------------------------------------ cells and fields
def flatten(obj: dict, prefix: str = "", depth: int = 3) -> dict:
    """A JSON object with nested objects as dotted keys (``source.name``).

    Examples
    --------
    >>> flatten({"source": {"id": None, "name": "BBC News"}, "title": "T"})
    {'source.id': None, 'source.name': 'BBC News', 'title': 'T'}
    """
    out = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and depth > 1:
            out.update(flatten(value, f"{name}.", depth - 1))
        else:
            out[name] = value
    return out


def cell_text(value) -> tuple[str, str | None]:
    """A cell as text, and why it is no article text (None when it may be one).

    A list of paragraphs is joined with blank lines; ``NaN``, ``NULL``, ``N/A``, ``-`` and
    bare numbers are placeholders.

    Examples
    --------
    >>> cell_text(["First paragraph.", "Second one."])
    ('First paragraph.\\n\\nSecond one.', None)
    >>> cell_text("12345")
    ('', "placeholder text '12345'")
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "", None
    if isinstance(value, (bool, int, float)):
        return "", f"placeholder text {str(value)!r}"
    if isinstance(value, dict):
        return "", "text is a JSON object, not text"
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        parts = [p.get("text", "") if isinstance(p, dict) else p for p in value]
        value = "\n\n".join(str(p).strip() for p in parts if isinstance(p, str) and p.strip())
    text = str(value)
    key = text.strip()
    if key.lower() in PLACEHOLDERS or (key and _NUMBER_RE.match(key)):
        return "", f"placeholder text {key!r}"
    return text, None


def field_text(value) -> str:
    """A metadata cell (source, title, url) as text; placeholders are ""."""
    text, problem = cell_text(value)
    return "" if problem else text  # as given: the doc_id hashes it, the loader strips it


def map_fields(keys: list[str], path: str) -> tuple[dict[str, str], list[str], list[str]]:
    """``(field -> key, text keys, summary keys)`` for the keys of a table, by FIELD_ALIASES:
    per field the first alias present (an exact lowercase name before other spellings)."""
    by_lower: dict[str, list[str]] = {}
    for k in keys:
        by_lower.setdefault(str(k).strip().lower(), []).append(k)
    for spellings in by_lower.values():
        spellings.sort(key=lambda k: str(k).strip() != str(k).strip().lower())
    found = {f: [k for a in names for k in by_lower.get(a, [])] for f, names in FIELD_ALIASES.items()}
    if not found["text"] and not found["summary"]:
        raise _NoTextColumn(
            f"{path}: no text column. Columns found: {list(map(str, keys))}; one of them must "
            f"be named {', '.join(FIELD_ALIASES['text'])} (case-insensitive).")
    mapping = {f: ks[0] for f, ks in found.items() if ks and f not in ("text", "summary")}
    return mapping, found["text"], found["summary"]


def _choose_text(row: dict, text_keys: list[str], summary_keys: list[str]
                 ) -> tuple[str, str | None, list[str], str | None]:
    """``(text, key, other differing keys, problem)``: the first text column with text."""
    texts, problem = {}, None
    for key in text_keys + summary_keys:
        text, why = cell_text(row.get(key))
        if text.strip():
            texts[key] = text
        elif why and problem is None:
            problem = f"{why} in column {key!r}"
    chosen = next((k for k in text_keys + summary_keys if k in texts), None)
    if chosen is None:
        return "", None, [], problem
    others = [k for k in text_keys if k in texts and k != chosen
              and texts[k].strip() != texts[chosen].strip()]
    return texts[chosen], chosen, others, None


def _extra_value(value):
    if type(value).__name__ == "ndarray":  # a list column of a parquet file
        value = value.tolist()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def records_from_rows(path: str, rows: list[tuple[int, dict]], *, notes=(),
                      replaced: bool = False) -> list[_Record]:
    """One record per ``(row number, flat row)``; the text per row from the first text column
    that has text (FIELD_ALIASES order), the other text columns kept as extra columns
    (``other_<name>`` when the name is a documents column) and a ledger note
    ``text_columns_differ`` when they hold other text. ``notes``: the file's ledger notes,
    given to every row; ``replaced``: the file had invalid bytes (each row counts its U+FFFD)."""
    keys = list(dict.fromkeys(k for _, row in rows for k in row))
    mapping, text_keys, summary_keys = map_fields(keys, path)
    used = set(mapping.values()) | set(text_keys)
    extras = {k: k for k in keys if k not in used and str(k).lower() not in DOC_COLUMNS}
    extras.update({k: (f"other_{k}" if str(k).lower() in DOC_COLUMNS else k) for k in text_keys})
    records = []
    for rowno, row in rows:
        text, chosen, others, problem = _choose_text(row, text_keys, summary_keys)
        if chosen is None:
            records.append(_Record(path, rowno, reason=problem or "empty text"))
            continue
        fields = {f: field_text(_unwrap(row.get(k))) for f, k in mapping.items() if f != "date"}
        fields["date"] = _date_value(row.get(mapping["date"])) if "date" in mapping else ""
        fields["text"] = text
        fields["extras"] = {name: (cell_text(row.get(k))[0] if k in text_keys
                                   else _extra_value(row.get(k)))
                            for k, name in extras.items() if k != chosen}
        rec = _Record(path, rowno, fields, raw_chars=len(text), notes=list(notes))
        add_note(rec, "text_columns_differ", len(others))
        add_note(rec, "text_from_summary", int(chosen in summary_keys))
        if replaced:
            add_note(rec, "decode_replaced",
                     sum(str(v).count("\ufffd") for v in row.values() if isinstance(v, str)))
        records.append(rec)
    return records


def _unwrap(value):
    """A cell holding an object as text (NewsAPI's ``source`` written to CSV by pandas:
    ``{'id': None, 'name': 'BBC News'}``): its ``name``; any other cell as it is."""
    if not (isinstance(value, str) and value.startswith("{") and value.endswith("}")):
        return value
    try:
        obj = ast.literal_eval(value)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        try:
            obj = json.loads(value)
        except ValueError:
            return value
    return obj.get("name", value) if isinstance(obj, dict) else value


def _date_value(value):
    """A date cell: GDELT's ``20220224T123000Z`` as ISO; placeholders ""; others as given."""
    if value is None or isinstance(value, (list, dict)):
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, str):
        m = _SEENDATE_RE.match(value.strip())
        if m:
            return "{}-{}-{}T{}:{}:{}Z".format(*m.groups())
        return "" if value.strip().lower() in PLACEHOLDERS else value
    return value
