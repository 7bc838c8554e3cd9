#!/usr/bin/env bash
# Runs a command beside a throwaway Redis (temp dir, free port on 127.0.0.1, no persistence, removed
# afterwards). The command gets REQIO_TEST_REDIS_URL. Composes with with-postgres.sh:
#   bash scripts/with-postgres.sh bash scripts/with-redis.sh <command>
set -euo pipefail
REDIS_SERVER="${REDIS_SERVER:-$(command -v redis-server || true)}"
if [ -z "$REDIS_SERVER" ] || [ ! -x "$REDIS_SERVER" ]; then
  echo "with-redis: no redis-server on PATH (Debian: apt-get install -y redis-server)" >&2
  exit 1
fi
dir="$(mktemp -d "${TMPDIR:-/tmp}/reqio-redis-XXXXXX")"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
stop() {
  if [ -f "$dir/redis.pid" ]; then
    pid="$(cat "$dir/redis.pid")"
    kill -CONT "$pid" 2>/dev/null || true # a test may have paused it
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap stop EXIT
"$REDIS_SERVER" --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no \
  --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.05
done
export REQIO_TEST_REDIS_URL="redis://127.0.0.1:$port"
echo "with-redis: Redis $("$REDIS_SERVER" --version | awk '{print $3}' | sed 's/^v=//') on port $port" >&2
set +e
"$@"
status=$?
exit $status
