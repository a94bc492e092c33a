"""The goods screen's bundled tables (``data/goods/*.yaml``), read once and checked
against ``data/goods/MANIFEST.json`` so an edited or corrupt install fails loudly."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from uavscreen.data import verified_bytes

TABLES = ("lexicon", "categories", "parts")


@cache
def goods_table(name: str) -> dict[str, Any]:
    """``lexicon``, ``categories`` or ``parts`` as parsed YAML."""
    if name not in TABLES:
        raise KeyError(f"no goods table {name!r}; known: {', '.join(TABLES)}")
    data = yaml.safe_load(verified_bytes("goods", f"{name}.yaml"))
    if not isinstance(data, dict):
        raise RuntimeError(f"bundled goods table {name}.yaml is not a mapping")
    return data


def write_manifest() -> None:
    """Maintainer's step after editing a table: record each file's sha256
    (``python -m uavscreen.goods.tables``)."""
    import hashlib
    import json
    from datetime import date

    from uavscreen.data import DATA_DIR

    folder = DATA_DIR / "goods"
    path = folder / "MANIFEST.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    files = {}
    for name in TABLES:
        raw = (folder / f"{name}.yaml").read_bytes()
        sha = hashlib.sha256(raw).hexdigest()
        prev = old.get("files", {}).get(f"{name}.yaml", {})
        files[f"{name}.yaml"] = {
            "sha256": sha,
            "source": "curated for uavscreen from the public sources cited in the file",
            "date": prev.get("date") if prev.get("sha256") == sha else date.today().isoformat(),
        }
    manifest = {"description": "Goods-screening tables: multilingual lexicon, component categories, "
                               "part-number families and makers", "files": files}
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_manifest()
