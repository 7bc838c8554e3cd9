#!/usr/bin/env bash
# Serves the built app for Playwright on a fresh SQLite file and key, logging to a file the suite can scan.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${E2E_DIR:-$PWD/tests/.tmp/e2e}"
rm -rf "$dir" && mkdir -p "$dir"
export DATABASE_URL="file:$dir/reqio.db"
export APP_URL="http://localhost:${E2E_PORT:-3100}"
unset REQIO_ENCRYPTION_KEY NEXTAUTH_SECRET NEXTAUTH_URL
# Small identify budgets so the suite can show 429s; the benchmark raises them.
export REQIO_IDENTIFY_LIMIT_PER_IP="${REQIO_IDENTIFY_LIMIT_PER_IP:-120}"
export REQIO_IDENTIFY_LIMIT_PER_PROJECT="${REQIO_IDENTIFY_LIMIT_PER_PROJECT:-300}"
# Every test signs up from this machine: room for the whole suite (the default is 20 an hour).
export REQIO_SIGNUP_LIMIT_PER_IP="${REQIO_SIGNUP_LIMIT_PER_IP:-500}"
npx prisma migrate deploy > "$dir/migrate.log" 2>&1
exec npx next start -p "${E2E_PORT:-3100}" > >(tee -a "$dir/server.log") 2> >(tee -a "$dir/server.log" >&2)
