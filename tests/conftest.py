"""Shared fixtures: the bundled example corpus, its annotations, the real sample when present."""

from __future__ import annotations

import warnings

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
