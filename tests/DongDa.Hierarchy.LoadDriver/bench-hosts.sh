# Sourced by run-load.sh and run-import.sh: a Release host of this checkout, and of a baseline
# revision built in a git worktree, started in turn on SQLite and on a PostgreSQL of its own, each
# measured by the caller's function; everything started is stopped and removed on exit.
# The caller sets: repo, port, baseline (a revision, or "none"), stores (sqlite, postgres or both),
# pg_port (the first PostgreSQL port), projects (more projects to build), host_settings (more
# settings for every host); then calls bench_setup, and each_store with its measuring function.

bench_setup() {
  work=$(mktemp -d /tmp/dongda-bench.XXXXXX)
  chmod 755 "$work"
  key=$(head -c 64 /dev/urandom | base64 -w0)
  url="http://127.0.0.1:$port"
  host_pid=
  trap bench_cleanup EXIT
  if curl -s -o /dev/null "$url/"; then
    echo "Something already listens on $url; stop it first." >&2
    exit 1
  fi

  for project in src/DongDa.Hierarchy.Host "${projects[@]}"; do build "$repo/$project"; done
  host_dll="$repo/src/DongDa.Hierarchy.Host/bin/Release/net10.0/DongDa.Hierarchy.Host.dll"
  builds=("this checkout=$host_dll")
  if [ "$baseline" != none ]; then
    git -C "$repo" worktree add -q --detach "$work/baseline" "$baseline"
    build "$work/baseline/src/DongDa.Hierarchy.Host"
    builds=("baseline $(git -C "$repo" rev-parse --short "$baseline")=$work/baseline/src/DongDa.Hierarchy.Host/bin/Release/net10.0/DongDa.Hierarchy.Host.dll" "${builds[@]}")
  fi
  token=$(Hierarchy__Auth__SigningKey="$key" dotnet "$host_dll" token --org '*' --role admin | tail -n 1)
}

bench_cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  declare -F bench_cleanup_more >/dev/null && bench_cleanup_more
  for dir in "$work"/postgres-*; do
    [ -d "$dir" ] && DONGDA_PG_DIR="$dir" "$repo/src/DongDa.Hierarchy.Host/scripts/postgres-stop.sh" >/dev/null 2>&1 || true
  done
  [ "$baseline" != none ] && git -C "$repo" worktree remove --force "$work/baseline" >/dev/null 2>&1 || true
  rm -rf "$work"
}

build() {
  dotnet build -c Release -v q -nologo "$1" >"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
}

# wait_ready URL WHAT LOG: until URL answers 2xx, or fail with LOG's tail.
wait_ready() {
  for _ in $(seq 1 240); do curl -sf "$1" >/dev/null && return 0; sleep 0.5; done
  echo "$2 did not become ready:" >&2
  tail -20 "$3" >&2
  exit 1
}

# start_host DLL NAME [SETTING=VALUE ...]
start_host() {
  local dll=$1 name=$2
  shift 2
  env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" Logging__LogLevel__Default=Warning \
      Hierarchy__Auth__SigningKey="$key" Hierarchy__DataDirectory="$work/data-$name" "${host_settings[@]}" "$@" \
      dotnet "$dll" >"$work/host-$name.log" 2>&1 &
  host_pid=$!
  wait_ready "$url/health/ready" "host on $name" "$work/host-$name.log"
}

stop_host() {
  kill "$host_pid"
  wait "$host_pid" 2>/dev/null || true
  host_pid=
}

# each_store MEASURE: every build on SQLite, then every build on a PostgreSQL of its own (so that
# neither finds the other's rows), as $stores allows; MEASURE gets a label to print.
each_store() {
  local measure=$1 n build connection
  if [ "$stores" != postgres ]; then
    for n in "${!builds[@]}"; do
      build=${builds[$n]}
      start_host "${build#*=}" "sqlite-$n" Hierarchy__Storage=Sqlite
      "$measure" "SQLite (embedded default; WAL, synchronous=FULL), ${build%%=*}"
      stop_host
    done
  fi
  if [ "$stores" != sqlite ]; then
    for n in "${!builds[@]}"; do
      build=${builds[$n]}
      export DONGDA_PG_DIR="$work/postgres-$n" DONGDA_PG_PORT=$((pg_port + n))
      connection=$("$repo/src/DongDa.Hierarchy.Host/scripts/postgres-start.sh" | tail -n 1)
      start_host "${build#*=}" "postgres-$n" Hierarchy__Storage=PostgreSql Hierarchy__PostgreSql="$connection"
      "$measure" "PostgreSQL (local server from postgres-start.sh; fsync and synchronous_commit on), ${build%%=*}"
      stop_host
      "$repo/src/DongDa.Hierarchy.Host/scripts/postgres-stop.sh" --delete >/dev/null 2>&1
    done
  fi
}
