#!/usr/bin/env bash
# Throughput of 1 and 2 medkg replicas behind HAProxy (deploy/start.sh), measured with wrk; writes
# bench/results/replicas.md. Each replica is a JVM of its own, so on a machine with few cores this shows that
# the replicated path works under load more than that it is faster.
#
#   bench/replicas.sh [--seconds S] [--connections C]     (defaults: 20 s per measurement, 16 connections)
#
# MEDKG_DATA names the catalog (default: data/). Needs haproxy and wrk (Debian: apt-get install -y haproxy wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=20 connections=16
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "replicas.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
for c in haproxy wrk curl; do command -v "$c" >/dev/null || { echo "replicas.sh: needs $c (apt-get install -y $c)" >&2; exit 1; }; done
work="$(mktemp -d)"
trap 'deploy/stop.sh "$work/run" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export MEDKG_RATE_LIMIT=0 MEDKG_CONCURRENT_LIMIT=0   # one load generator, one address: no throttle
out=bench/results/replicas.md
rows=()

# Requests/s, p50 and p99 latency (ms), non-2xx count of one wrk run.
measure() {
  local url="$1" accept="$2" r
  wrk -t2 -c"$connections" -d5s --timeout 30s -H "Accept: $accept" "$url" >/dev/null           # warm-up
  r="$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s --latency -H "Accept: $accept" "$url")"
  local rps p50 p99 bad
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$r")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$r")" p99="$(awk '$1=="99%" {print $2}' <<<"$r")"
  bad="$(awk '/Non-2xx/ {print $NF}' <<<"$r")"
  errors="$(awk '/Socket errors/ {print $0}' <<<"$r" | sed 's/^ *//')"
  echo "$rps|$p50|$p99|${bad:-0}|${errors:-none}"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

for n in 1 2; do
  url="$(deploy/start.sh --dir "$work/run" --replicas "$n" --port 0 2>"$work/start.log")" \
    || { cat "$work/start.log" >&2; exit 1; }
  direct="$(sed -n 1p "$work/run/replicas" | cut -d' ' -f2)"
  q="$(python3 -c 'import urllib.parse; print(urllib.parse.quote("SELECT (COUNT(*) AS ?n) { ?m <https://w3id.org/medkg/ontology#builtOn> ?b }"))')"
  for target in "canned built-on?base=Llama-2|/api/queries/built-on?base=Llama-2|application/sparql-results+json" \
                "SPARQL count of builtOn edges|/medkg/sparql?query=$q|text/csv" \
                "entity page (Turtle)|/id/model/llama-2-70b|text/turtle"; do
    IFS='|' read -r what path accept <<<"$target"
    before="$(load)"
    m="$(measure "$url$path" "$accept")"
    rows+=("| $n | HAProxy | $what | ${m%%|*} | $(cut -d'|' -f2 <<<"$m") | $(cut -d'|' -f3 <<<"$m") | $(cut -d'|' -f4 <<<"$m") | $before → $(load) |")
    echo "replicas=$n $what: $m" >&2
    if [ "$n" = 1 ]; then
      before="$(load)"
      m="$(measure "$direct$path" "$accept")"
      rows+=("| 1 | direct (no HAProxy) | $what | ${m%%|*} | $(cut -d'|' -f2 <<<"$m") | $(cut -d'|' -f3 <<<"$m") | $(cut -d'|' -f4 <<<"$m") | $before → $(load) |")
      echo "direct $what: $m" >&2
    fi
  done
  deploy/stop.sh "$work/run" >/dev/null 2>&1
  rm -rf "$work/run"
done

{
  echo "# Throughput of 1 and 2 replicas behind HAProxy"
  echo
  echo "Measured with \`bench/replicas.sh\` (wrk, 2 threads, $connections connections, ${seconds} s after a 5 s warm-up, per row) on"
  echo "$(date -u +%Y-%m-%d), on $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB RAM,"
  echo "$(java -version 2>&1 | head -1), $(haproxy -v | head -1 | cut -d' ' -f1-3), wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2)."
  echo "Catalog: $(basename "${MEDKG_DATA:-data}")/ of this repository. Every replica, HAProxy and wrk share the same $(nproc) cores."
  echo
  echo "| replicas | path | request | requests/s | p50 | p99 | non-2xx | load average (1/5/15 min) before → after |"
  echo "|---:|---|---|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "The load average column shows what else ran: this machine was shared with other work (other builds and"
  echo "test suites running at the same time), so absolute figures are noisy and low."
} > "$out"
echo "wrote $out" >&2
