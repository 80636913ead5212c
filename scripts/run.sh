#!/usr/bin/env bash
# Serves the demo on the embedded default: migrate, load the demo collection, make sure an
# admin account exists, then run Django's server on 127.0.0.1:$PORT.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
PY=.venv/bin/python
# Citations, canonical links and harvested records name the address actually served.
export SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT:-8000}}"
"$PY" manage.py migrate --no-input
"$PY" manage.py load_demo
"$PY" manage.py ensure_admin
"$PY" manage.py collectstatic --no-input --verbosity 0
echo "Serving on http://127.0.0.1:${PORT:-8000}/ (admin at /admin/)"
exec "$PY" manage.py runserver "127.0.0.1:${PORT:-8000}" --noreload
