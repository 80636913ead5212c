#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (PostgreSQL, Redis, a JDK for Elasticsearch,
# Chromium for browser tests, nginx for `make stack`) when they are missing; without root it says
# what to install.
set -euo pipefail

need=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
command -v mvn >/dev/null || need+=(maven)
command -v chromium >/dev/null || need+=(chromium)
command -v curl >/dev/null || need+=(curl)
command -v npm >/dev/null || need+=(npm)
command -v msgfmt >/dev/null || need+=(gettext)
# nginx in front of gunicorn in `make stack` (scripts/stack.sh); Debian's binary is in /usr/sbin.
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
