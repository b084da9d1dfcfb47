"""Folders: symlinks followed once (loops ledgered), unreadable folders and files, special
files never opened, dangling links, wrong ``path`` arguments, and a corpus cache whose key
changes when what was readable changes."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket

import pytest

from analysis import config, load_corpus
from analysis.loading import _corpus_key


def load(path, **kw):
    kw.setdefault("cache", False)
    return load_corpus(path, progress=False, **kw)


def reasons(corpus, root) -> dict[str, str]:
    return {p.removeprefix(f"{root}/"): r for p, r in zip(corpus.skipped["path"], corpus.skipped["reason"])}


def kept(corpus, root) -> list[str]:
    return [p.removeprefix(f"{root}/") for p in corpus.docs["path"]]


@contextlib.contextmanager
def deadline(seconds: int):
    """Fail instead of hanging (a named pipe opened for reading blocks forever)."""
    def fail(*_):
        raise TimeoutError(f"load_corpus still running after {seconds} s")
    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


@contextlib.contextmanager
def permissions_apply():
    """File permissions as an ordinary user sees them: as root, this thread's capabilities
    to bypass them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) are switched off meanwhile."""
    if os.geteuid() != 0:
        yield
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _CapHeader(0x20080522, 0), (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        pytest.skip("running as root and capabilities cannot be read")
    saved = data[0].effective
    data[0].effective &= ~((1 << 1) | (1 << 2))
    if libc.capset(ctypes.byref(header), data) != 0:
        pytest.skip("running as root and capabilities cannot be changed")
    try:
        yield
    finally:
        data[0].effective = saved
        libc.capset(ctypes.byref(header), data)


def test_symlinks_are_followed_once_and_loops_are_ledgered(tmp_path):
    corpus_dir, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    (corpus_dir / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    (corpus_dir / "a.txt").write_text("Kyiv was shelled overnight.", encoding="utf-8")
    (corpus_dir / "sub" / "b.txt").write_text("Talks resumed in Belarus.", encoding="utf-8")
    (elsewhere / "c.txt").write_text("Grain ships left Odesa.", encoding="utf-8")
    (corpus_dir / "linked").symlink_to(elsewhere)  # a symlinked folder: read
    (corpus_dir / "sub" / "up").symlink_to(corpus_dir)  # a loop back to the top
    (corpus_dir / "zlinked").symlink_to(elsewhere)  # the same folder again: read once
    (corpus_dir / "same.txt").symlink_to(corpus_dir / "a.txt")  # the same file again
    (corpus_dir / "gone.txt").symlink_to(tmp_path / "missing.txt")  # dangling
    (corpus_dir / "self.txt").symlink_to(corpus_dir / "self.txt")  # a link to itself
    corpus = load(corpus_dir)
    assert kept(corpus, corpus_dir) == ["a.txt", "linked/c.txt", "sub/b.txt"]
    assert reasons(corpus, corpus_dir) == {
        "gone.txt": f"dangling symlink (to {tmp_path / 'missing.txt'}, which does not exist)",
        "same.txt": f"same file as {corpus_dir / 'a.txt'} (read once)",
        "self.txt": "symlink loop (the link resolves to itself)",
        "sub/up": f"symlink loop: folder already read as {corpus_dir} (symlinks are followed once)",
        "zlinked": f"folder already read as {corpus_dir / 'linked'} (symlinks are followed once)"}
    assert corpus.found == 8 == len(corpus.docs) + len(corpus.skipped)


def test_special_files_are_ledgered_without_opening_them(tmp_path):
    (tmp_path / "a.txt").write_text("Kyiv was shelled overnight.", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block for ever
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.csv"))
    try:
        with deadline(60):
            corpus = load(tmp_path)
            with pytest.raises(ValueError, match="is a named pipe, not a file or folder"):
                load(tmp_path / "pipe.txt")
    finally:
        sock.close()
    assert kept(corpus, tmp_path) == ["a.txt"]
    assert reasons(corpus, tmp_path) == {"pipe.txt": "special file (named pipe): not opened",
                                         "sock.csv": "special file (socket): not opened"}


def test_unreadable_folders_and_files_are_ledgered(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text("Hidden from the reader.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Kyiv was shelled overnight.", encoding="utf-8")
    (tmp_path / "b.csv").write_text("text\nTalks resumed.\n", encoding="utf-8")
    os.chmod(tmp_path / "locked", 0)
    os.chmod(tmp_path / "b.csv", 0)
    try:
        with permissions_apply():
            corpus = load(tmp_path)
    finally:
        os.chmod(tmp_path / "locked", 0o755)
        os.chmod(tmp_path / "b.csv", 0o644)
    assert kept(corpus, tmp_path) == ["a.txt"]
    assert reasons(corpus, tmp_path) == {
        "b.csv": "unreadable csv file (PermissionError: [Errno 13] Permission denied: "
                 f"'{tmp_path / 'b.csv'}')",
        "locked": "unreadable folder (PermissionError: Permission denied)"}


def test_the_cache_key_follows_what_was_readable(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "PROCESSED_DIR", tmp_path / "cache")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Kyiv was shelled overnight.", encoding="utf-8")
    (folder / "b.txt").write_text("Talks resumed in Belarus.", encoding="utf-8")
    key = _corpus_key(folder, None)
    os.chmod(folder / "b.txt", 0)
    try:
        assert _corpus_key(folder, None) != key  # same names, sizes and times: another key
        with permissions_apply():
            first = load(folder, cache=True)
    finally:
        os.chmod(folder / "b.txt", 0o644)
    assert len(first.docs) == 1 and first.skipped["reason"][0].startswith("unreadable txt file")
    assert _corpus_key(folder, None) == key
    fixed = load(folder, cache=True)  # the permission is fixed: the file is read this time
    assert fixed.docs["text"].tolist() == ["Kyiv was shelled overnight.", "Talks resumed in Belarus."]
    assert fixed.skipped.empty


@pytest.mark.parametrize("path, message", [
    ("", r"path must name a file or folder, got ''"),
    ("   ", r"path must name a file or folder, got '   ' \(use '\.' for the current folder\)"),
    (123, r"path must be a path \(str or os.PathLike\), got 123"),
    (None, r"path must be a path"),
    (["a.csv"], r"path must be a path"),
])
def test_wrong_paths_are_refused(path, message):
    with pytest.raises(ValueError, match=message):
        load_corpus(path, progress=False)
