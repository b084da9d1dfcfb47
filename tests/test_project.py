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


DOC_PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


# pages that other branches of issue 23 add; linked from docs/index.md before they land
def _anchors(path) -> set[str]:
    """GitHub's anchors for the headings of a Markdown page."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    anchors = set()
    for heading in re.findall(r"^#+\s+(.+?)\s*$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        anchors.add(slug)
    return anchors


@pytest.mark.parametrize("page", DOC_PAGES, ids=[p.name for p in DOC_PAGES])
def test_relative_links_resolve(page):
    """Every relative link of README.md and docs/*.md names a file (and heading) that exists."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    broken = []
    for target in LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            continue
        file, _, anchor = target.partition("#")
        path = (page.parent / file).resolve() if file else page
        if not path.exists():
            broken.append(target)
        elif anchor and path.suffix == ".md" and anchor not in _anchors(path):
            broken.append(target)
    assert broken == [], f"{page.relative_to(ROOT)}: broken links {broken}"


def test_docs_index_links_every_page():
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([\w.-]+\.md)", index))
    pages = {p.name for p in (ROOT / "docs").glob("*.md")} - {"index.md"}
    assert pages <= linked, f"docs/index.md does not link {sorted(pages - linked)}"


def _public_signatures():
    """(name, signature as written in docs/reference.md) for every public function."""
    import inspect
    import types

    import analysis

    def written(func):
        sig = inspect.signature(func)
        params = [p.replace(annotation=p.empty) for p in sig.parameters.values()
                  if p.name != "self"]
        return str(sig.replace(parameters=params, return_annotation=sig.empty))

    for name in analysis.__all__:
        obj = getattr(analysis, name)
        if isinstance(obj, types.ModuleType):
            for fname, f in inspect.getmembers(obj, inspect.isfunction):
                if not fname.startswith("_") and f.__module__ == obj.__name__:
                    yield f"{name}.{fname}", written(f)
        elif inspect.isclass(obj):
            if not issubclass(obj, BaseException):
                for fname, f in inspect.getmembers(obj, inspect.isfunction):
                    if not fname.startswith("_"):
                        yield f"{name}.{fname}", written(f)
        elif callable(obj):
            yield name, written(obj)


def test_reference_lists_every_public_function_with_its_signature():
    """docs/reference.md writes each public function as `name(options)`, as the code has it."""
    text = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    stale = [f"`{name}{sig}`" for name, sig in _public_signatures() if f"`{name}{sig}`" not in text]
    assert stale == [], "docs/reference.md lacks (or has an old version of) these lines:\n" + \
        "\n".join(stale)
