"""Validation: the project's SHACL shapes over the stored graph, as a report people and CI can read.

The data graph is every named graph except ``graph:ontology``, exported from the store as N-Triples
(the fast path into rdflib); the ontology goes to pySHACL as ``ont_graph``, never merged into the
data. ``conforms`` means no ``sh:Violation``: warnings are reported but fail only ``--strict``.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from healthplan_kg import resources
from healthplan_kg.errors import ReferenceDataError
from healthplan_kg.namespaces import HP, OA, ONTOLOGY_GRAPH, RDFS, SH, SKOS
from healthplan_kg.store.base import GraphStore

SEVERITIES = ("Violation", "Warning", "Info")
#: Which message language to fall back to when a shape has none in the one asked for.
_FALLBACK = {"nn": ("nn", "nb", "en"), "nb": ("nb", "nn", "en"), "en": ("en", "nb", "nn")}


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

    def to_json(self) -> str:
        return json.dumps({"conforms": self.conforms, "counts": self.counts,
                           "ontology_problems": self.ontology_problems,
                           "results": [asdict(r) for r in self.grouped_results()]},
                          ensure_ascii=False, indent=2)

    def grouped_results(self) -> list[ValidationResult]:
        return [r for group in self.grouped().values() for r in group]

    def to_text(self, lang: str = "en", *, limit: int = 10) -> str:
        """A summary line, then each shape's results (at most ``limit`` shown per shape)."""
        counts = self.counts
        head = "conforms" if self.conforms else "does NOT conform"
        lines = [f"validation: {head} ({counts['Violation']} violations, {counts['Warning']} warnings, "
                 f"{counts['Info']} infos)"]
        for (severity, _shape), results in self.grouped().items():
            lines.append(f"\n{severity}: {results[0].shape_label} ({len(results)})")
            for result in results[:limit]:
                where = result.focus_label or result.focus
                detail = f"  - {where}"
                if result.path:
                    detail += f" [{_local(result.path)}]"
                if result.value:
                    detail += f" = {result.value[:80]}"
                lines.append(f"{detail}: {result.message_in(lang)}")
                if result.source_document:
                    lines.append(f"      in {result.source_document}")
                if result.evidence:
                    lines.append(f"      «{result.evidence[:160]}»")
            if len(results) > limit:
                lines.append(f"  … and {len(results) - limit} more")
        for problem in self.ontology_problems:
            lines.append(f"\nontology: {problem}")
        return "\n".join(lines)

    def to_junit(self) -> str:
        """JUnit XML: one test case per shape that has results, failing on violations."""
        cases = []
        failures = 0
        for (severity, shape), results in self.grouped().items():
            name = quoteattr(f"{severity}: {results[0].shape_label}")
            body = escape("\n".join(f"{r.focus_label or r.focus}: {r.message}" for r in results))
            if severity == "Violation":
                failures += 1
                cases.append(f'  <testcase classname="shacl" name={name}>\n    <failure message='
                             f'{quoteattr(f"{len(results)} violations of {shape}")}>{body}</failure>\n'
                             "  </testcase>")
            else:
                cases.append(f'  <testcase classname="shacl" name={name}>\n'
                             f"    <system-out>{body}</system-out>\n  </testcase>")
        for problem in self.ontology_problems:
            failures += 1
            cases.append('  <testcase classname="owl" name="ontology consistency">\n'
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
                   "source_document", "evidence"]
        return pd.DataFrame([{c: getattr(r, c) for c in columns} for r in self.grouped_results()],
                            columns=columns)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _data_graph(store: GraphStore, graphs: Iterable[str] | None):
    import rdflib
    names = [g for g in (graphs if graphs is not None else store.named_graphs()) if g != ONTOLOGY_GRAPH]
    data = rdflib.Graph()
    for name in names:
        triples = [q.triple for q in store.quads(name)]
        if triples:
            data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    # The concept schemes are SKOS data kept in graph:ontology; pySHACL copies only RDFS/OWL
    # axioms from ont_graph, so the concepts data points at are added here, or a shape that
    # checks "this kind is in its scheme" could never see the scheme.
    concepts = store.construct(f"""CONSTRUCT {{ ?c ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{
        {{ ?c <{SKOS}inScheme> ?scheme }} UNION {{ ?c a <{SKOS}ConceptScheme> }} ?c ?p ?o }} }}""")
    if concepts:
        data.parse(data=ox.serialize(concepts, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return data


def _ontology_graph(store: GraphStore):
    import rdflib
    triples = [q.triple for q in store.quads(ONTOLOGY_GRAPH)]
    ontology = rdflib.Graph()
    if triples:
        ontology.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return ontology


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


def validate(store: GraphStore, *, graphs: Iterable[str] | None = None,
             reason: bool = False) -> ValidationReport:
    """SHACL-validate the data graphs of ``store`` (all but the ontology, or ``graphs``).

    With ``reason``, also check the ontology's consistency with owlready2/HermiT where the
    ``healthplan_kg.ontology_check`` module is present.
    """
    import pyshacl
    from rdflib import RDF, URIRef
    from rdflib.namespace import Namespace

    sh = Namespace(SH)
    data = _data_graph(store, graphs)
    shapes = _shapes_graph()
    conforms, results_graph, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=_ontology_graph(store), inference="none", advanced=True,
        allow_warnings=True, abort_on_first=False)

    property_owner = {prop: node for node, prop in shapes.subject_objects(sh.property)}
    results: list[ValidationResult] = []
    for node in results_graph.subjects(RDF.type, sh.ValidationResult):
        shape = results_graph.value(node, sh.sourceShape)
        named = shape
        while named is not None and not isinstance(named, URIRef) and named in property_owner:
            named = property_owner[named]
        shape_labels = _by_lang([*shapes.objects(named, URIRef(RDFS + "label")),
                                 *shapes.objects(named, sh.name)])
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
            value=str(value) if value is not None else None,
            message=_pick(messages, "en") or f"does not conform to {_local(str(named or shape))}",
            messages={k: v for k, v in messages.items() if k}))
    _add_provenance(store, results)
    report = ValidationReport(conforms=not any(r.severity == "Violation" for r in results), results=results)
    if reason and importlib.util.find_spec("healthplan_kg.ontology_check") is not None:
        report.ontology_problems = _ontology_problems()
        report.conforms = report.conforms and not report.ontology_problems
    return report


def _add_provenance(store: GraphStore, results: list[ValidationResult]) -> None:
    """Fill in the source document and evidence sentence of each focus node that has them."""
    foci = sorted({r.focus for r in results if r.focus.startswith(("http://", "https://"))})
    found: dict[str, tuple[str | None, str | None]] = {}
    for start in range(0, len(foci), 200):
        values = " ".join(f"<{f}>" for f in foci[start:start + 200])
        rows = store.query(f"""
            SELECT ?focus (SAMPLE(COALESCE(?own, ?file, STR(?in))) AS ?doc) (SAMPLE(?exact) AS ?quote)
            WHERE {{
              VALUES ?focus {{ {values} }}
              OPTIONAL {{ GRAPH ?g1 {{
                ?focus <{HP}inDocument> ?in OPTIONAL {{ ?in <{HP}sourceFile> ?file }} }} }}
              OPTIONAL {{ GRAPH ?g2 {{ ?focus <{HP}sourceFile> ?own }} }}
              OPTIONAL {{ GRAPH ?g3 {{
                ?focus <{HP}evidence>/<{OA}hasTarget>/<{OA}hasSelector>/<{OA}exact> ?exact }} }}
            }} GROUP BY ?focus""")
        for focus, doc, quote in rows.rows:
            found[focus.value] = (doc.value if doc else None, quote.value if quote else None)
    for result in results:
        result.source_document, result.evidence = found.get(result.focus, (None, None))


def _ontology_problems() -> list[str]:
    """The ontology's OWL consistency (HermiT, via the ontology developer's ``ontology_check``)."""
    from healthplan_kg import ontology_check
    from healthplan_kg.errors import HealthplanError

    try:
        report = ontology_check.check_consistency(resources.ontology_file(), resources.schemes_file())
    except HealthplanError as error:
        return [str(error)]
    problems = [] if report.consistent else [report.message or "the ontology is inconsistent"]
    problems += [f"unsatisfiable class {c}" for c in report.unsatisfiable_classes]
    return problems
