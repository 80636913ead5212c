"""The import rule of the README holds: import-linter's contracts in pyproject.toml are kept."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_import_contract_is_kept():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


APPS = ("config", "demo", "preservation", "api", "portal", "archive", "search", "collection")
# The entry points the contracts allow to reach the tasks: apps -> receivers -> tasks, admin.
ALLOWED = {
    "archive/apps.py": "from . import receivers",
    "archive/receivers.py": "from . import tasks",
    "archive/admin.py": "from . import tasks",
    "search/apps.py": "from . import receivers",
    "search/receivers.py": "from . import tasks",
    "collection/admin/__init__.py": "",
    "collection/admin/bulk.py": "from .. import tasks",
}


def mini_project(root: Path, extra: dict[str, str]) -> Path:
    """A tree with the project's app packages and pyproject.toml, plus `extra` modules."""
    for app in APPS:
        (root / app).mkdir()
        (root / app / "__init__.py").write_text("")
    for relpath, source in {
        **ALLOWED,
        "archive/tasks.py": "",
        "search/tasks.py": "",
        "collection/tasks.py": "",
        **extra,
    }.items():
        (root / relpath).parent.mkdir(exist_ok=True)
        (root / relpath).write_text(source + "\n")
    (root / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    return root


def lint_imports_in(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_project_that_keeps_the_rule_passes(tmp_path):
    extra = {"search/service.py": "import collection", "portal/views.py": "import search, archive"}
    result = lint_imports_in(mini_project(tmp_path, extra))
    assert result.returncode == 0, result.stdout + result.stderr


def test_search_importing_archive_fails(tmp_path):
    result = lint_imports_in(mini_project(tmp_path, {"search/service.py": "import archive.tasks"}))
    assert result.returncode != 0
    assert "search is not allowed to import archive" in result.stdout


def test_collection_importing_an_app_above_it_fails(tmp_path):
    result = lint_imports_in(mini_project(tmp_path, {"collection/models.py": "import demo"}))
    assert result.returncode != 0
    assert "collection is not allowed to import demo" in result.stdout


def test_a_service_importing_its_tasks_fails(tmp_path):
    result = lint_imports_in(mini_project(tmp_path, {"archive/ingest.py": "from . import tasks"}))
    assert result.returncode != 0
    assert "archive.ingest is not allowed to import archive.tasks" in result.stdout


def test_an_import_circle_inside_an_app_fails(tmp_path):
    circle = {"search/outbox.py": "from . import drain", "search/drain.py": "from . import outbox"}
    result = lint_imports_in(mini_project(tmp_path, circle))
    assert result.returncode != 0
    assert "No cycles are allowed in search" in result.stdout


def test_a_collection_service_importing_its_tasks_fails(tmp_path):
    result = lint_imports_in(mini_project(tmp_path, {"collection/bulk.py": "from . import tasks"}))
    assert result.returncode != 0
    assert "collection.bulk is not allowed to import collection.tasks" in result.stdout
