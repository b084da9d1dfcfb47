"""Walk a corpus folder: every regular file once, and a reason for everything else.

Hidden entries (``.name``) are passed over. Symlinks are followed once: a folder or file
reached a second time (a symlink loop, two links to one folder) is a ledger row naming
where it was read. Unreadable folders, dangling symlinks and special files (named pipes,
sockets, devices: never opened, so a pipe cannot hang the load) are ledger rows too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_SPECIAL = ((stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"),
            (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"))


def special_kind(mode: int) -> str | None:
    """"named pipe", "socket", ... for a special file's ``st_mode``, else None.

    Examples
    --------
    >>> special_kind(stat.S_IFIFO), special_kind(stat.S_IFREG)
    ('named pipe', None)
    """
    return next((name for test, name in _SPECIAL if test(mode)), None)


def _why(exc: OSError) -> str:
    return f"{type(exc).__name__}: {exc.strerror or exc}"


def walk(root: Path) -> list[tuple[Path, os.stat_result | None, str | None]]:
    """``(path, stat, None)`` per regular file under ``root`` and ``(path, None, reason)``
    per entry not read, in sorted order (folders depth first).

    Examples
    --------
    >>> from analysis import config
    >>> [p.name for p, _, _ in walk(config.EXAMPLE_CORPUS)]  # doctest: +ELLIPSIS
    ['...txt', '...txt']
    """
    out: list = []
    seen_dirs = {_key(os.stat(root)): root}
    seen_files: dict = {}
    _visit(root, [_key(os.stat(root))], seen_dirs, seen_files, out)
    return out


def _key(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _visit(folder: Path, chain: list, seen_dirs: dict, seen_files: dict, out: list) -> None:
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        out.append((folder, None, f"unreadable folder ({_why(exc)})"))
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            st = os.stat(path)  # follows symlinks
        except OSError as exc:
            out.append((path, None, _stat_failure(path, exc)))
            continue
        key = _key(st)
        if stat.S_ISDIR(st.st_mode):
            if key in seen_dirs:
                loop = "symlink loop: " if key in chain else ""
                out.append((path, None, f"{loop}folder already read as {seen_dirs[key]} "
                                        "(symlinks are followed once)"))
                continue
            seen_dirs[key] = path
            _visit(path, chain + [key], seen_dirs, seen_files, out)
        elif stat.S_ISREG(st.st_mode):
            if key in seen_files:
                out.append((path, None, f"same file as {seen_files[key]} (read once)"))
                continue
            seen_files[key] = path
            out.append((path, st, None))
        else:
            out.append((path, None, f"special file ({special_kind(st.st_mode) or 'unknown'}): "
                                    "not opened"))


def _stat_failure(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link resolves to itself)"
    if path.is_symlink() and exc.errno == errno.ENOENT:
        return f"dangling symlink (to {os.readlink(path)}, which does not exist)"
    return f"unreadable ({_why(exc)})"
