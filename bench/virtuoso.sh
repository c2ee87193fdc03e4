#!/usr/bin/env bash
# medkg against Virtuoso on a synthetic catalog: how long Virtuoso's bulk loader takes on medkg's N-Quads dump
# (the full dataset, closure included) against medkg's own TDB2 build of the catalog, and the latency of the
# canned queries built-on (largest root) and lineage (deepest leaf) on both, over HTTP, median of RUNS runs.
# Results: bench/results/virtuoso.md (the raw figures in bench/results/raw/virtuoso-N.json).
#
#   bench/virtuoso.sh                  # N = 10^5 models
#   N=10000 RUNS=5 bench/virtuoso.sh
#
# Not part of the test run. Needs Java 17, Maven, curl, Python 3 and Debian's virtuoso-opensource (virtuoso-t, isql-vt);
# starts its own virtuoso-t on free loopback ports with a database under bench/work, never the system service.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
RUNS=${RUNS:-11}
WORK=$PWD/bench/work/virtuoso-$N
RAW=bench/results/raw
rm -rf "$WORK"; mkdir -p "$WORK" "$RAW"
for p in virtuoso-t isql-vt curl; do command -v $p >/dev/null || { echo "bench: needs $p (apt-get install -y virtuoso-opensource curl)" >&2; exit 1; }; done

[ -f target/medkg.jar ] || mvn -B -q -DskipTests package >&2
medkg() { java -Xmx4g -jar target/medkg.jar "$@"; }
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

loadStart=$(cut -d' ' -f1-3 /proc/loadavg)
gen=$(medkg generate --models "$N" --seed 42 -o "$WORK/data")
root=$(echo "$gen" | sed -E 's/.*largest root (m[0-9]+) .*/\1/')
leaf=$(echo "$gen" | sed -E 's/.*deepest leaf (m[0-9]+) .*/\1/')
# Only generated ids go into the query text below.
[[ $root =~ ^m[0-9]+$ && $leaf =~ ^m[0-9]+$ ]] || { echo "bench: unexpected generate output: $gen" >&2; exit 1; }

t0=$(now); medkg build --data "$WORK/data" --store "$WORK/store" > "$WORK/build.out"; t1=$(now)
buildMs=$(ms "$t0" "$t1")
medkg export --store "$WORK/store" --format nq -o "$WORK/medkg.nq"
quads=$(wc -l < "$WORK/medkg.nq")

sqlPort=$(free_port); httpPort=$(free_port)
cat > "$WORK/virtuoso.ini" <<INI
[Database]
DatabaseFile = $WORK/virtuoso.db
ErrorLogFile = $WORK/virtuoso.log
LockFile = $WORK/virtuoso.lck
TransactionFile = $WORK/virtuoso.trx
xa_persistent_file = $WORK/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = $WORK/virtuoso-temp.db
TransactionFile = $WORK/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:$sqlPort
DisableUnixSocket = 1
DirsAllowed = ., $WORK
NumberOfBuffers = 680000
MaxDirtyBuffers = 500000
[HTTPServer]
ServerPort = 127.0.0.1:$httpPort
ServerRoot = $WORK
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 0
INI
virtuoso-t +foreground +configfile "$WORK/virtuoso.ini" > "$WORK/virtuoso.out" 2>&1 &
vpid=$!
trap 'kill $vpid 2>/dev/null; wait $vpid 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q "Server online at" "$WORK/virtuoso.out" && break; sleep 0.2; done
grep -q "Server online at" "$WORK/virtuoso.out" || { echo "bench: virtuoso-t did not start" >&2; cat "$WORK/virtuoso.out" >&2; exit 1; }

t0=$(now)
isql-vt "127.0.0.1:$sqlPort" dba dba exec="ld_dir('$WORK', 'medkg.nq', 'urn:medkg:default-graph'); rdf_loader_run(); checkpoint;" > "$WORK/load.out"
t1=$(now)
loadMs=$(ms "$t0" "$t1")
grep -q "Error" "$WORK/load.out" && { cat "$WORK/load.out" >&2; exit 1; }

java -Xmx4g -jar target/medkg.jar serve --data "$WORK/data" --store "$WORK/store" --port 0 > "$WORK/serve.out" 2>&1 &
spid=$!
trap 'kill $vpid $spid 2>/dev/null; wait $vpid $spid 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q "serving db-" "$WORK/serve.out" && break; sleep 0.2; done
medkgBase=$(grep -o 'serving db-[^ ]* at http://[^ ]*' "$WORK/serve.out" | head -1 | sed -E 's|.* at (http://[^ ]*[^/])/?$|\1|')
[ -n "$medkgBase" ] || { echo "bench: medkg serve did not start" >&2; cat "$WORK/serve.out" >&2; exit 1; }

sparql_text() {  # the canned query with its one parameter replaced by a generated model's IRI
  grep -v '^#+' "queries/$1" | sed "s|?_$2\\b|<https://w3id.org/medkg/id/model/$3>|g"
}
virtuoso_ms() {
  curl -s -o "$WORK/v.json" -w '%{time_total}\n' -H 'Accept: application/sparql-results+json' \
    --data-urlencode "query=$1" --data-urlencode default-graph-uri=urn:medkg:default-graph \
    --data-urlencode named-graph-uri=https://w3id.org/medkg/graph/closure \
    --data-urlencode named-graph-uri=https://w3id.org/medkg/graph/ontology \
    --data-urlencode named-graph-uri=https://w3id.org/medkg/graph/queries "http://127.0.0.1:$httpPort/sparql" \
    | awk '{printf "%.1f\n", $1 * 1000}'
}
medkg_ms() {
  curl -s -o "$WORK/m.json" -w '%{time_total}\n' -H 'Accept: application/sparql-results+json' "$medkgBase$1" \
    | awk '{printf "%.1f\n", $1 * 1000}'
}
rows() { python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["results"]["bindings"]))' "$1"; }

builtOn=$(sparql_text 010-built-on.rq base "$root"); lineage=$(sparql_text 020-lineage.rq model "$leaf")
virtuoso_ms "$builtOn" > /dev/null; medkg_ms "/api/queries/built-on?base=$root" > /dev/null   # warm-up
vBuiltOn=$(for _ in $(seq "$RUNS"); do virtuoso_ms "$builtOn"; done | median); vBuiltOnRows=$(rows "$WORK/v.json")
mBuiltOn=$(for _ in $(seq "$RUNS"); do medkg_ms "/api/queries/built-on?base=$root"; done | median); mBuiltOnRows=$(rows "$WORK/m.json")
virtuoso_ms "$lineage" > /dev/null; medkg_ms "/api/queries/lineage?model=$leaf" > /dev/null
vLineage=$(for _ in $(seq "$RUNS"); do virtuoso_ms "$lineage"; done | median); vLineageRows=$(rows "$WORK/v.json")
mLineage=$(for _ in $(seq "$RUNS"); do medkg_ms "/api/queries/lineage?model=$leaf"; done | median); mLineageRows=$(rows "$WORK/m.json")

cat > "$RAW/virtuoso-$N.json" <<JSON
{ "models": $N, "quads": $quads, "root": "$root", "leaf": "$leaf", "runs": $RUNS,
  "medkgBuildMs": $buildMs, "virtuosoLoadMs": $loadMs,
  "builtOn": { "medkgMs": $mBuiltOn, "medkgRows": $mBuiltOnRows, "virtuosoMs": $vBuiltOn, "virtuosoRows": $vBuiltOnRows },
  "lineage": { "medkgMs": $mLineage, "medkgRows": $mLineageRows, "virtuosoMs": $vLineage, "virtuosoRows": $vLineageRows },
  "virtuoso": "$(grep -m1 -o 'Version [^ ]*' "$WORK/virtuoso.out")",
  "cpu": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')", "cores": $(nproc),
  "memoryGiB": $(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo),
  "loadAverageAtStart": "$loadStart", "loadAverageAtEnd": "$(cut -d' ' -f1-3 /proc/loadavg)", "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)" }
JSON
cat "$RAW/virtuoso-$N.json"
