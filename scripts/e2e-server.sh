#!/usr/bin/env bash
# Serves the built app for Playwright on a fresh database and key, logging to a file the suite can scan:
# a SQLite file by default, or under scripts/with-postgres.sh a fresh PostgreSQL database in that cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${E2E_DIR:-$PWD/tests/.tmp/e2e}"
rm -rf "$dir" && mkdir -p "$dir"
export APP_URL="http://localhost:${E2E_PORT:-3100}"
unset REQIO_ENCRYPTION_KEY NEXTAUTH_SECRET NEXTAUTH_URL
if [ -n "${REQIO_TEST_POSTGRES_URL:-}" ]; then
  name="reqio_e2e_${E2E_PORT:-3100}"
  psql="${PG_BIN:-/usr/lib/postgresql/15/bin}/psql"
  "$psql" -q "$REQIO_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name"
  export DATABASE_URL="${REQIO_TEST_POSTGRES_URL%/*}/$name"
  # PostgreSQL deployments configure both (no key file is generated beside a database file).
  export REQIO_ENCRYPTION_KEY="$(openssl rand -base64 32)" NEXTAUTH_SECRET="$(openssl rand -base64 32)"
else
  export DATABASE_URL="file:$dir/reqio.db"
fi
# The tests read the database directly (at-rest checks, the leak scan): tell them where it is.
printf '%s' "$DATABASE_URL" > "$dir/database-url"
# Small identify budgets so the suite can show 429s; the benchmark raises them.
export REQIO_IDENTIFY_LIMIT_PER_IP="${REQIO_IDENTIFY_LIMIT_PER_IP:-120}"
export REQIO_IDENTIFY_LIMIT_PER_PROJECT="${REQIO_IDENTIFY_LIMIT_PER_PROJECT:-300}"
# The suite stands in for many clients by sending X-Forwarded-For from this machine, as a proxy on
# loopback would (the default trusts only the socket address).
export REQIO_TRUSTED_PROXIES="${REQIO_TRUSTED_PROXIES:-loopback}"
# Under scripts/with-redis.sh the rate limits are shared through that Redis.
if [ -n "${REQIO_TEST_REDIS_URL:-}" ]; then export REDIS_URL="$REQIO_TEST_REDIS_URL"; fi
# Every test signs up (and so signs in) from this machine: room for the whole suite (the defaults are
# 20 sign-ups an hour and 50 sign-ins per 15 minutes per address).
export REQIO_SIGNUP_LIMIT_PER_IP="${REQIO_SIGNUP_LIMIT_PER_IP:-500}"
export REQIO_SIGNIN_LIMIT_PER_IP="${REQIO_SIGNIN_LIMIT_PER_IP:-500}"
# A dashboard page that always throws, for the error-boundary test (app/(dashboard)/teams/[teamId]/e2e-failing-page).
export REQIO_E2E_FAILING_PAGE=1
if [ -n "${REQIO_TEST_POSTGRES_URL:-}" ]; then
  # A second instance (two-instances.spec.ts) joins this deployment with the same settings.
  (umask 077 && node -e 'const e=process.env;console.log(JSON.stringify({DATABASE_URL:e.DATABASE_URL,REQIO_ENCRYPTION_KEY:e.REQIO_ENCRYPTION_KEY,NEXTAUTH_SECRET:e.NEXTAUTH_SECRET,APP_URL:e.APP_URL,REQIO_IDENTIFY_LIMIT_PER_IP:e.REQIO_IDENTIFY_LIMIT_PER_IP,REQIO_IDENTIFY_LIMIT_PER_PROJECT:e.REQIO_IDENTIFY_LIMIT_PER_PROJECT,REQIO_SIGNUP_LIMIT_PER_IP:e.REQIO_SIGNUP_LIMIT_PER_IP,REQIO_SIGNIN_LIMIT_PER_IP:e.REQIO_SIGNIN_LIMIT_PER_IP,REQIO_TRUSTED_PROXIES:e.REQIO_TRUSTED_PROXIES,REDIS_URL:e.REDIS_URL}))' > "$dir/instance.json")
fi
npx prisma migrate deploy > "$dir/migrate.log" 2>&1
# Benchmarks prepare the directory and database this way, then start the server themselves.
if [ -n "${E2E_PREPARE_ONLY:-}" ]; then exit 0; fi
export PORT="${E2E_PORT:-3100}"
exec node --import tsx server/main.ts > >(tee -a "$dir/server.log") 2> >(tee -a "$dir/server.log" >&2)
