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
pg_port=55442
stores=both
projects=(tests/DongDa.Hierarchy.LoadDriver)
host_settings=(Hierarchy__SiloPort=11198 Hierarchy__GatewayPort=30098)
. "$repo/tests/DongDa.Hierarchy.LoadDriver/bench-hosts.sh"
bench_setup
driver_dll="$repo/tests/DongDa.Hierarchy.LoadDriver/bin/Release/net10.0/DongDa.Hierarchy.LoadDriver.dll"

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

each_store measure
