"""Loading the knowledge base: the package's YAML files plus the facilitators' own.

The package ships ``kreislauf/data/knowledge/*.yaml``; facilitators add files in the same
format to ``<data_dir>/knowledge/`` (or pass folders as ``extra_dirs``) without touching
code. Every file is validated; problems name the file, the entry and the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kreislauf.core.knowledge import KnowledgeBase, build_knowledge_base
from kreislauf.errors import Problem, ValidationError
from kreislauf.settings import get_settings

Document = tuple[str, Any]

# libyaml's C loader where PyYAML was built with it: the same safe subset, ten times faster
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def package_files() -> list[tuple[str, str]]:
    """(file name, text) of the shipped knowledge files, sorted by name."""
    folder = resources.files("kreislauf") / "data" / "knowledge"
    found: list[tuple[str, str]] = []
    if folder.is_dir():
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".yaml", ".yml")):
                found.append((entry.name, entry.read_text(encoding="utf-8")))
    return found


def _folder_files(folder: Path) -> list[tuple[str, str]]:
    if not folder.is_dir():
        return []
    return [
        (str(path), path.read_text(encoding="utf-8"))
        for path in sorted(folder.iterdir())
        if path.suffix in (".yaml", ".yml") and path.is_file()
    ]


def parse_documents(files: Iterable[tuple[str, str]]) -> list[Document]:
    """Parse YAML texts; a file that is not YAML becomes a problem naming it."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for name, text in files:
        try:
            documents.append((name, yaml.load(text, Loader=_LOADER)))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark is not None else ""
            problems.append(
                Problem(
                    name,
                    "is not valid YAML{where}: {detail}",
                    {"where": where, "detail": str(exc).splitlines()[0]},
                )
            )
    if problems:
        raise ValidationError(problems, source="knowledge base")
    return documents


def _known_code() -> Callable[[str], bool] | None:
    """The waste catalogue's membership test, where the catalogue is available."""
    try:
        from kreislauf.catalogues import waste_catalogue
    except ImportError:  # pragma: no cover - the catalogue ships with the package
        return None
    catalogue = waste_catalogue()
    return lambda code: code in catalogue


def _folder_key(folder: Path) -> tuple[str, tuple[tuple[str, float], ...]]:
    if not folder.is_dir():
        return (str(folder), ())
    return (
        str(folder),
        tuple(
            (p.name, p.stat().st_mtime)
            for p in sorted(folder.iterdir())
            if p.suffix in (".yaml", ".yml")
        ),
    )


@lru_cache(maxsize=8)
def _load(keys: tuple[tuple[str, tuple[tuple[str, float], ...]], ...]) -> KnowledgeBase:
    files = package_files()
    for folder, _ in keys:
        files.extend(_folder_files(Path(folder)))
    return build_knowledge_base(parse_documents(files), known_code=_known_code())


def load_knowledge_base(extra_dirs: Iterable[Path | str] = ()) -> KnowledgeBase:
    """The knowledge base: shipped files, ``<data_dir>/knowledge/*.yaml`` and
    ``extra_dirs``; cached until one of the facilitators' files changes.

    Raises :class:`ValidationError` naming file, entry and field.
    """
    folders = [get_settings().data_dir / "knowledge", *(Path(d) for d in extra_dirs)]
    return _load(tuple(_folder_key(f) for f in folders))


def clear_cache() -> None:
    _load.cache_clear()


__all__ = ["clear_cache", "load_knowledge_base", "package_files", "parse_documents"]
