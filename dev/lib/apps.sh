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
# ./dev/bench footprint so that the whole system fits a 2 GB home server. CH_JAVA_OPTS_<MODULE>
# (e.g. CH_JAVA_OPTS_GATEWAY_SERVICE="-XX:NativeMemoryTracking=summary") adds to one module's.
# Prints one option per line.
app_java_opts() {
    local extra_var
    extra_var="CH_JAVA_OPTS_$(tr 'a-z-' 'A-Z_' <<<"$1")"
    printf '@%s\n' "$ROOT/$1/jvm.options"
    [[ -z "${!extra_var:-}" ]] || tr -s ' ' '\n' <<<"${!extra_var}"
}

# glibc gives a process up to 8 malloc arenas per core; a JVM's many threads spread over them and
# each keeps freed memory of its own: two arenas take 20-40 MB less RSS per JVM here.
export MALLOC_ARENA_MAX=2

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
