#!/usr/bin/env bash
# Installs the Debian packages a Relais task needs, only those missing.
# Usage: scripts/install-deps.sh run|test|bench|deb
# Uses sudo when not root. Safe to run repeatedly; prints nothing when all is there.
set -euo pipefail

run=(libcurl4-openssl-dev libsqlite3-dev tzdata pkg-config ca-certificates)
test=("${run[@]}" postgresql python3 python3-aiosmtpd python3-dateutil python3-icalendar python3-dkim python3-nacl python3-prometheus-client openssl chromium systemd curl util-linux mount dovecot-imapd man-db dpkg-dev binutils lintian)
bench=("${run[@]}" postgresql python3 python3-aiosmtpd openssl time wrk curl util-linux)
# make deb: dpkg-deb and dpkg-shlibdeps, strip/objcopy/readelf, the package checker.
deb=("${run[@]}" dpkg-dev binutils lintian)

case "${1:-}" in
  run) wanted=("${run[@]}") ;;
  test) wanted=("${test[@]}") ;;
  bench) wanted=("${bench[@]}") ;;
  deb) wanted=("${deb[@]}") ;;
  *) echo "usage: $0 run|test|bench|deb" >&2; exit 64 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
