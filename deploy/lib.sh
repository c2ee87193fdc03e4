# Shared by the deploy scripts (sourced, not run).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# The medkg command: the checkout's launcher unless MEDKG names another (tests pass one running their classes).
MEDKG="${MEDKG:-$repo/medkg}"
MEDKG_DATA="${MEDKG_DATA:-$repo/data}"

die() { echo "deploy: $*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null || die "'$1' is not installed (Debian: apt-get install -y $2)"
}

# The Medkg-Build header of URL's /$/ping, or nothing if it does not answer.
served_build() {
  curl -s -m 5 -o /dev/null -D - "$1/\$/ping" 2>/dev/null | tr -d '\r' | sed -n 's/^[Mm]edkg-[Bb]uild: //p'
}

# Waits until the replica at URL serves build FINGERPRINT (up to SECONDS, default 120).
await_build() {
  local url="$1" fp="$2" limit="${3:-120}" start=$SECONDS
  until [ "$(served_build "$url")" = "$fp" ]; do
    [ $((SECONDS - start)) -lt "$limit" ] || return 1
    sleep 0.2
  done
}

# Field VALUE of 'KEY VALUE' lines on stdin.
field() { sed -n "s/^$1 //p"; }
