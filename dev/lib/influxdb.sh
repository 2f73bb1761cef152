# Private InfluxDB 1.x instance. Sourced, not executed.

INFLUX_DIR="$STATE/influxdb"
INFLUX_CONF="$INFLUX_DIR/influxdb.conf"
INFLUX_PIDFILE="$INFLUX_DIR/influxd.pid"
INFLUX_LOG="$INFLUX_DIR/influxd.log"
INFLUX_DB=connected_home

influx_marker() { printf '%s' "$INFLUX_CONF"; }

influx_answers() {
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
        "http://127.0.0.1:$CH_INFLUX_PORT/ping") == 204 ]]
}

# Every path and listener is set here, so nothing falls back to /var/lib/influxdb or to
# the default ports (8086, 8088) of a system instance.
influx_write_config() {
    cat >"$INFLUX_CONF" <<EOF
# Written by dev/services on every up; change the script, not this file.
reporting-enabled = false
bind-address = "127.0.0.1:$CH_INFLUX_RPC_PORT"

[meta]
  dir = "$INFLUX_DIR/meta"
  retention-autocreate = true
  logging-enabled = true

[data]
  dir = "$INFLUX_DIR/data"
  wal-dir = "$INFLUX_DIR/wal"
  index-version = "inmem"
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:$CH_INFLUX_PORT"
  auth-enabled = false
  log-enabled = false
  pprof-enabled = false
  unix-socket-enabled = false
  max-body-size = 0

[subscriber]
  enabled = false

[ifql]
  enabled = false

[continuous_queries]
  enabled = true
  log-enabled = false

[logging]
  level = "info"
  suppress-logo = true

[[graphite]]
  enabled = false

[[collectd]]
  enabled = false

[[opentsdb]]
  enabled = false

[[udp]]
  enabled = false
EOF
}

influx_start() {
    local pid
    if pid=$(our_pid "$INFLUX_PIDFILE" "$(influx_marker)"); then
        say "influxdb: already running (pid $pid)"
        return 0
    fi
    rm -f "$INFLUX_PIDFILE"
    require_port_free "$CH_INFLUX_PORT" influxdb
    require_port_free "$CH_INFLUX_RPC_PORT" influxdb
    mkdir -p "$INFLUX_DIR"
    influx_write_config
    # INFLUXDB_* variables override the config file; start without any of them.
    local name unset_args=()
    for name in $(compgen -e | grep '^INFLUXDB_' || true); do unset_args+=(-u "$name"); done
    env "${unset_args[@]}" setsid -f influxd run -config "$INFLUX_CONF" -pidfile "$INFLUX_PIDFILE" \
        </dev/null >>"$INFLUX_LOG" 2>&1
    wait_until 60 influx_answers || start_failed influxdb "$INFLUX_LOG"
    influx_query "CREATE DATABASE $INFLUX_DB" >/dev/null || start_failed influxdb "$INFLUX_LOG"
    say "influxdb: started (pid $(cat "$INFLUX_PIDFILE"))"
}

# influx_query STATEMENT: POST to influxd directly; fails on an HTTP or statement error.
influx_query() {
    local out
    out=$(curl -sS --fail --max-time 10 -XPOST "http://127.0.0.1:$CH_INFLUX_PORT/query" \
        --data-urlencode "q=$1") || return 1
    [[ "$out" != *'"error"'* ]] || { warn "influxdb: $out"; return 1; }
    printf '%s\n' "$out"
}

influx_stop() { stop_pid influxdb "$INFLUX_PIDFILE" "$(influx_marker)"; }

influx_status() { service_status influxdb "$INFLUX_PIDFILE" "$(influx_marker)" "$CH_INFLUX_PORT" influx_answers; }
