# What dev/backup and dev/restore share: where the data is, how to reach it, what a backup holds.
# Sourced, not executed. Expects ROOT and dev/lib/common.sh.

BACKUP_FORMAT=connected-home-backup/1
BACKUP_PREFIX=connected-home-
BACKUP_DUMP=mariadb.sql.gz
BACKUP_INFLUX_DIR=influxdb
# influxd 1.x's portable backup; the chart's CronJob writes influx-backup-2 (InfluxDB 2.x) instead
BACKUP_INFLUX_FORMAT=influxd-portable
BACKUP_BROKER_FILE=mosquitto/dynamic-security.json
BACKUP_SUMS=SHA256SUMS
BACKUP_MANIFEST=manifest

# The same CH_* variables the services read. Whatever the environment sets wins (so a test can
# point both scripts at scratch databases); the rest comes from dev/services env.
load_backup_env() {
    load_ports
    local needed=(CH_MARIADB_URL CH_MARIADB_USER CH_MARIADB_PASSWORD CH_INFLUX_BUCKET) name missing=false out line
    for name in "${needed[@]}"; do [[ -n "${!name:-}" ]] || missing=true; done
    if $missing; then
        out=$("$ROOT/dev/services" env 2>/dev/null) ||
            die "CH_MARIADB_URL etc. are not set and dev/services env gives nothing: start the dev services (dev/services up) or set them"
        while IFS= read -r line; do
            name=${line#export }
            name=${name%%=*}
            [[ "$name" =~ ^CH_[A-Z0-9_]+$ ]] || continue
            [[ -n "${!name:-}" ]] && continue
            eval "$line"
        done <<<"$out"
    fi
    for name in "${needed[@]}"; do [[ -n "${!name:-}" ]] || die "$name is not set"; done

    [[ "$CH_MARIADB_URL" =~ ^jdbc:(mariadb|mysql)://([^/:?]+)(:([0-9]+))?/([A-Za-z0-9_]+)([?].*)?$ ]] ||
        die "CH_MARIADB_URL is not jdbc:mariadb://HOST[:PORT]/DATABASE: $CH_MARIADB_URL"
    MARIADB_HOST=${BASH_REMATCH[2]}
    MARIADB_PORT=${BASH_REMATCH[4]:-3306}
    MARIADB_DATABASE=${BASH_REMATCH[5]}
    # A bucket in the db/rp form names the database before the slash.
    INFLUX_DATABASE=${CH_INFLUX_BUCKET%%/*}
    [[ "$INFLUX_DATABASE" =~ ^[A-Za-z0-9_]+$ ]] || die "CH_INFLUX_BUCKET names no InfluxDB database: $CH_INFLUX_BUCKET"
    INFLUX_HTTP=${CH_INFLUX_DIRECT_URL:-http://127.0.0.1:$CH_INFLUX_PORT}
    # influxd's backup/restore RPC (bind-address in its config, dev/lib/influxdb.sh).
    INFLUX_RPC=${CH_INFLUX_RPC_ADDRESS:-127.0.0.1:$CH_INFLUX_RPC_PORT}
    BACKUP_DIR=${CH_BACKUP_DIR:-$STATE/backups}
    BROKER_FILE=${CH_BACKUP_BROKER_FILE-$STATE/mosquitto/dynamic-security.json}
}

# The password goes to the clients in a file only they read, never on a command line.
write_mariadb_client_config() {
    MARIADB_CNF=$(mktemp)
    chmod 600 "$MARIADB_CNF"
    printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword="%s"\ndefault-character-set=utf8mb4\n' \
        "$MARIADB_HOST" "$MARIADB_PORT" "$CH_MARIADB_USER" \
        "$(sed 's/\\/\\\\/g; s/"/\\"/g' <<<"$CH_MARIADB_PASSWORD")" >"$MARIADB_CNF"
}

mariadb_client() { mariadb --defaults-file="$MARIADB_CNF" "$@"; }

# mariadb_query SQL: tab-separated rows, no header.
mariadb_query() { mariadb_client --batch --skip-column-names -e "$1" "$MARIADB_DATABASE"; }

# influx_http_query STATEMENT: fails on an HTTP or statement error; prints the JSON answer.
influx_http_query() {
    local out
    out=$(curl -sS --fail --max-time 60 -XPOST "$INFLUX_HTTP/query" --data-urlencode "q=$1") ||
        { warn "InfluxDB at $INFLUX_HTTP did not answer: $1"; return 1; }
    [[ "$out" != *'"error"'* ]] || { warn "InfluxDB refused '$1': $out"; return 1; }
    printf '%s\n' "$out"
}

influx_has_database() {
    local out
    out=$(influx_http_query "SHOW DATABASES") || return 2
    grep -q "\[\"$1\"\]" <<<"$out"
}

# manifest_get FILE KEY
manifest_get() { sed -n "s/^$2=//p" "$1" | head -n 1; }

now_seconds() { date +%s.%N; }
elapsed() { awk "BEGIN { printf \"%.1f\", $(now_seconds) - $1 }"; }
human_size() { numfmt --to=iec --suffix=B "$1" 2>/dev/null || printf '%s bytes' "$1"; }
