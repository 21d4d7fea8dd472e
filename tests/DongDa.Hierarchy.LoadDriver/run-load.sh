#!/usr/bin/env bash
# A load run on loopback, on SQLite and then on PostgreSQL: metric reads with wrk, record writes with
# the project's own driver, each against the host started on the seeded Đống Đa data.
# Usage: tests/DongDa.Hierarchy.LoadDriver/run-load.sh [seconds per measurement, default 20]
# Needs wrk (apt-get install wrk) and PostgreSQL's server binaries (as for the host's postgres-start.sh).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-20}
port=5099
work=$(mktemp -d /tmp/dongda-load.XXXXXX)
chmod 755 "$work"
key=$(head -c 64 /dev/urandom | base64 -w0)
url="http://127.0.0.1:$port"
ward=phuong-lang-thuong
host_pid=

cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  DONGDA_PG_DIR="$work/postgres" "$repo/src/DongDa.Hierarchy.Host/scripts/postgres-stop.sh" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release -v q -nologo "$repo/src/DongDa.Hierarchy.Host" >/dev/null
dotnet build -c Release -v q -nologo "$repo/tests/DongDa.Hierarchy.LoadDriver" >/dev/null
host_dll="$repo/src/DongDa.Hierarchy.Host/bin/Release/net10.0/DongDa.Hierarchy.Host.dll"
driver_dll="$repo/tests/DongDa.Hierarchy.LoadDriver/bin/Release/net10.0/DongDa.Hierarchy.LoadDriver.dll"
token=$(Hierarchy__Auth__SigningKey="$key" dotnet "$host_dll" token --org '*' --role admin | tail -n 1)

start_host() {
  env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" Logging__LogLevel__Default=Warning \
      Hierarchy__Auth__SigningKey="$key" Hierarchy__SeedOnStart=true Hierarchy__DataDirectory="$work/data-$1" "${@:2}" \
      dotnet "$host_dll" >"$work/host-$1.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "$url/health/ready" >/dev/null && return 0
    sleep 0.5
  done
  echo "host on $1 did not become ready:" >&2
  tail -20 "$work/host-$1.log" >&2
  exit 1
}

stop_host() {
  kill "$host_pid"
  wait "$host_pid" 2>/dev/null || true
  host_pid=
}

reads() {
  local path=$1
  # Warm up the JIT and the grains, then measure.
  wrk -t2 -c16 -d10s -H "Authorization: Bearer $token" "$url$path" >/dev/null
  echo "--- reads: GET $path (wrk, 2 threads, 16 connections, ${seconds} s)"
  wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$url$path" \
    | grep -E "Latency Distribution|^ +(50|75|90|99)%|Requests/sec|Non-2xx|Socket errors|requests in"
}

measure() {
  echo "=== $1"
  # The pipeline alone (Kestrel, the token check, routing; no grain): the ceiling for any read.
  reads "/health/live"
  reads "/api/v1/orgs/dong-da/metrics"
  reads "/api/v1/orgs/$ward/metrics?from=2021-01-01&to=2021-12-31"
  # The district itself and its 63 children, served from what the district keeps of them.
  reads "/api/v1/orgs/dong-da"
  reads "/api/v1/orgs/dong-da/children"
  echo "--- writes: POST a record of each kind to every organization (project driver, 16 connections, ${seconds} s)"
  dotnet "$driver_dll" --url "$url" --token "$token" --connections 16 --seconds "$seconds" --warmup 5
}

start_host sqlite Hierarchy__Storage=Sqlite
measure "SQLite (embedded default; WAL, synchronous=FULL)"
stop_host

connection=$(DONGDA_PG_DIR="$work/postgres" DONGDA_PG_PORT=55441 "$repo/src/DongDa.Hierarchy.Host/scripts/postgres-start.sh" | tail -n 1)
start_host postgres Hierarchy__Storage=PostgreSql Hierarchy__PostgreSql="$connection"
measure "PostgreSQL (local server from postgres-start.sh; fsync and synchronous_commit on)"
stop_host
