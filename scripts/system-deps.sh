#!/usr/bin/env bash
# Installs the system packages the test suite drives for real: Debian's chromium (the
# explorer is checked in a headless browser) and virtuoso-opensource (the external SPARQL
# store). Skips what is already there; without root or apt-get it says so and goes on,
# and the tests that need the missing program are skipped with that reason.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: apt-get not found; not installing ${need[*]} (tests needing them will skip)" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "system-deps: not root; not installing ${need[*]} (tests needing them will skip)" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
printf '%s\n' \
  "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password dba" \
  "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password dba" \
  "virtuoso-opensource-7 virtuoso-opensource-7/register-odbc-dsn boolean false" | $SUDO debconf-set-selections 2>/dev/null || true
$SUDO apt-get update -qq >/dev/null 2>&1 || echo "system-deps: apt-get update failed" >&2
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
  || echo "system-deps: could not install ${need[*]} (tests needing them will skip)" >&2
exit 0
