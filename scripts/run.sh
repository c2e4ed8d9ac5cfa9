#!/usr/bin/env bash
# `make run`: migrate, load problems, create the first accounts on an empty database, make
# sure Redis answers (starting a private one under the data directory if needed), then run
# uvicorn (one process per core) and one Celery worker, whose process keeps warm sandboxes
# (NUMJUDGE_SANDBOX_POOL_SIZE, 2 by default), until Ctrl-C, which stops everything this
# script started.
set -euo pipefail
cd "$(dirname "$0")/.."
# The data directory holds every candidate's code, the password hashes, the secret and the
# logs: whatever this script and its processes create is theirs alone (0700 / 0600).
umask 077

bin=.venv/bin
export NUMJUDGE_DATA_DIR=${NUMJUDGE_DATA_DIR:-var}
export NUMJUDGE_REDIS_URL=${NUMJUDGE_REDIS_URL:-redis://127.0.0.1:6379/0}
port=${NUMJUDGE_PORT:-8000}
host=${NUMJUDGE_HOST:-127.0.0.1}
# One API process per core: rate limits, lockouts and SSE streams live in Redis, so any
# process answers any request.
api_processes=${NUMJUDGE_API_PROCESSES:-0}
((api_processes > 0)) || api_processes=$(nproc)
log_dir="$NUMJUDGE_DATA_DIR/log"
mkdir -p "$log_dir"
# Made by an older version, or before this umask: private now.
chmod 700 "$NUMJUDGE_DATA_DIR" "$log_dir"
find "$NUMJUDGE_DATA_DIR" -maxdepth 2 -type f \( -name 'numjudge.db*' -o -name '*.log' \) \
  -exec chmod 600 {} +

pids=()
# A process and everything under it. A judging's reference runs in a grandchild (celery, its
# pool process, `python -m sandbox.reference`) that ignores SIGINT as its parent does, and
# would outlive a worker killed in the middle of that judging.
process_tree() {
  local child
  echo "$1"
  for child in $(pgrep -P "$1" 2>/dev/null); do process_tree "$child"; done
}
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "run: stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  # Give them 20 s to finish cleanly, then make sure nothing is left running.
  for _ in $(seq 1 200); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "run: process $pid did not stop within 20 s; killing it and its children" >&2
      # The tree is read before the kill: once a parent is gone its children are orphans.
      for member in $(process_tree "$pid"); do kill -KILL "$member" 2>/dev/null || true; done
    fi
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all INT TERM EXIT

redis_answers() {
  "$bin/python" - "$NUMJUDGE_REDIS_URL" <<'PY' >/dev/null 2>&1
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=1).ping()
PY
}

if ! redis_answers; then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "run: no Redis answers at $NUMJUDGE_REDIS_URL and redis-server is not installed." >&2
    echo "     Install it ('apt-get install redis-server' on Debian) or point" >&2
    echo "     NUMJUDGE_REDIS_URL at a running Redis." >&2
    exit 1
  fi
  redis_port=$("$bin/python" -c "import sys; from urllib.parse import urlsplit; print(urlsplit(sys.argv[1]).port or 6379)" "$NUMJUDGE_REDIS_URL")
  mkdir -p "$NUMJUDGE_DATA_DIR/redis"
  echo "run: starting a private redis-server on 127.0.0.1:$redis_port (data in $NUMJUDGE_DATA_DIR/redis)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$NUMJUDGE_DATA_DIR/redis" \
    --appendonly yes >"$log_dir/redis.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do redis_answers && break; sleep 0.1; done
  redis_answers || { echo "run: redis-server did not start; see $log_dir/redis.log" >&2; exit 1; }
fi

"$bin/numjudge" db upgrade
"$bin/numjudge" problems load || echo "run: some problem packages did not load (listed above)" >&2
"$bin/numjudge" users bootstrap
# An assessment with finished attempts to review (once; NUMJUDGE_DEMO=0 skips it).
if [[ "${NUMJUDGE_DEMO:-1}" != 0 ]]; then "$bin/numjudge" demo; fi

"$bin/celery" -A worker.app worker --concurrency 1 --hostname "worker-$$@%h" \
  --without-gossip --without-mingle --loglevel INFO >"$log_dir/worker.log" 2>&1 &
pids+=($!)
# --no-proxy-headers: uvicorn would otherwise believe X-Forwarded-For from loopback, and any
# local process could pose as any client address. The app trusts NUMJUDGE_TRUSTED_PROXIES.
"$bin/uvicorn" --factory api.app:create_app --host "$host" --port "$port" --no-proxy-headers \
  --workers "$api_processes" >"$log_dir/api.log" 2>&1 &
pids+=($!)

"$bin/python" - "http://$host:$port/openapi.json" <<'PY' || echo "run: the API did not answer yet; see $log_dir/api.log" >&2
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(sys.argv[1], timeout=1)
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
PY
echo
echo "NumJudge is running at http://$host:$port/  (API docs: http://$host:$port/docs)"
echo "Logs: $log_dir/api.log and $log_dir/worker.log. Press Ctrl-C to stop."
wait -n "${pids[@]}" || true
echo "run: a process exited; see the logs in $log_dir" >&2
