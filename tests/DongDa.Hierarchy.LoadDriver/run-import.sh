#!/usr/bin/env bash
# Import throughput: a CSV of N study sessions spread over every cell of the seeded district, posted
# to the import endpoint of a Release host on a fresh SQLite folder; then the same file again (every
# row already stored). Prints rows, seconds and rows/s for both.
# Usage: tests/DongDa.Hierarchy.LoadDriver/run-import.sh [rows, default 100000]
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
rows=${1:-100000}
port=5098
work=$(mktemp -d /tmp/dongda-import.XXXXXX)
key=$(head -c 64 /dev/urandom | base64 -w0)
url="http://127.0.0.1:$port"
host_pid=
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release -v q -nologo "$repo/src/DongDa.Hierarchy.Host" >/dev/null
host_dll="$repo/src/DongDa.Hierarchy.Host/bin/Release/net10.0/DongDa.Hierarchy.Host.dll"
token=$(Hierarchy__Auth__SigningKey="$key" dotnet "$host_dll" token --org '*' --role admin | tail -n 1)
env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" Logging__LogLevel__Default=Warning \
    Hierarchy__Auth__SigningKey="$key" Hierarchy__DataDirectory="$work/data" Hierarchy__SiloPort=11198 Hierarchy__GatewayPort=30098 \
    dotnet "$host_dll" >"$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 240); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.5; done

# The cells of the seeded district, from the dataset the host loaded.
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
  curl -s -o "$work/answer.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
    --data-binary "@$work/import.csv" "$url/api/v1/orgs/dong-da/study-sessions/import"
}
size=$(stat -c %s "$work/import.csv")
for attempt in first again; do
  read -r status seconds < <(post)
  echo "$attempt: HTTP $status, $rows rows ($size bytes) in ${seconds} s = $(python3 -c "print(round($rows / $seconds))") rows/s; answer $(cat "$work/answer.json")"
done
