"""Parse OFAC's semi-structured remarks into typed facts.

The legacy OFAC CSV has no columns for dates of birth, nationalities, identity documents,
vessel IMO numbers, weak aliases or links between parties: they are all written into one
free-text ``Remarks`` field as ``;``-separated statements ("DOB 16 Sep 1983; nationality
Iran; Passport D10003923 (Iran) expires 15 Aug 2024; a.k.a. 'JAHANI, Milad'; Linked To:
KIMIA PART SIVAN COMPANY LLC.").  The classic XML's ``idList`` entries and the Enhanced
XML's ``feature`` elements use the very same vocabulary ("Vessel Registration
Identification", "Secondary sanctions risk:", ...), so all three OFAC loaders turn each
statement into facts here, through :func:`parse_statement`, and map OFAC's words the same
way.  Statements nobody recognises are kept verbatim in ``properties["remarks_other"]``:
the full remarks text also stays on the entity, so nothing is lost.

Everything here is a pure function of strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from uavscreen.geo.country_names import country_code
from uavscreen.model import BirthDate, Identifier, Link, NameKind

# --------------------------------------------------------------------------- dates

_MONTHS = {
    m: i + 1
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}
_DAY_MON_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$")
_MON_YEAR = re.compile(r"^([A-Za-z]{3})[a-z]* (\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.]+)?$")
_US_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def parse_date(text: str) -> str | None:
    """An OFAC date ("16 Sep 1983", "Sep 1983", "1983", "2025-01-10", "03/28/2025") as
    ``YYYY[-MM[-DD]]`` with the precision the list gives, or None if it is not a date."""
    text = text.strip().rstrip(".")
    if m := _DAY_MON_YEAR.match(text):
        month = _MONTHS.get(m.group(2).lower())
        return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}" if month else None
    if m := _MON_YEAR.match(text):
        month = _MONTHS.get(m.group(1).lower())
        return f"{m.group(2)}-{month:02d}" if month else None
    if m := _YEAR.match(text):
        return m.group(1)
    if m := _US_DATE.match(text):
        return f"{m.group(3)}-{m.group(1)}-{m.group(2)}"
    if m := _ISO_DATE.match(text):
        return "-".join(p for p in m.groups() if p)
    return None


def parse_birth_dates(text: str) -> list[BirthDate]:
    """A DOB statement's value → birth dates.  ``circa 1957`` is approximate; a range
    ``1960 to 1962`` becomes its two ends, both marked approximate (see BirthDate).
    Returns [] when the value is not a date the list format defines."""
    original = text.strip().rstrip(".")
    value = original
    circa = False
    if value.lower().startswith("circa "):
        circa = True
        value = value[6:]
    ends = [p.strip() for p in re.split(r"\s+to\s+|(?<=^\d{4})-(?=\d{4}$)", value)]
    if len(ends) > 2:
        return []
    parsed = [parse_date(p) for p in ends]
    if any(p is None for p in parsed):
        return []
    circa = circa or len(ends) == 2
    return [BirthDate(p, circa=circa, original=original) for p in parsed if p is not None]


# --------------------------------------------------------------------------- vocabulary

#: OFAC identity-document labels → model identifier type (model.IDENTIFIER_TYPES).
ID_LABELS: dict[str, str] = {
    "Passport": "passport",
    "Diplomatic Passport": "passport",
    "Travel Document Number": "passport",
    "National ID No.": "national_id",
    "Cedula No.": "national_id",
    "D.N.I.": "national_id",
    "Identification Number": "national_id",
    "C.U.R.P. #": "national_id",
    "Personal ID Card": "national_id",
    "National Foreign ID Number": "national_id",
    "Citizen's Card Number": "national_id",
    "Kenyan ID No.": "national_id",
    "Turkish Identification Number": "national_id",
    "Tazkira National ID Card": "national_id",
    "Residency Number": "national_id",
    "Refugee ID Card": "national_id",
    "Birth Certificate Number": "national_id",
    "Electoral Registry No.": "national_id",
    "SSN": "national_id",
    "Driver's License No.": "national_id",
    "Stateless Person ID Card": "national_id",
    "Tax ID No.": "tax",
    "V.A.T. Number": "tax",
    "NIT #": "tax",
    "RUC #": "tax",
    "RIF #": "tax",
    "R.F.C. #": "tax",
    "RFC #": "tax",
    "C.U.I.T.": "tax",
    "Italian Fiscal Code": "tax",
    "Economic Register Number (CBLS)": "tax",
    "Economic Register Number": "tax",
    "Registration Number": "registration",
    "Registration ID": "registration",
    "Business Registration Number": "registration",
    "Business Registration Document #": "registration",
    "Business Number": "registration",
    "Company Number": "registration",
    "UK Company Number": "registration",
    "Commercial Registry Number": "registration",
    "Unified Social Credit Code (USCC)": "registration",
    "Legal Entity Number": "registration",
    "Government Gazette Number": "registration",
    "Folio Mercantil No.": "registration",
    "Chamber of Commerce Number": "registration",
    "Istanbul Chamber of Comm. No.": "registration",
    "Dubai Chamber of Commerce Membership No.": "registration",
    "D-U-N-S Number": "registration",
    "C.R. No.": "registration",
    "Trade License No.": "registration",
    "Central Registration System Number": "registration",
    "Matricula Mercantil No": "registration",
    "Public Registration Number": "registration",
    "Certificate of Incorporation Number": "registration",
    "Enterprise Number": "registration",
    "Registered Charity No.": "registration",
    "Branch Unit Number": "registration",
    "LE Number": "registration",
    "Permit Number": "registration",
    "License": "registration",
    "File Number": "registration",
    "SRE Permit No.": "registration",
    "SWIFT/BIC": "bic",
    "Website": "website",
    "Email Address": "email",
    "Phone Number": "phone",
    "Telephone": "phone",
    "Telephone No.": "phone",
    "Fax": "phone",
    "Vessel Registration Identification": "imo",
    "MMSI": "mmsi",
    "Vessel Call Sign": "call_sign",
    "Call Sign": "call_sign",
    "Aircraft Manufacturer's Serial Number (MSN)": "aircraft_serial",
    "Aircraft Construction Number (also called L/N or S/N or F/N)": "aircraft_serial",
    "Aircraft Tail Number": "aircraft_tail",
    "Previous Aircraft Tail Number": "aircraft_tail",
    "BIK (RU)": "other",
    "ISIN": "other",
}

#: Statement labels whose value is kept as a named property (label → property key).
PROPERTY_LABELS: dict[str, str] = {
    "Additional Sanctions Information -": "additionalSanctionsInformation",
    "Secondary sanctions risk:": "secondarySanctionsRisk",
    "Target Type": "targetType",
    "Organization Established Date": "incorporationDate",
    "Organization Type:": "organizationType",
    "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:":
        "transactionsProhibited",
    "Executive Order 13662 Directive Determination -": "eo13662Directive",
    "Executive Order 13846 information:": "eo13846Information",
    "Executive Order 14024 Directive Information -": "eo14024Directive",
    "Executive Order 14024 Directive Information": "eo14024Directive",
    "Executive Order 14014 Directive Information:": "eo14014Directive",
    "Executive Order 14059 information:": "eo14059Information",
    "CAATSA Section 235 Information:": "caatsa235",
    "IFCA Determination -": "ifcaDetermination",
    "Issuer Name": "issuerName",
    "Equity Ticker": "equityTicker",
    "Vessel Type": "vesselType",
    "Other Vessel Type": "vesselType",
    "Vessel Year of Build": "buildDate",
    "Vessel Tonnage": "tonnage",
    "Vessel Gross Registered Tonnage": "grossRegisteredTonnage",
    "Vessel Owner": "owner",
    "Aircraft Model": "aircraftModel",
    "Aircraft Operator": "aircraftOperator",
    "Aircraft Manufacture Date": "aircraftBuildDate",
    "Aircraft Mode S Transponder Code": "aircraftModeS",
    "Aircraft Manufacturer": "aircraftManufacturer",
    "Nationality of Registration": "registrationCountry",
    "Place of Registration": "registrationPlace",
    "Title": "title",
}

#: Labels that are dates of listing/effect for a directive: kept as properties by label.
_DATED_LABEL = re.compile(r"^((?:Listing|Effective|Purchase/Sales For Divestment) Date \([^)]*\):?)\s+(.+)$")
_ALIAS = re.compile(r"^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.),?\s+['\"](.+)['\"]$", re.IGNORECASE)
_ALIAS_KIND = {"a.k.a.": NameKind.WEAK_ALIAS, "n.k.a.": NameKind.WEAK_ALIAS, "f.k.a.": NameKind.FORMER}
_GENERIC_LABEL = re.compile(r"^([A-Z][^:]{2,80}?:)\s+(.+)$")
_COUNTRY_SUFFIX = re.compile(r"^(?P<value>.+?)\s+\((?P<country>[^()]+)\)(?:\s+(?P<note>.*))?$")
_DOC_NOTE = re.compile(r"^(?P<value>\S+)\s+(?P<note>(?:issued|expires|Issue Date|Expire Date)\b.*)$")


def _label_pattern(labels: list[str]) -> re.Pattern[str]:
    ordered = sorted(labels, key=len, reverse=True)
    return re.compile(r"^(" + "|".join(re.escape(x) for x in ordered) + r")[\s:]\s*(.+)$")


_ID_LABEL_RE = _label_pattern(list(ID_LABELS))
_PROPERTY_LABEL_RE = _label_pattern(list(PROPERTY_LABELS))


# --------------------------------------------------------------------------- facts


@dataclass(slots=True)
class RemarkFacts:
    """Everything typed that remarks, idList entries or features say about one entry."""

    aliases: list[tuple[str, NameKind]] = field(default_factory=list)
    birth_dates: list[BirthDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    gender: str | None = None
    links: list[Link] = field(default_factory=list)
    properties: dict[str, list[str]] = field(default_factory=dict)

    def add_property(self, key: str, value: str) -> None:
        values = self.properties.setdefault(key, [])
        if value not in values:
            values.append(value)


def split_statements(remarks: str) -> list[str]:
    """Remarks → statements.  OFAC separates statements with ``;`` and ends the whole
    field with one full stop, which is dropped (a full stop inside a statement, as in
    "CO., LTD.", belongs to a name and stays)."""
    text = remarks.strip()
    if text.endswith(".") and not text.endswith("'.'"):
        text = text[:-1]
    return [s.strip() for s in re.split(r";\s+", text) if s.strip()]


def _identifier(id_type: str, label: str, rest: str) -> Identifier:
    """``rest`` is what follows the label: ``D10003923 (Iran) expires 15 Aug 2024``."""
    value, country, note = rest.strip(), None, None
    if m := _COUNTRY_SUFFIX.match(value):
        value, note = m.group("value"), m.group("note")
        country = country_code(m.group("country"))
        if country is None:
            note = " ".join(x for x in (f"({m.group('country')})", note) if x)
    elif m := _DOC_NOTE.match(value):
        value, note = m.group("value"), m.group("note")
    if id_type == "imo" or (id_type == "registration" and value.upper().startswith("IMO ")):
        note = "IMO company number" if id_type == "registration" else note
        id_type = "imo"
        value = value.upper().removeprefix("IMO").strip()
    elif id_type == "national_id" and value.upper().startswith("IMO "):
        id_type, value = "imo", value[4:].strip()
    if label not in ("Passport", "National ID No.", "Tax ID No.", "Registration Number", "Website",
                     "Email Address", "SWIFT/BIC", "Vessel Registration Identification", "MMSI"):
        note = "; ".join(x for x in (label, note) if x)
    return Identifier(type=id_type, value=value, country=country, note=note)


def parse_statement(statement: str, facts: RemarkFacts) -> None:
    """Add what one statement says to ``facts`` (unrecognised → ``remarks_other``)."""
    text = statement.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    alt = text.lower().startswith("alt. ")
    body = text[5:].strip() if alt else text
    if m := _ALIAS.match(body):
        # One statement may list several: a.k.a. 'ABU-AL-KARKH', 'Yusuf'
        for alias in re.split(r"['\"],\s*['\"]", m.group(2)):
            if alias.strip():
                facts.aliases.append((alias.strip(), _ALIAS_KIND[m.group(1).lower()]))
        return
    head, _, rest = body.partition(" ")
    if head == "DOB" and rest:
        dates = parse_birth_dates(rest)
        if dates:
            facts.birth_dates.extend(dates)
        else:
            facts.add_property("birthDateText", rest)
        return
    if head == "POB" and rest:
        facts.birth_places.append(rest.strip())
        return
    if head in ("nationality", "citizen") and rest:
        code = country_code(rest)
        if code is None:
            facts.add_property(head, rest)
            return
        if code not in facts.nationalities:
            facts.nationalities.append(code)
        if head == "citizen" and code not in facts.citizenships:
            facts.citizenships.append(code)
        return
    if head == "Gender" and rest:
        facts.gender = rest.strip().lower()
        return
    if body.startswith("Linked To:"):
        facts.links.append(Link(relation="linked_to", text=body[len("Linked To:"):].strip()))
        return
    if m := re.match(r"^(Former )?Vessel Flag\s+(.+)$", body):
        key = "pastFlags" if m.group(1) else "flag"
        facts.add_property(key, m.group(2).strip())
        code = country_code(m.group(2))
        if key == "flag" and code is not None and code not in facts.countries:
            facts.countries.append(code)
        return
    if m := _ID_LABEL_RE.match(body):
        facts.identifiers.append(_identifier(ID_LABELS[m.group(1)], m.group(1), m.group(2)))
        return
    if m := _PROPERTY_LABEL_RE.match(body):
        key = PROPERTY_LABELS[m.group(1)]
        value = m.group(2).strip()
        facts.add_property(key, value)
        if key == "registrationCountry" and (code := country_code(value)) and code not in facts.countries:
            facts.countries.append(code)
        return
    if m := _DATED_LABEL.match(body):
        facts.add_property(m.group(1).rstrip(":"), m.group(2).strip())
        return
    if body.startswith("Digital Currency Address - "):
        label, _, address = body.rpartition(" ")
        facts.identifiers.append(Identifier(type="other", value=address, note=label))
        return
    if m := _GENERIC_LABEL.match(body):
        facts.add_property(m.group(1).rstrip(" -:"), m.group(2).strip())
        return
    facts.add_property("remarks_other", text)


def parse_remarks(remarks: str | None, facts: RemarkFacts | None = None) -> RemarkFacts:
    """Parse a whole remarks field (see module docstring)."""
    facts = facts if facts is not None else RemarkFacts()
    if remarks:
        for statement in split_statements(remarks):
            parse_statement(statement, facts)
    return facts
