"""Shared fixtures: the bundled example corpus, its annotations, the real sample when present."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import warnings

# The tests never read or write the working tree's caches or reports: both go to a folder of
# this session (the notebook kernels the render tests start inherit these variables).
_SANDBOX = tempfile.mkdtemp(prefix="workbook-tests-")
os.environ["NEWS_WORKBOOK_CACHE"] = os.path.join(_SANDBOX, "processed")
os.environ["NEWS_WORKBOOK_REPORTS"] = os.path.join(_SANDBOX, "reports")
atexit.register(shutil.rmtree, _SANDBOX, True)

import pytest

from analysis import config
from analysis.annotation import annotate
from analysis.loading import load_corpus

SEED_000 = "000_811e08c64d177644.txt"  # dateline (TDI), embedded tweet, heading "Core Conflict"
SEED_001 = "001_037f5843df5d877a.txt"  # title/date/URL header, paragraphs repeated, "ANISputnik"

needs_shared_corpus = pytest.mark.skipif(
    not config.SHARED_SAMPLE.exists(), reason=f"shared corpus absent ({config.SHARED_SAMPLE})")


@pytest.fixture(scope="session")
def example_corpus():
    return load_corpus(config.EXAMPLE_CORPUS, progress=False)


@pytest.fixture(scope="session")
def example_ann(example_corpus, tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return annotate(example_corpus.docs, n_jobs=1, progress=False,
                        cache_dir=tmp_path_factory.mktemp("ann-cache"))


def doc_by_file(corpus, name: str):
    """The docs row of the example corpus loaded from file ``name``."""
    rows = corpus.docs[corpus.docs["path"].str.endswith(name)]
    assert len(rows) == 1, name
    return rows.iloc[0]


@pytest.fixture(scope="session")
def sample_corpus():
    if not config.SHARED_SAMPLE.exists():
        pytest.skip(f"shared corpus absent ({config.SHARED_SAMPLE})")
    return load_corpus(config.SHARED_SAMPLE, progress=False)


@pytest.fixture(scope="session")
def sample_ann(sample_corpus):
    """Annotations of the real sample (default cache: slow once, then read back)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return annotate(sample_corpus.docs, progress=False)
