"""Evaluates the declarative red-flag rules (``red_flags.yaml``) on one shipment.

Keeping the rules as data lets a compliance officer read, review and change what each red
flag means without reading Python; the engine only knows how to combine named predicates
(``all`` / ``any`` / ``not``) and turn a fired rule into a finding that carries its evidence,
the red flag's title and source, and the severity the decision policy gives it.  Rules are
checked when loaded: an unknown red-flag id, predicate or parameter is an error then, never a
silent non-firing rule.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from uavscreen.data import control_table
from uavscreen.errors import UserError
from uavscreen.model import Finding
from uavscreen.rules.facts import ShipmentFacts
from uavscreen.rules.predicates import PREDICATES

Condition = Mapping[str, Any]
Compiled = Callable[[ShipmentFacts], list[str]]


class RuleError(UserError):
    """A rule file that cannot be used as written (located by rule id)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One red flag: its id in the control table, what it means, and when it fires."""

    id: str
    title: str
    source: str
    origin: str
    when: Condition
    test: Compiled = field(repr=False, compare=False, default=lambda facts: [])


def _check(cond: Any, where: str) -> None:
    if not isinstance(cond, Mapping) or len(cond) != 1:
        raise RuleError(f"{where}: a condition is a mapping with exactly one key, got {cond!r}")
    (name, arg), = cond.items()
    if name in ("all", "any"):
        if not isinstance(arg, list) or not arg:
            raise RuleError(f"{where}: '{name}' needs a non-empty list")
        for c in arg:
            _check(c, where)
    elif name == "not":
        _check(arg, where)
    elif name in PREDICATES:
        params = _params(arg)
        try:
            inspect.signature(PREDICATES[name]).bind(None, **params)
        except TypeError as exc:
            raise RuleError(f"{where}: predicate {name!r}: {exc}") from None
    else:
        raise RuleError(f"{where}: unknown predicate {name!r}; known: {', '.join(sorted(PREDICATES))}")


def load_rules(path: Path | None = None) -> list[Rule]:
    """The rules of ``path`` (default: the bundled ``red_flags.yaml``), checked."""
    if path is None:
        text = resources.files("uavscreen.rules").joinpath("red_flags.yaml").read_text(encoding="utf-8")
        where = "red_flags.yaml"
    else:
        text, where = path.read_text(encoding="utf-8"), str(path)
    table = {f["id"]: f for f in control_table("red_flags")["red_flags"]}
    rules = []
    for i, raw in enumerate(yaml.safe_load(text).get("rules", [])):
        rid = raw.get("id")
        if rid not in table:
            raise RuleError(f"{where}: rule {i + 1}: {rid!r} is not a red flag of the red_flags table")
        _check(raw.get("when"), f"{where}: rule {rid}")
        flag = table[rid]
        rules.append(Rule(rid, flag["title"], flag.get("source", ""), flag.get("origin", ""), raw["when"],
                          compile_condition(raw["when"])))
    return rules


@cache
def default_rules() -> tuple[Rule, ...]:
    return tuple(load_rules())


def _params(raw: Any) -> dict[str, Any]:
    params = dict(raw or {})
    if "lexicon" in params:
        params["lexicon_name"] = params.pop("lexicon")
    if "date" in params:
        params["date_"] = params.pop("date")
    return params


def compile_condition(cond: Condition) -> Compiled:
    """A checked condition as one function of the facts, returning its evidence (empty: false).
    Compiled once at load, so screening does no YAML or name look-ups."""
    (name, arg), = cond.items()
    if name in ("all", "any"):
        parts = [compile_condition(c) for c in arg]
        if name == "all":
            def all_of(facts: ShipmentFacts) -> list[str]:
                out: list[str] = []
                for part in parts:
                    ev = part(facts)
                    if not ev:
                        return []
                    out.extend(ev)
                return out
            return all_of

        def any_of(facts: ShipmentFacts) -> list[str]:
            out: list[str] = []
            for part in parts:
                out.extend(part(facts))
            return out
        return any_of
    if name == "not":
        inner = compile_condition(arg)
        return lambda facts: [] if inner(facts) else ["(condition absent)"]
    fn, params = PREDICATES[name], _params(arg)
    return lambda facts: fn(facts, **params)


def evaluate_condition(cond: Condition, facts: ShipmentFacts) -> list[str]:
    """Evidence for ``cond`` on ``facts``; empty when the condition does not hold."""
    return compile_condition(cond)(facts)


def evaluate(rules: tuple[Rule, ...] | list[Rule], facts: ShipmentFacts,
             severities: Mapping[str, str]) -> list[Finding]:
    """One ``red_flag`` finding per fired rule, with its evidence, source and severity."""
    findings = []
    for rule in rules:
        evidence = rule.test(facts)
        if not evidence:
            continue
        unique = list(dict.fromkeys(evidence))
        findings.append(Finding(
            kind="red_flag",
            severity=severities.get(rule.id, "medium"),
            subject="shipment",
            evidence=f"{rule.title}: " + "; ".join(unique),
            basis=[b for b in (rule.origin, rule.source) if b],
            rule_id=rule.id,
            details={"evidence": unique},
        ))
    return findings
