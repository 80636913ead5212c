#!/usr/bin/env bash
# scripts/compose-config.sh — build and run scripts/compose-config, `docker compose config`
# without Docker: compose-go (the library that `docker compose config` uses) loads, validates,
# interpolates and prints a compose file. tests/config/test_docker.py runs it on docker/compose.yaml.
#
# Usage: scripts/compose-config.sh build        build .cache/compose-config/compose-config unless
#                                               it is newer than its sources (exit 3: no Go here)
#        scripts/compose-config.sh path         print the binary's path
#        scripts/compose-config.sh run ARGS...  build if needed, then run it (-f FILE --env-file
#                                               FILE [--quiet] [--format yaml|json])
#
# Needs Go 1.24 or newer (on PATH or /usr/local/go/bin); the modules come from the Go module
# proxy into Go's module cache (go.sum pins them). A cold build (empty module and build caches)
# took 35 s on 2 busy cores; the real compose plugin (github.com/docker/compose/v2 v2.40.3, all of
# Docker) took 401 s there, and its `config --format json` of docker/compose.yaml was identical.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/scripts/compose-config"
bin="$root/.cache/compose-config/compose-config"

find_go() {
  if command -v go >/dev/null 2>&1; then command -v go
  elif [ -x /usr/local/go/bin/go ]; then echo /usr/local/go/bin/go
  else return 1
  fi
}

up_to_date() {
  [ -x "$bin" ] || return 1
  local f
  for f in "$src"/*.go "$src/go.mod" "$src/go.sum"; do
    [ "$f" -nt "$bin" ] && return 1
  done
  return 0
}

build() {
  up_to_date && return 0
  local go
  if ! go="$(find_go)"; then
    echo "compose-config: no Go toolchain (go on PATH or /usr/local/go/bin/go)" >&2
    return 3
  fi
  mkdir -p "$(dirname "$bin")"
  local began=$SECONDS
  # GOTOOLCHAIN=local: build with the Go that is here, never fetch another.
  (cd "$src" && GOTOOLCHAIN=local GOFLAGS=-mod=readonly "$go" build -trimpath -o "$bin.tmp" .)
  mv "$bin.tmp" "$bin"
  echo "compose-config: built $bin in $((SECONDS - began)) s" >&2
}

case "${1:-}" in
  build) build ;;
  path) echo "$bin" ;;
  run) shift; build; exec "$bin" "$@" ;;
  *) echo "usage: $0 build|path|run ARGS..." >&2; exit 2 ;;
esac
