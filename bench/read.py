"""Benchmark the reading layer: discover + read_file against a selectolax/decode baseline.

Builds (under /tmp) a directory holding the corpus's filing files repeated
until it reaches ``--size-mb`` (default 200 MB); every copy gets a one-line
trailer with its copy number so the copies are distinct filings for
``discover``'s content dedup.  Then, each in a fresh subprocess so peak memory
(``ru_maxrss``) is per pipeline:

* dealgraph: ``discover([dir])`` then ``read_file`` on every file (decode,
  sniff, split submissions, HTML to text with offsets, dei facts);
* one generated submission of ``--big-mb`` MB (default 50) whose documents
  are the corpus bodies, read with ``read_file`` (speed and memory on one big file);
* baseline: read the same bytes, decode UTF-8, and for .htm/.html run
  selectolax's ``LexborHTMLParser(...).text()`` -- the least a reader does.

Usage: python bench/read.py [CORPUS_DIR] [--size-mb 200] [--workdir /tmp/dealgraph-bench-read]
CORPUS_DIR defaults to ../shared/corpus next to the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["main"]

FILING_SUFFIXES = {".txt", ".htm", ".html", ".nc", ".sgml"}


def build_tree(corpus: Path, workdir: Path, size_mb: int) -> tuple[int, int]:
    """Fill ``workdir`` with numbered copies of the corpus filings; return (files, bytes)."""
    sources = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in FILING_SUFFIXES)
    if not sources:
        raise SystemExit(f"no filing files under {corpus}")
    blobs = [(p.name, p.suffix.lower(), p.read_bytes()) for p in sources]
    if workdir.exists():
        shutil.rmtree(workdir)
    total = files = copy = 0
    while total < size_mb * 1024 * 1024:
        copy += 1
        target = workdir / f"copy-{copy:05d}"
        target.mkdir(parents=True)
        for name, suffix, data in blobs:
            trailer = f"\n<!-- bench copy {copy} -->\n" if suffix in (".htm", ".html") else f"\n[bench copy {copy}]\n"
            payload = data + trailer.encode("ascii")
            (target / name).write_bytes(payload)
            total += len(payload)
            files += 1
    return files, total


def build_big(corpus: Path, path: Path, size_mb: int) -> int:
    """One submission of ``size_mb`` MB whose <DOCUMENT>s are the corpus filings' bodies; return its size."""
    bodies = []
    for p in sorted(corpus.rglob("*")):
        if p.is_file() and p.suffix.lower() in FILING_SUFFIXES:
            text = p.read_text(encoding="utf-8", errors="strict")
            if "<DOCUMENT>" not in text:  # whole-file bodies only; submissions would nest
                bodies.append((p.suffix.lower(), text))
    header = (
        "<SEC-DOCUMENT>0000000000-00-000000.txt : 20000101\n<SEC-HEADER>0000000000-00-000000.hdr.sgml : 20000101\n"
        "ACCESSION NUMBER:\t\t0000000000-00-000000\nCONFORMED SUBMISSION TYPE:\t8-K\nFILED AS OF DATE:\t\t20000101\n</SEC-HEADER>\n"
    )
    size = 0
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(header)
        while size < size_mb * 1024 * 1024:
            suffix, body = bodies[n % len(bodies)]
            n += 1
            chunk = f"<DOCUMENT>\n<TYPE>EX-99.{n}\n<SEQUENCE>{n}\n<FILENAME>d{n}{suffix}\n<TEXT>\n{body}\n</TEXT>\n</DOCUMENT>\n"
            fh.write(chunk)
            size += len(chunk.encode("utf-8"))
        fh.write("</SEC-DOCUMENT>\n")
    return path.stat().st_size


def phase_big(path: str) -> dict:
    from kg.sources import read_file

    start = time.perf_counter()
    filing = read_file(path)
    return {"files": 1, "docs": len(filing.documents), "bytes": filing.size, "failed": 0, "seconds": time.perf_counter() - start}


def phase_dealgraph(root: str) -> dict:
    from kg.errors import SourceError
    from kg.sources import discover, read_file

    start = time.perf_counter()
    found = discover([root])
    docs = nbytes = failed = 0
    for path in found.files:
        try:
            filing = read_file(path)
        except SourceError:
            failed += 1
            continue
        docs += len(filing.documents)
        nbytes += filing.size
    return {"files": len(found.files), "docs": docs, "bytes": nbytes, "failed": failed, "seconds": time.perf_counter() - start}


def phase_baseline(root: str) -> dict:
    from selectolax.lexbor import LexborHTMLParser

    start = time.perf_counter()
    paths = sorted(str(p) for p in Path(root).rglob("*") if p.suffix.lower() in FILING_SUFFIXES)
    docs = nbytes = 0
    for path in paths:
        with open(path, "rb") as fh:
            raw = fh.read()
        text = raw.decode("utf-8", errors="replace")
        if path.lower().endswith((".htm", ".html")):
            text = LexborHTMLParser(text).text(separator="\n")
        docs += 1
        nbytes += len(raw)
    return {"files": len(paths), "docs": docs, "bytes": nbytes, "failed": 0, "seconds": time.perf_counter() - start}


def run_phase(name: str, root: Path) -> dict:
    """Run one pipeline in a fresh interpreter and return its numbers plus peak RSS."""
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, str(root)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    repo = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(repo.parent / "shared" / "corpus"))
    ap.add_argument("--size-mb", type=int, default=200)
    ap.add_argument("--workdir", default="/tmp/dealgraph-bench-read")
    ap.add_argument("--big-mb", type=int, default=50, help="size of the one-file submission row (0: skip)")
    ap.add_argument("--phase", choices=["dealgraph", "baseline", "big"], help=argparse.SUPPRESS)
    ap.add_argument("--keep", action="store_true", help="keep the generated directory")
    args = ap.parse_args(argv)
    if args.phase:
        try:
            import kg  # noqa: F401  (installed with `pip install .`)
        except ImportError:  # running from a checkout without installing
            sys.path.insert(0, str(repo))
        result = {"dealgraph": phase_dealgraph, "baseline": phase_baseline, "big": phase_big}[args.phase](args.corpus)
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        raise SystemExit(f"corpus directory not found: {corpus}")
    workdir = Path(args.workdir)
    t0 = time.perf_counter()
    files, total = build_tree(corpus, workdir, args.size_mb)
    print(f"built {workdir}: {files} files, {total / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s")
    rows = [("baseline (read+decode, selectolax .text())", run_phase("baseline", workdir)),
            ("dealgraph discover+read_file", run_phase("dealgraph", workdir))]
    if args.big_mb:
        big = workdir.parent / (workdir.name + "-big.txt")
        build_big(corpus, big, args.big_mb)
        rows.append((f"dealgraph read_file, one {args.big_mb} MB submission", run_phase("big", big)))
        if not args.keep:
            big.unlink()
    head = f"{'pipeline':<44} {'files':>7} {'docs':>7} {'MB':>8} {'s':>7} {'docs/s':>9} {'MB/s':>7} {'peak RSS MB':>12}"
    print(head)
    print("-" * len(head))
    for name, r in rows:
        mb = r["bytes"] / 1e6
        print(
            f"{name:<44} {r['files']:>7} {r['docs']:>7} {mb:>8.1f} {r['seconds']:>7.2f} "
            f"{r['docs'] / r['seconds']:>9.0f} {mb / r['seconds']:>7.2f} {r['peak_rss_mb']:>12.0f}"
        )
    print("(peak RSS: ru_maxrss of a fresh interpreter running that row alone, imports included)")
    if rows[1][1]["failed"]:
        print(f"note: {rows[1][1]['failed']} files failed to read")
    if not args.keep:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
