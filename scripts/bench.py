"""Benchmark CareerPath the way production runs it: gunicorn, DEBUG=0, WhiteNoise, on loopback.

    make bench               # each public page: req/s, p50/p99, SQL queries, gzip bytes, page/static ratio
    make bench-scale         # two gunicorn instances on PostgreSQL + Redis, an admin edit mid-run

Prints figures; it asserts nothing. Loads are bounded in count and time and hit only 127.0.0.1.
"""

from __future__ import annotations

import argparse
import gzip
import http.cookiejar
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PAGES = [
    "/",
    "/roles/case-manager/",
    "/roles/case-manager/steps/3/",
    "/faqs/?q=degree",
    "/certifications/",
    "/certifications/ccm/",
    "/compare/",
    "/case-management/",
    "/advisor/?education=bachelor&field=psychology&cm_months=24",
]


def environment(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "0",
        "AXES_ENABLED": "0",
        "LOG_LEVEL": "ERROR",
    }
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def ensure_wrk() -> str | None:
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    return shutil.which("wrk")


def start_gunicorn(env: dict[str, str], port: int, workers: int = 2) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "careerpath.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return process
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not start on port {port}")


def wrk(binary: str, url: str, seconds: int = 5, connections: int = 8, cookie: str = "") -> dict[str, float]:
    headers = ["-H", "Accept-Encoding: gzip"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    output = subprocess.run(
        [binary, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label: str) -> float:
        match = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", output)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def python_load(url: str, seconds: float = 4.0, threads: int = 4, cookie: str = "") -> dict[str, float]:
    """A small bounded load generator for machines without wrk."""
    timings: list[float] = []
    errors = 0
    stop = time.time() + seconds
    lock = threading.Lock()

    def worker():
        nonlocal errors
        while time.time() < stop:
            started = time.perf_counter()
            try:
                urllib.request.urlopen(
                    urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {}), timeout=5
                ).read()
                with lock:
                    timings.append((time.perf_counter() - started) * 1000)
            except Exception:
                with lock:
                    errors += 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    timings.sort()
    return {
        "rps": len(timings) / seconds,
        "p50": statistics.median(timings) if timings else float("nan"),
        "p99": timings[int(len(timings) * 0.99) - 1] if timings else float("nan"),
        "errors": errors,
    }


def gzip_bytes(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=5) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") != "gzip":
            body = gzip.compress(body)
    return len(body)


def page_weight(base: str, path: str) -> int:
    """HTML + the CSS and JS it links, each as transferred with gzip."""
    html = urllib.request.urlopen(base + path, timeout=5).read().decode()
    total = gzip_bytes(base + path)
    for asset in set(re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js|svg))"', html)):
        total += gzip_bytes(base + asset)
    return total


ROUNDS = 3


def median_of(rounds: int, measure) -> dict[str, float]:
    """Measure several times and keep the round with the median p50: this machine's speed drifts."""
    results = sorted((measure() for _ in range(rounds)), key=lambda figures: figures["p50"])
    return results[len(results) // 2]


def visitor_with_progress(base: str, role: str) -> str:
    """Mark a role's first step done as a new visitor; give the Cookie header that visitor sends."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = _FormInputs()
    form.feed(opener.open(f"{base}/roles/{role}/").read().decode())
    opener.open(
        urllib.request.Request(
            f"{base}/roles/{role}/steps/1/status/",
            urllib.parse.urlencode(
                {"csrfmiddlewaretoken": form.fields["csrfmiddlewaretoken"], "status": "done"}
            ).encode(),
            headers={"Referer": f"{base}/roles/{role}/"},
        )
    )
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def query_counts(env: dict[str, str]) -> dict[str, int]:
    script = (
        "import django, json, os, sys\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'careerpath.settings')\n"
        "django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "from django.core.cache import cache\n"
        "counts = {}\n"
        "for path in sys.argv[1:]:\n"
        "    cache.clear()\n"
        "    try:\n"
        "        with CaptureQueriesContext(connection) as queries:\n"
        "            Client(HTTP_HOST='127.0.0.1').get(path)\n"
        "        counts[path] = len(queries)\n"
        "    except Exception as error:\n"
        "        print(path, error, file=sys.stderr)\n"
        "        counts[path] = -1\n"
        "visitor = Client(HTTP_HOST='127.0.0.1')\n"
        "visitor.post('/roles/case-manager/steps/1/status/', {'status': 'done'})\n"
        "visitor.get('/roles/case-manager/')\n"
        "with CaptureQueriesContext(connection) as queries:\n"
        "    visitor.get('/roles/case-manager/')\n"
        "counts['progress'] = len(queries)\n"
        "print(json.dumps(counts))\n"
    )
    output = subprocess.run([PYTHON, "-c", script, *PAGES], cwd=ROOT, env=env, capture_output=True, text=True)
    lines = output.stdout.strip().splitlines()
    if not lines:
        print("could not count queries:", output.stderr[-2000:], file=sys.stderr)
        return {}
    return json.loads(lines[-1])


def single_run() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="careerpath-bench-"))
    env = environment(DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}")
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput")
    manage(env, "load_content")
    manage(env, "collectstatic", "--noinput")
    wrk_binary = ensure_wrk()
    load = (lambda url: wrk(wrk_binary, url)) if wrk_binary else python_load
    # Render time is measured one request at a time, so queueing behind other requests is not counted.
    if wrk_binary:

        def serial(url, cookie=""):
            return wrk(wrk_binary, url, connections=1, cookie=cookie)
    else:

        def serial(url, cookie=""):
            return python_load(url, threads=1, cookie=cookie)

    print(f"load tool: {'wrk' if wrk_binary else 'python threads (install wrk for better figures)'}")
    counts = query_counts(env)

    static_dir = ROOT / "staticfiles" / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    port = 8765
    rows = []
    cached = start_gunicorn(env, port)
    try:
        base = f"http://127.0.0.1:{port}"
        for path in PAGES:
            urllib.request.urlopen(base + path).read()  # warm the cache
            figures = load(base + path)
            rows.append((path, "cached", figures, counts.get(path, -1), page_weight(base, path)))
        page = urllib.request.urlopen(base + "/roles/case-manager/").read()
        # Compressed beside it, as collectstatic's storage does, so WhiteNoise serves it gzipped.
        (static_dir / "role.html").write_bytes(page)
        (static_dir / "role.html.gz").write_bytes(gzip.compress(page))
    finally:
        cached.terminate()
        cached.wait()

    # The page and its static copy are loaded in turns, each by a server running alone, and the
    # median round is kept, so both see the machine at about the same speed.
    def alone(path: str, warm: bool) -> dict[str, float]:
        server = start_gunicorn(env, port)
        try:
            if warm:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read()
            return load(f"http://127.0.0.1:{port}{path}")
        finally:
            server.terminate()
            server.wait()

    pairs = sorted(
        (
            (alone("/roles/case-manager/", warm=True), alone("/static/bench/role.html", warm=False))
            for _ in range(ROUNDS)
        ),
        key=lambda pair: pair[0]["rps"] / pair[1]["rps"],
    )
    role_figures, static_figures = pairs[len(pairs) // 2]

    # A visitor with progress never gets the whole-page cache: their step list is rendered for
    # them, and the guide's other sections come from the fragment cache.
    with_progress = start_gunicorn(env, port + 2)
    try:
        base = f"http://127.0.0.1:{port + 2}"
        cookie = visitor_with_progress(base, "case-manager")
        urllib.request.urlopen(
            urllib.request.Request(base + "/roles/case-manager/", headers={"Cookie": cookie})
        )
        figures = median_of(ROUNDS, lambda: serial(base + "/roles/case-manager/", cookie=cookie))
        rows.append(("/roles/case-manager/", "progress", figures, counts.get("progress", -1), None))
    finally:
        with_progress.terminate()
        with_progress.wait()

    # With no cache at all: the first view of a page after a content edit.
    uncached = start_gunicorn({**env, "PAGE_CACHE_SECONDS": "0"}, port + 1)
    try:
        base = f"http://127.0.0.1:{port + 1}"
        for path in ["/roles/case-manager/", "/compare/", "/faqs/?q=degree"]:
            figures = median_of(ROUNDS, lambda url=base + path: serial(url))
            rows.append((path, "uncached", figures, counts.get(path, -1), page_weight(base, path)))
    finally:
        uncached.terminate()
        uncached.wait()

    print(
        f"{'page':58} {'mode':9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'SQL':>4} {'gzip B':>7} {'err':>4}"
    )
    for path, mode, figures, queries, weight in rows:
        print(
            f"{path:58} {mode:9} {figures['rps']:8.0f} {figures['p50']:8.2f} {figures['p99']:8.2f} "
            f"{queries:4d} {'-' if weight is None else weight:>7} {figures['errors']:4d}"
        )
    for label, figures in (
        ("/roles/case-manager/, in turns with", role_figures),
        ("its static copy", static_figures),
    ):
        print(f"{label:58} {'paired':9} {figures['rps']:8.0f} {figures['p50']:8.2f} {figures['p99']:8.2f}")
    print(
        f"cached role page / static file throughput: {role_figures['rps'] / static_figures['rps']:.2f} "
        f"(median of {ROUNDS} paired rounds; goal ≥ 0.5)"
    )
    cold = next(
        figures for path, mode, figures, *_ in rows if path == "/roles/case-manager/" and mode == "uncached"
    )
    print(f"uncached role page render, p50 of one request at a time: {cold['p50']:.1f} ms (goal < 25 ms)")
    shutil.rmtree(static_dir, ignore_errors=True)
    shutil.rmtree(workdir, ignore_errors=True)


class _FormInputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "checkbox"}:
            self.fields[name] = attrs.get("value") or ""
        elif tag == "input" and name and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.fields[name] = attrs.get("value") or "on"
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        if tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def admin_edit(base: str, faq_id: int, question: str) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = _FormInputs()
    login.feed(opener.open(base + "/admin/login/").read().decode())
    data = {**login.fields, "username": "bench", "password": "bench-password-123", "next": "/admin/"}
    opener.open(
        urllib.request.Request(
            base + "/admin/login/",
            urllib.parse.urlencode(data).encode(),
            headers={"Referer": base + "/admin/login/"},
        )
    )
    url = f"{base}/admin/roles/faq/{faq_id}/change/"
    form = _FormInputs()
    form.feed(opener.open(url).read().decode())
    form.fields["question"] = question
    form.fields.pop("_saveasnew", None)
    response = opener.open(
        urllib.request.Request(url, urllib.parse.urlencode(form.fields).encode(), headers={"Referer": url})
    )
    if "/change/" in response.geturl() and "errornote" in response.read().decode():
        raise SystemExit("the admin refused the edit")


def scale_out_run() -> dict[str, int]:
    database = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    env = environment(DATABASE_URL=database, REDIS_URL=redis)
    manage(env, "migrate", "--noinput")
    manage(env, "load_content")
    manage(env, "collectstatic", "--noinput")
    setup = (
        "import django, os\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'careerpath.settings')\n"
        "django.setup()\n"
        "from django.contrib.auth.models import User\nfrom roles.models import Faq\n"
        "User.objects.filter(username='bench').delete()\n"
        "User.objects.create_superuser('bench', 'bench@example.com', 'bench-password-123')\n"
        "print(Faq.objects.get(role__slug='case-manager', order=1).pk)\n"
    )
    faq_id = int(
        subprocess.run(
            [PYTHON, "-c", setup], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout.split()[-1]
    )
    ports = [8771, 8772]
    servers = [start_gunicorn(env, port) for port in ports]
    marker = f"How do I become a case manager? (edited {int(time.time())})"
    results = {"before": 0, "after": 0, "stale_after": 0, "failed": 0}
    edit_done = threading.Event()
    stop = time.time() + 8
    lock = threading.Lock()

    def worker(port: int):
        while time.time() < stop:
            seen_edit = edit_done.is_set()
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/faqs/", timeout=5).read().decode()
            except Exception:
                with lock:
                    results["failed"] += 1
                continue
            with lock:
                if seen_edit:
                    results["after"] += 1
                    if marker not in body:
                        results["stale_after"] += 1
                else:
                    results["before"] += 1

    threads = [threading.Thread(target=worker, args=(port,)) for port in ports for _ in range(3)]
    try:
        for thread in threads:
            thread.start()
        time.sleep(3)
        admin_edit(f"http://127.0.0.1:{ports[0]}", faq_id, marker)
        edit_done.set()
        for thread in threads:
            thread.join()
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
            server.wait()
        manage(env, "load_content")  # put the fixture content back
    print(f"two gunicorn instances on {ports}, PostgreSQL + Redis, admin edit after 3 s")
    print(
        f"requests before the edit: {results['before']}, after: {results['after']}, "
        f"stale after the edit: {results['stale_after']}, failed: {results['failed']}"
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale-out", action="store_true", help="two app servers on PostgreSQL + Redis")
    parser.add_argument(
        "--check", action="store_true", help="with --scale-out: exit 1 on any stale or failed response"
    )
    args = parser.parse_args()
    if not args.scale_out:
        single_run()
        return
    results = scale_out_run()
    if args.check and (results["stale_after"] or results["failed"] or not results["after"]):
        raise SystemExit("some responses after the edit were stale or failed")


if __name__ == "__main__":
    main()
