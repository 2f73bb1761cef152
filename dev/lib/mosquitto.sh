# Private Mosquitto broker with the dynamic-security plugin. Sourced, not executed.

MOSQUITTO_DIR="$STATE/mosquitto"
MOSQUITTO_CONF="$MOSQUITTO_DIR/mosquitto.conf"
MOSQUITTO_DYNSEC="$MOSQUITTO_DIR/dynamic-security.json"
MOSQUITTO_PIDFILE="$MOSQUITTO_DIR/mosquitto.pid"
MOSQUITTO_LOG="$MOSQUITTO_DIR/mosquitto.log"
MQTT_ADMIN_USER=ch-admin

mosquitto_marker() { printf '%s' "$MOSQUITTO_CONF"; }

mosquitto_plugin_path() {
    local candidates
    candidates=$(compgen -G '/usr/lib/*/mosquitto_dynamic_security.so' || compgen -G '/usr/lib/mosquitto_dynamic_security.so') \
        || die "mosquitto: mosquitto_dynamic_security.so not found (package mosquitto)"
    printf '%s\n' "$candidates" | head -n 1
}

# A request/response round trip through the broker as the admin: proves the listener,
# authentication and the plugin.
mosquitto_answers() {
    [[ -n "${CH_MQTT_ADMIN_PASSWORD:-}" ]] || return 1
    timeout 5 mosquitto_ctrl -h 127.0.0.1 -p "$CH_MQTT_PORT" \
        -u "$MQTT_ADMIN_USER" -P "$CH_MQTT_ADMIN_PASSWORD" dynsec listClients >/dev/null 2>&1
}

# The queue, in-flight and packet limits, from the one block the chart's broker uses too.
mosquitto_limits() {
    sed -n '/^# --- broker limits/,/^# --- end of broker limits/p' "$ROOT/helm/connected-home/files/mosquitto.conf"
}

mosquitto_write_config() {
    local plugin
    plugin=$(mosquitto_plugin_path)
    cat >"$MOSQUITTO_CONF" <<EOF
# Written by dev/services on every up; change the script, not this file.
per_listener_settings false
allow_anonymous false
listener $CH_MQTT_PORT 127.0.0.1

# The broker must be able to write the dynamic-security file, otherwise changes made
# through \$CONTROL live only in memory and are lost on restart.
user $(id -un)
pid_file $MOSQUITTO_PIDFILE

persistence true
persistence_location $MOSQUITTO_DIR/data/
autosave_interval 60
persistent_client_expiration 7d

log_dest file $MOSQUITTO_LOG
log_type error
log_type warning
log_type notice
log_type information
log_timestamp_format %Y-%m-%dT%H:%M:%S
connection_messages true

plugin $plugin
plugin_opt_config_file $MOSQUITTO_DYNSEC

$(mosquitto_limits)
EOF
}

mosquitto_start() {
    local pid
    if pid=$(our_pid "$MOSQUITTO_PIDFILE" "$(mosquitto_marker)"); then
        say "mosquitto: already running (pid $pid)"
        return 0
    fi
    rm -f "$MOSQUITTO_PIDFILE"
    require_port_free "$CH_MQTT_PORT" mosquitto
    mkdir -p "$MOSQUITTO_DIR/data"
    mosquitto_write_config
    if [[ ! -e "$MOSQUITTO_DYNSEC" ]]; then
        mosquitto_ctrl dynsec init "$MOSQUITTO_DYNSEC" "$MQTT_ADMIN_USER" "$CH_MQTT_ADMIN_PASSWORD" \
            >>"$MOSQUITTO_LOG" 2>&1 || start_failed mosquitto "$MOSQUITTO_LOG"
        chmod 600 "$MOSQUITTO_DYNSEC"
    fi
    mosquitto -c "$MOSQUITTO_CONF" -d >>"$MOSQUITTO_LOG" 2>&1 || start_failed mosquitto "$MOSQUITTO_LOG"
    if ! wait_until 30 mosquitto_answers; then
        warn "mosquitto: the admin '$MQTT_ADMIN_USER' cannot use the broker; if secrets.env was" \
             "recreated after dynamic-security.json, run ./dev/services reset"
        start_failed mosquitto "$MOSQUITTO_LOG"
    fi
    say "mosquitto: started (pid $(cat "$MOSQUITTO_PIDFILE"))"
}

mosquitto_stop() { stop_pid mosquitto "$MOSQUITTO_PIDFILE" "$(mosquitto_marker)"; }

mosquitto_status() { service_status mosquitto "$MOSQUITTO_PIDFILE" "$(mosquitto_marker)" "$CH_MQTT_PORT" mosquitto_answers; }
