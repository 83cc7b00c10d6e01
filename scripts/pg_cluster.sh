#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, kept entirely inside one folder.
#
#   scripts/pg_cluster.sh start DIR   initdb DIR/data (first time), start it on 127.0.0.1 at a free port
#                                     (the same port again on a restart), create database haven_test,
#                                     write the URL to DIR/url and print it
#   scripts/pg_cluster.sh stop DIR    stop it (fast, then immediate, then SIGKILL by the recorded pid)
#
# Trust authentication on loopback only; the unix socket lives in DIR; fsync is off (test data only).
# As root, the server runs as the unprivileged `postgres` user (PostgreSQL refuses to run as root).
# scripts/with_postgres.sh wraps a command in start/stop; tests that restart a server use this directly.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}
[[ $# -eq 2 ]] || usage
action=$1
dir=$2

find_bin() {
  local name=$1 candidate
  for candidate in ${HAVEN_PG_BIN:+"$HAVEN_PG_BIN"} /usr/lib/postgresql/15/bin \
    $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -rn); do
    if [[ -x $candidate/$name ]]; then
      echo "$candidate/$name"
      return 0
    fi
  done
  if command -v "$name" >/dev/null; then
    command -v "$name"
    return 0
  fi
  echo "pg_cluster: $name not found (install postgresql-15, or set HAVEN_PG_BIN)" >&2
  return 1
}

# Runs a command as the server's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  local hex
  hex=$(printf ':%04X ' "$1")
  grep -qi -- "$hex" /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# Below the kernel's range for outgoing connections' local ports: a restart reuses the port, and in
# the seconds the server is down any process's outgoing connection could otherwise be given it
# (bind then fails with "Address already in use" — seen once in pg_restart_test).
free_port() {
  local port tries low=32768 span
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  span=$((low - 20000))
  ((span >= 1000)) || span=40000
  for tries in $(seq 1 200); do
    port=$((20000 + RANDOM % span))
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
  done
  echo "pg_cluster: no free TCP port found" >&2
  return 1
}

start() {
  local initdb pg_ctl pg_isready psql port user=haven attempt
  initdb=$(find_bin initdb)
  pg_ctl=$(find_bin pg_ctl)
  pg_isready=$(find_bin pg_isready)
  psql=$(find_bin psql)

  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "pg_cluster: running as root needs the 'postgres' user (install postgresql-15)" >&2
      return 1
    fi
    chown postgres: "$dir"
  fi
  if [[ ! -f $dir/data/PG_VERSION ]]; then
    if ! as_owner "$initdb" --pgdata="$dir/data" --username="$user" --auth-local=trust \
      --auth-host=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
      echo "pg_cluster: initdb failed:" >&2
      tail -n 20 "$dir/initdb.log" >&2
      return 1
    fi
    as_owner mkdir -p "$dir/sock"
  fi

  # A restart keeps its port, so URLs handed out before stay valid.
  for attempt in 1 2 3 4 5; do
    if [[ -f $dir/port ]]; then
      port=$(cat "$dir/port")
    else
      port=$(free_port)
    fi
    if as_owner "$pg_ctl" start --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
      --silent -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir/sock' \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
        -c max_locks_per_transaction=128" >/dev/null 2>&1; then
      echo "$port" >"$dir/port.tmp" && mv "$dir/port.tmp" "$dir/port"
      break
    fi
    if [[ -f $dir/port ]] || ((attempt == 5)); then
      echo "pg_cluster: the server did not start on port $port; end of $dir/server.log:" >&2
      tail -n 30 "$dir/server.log" >&2 2>/dev/null || true
      return 1
    fi
    # Probably lost a race for the port: try another one.
  done

  for attempt in $(seq 1 100); do
    if "$pg_isready" --quiet --host=127.0.0.1 --port="$port" --timeout=2; then break; fi
    if ((attempt == 100)); then
      echo "pg_cluster: the server on port $port never became ready; end of $dir/server.log:" >&2
      tail -n 30 "$dir/server.log" >&2 || true
      return 1
    fi
    sleep 0.1
  done

  if ! "$psql" --no-psqlrc --quiet --host=127.0.0.1 --port="$port" --username="$user" \
    --dbname=postgres --tuples-only --no-align \
    --command="SELECT 1 FROM pg_database WHERE datname = 'haven_test'" | grep -q 1; then
    "$psql" --no-psqlrc --quiet --host=127.0.0.1 --port="$port" --username="$user" \
      --dbname=postgres --command="CREATE DATABASE haven_test" >/dev/null
  fi
  echo "postgresql://$user@127.0.0.1:$port/haven_test" >"$dir/url"
  cat "$dir/url"
}

stop() {
  local pg_ctl pid
  [[ -d $dir/data ]] || return 0
  pg_ctl=$(find_bin pg_ctl)
  pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
  if [[ -n $pid ]]; then
    as_owner "$pg_ctl" stop --pgdata="$dir/data" --mode=fast --wait --timeout=20 --silent \
      >/dev/null 2>&1 ||
      as_owner "$pg_ctl" stop --pgdata="$dir/data" --mode=immediate --wait --timeout=10 --silent \
        >/dev/null 2>&1 || true
    # Last resort: the postmaster we started, by its recorded pid (its children exit with it).
    if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
    fi
  fi
}

case $action in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
