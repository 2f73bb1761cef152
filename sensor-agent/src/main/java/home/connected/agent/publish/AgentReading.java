package home.connected.agent.publish;

import java.time.Instant;

/** One measured value, as the agent publishes it in our JSON format. */
public record AgentReading(String sensor, String quantity, double value, String unit, Instant time) {}
