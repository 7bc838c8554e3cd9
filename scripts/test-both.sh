#!/usr/bin/env bash
# Runs the whole suite on SQLite and on PostgreSQL side by side (own ports, databases and logs) to keep
# CI within its time budget; each log is printed whole when its run ends. Fails if either fails.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p tests/.tmp
sqlite_log=tests/.tmp/test-sqlite.log
postgres_log=tests/.tmp/test-postgres.log
started=$(date +%s)
E2E_PORT=3100 npm run -s test:sqlite > "$sqlite_log" 2>&1 &
sqlite_pid=$!
E2E_PORT=3200 npm run -s test:postgres > "$postgres_log" 2>&1 &
postgres_pid=$!

wait "$sqlite_pid"; sqlite_status=$?
echo "===== SQLite suite (exit $sqlite_status, $(( $(date +%s) - started )) s) ====="
cat "$sqlite_log"
wait "$postgres_pid"; postgres_status=$?
echo "===== PostgreSQL suite (exit $postgres_status, $(( $(date +%s) - started )) s) ====="
cat "$postgres_log"

echo "SQLite: $([ $sqlite_status = 0 ] && echo passed || echo FAILED); PostgreSQL: $([ $postgres_status = 0 ] && echo passed || echo FAILED)"
[ "$sqlite_status" = 0 ] && [ "$postgres_status" = 0 ]
