#!/usr/bin/env bash
# The page's first-view bench (the README's "The page"), with Debian's Chromium installed when it
# is missing. Arguments go to the bench: [views per case, default 20] [host starts per cold case, default 3].
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
source "$repo/src/DongDa.Hierarchy.Host/scripts/debian-packages.sh"
[ -x "${DONGDA_CHROMIUM:-/usr/bin/chromium}" ] || install_debian_packages chromium
exec dotnet run -c Release --project "$repo/tests/DongDa.Hierarchy.PageTiming" -- "$@"
