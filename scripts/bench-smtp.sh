#!/usr/bin/env bash
# SMTP throughput benchmark: Postfix's smtp-source against Relais's SMTP pool, both sending
# MESSAGES ~4 KB messages over CONNECTIONS connections to Postfix's smtp-sink on 127.0.0.1.
# smtp-sink/smtp-source come from Debian's postfix package, unpacked (not installed) in a temp dir.
# Usage: scripts/bench-smtp.sh [MESSAGES] [CONNECTIONS]   (defaults 20000 8)
set -euo pipefail

MESSAGES="${1:-20000}"
CONNECTIONS="${2:-8}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
SINK_PID=""
cleanup() {
    if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

(cd "$WORK" && apt-get download postfix >/dev/null 2>&1) || { apt-get update >/dev/null && (cd "$WORK" && apt-get download postfix >/dev/null); }
dpkg -x "$WORK"/postfix_*.deb "$WORK/postfix"
PF="$WORK/postfix"
export LD_LIBRARY_PATH="$PF/usr/lib/postfix"

PORT="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
USER_FLAG=()
if [ "$(id -u)" = 0 ]; then USER_FLAG=(-u nobody); fi   # smtp-sink must drop root privileges
"$PF/usr/sbin/smtp-sink" "${USER_FLAG[@]}" "127.0.0.1:$PORT" 1000 &
SINK_PID=$!
for _ in $(seq 1 50); do
    if /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 0.2).close()" 2>/dev/null; then break; fi
    sleep 0.1
done

rate() {  # rate SECONDS -> messages per second
    /usr/bin/python3 -c "print(round($MESSAGES / $1))"
}
timed() {  # timed CMD... -> elapsed seconds
    local start end
    start="$(date +%s.%N)"
    "$@" >/dev/null
    end="$(date +%s.%N)"
    /usr/bin/python3 -c "print($end - $start)"
}

echo "smtp-sink on 127.0.0.1:$PORT; $MESSAGES messages of ~4 KB over $CONNECTIONS connections"
T_NEW="$(timed "$PF/usr/sbin/smtp-source" -s "$CONNECTIONS" -m "$MESSAGES" -l 4096 "127.0.0.1:$PORT")"
echo "smtp-source (new connection per message): $(rate "$T_NEW") msg/s"
T_REUSE="$(timed "$PF/usr/sbin/smtp-source" -d -s "$CONNECTIONS" -m "$MESSAGES" -l 4096 "127.0.0.1:$PORT")"
echo "smtp-source -d (connections reused, no pipelining): $(rate "$T_REUSE") msg/s"

cd "$ROOT"
swift build -c release --static-swift-stdlib --product relais-bench >/dev/null   # as make bench builds it
OUT="$(.build/release/relais-bench smtp --port "$PORT" --messages "$MESSAGES" --connections "$CONNECTIONS")"
echo "$OUT"
RELAIS="$(echo "$OUT" | sed -n 's/.*, \([0-9]*\) msg\/s.*/\1/p')"
# For comparison only: the same load through one thread driving curl_multi (not used by Relais).
.build/release/relais-bench smtp-multi --port "$PORT" --messages "$MESSAGES" --connections "$CONNECTIONS" || true
/usr/bin/python3 - "$RELAIS" "$MESSAGES" "$T_NEW" "$T_REUSE" <<'PY'
import sys
relais, messages, t_new, t_reuse = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print("ratio relais / smtp-source: %.2f (target >= 0.6)" % (relais / (messages / t_new)))
print("ratio relais / smtp-source -d: %.2f" % (relais / (messages / t_reuse)))
PY
