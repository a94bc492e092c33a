"""The bundled goods tables are intact and consistent with each other: every tag a
category rule uses is defined somewhere, every family points at a real category, and
everything that states a fact carries its source."""

import hashlib

from uavscreen.data import DATA_DIR, manifest
from uavscreen.goods.categories import load_categories
from uavscreen.goods.parts import load_families
from uavscreen.goods.tables import TABLES, goods_table


def _defined_tags() -> set[str]:
    lex = goods_table("lexicon")
    tags = set(lex["tags"]) | set(lex["patterns"])
    for maker in goods_table("parts")["manufacturers"]:
        tags.update(maker["tags"])
    for fam in goods_table("parts")["families"]:
        if fam["category"].startswith("tag:"):
            tags.add(fam["category"][4:])
    return tags


def test_manifest_matches_files() -> None:
    files = manifest("goods")["files"]
    for name in TABLES:
        raw = (DATA_DIR / "goods" / f"{name}.yaml").read_bytes()
        assert files[f"{name}.yaml"]["sha256"] == hashlib.sha256(raw).hexdigest(), name


def test_every_rule_tag_is_defined() -> None:
    defined = _defined_tags()
    categories = load_categories(goods_table("categories"))
    for cat in categories.values():
        used = {t for r in cat.rules for t in r.need | r.forbid} | set(cat.unless)
        assert used <= defined, (cat.id, sorted(used - defined))


def test_pattern_gates_are_defined_tags() -> None:
    defined = _defined_tags()
    for tag, spec in goods_table("lexicon")["patterns"].items():
        assert set(spec["after"]) <= defined, tag


def test_every_family_has_a_category_and_source() -> None:
    categories = load_categories(goods_table("categories"))
    for fam in load_families(goods_table("parts")):
        assert fam.category in categories or fam.category.startswith("tag:"), fam.name
        assert fam.source.startswith("http"), fam.name


def test_every_category_cites_a_source_and_valid_codes() -> None:
    for cat in load_categories(goods_table("categories")).values():
        assert cat.source.startswith("http"), cat.id
        assert all(a.isdigit() and 2 <= len(a) <= 6 for a in cat.accept), cat.id
