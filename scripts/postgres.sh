#!/usr/bin/env bash
# Starts and stops a throw-away PostgreSQL cluster on 127.0.0.1 for tests and development.
# Usage: scripts/postgres.sh start|stop|status|url
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/common.sh"

PGPORT="${PGPORT:-54329}"
PGDATA_DIR="$SERVICES_DIR/postgres"
DB_NAME="${PG_DB_NAME:-archive}"

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] || die "PostgreSQL server binaries not found; install them with: apt-get install postgresql"
  echo "$dir"
}

url() { echo "postgres://archive@127.0.0.1:$PGPORT/$DB_NAME"; }

running() { [ -f "$PGDATA_DIR/postmaster.pid" ] && as_service_user "$(pg_bin)/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; }

start() {
  ensure_service_user
  local bin; bin="$(pg_bin)"
  mkdir -p "$SERVICES_DIR"
  chmod 755 "$SERVICES_DIR"
  if running; then echo "PostgreSQL already running: $(url)"; return; fi
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    rm -rf "$PGDATA_DIR"
    mkdir -p "$PGDATA_DIR"
    chown "$SERVICE_USER" "$PGDATA_DIR"
    as_service_user "$bin/initdb" -D "$PGDATA_DIR" -U archive --auth=trust -E UTF8 \
      --locale=C.UTF-8 >"$SERVICES_DIR/postgres-initdb.log" 2>&1 ||
      { cat "$SERVICES_DIR/postgres-initdb.log" >&2; die "initdb failed"; }
  fi
  # fsync off: this cluster is disposable test data, and it makes the suite much faster.
  as_service_user "$bin/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $PGPORT -k $PGDATA_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { tail -n 30 "$PGDATA_DIR/server.log" >&2; die "PostgreSQL did not start"; }
  wait_for 30 "PostgreSQL" "$bin/pg_isready" -h 127.0.0.1 -p "$PGPORT"
  if ! "$bin/psql" -h 127.0.0.1 -p "$PGPORT" -U archive -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$PGPORT" -U archive "$DB_NAME"
  fi
  echo "PostgreSQL running: $(url)"
}

stop() {
  if running; then
    as_service_user "$(pg_bin)/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null
    echo "PostgreSQL stopped"
  else
    echo "PostgreSQL not running"
  fi
  rm -rf "$PGDATA_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running: $(url)"; else echo "stopped"; exit 1; fi ;;
  url) url ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
