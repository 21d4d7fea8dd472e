#!/usr/bin/env bash
# A load run on loopback: metric reads with wrk and record writes with the project's own driver,
# against a Release host started on the seeded Đống Đa data, this checkout side by side with a
# baseline revision in one run, and beside the floor: a minimal ASP.NET Core app
# (tests/DongDa.Hierarchy.FloorApp) answering the bytes of the host's own district metrics answer.
# Usage: tests/DongDa.Hierarchy.LoadDriver/run-load.sh [seconds per measurement, default 20]
#        [baseline revision, default ce71f58, the last before the read path's answer cache; "none" to skip]
#        [stores: sqlite, postgres or both, default both] [parts: reads or all, default all]
# Needs wrk (apt-get install wrk) and PostgreSQL's server binaries (as for the host's postgres-start.sh).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-20}
baseline=${2:-ce71f58}
stores=${3:-both}
parts=${4:-all}
port=5099
floor_port=5097
work=$(mktemp -d /tmp/dongda-load.XXXXXX)
chmod 755 "$work"
key=$(head -c 64 /dev/urandom | base64 -w0)
url="http://127.0.0.1:$port"
ward=phuong-lang-thuong
host_pid=
floor_pid=

cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  [ -n "$floor_pid" ] && kill "$floor_pid" 2>/dev/null || true
  for dir in "$work"/postgres-*; do
    [ -d "$dir" ] && DONGDA_PG_DIR="$dir" "$repo/src/DongDa.Hierarchy.Host/scripts/postgres-stop.sh" >/dev/null 2>&1 || true
  done
  [ "$baseline" != none ] && git -C "$repo" worktree remove --force "$work/baseline" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

build() {
  dotnet build -c Release -v q -nologo "$1" >"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
}
for project in src/DongDa.Hierarchy.Host tests/DongDa.Hierarchy.LoadDriver tests/DongDa.Hierarchy.FloorApp; do build "$repo/$project"; done
host_dll="$repo/src/DongDa.Hierarchy.Host/bin/Release/net10.0/DongDa.Hierarchy.Host.dll"
driver_dll="$repo/tests/DongDa.Hierarchy.LoadDriver/bin/Release/net10.0/DongDa.Hierarchy.LoadDriver.dll"
floor_dll="$repo/tests/DongDa.Hierarchy.FloorApp/bin/Release/net10.0/DongDa.Hierarchy.FloorApp.dll"
builds=("this checkout=$host_dll")
if [ "$baseline" != none ]; then
  git -C "$repo" worktree add -q --detach "$work/baseline" "$baseline"
  build "$work/baseline/src/DongDa.Hierarchy.Host"
  builds=("baseline $(git -C "$repo" rev-parse --short "$baseline")=$work/baseline/src/DongDa.Hierarchy.Host/bin/Release/net10.0/DongDa.Hierarchy.Host.dll" "${builds[@]}")
fi
token=$(Hierarchy__Auth__SigningKey="$key" dotnet "$host_dll" token --org '*' --role admin | tail -n 1)

wait_ready() {
  for _ in $(seq 1 240); do curl -sf "$1" >/dev/null && return 0; sleep 0.5; done
  echo "$2 did not become ready:" >&2
  tail -20 "$3" >&2
  exit 1
}

start_host() {
  local dll=$1
  shift
  env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" Logging__LogLevel__Default=Warning \
      Hierarchy__Auth__SigningKey="$key" Hierarchy__SeedOnStart=true Hierarchy__DataDirectory="$work/data-$1" "${@:2}" \
      dotnet "$dll" >"$work/host-$1.log" 2>&1 &
  host_pid=$!
  wait_ready "$url/health/ready" "host on $1" "$work/host-$1.log"
}

stop_host() {
  kill "$host_pid"
  wait "$host_pid" 2>/dev/null || true
  host_pid=
}

# wrk against $1 (a full URL), after a warm-up of the JIT and the grains; extra wrk arguments follow.
reads() {
  local target=$1
  shift
  wrk -t2 -c16 -d10s -H "Authorization: Bearer $token" "$@" "$target" >/dev/null
  echo "--- reads: GET ${target#http://127.0.0.1:*/} $* (wrk, 2 threads, 16 connections, ${seconds} s)"
  wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$@" "$target" \
    | grep -E "^ +(50|99)%|Requests/sec|Non-2xx|Socket errors|requests in"
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
    reads "http://127.0.0.1:$floor_port/${read%%=*}"
  done
  kill "$floor_pid"
  wait "$floor_pid" 2>/dev/null || true
  floor_pid=
}

measure() {
  echo "=== $1"
  floor
  # The pipeline alone (Kestrel, routing, health checks; no grain, no token).
  reads "$url/health/live"
  reads "$url/api/v1/orgs/dong-da/metrics"
  reads "$url/api/v1/orgs/$ward/metrics?from=2021-01-01&to=2021-12-31"
  reads "$url/api/v1/orgs/dong-da/drilldown"
  # The district itself and its 63 children, served from what the district keeps of them.
  reads "$url/api/v1/orgs/dong-da/children"
  # A client that has the answer already and asks whether it changed.
  local etag
  etag=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $token" "$url/api/v1/orgs/dong-da/metrics" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
  if [ -n "$etag" ]; then reads "$url/api/v1/orgs/dong-da/metrics" -H "If-None-Match: $etag"; fi
  if [ "$parts" = all ]; then
    echo "--- writes: POST a record of each kind to every organization (project driver, 16 connections, ${seconds} s)"
    dotnet "$driver_dll" --url "$url" --token "$token" --connections 16 --seconds "$seconds" --warmup 5
  fi
}

if [ "$stores" != postgres ]; then
  for n in "${!builds[@]}"; do
    build=${builds[$n]}
    start_host "${build#*=}" "sqlite-$n" Hierarchy__Storage=Sqlite
    measure "SQLite (embedded default; WAL, synchronous=FULL), ${build%%=*}"
    stop_host
  done
fi

if [ "$stores" != sqlite ]; then
  # A server of each build's own, so that neither finds the other's rows.
  for n in "${!builds[@]}"; do
    build=${builds[$n]}
    export DONGDA_PG_DIR="$work/postgres-$n" DONGDA_PG_PORT=$((55441 + n))
    connection=$("$repo/src/DongDa.Hierarchy.Host/scripts/postgres-start.sh" | tail -n 1)
    start_host "${build#*=}" "postgres-$n" Hierarchy__Storage=PostgreSql Hierarchy__PostgreSql="$connection"
    measure "PostgreSQL (local server from postgres-start.sh; fsync and synchronous_commit on), ${build%%=*}"
    stop_host
    "$repo/src/DongDa.Hierarchy.Host/scripts/postgres-stop.sh" --delete >/dev/null 2>&1
  done
fi
