"""Compressed files and archives read member by member, with bounded reads.

``x.csv.gz`` is the CSV inside; ``archive.zip`` and ``archive.tar.gz`` / ``.tgz`` yield
each member as its own file, named ``archive.zip!member.csv``. No member is read past
``MAX_MEMBER_BYTES`` and no archive past ``MAX_ARCHIVE_BYTES`` in all: a compression bomb
is a ledger row, never a file unpacked into memory whole.
"""

from __future__ import annotations

import gzip
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

MAX_MEMBER_BYTES = 1 << 30  # 1 GiB decompressed per member
MAX_ARCHIVE_BYTES = 4 << 30  # 4 GiB decompressed per archive
# what a broken archive raises besides OSError/ValueError (the readers ledger these)
ARCHIVE_ERRORS = (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error)
_TAR_ENDINGS = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")


def container_kind(name: str) -> str | None:
    """``"zip"``, ``"tar"`` or ``"gz"`` for an archive or compressed file's name, else None.

    Examples
    --------
    >>> [container_kind(n) for n in ("a.zip", "a.tar.gz", "a.tgz", "a.csv.gz", "a.csv")]
    ['zip', 'tar', 'tar', 'gz', None]
    """
    lower = name.lower()
    if lower.endswith(".zip"):
        return "zip"
    if lower.endswith(_TAR_ENDINGS):
        return "tar"
    if lower.endswith(".gz"):
        return "gz"
    return None


def _too_large(size: int, limit: int) -> str:
    told = "" if size < 0 else f" ({size:,} bytes)"
    return (f"decompressed size{told} over the limit of {limit:,} bytes (a compression bomb?): "
            "not read")


def _bounded(stream: BinaryIO, limit: int) -> tuple[bytes | None, str | None]:
    data = stream.read(limit + 1)
    if len(data) > limit:
        return None, _too_large(-1, limit)
    return data, None


def gunzip(stream: BinaryIO) -> tuple[bytes | None, str | None]:
    """The bytes inside a ``.gz`` stream, or None and why (over MAX_MEMBER_BYTES, corrupt)."""
    try:
        return _bounded(gzip.GzipFile(fileobj=stream), MAX_MEMBER_BYTES)
    except (*ARCHIVE_ERRORS, OSError, ValueError) as exc:
        return None, f"unreadable gz file ({type(exc).__name__}: {exc})"


def members(kind: str, stream: BinaryIO) -> Iterator[tuple[str, bytes | None, str | None]]:
    """``(member name, bytes, None)`` per regular member of a zip or tar archive, or
    ``(member name, None, reason)`` when it is not read. Hidden members (``.x``,
    ``__MACOSX/``) and folders are passed over, as hidden files in a folder are."""
    budget = [MAX_ARCHIVE_BYTES]
    yield from (_zip_members if kind == "zip" else _tar_members)(stream, budget)


def _hidden(name: str) -> bool:
    return any(part.startswith((".", "__MACOSX")) for part in name.split("/") if part)


def _take(name: str, size: int, read, budget: list[int]):
    limit = min(MAX_MEMBER_BYTES, budget[0])
    if size > limit:
        return name, None, _too_large(size, limit)
    data, why = _bounded(read(), limit)
    if data is not None:
        budget[0] -= len(data)
    return name, data, why


def _zip_members(stream, budget):
    archive = zipfile.ZipFile(stream)
    for info in archive.infolist():
        if info.is_dir() or _hidden(info.filename):
            continue
        try:
            yield _take(info.filename, info.file_size, lambda i=info: archive.open(i), budget)
        except (*ARCHIVE_ERRORS, RuntimeError, OSError, NotImplementedError) as exc:
            yield info.filename, None, f"unreadable archive member ({type(exc).__name__}: {exc})"


def _tar_members(stream, budget):
    with tarfile.open(fileobj=stream, mode="r:*") as archive:
        for info in archive:
            if info.isdir() or _hidden(info.name):
                continue
            if not info.isfile():
                yield info.name, None, "not a regular file in the archive (link or device): not read"
                continue
            try:
                yield _take(info.name, info.size, lambda i=info: archive.extractfile(i), budget)
            except (*ARCHIVE_ERRORS, OSError) as exc:
                yield info.name, None, f"unreadable archive member ({type(exc).__name__}: {exc})"
