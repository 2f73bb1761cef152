#!/bin/bash
# healthcheck PORT PATH: exits 0 when http://127.0.0.1:PORT/PATH answers 200. Plain bash, so the
# runtime image needs no curl. Used by docker/compose.yaml (and docker run --health-cmd).
set -euo pipefail
port=$1 path=$2
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
IFS=' ' read -r -t 5 _ status _ <&3
[[ "$status" == 200 ]]
