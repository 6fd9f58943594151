"""What a SPARQL request may make the server do beyond reading its own store.

``SERVICE`` (a federated query) and ``LOAD`` (an update that fetches a document) make the
engine open a connection to any URL the request names: on a shared host that is
server-side request forgery (cloud metadata addresses, admin ports on the loopback, hosts
behind the firewall). So they are refused unless their IRI is on an allowlist of URL
prefixes (``kg serve --allow-service``, ``kg query --allow-service``); ``file:`` IRIs and
anything but http(s) never pass.

The text is read token by token (:func:`tokens`), as a SPARQL parser reads it: strings,
IRIs, comments and variables are single tokens, so a literal ``"SERVICE"``, an IRI
``<http://e/service>`` or a comment never count. Oxigraph's parser matches keywords with
no word boundary (``SERVICEex:x``, ``SERVICESILENT <u>``, ``LOADSILENT <u>`` all federate,
measured), so any bare word or prefix name that merely *contains* the keyword counts too,
and is refused unless it is the keyword alone followed by an allowed IRI. The text is read
twice, as written and with ``\\uXXXX`` escapes decoded (the SPARQL spec decodes them before
parsing; Oxigraph does not), and refused if either reading finds a forbidden call.

:func:`with_dataset` applies the protocol's ``using-graph-uri`` / ``using-named-graph-uri``
to an update by writing the ``USING`` clauses into each operation that has a ``WHERE``.

>>> Guard().check_query('SELECT * { ?s ?p "SERVICE" } # SERVICE <http://x/>')
>>> Guard().check_query("SELECT * { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.serve.guard.FederationRefused: SERVICE <http://169.254.169.254/> refused: federated queries are off (the server was started without --allow-service)
>>> Guard(["http://dbpedia.org/sparql"]).check_query("SELECT * { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }")
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence
from urllib.parse import urljoin

from ..errors import UsageError
from ..store.terms import PREFIXES

__all__ = ["FederationRefused", "DatasetConflict", "Guard", "Allowed", "parse_allowlist", "tokens",
           "with_dataset", "split_update", "Token"]


class FederationRefused(UsageError):
    """A request asks the server to fetch a URL (SERVICE, LOAD) it may not."""


class DatasetConflict(UsageError):
    """An update gives its dataset both as protocol parameters and as USING/WITH clauses."""


# -- tokens ---------------------------------------------------------------------------------

_PN_CHARS_BASE = "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D" \
                 "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00B7\u0300-\u036F\u203F-\u2040\\-"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL_FIRST = rf"(?:[{_PN_CHARS_BASE}_:0-9]|{_PLX})"
_LOCAL_MID = rf"(?:[{_PN_CHARS}:.]|{_PLX})"
_LOCAL_LAST = rf"(?:[{_PN_CHARS}:]|{_PLX})"
_PREFIX = rf"(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?"

_TOKEN = re.compile("|".join([
    r"(?P<ws>\s+)",
    r"(?P<comment>#[^\r\n]*)",
    r"(?P<iri><(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)",
    r'(?P<string>"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'
    r"|'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"
    r'|"(?:[^"\\\r\n]|\\.)*"'
    r"|'(?:[^'\\\r\n]|\\.)*')",
    rf"(?P<var>[?$][{_PN_CHARS_BASE}_0-9\u00B7\u0300-\u036F\u203F-\u2040]+)",
    rf"(?P<bnode>_:[{_PN_CHARS_BASE}_0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)",
    r"(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
    rf"(?P<pname>{_PREFIX}:(?:{_LOCAL_FIRST}(?:{_LOCAL_MID}*{_LOCAL_LAST})?)?)",
    # numbers exactly as the grammar has them, so "1SERVICE" is a number and a word
    r"(?P<number>\d+\.\d*[eE][+-]?\d+|\.\d+[eE][+-]?\d+|\d+[eE][+-]?\d+|\d*\.\d+|\d+)",
    r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)",
    r"(?P<punct>\^\^|\|\||&&|!=|<=|>=|.)",
]), re.S)


@dataclass(frozen=True)
class Token:
    kind: str  # iri, string, var, bnode, langtag, pname, number, word, punct
    text: str
    start: int
    end: int


#: strings, IRIs and comments, found first in one cheap pass: a big update is mostly these,
#: and the full token pattern then runs only on what lies between them (about 20x less text
#: in N-Triples). An escaped quote or hash in a prefixed name (PN_LOCAL's ``\'``, ``\#``)
#: belongs to the name.
_OPAQUE = re.compile("|".join([
    r'(?P<string>(?<!\\)(?:"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'
    r"|'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"
    r'|"(?:[^"\\\r\n]|\\.)*"'
    r"|'(?:[^'\\\r\n]|\\.)*'))",
    r"(?P<comment>(?<!\\)#[^\r\n]*)",
    r"(?P<iri><(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)",
]))


def tokens(text: str) -> list[Token]:
    r"""The significant tokens of a SPARQL text (whitespace and comments dropped).

    >>> [t.text for t in tokens('SELECT * { ?s <http://e/#x> "a # b" } # c')]
    ['SELECT', '*', '{', '?s', '<http://e/#x>', '"a # b"', '}']
    >>> [t.kind for t in tokens("ex:SERVICE SERVICEex:a trueSERVICE 1SERVICE ex:a\\#b")]
    ['pname', 'pname', 'word', 'number', 'word', 'pname']
    """
    out: list[Token] = []

    def code(start: int, end: int) -> None:
        for match in _TOKEN.finditer(text, start, end):
            kind = match.lastgroup
            if kind not in ("ws", "comment"):
                out.append(Token(kind, match.group(0), match.start(), match.end()))

    position = 0
    for match in _OPAQUE.finditer(text):
        if match.start() > position:
            code(position, match.start())
        if match.lastgroup != "comment":
            out.append(Token(match.lastgroup, match.group(0), match.start(), match.end()))
        position = match.end()
    code(position, len(text))
    return out


_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _decode_uchars(text: str) -> str:
    def one(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\uFFFD"
    return _UCHAR.sub(one, text)


def _readings(text: str) -> list[str]:
    """The text as Oxigraph reads it and, where it differs, with escapes decoded first."""
    return [text, _decode_uchars(text)] if "\\u" in text or "\\U" in text else [text]


def _head(token: Token) -> str:
    """What a keyword could be read from: a bare word, or the prefix part of a prefixed name."""
    if token.kind == "word":
        return token.text.lower()
    if token.kind == "pname":
        return token.text.split(":", 1)[0].lower()
    return ""


# -- the allowlist --------------------------------------------------------------------------

_AUTHORITY = re.compile(r"(https?)://([^/?#@\\\s\[\]]+|\[[0-9A-Fa-f:.]+\])(?::(\d+))?(?=[/?#]|$)(.*)", re.S)


@dataclass(frozen=True)
class Allowed:
    """One allowlist entry: scheme, host and port matched exactly, then the path as a prefix."""

    scheme: str
    host: str
    port: int
    rest: str
    text: str

    def admits(self, iri: str) -> bool:
        parts = _split(iri)
        return parts is not None and parts[:3] == (self.scheme, self.host, self.port) and parts[3].startswith(self.rest)


def _split(iri: str) -> tuple[str, str, int, str] | None:
    match = _AUTHORITY.fullmatch(iri)
    if not match:
        return None
    scheme, host, port, rest = match.groups()
    return scheme.lower(), host.lower().rstrip("."), int(port) if port else (443 if scheme.lower() == "https" else 80), rest or "/"


def parse_allowlist(entries: Iterable[str]) -> list[Allowed]:
    """``--allow-service`` values as :class:`Allowed`; anything but an http(s) URL is a UsageError.

    >>> parse_allowlist(["https://query.wikidata.org/sparql"])[0].admits("https://query.wikidata.org/sparql?x=1")
    True
    >>> parse_allowlist(["http://example.org"])[0].admits("http://example.org.evil.test/")
    False
    """
    out = []
    for entry in entries:
        parts = _split(entry.strip())
        if parts is None:
            raise UsageError(f"--allow-service {entry!r}: give an http:// or https:// URL prefix with a host "
                             "(file: and other schemes are never allowed)")
        out.append(Allowed(*parts, text=entry.strip()))
    return out


# -- the check ------------------------------------------------------------------------------

_BUILTIN_IRI = re.compile(r"<\s*(?:bif|sql):", re.I)


class Guard:
    """Checks queries and updates before they reach the store.

    ``allow`` is the allowlist (URL prefixes or :class:`Allowed`), ``hint`` what the refusal
    says to do about it; ``remote`` says the store
    is an external SPARQL server (Virtuoso), whose own extensions (``DEFINE`` pragmas that
    make it fetch IRIs, ``bif:``/``sql:`` built-ins that reach its files and SQL) are refused
    too; ``base_iri`` resolves relative IRIs as the store will.
    """

    def __init__(self, allow: Sequence[str | Allowed] = (), *, remote: bool = False, base_iri: str | None = None,
                 prefixes: dict[str, str] | None = None,
                 hint: str = "the server was started without --allow-service"):
        self.allow = [a if isinstance(a, Allowed) else parse_allowlist([a])[0] for a in allow]
        self.remote = remote
        self.base_iri = base_iri
        self.prefixes = dict(PREFIXES if prefixes is None else prefixes)
        self.hint = hint

    def check_query(self, text: str) -> None:
        """Raise :class:`FederationRefused` if the query would call out (SERVICE)."""
        self._read(text, ("service",))

    def check_update(self, text: str) -> None:
        """Raise :class:`FederationRefused` if the update would call out (SERVICE, LOAD)."""
        self._read(text, ("service", "load"))

    def _read(self, text: str, keywords: tuple[str, ...]) -> None:
        words = keywords + (("define", "bif", "sql") if self.remote else ())
        for reading in _readings(text):
            # a keyword can only be outside strings, IRIs and comments: if what is left holds
            # none (a big INSERT DATA of N-Triples, say), there is nothing to read token by token
            bare = _OPAQUE.sub(" ", reading).lower()
            if any(word in bare for word in words) or (self.remote and _BUILTIN_IRI.search(reading)):
                self._check(tokens(reading), keywords)

    def _check(self, toks: list[Token], keywords: tuple[str, ...]) -> None:
        prefixes, base = dict(self.prefixes), self.base_iri
        for i, token in enumerate(toks):
            head = _head(token)
            if self.remote:
                self._check_remote(token, head)
            if not head:
                continue
            if token.kind == "word" and head in ("prefix", "base"):
                prefixes, base = _declare(toks, i, prefixes, base)
            for keyword in keywords:
                if keyword not in head:
                    continue
                name = keyword.upper()
                if token.kind != "word" or head != keyword:
                    raise FederationRefused(f"{token.text!r} refused: write {name} as a word of its own, followed "
                                            f"by an IRI (a prefix or word containing {name} reads as the keyword)")
                target = _target(toks, i + 1, prefixes, base)
                self._admit(name, target)

    def _check_remote(self, token: Token, head: str) -> None:
        if token.kind == "word" and "define" in head:
            raise FederationRefused("DEFINE pragmas are refused (they can make the SPARQL server fetch IRIs)")
        if (token.kind == "pname" and head in ("bif", "sql")) or (
                token.kind == "iri" and _BUILTIN_IRI.match(token.text)):
            raise FederationRefused(f"{token.text!r} refused: the SPARQL server's built-in bif:/sql: functions "
                                    "reach its files and SQL")

    def _admit(self, name: str, target: str | None) -> None:
        if target is None:
            raise FederationRefused(f"{name} refused: it must name its IRI (<http://...>), not a variable or nothing")
        shown = f"{name} <{target}>"
        if target.lower().startswith("file:"):
            raise FederationRefused(f"{shown} refused: file: IRIs are never fetched")
        if not self.allow:
            what = "federated queries are off" if name == "SERVICE" else "loading documents from URLs is off"
            raise FederationRefused(f"{shown} refused: {what} ({self.hint})")
        if not any(a.admits(target) for a in self.allow):
            allowed = ", ".join(a.text for a in self.allow)
            raise FederationRefused(f"{shown} refused: not under an allowed prefix ({allowed})")


def _declare(toks: list[Token], i: int, prefixes: dict[str, str], base: str | None):
    """Follow a ``PREFIX p: <iri>`` or ``BASE <iri>`` declaration at ``toks[i]``."""
    if toks[i].text.lower() == "base" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
        base = _resolve(toks[i + 1].text, base)
    elif i + 2 < len(toks) and toks[i + 1].kind == "pname" and toks[i + 1].text.endswith(":") \
            and toks[i + 2].kind == "iri":
        prefixes = {**prefixes, toks[i + 1].text[:-1]: _resolve(toks[i + 2].text, base)}
    return prefixes, base


def _resolve(iri_token: str, base: str | None) -> str:
    iri = _decode_uchars(iri_token[1:-1])
    if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri):
        return iri
    return urljoin(base, iri) if base else iri


_PLX_ESCAPE = re.compile(r"\\(.)")


def _target(toks: list[Token], i: int, prefixes: dict[str, str], base: str | None) -> str | None:
    """The IRI a SERVICE or LOAD keyword at ``toks[i-1]`` names (after an optional SILENT)."""
    if i < len(toks) and toks[i].kind == "word" and toks[i].text.lower() == "silent":
        i += 1
    if i >= len(toks):
        return None
    token = toks[i]
    if token.kind == "iri":
        return _resolve(token.text, base)
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix not in prefixes:
            return None
        return prefixes[prefix] + _PLX_ESCAPE.sub(r"\1", local)
    return None


# -- the update dataset ---------------------------------------------------------------------

def with_dataset(update: str, using: Sequence[str] = (), using_named: Sequence[str] = ()) -> str:
    """``update`` with ``USING <g>`` / ``USING NAMED <g>`` written into each operation that
    has a ``WHERE`` (the protocol's ``using-graph-uri`` / ``using-named-graph-uri``); a
    ``DELETE WHERE { P }`` becomes ``DELETE { P } USING ... WHERE { P }``. Raises
    :class:`DatasetConflict` if the update has its own ``USING`` or ``WITH``.

    >>> with_dataset("INSERT { ?s a <urn:C> } WHERE { ?s ?p ?o }", ["urn:g"])
    'INSERT { ?s a <urn:C> } USING <urn:g> WHERE { ?s ?p ?o }'
    >>> with_dataset("CLEAR ALL ; DELETE WHERE { ?s <urn:p> ?o }", [], ["urn:n"])
    'CLEAR ALL ; DELETE { ?s <urn:p> ?o } USING NAMED <urn:n> WHERE { ?s <urn:p> ?o }'
    """
    if not using and not using_named:
        return update
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]) + " "
    toks = tokens(update)
    depth = 0
    for token in toks:
        if token.kind == "punct" and token.text in "{}":
            depth += 1 if token.text == "{" else -1
        elif depth == 0 and token.kind == "word" and token.text.lower() in ("using", "with"):
            raise DatasetConflict(f"the update has its own {token.text.upper()} clause and using-graph-uri/"
                                  "using-named-graph-uri parameters: give the dataset one way")
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in order
    depth, operation_start = 0, True
    i = 0
    while i < len(toks):
        token = toks[i]
        if token.kind == "punct" and token.text == "{":
            depth += 1
        elif token.kind == "punct" and token.text == "}":
            depth -= 1
        elif depth == 0 and token.kind == "punct" and token.text == ";":
            operation_start = True
        elif depth == 0 and token.kind == "word":
            word = token.text.lower()
            following = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
            if word == "delete" and following == "where" and operation_start:
                block = _block(toks, i + 2)
                if block is not None:
                    pattern = update[toks[i + 2].start:toks[block].end]
                    edits.append((token.start, toks[block].end, f"DELETE {pattern} {clause}WHERE {pattern}"))
                    i = block
            elif word == "where":
                edits.append((token.start, token.start, clause))
            operation_start = word in ("prefix", "base") and operation_start
        i += 1
    out, position = [], 0
    for start, end, text in edits:
        out += [update[position:start], text]
        position = end
    out.append(update[position:])
    return "".join(out)


def split_update(update: str) -> list[str]:
    """The operations of an update, each with the ``BASE``/``PREFIX`` declarations before it.

    >>> split_update("PREFIX a: <urn:a#> CLEAR ALL ; INSERT DATA { a:x a:y 'p;q' } ;")
    ['PREFIX a: <urn:a#> CLEAR ALL', "PREFIX a: <urn:a#> INSERT DATA { a:x a:y 'p;q' }"]
    """
    toks = tokens(update)
    prologue: list[str] = []
    operations: list[str] = []
    depth, start, i = 0, None, 0
    while i < len(toks):
        token = toks[i]
        if depth == 0 and start is None and token.kind == "word" and token.text.lower() in ("prefix", "base"):
            width = 2 if token.text.lower() == "base" else 3
            last = toks[min(i + width - 1, len(toks) - 1)]
            prologue.append(update[token.start:last.end])
            i += width
            continue
        if token.kind == "punct" and token.text == "{":
            depth += 1
        elif token.kind == "punct" and token.text == "}":
            depth -= 1
        if depth == 0 and token.kind == "punct" and token.text == ";":
            if start is not None:
                operations.append(" ".join(prologue + [update[start:toks[i - 1].end]]))
            start = None
        elif start is None:
            start = token.start
        i += 1
    if start is not None:
        operations.append(" ".join(prologue + [update[start:toks[-1].end]]))
    return operations


def _block(toks: list[Token], i: int) -> int | None:
    """The index of the ``}`` closing the ``{`` at ``toks[i]``."""
    if i >= len(toks) or toks[i].text != "{":
        return None
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "punct" and toks[j].text == "{":
            depth += 1
        elif toks[j].kind == "punct" and toks[j].text == "}":
            depth -= 1
            if depth == 0:
                return j
    return None
