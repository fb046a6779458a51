# What the benchmark scripts share (sourced, not run): the machine's description, free ports,
# Postfix's smtp-sink unpacked from Debian's package, and the installation's relais.yaml.
# The sourcing script sets WORK (its temporary folder) and ROOT (the repository) first.

py() { /usr/bin/python3 -c "$@"; }
now() { date +%s.%N; }
elapsed() { py "print('%.3f' % ($2 - $1))"; }

# bench_free_port: a free TCP port on 127.0.0.1.
bench_free_port() {
    py 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# bench_machine: the lines every report starts with.
bench_machine() {
    echo "== machine"
    echo "cpus: $(nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    echo "memory: $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# bench_postfix: unpacks Debian's postfix package (not installed) into $WORK/postfix; sets PF.
bench_postfix() {
    (cd "$WORK" && apt-get download postfix >/dev/null 2>&1) || { apt-get update >/dev/null && (cd "$WORK" && apt-get download postfix >/dev/null); }
    dpkg -x "$WORK"/postfix_*.deb "$WORK/postfix"
    PF="$WORK/postfix"
}

# bench_start_sink: smtp-sink on a free loopback port, ready when it returns; sets SINK_PORT and
# SINK_PID (the caller's cleanup kills it). Needs bench_postfix first.
bench_start_sink() {
    SINK_PORT="$(bench_free_port)"
    local user=()
    if [ "$(id -u)" = 0 ]; then user=(-u nobody); fi   # smtp-sink must drop root privileges
    LD_LIBRARY_PATH="$PF/usr/lib/postfix" "$PF/usr/sbin/smtp-sink" "${user[@]}" "127.0.0.1:$SINK_PORT" 1000 &
    SINK_PID=$!
    for _ in $(seq 1 50); do
        if py "import socket; socket.create_connection(('127.0.0.1', $SINK_PORT), 0.2).close()" 2>/dev/null; then break; fi
        sleep 0.1
    done
}

# bench_sink_ticks: the CPU time smtp-sink has used so far, in clock ticks (user + system).
bench_sink_ticks() { awk '{print $14 + $15}' "/proc/$SINK_PID/stat"; }

# bench_per_message TICKS MESSAGES: microseconds of CPU per message.
bench_per_message() { py "print(round($1 * 1e6 / $(getconf CLK_TCK) / $2))"; }

# bench_smtp_source MESSAGES: Postfix's smtp-source -d -s 8 -l 4096 (persistent connections, like
# Relais's) against the sink; prints its messages per second, the yardstick of a run.
bench_smtp_source() {
    local start
    start="$(now)"
    LD_LIBRARY_PATH="$PF/usr/lib/postfix" "$PF/usr/sbin/smtp-source" -d -s 8 -m "$1" -l 4096 "127.0.0.1:$SINK_PORT" >/dev/null
    py "print(round($1 / $(elapsed "$start" "$(now)")))"
}

# bench_config FILE DELIVERY: a relais.yaml with the store next to it, the repository's templates,
# the sample sender, and DELIVERY (YAML lines from `delivery:` on, and any other sections).
bench_config() {
    cat > "$1" <<YAML
store:
  path: relais.sqlite
templates:
  directory: $ROOT/templates
sender:
  from: Mompreneurs Belgique <bonjour@mompreneurs.example>
  organization: Mompreneurs Belgique
  default_locale: fr
  locales: [fr, en, es, de]
$2
YAML
}

# bench_members FILE COUNT: a CSV of COUNT members on the list `all`, the four languages in turn.
bench_members() {
    py "
locales = ['fr', 'en', 'es', 'de']
with open('$1', 'w') as f:
    f.write('email,name,locale,lists\n')
    for i in range($2):
        f.write('member%d@example.org,Member %d,%s,all\n' % (i, i, locales[i % 4]))
"
}
