#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster (temp dir, free port, removed afterwards).
# The command gets REQIO_TEST_POSTGRES_URL: a superuser URL of the cluster's "postgres" database.
set -euo pipefail
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "with-postgres: no PostgreSQL server binaries in $PG_BIN (Debian: apt-get install -y postgresql-15)" >&2
  exit 1
fi
dir="$(mktemp -d "${TMPDIR:-/tmp}/reqio-pg-XXXXXX")"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
# PostgreSQL refuses to run as root: as root, run it as the postgres system user.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
stop() {
  as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
as_postgres "$PG_BIN/initdb" -D "$dir/data" -U reqio --auth=trust -E UTF8 --locale=C >"$dir/initdb.log"
# fsync off: the cluster is thrown away, and durability costs the suite minutes.
as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
export REQIO_TEST_POSTGRES_URL="postgresql://reqio@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $port" >&2
set +e
"$@"
status=$?
exit $status
