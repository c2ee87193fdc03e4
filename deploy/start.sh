#!/usr/bin/env bash
# Starts a whole replicated deployment on this machine: builds the store once, ships a checked copy to each of N
# replicas ('medkg serve --no-build', each on its own store), and puts HAProxy in front of them.
#
#   deploy/start.sh [--dir DIR] [--replicas N] [--port PORT] [--host ADDRESS]
#
#   --dir       where the build, the replicas' stores, logs and pid files go (default: deploy/run)
#   --replicas  how many replicas (default 2)
#   --port      HAProxy's port (default 3030; 0 = any free port); replicas take free ports of their own
#   --host      HAProxy's address (default 127.0.0.1)
# The throttle is set by MEDKG_RATE_LIMIT, MEDKG_RATE_PERIOD, MEDKG_CONCURRENT_LIMIT, MEDKG_RETRY_AFTER (see
# deploy/haproxy-config.sh). MEDKG_DATA names the catalog (default: data/).
# Writes DIR/replicas (one 'NAME URL STORE' line per replica, read by deploy/rolling-rebuild.sh), DIR/url, and
# pid files; deploy/stop.sh DIR stops it all. Prints the frontend's URL.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir="$here/run" replicas=2 port=3030 host=127.0.0.1
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --replicas) replicas="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --host) host="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ "$replicas" =~ ^[1-9][0-9]*$ ]] || die "--replicas wants a positive number, not '$replicas'"
need haproxy haproxy
need curl curl
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
[ ! -e "$dir/haproxy.pid" ] || die "$dir holds a running deployment (haproxy.pid); stop it with deploy/stop.sh $dir"

echo "deploy: building the store once, in $dir/build" >&2
"$MEDKG" build --data "$MEDKG_DATA" --store "$dir/build" >&2 || die "the build failed; nothing was started"
described="$("$MEDKG" publish --describe "$dir/build/current")"
fingerprint="$(field fingerprint <<<"$described")" checksum="$(field checksum <<<"$described")"

: > "$dir/replicas.tmp"
servers=()
for i in $(seq 1 "$replicas"); do
  r="$dir/replica-$i"
  mkdir -p "$r"
  "$MEDKG" publish "$dir/build/current" --store "$r/store" \
    --expect-fingerprint "$fingerprint" --expect-checksum "$checksum" >/dev/null
  # exec'd java: the pid is the server's own.
  nohup "$MEDKG" serve --no-build --store "$r/store" --port 0 --host 127.0.0.1 > "$r/serve.log" 2>&1 &
  echo $! > "$r/pid"
done
for i in $(seq 1 "$replicas"); do
  r="$dir/replica-$i" start=$SECONDS url=""
  until url="$(grep -o 'serving db-[^ ]* at http://[^ ]*/' "$r/serve.log" | head -1 | sed 's/.* at //; s|/$||')" && [ -n "$url" ]; do
    kill -0 "$(cat "$r/pid")" 2>/dev/null || die "replica-$i exited: $(tail -5 "$r/serve.log")"
    [ $((SECONDS - start)) -lt 180 ] || die "replica-$i did not start in 180 s: $(tail -5 "$r/serve.log")"
    sleep 0.2
  done
  await_build "$url" "$fingerprint" 30 || die "replica-$i at $url does not serve build $fingerprint"
  echo "replica-$i $url $r/store" >> "$dir/replicas.tmp"
  servers+=(--server "replica-$i=${url#http://}")
done
mv "$dir/replicas.tmp" "$dir/replicas"

if [ "$port" = 0 ]; then
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi
"$here/haproxy-config.sh" --listen "$host:$port" --socket "$dir/haproxy.sock" --log "${servers[@]}" > "$dir/haproxy.cfg"
haproxy -c -q -f "$dir/haproxy.cfg" || die "HAProxy refuses $dir/haproxy.cfg"
nohup haproxy -db -f "$dir/haproxy.cfg" > "$dir/haproxy.log" 2>&1 &
echo $! > "$dir/haproxy.pid"
shown="$host"; [[ "$host" == *:* ]] && shown="[$host]"
url="http://$shown:$port"
start=$SECONDS
until [ "$(served_build "$url")" = "$fingerprint" ]; do
  kill -0 "$(cat "$dir/haproxy.pid")" 2>/dev/null || { rm -f "$dir/haproxy.pid"; die "HAProxy exited: $(tail -5 "$dir/haproxy.log")"; }
  [ $((SECONDS - start)) -lt 30 ] || die "HAProxy at $url does not answer"
  sleep 0.2
done
echo "$url" > "$dir/url"
echo "deploy: $replicas replica(s) of build $fingerprint behind HAProxy at $url/ (stop: deploy/stop.sh $dir)" >&2
echo "$url"
