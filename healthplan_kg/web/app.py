"""The read-only web app and HTTP API: routes only; the graph work is in ``service``, tables in ``tables``.

Every HTML page has a JSON twin that returns the same data (Datasette's rule), and both are built
from saved queries run through ``GraphService``: ``/`` and ``/index.json``, ``/search`` and
``/api/search``, ``/entity`` and ``/entity.json``, ``/document`` and ``/document.json``,
``/query/NAME`` and ``/api/queries/NAME``, ``/validation`` and ``/validation.json``. The UI language
comes from ``?hl=`` or the ``hl`` cookie the language switch sets (nb by default).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from healthplan_kg.errors import HealthplanError, ParameterError, QueryError
from healthplan_kg.queries.names import EntityNameError
from healthplan_kg.store.base import QueryResult
from healthplan_kg.web import tables
from healthplan_kg.web.document import annotate
from healthplan_kg.web.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, translator
from healthplan_kg.web.openapi import openapi_document
from healthplan_kg.web.service import GraphService, QueryTimeout

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 50
SPARQL_RESULTS_JSON = "application/sparql-results+json"


def _language(request: Request) -> str:
    for candidate in (request.query_params.get("hl"), request.cookies.get("hl")):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def _multi(request: Request, *, skip: tuple[str, ...] = tables.RESERVED) -> dict[str, list[str]]:
    """The query string as key -> every value given for it (a repeated key is a list)."""
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        if key not in skip:
            params.setdefault(key, []).append(value)
    return params


def _error_body(error: Exception) -> dict:
    body: dict = {"error": str(error)}
    candidates = getattr(error, "candidates", None)
    if candidates:
        body["candidates"] = [{"iri": c.iri, "label": c.label, "kind": c.kind, "matched": c.matched}
                              for c in candidates]
    return body


def _status(error: Exception) -> int:
    from healthplan_kg.network.errors import UnknownEntityError
    if isinstance(error, QueryTimeout):
        return 503
    if isinstance(error, UnknownEntityError):
        return 404
    return 400


def _wants_csv(request: Request, suffix: str) -> bool:
    if suffix:
        return suffix == ".csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept.split("text/csv")[0]


def create_app(service: GraphService) -> FastAPI:
    """The ASGI app over one ``GraphService`` (``healthplan-kg serve`` makes both)."""
    app = FastAPI(title="healthplan-kg", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    registry = service.registry
    app.add_middleware(_NewerBuild, service=service)

    def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        lang = _language(request)
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        response = templates.TemplateResponse(request, template, {
            "t": translator(lang), "lang": lang, "languages": LANGUAGE_NAMES, "here": here,
            "urlencode": urlencode, **context}, status_code=status)
        return response

    def fail_html(request: Request, error: Exception) -> HTMLResponse:
        return render(request, "error.html", status=_status(error), error=str(error),
                      candidates=getattr(error, "candidates", None) or [])

    def fail_json(error: Exception) -> JSONResponse:
        return JSONResponse(_error_body(error), status_code=_status(error))

    # -- language switch ----------------------------------------------------------------------

    @app.get("/lang/{code}", include_in_schema=False)
    def switch_language(code: str, next: str = "/") -> RedirectResponse:
        # only a path of this site: "//host" and "/\\host" would send the reader elsewhere
        target = next if next.startswith("/") and not next.startswith(("//", "/\\")) else "/"
        response = RedirectResponse(target, status_code=303)
        if code in LANGUAGES:
            response.set_cookie("hl", code, max_age=365 * 24 * 3600, samesite="lax")
        return response

    # -- home ---------------------------------------------------------------------------------

    def home_data() -> dict:
        holdings = service.run("holdings").values()
        kinds: dict[str, dict[str, int]] = {}
        years: set[str] = set()
        for row in holdings:
            year = row["year"] or ""
            years.add(year)
            kinds.setdefault(row["kind"] or "", {})[year] = int(row["entities"] or 0)
        documents = service.run("documents").values()
        headlines = {key: sum(sum(kinds.get(kind, {}).values()) for kind in members)
                     for key, members in _HEADLINES.items()}
        return {"holdings": holdings, "kinds": kinds, "years": sorted(y for y in years if y),
                "documents": documents, "headlines": headlines}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        try:
            return render(request, "home.html", **home_data())
        except HealthplanError as error:
            return fail_html(request, error)

    @app.get("/index.json", include_in_schema=False)
    def home_json():
        try:
            data = home_data()
            return {"headlines": data["headlines"], "holdings": data["holdings"], "documents": data["documents"]}
        except HealthplanError as error:
            return fail_json(error)

    # -- search -------------------------------------------------------------------------------

    @app.get("/api/search")
    def search_json(request: Request, q: str = "", limit: str | None = None):
        try:
            size, _ = tables.paging(limit, None, 20)
            return service.search(q, size or 20, _language(request))
        except HealthplanError as error:
            return fail_json(error)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = ""):
        try:
            return render(request, "search.html", q=q, results=service.search(q, 100, _language(request)))
        except HealthplanError as error:
            return fail_html(request, error)

    # -- entities -----------------------------------------------------------------------------

    def entity_data(iri: str, lang: str) -> dict:
        view = service.entity(iri, lang)
        return {"iri": view.iri, "label": view.label, "kinds": view.kinds, "labels": view.labels,
                "properties": view.properties.values(),
                "panels": [{"key": p.key, "query": p.query, "params": p.params,
                            "rows": p.result.values() if p.result else [], "columns":
                            p.result.columns if p.result else registry.get(p.query).columns,
                            "error": p.error} for p in view.panels]}

    @app.get("/entity", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, iri: str = ""):
        lang = _language(request)
        try:
            resolved = service.resolve(iri)
            if resolved != iri:
                return RedirectResponse(f"/entity?{urlencode({'iri': resolved})}", status_code=303)
            data = entity_data(iri, lang)
            if "SourceDocument" in data["kinds"]:
                return RedirectResponse(f"/document?{urlencode({'iri': iri})}", status_code=303)
            return render(request, "entity.html", **data, grouped=_group_properties(data["properties"]))
        except HealthplanError as error:
            return fail_html(request, error)

    @app.get("/entity.json")
    def entity_json(request: Request, iri: str = ""):
        try:
            return entity_data(service.resolve(iri), _language(request))
        except HealthplanError as error:
            return fail_json(error)

    @app.get("/entity/lineage.svg", include_in_schema=False)
    def lineage_svg(request: Request, iri: str = ""):
        try:
            svg = service.lineage_svg(iri, _language(request))
        except HealthplanError as error:
            return fail_json(error)
        if svg is None:
            return Response(status_code=404)
        return Response(svg, media_type="image/svg+xml")

    # -- source documents ---------------------------------------------------------------------

    def document_data(iri: str) -> dict:
        text_rows = service.run("document-text", {"doc": iri}).values()
        if not text_rows:
            raise QueryError(f"no source document {iri} in the graph")
        facts = service.run("document-facts", {"doc": iri}).values()
        return {"document": text_rows[0], "facts": facts,
                "documents_row": service.run("facts-per-document", {"doc": [iri]}).values()}

    @app.get("/document", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, iri: str = ""):
        try:
            data = document_data(iri)
            segments = annotate(data["document"]["text"] or "", data["facts"])
            return render(request, "document.html", **data, segments=segments,
                          facts_json=json.dumps(data["facts"], ensure_ascii=False))
        except HealthplanError as error:
            return fail_html(request, error)

    @app.get("/document.json")
    def document_json(iri: str = ""):
        try:
            return document_data(iri)
        except HealthplanError as error:
            return fail_json(error)

    # -- saved queries ------------------------------------------------------------------------

    def queries_listing() -> list[dict]:
        return [{"name": q.name, "summary": q.summary, "description": q.description, "columns": q.columns,
                 "parameters": [{"name": p.name, "type": p.type, "required": p.required, "default": p.default,
                                 "allowed": p.allowed, "description": p.description} for p in q.parameters]}
                for q in registry]

    @app.get("/api/status", include_in_schema=False)
    def status():
        """Whether the server has worked out what it prepares for each build (search index, the
        answers of the saved queries without parameters); it answers meanwhile, only slower."""
        return {"ready": service.ready()}

    @app.get("/api/queries")
    def list_queries():
        return queries_listing()

    @app.get("/queries", response_class=HTMLResponse, include_in_schema=False)
    def queries_page(request: Request):
        return render(request, "queries.html", queries=queries_listing())

    def answer_page(name: str, given, *, limit: int | None, offset: int, sort: str | None,
                    descending: bool) -> tables.Page:
        """One page of a saved query's answer: found graph by graph when that needs less than the
        whole answer (a page in the query's own order, of a query paged by source graph, whose
        whole answer is not known yet), else cut from the whole answer."""
        if limit is not None and not sort:
            found = service.first_rows(name, given, limit=limit, offset=offset)
            if found is not None:
                return tables.first_page(*found, limit=limit, offset=offset)
        return tables.page(service.run(name, given), limit=limit, offset=offset, sort=sort,
                           descending=descending)

    @app.get("/api/queries/{name}")
    def run_query(request: Request, name: str):
        suffix = ""
        for ending in (".csv", ".json"):
            if name.endswith(ending):
                name, suffix = name[:-len(ending)], ending
        try:
            limit, offset = tables.paging(request.query_params.get("limit"),
                                          request.query_params.get("offset"), None)
            shown = answer_page(name, _multi(request), limit=limit, offset=offset,
                                sort=request.query_params.get("sort"),
                                descending=request.query_params.get("desc") == "1")
        except HealthplanError as error:
            return fail_json(error)
        headers = {}
        if shown.total is not None:
            headers["X-Total-Count"] = str(shown.total)
        if shown.more and shown.limit is not None:
            following = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
            headers["Link"] = f'<{request.url.path}?{urlencode(following + [("offset", shown.end)])}>; rel="next"'
        if _wants_csv(request, suffix):
            headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            return StreamingResponse(tables.csv_chunks(shown.columns, shown.rows),
                                     media_type="text/csv; charset=utf-8", headers=headers)
        if suffix == ".json":
            headers["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return Response(tables.json_text(shown.rows), media_type="application/json", headers=headers)

    @app.get("/query/{name}", response_class=HTMLResponse, include_in_schema=False)
    def query_page(request: Request, name: str):
        try:
            saved = registry.get(name)
        except QueryError as error:
            return fail_html(request, error)
        given = _multi(request)
        run_now = bool(given) or not any(p.required for p in saved.parameters)
        context: dict = {"query": saved, "given": given, "page": None, "error": None, "candidates": [],
                         "sort": request.query_params.get("sort") or "",
                         "desc": request.query_params.get("desc") == "1",
                         "plain": [(k, v) for k, vs in given.items() for v in vs]}
        if run_now:
            try:
                limit, offset = tables.paging(request.query_params.get("limit"),
                                              request.query_params.get("offset"), PAGE_SIZE)
                context["page"] = answer_page(name, given, limit=limit, offset=offset,
                                              sort=context["sort"] or None, descending=context["desc"])
            except HealthplanError as error:
                context["error"] = str(error)
                wrong = getattr(error, "parameter", "")
                context["candidates"] = [
                    (c, f"/query/{name}?" + urlencode([(k, v) for k, v in context["plain"] if k != wrong]
                                                      + [(wrong, c.iri)]))
                    for c in (getattr(error, "candidates", None) or []) if wrong]
                return render(request, "query.html", status=_status(error), **context)
        return render(request, "query.html", **context)

    # -- validation ---------------------------------------------------------------------------

    def validation_report():
        return service.validate()   # worked out once per build

    @app.get("/validation", response_class=HTMLResponse, include_in_schema=False)
    def validation_page(request: Request):
        lang = _language(request)
        try:
            report = validation_report()
        except HealthplanError as error:
            return fail_html(request, error)
        groups = [{"severity": severity, "shape": shape,
                   "title": report.shape_titles.get(shape, {}).get(lang) or results[0].shape_label,
                   "results": results} for (severity, shape), results in report.grouped().items()]
        return render(request, "validation.html", report=report, groups=groups, summary=report.to_text(lang)
                      .splitlines()[0])

    @app.get("/validation.json")
    def validation_json():
        try:
            return Response(validation_report().to_json(), media_type="application/json")
        except HealthplanError as error:
            return fail_json(error)

    # -- SPARQL -------------------------------------------------------------------------------

    def sparql_answer(request: Request, text: str) -> Response:
        try:
            answer = service.sparql(text)
        except HealthplanError as error:
            return JSONResponse(_error_body(error), status_code=_status(error))
        accept = request.headers.get("accept", "")
        if isinstance(answer, bool):
            return JSONResponse({"head": {}, "boolean": answer}, media_type=SPARQL_RESULTS_JSON)
        if isinstance(answer, list):
            import pyoxigraph as ox
            body = ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES) or b""
            return Response(body, media_type="application/n-triples")
        if "text/csv" in accept:
            return StreamingResponse(tables.csv_chunks(answer.columns, answer.values()), media_type="text/csv")
        return Response(json.dumps(_sparql_json(answer), ensure_ascii=False), media_type=SPARQL_RESULTS_JSON)

    @app.get("/sparql")
    def sparql_get(request: Request, query: str | None = None):
        if query is None:
            return render(request, "sparql.html", text=_EXAMPLE_SPARQL, result=None, error=None)
        if "text/html" in request.headers.get("accept", "") and request.query_params.get("page") == "1":
            try:
                answer = service.sparql(query)
                return render(request, "sparql.html", text=query, result=answer, error=None)
            except HealthplanError as error:
                return render(request, "sparql.html", status=_status(error), text=query, result=None,
                              error=str(error))
        return sparql_answer(request, query)

    @app.post("/sparql")
    async def sparql_post(request: Request):
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        body = (await request.body()).decode("utf-8", errors="replace")
        if content_type == "application/sparql-query":
            text = body
        elif content_type == "application/x-www-form-urlencoded":
            form = dict(parse_qsl(body, keep_blank_values=True))
            if "update" in form:
                return JSONResponse({"error": "updates are refused: the graph is read-only"}, status_code=403)
            text = form.get("query", "")
        elif content_type == "application/sparql-update":
            return JSONResponse({"error": "updates are refused: the graph is read-only"}, status_code=403)
        else:
            return JSONResponse({"error": f"unsupported content type {content_type!r}"}, status_code=415)
        return sparql_answer(request, text)

    # -- the API description ------------------------------------------------------------------

    document = openapi_document(registry)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi_json():
        return document

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request):
        return render(request, "docs.html", api=document)

    @app.exception_handler(ParameterError)
    async def parameter_error(request: Request, error: ParameterError):   # pragma: no cover - safety net
        return JSONResponse(_error_body(error), status_code=400)

    @app.exception_handler(EntityNameError)
    async def name_error(request: Request, error: EntityNameError):       # pragma: no cover - safety net
        return JSONResponse(_error_body(error), status_code=400)

    app.state.service = service
    return app


class _NewerBuild:
    """ASGI middleware: before a request, let the service look for a newer build of its store
    (``GraphService.refresh``, a link read at most once a second)."""

    def __init__(self, app, service: GraphService) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            self.service.refresh()
        await self.app(scope, receive, send)


def _group_properties(rows: list[dict]) -> list[dict]:
    """One row per property and value, with every source that states it (reference data first)."""
    grouped: dict[tuple, dict] = {}
    for row in rows:
        key = (row["property"], row["value"], row["value_language"])
        entry = grouped.setdefault(key, {**row, "docs": []})
        if row["doc"] not in entry["docs"]:
            entry["docs"].append(row["doc"])
    for entry in grouped.values():
        entry["docs"].sort(key=lambda doc: (doc is not None, doc or ""))
    return list(grouped.values())


#: The home page's headline counts: which classes (holdings' kinds) each one adds up.
_HEADLINES = {
    "headline_documents": ("SourceDocument",),
    "headline_plans": ("Plan", "ActionPlan", "WhitePaper", "OfficialReport", "Strategy", "Proposition",
                       "PolicyDocument", "Guideline", "Report", "Reform"),
    "headline_bodies": ("Ministry", "Directorate", "Agency", "RegionalHealthAuthority", "HealthTrust",
                        "CompetenceService", "Government", "Parliament", "MunicipalOrganisation",
                        "ProfessionalAssociation", "HealthCommunity", "StateEnterprise", "ElectedAssembly",
                        "AdvisoryBody", "Commission", "Organization"),
    "headline_people": ("Person",),
    "headline_measures": ("MainMeasure",),
}


def _sparql_json(result: QueryResult) -> dict:
    """SPARQL 1.1 Query Results JSON for a SELECT answer."""
    import pyoxigraph as ox

    def term(value) -> dict:
        if isinstance(value, ox.NamedNode):
            return {"type": "uri", "value": value.value}
        if isinstance(value, ox.BlankNode):
            return {"type": "bnode", "value": value.value}
        cell: dict = {"type": "literal", "value": value.value}
        if value.language:
            cell["xml:lang"] = value.language
        elif value.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            cell["datatype"] = value.datatype.value
        return cell

    return {"head": {"vars": result.columns},
            "results": {"bindings": [{c: term(v) for c, v in zip(result.columns, row, strict=True) if v is not None}
                                     for row in result.rows]}}


_EXAMPLE_SPARQL = """PREFIX hp: <https://w3id.org/healthplan-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?title WHERE {
  GRAPH ?g { ?doc a hp:SourceDocument ; dcterms:title ?title }
}
ORDER BY ?title
LIMIT 20"""
