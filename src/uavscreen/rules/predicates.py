"""The vocabulary of the red-flag rules: named conditions over a shipment and its findings.

A rule in ``red_flags.yaml`` combines these by name with ``all`` / ``any`` / ``not``.  Each
predicate returns the evidence it found (one sentence per thing that satisfied it), so an empty
list means "not satisfied" and a fired rule can always say why.  Parameters come from the
YAML; unknown names or parameters fail when the rules are loaded, not while screening.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from uavscreen.geo import countries as geo_countries
from uavscreen.model import Party
from uavscreen.rules import lexicon
from uavscreen.rules.facts import PartyFacts, ShipmentFacts, severity_at_least

Predicate = Callable[..., list[str]]
PREDICATES: dict[str, Predicate] = {}

_PARTY_FIELDS = {"name", "business", "address", "website"}
_TEXT_FIELDS = {"item_description", "end_use", "documents", "incoterm"}


def predicate(fn: Predicate) -> Predicate:
    PREDICATES[fn.__name__] = fn
    return fn


def _party_text(p: Party, field: str) -> str | None:
    value = getattr(p, field, None)
    return value if isinstance(value, str) else None


def _texts(facts: ShipmentFacts, fields: list[str]) -> list[tuple[str, str]]:
    s = facts.shipment
    out: list[tuple[str, str]] = []
    for f in fields:
        if f not in _TEXT_FIELDS:
            raise ValueError(f"unknown text field {f!r}; known: {sorted(_TEXT_FIELDS)}")
        if f == "item_description":
            out.extend((f"item {i + 1} description", it.description) for i, it in enumerate(s.items)
                       if it.description)
        else:
            value = getattr(s, f, None)
            if isinstance(value, str) and value:
                out.append((f.replace("_", " "), value))
    return out


# ---------------------------------------------------------------------------- free text
@predicate
def text_matches(facts: ShipmentFacts, fields: list[str], lexicon_name: str) -> list[str]:
    """A phrase of the lexicon occurs in the shipment's free texts (descriptions, end use …)."""
    out = []
    for where, text in _texts(facts, fields):
        found = lexicon.find(lexicon_name, text)
        if found:
            out.append(f"{where} says '{found}': \"{text[:120]}\"")
    return out


@predicate
def text_missing(facts: ShipmentFacts, fields: list[str]) -> list[str]:
    """None of the free-text fields is filled in."""
    return [] if _texts(facts, fields) else [f"no {' / '.join(f.replace('_', ' ') for f in fields)} given"]


# ---------------------------------------------------------------------------- parties
@predicate
def party_matches(facts: ShipmentFacts, roles: list[str], lexicon_name: str,
                  fields: list[str] | None = None) -> list[str]:
    """A party of these roles has a lexicon phrase in its name, business or address."""
    fields = fields or ["name", "business"]
    for f in fields:
        if f not in _PARTY_FIELDS:
            raise ValueError(f"unknown party field {f!r}; known: {sorted(_PARTY_FIELDS)}")
    out = []
    for pf in facts.by_role(roles):
        for f in fields:
            found = lexicon.find(lexicon_name, _party_text(pf.party, f))
            if found:
                out.append(f"{pf.label}: {f} contains '{found}'")
                break
    return out


@predicate
def no_party(facts: ShipmentFacts, roles: list[str]) -> list[str]:
    """No party of these roles is named."""
    return [] if facts.named(roles) else [f"no {' or '.join(roles)} named"]


@predicate
def party_in_country(facts: ShipmentFacts, roles: list[str], countries: list[str]) -> list[str]:
    """A party of these roles is in one of ``countries`` (declared code or address)."""
    wanted = set(countries)
    out = []
    for pf in facts.by_role(roles):
        hit = pf.countries & wanted
        if hit:
            how = "declared" if pf.party.country in hit else "address names"
            out.append(f"{pf.label} is in {', '.join(sorted(hit))} ({how})")
    return out


@predicate
def party_in_category(facts: ShipmentFacts, roles: list[str], categories: list[str]) -> list[str]:
    """A party of these roles is in a jurisdiction of one of ``categories`` (jurisdictions table)."""
    out = []
    for pf in facts.by_role(roles):
        for c in sorted(pf.countries):
            cats = geo_countries.categories(c) & set(categories)
            if cats:
                out.append(f"{pf.label} is in {geo_countries.country_name(c)} ({', '.join(sorted(cats))})")
                break
    return out


@predicate
def same_party(facts: ShipmentFacts, roles: list[str], other_roles: list[str]) -> list[str]:
    """A party of ``roles`` has the same name as a party of ``other_roles``."""
    others = {(p.party.name or "").casefold().strip() for p in facts.named(other_roles)}
    return [f"{p.label} is also the {'/'.join(other_roles)}" for p in facts.named(roles)
            if (p.party.name or "").casefold().strip() in others]


@predicate
def incorporated_within(facts: ShipmentFacts, roles: list[str], months: int) -> list[str]:
    """A party was incorporated less than ``months`` months before the shipment date."""
    out = []
    for pf in facts.by_role(roles):
        d = _date(pf.party.incorporation_date)
        if d and 0 <= (facts.shipment_date - d).days < months * 30.44:
            out.append(f"{pf.label} incorporated {d.isoformat()}, under {months} months before the order")
    return out


@predicate
def incorporated_after(facts: ShipmentFacts, roles: list[str], date_: str) -> list[str]:
    """A party was incorporated after ``date_`` (e.g. 2022-02-24, Russia's full-scale invasion)."""
    limit = date.fromisoformat(date_)
    return [f"{pf.label} incorporated {d.isoformat()}, after {date_}" for pf in facts.by_role(roles)
            if (d := _date(pf.party.incorporation_date)) and d > limit]


@predicate
def party_field_blank(facts: ShipmentFacts, roles: list[str], field: str) -> list[str]:
    """A party explicitly gives the field as empty or 'none' (e.g. no website)."""
    out = []
    for pf in facts.by_role(roles):
        fields_set = pf.party.model_fields_set | set(pf.party.model_extra or {})
        value = getattr(pf.party, field, None)
        if field in fields_set and (value is None or str(value).strip().lower() in ("", "none", "n/a", "-")):
            out.append(f"{pf.label} has no {field}")
    return out


@predicate
def party_email_matches(facts: ShipmentFacts, roles: list[str], lexicon_name: str) -> list[str]:
    """A party's e-mail address (``email`` field or identifier) matches the lexicon."""
    out = []
    for pf in facts.by_role(roles):
        emails = [i.value for i in pf.party.identifiers if i.type.lower() == "email"]
        extra = (pf.party.model_extra or {}).get("email")
        if isinstance(extra, str):
            emails.append(extra)
        for e in emails:
            found = lexicon.find(lexicon_name, e)
            if found:
                out.append(f"{pf.label} uses the e-mail address {e}")
    return out


@predicate
def owners_match(facts: ShipmentFacts, lexicon_name: str) -> list[str]:
    """An owner of a party is described by the lexicon (nominee, bearer, undisclosed …)."""
    return [f"{pf.label} is owned by '{o.name}'" for pf in facts.parties for o in pf.party.owners
            if lexicon.find(lexicon_name, o.name)]


@predicate
def owners_unidentified(facts: ShipmentFacts, min_missing_share: float) -> list[str]:
    """Owners are listed but their shares leave at least ``min_missing_share`` % unaccounted for."""
    out = []
    for pf in facts.parties:
        shares = [o.share for o in pf.party.owners if o.share is not None]
        if pf.party.owners and shares and 100 - sum(shares) >= min_missing_share:
            out.append(f"{pf.label}: owners account for only {sum(shares):g}%")
    return out


# ---------------------------------------------------------------------------- payment
@predicate
def payment_method_matches(facts: ShipmentFacts, lexicon_name: str) -> list[str]:
    """The payment method matches the lexicon (cash, letter of credit …)."""
    p = facts.shipment.payment
    found = lexicon.find(lexicon_name, p.method if p else None)
    return [f"payment method '{p.method}'"] if found and p else []


@predicate
def third_party_payment(facts: ShipmentFacts) -> list[str]:
    """The payer is in another country than the buyer, or is named and is not the buyer."""
    p = facts.shipment.payment
    if p is None:
        return []
    buyers = facts.named(["buyer"])
    buyer_country = facts.buyer_country
    if p.payer_country and buyer_country and p.payer_country != buyer_country:
        return [f"payment from {geo_countries.country_name(p.payer_country)} for a buyer in "
                f"{geo_countries.country_name(buyer_country)}"]
    names = {(b.party.name or "").casefold().strip() for b in buyers}
    if p.payer_name and names and p.payer_name.casefold().strip() not in names:
        return [f"payer '{p.payer_name}' is not the buyer"]
    return []


@predicate
def payer_in_country(facts: ShipmentFacts, countries: list[str]) -> list[str]:
    """The payer is in one of ``countries``."""
    p = facts.shipment.payment
    return [f"payer in {p.payer_country}"] if p and p.payer_country in set(countries) else []


# ---------------------------------------------------------------------------- goods
@predicate
def controlled_goods(facts: ShipmentFacts, min_value: float = 0.0) -> list[str]:
    """The goods screen flagged an item as controlled/high-priority (optionally worth ≥ min_value)."""
    flagged = facts.controlled()
    if not flagged or facts.controlled_value() < min_value:
        return []
    return [f"{f.subject}: {f.evidence}"[:200] for f in flagged]


@predicate
def goods_on_list(facts: ShipmentFacts, lists: list[str]) -> list[str]:
    """A goods finding (any severity) cites one of ``lists`` (e.g. CHPL, EAR Supp. No. 7)."""
    wanted = [w.lower() for w in lists]
    out = []
    for f in facts.findings:
        if f.kind not in ("controlled_item", "misdeclared_goods"):
            continue
        cited = [str(x) for x in (f.details.get("lists") or [])] + [str(b) for b in f.basis]
        hit = [c for c in cited if any(w in c.lower() for w in wanted)]
        if hit:
            out.append(f"{f.subject}: on {', '.join(sorted(set(hit)))}")
    return out


@predicate
def origin_country(facts: ShipmentFacts, countries: list[str]) -> list[str]:
    """An item originates in one of ``countries``."""
    return [f"item {i + 1} originates in {it.origin_country}" for i, it in enumerate(facts.shipment.items)
            if it.origin_country in set(countries)]


# ---------------------------------------------------------------------------- route
@predicate
def route_touches_country(facts: ShipmentFacts, countries: list[str]) -> list[str]:
    """A route leg starts or ends in one of ``countries``."""
    out = []
    for i, (a, b) in enumerate(facts.legs):
        for p in (a, b):
            if p is not None and p.country in set(countries):
                out.append(f"leg {i + 1} touches {p.name} ({p.unlocode})")
    return out


@predicate
def route_port_designated(facts: ShipmentFacts) -> list[str]:
    """A route port is named in a legal act (e.g. EU Reg. 2023/1529 Art. 2a port list)."""
    out = []
    for i, (a, b) in enumerate(facts.legs):
        for p in (a, b):
            if p is not None and p.designations:
                out.append(f"leg {i + 1}: {p.name} ({p.unlocode}) is named in {'; '.join(p.designations)}")
    return out


@predicate
def leg_number_at_least(facts: ShipmentFacts, field: str, value: float) -> list[str]:
    """A route leg carries a number (e.g. ``ais_gap_hours``) at or above ``value``."""
    out = []
    for i, leg in enumerate(facts.shipment.route):
        raw = (leg.model_extra or {}).get(field, getattr(leg, field, None))
        try:
            number = float(raw) if raw is not None else None
        except (TypeError, ValueError):
            number = None
        if number is not None and number >= value:
            out.append(f"leg {i + 1}: {field} = {number:g}")
    return out


@predicate
def abnormal_route(facts: ShipmentFacts, risky_categories: list[str], countries: list[str] | None = None) -> list[str]:
    """Goods for a destination outside the risk regions travel through one of them (e.g. a
    Western European end user served via a Caspian or Central Asian hub).  ``countries`` adds
    risky places by code; the world's ordinary transshipment ports are not in the list."""
    extra = set(countries or [])

    def risky(code: str) -> set[str]:
        return set(geo_countries.categories(code) & set(risky_categories)) | ({"route to Russia"} if code in extra else set())

    dest = facts.destination_parties()
    dest_countries = {c for p in dest for c in p.countries}
    if not dest_countries or any(risky(c) for c in dest_countries):
        return []
    out = []
    last = len(facts.legs) - 1
    for i, (a, b) in enumerate(facts.legs):
        points = [b] if i < last else []
        if i > 0:
            points.append(a)
        for p in points:
            if p is None or p.country in dest_countries:
                continue
            cats = risky(p.country)
            if cats or p.caspian:
                why = ", ".join(sorted(cats)) or "Caspian port"
                out.append(f"goods for {', '.join(sorted(dest_countries))} routed via {p.name} ({p.unlocode}; {why})")
    return sorted(set(out))


# ---------------------------------------------------------------------------- other findings
@predicate
def finding_exists(facts: ShipmentFacts, kind: str, min_severity: str = "low",
                   roles: list[str] | None = None) -> list[str]:
    """Another check produced a finding of ``kind`` (optionally about parties of ``roles``)."""
    out = []
    for f in facts.findings:
        if f.kind != kind or not severity_at_least(f.severity, min_severity):
            continue
        if roles and not set(f.details.get("roles", [])) & set(roles):
            continue
        out.append(f"{f.subject}: {f.evidence}"[:200])
    return out


@predicate
def listed_owner(facts: ShipmentFacts, min_share: float) -> list[str]:
    """Owners matched to listed parties hold, together, at least ``min_share`` % of a party."""
    shares: dict[str, float] = {}
    names: dict[str, list[str]] = {}
    for f in facts.findings:
        if f.kind == "party_match" and f.details.get("owner_of") and f.details.get("classification") == "confident":
            key = f.details["owner_of"]
            shares[key] = shares.get(key, 0.0) + float(f.details.get("owner_share") or 0.0)
            names.setdefault(key, []).append(f.details.get("query_name", "?"))
    return [f"'{k}' is {v:g}% owned by listed {', '.join(names[k])}" for k, v in shares.items() if v >= min_share]


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        try:
            return date(int(value[:4]), 1, 1)
        except ValueError:
            return None


__all__ = ["PREDICATES", "PartyFacts", "predicate"]
