"""The ``kg`` command line: one thin click command per library function (DESIGN.md house rule 1).

Every command parses options, calls one function, and turns a
:class:`kg.errors.KgError` into one line on stderr (``kg: error: <file>: <what>``)
and an exit code: 2 for usage or runtime errors (the store cannot be opened, an
unknown query), 1 where the inputs need the user's attention (a file failed to
build, the graph has SHACL violations), 0 otherwise.  ``KG_DEBUG=1`` shows
tracebacks of unexpected errors.
"""
from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from typing import Any, Callable

import click

from kg import __version__
from kg.errors import KgError

__all__ = ["cli"]

EXIT_OK, EXIT_INPUTS, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(code)


def _handles_errors(fn: Callable) -> Callable:
    """Turn KgError into one line and an exit code; no traceback for expected errors."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KgError as exc:
            _fail(exc.one_line(), exc.exit_code if exc.exit_code in (1, 2) else EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `kg query ... | head`
            sys.stderr.close()
            sys.exit(EXIT_OK)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug: say so in one line, traceback only on request
            if isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("kg."):
                _fail(f"this command needs {exc.name}, which is not installed in this dealgraph")
            if os.environ.get("KG_DEBUG"):
                traceback.print_exc()
            _fail(f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:300]} "
                  "(set KG_DEBUG=1 for the traceback)")

    return wrapper


def _store_option(fn: Callable) -> Callable:
    return click.option("--store", "store_dir", required=True, metavar="DIR",
                        type=click.Path(file_okay=False, path_type=str),
                        help="Directory of the dealgraph store (made by `kg build`).")(fn)


def _queries_option(fn: Callable) -> Callable:
    return click.option("--queries", "query_dirs", multiple=True, metavar="DIR",
                        type=click.Path(file_okay=False, path_type=str),
                        help="A directory of your own .rq files (same header comments), next to the shipped ones.")(fn)


def _open_store(store_dir: str):
    """Open an existing store read-only (never creates one, never waits for a build's lock)."""
    from kg.store import Store

    return Store(store_dir, create=False, read_only=True)


def _example(command: str) -> str:
    """The epilog every command's --help ends with: a runnable example."""
    return f"\b\nExample:\n  {command}"


def _echo(text: str) -> None:
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)


@click.group(name="kg", epilog=_example('kg build filings/ --store deals.kg && kg query org_deals --store deals.kg --param org_name=ImmunoGen'),
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """dealgraph: a knowledge graph of licensing and collaboration deals in SEC filings.
    """


# ---------------------------------------------------------------- extract

@cli.command(epilog=_example('kg extract examples/seed/ --format json > facts.jsonl'))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["json", "turtle", "nquads"]), default="json",
              show_default=True, help="json: one GOLD_SCHEMA object per line; turtle/nquads: the RDF graph.")
@_handles_errors
def extract(paths: tuple[str, ...], fmt: str) -> None:
    """Extract deal facts from filings without building a store.

    PATHS are files or directories (walked).  Skipped files and failed inputs
    are reported on stderr, one line each; the exit code is 1 if any failed.
    """
    from kg.build import skip_status
    from kg.extract import extract as extract_facts
    from kg.sources import discover, read_file

    from kg.inputs import expand_inputs

    discovery = discover(expand_inputs(paths, sys.stdin))
    failed = 0
    for path, reason in discovery.skipped:
        status = skip_status(reason)
        failed += status == "failed"
        click.echo(f"kg: {'error' if status == 'failed' else 'skipped'}: {path}: {reason}", err=True)
    for path in discovery.files:
        try:
            filing = read_file(path)
            facts = extract_facts(filing)
            if fmt == "json":
                click.echo(json.dumps(facts.to_gold(), ensure_ascii=False))
            else:
                click.echo(_facts_rdf(facts, filing, fmt), nl=False)
        except KgError as exc:
            failed += 1
            msg = exc.one_line()
            click.echo(f"kg: error: {msg if exc.path else f'{path}: {msg}'}", err=True)
        except Exception as exc:  # an extractor bug on one file must not stop the others
            if os.environ.get("KG_DEBUG"):
                traceback.print_exc()
            failed += 1
            click.echo(f"kg: error: {path}: internal error: {type(exc).__name__}: "
                       f"{' '.join(str(exc).split())[:300]}", err=True)
    if failed:
        sys.exit(EXIT_INPUTS)


def _facts_rdf(facts: Any, filing: Any, fmt: str) -> str:
    """One file's graph as Turtle or as N-Quads in its named graph."""
    import rdflib

    from kg.rdf import facts_to_graph

    graph_iri, graph = facts_to_graph(facts, filing)
    if fmt == "turtle":
        return f"# {filing.path}\n" + graph.serialize(format="turtle")
    ds = rdflib.Dataset()
    named = ds.graph(graph_iri)
    for triple in graph:
        named.add(triple)
    for prefix, ns in graph.namespaces():
        ds.bind(prefix, ns)
    return ds.serialize(format="nquads")


# ---------------------------------------------------------------- build

@cli.command(epilog=_example('kg build filings/2024/ extra/8k.htm @more-filings.txt --store deals.kg --jobs 2 -q'))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@_store_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for reading and extraction (results are written in input order).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; print only the summary.")
@click.option("--prune", is_flag=True, help="Remove graphs of files built before that are no longer among PATHS.")
@click.option("--force", is_flag=True, help="Rebuild files even when their content is unchanged.")
@click.option("--verbose", "-v", is_flag=True, help="List built inputs too, with their numbers.")
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON.")
@_handles_errors
def build(paths: tuple[str, ...], store_dir: str, jobs: int, quiet: bool, prune: bool, force: bool,
          verbose: bool, as_json: bool) -> None:
    """Build or update the store from filings: one validated named graph per file.

    PATHS are files or directories (walked for .txt, .htm, .html, .nc and .sgml
    filings), @LIST (a file listing one path per line) or - (paths on standard
    input).  Unchanged files (same sha256) are skipped; a changed file replaces
    only its own graph.  Every input is reported: built, no-deal, unchanged,
    skipped or failed with the reason (-q: the summary only; failures still go
    to stderr).  Exit code 1 if any input failed.
    """
    from kg.build import build as run_build
    from kg.inputs import expand_inputs

    inputs = expand_inputs(paths, sys.stdin)
    report = run_build(inputs, store_dir, jobs=jobs, progress=not quiet, prune=prune, force=force)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _echo(report.format(verbose=verbose, quiet=quiet and not verbose))
    for res in report.failed:
        click.echo(f"kg: error: {res.path}: {res.reason}", err=True)
    if not report.ok:
        sys.exit(EXIT_INPUTS)


# ---------------------------------------------------------------- optimize

@cli.command(epilog=_example('kg optimize --store deals.kg'))
@_store_option
@_handles_errors
def optimize(store_dir: str) -> None:
    """Compact the store's files now (kg build does it by itself after big writes).

    Queries on a store that was written a lot since its last compaction read
    more files per lookup; compaction rewrites them once (about 12 s at 100k
    deals).  Needs the store's lock: not while a build runs.
    """
    from kg.compact import settle
    from kg.store import Store

    with Store(store_dir, create=False) as store:
        done = settle(store, 0, force=True)
    _echo(f"store: {store_dir}\n{done.line()}")


# ---------------------------------------------------------------- validate

@cli.command(epilog=_example('kg validate --store deals.kg --report violations.txt'))
@_store_option
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=str),
              help="Also write the full validation report to this file.")
@click.option("--fast", is_flag=True, help="Fast whole-graph check (kg.fastcheck) instead of full pySHACL.")
@click.option("--warnings", "show_warnings", is_flag=True,
              help="List warnings too (provenance gaps...); they never change the exit code.")
@_handles_errors
def validate(store_dir: str, report_file: str | None, fast: bool, show_warnings: bool) -> None:
    """Check the whole store against the SHACL shapes (shapes/lic.ttl).

    Exit code 0 when it conforms, 1 when it has violations (each listed with
    its focus node, path and message), 2 on usage or runtime errors.
    """
    with _open_store(store_dir) as store:
        if fast:
            from kg.fastcheck import fast_validate

            result = fast_validate(store)
        else:
            from kg.validate import validate_graph

            result = validate_graph(store.union_graph())
        from kg.validate import with_sources  # issue 16: results name the source file, not only a node IRI

        result = with_sources(result, store)
    results = list(getattr(result, "violations", []) or [])
    violations = [v for v in results if _is_violation(v)]
    warnings = [v for v in results if not _is_violation(v)]
    if report_file:
        text = getattr(result, "text", None)
        text = text() if callable(text) else text
        try:
            with open(report_file, "w", encoding="utf-8") as fh:
                fh.write(text or "\n".join(_violation_line(v) for v in results) + "\n")
        except OSError as exc:
            _fail(f"{report_file}: cannot write report: {exc.strerror or exc}")
    shown = results if show_warnings else violations
    if shown:
        _echo("\n".join(_violation_line(v) for v in shown))
    summary = f"{len(violations)} violation(s), {len(warnings)} warning(s)"
    if result.conforms:
        click.echo(f"conforms: {store_dir} ({summary})")
        return
    click.echo(f"does not conform: {store_dir} ({summary})", err=True)
    sys.exit(EXIT_INPUTS)


def _is_violation(v: Any) -> bool:
    return str(getattr(v, "severity", "Violation") or "Violation").rsplit("#", 1)[-1] == "Violation"


def _violation_line(v: Any) -> str:
    """'Violation: <focus> <path>: message [shape]' for one SHACL result."""
    if hasattr(v, "line"):
        return v.line()
    where = f"<{getattr(v, 'focus', '?')}>" + (f" <{v.path}>" if getattr(v, "path", None) else "")
    return f"{getattr(v, 'severity', None) or 'Violation'}: {where}: {' '.join(str(getattr(v, 'message', '')).split())}"


# ---------------------------------------------------------------- queries

@cli.command(epilog=_example('kg query deals_between --store deals.kg -p org_a=ImmunoGen -p org_b="Abbott Laboratories" --format csv'))
@click.argument("name")
@click.option("--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=str),
              help="Directory of the dealgraph store (made by `kg build`); or use --endpoint.")
@click.option("--endpoint", metavar="URL",
              help="Run on a SPARQL server instead (the graph `kg push` uploaded), e.g. http://127.0.0.1:7878.")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter (repeatable); `kg queries` lists what each query takes.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@_queries_option
@_handles_errors
def query(name: str, store_dir: str | None, endpoint: str | None, params: tuple[str, ...], fmt: str,
          query_dirs: tuple[str, ...]) -> None:
    """Run a named question (queries/NAME.rq, or a .rq file of --queries DIR) with bound parameters,
    on the store or on a SPARQL server (--endpoint).
    """
    from kg.query import format_result, load_query, run_query, unmatched_org_names

    if (store_dir is None) == (endpoint is None):
        _fail("give either --store DIR or --endpoint URL")
    bound: dict[str, str] = {}
    for item in params:
        if "=" not in item:
            _fail(f"--param {item!r}: expected KEY=VALUE")
        key, value = item.split("=", 1)
        bound[key.strip()] = value
    if endpoint is not None:
        from kg.remote import run_query_remote

        _echo(format_result(run_query_remote(endpoint, name, bound), fmt))
        return
    nq = load_query(name, query_dirs)
    with _open_store(store_dir) as store:
        result = run_query(store, name, bound, query=nq)
        unmatched = [] if result.rows else unmatched_org_names(store, nq, bound)
    _echo(format_result(result, fmt))
    for org_name in unmatched:
        word = org_name.split()[0] if org_name.split() else org_name
        click.echo(f"kg: error: no organization matches {org_name!r}; look its name up with "
                   f"`kg query find_org --store {store_dir} -p text={word}`", err=True)
    if unmatched:
        sys.exit(EXIT_INPUTS)


@cli.command(epilog=_example('kg queries --queries my-questions/'))
@_queries_option
@_handles_errors
def queries(query_dirs: tuple[str, ...]) -> None:
    """List the named queries: purpose, then each parameter with its type and default.
    """
    from kg.query import named_queries

    for nq in named_queries(query_dirs):
        click.echo(f"{nq.name}  {nq.purpose}")
        for p in nq.params:
            default = "required" if p.default is None else f"default {p.default}"
            click.echo(f"    {p.name} ({p.type}, {default}){'  ' + p.doc if p.doc else ''}")


# ---------------------------------------------------------------- analysis and export

@cli.command(epilog=_example('kg analyze --store deals.kg --ego "ImmunoGen" --format csv --out tables/'))
@_store_option
@click.option("--ego", metavar="NAME", help="Focus on one organization and its neighbourhood.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=str),
              help="With --format csv: a directory to write one CSV file per table into.")
@_handles_errors
def analyze(store_dir: str, ego: str | None, fmt: str, out_dir: str | None) -> None:
    """Network metrics of the organization graph (degree, PageRank, communities...).
    """
    from kg.analyze import analyze as run_analyze, write_analysis_csv

    if out_dir and fmt != "csv":
        _fail("--out DIR writes one CSV file per table: use it with --format csv")
    with _open_store(store_dir) as store:
        if out_dir:
            for path in write_analysis_csv(store, out_dir, ego=ego):
                click.echo(f"wrote {path}")
            return
        text = run_analyze(store, ego=ego, fmt=fmt)
    _echo(text)


@cli.command(epilog=_example('kg export --store deals.kg --format gexf --out deals.gexf'))
@_store_option
@click.option("--format", "fmt", required=True,
              type=click.Choice(["gexf", "graphml", "turtle", "nquads", "jsonld", "csv", "xlsx"]),
              help="gexf (Gephi 1.3) / graphml: organization network; turtle / nquads / jsonld: the RDF; "
                   "csv / xlsx: the deal table (as `kg deals`).")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="File to write.")
@_handles_errors
def export(store_dir: str, fmt: str, out_path: str) -> None:
    """Export the graph for other tools (Gephi, yEd, triple stores).
    """
    if fmt in ("csv", "xlsx"):
        from kg.deals import deal_rows, write_deals

        with _open_store(store_dir) as store:
            write_deals(deal_rows(store), fmt, out_path)
        click.echo(f"wrote {out_path}")
        return
    from kg.export import export as run_export

    with _open_store(store_dir) as store:
        result = run_export(store, fmt, out_path)
    click.echo(f"wrote {out_path}" + (f" ({result})" if isinstance(result, (int, str)) and result != out_path else ""))


@cli.command(epilog=_example('kg plot --store deals.kg --out pictures/ --format svg'))
@_store_option
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Directory for the pictures (created if missing).")
@click.option("--format", "fmt", type=click.Choice(["png", "svg"]), default="png", show_default=True)
@_handles_errors
def plot(store_dir: str, out_dir: str, fmt: str) -> None:
    """Draw pictures of the deal network and its timeline.
    """
    from kg.plot import plot as run_plot

    with _open_store(store_dir) as store:
        paths = run_plot(store, out_dir, fmt)
    for path in paths:
        click.echo(f"wrote {path}")


@cli.command(epilog=_example('kg explain --store seed.kg https://w3id.org/dealgraph/id/doc/sha256-0e210155cc622e753190/agreement/1'))
@_store_option
@click.argument("iri")
@_handles_errors
def explain(store_dir: str, iri: str) -> None:
    """Show where a fact comes from: its source document and the quoted sentence.

    \b
    IRI is a fact (agreement, payment, person, filing) or an organization; for an
    organization, the sentences of every fact that names it, document by document:
      kg explain --store seed.kg https://w3id.org/dealgraph/id/org/genentech
    (seed.kg: `kg build examples/seed --store seed.kg`; IRIs come from `kg deals`, `kg query`.)
    """
    from kg.query import explain as run_explain

    with _open_store(store_dir) as store:
        text = run_explain(store, iri)
    _echo(text)


# ---------------------------------------------------------------- deal table and ad-hoc SPARQL

@cli.command(epilog=_example('kg deals --store deals.kg --org ImmunoGen --since 2000-01-01 --format xlsx --out deals.xlsx'))
@_store_option
@click.option("--org", metavar="NAME", help="Only deals this organization is a party to (any name it is written with).")
@click.option("--kind", metavar="KIND", help="Only deals of this kind (license, collaboration, option, ...).")
@click.option("--since", metavar="YYYY-MM-DD", help="Only deals dated on or after this day (undated deals drop out).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "xlsx", "json"]), default="table",
              show_default=True, help="table: the main columns; csv, xlsx, json: every column.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=str),
              help="File to write (required for xlsx); default: standard output.")
@_handles_errors
def deals(store_dir: str, org: str | None, kind: str | None, since: str | None, fmt: str, out_path: str | None) -> None:
    """The deal table: one row per agreement, with parties, money, terms and source.

    Amounts are in the row's currency and never added across currencies (see
    kg/deals.py for each column).  XLSX cells are typed: numbers, dates, booleans.
    """
    from kg.deals import select, write_deals

    if fmt == "xlsx" and not out_path:
        _fail("--format xlsx writes a file: add --out FILE.xlsx")
    with _open_store(store_dir) as store:
        rows = select(store, org=org, kind=kind, since=since)
    text = write_deals(rows, fmt, out_path)
    if text is not None:
        _echo(text)
    else:
        click.echo(f"wrote {out_path} ({len(rows)} deal(s))")


@cli.command(epilog=_example("kg sparql --store deals.kg 'SELECT ?org ?name WHERE { ?org a lic:Organization ; lic:name ?name }'"))
@click.option("--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=str),
              help="Directory of the dealgraph store (made by `kg build`); or use --endpoint.")
@click.option("--endpoint", metavar="URL",
              help="Run on a SPARQL 1.1 server instead (the graph `kg push` uploaded), e.g. http://127.0.0.1:7878/query.")
@click.argument("text", required=False, metavar="QUERY")
@click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=str), help="Read the query from a .rq file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="For SELECT; ASK prints true/false, CONSTRUCT/DESCRIBE print N-Triples.")
@_handles_errors
def sparql(store_dir: str | None, endpoint: str | None, text: str | None, query_file: str | None, fmt: str) -> None:
    """Run your own read-only SPARQL query (QUERY or --file F.rq) over the store or a SPARQL server.

    The default graph is the union of the documents' graphs; the prefixes lic:,
    rdfs:, xsd: and prov: are declared for you.  Updates are refused.
    """
    from kg.query import format_result
    from kg.sparql import run_adhoc, with_prefixes

    if (store_dir is None) == (endpoint is None):
        _fail("give either --store DIR or --endpoint URL")
    if (text is None) == (query_file is None):
        _fail("give the query as QUERY or as --file F.rq (one of them)")
    if query_file:
        try:
            with open(query_file, encoding="utf-8") as fh:
                text = fh.read()
        except OSError as e:
            _fail(f"{query_file}: cannot read query: {e.strerror or e}")
    if endpoint is not None:
        _sparql_remote(endpoint, with_prefixes(text or ""), fmt)
        return
    with _open_store(store_dir) as store:
        result = run_adhoc(store, with_prefixes(text or ""))
    if isinstance(result, bool):
        click.echo("true" if result else "false")
    elif isinstance(result, str):
        _echo(result) if result else None
    else:
        _echo(format_result(result, fmt))

def _sparql_remote(endpoint: str, text: str, fmt: str) -> None:
    """`kg sparql --endpoint`: SELECT as a table like a local run; ASK, CONSTRUCT, DESCRIBE as the server answers."""
    from kg.errors import QueryError
    from kg.query import format_result
    from kg.remote import remote_select, sparql_remote
    from kg.sparql import UPDATE_KEYWORDS, query_form

    form = query_form(text)
    if form in UPDATE_KEYWORDS:
        raise QueryError("kg sparql is read-only: SPARQL Update is refused (also on an endpoint)")
    if form == "SELECT":
        _echo(format_result(remote_select(endpoint, text, name="sparql"), fmt))
        return
    graph = form in ("CONSTRUCT", "DESCRIBE")
    _ctype, body = sparql_remote(endpoint, text, accept="application/n-triples" if graph else "application/sparql-results+json")
    if graph:
        _echo(body.decode("utf-8"))
    else:
        click.echo("true" if json.loads(body).get("boolean") else "false")


# ---------------------------------------------------------------- serving and pushing (issue 15)

@cli.command(epilog=_example('kg serve --store deals.kg --port 8000   # then open http://127.0.0.1:8000/'))
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (loopback by default: only this machine can connect).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a /sparql query may run before it is stopped.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10000, show_default=True,
              help="Rows a /sparql answer holds at most (cut beyond, marked in a header).")
@_handles_errors
def serve(store_dir: str, host: str, port: int, timeout_s: float, max_rows: int) -> None:
    """Browse the deals in a web browser and answer SPARQL 1.1 Protocol queries at /sparql.
    """
    from kg.serve import serve as run_serve

    run_serve(store_dir, host=host, port=port, timeout=timeout_s, max_rows=max_rows)


@cli.command(epilog=_example('kg push --store deals.kg --endpoint http://127.0.0.1:7878 --prune'))
@_store_option
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL (Fuseki: .../ds/data), or an Oxigraph server address (uses /store).")
@click.option("--prune", is_flag=True, help="Delete graphs pushed before whose files are no longer in the store.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@_handles_errors
def push(store_dir: str, endpoint: str, prune: bool, quiet: bool) -> None:
    """Upload each document's named graph to a SPARQL server; unchanged graphs are skipped.
    """
    from kg.push import push as run_push

    with _open_store(store_dir) as store:
        report = run_push(store, endpoint, prune=prune, progress=not quiet)
    _echo(report.format())


if __name__ == "__main__":  # python -m kg.cli
    cli()
