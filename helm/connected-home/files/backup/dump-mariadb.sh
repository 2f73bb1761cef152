#!/bin/bash
# Scheduled backup, step 1 (MariaDB image): a folder under a temporary name on the backup volume,
# and the services' database dumped into it in one transaction (no lock on the live system).
set -euo pipefail

name=connected-home-$(date -u +%Y%m%dT%H%M%SZ)
# One job at a time (concurrencyPolicy: Forbid): a partial folder is what a failed run left.
rm -rf "$BACKUP_ROOT"/.connected-home-*.partial
partial="$BACKUP_ROOT/.$name.partial"
mkdir -p "$partial"
printf '%s\n' "$name" >"$WORK/name"

[[ "$CH_MARIADB_URL" =~ ^jdbc:(mariadb|mysql)://([^/:?]+)(:([0-9]+))?/([A-Za-z0-9_]+)([?].*)?$ ]] || {
    echo "error: CH_MARIADB_URL is not jdbc:mariadb://HOST[:PORT]/DATABASE: $CH_MARIADB_URL" >&2
    exit 1
}
database=${BASH_REMATCH[5]}
umask 077
# The password reaches the clients in a file, never on a command line.
printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword="%s"\ndefault-character-set=utf8mb4\n' \
    "${BASH_REMATCH[2]}" "${BASH_REMATCH[4]:-3306}" "$CH_MARIADB_USER" \
    "$(sed 's/\\/\\\\/g; s/"/\\"/g' <<<"$CH_MARIADB_PASSWORD")" >"$WORK/client.cnf"

started=$(date +%s)
mariadb-dump --defaults-file="$WORK/client.cnf" --single-transaction --quick --routines --triggers \
    --hex-blob --add-drop-table --skip-dump-date --default-character-set=utf8mb4 \
    "$database" | gzip -6 >"$partial/mariadb.sql.gz"
{
    printf 'mariadb.server=%s\n' "$(mariadb --defaults-file="$WORK/client.cnf" -N -B -e 'SELECT VERSION()')"
    printf 'mariadb.dump=%s\n' "$(mariadb-dump --version)"
    printf 'mariadb.database=%s\n' "$database"
    printf 'mariadb.tables=%s\n' "$(mariadb --defaults-file="$WORK/client.cnf" -N -B -e \
        "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$database'")"
    printf 'mariadb.file=mariadb.sql.gz\n'
    printf 'mariadb.seconds=%s\n' "$(($(date +%s) - started))"
} >"$WORK/manifest.mariadb"
rm -f "$WORK/client.cnf"
echo "mariadb: '$database' dumped into $partial ($(stat -c %s "$partial/mariadb.sql.gz") bytes compressed)"
