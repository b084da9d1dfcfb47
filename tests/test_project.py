"""The project's shape: layout, dependency lists in sync, notebooks committed clean."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import subprocess
import tomllib

import pytest
import yaml

from analysis import config

ROOT = config.PROJECT_ROOT
NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


def test_layout():
    for name in ("notebooks", "analysis", "data", "reports", "tests", "environment.yml",
                 "pyproject.toml", "Makefile", "README.md", ".ci/run", ".gitignore"):
        assert (ROOT / name).exists(), name


def _name_spec(req: str) -> tuple[str, str]:
    # extras (dask[dataframe]) are pip's; conda's package of that name has them
    m = re.match(r"^\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*(.*)$", req)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(map(_name_spec, project["dependencies"] + project["optional-dependencies"]["dev"]))
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    conda, pip = {}, None
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip = dep["pip"]
        else:
            name, spec = _name_spec(dep)
            conda[name] = spec
    assert pip == ["-e ."]
    assert conda.pop("python") == ">=" + project["requires-python"].removeprefix(">=")
    conda.pop("pip")
    assert conda == wanted


def test_seeds_are_bundled_unmodified():
    names = sorted(p.name for p in config.RAW_DIR.glob("*.txt"))
    assert names == ["000_811e08c64d177644.txt", "001_037f5843df5d877a.txt"]
    shared = config.SHARED_DIR / "seeds"
    if shared.exists():
        for name in names:
            digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
            assert digest(config.RAW_DIR / name) == digest(shared / name)


def test_generated_folders_are_ignored():
    out = subprocess.run(["git", "check-ignore", "data/processed/x.parquet", "reports/a.html",
                          "data/nltk_data/x", ".venv/x"], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.split() == ["data/processed/x.parquet", "reports/a.html",
                                  "data/nltk_data/x", ".venv/x"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_committed_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is code[0], "first code cell must be the parameters cell"
    source = "".join(tagged[0]["source"])
    tree = ast.parse(source)
    for node in tree.body:  # literals only, each with a type hint
        assert isinstance(node, ast.AnnAssign), ast.unparse(node)
        ast.literal_eval(node.value)
    for line in source.splitlines():
        assert "#" in line, f"parameter without a comment: {line}"
    assert "corpus" in {n.target.id for n in tree.body}


def test_import_analysis_does_not_load_pyplot():
    import sys

    code = ("import sys, analysis; assert 'matplotlib.pyplot' not in sys.modules; "
            "from analysis import plots; assert 'matplotlib.pyplot' in sys.modules; "
            "assert analysis.plots is plots")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_chromium_is_a_setup_step_not_a_test_fixture():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^browser:", makefile, re.M) and re.search(r"^test: .*browser", makefile, re.M)
    # no test runs a package manager: tests/ never calls apt-get
    command = '["' + "apt-get" + '"'  # spelled in two parts so this file does not match itself
    for path in (ROOT / "tests").glob("*.py"):
        assert command not in path.read_text(encoding="utf-8"), path.name


def test_ci_script_runs_make_test():
    text = (ROOT / ".ci" / "run").read_text()
    assert "make test" in text and "NLTK_DATA" in text
    assert "exit 5" in (ROOT / "Makefile").read_text() or "-eq 5" in (ROOT / "Makefile").read_text()


def test_tests_write_nothing_into_the_working_tree(monkeypatch, tmp_path):
    # conftest.py points the caches and the reports at a folder of the test session ...
    for folder in (config.PROCESSED_DIR, config.REPORTS_DIR):
        assert ROOT.resolve() not in folder.resolve().parents, folder
    # ... read when used, not frozen at import
    monkeypatch.setenv("NEWS_WORKBOOK_CACHE", str(tmp_path / "elsewhere"))
    assert config.PROCESSED_DIR == tmp_path / "elsewhere"
    monkeypatch.delenv("NEWS_WORKBOOK_REPORTS")
    assert config.REPORTS_DIR == ROOT / "reports"
    # and CI fails when a run leaves anything behind in the clone
    assert "git status --porcelain" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_papermill_sees_every_parameter(path):
    """papermill skips lines with a second '=' (e.g. in a comment): every name must be seen."""
    import papermill

    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
    names = {n.target.id for n in ast.parse("".join(cell["source"])).body}
    assert set(papermill.inspect_notebook(str(path))) == names
