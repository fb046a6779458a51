#!/usr/bin/env bash
# Daemon benchmark (make bench): an announcement to MEMBERS members through relaisd and its ledger.
#   1. time to queue: `relaisctl announce newsletter --list all` (target < 2 s)
#   2. `relaisd --once` delivering everything to Postfix's smtp-sink over CONNECTIONS connections,
#      without TLS or AUTH: messages per second, as a ratio to `smtp-source -d -s 8 -m 20000 -l 4096`
#      against the same sink in the same run (target >= 0.5), and its peak RSS (target <= 64 MB)
#   3. idle RSS of a running relaisd with that database, once it settled (target <= 25 MB)
# smtp-sink/smtp-source come from Debian's postfix package, unpacked (not installed) in a temp dir.
# Uses the release binaries in $RELAIS_BIN (default .build/release; build them first: make bench does).
# Usage: scripts/bench-daemon.sh [MEMBERS] [CONNECTIONS]   (defaults 100000 8)
set -euo pipefail

MEMBERS="${1:-100000}"
CONNECTIONS="${2:-8}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${RELAIS_BIN:-$ROOT/.build/release}"
WORK="$(mktemp -d)"
SINK_PID=""
DAEMON_PID=""
cleanup() {
    for pid in "$DAEMON_PID" "$SINK_PID"; do
        if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

for binary in relaisd relaisctl; do
    [ -x "$BIN/$binary" ] || { echo "bench-daemon: $BIN/$binary is missing; run make release first" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench-daemon: /usr/bin/time is missing (Debian package: time)" >&2; exit 1; }

# shellcheck source=scripts/bench-lib.sh
. "$ROOT/scripts/bench-lib.sh"
bench_machine

# --- smtp-sink and the smtp-source baseline -------------------------------------------------
bench_postfix
bench_start_sink
PORT="$SINK_PORT"

BASE_MESSAGES=20000
SINK_BEFORE="$(bench_sink_ticks)"
SOURCE_RATE="$(bench_smtp_source "$BASE_MESSAGES")"
SINK_SOURCE="$(( $(bench_sink_ticks) - SINK_BEFORE ))"
echo "== daemon benchmark: $MEMBERS members, smtp-sink on 127.0.0.1:$PORT, $CONNECTIONS connections"
echo "smtp-source -d -s 8 -m $BASE_MESSAGES -l 4096: $SOURCE_RATE msg/s (smtp-sink CPU: $(bench_per_message "$SINK_SOURCE" "$BASE_MESSAGES") µs per message)"
# The transport alone (Relais's SMTP pool, no queue, no composition) against the same sink.
if [ -x "$BIN/relais-bench" ]; then
    SINK_BEFORE="$(bench_sink_ticks)"
    TRANSPORT_OUT="$(cd "$ROOT" && "$BIN/relais-bench" smtp --port "$PORT" --messages "$BASE_MESSAGES" --connections 8)"
    SINK_TRANSPORT="$(( $(bench_sink_ticks) - SINK_BEFORE ))"
    TRANSPORT_RATE="$(echo "$TRANSPORT_OUT" | sed -n 's/.*, \([0-9]*\) msg\/s.*/\1/p' | head -1)"
    echo "transport alone (relais-bench smtp, 8 connections): $TRANSPORT_RATE msg/s, $(echo "$TRANSPORT_OUT" | sed -n 's/.*client CPU \([0-9.]*\) µs.*/\1/p') µs client CPU per message (smtp-sink CPU: $(bench_per_message "$SINK_TRANSPORT" "$BASE_MESSAGES") µs per message)"
    echo "ratio transport / smtp-source -d: $(py "print('%.2f' % ($TRANSPORT_RATE / $SOURCE_RATE))") (target >= 0.8)"
fi

# --- a fresh installation with MEMBERS members ------------------------------------------------
mkdir -p "$WORK/relais"
CONFIG="$WORK/relais/relais.yaml"
bench_config "$CONFIG" "delivery:
  transport: smtp
  smtp:
    url: smtp://127.0.0.1:$PORT
    tls: none
    connections: $CONNECTIONS
    messages_per_connection: 1000"
bench_members "$WORK/members.csv" "$MEMBERS"
cat > "$WORK/newsletter.json" <<'JSON'
{"title": "Lettre de mars", "intro": "Les nouvelles du réseau, les rencontres du mois et un mot de la coordination.",
 "paragraphs": ["Le petit-déjeuner de mars aura lieu le premier mardi du mois, à 8 h 30, comme toujours.",
                "Nos partenaires de Madrid et de Berlin nous rejoignent pour une rencontre en ligne le 19 mars."],
 "cta": {"label": "Voir l'agenda", "url": "https://mompreneurs.example/agenda"}}
JSON

start="$(now)"
"$BIN/relaisctl" member import "$WORK/members.csv" --create-lists --config "$CONFIG" >/dev/null
echo "member import ($MEMBERS rows): $(elapsed "$start" "$(now)") s"

start="$(now)"
DATA=()
for locale in fr en es de; do DATA+=(--data "$locale=$WORK/newsletter.json"); done   # one language per message
ANNOUNCED="$("$BIN/relaisctl" announce newsletter --list all "${DATA[@]}" --config "$CONFIG")"
T_QUEUE="$(elapsed "$start" "$(now)")"
echo "$ANNOUNCED"
echo "time to queue: ${T_QUEUE} s (target < 2 s)"

# --- delivery: relaisd --once, peak RSS from /usr/bin/time -v --------------------------------
start="$(now)"
SINK_BEFORE="$(bench_sink_ticks)"
/usr/bin/time -v -o "$WORK/time.txt" "$BIN/relaisd" --once --config "$CONFIG" 2>"$WORK/relaisd-once.log"
SINK_DAEMON="$(( $(bench_sink_ticks) - SINK_BEFORE ))"
T_SEND="$(elapsed "$start" "$(now)")"
PEAK_KB="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")"
SENT="$("$BIN/relaisctl" status --json --config "$CONFIG" | py "import json, sys; print(json.load(sys.stdin)['counts'].get('sent', 0))")"
SEND_RATE="$(py "print(round($SENT / $T_SEND))")"
echo "relaisd --once: $SENT of $MEMBERS sent in ${T_SEND} s, $SEND_RATE msg/s ($(grep -c '^<6>sent ' "$WORK/relaisd-once.log") 'sent' log lines)"
echo "ratio relaisd / smtp-source -d: $(py "print('%.2f' % ($SEND_RATE / $SOURCE_RATE))") (target >= 0.5)"
echo "peak RSS while sending: $(py "print('%.1f' % ($PEAK_KB / 1024))") MB (target <= 64 MB)"
echo "  (user $(sed -n 's/.*User time (seconds): //p' "$WORK/time.txt") s, system $(sed -n 's/.*System time (seconds): //p' "$WORK/time.txt") s, CPU $(sed -n 's/.*Percent of CPU this job got: //p' "$WORK/time.txt"))"
echo "  (smtp-sink CPU meanwhile: $(bench_per_message "$SINK_DAEMON" "$SENT") µs per message)"
if [ "$SENT" != "$MEMBERS" ]; then
    echo "warning: only $SENT of $MEMBERS were sent; last log lines:" >&2
    tail -5 "$WORK/relaisd-once.log" >&2
fi

# --- idle RSS: a running relaisd with the 100k database, once it settled ---------------------
"$BIN/relaisd" --config "$CONFIG" 2>"$WORK/relaisd.log" &
DAEMON_PID=$!
for _ in $(seq 1 100); do grep -q started "$WORK/relaisd.log" && break; sleep 0.1; done
rss() { awk '/^VmRSS/ {print $2}' "/proc/$DAEMON_PID/status"; }
# Settled: the same VmRSS three seconds in a row (at most 30 s).
previous=""; stable=0
for _ in $(seq 1 30); do
    sleep 1
    current="$(rss)"
    if [ "$current" = "$previous" ]; then stable=$((stable + 1)); else stable=0; fi
    previous="$current"
    [ "$stable" -ge 3 ] && break
done
IDLE_KB="$(rss)"
CPU_TICKS_1="$(awk '{print $14 + $15}' "/proc/$DAEMON_PID/stat")"
sleep 5
CPU_TICKS_2="$(awk '{print $14 + $15}' "/proc/$DAEMON_PID/stat")"
ANON_KB="$(awk '/^RssAnon/ {print $2}' "/proc/$DAEMON_PID/status")"
FILE_KB="$(awk '/^RssFile/ {print $2}' "/proc/$DAEMON_PID/status")"
echo "idle RSS of relaisd ($MEMBERS-member database): $(py "print('%.1f' % ($IDLE_KB / 1024))") MB (target <= 25 MB;" \
    "anonymous $(py "print('%.1f' % ($ANON_KB / 1024))") MB, file-backed $(py "print('%.1f' % ($FILE_KB / 1024))") MB: libraries, ICU data)"
echo "idle CPU over 5 s: $((CPU_TICKS_2 - CPU_TICKS_1)) ticks of 1/$(getconf CLK_TCK) s"
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID" && echo "relaisd stopped on SIGTERM (exit 0)" || echo "relaisd exit status $? on SIGTERM"
DAEMON_PID=""
