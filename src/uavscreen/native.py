"""The modules of the name-matching hot path that the build compiles to C with mypyc
(``setup.py``), and the guard that keeps a compiled module from outliving its source.

Compiling them makes a first pass of queries ~15 % faster with identical results (see
``docs/benchmarks.md``); without a C compiler the build installs them as plain Python.
Python imports a module's compiled file before its ``.py``: after an edit or a ``git
pull``, a development checkout would silently run the old code.  :func:`check` (run when
``uavscreen`` is imported) refuses that with a message saying how to rebuild.

This module imports only the standard library: ``setup.py`` reads :data:`COMPILED`
from it before any dependency is installed.
"""

from __future__ import annotations

import importlib.machinery
import sys
from pathlib import Path

COMPILED = (
    "matching/score.py",
    "matching/match.py",
    "matching/index.py",
    "names/keys.py",
    "names/prepare.py",
    "names/legal_forms.py",
    "names/org_words.py",
    "names/script.py",
    "names/korean.py",
    "names/translit.py",
)
"""Paths, relative to the package, of the modules compiled: the hot path of matching
(retrieval, name comparison, reading the query)."""

PACKAGE = Path(__file__).resolve().parent

_SLACK = 2.0
"""Seconds a source may be newer than its compiled file without being an edit: an
installer writes a package's files one after another."""


class StaleBuildError(ImportError):
    """A compiled module is older than its source."""


def compiled_file(source: Path) -> Path | None:
    """The compiled extension beside ``source`` (``score.cpython-311-….so``), if any."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = source.with_name(source.stem + suffix)
        if candidate.exists():
            return candidate
    return None


def stale(package: Path = PACKAGE) -> list[tuple[Path, Path]]:
    """(source, compiled file) of every compiled module whose source changed after it
    was compiled."""
    found = []
    for relative in COMPILED:
        source = package / relative
        built = compiled_file(source)
        if built is not None and source.exists() and source.stat().st_mtime > built.stat().st_mtime + _SLACK:
            found.append((source, built))
    return found


def in_use() -> dict[str, bool]:
    """Per compiled module already imported, whether it runs compiled (``bench/`` prints
    this beside its figures)."""
    out = {}
    for relative in COMPILED:
        name = "uavscreen." + relative.removesuffix(".py").replace("/", ".")
        module = sys.modules.get(name)
        if module is not None:
            out[name] = not str(getattr(module, "__file__", "")).endswith(".py")
    return out


def check(package: Path = PACKAGE) -> None:
    """Raise :class:`StaleBuildError` naming the sources edited since the build."""
    found = stale(package)
    if found:
        names = ", ".join(str(source.relative_to(package.parent)) for source, _ in found)
        raise StaleBuildError(
            f"{names} changed after being compiled: Python would run the old compiled code. "
            "Rebuild with `make build` (or `pip install -e .`), or remove the compiled "
            "files with `make clean-native` to run the plain Python.")
