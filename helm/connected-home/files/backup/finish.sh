#!/bin/bash
# Scheduled backup, last step: manifest and checksums, the folder renamed to its final name only
# now (a backup under a connected-home-* name is complete), and only the newest BACKUP_KEEP kept.
set -euo pipefail

name=$(cat "$WORK/name")
partial="$BACKUP_ROOT/.$name.partial"
[[ -s "$partial/mariadb.sql.gz" ]] || { echo "error: $partial has no MariaDB dump" >&2; exit 1; }

{
    printf 'format=connected-home-backup/1\n'
    printf 'created=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'host=%s\n' "$BACKUP_SOURCE"
    printf 'project=%s\n' "$BACKUP_PROJECT_VERSION"
    cat "$WORK/manifest.mariadb"
    if [[ -r "$WORK/manifest.influxdb" ]]; then
        cat "$WORK/manifest.influxdb"
    else
        printf 'influxdb.format=none\n'
    fi
    printf 'mosquitto.dynsec=no\n'
} >"$partial/manifest"
(cd "$partial" && find . -type f ! -name manifest -printf 'size.%P=%s\n' | sort) >>"$partial/manifest"
(cd "$partial" && find . -type f ! -name SHA256SUMS -printf '%P\n' | sort | xargs -d '\n' sha256sum) \
    >"$partial/SHA256SUMS"
sync
mv "$partial" "$BACKUP_ROOT/$name"
echo "backup complete: $name ($(du -sb "$BACKUP_ROOT/$name" | cut -f1) bytes)"

if ((BACKUP_KEEP > 0)); then
    find "$BACKUP_ROOT" -mindepth 1 -maxdepth 1 -type d -name 'connected-home-*' -printf '%f\n' | sort -r |
        tail -n +$((BACKUP_KEEP + 1)) | while IFS= read -r old; do
        rm -rf "${BACKUP_ROOT:?}/$old"
        echo "removed old backup $old (keeping the newest $BACKUP_KEEP)"
    done
fi
