# Shared helpers for the service scripts: where services keep their state, and who runs them.
# Sourced, not executed.
SERVICES_DIR="${SERVICES_DIR:-${TMPDIR:-/tmp}/archive-backend-services}"
SERVICE_USER="${SERVICE_USER:-archive-svc}"

die() { echo "error: $*" >&2; exit 1; }

# PostgreSQL and Elasticsearch refuse to run as root, so the scripts run them as an
# unprivileged system user that they create when it is missing.
ensure_service_user() {
  if [ "$(id -u)" -ne 0 ]; then SERVICE_USER="$(id -un)"; return; fi
  id -u "$SERVICE_USER" >/dev/null 2>&1 ||
    useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
}

# Run a command as the service user (or as ourselves when we are not root).
as_service_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$SERVICE_USER" -- "$@"
  else
    "$@"
  fi
}

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local limit="$1" what="$2"; shift 2
  local i
  for ((i = 0; i < limit * 5; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "$what did not become ready within ${limit}s"
}

# Like as_service_user, but the command replaces the (sub)shell that runs it: setpriv execs where
# runuser forks. For background servers: `exec_as_service_user cmd & echo $!` records the
# server's own pid. Only call it with `&`: in the foreground it would replace the script.
exec_as_service_user() {
  if [ "$(id -u)" -eq 0 ]; then
    exec setpriv --reuid="$SERVICE_USER" --regid="$(id -g "$SERVICE_USER")" --init-groups -- "$@"
  else
    exec "$@"
  fi
}
