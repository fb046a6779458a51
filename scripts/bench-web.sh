#!/usr/bin/env bash
# Web endpoint benchmark (make bench): wrk against a release relaisd with web.listen on a free
# loopback port and a database of MEMBERS members.
#   1. GET of the unsubscribe page (/u/<member>-<token>/<list>): requests per second, p99 latency
#   2. the RFC 8058 one-click POST (body List-Unsubscribe=One-Click) on the same links
# Each wrk request takes the next member's link (a Lua script cycles through every member's
# link, from a different starting point in each thread), so the requests spread over MEMBERS
# rows instead of hitting one. The first POST for a member writes (she leaves the list); the
# ones after it find her gone and write nothing (idempotent), as a provider retrying would.
# Uses the release binaries in $RELAIS_BIN (default .build/release; make bench builds them).
# Usage: scripts/bench-web.sh [MEMBERS] [SECONDS] [CONNECTIONS]   (defaults 10000 10 16)
set -euo pipefail

MEMBERS="${1:-10000}"
SECONDS_EACH="${2:-10}"
CONNECTIONS="${3:-16}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${RELAIS_BIN:-$ROOT/.build/release}"
WORK="$(mktemp -d)"
DAEMON_PID=""
cleanup() {
    if [ -n "$DAEMON_PID" ]; then kill "$DAEMON_PID" 2>/dev/null || true; wait "$DAEMON_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

for binary in relaisd relaisctl; do
    [ -x "$BIN/$binary" ] || { echo "bench-web: $BIN/$binary is missing; run make release first" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "bench-web: wrk is missing (Debian package: wrk)" >&2; exit 1; }

# shellcheck source=scripts/bench-lib.sh
. "$ROOT/scripts/bench-lib.sh"

echo "== web benchmark: $MEMBERS members, wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s"
echo "cpus: $(nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

PORT="$(bench_free_port)"
mkdir -p "$WORK/relais/outbox"
bench_config "$WORK/relais/relais.yaml" "delivery:
  transport: file
  file:
    directory: outbox
web:
  listen: 127.0.0.1:$PORT
  base_url: http://127.0.0.1:$PORT
log:
  level: warning"
CONFIG="$WORK/relais/relais.yaml"
bench_members "$WORK/members.csv" "$MEMBERS"
"$BIN/relaisctl" member import "$WORK/members.csv" --create-lists --config "$CONFIG" >/dev/null

# Every member's unsubscribe link (path only), one per line, read by the Lua script.
py "
import sqlite3
db = sqlite3.connect('$WORK/relais/relais.sqlite')
(list_id,) = db.execute(\"SELECT id FROM list WHERE name = 'all'\").fetchone()
with open('$WORK/paths.txt', 'w') as f:
    for member, token in db.execute('SELECT id, unsubscribeToken FROM member ORDER BY id'):
        f.write('/u/%d-%s/%d\n' % (member, token, list_id))
"
cat > "$WORK/links.lua" <<LUA
-- Cycles through every member's link; each thread starts at its own place.
local paths = {}
for line in io.lines("$WORK/paths.txt") do paths[#paths + 1] = line end
local method = os.getenv("BENCH_METHOD") or "GET"
local index = 0
function setup(thread)
    index = index + 1
    thread:set("start", index * 7919)
end
function init(args)
    index = (start or 0) % #paths
end
function request()
    index = index % #paths + 1
    if method == "POST" then
        return wrk.format("POST", paths[index], {["Content-Type"] = "application/x-www-form-urlencoded"}, "List-Unsubscribe=One-Click")
    end
    return wrk.format("GET", paths[index])
end
LUA

"$BIN/relaisd" --config "$CONFIG" 2>"$WORK/relaisd.log" &
DAEMON_PID=$!
for _ in $(seq 1 100); do
    if py "import socket; socket.create_connection(('127.0.0.1', $PORT), 0.2).close()" 2>/dev/null; then break; fi
    sleep 0.1
done
curl -s -o /dev/null -w '' "http://127.0.0.1:$PORT/healthz" || { echo "bench-web: relaisd did not answer"; cat "$WORK/relaisd.log"; exit 1; }

run() {
    local label="$1" method="$2"
    local out
    out="$(BENCH_METHOD="$method" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s "$WORK/links.lua" "http://127.0.0.1:$PORT")"
    local rps p99 non2xx
    rps="$(echo "$out" | sed -n 's/^Requests\/sec:[[:space:]]*//p')"
    p99="$(echo "$out" | sed -n 's/^[[:space:]]*99%[[:space:]]*//p')"
    non2xx="$(echo "$out" | sed -n 's/^[[:space:]]*Non-2xx or 3xx responses:[[:space:]]*//p')"
    echo "$label: $rps requests/s, p99 $p99${non2xx:+, $non2xx non-2xx responses}"
}
run "GET  /u/<member>-<token>/<list> (the page)" GET
run "POST /u/<member>-<token>/<list> (one-click)" POST
LEFT="$(py "import sqlite3; print(sqlite3.connect('$WORK/relais/relais.sqlite').execute('SELECT COUNT(*) FROM membership WHERE subscribed = 0').fetchone()[0])")"
echo "members unsubscribed by the POSTs: $LEFT of $MEMBERS"
echo "relaisd RSS after: $(awk '/^VmRSS/ {print $2 " kB"}' /proc/$DAEMON_PID/status)"
