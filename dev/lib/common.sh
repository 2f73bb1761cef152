# Shared helpers for dev/services. Sourced, not executed.
# Expects ROOT to be set to the repository root.

# Server binaries live in sbin, which a non-root PATH often lacks.
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

STATE="$ROOT/.state"
SECRETS_FILE="$STATE/secrets.env"
PORTS_FILE="$ROOT/ports.env"

say()  { printf '%s\n' "$*"; }
warn() { printf '%s\n' "$*" >&2; }
die()  { warn "error: $*"; exit 1; }

load_ports() {
    [[ -r "$PORTS_FILE" ]] || die "missing $PORTS_FILE"
    # shellcheck disable=SC1090
    source "$PORTS_FILE"
    local name
    for name in CH_MARIADB_PORT CH_MQTT_PORT CH_INFLUX_PORT CH_INFLUX_RPC_PORT CH_INFLUX_FRONT_PORT; do
        [[ "${!name:-}" =~ ^[0-9]+$ ]] || die "$PORTS_FILE does not define $name"
    done
}

# Prints NAME=VALUE for every port in ports.env, in file order.
port_assignments() {
    sed -n -E 's/^(CH_[A-Z0-9_]+)=([0-9]+)[[:space:]]*$/\1=\2/p' "$PORTS_FILE"
}

# Single-quotes a value so that a shell reads it back verbatim.
shell_quote() {
    local s=${1//\'/\'\\\'\'}
    printf "'%s'" "$s"
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# ---------------------------------------------------------------- packages

# binary -> Debian package that provides it
declare -A PACKAGE_OF=(
    [mariadbd]=mariadb-server
    [mariadb-install-db]=mariadb-server
    [mariadb]=mariadb-client
    [mariadb-admin]=mariadb-client
    [mosquitto]=mosquitto
    [mosquitto_ctrl]=mosquitto
    [mosquitto_pub]=mosquitto-clients
    [mosquitto_sub]=mosquitto-clients
    [influxd]=influxdb
    [nginx]=nginx-light
    [curl]=curl
    [openssl]=openssl
    # the applications log JSON lines: dev/run shows a failed start's last ones through jq
    [jq]=jq
    # alert-service's Alertmanager channel is tested against a real Alertmanager
    [prometheus-alertmanager]=prometheus-alertmanager
    # The alerting rules and scrape configuration are checked with promtool; the dashboards'
    # queries run against a real Prometheus on a free loopback port
    [promtool]=prometheus
    [prometheus]=prometheus
    # The web app is built with the system's Node (18 on Debian 12, or newer) and tested in Chromium
    [node]=nodejs
    [npm]=npm
    [chromium]=chromium
    [chromedriver]=chromium-driver
    # pi-agent's package checks: the .deb against Debian's policy, the shell scripts
    [lintian]=lintian
    [dpkg-deb]=dpkg
    [shellcheck]=shellcheck
)

ensure_packages() {
    local bin pairs=()
    for bin in "${!PACKAGE_OF[@]}"; do pairs+=("$bin:${PACKAGE_OF[$bin]}"); done
    ensure_tools "${pairs[@]}"
}

# ensure_tools BIN:PACKAGE...: installs the package of each BIN that is missing.
ensure_tools() {
    local bin pair pkgs=()
    local -A wanted=()
    for pair in "$@"; do wanted[${pair%%:*}]=${pair#*:}; done
    for bin in "${!wanted[@]}"; do
        command -v "$bin" >/dev/null 2>&1 && continue
        [[ " ${pkgs[*]} " == *" ${wanted[$bin]} "* ]] || pkgs+=("${wanted[$bin]}")
    done
    ((${#pkgs[@]} == 0)) && return 0
    mapfile -t pkgs < <(printf '%s\n' "${pkgs[@]}" | sort)
    if ! is_root; then
        warn "Missing packages. Install them with:"
        say "sudo apt-get install -y ${pkgs[*]}"
        exit 1
    fi
    say "Installing missing packages: ${pkgs[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${pkgs[@]}"
    for bin in "${!wanted[@]}"; do
        command -v "$bin" >/dev/null 2>&1 || die "$bin still missing after installing ${pkgs[*]}"
    done
}

# ---------------------------------------------------------------- secrets

random_secret() {
    if command -v openssl >/dev/null 2>&1; then
        openssl rand -hex 24
    else
        head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'
    fi
}

# Creates any missing secret, never changes an existing one.
ensure_secrets() {
    mkdir -p "$STATE"
    chmod 700 "$STATE"
    (umask 077 && touch "$SECRETS_FILE")
    chmod 600 "$SECRETS_FILE"
    local name
    for name in CH_MARIADB_PASSWORD CH_MQTT_ADMIN_PASSWORD CH_INFLUX_TOKEN; do
        grep -q "^$name=" "$SECRETS_FILE" || printf '%s=%s\n' "$name" "$(random_secret)" >>"$SECRETS_FILE"
    done
    load_secrets
}

load_secrets() {
    [[ -s "$SECRETS_FILE" ]] || return 1
    # shellcheck disable=SC1090
    source "$SECRETS_FILE"
    [[ -n "${CH_MARIADB_PASSWORD:-}" && -n "${CH_MQTT_ADMIN_PASSWORD:-}" && -n "${CH_INFLUX_TOKEN:-}" ]]
}

# ---------------------------------------------------------------- processes

# Prints the pid in PIDFILE if it names a live process whose command line
# mentions MARKER (our state dir or config path); a recycled pid does not count.
our_pid() {
    local pidfile=$1 marker=$2 pid
    [[ -r "$pidfile" ]] || return 1
    pid=$(tr -dc '0-9' <"$pidfile")
    [[ -n "$pid" && -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' </proc/"$pid"/cmdline | grep -qF -- "$marker" || return 1
    printf '%s\n' "$pid"
}

port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

require_port_free() {
    local port=$1 service=$2
    if port_open "$port"; then
        die "$service: 127.0.0.1:$port is already taken by another process (see: ss -ltnp 'sport = :$port')"
    fi
}

# wait_until SECONDS COMMAND...: retries COMMAND every 0.5 s until it succeeds.
wait_until() {
    local seconds=$1; shift
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

# Called when a start fails: show the log, then stop.
start_failed() {
    local service=$1 log=$2
    warn "$service failed to start. Last 30 lines of $log:"
    if [[ -r "$log" ]]; then tail -n 30 "$log" >&2; else warn "(no log written)"; fi
    exit 1
}

# stop_pid NAME PIDFILE MARKER: TERM, wait up to 20 s, then KILL.
stop_pid() {
    local service=$1 pidfile=$2 marker=$3 pid
    if ! pid=$(our_pid "$pidfile" "$marker"); then
        rm -f "$pidfile"
        say "$service: not running"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    if wait_until 20 bash -c "! kill -0 $pid"; then
        say "$service: stopped (pid $pid)"
    else
        kill -KILL "$pid" 2>/dev/null || true
        wait_until 5 bash -c "! kill -0 $pid" || true
        say "$service: killed after 20 s (pid $pid)"
    fi
    rm -f "$pidfile"
}

# service_status NAME PIDFILE MARKER PORT ANSWERS_FN: one line; returns 0 if it answers.
service_status() {
    local service=$1 pidfile=$2 marker=$3 port=$4 answers=$5 pid run ans rc=0
    if pid=$(our_pid "$pidfile" "$marker"); then
        run="running (pid $pid)"
    elif [[ -e "$STATE" && ! -x "$STATE" ]] || [[ -e "$pidfile" && ! -r "$pidfile" ]]; then
        run="unknown (no access)"
    else
        run="not running"
    fi
    if "$answers"; then ans="answers"; else ans="does not answer"; rc=1; fi
    printf '%-10s 127.0.0.1:%-6s %-22s %s\n' "$service" "$port" "$run" "$ans"
    return $rc
}
