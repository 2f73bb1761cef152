# nginx front for InfluxDB 1.x: serves the 2.x write endpoint (/api/v2/write) that
# influxdb-client-java uses, and demands the 2.x API token. Sourced, not executed.

NGINX_DIR="$STATE/nginx"
NGINX_CONF="$NGINX_DIR/nginx.conf"
NGINX_PIDFILE="$NGINX_DIR/nginx.pid"
NGINX_LOG="$NGINX_DIR/error.log"

nginx_marker() { printf '%s' "$NGINX_CONF"; }

nginx_answers() {
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
        "http://127.0.0.1:$CH_INFLUX_FRONT_PORT/ping") == 204 ]]
}

# /health answers like InfluxDB 1.8+/2.x; needs nginx's auth_request module to ask influxd first.
nginx_health_location() {
    if nginx -V 2>&1 | grep -q http_auth_request_module; then
        cat <<EOF
        location = /health {
            auth_request /ping;
            error_page 500 502 503 504 =503 @influxd_down;
            default_type application/json;
            alias $NGINX_DIR/health.json;
        }
        location @influxd_down {
            return 503 '{"name":"influxdb","message":"influxd does not answer","status":"fail","checks":[]}';
        }
EOF
    else
        printf '        location = /health { proxy_pass http://influxd/ping; }\n'
    fi
}

nginx_write_config() {
    local unauthorized='{"code":"unauthorized","message":"missing or wrong token: send Authorization: Token <CH_INFLUX_TOKEN>"}'
    local user_line=''
    is_root && user_line="user $(id -un) $(id -gn);"
    printf '%s\n' '{"name":"influxdb","message":"ready for queries and writes","status":"pass","checks":[]}' \
        >"$NGINX_DIR/health.json"
    (umask 077 && cat >"$NGINX_CONF") <<EOF
# Written by dev/services on every up; change the script, not this file.
# Holds the InfluxDB token, hence mode 600.
$user_line
worker_processes 1;
pid $NGINX_PIDFILE;
error_log $NGINX_LOG warn;
daemon on;

events { worker_connections 1024; }

http {
    access_log $NGINX_DIR/access.log;
    client_body_temp_path $NGINX_DIR/tmp/body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;
    server_tokens off;
    default_type application/json;
    client_max_body_size 0;
    # the token line in the map below is longer than the default bucket fits
    map_hash_bucket_size 128;

    upstream influxd {
        server 127.0.0.1:$CH_INFLUX_PORT;
        keepalive 16;
    }

    # 2.x precision names -> 1.x
    map \$arg_precision \$v1_precision { default ns; ns ns; us u; ms ms; s s; }
    # bucket "db" or "db/rp" (also URL-encoded, as the Java client sends it)
    map \$arg_bucket \$v1_db_rp {
        "~^(?<b_db>[^/%]+)(?:/|%2[Ff])(?<b_rp>.*)\$" "db=\$b_db&rp=\$b_rp";
        default "db=\$arg_bucket";
    }
    map \$http_authorization \$token_ok {
        default 0;
        "Token $CH_INFLUX_TOKEN" 1;
    }

    server {
        listen 127.0.0.1:$CH_INFLUX_FRONT_PORT;

        proxy_http_version 1.1;
        proxy_set_header Connection "";
        # influxd runs without auth; the token is checked here and not passed on.
        proxy_set_header Authorization "";
        proxy_request_buffering off;
        proxy_read_timeout 300s;

        location = /ping { proxy_pass http://influxd; }
$(nginx_health_location)

        location = /api/v2/write {
            if (\$token_ok = 0) { return 401 '$unauthorized'; }
            limit_except POST { deny all; }
            proxy_pass http://influxd/write?\$v1_db_rp&precision=\$v1_precision;
        }

        location / {
            if (\$token_ok = 0) { return 401 '$unauthorized'; }
            proxy_pass http://influxd;
        }
    }
}
EOF
}

nginx_start() {
    local pid
    if pid=$(our_pid "$NGINX_PIDFILE" "$(nginx_marker)"); then
        say "nginx: already running (pid $pid)"
        return 0
    fi
    rm -f "$NGINX_PIDFILE"
    require_port_free "$CH_INFLUX_FRONT_PORT" nginx
    mkdir -p "$NGINX_DIR/tmp"
    nginx_write_config
    local args=(-c "$NGINX_CONF" -p "$NGINX_DIR/" -e "$NGINX_LOG")
    nginx -t -q "${args[@]}" >>"$NGINX_LOG" 2>&1 || start_failed nginx "$NGINX_LOG"
    nginx "${args[@]}" >>"$NGINX_LOG" 2>&1 || start_failed nginx "$NGINX_LOG"
    wait_until 20 nginx_answers || start_failed nginx "$NGINX_LOG"
    say "nginx: started (pid $(cat "$NGINX_PIDFILE"))"
}

nginx_stop() { stop_pid nginx "$NGINX_PIDFILE" "$(nginx_marker)"; }

nginx_status() { service_status nginx "$NGINX_PIDFILE" "$(nginx_marker)" "$CH_INFLUX_FRONT_PORT" nginx_answers; }
