#!/usr/bin/env bash
# Restart the web instances one at a time without failing a request (docker compose).
#
#   scripts/rolling-restart.sh [web1 web2]
#
# For each: drain it (PLMS_DRAIN_FILE: /readyz and new requests answer 503 "draining", which
# the proxy passes to the other instance), give running requests DRAIN_SECONDS to finish,
# restart it (SIGTERM: gunicorn finishes what it has), wait until /readyz says ready again,
# then go on to the next. Deploy a new image with `docker compose up -d --no-deps web1` in
# place of `restart` (same order).
set -euo pipefail
DRAIN_SECONDS=${DRAIN_SECONDS:-5}
SERVICES=("${@:-web1 web2}")
# shellcheck disable=SC2206
SERVICES=(${SERVICES[*]})

ready() {
  docker compose exec -T "$1" python -c \
    "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2)" \
    >/dev/null 2>&1
}

for service in "${SERVICES[@]}"; do
  echo "draining $service"
  docker compose exec -T "$service" sh -c 'touch "$PLMS_DRAIN_FILE"'
  sleep "$DRAIN_SECONDS"
  echo "restarting $service"
  docker compose restart --timeout 60 "$service"
  docker compose exec -T "$service" sh -c 'rm -f "$PLMS_DRAIN_FILE"'
  for _ in $(seq 1 60); do ready "$service" && break; sleep 1; done
  ready "$service" || { echo "$service did not become ready" >&2; exit 1; }
  echo "$service is back"
done
