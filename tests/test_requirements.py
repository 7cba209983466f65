"""The dependencies are in order: what the site imports is declared in requirements.in, and the
production lock (requirements.txt) carries no test tools."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_THE_SITE = {"tests", "bench", ".venv", "node_modules", "var", "media"}
TEST_TOOLS = {
    "pytest",
    "pytest-django",
    "pytest-xdist",
    "playwright",
    "hypothesis",
    "noida-db",
    "ruff",
    "wagtail-factories",
    "import-linter",
    "axe-playwright-python",
}


def _names(path: Path) -> set[str]:
    """Lower-case project names listed in a requirements file, before any version or marker."""
    names = set()
    for line in path.read_text().splitlines():
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)", line)
        if match and not line.startswith((" ", "#", "-")):
            names.add(re.sub(r"[._]", "-", match.group(1)).lower())
    return names


def _site_imports() -> set[str]:
    """The top-level modules the site's own code imports (not its tests or benchmarks)."""
    modules = set()
    for path in ROOT.rglob("*.py"):
        if NOT_THE_SITE & set(path.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    return modules


def test_every_package_the_site_imports_is_declared():
    declared = _names(ROOT / "requirements.in")
    distributions = packages_distributions()
    ours = {path.name for path in ROOT.iterdir() if path.is_dir()}
    undeclared = {
        module: distributions[module]
        for module in _site_imports() - ours - set(sys.stdlib_module_names)
        if module in distributions
        and not {re.sub(r"[._]", "-", d).lower() for d in distributions[module]} & declared
    }
    assert not undeclared, f"imported but not in requirements.in: {undeclared}"


def test_a_production_install_has_no_test_tools():
    locked = _names(ROOT / "requirements.txt")
    assert "wagtail" in locked and "django" in locked
    assert not locked & TEST_TOOLS


def test_the_locks_pin_every_package_with_hashes():
    for name in ("requirements.txt", "requirements-dev.txt"):
        text = (ROOT / name).read_text()
        pins = re.findall(r"^[A-Za-z0-9][^\s=]*==\S+", text, re.M)
        assert pins and text.count("--hash=sha256:") >= len(pins), name
