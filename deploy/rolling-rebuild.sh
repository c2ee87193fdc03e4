#!/usr/bin/env bash
# Rebuilds and rolls the new store out to every replica, one at a time, with no downtime.
#
#   deploy/rolling-rebuild.sh [DIR]      (default: deploy/run, as written by deploy/start.sh)
#
# 1. Build once, into DIR/build (a catalog with errors stops here: every replica keeps its build).
# 2. Check it: the store answers a query; note its fingerprint and the checksum of its files.
# 3. For each replica in DIR/replicas ('NAME URL STORE [SSH-TARGET]'), in turn: ship the database into the
#    replica's store with 'medkg publish', which verifies fingerprint and checksum before it swaps the store's
#    'current'; the replica follows 'current' and switches with no restart (queries in flight finish on the old
#    database). Wait until the replica's Medkg-Build header shows the new fingerprint, then go on to the next.
#    If a replica does not switch, stop: the rest keep serving the previous build.
# With an SSH target, the database is copied with rsync to STORE.incoming on that host, and 'medkg publish'
# runs there (MEDKG_REMOTE names medkg on the remote hosts; default 'medkg').
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
dir="${1:-$here/run}"
[ -f "$dir/replicas" ] || die "no $dir/replicas; start a deployment with deploy/start.sh, or write the file"
need curl curl

echo "deploy: building once, in $dir/build" >&2
"$MEDKG" build --data "$MEDKG_DATA" --store "$dir/build" >&2 || die "the build failed; every replica keeps its build"
count="$("$MEDKG" sparql --store "$dir/build" --format csv 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' | sed -n 2p | tr -d '\r')"
[[ "$count" =~ ^[1-9][0-9]*$ ]] || die "the new store does not answer a query (got '$count'); nothing shipped"
described="$("$MEDKG" publish --describe "$dir/build/current")"
fingerprint="$(field fingerprint <<<"$described")" checksum="$(field checksum <<<"$described")"
echo "deploy: build $fingerprint ($count triples in the default graph), checksum $checksum" >&2

while read -r name url store ssh_target; do
  [ -n "$name" ] && [[ "$name" != \#* ]] || continue
  if [ "$(served_build "$url")" = "$fingerprint" ]; then
    echo "deploy: $name already serves $fingerprint" >&2
    continue
  fi
  echo "deploy: shipping to $name ($url)" >&2
  if [ -z "${ssh_target:-}" ]; then
    "$MEDKG" publish "$dir/build/current" --store "$store" \
      --expect-fingerprint "$fingerprint" --expect-checksum "$checksum" >/dev/null
  else
    rsync -a --delete "$dir/build/current/" "$ssh_target:$store.incoming/"
    ssh "$ssh_target" "${MEDKG_REMOTE:-medkg}" publish "$store.incoming" --store "$store" \
      --expect-fingerprint "$fingerprint" --expect-checksum "$checksum" >/dev/null
  fi
  await_build "$url" "$fingerprint" 120 \
    || die "$name at $url did not switch to $fingerprint in 120 s; stopping here (its log says why)"
  echo "deploy: $name serves $fingerprint" >&2
done < "$dir/replicas"
echo "deploy: every replica serves $fingerprint" >&2
echo "$fingerprint"
