#!/bin/sh
# Creates the dynamic-security file with the admin client on first start; later starts keep
# the file (and every client the services created through the plugin).
set -eu
file=/mosquitto/data/dynamic-security.json
if [ -s "$file" ]; then
    echo "dynamic security: $file exists, kept"
    exit 0
fi
: "${MQTT_ADMIN_USER:?set MQTT_ADMIN_USER}"
: "${MQTT_ADMIN_PASSWORD:?set MQTT_ADMIN_PASSWORD}"
mosquitto_ctrl dynsec init "$file" "$MQTT_ADMIN_USER" "$MQTT_ADMIN_PASSWORD"
chmod 600 "$file"
echo "dynamic security: created $file with admin $MQTT_ADMIN_USER"
