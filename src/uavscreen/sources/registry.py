"""Where each official list is published: URL(s), format, publisher and licence.

``uavscreen lists update`` downloads from here.  Every URL can be redirected without
code changes, for an in-house mirror or for tests on 127.0.0.1:

* ``UAVSCREEN_SOURCE_URL_<SOURCE>`` (e.g. ``UAVSCREEN_SOURCE_URL_UN_SC``): a base URL;
  each file of that source is fetched from ``<base>/<file name>``;
* ``UAVSCREEN_MIRROR``: a base URL for every source, files at ``<mirror>/<source>/<file name>``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from uavscreen.errors import UserError

OFAC_SLS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports"
US_GOVERNMENT_WORK = "US Government work (public domain, 17 U.S.C. 105)"


@dataclass(frozen=True, slots=True)
class RemoteFile:
    """One file of a source: the official file name we store it under and its URL."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """An official list: who publishes it, under what terms, and the files that make it.

    ``default_update`` is False for sources that are retired (OFSI ConList, replaced by
    the FCDO UK Sanctions List in January 2026) or whose licence forbids commercial use
    (OpenSanctions); they are updated only when asked for by name."""

    id: str
    title: str
    publisher: str
    format: str
    licence: str
    files: tuple[RemoteFile, ...]
    homepage: str
    default_update: bool = True
    note: str = ""


def _ofac(names: tuple[str, ...]) -> tuple[RemoteFile, ...]:
    return tuple(RemoteFile(n, f"{OFAC_SLS}/{n}") for n in names)


SOURCES: dict[str, SourceInfo] = {
    s.id: s
    for s in (
        SourceInfo(
            id="ofac_sdn",
            title="OFAC Specially Designated Nationals (SDN) list, legacy CSV set",
            publisher="U.S. Department of the Treasury, Office of Foreign Assets Control",
            format="ofac_csv",
            licence=US_GOVERNMENT_WORK,
            files=_ofac(("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV")),
            homepage="https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists",
        ),
        SourceInfo(
            id="ofac_cons",
            title="OFAC Consolidated (non-SDN) list, legacy CSV set",
            publisher="U.S. Department of the Treasury, Office of Foreign Assets Control",
            format="ofac_csv",
            licence=US_GOVERNMENT_WORK,
            files=_ofac(("CONS_PRIM.CSV", "CONS_ALT.CSV", "CONS_ADD.CSV", "CONS_COMMENTS.CSV")),
            homepage="https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists",
        ),
        SourceInfo(
            id="un_sc",
            title="UN Security Council Consolidated List",
            publisher="United Nations Security Council",
            format="un",
            licence="UN public information; free reuse with attribution",
            files=(RemoteFile("consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"),),
            homepage="https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list",
        ),
        SourceInfo(
            id="uk_fcdo",
            title="UK Sanctions List (FCDO)",
            publisher="UK Foreign, Commonwealth & Development Office",
            format="uk_fcdo",
            licence="Open Government Licence v3.0",
            files=(RemoteFile("UK-Sanctions-List.xml", "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"),),
            homepage="https://www.gov.uk/government/publications/the-uk-sanctions-list",
        ),
        SourceInfo(
            id="uk_ofsi",
            title="HM Treasury OFSI Consolidated List (2022 format)",
            publisher="HM Treasury, Office of Financial Sanctions Implementation",
            format="uk_ofsi",
            licence="Open Government Licence v3.0",
            files=(
                RemoteFile(
                    "ConList.xlsx",
                    "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.xlsx",
                ),
            ),
            homepage="https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets",
            default_update=False,
            note="retired by OFSI in January 2026; the FCDO UK Sanctions List (uk_fcdo) replaces it",
        ),
        SourceInfo(
            id="eu_fsf",
            title="EU Consolidated Financial Sanctions List (FSF), XML 1.1",
            publisher="European Commission, DG FISMA",
            format="eu",
            licence="EU Commission reuse policy (Decision 2011/833/EU), free reuse with attribution",
            files=(
                RemoteFile(
                    "xmlFullSanctionsList_1_1.xml",
                    "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
                ),
            ),
            homepage="https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions",
        ),
        SourceInfo(
            id="us_csl",
            title="US Consolidated Screening List (trade.gov)",
            publisher="U.S. Department of Commerce, International Trade Administration",
            format="csl",
            licence=US_GOVERNMENT_WORK,
            files=(
                RemoteFile(
                    "consolidated.csv",
                    "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
                ),
            ),
            homepage="https://www.trade.gov/consolidated-screening-list",
        ),
        SourceInfo(
            id="bis_dpl",
            title="BIS Denied Persons List",
            publisher="U.S. Department of Commerce, Bureau of Industry and Security",
            format="dpl",
            licence=US_GOVERNMENT_WORK,
            files=(RemoteFile("dpl.txt", "https://www.bis.doc.gov/dpl/dpl.txt"),),
            homepage="https://www.bis.gov/denied-persons-list",
        ),
        SourceInfo(
            id="opensanctions",
            title="OpenSanctions sanctions collection (FollowTheMoney JSON lines)",
            publisher="OpenSanctions Datenbanken GmbH",
            format="ftm",
            licence="CC BY-NC 4.0 (non-commercial use only; commercial use needs a licence)",
            files=(
                RemoteFile(
                    "entities.ftm.json",
                    "https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json",
                ),
            ),
            homepage="https://www.opensanctions.org/datasets/sanctions/",
            default_update=False,
            note="non-commercial licence: updated only when asked for by name",
        ),
    )
}


def source_info(source: str) -> SourceInfo:
    try:
        return SOURCES[source]
    except KeyError:
        known = ", ".join(sorted(SOURCES))
        raise UserError(f"unknown source {source!r}; known sources: {known}") from None


def default_sources() -> list[str]:
    """The sources ``lists update`` fetches when none is named."""
    return [s.id for s in SOURCES.values() if s.default_update]


def file_urls(source: str) -> list[RemoteFile]:
    """The files of ``source`` with their URLs after the environment overrides."""
    info = source_info(source)
    base = os.environ.get(f"UAVSCREEN_SOURCE_URL_{source.upper()}")
    if not base and os.environ.get("UAVSCREEN_MIRROR"):
        base = f"{os.environ['UAVSCREEN_MIRROR'].rstrip('/')}/{source}"
    if not base:
        return list(info.files)
    return [RemoteFile(f.name, f"{base.rstrip('/')}/{f.name}") for f in info.files]
