"""What the web app asks of the graph, in one place: saved queries with names resolved, paged and
time-limited; free SPARQL, read-only; search; the panels of an entity page; a lineage picture.

Everything goes through ``KnowledgeGraph`` (the Python API) and the saved queries, so a page, its
JSON twin and ``healthplan-kg query run`` cannot disagree. A request-scoped limit stops waiting
for a query that runs too long: the caller gets ``QueryTimeout`` (HTTP 503) at the operator's
limit. An embedded query already inside one blocking step (a sort, an aggregate) cannot be
interrupted from Python; it finishes in a worker thread and its answer is dropped, and because the
workers are few (``max_running``) runaway queries cannot pile up: new ones wait, and time out too.

What is worked out once per build is kept with the build (``_Build``): the answers, the search
index, the validation report, the network projection. An embedded store is seen as it was when
opened; when a build swaps a newer one in at the same path, ``refresh`` (called at most once a
second by the app) opens the newer one first and then lets the old one go, so no request finds no
graph and none mixes two builds.
"""

from __future__ import annotations

import concurrent.futures
import gc
import re
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from healthplan_kg.api import KnowledgeGraph
from healthplan_kg.errors import HealthplanError, ParameterError, QueryError
from healthplan_kg.queries import Parameter, QueryRegistry, SavedQuery
from healthplan_kg.queries.names import resolve_names, written_as_iri
from healthplan_kg.store.base import QueryResult

T = TypeVar("T")

#: Default seconds a query may run before the request is answered with an error.
DEFAULT_TIMEOUT = 30.0
LANGUAGES = ("nb", "nn", "en")

_HP = "https://w3id.org/healthplan-kg/ontology#"
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.IGNORECASE)


class QueryTimeout(HealthplanError):
    """A query that ran longer than the operator's limit (``serve --timeout``)."""


@dataclass
class Panel:
    """One panel of an entity page: a saved query run with this entity as one of its parameters."""

    key: str            # the UI string naming the panel
    query: str
    params: dict[str, str]
    result: QueryResult | None = None
    error: str | None = None


@dataclass
class EntityView:
    iri: str
    label: str
    kinds: list[str]
    labels: dict[str, str]
    properties: QueryResult
    panels: list[Panel] = field(default_factory=list)


class AnswerCache:
    """The last ``size`` answers by query and parameters (0: no cache), shared by request threads.

    Sound for an embedded store: the server opens it read-only and sees the graph as it was when
    opened (a rebuild writes a new folder), so an answer cannot go stale while the server runs. A
    SPARQL endpoint may change behind the server, so ``serve`` gives it no cache unless asked.
    Answers of more than ``max_rows`` rows are not kept: they are rare and would crowd out the rest.
    """

    def __init__(self, size: int, *, max_rows: int = 50_000) -> None:
        self.size = size
        self.max_rows = max_rows
        self._answers: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple):
        if not self.size:
            return None
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: tuple, answer: T) -> T:
        if self.size and len(getattr(answer, "rows", ())) <= self.max_rows:
            with self._lock:
                self._answers[key] = answer
                self._answers.move_to_end(key)
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
        return answer


@dataclass
class _Build:
    """What the server holds for one opened build of the graph: the graph itself and what is worked
    out from it once (answers, search index, validation report, network projection, pictures)."""

    kg: KnowledgeGraph
    cache: AnswerCache
    search_index: concurrent.futures.Future | None = None   # SearchIndex, read once
    validation: concurrent.futures.Future | None = None
    network: object = None
    svg: dict[tuple[str, str], str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: the whole answers of the saved queries that need no parameter, worked out as the build is
    #: opened (``GraphService.warm``): their first pages are the API's and the forms' first view
    prepared: dict[tuple, QueryResult] = field(default_factory=dict)
    warming: concurrent.futures.Future | None = None
    #: the saved-query runs under way, by question (a second asker waits for the first run)
    running: dict[tuple, concurrent.futures.Future] = field(default_factory=dict)


class GraphService:
    """The web app's access to one ``KnowledgeGraph``, safe to share between request threads."""

    #: Seconds between two looks for a newer build of an embedded store.
    REFRESH_EVERY = 1.0

    def __init__(self, kg: KnowledgeGraph, *, timeout: float = DEFAULT_TIMEOUT, max_running: int = 4,
                 registry: QueryRegistry | None = None, cache_size: int = 0) -> None:
        self.timeout = timeout
        self.cache_size = cache_size
        self.registry = registry or QueryRegistry.load()
        self._workers = concurrent.futures.ThreadPoolExecutor(max_workers=max_running,
                                                              thread_name_prefix="healthplan-kg-query")
        # an entity page's panels are started together from here (each waits for its query in
        # ``_workers``, so this pool never holds a query worker while waiting)
        self._panels = concurrent.futures.ThreadPoolExecutor(max_workers=4 * max_running,
                                                             thread_name_prefix="healthplan-kg-panel")
        # validation is long (half a minute at 1,000 documents): its own worker, so it never holds
        # one that requests wait for
        self._background = concurrent.futures.ThreadPoolExecutor(max_workers=1,
                                                                 thread_name_prefix="healthplan-kg-build")
        self._build = _Build(kg, AnswerCache(cache_size))
        self._refresh_lock = threading.Lock()
        self._looked = time.monotonic()
        #: whether search reads the in-memory index: only over an embedded store, which cannot
        #: change while it is open (a SPARQL endpoint can)
        self.indexed_search = getattr(kg.store, "version", None) is not None

    @property
    def kg(self) -> KnowledgeGraph:
        return self._build.kg

    @property
    def cache(self) -> AnswerCache:
        return self._build.cache

    def refresh(self, *, force: bool = False) -> bool:
        """Open the newer build if one has been swapped in since ours was opened (looked for at
        most every ``REFRESH_EVERY`` seconds unless ``force``). The newer one is open before the
        old one is let go; a request already running on the old one finishes on it."""
        now = time.monotonic()
        if not force and now - self._looked < self.REFRESH_EVERY:
            return False
        with self._refresh_lock:
            self._looked = now
            old = self._build
            if not old.kg.newer_build_exists():
                return False
            from healthplan_kg.api import KnowledgeGraph as _KnowledgeGraph

            newer = _KnowledgeGraph.open(old.kg.store.path)
            self._build = _Build(newer, AnswerCache(self.cache_size))
            self.warm()
            # the old store is not closed here: a request may still be reading it; it is freed
            # when the last reference to it goes
            return True

    def close(self) -> None:
        self._workers.shutdown(wait=False, cancel_futures=True)
        self._background.shutdown(wait=False, cancel_futures=True)
        self._panels.shutdown(wait=False, cancel_futures=True)

    # -- running, with a limit ---------------------------------------------------------------

    def _limited(self, work: Callable[[], T]) -> T:
        return self._wait(self._workers.submit(work))

    def _wait(self, future: concurrent.futures.Future, *, cancel: bool = True):
        try:
            return future.result(timeout=self.timeout)
        except concurrent.futures.TimeoutError:
            if cancel:
                future.cancel()
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped; "
                               f"narrow it down (parameters, LIMIT) or ask the operator for a longer "
                               f"--timeout") from None

    def saved(self, name: str) -> SavedQuery:
        return self.registry.get(name)

    def run(self, name: str, params: Mapping[str, str | Sequence[str]] | None = None) -> QueryResult:
        """Run a saved query. A value may be a list (a query string's repeated key): items of a
        ``list[T]`` parameter; more than one value for a single-valued parameter is refused."""
        saved = self.registry.get(name)
        raw = self.raw_params(saved, params or {})
        key = (name, tuple(sorted(raw.items())))
        build = self._build
        cached = self._known_answer(build, key)
        if cached is not None:
            return cached

        if name == "search" and self.indexed_search:
            bound = saved.bind(raw)   # the saved query's own checks and defaults
            return self.search_index().result(bound["q"].value, lang=bound["lang"].value)

        def work() -> QueryResult:
            return saved.run(build.kg.store, resolve_names(build.kg.store, saved, raw))

        # one run per question at a time: a request asking what another is already running waits
        # for that run; a run that outlives its request's limit still finishes and is kept, so
        # asking again later finds the answer
        with build.lock:
            future = build.running.get(key)
            started = future is None
            if started:
                future = self._workers.submit(work)
                build.running[key] = future
        if started:
            future.add_done_callback(lambda done: self._finished(build, key, done))
        return self._wait(future, cancel=False)

    def first_rows(self, name: str, params: Mapping[str, str | Sequence[str]] | None, *, limit: int,
                   offset: int) -> tuple[QueryResult, bool] | None:
        """Rows ``offset`` to ``offset + limit`` of a query paged by source graph, worked out graph
        by graph (``SavedQuery.page``), and whether more rows follow; None where the whole answer
        is the way: it is known already (cached, or worked out at start), or a parameter is given.

        Why: a first page must not wait for the whole answer, which on a large store takes
        minutes (and is what the server's warm-up works out in the background meanwhile)."""
        saved = self.registry.get(name)
        raw = self.raw_params(saved, params or {})
        key = (name, tuple(sorted(raw.items())))
        build = self._build
        if raw or saved.paged_by is None or self._known_answer(build, key) is not None:
            return None
        found = self._limited(lambda: saved.page(build.kg.store, limit=limit + 1, offset=offset))
        return QueryResult(columns=found.columns, rows=found.rows[:limit]), len(found.rows) > limit

    @staticmethod
    def _known_answer(build: _Build, key: tuple) -> QueryResult | None:
        """The whole answer to a question, when this build has it: worked out at start or kept."""
        return build.prepared.get(key) or build.cache.get(key)

    @staticmethod
    def _finished(build: _Build, key: tuple, future: concurrent.futures.Future) -> None:
        with build.lock:
            build.running.pop(key, None)
        if not future.cancelled() and future.exception() is None:
            build.cache.put(key, future.result())

    @staticmethod
    def raw_params(saved: SavedQuery, params: Mapping[str, str | Sequence[str]]) -> dict[str, str]:
        """Query-string values -> the raw texts ``SavedQuery.bind`` takes (a list joined by commas)."""
        raw: dict[str, str] = {}
        for key, value in params.items():
            values = [value] if isinstance(value, str) else list(value)
            values = [v for v in values if v != ""] if len(values) > 1 else values
            parameter = saved.parameter(key)   # an unknown name: ParameterError naming the known ones
            if not parameter.is_list and len(values) > 1:
                raise ParameterError(f"parameter '{key}' takes one value, got {len(values)}")
            if len(values) == 1 and values[0] == "" and not parameter.required:
                continue                        # an empty form field: the parameter is not given
            raw[key] = ",".join(values)
        return raw

    def sparql(self, text: str) -> QueryResult | bool | list:
        """A read-only SPARQL query: SELECT -> ``QueryResult``, ASK -> bool, CONSTRUCT/DESCRIBE ->
        triples. An update is refused before it reaches the store (which is open read-only anyway)."""
        form = _query_form(text)
        if form is None:
            raise QueryError("only SELECT, ASK, CONSTRUCT and DESCRIBE queries are answered here; "
                             "the graph is read-only" if _UPDATE.search(_strip(text)) else
                             "not a SPARQL query (expected SELECT, ASK, CONSTRUCT or DESCRIBE)")

        def work():
            if form == "SELECT":
                return self.kg.sparql(text)
            if form == "ASK":
                return self.kg.store.ask(text)
            return self.kg.store.construct(text)

        return self._limited(work)

    def validate(self):
        """The validation report of the graph (``KnowledgeGraph.validate``), worked out once per
        build in the background: the first request starts it, and every request waits for it up
        to the limit (``QueryTimeout`` meanwhile, and a later request finds it done).

        Validation leaves pyoxigraph result objects in reference cycles; they must be freed on the
        thread that made them (pyoxigraph refuses otherwise), so the worker collects them itself."""
        build = self._build
        with build.lock:
            if build.validation is None:
                def work():
                    report = build.kg.validate()
                    gc.collect()
                    return report

                build.validation = self._background.submit(work)
        try:
            return build.validation.result(timeout=self.timeout)
        except concurrent.futures.TimeoutError:
            raise QueryTimeout("the validation report is being worked out (it takes long on a large "
                               "graph, once per build); ask again in a while") from None

    # -- search and entities -----------------------------------------------------------------

    def search(self, text: str, limit: int = 20, lang: str = "nb") -> list[dict[str, str | None]]:
        """The rows of the saved query ``search``; over an embedded store from the in-memory index
        (``search_index``), which gives the same rows in milliseconds."""
        text = " ".join(text.split())
        if not text:
            return []
        if not self.indexed_search:
            return self.run("search", {"q": text, "lang": lang}).values()[:limit]
        if lang not in LANGUAGES:
            self.registry.get("search").parameter("lang").convert(lang)   # its own error
        return self.search_index().search(text, lang=lang, limit=limit)

    def search_index(self):
        """The build's ``SearchIndex``, read once in the background (``warm`` starts it when the
        service starts); requests wait for it up to the limit."""
        try:
            return self._search_index_future().result(timeout=self.timeout)
        except concurrent.futures.TimeoutError:
            raise QueryTimeout("the search index is being read (once per build); ask again in a while") from None

    def _search_index_future(self) -> concurrent.futures.Future:
        build = self._build
        with build.lock:
            if build.search_index is None:
                from healthplan_kg.web.search_index import SearchIndex

                build.search_index = self._background.submit(SearchIndex.load, build.kg.store)
            return build.search_index

    def warm(self) -> None:
        """Start working out, in the background, what this build will be asked for again and again:
        the search index, then the whole answer of every saved query that needs no parameter (the
        home page's, and every query's first page). Only over an embedded store, which cannot
        change while it is open, and only with a cache (``cache_size``)."""
        if not self.indexed_search:
            return
        self._search_index_future()
        if not self.cache_size:
            return
        build = self._build

        def prepare() -> None:
            for saved in self.registry:
                if saved.name == "search" or any(p.required for p in saved.parameters):
                    continue
                try:
                    build.prepared[(saved.name, ())] = saved.run(build.kg.store)
                except HealthplanError:
                    continue   # asked for later, it gives its error then

        with build.lock:
            if build.warming is None:
                build.warming = self._background.submit(prepare)

    def ready(self) -> bool:
        """Whether what ``warm`` started has been worked out (always, when nothing was started)."""
        build = self._build
        futures = [build.search_index, build.warming] if self.indexed_search else []
        return all(future is None or future.done() for future in futures)

    def resolve(self, name: str) -> str:
        """The IRI a name, identifier or IRI picks out (errors carry candidates)."""
        if written_as_iri(name):   # checked and expanded (CURIEs) as an iri parameter would be
            return Parameter(name="iri", type="iri").convert(name).value
        key = ("resolve", name)
        cached = self.cache.get(key)
        return cached if cached is not None else self.cache.put(key, self._limited(lambda: self.kg.resolve(name).iri))

    def entity(self, iri: str, lang: str) -> EntityView:
        properties = self.run("entity-properties", {"entity": iri, "lang": lang})
        rows = properties.values()
        kinds = sorted({r["value"].rsplit("#", 1)[-1].rsplit("/", 1)[-1] for r in rows
                        if r["property"] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
                        and r["value"] and "NamedIndividual" not in r["value"]})
        labels: dict[str, str] = {}
        for prop in _LABEL_PROPERTIES:   # a preferred label before a name, a name before a title
            for r in rows:
                if r["property"] == prop:
                    labels.setdefault(r["value_language"] or "", r["value"])
        label = next((labels[k] for k in (lang, "nb", "nn", "", "en") if labels.get(k)),
                     iri.rstrip("/").rsplit("/", 1)[-1])
        view = EntityView(iri=iri, label=label, kinds=kinds, labels=labels, properties=properties)
        view.panels = [Panel(key=key, query=query, params={param: iri})
                       for key, query, param in _panels_for(set(kinds))]
        # the panels' queries run side by side (the engine leaves Python's lock while it works),
        # so a page not answered before waits for its slowest panel, not for the sum of them
        answers = [self._panels.submit(self.run, panel.query, panel.params) for panel in view.panels]
        for panel, answer in zip(view.panels, answers, strict=True):
            try:
                panel.result = answer.result()
            except HealthplanError as error:
                panel.error = str(error)
        return view

    # -- lineage picture ---------------------------------------------------------------------

    def _network_projection(self):
        build = self._build
        with build.lock:
            if build.network is None:
                from healthplan_kg.network.projection import build_network
                build.network = self._limited(lambda: build_network(build.kg.store))
            return build.network

    def lineage_svg(self, iri: str, lang: str) -> str | None:
        """The lineage of ``iri`` as SVG text, or None when it has no lineage (or matplotlib is missing)."""
        key = (iri, lang)
        svg_cache = self._build.svg
        if key in svg_cache:
            return svg_cache[key]
        from healthplan_kg.network.errors import NetworkError
        from healthplan_kg.network.lineage import lineage
        from healthplan_kg.network.plots import plot_lineage

        network = self._network_projection()
        if iri not in network.graph:
            return None
        result = lineage(network, iri, language=lang)
        if not result.downstream and not result.upstream:
            return None
        try:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "lineage.svg"
                plot_lineage(network, result, path, language=lang)
                svg = path.read_text(encoding="utf-8")
        except NetworkError:
            return None
        svg = svg[svg.find("<svg"):]   # drop the XML prolog and doctype: the SVG goes inline
        svg_cache[key] = svg
        return svg


_LABEL_PROPERTIES = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://xmlns.com/foaf/0.1/name",
                     "http://www.w3.org/2000/01/rdf-schema#label", "http://purl.org/dc/terms/title")


def _strip(text: str) -> str:
    """The query text without comments, string literals and IRIs, so keywords are found as keywords."""
    text = re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', '""', text)
    text = re.sub(r"<[^<>\s]*>", "<>", text)
    return re.sub(r"#[^\n]*", "", text)


def _query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword after the prologue; None otherwise."""
    found = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", _strip(text), re.IGNORECASE)
    if not found:
        return None
    head = _strip(text)[:found.start()]
    if _UPDATE.search(head):
        return None
    return found.group(1).upper()


#: Which panels an entity page shows, by the entity's classes: (UI key, saved query, parameter).
_DOCUMENT_KINDS = {"PolicyDocument", "WhitePaper", "OfficialReport", "Proposition", "Plan", "ActionPlan",
                   "Strategy", "Guideline", "Letter", "Report", "Regulation", "Law", "Reform",
                   "ParliamentaryRecommendation", "NewsArticle"}
_PERSON_KINDS = {"Person"}


def _panels_for(kinds: set[str]) -> list[tuple[str, str, str]]:
    panels: list[tuple[str, str, str]] = []
    if kinds & _DOCUMENT_KINDS:
        panels += [("panel_overview", "plan-overview", "plan"), ("panel_measures", "plan-measures", "plan"),
                   ("panel_follows_up", "follow-ups", "follower"),
                   ("panel_followed_by", "follow-ups", "followed"),
                   ("panel_replaces", "replaces-and-context", "plan")]
    if "Commission" in kinds:
        panels += [("panel_commission", "follows-up-commission", "commission"),
                   ("panel_followed_by", "follow-ups", "followed")]
    if kinds & _PERSON_KINDS:
        panels += [("panel_quotes", "statements-by-person", "person")]
    if not kinds & (_DOCUMENT_KINDS | _PERSON_KINDS | {"SourceDocument"}):
        panels += [("panel_assignments_given", "assignments", "issuer"),
                   ("panel_assignments_received", "assignments", "assignee")]
    panels += [("panel_timeline", "timeline", "about"), ("panel_mentions", "mentions", "entity")]
    return panels
