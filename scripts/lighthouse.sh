#!/usr/bin/env bash
# Lighthouse scores for the role page, served by gunicorn as in production (DEBUG=0).
# Installs the npm `lighthouse` package into .lighthouse/ on first use; uses Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8790}
PAGE=${PAGE:-/roles/case-manager/}
workdir=$(mktemp -d)
export DEBUG=0 SECRET_KEY="lighthouse-$(head -c 24 /dev/urandom | base64)" ALLOWED_HOSTS=127.0.0.1 HTTPS=0
export DATABASE_URL="sqlite:///$workdir/db.sqlite3" LOG_LEVEL=ERROR
unset REDIS_URL
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_content >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
if [ ! -x .lighthouse/node_modules/.bin/lighthouse ]; then
  npm install --silent --prefix .lighthouse lighthouse >/dev/null
fi
.venv/bin/python -m gunicorn careerpath.wsgi:application --bind 127.0.0.1:$PORT --workers 2 --log-level error &
server=$!
trap 'kill $server; rm -rf "$workdir"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
CHROME_PATH=/usr/bin/chromium .lighthouse/node_modules/.bin/lighthouse "http://127.0.0.1:$PORT$PAGE" \
  --quiet --output=json --output-path="$workdir/report.json" \
  --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
python3 - "$workdir/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for key, category in report["categories"].items():
    print(f"{category['title']:16} {round(category['score'] * 100):3d}")
PY
