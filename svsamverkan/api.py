"""A small HTTP API for other tools (standard library only).

    svsamverkan serve --host 127.0.0.1 --port 8765

Endpoints (JSON in, JSON out, UTF-8):

- ``GET  /health`` -> ``{"status": "ok", "version": ...}``
- ``GET  /schema`` -> the analysis JSON Schema
- ``POST /repair``   ``{"text": ...}`` -> ``{"text": ..., "edits": [...]}``
- ``POST /analyze``  ``{"text": ..., "kind": optional, "source": optional}`` -> the analysis
- ``POST /classify`` ``{"texts": [...]}`` -> ``{"results": [{"labels", "scores", "explanations"}]}``

Errors come back as ``{"error": {"code", "source", "reason", "hint"}}`` with
status 400 (bad input) or 500.

>>> handle("GET", "/health", b"")[0]
200
"""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ._version import __version__
from .errors import SvsamverkanError

MAX_BODY = 20 * 1024 * 1024


def _bad(reason: str) -> tuple[int, dict[str, Any]]:
    return 400, {"error": {"code": "E070", "source": "<request>", "reason": reason, "hint": ""}}


def _json_body(body: bytes) -> dict[str, Any]:
    obj = json.loads(body.decode("utf-8"))
    if not isinstance(obj, dict):
        raise ValueError("the request body must be a JSON object")
    return obj


def handle(method: str, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
    """Route one request; returns ``(status, JSON object)``. Used by the server and tests."""
    if method == "GET" and path == "/health":
        return 200, {"status": "ok", "version": __version__}
    if method == "GET" and path == "/schema":
        from .schema import analysis_schema

        return 200, analysis_schema()
    if method != "POST" or path not in {"/repair", "/analyze", "/classify"}:
        return 404, {"error": {"code": "E070", "source": path, "reason": "no such endpoint", "hint": "see /health"}}
    try:
        obj = _json_body(body)
    except (UnicodeDecodeError, ValueError) as exc:
        return _bad(f"invalid JSON body: {exc}")
    try:
        if path == "/repair":
            from .repair import repair

            if not isinstance(obj.get("text"), str):
                return _bad("'text' (a string) is required")
            return 200, repair(obj["text"]).to_dict()
        if path == "/analyze":
            from .pipeline import default_pipeline

            if not isinstance(obj.get("text"), str):
                return _bad("'text' (a string) is required")
            a = default_pipeline().analyze_text(obj["text"], source=str(obj.get("source", "<request>")),
                                                kind=obj.get("kind"))
            return 200, a.to_dict()
        from .classify import classify_texts

        texts = obj.get("texts")
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            return _bad("'texts' (a list of strings) is required")
        preds = classify_texts(texts)
        return 200, {"results": [{"labels": list(p.labels), "scores": p.scores,
                                  "explanations": {k: list(v) for k, v in p.explanations.items()}} for p in preds]}
    except SvsamverkanError as exc:
        return 400, {"error": exc.to_dict()}


class _Handler(BaseHTTPRequestHandler):
    server_version = f"svsamverkan/{__version__}"

    def _reply(self, status: int, obj: dict[str, Any]) -> None:
        data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _dispatch(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._reply(413, {"error": {"code": "E004", "source": "<request>",
                                        "reason": f"body of {length} bytes is over {MAX_BODY}", "hint": ""}})
            return
        body = self.rfile.read(length) if length else b""
        try:
            status, obj = handle(method, self.path.split("?")[0], body)
        except Exception as exc:  # never crash the server on one request
            status, obj = 500, {"error": {"code": "E999", "source": "<request>",
                                          "reason": f"{type(exc).__name__}: {exc}", "hint": ""}}
        self._reply(status, obj)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def log_message(self, format: str, *args: Any) -> None:  # quiet by default
        pass


def serve(host: str = "127.0.0.1", port: int = 8765) -> None:
    """Run the HTTP API until interrupted."""
    httpd = ThreadingHTTPServer((host, port), _Handler)
    print(f"svsamverkan API on http://{host}:{port} (Ctrl-C to stop)")
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()
