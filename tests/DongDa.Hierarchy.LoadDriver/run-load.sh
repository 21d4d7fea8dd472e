#!/usr/bin/env bash
# A load run on loopback: metric reads with wrk and record writes with the project's own driver,
# against a Release host started on the seeded Đống Đa data, this checkout side by side with a
# baseline revision in one run, and beside the floor: a minimal ASP.NET Core app
# (tests/DongDa.Hierarchy.FloorApp) answering the bytes of the host's own district metrics answer.
# Usage: tests/DongDa.Hierarchy.LoadDriver/run-load.sh [seconds per measurement, default 20]
#        [baseline revision, default ce71f58, the last before the read path's answer cache; "none" to skip]
#        [stores: sqlite, postgres or both, default both] [parts: reads, writes or all, default all]
# Installs Debian's wrk when it is missing (as root, or through sudo); PostgreSQL's server binaries
# are found as the host's postgres-start.sh finds them (./test.sh installs them).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-20}
baseline=${2:-ce71f58}
stores=${3:-both}
parts=${4:-all}
case "$parts" in reads|writes|all) ;; *) echo "parts must be reads, writes or all, not '$parts'" >&2; exit 2;; esac
source "$repo/src/DongDa.Hierarchy.Host/scripts/debian-packages.sh"
command -v wrk >/dev/null || install_debian_packages wrk
port=5099
floor_port=5097
pg_port=55441
ward=phuong-lang-thuong
projects=(tests/DongDa.Hierarchy.LoadDriver tests/DongDa.Hierarchy.FloorApp)
host_settings=(Hierarchy__SeedOnStart=true)
floor_pid=
bench_cleanup_more() { [ -n "$floor_pid" ] && kill "$floor_pid" 2>/dev/null || true; }
. "$repo/tests/DongDa.Hierarchy.LoadDriver/bench-hosts.sh"
bench_setup
driver_dll="$repo/tests/DongDa.Hierarchy.LoadDriver/bin/Release/net10.0/DongDa.Hierarchy.LoadDriver.dll"
floor_dll="$repo/tests/DongDa.Hierarchy.FloorApp/bin/Release/net10.0/DongDa.Hierarchy.FloorApp.dll"

# The processor time process $1 has used so far, in clock ticks (user and system).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# wrk against $2 (a full URL) served by process $1, after a warm-up of the JIT and the grains; extra
# wrk arguments follow. Prints wrk's figures and the server's processor time per request, which
# this machine's neighbours disturb less than the rate.
reads() {
  local pid=$1 target=$2 before output
  shift 2
  wrk -t2 -c16 -d10s -H "Authorization: Bearer $token" "$@" "$target" >/dev/null
  echo "--- reads: GET ${target#http://127.0.0.1:*/} $* (wrk, 2 threads, 16 connections, ${seconds} s)"
  before=$(cpu_ticks "$pid")
  output=$(wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$@" "$target")
  echo "$output" | grep -E "^ +(50|99)%|Requests/sec|Non-2xx|Socket errors|requests in"
  echo "$output" | awk -v ticks=$(( $(cpu_ticks "$pid") - before )) -v hz="$(getconf CLK_TCK)" \
    '/requests in/ { printf "  server processor time per request: %.1f us\n", ticks * 1000000 / hz / $1 }'
}

# The floor: the host's own answers, saved, served by a minimal app; each host read below is
# measured beside the floor's read of the same bytes.
floor_reads=("district.json=/api/v1/orgs/dong-da/metrics" "ward.json=/api/v1/orgs/$ward/metrics?from=2021-01-01&to=2021-12-31" "drilldown.json=/api/v1/orgs/dong-da/drilldown")
floor() {
  mkdir -p "$work/floor"
  for read in "${floor_reads[@]}"; do
    curl -sf -H "Authorization: Bearer $token" -o "$work/floor/${read%%=*}" "$url${read#*=}"
  done
  dotnet "$floor_dll" --urls "http://127.0.0.1:$floor_port" --documents "$work/floor" >"$work/floor.log" 2>&1 &
  floor_pid=$!
  wait_ready "http://127.0.0.1:$floor_port/district.json" "the floor app" "$work/floor.log"
  for read in "${floor_reads[@]}"; do
    echo "--- the floor for ${read#*=}: a minimal app answering its $(stat -c %s "$work/floor/${read%%=*}") bytes"
    reads "$floor_pid" "http://127.0.0.1:$floor_port/${read%%=*}"
  done
  kill "$floor_pid"
  wait "$floor_pid" 2>/dev/null || true
  floor_pid=
}

measure() {
  echo "=== $1"
  [ "$parts" = writes ] || measure_reads
  if [ "$parts" != reads ]; then
    echo "--- writes: POST a record of each kind to every organization (project driver, 16 connections, ${seconds} s)"
    dotnet "$driver_dll" --url "$url" --token "$token" --connections 16 --seconds "$seconds" --warmup 5
  fi
}

measure_reads() {
  floor
  # The pipeline alone (Kestrel, routing, health checks; no grain, no token).
  reads "$host_pid" "$url/health/live"
  reads "$host_pid" "$url/api/v1/orgs/dong-da/metrics"
  reads "$host_pid" "$url/api/v1/orgs/$ward/metrics?from=2021-01-01&to=2021-12-31"
  reads "$host_pid" "$url/api/v1/orgs/dong-da/drilldown"
  # The district itself and its 63 children, served from what the district keeps of them.
  reads "$host_pid" "$url/api/v1/orgs/dong-da/children"
  # A client that has the answer already and asks whether it changed.
  local etag
  etag=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $token" "$url/api/v1/orgs/dong-da/metrics" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
  if [ -n "$etag" ]; then reads "$host_pid" "$url/api/v1/orgs/dong-da/metrics" -H "If-None-Match: $etag"; fi
}

each_store measure
