#!/usr/bin/env bash
# Stops what deploy/start.sh DIR started: HAProxy, then the replicas (by the pids it recorded, nothing else).
#
#   deploy/stop.sh [DIR]      (default: deploy/run)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
dir="${1:-$here/run}"
pids=()
for f in "$dir/haproxy.pid" "$dir"/replica-*/pid; do
  [ -f "$f" ] || continue
  pid="$(cat "$f")"
  kill "$pid" 2>/dev/null && pids+=("$pid")
  rm -f "$f"
done
for pid in "${pids[@]}"; do
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
done
echo "deploy: stopped ${#pids[@]} process(es) of $dir" >&2
