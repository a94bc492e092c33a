"""Link the records of one listed party across lists ("one listed party, one hit").

The UN, UK and OFAC lists name many of the same parties, and the US CSL repeats OFAC's
SDN entries.  Screening should show one party with all its listings, so records are
joined when they share an official reference (a UK or OFAC record citing a UN reference
number, a CSL row citing an OFAC ent_num, a ``same_as`` link such as the FCDO list's
OFSI Group ID) or an exactly equal strong identifier (IMO
number, SWIFT/BIC, passport or registration number with the issuing country).  Only
deliberate, exact evidence links; name similarity is the matcher's business, not ours.
Linking never removes a record: it only records, per id, the ids of its other listings.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

from uavscreen.model import Entity

log = logging.getLogger(__name__)

#: Identifier types that name one party on their own (globally unique numbering).
GLOBAL_IDS = frozenset({"imo", "bic"})
#: Identifier types that are unique only within their issuing country.
NATIONAL_IDS = frozenset({"passport", "registration"})
#: Which list's own ids a reference identifier points to.
REFERENCE_SOURCES = {"un_reference": ("un_sc",), "ofac_ent_num": ("ofac_sdn", "ofac_cons")}
#: A key shared by more records than this is a placeholder ("N/A", "0"), not evidence.
MAX_GROUP = 12

_NOISE = re.compile(r"[\s\-./]+")


def normalise_id(value: str) -> str:
    """Identifier text as compared: upper case without spaces, dashes, dots, slashes."""
    return _NOISE.sub("", value).upper()


def _keys(entity: Entity) -> Iterator[tuple[str, str]]:
    """The exact keys by which ``entity`` can meet its other listings."""
    native = entity.native_id
    if entity.source == "un_sc":
        yield ("un_reference", normalise_id(native))
    if entity.source in ("ofac_sdn", "ofac_cons"):
        yield ("ofac_ent_num", normalise_id(native).lstrip("0"))
    own_un_ref = _own_un_reference(entity)
    if own_un_ref:
        yield ("un_reference", own_un_ref)
    for ident in entity.identifiers:
        value = normalise_id(ident.value)
        if len(value) < 4 and ident.type not in REFERENCE_SOURCES:
            continue  # too short to be a real number
        if ident.type == "ofac_ent_num":
            yield ("ofac_ent_num", value.lstrip("0") or value)
        elif ident.type in GLOBAL_IDS:
            digits = value.removeprefix("IMO") if ident.type == "imo" else value
            yield (ident.type, digits)
        elif ident.type in NATIONAL_IDS and ident.country:
            yield (ident.type, f"{ident.country.upper()}:{value}")


def _own_un_reference(entity: Entity) -> str | None:
    """The UN reference that designates ``entity`` itself.

    National lists cite the party's own UN reference first and then the references of
    associated parties ("UN Ref QDi.271 … associated with QDe.004"); linking on those
    would merge a person with their organisation.  UN references encode the kind:
    ``QDi.271`` is an individual, ``QDe.004`` an entity, so the first reference of the
    record's own kind is its own."""
    if entity.source == "un_sc":
        return None  # its native id already is the reference
    refs = [normalise_id(i.value) for i in entity.identifiers if i.type == "un_reference"]
    if not refs:
        return None
    kind = "I" if entity.schema == "Person" else "E"
    fitting = [r for r in refs if len(r) > 2 and r[2] == kind]
    return (fitting or refs)[0]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            parent = self.parent[item] = self.find(parent)
        return parent

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _source(entity_id: str) -> str:
    return entity_id.split(":", 1)[0]


def link_entities(entities: Sequence[Entity]) -> dict[str, list[str]]:
    """entity id → sorted ids of the other records of the same party (only linked ids).

    Official references are applied first.  A strong identifier then links only when it
    is unambiguous: if one list holds it on two parties that no reference joins (OFAC
    gives two DPRK shipping firms one company IMO number), it proves nothing."""
    by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity in entities:
        for key in _keys(entity):
            by_key[key].add(entity.id)
    groups = _UnionFind()
    shared: list[tuple[tuple[str, str], list[str]]] = []
    for key, id_set in by_key.items():
        if len(id_set) > MAX_GROUP:
            log.info("not linking on %s=%s: shared by %d records", key[0], key[1], len(id_set))
        elif len(id_set) > 1:
            shared.append((key, sorted(id_set)))
    for key, ids in shared:
        if key[0] in REFERENCE_SOURCES:
            for other in ids[1:]:
                groups.union(ids[0], other)
    known = {e.id for e in entities}
    for entity in entities:
        for link in entity.links:  # a list naming its own earlier record (FCDO → OFSI Group ID)
            if link.relation == "same_as" and link.target in known and link.target != entity.id:
                groups.union(entity.id, link.target)
    for key, ids in shared:
        if key[0] in REFERENCE_SOURCES:
            continue
        parties_per_source: dict[str, set[str]] = defaultdict(set)
        for item in ids:
            parties_per_source[_source(item)].add(groups.find(item))
        if len(parties_per_source) < 2 or any(len(p) > 1 for p in parties_per_source.values()):
            continue  # one list only, or one list holds it on distinct parties: ambiguous
        for other in ids[1:]:
            groups.union(ids[0], other)
    members: dict[str, list[str]] = defaultdict(list)
    for item in groups.parent:
        members[groups.find(item)].append(item)
    same_as: dict[str, list[str]] = {}
    for group in members.values():
        if len(group) < 2:
            continue
        if len(group) > MAX_GROUP:
            log.warning("linked group of %d records (%s …): check the shared identifiers", len(group), group[0])
        group.sort()
        for item in group:
            same_as[item] = [other for other in group if other != item]
    return same_as
