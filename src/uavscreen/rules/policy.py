"""The decision policy: what makes a party match confident, which lists block, what each
red flag weighs, and which findings make a shipment BLOCK or REVIEW.

It is data (``policy.yaml``), so a compliance team can run a stricter or a looser policy
without code changes, and every verdict records which policy decided it.  The default is the
project's written decision policy.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from uavscreen.data import control_table
from uavscreen.errors import UserError
from uavscreen.model import FINDING_KINDS, SEVERITIES, Decision, Finding, MatchHit
from uavscreen.rules.facts import severity_at_least

POLICY_ENV = "UAVSCREEN_POLICY"


class PolicyError(UserError):
    """A policy file that cannot be used as written."""


@dataclass(frozen=True, slots=True)
class DecisionRule:
    kind: str
    min_severity: str = "low"
    details: Mapping[str, Any] = field(default_factory=dict)

    def matches(self, f: Finding) -> bool:
        return (f.kind == self.kind and severity_at_least(f.severity, self.min_severity)
                and all(f.details.get(k) == v for k, v in self.details.items()))


@dataclass(frozen=True, slots=True)
class Policy:
    name: str
    raw: Mapping[str, Any]
    block: tuple[DecisionRule, ...]
    review: tuple[DecisionRule, ...]
    severities: Mapping[str, str]

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | Path | None = None) -> Policy:
        """``path``, else ``$UAVSCREEN_POLICY``, else the bundled default policy."""
        path = path or os.environ.get(POLICY_ENV) or None
        if path is None:
            text = resources.files("uavscreen.rules").joinpath("policy.yaml").read_text(encoding="utf-8")
            where = "policy.yaml (bundled)"
        else:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise PolicyError(f"policy file {path}: {exc.strerror or exc}") from None
            where = str(path)
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise PolicyError(f"{where}: not valid YAML: {exc}") from None
        if not isinstance(raw, dict):
            raise PolicyError(f"{where}: a policy is a YAML mapping")
        return cls.from_dict(raw, where)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], where: str = "policy") -> Policy:
        for key in ("name", "party_matching", "jurisdictions", "decision"):
            if key not in raw:
                raise PolicyError(f"{where}: missing section {key!r}")
        decision = raw["decision"]
        rules = {d: tuple(_decision_rule(r, f"{where}: decision.{d}") for r in decision.get(d, []))
                 for d in ("BLOCK", "REVIEW")}
        flags = raw.get("red_flags", {})
        table = flags.get("severity_table", "red_flag_severities")
        severities = dict(control_table(table)["severities"]) if table else {}
        severities.update(flags.get("overrides") or {})
        for rid, sev in severities.items():
            if sev not in SEVERITIES:
                raise PolicyError(f"{where}: red flag {rid}: severity {sev!r} not one of {SEVERITIES}")
        return cls(str(raw["name"]), raw, rules["BLOCK"], rules["REVIEW"], severities)

    # ------------------------------------------------------------------ parties
    @property
    def screened_roles(self) -> frozenset[str]:
        return frozenset(self.raw["party_matching"].get("roles", []))

    def is_blocking(self, hit: MatchHit) -> bool:
        pm = self.raw["party_matching"]
        sources = set(pm.get("blocking_sources", []))
        programs = set(pm.get("blocking_programs", []))
        return any(e.source in sources or programs & set(e.programs) for e in (hit.entity, *hit.related))

    def classify(self, hit: MatchHit, is_person: bool) -> str | None:
        """``confident``, ``possible`` or None (no match) for one hit, from its features."""
        f = hit.features
        name = float(f.get("name", hit.score))
        dob = f.get("dob", 0)
        country = f.get("country", 0)
        identifier = f.get("identifier", 0)
        if identifier and identifier > 0:
            return "confident"
        if identifier and identifier < 0 and not hit.match:
            return None
        pm = self.raw["party_matching"]["person" if is_person else "company"]
        if name < float(pm["possible_name"]) and not hit.match:
            return None
        if is_person:
            if dob < 0 and country < 0:
                return None
            if dob < 0:
                return "possible" if country > 0 else None
            if name >= float(pm["confident_name"]) and dob > 0:
                return "confident"
            return "possible" if hit.match or name >= float(pm["possible_name"]) else None
        if name >= float(pm["confident_name"]) and country >= 0:
            return "confident"
        return "possible"

    # ------------------------------------------------------------------ jurisdictions
    def categories(self, group: str) -> frozenset[str]:
        return frozenset(self.raw["jurisdictions"].get(group, []))

    @property
    def destination_roles(self) -> frozenset[str]:
        return frozenset(self.raw["jurisdictions"].get("destination_roles", ["buyer", "consignee", "end_user"]))

    # ------------------------------------------------------------------ decision
    def decide(self, findings: Sequence[Finding]) -> Decision:
        if any(r.matches(f) for f in findings for r in self.block):
            return Decision.BLOCK
        if any(r.matches(f) for f in findings for r in self.review):
            return Decision.REVIEW
        return Decision.CLEAR


def _decision_rule(raw: Any, where: str) -> DecisionRule:
    if not isinstance(raw, Mapping) or raw.get("kind") not in FINDING_KINDS:
        raise PolicyError(f"{where}: each rule needs a 'kind' among {FINDING_KINDS}, got {raw!r}")
    sev = raw.get("min_severity", "low")
    if sev not in SEVERITIES:
        raise PolicyError(f"{where}: min_severity {sev!r} not one of {SEVERITIES}")
    return DecisionRule(raw["kind"], sev, dict(raw.get("details") or {}))
