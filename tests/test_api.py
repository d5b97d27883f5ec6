"""The HTTP API: routing, contracts and errors (in-process and over a real socket)."""

from __future__ import annotations

import json
import threading
import urllib.request
from http.server import ThreadingHTTPServer

from svsamverkan.api import _Handler, handle


def test_health_and_schema() -> None:
    assert handle("GET", "/health", b"")[1]["status"] == "ok"
    status, schema = handle("GET", "/schema", b"")
    assert status == 200 and "participants" in schema["properties"]


def test_repair_and_analyze_contracts() -> None:
    status, out = handle("POST", "/repair", json.dumps({"text": "Hej"}).encode())
    assert status == 200 and out["text"] == "Hej"
    status, out = handle("POST", "/analyze", json.dumps({"text": "Hej", "kind": "minutes"}).encode())
    assert status == 200 and out["kind"] == "minutes" and out["source"] == "<request>"


def test_classify_contract() -> None:
    status, out = handle("POST", "/classify", json.dumps({"texts": ["Hej", "Vi upprättar en SIP."]}).encode())
    assert status == 200 and len(out["results"]) == 2
    assert set(out["results"][0]) == {"labels", "scores", "explanations"}


def test_bad_requests() -> None:
    assert handle("POST", "/analyze", b"not json")[0] == 400
    assert handle("POST", "/analyze", b"[1, 2]")[0] == 400
    assert handle("POST", "/analyze", json.dumps({"txt": "x"}).encode())[0] == 400
    assert handle("POST", "/classify", json.dumps({"texts": [1]}).encode())[0] == 400
    assert handle("GET", "/nope", b"")[0] == 404


def test_over_a_socket() -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        port = httpd.server_address[1]
        req = urllib.request.Request(f"http://127.0.0.1:{port}/repair", data=json.dumps({"text": "för"}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert json.loads(resp.read().decode("utf-8"))["text"] == "för"
    finally:
        httpd.shutdown()
        httpd.server_close()
