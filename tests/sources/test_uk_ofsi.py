"""UK OFSI ConList loader, against the real 2025-04-14 ConList.xlsx (and the same data as CSV)."""

from __future__ import annotations

import csv
import gzip
import re
from collections import Counter, defaultdict
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import LISTS
from uavscreen.model import Entity, NameKind
from uavscreen.sources import uk_ofsi
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import read_head

XLSX = LISTS / "uk" / "2025-04-14" / "ConList.xlsx"


def _load(path: Path) -> list[Entity]:
    return list(uk_ofsi.load(Snapshot("uk_ofsi", uk_ofsi.NAME, "2025-04-14", [path])))


@pytest.fixture(scope="module")
def raw_rows() -> list[tuple[str | None, ...]]:
    """Every row of the sheet, read with plain openpyxl (independent of the loader)."""
    workbook = openpyxl.load_workbook(XLSX, read_only=True)
    rows = [tuple(None if v is None else str(v) for v in r) for r in workbook["Data"].iter_rows(values_only=True)]
    workbook.close()
    return rows


@pytest.fixture(scope="module")
def entities() -> dict[str, Entity]:
    return {e.id: e for e in _load(XLSX)}


@pytest.fixture(scope="module")
def csv_copy(raw_rows: list[tuple[str | None, ...]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same data as OFSI's ConList.csv: row 1 'Last Updated', row 2 the header."""
    path = tmp_path_factory.mktemp("uk") / "ConList.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for row in raw_rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def test_claim_and_version(csv_copy: Path) -> None:
    assert uk_ofsi.claim(XLSX, read_head(XLSX)) == "uk_ofsi"
    assert uk_ofsi.claim(csv_copy, read_head(csv_copy)) == "uk_ofsi"
    assert uk_ofsi.claim(Path("other.csv"), b"a,b,c\n") is None
    assert uk_ofsi.version(Snapshot("uk_ofsi", uk_ofsi.NAME, "", [XLSX])) == "2025-04-14"


def test_counts_match_raw_sheet(entities: dict[str, Entity], raw_rows: list[tuple[str | None, ...]]) -> None:
    assert raw_rows[0][:2] == ("Last Updated", "14/04/2025")
    header = raw_rows[1]
    data = [dict(zip(header, r, strict=False)) for r in raw_rows[2:]]
    assert len(data) == 18_798  # name rows (SOURCES.md)
    types = {row["Group ID"]: row["Group Type"] for row in data}
    assert len(types) == 4_688
    assert Counter(types.values()) == {"Individual": 3663, "Entity": 1010, "Ship": 15}
    assert len(entities) == 4_688
    assert Counter(e.schema for e in entities.values()) == {"Person": 3663, "Organization": 1010, "Vessel": 15}
    assert Counter(row["Alias Type"] for row in data) == {
        "Primary name": 5783, "Primary name variation": 5212, "AKA": 7776, "FKA": 27}

    # Rows repeat a name once per address and regime: the distinct names per group, by the
    # list's own alias type (and quality for AKAs), are what the entities must hold.
    expected: dict[str, set[tuple[str, str]]] = defaultdict(set)
    scripts: dict[str, set[str]] = defaultdict(set)
    for row in data:
        full = " ".join(" ".join(row[c].split()) for c in
                        ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6") if row[c] and row[c].strip())
        label = row["Alias Type"]
        if label not in ("Primary name", "FKA"):  # variations and AKAs: quality decides
            label = "low" if row["Alias Quality"] == "Low quality" else "other"
        expected[row["Group ID"]].add((full, label))
        if row["Name Non-Latin Script"]:
            scripts[row["Group ID"]].add(" ".join(row["Name Non-Latin Script"].split()))
    label_to_kind = {"Primary name": "primary", "FKA": "former", "other": "strong_alias", "low": "weak_alias"}
    expected_pairs = {(g, n, label_to_kind[label]) for g, names in expected.items() for n, label in names}
    loaded_pairs = {(e.native_id, n.value, n.kind.value) for e in entities.values() for n in e.names
                    if n.kind is not NameKind.ORIGINAL_SCRIPT}
    assert loaded_pairs == expected_pairs
    assert sum(len(e.names) for e in entities.values()) == len(expected_pairs) + sum(map(len, scripts.values()))


def test_csv_gives_the_same_entities(entities: dict[str, Entity], csv_copy: Path) -> None:
    from_csv = _load(csv_copy)
    assert len(from_csv) == len(entities)
    for e in from_csv[:300] + from_csv[-300:]:
        assert e.to_dict() == entities[e.id].to_dict()


def test_gzipped_csv(csv_copy: Path, tmp_path: Path, entities: dict[str, Entity]) -> None:
    gz = tmp_path / "ConList.csv.gz"
    gz.write_bytes(gzip.compress(csv_copy.read_bytes()))
    assert uk_ofsi.claim(gz, read_head(gz)) == "uk_ofsi"
    assert len(_load(gz)) == len(entities)


# --------------------------------------------------------------------------- spot checks


def test_qods_aviation_industries(entities: dict[str, Entity]) -> None:
    e = entities["uk_ofsi:16138"]
    assert e.schema == "Organization"
    assert e.caption == "QODS AERONAUTICS INDUSTRIES (QAI)"
    kinds = {n.value: n.kind for n in e.names}
    assert kinds["QODS AVIATION INDUSTRIES"] is NameKind.STRONG_ALIAS
    assert kinds["GHODS AVIATION INDUSTRIES"] is NameKind.STRONG_ALIAS
    assert e.programs == ["Iran (Nuclear)"]
    assert e.listed_on == "2023-10-18"
    assert [a.street for a in e.addresses] == [
        "Unit 207, Tarajit Maydane Taymori (or Teimori) Square, Basiri Building, Tarasht",
        "Km 5 Karaj Special Road, P.O. Box 15875-1834"]
    assert {a.city for a in e.addresses} == {"Tehran"} and e.countries == ["IR"]
    assert e.properties["uk_sanctions_list_ref"] == ["INU0253"]
    assert e.properties["date_designated"] == ["2023-10-18"]


def test_shahed_aviation_industries(entities: dict[str, Entity]) -> None:
    e = entities["uk_ofsi:15607"]
    assert e.caption == "SHAHED AVIATION INDUSTRIES"
    assert e.programs == ["Russia"]
    assert e.properties["uk_sanctions_list_ref"] == ["RUS1655"]
    assert "unmanned aerial vehicle" in e.properties["uk_statement_of_reasons"][0]


def test_irgc_aerospace_force(entities: dict[str, Entity]) -> None:
    e = entities["uk_ofsi:10660"]
    assert e.caption == "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC) AEROSPACE FORCE"
    assert "IRGC AEROSPACE FORCE" in {n.value for n in e.names}
    assert e.properties["type_of_entity"] == ["Military"]
    assert e.properties["parent_company"] == ["Islamic Revolutionary Guard Corps"]


def test_irgc_asf_ssjo_persian_name(entities: dict[str, Entity]) -> None:
    e = entities["uk_ofsi:16062"]
    original = [n for n in e.names if n.kind is NameKind.ORIGINAL_SCRIPT]
    assert [(n.value, n.script, n.lang) for n in original] == [
        ("نیروی هوافضای سپاه پاسداران انقلاب اسلامی", "Arabic", "fas")]
    assert e.programs == ["Russia"] and e.listed_on == "2023-08-08"


def test_irgc_qods_force_two_regimes(entities: dict[str, Entity]) -> None:
    e = entities["uk_ofsi:11241"]
    assert sorted(e.programs) == ["Iran (Nuclear)", "Syria"]
    assert e.listed_on == "2010-07-27"  # earliest of the two regimes' dates
    assert e.properties["uk_sanctions_list_ref"] == ["INU0082", "SYR0310"]
    assert {n.value for n in e.names if n.kind is NameKind.PRIMARY} == {
        "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC) QODS FORCE", "ISLAMIC REVOLUTIONARY GUARDS CORPS - QODS FORCE"}


def test_ship_with_imo(entities: dict[str, Entity]) -> None:
    e = entities["uk_ofsi:13651"]
    assert e.schema == "Vessel"
    assert e.caption == "SAM JONG 2"
    assert [(i.type, i.value) for i in e.identifiers] == [("imo", "7408873")]
    assert e.properties["flag_of_ship"] == ["North Korea"]
    assert e.properties["tonnage_of_ship"] == ["1676"]
    assert e.properties["year_built"] == ["1975"]
    assert e.properties["current_owners"] == ["Korea Samjong Shipping"]
    assert [link.target for link in e.links] == ["uk_ofsi:13635"]
    vessels = [e for e in entities.values() if e.schema == "Vessel"]
    assert all(any(i.type == "imo" for i in v.identifiers) for v in vessels)


def test_person_with_documents_and_un_ref(entities: dict[str, Entity]) -> None:
    e = entities["uk_ofsi:7059"]
    assert e.caption == "Said BAHAJI"
    assert e.names[3].parts == {"name1": "Said", "name6": "BAHAJI"}
    assert [(b.value, b.original) for b in e.birth_dates] == [("1975-07-15", "15/07/1975")]
    assert e.birth_places == ["Haselünne, Lower Saxony, Germany"]
    assert e.nationalities == ["DE", "MA"]
    passports = [(i.value, i.note) for i in e.identifiers if i.type == "passport"]
    assert passports == [("28642163", "German provisional. Issued by the city of Hamburg"),
                         ("954242", "Moroccan. Issued on 28 June 1995 in Meknas, Morocco. Expired")]
    assert [i.value for i in e.identifiers if i.type == "un_reference"] == ["QDi.080"]
    assert e.addresses[0].postal_code == "21073"


def test_partial_birth_date(entities: dict[str, Entity]) -> None:
    e = entities["uk_ofsi:12629"]
    assert ("1977-08", "00/08/1977") in [(b.value, b.original) for b in e.birth_dates]
    assert e.birth_dates[0].precision == "month"


def test_weak_aliases_and_gender(entities: dict[str, Entity]) -> None:
    e = entities["uk_ofsi:13130"]
    kinds = {n.value: n.kind for n in e.names}
    assert kinds["Abou AAYADH"] is NameKind.WEAK_ALIAS
    assert kinds["Saifallah BEN HASSINE"] is NameKind.STRONG_ALIAS
    assert kinds["Seifallah Ben Omar Ben Mohamed BEN HASSINE"] is NameKind.PRIMARY
    assert e.properties["uk_sanctions_list_ref"] == ["AQD0313"]
    assert entities["uk_ofsi:15672"].gender == "male"  # from "(Gender):Male" in Other Information


def test_un_references_link_to_un_list(entities: dict[str, Entity],
                                       raw_rows: list[tuple[str | None, ...]]) -> None:
    index = raw_rows[1].index("Other Information")
    group = raw_rows[1].index("Group ID")
    expected = {(r[group], ref) for r in raw_rows[2:]
                for m in re.finditer(r"\(UN Ref\):\s*((?:[A-Z]{2}[ie]\.\d+(?:\s*(?:and|,)\s*)?)+)", r[index] or "")
                for ref in re.findall(r"[A-Z]{2}[ie]\.\d+", m.group(1))}
    loaded = {(e.native_id, i.value) for e in entities.values() for i in e.identifiers if i.type == "un_reference"}
    assert loaded == expected
    assert len(loaded) > 800


# --------------------------------------------------------------------------- bad input


def _csv(tmp_path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path = tmp_path / "ConList.csv"
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


HEADER = ("Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,"
          "Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,"
          "Passport Details,National Identification Number,National Identification Details,Position,"
          "Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,"
          "Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,"
          "UK Sanctions List Date Designated,Last Updated,Group ID")
ROW = "ZAHEDI,Mohammad,,,,,,,,,01/01/1960,,,Iran,,,,,,,,,,,,,,(UN Ref):IRi.999,Individual,Primary name,,Iran,01/01/2020,01/01/2020,01/01/2020,{gid}"


def test_bad_group_id_is_located(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["Last Updated,01/02/2025", HEADER, ROW.format(gid="1"), ROW.format(gid="x7")])
    with pytest.raises(SourceError, match=r"ConList.csv, row 4: Group ID missing or not a number: 'x7'"):
        _load(path)


def test_unknown_group_type(tmp_path: Path) -> None:
    row = ROW.format(gid="5").replace("Individual", "Aircraft")
    with pytest.raises(SourceError, match=r"row 3 \(Group ID 5\): unknown Group Type 'Aircraft'"):
        _load(_csv(tmp_path, ["Last Updated,01/02/2025", HEADER, row]))


def test_missing_header(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no ConList header row"):
        _load(_csv(tmp_path, ["Last Updated,01/02/2025", "a,b,c", ROW.format(gid="1")]))


def test_wrong_encoding(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["Last Updated,01/02/2025", HEADER, ROW.format(gid="1").replace("ZAHEDI", "ZÄHEDI")],
                encoding="latin-1")
    with pytest.raises(SourceError, match=r"line 3: not UTF-8"):
        _load(path)


def test_extra_cells(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"row 3: 37 cells, header has 36"):
        _load(_csv(tmp_path, ["Last Updated,01/02/2025", HEADER, ROW.format(gid="1") + ",extra"]))


def test_small_csv_round_trip(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["Last Updated,01/02/2025", HEADER, ROW.format(gid="1")])
    (e,) = _load(path)
    assert e.id == "uk_ofsi:1" and e.caption == "Mohammad ZAHEDI"
    assert [(i.type, i.value) for i in e.identifiers] == [("un_reference", "IRi.999")]
    assert e.nationalities == ["IR"] and e.birth_dates[0].value == "1960-01-01"
    assert uk_ofsi.version(Snapshot("uk_ofsi", uk_ofsi.NAME, "", [path])) == "2025-02-01"


def test_truncated_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "ConList.xlsx"
    path.write_bytes(XLSX.read_bytes()[: 1_000_000])
    with pytest.raises(SourceError, match="ConList.xlsx"):
        _load(path)
