#!/usr/bin/env bash
# Several relaisd on one PostgreSQL queue (make bench): an announcement to MEMBERS members,
# delivered to Postfix's smtp-sink by one, two and three daemons of CONNECTIONS connections each,
# all on one throwaway PostgreSQL cluster (Debian's postgresql, default durability settings), and
# by one relaisd on SQLite with the same connections, in the same run.
#   The members and the announcement are made on SQLite with relaisctl, then moved into an empty
#   PostgreSQL database with `relaisctl store copy` (as an installation moves over), once per run.
#   The daemons run `relaisd --once` side by side: the run ends when the last one found nothing due.
# Uses the release binaries in $RELAIS_BIN (default .build/release; make bench builds them).
# Usage: scripts/bench-postgres.sh [MEMBERS] [CONNECTIONS]   (defaults 20000 4)
set -euo pipefail

MEMBERS="${1:-20000}"
CONNECTIONS="${2:-4}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${RELAIS_BIN:-$ROOT/.build/release}"
WORK="$(mktemp -d)"
chmod 755 "$WORK"
SINK_PID=""
PG_PID=""
cleanup() {
    if [ -n "$PG_PID" ]; then kill -QUIT "$PG_PID" 2>/dev/null || true; wait "$PG_PID" 2>/dev/null || true; fi
    if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

for binary in relaisd relaisctl; do
    [ -x "$BIN/$binary" ] || { echo "bench-postgres: $BIN/$binary is missing; run make release first" >&2; exit 1; }
done
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$PGBIN/initdb" ] || { echo "bench-postgres: PostgreSQL is missing (Debian package: postgresql)" >&2; exit 1; }

# shellcheck source=scripts/bench-lib.sh
. "$ROOT/scripts/bench-lib.sh"
bench_machine

# --- smtp-sink and the smtp-source yardstick ----------------------------------------------------
bench_postfix
bench_start_sink
SOURCE_RATE="$(bench_smtp_source 20000)"
echo "== several daemons: $MEMBERS members, $CONNECTIONS connections per daemon, smtp-sink on 127.0.0.1:$SINK_PORT"
echo "smtp-source -d -s 8 -m 20000 -l 4096: $SOURCE_RATE msg/s"
AS_NOBODY=()
if [ "$(id -u)" = 0 ]; then AS_NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups --); fi

# --- a throwaway PostgreSQL cluster (as nobody when root: initdb refuses root) -------------------
PGDATA="$WORK/pg"
mkdir -p "$PGDATA" "$WORK/pgsocket"
echo "relais-bench-password" > "$WORK/pg-password"
[ "$(id -u)" = 0 ] && chown 65534:65534 "$PGDATA" "$WORK/pgsocket" "$WORK/pg-password"
"${AS_NOBODY[@]}" "$PGBIN/initdb" -D "$PGDATA" -U relais --pwfile="$WORK/pg-password" -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
PG_PORT="$(bench_free_port)"
"${AS_NOBODY[@]}" "$PGBIN/postgres" -D "$PGDATA" -p "$PG_PORT" -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories="$WORK/pgsocket" -c max_connections=100 -c log_min_messages=warning 2>"$WORK/pg.log" &
PG_PID=$!
for _ in $(seq 1 100); do "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break; sleep 0.1; done
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (default durability: fsync on, synchronous_commit on)"
psql_do() { PGPASSWORD=relais-bench-password "$PGBIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U relais -d postgres -c "$1" >/dev/null; }

# --- the installation: members and the announcement on SQLite ----------------------------------
mkdir -p "$WORK/relais"
CONFIG="$WORK/relais/relais.yaml"
bench_config "$CONFIG" "delivery:
  transport: smtp
  smtp:
    url: smtp://127.0.0.1:$SINK_PORT
    tls: none
    connections: $CONNECTIONS
    messages_per_connection: 1000"
bench_members "$WORK/members.csv" "$MEMBERS"
echo '{"title": "Lettre de mars", "paragraphs": ["Le petit-déjeuner de mars aura lieu le premier mardi du mois."]}' > "$WORK/newsletter.json"
"$BIN/relaisctl" member import "$WORK/members.csv" --create-lists --config "$CONFIG" >/dev/null
DATA=()
for locale in fr en es de; do DATA+=(--data "$locale=$WORK/newsletter.json"); done
"$BIN/relaisctl" announce newsletter --list all "${DATA[@]}" --config "$CONFIG" >/dev/null
# A consistent copy (the WAL included), restored before each run.
snapshot() { py "import sqlite3; sqlite3.connect('$1').backup(sqlite3.connect('$2'))"; }
snapshot "$WORK/relais/relais.sqlite" "$WORK/queued.sqlite"

# --- one relaisd on SQLite, the same connections ------------------------------------------------
start="$(now)"
"$BIN/relaisd" --once --config "$CONFIG" 2>"$WORK/sqlite.log"
SQLITE_RATE="$(py "print(round($MEMBERS / $(elapsed "$start" "$(now)")))")"
echo "SQLite, 1 daemon: $SQLITE_RATE msg/s ($(py "print('%.2f' % ($SQLITE_RATE / $SOURCE_RATE))") of smtp-source)"

# --- one, two, three relaisd on PostgreSQL -------------------------------------------------------
# The last run: one daemon again, on a database whose commits do not wait for the disk
# (synchronous_commit off, which SQLite's synchronous=NORMAL for relaisd resembles).
for run in 1 2 3 1-async; do
    daemons="${run%-async}"
    DB="bench_${run//-/_}"
    psql_do "CREATE DATABASE $DB"
    if [ "$run" != "$daemons" ]; then psql_do "ALTER DATABASE $DB SET synchronous_commit = off"; fi
    URL="postgres://relais@127.0.0.1:$PG_PORT/$DB?sslmode=disable"
    rm -f "$WORK/relais/relais.sqlite" "$WORK/relais/relais.sqlite-wal" "$WORK/relais/relais.sqlite-shm"
    snapshot "$WORK/queued.sqlite" "$WORK/relais/relais.sqlite"
    "$BIN/relaisctl" store copy --to "$URL" --password-file "$WORK/pg-password" -q --config "$CONFIG"
    pids=()
    start="$(now)"
    for n in $(seq 1 "$daemons"); do
        RELAIS_STORE_URL="$URL" RELAIS_STORE_PASSWORD_FILE="$WORK/pg-password" \
            "$BIN/relaisd" --once --config "$CONFIG" 2>"$WORK/pg-$daemons-$n.log" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    T="$(elapsed "$start" "$(now)")"
    SENT="$(RELAIS_STORE_URL="$URL" RELAIS_STORE_PASSWORD_FILE="$WORK/pg-password" "$BIN/relaisctl" status --json --config "$CONFIG" \
        | py "import json, sys; print(json.load(sys.stdin)['counts'].get('sent', 0))")"
    RATE="$(py "print(round($SENT / $T))")"
    label=""
    if [ "$run" != "$daemons" ]; then label=", synchronous_commit off"; fi
    echo "PostgreSQL, $daemons daemon(s) x $CONNECTIONS connections$label: $SENT of $MEMBERS sent in $T s, $RATE msg/s ($(py "print('%.2f' % ($RATE / $SOURCE_RATE))") of smtp-source)"
    if [ "$SENT" != "$MEMBERS" ]; then tail -3 "$WORK"/pg-"$daemons"-*.log >&2; fi
done
