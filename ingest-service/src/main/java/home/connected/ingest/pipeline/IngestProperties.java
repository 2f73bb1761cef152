package home.connected.ingest.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything the pipeline reads from {@code ch.ingest.*} in application.yml. */
@ConfigurationProperties("ch.ingest")
record IngestProperties(
        Mqtt mqtt, Influx influx, Writer writer, DeadLetter deadLetter, Stored stored, Devices devices) {

    /**
     * @param clientId base of the persistent sessions' client ids; connection i uses {@code clientId-i}
     * @param shareGroup the shared-subscription group; replicas with the same group split the stream.
     *     Empty: plain subscriptions on a single connection (Mosquitto 2.0 restores those after a
     *     broker restart, but not shared ones, so a shared group can miss what is published between
     *     the restart and the resubscription)
     * @param connections connections (each a shared-subscription member) in this process
     * @param receiveMaximum unacknowledged QoS 1 messages the broker may send per connection
     * @param provisionWithAdmin create the {@code username} client and its role through dynamic security
     */
    record Mqtt(
            String url,
            String username,
            String password,
            String clientId,
            String shareGroup,
            int connections,
            int receiveMaximum,
            Duration sessionExpiry,
            boolean provisionWithAdmin,
            String adminUsername,
            String adminPassword) {

        Mqtt {
            if ((shareGroup == null || shareGroup.isEmpty()) && connections > 1) {
                throw new IllegalArgumentException(
                        "ch.ingest.mqtt.connections > 1 needs a share-group, or every connection gets every message");
            }
        }

        boolean shared() {
            return shareGroup != null && !shareGroup.isEmpty();
        }

        /**
         * What connection {@code index} subscribes to: every filter, shared in the group when there
         * is one; with a group, the first connection also takes the per-replica filters unshared.
         */
        List<String> subscriptions(int index, List<String> filters, List<String> perReplica) {
            List<String> subscriptions = new ArrayList<>();
            for (String filter : filters) {
                subscriptions.add(shared() ? "$share/" + shareGroup + "/" + filter : filter);
            }
            if (shared() && index == 0) {
                subscriptions.addAll(perReplica);
            }
            return subscriptions;
        }
    }

    record Influx(String url, String token, String org, String bucket, String measurement) {}

    /**
     * @param maxBatchReadings a batch closes at this many readings (whole messages, so one big message may exceed it)
     * @param queueReadings readings decoded and waiting for a writer (or being written); when that many
     *     are, the consumer waits, and MQTT flow control holds the rest at the broker. This, not the
     *     broker's receive maximum, bounds the memory in flight
     */
    record Writer(int threads, int maxBatchReadings, int queueReadings, Duration initialBackoff, Duration maxBackoff) {}

    /**
     * Rejections go to {@link home.connected.contracts.Topics#deadLetter}.
     *
     * @param maxPayloadBytes the original payload is cut to this size in the dead letter
     */
    record DeadLetter(int maxPayloadBytes, Duration logInterval) {}

    /**
     * @param enabled announce every stored reading on {@link home.connected.contracts.Topics#stored},
     *     where query-service's live stream listens
     * @param probeInterval how often to ask the broker whether anyone subscribes to them; in between,
     *     they are skipped while nobody does
     */
    record Stored(boolean enabled, Duration probeInterval) {}

    /**
     * The per-device gauges (ingest_device_*): at most {@code maxTracked} devices, each dropped once
     * silent for {@code forgetAfter}.
     */
    record Devices(int maxTracked, Duration forgetAfter) {}
}
