"""Validation: the project's SHACL shapes over the stored graph, as a report people and CI can read.

The data is every named graph but ``graph:ontology``; the ontology only supplies the subclass
axioms class targets and ``sh:class`` follow, and nothing is inferred. Two engines fill one report:

- ``sparql`` (the default): every Core constraint is compiled into ONE query over all its focus
  nodes and run in the store (``validation/sparql_core.py``), because pySHACL, walking focus nodes
  one by one over an rdflib copy, takes minutes at 150 k quads and never ends at 1.5 M.
- ``pyshacl``: the reference. Core SHACL in pySHACL over an rdflib copy of the data graphs, the
  ontology passed as ``ont_graph``. Tests hold the two engines to the same results.

In both, the few SHACL-SPARQL constraints (cross-node checks: a selector against its source's
text, a relation assertion against its direct triple, a follows-up cycle, a post against a
statement's date) run as ONE query each over the whole store, their targets written into the
query. ``conforms`` means no ``sh:Violation``: warnings are reported but fail only ``--strict``.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from healthplan_kg import resources
from healthplan_kg.errors import HealthplanError, ReferenceDataError, StoreError
from healthplan_kg.namespaces import (
    CONCEPTS_GRAPH,
    HP,
    OA,
    ONTOLOGY_GRAPH,
    RDF,
    RDFS,
    REFERENCE_GRAPH,
    SH,
    SKOS,
)
from healthplan_kg.store.base import GraphStore, QueryResult
from healthplan_kg.transitive import transitive_pairs
from healthplan_kg.validation.cycles import cycle_predicate, cycle_rows
from healthplan_kg.validation.sparql_core import CoreCheck, Scope, compile_checks, subclass_closure

SEVERITIES = ("Violation", "Warning", "Info")
#: The validation engines: Core SHACL compiled to SPARQL in the store, or pySHACL (the reference).
ENGINES = ("sparql", "pyshacl")
#: Which message language to fall back to when a shape has none in the one asked for.
_FALLBACK = {"nn": ("nn", "nb", "en"), "nb": ("nb", "nn", "en"), "en": ("en", "nb", "nn")}
#: Where ``validate --changed`` remembers what it has validated: beside the store folder, so the
#: record survives a build (which swaps in a new folder) and a reused source graph is not redone.
RECORD_SUFFIX = ".validated.json"


@dataclass
class ValidationResult:
    """One SHACL result, with what a person needs to find it: labels, the document, the sentence."""

    severity: str                     # Violation, Warning or Info
    shape: str                        # the named shape (a property shape's node shape)
    shape_label: str
    focus: str
    focus_label: str | None
    path: str | None
    value: str | None
    message: str                      # in English where the shape has it
    source_document: str | None = None
    evidence: str | None = None
    messages: dict[str, str] = field(default_factory=dict)   # by language tag
    #: "sparql" (Core SHACL compiled to a store query), "pyshacl" (Core SHACL in the reference
    #: engine) or "store" (a SHACL-SPARQL constraint run as one store query)
    engine: str = "pyshacl"

    def message_in(self, lang: str) -> str:
        for tag in _FALLBACK.get(lang, (lang, "en")):
            if tag in self.messages:
                return self.messages[tag]
        return self.message


@dataclass
class ValidationReport:
    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    ontology_problems: list[str] = field(default_factory=list)
    #: Every named shape that ran, (IRI, label): JUnit gets one test case per shape, passing or not.
    shapes: list[tuple[str, str]] = field(default_factory=list)
    #: The named graphs whose nodes were validated (all data graphs, or the changed ones).
    graphs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: Each shape's title by language (its rdfs:label @en/@nb/@nn), for reports in the reader's.
    shape_titles: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        counts = Counter(r.severity for r in self.results)
        return {severity: counts.get(severity, 0) for severity in SEVERITIES}

    def conforms_strictly(self) -> bool:
        """No violation and no warning: what ``validate --strict`` asks for."""
        return self.conforms and self.counts["Warning"] == 0

    def grouped(self) -> dict[tuple[str, str], list[ValidationResult]]:
        """Results by (severity, shape), worst severity first, then by shape."""
        order = {s: i for i, s in enumerate(SEVERITIES)}
        groups: dict[tuple[str, str], list[ValidationResult]] = {}
        for result in sorted(self.results, key=lambda r: (order.get(r.severity, 9), r.shape, r.focus,
                                                          r.path or "", r.value or "")):
            groups.setdefault((result.severity, result.shape), []).append(result)
        return groups

    def grouped_results(self) -> list[ValidationResult]:
        return [r for group in self.grouped().values() for r in group]

    def to_json(self) -> str:
        """Stable fields for tools: ``conforms``, ``counts``, ``graphs_validated``,
        ``ontology_problems`` and ``results`` (each with every ``ValidationResult`` field)."""
        return json.dumps({"conforms": self.conforms, "counts": self.counts,
                           "graphs_validated": len(self.graphs),
                           "ontology_problems": self.ontology_problems,
                           "results": [asdict(r) for r in self.grouped_results()]},
                          ensure_ascii=False, indent=2)

    def to_text(self, lang: str = "en", *, limit: int = 10) -> str:
        """A summary line, then each shape's results (at most ``limit`` shown per shape): the
        node by label and IRI, the offending value, the message, the file and the sentence."""
        counts = self.counts
        words = _HEADINGS.get(lang, _HEADINGS["en"])
        head = words["conforms"] if self.conforms else words["fails"]
        lines = [words["summary"].format(head=head, violations=counts["Violation"], warnings=counts["Warning"],
                                         infos=counts["Info"], graphs=len(self.graphs), seconds=self.seconds)]
        for (severity, shape), results in self.grouped().items():
            title = _pick(self.shape_titles.get(shape, {}), *_FALLBACK.get(lang, (lang,))) or results[0].shape_label
            lines.append(f"\n{words.get(severity, severity)}: {title} ({len(results)})")
            for result in results[:limit]:
                name = f"«{result.focus_label}» <{result.focus}>" if result.focus_label else f"<{result.focus}>"
                lines.append(f"  - {name}")
                lines.append(f"      {result.message_in(lang)}")
                if result.path or result.value:
                    where = _local(result.path) if result.path else _WORDS["value"][lang]
                    lines.append(f"      {where}: {(result.value or _WORDS['missing'][lang])[:100]}")
                if result.source_document:
                    lines.append(f"      {_WORDS['in'][lang]}: {result.source_document}")
                if result.evidence:
                    lines.append(f"      {_WORDS['sentence'][lang]}: «{result.evidence[:200]}»")
            if len(results) > limit:
                lines.append(f"  … {_WORDS['more'][lang].format(len(results) - limit)}")
        for problem in self.ontology_problems:
            lines.append(f"\nontology: {problem}")
        return "\n".join(lines)

    def to_junit(self, *, strict: bool = False) -> str:
        """JUnit XML: one test case per shape. Violations are failures; warnings go to the case's
        <system-out> and pass (with ``strict`` they fail too), so a CI dashboard shows them
        without turning the build red."""
        groups: dict[str, dict[str, list[ValidationResult]]] = {}
        for (severity, shape), results in self.grouped().items():
            groups.setdefault(shape, {})[severity] = results
        known = dict(self.shapes)
        for shape, by_severity in groups.items():
            known.setdefault(shape, next(iter(by_severity.values()))[0].shape_label)
        cases, failures = [], 0
        for shape, label in sorted(known.items(), key=lambda item: item[1].casefold()):
            by_severity = groups.get(shape, {})
            failing = [r for s, rs in by_severity.items() for r in rs if s == "Violation" or strict]
            passing = [r for s, rs in by_severity.items() for r in rs if not (s == "Violation" or strict)]
            parts = [f'  <testcase classname="shacl" name={quoteattr(label)}>']
            if failing:
                failures += 1
                parts.append(f"    <failure message={quoteattr(f'{len(failing)} results of {shape}')}>"
                             f"{escape(_plain(failing))}</failure>")
            if passing:
                parts.append(f"    <system-out>{escape(_plain(passing))}</system-out>")
            cases.append("\n".join(parts) + "\n  </testcase>")
        for problem in self.ontology_problems:
            failures += 1
            cases.append('  <testcase classname="owl" name="ontology">\n'
                         f"    <failure message={quoteattr(problem)}/>\n  </testcase>")
        if not cases:
            cases.append('  <testcase classname="shacl" name="all shapes"/>')
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<testsuite name="healthplan-kg validation" tests="{len(cases)}" failures="{failures}">\n'
                + "\n".join(cases) + "\n</testsuite>\n")

    def to_dataframe(self):
        """The results as a pandas DataFrame (pandas is imported only here)."""
        import pandas as pd
        columns = ["severity", "shape", "shape_label", "focus", "focus_label", "path", "value", "message",
                   "source_document", "evidence", "engine"]
        return pd.DataFrame([{c: getattr(r, c) for c in columns} for r in self.grouped_results()],
                            columns=columns)


#: The report's own words in each language (the shapes' messages and titles come from shapes.ttl).
_HEADINGS = {
    "en": {"conforms": "conforms", "fails": "does NOT conform", "Violation": "Violation", "Warning": "Warning",
           "Info": "Info", "summary": "validation: {head} ({violations} violations, {warnings} warnings, "
                                      "{infos} infos; {graphs} graphs in {seconds:.1f}s)"},
    "nb": {"conforms": "i orden", "fails": "IKKE i orden", "Violation": "Brudd", "Warning": "Advarsel",
           "Info": "Info", "summary": "validering: {head} ({violations} brudd, {warnings} advarsler, "
                                      "{infos} info; {graphs} grafer på {seconds:.1f} s)"},
    "nn": {"conforms": "i orden", "fails": "IKKJE i orden", "Violation": "Brot", "Warning": "Åtvaring",
           "Info": "Info", "summary": "validering: {head} ({violations} brot, {warnings} åtvaringar, "
                                      "{infos} info; {graphs} grafar på {seconds:.1f} s)"},
}
_WORDS = {"in": {"en": "document", "nb": "dokument", "nn": "dokument"},
          "sentence": {"en": "sentence", "nb": "setning", "nn": "setning"},
          "more": {"en": "and {} more", "nb": "og {} til", "nn": "og {} til"},
          "value": {"en": "value", "nb": "verdi", "nn": "verdi"},
          "missing": {"en": "(missing)", "nb": "(mangler)", "nn": "(manglar)"}}


def _plain(results: list[ValidationResult]) -> str:
    lines = []
    for r in results:
        lines.append(f"[{r.severity}] {r.focus_label or ''} <{r.focus}>: {r.message}"
                     + (f" (value: {r.value})" if r.value else "")
                     + (f" in {r.source_document}" if r.source_document else ""))
    return "\n".join(lines)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# -- the shapes, split between the two engines ---------------------------------------------------

@dataclass(frozen=True)
class StoreCheck:
    """A SHACL-SPARQL constraint run as one query over the store instead of once per focus node."""

    shape: str
    shape_label: str
    severity: str
    messages: dict[str, str]
    path: str | None
    select: str                                # the constraint's SELECT, $this still in it
    targets: tuple[tuple[str, str], ...]       # (SHACL target predicate local name, IRI)
    prefixes: str                              # PREFIX lines from the shape's sh:prefixes

    def query(self, data_graphs: Iterable[str], focus_graphs: Iterable[str] | None = None, *,
              union: bool = False) -> str:
        """The whole-store query: the data graphs merged as the default graph (FROM; or, with
        ``union``, no dataset clause, for a store that makes the union of its graphs the default
        graph), the ontology as a named graph for subclasses of a target class, ``$this`` bound by
        the shape's targets (and, for ``--changed``, to nodes of the changed graphs)."""
        body = self.select.replace("$this", "?this")
        where = re.search(r"\bWHERE\s*\{", body, re.IGNORECASE)
        if where is None:
            raise ReferenceDataError(f"{self.shape}: its sh:select has no WHERE {{ … }}")
        patterns = []
        for kind, iri in self.targets:
            if kind == "targetClass":
                patterns.append(f"{{ ?this a <{iri}> }} UNION {{ ?this a ?hpType . "
                                f"GRAPH <{ONTOLOGY_GRAPH}> {{ ?hpType <{RDFS}subClassOf>+ <{iri}> }} }}")
            elif kind == "targetSubjectsOf":
                patterns.append(f"{{ ?this <{iri}> ?hpAny }}")
            elif kind == "targetObjectsOf":
                patterns.append(f"{{ ?hpAny <{iri}> ?this }}")
            elif kind == "targetNode":
                patterns.append(f"{{ VALUES ?this {{ <{iri}> }} }}")
        target = f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(patterns)} }} }}"
        dataset = "" if union else ("".join(f"FROM <{g}>\n" for g in data_graphs)
                                    + f"FROM NAMED <{ONTOLOGY_GRAPH}>\n")
        if focus_graphs is not None:
            focus = sorted(focus_graphs)
            if union:
                test = f"?hpFocusGraph IN ({', '.join(f'<{g}>' for g in focus)})" if focus else "false"
            else:
                dataset += "".join(f"FROM NAMED <{g}>\n" for g in focus)
                test = f"?hpFocusGraph != <{ONTOLOGY_GRAPH}>"
            target += f" FILTER EXISTS {{ GRAPH ?hpFocusGraph {{ ?this ?hpP ?hpO }} FILTER ({test}) }}"
        return (f"{self.prefixes}{body[:where.start()]}\n{dataset}WHERE {{ {target}\n"
                f"{body[where.end():]}")

    def iris(self) -> set[str]:
        """Every IRI the query names (prefixed names expanded) and its target IRIs."""
        found = set(re.findall(r"<([^<>\s]+)>", self.select)) | {iri for _kind, iri in self.targets}
        for prefix, namespace in re.findall(r"PREFIX\s+([\w-]*):\s*<([^>]*)>", self.prefixes):
            found |= {namespace + name for name in re.findall(rf"(?<![\w:]){re.escape(prefix)}:([A-Za-z_][\w-]*)",
                                                               self.select)}
        return found


def _shapes_graph():
    import rdflib
    file = resources.shapes_file()
    if not file.is_file():
        raise ReferenceDataError(f"missing SHACL shapes file {file}")
    shapes = rdflib.Graph()
    try:
        shapes.parse(file, format="turtle")
    except Exception as error:  # rdflib raises many kinds on bad Turtle
        raise ReferenceDataError(f"{file}: not valid Turtle: {error}") from error
    return shapes


def split_shapes(shapes) -> tuple[object, list[StoreCheck]]:
    """The shapes graph without its SPARQL constraints (for pySHACL), and those constraints as
    ``StoreCheck``s. Only named node shapes may carry SPARQL constraints: their targets become
    part of the query."""
    import rdflib
    from rdflib import URIRef

    sh = rdflib.Namespace(SH)
    core = rdflib.Graph()
    for triple in shapes:
        core.add(triple)
    checks: list[StoreCheck] = []
    for shape, constraint in list(shapes.subject_objects(sh.sparql)):
        if not isinstance(shape, URIRef):
            raise ReferenceDataError(f"a SPARQL constraint sits on an unnamed shape ({constraint})")
        targets = tuple((_local(str(p)), str(o)) for p in (sh.targetClass, sh.targetSubjectsOf,
                                                            sh.targetObjectsOf, sh.targetNode)
                        for o in shapes.objects(shape, p))
        if not targets:
            raise ReferenceDataError(f"{shape}: a SPARQL constraint needs a shape with a target")
        prefixes = "".join(f"PREFIX {shapes.value(d, sh.prefix)}: <{shapes.value(d, sh.namespace)}>\n"
                           for source in shapes.objects(constraint, sh.prefixes)
                           for d in shapes.objects(source, sh.declare))
        messages = _by_lang(shapes.objects(constraint, sh.message)) or _by_lang(shapes.objects(shape, sh.message))
        severity = shapes.value(shape, sh.severity)
        path = shapes.value(shape, sh.path)
        checks.append(StoreCheck(
            shape=str(shape), shape_label=_pick(_by_lang(shapes.objects(shape, URIRef(RDFS + "label"))), "en")
            or _local(str(shape)), severity=_local(str(severity)) if severity else "Violation",
            messages={k: v for k, v in messages.items() if k}, path=str(path) if isinstance(path, URIRef) else None,
            select=str(shapes.value(constraint, sh.select)), targets=targets, prefixes=prefixes))
        core.remove((shape, sh.sparql, constraint))
        for triple in list(core.triples((constraint, None, None))):
            core.remove(triple)
    return core, checks


# -- reading the store ---------------------------------------------------------------------------

def _to_rdflib(triples, graph=None):
    import rdflib
    graph = graph if graph is not None else rdflib.Graph()
    if triples:
        graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def _data_graph(store: GraphStore, names: Iterable[str]):
    return _to_rdflib([q.triple for name in names for q in store.quads(name)])


def _by_lang(literals) -> dict[str, str]:
    out: dict[str, str] = {}
    for literal in literals:
        out.setdefault(getattr(literal, "language", None) or "", str(literal))
    return out


def _pick(texts: dict[str, str], *langs: str) -> str | None:
    for lang in (*langs, ""):
        if lang in texts:
            return texts[lang]
    return next(iter(texts.values()), None)


# -- validation ----------------------------------------------------------------------------------

def validate(store: GraphStore, *, graphs: Iterable[str] | None = None, changed: Iterable[str] | None = None,
             reason: bool = False, engine: str = "sparql") -> ValidationReport:
    """SHACL-validate the data graphs of ``store`` (all but the ontology, or ``graphs``).

    ``changed``: validate only the nodes of these named graphs (the ones a build re-extracted);
    ``graph:reference`` and ``graph:concepts`` are read along as context, since source graphs
    point into them, and the
    cross-node checks still see the whole store. ``engine``: ``sparql`` (default) or ``pyshacl``
    (the reference engine, slow on large graphs). With ``reason``, also run HermiT on the
    ontology (needs Java).
    """
    from rdflib import RDF as RDF_NS
    from rdflib import URIRef
    from rdflib.namespace import Namespace

    if engine not in ENGINES:
        raise HealthplanError(f"unknown validation engine {engine!r}: use one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    sh = Namespace(SH)
    all_data = [g for g in (graphs if graphs is not None else store.named_graphs()) if g != ONTOLOGY_GRAPH]
    focus_graphs = None if changed is None else sorted(set(changed) - {ONTOLOGY_GRAPH})
    context = {REFERENCE_GRAPH, CONCEPTS_GRAPH}         # what source graphs point into
    read = all_data if focus_graphs is None else sorted(({*focus_graphs, *context}) & {*all_data, *focus_graphs})
    shapes = _shapes_graph()
    core_shapes, checks = split_shapes(shapes)
    results: list[ValidationResult] = []
    if engine == "sparql":
        whole = graphs is None and focus_graphs is None
        scope = Scope(ONTOLOGY_GRAPH, None if whole else tuple(read))
        core_checks = compile_checks(core_shapes, _subclasses(store), scope)   # fails before any query
        if focus_graphs is None or focus_graphs:
            for core_check in core_checks:
                results += _core_results(store, core_check)
    elif focus_graphs is None or focus_graphs:
        results += _pyshacl_engine(store, read, core_shapes, shapes)
    if focus_graphs is None or focus_graphs:
        for check in checks:
            results += _store_results(store, check, all_data, focus_graphs)
    _add_provenance(store, results)
    titles = {str(s): _by_lang(shapes.objects(s, URIRef(RDFS + "label")))
              for s in shapes.subjects(RDF_NS.type, sh.NodeShape) if isinstance(s, URIRef)}
    report = ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results), results=results,
        shapes=sorted((shape, _pick(texts, "en", "nb") or _local(shape)) for shape, texts in titles.items()),
        graphs=focus_graphs if focus_graphs is not None else all_data, shape_titles=titles)
    if reason:
        report.ontology_problems = _ontology_problems()
        report.conforms = report.conforms and not report.ontology_problems
    report.seconds = time.perf_counter() - started
    return report


def _pyshacl_engine(store: GraphStore, read: list[str], core_shapes, shapes) -> list[ValidationResult]:
    """The reference engine: pySHACL over an rdflib copy of the data graphs, the ontology apart."""
    import pyshacl

    data = _data_graph(store, read)
    _conforms, results_graph, _text = pyshacl.validate(
        data, shacl_graph=core_shapes, ont_graph=_to_rdflib([q.triple for q in store.quads(ONTOLOGY_GRAPH)]),
        inference="none", advanced=True, allow_warnings=True, abort_on_first=False)
    return _pyshacl_results(results_graph, shapes, data)


def _subclasses(store: GraphStore) -> dict[str, set[str]]:
    """Each class's subclasses by the ontology graph's ``rdfs:subClassOf`` (one query).

    The direct statements are read and closed here, not asked for as ``rdfs:subClassOf+``: a
    property path over a graph is not answered alike by every engine (Virtuoso refuses it in a
    GRAPH pattern), and validating where the graph is served must not depend on it."""
    rows = store.query(f"SELECT ?sub ?sup WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?sub <{RDFS}subClassOf> ?sup }} }}")
    return subclass_closure(transitive_pairs((sub.value, sup.value) for sub, sup in rows.rows
                                             if isinstance(sub, ox.NamedNode) and isinstance(sup, ox.NamedNode)))


def _core_results(store: GraphStore, check: CoreCheck) -> list[ValidationResult]:
    """A compiled Core constraint's rows as results: one per focus node (and value node)."""
    rows = store.query(check.query)
    column = {name: i for i, name in enumerate(rows.columns)}
    message = _pick(check.messages, "en") or f"does not conform to {_local(check.shape)}"
    results = []
    for row in rows.rows:
        focus = row[column["this"]]
        if focus is None:
            continue
        value = row[column["value"]] if check.has_value else None
        results.append(ValidationResult(
            severity=check.severity, shape=check.shape, shape_label=check.shape_label,
            focus=focus.value, focus_label=None, path=check.path,
            value=value.value if value is not None and value != focus else None,
            message=message, messages={k: v for k, v in check.messages.items() if k}, engine="sparql"))
    return results


def _pyshacl_results(results_graph, shapes, data) -> list[ValidationResult]:
    from rdflib import RDF as RDF_NS
    from rdflib import URIRef
    from rdflib.namespace import Namespace

    sh = Namespace(SH)
    owner = {prop: node for node, prop in shapes.subject_objects(sh.property)}
    results = []
    for node in results_graph.subjects(RDF_NS.type, sh.ValidationResult):
        shape = results_graph.value(node, sh.sourceShape)
        named = shape
        while named is not None and not isinstance(named, URIRef) and named in owner:
            named = owner[named]
        shape_labels = _by_lang([*shapes.objects(named, URIRef(RDFS + "label")), *shapes.objects(named, sh.name)])
        messages = _by_lang(results_graph.objects(node, sh.resultMessage))
        focus = results_graph.value(node, sh.focusNode)
        path = results_graph.value(node, sh.resultPath)
        value = results_graph.value(node, sh.value)
        severity = results_graph.value(node, sh.resultSeverity)
        focus_labels = _by_lang([*data.objects(focus, URIRef(SKOS + "prefLabel")),
                                 *data.objects(focus, URIRef(RDFS + "label"))])
        results.append(ValidationResult(
            severity=_local(str(severity)) if severity is not None else "Violation",
            shape=str(named) if named is not None else str(shape),
            shape_label=_pick(shape_labels, "en", "nb") or _local(str(named or shape)),
            focus=str(focus), focus_label=_pick(focus_labels, "nb", "nn", "en"),
            path=str(path) if isinstance(path, URIRef) else None,
            value=str(value) if value is not None and value != focus else None,
            message=_pick(messages, "en") or f"does not conform to {_local(str(named or shape))}",
            messages={k: v for k, v in messages.items() if k}))
    return results


def _run_store_check(store: GraphStore, check: StoreCheck, data_graphs: list[str],
                     focus_graphs: list[str] | None):
    """Rows of one SHACL-SPARQL check. Its query reads the data graphs merged as the default
    graph. Oxigraph evaluates a FROM list of a thousand graphs graph by graph (45 s instead of
    0.6 s for one check at 100 documents), so on the embedded store the check reads the union of
    all graphs instead, when that gives the same rows: when the ontology graph states nothing
    with the IRIs the check names (no such predicate, no instance of such a class) it cannot
    match the check's patterns."""
    from healthplan_kg.store.embedded import EmbeddedStore

    if isinstance(store, EmbeddedStore) and not _ontology_speaks_of(store, check.iris()):
        loop_predicate = cycle_predicate(check.prefixes, check.select)
        if loop_predicate is not None:           # "an edge that leads back": components, not paths
            targets = replace(check, select="SELECT DISTINCT $this WHERE { }")
            return cycle_rows(store.oxigraph, loop_predicate, targets.query(data_graphs, focus_graphs, union=True))
        solutions = store.oxigraph.query(check.query(data_graphs, focus_graphs, union=True),
                                         use_default_graph_as_union=True)
        return QueryResult.from_solutions(solutions)
    return store.query(check.query(data_graphs, focus_graphs))


def _ontology_speaks_of(store: GraphStore, iris: set[str]) -> bool:
    """Does the ontology graph use one of ``iris`` as a predicate, or type something with it?"""
    named = sorted(iris - {RDF + "type", RDFS + "subClassOf"})
    if not named:
        return False
    listed = ", ".join(f"<{iri}>" for iri in named)
    return store.ask(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} "
                     f"FILTER (?p IN ({listed}) || (?p = <{RDF}type> && ?o IN ({listed}))) }}")


def _store_results(store: GraphStore, check: StoreCheck, data_graphs: list[str],
                   focus_graphs: list[str] | None) -> list[ValidationResult]:
    if not data_graphs:
        return []
    rows = _run_store_check(store, check, data_graphs, focus_graphs)
    column = {name: i for i, name in enumerate(rows.columns)}
    results = []
    for row in rows.rows:
        focus = row[column["this"]]
        if focus is None:
            continue
        value = row[column["value"]] if "value" in column else None
        path = row[column["path"]] if "path" in column else None
        results.append(ValidationResult(
            severity=check.severity, shape=check.shape, shape_label=check.shape_label,
            focus=focus.value, focus_label=None,
            path=path.value if path is not None else check.path,
            value=value.value if value is not None else None,
            message=_pick(check.messages, "en") or f"does not conform to {_local(check.shape)}",
            messages=dict(check.messages), engine="store"))
    return results


def _add_provenance(store: GraphStore, results: list[ValidationResult]) -> None:
    """Fill in a label, the source document (file name) and the evidence sentence of each focus
    node: a fact's own (the sentence or list its evidence annotation selects); an annotation's,
    target's or selector's through the annotation; an entity's through one fact that names it,
    so an unlinked entity says where the text named it. The document is the one whose named graph
    holds the node (a source graph holds one source text and what was extracted from it)."""
    foci = sorted({r.focus for r in results if r.focus.startswith(("http://", "https://"))})
    found: dict[str, tuple[str | None, str | None, str | None]] = {}
    for start in range(0, len(foci), 200):
        batch = foci[start:start + 200]
        values = " ".join(f"<{f}>" for f in batch)
        # each look-up is its own grouped sub-SELECT, run per focus node: side by side in one
        # group they multiplied (every label times every mention of an entity); each holds the
        # focus nodes itself, so it reads only theirs. An entity's fact is picked first (one of
        # its mentions), and only that fact's sentence is read after.
        rows = store.query(f"""
            SELECT ?focus ?name ?own ?via
            WHERE {{
              VALUES ?focus {{ {values} }}
              OPTIONAL {{ SELECT ?focus (SAMPLE(?label) AS ?name) WHERE {{ VALUES ?focus {{ {values} }}
                GRAPH ?g0 {{ ?focus <{SKOS}prefLabel>|<{RDFS}label>|<{RDF}value> ?label }} }} GROUP BY ?focus }}
              OPTIONAL {{ SELECT ?focus (SAMPLE(?sourceFile) AS ?own) WHERE {{ VALUES ?focus {{ {values} }}
                GRAPH ?g1 {{ ?focus <{HP}sourceFile> ?sourceFile }} }} GROUP BY ?focus }}
              OPTIONAL {{ SELECT ?focus (MIN(?fact) AS ?via) WHERE {{ VALUES ?focus {{ {values} }}
                GRAPH ?g2 {{ ?fact <{HP}mentionOf>|<{HP}item> ?focus }} }} GROUP BY ?focus }}
            }}""")
        anchor = {}
        for focus, name, own, via in rows.rows:
            found[focus.value] = (name.value if name else None, own.value if own else None, None)
            anchor[focus.value] = via.value if via is not None else focus.value
        where = _evidence_of(store, sorted(set(anchor.values())))
        for focus, (name, own, _) in list(found.items()):
            if focus in anchor:
                file, sentence = where.get(anchor[focus], (None, None))
                found[focus] = (name, own or file, sentence)
    for result in results:
        name, result.source_document, result.evidence = found.get(result.focus, (None, None, None))
        result.focus_label = result.focus_label or name


def _evidence_of(store: GraphStore, nodes: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """The source file and the sentence (the evidence unit's words) of each fact, annotation,
    target or selector in ``nodes``: first each node's unit and graph, then, with both bound,
    the unit's words and the graph's source file. The ``VALUES`` sit inside each branch: outside
    a ``UNION`` in a ``GRAPH``, Oxigraph evaluated the branches unbound (44 s for 200 facts at
    1k documents instead of 0.04 s)."""
    if not nodes:
        return {}
    values = " ".join(f"<{n}>" for n in nodes)
    units = store.query(f"""
        SELECT ?node ?unit ?g WHERE {{
          {{ VALUES ?node {{ {values} }} GRAPH ?g {{ ?node <{HP}evidence> ?unit }} }}
          UNION {{ VALUES ?node {{ {values} }} GRAPH ?g {{ ?node <{OA}hasTarget> ?anyTarget }} BIND (?node AS ?unit) }}
          UNION {{ VALUES ?node {{ {values} }} GRAPH ?g {{ ?unit <{OA}hasTarget> ?node }} }}
          UNION {{ VALUES ?node {{ {values} }} GRAPH ?g {{ ?unit <{OA}hasTarget>/<{OA}hasSelector> ?node }} }}
        }}""")
    unit_of = {node.value: (unit, graph) for node, unit, graph in units.rows}
    if not unit_of:
        return {}
    pairs = " ".join(f"({unit} {graph})" for unit, graph in sorted({(str(u), str(g)) for u, g in unit_of.values()}))
    rows = store.query(f"""
        SELECT ?unit ?g (SAMPLE(?file) AS ?doc) (SAMPLE(?words) AS ?sentence) WHERE {{
          VALUES (?unit ?g) {{ {pairs} }}
          OPTIONAL {{ GRAPH ?g {{ ?unit <{OA}hasTarget>/<{OA}hasSelector>/<{OA}exact> ?words }} }}
          OPTIONAL {{ GRAPH ?g {{ ?source <{HP}sourceFile> ?file }} }}
        }} GROUP BY ?unit ?g""")
    found = {(unit.value, graph.value): (doc.value if doc else None, sentence.value if sentence else None)
             for unit, graph, doc, sentence in rows.rows}
    return {node: found.get((unit.value, graph.value), (None, None)) for node, (unit, graph) in unit_of.items()}


def _ontology_problems() -> list[str]:
    """The ontology's OWL consistency (HermiT, via ``ontology_check``)."""
    from healthplan_kg import ontology_check
    from healthplan_kg.errors import HealthplanError

    try:
        report = ontology_check.check_consistency(resources.ontology_file(), resources.schemes_file())
    except HealthplanError as error:
        return [str(error)]
    problems = [] if report.consistent else [report.message or "the ontology is inconsistent"]
    problems += [f"unsatisfiable class {c}" for c in report.unsatisfiable_classes]
    return problems


def undeclared_terms_in(store: GraphStore) -> list[str]:
    """Classes and properties the data uses that the ontology never declares (a typo in the
    mapper would otherwise pass every shape): one query for the terms, no Java."""
    from healthplan_kg import ontology_check

    rows = store.query(f"""SELECT DISTINCT ?term WHERE {{ GRAPH ?g {{
        {{ ?s ?term ?o }} UNION {{ ?s <{RDF}type> ?term }} }} FILTER (?g != <{ONTOLOGY_GRAPH}>) }}""")
    terms = {row[0].value for row in rows.rows if isinstance(row[0], ox.NamedNode)}
    ontology = _to_rdflib([q.triple for q in store.quads(ONTOLOGY_GRAPH)])
    return ontology_check.undeclared_terms(terms, ontology)


# -- validating only what changed ------------------------------------------------------------------

def record_path(store_path: Path) -> Path:
    return store_path.parent / (store_path.name + RECORD_SUFFIX)


def _fingerprint(store_path: Path) -> str:
    """What made the store's graphs and what checks them: the build's fingerprint (code and
    reference data; a source graph's IRI is the hash of its text) and the shapes file."""
    from healthplan_kg.build import BUILD_INFO, pipeline_fingerprint
    try:
        built_by = json.loads((store_path / BUILD_INFO).read_text(encoding="utf-8"))["fingerprint"]
    except (OSError, ValueError, KeyError):
        built_by = pipeline_fingerprint()
    return hashlib.sha256((built_by + hashlib.sha256(resources.shapes_file().read_bytes()).hexdigest())
                          .encode()).hexdigest()


def unvalidated_graphs(store: GraphStore, store_path: Path) -> list[str]:
    """The data graphs a conforming ``validate`` of this store folder has not yet covered: all of
    them after a change of code, reference data or shapes; else the source graphs that are new."""
    data = [g for g in store.named_graphs() if g != ONTOLOGY_GRAPH]
    try:
        record = json.loads(record_path(store_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return data
    if record.get("fingerprint") != _fingerprint(store_path):
        return data
    done = set(record.get("graphs", []))
    return [g for g in data if g not in done]


def record_validated(store: GraphStore, store_path: Path, report: ValidationReport) -> None:
    """Remember the graphs a conforming run covered (a run with violations records nothing)."""
    if not report.conforms:
        return
    fingerprint = _fingerprint(store_path)
    file = record_path(store_path)
    done: set[str] = set()
    try:
        old = json.loads(file.read_text(encoding="utf-8"))
        if old.get("fingerprint") == fingerprint:
            done = set(old.get("graphs", []))
    except (OSError, ValueError):
        pass
    current = set(store.named_graphs())
    try:
        file.write_text(json.dumps({"fingerprint": fingerprint,
                                    "graphs": sorted((done | set(report.graphs)) & current)}, indent=2),
                        encoding="utf-8")
    except OSError as error:
        raise StoreError(f"cannot write the validation record {file}: {error}") from error
