package home.connected.bench;

import java.util.Map;

/** Where the running dev services are, from the {@code CH_*} variables ({@code ./dev/services env}). */
record Services(
        String mqttUrl,
        String mqttAdminUser,
        String mqttAdminPassword,
        String influxUrl,
        String influxToken,
        String influxOrg,
        String influxBucket,
        String influxDirectUrl) {

    static Services fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new Services(
                require(env, "CH_MQTT_URL"),
                require(env, "CH_MQTT_ADMIN_USER"),
                require(env, "CH_MQTT_ADMIN_PASSWORD"),
                require(env, "CH_INFLUX_URL"),
                require(env, "CH_INFLUX_TOKEN"),
                require(env, "CH_INFLUX_ORG"),
                require(env, "CH_INFLUX_BUCKET"),
                require(env, "CH_INFLUX_DIRECT_URL"));
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run through ./dev/bench with the dev services up");
        }
        return value;
    }
}
