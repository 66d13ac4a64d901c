"""Time the production app (gunicorn, DEBUG=0) while Redis or the database is hung or closed.

    .venv/bin/python scripts/faults.py                           # on a temporary SQLite database
    DATABASE_URL=postgres://…/name .venv/bin/python scripts/faults.py   # on PostgreSQL (it creates
                                                                 # and drops a database name_faults)

A hung dependency is a local listener that accepts connections and never answers (a Redis under
memory pressure, a half-open network); a closed one is a port nobody listens on. The app runs as
`make serve` runs it (scripts/serve.py's environment), straight from gunicorn, so the figures are
the app's own. It prints one line per scenario and asserts nothing; tests/careerpath/test_faults.py
runs the same scenarios with bounds.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import socket
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402
import serve  # noqa: E402  (scripts/serve.py: the same environment as `make serve`)

PUBLIC_PAGES = bench.PAGES  # the same pages `make bench` times
PROGRESS_POST = "/roles/case-manager/steps/1/status/"
ADMIN_LOGIN = "/admin/login/"


# --- dependencies that misbehave ------------------------------------------------------------------


class HungListener:
    """Accepts TCP connections on 127.0.0.1 and never answers."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0), backlog=256)
        self.port = self.server.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        for connection in self.connections:
            connection.close()

    def __enter__(self) -> HungListener:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Relay:
    """A TCP relay to a real server that can be told to hang.

    `hang()` drops the open connections and leaves new ones accepted but unanswered: the server
    behind it looks hung to the app, whose open connections fail and whose new ones wait.
    """

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.hung = threading.Event()
        self.server = socket.create_server(("127.0.0.1", 0), backlog=256)
        self.port = self.server.getsockname()[1]
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if self.hung.is_set():
                self.held.append(client)
                continue
            upstream = socket.create_connection(self.target)
            self.pairs.append((client, upstream))
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        for end in (source, target):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def hang(self) -> None:
        self.hung.set()
        for pair in self.pairs:
            for end in pair:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
        self.pairs.clear()

    def close(self) -> None:
        self.hang()
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        for client in self.held:
            client.close()


@contextlib.contextmanager
def sqlite_locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on a SQLite database: every other reader and writer waits."""
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        locker.execute("ROLLBACK")
        locker.close()


# --- the app --------------------------------------------------------------------------------------


def free_port() -> int:
    return closed_port()


def app_environment(
    port: int, database_url: str, redis_url: str | None = None, **extra: str
) -> dict[str, str]:
    """`make serve`'s settings for the app alone on 127.0.0.1:<port>."""
    env = serve.app_environment(
        port, DATABASE_URL=database_url, LOG_LEVEL="CRITICAL", GUNICORN_LOG_LEVEL="critical", **extra
    )
    env.pop("REDIS_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def prepare_database(database_url: str) -> None:
    """Migrate and load the content (and collect static files, which DEBUG=0 serves hashed)."""
    serve.prepare(app_environment(free_port(), database_url), quiet=True)


@contextlib.contextmanager
def running_app(database_url: str, redis_url: str | None = None, workers: int = 2) -> Iterator[str]:
    """gunicorn on a free port with these dependencies; give its base URL."""
    port = free_port()
    process = serve.start_gunicorn(app_environment(port, database_url, redis_url), port, workers)
    try:
        serve.wait_until_answering(f"http://127.0.0.1:{port}/healthz", process, "gunicorn", seconds=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        serve.stop(process)


@dataclass
class Answer:
    status: int
    seconds: float
    body: str
    headers: dict[str, str] = field(default_factory=dict)


def request(
    base: str, path: str, method: str = "GET", body: str | None = None, timeout: float = 60
) -> Answer:
    """One request on a new connection, timed from connect to the last byte."""
    host = urlsplit(base)
    headers = {"Host": f"{host.hostname}:{host.port}"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Sec-Fetch-Site"] = "same-origin"
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        return Answer(
            response.status,
            time.perf_counter() - started,
            content,
            {name.lower(): value for name, value in response.getheaders()},
        )
    finally:
        connection.close()


def timings(base: str, paths: list[str], rounds: int) -> list[Answer]:
    return [request(base, path) for _ in range(rounds) for path in paths]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(answers: list[Answer]) -> str:
    seconds = [answer.seconds for answer in answers]
    statuses = sorted({answer.status for answer in answers})
    return (
        f"{len(answers)} requests, status {'/'.join(map(str, statuses))}, "
        f"p50 {statistics.median(seconds) * 1000:.0f} ms, p95 {percentile(seconds, 0.95) * 1000:.0f} ms, "
        f"max {max(seconds) * 1000:.0f} ms"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def health(base: str) -> tuple[Answer, dict]:
    answer = request(base, "/healthz")
    return answer, json.loads(answer.body)


# --- scenarios ------------------------------------------------------------------------------------


def database_url_for_run() -> tuple[str, Path | None, contextlib.ExitStack]:
    """The app's own database: a temporary SQLite file, or <name>_faults beside DATABASE_URL's."""
    cleanup = contextlib.ExitStack()
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") + "_faults"
        own = urlunsplit(parts._replace(path=f"/{name}"))
        admin = urlunsplit(parts._replace(path="/postgres"))
        drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        run_sql(admin, drop, f'CREATE DATABASE "{name}"')
        cleanup.callback(run_sql, admin, drop)
        return own, None, cleanup
    folder = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="careerpath-faults-")))
    path = folder / "faults.sqlite3"
    return f"sqlite:///{path}", path, cleanup


def run_sql(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def main() -> None:
    database_url, sqlite_path, cleanup = database_url_for_run()
    with cleanup:
        print(f"faults: preparing {database_url}", flush=True)
        prepare_database(database_url)
        for label, make_redis in (("Redis hung", HungListener), ("Redis closed", None)):
            with contextlib.ExitStack() as stack:
                if make_redis:
                    redis_url = f"redis://127.0.0.1:{stack.enter_context(make_redis()).port}/0"
                else:
                    redis_url = f"redis://127.0.0.1:{closed_port()}/0"
                base = stack.enter_context(running_app(database_url, redis_url))
                timings(base, PUBLIC_PAGES, rounds=1)  # each worker's first renders
                pages = timings(base, PUBLIC_PAGES, rounds=5)
                answer, checks = health(base)
                print(f"{label}: public pages: {summary(pages)}")
                print(f"{label}: /healthz {answer.status} {checks} in {answer.seconds * 1000:.0f} ms")
        for label, port_of in (("database hung", "hung"), ("database closed", "closed")):
            with contextlib.ExitStack() as stack:
                port = stack.enter_context(HungListener()).port if port_of == "hung" else closed_port()
                base = stack.enter_context(running_app(f"postgres://careerpath@127.0.0.1:{port}/careerpath"))
                answer, checks = health(base)
                print(f"{label} (PostgreSQL): /healthz {answer.status} {checks} in {ms(answer.seconds)}")
                for path, method, body in (
                    ("/roles/case-manager/", "GET", None),
                    (PROGRESS_POST, "POST", "status=done"),
                    (ADMIN_LOGIN, "GET", None),
                ):
                    answers = [request(base, path, method, body) for _ in range(3)]
                    print(f"{label} (PostgreSQL): {method} {path}: {summary(answers)}")
        with contextlib.ExitStack() as stack:
            if sqlite_path:
                app_url, fault = database_url, lambda: stack.enter_context(sqlite_locked(sqlite_path))
                label = "database locked (SQLite)"
            else:
                parts = urlsplit(database_url)
                relay = Relay(parts.hostname or "127.0.0.1", parts.port or 5432)
                stack.callback(relay.close)
                user = parts.netloc.rpartition("@")[0]
                netloc = f"{user}@127.0.0.1:{relay.port}" if user else f"127.0.0.1:{relay.port}"
                app_url, fault = urlunsplit(parts._replace(netloc=netloc)), relay.hang
                label = "database hung (PostgreSQL)"
            base = stack.enter_context(running_app(app_url, workers=1))
            timings(base, PUBLIC_PAGES, rounds=2)  # now cached
            fault()
            cached = []
            for _ in range(3):
                cached += timings(base, PUBLIC_PAGES, rounds=1)
                time.sleep(0.6)  # the content-version check comes due again
            answer, checks = health(base)
            uncached = [request(base, "/roles/care-manager/steps/2/") for _ in range(3)]
            print(f"{label}: cached public pages: {summary(cached)}")
            print(f"{label}: uncached page: {summary(uncached)}")
            print(f"{label}: /healthz {answer.status} {checks} in {answer.seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
