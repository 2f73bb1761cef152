# The Connected Home applications dev/run starts, in start order: module name and the
# ports.env variable of its HTTP (actuator) port. Sourced, not executed.

APPS=(
    auth-service:CH_AUTH_HTTP_PORT
    query-service:CH_QUERY_HTTP_PORT
    alert-service:CH_ALERT_HTTP_PORT
    ingest-service:CH_INGEST_HTTP_PORT
    gateway-service:CH_GATEWAY_HTTP_PORT
    sensor-agent:CH_AGENT_HTTP_PORT
)

# Each application's JVM options live in <module>/jvm.options (a java @argument file), sized by
# ./dev/bench footprint so that the whole system fits a 2 GB home server.
app_java_opts() {
    printf '@%s\n' "$ROOT/$1/jvm.options"
}

app_jar() {
    local app=$1 jar
    for jar in "$ROOT/$app"/target/"$app"-*.jar; do
        [[ -f "$jar" ]] && { printf '%s\n' "$jar"; return 0; }
    done
    return 1
}

app_ready() {
    curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/actuator/health/readiness"
}
