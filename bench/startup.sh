#!/usr/bin/env bash
# Start-up of the command line and the server, as a user meets it through ./medkg (with its AppCDS archive and
# client compiler for short commands), against the same with MEDKG_CDS=off and plain `java -jar`.
#
#   bench/startup.sh DATA_DIR STORE_DIR MODEL [RUNS]    # prints one JSON object
#
# The store must be current for DATA_DIR (built by `medkg build --data DATA_DIR --store STORE_DIR`).
set -euo pipefail
cd "$(dirname "$0")/.."
data=$1; store=$2; model=$3; runs=${4:-10}

wall() {   # median wall time in ms of RUNS runs of the command
  local t=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N)
    t+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

ready() {  # median ms from launching `medkg serve` to /$/ping answering 200
  local t=()
  for _ in $(seq "$runs"); do
    local port s e pid
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    s=$(date +%s%N)
    "$@" --port "$port" > /dev/null 2>&1 &
    pid=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$port/\$/ping"; do sleep 0.02; done
    e=$(date +%s%N)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    t+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

opts=(--data "$data" --store "$store")
./medkg --version > /dev/null                      # builds the jar if needed
./medkg lineage "$model" "${opts[@]}" > /dev/null   # a first run: the OS caches the store
echo "{"
echo "  \"lineage\": {\"medkg\": $(wall ./medkg lineage "$model" "${opts[@]}"), \"noCds\": $(MEDKG_CDS=off wall ./medkg lineage "$model" "${opts[@]}"), \"javaJar\": $(wall java -jar target/medkg.jar lineage "$model" "${opts[@]}")},"
echo "  \"query\": {\"medkg\": $(wall ./medkg query lineage -p model="$model" "${opts[@]}"), \"noCds\": $(MEDKG_CDS=off wall ./medkg query lineage -p model="$model" "${opts[@]}"), \"javaJar\": $(wall java -jar target/medkg.jar query lineage -p model="$model" "${opts[@]}")},"
echo "  \"serveReady\": {\"medkg\": $(ready ./medkg serve "${opts[@]}"), \"noCds\": $(MEDKG_CDS=off ready ./medkg serve "${opts[@]}"), \"javaJar\": $(ready java -jar target/medkg.jar serve "${opts[@]}")},"
echo "  \"runs\": $runs"
echo "}"
