"""Shared fixtures: the bundled example corpus, its annotations, the real sample when present.

Every test that reads ``../shared`` (the corpus sample, the full corpus, the NER gold set)
carries the ``corpus`` marker: skipped when the sample is absent, deselected by
``pytest -m "not corpus"`` (docs/contributing.md).
"""

from __future__ import annotations

import inspect
import json
import os
import re
import warnings
from pathlib import Path

import pytest

from analysis import config
from analysis.annotation import annotate
from analysis.loading import load_corpus

SEED_000 = "000_811e08c64d177644.txt"  # dateline (TDI), embedded tweet, heading "Core Conflict"
SEED_001 = "001_037f5843df5d877a.txt"  # title/date/URL header, paragraphs repeated, "ANISputnik"


# --------------------------------------------------------------------------- corpus marker
def pytest_collection_modifyitems(items):
    """Skip every test marked ``corpus`` when the shared sample is absent."""
    if config.SHARED_SAMPLE.exists():
        return
    skip = pytest.mark.skip(reason=f"shared corpus absent ({config.SHARED_SAMPLE})")
    for item in items:
        if item.get_closest_marker("corpus"):
            item.add_marker(skip)


# code that names one of these reads the shared data
_READS_SHARED = re.compile(r"\bconfig\.SHARED_(?:SAMPLE|CORPUS|NER_GOLD)\b")


def _source(obj) -> str:
    try:
        return inspect.getsource(obj)
    except (OSError, TypeError):
        return ""


def reads_shared_data(item) -> list[str]:
    """Why ``item`` reads ``../shared``: the fixtures (of its whole fixture closure) and
    helpers whose code names ``config.SHARED_SAMPLE/CORPUS/NER_GOLD``, its own code, or a
    parameter that is a path under ``config.SHARED_DIR``. Fixtures looked up at run time
    (``request.getfixturevalue``) are not seen: mark those tests by hand."""
    why = []
    for name in item.fixturenames:
        defs = item._fixtureinfo.name2fixturedefs.get(name)
        if defs and _READS_SHARED.search(_source(defs[-1].func)):
            why.append(f"fixture {name}")
    for value in getattr(getattr(item, "callspec", None), "params", {}).values():
        if isinstance(value, os.PathLike) and config.SHARED_DIR in Path(value).parents:
            why.append(f"parameter {value}")
    function = getattr(item, "function", None)
    code = _source(function)
    if _READS_SHARED.search(code):
        why.append("its own code")
    module = inspect.getmodule(function)
    for name, helper in vars(module).items() if module else ():
        if (inspect.isfunction(helper) and helper is not function and
                re.search(rf"\b{re.escape(name)}\(", code) and
                _READS_SHARED.search(_source(helper))):
            why.append(f"helper {name}")
    return why


def pytest_collection_finish(session):
    """With ``CORPUS_MARKER_AUDIT=<file>``: write, for every collected test, whether it
    carries the ``corpus`` marker and why it reads shared data (tests/test_corpus_marker.py)."""
    path = os.environ.get("CORPUS_MARKER_AUDIT")
    if not path:
        return
    rows = [{"test": item.nodeid, "marked": item.get_closest_marker("corpus") is not None,
             "reads_shared": reads_shared_data(item)} for item in session.items]
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(rows, fh)


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


# --------------------------------------------------------------------------- Dask backend
@pytest.fixture(scope="session")
def dask_client():
    """An in-process LocalCluster with 2 workers (threads), the default client while used."""
    from distributed import Client, LocalCluster

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                               dashboard_address=None)
        client = Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="session")
def example_parts(example_ann):
    """The example corpus's annotations split into 2 partitions (one document each)."""
    from analysis.model import partition

    return partition(example_ann, parts=2)


@pytest.fixture(scope="session")
def sample_parts(sample_corpus, sample_ann, dask_client):
    """The real sample annotated into a store of 7 parts on the 2-worker cluster (its
    per-document cache is sample_ann's, so only the entity cleaning runs again)."""
    from analysis import store

    size, store.PART_DOCS = store.PART_DOCS, 160
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ann = annotate(sample_corpus.docs, progress=False,
                           dask=dask_client.scheduler.address)
    finally:
        store.PART_DOCS = size
    assert len(ann.parts) == 7
    return ann


@pytest.fixture(scope="session")
def assert_same_result():
    """``assert_same_result(got, expected)``: a fixture, since tests/ is no package."""
    return _assert_same_result


def _assert_same_result(got, expected):
    """Dask result equals the pandas one: same rows, order and dtypes; counts exact,
    floats within 1e-9 (relative)."""
    import pandas as pd

    if isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(got.reset_index(drop=True),
                                      expected.reset_index(drop=True),
                                      check_exact=False, rtol=1e-9, atol=1e-12)
    elif isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(got, expected, check_exact=False, rtol=1e-9, atol=1e-12)
    else:
        assert got == expected


@pytest.fixture(scope="session")
def sample_gaps(sample_ann):
    """The sample with some dates (NaT) and sources (NA) missing, and 5 in-memory parts of it."""
    import dataclasses

    import pandas as pd

    from analysis.model import partition

    docs = sample_ann.docs.copy()
    docs.loc[docs.index % 17 == 3, "date"] = pd.NaT
    docs.loc[docs.index % 23 == 5, "source"] = pd.NA
    ann = dataclasses.replace(sample_ann, docs=docs)
    return ann, partition(ann, parts=5)
