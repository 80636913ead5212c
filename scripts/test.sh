#!/usr/bin/env bash
# The whole test run behind `make test`: install what is missing, start PostgreSQL, Redis,
# Elasticsearch and S3Proxy on loopback, run the suite against them and, at the same time, on
# the embedded default (SQLite, eager Celery, FTS5), then the stack's end-to-end and fault
# tests (local storage, then S3), stop what was started, and fail if anything failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
PY=.venv/bin/python

bash scripts/install-system-deps.sh || exit 1
if [ -f package-lock.json ]; then
  # axe-core (accessibility checks in the browser tests) and the portal's vendored JS.
  npm ci --no-audit --no-fund --loglevel=error || exit 1
fi

# Stop only what this run started: a developer's own running services stay up.
started=()
start_service() {  # start_service NAME: start scripts/NAME.sh unless it already runs
  if bash "scripts/$1.sh" status >/dev/null 2>&1; then
    echo "$1 already running; leaving it running afterwards"
  else
    bash "scripts/$1.sh" start || exit 1
    started+=("$1")
  fi
}
cleanup() {
  local s
  # the background embedded pass, when the run ends early
  if [ -n "${embedded_pid:-}" ]; then kill "$embedded_pid" 2>/dev/null || true; fi
  for s in "${started[@]}"; do bash "scripts/$s.sh" stop >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

status=0
step() { echo; echo "== $*"; }

step "lint"
.venv/bin/ruff check . && .venv/bin/ruff format --check . || status=1
# The import rule (layers, independence, no circles, services never import their tasks):
# contracts in pyproject.toml.
.venv/bin/lint-imports --no-cache --no-logo || status=1

step "analysis plugin of Elasticsearch: Maven build and JUnit tests"
# Also when the node already runs (start_service then leaves it alone); skipped when the
# plugin's sources passed before (scripts/elasticsearch.sh, ES_PLUGIN_REBUILD=1 forces it).
bash scripts/elasticsearch.sh plugin || status=1

step "compose-config: docker compose config without Docker, for tests/config/test_docker.py"
# Built with Go from scripts/compose-config; skipped when the binary is newer than its sources.
bash scripts/compose-config.sh build || status=1

step "suite on the embedded default (SQLite, eager Celery, FTS5): started beside the others"
# It needs no service and has its own data folder and pytest folder, so it runs while the
# PostgreSQL pass and the stack step do (they wait on the services much of the time: about a
# third less wall time on two cores). Its report is printed at the end.
embedded="$(mktemp -d "${TMPDIR:-/tmp}/archive-test-embedded.XXXXXX")"
mkdir -p "$embedded/data"
env -u DATABASE_URL -u CELERY_BROKER_URL -u ELASTICSEARCH_URL -u S3_TEST_URL -u STACK_URL \
  DATA_DIR="$embedded/data" \
  "$PY" -m pytest -p no:cacheprovider --basetemp="$embedded/pytest" "$@" \
  >"$embedded/report" 2>&1 &
embedded_pid=$!
echo "running in the background (pid $embedded_pid); report: $embedded/report"

step "starting services"
start_service postgres
start_service redis
start_service elasticsearch
start_service s3proxy
es_url="http://127.0.0.1:${ES_PORT:-9200}"

# Test data lives in a throw-away folder, never in the developer's data/.
export DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/archive-test-data.XXXXXX")"
export PYTHONDONTWRITEBYTECODE=1

step "suite on PostgreSQL + Redis${es_url:+ + Elasticsearch}"
DATABASE_URL="$(bash scripts/postgres.sh url)" \
CELERY_BROKER_URL="$(bash scripts/redis.sh url)" \
ELASTICSEARCH_URL="$es_url" \
S3_TEST_URL="$(bash scripts/s3proxy.sh url)" \
  "$PY" -m pytest -p no:cacheprovider "$@" || status=1

step "the stack: make stack, its end-to-end and fault tests (tests/stack), make stack-down"
# The production topology on the services above (its own folder, database and index prefix,
# emptied first). The fault tests restart PostgreSQL, Redis and Elasticsearch: this step runs
# while no other pass does.
stack_began=$SECONDS
export STACK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/archive-stack.XXXXXX")"
if STACK_FRESH=1 bash scripts/stack.sh start; then
  bash scripts/stack.sh exec "$PY" -m pytest -p no:cacheprovider tests/stack || status=1
else
  status=1
fi
bash scripts/stack.sh stop || status=1
rm -rf "$STACK_DIR"
# The same topology on S3-compatible storage (S3Proxy): the object-store fault, and readiness
# with the store as one of its checks; the other tests ran on local storage above.
export STACK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/archive-stack-s3.XXXXXX")"
if STACK_FRESH=1 STACK_STORAGE=s3 bash scripts/stack.sh start; then
  bash scripts/stack.sh exec "$PY" -m pytest -p no:cacheprovider tests/stack/test_health.py \
    tests/stack/test_faults.py::test_s3_stopped_during_uploads_clear_failure_no_record_without_file \
    || status=1
else
  status=1
fi
bash scripts/stack.sh stop || status=1
rm -rf "$STACK_DIR"
unset STACK_DIR
echo "stack step: $((SECONDS - stack_began)) s"

step "suite on the embedded default (SQLite, eager Celery, FTS5): its report"
wait "$embedded_pid" || status=1
cat "$embedded/report"
rm -rf "$embedded"

rm -rf "$DATA_DIR"
echo
if [ "$status" -eq 0 ]; then echo "make test: all passed"; else echo "make test: FAILED"; fi
exit "$status"
