"""``Matcher``: the public party-matching engine behind ``Screener.match_party``.

It retrieves candidates from the :class:`NameIndex`, scores each candidate entity
(``score.py``), joins the listings of one party (``Dataset.same_as``) into one hit,
and explains every score feature by feature.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from uavscreen.matching.index import NameIndex, Scope, build_index
from uavscreen.matching.score import (
    MATCH_THRESHOLD,
    NAME_WEIGHT,
    NameScore,
    date_agreement,
    name_similarity,
    schemas_compatible,
)
from uavscreen.model import Entity, MatchHit
from uavscreen.names.prepare import PreparedName, prepare_query
from uavscreen.names.translit import warm_up
from uavscreen.sources.base import Dataset
from uavscreen.sources.linking import normalise_id

MATCHER_VERSION = "uavscreen-match-1"
FULL_SCORE_ROWS = 10
_SET_QUOTA = 7  # of the FULL_SCORE_ROWS entities, how many the token-set ranking picks
_RARE_QUOTA = 1  # entities beyond FULL_SCORE_ROWS picked by the query's rarest word
STRONG_IDENTIFIERS = frozenset({"imo", "passport", "national_id", "registration", "tax", "bic", "mmsi"})
_SCHEMA_MISMATCH = 0.7
_PAIR_MEMO_SIZE = 200_000  # word pairs kept (~60 MB at most); emptied when full
_DOB_DETAIL = {1.0: "agrees", 0.0: "not compared", -0.5: "a few years apart", -1.0: "conflicts"}


def normalise_identifier(value: str) -> str:
    """An identifier as linking compares it, with an "IMO" prefix dropped."""
    return normalise_id(value).removeprefix("IMO")


@dataclass(slots=True)
class _Scored:
    """One entity's score and the side-information agreement behind it."""

    entity: int
    name: NameScore
    row: int
    score: float
    dob: float
    dob_detail: str
    country: int
    identifier: int
    schema_ok: bool


@dataclass(slots=True)
class _EntityFacts:
    dobs: tuple[tuple[str, bool], ...]
    countries: frozenset[str]
    identifiers: frozenset[str]


def _facts(e: Entity) -> _EntityFacts:
    ids = {normalise_identifier(i.value) for i in e.identifiers if i.type in STRONG_IDENTIFIERS}
    return _EntityFacts(
        dobs=e.comparable_birth_dates(),
        countries=frozenset(e.country_codes()),
        identifiers=frozenset(i for i in ids if len(i) >= 5),
    )


def _party_facts(entities: Sequence[Entity], same_as: Mapping[str, Sequence[str]],
                 by_id: Mapping[str, int]) -> list[_EntityFacts]:
    """Each listing's facts joined with those of the party's other listings (linked on
    exact evidence: ``Dataset.same_as``): one party, one set of birth dates, countries
    and identifiers, whichever list states them (OFAC's KHITI HOLDING GROUP states no
    country, the CSL's listing of it Syria)."""
    own = [_facts(e) for e in entities]
    out = list(own)
    for i, e in enumerate(entities):
        linked = [own[j] for j in (by_id.get(o) for o in same_as.get(e.id, ())) if j is not None]
        if linked:
            dobs = dict.fromkeys(own[i].dobs)
            for f in linked:
                dobs.update(dict.fromkeys(f.dobs))
            out[i] = _EntityFacts(
                dobs=tuple(dobs),
                countries=own[i].countries.union(*(f.countries for f in linked)),
                identifiers=own[i].identifiers.union(*(f.identifiers for f in linked)),
            )
    return out


class Matcher:
    """Scores queries against one loaded dataset."""

    def __init__(self, dataset: Dataset, index: NameIndex) -> None:
        self.dataset = dataset
        self.index = index
        self.by_id = {e.id: i for i, e in enumerate(dataset.entities)}
        self.facts = _party_facts(dataset.entities, dataset.same_as, self.by_id)
        self.identifier_index: dict[str, list[int]] = {}
        for i, f in enumerate(self.facts):
            for ident in f.identifiers:
                self.identifier_index.setdefault(ident, []).append(i)
        self.same_as: Mapping[str, list[str]] = dataset.same_as
        self._entity_rows: dict[int, list[int]] | None = None
        self._row_keys: list[tuple[int, str]] | None = None  # (entity, script) per name row
        # word-pair similarities, kept across queries: queries share given names, legal
        # and generic words, so a third of a query's pairs were scored for an earlier one
        self._pair_memo: dict[tuple[Any, ...], float] = {}
        self._scopes: dict[str, Scope | None] = {}
        self._schema_rows: tuple[list[str], np.ndarray] | None = None

    @classmethod
    def build(cls, dataset: Dataset, use_cache: bool = True) -> Matcher:
        warm_up()
        index = build_index(dataset, use_cache=use_cache)
        index.prepare_fallbacks()  # the nearest-word search's vocabularies, now, not on a query
        matcher = cls(dataset, index)
        matcher.prepare_scopes()
        return matcher

    def prepare_scopes(self) -> None:
        """Build the parties each query schema may be, and their nearest-word
        vocabularies (~0.15 s with every bundled list): at load, not on the first
        queries of each schema."""
        for schema in sorted({e.schema for e in self.dataset.entities}):
            scope = self._scope(schema)
            if scope is not None:
                self.index.prepare_vocabularies(scope)

    # ------------------------------------------------------------------ matching
    def match(
        self,
        name: str,
        schema: str | None = None,
        countries: Sequence[str] | None = None,
        birth_date: str | None = None,
        identifiers: Sequence[Any] | None = None,
        limit: int = 10,
        threshold: float = MATCH_THRESHOLD,
    ) -> list[MatchHit]:
        readings = prepare_query(name or "", schema)
        q = readings[0]
        person = schema == "Person"
        best: dict[int, tuple[NameScore, int]] = {}
        memo = self._pair_memo
        if len(memo) > _PAIR_MEMO_SIZE:
            memo.clear()
        scope = self._scope(schema)  # (so every shortlisted name may be the party)
        word_weight = self.index.word_weights().__getitem__
        vocabulary = self.index.has_vocabulary()
        for reading in readings:
            if not reading.phon:
                continue
            # (lists repeat each other's names: a name prepared alike is compared once)
            compared: dict[tuple[Any, ...], NameScore] = {}
            for r in self._shortlist(reading, scope):
                row = self.index.rows[r]
                cur = best.get(row.entity)
                if cur is not None and cur[0].score >= 1.0:
                    continue  # (an exact name of this party is found: its other names cannot do better)
                listed_schema = self.dataset.entities[row.entity].schema
                c = row.prepared
                as_person = person or listed_schema == "Person"
                vessel = schema == "Vessel" and listed_schema == "Vessel"
                key = (c.tokens, c.phon, c.skel, c.script, as_person, vessel)
                found = compared.get(key)
                if found is None:
                    found = compared[key] = name_similarity(reading, c, word_weight, as_person, memo,
                                                            vessel=vessel, vocabulary=vocabulary)
                ns = found
                if cur is None or ns.score > cur[0].score:
                    best[row.entity] = (ns, r)
        id_values = [normalise_identifier(_id_value(i)) for i in identifiers or ()]
        id_hits = {e for v in id_values if v for e in self.identifier_index.get(v, ())}
        for e in sorted(id_hits - best.keys()):
            best[e] = self._best_name(q, e, person)
        qcountries = {c.upper() for c in countries or () if c}
        # side information moves a score by at most ~0.15: explain only the best by name
        # (``limit`` and 5 more, for the listings of one party that join into one hit)
        ranked = sorted(best.items(), key=lambda kv: (kv[0] not in id_hits, -kv[1][0].score, kv[0]))
        ids = set(id_values)
        entities = self.dataset.entities
        scored = [self._score(e, ns, r, schema, qcountries, birth_date, ids) for e, (ns, r) in ranked[:limit + 5]]
        scored.sort(key=lambda s: (-s.score, entities[s.entity].id))
        hits = []
        for s, related in self._join_listings(scored, limit):
            h = self._hit(q, s, schema, qcountries, birth_date, ids, threshold)
            h.related = related
            hits.append(h)
        return hits

    def _scope(self, schema: str | None) -> Scope | None:
        """The parties a query of ``schema`` may be (None: any listed party), kept per
        schema."""
        key = schema or ""
        if key in self._scopes:
            return self._scopes[key]
        listed, row_schemas = self._row_schemas()
        ok = frozenset(s for s in listed if schemas_compatible(schema, s))
        found = None
        if ok != set(listed):
            rows = np.isin(row_schemas, [i for i, s in enumerate(listed) if s in ok])
            found = Scope(key, ok, rows)
        self._scopes[key] = found
        return found

    def _row_schemas(self) -> tuple[list[str], np.ndarray]:
        """The listed schemas, and per name row the position of its party's schema among
        them (built once: each query schema's scope is a comparison of this array)."""
        if self._schema_rows is None:
            entities = self.dataset.entities
            listed = sorted({e.schema for e in entities})
            code = {s: i for i, s in enumerate(listed)}
            by_entity = np.fromiter((code[e.schema] for e in entities), dtype=np.int8, count=len(entities))
            rows = np.fromiter((row.entity for row in self.index.rows), dtype=np.int64, count=len(self.index.rows))
            self._schema_rows = (listed, by_entity[rows])
        return self._schema_rows

    def _shortlist(self, q: PreparedName, scope: Scope | None = None) -> list[int]:
        """Retrieved rows (of the parties of ``scope``), cut to the best few by a cheap
        whole-name similarity (C code) before the full token-alignment scorer runs on them."""
        rows = self.index.candidates(q, scope=scope)
        if len(rows) <= FULL_SCORE_ROWS:
            return rows
        text = " ".join(q.phon)
        texts = self.index.texts
        choices = [texts[r] for r in rows]
        if self._row_keys is None:
            self._row_keys = [(row.entity, row.prepared.script) for row in self.index.rows]
        row_keys = self._row_keys
        keep: set[int] = set()
        entities: set[int] = set()
        seen: dict[tuple[int, str], str] = {}  # (entity, script) → the text of its kept row
        # token-set similarity finds a name inside a longer one ("Abdul MANAN" in "Abdul
        # Manan AGHA") but ranks every name holding the query's common words first;
        # token-sort similarity ranks by the whole name: take the best entities of each.
        # One row per entity and script: aliases of one party do not crowd out others,
        # and a name in another script (compared here by its romanisation, without short
        # vowels) still gets its full comparison; and the party's other spellings of that
        # row's reading (MVISION, OOO MVIZION), which the full comparison tells apart.
        # Ties (every name holding all the query's words scores 100 by token set) are
        # broken by the other measure, never by retrieval order.
        # (each distinct text once: a third of the retrieved rows repeat another's text,
        # the same name in several lists)
        distinct: dict[str, int] = {}
        slots = np.array([distinct.setdefault(t, len(distinct)) for t in choices])
        texts_once = list(distinct)
        by_set = process.cdist([text], texts_once, scorer=fuzz.token_set_ratio, dtype=np.float32)[0][slots]
        by_sort = process.cdist([text], texts_once, scorer=fuzz.token_sort_ratio, dtype=np.float32)[0][slots]
        # and the names holding the query's rarest word best: beside common given names
        # ("Ahmed Muhammad BALOL") both measures rank the namesakes first
        passes = [(by_set, by_sort, _SET_QUOTA), (by_sort, by_set, FULL_SCORE_ROWS)]
        # (a one-word query is ranked by that word already)
        rare = max(q.phon, key=self.index.weight) if len(q.phon) > 1 else None
        if rare is not None and rare not in self.index.weights:  # a word no list has: misspelt
            by_rare = process.cdist([rare], texts_once, scorer=fuzz.partial_ratio, dtype=np.float32)[0][slots]
            passes.append((by_rare, by_sort, FULL_SCORE_ROWS + _RARE_QUOTA))
        for first, second, quota in passes:
            for i in np.lexsort((-second, -first))[:3 * FULL_SCORE_ROWS].tolist():
                key = row_keys[rows[i]]
                kept = seen.get(key)
                if kept is not None and kept != choices[i]:
                    continue
                if key[0] not in entities:
                    if len(entities) >= quota:
                        continue
                    entities.add(key[0])
                seen[key] = choices[i]
                keep.add(rows[i])
        keep.update(rows[:FULL_SCORE_ROWS // 2])
        return sorted(keep)

    def _rows_of(self, e: int) -> list[int]:
        """The name rows of entity ``e`` (grouped on first use, not on every query)."""
        if self._entity_rows is None:
            groups: dict[int, list[int]] = {}
            for r, row in enumerate(self.index.rows):
                groups.setdefault(row.entity, []).append(r)
            self._entity_rows = groups
        return self._entity_rows.get(e, [])

    def _best_name(self, q: PreparedName, e: int, person: bool) -> tuple[NameScore, int]:
        rows = self._rows_of(e)
        weight = self.index.word_weights().__getitem__
        scored = [(name_similarity(q, self.index.rows[r].prepared, weight, person,
                                   vocabulary=self.index.has_vocabulary()), r) for r in rows]
        if not scored:
            return NameScore(0.0), -1
        return max(scored, key=lambda x: x[0].score)

    def _score(
        self, e_idx: int, ns: NameScore, row: int, schema: str | None, qcountries: set[str],
        birth_date: str | None, id_values: set[str],
    ) -> _Scored:
        """The entity score: the name score with the side information (see score.py)."""
        f = self.facts[e_idx]
        support = 0.5
        name_part = ns.score
        dob, dob_detail = date_agreement(birth_date, f.dobs)
        if dob > 0:
            support += 0.5 if len(birth_date or "") >= 10 else 0.25
        elif dob <= -1:
            support = 0.0
            name_part *= 0.88
        elif dob < 0:
            support -= 0.25
        country = 0
        if qcountries and f.countries:
            country = 1 if qcountries & f.countries else -1
            support += 0.15 if country > 0 else -0.35
        identifier = 1 if id_values & f.identifiers else 0
        support = min(max(support, 0.0), 1.0)
        score = NAME_WEIGHT * name_part + (1 - NAME_WEIGHT) * support
        schema_ok = schemas_compatible(schema, self.dataset.entities[e_idx].schema)
        if not schema_ok:
            score *= _SCHEMA_MISMATCH
        if identifier:
            score = max(score, 0.99)
        return _Scored(e_idx, ns, row, round(min(score, 1.0), 4), dob, dob_detail, country, identifier, schema_ok)

    def _hit(
        self, q: PreparedName, s: _Scored, schema: str | None, qcountries: set[str],
        birth_date: str | None, id_values: set[str], threshold: float,
    ) -> MatchHit:
        """The hit of a scored entity, every feature explained."""
        e = self.dataset.entities[s.entity]
        f = self.facts[s.entity]
        ns = s.name
        matched_name = self.index.rows[s.row].prepared.original if s.row >= 0 else e.caption
        explanation: list[dict[str, Any]] = [{
            "feature": "name", "score": round(ns.score, 4),
            "detail": ("aligned " + ", ".join(f"{a}~{b} ({v:.2f})" for a, b, v in ns.pairs)) if ns.pairs else "no aligned tokens",
            "query": q.original, "candidate": matched_name,
        }]
        if birth_date or f.dobs:
            explanation.append({"feature": "birth_date", "score": s.dob, "query": birth_date,
                                "candidate": s.dob_detail or ", ".join(v for v, _ in f.dobs[:3]),
                                "detail": _DOB_DETAIL[s.dob]})
        if s.country:
            explanation.append({"feature": "country", "score": s.country, "query": sorted(qcountries),
                                "candidate": sorted(f.countries),
                                "detail": "agrees" if s.country > 0 else "conflicts"})
        if not s.schema_ok:
            explanation.append({"feature": "schema", "score": -1, "query": schema, "candidate": e.schema,
                                "detail": "incompatible schema"})
        if s.identifier:
            shared = sorted(id_values & f.identifiers)
            explanation.append({"feature": "identifier", "score": 1, "detail": "exact identifier match",
                                "query": shared, "candidate": shared})
        return MatchHit(
            entity=e, score=s.score, match=s.score >= threshold, matched_name=matched_name,
            query_name=q.original, explanation=explanation,
            features={"name": round(ns.score, 4), "dob": float(s.dob), "country": float(s.country),
                      "identifier": float(s.identifier)},
        )

    def _join_listings(self, scored: list[_Scored], limit: int) -> list[tuple[_Scored, list[Entity]]]:
        """The ``limit`` best scored parties, one per listed party, each with its other
        listings: a lower-scored listing of a party already in the results goes into the
        better one's instead of its own row.  (Only these are then explained: a fifth to a
        quarter of the scored are not.)"""
        entities = self.dataset.entities
        out: list[tuple[_Scored, list[Entity]]] = []
        owner: dict[str, list[Entity] | None] = {}  # party id → related of its hit (None: beyond ``limit``)
        present = {entities[s.entity].id for s in scored}
        for s in scored:
            eid = entities[s.entity].id
            if eid in owner:
                top = owner[eid]
                if top is not None:
                    top.append(entities[s.entity])
                continue
            related: list[Entity] | None = [] if len(out) < limit else None
            if related is not None:
                out.append((s, related))
            for other in self.same_as.get(eid, ()):
                owner.setdefault(other, related)
                if related is not None and other not in present and all(x.id != other for x in related):
                    idx = self.by_id.get(other)
                    if idx is not None:
                        related.append(entities[idx])
        return out


def _id_value(i: Any) -> str:
    if isinstance(i, str):
        return i
    if isinstance(i, Mapping):
        return str(i.get("value", ""))
    return str(getattr(i, "value", ""))
