#!/usr/bin/env bash
# Starts a private PostgreSQL for development and tests: its own folder (data/postgres in the
# repository unless DONGDA_PG_DIR says otherwise), listening on 127.0.0.1 only (or the address in
# DONGDA_PG_LISTEN, then taking password connections from its subnet), on port 55432, with a
# password-protected role and database. No system service is involved. Idempotent: a running
# server is left as it is. Installs Debian's postgresql when its programs are missing. Prints the
# connection string for Hierarchy__PostgreSql.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/postgres-env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/debian-packages.sh"
# A bare machine lacks the server programs: Debian's package brings them (its own service is not used).
bin="$(pg_bin 2>/dev/null)" || { install_debian_packages postgresql && bin="$(pg_bin)"; }

if [ ! -s "$PG_DIR/PG_VERSION" ]; then
  mkdir -p "$PG_DIR"
  chmod 700 "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
  # Local socket connections (inside the folder) are the superuser's way in; TCP always needs a password.
  as_server_user "$bin/initdb" -D "$PG_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$PG_DIR/postgresql.conf" <<CONF
listen_addresses = '$PG_LISTEN'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 300
CONF
  if [ "$PG_LISTEN" != 127.0.0.1 ]; then
    echo "host all all samenet scram-sha-256" >>"$PG_DIR/pg_hba.conf"
  fi
fi

if ! as_server_user "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
  as_server_user "$bin/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 start >/dev/null
fi

psql_super() { as_server_user "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres "$@"; }
# CREATEDB lets the test suite give each test its own database.
psql_super -v user="$PG_USER" -v password="$PG_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'user', :'password') \gexec
SQL
psql_super -v user="$PG_USER" -v database="$PG_DATABASE" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'user')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec
SQL

echo "Host=$PG_LISTEN;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=$PG_DATABASE"
