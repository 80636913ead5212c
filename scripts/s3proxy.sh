#!/usr/bin/env bash
# Starts and stops a throw-away S3-compatible server (S3Proxy over a local folder) on 127.0.0.1,
# for the object-storage tests and for `ARCHIVE_STORAGE=s3` in development.
# Usage: scripts/s3proxy.sh start|stop|status|url
#
# S3Proxy (org.gaul:s3proxy, classifier jar-with-dependencies) is fetched once from Maven Central
# into $S3PROXY_CACHE_DIR, its SHA-1 checked against the one Maven Central publishes, and run with
# the newest JDK (17 or later) under /usr/lib/jvm, through the jclouds "filesystem" provider:
# buckets are folders under the run folder, which `stop` removes.
#
# Environment (all optional):
#   S3PROXY_PORT       port on 127.0.0.1 (default 9700; 9200/9300 are Elasticsearch's)
#   S3PROXY_VERSION    default 2.6.0
#   S3PROXY_CACHE_DIR  where the jar is kept (default /var/cache/archive-backend/s3proxy as root,
#                      else ${XDG_CACHE_HOME:-~/.cache}/archive-backend/s3proxy)
#   S3PROXY_JAVA_HOME  JDK to run it with (default: newest under /usr/lib/jvm)
#   S3PROXY_IDENTITY, S3PROXY_CREDENTIAL  the access key and secret it accepts
#
# `url` prints http://IDENTITY:CREDENTIAL@127.0.0.1:PORT: the endpoint with its keys, the form
# S3_TEST_URL takes in the tests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/common.sh"

S3PROXY_PORT="${S3PROXY_PORT:-9700}"
S3PROXY_VERSION="${S3PROXY_VERSION:-2.6.0}"
S3PROXY_IDENTITY="${S3PROXY_IDENTITY:-archive-test}"
S3PROXY_CREDENTIAL="${S3PROXY_CREDENTIAL:-archive-test-secret}"
S3PROXY_DIR="$SERVICES_DIR/s3proxy-$S3PROXY_PORT"
PID_FILE="$S3PROXY_DIR/s3proxy.pid"
if [ "$(id -u)" -eq 0 ]; then
  S3PROXY_CACHE_DIR="${S3PROXY_CACHE_DIR:-/var/cache/archive-backend/s3proxy}"
else
  S3PROXY_CACHE_DIR="${S3PROXY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/archive-backend/s3proxy}"
fi
JAR_NAME="s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
JAR="$S3PROXY_CACHE_DIR/$JAR_NAME"
JAR_URL="https://repo1.maven.org/maven2/org/gaul/s3proxy/$S3PROXY_VERSION/$JAR_NAME"

url() { echo "http://$S3PROXY_IDENTITY:$S3PROXY_CREDENTIAL@127.0.0.1:$S3PROXY_PORT"; }
# Any HTTP answer on the port counts: an anonymous GET / is refused (403) once it is up.
running() { curl -s -o /dev/null -m 2 "http://127.0.0.1:$S3PROXY_PORT/"; }

fetch() {
  [ -s "$JAR" ] && return
  command -v curl >/dev/null || die "curl not found; install it with: apt-get install curl"
  mkdir -p "$S3PROXY_CACHE_DIR"
  echo "downloading $JAR_URL"
  curl -fsSL --retry 3 -o "$JAR.part" "$JAR_URL" || die "could not download $JAR_URL"
  local want
  want="$(curl -fsSL --retry 3 "$JAR_URL.sha1" | cut -c1-40)" || die "could not download $JAR_URL.sha1"
  [ "$(sha1sum "$JAR.part" | cut -c1-40)" = "$want" ] || die "$JAR_NAME does not match its SHA-1"
  chmod 644 "$JAR.part"
  mv "$JAR.part" "$JAR"
}

java_bin() {  # the newest JDK 17+ under /usr/lib/jvm (S3Proxy 2.x needs Java 17)
  if [ -n "${S3PROXY_JAVA_HOME:-}" ]; then echo "$S3PROXY_JAVA_HOME/bin/java"; return; fi
  local candidate best="" best_major=0 major
  for candidate in /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    major="$("$candidate" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java.specification.version = //p')"
    if [ "${major:-0}" -ge 17 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate" best_major="$major"
    fi
  done
  [ -n "$best" ] || die "no Java 17 or newer under /usr/lib/jvm; install it with: apt-get install openjdk-17-jre-headless"
  echo "$best"
}

start() {
  if running; then echo "S3Proxy already running: $(url)"; return; fi
  fetch
  ensure_service_user
  local java
  java="$(java_bin)"
  mkdir -p "$S3PROXY_DIR/data"
  cat >"$S3PROXY_DIR/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3PROXY_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3PROXY_IDENTITY
s3proxy.credential=$S3PROXY_CREDENTIAL
s3proxy.cors-allow-all=true
jclouds.provider=filesystem
jclouds.identity=$S3PROXY_IDENTITY
jclouds.credential=$S3PROXY_CREDENTIAL
jclouds.filesystem.basedir=$S3PROXY_DIR/data
EOF
  chown -R "$SERVICE_USER" "$S3PROXY_DIR"
  # setsid: the server outlives this script; exec_as_service_user execs (no wrapper process), so
  # $! is the JVM's own pid: the one `stop` ends, and nothing else.
  exec_as_service_user setsid "$java" -Xmx256m -jar "$JAR" --properties "$S3PROXY_DIR/s3proxy.conf" \
    >"$S3PROXY_DIR/s3proxy.log" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  wait_for 60 "S3Proxy (log: $S3PROXY_DIR/s3proxy.log)" running
  echo "S3Proxy running: $(url)"
}

stop() {
  if [ -f "$PID_FILE" ]; then
    local pid i
    pid="$(cat "$PID_FILE")"
    if kill "$pid" 2>/dev/null; then
      for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
      echo "S3Proxy stopped"
    else
      echo "S3Proxy not running"
    fi
  else
    echo "S3Proxy not running (or not started by this script)"
  fi
  rm -rf "$S3PROXY_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running: $(url)"; else echo "stopped"; exit 1; fi ;;
  url) url ;;
  fetch) fetch ;;
  *) echo "usage: $0 start|stop|status|url|fetch" >&2; exit 2 ;;
esac
