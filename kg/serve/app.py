"""The ``kg serve`` web application (Starlette): deal explorer pages and the ``/sparql`` endpoint.

Routes:

* ``/`` -- the deal list (filters, sort, pages; a GET form, no JavaScript);
* ``/id/<path>`` -- the page of the graph IRI ``https://w3id.org/dealgraph/id/<path>``
  (an agreement: the deal page; an organization: its page), so every link is
  the IRI's own path and stays valid as long as the IRI does;
* ``/sparql`` -- SPARQL 1.1 Protocol (kg/serve/sparql.py), with an HTML form for a browser;
* ``/static/style.css``.

Templates are package data (kg/serve/templates/, read with importlib.resources)
rendered by Jinja2 with autoescaping on: names and quotes from filings are
text, never markup.  Responses carry a Content-Security-Policy without
scripts as a second guard.
"""
from __future__ import annotations

import contextlib
import re
from decimal import Decimal
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlencode

import jinja2
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.serve.data import ID_BASE, DealFilter, Explorer
from kg.serve.network import ego_picture
from kg.serve.sparql import Answer, QueryPool, negotiate
from kg.store import Store

__all__ = ["create_app", "money"]

_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'"
_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def money(amount: Decimal | None, currency: str | None, bound: str | None = None) -> str:
    """'USD 3,000,000' ('up to USD 40,000,000' with a bound); '' when no amount."""
    if amount is None:
        return ""
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    out = f"{currency or ''} {text}".strip()
    prefix = {"up-to": "up to ", "approximately": "approx. ", "at-least": "at least "}.get(bound or "", "")
    return prefix + out


def short_money(amount: Decimal | None, currency: str | None) -> str:
    """'$3.0M', '€250M', 'CHF 1.2B': the list's compact form (full figure in the title attribute)."""
    if amount is None:
        return ""
    sym = _SYMBOLS.get(currency or "", f"{currency} ")
    for scale, suffix in ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "K")):
        if abs(amount) >= scale:
            return f"{sym}{amount / scale:,.1f}{suffix}"
    return f"{sym}{amount:,.0f}"


_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?")


def duration(value: Any) -> Any:
    """An xsd:duration as words ('P5Y' -> '5 years', 'P18M' -> '18 months'); other values unchanged."""
    m = _DURATION.fullmatch(str(value)) if isinstance(value, str) and value.startswith("P") else None
    if not m or not any(m.groups()):
        return value
    parts = [f"{n} {unit}{'s' if n != '1' else ''}" for n, unit in zip(m.groups(), ("year", "month", "day")) if n]
    return ", ".join(parts)


def _page_path(iri: str) -> str:
    """The explorer's link for a graph IRI: its path under /id/ (IRIs are ASCII, percent-encoded already)."""
    return "/id/" + iri[len(ID_BASE):] if iri.startswith(ID_BASE) else "/sparql?" + urlencode(
        {"query": f"DESCRIBE <{iri}>"})


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: resources.files("kg.serve").joinpath("templates", name).read_text(encoding="utf-8")),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(money=money, short_money=short_money, page=_page_path, duration=duration)
    return env


def create_app(store_dir: str, *, timeout: float = 10.0, max_rows: int = 10000,
               allowed_hosts: list[str] | None = None) -> Starlette:
    """The application over the store at ``store_dir`` (opened read-only: a snapshot as of start)."""
    store = Store(store_dir, create=False, read_only=True)
    explorer = Explorer(store)
    pool = QueryPool(store_dir, timeout=timeout, max_rows=max_rows)
    env = _templates()
    css = resources.files("kg.serve").joinpath("static", "style.css").read_bytes()

    def html(template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**ctx), status_code=status,
                            headers={"Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff"})

    def deal_list(request: Request) -> HTMLResponse:
        f = DealFilter.parse(request.query_params)
        rows, total = explorer.filter_deals(f)
        params = {k: v for k, v in request.query_params.items() if v and k != "page"}
        pages = max(1, -(-total // f.per_page))

        def link(**changes: Any) -> str:
            p = dict(params)
            p.update({k: str(v) for k, v in changes.items()})
            return "/?" + urlencode(p)

        def sort_link(col: str) -> str:
            desc = not (f.sort == col and f.desc)
            return link(sort=col, dir="desc" if desc else "asc")

        org_label = explorer.org_name(f.org) if f.org.startswith(ID_BASE) else f.org
        return html("deals.html", f=f, rows=rows, total=total, pages=pages, link=link, sort_link=sort_link,
                    choices=explorer.choices(), name=explorer.org_name, org_label=org_label,
                    n_deals=len(explorer.deals))

    def resource(request: Request) -> HTMLResponse:
        raw = request.scope.get("raw_path") or request.url.path.encode()
        rest = raw.decode("ascii", "replace").split("?", 1)[0][len("/id/"):]
        iri = ID_BASE + rest
        try:
            kind = explorer.kind_of(ox.NamedNode(iri).value) if rest else None
        except ValueError:  # not an IRI (a ">" or a space in the path): nothing can have it
            kind = None
        if kind == "deal":
            return html("deal.html", d=explorer.deal(iri), name=explorer.org_name)
        if kind == "org":
            o = explorer.org(iri)
            assert o is not None
            pic = ego_picture(iri, o["name"], o["partners"], [d for d, _ in o["deals"]])
            return html("org.html", o=o, pic=pic, name=explorer.org_name)
        return html("error.html", status=404, message="Nothing in this store has this IRI.", iri=iri)

    async def sparql(request: Request) -> Response:
        params = {k: request.query_params.getlist(k) for k in request.query_params.keys()}
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        text: str | None = None
        if request.method == "POST":
            body = (await request.body()).decode("utf-8", "replace")
            if ctype == "application/x-www-form-urlencoded":
                for k, v in parse_qs(body, keep_blank_values=True).items():
                    params.setdefault(k, []).extend(v)
            elif ctype == "application/sparql-query":
                text = body
            elif ctype == "application/sparql-update":
                return _refuse_update()
            else:
                return PlainTextResponse("POST a query as application/sparql-query or as the form field 'query' "
                                         "(application/x-www-form-urlencoded)\n", status_code=415)
        if "update" in params:
            return _refuse_update()
        if text is None:
            queries = params.get("query", [])
            if len(queries) != 1:
                if not queries and "text/html" in request.headers.get("accept", ""):
                    return html("sparql.html", text="", answer=None, max_rows=max_rows, timeout=timeout)
                return PlainTextResponse("give exactly one 'query' parameter (SPARQL 1.1 Protocol)\n", status_code=400)
            text = queries[0]
        accept = request.headers.get("accept", "")
        wants_html = params.get("format", [""])[0] == "html" or (
            "text/html" in accept and not any(t in accept for t in ("sparql-results", "text/csv", "turtle")))
        fmt, graph_fmt = negotiate(accept, params.get("format", params.get("output", [None]))[0])
        if wants_html:
            fmt, graph_fmt = "json", "turtle"
        ans: Answer = await run_in_threadpool(pool.run, text, fmt, graph_fmt, params.get("default-graph-uri", []),
                                              params.get("named-graph-uri", []))
        if wants_html:
            return html("sparql.html", status=ans.status, text=text, answer=_html_answer(ans), max_rows=max_rows,
                        timeout=timeout)
        headers = {"X-Dealgraph-Truncated": "true"} if ans.truncated else {}
        return Response(ans.body, status_code=ans.status, media_type=ans.content_type, headers=headers)

    def style(request: Request) -> Response:
        return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=300"})

    hosts = allowed_hosts or ["*"]
    app = Starlette(routes=[Route("/", deal_list), Route("/id/{rest:path}", resource),
                            Route("/sparql", sparql, methods=["GET", "POST"]), Route("/static/style.css", style)],
                    middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)],
                    lifespan=_lifespan(pool, store), max_body_size=1 << 20)
    app.state.explorer, app.state.pool = explorer, pool
    return app


def _lifespan(pool: QueryPool, store: Store) -> Any:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        yield
        pool.close()
        store.close()
    return lifespan


def _refuse_update() -> PlainTextResponse:
    return PlainTextResponse("this SPARQL endpoint is read-only: SPARQL Update is refused (change the graph with "
                             "`kg build`)\n", status_code=403)


def _html_answer(ans: Answer) -> dict[str, Any]:
    """A JSON answer as columns and rows of display strings, for the endpoint's HTML form."""
    import json

    out: dict[str, Any] = {"error": "", "text": "", "columns": [], "rows": [], "truncated": ans.truncated}
    if ans.status != 200:
        out["error"] = ans.body.decode("utf-8", "replace")
    elif not ans.content_type.startswith("application/sparql-results+json"):
        out["text"] = ans.body.decode("utf-8", "replace")
    else:
        doc = json.loads(ans.body)
        if "boolean" in doc:
            out.update(columns=["ask"], rows=[[str(doc["boolean"]).lower()]])
        else:
            cols = doc["head"]["vars"]
            out.update(columns=cols, rows=[[b.get(c, {}).get("value", "") for c in cols]
                                           for b in doc["results"]["bindings"]])
    return out


def loopback_hosts(host: str) -> list[str] | None:
    """Host headers accepted when bound to loopback (a guard against DNS rebinding); None = any."""
    return list(_LOOPBACK) if host in _LOOPBACK or host.startswith("127.") else None
