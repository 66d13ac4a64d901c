"""Run CareerPath the way production does, on one machine, in the foreground.

    PORT=8000 make serve            # nginx on 127.0.0.1:$PORT in front of gunicorn
    WEB_CONCURRENCY=4 make serve    # more gunicorn workers (default 2)
    APP_PORT=9001 make serve        # gunicorn's own port (default $PORT + 1, on 127.0.0.1)

nginx (deploy/nginx.conf, filled in) serves /static/ from the collected folder and caches public
pages; gunicorn runs the app with DEBUG=0 on the same database as `make run` (DATABASE_URL and
REDIS_URL pass through when set). Everything nginx writes (pid, logs, temporary files, the HTTP
cache) and a generated secret key live in .serve/, which git ignores. Ctrl-C stops both.

scripts/bench.py starts its servers with the same functions, so what it measures is this stack.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / ".serve"
TEMPLATE = ROOT / "deploy" / "nginx.conf"
STATIC_ROOT = ROOT / "staticfiles"  # settings.STATIC_ROOT
PYTHON = sys.executable
MIME_TYPES = Path("/etc/nginx/mime.types")


def log(message: str) -> None:
    print(f"serve: {message}", file=sys.stderr, flush=True)


# --- nginx ---------------------------------------------------------------------------------------


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(path, os.X_OK)), None
    )


def ensure_nginx() -> str:
    """Give nginx's path, installing Debian's nginx-light (or nginx) first when it is missing."""
    binary = nginx_binary()
    if binary:
        return binary
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit("nginx is not installed: run `sudo apt-get install nginx-light` (or nginx) first")
    log("installing nginx with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    for package in ("nginx-light", "nginx"):
        if subprocess.run(["apt-get", "install", "-y", "-q", package], env=env).returncode == 0:
            break
    binary = nginx_binary()
    if not binary:
        raise SystemExit("could not install nginx with apt-get")
    return binary


def worker_user() -> tuple[str, int, int] | None:
    """nginx started as root switches its workers to another user: the repository's owner.

    A checkout owned by root (as in CI) keeps root workers: `nobody` may not be able to reach the
    static files at all, say in a checkout under a private temporary folder. This stack only
    listens on 127.0.0.1; a deployment sets its own `user` line (see deploy/nginx.conf).
    """
    if os.geteuid() != 0:
        return None
    entry = pwd.getpwuid(ROOT.stat().st_uid)
    return entry.pw_name, entry.pw_uid, entry.pw_gid


def render_nginx_conf(runtime: Path, listen_port: int, app_addresses: Iterable[str]) -> Path:
    """Fill in deploy/nginx.conf for this runtime folder; give the rendered file's path.

    The HTTP cache starts empty: the content may have changed since it was filled.
    """
    cache_dir = runtime / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    temp = [runtime / "tmp" / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")]
    writable = [cache_dir, *temp]
    for folder in [runtime / "logs", *writable]:
        folder.mkdir(parents=True, exist_ok=True)
    user = worker_user()
    if user:
        for folder in [runtime / "tmp", *writable]:
            os.chown(folder, user[1], user[2])
    mime_types = MIME_TYPES
    if not mime_types.exists():  # nginx from elsewhere: the few types this site serves
        mime_types = runtime / "mime.types"
        mime_types.write_text(
            "types {\n text/html html; text/css css; application/javascript js; image/svg+xml svg;\n"
            " image/png png; image/x-icon ico; application/json json; text/plain txt;\n"
            " font/woff2 woff2; application/manifest+json webmanifest;\n}\n"
        )
    user_line = f"user {user[0]} {grp.getgrgid(user[2]).gr_name};" if user else "# not root: no `user` line"
    values = {
        "USER": user_line,
        "RUNTIME": str(runtime),
        "CACHE_DIR": str(cache_dir),
        "MIME_TYPES": str(mime_types),
        "LISTEN": f"127.0.0.1:{listen_port}",
        "UPSTREAM": "\n        ".join(f"server {address};" for address in app_addresses),
        "STATIC_ROOT": str(STATIC_ROOT),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", value)
    unknown = re.findall(r"@@\w+@@", text)
    if unknown:
        raise SystemExit(f"{TEMPLATE} names values serve.py does not fill in: {unknown}")
    rendered = runtime / "nginx.conf"
    rendered.write_text(text)
    return rendered


def start_nginx(conf: Path, runtime: Path) -> subprocess.Popen:
    binary = ensure_nginx()
    command = [binary, "-p", str(runtime), "-e", str(runtime / "logs" / "error.log"), "-c", str(conf)]
    check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
    if check.returncode != 0:
        raise SystemExit(f"nginx refused {conf}:\n{check.stderr}")
    return subprocess.Popen(command, start_new_session=True)


# --- the app -------------------------------------------------------------------------------------


def secret_key(runtime: Path = RUNTIME) -> str:
    """A key generated once for this checkout, kept in .serve/secret_key (git ignores .serve/)."""
    path = runtime / "secret_key"
    if not path.exists():
        runtime.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


def app_environment(port: int, runtime: Path = RUNTIME, **extra: str) -> dict[str, str]:
    """The app's settings for a local production run answering on http://127.0.0.1:<port>."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerpath.settings",
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "PYTHONUNBUFFERED": "1",
        # nginx appends the client's address to X-Forwarded-For: the admin lockout counts by it.
        "TRUSTED_PROXY_COUNT": os.environ.get("TRUSTED_PROXY_COUNT") or "1",
    }
    env["SECRET_KEY"] = os.environ.get("SECRET_KEY") or secret_key(runtime)
    env.update(extra)
    return env


def prepare(env: dict[str, str], quiet: bool = False, reset_content: bool = False) -> None:
    """What `make run` does before serving, plus collectstatic (DEBUG=0 serves the hashed files).

    Content is loaded only into an empty database or from changed files, never over admin edits
    not yet exported (load_content --if-changed); `reset_content` overwrites them (a scratch database).
    """
    output = subprocess.DEVNULL if quiet else None
    load = ["load_content", "--force"] if reset_content else ["load_content", "--if-changed"]
    for args in (["migrate", "--noinput"], load, ["collectstatic", "--noinput"]):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=output)


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "careerpath.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--graceful-timeout",
            "10",
            # Far above the app's own timeouts (database 2 s to connect and 3 s per statement, Redis
            # 0.25 s), so a slow dependency gets the friendly 503 page from Django, never a killed
            # worker and a raw 500.
            "--timeout",
            env.get("GUNICORN_TIMEOUT", "30"),
            "--log-level",
            env.get("GUNICORN_LOG_LEVEL", "warning"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


# --- processes -----------------------------------------------------------------------------------


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_until_answering(url: str, process: subprocess.Popen, name: str, seconds: float = 30) -> None:
    """Wait for any HTTP answer (a 503 health check is an answer too)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with status {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise SystemExit(f"{name} did not answer {url} within {seconds:.0f} s")


def stop(process: subprocess.Popen, seconds: float = 15) -> None:
    """SIGTERM (gunicorn: graceful; nginx: fast shutdown), then SIGKILL to its group if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Stack:
    """gunicorn instance(s) on 127.0.0.1:<app_ports> behind one nginx on 127.0.0.1:<port>."""

    def __init__(
        self,
        env: dict[str, str],
        port: int,
        app_ports: list[int],
        workers: int = 2,
        runtime: Path = RUNTIME,
        app_envs: list[dict[str, str]] | None = None,
    ):
        self.env, self.port, self.app_ports = env, port, app_ports
        self.workers, self.runtime = workers, runtime
        self.app_envs = app_envs or [env] * len(app_ports)
        self.processes: list[subprocess.Popen] = []
        self.url = f"http://127.0.0.1:{port}"
        self.app_urls = [f"http://127.0.0.1:{app_port}" for app_port in app_ports]

    def start(self) -> Stack:
        busy = [port for port in [self.port, *self.app_ports] if not port_is_free(port)]
        if busy:
            raise SystemExit(f"port(s) {busy} on 127.0.0.1 are in use: choose others (PORT=…, APP_PORT=…)")
        try:
            apps = [
                start_gunicorn(env, app_port, self.workers)
                for env, app_port in zip(self.app_envs, self.app_ports, strict=True)
            ]
            self.processes.extend(apps)
            for process, url in zip(apps, self.app_urls, strict=True):
                wait_until_answering(url + "/healthz", process, f"gunicorn on {url}")
            upstream = [f"127.0.0.1:{port}" for port in self.app_ports]
            conf = render_nginx_conf(self.runtime, self.port, upstream)
            nginx = start_nginx(conf, self.runtime)
            self.processes.append(nginx)
            wait_until_answering(self.url + "/healthz", nginx, f"nginx on {self.url}")
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for process in reversed(self.processes):  # nginx first, then the app servers
            stop(process)
        self.processes.clear()

    def exited(self) -> subprocess.Popen | None:
        return next((process for process in self.processes if process.poll() is not None), None)

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _terminate(signum, frame):
    raise KeyboardInterrupt


def main() -> None:
    port = int(os.environ.get("PORT") or 8000)
    app_port = int(os.environ.get("APP_PORT") or port + 1)
    workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
    # Ctrl-C and SIGTERM both stop the stack (SIGINT too when started with it ignored, as `&` does).
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    ensure_nginx()
    env = app_environment(port)
    prepare(env)
    stack = Stack(env, port, [app_port], workers)
    try:
        stack.start()
        log(f"CareerPath is at {stack.url}/ (nginx; gunicorn on 127.0.0.1:{app_port}, {workers} workers)")
        log(f"logs and HTTP cache in {RUNTIME.relative_to(ROOT)}/; Ctrl-C stops")
        while True:
            exited = stack.exited()
            if exited:
                name = Path(exited.args[0]).name if "nginx" in exited.args[0] else "gunicorn"
                raise SystemExit(f"serve: {name} exited with status {exited.returncode}")
            time.sleep(0.5)
    except KeyboardInterrupt:
        log("stopping")
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
