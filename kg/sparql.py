"""Ad-hoc, read-only SPARQL over a store (``kg sparql``, ``open_store(...).sparql``).

SELECT answers come back as a :class:`kg.query.QueryResult` (plain Python
values), ASK as a bool, CONSTRUCT / DESCRIBE as N-Triples text.  Queries see the
union of the document graphs as their default graph, like the named queries.
SPARQL 1.1 Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY)
is refused with a message: the store is written only by ``kg build``, which
keeps its manifest, deal table and validation in step with the documents.
"""
from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query import QueryResult, _py, oxigraph_store

__all__ = ["PREFIXES", "UPDATE_KEYWORDS", "is_update", "query_form", "run_adhoc", "with_prefixes"]

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
# comments, IRIs and string literals are blanked before looking for an update keyword
_NOISE = re.compile(r'#[^\n]*|<[^<>\s]*>|"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s+)<>\s*)*", re.I)
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")


def query_form(text: str) -> str:
    """The first keyword after the prologue, upper-cased ("SELECT", "ASK", "CONSTRUCT", "INSERT" ...), or ""."""
    bare = _NOISE.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", text)
    m = _FIRST_WORD.match(bare, _PROLOGUE.match(bare).end())
    return m.group(1).upper() if m else ""


def is_update(text: str) -> bool:
    """True when ``text`` is a SPARQL Update request (its first keyword after the prologue is an update verb)."""
    return query_form(text) in UPDATE_KEYWORDS


def run_adhoc(store: Any, text: str) -> QueryResult | bool | str:
    """Run one read-only SPARQL query; see the module docstring for what each query form returns."""
    if is_update(text):
        raise QueryError("kg sparql is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP...) is refused; "
                         "change the store with `kg build`")
    try:
        res = oxigraph_store(store).query(text, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {' '.join(str(e).split())}") from None
    except OSError as e:
        raise QueryError(f"store read failed: {e}") from None
    except (RuntimeError, ValueError) as e:
        raise QueryError(" ".join(str(e).split())) from None
    if isinstance(res, ox.QuerySolutions):
        return QueryResult([v.value for v in res.variables], [tuple(map(_py, s)) for s in res])
    if isinstance(res, ox.QueryBoolean):
        return bool(res)
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in res)


#: Prefixes ``kg sparql`` declares when the query does not: the ontology's and the usual W3C ones.
PREFIXES = {
    "lic": "https://w3id.org/dealgraph/lic#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


def with_prefixes(text: str) -> str:
    """``text`` with a PREFIX line added for each of :data:`PREFIXES` it uses and does not declare."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w.-]*):", text, re.I)}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()
             if p not in declared and re.search(rf"(?<![\w<]){p}:", _NOISE.sub(" ", text))]
    return "\n".join(lines + [text]) if lines else text
