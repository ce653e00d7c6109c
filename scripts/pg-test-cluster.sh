#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the backend tests (issue 11 item 5).
#   scripts/pg-test-cluster.sh start   -> prints `export DUES_TEST_PG=postgres://...` (eval it)
#     (the role dues_pw logs in only with the password dues-test-secret: the password tests)
#   scripts/pg-test-cluster.sh stop DIR
# initdb into a mktemp folder, unix socket in that folder, no TCP port. PostgreSQL
# refuses to run as root, so as root the cluster runs as `nobody` (runuser). Installs
# Debian's postgresql when initdb is absent (root with apt-get only).
set -euo pipefail

find_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return 0
  return 1
}

start() {
  local bin
  if ! bin="$(find_bin)"; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
      bin="$(find_bin)"
    else
      echo "pg-test-cluster: no initdb and cannot install postgresql" >&2
      return 1
    fi
  fi
  local dir; dir="$(mktemp -d /tmp/dues-pg.XXXXXX)"
  local as=()
  if [ "$(id -u)" = 0 ]; then
    chown nobody "$dir"
    as=(runuser -u nobody --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U dues --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  # One role that must give a password (scram), for the PGPASSWORD / ~/.pgpass tests; every
  # other login is trusted (the socket is in a private folder).
  sed -i '1i local all dues_pw scram-sha-256' "$dir/data/pg_hba.conf"
  # No TCP at all: the socket lives in the cluster's own folder; fsync off (throwaway data).
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" start >&2 \
    || { cat "$dir/server.log" >&2; return 1; }
  "${as[@]}" "$bin/createdb" -h "$dir" -U dues dues_test >&2
  "${as[@]}" "$bin/psql" -X -q -h "$dir" -U dues -d dues_test -c "CREATE ROLE dues_pw LOGIN PASSWORD 'dues-test-secret'" >&2
  echo "export DUES_TEST_PG='postgres://dues@/dues_test?host=$dir'"
  echo "export DUES_TEST_PG_DIR='$dir'"
}

stop() {
  local dir="${1:-${DUES_TEST_PG_DIR:-}}"
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  local bin; bin="$(find_bin)"
  local as=()
  [ "$(id -u)" = 0 ] && as=(runuser -u nobody --)
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 64 ;;
esac
