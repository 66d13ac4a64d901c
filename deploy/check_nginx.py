"""Check deploy/nginx.conf against the caching contract, with a stand-in app instead of Django.

    .venv/bin/python deploy/check_nginx.py

Starts nginx (rendered by scripts/serve.py) in front of a small HTTP server that answers the way
the contract in deploy/nginx.conf says the app does, and checks what nginx stores, bypasses and
passes through. Needs no database; takes a few seconds; exits 1 on the first failed check.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import shutil
import sys
import tempfile
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import serve  # noqa: E402

PUBLIC = "public, max-age=0, s-maxage=1, stale-while-revalidate=10, stale-if-error=86400"
# What the app sends on every answer (careerpath/middleware.py); a stand-in value to tell it apart.
APP_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; report-to app",
    "Permissions-Policy": "camera=()",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
SECURITY_HEADERS = [name.lower() for name in APP_SECURITY_HEADERS]
renders: dict[str, int] = {}  # full answers the stand-in app gave, per path
seen: dict[str, dict[str, str]] = {}  # the last request headers it got, per path
failing = threading.Event()


class App(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        seen[path] = dict(self.headers)
        if path == "/gone":  # the app dies mid-request: nginx answers 502 itself
            self.close_connection = True
            return
        if failing.is_set():
            return self.answer(500, b"down", {"Cache-Control": "private, no-store"})
        cache_control, extra = {
            "/public": (PUBLIC, {}),
            "/long": ("public, max-age=0, s-maxage=60", {}),
            "/expires": ("public, max-age=0, s-maxage=60", {"Expires": formatdate(0, usegmt=True)}),
            "/private": ("private, no-store", {}),
            "/fragment": ("private, no-cache", {}),
            "/cookie": ("public, max-age=0, s-maxage=60", {"Set-Cookie": "sessionid=abc; HttpOnly"}),
            "/vary-cookie": ("public, max-age=0, s-maxage=60", {"Vary": "Cookie, Accept-Encoding"}),
            "/legacy": ("public, max-age=0, must-revalidate", {}),
        }.get(path, ("private, no-store", {}))
        if path == "/long" and self.headers.get("HX-Request"):
            cache_control = "private, no-cache"
        body = f"<p>{path} rendered for {self.headers.get('Cookie', 'anyone')}</p>".encode() * 50
        etag = f'"{hashlib.md5(body).hexdigest()}"'
        headers = {"Cache-Control": cache_control, "ETag": etag, "Content-Type": "text/html; charset=utf-8"}
        headers.update(APP_SECURITY_HEADERS)
        headers.setdefault("Vary", "HX-Request, Accept-Encoding")
        headers.update(extra)
        if self.headers.get("If-None-Match") == etag:
            return self.answer(304, b"", headers)
        renders[path] = renders.get(path, 0) + 1
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
        self.answer(200, body, headers)

    def answer(self, status: int, body: bytes, headers: dict[str, str]):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", **headers})
    response = connection.getresponse()
    result = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    repeated.update(name.lower() for name in response.msg if len(response.msg.get_all(name)) > 1)
    connection.close()
    return result


repeated: set[str] = set()  # headers any answer carried twice


def main() -> None:
    serve.ensure_nginx()
    workdir = Path(tempfile.mkdtemp(prefix="careerpath-nginx-check-"))
    workdir.chmod(0o755)
    app = ThreadingHTTPServer(("127.0.0.1", 0), App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    port = 8790
    conf = serve.render_nginx_conf(workdir, port, [f"127.0.0.1:{app.server_address[1]}"])
    nginx = serve.start_nginx(conf, workdir)
    failures = []

    def check(name: str, ok: bool, detail: object = "") -> None:
        print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if not ok else ""), flush=True)
        if not ok:
            failures.append(name)

    try:
        serve.wait_until_answering(f"http://127.0.0.1:{port}/ready", nginx, "nginx")
        gz = {"Accept-Encoding": "gzip"}

        status, headers, body = get(port, "/long", **gz)
        status, headers, body = get(port, "/long", **gz)
        check("public page stored and served from the cache", headers.get("x-cache-status") == "HIT", headers)
        check("  as the app's gzip", headers.get("content-encoding") == "gzip", headers)
        check("  one render for both requests", renders.get("/long") == 1, renders)
        check(
            "the app is always asked for gzip", seen["/long"].get("Accept-Encoding") == "gzip", seen["/long"]
        )
        check("Host passed with its port", seen["/long"].get("Host") == f"127.0.0.1:{port}", seen["/long"])
        check(
            "X-Forwarded-For and -Proto passed",
            seen["/long"].get("X-Forwarded-For") == "127.0.0.1"
            and seen["/long"].get("X-Forwarded-Proto") == "http",
            seen["/long"],
        )
        status, headers, body = get(port, "/long", **{"Accept-Encoding": "identity"})
        check(
            "a client without gzip gets the stored copy unzipped",
            headers.get("x-cache-status") == "HIT"
            and "content-encoding" not in headers
            and body.startswith(b"<p>"),
            headers,
        )
        status, headers, body = get(port, "/long", **gz, Via="1.1 front-end")
        check(
            "a client behind a front end (Via) still gets gzip",
            headers.get("content-encoding") == "gzip",
            headers,
        )
        status2, headers2, _ = get(port, "/long", **gz)
        status, headers, _ = get(port, "/long", **gz, **{"If-None-Match": headers2["etag"]})
        check(
            "If-None-Match answered 304 from the cache",
            status == 304 and renders["/long"] == 1,
            (status, headers),
        )

        status, headers, body = get(port, "/long", **gz, **{"HX-Request": "true"})
        check("HX-Request bypasses the cache", headers.get("x-cache-status") == "BYPASS", headers)
        check("  and gets the app's fragment", headers.get("cache-control") == "private, no-cache", headers)
        status, headers, body = get(port, "/long", **gz)
        check(
            "  and is not stored",
            headers.get("x-cache-status") == "HIT" and headers.get("cache-control", "").startswith("public"),
            headers,
        )

        for path in ("/private", "/fragment", "/cookie", "/vary-cookie", "/legacy"):
            get(port, path, **gz, Cookie="sessionid=one")
            status, headers, body = get(port, path, **gz)
            check(
                f"{path} never stored", renders.get(path) == 2 and b"anyone" in gzip.decompress(body), renders
            )

        get(port, "/expires", **gz)
        status, headers, _ = get(port, "/expires", **gz)
        check("the app's Expires is ignored", headers.get("x-cache-status") == "HIT", headers)

        get(port, "/public", **gz)
        time.sleep(2.1)
        status, headers, _ = get(port, "/public", **gz)
        check(
            "s-maxage=1: revalidated after it, with a 304 from the app",
            headers.get("x-cache-status") == "REVALIDATED" and renders["/public"] == 1,
            (headers, renders),
        )
        check("X-Accel-Expires is not passed to clients", "x-accel-expires" not in headers, headers)
        get(port, "/public", **gz)  # wait for a refresh, then time how long the entry is kept
        deadline = time.monotonic() + 3
        while get(port, "/public", **gz)[1].get("x-cache-status") == "HIT" and time.monotonic() < deadline:
            time.sleep(0.02)
        stored = time.monotonic()
        while get(port, "/public", **gz)[1].get("x-cache-status") == "HIT" and time.monotonic() < deadline:
            time.sleep(0.02)
        kept = time.monotonic() - stored
        check(
            "s-maxage=1: kept at most about 1 s (X-Accel-Expires from the hop)", kept <= 1.1, f"{kept:.2f} s"
        )
        status, headers, _ = get(port, "/gone", **gz)
        check(
            "nginx's own 502 carries the security headers",
            status == 502
            and all(name in headers for name in SECURITY_HEADERS)
            and "frame-ancestors 'none'" in headers["content-security-policy"],
            (status, headers),
        )
        check(
            "the app's security headers are passed on once, not doubled (fresh and from the cache)",
            not repeated.intersection(SECURITY_HEADERS)
            and get(port, "/long", **gz)[1].get("content-security-policy")
            == APP_SECURITY_HEADERS["Content-Security-Policy"],
            repeated,
        )
        failing.set()
        time.sleep(2.1)
        status, headers, _ = get(port, "/public", **gz)
        check(
            "stale-if-error: the stored page while the app fails",
            status == 200 and headers.get("x-cache-status") == "STALE",
            (status, headers),
        )
        failing.clear()

        static = sorted(serve.STATIC_ROOT.glob("css/site.*.css"))
        if static:
            path = "/static/css/" + static[0].name
            status, headers, _ = get(port, path, **gz)
            check(
                "hashed static file: a year, immutable, gzip_static, security headers",
                status == 200
                and headers.get("cache-control") == "public, max-age=31536000, immutable"
                and headers.get("content-encoding") == "gzip"
                and headers.get("x-content-type-options") == "nosniff"
                and headers.get("x-frame-options") == "DENY"
                and headers.get("referrer-policy") == "same-origin"
                and "object-src 'none'" in headers.get("content-security-policy", "")
                and "camera=()" in headers.get("permissions-policy", ""),
                headers,
            )
        else:
            print("skip static file checks: run collectstatic (make serve does) first")
    finally:
        serve.stop(nginx)
        app.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)
    if failures:
        raise SystemExit(f"{len(failures)} check(s) failed")


if __name__ == "__main__":
    main()
