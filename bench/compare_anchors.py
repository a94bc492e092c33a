"""uavscreen against the reference anchor (nomenklatura ``logic-v2``, as yente runs it) on the
names development set, side by side.

Why this exists: issue 3 asks for uavscreen to be ahead of the best open matcher on recall at
the same or lower false-alert rate, measured in one run on one machine.  Both systems see the
same index folders, the same queries and side information, and are scored with the functions
of ``score_names.py`` itself, so the figures are the scorer's figures, not a re-implementation.

The reference is yente minus Elasticsearch: candidates are the top 50 entities by rapidfuzz
WRatio over the latinised names of the index whose schema the query can match (yente filters
by schema and indexes ASCII name keys too), each scored with ``LogicV2.compare`` and its default configuration; a hit "matches" at
yente's default ``SCORE_THRESHOLD`` of 0.70 (nomenklatura ships no threshold of its own).  No
score cut-off is applied to the reference's top 10, which can only help its recall@10.
Listed entities are converted from uavscreen's ``Entity`` to FtM proxies with the properties
yente would hold for them (names and aliases, name parts, birth dates, countries and
nationalities, identifiers by type, gender).

    .venv/bin/python bench/compare_anchors.py                       # whole dev set, both systems
    .venv/bin/python bench/compare_anchors.py --max-cases 400 --kinds perturbation,negative
    .venv/bin/python bench/compare_anchors.py --reference-max-cases 1500 --markdown

Needs the ``bench`` extra (``nomenklatura``).  ``bench/bench_match.py`` reuses
:class:`ReferenceMatcher` and :func:`render_table` from here.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import random
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from normality import ascii_text
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from uavscreen.model import Entity, NameKind

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CASES = REPO.parent / "shared" / "eval" / "names_dev.jsonl"
LIMIT = 10
#: yente's ``settings.SCORE_THRESHOLD``: the score at which yente flags ``match: true``.
REFERENCE_THRESHOLD = 0.70
REFERENCE_ALGORITHM = "logic-v2"
#: entities handed to the scorer per query, as yente's ``/match`` pre-selects them.
REFERENCE_CANDIDATES = 50
#: names pulled from rapidfuzz per query so that 50 *distinct* entities remain.
_NAMES_PER_CANDIDATE = 6
POSITIVE_KINDS = ("cross_list", "original_script", "perturbation")
WARMUP = [("John Smith", "Person"), ("Acme Trading LLC", "Company"), ("Ivanov Sergei Petrovich", "Person"),
          ("Golden Ocean Shipping Co Ltd", "Company"), ("Star Vessel", "Vessel"),
          ("Bank of Commerce", "Organization")]

Hit = tuple[str, float, bool]
Case = dict[str, Any]
QueryFn = Callable[[Case], list[Hit]]


# ---------------------------------------------------------------------------------- reference
#: uavscreen identifier type → FtM property (used when the entity's schema has it).
_ID_PROPS = {"passport": "passportNumber", "imo": "imoNumber", "mmsi": "mmsi", "bic": "swiftBic",
             "registration": "registrationNumber", "tax": "taxNumber", "national_id": "idNumber",
             "inn": "innCode", "ogrn": "ogrnCode", "lei": "leiCode", "call_sign": "callSign"}
_NAME_PROPS = {NameKind.PRIMARY: "name", NameKind.STRONG_ALIAS: "alias",
               NameKind.ORIGINAL_SCRIPT: "alias", NameKind.WEAK_ALIAS: "weakAlias",
               NameKind.FORMER: "previousName"}


def _ftm_schema(schema: str | None) -> str:
    """The FtM schema a query or entity is screened as (``Any`` is a LegalEntity, as in yente;
    uavscreen's ``Aircraft`` is FtM's ``Airplane``)."""
    if not schema or schema == "Any":
        return "LegalEntity"
    return "Airplane" if schema == "Aircraft" else schema


def entity_proxy(e: Entity, proxy_id: str) -> Any:
    """``e`` as the FtM entity yente would index for it."""
    from followthemoney import model

    p = model.make_entity(_ftm_schema(e.schema))
    p.id = proxy_id
    props = p.schema.properties

    def add(prop: str, value: str | None) -> None:
        if value and prop in props:
            p.add(prop, value, quiet=True, cleaned=False)

    for n in e.names:
        kind = n.kind if isinstance(n.kind, NameKind) else NameKind(str(n.kind))
        add(_NAME_PROPS[kind] if _NAME_PROPS[kind] in props else "alias", n.value)
        for part, value in (n.parts or {}).items():
            add(part, value)
    for b in e.birth_dates:
        add("birthDate", b.value)
    for c in itertools.chain(e.countries, (a.country for a in e.addresses if a.country)):
        add("country", (c or "").lower())
    for c in e.nationalities:
        add("nationality" if "nationality" in props else "country", c.lower())
    for a in e.addresses:
        add("address", a.full)
    for i in e.identifiers:
        add(_ID_PROPS.get(i.type, "idNumber"), i.value)
    add("gender", e.gender)
    return p


def query_proxy(query: Case, proxy_id: str) -> Any:
    """A dev-set query as the body of a yente ``/match`` query."""
    from followthemoney import model

    p = model.make_entity(_ftm_schema(query.get("schema")))
    p.id = proxy_id
    p.add("name", query["name"], quiet=True)
    for c in query.get("countries") or []:
        p.add("country", c.lower(), quiet=True)
    if query.get("birth_date") and "birthDate" in p.schema.properties:
        p.add("birthDate", query["birth_date"], quiet=True)
    for ident in query.get("identifiers") or []:
        value = ident.get("value") if isinstance(ident, dict) else str(ident)
        p.add("idNumber", value, quiet=True)
    return p


def retrieval_key(name: str) -> str:
    """A name as the reference's candidate search compares it: latinised (yente's index
    holds ASCII name keys, so a Cyrillic query can find a Latin-only listing), lower-cased,
    punctuation stripped."""
    return str(default_process(ascii_text(name) or name))


@dataclass(frozen=True, slots=True)
class ReferenceHit:
    id: str
    score: float
    match: bool


class ReferenceMatcher:
    """yente's ``/match`` without Elasticsearch: rapidfuzz top-50 entities → ``LogicV2``."""

    def __init__(self, entities: Iterable[Entity], scope: str = "") -> None:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm

        algorithm = get_algorithm(REFERENCE_ALGORITHM)
        if algorithm is None:
            raise SystemExit(f"nomenklatura has no {REFERENCE_ALGORITHM!r}: install the bench extra")
        self.algorithm = algorithm
        self.config = algorithm.default_config()
        self.model = model
        self.ids: list[str] = []
        self.proxies: list[Any] = []
        self.names: list[str] = []
        self.owner: list[int] = []
        # nomenklatura memoises names by proxy id: ids must be unique across every index.
        for e in entities:
            idx = len(self.ids)
            self.ids.append(e.id)
            self.proxies.append(entity_proxy(e, f"{scope}/{e.id}"))
            for n in dict.fromkeys(n.value for n in e.names):
                self.names.append(retrieval_key(n))
                self.owner.append(idx)
        self._by_schema: dict[str, tuple[list[str], list[int]]] = {}
        self._seq = itertools.count()
        self._scope = scope
        #: seconds spent in candidate retrieval so far (to report the scorer's own speed).
        self.retrieval_s = 0.0

    def retrieval_clock(self) -> float:
        return self.retrieval_s

    def _choices(self, schema: str) -> tuple[list[str], list[int]]:
        """Names of the entities a ``schema`` query can match (yente's schema filter)."""
        if schema not in self._by_schema:
            q = self.model.get(schema)
            if q is None:
                raise SystemExit(f"unknown schema {schema!r}")
            ok = [q.can_match(p.schema) or q.name == p.schema.name for p in self.proxies]
            keep = [i for i, owner in enumerate(self.owner) if ok[owner]]
            self._by_schema[schema] = ([self.names[i] for i in keep], [self.owner[i] for i in keep])
        return self._by_schema[schema]

    def candidates(self, name: str, schema: str) -> list[int]:
        """The top entities by rapidfuzz WRatio of their best name, best first."""
        t0 = time.perf_counter()
        names, owners = self._choices(schema)
        found = process.extract(retrieval_key(name), names, scorer=fuzz.WRatio, processor=None,
                                limit=REFERENCE_CANDIDATES * _NAMES_PER_CANDIDATE)
        picked: dict[int, None] = {}
        for _, _, i in found:
            picked.setdefault(owners[i])
            if len(picked) == REFERENCE_CANDIDATES:
                break
        self.retrieval_s += time.perf_counter() - t0
        return list(picked)

    def match_party(self, name: str, schema: str | None = None, countries: Sequence[str] | None = None,
                    birth_date: str | None = None, identifiers: Sequence[Any] | None = None,
                    limit: int = LIMIT) -> list[ReferenceHit]:
        query = {"name": name, "schema": schema, "countries": countries, "birth_date": birth_date,
                 "identifiers": identifiers}
        q = query_proxy(query, f"{self._scope}/query-{next(self._seq)}")
        scored = [(self.algorithm.compare(q, self.proxies[i], self.config).score, i)
                  for i in self.candidates(name, q.schema.name)]
        scored.sort(key=lambda t: -t[0])
        return [ReferenceHit(self.ids[i], s, s >= REFERENCE_THRESHOLD) for s, i in scored[:limit]]


# ---------------------------------------------------------------------------------- running
@dataclass
class SystemRun:
    """One system's answers to a set of cases, with timings."""

    label: str
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    build_s: dict[str, float] = field(default_factory=dict)

    def latencies(self, cases: Iterable[Case], part: str = "latency") -> list[float]:
        """Seconds per case: whole calls, or ``"scoring"`` (calls minus candidate retrieval)."""
        return [r[part] for c in cases if (r := self.results.get(c["id"])) and part in r]


def ask(match_party: Callable[..., Sequence[Any]], q: Case) -> list[Hit]:
    """One query through a ``match_party`` as ``score_names.py`` calls it; hits as tuples."""
    hits = match_party(q["name"], schema=q.get("schema") or "Any", countries=q.get("countries") or [],
                       birth_date=q.get("birth_date"), identifiers=q.get("identifiers") or [],
                       limit=LIMIT)
    out: list[Hit] = []
    for h in list(hits)[:LIMIT]:
        ent = getattr(h, "entity", None)
        out.append((str(ent.id if ent is not None else h.id), float(h.score), bool(h.match)))
    return out


def run_cases(match_party: Callable[..., Sequence[Any]], cases: list[Case], run: SystemRun,
              progress: Progress, label: str, retrieval_clock: Callable[[], float] | None = None) -> None:
    """Warm up, then answer ``cases`` one by one, timing each call (and, when the system
    exposes it, the part of each call spent retrieving candidates)."""
    for name, schema in WARMUP:
        match_party(name, schema=schema, countries=[], birth_date=None, identifiers=[], limit=LIMIT)
    progress.console.log(f"{label}: {len(cases)} cases")
    task = progress.add_task(label, total=len(cases))
    for c in cases:
        r0 = retrieval_clock() if retrieval_clock else 0.0
        c0 = time.process_time()
        t0 = time.perf_counter()
        hits = ask(match_party, c["query"])
        latency = time.perf_counter() - t0
        result: dict[str, Any] = {"hits": hits, "latency": latency, "cpu": time.process_time() - c0}
        if retrieval_clock:
            result["scoring"] = latency - (retrieval_clock() - r0)
        run.results[c["id"]] = result
        progress.advance(task)


def stratified_sample(cases: list[Case], n: int, seed: int = 3) -> list[Case]:
    """About ``n`` cases, each kind in its dev-set share (at least one), plus the paired case
    of every sampled ``wrong_side_info`` twin so its figure stays computable."""
    if n >= len(cases):
        return cases
    rng = random.Random(seed)
    by_kind: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        by_kind[c["kind"]].append(c)
    chosen: set[str] = set()
    for group in by_kind.values():
        k = max(1, round(n * len(group) / len(cases)))
        chosen.update(c["id"] for c in rng.sample(group, min(k, len(group))))
    ids = {c["id"] for c in cases}
    for c in cases:
        pair = (c.get("detail") or {}).get("pair")
        if c["id"] in chosen and isinstance(pair, str) and pair in ids:
            chosen.add(pair)
    return [c for c in cases if c["id"] in chosen]


def load_scorer(path: Path) -> ModuleType:
    """``score_names.py`` as a module, so its metric definitions are used verbatim."""
    spec = importlib.util.spec_from_file_location("score_names", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_cases(path: Path, kinds: str | None, max_cases: int | None) -> list[Case]:
    cases: list[Case] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                cases.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{lineno}: not JSON: {exc}") from exc
    if kinds:
        wanted = set(kinds.split(","))
        cases = [c for c in cases if c["kind"] in wanted]
    return cases[:max_cases] if max_cases else cases


# ---------------------------------------------------------------------------------- reporting
def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    """A table as GitHub markdown (first column left, others right) or aligned plain text."""
    if markdown:
        def cell(x: str) -> str:  # markdown drops leading spaces: keep the indent visible
            return "&nbsp;" * (len(x) - len(x.lstrip(" "))) + x.lstrip(" ")

        lines = ["| " + " | ".join(headers) + " |",
                 "|" + "|".join([":---"] + ["---:"] * (len(headers) - 1)) + "|"]
        lines += ["| " + " | ".join(cell(x) for x in r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    fmt = [f"{{:<{widths[0]}}}"] + [f"{{:>{w}}}" for w in widths[1:]]
    return "\n".join("  ".join(f.format(x) for f, x in zip(fmt, r, strict=True)) for r in [headers, *rows])


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile, as ``score_names.py`` computes it."""
    if not values:
        return float("nan")
    v = sorted(values)
    return v[max(0, min(len(v) - 1, round(q * (len(v) - 1))))]


def _f(x: Any, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _kind_figure(kind: str, key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda rep: rep["per_kind"][kind][key]


def figure_rows(reports: list[dict[str, Any]], runs: list[tuple[SystemRun, list[Case]]]) -> list[list[str]]:
    """The side-by-side rows: one column per (system, case set)."""
    rows: list[list[str]] = []

    def row(label: str, get: Callable[[dict[str, Any]], Any], digits: int = 3) -> None:
        values = []
        for rep in reports:
            try:
                values.append(_f(get(rep), digits))
            except (KeyError, TypeError):
                values.append("–")
        rows.append([label, *values])

    def n_of(rep: dict[str, Any], key: str) -> str:
        return str(rep["per_kind"].get(key, {}).get("n", 0))

    first = reports[0]
    pos_n = first["positives"].get("n", 0)
    if pos_n:
        row(f"recall@match, all positives (n={pos_n})", lambda r: r["positives"]["recall_at_match"])
        for k in POSITIVE_KINDS:
            if k in first["per_kind"]:
                row(f"  {k} (n={n_of(first, k)})", _kind_figure(k, "recall_at_match"))
        row(f"recall@{LIMIT}, all positives", lambda r: r["positives"][f"recall_at_{LIMIT}"])
        for k in POSITIVE_KINDS:
            if k in first["per_kind"]:
                row(f"  {k}", _kind_figure(k, f"recall_at_{LIMIT}"))
        row("top-1, all positives", lambda r: r["positives"]["top1"])
        row("other matches per positive query", lambda r: r["positives"]["other_alerts_per_query"])
    if first["negatives"].get("n"):
        row(f"false-alert rate, negatives (n={first['negatives']['n']})",
            lambda r: r["negatives"]["false_alert_rate"], 4)
    if first.get("wrong_side_info"):
        row("wrong_side_info: score lower than pair", lambda r: r["wrong_side_info"]["score_lower_than_pair"])
        row("wrong_side_info: still a match", lambda r: r["wrong_side_info"]["still_match_rate"])
    for (run, cases), rep in zip(runs, reports, strict=True):
        lat = run.latencies(cases)
        rep["_qps"] = len(lat) / sum(lat) if lat else None
        rep["_p50"] = 1000 * percentile(lat, 0.5)
        rep["_p99"] = 1000 * percentile(lat, 0.99)
        cpu = run.latencies(cases, "cpu")
        rep["_cpu_qps"] = len(cpu) / sum(cpu) if cpu and sum(cpu) else None
        scoring = run.latencies(cases, "scoring")
        rep["_scoring_qps"] = len(scoring) / sum(scoring) if scoring else None
        rep["_build"] = sum(run.build_s.values())
    row("queries/s (one process, after warm-up, wall clock)", lambda r: r["_qps"], 1)
    row("queries per CPU-second", lambda r: r["_cpu_qps"], 1)
    if any(rep["_scoring_qps"] for rep in reports):
        row("  queries/s without candidate retrieval (wall clock)", lambda r: r["_scoring_qps"], 1)
    row("latency p50 ms", lambda r: r["_p50"], 2)
    row("latency p99 ms", lambda r: r["_p99"], 2)
    row("index build s (all indexes, after list load)", lambda r: r["_build"], 1)
    return rows


# ---------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=Path, default=DEFAULT_CASES, help="names dev set (JSONL)")
    ap.add_argument("--indexes", type=Path, help="index folders (default: indexes/ beside --cases)")
    ap.add_argument("--scorer", type=Path, help="score_names.py (default: beside --cases)")
    ap.add_argument("--kinds", help="only these case kinds, comma separated")
    ap.add_argument("--max-cases", type=int, help="only the first N cases")
    ap.add_argument("--reference-max-cases", type=int,
                    help="score the reference on a stratified sample of about N cases (it is slow)")
    ap.add_argument("--no-reference", action="store_true", help="uavscreen only")
    ap.add_argument("--home", help="UAVSCREEN_HOME for caches (default: a fresh temporary folder)")
    ap.add_argument("--markdown", action="store_true", help="print the table as markdown")
    ap.add_argument("--out", type=Path, help="write both scorer reports as JSON here")
    ap.add_argument("--per-case", type=Path, help="write every case with both systems' hits (JSONL)")
    args = ap.parse_args(argv)

    home = args.home or tempfile.mkdtemp(prefix="uavscreen-bench-")
    os.environ["UAVSCREEN_HOME"] = home
    from uavscreen import Screener

    scorer = load_scorer(args.scorer or args.cases.parent / "score_names.py")
    root = args.indexes or args.cases.parent / "indexes"
    cases = read_cases(args.cases, args.kinds, args.max_cases)
    ref_cases = [] if args.no_reference else (
        stratified_sample(cases, args.reference_max_cases) if args.reference_max_cases else cases)
    ref_ids = {c["id"] for c in ref_cases}
    by_index: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        by_index[c["index_name"]].append(c)

    ours, ref = SystemRun("uavscreen"), SystemRun(f"nomenklatura {REFERENCE_ALGORITHM}")
    load_s: dict[str, float] = {}
    console = Console(stderr=True)
    columns = (TextColumn("{task.description:32}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        for index_name in sorted(by_index):
            index_dir = root / index_name
            if not index_dir.is_dir():
                raise SystemExit(f"{args.cases}: index folder {index_dir} not found (case index_name)")
            t0 = time.perf_counter()
            screener = Screener.from_dir(index_dir)
            load_s[index_name] = time.perf_counter() - t0
            t0 = time.perf_counter()
            screener.matcher  # noqa: B018 - build (or read from cache) the index now, not in a query
            ours.build_s[index_name] = time.perf_counter() - t0
            run_cases(screener.match_party, by_index[index_name], ours, progress, f"uavscreen {index_name}")
            todo = [c for c in by_index[index_name] if c["id"] in ref_ids]
            if todo:
                t0 = time.perf_counter()
                reference = ReferenceMatcher(screener.entities(), scope=index_name)
                ref.build_s[index_name] = time.perf_counter() - t0
                run_cases(reference.match_party, todo, ref, progress, f"{REFERENCE_ALGORITHM} {index_name}",
                          retrieval_clock=reference.retrieval_clock)
                del reference
            del screener

    columns_: list[tuple[str, SystemRun, list[Case]]] = [("uavscreen", ours, cases)]
    sampled = bool(ref_cases) and len(ref_cases) < len(cases)
    if sampled:
        columns_.append((f"uavscreen (same {len(ref_cases)})", ours, ref_cases))
    if ref_cases:
        columns_.append((f"{REFERENCE_ALGORITHM} (rapidfuzz top-{REFERENCE_CANDIDATES})", ref, ref_cases))
    reports = [scorer.metrics(cs, run.results, LIMIT) for _, run, cs in columns_]
    rows = figure_rows(reports, [(run, cs) for _, run, cs in columns_])

    cores = os.cpu_count()
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"names dev set: {args.cases.name}, {len(cases)} cases; {cores} cores (load average {load}), "
          f"one process; "
          f"uavscreen's match flag as its engine sets it, {REFERENCE_ALGORITHM} match at ≥ {REFERENCE_THRESHOLD} "
          f"(yente default)")
    if sampled:
        print(f"reference scored on a stratified sample of {len(ref_cases)} of {len(cases)} cases "
              f"(--reference-max-cases); compare the last two columns")
    print("list load s per index: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(load_s.items())))
    print()
    print(render_table(["figure", *(label for label, _, _ in columns_)], rows, args.markdown))
    if args.out:
        args.out.write_text(json.dumps({label: rep for (label, _, _), rep in zip(columns_, reports, strict=True)},
                                       indent=1, ensure_ascii=False, default=str))
    if args.per_case:
        with args.per_case.open("w", encoding="utf-8") as fh:
            for c in cases:
                fh.write(json.dumps({"id": c["id"], "kind": c["kind"], "query": c["query"],
                                     "expect_ids": c["expect_ids"],
                                     "uavscreen": ours.results[c["id"]]["hits"],
                                     "reference": ref.results.get(c["id"], {}).get("hits")},
                                    ensure_ascii=False) + "\n")
    # the last line is a one-line summary, like the scorer's
    a, b = reports[0], reports[-1]
    print(f"\nSUMMARY uavscreen recall@match={_f(a['positives'].get('recall_at_match'))} "
          f"false_alert_rate={_f(a['negatives'].get('false_alert_rate'), 4)} | {columns_[-1][0]} "
          f"recall@match={_f(b['positives'].get('recall_at_match'))} "
          f"false_alert_rate={_f(b['negatives'].get('false_alert_rate'), 4)}")


if __name__ == "__main__":
    main()
