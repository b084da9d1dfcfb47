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

_SANDBOX = tempfile.mkdtemp(prefix="workbook-tests-")
os.environ["NEWS_WORKBOOK_CACHE"] = os.path.join(_SANDBOX, "processed")
os.environ["NEWS_WORKBOOK_REPORTS"] = os.path.join(_SANDBOX, "reports")
atexit.register(shutil.rmtree, _SANDBOX, True)
