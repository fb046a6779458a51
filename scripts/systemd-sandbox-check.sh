#!/bin/sh
# systemd-sandbox-check.sh: runs a relaisd binary for real under systemd/relaisd.service, with its
# whole sandbox. systemd-nspawn boots this machine's own /usr, read-only, on a throw-away tmpfs
# root. relaisd is installed as with `make install PREFIX=/opt/relais`, then started (READY=1),
# left running past WatchdogSec=, reloaded (SIGHUP), stopped (SIGTERM). Prints systemd's view,
# the journal, and PASS/FAIL lines; exits non-zero on a failure.
# Needs root and `apt-get install systemd-container`; takes about a minute. Not run by `swift test`.
# Usage: scripts/systemd-sandbox-check.sh [RELAISD [CONFIG [TEMPLATES]]]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$root/.build/release/relaisd}
config=${2:-$root/config/relais.example.yaml}
templates=${3:-$root/templates}
for f in "$binary" "$config" "$root/systemd/relaisd.service"; do
    [ -e "$f" ] || { echo "missing $f" >&2; exit 2; }
done
command -v systemd-nspawn >/dev/null || { echo "systemd-nspawn missing: apt-get install systemd-container" >&2; exit 2; }

work=$(mktemp -d /tmp/relais-sandbox.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/etc-relais" "$work/results"
cp "$binary" "$work/bin/relaisd"
prefix_sed='s|/usr/local/bin/|/opt/relais/bin/|g; s|/usr/local/share/relais/|/opt/relais/share/relais/|g'
sed "$prefix_sed" "$root/systemd/relaisd.service" > "$work/relaisd.service"
sed "$prefix_sed" "$config" > "$work/etc-relais/relais.yaml"
chmod 0640 "$work/etc-relais/relais.yaml"
(umask 077 && : > "$work/etc-relais/smtp-password")

cat > "$work/check.service" <<'UNIT'
[Unit]
Description=relaisd sandbox check
After=multi-user.target
[Service]
Type=oneshot
ExecStart=/bin/sh /check.sh
StandardOutput=file:/results/check.log
StandardError=inherit
UNIT
cat > "$work/check.sh" <<'SCRIPT'
show() { systemctl show relaisd -p "$1"; }
# Debian's presets enable every unit on a first boot: start afresh once the config is readable.
systemctl stop relaisd
chgrp relais /etc/relais/relais.yaml
systemctl reset-failed relaisd 2>/dev/null
systemctl start relaisd; echo "start: $?"
show ActiveState,SubState,StatusText,WatchdogUSec
sleep 40
show ActiveState,NRestarts,StatusText
systemctl reload relaisd; echo "reload: $?"
show ActiveState,ReloadResult,StatusText
ls -la /var/lib/relais
systemctl stop relaisd; echo "stop: $?"
show Result,ExecMainStatus
journalctl -u relaisd --no-pager -o short-monotonic
systemd-analyze security relaisd | tail -1
systemctl poweroff
SCRIPT

swift_libs=""
[ -d /opt/swift ] && swift_libs="--bind-ro=/opt/swift"
# shellcheck disable=SC2086
timeout 300 systemd-nspawn -D / --volatile=yes --boot --register=no --keep-unit --quiet $swift_libs \
    --bind-ro="$work/bin:/opt/relais/bin" \
    --bind-ro="$templates:/opt/relais/share/relais/templates" \
    --bind-ro="$work/relaisd.service:/etc/systemd/system/relaisd.service" \
    --bind-ro="$root/systemd/relais.sysusers.conf:/etc/sysusers.d/relais.conf" \
    --bind-ro="$root/systemd/relais.tmpfiles.conf:/etc/tmpfiles.d/relais.conf" \
    --bind="$work/etc-relais:/etc/relais" \
    --bind-ro="$work/check.service:/etc/systemd/system/relais-check.service" \
    --bind-ro="$work/check.sh:/check.sh" \
    --bind="$work/results:/results" \
    systemd.firstboot=off systemd.wants=relais-check.service > "$work/boot.log" 2>&1 || true

log="$work/results/check.log"
[ -s "$log" ] || { echo "the container did not run the check; boot log:" >&2; cat "$work/boot.log" >&2; exit 1; }
cat "$log"
status=0
expect() {
    if grep -qx "$1" "$log"; then echo "PASS: $2"; else echo "FAIL: $2 (no line '$1')"; status=1; fi
}
expect "start: 0" "started and sent READY=1"
expect "NRestarts=0" "kept the watchdog fed past WatchdogSec="
expect "reload: 0" "reloaded on SIGHUP"
expect "ReloadResult=success" "reload result"
expect "stop: 0" "stopped on SIGTERM"
expect "Result=success" "clean exit"
exit $status
