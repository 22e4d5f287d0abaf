"""The domain core stays pure: it imports no storage, web, CLI, importer or I/O library."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import kreislauf.core

CORE = Path(kreislauf.core.__file__).parent

ALLOWED_THIRD_PARTY = {"numpy", "scipy", "sklearn", "rapidfuzz", "networkx"}
ALLOWED_KREISLAUF = ("kreislauf.core", "kreislauf.errors")
FORBIDDEN_STDLIB = {"sqlite3", "socket", "http", "urllib", "subprocess", "shutil", "tempfile"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def offending_imports(folder: Path) -> list[str]:
    stdlib = set(sys.stdlib_module_names)
    bad: list[str] = []
    for path in sorted(folder.rglob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            if name.startswith(ALLOWED_KREISLAUF) or name == "__future__":
                continue
            if (
                top == "kreislauf"
                or top in FORBIDDEN_STDLIB
                or (top not in stdlib and top not in ALLOWED_THIRD_PARTY)
            ):
                bad.append(f"{path.name}: {name}")
    return bad


def test_core_imports_nothing_but_stdlib_numerics_and_itself() -> None:
    assert offending_imports(CORE) == []


def test_the_check_catches_a_storage_import(tmp_path: Path) -> None:
    (tmp_path / "leaky.py").write_text(
        "from kreislauf.storage.repository import Repository\nimport sqlalchemy\n",
        encoding="utf-8",
    )
    assert offending_imports(tmp_path) == [
        "leaky.py: kreislauf.storage.repository",
        "leaky.py: sqlalchemy",
    ]
