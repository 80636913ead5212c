#!/usr/bin/env bash
# Starts and stops a throw-away Redis server on 127.0.0.1 (Celery broker) for tests and development.
# Usage: scripts/redis.sh start|stop|status|url
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/common.sh"

REDIS_PORT="${REDIS_PORT:-63790}"
REDIS_DIR="$SERVICES_DIR/redis"

url() { echo "redis://127.0.0.1:$REDIS_PORT/0"; }
running() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

start() {
  command -v redis-server >/dev/null || die "redis-server not found; install it with: apt-get install redis-server"
  ensure_service_user
  if running; then echo "Redis already running: $(url)"; return; fi
  mkdir -p "$REDIS_DIR"
  chown "$SERVICE_USER" "$REDIS_DIR"
  as_service_user redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
    --save "" --appendonly no --protected-mode yes
  wait_for 20 "Redis" running
  echo "Redis running: $(url)"
}

stop() {
  if running; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    echo "Redis stopped"
  else
    echo "Redis not running"
  fi
  rm -rf "$REDIS_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running: $(url)"; else echo "stopped"; exit 1; fi ;;
  url) url ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
