"""``kg serve``: a deal explorer in the browser and a read-only SPARQL 1.1 Protocol endpoint.

kg/serve/app.py is the Starlette application (routes, templates), data.py the
explorer's reads, network.py the organization picture, sparql.py the endpoint
with its time and row limits.  :func:`serve` runs it with uvicorn.
"""
from __future__ import annotations

__all__ = ["serve"]


def serve(store_dir: str, *, host: str = "127.0.0.1", port: int = 8000, timeout: float = 10.0,
          max_rows: int = 10000) -> None:
    """Serve the store at ``store_dir`` on ``host:port`` until interrupted (loopback by default).

    Raises :class:`kg.errors.StoreError` when the store cannot be opened.
    """
    import click
    import uvicorn

    from kg.serve.app import create_app, loopback_hosts

    app = create_app(store_dir, timeout=timeout, max_rows=max_rows, allowed_hosts=loopback_hosts(host))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"kg serve: {store_dir} at http://{shown}:{port}/ (SPARQL at /sparql; Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
