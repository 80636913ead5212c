#!/usr/bin/env bash
# scripts/elasticsearch.sh — fetch, start, stop and inspect a throw-away,
# single-node Elasticsearch on 127.0.0.1 for the test suite and for developers.
#
# Concern: only the local search node. It downloads Elastic's runnable
# "integ-test-zip" distribution from Maven Central (through mvn, so it is cached
# in ~/.m2), unpacks it once into a cache folder, and runs it with a JDK found
# under /usr/lib/jvm, as an unprivileged user when invoked as root (Elasticsearch
# refuses to run as root). Data, logs and config live in a temporary run folder
# that `stop` removes.
#
# The project's analysis plugin (search/es_plugin: folding, Snowball stemming,
# edge n-grams, synonyms) is built with Maven, which runs its JUnit tests, and
# installed into the unpacked node before it starts; the Maven repository is kept
# in .cache/m2 under the project. A build is skipped when the plugin's sources
# have not changed since the last one that passed (ES_PLUGIN_REBUILD=1 forces it);
# a plugin built from other sources is reinstalled. A running node keeps the plugin it started with:
# `plugin` says so when the built one differs; restart the node to load it.
#
# Version: 9.5.4 by default, the newest 9.x that Maven Central serves as a
# runnable distribution (the folder's maven-metadata.xml lists only up to 8.19.x,
# but the 9.x zips are there: ask for the version by name). Pair it with the
# Python client `elasticsearch` 9.x: a client of another major is refused. It
# needs Java 21 or newer. The integ-test-zip carries only the modules transport-netty4,
# x-pack-core, x-pack-security and apm: no analysis-common (language analyzers,
# asciifolding), no painless, no _reindex/_update_by_query, no GET / (so the
# client's ping() is False; use cluster health). Details and the verified list of
# analyzers: docs/search-elasticsearch-node.md.
#
# Usage: scripts/elasticsearch.sh fetch|plugin|start|stop|status
#
# Environment (all optional):
#   ELASTICSEARCH_VERSION  server version (default below; served 9.x versions
#                          include 9.0.0, 9.1.5, 9.2.0, 9.3.2, 9.4.3, 9.5.0-9.5.4)
#   ES_PORT                HTTP port on 127.0.0.1 (default 9200)
#   ES_JAVA_HOME           JDK to run the node with (default: newest suitable
#                          JDK under /usr/lib/jvm)
#   ES_HEAP                heap size, used for -Xms and -Xmx (default 512m)
#   ES_JAVA_OPTS           extra JVM options, appended after the heap options
#   ES_CACHE_DIR           where the distribution is unpacked (default
#                          ${XDG_CACHE_HOME:-$HOME/.cache}/archive-backend/elasticsearch,
#                          or /var/cache/archive-backend/elasticsearch as root so
#                          the unprivileged user can read it)
#   ES_RUN_DIR             run folder: pid, config, data, logs
#                          (default ${TMPDIR:-/tmp}/archive-backend-elasticsearch-$ES_PORT)
#   ES_USER                user that runs the node when invoked as root
#                          (default elasticsearch; created if absent)
#   ES_START_TIMEOUT       seconds to wait for green/yellow health (default 180)
#   ES_STOP_TIMEOUT        seconds to wait for exit before SIGKILL (default 60)
#   ES_KEEP_DATA           1 = `stop` keeps the data folder, so a later `start`
#                          comes back with the same indices (default 0)
#   ES_PLUGIN_REBUILD      1 = build and test the analysis plugin even when its
#                          sources are unchanged (default 0)

set -euo pipefail

HOME="${HOME:-$(cd ~ && pwd)}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

ES_VERSION="${ELASTICSEARCH_VERSION:-9.5.4}"
ES_MAJOR="${ES_VERSION%%.*}"
ES_PORT="${ES_PORT:-9200}"
ES_HOST="127.0.0.1"
ES_URL="http://$ES_HOST:$ES_PORT"
ES_HEAP="${ES_HEAP:-512m}"
ES_USER="${ES_USER:-elasticsearch}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-180}"
ES_STOP_TIMEOUT="${ES_STOP_TIMEOUT:-60}"
ES_KEEP_DATA="${ES_KEEP_DATA:-0}"
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"
# The analysis plugin: Maven project, its zip, the name it installs under.
PLUGIN_SRC="$PROJECT_ROOT/search/es_plugin"
PLUGIN_NAME="archive-analysis"
PLUGIN_ZIP="$PLUGIN_SRC/target/$PLUGIN_NAME-1.0.0.zip"
M2_REPO="$PROJECT_ROOT/.cache/m2"

if [[ $(id -u) -eq 0 ]]; then
  IS_ROOT=1
  DEFAULT_CACHE_DIR="/var/cache/archive-backend/elasticsearch"
else
  IS_ROOT=0
  DEFAULT_CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/archive-backend/elasticsearch"
fi
CACHE_DIR="${ES_CACHE_DIR:-$DEFAULT_CACHE_DIR}"
ES_HOME="$CACHE_DIR/elasticsearch-$ES_VERSION"
RUN_DIR="${ES_RUN_DIR:-${TMPDIR:-/tmp}/archive-backend-elasticsearch-$ES_PORT}"
PID_FILE="$RUN_DIR/elasticsearch.pid"

log() { printf 'elasticsearch.sh: %s\n' "$*" >&2; }
die() { printf 'elasticsearch.sh: ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  cat >&2 <<EOF
usage: $0 fetch|plugin|start|stop|status

  fetch   download (mvn) and unpack Elasticsearch $ES_VERSION into $CACHE_DIR
  plugin  build and test the analysis plugin (mvn), install it unless the node runs
  start   fetch and install the plugin if needed, start the node on $ES_URL, wait for health
  stop    stop the node, wait for it to exit, remove $RUN_DIR
  status  say whether the node runs; exit 0 if it does, 3 if not
EOF
}

# --- tools ------------------------------------------------------------------

apt_install() {
  # Install Debian packages, only possible as root.
  [[ $IS_ROOT -eq 1 ]] || die "missing '$*' and not root: install it yourself (apt-get install $*)"
  log "installing $* with apt-get"
  if ! { apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 ||
         { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends "$@"; }; }; then
    die "apt-get install -y $* failed"
  fi
}

need_cmd() {
  # need_cmd COMMAND [DEBIAN_PACKAGE]
  command -v "$1" >/dev/null 2>&1 || apt_install "${2:-$1}"
  command -v "$1" >/dev/null 2>&1 || die "'$1' still not found after installing ${2:-$1}"
}

java_feature_version() {
  # Prints the feature version (17, 21, 25, ...) of the JDK in $1, or nothing.
  local home="$1" v=""
  if [[ -r "$home/release" ]]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")"
  fi
  if [[ -z "$v" && -x "$home/bin/java" ]]; then
    v="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n1)"
  fi
  [[ "$v" == 1 ]] && v=8
  printf '%s' "$v"
}

min_java_version() {
  # Elasticsearch 9 needs Java 21+, 8.x runs on 17+.
  if [[ "$ES_MAJOR" -ge 9 ]]; then echo 21; else echo 17; fi
}

find_java_home() {
  # ES_JAVA_HOME wins; otherwise the newest JDK under /usr/lib/jvm that is new enough.
  local min best="" best_v=0 dir v
  min="$(min_java_version)"
  if [[ -n "${ES_JAVA_HOME:-}" ]]; then
    [[ -x "$ES_JAVA_HOME/bin/java" ]] || die "ES_JAVA_HOME=$ES_JAVA_HOME has no bin/java"
    printf '%s' "$ES_JAVA_HOME"
    return
  fi
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [[ -x "$dir/bin/java" ]] || continue
    v="$(java_feature_version "$dir")"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if (( v >= min && v > best_v )); then
      best="$dir"
      best_v="$v"
    fi
  done
  if [[ -z "$best" ]]; then
    log "no JDK >= $min under /usr/lib/jvm"
    apt_install openjdk-17-jdk-headless
    [[ "$min" -le 17 && -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]] ||
      die "no JDK >= $min found under /usr/lib/jvm; set ES_JAVA_HOME to one"
    best=/usr/lib/jvm/java-17-openjdk-amd64
  fi
  printf '%s' "$best"
}

# --- fetch ------------------------------------------------------------------

# SHA-256 of the distributions this project has pinned, checked after every download.
declare -A ES_ZIP_SHA256=(
  [9.5.4]=d9b0c28e08e499f6510b52ad66ec4bf9cdceab97cc28b3456989b8744b896934
)

verify_checksum() {
  local zip="$1" want="${ES_ZIP_SHA256[$ES_VERSION]:-}" got
  if [[ -z "$want" ]]; then
    log "no pinned SHA-256 for $ES_VERSION; not verified"
    return 0
  fi
  got="$(sha256sum "$zip" | cut -d' ' -f1)"
  if [[ "$got" != "$want" ]]; then
    rm -f "$zip"
    die "$zip has SHA-256 $got, expected $want; removed it"
  fi
}

cmd_fetch() {
  if [[ -x "$ES_HOME/bin/elasticsearch" ]]; then
    log "Elasticsearch $ES_VERSION already unpacked in $ES_HOME"
    return 0
  fi
  need_cmd mvn maven
  need_cmd unzip
  mkdir -p "$CACHE_DIR"
  # Serialise concurrent fetches; the lock is released when the subshell ends.
  ( flock 8; fetch_locked ) 8>"$CACHE_DIR/.fetch.lock"
}

fetch_locked() {
  if [[ -x "$ES_HOME/bin/elasticsearch" ]]; then  # another process fetched it meanwhile
    return 0
  fi

  local download_dir="$CACHE_DIR/downloads"
  local zip="$download_dir/elasticsearch-$ES_VERSION.zip"
  local mvn_log="$CACHE_DIR/mvn-$ES_VERSION.log"
  mkdir -p "$download_dir"
  if [[ ! -s "$zip" ]]; then
    log "downloading $ES_ARTIFACT with mvn (cached in ~/.m2)"
    # Central has no .sha1 files beside the 9.x zips, so Maven cannot check them
    # (--strict-checksums would refuse them); the pinned SHA-256 below does instead.
    if ! mvn -B -U -Dstyle.color=never \
        org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
        -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$download_dir" \
        -Dmdep.overWriteReleases=true >"$mvn_log" 2>&1; then
      grep -E '\[(ERROR|FATAL)\] .{3,}' "$mvn_log" |
        grep -v -E 'Re-run Maven|full stack trace|\[Help 1\] http|possible solutions' | head -n 20 >&2 ||
        tail -n 30 "$mvn_log" >&2
      if grep -q -E 'Could not find artifact|was not found in' "$mvn_log"; then
        die "Elasticsearch $ES_VERSION is not published on Maven Central as $ES_ARTIFACT" \
            "(ELASTICSEARCH_VERSION). Full log: $mvn_log"
      fi
      die "mvn could not fetch $ES_ARTIFACT (full log: $mvn_log)"
    fi
    [[ -s "$zip" ]] || die "mvn succeeded but $zip is missing (log: $mvn_log)"
  fi

  verify_checksum "$zip"
  local tmp="$CACHE_DIR/.unpack-$ES_VERSION.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  log "unpacking $zip"
  unzip -q "$zip" -d "$tmp" || { rm -rf "$tmp"; die "unzip $zip failed (corrupt download? delete it and retry)"; }
  [[ -x "$tmp/elasticsearch-$ES_VERSION/bin/elasticsearch" ]] ||
    { rm -rf "$tmp"; die "$zip does not contain elasticsearch-$ES_VERSION/bin/elasticsearch"; }
  # Readable by the unprivileged user that runs the node.
  chmod -R a+rX "$tmp/elasticsearch-$ES_VERSION"
  rm -rf "$ES_HOME"
  mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
  rm -rf "$tmp"
  rm -f "$zip"  # ~/.m2 keeps a copy
  # shellcheck disable=SC2012
  log "Elasticsearch $ES_VERSION unpacked in $ES_HOME (modules: $(ls "$ES_HOME/modules" | tr '\n' ' '))"
}

# --- the analysis plugin ----------------------------------------------------

plugin_sources_hash() {
  # One hash over the plugin's pom and sources: what a passing build and an installed plugin
  # are recorded under.
  (cd "$PLUGIN_SRC" && find pom.xml src -type f -print0 | LC_ALL=C sort -z |
     xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

build_plugin() {
  # build_plugin JAVA_HOME: mvn package (compile, JUnit tests, zip) unless these
  # sources already built and passed; dies with Maven's errors when a test fails.
  # Serialised: two builds in one target/ folder would spoil each other.
  mkdir -p "$M2_REPO"
  ( flock 9; build_plugin_locked "$1" ) 9>"$M2_REPO/.build.lock"
}

build_plugin_locked() {
  local java_home="$1" hash stamp mvn_log offline=()
  hash="$(plugin_sources_hash)"
  stamp="$PLUGIN_SRC/target/.passed-$hash"
  if [[ "${ES_PLUGIN_REBUILD:-0}" != 1 && -f "$stamp" && -s "$PLUGIN_ZIP" ]]; then
    log "analysis plugin up to date ($PLUGIN_ZIP)"
    return 0
  fi
  need_cmd mvn maven
  # Offline once a build has filled the repository for this very pom: no network at all.
  [[ -f "$M2_REPO/.complete-$(sha256sum "$PLUGIN_SRC/pom.xml" | cut -c1-16)" ]] && offline=(-o)
  mvn_log="$PLUGIN_SRC/target/mvn.log"
  mkdir -p "$PLUGIN_SRC/target"
  log "building the analysis plugin with Maven (JUnit tests included)"
  rm -f "$PLUGIN_SRC"/target/.passed-*
  # MAVEN_OPTS: Maven 3.8's bundled Guava calls sun.misc.Unsafe, which newer JDKs warn about.
  if ! JAVA_HOME="$java_home" MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}" \
      mvn -B -q "${offline[@]}" -Dstyle.color=never -Dmaven.repo.local="$M2_REPO" \
        -f "$PLUGIN_SRC/pom.xml" clean package >"$mvn_log" 2>&1; then
    grep -v -E '^WARNING|^\s+at ' "$mvn_log" | grep -E 'ERROR|FAIL|expected' | head -n 30 >&2 ||
      tail -n 30 "$mvn_log" >&2
    die "the analysis plugin failed to build or its tests failed (full log: $mvn_log)"
  fi
  [[ -s "$PLUGIN_ZIP" ]] || die "mvn succeeded but $PLUGIN_ZIP is missing (log: $mvn_log)"
  touch "$M2_REPO/.complete-$(sha256sum "$PLUGIN_SRC/pom.xml" | cut -c1-16)"
  touch "$stamp"
  log "analysis plugin built and tested: $(grep -c . <(find "$PLUGIN_SRC/target/surefire-reports" -name 'TEST-*.xml')) test classes passed"
}

installed_plugin_hash() {
  cat "$ES_HOME/.$PLUGIN_NAME.sha256" 2>/dev/null || true
}

install_plugin() {
  # install_plugin JAVA_HOME: (re)install the zip into the unpacked node when it was built from
  # other sources (build_plugin has just made the zip match the sources' hash).
  local java_home="$1" want
  want="$(plugin_sources_hash)"
  if [[ -d "$ES_HOME/plugins/$PLUGIN_NAME" && "$(installed_plugin_hash)" == "$want" ]]; then
    return 0
  fi
  ( flock 8
    if [[ -d "$ES_HOME/plugins/$PLUGIN_NAME" ]]; then
      ES_JAVA_HOME="$java_home" "$ES_HOME/bin/elasticsearch-plugin" remove --purge "$PLUGIN_NAME" >/dev/null ||
        die "could not remove the old $PLUGIN_NAME from $ES_HOME"
    fi
    log "installing $PLUGIN_ZIP into $ES_HOME"
    ES_JAVA_HOME="$java_home" "$ES_HOME/bin/elasticsearch-plugin" install --batch "file://$PLUGIN_ZIP" >&2 ||
      die "elasticsearch-plugin install $PLUGIN_ZIP failed"
    chmod -R a+rX "$ES_HOME/plugins"
    printf '%s\n' "$want" >"$ES_HOME/.$PLUGIN_NAME.sha256"
  ) 8>"$CACHE_DIR/.plugin.lock"
}

cmd_plugin() {
  local java_home
  java_home="$(find_java_home)"
  build_plugin "$java_home"
  if running_pid >/dev/null; then
    if [[ "$(installed_plugin_hash)" != "$(plugin_sources_hash)" ]]; then
      log "WARNING: the running node has another build of $PLUGIN_NAME; to load this one:" \
          "$0 stop && $0 start"
    fi
    return 0
  fi
  cmd_fetch
  install_plugin "$java_home"
}

# --- running ----------------------------------------------------------------

running_pid() {
  # Prints the node's pid if its pid file names a live Elasticsearch process.
  local pid
  [[ -r "$PID_FILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  grep -q 'org.elasticsearch' "/proc/$pid/cmdline" 2>/dev/null || return 1
  printf '%s' "$pid"
}

health() {
  curl -fsS --max-time 5 "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null
}

port_in_use() {
  (exec 3<>"/dev/tcp/$ES_HOST/$ES_PORT") 2>/dev/null
}

ensure_user() {
  id -u "$ES_USER" >/dev/null 2>&1 && return 0
  log "creating system user $ES_USER"
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
    --user-group "$ES_USER" || die "useradd $ES_USER failed"
}

as_es_user() {
  if [[ $IS_ROOT -eq 1 ]]; then
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

write_config() {
  local conf="$RUN_DIR/config"
  mkdir -p "$conf" "$RUN_DIR/data" "$RUN_DIR/logs" "$RUN_DIR/tmp"
  cp "$ES_HOME/config/jvm.options" "$ES_HOME/config/log4j2.properties" "$conf/"
  [[ -d "$ES_HOME/config/jvm.options.d" ]] && cp -r "$ES_HOME/config/jvm.options.d" "$conf/"
  cat >"$conf/elasticsearch.yml" <<EOF
# Written by scripts/elasticsearch.sh — a throw-away loopback test node.
cluster.name: archive-backend-test
node.name: archive-backend-test-node
network.host: $ES_HOST
http.port: $ES_PORT
discovery.type: single-node
path.data: $RUN_DIR/data
path.logs: $RUN_DIR/logs
# Loopback only: no TLS, no authentication.
xpack.security.enabled: false
# Do not go read-only when the disk of a developer machine is nearly full.
cluster.routing.allocation.disk.threshold_enabled: false
# Tests may delete indices by wildcard.
action.destructive_requires_name: false
EOF
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    log "already running (pid $pid)"
    echo "$ES_URL"
    return 0
  fi
  if port_in_use; then
    die "port $ES_PORT on $ES_HOST is already in use by another process (not our pid file $PID_FILE); set ES_PORT or stop it"
  fi
  cmd_fetch

  local java_home java_v
  java_home="$(find_java_home)"
  java_v="$(java_feature_version "$java_home")"
  [[ "$java_v" =~ ^[0-9]+$ && "$java_v" -ge "$(min_java_version)" ]] ||
    die "JDK $java_home is Java '${java_v:-?}', Elasticsearch $ES_VERSION needs $(min_java_version)+"
  need_cmd curl
  build_plugin "$java_home"
  install_plugin "$java_home"

  mkdir -p "$RUN_DIR"
  rm -f "$PID_FILE"
  write_config
  if [[ $IS_ROOT -eq 1 ]]; then
    ensure_user
    chown -R "$ES_USER:" "$RUN_DIR"
    # The user must be able to reach the run folder (e.g. a 0700 TMPDIR would block it).
    runuser -u "$ES_USER" -- test -w "$RUN_DIR/data" ||
      die "user $ES_USER cannot write $RUN_DIR/data (parent folder permissions?); set ES_RUN_DIR"
    runuser -u "$ES_USER" -- test -x "$ES_HOME/bin/elasticsearch" ||
      die "user $ES_USER cannot run $ES_HOME/bin/elasticsearch (parent folder permissions?); set ES_CACHE_DIR"
  fi

  log "starting Elasticsearch $ES_VERSION on $ES_URL (JDK $java_home, heap $ES_HEAP, run dir $RUN_DIR)"
  local started=$SECONDS out="$RUN_DIR/logs/startup.out"
  # Elasticsearch warns below 65535 open files; raise the limit where allowed.
  ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  # -d daemonizes; the launcher returns once the node has started or failed.
  if ! as_es_user env \
      ES_JAVA_HOME="$java_home" \
      ES_PATH_CONF="$RUN_DIR/config" \
      ES_TMPDIR="$RUN_DIR/tmp" \
      ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP ${ES_JAVA_OPTS:-}" \
      "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE" >"$out" 2>&1 </dev/null; then
    show_failure "$out"
    die "Elasticsearch failed to start (launcher output above, logs in $RUN_DIR/logs)"
  fi

  local deadline=$(( SECONDS + ES_START_TIMEOUT )) status=""
  while (( SECONDS < deadline )); do
    if status="$(health)"; then
      log "up in $(( SECONDS - started ))s: $(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' <<<"$status")"
      echo "$ES_URL"
      return 0
    fi
    if ! running_pid >/dev/null; then
      show_failure "$out"
      die "Elasticsearch exited during start-up (logs in $RUN_DIR/logs)"
    fi
    sleep 1
  done
  show_failure "$out"
  die "Elasticsearch did not report green/yellow health on $ES_URL within ${ES_START_TIMEOUT}s (still running; run '$0 stop')"
}

show_failure() {
  local out="$1" f
  [[ -s "$out" ]] && { log "launcher output:"; tail -n 40 "$out" >&2; }
  f="$RUN_DIR/logs/archive-backend-test.log"
  [[ -s "$f" ]] && { log "last lines of $f:"; grep -v '^\s*at ' "$f" | tail -n 40 >&2; }
  return 0
}

cmd_stop() {
  local pid
  if pid="$(running_pid)"; then
    log "stopping pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$(( SECONDS + ES_STOP_TIMEOUT ))
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      log "still alive after ${ES_STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
    log "stopped"
  else
    log "not running"
  fi
  if [[ "$ES_KEEP_DATA" == 1 ]]; then
    rm -f "$PID_FILE"
    log "kept $RUN_DIR (ES_KEEP_DATA=1)"
  elif [[ -d "$RUN_DIR" ]]; then
    rm -rf "$RUN_DIR"
    log "removed $RUN_DIR"
  fi
}

cmd_status() {
  local pid body
  if pid="$(running_pid)"; then
    if body="$(health)"; then
      printf 'running: pid %s, %s, %s\n' "$pid" "$ES_URL" "$body"
    else
      echo "running: pid $pid, $ES_URL, not answering health yet"
    fi
    return 0
  fi
  echo "not running ($ES_URL, run dir $RUN_DIR)"
  return 3
}

main() {
  [[ $# -eq 1 ]] || { usage; exit 2; }
  cd "$PROJECT_ROOT"
  case "$1" in
    fetch) cmd_fetch ;;
    plugin) cmd_plugin ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    -h|--help|help) usage ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"
