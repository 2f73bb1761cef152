#!/bin/bash
# Scheduled backup, step 2 (InfluxDB 2.x image): `influx backup` of the whole instance (buckets and
# their metadata, with the operator token the chart initialised InfluxDB with) into the folder.
set -euo pipefail

name=$(cat "$WORK/name")
partial="$BACKUP_ROOT/.$name.partial"
[[ -d "$partial" ]] || { echo "error: $partial does not exist (step 1 failed?)" >&2; exit 1; }

started=$(date +%s)
influx backup "$partial/influxdb" --host "$CH_INFLUX_URL" --token "$CH_INFLUX_TOKEN"
{
    printf 'influxdb.format=influx-backup-2\n'
    printf 'influxdb.client=%s\n' "$(influx version)"
    printf 'influxdb.bucket=%s\n' "$CH_INFLUX_BUCKET"
    printf 'influxdb.dir=influxdb\n'
    printf 'influxdb.seconds=%s\n' "$(($(date +%s) - started))"
} >"$WORK/manifest.influxdb"
echo "influxdb: $CH_INFLUX_URL backed up into $partial/influxdb"
