#!/usr/bin/env bash
# Import throughput against single POSTs, in one run, on SQLite and then on PostgreSQL: a CSV of N
# study sessions spread over every cell of the seeded district, posted to the import endpoint of a
# Release host on a fresh store; the same file again (every row already stored); and, for
# comparison, the project's write driver posting one record per request on 64 connections.
# Usage: tests/DongDa.Hierarchy.LoadDriver/run-import.sh [rows, default 100000] [seconds of POSTs, default 20]
# Needs PostgreSQL's server binaries (as for the host's postgres-start.sh).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
rows=${1:-100000}
seconds=${2:-20}
port=5098
work=$(mktemp -d /tmp/dongda-import.XXXXXX)
chmod 755 "$work"
key=$(head -c 64 /dev/urandom | base64 -w0)
url="http://127.0.0.1:$port"
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
      Hierarchy__Auth__SigningKey="$key" Hierarchy__DataDirectory="$work/data-$1" Hierarchy__SiloPort=11198 Hierarchy__GatewayPort=30098 "${@:2}" \
      dotnet "$host_dll" >"$work/host-$1.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 1 240); do curl -sf "$url/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "host on $1 did not become ready:" >&2
  tail -20 "$work/host-$1.log" >&2
  exit 1
}

stop_host() {
  kill "$host_pid"
  wait "$host_pid" 2>/dev/null || true
  host_pid=
}

# The cells of the seeded district, from the dataset the host loads.
python3 - "$repo/src/DongDa.Hierarchy.Seeding/Data/organizations.json" "$rows" "$work/import.csv" <<'PY'
import json, sys
cells = [org["id"] for org in json.load(open(sys.argv[1])) if org["level"] == "cell"]
rows = int(sys.argv[2])
with open(sys.argv[3], "w", encoding="utf-8") as out:
    out.write("orgId,recordId,date,document,classes,attendees\r\n")
    for i in range(rows):
        out.write(f"{cells[i % len(cells)]},bench-{i},2023-{1 + i % 12:02d}-{1 + i % 28:02d},Nghị quyết số {i % 50},1,{10 + i % 40}\r\n")
PY

post() {
  curl -s -o "$work/answer.json" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
    --data-binary "@$work/import.csv" "$url/api/v1/orgs/dong-da/study-sessions/import"
}

measure() {
  echo "=== $1"
  local size
  size=$(stat -c %s "$work/import.csv")
  for attempt in import again; do
    read -r status took < <(post)
    echo "$attempt: HTTP $status, $rows rows ($size bytes) in ${took} s = $(python3 -c "print(round($rows / $took))") rows/s; answer $(cat "$work/answer.json")"
  done
  echo "single POSTs (project driver, 64 connections, ${seconds} s):"
  dotnet "$driver_dll" --url "$url" --token "$token" --connections 64 --seconds "$seconds" --warmup 5
}

start_host sqlite Hierarchy__Storage=Sqlite
measure "SQLite (embedded default; WAL, synchronous=FULL)"
stop_host

connection=$(DONGDA_PG_DIR="$work/postgres" DONGDA_PG_PORT=55442 "$repo/src/DongDa.Hierarchy.Host/scripts/postgres-start.sh" | tail -n 1)
start_host postgres Hierarchy__Storage=PostgreSql Hierarchy__PostgreSql="$connection"
measure "PostgreSQL (local server from postgres-start.sh; fsync and synchronous_commit on)"
stop_host
