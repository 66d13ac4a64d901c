"""Benchmark CareerPath the way `make serve` runs it: nginx with its HTTP cache in front of gunicorn.

    make bench                                # figures for each public page and the goals below
    scripts/bench.py --scale-out [--check]    # two gunicorn instances on PostgreSQL + Redis behind
                                              # one nginx, an admin edit mid-run (make bench-scale)
    scripts/bench.py --local-workers [--check]  # one gunicorn with 4 workers, local-memory cache,
                                              # SQLite, behind nginx, an admin edit mid-run

The servers are started with scripts/serve.py's functions and deploy/nginx.conf, so "through the
HTTP cache" is exactly what `make serve` runs. Prints figures and asserts nothing, except that
--check exits 1 when a response after the edit's 2-second window was stale, or any failed.
Loads are bounded in count and time and hit only 127.0.0.1. Uses wrk (apt-get installs it).

Goals printed by `make bench`:
  role page through the HTTP cache ÷ a static file through the same nginx      ≥ 0.95
  role page from Django's cache, straight from gunicorn ÷ a WhiteNoise file      ≥ 0.8
  a visitor's progress fragment (HX-Request, a session with marks), p50          ≤ 10 ms
  role page rendered with no cache at all, p50                                   ≤ 40 ms
  site search (/search/?q=…) rendered with no cache at all, p50                  ≤ 20 ms
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import http.cookiejar
import json
import os
import re
import shutil
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serve  # noqa: E402  (scripts/serve.py: the same stack as `make serve`)

ROOT = serve.ROOT
PYTHON = sys.executable
ROLE = "/roles/case-manager/"
SEARCH = "/search/?q=how+much+do+case+managers+earn"
PAGES = [
    "/",
    ROLE,
    "/roles/case-manager/steps/3/",
    "/faqs/?q=degree",
    "/certifications/",
    "/certifications/ccm/",
    "/compare/",
    "/case-management/",
    "/advisor/?education=bachelor&field=psychology&cm_months=24",
]
GZIP = {"Accept-Encoding": "gzip"}
SECONDS = 4  # each wrk run
ROUNDS = 3  # repeated measurements; the median round is kept
PAIRED_ROUNDS, PAIRED_SECONDS = 5, 2  # short runs in turns, so both sides see the machine alike
# Turns off every cache in the app for the cold-render figure. PAGE_CACHE_SECONDS=0 is today's
# setting; NO_CACHE=1 asks settings.py for a DummyCache (see the report of issue #12).
UNCACHED = {"PAGE_CACHE_SECONDS": "0", "NO_CACHE": "1"}


def bench_environment(port: int, workdir: Path, **extra: str) -> dict[str, str]:
    """`make serve`'s settings, on the bench's own database unless told otherwise."""
    workdir.chmod(0o755)  # nginx's workers (another user when started as root) write below it
    env = serve.app_environment(
        port,
        runtime=workdir,
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        AXES_ENABLED="0",
        LOG_LEVEL="ERROR",
        GUNICORN_LOG_LEVEL="error",
    )
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


# --- load --------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    binary = shutil.which("wrk")
    if binary:
        return binary
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-q", "wrk"]
        if subprocess.run(install, env=env, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True)
            subprocess.run(install, env=env, capture_output=True)
    binary = shutil.which("wrk")
    if not binary:
        raise SystemExit("the bench needs wrk: `sudo apt-get install wrk`")
    return binary


WRK = ""


def wrk(url: str, headers: dict[str, str] | None = None, connections: int = 8, seconds: int = SECONDS):
    """req/s, p50 and p99 in ms, and non-2xx/3xx responses (plus socket errors) of one wrk run."""
    assert url.startswith("http://127.0.0.1:")
    flags = [arg for name, value in {**GZIP, **(headers or {})}.items() for arg in ("-H", f"{name}: {value}")]
    output = subprocess.run(
        [WRK, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", *flags, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label: str) -> float:
        match = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)\b", output)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def serial(url: str, headers: dict[str, str] | None = None) -> dict[str, float]:
    """One request at a time, so queueing behind other requests is not counted; median of ROUNDS."""
    results = sorted((wrk(url, headers, connections=1) for _ in range(ROUNDS)), key=lambda f: f["p50"])
    return results[len(results) // 2]


def workers_cpu(master: int) -> float:
    """CPU seconds used so far by a server's worker processes (nginx's or gunicorn's)."""
    total = 0
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / os.sysconf("SC_CLK_TCK")


def paired(first: str, second: str, server: int) -> tuple[float, dict, dict, float]:
    """Load two addresses in turns; keep the round with the median req/s ratio.

    This machine's speed drifts (and other work shares it), so short runs in turns are compared.
    Also gives the ratio of the server workers' CPU time per request (second ÷ first), which
    other load on the machine disturbs much less.
    """
    rounds = []
    for _ in range(PAIRED_ROUNDS):
        cpu = []
        for url in (first, second):
            before = workers_cpu(server)
            figures = wrk(url, seconds=PAIRED_SECONDS)
            cpu.append((workers_cpu(server) - before) / max(1, figures["rps"] * PAIRED_SECONDS))
            if url == first:
                a = figures
            else:
                b = figures
        rounds.append((a, b, a["rps"] / b["rps"], cpu[1] / cpu[0] if cpu[0] else float("nan")))
    rounds.sort(key=lambda round_: round_[2])
    a, b, ratio, _ = rounds[len(rounds) // 2]
    cpu_ratio = sorted(round_[3] for round_ in rounds)[len(rounds) // 2]
    return ratio, a, b, cpu_ratio


def fetch(
    url: str, headers: dict[str, str] | None = None, raw: bool = False
) -> tuple[int, dict[str, str], bytes]:
    """GET with http.client (no redirects followed); the body is gunzipped when it came gzipped."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(
            "GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers or {}
        )
        response = connection.getresponse()
        body = response.read()
        if response.getheader("Content-Encoding") == "gzip" and not raw:
            body = gzip.decompress(body)
        return response.status, dict(response.getheaders()), body
    finally:
        connection.close()


def gzip_bytes(url: str) -> int:
    request = urllib.request.Request(url, headers=GZIP)
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") != "gzip":
            body = gzip.compress(body)
    return len(body)


def page_weight(base: str, path: str) -> int:
    """HTML + the CSS and JS it links, each as transferred with gzip."""
    html = fetch(base + path)[2].decode()
    total = gzip_bytes(base + path)
    for asset in set(re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js|svg))"', html)):
        total += gzip_bytes(base + asset)
    return total


# --- a visitor with progress ---------------------------------------------------------------------


def visitor_with_progress(base: str, slug: str = "case-manager") -> dict[str, str]:
    """Mark some steps and write a note as a new visitor; give the headers that visitor then sends.

    The POSTs carry the Origin and Sec-Fetch-Site a browser sends, which is what the app checks.
    """
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    same_origin = {"Origin": base, "Sec-Fetch-Site": "same-origin"}
    posts = [
        ("steps/1/status/", {"status": "done"}),
        ("steps/2/status/", {"status": "done"}),
        ("steps/3/status/", {"status": "in-progress"}),
        ("steps/3/note/", {"note": "Ask my supervisor about the CCM hours."}),
    ]
    for path, form in posts:
        opener.open(
            urllib.request.Request(
                f"{base}/roles/{slug}/{path}", urllib.parse.urlencode(form).encode(), headers=same_origin
            ),
            timeout=10,
        ).read()
    cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
    if "sessionid=" not in cookies:
        raise SystemExit(f"marking steps gave no session cookie (cookies: {cookies!r})")
    return {"Cookie": cookies, "HX-Request": "true"}


def query_counts(env: dict[str, str]) -> dict[str, int]:
    """SQL queries per page with an empty cache, and for the progress fragment."""
    script = (
        "import django, json, os, sys\n"
        "django.setup()\n"
        "from django.core.cache import cache\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "counts = {}\n"
        "def count(key, client, path, **headers):\n"
        "    cache.clear()\n"
        "    try:\n"
        "        with CaptureQueriesContext(connection) as queries:\n"
        "            client.get(path, **headers)\n"
        "        counts[key] = len(queries)\n"
        "    except Exception as error:\n"
        "        print(path, repr(error), file=sys.stderr)\n"
        "        counts[key] = -1\n"
        "for path in sys.argv[1:]:\n"
        "    count(path, Client(HTTP_HOST='127.0.0.1'), path)\n"
        "visitor = Client(HTTP_HOST='127.0.0.1')\n"
        "visitor.post('/roles/case-manager/steps/1/status/', {'status': 'done'},\n"
        "             HTTP_ORIGIN='http://127.0.0.1', HTTP_SEC_FETCH_SITE='same-origin')\n"
        "visitor.get('/roles/case-manager/progress/', HTTP_HX_REQUEST='true')\n"
        "count('progress', visitor, '/roles/case-manager/progress/', HTTP_HX_REQUEST='true')\n"
        "print(json.dumps(counts))\n"
    )
    output = subprocess.run([PYTHON, "-c", script, *PAGES], cwd=ROOT, env=env, capture_output=True, text=True)
    lines = output.stdout.strip().splitlines()
    if not lines:
        print("could not count queries:", output.stderr[-2000:], file=sys.stderr)
        return {}
    return json.loads(lines[-1])


# --- make bench ----------------------------------------------------------------------------------


def single_run() -> None:
    global WRK
    WRK = ensure_wrk()
    serve.ensure_nginx()
    workdir = Path(tempfile.mkdtemp(prefix="careerpath-bench-"))
    port, app_port, cold_port = 8765, 8766, 8767
    env = bench_environment(port, workdir)
    static_copy = serve.STATIC_ROOT / "bench"
    try:
        serve.prepare(env, quiet=True)
        counts = query_counts(env)
        # A copy of the role page among the static files, with the app's gzipped body beside it as
        # collectstatic does, so nginx (gzip_static) and WhiteNoise send the same bytes as the page.
        # WhiteNoise reads the folder when it starts: the stack is started again afterwards.
        with serve.Stack(env, port, [app_port], workers=2, runtime=workdir / "serve") as stack:
            status, headers, page = fetch(stack.app_urls[0] + ROLE, GZIP, raw=True)
            if status != 200 or headers.get("Content-Encoding") != "gzip":
                raise SystemExit(f"{ROLE} answered {status} {headers}")
        static_copy.mkdir(parents=True, exist_ok=True)
        (static_copy / "role.html").write_bytes(gzip.decompress(page))
        (static_copy / "role.html.gz").write_bytes(page)  # the very bytes the app sends
        measure(env, port, app_port, cold_port, workdir, counts)
    finally:
        shutil.rmtree(static_copy, ignore_errors=True)
        shutil.rmtree(workdir, ignore_errors=True)


def measure(env, port, app_port, cold_port, workdir, counts) -> None:
    rows = []
    with serve.Stack(env, port, [app_port], workers=2, runtime=workdir / "serve") as stack:
        edge, app = stack.url, stack.app_urls[0]
        print(f"load: wrk, {SECONDS} s a run, 8 connections (1 for p50 figures), Accept-Encoding: gzip")
        print(f"nginx on {edge} in front of gunicorn on {app} (2 workers), SQLite, local-memory cache\n")
        for path in PAGES:
            fetch(edge + path, GZIP)  # fill both caches
            cache_status = fetch(edge + path, GZIP)[1].get("X-Cache-Status", "-")
            rows.append((path, wrk(edge + path), wrk(app + path), cache_status, counts.get(path, -1)))
            rows[-1] += (page_weight(edge, path),)

        nginx, gunicorn = stack.processes[-1].pid, stack.processes[0].pid
        static = "/static/bench/role.html"
        edge_ratio, edge_page, edge_static, edge_cpu = paired(edge + ROLE, edge + static, nginx)
        app_ratio, app_page, app_static, app_cpu = paired(app + ROLE, app + static, gunicorn)
        visitor = visitor_with_progress(edge)
        progress_url = "/roles/case-manager/progress/"
        status, headers, _ = fetch(edge + progress_url, visitor)
        progress_edge = serial(edge + progress_url, visitor)
        progress_app = serial(app + progress_url, visitor)
    with serve.Stack({**env, **UNCACHED}, cold_port, [cold_port + 1], runtime=workdir / "cold") as cold:
        cold_rows = [
            (path, serial(cold.app_urls[0] + path)) for path in [ROLE, "/compare/", "/faqs/?q=degree", SEARCH]
        ]

    print(
        f"{'public page':58} {'nginx r/s':>9} {'cache':>6} {'gunicorn r/s':>12} {'p50 ms':>7} "
        f"{'SQL':>4} {'gzip B':>7} {'err':>4}"
    )
    for path, through, direct, cache_status, queries, weight in rows:
        print(
            f"{path:58} {through['rps']:9.0f} {cache_status[:6]:>6} {direct['rps']:12.0f} "
            f"{direct['p50']:7.2f} {queries:4d} {weight:7d} {through['errors'] + direct['errors']:4d}"
        )
    print("(nginx r/s: through the HTTP cache; gunicorn r/s and p50: straight from gunicorn, Django's cache)")
    print()
    for label, figures in (
        (f"{ROLE} through nginx", edge_page),
        ("its static copy through nginx", edge_static),
        (f"{ROLE} straight from gunicorn", app_page),
        ("its static copy from WhiteNoise, same gunicorn", app_static),
    ):
        print(f"{label:58} {figures['rps']:9.0f} r/s  p50 {figures['p50']:6.2f} ms  err {figures['errors']}")
    print()
    print(
        f"progress fragment: status {status}, Cache-Control: {headers.get('Cache-Control')!r}, "
        f"X-Cache-Status: {headers.get('X-Cache-Status')!r}, SQL {counts.get('progress', -1)}"
    )
    for path, figures in cold_rows:
        print(
            f"{path:58} uncached, one at a time: p50 {figures['p50']:6.2f} ms, p99 {figures['p99']:6.2f} ms"
        )
    print()
    cold_role = cold_rows[0][1]
    cold_search = cold_rows[3][1]
    goals = [
        (
            "role page through the HTTP cache / static file through nginx",
            edge_ratio,
            "≥ 0.95",
            edge_ratio >= 0.95,
        ),
        ("   nginx workers' CPU per request, static file / role page", edge_cpu, "", None),
        ("role page from Django's cache / WhiteNoise file, gunicorn", app_ratio, "≥ 0.8", app_ratio >= 0.8),
        ("   gunicorn workers' CPU per request, WhiteNoise file / role page", app_cpu, "", None),
        (
            "progress fragment (HX-Request, marks) p50 ms through nginx",
            progress_edge["p50"],
            "≤ 10",
            progress_edge["p50"] <= 10,
        ),
        ("   the same straight from gunicorn", progress_app["p50"], "", None),
        ("uncached role render p50 ms (no cache at all)", cold_role["p50"], "≤ 40", cold_role["p50"] <= 40),
        ("uncached search p50 ms (no cache at all)", cold_search["p50"], "≤ 20", cold_search["p50"] <= 20),
    ]
    print(f"{'goal':64} {'figure':>8} {'goal':>6}")
    for label, figure, goal, met in goals:
        verdict = "" if met is None else ("met" if met else "NOT MET")
        print(f"{label:64} {figure:8.2f} {goal:>6} {verdict}")
    print(
        f"(ratios: median of {PAIRED_ROUNDS} paired rounds; p50s: median of {ROUNDS} runs of one connection)"
    )


# --- an admin edit under load ---------------------------------------------------------------------


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


ADMIN = ("bench", "bench-password-123")


def admin_edit(base: str, faq_id: int, question: str) -> None:
    """Log in to the admin and change one FAQ's question, as an editor would."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = _FormInputs()
    login.feed(opener.open(base + "/admin/login/", timeout=10).read().decode())
    data = {**login.fields, "username": ADMIN[0], "password": ADMIN[1], "next": "/admin/"}
    opener.open(
        urllib.request.Request(
            base + "/admin/login/",
            urllib.parse.urlencode(data).encode(),
            headers={"Referer": base + "/admin/login/"},
        ),
        timeout=10,
    )
    url = f"{base}/admin/roles/faq/{faq_id}/change/"
    form = _FormInputs()
    form.feed(opener.open(url, timeout=10).read().decode())
    form.fields["question"] = question
    form.fields.pop("_saveasnew", None)
    save = urllib.request.Request(url, urllib.parse.urlencode(form.fields).encode(), headers={"Referer": url})
    # The save answers with a redirect once committed; the clock stops there, not after the next page.
    try:
        with urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirects()).open(
            save, timeout=10
        ) as response:
            refused = "errornote" in response.read().decode()
    except urllib.error.HTTPError as answer:
        refused = answer.code != 302
    if refused:
        raise SystemExit("the admin refused the edit")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def editor_and_faq(env: dict[str, str]) -> int:
    """Create the bench's admin user; give the id of the FAQ the run edits."""
    script = (
        "import django\n"
        "django.setup()\n"
        "from django.contrib.auth.models import User\nfrom roles.models import Faq\n"
        f"User.objects.filter(username={ADMIN[0]!r}).delete()\n"
        f"User.objects.create_superuser({ADMIN[0]!r}, 'bench@example.com', {ADMIN[1]!r})\n"
        "print(Faq.objects.get(role__slug='case-manager', order=1).pk)\n"
    )
    output = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return int(output.stdout.split()[-1])


WINDOW = 2.0  # seconds after the edit within which a stale page is allowed
EDIT_AT = 3.0  # seconds of load before the edit


def edit_under_load(stack: serve.Stack, faq_id: int, threads: int = 6) -> dict[str, float]:
    """Load /faqs/ through nginx, edit an FAQ through the admin (also through nginx) after EDIT_AT s.

    A response counts as stale when its request started more than WINDOW s after the edit was
    saved (the admin's answer came back) and the page does not show the new question.
    """
    marker = f"How do I become a case manager? (edited {time.time_ns()})"
    url = stack.url + "/faqs/"
    samples: list[tuple[float, bool]] = []  # (request start, shows the edit); failures apart
    failures: list[str] = []
    lock = threading.Lock()
    # Until WINDOW + 2 s after the save, however long the admin takes under load; 60 s at most.
    stop = time.monotonic() + 60

    def worker(number: int):
        headers = GZIP if number % 2 else {}  # both the stored gzip and nginx's gunzipped copy
        while time.monotonic() < stop:
            started = time.monotonic()
            try:
                status, _, body = fetch(url, headers)
            except Exception as error:
                with lock:
                    failures.append(repr(error))
                continue
            with lock:
                if status != 200:
                    failures.append(f"status {status}")
                else:
                    samples.append((started, marker.encode() in body))

    pool = [threading.Thread(target=worker, args=(number,)) for number in range(threads)]
    for thread in pool:
        thread.start()
    time.sleep(EDIT_AT)
    edit_started = time.monotonic()
    admin_edit(stack.url, faq_id, marker)
    edited = time.monotonic()
    stop = edited + WINDOW + 2
    for thread in pool:
        thread.join()
    after = [(started - edited, fresh) for started, fresh in samples if started >= edited]
    stale = [offset for offset, fresh in after if not fresh]
    fresh = [offset for offset, fresh in after if fresh]
    return {
        "before": len(samples) - len(after),
        "after": len(after),
        "stale_in_window": sum(1 for offset in stale if offset <= WINDOW),
        "stale_after_window": sum(1 for offset in stale if offset > WINDOW),
        "last_stale": max(stale, default=float("nan")),
        "first_fresh": min(fresh, default=float("nan")),
        "edit_seconds": edited - edit_started,
        "failed": len(failures),
        "failures": sorted(set(failures))[:5],
    }


def report(label: str, results: dict[str, float]) -> bool:
    print(label)
    print(
        f"  requests before the edit: {results['before']}, after: {results['after']}; "
        f"the admin save took {results['edit_seconds']:.2f} s"
    )
    print(
        f"  after the save: first fresh page at +{results['first_fresh']:.2f} s, last stale page at "
        f"+{results['last_stale']:.2f} s; stale within {WINDOW:.0f} s: {results['stale_in_window']}, "
        f"stale after {WINDOW:.0f} s: {results['stale_after_window']}, failed: {results['failed']} "
        f"{results['failures'] or ''}"
    )
    return not (results["stale_after_window"] or results["failed"] or not results["after"])


def scale_out_run() -> bool:
    """Two gunicorn instances on PostgreSQL + Redis behind one nginx (deploy/nginx.conf)."""
    database = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    workdir = Path(tempfile.mkdtemp(prefix="careerpath-scale-"))
    port, app_ports = 8770, [8771, 8772]
    env = bench_environment(port, workdir, DATABASE_URL=database, REDIS_URL=redis)
    try:
        serve.prepare(env, quiet=True, reset_content=True)
        faq_id = editor_and_faq(env)
        with serve.Stack(env, port, app_ports, workers=2, runtime=workdir / "serve") as stack:
            results = edit_under_load(stack, faq_id)
    finally:
        serve.prepare(env, quiet=True, reset_content=True)  # puts the fixture content back
        shutil.rmtree(workdir, ignore_errors=True)
    return report(
        f"two gunicorn instances ({app_ports}, 2 workers each) on PostgreSQL + Redis behind one nginx "
        f"on {port}; an admin edit of an FAQ after {EDIT_AT:.0f} s",
        results,
    )


def local_workers_run(workers: int = 4) -> bool:
    """One gunicorn with several workers, each with its own local-memory cache, SQLite, no Redis."""
    workdir = Path(tempfile.mkdtemp(prefix="careerpath-workers-"))
    port, app_port = 8775, 8776
    env = bench_environment(port, workdir)
    try:
        serve.prepare(env, quiet=True)
        faq_id = editor_and_faq(env)
        with serve.Stack(env, port, [app_port], workers=workers, runtime=workdir / "serve") as stack:
            results = edit_under_load(stack, faq_id)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return report(
        f"`make serve` with {workers} gunicorn workers, local-memory caches, SQLite, no Redis, "
        f"behind nginx on {port}; an admin edit of an FAQ after {EDIT_AT:.0f} s",
        results,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale-out", action="store_true", help="two app servers on PostgreSQL + Redis")
    parser.add_argument(
        "--local-workers", action="store_true", help="one app server, 4 workers, local-memory cache, SQLite"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 on a stale response after the window, or a failed one"
    )
    args = parser.parse_args()
    if not (args.scale_out or args.local_workers):
        single_run()
        return
    serve.ensure_nginx()
    passed = True
    if args.scale_out:
        passed &= scale_out_run()
    if args.local_workers:
        passed &= local_workers_run()
    if args.check and not passed:
        raise SystemExit(f"some responses more than {WINDOW:.0f} s after the edit were stale, or failed")


if __name__ == "__main__":
    main()
