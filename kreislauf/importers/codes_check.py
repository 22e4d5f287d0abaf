"""Waste codes and sector codes of a region document, checked against the catalogues.

Each function takes the raw value from the document and its path, appends a
:class:`~kreislauf.errors.Problem` for anything wrong (malformed, unknown with a "did you
mean", a hazardous flag that contradicts the code) and returns the normalised value.
Values of the wrong type are left to the schema check and pass through as ``None``.

The catalogues are the project's own (:mod:`kreislauf.catalogues`); the rules for the
hazardous flag are explained in :mod:`kreislauf.importers.region_validation`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kreislauf.errors import InputError, Problem
from kreislauf.importers.region_validation import MSG_HAZ_FALSE, MSG_HAZ_TRUE

Found = tuple[Any, tuple[str, dict[str, Any]] | None]


def _report(found: Found, path: str, problems: list[Problem]) -> Any:
    value, problem = found
    if problem is not None:
        problems.append(Problem(path, problem[0], dict(problem[1])))
    return value


@lru_cache(maxsize=8192)
def _waste_lookup(value: str) -> Found:
    """Looked up once per spelling: real files repeat the same few codes."""
    from kreislauf.catalogues import waste_catalogue
    from kreislauf.core.codes import WASTE_STAR_WRONG, normalize_waste_code

    try:
        written = normalize_waste_code(value)
        entry = waste_catalogue().require(written)
    except InputError as exc:
        return None, (exc.message, dict(exc.params))
    if written.endswith("*") and not entry.hazardous:
        return None, (WASTE_STAR_WRONG, {"code": written, "bare": entry.code})
    return (entry.notation, entry.hazardous, entry.entry == "mirror"), None


def waste_code(value: Any, path: str, problems: list[Problem]) -> tuple[str, bool, bool] | None:
    """``(code, hazardous, mirror)`` for a waste code in any spelling, or None.

    ``code`` is the official form ("13 02 05*"): a missing star on a hazardous code is
    added; a star on a non-hazardous code is a problem.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    found: tuple[str, bool, bool] | None = _report(_waste_lookup(value), path, problems)
    return found


def check_stream_code(
    ewc: Any, hazardous: Any, path: str, problems: list[Problem]
) -> tuple[str | None, bool]:
    """The stream's normalised ``ewc`` and its ``hazardous`` flag, checked together.

    A code of the list's hazardous entries is hazardous whatever the flag says: written
    with its star, ``hazardous: false`` contradicts it and is an error; written without
    the star ("01 05 05" for "01 05 05*"), the code is taken in its official form and the
    stream as hazardous, so that hazardous waste is never treated as harmless.
    """
    flag = hazardous if isinstance(hazardous, bool) else None
    found = waste_code(ewc, f"{path}.ewc", problems)
    if found is None:
        return None, bool(flag)
    code, code_hazardous, mirror = found
    starred = isinstance(ewc, str) and ewc.strip().endswith("*")
    if code_hazardous and flag is False and starred:
        problems.append(Problem(f"{path}.hazardous", MSG_HAZ_FALSE, {"code": code}))
    elif not code_hazardous and flag is True and not mirror:
        problems.append(Problem(f"{path}.hazardous", MSG_HAZ_TRUE, {"code": code}))
    return code, code_hazardous or flag is True


def check_licences(values: Any, path: str, problems: list[Problem]) -> tuple[str, ...]:
    """The licences as official waste codes, duplicates dropped, order kept."""
    if not isinstance(values, list):
        return ()
    out: list[str] = []
    for index, value in enumerate(values):
        found = waste_code(value, f"{path}[{index}]", problems)
        if found is not None and found[0] not in out:
            out.append(found[0])
    return tuple(out)


def check_nace(value: Any, path: str, problems: list[Problem]) -> str | None:
    """A NACE Rev. 2 / WZ 2008 code in its official form ("10.51", "C"), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    code: str | None = _report(_nace_lookup(value), path, problems)
    return code


@lru_cache(maxsize=8192)
def _nace_lookup(value: str) -> Found:
    from kreislauf.catalogues import sector_catalogue
    from kreislauf.core.codes import normalize_nace

    catalogue = sector_catalogue()
    try:
        code = normalize_nace(value)
        sector = catalogue.require(code)
    except InputError as exc:
        parent = _parent_code(value)
        if parent is not None and catalogue.get(parent) is not None:
            return parent, None
        return None, (exc.message, dict(exc.params))
    return str(sector.code), None


def _parent_code(value: str) -> str | None:
    """The group of a class code ("17.10" -> "17.1"), the class of a subclass, or None.

    Codes written with a class the list does not have ("17.10" for the group 17.1, or a
    NACE Rev. 1.1 class such as "24.13") are read as their group where the group exists,
    so that a real data set does not fail on a finer code than the list knows.
    """
    from kreislauf.core.codes import normalize_nace

    try:
        code = normalize_nace(value)
    except InputError:
        return None
    if code.count(".") == 2:
        return code.rsplit(".", 1)[0]
    head, dot, tail = code.partition(".")
    if dot and len(tail) == 2:
        return f"{head}.{tail[0]}"
    return None


__all__ = ["check_licences", "check_nace", "check_stream_code", "waste_code"]
