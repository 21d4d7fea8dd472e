#!/usr/bin/env bash
# The README's test command. On a fresh machine of this kind (the .NET SDK and the image's packages)
# it runs as root, asking sudo for that itself when another user starts it (it installs packages,
# and the cluster test makes network namespaces), installs what the tests need and lacks (ICU, Debian's postgresql,
# prometheus, haproxy, chromium and LibreOffice Writer and Calc, and the OpenAPI linter from npm), starts a private PostgreSQL in a temporary folder unless
# DONGDA_TEST_POSTGRES names a server, runs the whole suite with `dotnet test` (arguments are passed
# on, e.g. --filter), and stops and removes that server afterwards, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK (dotnet) is required and is not on PATH." >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "The tests run as root (they install packages and make network namespaces), and sudo is not here: run ./test.sh as root." >&2
    exit 1
  fi
  # The same command again as root, with this user's PATH (where dotnet is) and environment.
  exec sudo env "PATH=$PATH" "HOME=$HOME" ${DOTNET_ROOT:+"DOTNET_ROOT=$DOTNET_ROOT"} ${DONGDA_TEST_POSTGRES:+"DONGDA_TEST_POSTGRES=$DONGDA_TEST_POSTGRES"} "$0" "$@"
fi

source src/DongDa.Hierarchy.Host/scripts/debian-packages.sh

missing=()
# Vietnamese collation, for sorting organizations by name.
ldconfig -p | grep -q 'libicuuc\.so' || missing+=(libicu72)
# The grain, HTTP and cluster suites run on a real PostgreSQL too.
if [ -z "${DONGDA_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  missing+=(postgresql)
fi
# The dashboard test evaluates every panel's query in a real Prometheus scraping the host.
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
# The cluster test across network namespaces puts the shipped HAProxy configuration in front of the silos.
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
# The page tests drive Debian's Chromium with Playwright (whose own browser download does not work here).
[ -x "${DONGDA_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  install_debian_packages "${missing[@]}"
fi
# The report and spreadsheet tests open the Word documents and workbooks we write in LibreOffice
# Writer and Calc, as an office would (without their recommends: no desktop needed).
office=()
dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || office+=(libreoffice-writer-nogui)
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || office+=(libreoffice-calc-nogui)
if [ "${#office[@]}" -gt 0 ]; then
  install_debian_packages --no-install-recommends "${office[@]}"
fi

# The HTTP suite lints the OpenAPI document with Redocly's CLI, pinned in tests/openapi-lint (npm).
if [ ! -x tests/openapi-lint/node_modules/.bin/redocly ]; then
  command -v npm >/dev/null 2>&1 || install_debian_packages nodejs npm
  npm ci --prefix tests/openapi-lint --no-audit --no-fund --loglevel=error >/dev/null
fi

if [ -z "${DONGDA_TEST_POSTGRES:-}" ]; then
  # A server of the run's own, in a temporary folder the postgres account can reach wherever the
  # clone is, on a port of its own so that a developer's server on the scripts' default is left alone.
  DONGDA_PG_DIR="$(mktemp -d /tmp/dongda-test-pg.XXXXXX)"
  export DONGDA_PG_DIR DONGDA_PG_PORT="${DONGDA_TEST_PG_PORT:-55439}"
  trap 'src/DongDa.Hierarchy.Host/scripts/postgres-stop.sh --delete || true' EXIT
  DONGDA_TEST_POSTGRES="$(src/DongDa.Hierarchy.Host/scripts/postgres-start.sh)"
  export DONGDA_TEST_POSTGRES
fi

started=$(date +%s)
status=0
dotnet test DongDa.Hierarchy.sln "$@" || status=$?
echo "The suite took $(( $(date +%s) - started )) s." >&2
exit "$status"
