"""NLTK resource setup: found when present, a clear message naming each one when not."""

from __future__ import annotations

import nltk
import pytest

from analysis import resources
from analysis.resources import MissingResourceError, ensure_nltk_resources


def test_all_required_resources_found():
    status = ensure_nltk_resources(download=False, quiet=True)
    assert status.missing == [] and set(status.found) == set(resources.REQUIRED)


def test_offline_message_names_each_missing_resource(monkeypatch, tmp_path):
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setattr(resources.config, "NLTK_DATA_DIR", tmp_path / "nltk_data")
    calls = []
    monkeypatch.setattr(nltk, "download", lambda name, **kw: calls.append(name) or False)
    with pytest.raises(MissingResourceError) as info:
        ensure_nltk_resources(quiet=True)
    message = str(info.value)
    assert calls == list(resources.REQUIRED)  # a download was tried for each
    for name in resources.REQUIRED:
        assert f"- {name}" in message
    assert "NLTK_DATA" in message


def test_cli_setup_reports_missing(monkeypatch, tmp_path, capsys):
    from analysis.__main__ import main

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setattr(resources.config, "NLTK_DATA_DIR", tmp_path / "nltk_data")
    assert main(["setup", "--no-download"]) == 1
    assert "punkt_tab" in capsys.readouterr().err


def test_fast_lookup_agrees_with_nltk(tmp_path, monkeypatch):
    from analysis.resources import MULTICLASS_CHUNKER, REQUIRED, _find, _find_fast, _search_path

    resources.register_project_nltk_dir()
    assert set(_search_path()) == set(nltk.data.path)  # the same folders NLTK searches
    for path in [MULTICLASS_CHUNKER, *REQUIRED.values()]:
        assert _find_fast(path) in (None, _find(path) is not None), path
    # a zipped package only NLTK can open: the fast lookup does not guess
    (tmp_path / "chunkers").mkdir()
    (tmp_path / "chunkers" / "maxent_ne_chunker_tab.zip").write_bytes(b"")
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    assert _find_fast("chunkers/maxent_ne_chunker_tab/english_ace_multiclass/") in (None, True)
