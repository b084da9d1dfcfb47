"""Saved web pages (``.html``, ``.htm``) through trafilatura, and web archives (``.warc``,
``.warc.gz``) through warcio: one record per page, its main text (navigation, footers,
comments left out), title, date and site name; a crawl's output loads directly.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import re
from collections import Counter
from typing import BinaryIO

from .records import _Record, add_note, decode_file

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_DOMAIN_RE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+$")
MAX_PAGE_BYTES = 64 << 20  # a larger HTTP payload in a WARC is ledgered, not read


def decode_page(data: bytes, charset: str | None = None) -> tuple[str, list]:
    """A page's text: the charset of the HTTP header or of its ``<meta>`` tag when it is
    not UTF-8 (``windows-1251`` pages stay Cyrillic), else :func:`decode_file`.

    Examples
    --------
    >>> decode_page('<meta charset="windows-1251"><p>Київ</p>'.encode("cp1251"))[0][-11:]
    '<p>Київ</p>'
    """
    if not charset:
        m = _CHARSET_RE.search(data[:4096])
        charset = m.group(1).decode("ascii") if m else None
    try:
        codec = codecs.lookup(charset).name if charset else "utf-8"
    except LookupError:
        codec = "utf-8"
    if codec in ("utf-8", "ascii"):
        return decode_file(data)
    return data.decode(codec, errors="replace"), [("decode_" + codec.replace("-", ""), 0, 1)]


def read_html(path: str, data: bytes, *, row: int | None = None, url: str = "",
              charset: str | None = None, extras: dict | None = None) -> _Record:
    """One record for a saved page: trafilatura's main text (the headline line dropped when
    it repeats the title), title, date, site name (as ``source``) and URL (the page's
    canonical one, else ``url``). The HTML around the text is ledger step ``web_page``."""
    import trafilatura  # 0.5 s to import: only when a page is read

    html, notes = decode_page(data, charset)
    if not html.strip():
        return _Record(path, row, reason="empty file")
    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True,
                                      include_comments=False, include_tables=True)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        return _Record(path, row, reason="no article text found in the page (trafilatura)")
    title = (doc.title or "").strip()
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest.strip()
    site = (doc.sitename or "").strip()
    fields = {"text": text, "title": title, "date": doc.date or "",
              "url": (doc.url or url or "").strip(), "extras": dict(extras or {})}
    # a site name that is only a domain (trafilatura's fallback): the outlet of the domain
    fields["source_url" if _DOMAIN_RE.match(site) else "source"] = site
    rec = _Record(path, row, fields, raw_chars=len(html), notes=list(notes))
    return add_note(rec, "web_page", chars=len(html) - len(text))


def read_warc(path: str, stream: BinaryIO) -> list[_Record]:
    """One record per HTML response with status 200 of a WARC file (gzipped or not); the
    other responses are counted in one ledger row per kind (not HTML; another status).
    Requests, metadata and revisit records are not responses and are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records, other_type, other_status, n = [], Counter(), Counter(), 0
    items = ArchiveIterator(stream)
    try:
        with contextlib.redirect_stderr(io.StringIO()):  # warcio's warnings: counted below
            for item in items:
                n += 1
                if item.rec_type != "response" or item.http_headers is None:
                    continue
                status = item.http_headers.get_statuscode()
                ctype = (item.http_headers.get_header("Content-Type") or "").lower()
                if status != "200":
                    other_status[status] += 1
                elif "html" not in ctype:
                    other_type[ctype.split(";")[0].strip() or "no content type"] += 1
                else:
                    records.append(_warc_page(path, n, item, ctype))
    except ArchiveLoadFailed as exc:
        records.append(_Record(path, None, reason=f"unreadable warc file after record {n} "
                                                  f"({' '.join(str(exc).split())[:200]})"))
    for counts, what in ((other_type, "not HTML"), (other_status, "with an HTTP status other than 200")):
        if counts:
            kinds = ", ".join(f"{k} {v}" for k, v in counts.most_common())
            records.append(_Record(path, None, reason=f"{sum(counts.values())} responses "
                                                      f"{what} ({kinds}): not articles"))
    if getattr(items, "err_count", 0):
        records.append(_Record(path, None, reason=f"damaged web archive: {items.err_count} "
                                                  "records not where their length says (warcio)"))
    return records or [_Record(path, None, reason="no responses in the web archive")]


def _warc_page(path: str, n: int, item, ctype: str) -> _Record:
    url = item.rec_headers.get_header("WARC-Target-URI") or ""
    data = item.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        return _Record(path, n, reason=f"page over {MAX_PAGE_BYTES:,} bytes: not read")
    m = re.search(r"charset\s*=\s*([\w.:-]+)", ctype)
    crawled = item.rec_headers.get_header("WARC-Date") or ""
    return read_html(path, data, row=n, url=url, charset=m.group(1) if m else None,
                     extras={"crawled_at": crawled})
