"""Run before any test or doctest (``tests/`` and the ``>>>`` examples of ``analysis/``).

The tests never read or write the working tree's caches or reports: both go to a
folder of this session (the notebook kernels the render tests start inherit
these variables, as :mod:`analysis.config` reads them when a path is used).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

_SANDBOX = tempfile.mkdtemp(prefix="workbook-tests-")
os.environ["NEWS_WORKBOOK_CACHE"] = os.path.join(_SANDBOX, "processed")
os.environ["NEWS_WORKBOOK_REPORTS"] = os.path.join(_SANDBOX, "reports")
atexit.register(shutil.rmtree, _SANDBOX, True)


# --------------------------------------------------------------------------- doctest names
# The ``>>>`` examples of ``analysis/`` run on the bundled example corpus (data/raw, two
# articles). The names they use are built once per session, and only when a doctest runs.

@pytest.fixture(scope="session")
def _example_names(tmp_path_factory):
    """``corpus``, ``ann``, ``tmp``, ``pd``, ``np``, ``config`` and the public API."""
    import warnings

    import numpy as np
    import pandas as pd

    import analysis
    from analysis import annotate, config, load_corpus

    corpus = load_corpus(config.EXAMPLE_CORPUS, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(corpus.docs, progress=False, n_jobs=1)  # the session's cache folder
    names = {name: getattr(analysis, name) for name in analysis.__all__}
    names.update(corpus=corpus, ann=ann, pd=pd, np=np, config=config,
                 tmp=tmp_path_factory.mktemp("doctest"))
    return names


@pytest.fixture(autouse=True)
def _doctest_names(request):
    """Fill ``doctest_namespace`` for the ``>>>`` examples (other tests skip the build);
    print tables 80 characters wide whatever the terminal; close the figures an example drew."""
    from _pytest.doctest import DoctestItem

    if not isinstance(request.node, DoctestItem):
        yield
        return
    names = request.getfixturevalue("_example_names")
    request.getfixturevalue("doctest_namespace").update(names)
    with names["pd"].option_context("display.width", 80, "display.max_columns", 20):
        yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
