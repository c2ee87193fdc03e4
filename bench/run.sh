#!/usr/bin/env bash
# The medkg benchmark: for each size N, a synthetic catalog is generated, built by medkg (timed, with peak RSS),
# exported as N-Triples, loaded by tdb2.tdbloader alone (the floor for the load), queried in process and over
# HTTP, loaded by the server under 1, 8 and 32 clients, and compared with RDF4J's memory store, Oxigraph and a
# hand-written BFS on the same closure query. Results: bench/results/results.md and bench/results/chart.svg.
#
#   bench/run.sh                         # N = 10^4, 10^5, 10^6
#   SIZES="10000 100000" bench/run.sh    # fewer sizes
#   PEER_SIZES="10000 100000" bench/run.sh   # RDF4J and Oxigraph only at these sizes (default: every size)
#
# Not part of the test run. Needs Java 17, Maven, Node 20 and about 20 GB of RAM for N = 10^6.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000 1000000"}
RUNS=${RUNS:-30}
LOAD_SECONDS=${LOAD_SECONDS:-10}
WARMUP=${WARMUP:-3}
WORK=bench/work
RAW=bench/results/raw
mkdir -p "$WORK" "$RAW"

echo "bench: building medkg, the RDF4J peer, the Jena tools and the Oxigraph peer" >&2
mvn -B -q -Dstyle.color=never -DskipTests package >&2
(cd bench/rdf4j && mvn -B -q -Dstyle.color=never package >&2)
(cd bench/jena-cmds && mvn -B -q -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
   -Dmdep.outputFile="$PWD/../work/jena-cmds.cp" >&2)
(cd bench/oxigraph && npm install --no-audit --no-fund --silent >&2)

{
  echo "{"
  echo "  \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\","
  echo "  \"cores\": $(nproc),"
  echo "  \"memoryGiB\": $(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo),"
  echo "  \"os\": \"$(. /etc/os-release && echo "$PRETTY_NAME") / $(uname -r)\","
  echo "  \"java\": \"$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')\","
  echo "  \"node\": \"$(node --version)\","
  echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\""
  echo "}"
} > "$RAW/machine.json"

rss() { awk '/Maximum resident set size/ {print $NF}' "$1"; }

# The realistic catalog (data/ with its imports): start-up of the command line and the server ("real catalog").
./medkg build > /dev/null
bench/startup.sh data store meditron-70b "${STARTUP_RUNS:-10}" > "$RAW/startup-0.json" 2> "$WORK/startup-0.err"

for N in $SIZES; do
  echo "bench: N=$N" >&2
  data="$WORK/syn-$N"; store="$WORK/store-$N"; nt="$WORK/syn-$N.nt"; floor="$WORK/tdbloader-$N"
  rm -rf "$data" "$store" "$floor"
  gen=$(java -jar target/medkg.jar generate --models "$N" --seed 42 -o "$data")
  echo "$gen" >&2
  root=$(echo "$gen" | sed -E 's/.*largest root (m[0-9]+) .*/\1/')
  leaf=$(echo "$gen" | sed -E 's/.*deepest leaf (m[0-9]+) .*/\1/')

  /usr/bin/time -v java -Xmx4g -jar target/medkg.jar build --data "$data" --store "$store" \
      > "$WORK/build-$N.out" 2> "$WORK/build-$N.err"
  build=$(cat "$WORK/build-$N.out")
  echo "$build" >&2
  db=$(readlink -f "$store/current")
  java -jar target/medkg.jar export --store "$store" --format nt -o "$nt"
  triples=$(wc -l < "$nt")

  /usr/bin/time -v java -Xmx4g -cp "$(cat $WORK/jena-cmds.cp)" tdb2.tdbloader --loc "$floor" "$nt" \
      > "$WORK/tdbloader-$N.out" 2> "$WORK/tdbloader-$N.err"
  floorSecs=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$WORK/tdbloader-$N.err")

  java -Xmx12g -cp target/medkg.jar org.medkg.bench.QueryBench "$store" queries "$RAW/queries-$N.json" \
      "$root" "$leaf" inst-10 medqa "$RUNS" "$LOAD_SECONDS" "$WARMUP" 2> "$WORK/queries-$N.err"

  bench/startup.sh "$data" "$store" "$leaf" "${STARTUP_RUNS:-10}" > "$RAW/startup-$N.json" 2> "$WORK/startup-$N.err"

  rootIri="https://w3id.org/medkg/id/model/$root"
  if [[ " ${PEER_SIZES:-$SIZES} " != *" $N "* ]]; then
    rdf4j='{"error":"not run at this size (PEER_SIZES)"}'; oxi="$rdf4j"
  else
  rdf4j=$(java -Xmx16g -jar bench/rdf4j/target/rdf4j-bench.jar "$nt" "$rootIri" "$RUNS" 3 2> "$WORK/rdf4j-$N.err" || echo "{\"error\":\"rdf4j failed: $(grep -m1 -iE 'error|exception' "$WORK/rdf4j-$N.err" | tr -d '"\\' | cut -c1-120)\"}")
  oxi=$(node --max-old-space-size=16000 bench/oxigraph/bench.mjs "$nt" "$rootIri" "$RUNS" 3 2> "$WORK/oxigraph-$N.err" || echo "{\"error\":\"oxigraph failed: $(grep -m1 -iE 'error' "$WORK/oxigraph-$N.err" | tr -d '"\\' | cut -c1-120)\"}")
  fi

  {
    echo "{"
    echo "  \"models\": $N, \"root\": \"$root\", \"leaf\": \"$leaf\", \"triples\": $triples,"
    echo "  \"generate\": \"$(echo "$gen" | sed 's/"/\\"/g')\","
    echo "  \"build\": \"$(echo "$build" | sed 's/"/\\"/g')\","
    echo "  \"buildPeakRssKiB\": $(rss "$WORK/build-$N.err"),"
    echo "  \"buildWall\": \"$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$WORK/build-$N.err")\","
    echo "  \"storeBytes\": $(du -s -B1 "$db" | cut -f1),"
    echo "  \"tdbloaderWall\": \"$floorSecs\","
    echo "  \"tdbloaderPeakRssKiB\": $(rss "$WORK/tdbloader-$N.err"),"
    echo "  \"tdbloaderStoreBytes\": $(du -s -B1 "$floor" | cut -f1),"
    echo "  \"rdf4j\": $rdf4j,"
    echo "  \"oxigraph\": $oxi"
    echo "}"
  } > "$RAW/build-$N.json"
  rm -rf "$floor"
done

java -cp target/medkg.jar org.medkg.bench.Report bench/results
echo "bench: wrote bench/results/results.md and bench/results/chart.svg" >&2
