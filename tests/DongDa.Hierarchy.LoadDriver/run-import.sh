#!/usr/bin/env bash
# Write throughput on SQLite and then on PostgreSQL, this checkout side by side with a baseline
# revision (default: the last one before group commit) in one run: a CSV of N study sessions spread
# over every cell of the seeded district, posted to the import endpoint of a Release host on a fresh
# store; the same file again (every row already stored); and the project's write driver posting one
# record per request on 64 connections. First it measures the disk's floor: synced writes per second
# of a lone process (write 4 KiB, fsync) in the folder the stores use.
# Usage: tests/DongDa.Hierarchy.LoadDriver/run-import.sh [rows, default 100000] [seconds of POSTs, default 20] [baseline revision, default ea78afe; "none" to skip]
# Needs PostgreSQL's server binaries (as for the host's postgres-start.sh).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
rows=${1:-100000}
seconds=${2:-20}
baseline=${3:-ea78afe}
port=5098
work=$(mktemp -d /tmp/dongda-import.XXXXXX)
chmod 755 "$work"
key=$(head -c 64 /dev/urandom | base64 -w0)
url="http://127.0.0.1:$port"
host_pid=
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  for dir in "$work"/postgres-*; do
    [ -d "$dir" ] && DONGDA_PG_DIR="$dir" "$repo/src/DongDa.Hierarchy.Host/scripts/postgres-stop.sh" >/dev/null 2>&1 || true
  done
  [ "$baseline" != none ] && git -C "$repo" worktree remove --force "$work/baseline" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release -v q -nologo "$repo/src/DongDa.Hierarchy.Host" >/dev/null
dotnet build -c Release -v q -nologo "$repo/tests/DongDa.Hierarchy.LoadDriver" >/dev/null
host_dll="$repo/src/DongDa.Hierarchy.Host/bin/Release/net10.0/DongDa.Hierarchy.Host.dll"
builds=("this checkout=$host_dll")
if [ "$baseline" != none ]; then
  git -C "$repo" worktree add -q --detach "$work/baseline" "$baseline"
  dotnet build -c Release -v q -nologo "$work/baseline/src/DongDa.Hierarchy.Host" >/dev/null
  builds=("baseline $(git -C "$repo" rev-parse --short "$baseline")=$work/baseline/src/DongDa.Hierarchy.Host/bin/Release/net10.0/DongDa.Hierarchy.Host.dll" "${builds[@]}")
fi
driver_dll="$repo/tests/DongDa.Hierarchy.LoadDriver/bin/Release/net10.0/DongDa.Hierarchy.LoadDriver.dll"
token=$(Hierarchy__Auth__SigningKey="$key" dotnet "$host_dll" token --org '*' --role admin | tail -n 1)

start_host() {
  local dll=$1
  shift
  env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" Logging__LogLevel__Default=Warning \
      Hierarchy__Auth__SigningKey="$key" Hierarchy__DataDirectory="$work/data-$1" Hierarchy__SiloPort=11198 Hierarchy__GatewayPort=30098 "${@:2}" \
      dotnet "$dll" >"$work/host-$1.log" 2>&1 &
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

echo "=== the disk's floor: one process writing 4 KiB and calling fsync, for 3 s, in $work"
python3 - "$work/fsync-probe" <<'PY'
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)
block, count, start = b"x" * 4096, 0, time.monotonic()
while time.monotonic() - start < 3:
    os.pwrite(fd, block, (count % 256) * 4096)
    os.fsync(fd)
    count += 1
print(f"{count / (time.monotonic() - start):.0f} fsyncs/s")
PY

for n in "${!builds[@]}"; do
  build=${builds[$n]}
  start_host "${build#*=}" "sqlite-$n" Hierarchy__Storage=Sqlite
  measure "SQLite (embedded default; WAL, synchronous=FULL), ${build%%=*}"
  stop_host
done

# A server of each build's own, so that neither finds the other's rows.
for n in "${!builds[@]}"; do
  build=${builds[$n]}
  export DONGDA_PG_DIR="$work/postgres-$n" DONGDA_PG_PORT=$((55442 + n))
  connection=$("$repo/src/DongDa.Hierarchy.Host/scripts/postgres-start.sh" | tail -n 1)
  start_host "${build#*=}" "postgres-$n" Hierarchy__Storage=PostgreSql Hierarchy__PostgreSql="$connection"
  measure "PostgreSQL (local server from postgres-start.sh; fsync and synchronous_commit on), ${build%%=*}"
  stop_host
  "$repo/src/DongDa.Hierarchy.Host/scripts/postgres-stop.sh" --delete >/dev/null 2>&1
done
