#!/usr/bin/env bash
# scripts/stack.sh — the production topology on one machine, as plain processes (no containers):
# PostgreSQL, Redis and Elasticsearch (the scripts beside this one), gunicorn, a Celery worker for
# the interactive queues, one for the bulk queues, beat, and nginx in front on STACK_PORT.
#
# Usage: scripts/stack.sh start|stop|status|exec CMD...|proc-start NAME|proc-stop NAME [SIGNAL]
#        scripts/stack.sh service-stop|service-start postgres|redis|elasticsearch
#
#   start       start whatever is not running (twice is harmless), migrate, load the demo, make
#               sure the admin exists, then print the URLs, the credentials and the logs
#   stop        stop exactly what `start` started (pid files); PostgreSQL, Redis and
#               Elasticsearch only when `start` had to start them (as scripts/test.sh does)
#   status      each process and service, running or not; exit 1 if any is down
#   exec        run a command in the stack's environment (tests: `exec .venv/bin/python -m pytest
#               tests/stack`)
#   proc-start  (re)start one process (web, worker-interactive, worker-bulk, beat, nginx) if down
#   proc-stop   stop one process (default SIGTERM; e.g. KILL for the fault tests)
#   service-stop/service-start
#               stop a shared service keeping its data (PostgreSQL fast shutdown, Redis SHUTDOWN
#               SAVE, Elasticsearch with ES_KEEP_DATA=1) and start it again: the fault tests
#
# Environment (all optional):
#   STACK_DIR            state: env file, admin password, pids, logs, data (default data/stack)
#   STACK_PORT           nginx's port on 127.0.0.1 (default 8080)
#   STACK_GUNICORN_PORT  gunicorn's port on 127.0.0.1, reached only by nginx (default STACK_PORT+1)
#   STACK_DB_NAME        the stack's database on the shared cluster (default archive_stack)
#   STACK_INDEX_PREFIX   the stack's Elasticsearch index prefix (default stack)
#   STACK_FRESH          1: drop the stack's database and indices first (scripts/test.sh)
#   STACK_STORAGE        local (default: media sent by nginx through X-Accel-Redirect) or s3
#                        (S3Proxy from scripts/s3proxy.sh, presigned redirects); chosen when
#                        the stack's environment is first written
#   WEB_CONCURRENCY, WORKER_CONCURRENCY
#                        gunicorn processes (default 2), interactive worker processes (default 2)
#   PGPORT, REDIS_PORT, ES_PORT, SERVICES_DIR
#                        passed on to postgres.sh, redis.sh, elasticsearch.sh (own instances)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. "$root/scripts/common.sh"

STACK_DIR="${STACK_DIR:-$root/data/stack}"
STACK_PORT="${STACK_PORT:-8080}"
GUNICORN_PORT="${STACK_GUNICORN_PORT:-$((STACK_PORT + 1))}"
STACK_DB="${STACK_DB_NAME:-archive_stack}"
INDEX_PREFIX="${STACK_INDEX_PREFIX:-stack}"
ES_PORT="${ES_PORT:-9200}"
PY="$root/.venv/bin/python"
BIN="$root/.venv/bin"
ENV_FILE="$STACK_DIR/stack.env"
PASSWORD_FILE="$STACK_DIR/admin-password"
RUN="$STACK_DIR/run"
LOGS="$STACK_DIR/logs"
DATA="$STACK_DIR/data"
NGINX_DIR="$STACK_DIR/nginx"
STARTED_SERVICES="$RUN/services-started"
PROCESSES="web worker-interactive worker-bulk beat nginx"
STACK_STORAGE="${STACK_STORAGE:-local}"
SERVICES="postgres redis elasticsearch"
if [ -f "$ENV_FILE" ] && grep -q '^ARCHIVE_STORAGE=s3$' "$ENV_FILE"; then STACK_STORAGE=s3; fi
[ "$STACK_STORAGE" = s3 ] && SERVICES="$SERVICES s3proxy"

say() { printf 'stack: %s\n' "$*"; }

# --- the environment every process of the stack shares ---------------------------------------

write_env() {
  # Written once; kept across starts so the secret key (sessions) and password stay the same.
  [ -f "$ENV_FILE" ] && return 0
  local secret
  secret="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
  umask 077
  cat >"$ENV_FILE" <<EOF
# The environment of every process of \`make stack\` (written by scripts/stack.sh).
STACK_URL=http://127.0.0.1:$STACK_PORT
STACK_DIR=$STACK_DIR
STACK_PORT=$STACK_PORT
STACK_GUNICORN_PORT=$GUNICORN_PORT
# The shared services' ports and folder, for scripts/stack.sh run from this environment.
SERVICES_DIR=$SERVICES_DIR
PGPORT=${PGPORT:-54329}
REDIS_PORT=${REDIS_PORT:-63790}
ES_PORT=$ES_PORT
DATA_DIR=$DATA
DATABASE_URL=$(PG_DB_NAME="$STACK_DB" bash scripts/postgres.sh url)
DATABASE_CONN_MAX_AGE=60
CELERY_BROKER_URL=$(bash scripts/redis.sh url)
# Redelivery of a task whose worker died after 30 s (production: 3600, longer than any task), so
# the worker-kill fault test ends in bounded time; the stack's tasks take seconds.
CELERY_VISIBILITY_TIMEOUT=30
ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT
SEARCH_INDEX_PREFIX=$INDEX_PREFIX
DJANGO_SECRET_KEY=$secret
DJANGO_DEBUG=0
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
SITE_URL=http://127.0.0.1:$STACK_PORT
MEDIA_ROOT=$DATA/media
ARCHIVE_ORIGINALS_ROOT=$DATA/originals
MEDIA_ACCEL_REDIRECT=/internal-media/
LOG_LEVEL=INFO
EOF
  if [ "$STACK_STORAGE" = s3 ]; then
    local s3="${S3PROXY_PORT:-9700}"
    cat >>"$ENV_FILE" <<EOF
# Originals and derivatives in S3Proxy (scripts/s3proxy.sh), served by presigned redirects.
ARCHIVE_STORAGE=s3
S3PROXY_PORT=$s3
AWS_S3_ENDPOINT_URL=http://127.0.0.1:$s3
AWS_ACCESS_KEY_ID=${S3PROXY_IDENTITY:-archive-test}
AWS_SECRET_ACCESS_KEY=${S3PROXY_CREDENTIAL:-archive-test-secret}
AWS_STORAGE_BUCKET_NAME=archive-stack
EOF
  fi
  umask 022
}

load_env() {
  set -a
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  set +a
}

admin_password() {
  if [ ! -s "$PASSWORD_FILE" ]; then
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(18))' >"$PASSWORD_FILE")
  fi
  cat "$PASSWORD_FILE"
}

# --- the shared services ---------------------------------------------------------------------

start_services() {
  local s
  for s in $SERVICES; do
    if bash "scripts/$s.sh" status >/dev/null 2>&1; then
      continue
    fi
    bash "scripts/$s.sh" start >/dev/null || die "$s did not start"
    grep -qx "$s" "$STARTED_SERVICES" 2>/dev/null || echo "$s" >>"$STARTED_SERVICES"
    say "started $s (stopped again by \`make stack-down\`)"
  done
  ensure_database
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

ensure_database() {
  # postgres.sh creates its own database; the stack's lives beside it on the same cluster.
  local bin port="${PGPORT:-54329}"
  bin="$(pg_bin)"
  if [ "${STACK_FRESH:-0}" = 1 ]; then
    "$bin/dropdb" -h 127.0.0.1 -p "$port" -U archive --if-exists --force "$STACK_DB"
    curl -fsS -o /dev/null -X DELETE "http://127.0.0.1:$ES_PORT/$INDEX_PREFIX-*" || true
  fi
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U archive -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='$STACK_DB'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U archive "$STACK_DB"
  fi
}

service_stop() {  # keep the data: the fault tests start the service again
  case "$1" in
    postgres)
      ensure_service_user
      as_service_user "$(pg_bin)/pg_ctl" -D "$SERVICES_DIR/postgres" -m fast -w stop >/dev/null
      ;;
    redis)
      redis-cli -h 127.0.0.1 -p "${REDIS_PORT:-63790}" shutdown save >/dev/null 2>&1 || true
      local i
      for ((i = 0; i < 100; i++)); do
        bash scripts/redis.sh status >/dev/null 2>&1 || return 0
        sleep 0.1
      done
      die "Redis did not stop"
      ;;
    elasticsearch) ES_KEEP_DATA=1 bash scripts/elasticsearch.sh stop 2>/dev/null ;;
    s3proxy)
      # s3proxy.sh stop removes the buckets; here only the server goes (its pid file).
      local pid_file="$SERVICES_DIR/s3proxy-${S3PROXY_PORT:-9700}/s3proxy.pid" pid i
      pid="$(cat "$pid_file" 2>/dev/null)" || die "no $pid_file"
      kill "$pid" 2>/dev/null || true
      for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
      ;;
    *) die "unknown service $1" ;;
  esac
}

service_start() {
  bash "scripts/$1.sh" start >/dev/null
}

# --- the processes ---------------------------------------------------------------------------

pid_of() {  # pid_of NAME: the pid in NAME's pid file if that process is alive and is NAME's
  local file="$RUN/$1.pid" pid
  [ -r "$file" ] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  grep -q "$(signature "$1")" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

signature() {  # a word of the command line that tells the process apart from a recycled pid
  case "$1" in
    web) echo gunicorn ;;
    worker-interactive) echo "interactive@" ;;
    worker-bulk) echo "bulk@" ;;
    beat) echo beat ;;
    nginx) echo nginx ;;
  esac
}

QUEUE_LISTS=""
load_queues() {  # both lists at once, from the apps' queues.py (bulk queues end in _bulk)
  [ -n "$QUEUE_LISTS" ] && return 0
  QUEUE_LISTS="$("$PY" - <<'EOF'
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from config.celery import declared_routes

queues, _ = declared_routes()
print(",".join(q for q in queues if not q.endswith("_bulk")))
print(",".join(q for q in queues if q.endswith("_bulk")))
EOF
)"
}

queues() {  # queues interactive|bulk
  load_queues
  if [ "$1" = bulk ]; then sed -n 2p <<<"$QUEUE_LISTS"; else sed -n 1p <<<"$QUEUE_LISTS"; fi
}

launch() {  # launch NAME LOG COMMAND...: in its own session, detached from this shell
  local name="$1" log="$2"
  shift 2
  setsid "$@" >>"$log" 2>&1 </dev/null &
}

proc_start() {
  local name="$1" pid
  if pid="$(pid_of "$name")"; then
    return 0
  fi
  rm -f "$RUN/$name.pid"
  case "$name" in
    web)
      # The access log names X-Accel-Redirect (docker/gunicorn.conf.py's format): the stack's
      # end-to-end test reads there that Django handed a file to nginx.
      launch web "$LOGS/web.log" "$BIN/gunicorn" --config docker/gunicorn.conf.py \
        --bind "127.0.0.1:$GUNICORN_PORT" --workers "${WEB_CONCURRENCY:-2}" \
        --worker-tmp-dir "$RUN" --pid "$RUN/web.pid" \
        --access-logfile "$LOGS/web-access.log" --error-logfile "$LOGS/web.log" \
        --forwarded-allow-ips 127.0.0.1 config.wsgi
      ;;
    worker-interactive | worker-bulk)
      local kind="${name#worker-}" concurrency=1 list
      [ "$kind" = interactive ] && concurrency="${WORKER_CONCURRENCY:-2}"
      list="$(queues "$kind")" && [ -n "$list" ] || die "could not read the $kind queues"
      launch "$name" "$LOGS/$name.log" "$BIN/celery" -A config worker \
        --queues "$list" --hostname "$kind@%h" --concurrency "$concurrency" \
        --max-tasks-per-child 200 --loglevel INFO --pidfile "$RUN/$name.pid"
      ;;
    beat)
      launch beat "$LOGS/beat.log" "$BIN/celery" -A config beat --loglevel INFO \
        --schedule "$RUN/celerybeat-schedule" --pidfile "$RUN/beat.pid"
      ;;
    nginx)
      write_nginx_conf
      /usr/sbin/nginx -t -q -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" -e "$LOGS/nginx-error.log" ||
        die "nginx refused $NGINX_DIR/nginx.conf (see $LOGS/nginx-error.log)"
      /usr/sbin/nginx -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" -e "$LOGS/nginx-error.log"
      ;;
    *) die "unknown process $name (one of: $PROCESSES)" ;;
  esac
  [ "${2:-wait}" = nowait ] || proc_wait "$name"
}

proc_wait() {  # the process wrote its pid file (it does once it is set up)
  local name="$1" i
  for ((i = 0; i < 300; i++)); do
    pid_of "$name" >/dev/null && return 0
    sleep 0.2
  done
  tail -n 30 "$LOGS/$name.log" "$LOGS/nginx-error.log" 2>/dev/null >&2 || true
  die "$name did not start within 60 s (logs in $LOGS)"
}

proc_stop() {  # proc_stop NAME [SIGNAL]
  local name="$1" sig="${2:-TERM}" pid i
  pid="$(pid_of "$name")" || { rm -f "$RUN/$name.pid"; return 0; }
  kill -"$sig" "$pid" 2>/dev/null || true
  if [ "$sig" = KILL ]; then
    # A SIGKILLed celery or gunicorn master leaves its children: they go with it, unacked.
    pkill -KILL -P "$pid" 2>/dev/null || true
  fi
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    pkill -KILL -P "$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/$name.pid"
}

write_nginx_conf() {
  # docker/nginx.conf's server block, for loopback: static files from the stack's collectstatic,
  # media only through X-Accel-Redirect after Django's access check, the rest to gunicorn.
  mkdir -p "$NGINX_DIR/tmp"
  local user_line=""
  if [ "$(id -u)" -eq 0 ]; then
    ensure_service_user
    user_line="user $SERVICE_USER;"
    chown -R "$SERVICE_USER" "$NGINX_DIR/tmp"
  fi
  cat >"$NGINX_DIR/nginx.conf" <<EOF
# Written by scripts/stack.sh from docker/nginx.conf's rules; regenerated on every start.
$user_line
worker_processes 2;
pid $RUN/nginx.pid;
error_log $LOGS/nginx-error.log warn;

events { worker_connections 512; }

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    server_tokens off;
    log_format stack '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent '
                     'upstream=\$upstream_addr \$request_time';
    access_log $LOGS/nginx-access.log stack;
    sendfile on;
    client_body_temp_path $NGINX_DIR/tmp/body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;
    gzip on;
    gzip_proxied any;
    gzip_types application/json application/ld+json application/xml text/xml text/plain
               text/css application/javascript image/svg+xml;

    upstream web {
        server 127.0.0.1:$GUNICORN_PORT;
        keepalive 8;
    }

    server {
        listen 127.0.0.1:$STACK_PORT;
        server_name _;
        client_max_body_size 4g;
        client_body_timeout 300s;

        location /static/ {
            alias $DATA/static/;
            gzip_static on;
            expires 1h;
            add_header X-Content-Type-Options nosniff always;
            access_log off;
        }

        location /internal-media/ {
            internal;
            alias $DATA/media/;
            add_header X-Content-Type-Options nosniff always;
        }

        location = /nginx-health {
            access_log off;
            default_type text/plain;
            return 200 "ok\n";
        }

        location / {
            proxy_pass http://web;
            proxy_http_version 1.1;
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header Connection "";
            proxy_redirect off;
            proxy_read_timeout 300s;
        }
    }
}
EOF
}

# --- start, stop, status ---------------------------------------------------------------------

wait_ready() {
  local url="http://127.0.0.1:$STACK_PORT/health/ready/" i body
  for ((i = 0; i < 120; i++)); do
    if body="$(curl -fsS --max-time 5 "$url" 2>/dev/null)" &&
        grep -q '"workers": {"status": "ok"' <<<"$body"; then
      return 0
    fi
    sleep 0.5
  done
  curl -sS --max-time 5 "$url" >&2 || true
  die "$url did not answer ready with workers within 60 s (logs in $LOGS)"
}

cmd_start() {
  local t0=$SECONDS
  bash scripts/install-system-deps.sh
  [ -x "$PY" ] || bash scripts/bootstrap.sh --all-groups
  mkdir -p "$STACK_DIR" "$RUN" "$LOGS" "$DATA" "$NGINX_DIR"
  chmod 755 "$STACK_DIR" "$DATA"
  start_services
  write_env
  load_env
  local password
  password="$(admin_password)"
  say "migrating, collecting static files, loading the demo"
  # collectstatic compresses every file (gzip and brotli), the longest step of the set-up, and
  # nothing before the first page needs its output (no manifest): it runs beside the rest, and
  # `start` waits for it before saying the stack is ready.
  "$PY" manage.py collectstatic --no-input --verbosity 0 >"$LOGS/collectstatic.log" 2>&1 &
  local static_pid=$!
  {
    "$PY" manage.py migrate --no-input
    ADMIN_USERNAME=admin ADMIN_PASSWORD="$password" "$PY" manage.py ensure_admin
    if [ "$STACK_STORAGE" = s3 ]; then "$PY" manage.py archive_check_storage --create-bucket; fi
  } >>"$LOGS/setup.log" 2>&1 || { tail -n 30 "$LOGS/setup.log" >&2; die "setup failed"; }
  local name
  # All at once: each spends seconds importing Django, and they do not depend on each other.
  load_queues || die "could not read the queues"
  for name in $PROCESSES; do proc_start "$name" nowait; done
  for name in $PROCESSES; do
    proc_wait "$name"
    say "$name running ($((SECONDS - t0)) s)"
  done
  # After the workers: the demo's derivatives and index updates go through them.
  "$PY" manage.py load_demo >>"$LOGS/setup.log" 2>&1 ||
    { tail -n 30 "$LOGS/setup.log" >&2; die "load_demo failed"; }
  wait "$static_pid" || { tail -n 30 "$LOGS/collectstatic.log" >&2; die "collectstatic failed"; }
  wait_ready
  cat <<EOF

The stack runs (ready in $((SECONDS - t0)) s):
  portal       http://127.0.0.1:$STACK_PORT/
  admin        http://127.0.0.1:$STACK_PORT/admin/   user admin, password $password
               (kept in $PASSWORD_FILE)
  health       http://127.0.0.1:$STACK_PORT/health/ready/
  API, OAI     http://127.0.0.1:$STACK_PORT/api/   http://127.0.0.1:$STACK_PORT/oai
  logs         $LOGS/ (web, web-access, worker-interactive, worker-bulk, beat,
               nginx-access, nginx-error, setup, collectstatic)
  environment  $ENV_FILE (scripts/stack.sh exec CMD runs CMD in it)
Stop it with: make stack-down
EOF
}

cmd_stop() {
  local name s stopping=()
  # All at once: each waits for its own graceful shutdown (a worker finishing its task).
  for name in nginx web beat worker-bulk worker-interactive; do
    if pid_of "$name" >/dev/null; then
      proc_stop "$name" &
      stopping+=("$name:$!")
    fi
  done
  for name in "${stopping[@]}"; do
    wait "${name#*:}" || true
    say "stopped ${name%%:*}"
  done
  if [ -f "$STARTED_SERVICES" ]; then
    for s in $(tac "$STARTED_SERVICES"); do
      bash "scripts/$s.sh" stop >/dev/null 2>&1 || true
      say "stopped $s (the stack had started it)"
    done
    rm -f "$STARTED_SERVICES"
    # The scripts' clusters are throw-away: with the database gone, the stack's files and
    # search index go too, so the next start begins fresh and consistent.
    rm -rf "$DATA"
    rm -f "$ENV_FILE"
  fi
}

cmd_status() {
  local name s bad=0 pid
  for name in $PROCESSES; do
    if pid="$(pid_of "$name")"; then echo "$name: running (pid $pid)"; else echo "$name: stopped"; bad=1; fi
  done
  for s in $SERVICES; do
    if bash "scripts/$s.sh" status >/dev/null 2>&1; then echo "$s: running"; else echo "$s: stopped"; bad=1; fi
  done
  return "$bad"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  exec)
    shift
    [ -f "$ENV_FILE" ] || die "no $ENV_FILE: run \`make stack\` first"
    load_env
    exec "$@"
    ;;
  proc-start) [ -f "$ENV_FILE" ] || die "no $ENV_FILE"; load_env; proc_start "$2" ;;
  proc-stop) proc_stop "$2" "${3:-TERM}" ;;
  service-stop) service_stop "$2" ;;
  service-start) service_start "$2" ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
