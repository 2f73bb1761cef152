package home.connected.piagent.publish;

import java.time.Instant;

/** One reading as the agent publishes it: our JSON format's fields (docs/api.md, "MQTT"). */
public record Reading(String sensor, String quantity, double value, String unit, String location, Instant time) {}
