#!/usr/bin/env bash
# Stops the private PostgreSQL started by postgres-start.sh; its data stays in the folder. Pass
# --delete to remove the folder as well.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/postgres-env.sh"
bin="$(pg_bin)"

if [ -s "$PG_DIR/PG_VERSION" ] && as_server_user "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
  as_server_user "$bin/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null
fi

if [ "${1:-}" = "--delete" ]; then
  rm -rf "$PG_DIR"
fi
