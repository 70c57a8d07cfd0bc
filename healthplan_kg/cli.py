"""The ``healthplan-kg`` command line: parsing and printing only; the work is in the library.

Exit codes (the analyst contract): 0 ok; 1 the graph fails validation; 2 bad input or usage. Any
error this package raises on purpose becomes one line ``healthplan-kg: error: ...`` on stderr,
never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from healthplan_kg import __version__
from healthplan_kg.errors import HealthplanError, ParameterError

PROG = "healthplan-kg"


def _store_options(func):
    """``--store PATH`` / ``--endpoint URL``: every command that reads or writes the graph."""
    func = click.option("--endpoint", metavar="URL",
                        help="A SPARQL 1.1 server instead of the embedded store "
                             "(e.g. http://127.0.0.1:7878 for an Oxigraph server).")(func)
    return click.option("--store", "store_path", type=click.Path(path_type=Path), metavar="PATH",
                        help="The embedded store folder (default: $HEALTHPLAN_KG_STORE, "
                             "else ./.store/healthplan-kg).")(func)


def _open(store_path: Path | None, endpoint: str | None):
    from healthplan_kg.store import open_store
    return open_store(store_path, endpoint, read_only=True)


def _err(message: str) -> None:
    """One line on stderr, whatever the message quotes (``messages.one_line``)."""
    from healthplan_kg.messages import one_line
    click.echo(f"{PROG}: {one_line(message)}", err=True)


def _allow_replacement_option(func):
    return click.option("--allow-replacement", is_flag=True,
                        help="Read a UTF-8 text with damaged bytes, replacing them with U+FFFD and "
                             "saying how many, instead of refusing it.")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name=PROG)
def cli() -> None:
    """Norwegian health-policy documents in, a validated, queryable knowledge graph out."""


@cli.command()
@click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path(path_type=Path), metavar="DIR",
              help="A folder of documents (.txt .html .pdf); repeatable. Default: the bundled corpus.")
@_store_options
@click.option("--strict", is_flag=True,
              help="Stop on an unsupported or unreadable file instead of skipping it.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Extraction processes (default: all CPUs).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no list of skipped files.")
@click.option("--no-validate", is_flag=True, help="Skip validation (quicker; run `validate` later).")
@click.option("--no-optimize", is_flag=True,
              help="Do not compact a store built from scratch (quicker build, queries about half as fast).")
@click.option("--lang", type=click.Choice(["en", "nb", "nn"]), default="en", show_default=True,
              help="Language of validation messages.")
@_allow_replacement_option
@click.option("--max-document-bytes", type=click.IntRange(min=1), metavar="N",
              help="Skip (with --strict: refuse) a document file larger than N bytes.")
@click.option("--max-document-seconds", type=click.FloatRange(min=0, min_open=True), metavar="S",
              help="Skip (with --strict: refuse) a document whose reading and extraction take longer "
                   "than S seconds.")
def build(corpus_dirs: tuple[Path, ...], store_path: Path | None, endpoint: str | None, strict: bool,
          jobs: int | None, quiet: bool, no_validate: bool, no_optimize: bool, lang: str,
          allow_replacement: bool, max_document_bytes: int | None, max_document_seconds: float | None) -> None:
    """Read, extract and link every document, write the graph, validate it."""
    from healthplan_kg.build import build as run_build
    from healthplan_kg.extraction_pool import DocumentLimits
    from healthplan_kg.messages import one_line
    from healthplan_kg.readers import ReadOptions

    limits = DocumentLimits(ReadOptions(allow_replacement=allow_replacement, max_bytes=max_document_bytes),
                            max_seconds=max_document_seconds)
    report = run_build(list(corpus_dirs) or None, store_path=store_path, endpoint=endpoint, strict=strict,
                       jobs=jobs, progress=not quiet, check=not no_validate, optimize=not no_optimize,
                       limits=limits)
    for warned in report.warnings:
        _err(f"warning {warned.path}: {warned.reason}")
    if not quiet:
        for skipped in report.skipped:
            _err(f"skipped {skipped.path}: {skipped.reason}")
    click.echo(one_line(report.summary()), err=True)
    if not report.conforms:
        click.echo(report.validation.to_text(lang, limit=5), err=True)
        sys.exit(1)


@cli.command()
@_store_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text",
              show_default=True)
@click.option("--lang", type=click.Choice(["en", "nb", "nn"]), default="en", show_default=True,
              help="Language of the messages in text output.")
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option("--reason", is_flag=True, help="Also check the ontology's OWL consistency (needs Java).")
@click.option("--changed", is_flag=True,
              help="Validate only the named graphs no conforming run of this store folder has validated "
                   "yet (new source graphs; everything after a change of code, reference data or shapes).")
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="sparql: the shapes compiled to queries run in the store; pyshacl: the slow reference.")
def validate(store_path: Path | None, endpoint: str | None, fmt: str, lang: str, strict: bool,
             reason: bool, changed: bool, engine: str) -> None:
    """Check the stored graph against the SHACL shapes (exit 1 on violations; warnings only
    with --strict)."""
    from healthplan_kg.validate import record_validated, unvalidated_graphs
    from healthplan_kg.validate import validate as run_validate

    store = _open(store_path, endpoint)
    folder: Path | None = getattr(store, "path", None)   # None for a SPARQL endpoint
    if changed and folder is None:
        raise click.UsageError("--changed needs an embedded store (--store): it keeps its record beside it")
    report = run_validate(store, reason=reason, engine=engine,
                          changed=unvalidated_graphs(store, folder) if changed else None)
    output = {"text": lambda: report.to_text(lang), "json": report.to_json,
              "junit": lambda: report.to_junit(strict=strict)}[fmt]()
    click.echo(output.rstrip("\n"))
    if folder is not None:
        record_validated(store, folder, report)
    ok = report.conforms_strictly() if strict else report.conforms
    sys.exit(0 if ok else 1)


@cli.group()
def query() -> None:
    """The saved queries: list them, show one, run one."""


def _registry():
    from healthplan_kg.queries import QueryRegistry
    return QueryRegistry.load()


@query.command("list")
def query_list() -> None:
    """Every saved query: name, summary, parameters."""
    registry = _registry()
    for name in registry.names():
        saved = registry.get(name)
        params = ", ".join(f"{p.name}:{p.type}{'' if p.required else '?'}" for p in saved.parameters)
        click.echo(f"{name:22} {saved.summary}" + (f"  [{params}]" if params else ""))


@query.command("show")
@click.argument("name")
def query_show(name: str) -> None:
    """A saved query's header and SPARQL."""
    saved = _registry().get(name)
    if not saved.text.lstrip().startswith("#"):
        click.echo(f"# {saved.name}: {saved.summary}")
    click.echo(saved.text.rstrip("\n"))


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    from healthplan_kg.messages import shown
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ParameterError(f"--param {shown(pair)}: write it as KEY=VALUE")
        params[key.strip()] = value
    return params


@query.command("run")
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A parameter; repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "md"]), default="table",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="Only this many rows (a query paged by source graph then works out no more than they need).")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Rows to pass over before the first one shown.")
@_store_options
def query_run(name: str, params: tuple[str, ...], fmt: str, limit: int | None, offset: int,
              store_path: Path | None, endpoint: str | None) -> None:
    """Run a saved query on the store.

    An IRI parameter also takes an official identifier ("NOU 2023: 4") or a label that names one entity.
    """
    from healthplan_kg.output import format_result
    from healthplan_kg.queries.names import resolve_names
    from healthplan_kg.store.base import QueryResult

    registry = _registry()
    saved = registry.get(name)  # an unknown name fails before the store is opened
    store = _open(store_path, endpoint)
    raw = resolve_names(store, saved, _parse_params(params))
    if limit is not None:
        result = saved.page(store, raw, limit=limit, offset=offset)
    else:
        result = saved.run(store, raw)
        if offset:
            result = QueryResult(columns=result.columns, rows=result.rows[offset:])
    click.echo(format_result(result, fmt), nl=False)


@cli.command()
# readable=False: an unreadable file is the reader's one-line InputError, not a usage error.
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option("--format", "fmt", type=click.Choice(["json", "trig", "nq"]),
              help="json (default for FILEs), trig, or nq (N-Quads; the format of a shard).")
@click.option("--shard", metavar="I/N",
              help="Extract shard I of N of the corpus (documents whose SHA-256 mod N is I-1; shard 1 "
                   "also carries the ontology and reference graphs) as N-Quads, for `load`.")
@click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path(path_type=Path), metavar="DIR",
              help="With --shard: a folder of documents; repeatable. Default: the bundled corpus.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="With --shard: write the shard here (it appears only once complete) instead of stdout.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="With --shard: extraction processes.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, no list of skipped files.")
@click.option("--strict", is_flag=True, help="With --shard: stop on a file that cannot be used.")
@_allow_replacement_option
def extract(files: tuple[Path, ...], fmt: str | None, shard: str | None, corpus_dirs: tuple[Path, ...],
            output: Path | None, jobs: int | None, quiet: bool, strict: bool, allow_replacement: bool) -> None:
    """One document's extraction, not stored: for inspection; or with --shard, one shard of a
    corpus as N-Quads, to be loaded with `load`."""
    if shard is not None:
        _extract_shard(files, fmt, shard, corpus_dirs, output, jobs, quiet, strict, allow_replacement)
        return
    for name, given in (("--corpus", corpus_dirs), ("--output", output), ("--jobs", jobs), ("--strict", strict)):
        if given:
            raise ParameterError(f"{name} goes with --shard")
    if not files:
        raise ParameterError("give at least one FILE, or --shard I/N for a shard of a corpus")
    import pyoxigraph as ox

    from healthplan_kg.api import extract_file, extraction_to_json
    from healthplan_kg.mapping import to_quads
    from healthplan_kg.namespaces import PREFIXES

    extractions = [extract_file(f, allow_replacement=allow_replacement) for f in files]
    for extraction in extractions:
        for warning in extraction.source.warnings:
            _err(f"warning {extraction.source.path}: {warning}")
    if (fmt or "json") == "json":
        data = [extraction_to_json(e) for e in extractions]
        click.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    else:
        quads = [q for e in extractions for q in to_quads(e)]
        rdf_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
        sys.stdout.flush()
        sys.stdout.buffer.write(ox.serialize(quads, format=rdf_format,
                                             prefixes=PREFIXES if fmt == "trig" else None) or b"")


def _extract_shard(files: tuple[Path, ...], fmt: str | None, shard: str, corpus_dirs: tuple[Path, ...],
                   output: Path | None, jobs: int | None, quiet: bool, strict: bool,
                   allow_replacement: bool) -> None:
    from healthplan_kg.extraction_pool import DocumentLimits
    from healthplan_kg.messages import one_line
    from healthplan_kg.readers import ReadOptions
    from healthplan_kg.shards import ShardSpec, write_shard, write_shard_file

    spec = ShardSpec.parse(shard)
    if files:
        raise ParameterError("--shard takes the corpus as --corpus DIR, not as FILE arguments")
    if fmt not in (None, "nq"):
        raise ParameterError(f"--shard writes N-Quads: use --format nq, not {fmt}")
    options = {"strict": strict, "jobs": jobs, "progress": not quiet,
               "limits": DocumentLimits(ReadOptions(allow_replacement=allow_replacement))}
    dirs = list(corpus_dirs) or None
    if output is not None:
        report = write_shard_file(dirs, spec, output, **options)
    else:
        sys.stdout.flush()
        report = write_shard(dirs, spec, sys.stdout.buffer, **options)
        sys.stdout.buffer.flush()
    for warned in report.warnings:
        _err(f"warning {warned.path}: {warned.reason}")
    if not quiet:
        for skipped in report.skipped:
            _err(f"skipped {skipped.path}: {skipped.reason}")
        click.echo(one_line(report.summary()), err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@_store_options
@click.option("--quiet", "-q", is_flag=True, help="Only errors.")
@click.option("--no-validate", is_flag=True, help="Skip validation (quicker; run `validate` later).")
@click.option("--no-optimize", is_flag=True, help="Do not compact the embedded store after loading.")
@click.option("--lang", type=click.Choice(["en", "nb", "nn"]), default="en", show_default=True,
              help="Language of validation messages.")
def load(files: tuple[Path, ...], store_path: Path | None, endpoint: str | None, quiet: bool,
         no_validate: bool, no_optimize: bool, lang: str) -> None:
    """Bulk-load the shard files of one split (every shard 1/N..N/N, from `extract --shard`) into a
    store, replacing what it held, and validate it as build does."""
    from healthplan_kg.messages import one_line
    from healthplan_kg.shards import load_shards

    report = load_shards(list(files), store_path=store_path, endpoint=endpoint, check=not no_validate,
                         optimize=not no_optimize)
    if not quiet:
        click.echo(one_line(report.summary().replace("built ", "loaded ", 1)), err=True)
    if not report.conforms:
        click.echo(report.validation.to_text(lang, limit=5), err=True)
        sys.exit(1)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nq", "jsonld"]), default="trig",
              show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="A file instead of stdout.")
@_store_options
def export(fmt: str, output: Path | None, store_path: Path | None, endpoint: str | None) -> None:
    """The whole graph; named graphs kept where the format has them (not ttl)."""
    from healthplan_kg.api import export as run_export

    store = _open(store_path, endpoint)
    if output is not None:
        with output.open("wb") as stream:
            run_export(store, stream, fmt)
    else:
        sys.stdout.flush()
        run_export(store, sys.stdout.buffer, fmt)
        sys.stdout.buffer.flush()


def _register_extensions() -> None:
    """Command groups that live in their own packages (lineage, timelines, network analysis)."""
    from healthplan_kg.network.commands import register
    from healthplan_kg.web.command import register as register_web
    register(cli)
    register_web(cli)


_register_extensions()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, turn expected errors into one line and an exit code."""
    try:
        code = cli.main(args=argv, prog_name=PROG, standalone_mode=False)
    except HealthplanError as error:
        _err(f"error: {error}")
        code = error.exit_code
    except click.exceptions.Abort:
        _err("error: interrupted")
        code = 130
    except KeyboardInterrupt:
        _err("error: interrupted")
        code = 130
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except BrokenPipeError:
        sys.stderr.close()  # the reader (head, less) went away: not an error of ours
        code = 0
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
