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

    discovery = discover(list(paths))
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

@cli.command(epilog=_example('kg build filings/2024/ extra/8k.htm --store deals.kg --jobs 2'))
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

    Unchanged files (same sha256) are skipped; a changed file replaces only its
    own graph.  Every input is reported: built, no-deal, unchanged, skipped or
    failed with the reason.  Exit code 1 if any input failed.
    """
    from kg.build import build as run_build

    report = run_build(list(paths), store_dir, jobs=jobs, progress=not quiet, prune=prune, force=force)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _echo(report.format(verbose=verbose))
    for res in report.failed:
        click.echo(f"kg: error: {res.path}: {res.reason}", err=True)
    if not report.ok:
        sys.exit(EXIT_INPUTS)


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
@_store_option
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter (repeatable); `kg queries` lists what each query takes.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@_handles_errors
def query(name: str, store_dir: str, params: tuple[str, ...], fmt: str) -> None:
    """Run a named question (queries/NAME.rq) with bound parameters.
    """
    from kg.query import format_result, run_query

    bound: dict[str, str] = {}
    for item in params:
        if "=" not in item:
            _fail(f"--param {item!r}: expected KEY=VALUE")
        key, value = item.split("=", 1)
        bound[key.strip()] = value
    with _open_store(store_dir) as store:
        result = run_query(store, name, bound)
    _echo(format_result(result, fmt))


@cli.command(epilog=_example('kg queries'))
@_handles_errors
def queries() -> None:
    """List the named queries with their purpose.
    """
    from kg.query import list_queries

    items = list_queries()
    width = max((len(n) for n, _ in items), default=0)
    for name, purpose in items:
        click.echo(f"{name:<{width}}  {purpose}")


# ---------------------------------------------------------------- analysis and export

@cli.command(epilog=_example('kg analyze --store deals.kg --ego "ImmunoGen" --format json'))
@_store_option
@click.option("--ego", metavar="NAME", help="Focus on one organization and its neighbourhood.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@_handles_errors
def analyze(store_dir: str, ego: str | None, fmt: str) -> None:
    """Network metrics of the organization graph (degree, PageRank, communities...).
    """
    from kg.analyze import analyze as run_analyze

    with _open_store(store_dir) as store:
        text = run_analyze(store, ego=ego, fmt=fmt)
    _echo(text)


@cli.command(epilog=_example('kg export --store deals.kg --format gexf --out deals.gexf'))
@_store_option
@click.option("--format", "fmt", required=True,
              type=click.Choice(["gexf", "graphml", "turtle", "nquads", "jsonld"]),
              help="gexf (Gephi 1.3) / graphml: organization network; turtle / nquads / jsonld: the RDF.")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="File to write.")
@_handles_errors
def export(store_dir: str, fmt: str, out_path: str) -> None:
    """Export the graph for other tools (Gephi, yEd, triple stores).
    """
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


@cli.command(epilog=_example('kg explain --store deals.kg https://w3id.org/dealgraph/id/doc/0000950135-00-002648/agreement/1'))
@_store_option
@click.argument("iri")
@_handles_errors
def explain(store_dir: str, iri: str) -> None:
    """Show where a fact comes from: its source document and the quoted sentence.
    """
    from kg.query import explain as run_explain

    with _open_store(store_dir) as store:
        text = run_explain(store, iri)
    _echo(text)


if __name__ == "__main__":  # python -m kg.cli
    cli()
