"""The production app (gunicorn, DEBUG=0) with a hung or closed Redis and database.

A hung dependency is a local listener that accepts connections and never answers; a closed one
is a port nobody listens on (scripts/faults.py, which also prints today's figures). The bounds
are the behaviour the README promises, kept generous for a loaded 2-core machine.
"""

import contextlib
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from tests import attack_log

sys.path.insert(0, str(Path(settings.BASE_DIR) / "scripts"))
import faults  # noqa: E402

FRIENDLY_503 = "back in a moment"
AREA = "faults: the production app with a hung or closed dependency"


@pytest.fixture(scope="module")
def app_database():
    """The app's own database, migrated and loaded: SQLite, or PostgreSQL beside the suite's."""
    url, sqlite_path, cleanup = faults.database_url_for_run()
    with cleanup:
        faults.prepare_database(url)
        yield url, sqlite_path


@contextlib.contextmanager
def dependency(state: str):
    """The port of a hung listener, or of a closed one."""
    if state == "hung":
        with faults.HungListener() as listener:
            yield listener.port
    else:
        yield faults.closed_port()


def p95(answers) -> float:
    return faults.percentile([answer.seconds for answer in answers], 0.95)


@pytest.mark.parametrize("state", ["hung", "closed"])
def test_with_redis_down_every_public_page_answers_within_a_second(app_database, state):
    database_url, _ = app_database
    with dependency(state) as port, faults.running_app(database_url, f"redis://127.0.0.1:{port}/0") as base:
        faults.timings(base, faults.PUBLIC_PAGES, rounds=1)  # each worker's first renders
        answers = faults.timings(base, faults.PUBLIC_PAGES, rounds=3)
        health, checks = faults.health(base)
    assert {answer.status for answer in answers} == {200}
    assert p95(answers) < 1.0, faults.summary(answers)
    assert health.status == 503 and checks == {"database": "ok", "cache": "down"}
    assert health.seconds < 1.0
    attack_log.record(AREA, len(answers) + 1, f"Redis {state}: public pages {faults.summary(answers)}")


@pytest.mark.parametrize("state", ["hung", "closed"])
def test_with_postgresql_down_visitors_get_the_friendly_page_within_5_s(state):
    with (
        dependency(state) as port,
        faults.running_app(f"postgres://careerpath@127.0.0.1:{port}/careerpath") as base,
    ):
        health, checks = faults.health(base)
        answers = [
            faults.request(base, path, method, body, timeout=15)
            for path, method, body in [
                ("/roles/case-manager/", "GET", None),
                ("/roles/care-manager/steps/2/", "GET", None),
                (faults.PROGRESS_POST, "POST", "status=done"),
                (faults.ADMIN_LOGIN, "GET", None),
                (faults.ADMIN_LOGIN, "POST", "username=owner&password=guess"),
            ]
        ]
    assert health.status == 503 and checks == {"database": "down", "cache": "ok"}
    assert health.seconds < 1.0
    for answer in answers:
        assert answer.status == 503
        assert FRIENDLY_503 in answer.body
        assert answer.seconds < 5
        assert answer.headers["retry-after"] == "30"
        assert "default-src 'self'" in answer.headers["content-security-policy"]
    slowest = max(answer.seconds for answer in answers)
    attack_log.record(
        AREA, len(answers) + 1, f"PostgreSQL {state}: 503 page, slowest {slowest * 1000:.0f} ms"
    )


def test_cached_pages_keep_serving_while_the_database_is_down(app_database):
    database_url, sqlite_path = app_database
    with contextlib.ExitStack() as stack:
        if sqlite_path:
            app_url, label = database_url, "SQLite locked"
            fault = lambda: stack.enter_context(faults.sqlite_locked(sqlite_path))  # noqa: E731
        else:
            parts = urlsplit(database_url)
            relay = faults.Relay(parts.hostname or "127.0.0.1", parts.port or 5432)
            stack.callback(relay.close)
            user = parts.netloc.rpartition("@")[0]
            app_url = urlunsplit(parts._replace(netloc=f"{user}@127.0.0.1:{relay.port}"))
            fault, label = relay.hang, "PostgreSQL hung"
        base = stack.enter_context(faults.running_app(app_url, workers=1))
        faults.timings(base, faults.PUBLIC_PAGES, rounds=2)  # now in the page cache
        fault()
        cached = []
        for _ in range(3):
            cached += faults.timings(base, faults.PUBLIC_PAGES, rounds=1)
            time.sleep(0.6)  # the content-version check comes due again
        uncached = [faults.request(base, "/roles/care-manager/steps/4/", timeout=15) for _ in range(3)]
        health, checks = faults.health(base)
    assert {answer.status for answer in cached} == {200}
    assert statistics.median(answer.seconds for answer in cached) < 0.5
    assert p95(cached) < 1.0, faults.summary(cached)
    assert max(answer.seconds for answer in cached) < 5
    for answer in uncached:
        assert answer.status == 503 and FRIENDLY_503 in answer.body
        assert answer.seconds < 5
    assert health.status == 503 and checks["database"] == "down"
    assert health.seconds < 1.0
    attack_log.record(AREA, len(cached) + 4, f"{label}: cached pages {faults.summary(cached)}")
