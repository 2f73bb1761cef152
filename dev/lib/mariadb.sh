# Private MariaDB instance for dev/services. Sourced, not executed.

MARIADB_DIR="$STATE/mariadb"
MARIADB_DATA="$MARIADB_DIR/data"
MARIADB_SOCKET="$MARIADB_DIR/mariadb.sock"
MARIADB_PIDFILE="$MARIADB_DIR/mariadbd.pid"
MARIADB_LOG="$MARIADB_DIR/mariadb.err"
MARIADB_DB=connected_home
MARIADB_USER=connected_home

mariadb_marker() { printf '%s' "--datadir=$MARIADB_DATA"; }

# Root over the socket; --no-defaults keeps ~/.my.cnf and /etc/mysql (the system server) out.
mariadb_root() {
    mariadb --no-defaults --socket="$MARIADB_SOCKET" --user=root "$@"
}

mariadb_answers() {
    timeout 5 mariadb-admin --no-defaults --socket="$MARIADB_SOCKET" --user=root \
        --connect-timeout=3 ping >/dev/null 2>&1
}

mariadb_start() {
    local pid
    if pid=$(our_pid "$MARIADB_PIDFILE" "$(mariadb_marker)"); then
        say "mariadb: already running (pid $pid)"
        return 0
    fi
    rm -f "$MARIADB_PIDFILE"
    ((${#MARIADB_SOCKET} < 100)) || die "mariadb: socket path too long for a unix socket: $MARIADB_SOCKET"
    require_port_free "$CH_MARIADB_PORT" mariadb
    mkdir -p "$MARIADB_DIR"

    local as_user=()
    is_root && as_user=(--user=root)

    # A data dir without the marker is a half-finished bootstrap: start it over.
    if [[ ! -e "$MARIADB_DIR/.installed" ]]; then
        rm -rf "$MARIADB_DATA"
        say "mariadb: initialising data directory"
        mariadb-install-db --no-defaults --datadir="$MARIADB_DATA" "${as_user[@]}" \
            --auth-root-authentication-method=normal --skip-test-db \
            >"$MARIADB_DIR/install.log" 2>&1 || start_failed mariadb "$MARIADB_DIR/install.log"
        touch "$MARIADB_DIR/.installed"
    fi

    setsid -f mariadbd --no-defaults \
        --datadir="$MARIADB_DATA" \
        --socket="$MARIADB_SOCKET" \
        --port="$CH_MARIADB_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
        --pid-file="$MARIADB_PIDFILE" --log-error="$MARIADB_LOG" \
        --innodb-buffer-pool-size=32M --innodb-log-buffer-size=4M \
        --aria-pagecache-buffer-size=16M --key-buffer-size=8M \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        "${as_user[@]}" </dev/null >>"$MARIADB_LOG" 2>&1
    wait_until 90 mariadb_answers || start_failed mariadb "$MARIADB_LOG"
    mariadb_provision || start_failed mariadb "$MARIADB_LOG"
    say "mariadb: started (pid $(cat "$MARIADB_PIDFILE"))"
}

# Database and application user; safe to repeat, keeps the password in sync with secrets.env.
mariadb_provision() {
    local pw=${CH_MARIADB_PASSWORD//\'/\'\'} extra
    # mariadb-install-db also creates root@127.0.0.1, root@::1, root@<hostname> and anonymous
    # users with empty passwords; drop them so the only root is the one on our socket.
    extra=$(mariadb_root --batch --skip-column-names -e \
        "SELECT CONCAT(QUOTE(User),'@',QUOTE(Host)) FROM mysql.global_priv
         WHERE User='' OR (User='root' AND Host<>'localhost')" | paste -sd, -) || return 1
    mariadb_root <<SQL
${extra:+DROP USER IF EXISTS $extra;}
CREATE DATABASE IF NOT EXISTS \`$MARIADB_DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$MARIADB_USER'@'127.0.0.1' IDENTIFIED BY '$pw';
CREATE USER IF NOT EXISTS '$MARIADB_USER'@'localhost' IDENTIFIED BY '$pw';
ALTER USER '$MARIADB_USER'@'127.0.0.1' IDENTIFIED BY '$pw';
ALTER USER '$MARIADB_USER'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL ON \`$MARIADB_DB\`.* TO '$MARIADB_USER'@'127.0.0.1', '$MARIADB_USER'@'localhost';
-- scratch databases for tests: connected_home_<anything>
GRANT ALL ON \`connected\\_home\\_%\`.* TO '$MARIADB_USER'@'127.0.0.1', '$MARIADB_USER'@'localhost';
SQL
}

mariadb_stop() { stop_pid mariadb "$MARIADB_PIDFILE" "$(mariadb_marker)"; }

mariadb_status() { service_status mariadb "$MARIADB_PIDFILE" "$(mariadb_marker)" "$CH_MARIADB_PORT" mariadb_answers; }
