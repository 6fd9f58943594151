"""A local HTTP listener that records every request made to it: the stand-in for an internal
service (a metadata address, an admin port) that a federated query must not reach.

It answers a SPARQL query (any POST, or a GET with ``query=``) with one solution binding
``?s`` to :data:`MARKER`, a GET of a path ending in ``.nt`` with one N-Triples triple about
:data:`MARKER`, and anything else with a small JSON-LD context.
"""
from __future__ import annotations

import http.server
import threading

__all__ = ["Listener", "MARKER"]

MARKER = "http://listener.invalid/was-called"


class Listener:
    """``with Listener() as listener: ... listener.url ... listener.calls``"""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        calls = self.calls

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                self._answer()

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                self._answer()

            def _answer(self):
                calls.append((self.command, self.path))
                if self.path.split("?")[0].endswith(".nt"):
                    body, media = f"<{MARKER}> <{MARKER}> <{MARKER}> .\n".encode(), "application/n-triples"
                elif self.command == "POST" or "query=" in self.path:
                    body = ('{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"%s"}}]}}'
                            % MARKER).encode()
                    media = "application/sparql-results+json"
                else:
                    body, media = b'{"@context": {"name": "http://schema.org/name"}}', "application/ld+json"
                self.send_response(200)
                self.send_header("Content-Type", media)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Listener":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
