"""Time `kg push` (Graph Store Protocol) into a real Oxigraph server: the corpus store and generated stores.

For each store: a fresh ``oxigraph serve --union-default-graph`` on a free
loopback port, a first push (every graph sent), a second push (nothing
changed: nothing may be sent), and top_licensors_licensees run remotely
against the local answer.  Prints one table row per store.

    python3 bench/push.py --workdir /tmp/dealgraph-bench-push            # corpus + 10k deals
    python3 bench/push.py --sizes 1000 --no-corpus
"""
from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._steps import normalize_rows, step_load, step_map, step_resolve  # noqa: E402
from kg.push import push  # noqa: E402
from kg.query import run_query  # noqa: E402
from kg.remote import run_query_remote  # noqa: E402
from kg.store import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph() -> str:
    exe = Path(sys.executable).with_name("oxigraph")
    return str(exe) if exe.exists() else "oxigraph"


def measure(label: str, store_dir: Path, work: Path) -> dict:
    """Push ``store_dir`` twice into a fresh Oxigraph server; the numbers of one table row."""
    db = work / f"oxigraph-{label}"
    shutil.rmtree(db, ignore_errors=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(db), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        with Store(store_dir, create=False, read_only=True) as st:
            first = push(st, url, progress=False)
            second = push(st, url, progress=False)
            t0 = time.perf_counter()
            remote = run_query_remote(url, "top_licensors_licensees")
            remote_s = time.perf_counter() - t0
            local = run_query(st, "top_licensors_licensees")
        same = normalize_rows(local.columns, local.rows) == normalize_rows(remote.columns, remote.rows)
        return {"store": label, "graphs": len(first.sent), "quads": first.quads_sent,
                "first push s": f"{first.seconds:.2f}", "quads/s": f"{first.quads_sent / first.seconds:,.0f}",
                "second push s": f"{second.seconds:.2f}", "re-sent": len(second.sent),
                "top_licensors remote s": f"{remote_s:.2f}", "same rows": "yes" if same else "NO"}
    finally:
        proc.terminate()
        proc.wait(30)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000", help="comma-separated generated deal counts ('' for none)")
    ap.add_argument("--no-corpus", action="store_true", help="skip the shared corpus store")
    ap.add_argument("--workdir", default="/tmp/dealgraph-bench-push")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    if not args.no_corpus and CORPUS.is_dir():
        from kg.build import build

        store = work / "corpus.kg"
        shutil.rmtree(store, ignore_errors=True)
        build([str(CORPUS)], str(store), progress=False)
        rows.append(measure("corpus", store, work))
    for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
        nq, store = work / f"deals-{n}.nq", work / f"store-{n}.kg"
        if not nq.exists():
            step_map({"n": n, "seed": args.seed, "jobs": args.jobs, "nquads": str(nq)})
        step_load({"nquads": str(nq), "store": str(store)})
        step_resolve({"store": str(store)})
        rows.append(measure(f"{n:,} deals", store, work))
    cols = list(rows[0]) if rows else []
    widths = [max(len(c), *(len(str(r[c])) for r in rows)) for c in cols]
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths)))
    for r in rows:
        print("  ".join(str(r[c]).ljust(w) for c, w in zip(cols, widths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
