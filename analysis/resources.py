"""NLTK resources: find them, download what is missing, explain what cannot be had.

``python -m analysis setup`` (run by ``make test`` and ``make reports``) calls
:func:`ensure_nltk_resources`. Resources are looked up on ``NLTK_DATA`` and
NLTK's usual search path, plus the project's own ``data/nltk_data``; missing
ones are downloaded there. Offline, it stops with a message that names every
missing resource and how to point ``NLTK_DATA`` at a local copy.
"""

from __future__ import annotations

import os
import sys
import warnings
from dataclasses import dataclass

from . import config
from .vocabulary import checked

#: name given to ``nltk.download`` -> path that ``nltk.data.find`` must locate
REQUIRED: dict[str, str] = {
    "punkt_tab": "tokenizers/punkt_tab/english/",
    "averaged_perceptron_tagger_eng": "taggers/averaged_perceptron_tagger_eng/",
    "maxent_ne_chunker_tab": "chunkers/maxent_ne_chunker_tab/english_ace_binary/",
    "words": "corpora/words",
    "stopwords": "corpora/stopwords",
}
MULTICLASS_CHUNKER = "chunkers/maxent_ne_chunker_tab/english_ace_multiclass/"

_warned_binary = False


class MissingResourceError(RuntimeError):
    """Raised when NLTK resources are missing and could not be downloaded."""


@dataclass(frozen=True)
class ResourceStatus:
    """Which NLTK resources were found, and whether typed NE chunking is possible."""

    found: dict[str, str]
    missing: list[str]
    multiclass_chunker: bool


def register_project_nltk_dir() -> None:
    """Add ``data/nltk_data`` to NLTK's search path (after ``NLTK_DATA``)."""
    import nltk

    project_dir = str(config.NLTK_DATA_DIR)
    if project_dir not in nltk.data.path:
        nltk.data.path.append(project_dir)


def _find(path: str) -> str | None:
    import nltk

    try:
        return str(nltk.data.find(path))
    except LookupError:
        return None


def resource_status() -> ResourceStatus:
    """Report which required NLTK resources are installed.

    Examples
    --------
    >>> status = resource_status()
    >>> sorted([*status.found, *status.missing]) == sorted(REQUIRED)
    True
    """
    register_project_nltk_dir()
    found, missing = {}, []
    for name, path in REQUIRED.items():
        where = _find(path)
        if where is None:
            missing.append(name)
        else:
            found[name] = where
    return ResourceStatus(found, missing, _find(MULTICLASS_CHUNKER) is not None)


def _search_path() -> list[str]:
    """NLTK's data search path as ``nltk.data.path`` builds it (``NLTK_DATA``, the home
    folder, the interpreter's prefix, the system folders), plus ``data/nltk_data``."""
    paths = [p for p in os.environ.get("NLTK_DATA", "").split(os.pathsep) if p]
    home = os.path.expanduser("~/")
    if home != "~/":
        paths.append(os.path.join(home, "nltk_data"))
    if sys.platform.startswith("win"):
        return []  # NLTK's Windows path differs: ask NLTK
    paths += [os.path.join(sys.prefix, "nltk_data"), os.path.join(sys.prefix, "share", "nltk_data"),
              os.path.join(sys.prefix, "lib", "nltk_data"), "/usr/share/nltk_data",
              "/usr/local/share/nltk_data", "/usr/lib/nltk_data", "/usr/local/lib/nltk_data"]
    return paths + [str(config.NLTK_DATA_DIR)]


def _find_fast(path: str) -> bool | None:
    """Whether resource ``path`` (a folder) is installed, answered from the file system
    without importing NLTK (about 1.5 s); None when only NLTK can tell (a zipped copy
    of its package, or Windows)."""
    roots = _search_path()
    if not roots:
        return None
    if any(os.path.isdir(os.path.join(root, path)) for root in roots):
        return True
    package = path.strip("/").split("/")
    zipped = os.path.join(*package[:2]) + ".zip"  # e.g. chunkers/maxent_ne_chunker_tab.zip
    return None if any(os.path.exists(os.path.join(r, zipped)) for r in roots) else False


def has_multiclass_chunker(*, warn: bool = True) -> bool:
    """True when the typed (multiclass) NE chunker is installed; warn once when not."""
    global _warned_binary
    ok = _find_fast(MULTICLASS_CHUNKER)
    if ok is None:
        register_project_nltk_dir()
        ok = _find(MULTICLASS_CHUNKER) is not None
    if not ok and warn and not _warned_binary:
        _warned_binary = True
        warnings.warn(
            "Only NLTK's binary named-entity chunker is installed: entity types "
            "(PERSON/ORGANIZATION/GPE...) come from the project's gazetteers and rules "
            "(analysis.entities), and names they cannot type keep the label ENTITY. With "
            "internet, `.venv/bin/python -m nltk.downloader -d data/nltk_data "
            "maxent_ne_chunker_tab` installs NLTK's typed model, whose labels then come first.",
            UserWarning,
            stacklevel=2,
        )
    return ok


def missing_resource_error() -> MissingResourceError:
    """The error to raise when NLTK data is needed but absent: it names every missing
    resource and how to get it (``python -m analysis setup`` downloads them)."""
    status = resource_status()
    text = _missing_message(status.missing or ["punkt_tab"], tried=False)
    return MissingResourceError(text)


def _missing_message(missing: list[str], tried: bool = True) -> str:
    lines = ["These NLTK resources are missing and could not be downloaded (offline?):" if tried
             else "These NLTK resources are missing (`python -m analysis setup` downloads them):"]
    lines += [f"  - {name}  (looked for {REQUIRED[name]})" for name in missing]
    lines += [
        "",
        "Point NLTK_DATA at a folder that holds them, e.g.",
        "  export NLTK_DATA=/path/to/nltk_data   # folder containing tokenizers/, taggers/, ...",
        "or, on a machine with internet:",
        f"  python -m nltk.downloader -d {config.NLTK_DATA_DIR} " + " ".join(missing),
        "NLTK refuses data folders that other accounts can write: keep them `chmod go-w`.",
    ]
    return "\n".join(lines)


@checked
def ensure_nltk_resources(*, download: bool = True, quiet: bool = False) -> ResourceStatus:
    """Make sure every NLTK resource the workbook needs is available.

    Parameters
    ----------
    download : bool, default True
        Try ``nltk.download`` into ``data/nltk_data`` for what is missing.
    quiet : bool, default False
        Do not print the summary line.

    Returns
    -------
    ResourceStatus

    Raises
    ------
    MissingResourceError
        When resources are still missing; the message names each one and how
        to set ``NLTK_DATA``.

    Examples
    --------
    >>> ensure_nltk_resources(download=False, quiet=True).missing  # all installed
    []
    """
    import nltk

    status = resource_status()
    if status.missing and download:
        config.NLTK_DATA_DIR.mkdir(parents=True, exist_ok=True)
        os.chmod(config.NLTK_DATA_DIR, 0o755)
        for name in status.missing:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nltk.download(name, download_dir=str(config.NLTK_DATA_DIR), quiet=True,
                              raise_on_error=False)
        status = resource_status()
    if status.missing:
        raise MissingResourceError(_missing_message(status.missing))
    if not quiet:
        kind = "typed (multiclass)" if status.multiclass_chunker else "binary only"
        print(f"NLTK resources: all {len(status.found)} found; NE chunker: {kind}.")
    if not status.multiclass_chunker:
        has_multiclass_chunker(warn=True)
    return status
