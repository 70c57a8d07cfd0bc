"""SHACL Core compiled to SPARQL: one query per (shape, constraint) over every focus node at once.

Why: pySHACL walks the focus nodes one at a time, in Python, over an rdflib copy of the whole
store; at 150 k quads that takes minutes and at 1.5 M it does not finish. Here each constraint of a
named shape becomes ONE SELECT run in the store, returning only the violating ``?this`` (focus) and
``?value`` rows; the store's indexes do the work.

The data is every named graph but ``graph:ontology`` (or the graphs a ``Scope`` lists): every
triple pattern sits in its own ``GRAPH ?g { … }`` with a filter on ``?g``, so a fact may sit in one
graph and its node's type in another, as with a default graph that is their union. Class targets
and ``sh:class`` follow ``rdfs:subClassOf*`` as stated in the ontology graph; the closure is read
once and written into each query as a ``VALUES`` list.

Nested shapes (``sh:or``, ``sh:not``, ``sh:node``, ``sh:qualifiedValueShape``…) become boolean
SPARQL expressions on one node, with ``EXISTS``/``NOT EXISTS`` for their paths. Every expression is
total (an error, as ``REGEX`` on a blank node would raise, counts as "does not conform"), so
``FILTER (!(conforms))`` never drops a violating row. A parameter this compiler does not know raises
``ShapeCompileError`` before any query runs: no constraint is ever skipped in silence.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF as RDF_NS
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL as OWL_NS
from rdflib.namespace import RDFS as RDFS_NS

from healthplan_kg.errors import ReferenceDataError
from healthplan_kg.namespaces import RDF, SH, XSD

SEVERITY_DEFAULT = "Violation"
TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")
#: Parameters that say nothing about conformance (or are handled elsewhere: ``sh:sparql`` by the
#: store checks; ``sh:flags``/``sh:qualifiedMin/MaxCount`` with their main parameter).
NOT_CONSTRAINTS = {"message", "severity", "name", "description", "order", "group", "defaultValue",
                   "path", "property", "sparql", "deactivated", "flags", "qualifiedMinCount",
                   "qualifiedMaxCount", "qualifiedValueShapesDisjoint", *TARGETS}
#: Constraints on each value node alone (a value node is the focus itself in a node shape).
VALUE_CONSTRAINTS = {"datatype", "class", "nodeKind", "minLength", "maxLength", "pattern", "languageIn",
                     "in", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "node", "not",
                     "or", "and", "xone"}
#: Constraints on the set of values of a path at the focus node.
SET_CONSTRAINTS = {"minCount", "maxCount", "hasValue", "uniqueLang", "qualifiedValueShape", "equals",
                   "disjoint", "lessThan", "lessThanOrEquals"}
#: Datatypes whose lexical form SPARQL can check (a cast to them fails on an ill-typed literal);
#: SHACL asks for that check on the datatypes SPARQL supports, and accepts any lexical form of
#: the others (xsd:gYear, xsd:gYearMonth…) as pySHACL does.
CASTABLE = {XSD + name for name in ("integer", "decimal", "float", "double", "boolean", "dateTime",
                                    "date", "time")}
#: Integer subtypes: an xsd:integer cast plus the range (Oxigraph stores them as xsd:integer).
INTEGER_RANGES = {XSD + "nonNegativeInteger": ">= 0", XSD + "positiveInteger": "> 0",
                  XSD + "nonPositiveInteger": "<= 0", XSD + "negativeInteger": "< 0",
                  XSD + "long": None, XSD + "int": None, XSD + "short": None, XSD + "byte": None,
                  XSD + "unsignedLong": ">= 0", XSD + "unsignedInt": ">= 0",
                  XSD + "unsignedShort": ">= 0", XSD + "unsignedByte": ">= 0"}
NODE_KINDS = {"IRI": ("isIRI",), "Literal": ("isLiteral",), "BlankNode": ("isBlank",),
              "BlankNodeOrIRI": ("isBlank", "isIRI"), "BlankNodeOrLiteral": ("isBlank", "isLiteral"),
              "IRIOrLiteral": ("isIRI", "isLiteral")}


class ShapeCompileError(ReferenceDataError):
    """A shape uses SHACL this compiler cannot turn into SPARQL (named, with the shape)."""


@dataclass(frozen=True)
class Scope:
    """Which named graphs hold the data: every graph but the ontology, or exactly ``graphs``."""

    ontology: str
    graphs: tuple[str, ...] | None = None

    def test(self, var: str) -> str:
        if self.graphs is None:
            return f"{var} != <{self.ontology}>"
        if not self.graphs:
            return "false"
        return f"{var} IN ({', '.join(f'<{g}>' for g in self.graphs)})"


@dataclass(frozen=True)
class CoreCheck:
    """One constraint of one shape as one whole-store query. Its rows bind ``?this`` and, for a
    constraint on value nodes of a path, ``?value``."""

    shape: str                        # the named shape results are reported under
    shape_label: str
    constraint_shape: str             # the (maybe blank) shape that holds the constraint
    component: str                    # the parameter's local name: minCount, datatype, or…
    severity: str
    messages: dict[str, str]
    path: str | None                  # the result path, when it is one predicate
    query: str
    has_value: bool = field(default=False)


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def sparql_string(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


def sparql_term(node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        text = sparql_string(str(node))
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None and str(node.datatype) != XSD + "string":
            return f"{text}^^<{node.datatype}>"
        return text
    raise ShapeCompileError(f"a blank node ({node}) cannot be a constant in a shape's constraint")


def same_term(var: str, node) -> str:
    """``sameTerm(var, node)`` as an expression that every engine answers alike.

    Why not ``sameTerm`` alone: Virtuoso answers false for a stored ``"law"`` against the query's
    ``"law"`` (it keeps a plain literal in a query apart from the xsd:string it stored) and for a
    stored boolean against ``true``. The second branch states the same identity by parts (lexical
    form, datatype or language), which is what ``sameTerm`` means for a literal, so on an engine
    that gets ``sameTerm`` right it adds nothing."""
    term = sparql_term(node)
    if not isinstance(node, Literal):
        # two IRIs are equal (=) exactly when they are the same term; Virtuoso's sameTerm on an
        # IRI misses some stored ones
        return f"(isIRI({var}) && {var} = {term})"
    lexical = sparql_string(str(node))
    if node.language:
        parts = f'LANG({var}) = {sparql_string(node.language)}'
    else:
        datatype = str(node.datatype) if node.datatype is not None else XSD + "string"
        parts = f'LANG({var}) = "" && DATATYPE({var}) = <{datatype}>'
    return f"(sameTerm({var}, {term}) || (isLiteral({var}) && STR({var}) = {lexical} && {parts}))"


def subclass_closure(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Every class's strict subclasses, from (subclass, superclass) pairs already closed
    (``transitive.transitive_pairs`` of the ontology's direct statements)."""
    below: dict[str, set[str]] = {}
    for sub, sup in pairs:
        if sub != sup:
            below.setdefault(sup, set()).add(sub)
    return below


class _Compiler:
    def __init__(self, shapes: Graph, subclasses: dict[str, set[str]], scope: Scope) -> None:
        self.shapes = shapes
        self.subclasses = subclasses
        self.scope = scope
        self._counter = itertools.count()

    # -- building blocks ---------------------------------------------------------------------

    def fresh(self, stem: str) -> str:
        return f"?hp{stem}{next(self._counter)}"

    def triple(self, s: str, p: str, o: str) -> str:
        graph = self.fresh("g")
        return f"GRAPH {graph} {{ {s} {p} {o} }} FILTER ({self.scope.test(graph)})"

    def path(self, shape, path, s: str, o: str) -> str:
        """Triple patterns from ``s`` to ``o`` along a SHACL path: a predicate, an inverse
        predicate or a sequence of those."""
        if isinstance(path, URIRef):
            return self.triple(s, f"<{path}>", o)
        inverse = self.shapes.value(path, URIRef(SH + "inversePath"))
        if isinstance(inverse, URIRef):
            return self.triple(o, f"<{inverse}>", s)
        if self.shapes.value(path, RDF_NS.first) is not None:
            steps = list(Collection(self.shapes, path))
            nodes = [s, *(self.fresh("step") for _ in steps[:-1]), o]
            return " ".join(self.path(shape, step, nodes[i], nodes[i + 1]) for i, step in enumerate(steps))
        raise ShapeCompileError(f"{_name(shape)}: only predicate, inverse and sequence paths compile to "
                                f"SPARQL; this sh:path is another kind")

    def reaching(self, shape, path, focus: str, value) -> str:
        """The pattern "``path`` leads from ``focus`` to ``value``": an IRI as the pattern's object,
        a literal through a variable and ``same_term`` (engines differ on matching a literal
        constant against the stored term, as they do on ``sameTerm``)."""
        if not isinstance(value, Literal):
            return self.path(shape, path, focus, sparql_term(value))
        reached = self.fresh("v")
        return f"{self.path(shape, path, focus, reached)} FILTER ({same_term(reached, value)})"

    def class_values(self, cls) -> str:
        classes = sorted({str(cls), *self.subclasses.get(str(cls), ())})
        return " ".join(f"<{c}>" for c in classes)

    def instance_of(self, var: str, cls) -> str:
        kind = self.fresh("type")
        return (f"EXISTS {{ VALUES {kind} {{ {self.class_values(cls)} }} "
                f"{self.triple(var, f'<{RDF}type>', kind)} }}")

    def params(self, shape) -> list[tuple[str, object]]:
        """The shape's SHACL parameters as (local name, value), refusing unknown ones."""
        found = []
        for predicate, value in self.shapes.predicate_objects(shape):
            if not str(predicate).startswith(SH):
                continue
            name = str(predicate)[len(SH):]
            if name not in NOT_CONSTRAINTS | VALUE_CONSTRAINTS | SET_CONSTRAINTS:
                raise ShapeCompileError(f"{_name(shape)}: the constraint sh:{name} is not supported by the "
                                        "SPARQL validation engine (use engine='pyshacl', or add it to "
                                        "healthplan_kg/validation/sparql_core.py)")
            found.append((name, value))
        return sorted(found, key=lambda item: (item[0], str(item[1])))

    def number(self, shape, name: str, value) -> int:
        if not isinstance(value, Literal) or not isinstance(value.value, int) or value.value < 0:
            raise ShapeCompileError(f"{_name(shape)}: sh:{name} must be a non-negative integer, not {value}")
        return value.value

    def items(self, shape, name: str, value) -> list:
        if value != RDF_NS.nil and self.shapes.value(value, RDF_NS.first) is None:
            raise ShapeCompileError(f"{_name(shape)}: sh:{name} must be an RDF list")
        return list(Collection(self.shapes, value))

    # -- one value node ----------------------------------------------------------------------

    def value_ok(self, shape, name: str, value, var: str) -> str:
        """A total boolean expression: does the node in ``var`` meet this value constraint?"""
        if name == "datatype":
            return self.datatype_ok(str(value), var)
        if name == "class":
            return f"(!isLiteral({var}) && {self.instance_of(var, value)})"
        if name == "nodeKind":
            tests = NODE_KINDS.get(local(str(value)))
            if tests is None or not str(value).startswith(SH):
                raise ShapeCompileError(f"{_name(shape)}: unknown sh:nodeKind {value}")
            return "(" + " || ".join(f"{t}({var})" for t in tests) + ")"
        if name in ("minLength", "maxLength"):
            size = self.number(shape, name, value)
            compare = ">=" if name == "minLength" else "<="
            if name == "minLength" and size == 0:
                return "true"
            return f"(!isBlank({var}) && STRLEN(STR({var})) {compare} {size})"
        if name == "pattern":
            flags = self.shapes.value(shape, URIRef(SH + "flags"))
            extra = f", {sparql_string(str(flags))}" if flags is not None else ""
            return f"(!isBlank({var}) && COALESCE(REGEX(STR({var}), {sparql_string(str(value))}{extra}), false))"
        if name == "languageIn":
            ranges = [str(item) for item in self.items(shape, name, value)]
            if not ranges:
                return "false"
            return (f"(isLiteral({var}) && ("
                    + " || ".join(f"langMatches(lang({var}), {sparql_string(r)})" for r in ranges) + "))")
        if name == "in":
            members = self.items(shape, name, value)
            if not members:
                return "false"
            iris = [sparql_term(m) for m in members if not isinstance(m, Literal)]
            tests = [same_term(var, m) for m in members if isinstance(m, Literal)]
            if iris:
                tests.insert(0, f"(isIRI({var}) && {var} IN ({', '.join(iris)}))")
            return "(" + " || ".join(tests) + ")"
        if name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
            compare = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}[name]
            return f"(isLiteral({var}) && COALESCE({var} {compare} {sparql_term(value)}, false))"
        if name == "node":
            return self.conforms(value, var)
        if name == "not":
            return f"(!{self.conforms(value, var)})"
        if name in ("or", "and", "xone"):
            parts = [self.conforms(member, var) for member in self.items(shape, name, value)]
            if name == "xone":
                return "(" + " + ".join(f"IF({p}, 1, 0)" for p in parts) + " = 1)" if parts else "false"
            if not parts:
                return "false" if name == "or" else "true"
            return "(" + (" || " if name == "or" else " && ").join(parts) + ")"
        raise ShapeCompileError(f"{_name(shape)}: sh:{name} is not a constraint on one value node")

    def datatype_ok(self, datatype: str, var: str) -> str:
        if datatype == RDF + "langString":
            return f"(isLiteral({var}) && lang({var}) != \"\")"
        if datatype == XSD + "string":
            return f"(isLiteral({var}) && datatype({var}) = <{XSD}string>)"
        same = f"isLiteral({var}) && datatype({var}) = <{datatype}>"
        if datatype in CASTABLE:
            return f"({same} && COALESCE(isLiteral(<{datatype}>({var})), false))"
        if datatype in INTEGER_RANGES:
            bound = INTEGER_RANGES[datatype]
            check = f"<{XSD}integer>({var}) {bound}" if bound else f"isLiteral(<{XSD}integer>({var}))"
            return f"({same} && COALESCE({check}, false))"
        return f"({same})"

    # -- one node against a whole (nested) shape ------------------------------------------------

    def conforms(self, shape, var: str) -> str:
        """A total boolean expression: does the node in ``var`` conform to ``shape``?"""
        if self.deactivated(shape):
            return "true"
        path = self.shapes.value(shape, URIRef(SH + "path"))
        parts = []
        for name, value in self.params(shape):
            if name == "sparql":
                raise ShapeCompileError(f"{_name(shape)}: a nested shape cannot hold a SPARQL constraint")
            if name == "property":
                parts.append(self.conforms(value, var))
            elif name in NOT_CONSTRAINTS:
                continue
            elif path is None:
                parts.append(self.node_ok(shape, name, value, var))
            else:
                parts.append(self.values_ok(shape, path, name, value, var))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def node_ok(self, shape, name: str, value, var: str) -> str:
        if name in VALUE_CONSTRAINTS:
            return self.value_ok(shape, name, value, var)
        if name == "hasValue":
            return same_term(var, value)
        raise ShapeCompileError(f"{_name(shape)}: sh:{name} needs a sh:path")

    def values_ok(self, shape, path, name: str, value, focus: str) -> str:
        """A property shape's constraint at ``focus``, as an expression (inside sh:or and kin)."""
        each = self.fresh("v")
        if name in VALUE_CONSTRAINTS:
            return (f"NOT EXISTS {{ {self.path(shape, path, focus, each)} "
                    f"FILTER (!{self.value_ok(shape, name, value, each)}) }}")
        if name == "hasValue":
            return f"EXISTS {{ {self.reaching(shape, path, focus, value)} }}"
        if name in ("minCount", "maxCount", "qualifiedValueShape"):
            if name == "qualifiedValueShape":
                self.refuse_disjoint(shape)
                low = self.shapes.value(shape, URIRef(SH + "qualifiedMinCount"))
                high = self.shapes.value(shape, URIRef(SH + "qualifiedMaxCount"))
                test = lambda v: f"FILTER ({self.conforms(value, v)})"  # noqa: E731
            else:
                low = value if name == "minCount" else None
                high = value if name == "maxCount" else None
                test = lambda v: ""  # noqa: E731
            parts = []
            if low is not None and self.number(shape, name, low) > 0:
                if self.number(shape, name, low) > 1:
                    raise ShapeCompileError(f"{_name(shape)}: inside sh:or/sh:not, a minimum count above 1 "
                                            "does not compile")
                parts.append(f"EXISTS {{ {self.path(shape, path, focus, each)} {test(each)} }}")
            if high is not None:
                top = self.number(shape, name, high)
                if top == 0:
                    parts.append(f"NOT EXISTS {{ {self.path(shape, path, focus, each)} {test(each)} }}")
                elif top == 1:
                    other = self.fresh("v")
                    parts.append(f"NOT EXISTS {{ {self.path(shape, path, focus, each)} {test(each)} "
                                 f"{self.path(shape, path, focus, other)} {test(other)} "
                                 f"FILTER (!sameTerm({each}, {other})) }}")
                else:
                    raise ShapeCompileError(f"{_name(shape)}: inside sh:or/sh:not, a maximum count above 1 "
                                            "does not compile")
            return "(" + " && ".join(parts) + ")" if parts else "true"
        if name == "uniqueLang":
            if not (isinstance(value, Literal) and value.value is True):
                return "true"
            other = self.fresh("v")
            return (f"NOT EXISTS {{ {self.path(shape, path, focus, each)} {self.path(shape, path, focus, other)} "
                    f"FILTER ({_same_lang(each, other)}) }}")
        raise ShapeCompileError(f"{_name(shape)}: sh:{name} does not compile inside sh:or/sh:not/sh:node")

    def refuse_disjoint(self, shape) -> None:
        disjoint = self.shapes.value(shape, URIRef(SH + "qualifiedValueShapesDisjoint"))
        if isinstance(disjoint, Literal) and disjoint.value is True:
            raise ShapeCompileError(f"{_name(shape)}: sh:qualifiedValueShapesDisjoint is not supported")

    def deactivated(self, shape) -> bool:
        flag = self.shapes.value(shape, URIRef(SH + "deactivated"))
        return isinstance(flag, Literal) and flag.value is True

    # -- whole-store queries --------------------------------------------------------------------

    def targets(self, shape) -> str:
        """``?this`` bound once per focus node of ``shape``."""
        options = []
        for name in TARGETS:
            for value in self.shapes.objects(shape, URIRef(SH + name)):
                if name == "targetClass":
                    options.append(self.class_target(value))
                elif name == "targetNode":
                    options.append(f"VALUES ?this {{ {sparql_term(value)} }}")
                elif name == "targetSubjectsOf":
                    options.append(self.triple("?this", sparql_term(value), self.fresh("any")))
                else:
                    options.append(self.triple(self.fresh("any"), sparql_term(value), "?this"))
        if self.is_class(shape):                           # an implicit class target
            options.append(self.class_target(shape))
        return ("{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(f"{{ {o} }}" for o in options)
                + " } }")

    def class_target(self, cls) -> str:
        kind = self.fresh("type")
        return f"VALUES {kind} {{ {self.class_values(cls)} }} {self.triple('?this', f'<{RDF}type>', kind)}"

    def is_class(self, shape) -> bool:
        return isinstance(shape, URIRef) and any(
            (shape, RDF_NS.type, kind) in self.shapes for kind in (RDFS_NS.Class, OWL_NS.Class))

    def checks_of(self, shape) -> list[CoreCheck]:
        """Every constraint of a targeted shape (and of its property shapes) as CoreChecks."""
        if self.deactivated(shape):
            return []
        label = _label(self.shapes, shape)
        checks = []
        for holder in self.holders(shape):
            if self.deactivated(holder):
                continue
            path = self.shapes.value(holder, URIRef(SH + "path"))
            severity = self.shapes.value(holder, URIRef(SH + "severity"))
            messages = _by_lang(self.shapes.objects(holder, URIRef(SH + "message")))
            params = self.params(holder)
            exactly_one = path is not None and self.exactly_one(holder, params)
            for name, value in params:
                if name in NOT_CONSTRAINTS or (exactly_one and name == "maxCount"):
                    continue
                if exactly_one and name == "minCount":
                    query, has_value = self.exactly_one_query(shape, holder, path), False
                    name = "minCount+maxCount"
                else:
                    query, has_value = (self.node_query(shape, holder, name, value) if path is None
                                        else self.path_query(shape, holder, path, name, value))
                if query is None:
                    continue
                checks.append(CoreCheck(
                    shape=str(shape), shape_label=label, constraint_shape=str(holder), component=name,
                    severity=local(str(severity)) if severity is not None else SEVERITY_DEFAULT,
                    messages=messages or {"": f"{label}: sh:{name} not met"},
                    path=str(path) if isinstance(path, URIRef) else None, query=query,
                    has_value=has_value))
        return checks

    def exactly_one(self, holder, params: list[tuple[str, object]]) -> bool:
        """Does the property shape ask for exactly one value (``sh:minCount 1`` and ``sh:maxCount 1``)?"""
        found = dict((n, v) for n, v in params if n in ("minCount", "maxCount"))
        return (len(found) == 2 and self.number(holder, "minCount", found["minCount"]) == 1
                and self.number(holder, "maxCount", found["maxCount"]) == 1)

    def exactly_one_query(self, shape, holder, path) -> str:
        """``sh:minCount 1`` and ``sh:maxCount 1`` on one path as ONE query: the focus nodes MINUS
        those with exactly one value. A node with none breaks the first, one with two the second;
        either way it is one result with the same fields, from half the scans of two queries."""
        one = self.counted(holder, path, "?hpn = 1")
        return f"SELECT DISTINCT ?this WHERE {{ {self.targets(shape)} MINUS {one} }}"

    def holders(self, shape) -> list:
        """The shape and its property shapes (nested ``sh:property`` of a property shape is
        refused: it would need the path joined through)."""
        found = [shape]
        for prop in sorted(self.shapes.objects(shape, URIRef(SH + "property")), key=str):
            if self.shapes.value(prop, URIRef(SH + "path")) is None:
                raise ShapeCompileError(f"{_name(shape)}: a sh:property shape without sh:path")
            if self.shapes.value(prop, URIRef(SH + "property")) is not None:
                raise ShapeCompileError(f"{_name(shape)}: a property shape with its own sh:property "
                                        "does not compile")
            found.append(prop)
        return found

    # Every whole-store query below joins SUB-SELECTs: the focus nodes (``targets``) and the
    # triples of one path (``values``), each read by one index scan. Oxigraph joins two plain
    # triple patterns as a nested loop (one index seek per left row, ~15 µs each on RocksDB), but
    # treats a sub-SELECT as opaque and joins it by hashing; MINUS is a hash anti-join. At 70 k
    # focus nodes that is 0.3 s a constraint instead of 5-20 s. A value test sits inside the
    # values' sub-SELECT, so only violating rows reach the join.

    def values(self, holder, path, var: str, keep: str = "") -> str:
        """``?this`` and each value ``var`` along ``path`` (only those ``keep`` lets through)."""
        return f"{{ SELECT ?this {var} WHERE {{ {self.path(holder, path, '?this', var)} {keep} }} }}"

    def instances(self, var: str, cls) -> str:
        """Every instance of ``cls`` (or of a subclass) in ``var``, as one sub-SELECT."""
        kind = self.fresh("type")
        return (f"{{ SELECT DISTINCT {var} WHERE {{ VALUES {kind} {{ {self.class_values(cls)} }} "
                f"{self.triple(var, f'<{RDF}type>', kind)} }} }}")

    def only_class(self, shape):
        """The class a nested shape asks for, when ``sh:class`` is all it asks (else None)."""
        params = [(n, v) for n, v in self.params(shape) if n not in NOT_CONSTRAINTS]
        if self.deactivated(shape) or len(params) != 1 or params[0][0] != "class":
            return None
        return params[0][1]

    def counted(self, holder, path, having: str, test_shape=None) -> str:
        """The focus nodes ``?this`` (with at least one value) whose number of distinct values along
        ``path`` (those conforming to ``test_shape``) meets ``having``, a test on ``?hpn``. The test
        sits in the sub-SELECT, so only the focus nodes it keeps reach the join."""
        if test_shape is None:
            walk = self.values(holder, path, "?hpv")
        elif (cls := self.only_class(test_shape)) is not None:
            walk = f"{self.values(holder, path, '?hpv')} {self.instances('?hpv', cls)}"
        else:
            walk = self.values(holder, path, "?hpv", f"FILTER ({self.conforms(test_shape, '?hpv')})")
        count = "COUNT(DISTINCT ?hpv)"
        return f"{{ SELECT ?this WHERE {{ {walk} }} GROUP BY ?this HAVING ({having.replace('?hpn', count)}) }}"

    def node_query(self, shape, holder, name: str, value) -> tuple[str | None, bool]:
        targets = self.targets(shape)
        if name == "class":
            return f"SELECT DISTINCT ?this WHERE {{ {targets} MINUS {self.instances('?this', value)} }}", False
        if name == "or" and (met := self.any_met(holder, value)) is not None:
            return f"SELECT DISTINCT ?this WHERE {{ {targets} MINUS {met} }}", False
        if name in VALUE_CONSTRAINTS or name == "hasValue":
            test = self.node_ok(holder, name, value, "?this")
            return f"SELECT DISTINCT ?this WHERE {{ {targets} FILTER (!{test}) }}", False
        raise ShapeCompileError(f"{_name(holder)}: sh:{name} needs a sh:path")

    def any_met(self, shape, members) -> str | None:
        """An ``sh:or`` whose every member asks only that a path reach something (``sh:hasValue``,
        ``sh:minCount 1``, or ``sh:qualifiedMinCount 1`` of a value shape) as ONE sub-SELECT of the
        nodes that meet a member: the focus nodes MINUS it are the violators. The same answer as
        testing ``EXISTS … || EXISTS …`` on each focus node, with one hash anti-join instead of a
        look-up per node and member. None when a member asks more."""
        branches = []
        for member in self.items(shape, "or", members):
            path = self.shapes.value(member, URIRef(SH + "path"))
            params = [(n, v) for n, v in self.params(member) if n not in NOT_CONSTRAINTS]
            if path is None or self.deactivated(member) or len(params) != 1:
                return None
            (name, value), reach = params[0], self.fresh("v")
            if name == "hasValue":
                branches.append(self.reaching(member, path, "?this", value))
            elif name == "minCount" and self.number(member, name, value) == 1:
                branches.append(self.path(member, path, "?this", reach))
            elif (name == "qualifiedValueShape" and self.shapes.value(member, URIRef(SH + "qualifiedMaxCount")) is None
                  and (low := self.shapes.value(member, URIRef(SH + "qualifiedMinCount"))) is not None
                  and self.number(member, "qualifiedMinCount", low) == 1):
                self.refuse_disjoint(member)
                branches.append(f"{self.path(member, path, '?this', reach)} FILTER ({self.conforms(value, reach)})")
            else:
                return None
        if not branches:
            return None
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(f"{{ {b} }}" for b in branches) + " } }"

    def path_query(self, shape, holder, path, name: str, value) -> tuple[str | None, bool]:
        targets = self.targets(shape)
        if name == "class":                    # a literal is never a subject, so MINUS keeps it
            bad = self.values(holder, path, "?value", f"MINUS {self.instances('?value', value)}")
            return f"SELECT DISTINCT ?this ?value WHERE {{ {targets} {bad} }}", True
        if name in VALUE_CONSTRAINTS:
            test = self.value_ok(holder, name, value, "?value")
            bad = self.values(holder, path, "?value", f"FILTER (!{test})")
            return f"SELECT DISTINCT ?this ?value WHERE {{ {targets} {bad} }}", True
        if name == "minCount":
            low = self.number(holder, name, value)
            if low == 0:
                return None, False
            enough = (self.values(holder, path, "?hpv") if low == 1
                      else self.counted(holder, path, f"?hpn >= {low}"))
            return f"SELECT DISTINCT ?this WHERE {{ {targets} MINUS {enough} }}", False
        if name == "maxCount":
            high = self.number(holder, name, value)
            return f"SELECT DISTINCT ?this WHERE {{ {targets} {self.counted(holder, path, f'?hpn > {high}')} }}", False
        if name == "hasValue":
            has = f"{{ SELECT ?this WHERE {{ {self.reaching(holder, path, '?this', value)} }} }}"
            return f"SELECT DISTINCT ?this WHERE {{ {targets} MINUS {has} }}", False
        if name == "uniqueLang":
            if not (isinstance(value, Literal) and value.value is True):
                return None, False
            shared = (f"{{ SELECT ?this ?hplang WHERE {{ {self.path(holder, path, '?this', '?hpa')} "
                      f'FILTER (isLiteral(?hpa) && lang(?hpa) != "") BIND (LCASE(lang(?hpa)) AS ?hplang) }} '
                      f"GROUP BY ?this ?hplang HAVING (COUNT(DISTINCT ?hpa) > 1) }}")
            return f"SELECT DISTINCT ?this ?hplang WHERE {{ {targets} {shared} }}", False
        if name == "qualifiedValueShape":
            self.refuse_disjoint(holder)
            low = self.shapes.value(holder, URIRef(SH + "qualifiedMinCount"))
            high = self.shapes.value(holder, URIRef(SH + "qualifiedMaxCount"))
            bounds = []
            if low is not None:
                bounds.append(f"?hpn >= {self.number(holder, 'qualifiedMinCount', low)}")
            if high is not None:
                bounds.append(f"?hpn <= {self.number(holder, 'qualifiedMaxCount', high)}")
            if not bounds:
                return None, False
            within = " && ".join(bounds)
            if low is not None and self.number(holder, "qualifiedMinCount", low) > 0:
                # none at all is too few: the violators are the focus nodes without a count in bounds
                return (f"SELECT DISTINCT ?this WHERE {{ {targets} "
                        f"MINUS {self.counted(holder, path, within, value)} }}", False)
            return (f"SELECT DISTINCT ?this WHERE {{ {targets} "
                    f"{self.counted(holder, path, f'!({within})', value)} }}", False)
        other = sparql_term(value)
        mine = self.values(holder, path, "?value")
        theirs = f"{{ SELECT ?this ?value WHERE {{ {self.triple('?this', other, '?value')} }} }}"
        if name == "equals":
            return (f"SELECT DISTINCT ?this ?value WHERE {{ {targets} "
                    f"{{ {mine} MINUS {theirs} }} UNION {{ {theirs} MINUS {mine} }} }}", True)
        if name == "disjoint":
            return f"SELECT DISTINCT ?this ?value WHERE {{ {targets} {mine} {theirs} }}", True
        if name in ("lessThan", "lessThanOrEquals"):
            compare = "<" if name == "lessThan" else "<="
            bound = f"{{ SELECT ?this ?hpo WHERE {{ {self.triple('?this', other, '?hpo')} }} }}"
            return (f"SELECT DISTINCT ?this ?value WHERE {{ {targets} {mine} {bound} "
                    f"FILTER (!COALESCE(?value {compare} ?hpo, false)) }}", True)
        raise ShapeCompileError(f"{_name(holder)}: sh:{name} does not compile")


def _same_lang(a: str, b: str) -> str:
    return f'!sameTerm({a}, {b}) && lang({a}) != "" && LCASE(lang({a})) = LCASE(lang({b}))'


def _name(shape) -> str:
    return f"<{shape}>" if isinstance(shape, URIRef) else f"a blank shape ({shape})"


def _by_lang(literals) -> dict[str, str]:
    out: dict[str, str] = {}
    for literal in literals:
        out.setdefault(getattr(literal, "language", None) or "", str(literal))
    return out


def _label(shapes: Graph, shape) -> str:
    texts = _by_lang([*shapes.objects(shape, RDFS_NS.label), *shapes.objects(shape, URIRef(SH + "name"))])
    for lang in ("en", "nb", ""):
        if lang in texts:
            return texts[lang]
    return next(iter(texts.values()), local(str(shape)))


def targeted_shapes(shapes: Graph) -> list:
    """The shapes validation starts from: those with a target, or that are also a class."""
    found = {s for name in TARGETS for s in shapes.subjects(URIRef(SH + name), None)}
    for kind in (RDFS_NS.Class, OWL_NS.Class):
        found |= {s for s in shapes.subjects(RDF_NS.type, kind)
                  if (s, RDF_NS.type, URIRef(SH + "NodeShape")) in shapes}
    return sorted(found, key=str)


def compile_checks(shapes: Graph, subclasses: dict[str, set[str]], scope: Scope) -> list[CoreCheck]:
    """Every Core constraint of ``shapes`` (SPARQL constraints excluded) as one query each.

    Raises ``ShapeCompileError`` on a constraint this compiler does not know, before any query
    runs."""
    compiler = _Compiler(shapes, subclasses, scope)
    return [check for shape in targeted_shapes(shapes) for check in compiler.checks_of(shape)]
