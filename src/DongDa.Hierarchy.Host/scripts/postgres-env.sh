# Settings shared by postgres-start.sh and postgres-stop.sh; each can be overridden from the environment.
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
PG_DIR="${DONGDA_PG_DIR:-$repo_root/data/postgres}"
PG_PORT="${DONGDA_PG_PORT:-55432}"
PG_LISTEN="${DONGDA_PG_LISTEN:-127.0.0.1}"
PG_USER="${DONGDA_PG_USER:-dongda}"
PG_PASSWORD="${DONGDA_PG_PASSWORD:-dongda}"
PG_DATABASE="${DONGDA_PG_DATABASE:-dongda}"

# Debian keeps the server programs off PATH, one folder per major version: the version that made
# the data folder if there is one, else the newest.
pg_bin() {
  local dir=""
  if [ -s "$PG_DIR/PG_VERSION" ] && [ -x "/usr/lib/postgresql/$(cat "$PG_DIR/PG_VERSION")/bin/pg_ctl" ]; then
    dir="/usr/lib/postgresql/$(cat "$PG_DIR/PG_VERSION")/bin"
  else
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
  elif command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  else
    echo "PostgreSQL server programs (initdb, pg_ctl) were not found; on Debian: apt-get install postgresql" >&2
    return 1
  fi
}

# The server refuses to run as root, so root runs it as the postgres account; anyone else runs it as themselves.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
