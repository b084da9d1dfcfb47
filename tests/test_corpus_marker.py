"""Every test that reads ``../shared`` carries the ``corpus`` marker, so that
``pytest -m "not corpus"`` runs nothing that needs the shared data."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from analysis import config


def test_every_test_reading_shared_data_is_marked_corpus(tmp_path):
    audit = tmp_path / "audit.json"
    env = {**os.environ, "CORPUS_MARKER_AUDIT": str(audit)}
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                           "-p", "no:cacheprovider", "tests"], check=False,
                          cwd=config.PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    rows = json.loads(audit.read_text(encoding="utf-8"))
    readers = [r for r in rows if r["reads_shared"]]
    # the audit sees the shared fixtures (else it would pass vacuously)
    assert any("fixture sample_corpus" in r["reads_shared"] for r in readers)
    assert any("fixture sample_parts" in " ".join(r["reads_shared"]) or
               "fixture sample_corpus" in r["reads_shared"] for r in readers
               if "test_dask" in r["test"])
    unmarked = {r["test"]: r["reads_shared"] for r in readers if not r["marked"]}
    assert not unmarked, unmarked
