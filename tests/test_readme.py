"""README's map of the apps is the tree's: one line per app, and every app in it, in the order
of the import layers that pyproject.toml pins."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _map_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("Apps, from the top layer down")
    block = readme[start:].split("```")[1]
    return [line for line in block.splitlines() if line.strip()]


def test_every_app_has_one_line_in_the_readme_map():
    mapped = [re.match(r"(\S+)/", line).group(1) for line in _map_lines()]
    apps = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))
    assert sorted(name for name in mapped if (ROOT / name / "apps.py").exists()) == apps
    for name in mapped:
        assert (ROOT / name).is_dir(), f"README maps {name}/, which is not in the tree"


def test_the_readme_map_lists_the_apps_in_their_layers_order():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = config["tool"]["importlinter"]["contracts"][0]
    layers = [name for layer in contract["layers"] for name in layer.split(" | ")]
    mapped = [re.match(r"(\S+)/", line).group(1) for line in _map_lines()]
    assert [name for name in mapped if name in layers] == layers
